//! The labels explained in open source terms, how they apply when the recipient is one person,
//! the reverse question ("I received X — what may I do?"), and the channel check.

use leptos::prelude::*;

use crate::model::decide::{check_channel, marking, received, Channel};
use crate::model::tlp::Tlp;
use crate::ui::channels::{channels, ProjectChannels};
use crate::ui::link::RouteLink;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::tlp_badge::TlpBadge;

/// Who each label reaches when a project is the source, in plain words.
fn in_project_terms(label: Tlp) -> &'static str {
    match label {
        Tlp::Red => "The few people handling the matter right now, for example the code of conduct responders and \
                     the person who reported, or the two maintainers on the call.",
        Tlp::AmberStrict => "The project's formal governance: core team, steering council, security or moderation \
                             team, or the foundation's staff where a foundation is the legal home.",
        Tlp::Amber => "The project's governance, plus those who must act to protect themselves: downstream packagers, \
                       maintainers of affected projects, affected contributors, the platform's trust and safety team.",
        Tlp::Green => "A closed group with controlled membership: the private maintainers list, a members-only forum, \
                       a private channel whose members are known.",
        Tlp::Clear => "Anywhere archived or open to join: public trackers, open chat rooms, public mailing lists, \
                       social media.",
    }
}

/// The reference page.
#[component]
pub fn LabelsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let select_id = state.dom_id("received");
    let got = RwSignal::new(Tlp::Amber);
    let rows = Tlp::ALL
        .into_iter()
        .map(|t| {
            view! {
                <tr>
                    <th scope="row"><TlpBadge tlp=t /></th>
                    <td>{t.audience_summary()}</td>
                    <td>{in_project_terms(t)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="cc-page cc-labels">
            <h1>"The Traffic Light Protocol, for open source"</h1>
            <p class="cc-lead">
                "A label says how widely information may travel. The person or group who shares it (the source) "
                "chooses the label and makes sure the people receiving it understand it. This is TLP 2.0 by FIRST, "
                "read in open source terms. "
                <a href="https://www.first.org/tlp/" rel="noopener noreferrer" target="_blank">"The standard itself is at first.org/tlp."</a>
            </p>
            <p>
                "Not sure which label fits? "
                <RouteLink route=Route::Decide>"Answer a few questions"</RouteLink>
                "."
            </p>
            <div class="cc-table-wrap">
                <table class="cc-table">
                    <caption>"Four labels, one of them with a stricter form (TLP:AMBER+STRICT), from most to least restricted"</caption>
                    <thead><tr><th scope="col">"Label"</th><th scope="col">"Who may receive it"</th><th scope="col">"When your project sends it"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h2>"The rules"</h2>
            <ul>
                <li>"The source picks the label. Recipients keep it when they pass the information on."</li>
                <li>"A recipient never loosens a label. To share more widely, ask the source and wait for their yes."</li>
                <li>
                    "The source may add a restriction or a permission of its own. It stands right next to the label, "
                    "and nobody else may remove it."
                </li>
                <li>"A channel anyone can join is public, however small or friendly it feels."</li>
                <li>"TLP is an agreement between people. It is not a law, not a contract, and not encryption."</li>
            </ul>
            <h2>"When the recipient is one person"</h2>
            <p>
                "TLP speaks of organizations. When you send something to one person, their organization is the group "
                "they act for in this matter: their team, their company, their project's governance. If they act "
                "alone, it is just them."
            </p>
            <ul class="cc-one-person">
                <li>"TLP:RED: only that person. They pass it on to no one."</li>
                <li>
                    "TLP:AMBER+STRICT to a volunteer on a security team: they keep it to themselves and those in that team "
                    "who need it. If they act alone, they keep it to themselves."
                </li>
                <li>
                    "TLP:AMBER: the same, and they may also tell the people they serve, such as the users of a package "
                    "they maintain, what those people need to protect themselves."
                </li>
                <li>"TLP:GREEN: peers and partners they trust, never in a public channel."</li>
                <li>
                    "Want them to be able to show it to someone, such as a person who supports them? Say so right next "
                    "to the label, or choose a label that allows it. A person's own experience is theirs to tell: the label "
                    "covers what you sent, not what happened to them."
                </li>
            </ul>
            <h2>"Where the label goes"</h2>
            <ul>{marking(Tlp::Amber).into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            <p class="cc-help">"The examples use TLP:AMBER; the same goes for every label."</p>
            <h2>"I received something with a label. What may I do?"</h2>
            <p>
                <label for=select_id.clone()>"The label on it: "</label>
                <select id=select_id class="cc-received" on:change=move |ev| {
                    if let Ok(t) = event_target_value(&ev).parse() { got.set(t) }
                }>
                    {Tlp::ALL.into_iter().map(|t| view! { <option value=t.as_str() selected=t == Tlp::Amber>{t.as_str()}</option> }).collect_view()}
                </select>
            </p>
            <ul class="cc-received-guidance" aria-live="polite">
                {move || received(got.get()).into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
            </ul>
            <ChannelCheck label=None />
            <ProjectChannels />
        </div>
    }
}

/// Checks whether a channel can carry a label. With `label`, the label is fixed; without, the
/// user picks it too.
#[component]
pub fn ChannelCheck(#[prop(into)] label: Option<Tlp>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let channel_id = state.dom_id(&format!("channel-{}", label.map_or("any", |l| l.slug())));
    let label_id = state.dom_id("channel-label");
    let channel = RwSignal::new(None::<Channel>);
    // One of the project's own channels, by id, when one is chosen instead of a kind.
    let own = RwSignal::new(None::<String>);
    let list = Memo::new(move |_| channels(state));
    let chosen = RwSignal::new(label.unwrap_or(Tlp::Green));
    let label_picker = label.is_none().then(|| {
        view! {
            <p>
                <label for=label_id.clone()>"The label: "</label>
                <select id=label_id class="cc-channel-label" on:change=move |ev| {
                    if let Ok(t) = event_target_value(&ev).parse() { chosen.set(t) }
                }>
                    {Tlp::ALL.into_iter().map(|t| view! { <option value=t.as_str() selected=t == Tlp::Green>{t.as_str()}</option> }).collect_view()}
                </select>
            </p>
        }
    });
    view! {
        <div class="cc-channel-check">
            <h3>"Can this channel carry it?"</h3>
            {label_picker}
            <p>
                <label for=channel_id.clone()>"The channel: "</label>
                <select id=channel_id class="cc-channel" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    channel.set(Channel::ALL.into_iter().find(|c| c.key() == key));
                    own.set(key.strip_prefix("project:").map(str::to_owned));
                }>
                    <option value="">"Choose…"</option>
                    {Channel::ALL.into_iter().map(|c| view! { <option value=c.key()>{c.title()}</option> }).collect_view()}
                    {move || list.with(|l| !l.is_empty()).then(|| view! {
                        <optgroup label="Your project's channels">
                            {list.get().into_iter().map(|c| view! { <option value=format!("project:{}", c.id)>{c.name}</option> }).collect_view()}
                        </optgroup>
                    })}
                </select>
            </p>
            <p class="cc-channel-verdict" role="status">
                {move || {
                    let label = chosen.get();
                    let project = own.get().and_then(|id| list.with(|l| l.iter().find(|c| c.id == id).map(|c| c.check(label))));
                    project.or_else(|| channel.get().map(|c| check_channel(c, label))).map(|check| {
                        view! { <span class:cc-no=!check.fits class:cc-yes=check.fits>{check.why}</span> }
                    })
                }}
            </p>
        </div>
    }
}

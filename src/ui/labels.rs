//! The labels explained in open source terms, how they apply when the recipient is one person,
//! the reverse question ("I received X — what may I do?"), and the channel check.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::model::decide::{check_channel, marking, received, Channel};
use crate::model::tlp::{explained, Tlp};
use crate::ui::channels::{channels, ProjectChannels};
use crate::ui::link::RouteLink;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::tlp_badge::TlpBadge;
use crate::ui::vocabulary;

/// The reference page.
#[component]
pub fn LabelsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let select_id = state.dom_id("received");
    let got = RwSignal::new(Tlp::Amber);
    let rows = Tlp::ALL
        .into_iter()
        .map(|t| {
            view! {
                <tr>
                    <th scope="row"><TlpBadge tlp=t /></th>
                    <td>{t.audience_summary()}</td>
                    <td>{t.in_project_terms()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="cc-page cc-labels">
            <h1>{explained::TITLE}</h1>
            <p class="cc-lead">
                {explained::LEAD}
                <a href=explained::STANDARD.1 rel="noopener noreferrer" target="_blank">{explained::STANDARD.0}</a>
            </p>
            <p>
                {explained::NOT_SURE}
                <RouteLink route=Route::Decide>{explained::NOT_SURE_LINK}</RouteLink>
                "."
            </p>
            <div class="cc-table-wrap" tabindex="0" role="region" aria-label=explained::CAPTION>
                <table class="cc-table">
                    <caption>{explained::CAPTION}</caption>
                    <thead><tr>{explained::COLUMNS.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h2>{explained::RULES_TITLE}</h2>
            <ul>{explained::RULES.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            <h2>{explained::ONE_PERSON_TITLE}</h2>
            <p>{explained::ONE_PERSON_INTRO}</p>
            <ul class="cc-one-person">{explained::ONE_PERSON.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            <h2>{explained::MARKING_TITLE}</h2>
            <ul>{marking(Tlp::Amber).into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            <p class="cc-help">{explained::MARKING_HELP}</p>
            <h2>{explained::RECEIVED_TITLE}</h2>
            <p>
                <label for=select_id.clone()>{move || t_string!(i18n, labels.received_label)} " "</label>
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
    let i18n = use_i18n();
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
                <label for=label_id.clone()>{move || t_string!(i18n, labels.label)} " "</label>
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
            <h3>{move || t_string!(i18n, labels.can_carry)}</h3>
            {label_picker}
            <p>
                <label for=channel_id.clone()>{move || t_string!(i18n, labels.channel)} " "</label>
                <select id=channel_id class="cc-channel" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    channel.set(Channel::ALL.into_iter().find(|c| c.key() == key));
                    own.set(key.strip_prefix("project:").map(str::to_owned));
                }>
                    <option value="">{move || t_string!(i18n, labels.choose)}</option>
                    {Channel::ALL.into_iter().map(|c| view! { <option value=c.key()>{move || vocabulary::channel(c, i18n.get_locale())}</option> }).collect_view()}
                    {move || list.with(|l| !l.is_empty()).then(|| view! {
                        <optgroup label=move || t_string!(i18n, labels.project_channels)>
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

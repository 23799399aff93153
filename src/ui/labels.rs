//! The labels explained in open source terms, how they apply when the recipient is one person,
//! the reverse question ("I received X — what may I do?"), and the channel check.

use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::model::decide::{check_channel, Channel};
use crate::model::tlp::{Tlp, STANDARD_URL};
use crate::ui::channels::{channels, ProjectChannels};
use crate::ui::link::RouteLink;
use crate::ui::reasons;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::tlp_badge::TlpBadge;
use crate::ui::vocabulary;

/// Who may receive information with `label`, in `locale`: FIRST's rule in plain words (the
/// labels page's table, the label framework's result and a printed record's label line).
pub fn audience(locale: Locale, label: Tlp) -> &'static str {
    match label {
        Tlp::Red => td_string!(locale, labels.audience_red),
        Tlp::AmberStrict => td_string!(locale, labels.audience_amber_strict),
        Tlp::Amber => td_string!(locale, labels.audience_amber),
        Tlp::Green => td_string!(locale, labels.audience_green),
        Tlp::Clear => td_string!(locale, labels.audience_clear),
    }
}

/// Who each label reaches when a project is the source, in `locale`.
fn in_project_terms(locale: Locale, label: Tlp) -> &'static str {
    match label {
        Tlp::Red => td_string!(locale, labels.project_red),
        Tlp::AmberStrict => td_string!(locale, labels.project_amber_strict),
        Tlp::Amber => td_string!(locale, labels.project_amber),
        Tlp::Green => td_string!(locale, labels.project_green),
        Tlp::Clear => td_string!(locale, labels.project_clear),
    }
}

/// Where `label` is written, in the interface's language (the labels page and the label
/// framework's result).
pub fn marking(i18n: I18nContext<Locale>, label: Tlp) -> [String; 5] {
    [
        t_string!(i18n, labels.marking_subject, label).to_string(),
        t_string!(i18n, labels.marking_before, label).to_string(),
        t_string!(i18n, labels.marking_end, label).to_string(),
        t_string!(i18n, labels.marking_document, label).to_string(),
        t_string!(i18n, labels.marking_spoken, label).to_string(),
    ]
}

/// What a recipient may do with information that carries `label`, in the interface's language.
/// The rule itself says in other words what a copied message's label line says in English
/// (`Tlp::recipient_rule`).
fn received(i18n: I18nContext<Locale>, label: Tlp) -> Vec<String> {
    let mut out = vec![recipient_rule(i18n.get_locale(), label).to_owned()];
    if label != Tlp::Clear {
        out.push(t_string!(i18n, labels.received_ask, label).to_string());
        out.push(t_string!(i18n, labels.received_keep, label).to_string());
    }
    out.push(t_string!(i18n, labels.received_agreement).to_string());
    out
}

/// What a recipient may do with information that carries `label`, in `locale`: the labels
/// page's rule, and the line beside the label of a message written in that language.
pub fn recipient_rule(locale: Locale, label: Tlp) -> &'static str {
    match label {
        Tlp::Red => td_string!(locale, labels.recipient_red),
        Tlp::AmberStrict => td_string!(locale, labels.recipient_amber_strict),
        Tlp::Amber => td_string!(locale, labels.recipient_amber),
        Tlp::Green => td_string!(locale, labels.recipient_green),
        Tlp::Clear => td_string!(locale, labels.recipient_clear),
    }
}

/// The rules of TLP in plain words.
fn rules(i18n: I18nContext<Locale>) -> [&'static str; 5] {
    [
        t_string!(i18n, labels.rule_1),
        t_string!(i18n, labels.rule_2),
        t_string!(i18n, labels.rule_3),
        t_string!(i18n, labels.rule_4),
        t_string!(i18n, labels.rule_5),
    ]
}

/// Each label sent to one person.
fn one_person(i18n: I18nContext<Locale>) -> [&'static str; 5] {
    [
        t_string!(i18n, labels.one_person_1),
        t_string!(i18n, labels.one_person_2),
        t_string!(i18n, labels.one_person_3),
        t_string!(i18n, labels.one_person_4),
        t_string!(i18n, labels.one_person_5),
    ]
}

/// Items of a list, one `<li>` each.
fn items<S: ToString>(texts: impl IntoIterator<Item = S>) -> impl IntoView {
    texts.into_iter().map(|t| view! { <li>{t.to_string()}</li> }).collect_view()
}

/// The reference page, in the interface's language; the labels themselves are FIRST's in every
/// language.
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
                    <td>{move || audience(i18n.get_locale(), t)}</td>
                    <td>{move || in_project_terms(i18n.get_locale(), t)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="cc-page cc-labels">
            <h1>{move || t_string!(i18n, labels.title)}</h1>
            <p class="cc-lead">
                {move || t_string!(i18n, labels.lead)} " "
                <a href=STANDARD_URL rel="noopener noreferrer" target="_blank">{move || t_string!(i18n, labels.standard)}</a>
            </p>
            <p>
                {move || t_string!(i18n, labels.not_sure)} " "
                <RouteLink route=Route::Decide>{move || t_string!(i18n, labels.not_sure_link)}</RouteLink>
                "."
            </p>
            <div class="cc-table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, labels.caption)>
                <table class="cc-table">
                    <caption>{move || t_string!(i18n, labels.caption)}</caption>
                    <thead><tr>
                        <th scope="col">{move || t_string!(i18n, labels.column_label)}</th>
                        <th scope="col">{move || t_string!(i18n, labels.column_who)}</th>
                        <th scope="col">{move || t_string!(i18n, labels.column_project)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h2>{move || t_string!(i18n, labels.rules_title)}</h2>
            <ul>{move || items(rules(i18n))}</ul>
            <h2>{move || t_string!(i18n, labels.one_person_title)}</h2>
            <p>{move || t_string!(i18n, labels.one_person_intro)}</p>
            <ul class="cc-one-person">{move || items(one_person(i18n))}</ul>
            <h2>{move || t_string!(i18n, labels.marking_title)}</h2>
            <ul>{move || items(marking(i18n, Tlp::Amber))}</ul>
            <p class="cc-help">{move || t_string!(i18n, labels.marking_help)}</p>
            <h2>{move || t_string!(i18n, labels.received_title)}</h2>
            <p>
                <label for=select_id.clone()>{move || t_string!(i18n, labels.received_label)} " "</label>
                <select id=select_id class="cc-received" on:change=move |ev| {
                    if let Ok(t) = event_target_value(&ev).parse() { got.set(t) }
                }>
                    {Tlp::ALL.into_iter().map(|t| view! { <option value=t.as_str() selected=t == Tlp::Amber>{t.as_str()}</option> }).collect_view()}
                </select>
            </p>
            <ul class="cc-received-guidance" aria-live="polite">
                {move || items(received(i18n, got.get()))}
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
                        view! { <span class:cc-no=!check.fits class:cc-yes=check.fits>{reasons::check(&check, i18n.get_locale())}</span> }
                    })
                }}
            </p>
        </div>
    }
}

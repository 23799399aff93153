//! Message templates of a scenario: placeholders filled once, each message shown filled in
//! with its label in place, and copied in one click.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::model::channels::ProjectChannel;
use crate::model::checklist::{Scenario, Template};
use crate::model::decide::ChannelCheck;
use crate::model::parse::placeholder_names;
use crate::model::template::{compose_in, exercise_message, MessageWords};
use crate::model::timeline::How;
use crate::model::tlp::Tlp;
use crate::ui::channels::{ChannelSelect, ChannelWarning};
use crate::ui::clipboard::copy_text;
use crate::ui::language::TextLang;
use crate::ui::state::AppState;
use crate::ui::timeline::{log_entry, new_entry, now, parse_local};
use crate::ui::tlp_badge::TlpBadge;
use crate::ui::vocabulary::audiences;

/// The templates part of a scenario page.
#[component]
pub fn Templates(scenario: Arc<Scenario>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let heading = state.dom_id("templates");
    let fields = scenario
        .placeholders
        .iter()
        .map(|p| {
            let input_id = state.dom_id(&format!("value-{}", p.name));
            let (sid, name) = (scenario.id.clone(), p.name.clone());
            let value = Memo::new(move |_| {
                state.saved.with(|s| s.progress_for(&sid).and_then(|pr| pr.values.get(&name).cloned()).unwrap_or_default())
            });
            let (sid, name) = (scenario.id.clone(), p.name.clone());
            let on_input = move |ev: leptos::ev::Event| {
                let text = event_target_value(&ev);
                state.update_progress(&sid, |pr| {
                    pr.values.insert(name.clone(), text);
                });
            };
            let example = p.example.clone();
            let hint = move || {
                if example.is_empty() {
                    String::new()
                } else {
                    t_string!(i18n, templates.example, example = example.clone())
                }
            };
            view! {
                <div class="cc-field">
                    <label for=input_id.clone()><span lang=TextLang::here()>{p.description.clone()}</span> " " <code>{format!("{{{}}}", p.name)}</code></label>
                    <input
                        id=input_id
                        type="text"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        placeholder=hint
                        prop:value=move || value.get()
                        on:input=on_input
                        data-placeholder=p.name.clone()
                    />
                </div>
            }
        })
        .collect_view();
    let templates = scenario
        .templates
        .iter()
        .map(|t| view! { <TemplateCard scenario_id=scenario.id.clone() template=t.clone() words_in=written_in(&scenario) /> })
        .collect_view();
    view! {
        <section class="cc-templates" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{move || t_string!(i18n, templates.title)}</h2>
            <p>{move || t_string!(i18n, templates.intro)}</p>
            <div class="cc-fields">{fields}</div>
            {templates}
        </section>
    }
}

/// One template, filled in, with a copy button.
#[component]
fn TemplateCard(scenario_id: String, template: Template, words_in: Locale) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let heading = state.dom_id(&format!("template-{}", template.id));
    let list = template.audience.clone();
    let audience = move || audiences(&list, i18n.get_locale());
    let (sid, tid) = (scenario_id.clone(), template.id.clone());
    let default_label = template.label;
    let label = Memo::new(move |_| {
        state
            .saved
            .with(|s| s.progress_for(&sid).and_then(|p| p.template_labels.get(&tid).copied()))
            .unwrap_or(default_label)
    });
    let (sid, t) = (scenario_id.clone(), template.clone());
    let composed = Memo::new(move |_| {
        let label = label.get();
        let words = message_words(words_in, label);
        state.saved.with(|s| compose_in(&t, label, &s.progress_or_empty(&sid).values, &words))
    });
    let copied = RwSignal::new(String::new());
    // Where it goes and the next update it promises, for the log; a warning first when the
    // channel cannot carry the label.
    let send_channel = RwSignal::new(None::<ProjectChannel>);
    let next = RwSignal::new(String::new());
    let warning = RwSignal::new(None::<ChannelCheck>);
    let promises = placeholder_names(&template.subject)
        .chain(placeholder_names(&template.body))
        .any(|n| n == "next-update");
    let (sid, t) = (scenario_id.clone(), template.clone());
    let copy_and_log = move || {
        let text = composed.get_untracked().message();
        let exercise = state.saved.with_untracked(|s| s.current_record(&sid).is_some_and(|r| r.exercise));
        let text = if exercise { exercise_message(&text) } else { text };
        let next_update = parse_local(&next.get_untracked());
        // A message that promises an update and has no time for it is copied, and says that
        // no reminder was set, so the promise is not silently forgotten.
        let locale = i18n.get_locale_untracked();
        let done = if promises && next_update.is_none() {
            td_string!(locale, templates.copied_no_reminder)
        } else {
            td_string!(locale, templates.copied)
        };
        copy_text(text, copied, done.to_owned(), td_string!(locale, templates.copy_failed));
        let mut entry = new_entry(now(), How::Copied, t.audience.clone(), label.get_untracked());
        entry.template = Some(t.id.clone());
        entry.channel =
            send_channel.with_untracked(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
        entry.next_update = next_update;
        log_entry(state, &sid, entry);
    };
    // A warning answers one channel and one label: a new choice of either takes it away, so
    // "Copy it anyway" never acts on a choice that was not checked.
    Effect::new(move |_| {
        send_channel.track();
        label.track();
        warning.set(None);
    });
    let copy = {
        let copy_and_log = copy_and_log.clone();
        move |_| match send_channel.with_untracked(|c| c.as_ref().map(|c| c.check(label.get_untracked()))) {
            Some(check) if !check.fits => warning.set(Some(check)),
            _ => copy_and_log(),
        }
    };
    let channel_id = state.dom_id(&format!("channel-{}", template.id));
    let next_id = state.dom_id(&format!("next-{}", template.id));
    let channel = (!template.channel.is_empty())
        .then(|| view! { " · " {move || t_string!(i18n, templates.channel)} " " <span lang=TextLang::here()>{template.channel.clone()}</span> });
    let lang = TextLang::here();
    view! {
        <article class="cc-template" data-template=template.id.clone() aria-labelledby=heading.clone()>
            <h3 id=heading.clone() lang=lang>{template.title.clone()}</h3>
            <p class="cc-meta">
                {move || t_string!(i18n, templates.for_whom)} " " {audience} {channel} " · "
                {move || view! { <TlpBadge tlp=label.get() /> }}
                {move || (label.get() != default_label).then(|| view! { " " {t_string!(i18n, templates.chosen)} })}
            </p>
            {move || {
                let missing = composed.get().missing;
                (!missing.is_empty()).then(|| {
                    let names: Vec<String> = missing.iter().map(|m| format!("{{{m}}}")).collect();
                    view! { <p class="cc-missing">{t_string!(i18n, templates.not_filled)} " " {names.join(", ")}</p> }
                })
            }}
            <pre class="cc-message" tabindex="0" lang=lang>{move || composed.get().message()}</pre>
            <p class="cc-send-to">
                <label for=channel_id.clone()>{move || t_string!(i18n, templates.sending)} " "</label>
                <ChannelSelect id=channel_id class="cc-template-channel" chosen=send_channel />
            </p>
            {promises.then(|| view! {
                <p class="cc-send-next">
                    <label for=next_id.clone()>{move || t_string!(i18n, templates.next_update)} " "</label>
                    <input id=next_id class="cc-template-next" type="datetime-local" prop:value=move || next.get()
                        on:input=move |ev| next.set(event_target_value(&ev)) />
                </p>
            })}
            <ChannelWarning why=warning go=|l| td_string!(l, templates.copy_anyway) on_go=move || copy_and_log() />
            <p class="cc-copy-row">
                <button type="button" class="cc-button" on:click=copy>{move || t_string!(i18n, templates.copy)}</button>
                " "
                <span class="cc-copied" role="status">{move || copied.get()}</span>
            </p>
        </article>
    }
}

/// The language a checklist's messages are written in: its translation's, else English (the
/// originals'; an embedding site's own checklists are taken as English too).
pub fn written_in(scenario: &Scenario) -> Locale {
    let code = scenario.translation.as_ref().map_or(crate::model::language::DEFAULT, |t| t.lang.as_str());
    crate::ui::language::locale(code)
}

/// The words around a message's label in `locale`, the message's own language: what the
/// recipient may do, the sender's addition's lead, the protocol's line, the end marker and the
/// subject's lead. The label stays as FIRST writes it.
pub fn message_words(locale: Locale, label: Tlp) -> MessageWords {
    MessageWords {
        rule: crate::ui::labels::recipient_rule(locale, label).to_owned(),
        added: td_string!(locale, templates.added_by_sender).to_owned(),
        standard: td_string!(locale, templates.standard_line).to_owned(),
        end: td_string!(locale, templates.end_of_text, label),
        subject: td_string!(locale, templates.subject_line).to_owned(),
    }
}

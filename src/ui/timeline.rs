//! The communications log of a checklist's record: who was told what and when, per audience
//! with the next update promised (due, then overdue), the entries with their corrections and
//! removals, a form to log a call, a meeting or a message sent elsewhere, and the log as
//! Markdown or print, whole or for a wider audience.
//!
//! Time is read through [`now`]: the system clock, or the number a test put in
//! `window.crisisCommsClock` (documented in `docs/embedding.md`), so a promise can be seen to
//! turn overdue without waiting for it.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{t_string, td_string, tu_string, use_i18n, Locale};
use crate::model::audience::Audience;
use crate::model::channels::{in_use, named, ProjectChannel};
use crate::model::checklist::Scenario;
use crate::model::decide::ChannelCheck;
use crate::model::export::{exercise_copy, RecordWords};
use crate::model::timeline::{
    self, copy_label, copy_name, entry_id, last_told, leaves_name_out, most_pressing, timeline_markdown,
    up_to, Entry, How, Promise,
};
use crate::model::tlp::Tlp;
use crate::ui::channels::{ChannelSelect, ChannelWarning, SiteChannels};
use crate::ui::confirm::ConfirmButton;
use crate::ui::download::{download, safe_file_name};
use crate::ui::link::RouteLink;
use crate::ui::print::{label_line, CopyWords, PrintFrame};
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::time::local_time;
use crate::ui::tlp_badge::TlpBadge;
use crate::ui::vocabulary;

/// The window property a test may set to a time, in milliseconds since the Unix epoch, that
/// the app then reads instead of the system clock.
pub const TEST_CLOCK: &str = "crisisCommsClock";

/// The time now: the system clock, unless a test set `window.crisisCommsClock`.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &TEST_CLOCK.into()).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or_else(js_sys::Date::now)
}

/// A random number, for ids that two tabs never both make.
pub fn random() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

/// The time now, read again every second while the calling component lives.
pub fn clock() -> RwSignal<f64> {
    let t = RwSignal::new(now());
    if let Ok(handle) = set_interval_with_handle(move || t.set(now()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    t
}

/// Logs `entry` in the record shown for `scenario` (starting one if there is none).
pub fn log_entry(state: AppState, scenario: &str, entry: Entry) {
    state.update_progress(scenario, |p| timeline::log(&mut p.timeline, entry));
}

/// A new entry at `now`, with a fresh id.
pub fn new_entry(at: f64, how: How, audience: Vec<Audience>, label: Tlp) -> Entry {
    let logged = now();
    Entry { id: entry_id(logged, random()), at, how, audience, label, changed: logged, ..Entry::default() }
}

/// A promise in words, with its class.
pub fn promise_words(p: Promise, locale: Locale) -> (String, &'static str) {
    match p {
        Promise::Due(by) => (td_string!(locale, timeline.due, time = local_time(by)), "cc-due"),
        Promise::Overdue(by) => (td_string!(locale, timeline.overdue, time = local_time(by)), "cc-overdue"),
    }
}

/// The time a `datetime-local` field holds, read as local time; `None` when empty or invalid.
pub fn parse_local(value: &str) -> Option<f64> {
    if value.trim().is_empty() {
        return None;
    }
    let ms = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value)).get_time();
    ms.is_finite().then_some(ms)
}

/// A time as a `datetime-local` field writes it, in local time.
fn local_input(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The log part of a checklist page.
#[component]
pub fn TimelineSection(scenario: Arc<Scenario>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let heading = state.dom_id("timeline");
    let sid = scenario.id.clone();
    let entries = Memo::new(move |_| {
        state.saved.with(|s| s.progress_for(&sid).map(|p| p.timeline.clone()).unwrap_or_default())
    });
    let time = clock();
    // Read again on every tick and every change, at the time of reading: a tick may be up to a
    // second old.
    let told = Memo::new(move |_| {
        time.track();
        entries.with(|t| last_told(t, now()))
    });
    let editing = RwSignal::new(None::<Entry>);
    let told_rows = move || {
        told.get()
            .into_iter()
            .map(|t| {
                let (words, class) = t
                    .promise
                    .map(|p| promise_words(p, i18n.get_locale()))
                    .map_or((None, ""), |(w, c)| (Some(w), c));
                view! {
                    <tr data-audience=t.audience.key()>
                        <th scope="row">{vocabulary::audience(t.audience, i18n.get_locale())}</th>
                        <td>{local_time(t.at)}</td>
                        <td><TlpBadge tlp=t.label /></td>
                        <td class=class>{words}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let sc = scenario.clone();
    // The channels in use, once for every entry (an entry says when its channel was renamed).
    let known = Memo::new(move |_| crate::ui::channels::channels(state));
    let list = move || {
        let sc = sc.clone();
        entries
            .get()
            .into_iter()
            .rev()
            .map(|e| view! { <EntryView scenario=sc.clone() entry=e editing known /> })
            .collect_view()
    };
    view! {
        <section class="cc-timeline" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{move || t_string!(i18n, timeline.title)}</h2>
            <p>{move || t_string!(i18n, timeline.intro)}</p>
            {move || if told.with(Vec::is_empty) {
                view! { <p class="cc-meta">{move || t_string!(i18n, timeline.nobody_told)}</p> }.into_any()
            } else {
                view! {
                    <div class="cc-table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, timeline.last_told_table)>
                        <table class="cc-table cc-told">
                            <caption>{move || t_string!(i18n, timeline.last_told_table)}</caption>
                            <thead><tr>
                                <th scope="col">{move || t_string!(i18n, timeline.col_audience)}</th>
                                <th scope="col">{move || t_string!(i18n, timeline.col_last_told)}</th>
                                <th scope="col">{move || t_string!(i18n, timeline.col_label)}</th>
                                <th scope="col">{move || t_string!(i18n, timeline.col_next_update)}</th>
                            </tr></thead>
                            <tbody>{told_rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <ol class="cc-entries" reversed>{list}</ol>
            <LogForm scenario=scenario.clone() editing />
            <LogExport scenario />
        </section>
    }
}

/// One entry, with its corrections and removal; a removed entry only says when it was removed.
#[component]
fn EntryView(
    scenario: Arc<Scenario>,
    entry: Entry,
    editing: RwSignal<Option<Entry>>,
    known: Memo<Vec<ProjectChannel>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    if let Some(when) = entry.removed {
        let at = local_time(entry.at);
        return view! {
            <li class="cc-entry cc-removed" data-entry=entry.id.clone()>
                {move || t_string!(i18n, timeline.removed, at = at.clone(), when = local_time(when))}
            </li>
        }
        .into_any();
    }
    let sid = scenario.id.clone();
    let id = entry.id.clone();
    let remove = move || {
        let id = id.clone();
        state.update_progress(&sid, |p| {
            timeline::remove(&mut p.timeline, &id, now());
        });
    };
    let e = entry.clone();
    let channel_name = entry.channel.clone();
    let who = entry.audience.clone();
    let (sc, en) = (scenario.clone(), entry.clone());
    let what = move || vocabulary::what(&sc, &en, i18n.get_locale());
    // Every entry's buttons have the same words: each names its entry through this id.
    let about = state.dom_id(&format!("entry-{}", entry.id));
    view! {
        <li class="cc-entry" data-entry=entry.id.clone()>
            <p id=about.clone()>
                <strong class="cc-entry-when">{local_time(entry.at)}</strong>
                " — " <span class="cc-entry-who">{move || vocabulary::audiences(&who, i18n.get_locale())}</span>
                " — " <TlpBadge tlp=entry.label />
                " · " <span class="cc-entry-what">{what}</span>
                {(!entry.channel.is_empty()).then(|| {
                    let channel = entry.channel.clone();
                    move || format!(" {}", t_string!(i18n, timeline.through, channel = channel.clone()))
                })}
                {(!channel_name.is_empty()).then_some(move || now_called(known, &channel_name, i18n.get_locale()))}
            </p>
            {(!entry.note.is_empty()).then(|| view! { <p class="cc-entry-note">{entry.note.clone()}</p> })}
            {entry.next_update.map(|by| view! { <p class="cc-meta">{move || t_string!(i18n, timeline.next_promised, time = local_time(by))}</p> })}
            {entry.corrected.map(|when| view! { <p class="cc-meta cc-corrected">{move || t_string!(i18n, timeline.corrected_on, time = local_time(when))}</p> })}
            <p class="cc-actions">
                <button type="button" class="cc-button cc-entry-correct" aria-describedby=about.clone() on:click=move |_| editing.set(Some(e.clone()))>{move || t_string!(i18n, timeline.correct)}</button>
                " "
                <ConfirmButton
                    ask=|l| td_string!(l, timeline.remove)
                    question=|l| td_string!(l, timeline.remove_question)
                    yes=|l| td_string!(l, timeline.remove_yes)
                    no=|l| td_string!(l, timeline.remove_no)
                    on_yes=remove
                    described_by=about
                />
            </p>
        </li>
    }
    .into_any()
}

/// " (now “…”)" after the name of a channel that was renamed since an entry named it.
fn now_called(known: Memo<Vec<ProjectChannel>>, name: &str, locale: Locale) -> Option<String> {
    known.with(|all| {
        named(&all.iter().collect::<Vec<_>>(), name)
            .filter(|c| c.name != name)
            .map(|c| format!(" {}", td_string!(locale, timeline.now_called, name = &c.name)))
    })
}

/// The form to log a call, a meeting or a message sent elsewhere, or to correct an entry.
#[component]
fn LogForm(scenario: Arc<Scenario>, editing: RwSignal<Option<Entry>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let how = RwSignal::new(How::Message);
    let audience = RwSignal::new(Vec::<Audience>::new());
    let label = RwSignal::new(scenario.label);
    let channel = RwSignal::new(None::<ProjectChannel>);
    let at = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let next = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    let warning = RwSignal::new(None::<ChannelCheck>);
    let default_label = scenario.label;
    let clear = move || {
        how.set(How::Message);
        audience.set(Vec::new());
        label.set(default_label);
        at.set(String::new());
        note.set(String::new());
        next.set(String::new());
    };
    let site = use_context::<SiteChannels>().unwrap_or_default();
    let site_for_form = site.clone();
    let how_field = NodeRef::<leptos::html::Select>::new();
    // Correcting an entry fills the form with it, its channel included (found by name among the
    // channels in use), and moves focus to the form.
    Effect::new(move |_| {
        if let Some(e) = editing.get() {
            if let Some(field) = how_field.get_untracked() {
                let _ = field.focus();
            }
            how.set(e.how);
            audience.set(e.audience.clone());
            label.set(e.label);
            channel.set(
                state
                    .saved
                    .with_untracked(|s| named(&in_use(&site_for_form.0, &s.channels), &e.channel).cloned()),
            );
            at.set(local_input(e.at));
            note.set(e.note.clone());
            next.set(e.next_update.map(local_input).unwrap_or_default());
        }
    });
    // A warning answers one channel and one label: a new choice of either takes it away.
    Effect::new(move |_| {
        channel.track();
        label.track();
        warning.set(None);
    });
    let sid = scenario.id.clone();
    let save = move || {
        // The time field holds minutes: a correction that leaves it as shown keeps the entry's
        // exact time, so the log's order does not change.
        let typed = at.get_untracked();
        let when = match editing.get_untracked() {
            Some(old) if typed == local_input(old.at) => old.at,
            _ => parse_local(&typed).unwrap_or_else(now),
        };
        let mut entry = new_entry(when, how.get_untracked(), audience.get_untracked(), label.get_untracked());
        entry.channel = channel.with_untracked(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
        if let Some(old) = editing.get_untracked() {
            // A channel no longer in the list stays as the entry named it.
            let listed =
                state.saved.with_untracked(|s| named(&in_use(&site.0, &s.channels), &old.channel).is_some());
            if entry.channel.is_empty() && !listed {
                entry.channel = old.channel;
            }
        }
        entry.note = note.get_untracked().trim().to_owned();
        entry.next_update = parse_local(&next.get_untracked());
        match editing.get_untracked() {
            Some(old) => {
                if old.how == How::Copied {
                    entry.how = How::Copied;
                    entry.template = old.template.clone();
                }
                state.update_progress(&sid, |p| {
                    timeline::correct(&mut p.timeline, &old.id, entry, now());
                });
                said.set(tu_string!(i18n, timeline.said_corrected).into());
            }
            None => {
                log_entry(state, &sid, entry);
                said.set(tu_string!(i18n, timeline.said_logged).into());
            }
        }
        editing.set(None);
        clear();
    };
    let submit = {
        let save = save.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if audience.with_untracked(Vec::is_empty) {
                said.set(tu_string!(i18n, timeline.choose_who).into());
                return;
            }
            let check = channel.with_untracked(|c| c.as_ref().map(|c| c.check(label.get_untracked())));
            match check {
                Some(c) if !c.fits => warning.set(Some(c)),
                _ => save(),
            }
        }
    };
    let ids = |name: &str| state.dom_id(&format!("log-{name}"));
    let (how_id, label_id, channel_id, at_id, note_id, next_id) =
        (ids("how"), ids("label"), ids("channel"), ids("at"), ids("note"), ids("next"));
    let boxes = Audience::ALL
        .into_iter()
        .map(|a| {
            let box_id = state.dom_id(&format!("log-audience-{}", a.key()));
            view! {
                <span class="cc-check">
                    <input type="checkbox" id=box_id.clone() value=a.key() prop:checked=move || audience.with(|l| l.contains(&a))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            audience.update(|l| {
                                l.retain(|x| *x != a);
                                if on { l.push(a); l.sort(); }
                            });
                        } />
                    <label for=box_id>{move || vocabulary::audience(a, i18n.get_locale())}</label>
                </span>
            }
        })
        .collect_view();
    view! {
        <form class="cc-log-form" on:submit=submit>
            <h3>{move || if editing.with(Option::is_some) { t_string!(i18n, timeline.form_correct) } else { t_string!(i18n, timeline.form_log) }}</h3>
            <p>
                <label for=how_id.clone()>{move || t_string!(i18n, timeline.how)} " "</label>
                <select id=how_id class="cc-log-how" node_ref=how_field on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(h) = How::MANUAL.into_iter().find(|h| h.key() == key) { how.set(h) }
                }>
                    {How::MANUAL.into_iter().map(|h| view! { <option value=h.key() selected=move || how.get() == h>{move || vocabulary::how(h, i18n.get_locale())}</option> }).collect_view()}
                </select>
            </p>
            <fieldset class="cc-log-audience">
                <legend>{move || t_string!(i18n, timeline.who_was_told)}</legend>
                {boxes}
            </fieldset>
            <p>
                <label for=label_id.clone()>{move || t_string!(i18n, timeline.label_said)} " "</label>
                <select id=label_id class="cc-log-label" on:change=move |ev| {
                    if let Ok(t) = event_target_value(&ev).parse() { label.set(t) }
                }>
                    {Tlp::ALL.into_iter().map(|t| view! { <option value=t.as_str() selected=move || label.get() == t>{t.as_str()}</option> }).collect_view()}
                </select>
            </p>
            <p>
                <label for=channel_id.clone()>{move || t_string!(i18n, timeline.channel)} " "</label>
                <ChannelSelect id=channel_id class="cc-log-channel" chosen=channel />
            </p>
            <p>
                <label for=at_id.clone()>{move || t_string!(i18n, timeline.when)} " "</label>
                <input id=at_id class="cc-log-at" type="datetime-local" prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev)) />
            </p>
            <p>
                <label for=note_id.clone()>{move || t_string!(i18n, timeline.what_said)} " "</label>
                <input id=note_id class="cc-log-note" type="text" autocomplete="off" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </p>
            <p>
                <label for=next_id.clone()>{move || t_string!(i18n, timeline.next_by)} " "</label>
                <input id=next_id class="cc-log-next" type="datetime-local" prop:value=move || next.get() on:input=move |ev| next.set(event_target_value(&ev)) />
            </p>
            <ChannelWarning why=warning go=|l| td_string!(l, timeline.log_anyway) on_go=move || save() />
            <p>
                <button type="submit" class="cc-button cc-log-add">{move || if editing.with(Option::is_some) { t_string!(i18n, timeline.save_correction) } else { t_string!(i18n, timeline.add) }}</button>
                {move || editing.with(Option::is_some).then(|| view! {
                    " " <button type="button" class="cc-button" on:click=move |_| { editing.set(None); clear(); }>{move || t_string!(i18n, timeline.cancel)}</button>
                })}
                " " <span role="status" class="cc-log-said">{move || said.get()}</span>
            </p>
        </form>
    }
}

/// Export and print of the log, whole or for a wider audience.
#[component]
fn LogExport(scenario: Arc<Scenario>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let limit_id = state.dom_id("log-limit");
    let limit = RwSignal::new(Tlp::Red);
    let said = RwSignal::new(String::new());
    let sc = scenario.clone();
    let export = move |_| {
        let Some(record) = state.saved.with_untracked(|s| s.current_record(&sc.id).cloned()) else {
            said.set(tu_string!(i18n, timeline.nothing_logged).into());
            return;
        };
        let own = record.label(sc.label);
        let limit = limit.get_untracked();
        let words = CopyWords::of(i18n.get_locale_untracked(), &sc);
        let md = timeline_markdown(&sc, &record, limit, &words, &local_time(now()), local_time);
        // An exercise record's log says EXERCISE beside its label, at both ends.
        let md = if record.exercise { exercise_copy(&md, &words.exercise_record()) } else { md };
        let label = copy_label(&up_to(&record.progress.timeline, limit).0, limit);
        let file = safe_file_name(&format!("{} log", copy_name(&sc, &record.name, own, label)), "md");
        if download(&file, "text/markdown", &md) {
            said.set(tu_string!(i18n, timeline.exported, file));
        }
    };
    view! {
        <div class="cc-log-export">
            <h3>{move || t_string!(i18n, timeline.review)}</h3>
            <p>
                <label for=limit_id.clone()>{move || t_string!(i18n, timeline.copy_may_hold)} " "</label>
                <select id=limit_id class="cc-log-limit" on:change=move |ev| {
                    if let Ok(t) = event_target_value(&ev).parse() { limit.set(t) }
                }>
                    {limit_options(Some(Tlp::Red))}
                </select>
            </p>
            <p class="cc-actions">
                <button type="button" class="cc-button cc-log-export-md" on:click=export>{move || t_string!(i18n, timeline.export)}</button>
                " "
                {move || view! {
                    <RouteLink route=Route::PrintLog(scenario.id.clone(), limit.get()) class="cc-log-print">{move || t_string!(i18n, timeline.print)}</RouteLink>
                }}
                " " <span role="status">{move || said.get()}</span>
            </p>
            <p class="cc-help">{move || t_string!(i18n, timeline.wider_help)}</p>
        </div>
    }
}

/// The options of a "what the copy may hold" list, `selected` chosen if any.
pub fn limit_options(selected: Option<Tlp>) -> impl IntoView {
    let i18n = use_i18n();
    Tlp::ALL
        .into_iter()
        .map(|t| {
            let words = move || {
                if t == Tlp::Red {
                    t_string!(i18n, timeline.everything).to_owned()
                } else {
                    t_string!(i18n, timeline.only, label = t)
                }
            };
            view! { <option value=t.as_str() selected=Some(t) == selected>{words}</option> }
        })
        .collect_view()
}

/// The printed log of a record: only what `limit` allows, labelled with the strictest label it
/// holds at the top and bottom of every page.
#[component]
pub fn PrintedLog(
    scenario: Arc<Scenario>,
    name: String,
    own: Tlp,
    log: Vec<Entry>,
    limit: Tlp,
    /// An exercise record's log: EXERCISE beside the label at the top and bottom of every page.
    #[prop(optional)]
    exercise: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (held, omitted) = up_to(&log, limit);
    let label = copy_label(&held, limit);
    let name_out = leaves_name_out(&name, own, label);
    let name = copy_name(&scenario, &name, own, label).to_owned();
    let held: Vec<Entry> = held.into_iter().cloned().collect();
    let items = held
        .iter()
        .map(|e| {
            let (sc, en) = (scenario.clone(), e.clone());
            let line = move || {
                let words = CopyWords::of(i18n.get_locale(), &sc);
                let (who, what) = (words.audiences(&en.audience), words.what(&sc, &en));
                let through = if en.channel.is_empty() { String::new() } else { words.through(&en.channel) };
                format!(" — {who} — {}, {what}{through}", en.label)
            };
            view! {
                <li class="cc-print-item cc-print-entry">
                    <p class="cc-print-step">
                        <strong>{local_time(e.at)}</strong>
                        {line}
                    </p>
                    {(!e.note.is_empty()).then(|| view! { <p class="cc-print-note">{e.note.clone()}</p> })}
                    {e.next_update.map(|by| view! { <p class="cc-print-meta">{move || t_string!(i18n, timeline.next_promised, time = local_time(by))}</p> })}
                    {e.corrected.map(|w| view! { <p class="cc-print-meta">{move || t_string!(i18n, timeline.corrected_on, time = local_time(w))}</p> })}
                </li>
            }
        })
        .collect_view();
    let (title, printed) = (scenario.title.clone(), local_time(now()));
    view! {
        <PrintFrame label exercise=Signal::stored(exercise)>
            <h1>{move || t_string!(i18n, timeline.print_title, name = name.clone())}</h1>
            <p class="cc-print-facts">
                {move || t_string!(i18n, timeline.print_checklist, title = title.clone())}<br />
                {move || label_line(i18n.get_locale(), label)}<br />
                {move || t_string!(i18n, timeline.printed_at, time = printed.clone())}
            </p>
            {name_out.then(|| view! { <p class="cc-print-name-left-out">{move || t_string!(i18n, timeline.name_left_out)}</p> })}
            {(omitted > 0).then(|| {
                let sc = scenario.clone();
                let why = move || CopyWords::of(i18n.get_locale(), &sc).left_out(limit, omitted);
                view! { <p class="cc-print-left-out">{why}</p> }
            })}
            {held.is_empty().then(|| view! { <p>{move || t_string!(i18n, timeline.no_entries)}</p> })}
            <ul class="cc-print-items">{items}</ul>
        </PrintFrame>
    }
}

/// The most pressing promise of a record, for the records list: nothing when none is pending.
#[component]
pub fn RecordDue(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let time = clock();
    let pressing = Memo::new(move |_| {
        time.track();
        let now = now();
        state.saved.with(|s| s.records.get(&id).and_then(|r| most_pressing(&r.progress.timeline, now)))
    });
    move || {
        pressing.get().map(|(p, audiences)| {
            let (words, class) = promise_words(p, i18n.get_locale());
            view! { <span class=format!("cc-record-due {class}")>{format!(" · {words} ({})", vocabulary::audiences(&audiences, i18n.get_locale()))}</span> }
        })
    }
}

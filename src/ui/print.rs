//! A checklist record as a printable document: the TLP label in the header and the footer of
//! every page (a table header and footer, which browsers repeat on every printed page and
//! which take their own space, so the label never covers content), every item with its
//! state, audience, label and note, and the messages used.
//! The blank version has boxes to tick and lines to write on.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::model::assess::Answer;
use crate::model::audience::Audience;
use crate::model::checklist::{ItemKind, Scenario};
use crate::model::debrief::EXERCISE;
use crate::model::export::{decision_subject, CopyLabel, HeadWords, RecordWords};
use crate::model::progress::{ItemState, Status};
use crate::model::saved::RecordOf;
use crate::model::template::{compose_in, is_used, MessageWords};
use crate::model::timeline::Entry;
use crate::model::tlp::Tlp;
use crate::ui::cells::ItemCells;
use crate::ui::language::TextLang;
use crate::ui::link::RouteLink;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::templates::{message_words, written_in};
use crate::ui::time::local_time;
use crate::ui::timeline::{limit_options, PrintedLog};
use crate::ui::vocabulary;

/// The print preview of a scenario's current record, or of a blank copy.
#[component]
pub fn PrintPage(
    scenario: Arc<Scenario>,
    blank: bool,
    /// The communications log alone, up to this label, instead of the whole record.
    log: Option<Tlp>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    // The whole record, or its communications log up to a label.
    let log_only = RwSignal::new(log);
    let what_id = state.dom_id("print-what");
    let (record_name, own, timeline, exercise) =
        state.saved.with_untracked(|s| match (blank, s.current_record(&scenario.id)) {
            (false, Some(r)) => {
                (r.name.clone(), r.label(scenario.label), r.progress.timeline.clone(), r.exercise)
            }
            _ => (String::new(), scenario.label, Vec::new(), false),
        });
    let back = Route::Scenario(scenario.id.clone());
    let log_choice = (!blank).then(|| {
        view! {
            <label for=what_id.clone()>" " {move || t_string!(i18n, print.what_to_print)} " "</label>
            <select id=what_id class="cc-print-what" on:change=move |ev| {
                log_only.set(event_target_value(&ev).parse().ok())
            }>
                <option value="record" selected=log.is_none()>{move || t_string!(i18n, print.whole_record)}</option>
                <optgroup label=move || t_string!(i18n, print.log)>{limit_options(log)}</optgroup>
            </select>
        }
    });
    let sc = scenario.clone();
    let printed_log = move || {
        log_only.get().map(|limit| {
            view! { <PrintedLog scenario=sc.clone() name=record_name.clone() own log=timeline.clone() limit exercise /> }
        })
    };
    let cells = (!blank).then(|| {
        ItemCells::new(
            state,
            RecordOf::Shown(scenario.id.clone()),
            scenario.sections.iter().flat_map(|s| &s.items),
        )
    });

    view! {
        <div class="cc-page cc-print-page">
            <p class="cc-print-toolbar">
                <button type="button" class="cc-button cc-primary" on:click=move |_| print_now()>{move || t_string!(i18n, print.print)}</button>
                " "
                <RouteLink route=back>{move || t_string!(i18n, print.back)}</RouteLink>
                {log_choice}
                <span class="cc-help">" " {move || t_string!(i18n, print.label_on_every_page)}</span>
            </p>
            {printed_log}
            <div class="cc-print-record" hidden=move || log_only.with(Option::is_some)>
                <RecordDocument scenario cells />
            </div>
        </div>
    }
}

/// A checklist's current record as a printed document, or a blank copy when `cells` is
/// `None`: the copy's label (the strictest it holds) at the top and bottom of every page,
/// every item with its state, audience, label and note, the messages used and the label
/// decisions. The print page shows it; the checklist page carries it too, shown only in
/// print, so the browser's own Print gives the same document. It follows the record as it
/// changes, each item through its own cell, so a tick updates one item of it.
#[component]
pub fn RecordDocument(scenario: Arc<Scenario>, cells: Option<ItemCells>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let lang = TextLang::give(&scenario.id);
    let blank = cells.is_none();
    let sc = scenario.clone();
    // The record's name, the copy's label and whether it is an exercise, which change far less
    // often than the items.
    let head = Memo::new(move |_| {
        state.saved.with(|s| match (blank, s.current_record(&sc.id)) {
            (false, Some(r)) => (r.name.clone(), CopyLabel::of(&sc, r), r.exercise),
            _ => (String::new(), CopyLabel { label: sc.label, own: sc.label }, false),
        })
    });
    let label = Signal::derive(move || head.with(|h| h.1.label));
    let exercise = Signal::derive(move || head.with(|h| h.2));
    // When the copy was printed: the time the browser announces printing (Ctrl+P and the
    // menu do; WebDriver's print command does not), else the time it was shown.
    let printed = RwSignal::new(js_sys::Date::now());
    let on_print = window_event_listener(leptos::ev::beforeprint, move |_| printed.set(js_sys::Date::now()));
    on_cleanup(move || on_print.remove());
    let sc = scenario.clone();
    let title = move || {
        let name = head.with(|h| h.0.clone());
        if blank {
            t_string!(i18n, print.blank_title, title = sc.title.clone())
        } else if name.is_empty() {
            sc.title.clone()
        } else {
            name
        }
    };
    let sections = scenario
        .sections
        .iter()
        .enumerate()
        .map(|(n, section)| {
            let sc = scenario.clone();
            let tally = cells.map(|cells| {
                Memo::new(move |_| {
                    let t = cells.tally(sc.sections[n].items.iter());
                    (t.settled(), t.total)
                })
            });
            let count = move || {
                tally.map(|t| {
                    t.with(|&(done, total)| format!(" {}", t_string!(i18n, print.section_count, done, total)))
                })
            };
            let items = section
                .items
                .iter()
                .map(|item| {
                    let cell = cells.map(|c| c.get(&item.id));
                    let kind = item.kind;
                    let (audience, label) = (item.audience.clone(), item.label);
                    let meta = move |locale: Locale| {
                        if kind == ItemKind::Question {
                            String::new()
                        } else {
                            let who = vocabulary::audiences(&audience, locale);
                            td_string!(locale, print.for_line, audience = who, label)
                        }
                    };
                    let mark = move || cell.map_or("☐", |c| c.with(|c| item_state(kind, c, i18n.get_locale()).0));
                    let line = move || {
                        let locale = i18n.get_locale();
                        let meta = meta(locale);
                        match cell {
                            None => meta,
                            Some(c) => {
                                let words = c.with(|c| item_state(kind, c, locale).1);
                                let sep = if meta.is_empty() { "" } else { " · " };
                                format!("{words}{sep}{meta}")
                            }
                        }
                    };
                    let note = move || {
                        let note = cell.map(|c| c.with(|c| c.note.trim().to_owned())).unwrap_or_default();
                        (!note.is_empty()).then(|| view! { <p class="cc-print-note">{note}</p> })
                    };
                    view! {
                        <li class="cc-print-item">
                            <p class="cc-print-step">
                                <span class="cc-print-mark" aria-hidden="true">{mark}</span>
                                " " <strong lang=lang>{item.text.clone()}</strong>
                            </p>
                            <p class="cc-print-meta">{line}</p>
                            {note}
                            {blank.then(|| view! { <div class="cc-print-lines" aria-hidden="true"><span></span><span></span></div> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="cc-print-section">
                    <h2><span lang=lang>{section.title.clone()}</span>{count}</h2>
                    <ul class="cc-print-items">{items}</ul>
                </section>
            }
        })
        .collect_view();
    let sc = scenario.clone();
    // What the messages are made of: a tick or a note leaves them be.
    let filled = Memo::new(move |_| {
        (!blank).then(|| {
            state.saved.with(|s| {
                let p = s.progress_or_empty(&sc.id);
                (p.values.clone(), p.template_labels.clone())
            })
        })
    });
    let sc = scenario.clone();
    let used = Memo::new(move |_| {
        filled.with(|f| {
            let Some((values, labels)) = f else { return Vec::new() };
            sc.templates
                .iter()
                .filter(|t| is_used(t, values))
                .map(|t| {
                    let label = labels.get(&t.id).copied().unwrap_or(t.label);
                    let words = message_words(written_in(&sc), label);
                    (t.title.clone(), compose_in(t, label, values, &words).message())
                })
                .collect::<Vec<_>>()
        })
    });
    let messages = move || {
        let used = used.get();
        (!used.is_empty()).then(|| {
            let list = used
                .into_iter()
                .map(|(title, message)| {
                    view! {
                        <section class="cc-print-message">
                            <h3>{title}</h3>
                            <pre>{message}</pre>
                        </section>
                    }
                })
                .collect_view();
            view! { <section class="cc-print-section"><h2>{move || t_string!(i18n, print.messages)}</h2>{list}</section> }
        })
    };
    let sc = scenario.clone();
    let kept = Memo::new(move |_| {
        if blank {
            return Vec::new();
        }
        state.saved.with(|s| s.progress_or_empty(&sc.id).decisions.clone())
    });
    let sc = scenario.clone();
    let decisions = move || {
        let kept = kept.get();
        (!kept.is_empty()).then(|| {
            let list = kept
                .iter()
                .map(|d| {
                    let (sc, d2) = (sc.clone(), d.clone());
                    let line = move || {
                        let words = CopyWords::of(i18n.get_locale(), &sc);
                        let subject = decision_subject(&sc, &d2, &words);
                        words.decision(d2.label, &subject, &local_time(d2.decided_at))
                    };
                    view! {
                        <li>
                            {line}
                            <ul>{d.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="cc-print-section cc-print-decisions">
                    <h2>{move || t_string!(i18n, print.decisions)}</h2>
                    <ul>{list}</ul>
                </section>
            }
        })
    };

    view! {
        <PrintFrame label exercise>
            <h1>{title}</h1>
            <p class="cc-print-facts">
                {
                    let (title, version) = (scenario.title.clone(), scenario.version);
                    move || t_string!(i18n, print.checklist_version, title = title.clone(), version)
                }<br />
                {move || label_line(i18n.get_locale(), label.get())}<br />
                {move || t_string!(i18n, print.printed_at, time = local_time(printed.get()))}
            </p>
            {move || exercise.get().then(|| {
                let note = td_string!(i18n.get_locale(), print.exercise_record);
                view! { <p class="cc-print-exercise">{note}</p> }
            })}
            {move || head.with(|h| h.1).stricter().map(|(label, own)| {
                view! { <p class="cc-print-why-label">{t_string!(i18n, print.why_stricter, label, own)}</p> }
            })}
            {sections}
            {messages}
            {decisions}
        </PrintFrame>
    }
}

/// A printed copy's line under its title: the label and who may receive it, in `locale`.
pub fn label_line(locale: Locale, label: Tlp) -> String {
    td_string!(locale, print.label_line, label, who = crate::ui::labels::audience(locale, label))
}

/// The words of a copy in `locale`, the language it is read in: a record's, its log's, or a
/// drill's after-action report (`ui::drill`); a record's messages keep the words of the
/// checklist's own language.
pub struct CopyWords {
    locale: Locale,
    written: Locale,
}

impl CopyWords {
    /// The words for a copy of a record of `scenario`, read in `locale`.
    pub fn of(locale: Locale, scenario: &Scenario) -> CopyWords {
        CopyWords { locale, written: written_in(scenario) }
    }

    /// The words for a copy that holds no message, read in `locale`.
    pub fn reading(locale: Locale) -> CopyWords {
        CopyWords { locale, written: locale }
    }

    /// The language the copy is read in.
    pub fn locale(&self) -> Locale {
        self.locale
    }
}

impl HeadWords for CopyWords {
    fn rule(&self, label: Tlp) -> String {
        crate::ui::labels::recipient_rule(self.locale, label).to_owned()
    }
    fn exported(&self, time: &str) -> String {
        td_string!(self.locale, print.exported, time)
    }
}

impl RecordWords for CopyWords {
    fn message(&self, label: Tlp) -> MessageWords {
        message_words(self.written, label)
    }
    fn checklist(&self, title: &str, version: u32) -> String {
        td_string!(self.locale, print.checklist_version, title, version)
    }
    fn why_stricter(&self, label: Tlp, own: Tlp) -> String {
        td_string!(self.locale, print.why_stricter, label, own)
    }
    fn count(&self, settled: usize, total: usize) -> String {
        td_string!(self.locale, print.count, done = settled, total)
    }
    fn answer(&self, answer: Option<Answer>) -> String {
        match answer {
            Some(a) => vocabulary::answer(a, self.locale).to_owned(),
            None => td_string!(self.locale, print.unanswered).to_owned(),
        }
    }
    fn step_for(&self, audience: &[Audience], label: Tlp) -> String {
        td_string!(
            self.locale,
            print.step_for,
            audience = vocabulary::audiences(audience, self.locale),
            label
        )
    }
    fn messages(&self) -> String {
        td_string!(self.locale, print.messages).to_owned()
    }
    fn decisions(&self) -> String {
        td_string!(self.locale, print.decisions).to_owned()
    }
    fn this_record(&self) -> String {
        td_string!(self.locale, print.this_record).to_owned()
    }
    fn the_message(&self, title: &str) -> String {
        td_string!(self.locale, print.the_message, title)
    }
    fn decision(&self, label: Tlp, subject: &str, time: &str) -> String {
        td_string!(self.locale, print.decision, label, subject, time)
    }
    fn exercise_record(&self) -> String {
        td_string!(self.locale, print.exercise_record).to_owned()
    }
    fn log_title(&self, name: &str) -> String {
        td_string!(self.locale, timeline.print_title, name)
    }
    fn log_checklist(&self, title: &str) -> String {
        td_string!(self.locale, timeline.print_checklist, title)
    }
    fn name_left_out(&self) -> String {
        td_string!(self.locale, timeline.name_left_out).to_owned()
    }
    fn left_out(&self, limit: Tlp, n: usize) -> String {
        if n == 1 {
            td_string!(self.locale, timeline.left_out_one, limit)
        } else {
            td_string!(self.locale, timeline.left_out_many, limit, n)
        }
    }
    fn no_entries(&self) -> String {
        td_string!(self.locale, timeline.no_entries).to_owned()
    }
    fn audiences(&self, list: &[Audience]) -> String {
        vocabulary::audiences(list, self.locale)
    }
    fn what(&self, scenario: &Scenario, entry: &Entry) -> String {
        vocabulary::what(scenario, entry, self.locale)
    }
    fn through(&self, channel: &str) -> String {
        td_string!(self.locale, timeline.through_line, channel)
    }
    fn next_promised(&self, time: &str) -> String {
        td_string!(self.locale, timeline.next_promised, time)
    }
    fn corrected_on(&self, time: &str) -> String {
        td_string!(self.locale, timeline.corrected_on, time)
    }
}

/// An item's mark and its state in words, with when it was done.
fn item_state(kind: ItemKind, c: &ItemState, locale: Locale) -> (&'static str, String) {
    match (kind, c.status) {
        (ItemKind::Question, _) => match c.answer {
            Some(a) => ("■", vocabulary::answer(a, locale).to_owned()),
            None => ("☐", td_string!(locale, print.unanswered).to_owned()),
        },
        (_, Status::Done) => {
            let words = match c.changed_at {
                Some(ms) => td_string!(locale, print.done_at, time = local_time(ms)),
                None => td_string!(locale, print.done).to_owned(),
            };
            ("☑", words)
        }
        (_, Status::NotApplicable) => ("–", td_string!(locale, print.not_applicable).to_owned()),
        (_, Status::Open) => ("☐", td_string!(locale, print.open).to_owned()),
    }
}

/// Opens the browser's print dialog for the page.
pub fn print_now() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// A printable document: `children` framed by the label in a table header and footer, which
/// browsers repeat at the top and bottom of every printed page. With `labels_in_print_only`,
/// the screen shows the children alone (a page whose label the screen shows its own way). A
/// table for layout only, so assistive technology reads its content, not a table.
#[component]
pub fn PrintFrame(
    #[prop(into)] label: Signal<Tlp>,
    #[prop(optional)] labels_in_print_only: bool,
    /// An exercise record's copy: EXERCISE beside the label at the top and bottom.
    #[prop(optional)]
    exercise: Option<Signal<bool>>,
    children: Children,
) -> impl IntoView {
    let badge = move || {
        view! {
            <p class="cc-print-label">
                {move || exercise.is_some_and(|e| e.try_get().unwrap_or(false)).then(|| view! { <strong class="cc-exercise">{EXERCISE}</strong>" " })}
                <span class=move || format!("cc-tlp cc-tlp-{}", label.get().slug())>{move || label.get().as_str()}</span>
            </p>
        }
    };
    view! {
        <table class="cc-print-doc" role="presentation" class:cc-labels-in-print=labels_in_print_only>
            <thead><tr><td>{badge()}</td></tr></thead>
            <tfoot><tr><td>{badge()}</td></tr></tfoot>
            <tbody><tr><td>{children()}</td></tr></tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::export::{record_markdown, English};
    use crate::model::progress::KeptDecision;
    use crate::model::saved::Saved;

    /// A record of `scenario` with a tick, a note, a used message and a decision.
    fn worked(scenario: &Scenario, saved: &mut Saved) -> String {
        let id = saved.start_exercise(scenario, "Spring drill", Tlp::Amber, None, 1.0);
        let p = &mut saved.records.get_mut(&id).unwrap().progress;
        let steps: Vec<_> = scenario.sections.iter().flat_map(|s| &s.items).collect();
        p.set_status(&steps[0].id, Status::Done, 2.0);
        p.set_note(&steps[0].id, "Called at 10:05.", 3.0);
        p.values.insert("project".into(), "libexample".into());
        p.decisions.push(KeptDecision {
            template: None,
            label: Tlp::Red,
            reasons: vec!["x".into()],
            decided_at: 5.0,
        });
        id
    }

    #[test]
    fn a_record_s_english_copy_has_the_interface_s_english_words() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        let mut saved = Saved::default();
        let id = worked(&scenario, &mut saved);
        let record = &saved.records[&id];
        let time = |ms: f64| format!("t{ms}");
        let ours = record_markdown(&scenario, record, &English, "now", time);
        let english = record_markdown(&scenario, record, &CopyWords::of(Locale::en, &scenario), "now", time);
        assert_eq!(ours, english);
        assert!(
            ours.contains("- TLP:RED for this record, chosen with the label framework on t5:\n"),
            "{ours}"
        );
    }

    #[test]
    fn a_spanish_record_s_copy_is_in_spanish_with_first_s_labels() {
        let library = crate::content::Library::built_in();
        let scenario = library.get_in("account-compromise", "es").unwrap();
        assert!(scenario.translation.is_some(), "the checklist has a Spanish translation");
        let mut saved = Saved::default();
        let id = worked(&scenario, &mut saved);
        let words = CopyWords::of(Locale::es, &scenario);
        let md = record_markdown(&scenario, &saved.records[&id], &words, "ahora", |ms| format!("t{ms}"));
        assert!(md.starts_with("**EXERCISE** · **TLP:RED**: "), "{md}");
        assert!(md.contains("\nExportado: ahora\n"), "{md}");
        assert!(
            md.contains("Este es un registro de ejercicio (un simulacro), no un incidente real."),
            "{md}"
        );
        let step = &scenario.sections[0].items[0];
        let who = vocabulary::audiences(&step.audience, Locale::es);
        assert!(md.contains(&format!("- [x] {} — para {who}, {}\n", step.text, step.label)), "{md}");
        assert!(md.contains("\n## Mensajes\n"), "{md}");
        assert!(
            md.contains("- TLP:RED para este registro, elegida con la guía de etiquetas el t5:\n"),
            "{md}"
        );
        for english in ["Exported", "this record", "Label decisions", "for Responders", "Added by the sender"]
        {
            assert!(!md.contains(english), "{english} in {md}");
        }
    }

    #[test]
    fn a_spanish_record_s_log_is_copied_in_spanish_with_first_s_labels() {
        use crate::model::timeline::{timeline_markdown, How};
        let library = crate::content::Library::built_in();
        let scenario = library.get_in("account-compromise", "es").unwrap();
        let mut saved = Saved::default();
        let id = saved.start_record(&scenario, "Marzo", 1.0);
        let r = saved.records.get_mut(&id).unwrap();
        for (at, label) in [(10.0, Tlp::Clear), (20.0, Tlp::Red)] {
            r.progress.timeline.push(Entry {
                id: format!("e{at}"),
                at,
                how: How::Call,
                audience: vec![Audience::Public],
                label,
                channel: "el foro".into(),
                next_update: Some(50.0),
                ..Entry::default()
            });
        }
        let words = CopyWords::of(Locale::es, &scenario);
        let md = timeline_markdown(&scenario, &saved.records[&id], Tlp::Amber, &words, "ahora", |ms| {
            format!("t{ms}")
        });
        assert!(
            md.starts_with(&format!(
                "**TLP:CLEAR**: {}\n\n# Registro de comunicaciones: ",
                words.rule(Tlp::Clear)
            )),
            "{md}"
        );
        assert!(
            md.contains(
                "\nSe dejó fuera de esta copia 1 anotación con una etiqueta más estricta que TLP:AMBER.\n"
            ),
            "{md}"
        );
        let call = vocabulary::how(How::Call, Locale::es);
        let public = vocabulary::audience(Audience::Public, Locale::es);
        assert!(md.contains(&format!("\n- t10 — {public} — TLP:CLEAR, {call}, por el foro\n")), "{md}");
        assert!(md.contains("  Próxima novedad prometida para t50.\n"), "{md}");
        for english in ["Communications log", "Exported", "through", "left out", "Next update"] {
            assert!(!md.contains(english), "{english} in {md}");
        }
    }
}

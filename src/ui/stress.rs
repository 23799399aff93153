//! Governance stress tests: the project's shape first, then each question answered resilient,
//! partly, not yet or not applicable, with a note; and the summary of all of them.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::i18n::{t_string, td_string, tu_string, use_i18n, Locale};
use crate::model::assess::{applies, summarize, summary_markdown, Answer, Summary, SummaryWords};
use crate::model::checklist::{Item, Scenario, ScenarioKind, Shape};
use crate::model::progress::ItemState;
use crate::model::saved::RecordOf;
use crate::model::tlp::Tlp;
use crate::ui::cells::ItemCells;
use crate::ui::choice::Choice;
use crate::ui::clipboard::copy_text;
use crate::ui::language::{TextLang, UntranslatedNote};
use crate::ui::link::RouteLink;
use crate::ui::note::NoteField;
use crate::ui::print::{print_now, PrintFrame};
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::text::Prose;
use crate::ui::tlp_badge::TlpBadge;
use crate::ui::vocabulary;

/// One stress test.
#[component]
pub fn StressTestPage(test: Arc<Scenario>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let lang = TextLang::give(&test.id);
    let id = test.id.clone();
    let sid = id.clone();
    let shape = Memo::new(move |_| state.saved.with(|s| s.progress_for(&sid).and_then(|p| p.shape)));
    let shape_name = state.dom_id("shape");
    let shapes = Shape::ALL
        .into_iter()
        .map(|sh| {
            let sid = id.clone();
            view! {
                <div class="cc-option">
                    <Choice
                        name=shape_name.clone()
                        value=sh.key()
                        label=Signal::derive(move || vocabulary::shape(sh, i18n.get_locale()))
                        checked=Signal::derive(move || shape.get() == Some(sh))
                        on_choose=move || state.update_progress(&sid, |p| p.shape = Some(sh))
                    />
                </div>
            }
        })
        .collect_view();
    let cells =
        ItemCells::new(state, RecordOf::Shown(test.id.clone()), test.sections.iter().flat_map(|s| &s.items));
    let whole = test.clone();
    let summary = Memo::new(move |_| state.saved.with(|s| summarize(&whole, s.progress_or_empty(&whole.id))));
    // Printed, the assessment carries its record's label, as the summary does.
    let (sid, default_label) = (test.id.clone(), test.label);
    let label = Memo::new(move |_| {
        state.saved.with(|s| s.progress_for(&sid).and_then(|p| p.label)).unwrap_or(default_label)
    });
    let shape_words = move || {
        let shape = shape
            .get()
            .map_or(t_string!(i18n, stress.shape_not_chosen), |s| vocabulary::shape(s, i18n.get_locale()));
        t_string!(i18n, stress.shape_line, shape)
    };
    let sections = test
        .sections
        .iter()
        .map(|section| {
            let questions = section
                .items
                .iter()
                .map(|q| view! { <QuestionView test_id=id.clone() question=q.clone() shape=shape cell=cells.get(&q.id) /> })
                .collect_view();
            view! {
                <section class="cc-section">
                    <h2 lang=lang>{section.title.clone()}</h2>
                    <Prose text=section.intro.clone() />
                    <ol class="cc-items cc-questions">{questions}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <article class="cc-page cc-stress">
          <PrintFrame label labels_in_print_only=true>
            <nav class="cc-crumbs">
                <RouteLink route=Route::Catalog>{move || t_string!(i18n, stress.all_checklists)}</RouteLink>
            </nav>
            <UntranslatedNote id=test.id.clone() />
            <h1 tabindex="-1" lang=lang>{test.title.clone()}</h1>
            <p class="cc-lead" lang=lang>{test.summary.clone()}</p>
            <Prose text=test.when.clone() />
            <p class="cc-meta">{move || t_string!(i18n, stress.assessment_label)} " " <TlpBadge tlp=test.label /></p>
            <p class="cc-why-label">{move || t_string!(i18n, stress.why_label)}</p>
            <p>
                {move || t_string!(i18n, stress.ask_before)} " "
                <strong>{move || t_string!(i18n, stress.ask_notice)}</strong> " "
                {move || t_string!(i18n, stress.ask_middle)} " "
                <strong>{move || t_string!(i18n, stress.ask_slow)}</strong>
                {move || t_string!(i18n, stress.ask_after)}
            </p>
            <fieldset class="cc-question cc-shape">
                <legend><h2>{move || t_string!(i18n, stress.shape_title)}</h2></legend>
                <p class="cc-help">{move || t_string!(i18n, stress.shape_help)}</p>
                {shapes}
                <p class="cc-print-only">{shape_words}</p>
            </fieldset>
            {sections}
            <section class="cc-summary-box" aria-label=move || t_string!(i18n, stress.summary)>
                <h2>{move || t_string!(i18n, stress.summary)}</h2>
                {move || view! { <SummaryCounts summary=summary.get() /> }}
                <p class="cc-screen-only">
                    <RouteLink route=Route::Summary>
                        {move || t_string!(i18n, stress.see_summary)}
                    </RouteLink>
                </p>
            </section>
          </PrintFrame>
        </article>
    }
}

/// One question with its four answers and a note.
#[component]
fn QuestionView(
    test_id: String,
    question: Item,
    shape: Memo<Option<Shape>>,
    cell: RwSignal<ItemState>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let name = state.dom_id(&format!("answer-{}", question.id));
    let note_id = state.dom_id(&format!("note-{}", question.id));
    let answer = Memo::new(move |_| cell.with(|c| c.answer));
    let note = Memo::new(move |_| cell.with(|c| c.note.clone()));
    let q = question.clone();
    let fits = Memo::new(move |_| applies(&q, shape.get()));
    let options = Answer::ALL
        .into_iter()
        .map(|a| {
            let (tid, qid) = (test_id.clone(), question.id.clone());
            view! {
                <span class="cc-answer">
                    <Choice
                        name=name.clone()
                        value=a.key()
                        label=Signal::derive(move || vocabulary::answer(a, i18n.get_locale()))
                        checked=Signal::derive(move || fits.get() && answer.get() == Some(a))
                        on_choose=move || state.update_progress(&tid, |p| p.set_answer(&qid, a, js_sys::Date::now()))
                        disabled=Signal::derive(move || !fits.get())
                    />
                </span>
            }
        })
        .collect_view();
    let (tid, qid) = (test_id.clone(), question.id.clone());
    let on_note =
        move |text: String| state.update_progress(&tid, |p| p.set_note(&qid, &text, js_sys::Date::now()));
    let why = (!question.why.is_empty())
        .then(|| view! { <p class="cc-why"><strong>{move || t_string!(i18n, stress.why_it_matters)} " "</strong><span lang=TextLang::here()>{question.why.clone()}</span></p> });
    let detail = (!question.detail.is_empty()).then(|| view! { <Prose text=question.detail.clone() /> });
    view! {
        <li class="cc-item cc-question-item" data-item=question.id.clone() class:cc-not-for-shape=move || !fits.get()>
            <fieldset class="cc-answers">
                <legend class="cc-question-text" lang=TextLang::here()>{question.text.clone()}</legend>
                {why}
                {detail}
                {move || (!fits.get()).then(|| {
                    let shape = shape.get();
                    let words = move || {
                        let shape = shape.map(|s| vocabulary::shape_in_sentence(s, i18n.get_locale()));
                        t_string!(i18n, stress.not_for_shape, shape = shape.unwrap_or_default())
                    };
                    view! { <p class="cc-na-shape">{words}</p> }
                })}
                <div class="cc-answer-row">{options}</div>
                // Printed, the answer and the note as text in place of their fields.
                <p class="cc-print-only cc-print-answer">
                    {move || if fits.get() { answer.get().map_or(t_string!(i18n, stress.unanswered), |a| vocabulary::answer(a, i18n.get_locale())) } else { "" }}
                </p>
                {move || note.with(|n| {
                    let n = n.trim();
                    (!n.is_empty()).then(|| view! { <p class="cc-print-only cc-print-note">{n.to_owned()}</p> })
                })}
                // Inside the question's group, so the note field is announced with its question.
                <label class="cc-screen-only" for=note_id.clone()>{move || t_string!(i18n, stress.note)}</label>
                <NoteField id=note_id rows=2 note on_input=on_note />
            </fieldset>
        </li>
    }
}

/// The counts of one summary.
#[component]
fn SummaryCounts(summary: Summary) -> impl IntoView {
    let i18n = use_i18n();
    let Summary { resilient, partly, not_yet, not_applicable, unanswered, .. } = summary;
    view! {
        <p class="cc-counts">
            {move || t_string!(i18n, stress.counts, resilient, partly, not_yet, not_applicable, unanswered)}
        </p>
    }
}

/// The summary of every stress test: counts, then the weakest spots with notes.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let tests: Vec<Arc<Scenario>> = state.library.with_value(|l| {
        let in_language = l.scenarios_in(i18n.get_locale_untracked().as_str());
        in_language.into_iter().filter(|s| s.kind == ScenarioKind::StressTest).collect()
    });
    // Each test's text in its own language where that is not the interface's.
    let langs: Vec<Option<&'static str>> = tests.iter().map(|t| TextLang::of(&t.id).0).collect();
    let langs_too = langs.clone();
    // A list of weak spots is at least TLP:AMBER+STRICT, and never looser than a test's own label.
    let label = state.saved.with_untracked(|s| {
        tests
            .iter()
            .map(|t| s.progress_or_empty(&t.id).label.unwrap_or(t.label))
            .fold(Tlp::AmberStrict, Ord::min)
    });
    let summaries = {
        let tests = tests.clone();
        Memo::new(move |_| {
            state
                .saved
                .with(|s| tests.iter().map(|t| summarize(t, s.progress_or_empty(&t.id))).collect::<Vec<_>>())
        })
    };
    let shape = Memo::new(move |_| {
        let shapes: Vec<Option<Shape>> =
            state.saved.with(|s| s.records.values().filter_map(|r| r.progress.shape).map(Some).collect());
        match shapes.first() {
            Some(first) if shapes.iter().all(|s| s == first) => *first,
            _ => None,
        }
    });
    let markdown = move || {
        let words = SummaryIn(i18n.get_locale_untracked());
        summary_markdown(label, shape.get(), &summaries.get(), &words)
    };
    let copied = RwSignal::new(String::new());
    let copy = move |_| {
        let text = markdown();
        copy_text(
            text,
            copied,
            tu_string!(i18n, stress.copied).to_owned(),
            tu_string!(i18n, stress.copy_failed),
        );
    };
    view! {
        <div class="cc-page cc-summary">
          <PrintFrame label>
            <h1>{move || t_string!(i18n, stress.summary_title)}</h1>
            <p class="cc-meta">{move || t_string!(i18n, stress.label)} " " <TlpBadge tlp=label /></p>
            <p class="cc-why-label">{move || t_string!(i18n, stress.why_label)}</p>
            <p class="cc-actions">
                <button type="button" class="cc-button" on:click=copy>{move || t_string!(i18n, stress.copy_markdown)}</button>
                " "
                <button type="button" class="cc-button" on:click=move |_| print_now()>{move || t_string!(i18n, stress.print)}</button>
                " " <span role="status">{move || copied.get()}</span>
            </p>
            <div class="cc-table-wrap" tabindex="0" role="region" aria-label=move || t_string!(i18n, stress.answers_per_test)>
                <table class="cc-table cc-summary-table">
                    <caption>{move || t_string!(i18n, stress.answers_per_test)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, stress.col_test)}</th>
                            <th scope="col">{move || t_string!(i18n, stress.col_resilient)}</th>
                            <th scope="col">{move || t_string!(i18n, stress.col_partly)}</th>
                            <th scope="col">{move || t_string!(i18n, stress.col_not_yet)}</th>
                            <th scope="col">{move || t_string!(i18n, stress.col_not_applicable)}</th>
                            <th scope="col">{move || t_string!(i18n, stress.col_unanswered)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || summaries.get().into_iter().zip(langs.clone()).map(|(s, lang)| view! {
                            <tr>
                                <th scope="row" lang=lang>{s.title}</th><td>{s.resilient}</td><td>{s.partly}</td>
                                <td>{s.not_yet}</td><td>{s.not_applicable}</td><td>{s.unanswered}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h2>{move || t_string!(i18n, stress.weakest)}</h2>
            {move || {
                let list: Vec<(Summary, Option<&'static str>)> =
                    summaries.get().into_iter().zip(langs_too.clone()).filter(|(s, _)| !s.weakest.is_empty()).collect();
                if list.is_empty() {
                    return view! { <p>{move || t_string!(i18n, stress.no_weak)}</p> }.into_any();
                }
                list.into_iter().map(|(s, lang)| view! {
                    <section class="cc-weak">
                        <h3 lang=lang>{s.title}</h3>
                        <ul>
                            {s.weakest.into_iter().map(|w| view! {
                                <li>
                                    <strong>{move || vocabulary::answer(w.answer, i18n.get_locale())} ": "</strong><span lang=lang>{w.question}</span>
                                    {(!w.note.trim().is_empty()).then(|| view! { <p class="cc-note-print">{w.note}</p> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }).collect_view().into_any()
            }}
          </PrintFrame>
        </div>
    }
}

/// A stress-test summary's words in the language it is read in.
struct SummaryIn(Locale);

impl SummaryWords for SummaryIn {
    fn title(&self) -> String {
        td_string!(self.0, stress.summary_title).to_owned()
    }
    fn shape(&self, shape: Shape) -> String {
        td_string!(self.0, stress.shape_line, shape = vocabulary::shape(shape, self.0))
    }
    fn columns(&self) -> [String; 6] {
        [
            td_string!(self.0, stress.col_test),
            td_string!(self.0, stress.col_resilient),
            td_string!(self.0, stress.col_partly),
            td_string!(self.0, stress.col_not_yet),
            td_string!(self.0, stress.col_not_applicable),
            td_string!(self.0, stress.col_unanswered),
        ]
        .map(str::to_owned)
    }
    fn answer(&self, answer: Answer) -> String {
        vocabulary::answer(answer, self.0).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::export::English;
    use crate::model::progress::Progress;

    #[test]
    fn the_summary_s_english_copy_has_the_interface_s_english_words_and_spanish_has_its_own() {
        let library = crate::content::Library::built_in();
        let test = library.scenarios().into_iter().find(|s| s.kind == ScenarioKind::StressTest).unwrap();
        let mut p = Progress { shape: Some(Shape::SmallGroup), ..Progress::default() };
        let first = test.items().next().unwrap();
        p.set_answer(&first.id, Answer::NotYet, 1.0);
        let summaries = [summarize(&test, &p)];
        let ours = summary_markdown(Tlp::Amber, p.shape, &summaries, &English);
        assert_eq!(ours, summary_markdown(Tlp::Amber, p.shape, &summaries, &SummaryIn(Locale::en)));
        let es = summary_markdown(Tlp::Amber, p.shape, &summaries, &SummaryIn(Locale::es));
        let not_yet = vocabulary::answer(Answer::NotYet, Locale::es);
        assert!(es.starts_with("TLP:AMBER\n\n# "), "{es}");
        assert!(es.contains(&format!("- **{not_yet}**: ")), "{es}");
        assert!(es.trim_end().ends_with("TLP:AMBER"), "{es}");
        for english in ["Governance stress test", "Stress test", "Not yet", "Shape of"] {
            assert!(!es.contains(english), "{english} in {es}");
        }
    }
}

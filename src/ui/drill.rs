//! Running a tabletop drill: the drill's page (roles, the start of a run, full or quick), the
//! facilitator's view (the clock, injects appearing at their minute or on demand, the steps
//! and messages of the rehearsed checklist they call for, the scribe's notes into the record's
//! communications log, the debrief), the participants' view for another tab or window of the
//! same browser (only what was revealed, following the facilitator's tab through storage
//! events: nothing goes over the network), and the after-action report, printed or exported,
//! marked EXERCISE beside its label.
//!
//! A run is an exercise record of the rehearsed checklist, holding a [`DrillRun`]; time is read
//! through [`now`], so tests can move the clock with `window.crisisCommsClock`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::content::Library;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::model::audience::Audience;
use crate::model::checklist::Scenario;
use crate::model::debrief::{
    clock_text, report_markdown, DrillRun, Point, PointKind, ReportFacts, ReportWords, EXERCISE, MINUTE,
};
use crate::model::drill::Drill;
use crate::model::export::CopyLabel;
use crate::model::saved::{Record, RecordOf};
use crate::model::timeline::{self, Entry, How};
use crate::model::tlp::Tlp;
use crate::ui::cells::ItemCells;
use crate::ui::download::{download, safe_file_name};
use crate::ui::item::ItemView;
use crate::ui::language::{TextLang, UntranslatedNote};
use crate::ui::link::RouteLink;
use crate::ui::print::{label_line, print_now, CopyWords, PrintFrame};
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::text::Prose;
use crate::ui::time::{default_record_name, local_time};
use crate::ui::timeline::{clock, new_entry, now, random};
use crate::ui::tlp_badge::TlpBadge;
use crate::ui::vocabulary;

/// The marking of an exercise record: EXERCISE beside its label, on every page that shows one.
#[component]
pub fn ExerciseBanner(label: Signal<Tlp>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="cc-exercise-banner" role="note">
            <strong class="cc-exercise">{EXERCISE}</strong>
            " " {move || view! { <TlpBadge tlp=label.get() /> }}
            " " {move || t_string!(i18n, drill.exercise_note)}
        </p>
    }
}

/// The banner of a checklist page whose record shown is an exercise.
#[component]
pub fn ExerciseBannerFor(scenario: Arc<Scenario>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let (sid, default) = (scenario.id.clone(), scenario.label);
    // The label of the exercise record shown, and its run's record id if it runs a drill.
    let shown = Memo::new(move |_| {
        state.saved.with(|s| {
            s.current_record(&sid)
                .filter(|r| r.exercise)
                .map(|r| (r.label(default), r.drill.is_some().then(|| r.id.clone())))
        })
    });
    move || {
        shown.get().map(|(l, drill)| {
            view! {
                <ExerciseBanner label=Signal::derive(move || shown.try_get().flatten().map_or(l, |(l, _)| l)) />
                {drill.map(|rid| view! {
                    <p class="cc-meta"><RouteLink route=Route::Drill(rid)>{move || t_string!(i18n, drill.back_to_drill)}</RouteLink></p>
                })}
            }
        })
    }
}

/// A drill's page: what it rehearses, the roles, and starting a run (full or quick).
#[component]
pub fn DrillPage(scenario: Arc<Scenario>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let text_lang = TextLang::give(&scenario.id);
    let Some(drill) = scenario.drill.clone() else {
        return view! { <p>{move || t_string!(i18n, drill.not_readable)}</p> }.into_any();
    };
    let lang = i18n.get_locale_untracked().as_str();
    let checklist = state.library.with_value(|l| l.get_in(&drill.scenario, lang));
    let checklist_title = checklist.as_ref().map_or_else(|| drill.scenario.clone(), |c| c.title.clone());
    let name_id = state.dom_id("drill-name");
    let name = RwSignal::new(String::new());
    let quick = RwSignal::new(false);
    let (full_id, quick_id) = (state.dom_id("drill-full"), state.dom_id("drill-quick"));
    let start = {
        let (scenario, drill) = (scenario.clone(), drill.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(checklist) = state.library.with_value(|l| l.get_in(&drill.scenario, lang)) else {
                return;
            };
            let t = now();
            let typed = name.get_untracked().trim().to_owned();
            let name = if typed.is_empty() { default_record_name(&scenario.title, t) } else { typed };
            let run = DrillRun::new(&scenario.id, quick.get_untracked(), t);
            let mut id = String::new();
            state.change(|s| id = s.start_exercise(&checklist, &name, scenario.label, Some(run), t));
            state.route.set(Route::Drill(id));
        }
    };
    let sid = scenario.id.clone();
    let runs = Memo::new(move |_| {
        state.saved.with(|s| {
            s.records
                .values()
                .filter(|r| r.drill.as_ref().is_some_and(|d| d.drill == sid))
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let roles = drill
        .roles
        .iter()
        .map(|r| {
            view! {
                <section class="cc-drill-role" data-role=r.id.clone()>
                    <h3 lang=text_lang>{r.title.clone()}</h3>
                    <Prose text=r.brief.clone() />
                </section>
            }
        })
        .collect_view();
    let label = scenario.label;
    let (minutes, quick_minutes) = (drill.minutes, drill.quick_minutes);
    let length = move || td_string!(i18n.get_locale(), catalog.drill_length, minutes, quick = quick_minutes);
    // Printed, the drill's page says EXERCISE beside its label at the top and bottom of every sheet.
    view! {
        <article class="cc-page cc-drill">
            <nav class="cc-crumbs"><RouteLink route=Route::Catalog>{move || t_string!(i18n, drill.all_checklists)}</RouteLink></nav>
            <PrintFrame label=Signal::stored(label) labels_in_print_only=true exercise=Signal::stored(true)>
            <ExerciseBanner label=Signal::stored(label) />
            <UntranslatedNote id=scenario.id.clone() />
            <h1 lang=text_lang>{scenario.title.clone()}</h1>
            <p class="cc-lead" lang=text_lang>{scenario.summary.clone()}</p>
            <p class="cc-meta">
                {move || t_string!(i18n, drill.of_checklist_before)}
                <RouteLink route=Route::Scenario(drill.scenario.clone())><span lang=text_lang>{checklist_title}</span></RouteLink>
                {move || t_string!(i18n, drill.of_checklist_after, length = length())} " "
                <TlpBadge tlp=scenario.label />{move || t_string!(i18n, drill.labelled_after)}
            </p>
            <section class="cc-drill-roles">
                <h2>{move || t_string!(i18n, drill.roles)}</h2>
                <Prose text=drill.roles_intro.clone() />
                {roles}
            </section>
            <form class="cc-drill-start" on:submit=start>
                <h2>{move || t_string!(i18n, drill.run_title)}</h2>
                <p>
                    <label for=name_id.clone()>{move || t_string!(i18n, drill.run_name)} " "</label>
                    <input id=name_id type="text" autocomplete="off" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </p>
                <fieldset>
                    <legend>{move || t_string!(i18n, drill.length)}</legend>
                    <input type="radio" class="cc-drill-full" id=full_id.clone() name=state.dom_id("drill-length") checked=true
                        on:change=move |_| quick.set(false) />
                    <label for=full_id>" " {move || t_string!(i18n, drill.full, minutes)} " "</label>
                    <input type="radio" class="cc-drill-quick" id=quick_id.clone() name=state.dom_id("drill-length")
                        on:change=move |_| quick.set(true) />
                    <label for=quick_id>" " {move || t_string!(i18n, drill.quick, minutes = quick_minutes)}</label>
                </fieldset>
                <p><button type="submit" class="cc-button cc-primary cc-drill-begin">{move || t_string!(i18n, drill.start)}</button></p>
            </form>
            {move || (!runs.with(Vec::is_empty)).then(|| view! {
                <section class="cc-drill-runs">
                    <h2>{move || t_string!(i18n, drill.runs)}</h2>
                    <ul>{runs.get().into_iter().map(|(id, name)| view! {
                        <li><strong class="cc-exercise">{EXERCISE}</strong>" "<RouteLink route=Route::Drill(id)>{name}</RouteLink></li>
                    }).collect_view()}</ul>
                </section>
            })}
            </PrintFrame>
        </article>
    }
    .into_any()
}

/// A run's record, the drill it runs (its scenario and its parts) and the checklist it rehearses.
struct Parts {
    record: Record,
    drill_sc: Arc<Scenario>,
    drill: Arc<Drill>,
    checklist: Arc<Scenario>,
}

/// The parts of run `rid`, if all of them are here, in `lang` where they have a translation.
fn parts(state: AppState, rid: &str, lang: &str) -> Option<Parts> {
    let record = state.saved.with_untracked(|s| s.records.get(rid).cloned())?;
    let run = record.drill.as_ref()?;
    let (drill_sc, checklist) =
        state.library.with_value(|l| (l.get_in(&run.drill, lang), l.get_in(&record.scenario, lang)));
    let drill_sc = drill_sc?;
    let drill = Arc::new(drill_sc.drill.clone()?);
    Some(Parts { record, drill_sc, drill, checklist: checklist? })
}

fn not_here() -> AnyView {
    let i18n = use_i18n();
    view! {
        <div class="cc-page">
            <h1>{move || t_string!(i18n, drill.not_found)}</h1>
            <p>{move || t_string!(i18n, drill.not_here)}</p>
            <p><RouteLink route=Route::Records>{move || t_string!(i18n, drill.see_records)}</RouteLink></p>
        </div>
    }
    .into_any()
}

/// Changes the run of record `rid` and saves.
fn change_run(state: AppState, rid: &str, f: impl FnOnce(&mut DrillRun, f64)) {
    let t = now();
    state.change(|s| {
        if let Some(r) = s.records.get_mut(rid) {
            if let Some(run) = r.drill.as_mut() {
                f(run, t);
                r.updated = t;
            }
        }
    });
}

/// The run of record `rid` as saved now.
fn run_memo(state: AppState, rid: &str) -> Memo<Option<DrillRun>> {
    let rid = rid.to_owned();
    Memo::new(move |_| state.saved.with(|s| s.records.get(&rid).and_then(|r| r.drill.clone())))
}

/// The facilitator's view of a run.
#[component]
pub fn FacilitatorView(rid: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let Some(Parts { record, drill_sc, drill, checklist }) =
        parts(state, &rid, i18n.get_locale_untracked().as_str())
    else {
        return not_here();
    };
    let text_lang = TextLang::give(&drill_sc.id);
    let quick = record.drill.as_ref().is_some_and(|d| d.quick);
    let run = run_memo(state, &rid);
    let time = clock();
    // Injects appear at their minute: this tab reveals them, and the participants' tabs follow.
    {
        let (rid, drill) = (rid.clone(), drill.clone());
        Effect::new(move |_| {
            time.track();
            let due =
                run.with(|r| r.as_ref().is_some_and(|r| r.running() && !r.due(&drill, now()).is_empty()));
            if due {
                change_run(state, &rid, |r, t| {
                    r.reveal_due(&drill, t);
                });
            }
        });
    }
    let label = record.label(drill_sc.label);
    // Printed, the page holds the scribe's whole list: the strictest of its entries' labels.
    let printed_label = {
        let rid = rid.clone();
        Signal::derive(move || {
            state.saved.with(|s| {
                s.records.get(&rid).map_or(label, |r| timeline::whole_log_label(&r.progress.timeline, label))
            })
        })
    };
    let elapsed = move || {
        time.track();
        run.with(|r| r.as_ref().map(|r| clock_text(r.elapsed_at(now()))).unwrap_or_default())
    };
    let running = move || run.with(|r| r.as_ref().is_some_and(DrillRun::running));
    let ended = move || run.with(|r| r.as_ref().is_some_and(|r| r.ended.is_some()));
    let said = RwSignal::new(String::new());
    let (r1, r2, r3, r4) = (rid.clone(), rid.clone(), rid.clone(), rid.clone());
    let inj = drill.clone();
    let skip = move |_| {
        let mut next = None;
        change_run(state, &r2, |r, t| next = r.skip_ahead(&inj, t));
        let locale = i18n.get_locale_untracked();
        said.set(match next {
            Some(_) => td_string!(locale, drill.skipped).into(),
            None => td_string!(locale, drill.all_out).into(),
        });
    };
    let minutes = if quick { drill.quick_minutes } else { drill.minutes };
    let checklist_title = checklist.title.clone();
    let inj = drill.clone();
    let view_route = Route::DrillView(rid.clone());
    // Another tab follows the run through this browser's storage: with nothing saved on this
    // device, it cannot, and the page says so instead of offering it.
    let shared = move || !state.session_only.get() && state.saving();
    // Steps ticked here go to this run's record, whichever record the checklist's page shows.
    let cells = ItemCells::new(state, RecordOf::Id(rid.clone()), checklist.items());
    let list = {
        let (checklist, rid) = (checklist.clone(), rid.clone());
        let mut shown_steps: Vec<String> = Vec::new();
        drill
            .injects()
            .filter_map(|i| Drill::minute(i, quick).map(|m| (i, m)))
            .map(|(i, minute)| {
                let (iid, rid) = (i.id.clone(), rid.clone());
                let revealed = Memo::new(move |_| {
                    run.with(|r| r.as_ref().and_then(|r| r.revealed.iter().find(|x| x.inject == iid).map(|x| x.at)))
                });
                let (iid, run_id) = (i.id.clone(), rid.clone());
                let reveal = move |_| change_run(state, &run_id, |r, t| {
                    r.reveal(&iid, t);
                });
                let steps = i
                    .steps
                    .iter()
                    .filter_map(|s| checklist.items().find(|x| &x.id == s).cloned())
                    .map(|item| {
                        // A step that an earlier inject calls for too is ticked there: one
                        // checkbox per step keeps the page's ids unique.
                        if shown_steps.contains(&item.id) {
                            let step = item.text.clone();
                            return view! { <li class="cc-item cc-meta">{move || t_string!(i18n, drill.step_above, step = step.clone())}</li> }.into_any();
                        }
                        shown_steps.push(item.id.clone());
                        let cell = cells.get(&item.id);
                        view! { <ItemView of=RecordOf::Id(rid.clone()) item cell /> }.into_any()
                    })
                    .collect_view();
                let templates: Vec<String> = i
                    .templates
                    .iter()
                    .filter_map(|t| checklist.template(t).map(|x| x.title.clone()))
                    .collect();
                let body = view! {
                    <InjectBody fact=i.fact.clone() prompts=i.prompts.clone() />
                    {(!i.steps.is_empty()).then(|| view! {
                        <p class="cc-meta">{move || t_string!(i18n, drill.steps_called)}</p>
                        <ul class="cc-items">{steps}</ul>
                    })}
                    {(!templates.is_empty()).then(|| view! {
                        <p class="cc-meta">
                            {move || t_string!(i18n, drill.messages_called, messages = templates.join(", "))} " "
                            <ExerciseChecklistLink rid=rid.clone() checklist=checklist.id.clone()>{move || t_string!(i18n, drill.on_the_checklist)}</ExerciseChecklistLink>
                        </p>
                    })}
                };
                view! {
                    <li class="cc-inject" data-inject=i.id.clone() data-revealed=move || revealed.get().is_some().to_string()>
                        <h3>
                            <span class="cc-inject-at">{clock_text(f64::from(minute) * MINUTE)}</span>" "<span lang=text_lang>{i.title.clone()}</span>
                        </h3>
                        {move || match revealed.get() {
                            Some(at) => view! { <p class="cc-meta">{move || t_string!(i18n, drill.revealed_at, time = clock_text(at))}</p> }.into_any(),
                            None => view! {
                                <p class="cc-meta">
                                    {move || t_string!(i18n, drill.not_revealed)} " "
                                    <button type="button" class="cc-button cc-reveal" on:click=reveal.clone()>{move || t_string!(i18n, drill.reveal_now)}</button>
                                </p>
                            }.into_any(),
                        }}
                        <details class="cc-inject-body" open=move || revealed.get().is_some()>
                            <summary>{move || t_string!(i18n, drill.participants_read)}</summary>
                            {body}
                        </details>
                    </li>
                }
            })
            .collect_view()
    };
    // Printed, the page says EXERCISE beside its label at the top and bottom of every sheet.
    view! {
        <PrintFrame label=printed_label labels_in_print_only=true exercise=Signal::stored(true)>
        <article class="cc-page cc-drill-run">
            <ExerciseBanner label=printed_label />
            <h1>{move || t_string!(i18n, drill.facilitator_title, name = record.name.clone())}</h1>
            <p class="cc-meta">
                {move || if quick {
                    t_string!(i18n, drill.rehearsing_before_quick, drill = drill_sc.title.clone())
                } else {
                    t_string!(i18n, drill.rehearsing_before, drill = drill_sc.title.clone())
                }}
                <ExerciseChecklistLink rid=rid.clone() checklist=checklist.id.clone()><span lang=text_lang>{checklist_title}</span></ExerciseChecklistLink>
                {move || t_string!(i18n, drill.rehearsing_after, minutes)}
            </p>
            <p class="cc-help">
                {move || if shared() {
                    view! {
                        {move || t_string!(i18n, drill.shared_help)} " "
                        <a href=view_route.fragment() target="_blank" class="cc-participants-link">{move || t_string!(i18n, drill.open_participants)}</a>
                    }.into_any()
                } else {
                    view! {
                        <span class="cc-drill-not-shared">
                            {move || t_string!(i18n, drill.not_shared)}
                        </span>
                    }.into_any()
                }}
            </p>
            <section class="cc-drill-clock" aria-label=move || t_string!(i18n, drill.clock)>
                <p class="cc-clock"><span class="cc-clock-time" role="timer">{elapsed}</span>
                    " " {move || if ended() {
                        t_string!(i18n, drill.ended)
                    } else if running() {
                        t_string!(i18n, drill.running)
                    } else {
                        t_string!(i18n, drill.paused)
                    }}</p>
                <p class="cc-actions">
                    {move || (!ended()).then(|| {
                        let (a, b, inj) = (r1.clone(), r3.clone(), inj.clone());
                        if running() {
                            view! { <button type="button" class="cc-button cc-drill-pause" on:click=move |_| change_run(state, &a, |r, t| r.pause(t))>{move || t_string!(i18n, drill.pause)}</button> }.into_any()
                        } else {
                            view! { <button type="button" class="cc-button cc-primary cc-drill-go" on:click=move |_| change_run(state, &b, |r, t| {
                                r.start(t);
                                r.reveal_due(&inj, t);
                            })>{move || t_string!(i18n, drill.start_clock)}</button> }.into_any()
                        }
                    })}
                    " "
                    <button type="button" class="cc-button cc-drill-skip" on:click=skip disabled=ended>{move || t_string!(i18n, drill.skip)}</button>
                    " "
                    <button type="button" class="cc-button cc-drill-end" disabled=ended on:click=move |_| {
                        change_run(state, &r4, |r, t| r.end(t));
                        said.set(td_string!(i18n.get_locale_untracked(), drill.has_ended).into());
                    }>{move || t_string!(i18n, drill.end)}</button>
                    " " <span role="status">{move || said.get()}</span>
                </p>
            </section>
            <section class="cc-drill-injects">
                <h2>{move || t_string!(i18n, drill.injects)}</h2>
                <ol class="cc-injects">{list}</ol>
            </section>
            <ScribeNotes rid=rid.clone() run checklist=checklist.clone() label />
            <DebriefSection rid=rid.clone() run drill=drill.clone() />
        </article>
        </PrintFrame>
    }
    .into_any()
}

/// A link to the checklist that run `rid` rehearses, showing the run's exercise record there: a
/// checklist's page shows one record, and following the link makes it this one, as choosing it
/// under "Record" does. Until then the page keeps the record it showed (a real incident's too).
#[component]
fn ExerciseChecklistLink(rid: String, checklist: String, children: Children) -> impl IntoView {
    let state = expect_context::<AppState>();
    let sid = checklist.clone();
    let show = Callback::new(move |()| {
        let (sid, rid) = (sid.clone(), rid.clone());
        state.change(|s| {
            if s.records.contains_key(&rid) {
                s.current.insert(sid, rid);
            }
        });
    });
    view! {
        <RouteLink route=Route::Scenario(checklist) class="cc-exercise-checklist" before=show>
            {children()}
        </RouteLink>
    }
}

/// An inject's new fact and its prompts.
#[component]
fn InjectBody(fact: String, prompts: Vec<String>) -> impl IntoView {
    view! {
        <div class="cc-inject-fact"><Prose text=fact /></div>
        {(!prompts.is_empty()).then(|| view! {
            <ul class="cc-inject-prompts" lang=TextLang::here()>{prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        })}
    }
}

/// The scribe's notes: decisions with their times, logged in the record's communications log.
#[component]
fn ScribeNotes(
    rid: String,
    run: Memo<Option<DrillRun>>,
    checklist: Arc<Scenario>,
    label: Tlp,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let who = RwSignal::new(Audience::Responders);
    let said = RwSignal::new(String::new());
    let (text_id, who_id) = (state.dom_id("scribe-text"), state.dom_id("scribe-who"));
    let entries = {
        let rid = rid.clone();
        Memo::new(move |_| {
            state.saved.with(|s| {
                s.records
                    .get(&rid)
                    .map(|r| {
                        r.progress
                            .timeline
                            .iter()
                            .filter(|e| e.removed.is_none())
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let link = view! {
        <ExerciseChecklistLink rid=rid.clone() checklist=checklist.id.clone()>{move || t_string!(i18n, drill.log_link)}</ExerciseChecklistLink>
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = text.get_untracked().trim().to_owned();
        if words.is_empty() {
            said.set(td_string!(i18n.get_locale_untracked(), drill.decision_first).into());
            return;
        }
        let t = now();
        let at = run.with_untracked(|r| r.as_ref().map(|r| clock_text(r.elapsed_at(t)))).unwrap_or_default();
        let mut entry = new_entry(t, How::Meeting, vec![who.get_untracked()], label);
        entry.note = format!("{EXERCISE}, drill time {at}: {words}");
        let rid = rid.clone();
        state.change(|s| {
            if let Some(r) = s.records.get_mut(&rid) {
                timeline::log(&mut r.progress.timeline, entry);
                r.updated = t;
            }
        });
        text.set(String::new());
        said.set(td_string!(i18n.get_locale_untracked(), drill.noted, time = at));
    };
    view! {
        <section class="cc-scribe">
            <h2>{move || t_string!(i18n, drill.scribe_title)}</h2>
            <p class="cc-help">
                {move || t_string!(i18n, drill.scribe_help)} " "
                {link}
            </p>
            <form class="cc-scribe-form" on:submit=add>
                <p>
                    <label for=text_id.clone()>{move || t_string!(i18n, drill.decision)} " "</label>
                    <input id=text_id type="text" autocomplete="off" class="cc-scribe-text" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev)) />
                    " "
                    <label for=who_id.clone()>{move || t_string!(i18n, drill.for_whom)} " "</label>
                    <select id=who_id on:change=move |ev| {
                        if let Ok(a) = event_target_value(&ev).parse() { who.set(a) }
                    }>
                        {Audience::ALL.iter().map(|a| view! {
                            <option value=a.key() selected=*a == Audience::Responders>{move || vocabulary::audience(*a, i18n.get_locale())}</option>
                        }).collect_view()}
                    </select>
                    " "
                    <button type="submit" class="cc-button cc-scribe-add">{move || t_string!(i18n, drill.note_it)}</button>
                </p>
                <p role="status" class="cc-scribe-said">{move || said.get()}</p>
            </form>
            <ol class="cc-scribe-notes">
                {move || entries.get().into_iter().map(|e| view! {
                    <li data-entry=e.id.clone()>{format!("{} — {}", local_time(e.at), noted(&checklist, &e, i18n.get_locale()))}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The debrief: the drill's questions, then what went well, gaps and action items with owners,
/// each linkable to stress-test questions; and the after-action report.
#[component]
fn DebriefSection(rid: String, run: Memo<Option<DrillRun>>, drill: Arc<Drill>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let kind = RwSignal::new(PointKind::WentWell);
    let text = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let links = RwSignal::new(Vec::<String>::new());
    let said = RwSignal::new(String::new());
    let (kind_id, text_id, owner_id) =
        (state.dom_id("debrief-kind"), state.dom_id("debrief-text"), state.dom_id("debrief-owner"));
    // Every stress-test question the drill's debrief questions touch, once each.
    let mut offered: Vec<String> = Vec::new();
    for q in &drill.debrief {
        for s in &q.stress {
            let key = s.key();
            if !offered.contains(&key) {
                offered.push(key);
            }
        }
    }
    let questions = drill
        .debrief
        .iter()
        .map(|q| {
            let links: Vec<String> = q.stress.iter().map(|s| s.key()).collect();
            view! {
                <li data-question=q.id.clone()>
                    <strong lang=TextLang::here()>{q.text.clone()}</strong>
                    <Prose text=q.detail.clone() />
                    {(!links.is_empty()).then(|| view! {
                        <p class="cc-meta">{
                            let questions = links.iter().map(|k| stress_title(state, k, i18n.get_locale_untracked().as_str())).collect::<Vec<_>>().join("; ");
                            move || t_string!(i18n, drill.stress_questions, questions = questions.clone())
                        }</p>
                    })}
                </li>
            }
        })
        .collect_view();
    let add = {
        let rid = rid.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let words = text.get_untracked().trim().to_owned();
            if words.is_empty() {
                said.set(td_string!(i18n.get_locale_untracked(), drill.point_first).into());
                return;
            }
            let k = kind.get_untracked();
            let who = owner.get_untracked().trim().to_owned();
            if k == PointKind::Action && who.is_empty() {
                said.set(td_string!(i18n.get_locale_untracked(), drill.owner_needed).into());
                return;
            }
            let t = now();
            let point = Point {
                id: timeline::fresh_id('p', t, random()),
                kind: k,
                text: words,
                owner: if k == PointKind::Action { who } else { String::new() },
                stress: links.get_untracked(),
                removed: None,
                changed: t,
            };
            change_run(state, &rid, |r, _| r.add_point(point));
            text.set(String::new());
            owner.set(String::new());
            links.set(Vec::new());
            let locale = i18n.get_locale_untracked();
            said.set(td_string!(locale, drill.added, kind = vocabulary::point(k, locale)));
        }
    };
    let lists = {
        let rid = rid.clone();
        PointKind::ALL
            .into_iter()
            .map(|k| {
                let rid = rid.clone();
                // This kind's points alone: another kind's change or the clock leaves the list be.
                let points = Memo::new(move |_| {
                    run.with(|r| r.as_ref().map(|r| r.points(k).cloned().collect::<Vec<_>>()).unwrap_or_default())
                });
                view! {
                    <section class=format!("cc-debrief-list cc-debrief-{}", k.key())>
                        <h3>{move || vocabulary::point(k, i18n.get_locale())}</h3>
                        <ul>
                            {move || {
                                let rid = rid.clone();
                                points.get().into_iter().map(|p| {
                                    let (rid, pid) = (rid.clone(), p.id.clone());
                                    view! {
                                        <li data-point=p.id.clone()>
                                            {p.text.clone()}
                                            {(!p.owner.is_empty()).then(|| {
                                                let owner = p.owner.clone();
                                                view! { " " {move || t_string!(i18n, drill.owner_of, owner = owner.clone())} }
                                            })}
                                            {(!p.stress.is_empty()).then(|| {
                                                let tests = p.stress.iter().map(|k| stress_title(state, k, i18n.get_locale_untracked().as_str())).collect::<Vec<_>>().join("; ");
                                                view! { " " {move || t_string!(i18n, drill.stress_tests_of, tests = tests.clone())} }
                                            })}
                                            " "
                                            <button type="button" class="cc-button" on:click=move |_| change_run(state, &rid, |r, t| {
                                                r.remove_point(&pid, t);
                                            })>{move || t_string!(i18n, drill.remove)}</button>
                                        </li>
                                    }
                                }).collect_view()
                            }}
                        </ul>
                    </section>
                }
            })
            .collect_view()
    };
    let boxes = offered
        .into_iter()
        .enumerate()
        .map(|(n, key)| {
            let id = state.dom_id(&format!("debrief-stress-{n}"));
            let (k1, k2) = (key.clone(), key.clone());
            view! {
                <li>
                    <input type="checkbox" id=id.clone() prop:checked=move || links.with(|l| l.contains(&k1))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            links.update(|l| {
                                l.retain(|x| x != &k2);
                                if on { l.push(k2.clone()) }
                            });
                        } />
                    <label for=id>" " {stress_title(state, &key, i18n.get_locale_untracked().as_str())}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="cc-debrief">
            <h2>{move || t_string!(i18n, drill.debrief)}</h2>
            <Prose text=drill.debrief_intro.clone() />
            <ol class="cc-debrief-questions">{questions}</ol>
            {lists}
            <form class="cc-debrief-form" on:submit=add>
                <p>
                    <label for=kind_id.clone()>{move || t_string!(i18n, drill.kind)} " "</label>
                    <select id=kind_id class="cc-debrief-kind" on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse() { kind.set(k) }
                    }>
                        {PointKind::ALL.iter().map(|k| view! { <option value=k.key()>{move || vocabulary::point(*k, i18n.get_locale())}</option> }).collect_view()}
                    </select>
                    " "
                    <label for=text_id.clone()>{move || t_string!(i18n, drill.point)} " "</label>
                    <input id=text_id class="cc-debrief-text" type="text" autocomplete="off" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev)) />
                    " "
                    <label for=owner_id.clone()>{move || t_string!(i18n, drill.owner)} " "</label>
                    <input id=owner_id class="cc-debrief-owner" type="text" autocomplete="off" prop:value=move || owner.get()
                        on:input=move |ev| owner.set(event_target_value(&ev)) />
                </p>
                <fieldset class="cc-debrief-stress">
                    <legend>{move || t_string!(i18n, drill.stress_touched)}</legend>
                    <ul>{boxes}</ul>
                </fieldset>
                <p>
                    <button type="submit" class="cc-button cc-debrief-add">{move || t_string!(i18n, drill.add)}</button>
                    " " <span role="status">{move || said.get()}</span>
                </p>
            </form>
            <p class="cc-actions">
                <RouteLink route=Route::DrillReport(rid.clone()) class="cc-report-link">{move || t_string!(i18n, drill.report_link)}</RouteLink>
            </p>
        </section>
    }
}

/// A log entry as the scribe's list and the report give it: its note, or what it logged, in
/// `locale`.
fn noted(checklist: &Scenario, e: &Entry, locale: Locale) -> String {
    if e.note.is_empty() {
        vocabulary::what(checklist, e, locale)
    } else {
        e.note.clone()
    }
}

/// A stress-test question, `test/question`, in words: "Stress test title: question", in `lang`
/// where the stress test has a translation.
fn stress_title(state: AppState, key: &str, lang: &str) -> String {
    let (test, question) = key.split_once('/').unwrap_or((key, ""));
    state
        .library
        .with_value(|l: &Arc<Library>| l.get_in(test, lang))
        .and_then(|t| t.items().find(|i| i.id == question).map(|i| format!("{}: {}", t.title, i.text)))
        .unwrap_or_else(|| key.to_owned())
}

/// The participants' view: only what was revealed, following the facilitator's tab.
#[component]
pub fn ParticipantsView(rid: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let Some(Parts { record, drill_sc, drill, checklist }) =
        parts(state, &rid, i18n.get_locale_untracked().as_str())
    else {
        return not_here();
    };
    let text_lang = TextLang::give(&drill_sc.id);
    let run = run_memo(state, &rid);
    // What was revealed, alone: the clock's start and pause leave the list (read aloud) be.
    let revealed =
        Memo::new(move |_| run.with(|r| r.as_ref().map(|r| r.revealed.clone()).unwrap_or_default()));
    let time = clock();
    let label = record.label(drill_sc.label);
    let elapsed = move || {
        time.track();
        run.with(|r| r.as_ref().map(|r| clock_text(r.elapsed_at(now()))).unwrap_or_default())
    };
    let shown = move || {
        revealed
            .get()
            .into_iter()
            .filter_map(|x| drill.injects().find(|i| i.id == x.inject).cloned().map(|i| (x.at, i)))
            .map(|(at, i)| {
                view! {
                    <li class="cc-inject" data-inject=i.id.clone()>
                        <h2><span class="cc-inject-at">{clock_text(at)}</span>" "<span lang=text_lang>{i.title.clone()}</span></h2>
                        <InjectBody fact=i.fact.clone() prompts=i.prompts.clone() />
                    </li>
                }
            })
            .collect_view()
    };
    let none = move || revealed.with(Vec::is_empty);
    view! {
        <PrintFrame label labels_in_print_only=true exercise=Signal::stored(true)>
        <article class="cc-page cc-drill-participants">
            <ExerciseBanner label=Signal::derive(move || label) />
            <h1><span lang=text_lang>{drill_sc.title.clone()}</span>{format!(": {}", record.name)}</h1>
            <p class="cc-meta">{move || t_string!(i18n, drill.participants_meta, checklist = checklist.title.clone())} " "<span class="cc-clock-time" role="timer">{elapsed}</span></p>
            {move || none().then(|| view! { <p class="cc-drill-waiting">{move || t_string!(i18n, drill.waiting)}</p> })}
            <ol class="cc-injects" aria-live="polite">{shown}</ol>
        </article>
        </PrintFrame>
    }
    .into_any()
}

/// The after-action report: printable, with EXERCISE and its label at the top and bottom of
/// every page, and as Markdown.
#[component]
pub fn DrillReport(rid: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let Some(Parts { record, drill_sc, drill, checklist }) =
        parts(state, &rid, i18n.get_locale_untracked().as_str())
    else {
        return not_here();
    };
    TextLang::give(&drill_sc.id);
    let mut run = record.drill.clone().unwrap_or_default();
    // The drill time as of now, if the clock still runs.
    run.elapsed = run.elapsed_at(now());
    // The report holds every entry of the log: its label is the strictest of theirs and the copy's.
    let label =
        timeline::whole_log_label(&record.progress.timeline, CopyLabel::of(&checklist, &record).label);
    let printed = local_time(now());
    let injects: Vec<(f64, String)> = run
        .revealed
        .iter()
        .map(|x| {
            (
                x.at,
                drill
                    .injects()
                    .find(|i| i.id == x.inject)
                    .map_or_else(|| x.inject.clone(), |i| i.title.clone()),
            )
        })
        .collect();
    let logged: Vec<Entry> =
        record.progress.timeline.iter().filter(|e| e.removed.is_none()).cloned().collect();
    let noted_items = logged
        .iter()
        .map(|e| {
            let (e, checklist) = (e.clone(), checklist.clone());
            view! { <li>{move || format!("{} — {}", local_time(e.at), noted(&checklist, &e, i18n.get_locale()))}</li> }
        })
        .collect_view();
    let quick = run.quick.then_some(drill.quick_minutes);
    let markdown = {
        let (run, injects, logged, printed) = (run.clone(), injects.clone(), logged.clone(), printed.clone());
        let (drill_title, checklist, name) = (drill_sc.title.clone(), checklist.clone(), record.name.clone());
        move || {
            let locale = i18n.get_locale_untracked();
            let title = move |k: &str| stress_title(state, k, locale.as_str());
            let notes = logged.iter().map(|e| (local_time(e.at), noted(&checklist, e, locale))).collect();
            let facts = ReportFacts {
                drill: &drill_title,
                quick,
                checklist: (&checklist.title, checklist.version),
                name: &name,
                label,
                injects: injects.clone(),
                notes,
                stress_title: &title,
                printed: &printed,
            };
            report_markdown(&run, &facts, &CopyWords::reading(locale))
        }
    };
    let said = RwSignal::new(String::new());
    let file = safe_file_name(&format!("after-action {}", record.name), "md");
    let export = move |_| {
        if download(&file, "text/markdown", &markdown()) {
            said.set(td_string!(i18n.get_locale_untracked(), drill.exported, file = file.clone()));
        }
    };
    let points = PointKind::ALL
        .into_iter()
        .map(|k| {
            let list: Vec<_> = run.points(k).cloned().collect();
            view! {
                <section class="cc-print-section">
                    <h2>{move || vocabulary::point(k, i18n.get_locale())}</h2>
                    {if list.is_empty() {
                        view! { <p>{move || t_string!(i18n, drill.none_written)}</p> }.into_any()
                    } else {
                        view! { <ul>{list.into_iter().map(|p| view! {
                            <li>
                                {p.text.clone()}
                                {(!p.owner.is_empty()).then(|| {
                                    let owner = p.owner.clone();
                                    view! { " " {move || t_string!(i18n, drill.owner_of, owner = owner.clone())} }
                                })}
                                {(!p.stress.is_empty()).then(|| view! {
                                    <ul>{p.stress.iter().map(|s| {
                                        let test = stress_title(state, s, i18n.get_locale_untracked().as_str());
                                        view! { <li>{move || t_string!(i18n, drill.stress_test, test = test.clone())}</li> }
                                    }).collect_view()}</ul>
                                })}
                            </li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="cc-page cc-print-page cc-drill-report">
            <p class="cc-print-toolbar">
                <button type="button" class="cc-button cc-primary" on:click=move |_| print_now()>{move || t_string!(i18n, drill.print)}</button>
                " "
                <button type="button" class="cc-button cc-report-export" on:click=export>{move || t_string!(i18n, drill.export)}</button>
                " "
                <RouteLink route=Route::Drill(rid.clone())>{move || t_string!(i18n, drill.back_to_drill)}</RouteLink>
                <span class="cc-help">" " {move || t_string!(i18n, drill.print_help, mark = EXERCISE)}</span>
                " " <span role="status">{move || said.get()}</span>
            </p>
            <PrintFrame label exercise=Signal::stored(true)>
                <h1>{move || t_string!(i18n, drill.report_title, name = record.name.clone())}</h1>
                <p class="cc-print-facts">
                    {move || t_string!(i18n, drill.was_exercise)} <br />
                    {
                        let title = drill_sc.title.clone();
                        move || CopyWords::reading(i18n.get_locale()).drill(&title, quick)
                    }<br />
                    {move || t_string!(i18n, drill.checklist_rehearsed, checklist = checklist.title.clone(), version = checklist.version)}<br />
                    {move || t_string!(i18n, drill.drill_time, time = clock_text(run.elapsed))}<br />
                    {move || label_line(i18n.get_locale(), label)}<br />
                    {move || t_string!(i18n, drill.printed_at, time = printed.clone())}
                </p>
                <section class="cc-print-section">
                    <h2>{move || t_string!(i18n, drill.injects)}</h2>
                    {if injects.is_empty() { Some(view! { <p>{move || t_string!(i18n, drill.none_revealed)}</p> }) } else { None }}
                    <ul>{injects.iter().map(|(at, t)| view! { <li>{format!("{} — {t}", clock_text(*at))}</li> }).collect_view()}</ul>
                </section>
                {(!logged.is_empty()).then(|| view! {
                    <section class="cc-print-section">
                        <h2>{move || t_string!(i18n, drill.decisions_noted)}</h2>
                        <ul>{noted_items}</ul>
                    </section>
                })}
                {points}
            </PrintFrame>
        </div>
    }
    .into_any()
}

/// An after-action report's words in the language it is read in.
impl ReportWords for CopyWords {
    fn title(&self, name: &str) -> String {
        td_string!(self.locale(), drill.report_title, name)
    }
    fn was_exercise(&self) -> String {
        td_string!(self.locale(), drill.was_exercise).to_owned()
    }
    fn drill(&self, title: &str, quick: Option<u32>) -> String {
        match quick {
            Some(minutes) => td_string!(self.locale(), drill.drill_line_quick, title, minutes),
            None => td_string!(self.locale(), drill.drill_line, title),
        }
    }
    fn checklist(&self, title: &str, version: u32) -> String {
        td_string!(self.locale(), drill.checklist_rehearsed, checklist = title, version)
    }
    fn drill_time(&self, time: &str) -> String {
        td_string!(self.locale(), drill.drill_time, time)
    }
    fn injects(&self) -> String {
        td_string!(self.locale(), drill.injects).to_owned()
    }
    fn none_revealed(&self) -> String {
        td_string!(self.locale(), drill.none_revealed).to_owned()
    }
    fn decisions_noted(&self) -> String {
        td_string!(self.locale(), drill.decisions_noted).to_owned()
    }
    fn point(&self, kind: PointKind) -> String {
        vocabulary::point(kind, self.locale()).to_owned()
    }
    fn owner(&self, owner: &str) -> String {
        td_string!(self.locale(), drill.owner_of, owner)
    }
    fn stress_test(&self, question: &str) -> String {
        td_string!(self.locale(), drill.stress_test, test = question)
    }
    fn none_written(&self) -> String {
        td_string!(self.locale(), drill.none_written).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::export::English;

    #[test]
    fn the_report_s_english_copy_has_the_interface_s_english_words_and_spanish_has_its_own() {
        crate::model::debrief::with_sample_report(|run, facts| {
            let ours = report_markdown(run, facts, &English);
            assert_eq!(ours, report_markdown(run, facts, &CopyWords::reading(Locale::en)));
            let es = report_markdown(run, facts, &CopyWords::reading(Locale::es));
            assert!(es.starts_with("**EXERCISE** · **TLP:AMBER**: "), "{es}");
            assert!(es.contains("Simulacro: Takeover drill (versión corta de 15 minutos)"), "{es}");
            assert!(
            es.contains("- Write the spokesperson rota (responsable: Sam)\n  - Prueba de resistencia: «single-key-holder/who-else»\n"),
            "{es}"
        );
            assert!(es.trim_end().ends_with("**EXERCISE** · **TLP:AMBER**"), "{es}");
            for english in ["After-action", "Drill:", "Injects", "None written", "owner:", "Exported"] {
                assert!(!es.contains(english), "{english} in {es}");
            }
        });
    }
}

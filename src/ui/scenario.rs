//! One checklist: its sections, their progress, and the items.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{t_string, td_string, use_i18n};
use crate::model::checklist::{ItemKind, Scenario};
use crate::model::order::sort_by;
use crate::model::saved::RecordOf;
use crate::ui::cells::ItemCells;
use crate::ui::item::ItemView;
use crate::ui::language::TextLang;
use crate::ui::link::RouteLink;
use crate::ui::print::RecordDocument;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::templates::Templates;
use crate::ui::text::Prose;
use crate::ui::time::{default_record_name, is_default_record_name, local_time};
use crate::ui::timeline::TimelineSection;
use crate::ui::tlp_badge::TlpBadge;

/// The page of one scenario.
#[component]
pub fn ScenarioPage(scenario: Arc<Scenario>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let lang = TextLang::give(&scenario.id);

    let id = scenario.id.clone();
    let default_label = scenario.label;
    let sid = scenario.id.clone();
    let record_label = Memo::new(move |_| {
        state.saved.with(|s| s.progress_for(&sid).and_then(|p| p.label)).unwrap_or(default_label)
    });
    let sid = scenario.id.clone();
    // The reasons for the record's label, when it was chosen with the label framework.
    let why_label = Memo::new(move |_| {
        state.saved.with(|s| {
            let p = s.progress_for(&sid)?;
            let d = p.decisions.iter().rev().find(|d| d.template.is_none() && Some(d.label) == p.label)?;
            Some(d.reasons.clone())
        })
    });
    let cells = ItemCells::new(
        state,
        RecordOf::Shown(scenario.id.clone()),
        scenario.sections.iter().flat_map(|s| &s.items),
    );
    // The browser's own Print gives the record as the print page does: the same document,
    // shown only in print and kept up to date item by item. It is made once the checklist has
    // painted, so it never delays the page.
    let printable = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || _ = printable.try_set(true), std::time::Duration::ZERO);
    });
    let sc = scenario.clone();
    let print_copy =
        move || printable.get().then(|| view! { <RecordDocument scenario=sc.clone() cells=Some(cells) /> });
    let whole = scenario.clone();
    let overall = Memo::new(move |_| cells.tally(whole.items()));
    let sections = scenario
        .sections
        .iter()
        .map(|section| {
            let sid = state.dom_id(&format!("section-{}", section.id));
            let section_for_tally = section.clone();
            let tally = move || cells.tally(section_for_tally.items.iter());
            let items = section
                .items
                .iter()
                .map(|item| view! { <ItemView of=RecordOf::Shown(id.clone()) item=item.clone() cell=cells.get(&item.id) /> })
                .collect_view();
            view! {
                <section class="cc-section" aria-labelledby=sid.clone()>
                    <h2 id=sid.clone()>
                        <span lang=lang>{section.title.clone()}</span>
                        <span class="cc-section-progress">
                            " " {move || { let t = tally(); t_string!(i18n, scenario.section_progress, done = t.settled(), total = t.total) }}
                        </span>
                    </h2>
                    <Prose text=section.intro.clone() />
                    <ul class="cc-items">{items}</ul>
                </section>
            }
        })
        .collect_view();

    view! {
        <article class="cc-page cc-scenario cc-screen-only">
            <nav class="cc-crumbs">
                <RouteLink route=Route::Catalog>{move || t_string!(i18n, scenario.all_checklists)}</RouteLink>
            </nav>
            <crate::ui::drill::ExerciseBannerFor scenario=scenario.clone() />
            <crate::ui::language::UntranslatedNote id=scenario.id.clone() />
            <header class="cc-scenario-head">
                <h1 lang=lang>{scenario.title.clone()}</h1>
                <p class="cc-lead" lang=lang>{scenario.summary.clone()}</p>
                <Prose text=scenario.when.clone() />
                {scenario.items().any(|i| i.kind == ItemKind::Response).then(|| view! {
                    <p class="cc-help">{move || t_string!(i18n, scenario.response_step_help)}</p>
                })}
                <p class="cc-meta cc-record-label">
                    {move || t_string!(i18n, scenario.record_label)} " "
                    {move || view! { <TlpBadge tlp=record_label.get() /> }}
                    {move || (record_label.get() != default_label).then(|| view! { " " {t_string!(i18n, scenario.chosen)} })}
                </p>
                {move || why_label.get().map(|reasons| view! {
                    <details class="cc-why-label">
                        <summary>{move || t_string!(i18n, scenario.why_label)}</summary>
                        <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    </details>
                })}
                <p class="cc-overall">
                    <label>
                        {move || { let t = overall.get(); t_string!(i18n, catalog.steps_done, done = t.settled(), total = t.total) }}
                        <progress max=move || overall.get().total value=move || overall.get().settled()></progress>
                    </label>
                </p>
            </header>
            <RecordBar scenario=scenario.clone() />
            {sections}
            {(!scenario.templates.is_empty()).then(|| view! { <Templates scenario=scenario.clone() /> })}
            <TimelineSection scenario=scenario.clone() />
            {(!scenario.references.is_empty()).then(|| view! {
                <section class="cc-references">
                    <h2>{move || t_string!(i18n, scenario.references)}</h2>
                    <ul>
                        {scenario.references.iter().map(|r| view! {
                            <li><a href=r.url.clone() rel="noopener noreferrer" target="_blank" lang=lang>{r.title.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </article>
        <div class="cc-print-only cc-print-copy">{print_copy}</div>
    }
}

/// Which record of this checklist is shown, and starting another one.
#[component]
pub fn RecordBar(scenario: Arc<Scenario>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let select_id = state.dom_id("record-select");
    let sid = scenario.id.clone();
    let records = Memo::new(move |_| {
        state.saved.with(|s| {
            let mut list: Vec<(String, String, f64)> = s
                .records
                .values()
                .filter(|r| r.scenario == sid && !r.archived)
                .map(|r| (r.id.clone(), r.name.clone(), r.created))
                .collect();
            sort_by(&mut list, |a, b| a.2.total_cmp(&b.2).is_lt());
            list
        })
    });
    let sid = scenario.id.clone();
    let current = Memo::new(move |_| state.saved.with(|s| s.current_record(&sid).map(|r| r.id.clone())));
    let sid = scenario.id.clone();
    let switch = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let sid = sid.clone();
        state.change(|s| {
            if s.records.contains_key(&id) {
                s.current.insert(sid, id);
            }
        });
    };
    let sc = scenario.clone();
    let started = RwSignal::new(String::new());
    let start = move |_| {
        let now = js_sys::Date::now();
        let sc = sc.clone();
        let had_one = current.get_untracked().is_some();
        state.change(|s| {
            s.start_record(&sc, &default_record_name(&sc.title, now), now);
        });
        let locale = i18n.get_locale_untracked();
        started.set(if had_one {
            td_string!(locale, scenario.started_kept).to_owned()
        } else {
            td_string!(locale, scenario.started_new).to_owned()
        });
    };
    // In the list, a name the app gave shows only what tells records of this checklist apart.
    view! {
        <div class="cc-record-bar">
            {move || match current.get() {
                None => view! { <p class="cc-meta">{move || t_string!(i18n, scenario.nothing_saved)}</p> }.into_any(),
                Some(id) => view! {
                    <p>
                        <label for=select_id.clone()>{move || t_string!(i18n, scenario.record)} " "</label>
                        <select id=select_id.clone() class="cc-record-select" on:change=switch.clone()>
                            {records.get().into_iter().map(|(rid, name, created)| {
                                let selected = rid == id;
                                let shown = if is_default_record_name(&name, created) {
                                    t_string!(i18n, scenario.started_at, time = local_time(created))
                                } else {
                                    name
                                };
                                view! { <option value=rid selected=selected>{shown}</option> }
                            }).collect_view()}
                        </select>
                        " "
                        <RouteLink route=Route::Records>{move || t_string!(i18n, scenario.manage)}</RouteLink>
                    </p>
                }.into_any(),
            }}
            <p class="cc-actions">
                <button type="button" class="cc-button cc-new-record" on:click=start>{move || t_string!(i18n, scenario.new_record)}</button>
                " "
                <RouteLink route=Route::Print(scenario.id.clone()) class="cc-print-link">{move || t_string!(i18n, scenario.print_record)}</RouteLink>
                " · "
                <RouteLink route=Route::PrintBlank(scenario.id.clone()) class="cc-blank-link">{move || t_string!(i18n, scenario.print_blank)}</RouteLink>
            </p>
            <p class="cc-record-started" role="status">{move || started.get()}</p>
        </div>
    }
}

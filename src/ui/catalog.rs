//! The catalog: every checklist on offer, with search, tag filters and progress.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use std::sync::Arc;

use crate::i18n::{t_string, use_i18n};
use crate::model::checklist::{Scenario, ScenarioKind};
use crate::model::map::Map;
use crate::model::search::{matches, search_text};
use crate::ui::language::TextLang;
use crate::ui::link::RouteLink;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::tlp_badge::TlpBadge;

/// `text` in lower case, by the browser's own Unicode rules (`String.prototype.toLowerCase`),
/// which spares the module Rust's case tables.
fn lower(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

/// The list of checklists.
#[component]
pub fn Catalog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    // In the interface's language where translated (the page is drawn again on a switch).
    let scenarios = state.library.with_value(|l| l.scenarios_in(i18n.get_locale_untracked().as_str()));
    let errors = state.library.with_value(|l| l.errors());
    // Each tag once, in alphabetical order.
    let tags: Map<()> = scenarios.iter().flat_map(|s| s.tags.iter().map(|t| (t.clone(), ()))).collect();
    let query = RwSignal::new(String::new());
    let tag = RwSignal::new(None::<String>);
    let search_id = state.dom_id("search");
    let search_box = NodeRef::<leptos::html::Input>::new();
    let total = scenarios.len();

    let visible = {
        // Lowered once here; each change of the query lowers only the query.
        let texts: Vec<String> = scenarios.iter().map(|s| lower(&search_text(s))).collect();
        let scenarios = scenarios.clone();
        Memo::new(move |_| {
            let (q, t) = (lower(&query.get()), tag.get());
            scenarios
                .iter()
                .zip(&texts)
                .filter(|(s, text)| matches(&q, text) && t.as_ref().is_none_or(|t| s.tags.contains(t)))
                .map(|(s, _)| s.id.clone())
                .collect::<Vec<_>>()
        })
    };

    let card = move |s: Arc<Scenario>| {
        let route = Route::Scenario(s.id.clone());
        let title = s.title.clone();
        let lang = TextLang::of(&s.id).0;
        let scenario = s.clone();
        let tally = move || state.saved.with(|saved| saved.tally(&scenario));
        let is_test = s.kind == ScenarioKind::StressTest;
        let drill_length = s.drill.as_ref().map(|d| (d.minutes, d.quick_minutes));
        let id = s.id.clone();
        let shown = move || visible.with(|v| v.contains(&id));
        view! {
            <li class="cc-scenario-card" hidden=move || !shown()>
                <h2 lang=lang>
                    <RouteLink route>{title}</RouteLink>
                </h2>
                <p lang=lang>{s.summary.clone()}</p>
                <p class="cc-meta">
                    {move || t_string!(i18n, catalog.record_label)} " " <TlpBadge tlp=s.label /> " · "
                    {move || {
                        if let Some((minutes, quick)) = drill_length {
                            return t_string!(i18n, catalog.drill_length, minutes, quick);
                        }
                        let t = tally();
                        let (done, total) = (t.settled(), t.total);
                        if is_test {
                            t_string!(i18n, catalog.questions_answered, done, total)
                        } else {
                            t_string!(i18n, catalog.steps_done, done, total)
                        }
                    }}
                </p>
            </li>
        }
    };
    let (drills, scenarios): (Vec<_>, Vec<_>) =
        scenarios.into_iter().partition(|s| s.kind == ScenarioKind::Drill);
    let drill_ids: Vec<String> = drills.iter().map(|s| s.id.clone()).collect();
    let drills_shown = move || visible.with(|v| v.iter().any(|id| drill_ids.contains(id)));
    let drill_cards = drills.into_iter().map(card).collect_view();
    let (checklists, tests): (Vec<_>, Vec<_>) =
        scenarios.into_iter().partition(|s| s.kind == ScenarioKind::Checklist);
    let checklist_cards = checklists.into_iter().map(card).collect_view();
    let test_ids: Vec<String> = tests.iter().map(|s| s.id.clone()).collect();
    let tests_shown = move || visible.with(|v| v.iter().any(|id| test_ids.contains(id)));
    let test_cards = tests.into_iter().map(card).collect_view();

    let tag_buttons = tags
        .into_iter()
        .map(|(t, ())| {
            let (mine, other) = (t.clone(), t.clone());
            view! {
                <button
                    type="button"
                    class="cc-button cc-tag"
                    aria-pressed=move || (tag.get().as_deref() == Some(mine.as_str())).to_string()
                    on:click=move |_| tag.update(|cur| *cur = if cur.as_deref() == Some(other.as_str()) { None } else { Some(other.clone()) })
                >
                    {t}
                </button>
            }
        })
        .collect_view();

    // Empties the search box and puts the cursor back in it.
    let clear = move |_| {
        query.set(String::new());
        if let Some(input) = search_box.get() {
            let _ = input.focus();
        }
    };

    view! {
        <div class="cc-page cc-catalog">
            <h1>{move || t_string!(i18n, catalog.title)}</h1>
            <p class="cc-lead">{move || t_string!(i18n, catalog.lead)}</p>
            {errors.into_iter().map(|e| view! { <p class="cc-error" role="alert">{e.to_string()}</p> }).collect_view()}
            <div class="cc-filters" role="search">
                <label for=search_id.clone()>{move || t_string!(i18n, catalog.search)}</label>
                <input
                    id=search_id
                    node_ref=search_box
                    type="search"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <div class="cc-tags" role="group" aria-label=move || t_string!(i18n, catalog.filter_by_tag)>{tag_buttons}</div>
                <p class="cc-count" role="status">
                    {move || {
                        // With one checklist in all, a part of them is none: no match.
                        let shown = visible.with(Vec::len);
                        if shown == 0 {
                            t_string!(i18n, catalog.no_match).to_owned()
                        } else if shown == total && total == 1 {
                            t_string!(i18n, catalog.count_one, total)
                        } else if shown == total {
                            t_string!(i18n, catalog.count, total)
                        } else {
                            t_string!(i18n, catalog.showing, shown, total)
                        }
                    }}
                </p>
                <p class="cc-no-match" hidden=move || visible.with(|v| !v.is_empty())>
                    <button type="button" class="cc-button" on:click=clear>{move || t_string!(i18n, catalog.clear)}</button>
                </p>
            </div>
            <ul class="cc-scenarios">{checklist_cards}</ul>
            <div hidden=move || !tests_shown()>
                <h2 class="cc-group-title">{move || t_string!(i18n, catalog.stress_tests)}</h2>
                <p>
                    {move || t_string!(i18n, catalog.stress_tests_intro)} " "
                    <RouteLink route=Route::Summary>{move || t_string!(i18n, catalog.see_summary)}</RouteLink> "."
                </p>
                <ul class="cc-scenarios">{test_cards}</ul>
            </div>
            <div hidden=move || !drills_shown()>
                <h2 class="cc-group-title">{move || t_string!(i18n, catalog.drills)}</h2>
                <p>{move || t_string!(i18n, catalog.drills_intro)}</p>
                <ul class="cc-scenarios">{drill_cards}</ul>
            </div>
        </div>
    }
}

//! The catalog: every checklist on offer, with search, tag filters and progress.

use leptos::prelude::*;

use std::sync::Arc;

use crate::model::checklist::{Scenario, ScenarioKind};
use crate::model::map::Map;
use crate::model::search::{matches, search_text};
use crate::render::words;
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
    let scenarios = state.library.with_value(|l| l.scenarios());
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
        let scenario = s.clone();
        let tally = move || state.saved.with(|saved| saved.tally(&scenario));
        let is_test = s.kind == ScenarioKind::StressTest;
        let drill_length = s.drill.as_ref().map(|d| d.length_text());
        let id = s.id.clone();
        let shown = move || visible.with(|v| v.contains(&id));
        view! {
            <li class="cc-scenario-card" hidden=move || !shown()>
                <h2>
                    <RouteLink route>{title}</RouteLink>
                </h2>
                <p>{s.summary.clone()}</p>
                <p class="cc-meta">
                    "Record label: " <TlpBadge tlp=s.label /> " · "
                    {move || {
                        if let Some(length) = &drill_length {
                            return length.clone();
                        }
                        let t = tally();
                        if is_test {
                            format!("{} of {} questions answered", t.settled(), t.total)
                        } else {
                            format!("{} of {} steps done or not applicable", t.settled(), t.total)
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
            <h1>"Crisis communication checklists"</h1>
            <p class="cc-lead">{words::CATALOG_LEAD}</p>
            {errors.into_iter().map(|e| view! { <p class="cc-error" role="alert">{e.to_string()}</p> }).collect_view()}
            <div class="cc-filters" role="search">
                <label for=search_id.clone()>"Search checklists"</label>
                <input
                    id=search_id
                    node_ref=search_box
                    type="search"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <div class="cc-tags" role="group" aria-label="Filter by tag">{tag_buttons}</div>
                <p class="cc-count" role="status">
                    {move || {
                        let n = visible.with(Vec::len);
                        let noun = if total == 1 { "checklist" } else { "checklists" };
                        if n == 0 {
                            "No checklist matches the words you typed. Try fewer words, or other words for what is happening.".to_owned()
                        } else if n == total {
                            format!("{total} {noun}")
                        } else {
                            format!("Showing {n} of {total} {noun}")
                        }
                    }}
                </p>
                <p class="cc-no-match" hidden=move || visible.with(|v| !v.is_empty())>
                    <button type="button" class="cc-button" on:click=clear>"Clear the search"</button>
                </p>
            </div>
            <ul class="cc-scenarios">{checklist_cards}</ul>
            <div hidden=move || !tests_shown()>
                <h2 class="cc-group-title">"Governance stress tests"</h2>
                <p>
                    {words::STRESS_TESTS_INTRO} " " <RouteLink route=Route::Summary>"See the summary"</RouteLink> "."
                </p>
                <ul class="cc-scenarios">{test_cards}</ul>
            </div>
            <div hidden=move || !drills_shown()>
                <h2 class="cc-group-title">"Tabletop drills"</h2>
                <p>{words::DRILLS_INTRO}</p>
                <ul class="cc-scenarios">{drill_cards}</ul>
            </div>
        </div>
    }
}

//! The catalog: every checklist on offer, with search, tag filters and progress.

use leptos::prelude::*;

use std::sync::Arc;

use crate::model::checklist::{Scenario, ScenarioKind};
use crate::model::map::Map;
use crate::ui::app::{AppState, Route};
use crate::ui::link::RouteLink;
use crate::ui::tlp_badge::TlpBadge;

/// What a search looks in: the title, summary, when and tags, in lower case.
fn searchable(scenario: &Scenario) -> String {
    lower(&format!("{} {} {} {}", scenario.title, scenario.summary, scenario.when, scenario.tags.join(" ")))
}

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
    let total = scenarios.len();

    let visible = {
        // Lowered once here; each change of the query lowers only the query.
        let texts: Vec<String> = scenarios.iter().map(|s| searchable(s)).collect();
        let scenarios = scenarios.clone();
        Memo::new(move |_| {
            let (q, t) = (lower(&query.get()), tag.get());
            scenarios
                .iter()
                .zip(&texts)
                .filter(|(s, text)| {
                    q.split_whitespace().all(|word| text.contains(word))
                        && t.as_ref().is_none_or(|t| s.tags.contains(t))
                })
                .map(|(s, _)| s.id.clone())
                .collect::<Vec<_>>()
        })
    };

    let card = move |s: Arc<Scenario>| {
        let route = Route::Scenario(s.id.clone());
        let title = s.title.clone();
        let scenario = s.clone();
        let tally = move || state.saved.with(|saved| saved.tally(&scenario));
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
                    {move || { let t = tally(); format!("{} of {} steps settled", t.settled(), t.total) }}
                </p>
            </li>
        }
    };
    let (checklists, tests): (Vec<_>, Vec<_>) =
        scenarios.into_iter().partition(|s| s.kind == ScenarioKind::Checklist);
    let checklist_cards = checklists.into_iter().map(card).collect_view();
    let has_tests = !tests.is_empty();
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

    view! {
        <div class="cc-page cc-catalog">
            <h1>"Crisis communication checklists"</h1>
            <p class="cc-lead">
                "Pick what is happening. Each step says who to tell and how widely the information may travel. "
                "Your progress stays in this browser; nothing you type leaves this page."
            </p>
            {errors.into_iter().map(|e| view! { <p class="cc-error" role="alert">{e.to_string()}</p> }).collect_view()}
            <div class="cc-filters" role="search">
                <label for=search_id.clone()>"Search checklists"</label>
                <input
                    id=search_id
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
                        if n == total { format!("{total} checklists") } else { format!("Showing {n} of {total} checklists") }
                    }}
                </p>
            </div>
            <ul class="cc-scenarios">{checklist_cards}</ul>
            <div hidden=!has_tests>
                <h2 class="cc-group-title">"Governance stress tests"</h2>
                <p>
                    "Before anything goes wrong: test how your project's governance would notice or slow down abuse. "
                    <RouteLink route=Route::Summary>"See the summary"</RouteLink>
                    "."
                </p>
                <ul class="cc-scenarios">{test_cards}</ul>
            </div>
        </div>
    }
}

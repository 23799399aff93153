//! The catalog: every checklist on offer, with its progress.

use leptos::prelude::*;

use crate::ui::app::{AppState, Route};
use crate::ui::tlp_badge::TlpBadge;

/// The list of checklists.
#[component]
pub fn Catalog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let scenarios = state.library.with_value(|l| l.scenarios.clone());
    let errors = state.library.with_value(|l| l.errors.clone());
    view! {
        <div class="cc-page cc-catalog">
            <h1>"Crisis communication checklists"</h1>
            <p class="cc-lead">
                "Pick what is happening. Each step says who to tell and how widely the information may travel. "
                "Your progress stays in this browser; nothing you type leaves this page."
            </p>
            {errors.into_iter().map(|e| view! { <p class="cc-error" role="alert">{e.to_string()}</p> }).collect_view()}
            <ul class="cc-scenarios">
                {scenarios
                    .into_iter()
                    .map(|s| {
                        let route = Route::Scenario(s.id.clone());
                        let href = route.fragment();
                        let scenario = s.clone();
                        let tally = move || state.saved.with(|saved| saved.tally(&scenario));
                        view! {
                            <li class="cc-scenario-card">
                                <h2>
                                    <a href=href on:click=move |ev| { ev.prevent_default(); state.route.set(route.clone()); }>
                                        {s.title.clone()}
                                    </a>
                                </h2>
                                <p>{s.summary.clone()}</p>
                                <p class="cc-meta">
                                    "Record label: " <TlpBadge tlp=s.label /> " · "
                                    {move || { let t = tally(); format!("{} of {} steps settled", t.settled(), t.total) }}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

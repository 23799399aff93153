//! One checklist item: a real checkbox with its label, its audience and its TLP label.

use leptos::prelude::*;

use crate::model::checklist::Item;
use crate::model::progress::Status;
use crate::ui::app::AppState;
use crate::ui::text::Prose;
use crate::ui::tlp_badge::TlpBadge;

/// An item of a scenario.
#[component]
pub fn ItemView(scenario_id: String, item: Item) -> impl IntoView {
    let state = expect_context::<AppState>();
    let box_id = state.dom_id(&format!("item-{}", item.id));
    let (sid, iid) = (scenario_id.clone(), item.id.clone());
    let done = Memo::new(move |_| {
        state.saved.with(|s| s.progress.get(&sid).map(|p| p.status(&iid)) == Some(Status::Done))
    });
    let item_id = item.id.clone();
    let toggle = move |ev: leptos::ev::Event| {
        let status = if event_target_checked(&ev) { Status::Done } else { Status::Open };
        let now = js_sys::Date::now();
        state.update_progress(&scenario_id, |p| p.set_status(&item_id, status, now));
    };
    let audience = item.audience.iter().map(|a| a.title()).collect::<Vec<_>>().join(", ");
    let why = (!item.why.is_empty())
        .then(|| view! { <p class="cc-why"><strong>"Why: "</strong>{item.why.clone()}</p> });
    let detail = (!item.detail.is_empty()).then(|| {
        view! {
            <details class="cc-detail">
                <summary>"More about this step"</summary>
                <Prose text=item.detail.clone() />
            </details>
        }
    });
    view! {
        <li class="cc-item" class:cc-done=done data-item=item.id.clone()>
            <div class="cc-item-main">
                <input type="checkbox" id=box_id.clone() prop:checked=done on:change=toggle />
                <label for=box_id>{item.text.clone()}</label>
            </div>
            <p class="cc-meta">
                <span class="cc-audience">"For: " {audience}</span>
                " · "
                <TlpBadge tlp=item.label />
            </p>
            {why}
            {detail}
        </li>
    }
}

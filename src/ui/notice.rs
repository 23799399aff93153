//! The storage notice: shown whenever progress is not being kept as the user expects.

use leptos::prelude::*;

use crate::ui::app::AppState;

/// A polite live region with the current storage notice, if any.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="cc-notice-area" role="status">
            {move || state.notice.get().map(|n| view! { <p class="cc-notice">{n.message()}</p> })}
        </div>
    }
}

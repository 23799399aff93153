//! The storage notice: shown whenever progress is not being kept as the user expects.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::store::Notice;
use crate::ui::download::download;
use crate::ui::state::AppState;

/// A polite live region with the current storage notice, if any.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    view! {
        <div class="cc-notice-area" role="status">
            {move || state.notice.get().map(|n| {
                let kept = match &n {
                    Notice::Corrupt { kept_as, .. } => Some(kept_as.clone()),
                    _ => None,
                };
                view! {
                    <div class="cc-notice">
                        <p>{n.message()}</p>
                        {kept.map(|key| view! {
                            <button type="button" class="cc-button" on:click=move |_| {
                                if let Some(text) = state.raw(&key) {
                                    download("crisis-comms-damaged-data.txt", "text/plain", &text);
                                }
                            }>{move || t_string!(i18n, notice.download_damaged)}</button>
                        })}
                    </div>
                }
            })}
        </div>
    }
}

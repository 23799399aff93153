//! Copying text to the clipboard, with the outcome shown to the user.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Copies `text`, then sets `status` to `done`, or to `failed` when the browser refused.
pub fn copy_text(text: String, status: RwSignal<String>, done: String, failed: &'static str) {
    leptos::task::spawn_local(async move {
        let ok = match web_sys::window() {
            Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&text)).await.is_ok(),
            None => false,
        };
        status.set(if ok { done } else { failed.to_owned() });
    });
}

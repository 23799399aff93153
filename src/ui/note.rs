//! The private note field: the one place that switches off the browser features that could
//! send or keep what people type (spellcheck, autocomplete, autocapitalize).

use leptos::prelude::*;

/// A textarea bound to a note; `on_input` receives each new text.
#[component]
pub fn NoteField(
    id: String,
    rows: u32,
    note: Memo<String>,
    on_input: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <textarea
            id=id
            class="cc-note-text"
            rows=rows
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            prop:value=move || note.get()
            on:input=move |ev| on_input(event_target_value(&ev))
        ></textarea>
    }
}

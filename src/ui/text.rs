//! Checklist prose (intros, details) as paragraphs of text nodes, never as HTML.

use leptos::prelude::*;

/// Paragraphs separated by blank lines.
#[component]
pub fn Prose(text: String) -> impl IntoView {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{p.replace('\n', " ")}</p> })
        .collect_view()
}

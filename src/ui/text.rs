//! Checklist prose as DOM nodes, built one by one from the parsed Markdown; never as HTML.

use leptos::prelude::*;

use crate::model::markdown::{blocks, Block, Inline};
use crate::ui::language::TextLang;

/// Paragraphs and lists of checklist prose, in the language of the page's checklist text.
#[component]
pub fn Prose(text: String) -> impl IntoView {
    let lang = TextLang::here();
    blocks(&text)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(runs) => view! { <p lang=lang>{runs_view(runs)}</p> }.into_any(),
            Block::List(entries) => view! {
                <ul class="cc-prose-list" lang=lang>
                    {entries.into_iter().map(|runs| view! { <li>{runs_view(runs)}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view()
}

/// One line of inline runs.
pub fn runs_view(runs: Vec<Inline>) -> impl IntoView {
    runs.into_iter()
        .map(|run| match run {
            Inline::Text(t) => t.into_any(),
            Inline::Emphasis(t) => view! { <em>{t}</em> }.into_any(),
            Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Inline::Code(t) => view! { <code>{t}</code> }.into_any(),
            Inline::Link { text, url } => {
                view! { <a href=url rel="noopener noreferrer" target="_blank">{text}</a> }.into_any()
            }
        })
        .collect_view()
}

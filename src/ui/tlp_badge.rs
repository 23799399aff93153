//! A TLP label as text in FIRST's colour on black: the text always carries the meaning.

use leptos::prelude::*;

use crate::model::tlp::Tlp;

/// The label as a badge.
#[component]
pub fn TlpBadge(tlp: Tlp) -> impl IntoView {
    view! { <span class=format!("cc-tlp cc-tlp-{}", tlp.slug())>{tlp.as_str()}</span> }
}

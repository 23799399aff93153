//! Moving keyboard focus inside a part of the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The first element inside `root` that matches `css`, to move focus to.
pub fn first_inside(root: Option<impl AsRef<web_sys::Element>>, css: &str) -> Option<web_sys::HtmlElement> {
    root?.as_ref().query_selector(css).ok().flatten()?.dyn_into().ok()
}

/// Moves focus to the first heading of `main`, which brings the page's top into view and has
/// screen readers announce where the reader now is.
pub fn focus_heading(main: NodeRef<leptos::html::Main>) {
    if let Some(heading) = first_inside(main.get_untracked(), "h1") {
        let _ = heading.set_attribute("tabindex", "-1");
        // Focus alone leaves a heading that is partly on screen where it is (Firefox does), so
        // a page reached from lower down another would open scrolled past its top.
        heading.scroll_into_view_with_bool(true);
        let _ = heading.focus();
    }
}

//! A link to another page of the app.

use leptos::prelude::*;

use crate::ui::route::Route;
use crate::ui::state::AppState;

/// A link to `route`: a real `href` (the page's fragment, so it can be copied or opened in a new
/// tab) that switches the page in place when clicked, and says `aria-current="page"` while that
/// page is the one shown. `before`, when given, runs first when the link is followed here.
#[component]
pub fn RouteLink(
    route: Route,
    /// The link's classes, if any.
    #[prop(optional)]
    class: Option<&'static str>,
    /// What to do before the page is switched.
    #[prop(optional)]
    before: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (href, here) = (route.fragment(), route.clone());
    view! {
        <a
            href=href
            class=class
            aria-current=move || (state.route.get() == here).then_some("page")
            on:click=move |ev| {
                ev.prevent_default();
                if let Some(before) = before {
                    before.run(());
                }
                state.route.set(route.clone());
            }
        >
            {children()}
        </a>
    }
}

//! One radio button with its label, for every "pick one" question in the app.

use leptos::prelude::*;

/// A radio button of the group `name`, followed by its label (a signal where the words follow
/// the interface's language). `checked` says whether it is the one chosen; `on_choose` runs when
/// the user picks it; a `disabled` one cannot be picked.
#[component]
pub fn Choice(
    name: String,
    value: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_choose: Callback<()>,
    #[prop(optional, into)] disabled: Option<Signal<bool>>,
) -> impl IntoView {
    let id = format!("{name}-{value}");
    view! {
        <input
            type="radio"
            id=id.clone()
            name=name
            value=value
            disabled=move || disabled.is_some_and(|d| d.get())
            prop:checked=move || checked.get()
            on:change=move |_| on_choose.run(())
        />
        <label for=id>{move || label.get()}</label>
    }
}

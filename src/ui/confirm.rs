//! A button that asks before doing something that cannot be undone.

use leptos::prelude::*;

/// Shows `ask`; once pressed, `question` with a button `yes` that runs `on_yes` and a button `no`
/// that puts `ask` back. A `danger` button is styled as such before it is even pressed.
#[component]
pub fn ConfirmButton(
    ask: &'static str,
    question: &'static str,
    yes: &'static str,
    no: &'static str,
    #[prop(into)] on_yes: Callback<()>,
    #[prop(optional)] danger: bool,
    /// The id of the text that says what the button acts on, when several share its words.
    #[prop(optional, into)]
    described_by: Option<String>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    move || {
        if confirming.get() {
            view! {
                <span class="cc-confirm" role="alert">
                    {question} " "
                    <button type="button" class="cc-button cc-danger" on:click=move |_| {
                        confirming.set(false);
                        on_yes.run(());
                    }>{yes}</button>
                    " "
                    <button type="button" class="cc-button" on:click=move |_| confirming.set(false)>{no}</button>
                </span>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="cc-button" class:cc-danger=danger aria-describedby=described_by.clone()
                    on:click=move |_| confirming.set(true)>
                    {ask}
                </button>
            }
            .into_any()
        }
    }
}

/// "Forget everything on this device…", asked before it is done: on the records page and on
/// the unlock prompt of a forgotten passphrase.
#[component]
pub fn ForgetEverything(#[prop(into)] on_yes: Callback<()>) -> impl IntoView {
    view! {
        <ConfirmButton
            ask="Forget everything on this device…"
            question="Remove every record, note and answer this app kept in this browser? This cannot be undone."
            yes="Yes, forget everything"
            no="Cancel"
            on_yes
            danger=true
        />
    }
}

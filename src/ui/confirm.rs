//! A button that asks before doing something that cannot be undone.

use leptos::prelude::*;

use crate::i18n::{td_string, use_i18n, Locale};

/// Shows `ask`; once pressed, `question` with a button `yes` that runs `on_yes` and a button `no`
/// that puts `ask` back. A `danger` button is styled as such before it is even pressed. Each
/// text is given for every language (`|l| td_string!(l, …)`), so a change of language rewrites
/// the words and leaves an open question open.
#[component]
pub fn ConfirmButton(
    ask: fn(Locale) -> &'static str,
    question: fn(Locale) -> &'static str,
    yes: fn(Locale) -> &'static str,
    no: fn(Locale) -> &'static str,
    #[prop(into)] on_yes: Callback<()>,
    #[prop(optional)] danger: bool,
    /// The id of the text that says what the button acts on, when several share its words.
    #[prop(optional, into)]
    described_by: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let say = move |words: fn(Locale) -> &'static str| move || words(i18n.get_locale());
    let confirming = RwSignal::new(false);
    move || {
        if confirming.get() {
            view! {
                <span class="cc-confirm" role="alert">
                    {say(question)} " "
                    <button type="button" class="cc-button cc-danger" on:click=move |_| {
                        confirming.set(false);
                        on_yes.run(());
                    }>{say(yes)}</button>
                    " "
                    <button type="button" class="cc-button" on:click=move |_| confirming.set(false)>{say(no)}</button>
                </span>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="cc-button" class:cc-danger=danger aria-describedby=described_by.clone()
                    on:click=move |_| confirming.set(true)>
                    {say(ask)}
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
            ask=|l| td_string!(l, records.forget_everything)
            question=|l| td_string!(l, records.forget_question)
            yes=|l| td_string!(l, records.forget_yes)
            no=|l| td_string!(l, records.cancel)
            on_yes
            danger=true
        />
    }
}

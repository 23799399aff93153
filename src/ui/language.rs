//! The interface's language: the words' context for one mounted app, the language it starts in
//! (the `lang` mount option, else the device's choice, else the browser's) and the menu's
//! choice of language, kept on this device. The checklists follow it where they have a
//! translation into it, and say so where they do not ([`UntranslatedNote`]). Code outside the
//! app's views (an event handler) finds the language through [`interface`].
//! Switching changes words only: records, their ticks and notes are untouched, as a
//! translation keeps its original's ids.

use std::cell::Cell;

use leptos::prelude::*;
use leptos_i18n::{I18nContext, Locale as _};

use crate::i18n::{t_string, use_i18n, I18nContextProvider, I18nSubContextProvider, Locale};
use crate::model::language::{self, LANGUAGES};
use crate::ui::state::AppState;

thread_local! {
    /// The interface's language, for code that runs where no view's context is at hand.
    static CHOSEN: Cell<Option<Locale>> = const { Cell::new(None) };
}

/// Keeps `locale` as the interface's language for code outside the app's views.
fn keep(locale: Locale) {
    CHOSEN.with(|l| l.set(Some(locale)));
}

/// The interface's language: the app's own where a view asks, else the one the reader last
/// chose in this page (an event handler runs outside the app's views); `None` before the app
/// has started.
pub fn interface() -> Option<Locale> {
    use_context::<I18nContext<Locale>>()
        .map(|i18n| i18n.get_locale_untracked())
        .or_else(|| CHOSEN.with(Cell::get))
}

/// The generated locale of a language code of [`LANGUAGES`] (English for any other).
pub fn locale(code: &str) -> Locale {
    Locale::get_all().iter().copied().find(|l| l.as_str() == code).unwrap_or_default()
}

/// The language to start in: the embedding page's `lang` option, else the one chosen on this
/// device, else the first of the browser's preferred languages the app speaks, else English.
pub fn initial(option: Option<&str>, state: AppState) -> Locale {
    let chosen = state.store.with_value(|s| s.language());
    let code = option
        .and_then(language::supported)
        .or_else(|| chosen.as_deref().and_then(language::supported))
        .unwrap_or_else(browser);
    locale(code)
}

/// The browser's choice (`navigator.languages`, most preferred first).
fn browser() -> &'static str {
    let tags: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|t| t.as_string()).collect())
        .unwrap_or_default();
    language::from_preferences(&tags)
}

/// Gives `children` the interface's words, starting in `initial`. Each mounted app has its own
/// context, and never sets `lang` or `dir` on the host page's `<html>`. The sub-context carries
/// the starting language: the outer context alone would follow the browser's at its first
/// effect, whatever was set before.
#[component]
pub fn Languages(initial: Locale, children: Children) -> impl IntoView {
    view! {
        <I18nContextProvider set_lang_attr_on_html=false set_dir_attr_on_html=false>
            <StartIn initial>{children()}</StartIn>
        </I18nContextProvider>
    }
}

/// The context that starts in `initial` and follows the reader's choice from then on.
#[component]
fn StartIn(initial: Locale, children: Children) -> impl IntoView {
    keep(initial);
    view! { <I18nSubContextProvider initial_locale=Signal::stored(initial)>{children()}</I18nSubContextProvider> }
}

/// The menu's choice of language, each named in itself; the choice is kept on this device
/// (not in session-only mode).
#[component]
pub fn LanguageChoice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let id = state.dom_id("language");
    let options = LANGUAGES
        .iter()
        .map(|&(code, name)| {
            view! { <option value=code lang=code selected=move || i18n.get_locale().as_str() == code>{name}</option> }
        })
        .collect_view();
    let choose = move |ev| {
        if let Some(code) = language::supported(&event_target_value(&ev)) {
            i18n.set_locale(locale(code));
            keep(locale(code));
            state.store.with_value(|s| s.set_language(code));
        }
    };
    view! {
        <span class="cc-language">
            <label for=id.clone()>{move || t_string!(i18n, frame.language)}</label>
            <select id=id on:change=choose>{options}</select>
        </span>
    }
}

/// The language of a checklist's own text where it is not the interface's: English, for a
/// built-in checklist, stress test or drill shown in its original for want of a translation.
/// A page that shows one gives it as context ([`TextLang::give`]); the text's elements take it
/// as their `lang`, so a screen reader reads each part in its own language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextLang(pub Option<&'static str>);

impl TextLang {
    /// The language of entry `id`'s text in the interface's language as it is now (a page
    /// showing checklist text is drawn again on a change of language).
    pub fn of(id: &str) -> TextLang {
        let state = expect_context::<AppState>();
        let locale = use_i18n().get_locale_untracked();
        let untranslated = state.library.with_value(|l| l.untranslated(id, locale.as_str()));
        TextLang(untranslated.then_some(language::DEFAULT))
    }

    /// Gives entry `id`'s text language to the views below, and returns it.
    pub fn give(id: &str) -> Option<&'static str> {
        let lang = TextLang::of(id);
        provide_context(lang);
        lang.0
    }

    /// The text language a page gave, if it differs from the interface's.
    pub fn here() -> Option<&'static str> {
        use_context::<TextLang>().and_then(|t| t.0)
    }
}

/// The plain note on a built-in checklist, stress test or drill that shows in its English
/// original for want of a translation into the interface's language; nothing otherwise.
#[component]
pub fn UntranslatedNote(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    move || {
        let untranslated = state.library.with_value(|l| l.untranslated(&id, i18n.get_locale().as_str()));
        untranslated.then(|| {
            view! { <p class="cc-help cc-untranslated" role="note">{t_string!(i18n, scenario.untranslated)}</p> }
        })
    }
}

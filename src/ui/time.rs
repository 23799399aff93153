//! Dates and times as people read them, in the interface's language: the app's own where a view
//! asks, else the language the reader last chose in this page (an event handler runs outside
//! the app's views), else the browser's.

use std::cell::Cell;

use leptos::prelude::use_context;
use leptos_i18n::{I18nContext, Locale as _};

use crate::i18n::Locale;
use crate::model::language::LANGUAGES;

thread_local! {
    /// The interface's language, for dates formatted where no view's context is at hand.
    static LANGUAGE: Cell<Option<Locale>> = const { Cell::new(None) };
}

/// Keeps `locale` as the language of dates formatted outside the app's views.
pub fn set_language(locale: Locale) {
    LANGUAGE.with(|l| l.set(Some(locale)));
}

/// The language tag dates are written in: the browser's own ("default", with its region, as in
/// en-GB) when it speaks the interface's language, else the interface's language.
fn language() -> &'static str {
    let interface = use_context::<I18nContext<Locale>>()
        .map(|i18n| i18n.get_locale_untracked())
        .or_else(|| LANGUAGE.with(Cell::get))
        .map(|l| l.as_str());
    let browser = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    match interface {
        Some(code) if browser.split('-').next() != Some(code) => code,
        _ => "default",
    }
}

/// A local date and time for people.
pub fn local_time(ms: f64) -> String {
    time_in(ms, language())
}

/// A local date and time in the language `tag` ("default": the browser's).
fn time_in(ms: f64, tag: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    String::from(date.to_locale_string(tag, &wasm_bindgen::JsValue::UNDEFINED))
}

/// The name a new record gets: the checklist's title and the local date and time.
pub fn default_record_name(title: &str, now_ms: f64) -> String {
    // Date and time, so two records started the same day can be told apart.
    format!("{title} — {}", local_time(now_ms))
}

/// Whether `name` is the name the app gave a record of `title` started at `created`, in
/// whichever language the interface spoke then.
pub fn is_default_record_name(name: &str, title: &str, created: f64) -> bool {
    let Some(when) = name.strip_prefix(title).and_then(|rest| rest.strip_prefix(" — ")) else {
        return false;
    };
    std::iter::once("default")
        .chain(LANGUAGES.iter().map(|&(code, _)| code))
        .any(|tag| when == time_in(created, tag))
}

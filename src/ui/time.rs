//! Dates and times as people read them, in the interface's language (`language::interface`),
//! else the browser's.

use leptos_i18n::Locale as _;

use crate::model::language::LANGUAGES;
use crate::ui::language::interface;

/// The browser's own language tag, with its region (`en-GB`, `es-MX`), or "default".
fn browser() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|t| !t.is_empty())
        .unwrap_or("default".into())
}

/// The language tag dates are written in: the browser's own tag, with its region (as in
/// en-GB), when it speaks the interface's language, else the interface's language. The tag is
/// named rather than left to the browser's default, which need not follow its language.
fn language() -> String {
    let browser = browser();
    match interface().map(|l| l.as_str()) {
        Some(code) if browser.split('-').next() != Some(code) => code.to_owned(),
        _ => browser,
    }
}

/// A local date and time for people.
pub fn local_time(ms: f64) -> String {
    time_in(ms, &language())
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

/// Whether `name` is the name the app gave a record started at `created`: its checklist's
/// title, in whichever language the checklist and the interface were then, and that time.
pub fn is_default_record_name(name: &str, created: f64) -> bool {
    let Some((_, when)) = name.rsplit_once(" — ") else { return false };
    let browser = browser();
    let mut tags = ["default", browser.as_str()].into_iter().chain(LANGUAGES.iter().map(|&(code, _)| code));
    tags.any(|tag| when == time_in(created, tag))
}

//! Dates and times as people read them, in the browser's own locale.

/// A local date and time for people.
pub fn local_time(ms: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

/// The name a new record gets: the checklist's title and the local date and time.
pub fn default_record_name(title: &str, now_ms: f64) -> String {
    // Date and time, so two records started the same day can be told apart.
    format!("{title} — {}", local_time(now_ms))
}

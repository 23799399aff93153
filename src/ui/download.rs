//! Saving text as a file on the user's device, without any network request.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`. Returns false when the browser refused.
pub fn download(file_name: &str, mime: &str, text: &str) -> bool {
    let run = || -> Option<()> {
        let document = web_sys::window()?.document()?;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
        web_sys::Url::revoke_object_url(&url).ok()?;
        Some(())
    };
    run().is_some()
}

/// A file name made of safe characters only.
pub fn safe_file_name(name: &str, extension: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = if stem.is_empty() { "crisis-comms".to_owned() } else { stem.chars().take(60).collect() };
    format!("{stem}.{extension}")
}

//! The standalone page: mounts the app into `#app` and keeps it mounted. The same build
//! serves `frame.html`, the iframe way to embed, which reads its options from the URL
//! fragment (never sent to any server).

use wasm_bindgen::JsCast;

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(element) =
        document.get_element_by_id("app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if !crisis_comms::adopt_stylesheet(&document) {
        link_stylesheet(&document);
    }
    let options = if element.has_attribute("data-frame") {
        match frame_options() {
            Ok(options) => options,
            Err(message) => {
                element.set_text_content(Some(&message));
                return;
            }
        }
    } else {
        crisis_comms::Options { hash_routing: true, ..Default::default() }
    };
    // The page lives as long as the tab: the app stays mounted (the handle is not needed).
    crisis_comms::mount_with(element, options);
}

/// Links the copy of the app's stylesheet that the embed build carries, for browsers that
/// cannot adopt it from the module.
fn link_stylesheet(document: &web_sys::Document) {
    let Ok(link) = document.create_element("link") else { return };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", "./embed/crisis-comms.css");
    if let Some(head) = document.head() {
        let _ = head.append_child(&link);
    }
}

/// Options from the fragment of `frame.html#{"namespace":"my-project"}` (URL-encoded JSON).
fn frame_options() -> Result<crisis_comms::Options, String> {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let text = hash.trim_start_matches('#');
    if text.is_empty() {
        return Ok(crisis_comms::Options::default());
    }
    let decoded = js_sys::decode_uri_component(text)
        .map_err(|_| "crisis-comms: the options in the address are not valid URL encoding".to_owned())?;
    let value = js_sys::JSON::parse(&String::from(decoded))
        .map_err(|_| "crisis-comms: the options in the address are not valid JSON".to_owned())?;
    crisis_comms::Options::from_js(value)
}

//! The standalone page: mounts the app into `#app` and keeps it mounted.

use wasm_bindgen::JsCast;

fn main() {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let options = crisis_comms::Options { hash_routing: true, ..Default::default() };
    // The page lives as long as the tab: keep the app mounted.
    std::mem::forget(crisis_comms::mount_with(element, options));
}

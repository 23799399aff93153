//! The standalone page: mounts the app into `#app` and keeps it mounted. The same build
//! serves `frame.html`, the iframe way to embed, which reads its options from the URL
//! fragment (never sent to any server).
//!
//! The page carries the built-in checklists twice over, once: as a static view, readable
//! without scripts, and as its wording, the files' text the module reads here instead of
//! carrying its own copy (a file the page preloads, or a block in the offline copy). When the
//! module starts, the app takes over from the static view: it renders the same route in the
//! same place, keeps the scroll position, and ticks in the record the steps ticked in the
//! static view meanwhile.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(element) =
        document.get_element_by_id("app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    match page_wording(&document) {
        Wording::Here(json) => match crisis_comms::content::use_page_wording(&json) {
            Ok(()) => start(&document, element),
            Err(e) => cannot_start(&document, &element, &e),
        },
        Wording::File { href, integrity } => wasm_bindgen_futures::spawn_local(async move {
            let read = fetch_text(&href, &integrity).await;
            match read.and_then(|json| crisis_comms::content::use_page_wording(&json)) {
                Ok(()) => start(&document, element),
                Err(e) => cannot_start(&document, &element, &e),
            }
        }),
        Wording::None if crisis_comms::content::BUILT_IN.is_empty() => cannot_start(
            &document,
            &element,
            "this page does not carry the checklists' wording, which this build reads from the page. Use \
             the index.html or frame.html it came with, or the embed build (embed/) on a page of your own",
        ),
        Wording::None => start(&document, element),
    }
}

/// Where the page keeps the built-in checklists' text.
enum Wording {
    /// In a block of the page itself (`<script type="application/json" id="cc-wording">`).
    Here(String),
    /// In a file of its own that the page preloads (`<link id="cc-wording" href integrity>`).
    File { href: String, integrity: String },
    /// Nowhere: only a module built with its own copy can start.
    None,
}

fn page_wording(document: &web_sys::Document) -> Wording {
    let Some(found) = document.get_element_by_id("cc-wording") else { return Wording::None };
    match found.get_attribute("href") {
        Some(href) => Wording::File { href, integrity: found.get_attribute("integrity").unwrap_or_default() },
        None => Wording::Here(found.text_content().unwrap_or_default()),
    }
}

/// The text of the page's wording file, fetched as the page's preload asked for it (same
/// address, same integrity), so the browser hands over what it already has.
async fn fetch_text(href: &str, integrity: &str) -> Result<String, String> {
    let not_loaded =
        |_| format!("the checklists' wording ({href}) did not load; reload the page to try again");
    let window = web_sys::window().ok_or("there is no window")?;
    let init = web_sys::RequestInit::new();
    init.set_integrity(integrity);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(href, &init))
        .await
        .map_err(not_loaded)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!(
            "the checklists' wording ({href}) did not load: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let text = JsFuture::from(response.text().map_err(not_loaded)?).await.map_err(not_loaded)?;
    text.as_string().ok_or_else(|| format!("the checklists' wording ({href}) is not text"))
}

/// Says in the page why the app could not start. A static view stays, with the message at its
/// top: its checklists can still be read and printed.
fn cannot_start(document: &web_sys::Document, app: &web_sys::HtmlElement, reason: &str) {
    let message = format!("crisis-comms could not start: {reason}.");
    let view = app.query_selector(".cc-static").ok().flatten();
    let (Some(view), Ok(note)) = (view, document.create_element("p")) else {
        app.set_text_content(Some(&message));
        return;
    };
    note.set_class_name("cc-notice");
    let _ = note.set_attribute("role", "alert");
    note.set_text_content(Some(&format!(
        "{message} The checklists below can still be read and printed; ticking steps, notes and records need the app."
    )));
    let _ = view.insert_before(&note, view.first_child().as_ref());
}

/// Mounts the app in place of the static view, once the wording is there.
fn start(document: &web_sys::Document, element: web_sys::HtmlElement) {
    #[cfg(feature = "bundled-wording")]
    bring_stylesheet(document, &element);
    let mut options = if element.has_attribute("data-frame") {
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
    // What the static view holds: its nodes, replaced once the app is in place, and its ticks.
    let static_view: Vec<web_sys::Node> = {
        let nodes = element.child_nodes();
        (0..nodes.length()).filter_map(|n| nodes.item(n)).collect()
    };
    options.static_ticks = static_ticks(&element);
    let anchor = reading_place(&element);
    // The page lives as long as the tab: the app stays mounted (the handle is not needed).
    crisis_comms::mount_with(element, options);
    // The app's nodes follow the static view's; both change in this one task, so the browser
    // never paints the one without the other.
    for node in static_view {
        if let Some(parent) = node.parent_node() {
            let _ = parent.remove_child(&node);
        }
    }
    // The step the reader was at stays where it was on screen, whatever the app shows above it.
    if let (Some(window), Some((item, top))) = (web_sys::window(), anchor) {
        let selector = format!("li[data-item=\"{}\"]", item.replace(['"', '\\'], ""));
        let step = document.query_selector(&selector).ok().flatten();
        if let Some(now) = step.map(|s| s.get_bounding_client_rect().top()) {
            window.scroll_by_with_x_and_y(0.0, now - top);
        }
    }
}

/// Where the reader is in the static view: the first step still on screen (its id and its top
/// in the viewport), when the page is scrolled. Only the view the address targets shows steps
/// (the catalog, shown when none is targeted, has none), so only its steps are measured.
fn reading_place(app: &web_sys::HtmlElement) -> Option<(String, f64)> {
    if web_sys::window()?.scroll_y().ok()? <= 0.0 {
        return None;
    }
    let steps = app.query_selector_all(".cc-view:target li[data-item]").ok()?;
    (0..steps.length()).filter_map(|n| steps.item(n)?.dyn_into::<web_sys::Element>().ok()).find_map(|step| {
        let rect = step.get_bounding_client_rect();
        let item = step.get_attribute("data-item")?;
        (rect.height() > 0.0 && rect.bottom() > 0.0).then(|| (item, rect.top()))
    })
}

/// Steps ticked in the static view, as (checklist id, step id): each checkbox carries its
/// step's id in `data-item`, inside the view whose id is its route (`/s/<id>`).
fn static_ticks(app: &web_sys::HtmlElement) -> Vec<(String, String)> {
    let mut ticks = Vec::new();
    let Ok(boxes) = app.query_selector_all("input[type=checkbox][data-item]:checked") else { return ticks };
    for n in 0..boxes.length() {
        let Some(input) = boxes.item(n).and_then(|b| b.dyn_into::<web_sys::Element>().ok()) else { continue };
        let view = input.closest("[id^='/s/']").ok().flatten().map(|v| v.id());
        if let (Some(item), Some(view)) = (input.get_attribute("data-item"), view) {
            ticks.push((view.trim_start_matches("/s/").to_owned(), item));
        }
    }
    ticks
}

/// Gives a page without a static view the app's stylesheet: adopted from the copy that a module
/// built with `bundled-wording` carries, or linked from the embed build where the browser
/// cannot adopt it. The pages the standalone module is built for carry it themselves:
/// `index.html` and `frame.html` link it for their static view, the copy to keep has it inline.
#[cfg(feature = "bundled-wording")]
fn bring_stylesheet(document: &web_sys::Document, app: &web_sys::HtmlElement) {
    let page_links_stylesheet = app.query_selector(".crisis-comms").ok().flatten().is_some();
    if !page_links_stylesheet && !crisis_comms::adopt_stylesheet(document) {
        link_stylesheet(document);
    }
}

/// Links the copy of the app's stylesheet that the embed build carries, for browsers that
/// cannot adopt it from the module.
#[cfg(feature = "bundled-wording")]
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

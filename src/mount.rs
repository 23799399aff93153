//! The embedding API: `mount(element, options)` returns a handle with `unmount()`.
//! The standalone page is one caller of it among others.

use std::any::Any;

use wasm_bindgen::prelude::*;

use crate::content::Library;
use crate::model::channels::ProjectChannel;
use crate::model::decide::{Archive, Readers};
use crate::model::language;
use crate::model::tlp::Tlp;
use crate::ui::app::App;

/// Options accepted by [`mount`]. Unknown keys and wrong types are refused with a message.
#[derive(Clone, Debug)]
pub struct Options {
    /// Storage namespace, so two sites or two widgets never mix their data.
    pub namespace: String,
    /// The first page: `catalog`, `framework`, `labels`, `summary`, `records` or `scenario:<id>`.
    pub view: String,
    /// Ids of the built-in checklists to offer; empty offers them all.
    pub scenarios: Vec<String>,
    /// Extra checklists, as Markdown text in the checklist format, shown beside the built-in ones;
    /// stress tests and drills (`kind = "drill"`) too, each in its own group of the catalog.
    pub checklists: Vec<String>,
    /// Start in session-only mode: nothing is written to storage (for shared computers).
    /// `sessionOnly` in JavaScript.
    pub session_only: bool,
    /// Ask the user for a passphrase lock before anything else, when none is set.
    pub lock: bool,
    /// Render inside a shadow root, fully isolated from the host page's styles (with the
    /// stylesheet the embed build carries; the standalone page's module, `frame.html`'s too,
    /// carries none and renders in the element, styled by its page).
    pub shadow: bool,
    /// `system` (follow the device), `light` or `dark`.
    pub theme: String,
    /// The project's own channels, each `{ name, readers, archive, label }`: shown beside those
    /// kept on the device, checked before a message is copied or logged for one of them.
    pub channels: Vec<ProjectChannel>,
    /// The interface's language as a language tag (`es`, `pt-BR`), found among the languages the
    /// app speaks by its primary subtag; `None` follows the device's choice, else the browser's.
    /// Checklists keep their own language.
    pub lang: Option<String>,
    /// Keep the current page in the address bar's fragment (`#/s/scenario-id`), so reload and
    /// the back button work. Only the standalone page sets this; an embed leaves the host's
    /// fragment alone.
    pub hash_routing: bool,
    /// Steps ticked in the standalone page's static view before the module arrived, as
    /// (checklist id, step id): the app ticks them in the record as if ticked there (after
    /// unlocking, with a lock). Only the standalone page sets this.
    pub static_ticks: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            namespace: "default".to_owned(),
            view: "catalog".to_owned(),
            scenarios: Vec::new(),
            checklists: Vec::new(),
            session_only: false,
            lock: false,
            shadow: false,
            theme: "system".to_owned(),
            channels: Vec::new(),
            lang: None,
            hash_routing: false,
            static_ticks: Vec::new(),
        }
    }
}

impl Options {
    /// The option names accepted from JavaScript.
    pub const KEYS: &'static [&'static str] = &[
        "namespace",
        "view",
        "scenarios",
        "checklists",
        "sessionOnly",
        "shadow",
        "theme",
        "lock",
        "channels",
        "lang",
    ];

    /// Reads options from a JavaScript value; `undefined` and `null` mean the defaults, and so
    /// does an option left out or given as `undefined` or `null`.
    pub fn from_js(value: JsValue) -> Result<Options, String> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options::default());
        }
        // `typeof`, not `instanceof`: an object made in another realm (an iframe, a test
        // driver's script) is an object all the same.
        if !value.is_object() {
            return Err(
                "crisis-comms: invalid options: expected an object such as { namespace: \"my-project\" }"
                    .into(),
            );
        }
        let object: &js_sys::Object = value.unchecked_ref();
        // serde-wasm-bindgen reads only the fields it knows, so a misspelt option would pass
        // unnoticed: every key is checked first.
        for key in js_sys::Object::keys(object).iter().filter_map(|k| k.as_string()) {
            if !Options::KEYS.contains(&key.as_str()) {
                return Err(format!(
                    "crisis-comms: invalid options: unknown option `{key}`; known options: {}",
                    Options::KEYS.join(", ")
                ));
            }
        }
        let given: Given = serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(
            value.clone(),
        ))
        .map_err(|e| {
            let key = match e.path().iter().next() {
                Some(serde_path_to_error::Segment::Map { key }) => key.clone(),
                _ => String::new(),
            };
            let value = js_sys::Reflect::get(object, &key.as_str().into()).unwrap_or(JsValue::UNDEFINED);
            if key == "channels" && js_sys::Array::is_array(&value) {
                // Inside the list, serde's own words say what is wrong, with the place.
                // serde-wasm-bindgen's message is a JavaScript error's, "Error: …".
                let why = e.inner().to_string();
                return format!(
                    "crisis-comms: invalid options: {}: {}",
                    e.path(),
                    why.trim_start_matches("Error: ")
                );
            }
            wrong_type(&key, &value)
        })?;
        let d = Options::default();
        let o = Options {
            namespace: given.namespace.unwrap_or(d.namespace),
            view: given.view.unwrap_or(d.view),
            scenarios: given.scenarios.unwrap_or(d.scenarios),
            checklists: given.checklists.unwrap_or(d.checklists),
            session_only: given.session_only.unwrap_or(d.session_only),
            lock: given.lock.unwrap_or(d.lock),
            shadow: given.shadow.unwrap_or(d.shadow),
            theme: given.theme.unwrap_or(d.theme),
            channels: given
                .channels
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(n, c)| ProjectChannel {
                    id: format!("site-{}", n + 1),
                    name: c.name,
                    readers: c.readers,
                    archive: c.archive,
                    label: c.label,
                    changed: 0.0,
                    removed: None,
                    former: Vec::new(),
                })
                .collect(),
            lang: given.lang,
            hash_routing: d.hash_routing,
            static_ticks: d.static_ticks,
        };
        o.validate()?;
        Ok(o)
    }

    fn validate(&self) -> Result<(), String> {
        if !matches!(self.theme.as_str(), "system" | "light" | "dark") {
            return Err(format!(
                "crisis-comms: invalid options: theme `{}` must be system, light or dark",
                self.theme
            ));
        }
        let known_view =
            matches!(self.view.as_str(), "catalog" | "framework" | "labels" | "summary" | "records")
                || self.view.strip_prefix("scenario:").is_some_and(|id| !id.is_empty());
        if !known_view {
            return Err(format!(
                "crisis-comms: invalid options: view `{}` must be catalog, framework, labels, summary, records or scenario:<id>",
                self.view
            ));
        }
        let built_in = Library::built_in();
        if let Some(unknown) = self.scenarios.iter().find(|id| !built_in.contains(id)) {
            return Err(format!(
                "crisis-comms: invalid options: scenarios: there is no built-in checklist `{unknown}`"
            ));
        }
        if let Some(tag) = self.lang.as_deref().filter(|t| language::supported(t).is_none()) {
            let codes: Vec<&str> = language::LANGUAGES.iter().map(|(code, _)| *code).collect();
            let (last, first) = codes.split_last().unwrap_or((&"en", &[]));
            return Err(format!(
                "crisis-comms: invalid options: lang `{tag}` must be {} or {last}, alone or with a region (such as es-MX)",
                first.join(", ")
            ));
        }
        if let Some(c) = self.channels.iter().find(|c| c.name.trim().is_empty()) {
            return Err(format!("crisis-comms: invalid options: channels: channel {} has no name", c.id));
        }
        let ok = !self.namespace.is_empty()
            && self.namespace.len() <= 64
            && self.namespace.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.');
        if ok {
            Ok(())
        } else {
            Err(format!(
                "crisis-comms: invalid options: namespace `{}` must be 1 to 64 letters, digits, `-`, `_` or `.`",
                self.namespace
            ))
        }
    }
}

/// The options as JavaScript gives them, each one optional: read by serde-wasm-bindgen, then
/// completed with the defaults into [`Options`]. The names are [`Options::KEYS`].
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Given {
    namespace: Option<String>,
    view: Option<String>,
    scenarios: Option<Vec<String>>,
    checklists: Option<Vec<String>>,
    session_only: Option<bool>,
    lock: Option<bool>,
    shadow: Option<bool>,
    theme: Option<String>,
    channels: Option<Vec<GivenChannel>>,
    lang: Option<String>,
}

/// One channel of the `channels` option; every member is required and no other is accepted.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GivenChannel {
    name: String,
    readers: Readers,
    archive: Archive,
    label: Tlp,
}

/// The message for option `key` given a value of the wrong type.
fn wrong_type(key: &str, value: &JsValue) -> String {
    let expected = match key {
        "scenarios" | "checklists" => "a list of strings",
        "channels" => "a list of channels, each { name, readers, archive, label }",
        "sessionOnly" | "shadow" | "lock" => "true or false",
        _ => "a string",
    };
    let list = js_sys::Array::is_array(value).then(|| value.unchecked_ref::<js_sys::Array>());
    let found = match value.js_typeof().as_string().as_deref() {
        _ if value.is_null() => "null",
        _ if list.is_some_and(|l| l.iter().all(|t| t.is_string())) => "a list",
        _ if list.is_some() => "a list with an item that is not a string",
        Some("string") => "a string",
        Some("number") => "a number",
        Some("boolean") => "true or false",
        Some("object") => "an object",
        _ => "something else",
    };
    format!("crisis-comms: invalid options: invalid type: `{key}` must be {expected}, not {found}")
}

thread_local! {
    /// The apps mounted and not yet unmounted, by slot. They live here rather than in their
    /// handles: a page that does not keep the handle `mount` returns would otherwise lose the
    /// widget whenever the browser collects the handle's JavaScript object.
    static MOUNTED: std::cell::RefCell<Vec<Option<Box<dyn Any>>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A mounted app. It stays on the page until `unmount()` is called, whether or not the handle
/// is kept.
#[wasm_bindgen]
pub struct MountHandle {
    /// Its slot in `MOUNTED`; `None` once unmounted.
    slot: Option<usize>,
    /// The container made inside a shadow root, removed on unmount.
    container: Option<web_sys::HtmlElement>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the app's nodes and listeners from the page. Calling it twice is harmless.
    pub fn unmount(&mut self) {
        if let Some(slot) = self.slot.take() {
            // Taken out first and dropped after: unmounting may run code that mounts or unmounts.
            let app = MOUNTED.with(|m| m.borrow_mut().get_mut(slot).and_then(Option::take));
            drop(app);
        }
        if let Some(container) = self.container.take() {
            container.remove();
        }
    }
}

/// Mounts the app into `element` (JavaScript API). Throws an `Error` with a plain message
/// when the options are invalid.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<MountHandle, JsError> {
    let options = Options::from_js(options).map_err(|m| JsError::new(&m))?;
    Ok(mount_with(element, options))
}

/// The app's stylesheet, adopted by the shadow root when `shadow` is set (see
/// [`adopt_stylesheet`] for a document). Only builds with the `bundled-wording` feature carry
/// it: the embed library, whose host pages carry neither the wording nor the stylesheet, and
/// the component tests. The standalone page's module leaves it out, as its pages carry it:
/// `index.html` and `frame.html` link it, the copy to keep has it inline.
#[cfg(feature = "bundled-wording")]
const STYLESHEET: &str = include_str!("../style/main.css");

/// The app's stylesheet, built from the text the module carries.
#[cfg(feature = "bundled-wording")]
fn stylesheet() -> Option<web_sys::CssStyleSheet> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(STYLESHEET).ok()?;
    Some(sheet)
}

/// None: a module built without the `bundled-wording` feature carries no copy of the stylesheet.
#[cfg(not(feature = "bundled-wording"))]
fn stylesheet() -> Option<web_sys::CssStyleSheet> {
    None
}

/// Adopts the app's stylesheet into `document`, for a page that does not link it. A page that
/// embeds the app links `crisis-comms.css` itself instead. Returns false where the browser
/// cannot build stylesheets from script (before Safari 16.4 and Firefox 101), and in a module
/// built without the `bundled-wording` feature, which carries no copy of it.
pub fn adopt_stylesheet(document: &web_sys::Document) -> bool {
    let Some(sheet) = stylesheet() else { return false };
    let sheets = document.adopted_style_sheets();
    sheets.push(&sheet);
    document.set_adopted_style_sheets(&sheets);
    true
}

/// Mounts the app into `element` with options from Rust.
pub fn mount_with(element: web_sys::HtmlElement, options: Options) -> MountHandle {
    mark("crisis-comms-start");
    let library = library_for(&options);
    mark("crisis-comms-library");
    let container = if options.shadow { shadow_container(&element) } else { None };
    let target = container.clone().unwrap_or(element);
    let handle = leptos::mount::mount_to(target, move || leptos::view! { <App options library /> });
    // Lets benchmarks and monitoring read when the first page became usable.
    mark("crisis-comms-ready");
    let slot = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.push(Some(Box::new(handle) as Box<dyn Any>));
        m.len() - 1
    });
    MountHandle { slot: Some(slot), container }
}

/// A container inside `host`'s (open) shadow root, with the app's stylesheet adopted there,
/// so neither the host's styles nor ours cross the boundary. None, and no shadow root, when
/// there is no stylesheet to adopt: the app then renders in `host`, styled by the page.
fn shadow_container(host: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    let sheet = stylesheet()?;
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).ok()?,
    };
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    let document = host.owner_document()?;
    let container: web_sys::HtmlElement = document.create_element("div").ok()?.dyn_into().ok()?;
    root.append_child(&container).ok()?;
    Some(container)
}

/// A performance mark, for the benchmark's start-up phases.
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The built-in checklists the options ask for, plus the embedder's own, each parsed by the
/// one parser; a broken extra checklist is reported in the library, the rest still load.
pub fn library_for(options: &Options) -> Library {
    let mut library = Library::built_in();
    if !options.scenarios.is_empty() {
        library.retain(|id| options.scenarios.iter().any(|s| s == id));
    }
    let names: Vec<String> = (1..=options.checklists.len()).map(|n| format!("extra checklist {n}")).collect();
    library.add_files(names.iter().map(String::as_str).zip(options.checklists.iter().map(String::as_str)));
    library
}

//! Offline use of the standalone page: the service worker's registration (the standalone page
//! alone registers it, never an embedding page or `frame.html`), the notice that a new version
//! is ready, which reloads only when asked, and the "Download for offline use" part of the
//! records page, which on the copy kept on disk says how its storage differs instead.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use crate::i18n::{t_string, use_i18n};

/// The copy to keep, as `cargo xtask dist` names it (the service worker builds it on request).
const COPY: &str = "crisis-comms-offline.html";

/// What the standalone page knows about offline use, given as context by the root component
/// when the app owns the page; absent in an embedded widget, which shows none of this.
#[derive(Clone, Copy)]
pub struct Offline {
    /// This page is the copy kept on disk (`cargo xtask dist` marks it), not the website.
    pub copy: bool,
    /// A service worker holds the app's files for this page.
    pub kept: RwSignal<bool>,
    /// A new version is ready: installed and waiting, or already taken over in another tab.
    pub update: RwSignal<bool>,
    /// The reader asked for the new version: the next change of worker reloads the page.
    asked: RwSignal<bool>,
}

/// Registers the service worker (once the page has loaded, so installing it never slows the
/// start) unless this page is the copy kept on disk or the browser has no service workers.
pub fn start() -> Offline {
    let offline = Offline {
        copy: is_copy(),
        kept: RwSignal::new(false),
        update: RwSignal::new(false),
        asked: RwSignal::new(false),
    };
    if let (false, Some(container)) = (offline.copy, container()) {
        let register = move || register(container, offline);
        let window = window();
        if window.document().is_some_and(|d| d.ready_state() == "complete") {
            register();
        } else {
            let once = Closure::once_into_js(register);
            let _ = window.add_event_listener_with_callback("load", once.unchecked_ref());
        }
    }
    offline
}

/// Whether this page is the copy kept on disk, which its `<meta name="crisis-comms-copy">` says.
fn is_copy() -> bool {
    let document = window().document();
    document.and_then(|d| d.query_selector("meta[name='crisis-comms-copy']").ok().flatten()).is_some()
}

/// The page's service workers, where the browser offers them (a secure context: https, or
/// 127.0.0.1 and localhost; never a file opened from disk).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let offered = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    (!offered.is_undefined()).then(|| navigator.service_worker())
}

fn register(container: ServiceWorkerContainer, offline: Offline) {
    let had_worker = container.controller().is_some();
    offline.kept.set(had_worker);
    // A new worker takes over: after this tab's request, reload into the new version; if
    // another tab asked, say a new version is ready (this tab still runs the old one). On the
    // first visit the new worker simply starts keeping the files.
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if offline.asked.get_untracked() {
            let _ = window().location().reload();
        } else if had_worker {
            offline.update.set(true);
        }
        offline.kept.set(true);
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    let promise = container.register("./sw.js");
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(promise).await else { return };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        if !had_worker {
            return;
        }
        if registration.waiting().is_some() {
            offline.update.set(true);
        }
        // A new version found while the page is open: the browser looks for one at each visit,
        // and may already be installing it.
        if let Some(worker) = registration.installing() {
            watch(worker, offline);
        }
        let found = registration.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            if let Some(worker) = found.installing() {
                watch(worker, offline);
            }
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}

/// Says a new version is ready once `worker`, a new version being installed, is installed.
fn watch(worker: web_sys::ServiceWorker, offline: Offline) {
    let watched = worker.clone();
    let on_state = Closure::<dyn FnMut()>::new(move || {
        if watched.state() == ServiceWorkerState::Installed {
            offline.update.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

/// Asks the waiting worker to take over; the change of worker then reloads this tab. With no
/// worker waiting (another tab already took the new version), reloads at once.
fn load_new_version(offline: Offline) {
    offline.asked.set(true);
    let Some(container) = container() else { return };
    leptos::task::spawn_local(async move {
        let waiting = match JsFuture::from(container.get_registration()).await {
            Ok(r) if !r.is_undefined() => r.unchecked_into::<ServiceWorkerRegistration>().waiting(),
            _ => None,
        };
        match waiting {
            Some(worker) => {
                let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
            }
            None => {
                let _ = window().location().reload();
            }
        }
    });
}

#[wasm_bindgen]
extern "C" {
    /// A `Response` of `fetch`, for its body as a `Blob` alone.
    type FetchResponse;
    #[wasm_bindgen(method, catch)]
    fn blob(this: &FetchResponse) -> Result<js_sys::Promise, JsValue>;
}

/// Saves the copy to keep. When a service worker keeps the app, the copy is asked of it: it
/// builds the file from what it holds, so no request leaves the browser (a download link
/// alone would not do: Chromium sends downloads past the service worker). Without one, the
/// link's own download from the website goes ahead, as the page says.
fn download_copy(ev: leptos::ev::MouseEvent) {
    if container().and_then(|c| c.controller()).is_none() {
        return;
    }
    ev.prevent_default();
    leptos::task::spawn_local(async move {
        let saved = async {
            let response = JsFuture::from(window().fetch_with_str(&format!("./{COPY}"))).await?;
            let response: FetchResponse = response.unchecked_into();
            let blob: web_sys::Blob = JsFuture::from(response.blob()?).await?.unchecked_into();
            let url = web_sys::Url::create_object_url_with_blob(&blob)?;
            let a: web_sys::HtmlAnchorElement =
                window().document().ok_or(JsValue::NULL)?.create_element("a")?.unchecked_into();
            a.set_href(&url);
            a.set_download(COPY);
            a.click();
            web_sys::Url::revoke_object_url(&url)
        };
        let _: Result<(), JsValue> = saved.await;
    });
}

/// "A new version is ready", with the button that loads it. Never reloads by itself.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let offline = use_context::<Offline>();
    let i18n = use_i18n();
    move || {
        let offline = offline.filter(|o| o.update.get())?;
        Some(view! {
            <div class="cc-notice cc-update" role="status">
                <p>
                    {move || t_string!(i18n, offline.update_ready)} " "
                    <button type="button" class="cc-button" on:click=move |_| load_new_version(offline)>
                        {move || t_string!(i18n, offline.load_new)}
                    </button>
                </p>
            </div>
        })
    }
}

/// The records page's part on offline use: the download of the copy to keep, or, on that copy,
/// how its storage differs from the website's.
#[component]
pub fn OfflineCopy() -> impl IntoView {
    let offline = use_context::<Offline>()?;
    let i18n = use_i18n();
    let moving = move || t_string!(i18n, offline.moving);
    if offline.copy {
        return Some(
            view! {
                <section class="cc-offline">
                    <h2>{move || t_string!(i18n, offline.copy_title)}</h2>
                    <p>{move || t_string!(i18n, offline.copy_about)} " " {moving}</p>
                </section>
            }
            .into_any(),
        );
    }
    Some(
        view! {
            <section class="cc-offline">
                <h2>{move || t_string!(i18n, offline.title)}</h2>
                <p>{move || t_string!(i18n, offline.intro)}</p>
                <p>
                    <a class="cc-button cc-download-copy" href=format!("./{COPY}") download=COPY on:click=download_copy>
                        {move || t_string!(i18n, offline.download)}
                    </a>
                </p>
                <p>
                    {move || if offline.kept.get() {
                        t_string!(i18n, offline.kept)
                    } else {
                        t_string!(i18n, offline.not_kept)
                    }}
                </p>
                <p>{move || t_string!(i18n, offline.apart)} " " {moving}</p>
            </section>
        }
        .into_any(),
    )
}

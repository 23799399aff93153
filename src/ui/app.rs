//! The root component: shared state, the current page, and the storage notice.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::content::Library;
use crate::model::checklist::ScenarioKind;
use crate::model::progress::Progress;
use crate::model::saved::Saved;
use crate::mount::Options;
use crate::store::{self, Change, Notice, Store};
use crate::ui::catalog::Catalog;
use crate::ui::decide::DecidePage;
use crate::ui::labels::LabelsPage;
use crate::ui::link::RouteLink;
use crate::ui::notice::StorageNotice;
use crate::ui::print::PrintPage;
use crate::ui::records::RecordsPage;
use crate::ui::scenario::ScenarioPage;
use crate::ui::stress::{StressTestPage, SummaryPage};

/// Which page is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The list of checklists.
    Catalog,
    /// One checklist, by scenario id.
    Scenario(String),
    /// The label decision framework.
    Decide,
    /// The labels explained, the reverse question and the channel check.
    Labels,
    /// The summary of every governance stress test.
    Summary,
    /// Records on this device, backup and device controls.
    Records,
    /// The printable document of a scenario's current record.
    Print(String),
    /// A blank printable copy of a scenario, to work on paper.
    PrintBlank(String),
}

impl Route {
    /// Reads a route from a URL fragment such as `#/s/account-compromise`.
    pub fn from_fragment(fragment: &str) -> Route {
        match fragment.trim_start_matches('#') {
            "/decide" => Route::Decide,
            "/labels" => Route::Labels,
            "/summary" => Route::Summary,
            "/records" => Route::Records,
            other => {
                let id =
                    |prefix: &str| other.strip_prefix(prefix).filter(|id| !id.is_empty()).map(str::to_owned);
                if let Some(id) = id("/s/") {
                    Route::Scenario(id)
                } else if let Some(id) = id("/print/") {
                    Route::Print(id)
                } else if let Some(id) = id("/blank/") {
                    Route::PrintBlank(id)
                } else {
                    Route::Catalog
                }
            }
        }
    }

    /// The route for the `view` mount option (already validated).
    pub fn from_view(view: &str) -> Route {
        match view {
            "framework" => Route::Decide,
            "labels" => Route::Labels,
            "summary" => Route::Summary,
            "records" => Route::Records,
            other => match other.strip_prefix("scenario:") {
                Some(id) => Route::Scenario(id.to_owned()),
                None => Route::Catalog,
            },
        }
    }

    /// The URL fragment for this route.
    pub fn fragment(&self) -> String {
        match self {
            Route::Catalog => "#/".to_owned(),
            Route::Scenario(id) => format!("#/s/{id}"),
            Route::Decide => "#/decide".to_owned(),
            Route::Labels => "#/labels".to_owned(),
            Route::Summary => "#/summary".to_owned(),
            Route::Records => "#/records".to_owned(),
            Route::Print(id) => format!("#/print/{id}"),
            Route::PrintBlank(id) => format!("#/blank/{id}"),
        }
    }
}

/// State shared by every component of one mounted app.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The scenarios on offer.
    pub library: StoredValue<Arc<Library>>,
    /// Everything the user has done, as saved.
    pub saved: RwSignal<Saved>,
    /// The current page.
    pub route: RwSignal<Route>,
    /// What the user must know about storage, if anything.
    pub notice: RwSignal<Option<Notice>>,
    /// Prefix for element ids, unique per mounted app, so several apps fit on one page.
    pub prefix: StoredValue<String>,
    /// True while nothing is written to storage (shared computers).
    pub session_only: RwSignal<bool>,
    /// How many pages this app has shown, the current one included.
    pages_shown: StoredValue<usize>,
    store: StoredValue<Store, LocalStorage>,
}

impl AppState {
    /// Changes the progress of the record shown for `scenario` (starting one if there is
    /// none yet) and saves at once.
    pub fn update_progress(&self, scenario: &str, change: impl FnOnce(&mut Progress)) {
        let now = js_sys::Date::now();
        let Some(sc) = self.library.with_value(|l| l.get(scenario)) else { return };
        self.change(|s| {
            let id = match s.current.get(scenario) {
                Some(id) if s.records.contains_key(id) => id.clone(),
                _ => s.start_record(&sc, &default_record_name(&sc.title, now), now),
            };
            if let Some(r) = s.records.get_mut(&id) {
                change(&mut r.progress);
                r.updated = now;
            }
        });
    }

    /// Changes saved state in any way, then merges what other tabs wrote and saves at once.
    pub fn change(&self, f: impl FnOnce(&mut Saved)) {
        let mut result = Ok(());
        self.saved.update(|s| {
            f(s);
            result = self.store.with_value(|store| store.save(s));
        });
        match result {
            Ok(()) => {
                if matches!(self.notice.get_untracked(), Some(Notice::WriteFailed(_))) {
                    self.notice.set(None);
                }
            }
            // Another tab or widget chose session-only mode before this one heard of it.
            Err(Notice::SessionOnly) => self.set_session_only_here(true),
            Err(n) => self.notice.set(Some(n)),
        }
    }

    /// A raw value under one of this namespace's storage keys (such as a damaged copy).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.store.with_value(|store| store.raw(key))
    }

    /// Whether changes are being kept on this device.
    pub fn saving(&self) -> bool {
        self.store.with_value(Store::is_saving)
    }

    /// The user switches session-only mode: while on, nothing is written to storage. Turning
    /// it on removes what this app stored on the device; turning it off saves again at once.
    pub fn set_session_only(&self, on: bool) {
        let mut result = Ok(());
        self.saved.update(|saved| {
            result = self.store.try_update_value(|store| store.set_session_only(on, saved)).unwrap_or(Ok(()));
        });
        self.show_session_only();
        if let Err(n) = result {
            self.notice.set(Some(n));
        }
    }

    /// Shows session-only mode as the store has it.
    fn show_session_only(&self) {
        let on = self.store.with_value(Store::is_session_only);
        self.session_only.set(on);
        if on {
            self.notice.set(Some(Notice::SessionOnly));
        } else if self.notice.get_untracked() == Some(Notice::SessionOnly) {
            self.notice.set(None);
        }
    }

    /// Session-only mode as another tab chose it: storage is left as it is.
    fn set_session_only_here(&self, on: bool) {
        self.store.update_value(|store| store.follow_session_only(on));
        self.show_session_only();
    }

    /// Whether the page embedding the app asked for session-only mode, which nothing turns off.
    pub fn session_only_forced(&self) -> bool {
        self.store.with_value(Store::is_session_only_forced)
    }

    /// Removes every key of this namespace from storage and empties the app.
    pub fn forget_everything(&self) -> Result<(), Notice> {
        self.store.with_value(Store::forget_everything)?;
        self.saved.set(Saved::default());
        Ok(())
    }

    /// Whether the current page was reached by moving from another page of the app. Only then
    /// does a page move focus to its heading: on the first page, focus would scroll a host page
    /// to an embedded widget and take the reader away from where they were.
    pub fn arrived_from_another_page(&self) -> bool {
        self.pages_shown.get_value() > 1
    }

    /// An element id unique to this mounted app.
    pub fn dom_id(&self, local: &str) -> String {
        self.prefix.with_value(|p| format!("{p}{local}"))
    }
}

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// The whole app.
#[component]
pub fn App(options: Options, library: Library) -> impl IntoView {
    let (store, saved, notice) = Store::open(&options.namespace);
    let instance = INSTANCES.fetch_add(1, Ordering::Relaxed);
    let fragment = if options.hash_routing { current_fragment() } else { String::new() };
    let initial_route =
        if fragment.len() > 2 { Route::from_fragment(&fragment) } else { Route::from_view(&options.view) };
    let state = AppState {
        library: StoredValue::new(Arc::new(library)),
        saved: RwSignal::new(saved),
        route: RwSignal::new(initial_route),
        notice: RwSignal::new(notice),
        prefix: StoredValue::new(format!("cc{instance}-")),
        session_only: RwSignal::new(store.is_session_only()),
        pages_shown: StoredValue::new(0),
        store: StoredValue::new_local(store),
    };
    provide_context(state);
    if options.session_only {
        state.store.update_value(Store::force_session_only);
        state.show_session_only();
    }
    follow_other_tabs(state, &options.namespace);
    if options.hash_routing {
        sync_with_fragment(state.route);
    }

    let main = NodeRef::<leptos::html::Main>::new();
    let hash_routing = options.hash_routing;
    let page = move || {
        state.pages_shown.update_value(|n| *n += 1);
        let route = state.route.get();
        if hash_routing {
            set_title(state, &route);
        }
        if state.arrived_from_another_page() {
            // Once the new page is in place: its heading takes focus, which brings the page's
            // top into view and has screen readers announce where the reader now is.
            request_animation_frame(move || focus_heading(main));
        }
        match route {
            Route::Catalog => view! { <Catalog /> }.into_any(),
            Route::Decide => view! { <DecidePage /> }.into_any(),
            Route::Labels => view! { <LabelsPage /> }.into_any(),
            Route::Summary => view! { <SummaryPage /> }.into_any(),
            Route::Records => view! { <RecordsPage /> }.into_any(),
            Route::Print(id) => print_page(state, &id, false),
            Route::PrintBlank(id) => print_page(state, &id, true),
            Route::Scenario(id) => match state.library.with_value(|l| l.get(&id)) {
                Some(test) if test.kind == ScenarioKind::StressTest => {
                    view! { <StressTestPage test /> }.into_any()
                }
                Some(scenario) => view! { <ScenarioPage scenario /> }.into_any(),
                None => view! {
                    <div class="cc-page">
                        <h1>"Checklist not found"</h1>
                        <p>"There is no checklist called “" {id} "” here."</p>
                        <p><RouteLink route=Route::Catalog>"See all checklists"</RouteLink></p>
                    </div>
                }
                .into_any(),
            },
        }
    };

    view! {
        <div class=format!("crisis-comms cc-theme-{}", options.theme) data-app-ready="true">
            <a class="cc-skip" href="#" on:click=move |ev| {
                ev.prevent_default();
                focus_heading(main);
            }>"Skip to the page"</a>
            <nav class="cc-topnav" aria-label="crisis-comms">
                <span class="cc-brand">"crisis-comms"</span>
                {[(Route::Catalog, "Checklists"), (Route::Decide, "Choose a label"), (Route::Labels, "Labels explained"), (Route::Records, "Records")]
                    .into_iter()
                    .map(|(route, words)| view! { <RouteLink route>{words}</RouteLink> })
                    .collect_view()}
            </nav>
            <StorageNotice />
            <main class="cc-main" node_ref=main>{page}</main>
        </div>
    }
}

/// The first element inside `root` that matches `css`, to move focus to.
pub fn first_inside(root: Option<impl AsRef<web_sys::Element>>, css: &str) -> Option<web_sys::HtmlElement> {
    root?.as_ref().query_selector(css).ok().flatten()?.dyn_into().ok()
}

/// Moves focus to the first heading of `main`.
fn focus_heading(main: NodeRef<leptos::html::Main>) {
    if let Some(heading) = first_inside(main.get_untracked(), "h1") {
        let _ = heading.set_attribute("tabindex", "-1");
        let _ = heading.focus();
    }
}

/// The standalone page's title names the page shown, for tabs, history and screen readers.
fn set_title(state: AppState, route: &Route) {
    let page = match route {
        Route::Catalog => None,
        Route::Decide => Some("Choose a label".to_owned()),
        Route::Labels => Some("Labels explained".to_owned()),
        Route::Summary => Some("Governance stress test summary".to_owned()),
        Route::Records => Some("Records".to_owned()),
        Route::Print(id) | Route::PrintBlank(id) | Route::Scenario(id) => {
            let title = state.library.with_value(|l| l.get(id)).map(|s| s.title.clone());
            let title = title.unwrap_or_else(|| "Checklist not found".to_owned());
            Some(if matches!(route, Route::Scenario(_)) { title } else { format!("Print: {title}") })
        }
    };
    let title = match page {
        Some(page) => format!("{page} — crisis-comms"),
        None => "crisis-comms — crisis communication checklists".to_owned(),
    };
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&title);
    }
}

fn print_page(state: AppState, id: &str, blank: bool) -> AnyView {
    match state.library.with_value(|l| l.get(id)) {
        Some(scenario) => view! { <PrintPage scenario blank /> }.into_any(),
        None => view! { <p>"There is no checklist called “" {id.to_owned()} "” here."</p> }.into_any(),
    }
}

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

/// Applies what other tabs of the same origin save, as they save it.
fn follow_other_tabs(state: AppState, namespace: &str) {
    let watch = store::watch(namespace, move |change| match change {
        Change::SessionOnly(on) => state.set_session_only_here(on),
        // While session-only, this tab keeps to itself what it shows.
        _ if state.session_only.get_untracked() => {}
        Change::Forgotten => {
            state.saved.set(Saved::default());
            state.notice.set(Some(Notice::ForgottenElsewhere));
        }
        Change::Saved(theirs) => state.saved.update(|s| s.merge(&theirs)),
    });
    let watch = StoredValue::new_local(Some(watch));
    on_cleanup(move || watch.update_value(|w| drop(w.take())));
}

fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Keeps `route` and the address bar's fragment in step, both ways.
fn sync_with_fragment(route: RwSignal<Route>) {
    Effect::new(move |_| {
        let fragment = route.get().fragment();
        if Route::from_fragment(&current_fragment()) != route.get_untracked() {
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&fragment);
            }
        }
    });
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Route::from_fragment(&current_fragment());
        if next != route.get_untracked() {
            route.set(next);
        }
    });
    on_cleanup(move || listener.remove());
}

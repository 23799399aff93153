//! The root component: the shared state and the interface's language as context, the
//! navigation and the page-wide controls, the storage notice and the page the route names,
//! with the route's side effects (title, focus) in one effect.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::content::Library;
use crate::i18n::{t_string, use_i18n, Locale};
use crate::model::checklist::ScenarioKind;
use crate::model::tlp::Tlp;
use crate::mount::Options;
use crate::ui::catalog::Catalog;
use crate::ui::decide::DecidePage;
use crate::ui::drill::{DrillPage, DrillReport, FacilitatorView, ParticipantsView};
use crate::ui::focus::focus_heading;
use crate::ui::labels::LabelsPage;
use crate::ui::language::{self as languages, LanguageChoice, Languages};
use crate::ui::link::RouteLink;
use crate::ui::lock::{self, LockNow, SetLock, UnlockPrompt};
use crate::ui::notice::StorageNotice;
use crate::ui::offline::UpdateNotice;
use crate::ui::print::{PrintFrame, PrintPage};
use crate::ui::records::RecordsPage;
use crate::ui::route::{current_fragment, sync_with_fragment, Route};
use crate::ui::scenario::ScenarioPage;
use crate::ui::state::AppState;
use crate::ui::stress::{StressTestPage, SummaryPage};

/// The whole app.
#[component]
pub fn App(options: Options, library: Library) -> impl IntoView {
    let fragment = if options.hash_routing { current_fragment() } else { String::new() };
    let route =
        if fragment.len() > 2 { Route::from_fragment(&fragment) } else { Route::from_view(&options.view) };
    let state = AppState::new(&options.namespace, library, route, options.session_only);
    provide_context(state);
    provide_context(crate::ui::channels::SiteChannels(std::sync::Arc::new(options.channels.clone())));
    state.follow_other_tabs(&options.namespace);
    lock::install(state);
    adopt_static_ticks(state, options.static_ticks.clone());
    if options.hash_routing {
        sync_with_fragment(state.route);
        // Offline use belongs to the standalone page alone, never to an embedding page.
        provide_context(crate::ui::offline::start());
    }
    let initial = languages::initial(options.lang.as_deref(), state);
    let (theme, lock_asked, hash_routing) = (options.theme, options.lock, options.hash_routing);
    view! {
        <Languages initial>
            <Frame theme lock_asked hash_routing />
        </Languages>
    }
}

/// The app's frame, in the interface's language: the skip link, the menu with the page-wide
/// controls, the notices and the page the route names.
#[component]
fn Frame(theme: String, lock_asked: bool, hash_routing: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let main = NodeRef::<leptos::html::Main>::new();
    // What a change of page does besides showing it. The title names the page (on the
    // standalone page only: an embedding page keeps its own). After a move from another page of
    // the app, once the new page is in place, its heading takes focus; the first page shown
    // does not take it, as focus would scroll a host page to an embedded widget. The title
    // follows a change of language too.
    Effect::new(move |shown_in: Option<Locale>| {
        let route = state.route.get();
        let locale = i18n.get_locale();
        if hash_routing {
            let title = state.library.with_value(|l| route.title(l, locale));
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(&title);
            }
        }
        // A change of language renames the page but moves no focus.
        if shown_in == Some(locale) {
            request_animation_frame(move || focus_heading(main));
        }
        locale
    });
    let page = move || page(state, state.route.get());

    view! {
        <div
            class=format!("crisis-comms cc-theme-{theme}")
            lang=move || i18n.get_locale().as_str()
            data-app-ready="true"
        >
            <a class="cc-skip" href="#" on:click=move |ev| {
                ev.prevent_default();
                focus_heading(main);
            }>{move || t_string!(i18n, frame.skip)}</a>
            <nav class="cc-topnav" aria-label="crisis-comms">
                <span class="cc-brand">"crisis-comms"</span>
                <RouteLink route=Route::Catalog>{move || t_string!(i18n, frame.checklists)}</RouteLink>
                <RouteLink route=Route::Decide>{move || t_string!(i18n, frame.decide)}</RouteLink>
                <RouteLink route=Route::Labels>{move || t_string!(i18n, frame.labels)}</RouteLink>
                <RouteLink route=Route::Records>{move || t_string!(i18n, frame.records)}</RouteLink>
                <LanguageChoice />
                <LockNow />
            </nav>
            <StorageNotice />
            <UpdateNotice />
            // While locked, the unlock prompt is all there is: no page, no record, no value.
            <main class="cc-main" node_ref=main>{move || if state.lock.locked.get() {
                view! { <UnlockPrompt /> }.into_any()
            } else if lock_asked && !state.lock.has_lock.get() {
                view! {
                    <div class="cc-page cc-lock-asked">
                        <h1>{move || t_string!(i18n, frame.choose_passphrase)}</h1>
                        <p>{move || t_string!(i18n, frame.passphrase_asked)}</p>
                        <SetLock />
                    </div>
                }.into_any()
            } else {
                page()
            }}</main>
        </div>
    }
}

/// Ticks made in the standalone page's static view before the module arrived: ticked in the
/// record, as if made in the app, and saved, once the app is unlocked (at once without a lock).
fn adopt_static_ticks(state: AppState, ticks: Vec<(String, String)>) {
    if ticks.is_empty() {
        return;
    }
    let pending = StoredValue::new(ticks);
    Effect::new(move |_| {
        if state.lock.locked.get() {
            return;
        }
        let ticks = pending.try_update_value(std::mem::take).unwrap_or_default();
        let now = js_sys::Date::now();
        let mut scenarios: Vec<&str> = Vec::new();
        for (s, _) in &ticks {
            if !scenarios.contains(&s.as_str()) {
                scenarios.push(s);
            }
        }
        for scenario in scenarios {
            state.update_progress(scenario, |p| {
                for (_, item) in ticks.iter().filter(|(s, _)| s == scenario) {
                    p.set_status(item, crate::model::progress::Status::Done, now);
                }
            });
        }
    });
}

/// The page `route` names. Pages that show checklists' own text are drawn again when the
/// reader switches language: a checklist follows the interface where it has a translation (a
/// record's ticks and notes stay, as a translation keeps its original's ids). The other pages
/// change only their words, and keep their state. The language is read through a memo, so that
/// only a change draws them again: the language's context may set the same language again once
/// mounted, which would replace a page being typed in.
fn page(state: AppState, route: Route) -> AnyView {
    if matches!(route, Route::Decide | Route::Labels | Route::Records) {
        // They show no checklist's own text: the language is theirs to follow, word by word.
        return page_in(state, route, crate::model::language::DEFAULT);
    }
    let i18n = use_i18n();
    let lang = Memo::new(move |_| i18n.get_locale().as_str());
    (move || page_in(state, route.clone(), lang.get())).into_any()
}

/// The page `route` names, with checklists' own text in `lang` where they have a translation.
fn page_in(state: AppState, route: Route, lang: &'static str) -> AnyView {
    match route {
        // Printed, every page carries a label at the top and bottom of each sheet: the public
        // pages TLP:CLEAR, the records list the strictest label of the records it names.
        Route::Decide => view! { <DecidePage /> }.into_any(),
        Route::Labels => {
            view! { <PrintFrame label=Tlp::Clear labels_in_print_only=true><LabelsPage /></PrintFrame> }
                .into_any()
        }
        Route::Records => {
            let label = Memo::new(move |_| records_label(state));
            view! { <PrintFrame label labels_in_print_only=true><RecordsPage /></PrintFrame> }.into_any()
        }
        Route::Catalog => {
            view! { <PrintFrame label=Tlp::Clear labels_in_print_only=true><Catalog /></PrintFrame> }
                .into_any()
        }
        Route::Summary => view! { <SummaryPage /> }.into_any(),
        Route::Drill(rid) => view! { <FacilitatorView rid /> }.into_any(),
        Route::DrillView(rid) => view! { <ParticipantsView rid /> }.into_any(),
        Route::DrillReport(rid) => view! { <DrillReport rid /> }.into_any(),
        Route::Print(id) => print_page(state, &id, lang, false, None),
        Route::PrintBlank(id) => print_page(state, &id, lang, true, None),
        Route::PrintLog(id, limit) => print_page(state, &id, lang, false, Some(limit)),
        Route::Scenario(id) => match state.library.with_value(|l| l.get_in(&id, lang)) {
            Some(test) if test.kind == ScenarioKind::StressTest => {
                view! { <StressTestPage test /> }.into_any()
            }
            Some(scenario) if scenario.kind == ScenarioKind::Drill => {
                view! { <DrillPage scenario /> }.into_any()
            }
            Some(scenario) => view! { <ScenarioPage scenario /> }.into_any(),
            None => {
                let i18n = use_i18n();
                view! {
                    <div class="cc-page">
                        <h1>{move || t_string!(i18n, frame.not_found)}</h1>
                        <p>{move || t_string!(i18n, frame.no_checklist, id = id.clone())}</p>
                        <p><RouteLink route=Route::Catalog>{move || t_string!(i18n, frame.see_all)}</RouteLink></p>
                    </div>
                }
                .into_any()
            }
        },
    }
}

/// The strictest label of the records on this device (a record of a checklist no longer
/// here counts as TLP:RED, as its label is unknown); TLP:CLEAR when there is none.
fn records_label(state: AppState) -> Tlp {
    state.saved.with(|s| {
        s.records
            .values()
            .map(|r| {
                state.library.with_value(|l| l.get(&r.scenario)).map_or(Tlp::Red, |sc| r.label(sc.label))
            })
            .fold(Tlp::Clear, Ord::min)
    })
}

fn print_page(state: AppState, id: &str, lang: &str, blank: bool, log: Option<Tlp>) -> AnyView {
    match state.library.with_value(|l| l.get_in(id, lang)) {
        Some(scenario) => view! { <PrintPage scenario blank log /> }.into_any(),
        None => {
            let (i18n, id) = (use_i18n(), id.to_owned());
            view! { <p>{move || t_string!(i18n, frame.no_checklist, id = id.clone())}</p> }.into_any()
        }
    }
}

//! Which page is shown: the [`Route`], its URL fragment, the page title it gives, and keeping the
//! route and the address bar's fragment in step.

use leptos::prelude::*;

use crate::content::Library;
use crate::i18n::{td_string, Locale};
use crate::model::tlp::Tlp;
use leptos_i18n::Locale as _;

/// Which page is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The list of checklists.
    Catalog,
    /// One checklist or stress test, by scenario id.
    Scenario(String),
    /// The label framework ("Choose a label").
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
    /// The printable communications log of a scenario's current record, holding only what the
    /// label allows (`#/log/<id>/<label>`).
    PrintLog(String, Tlp),
    /// The facilitator's view of a drill run, by record id (`#/drill/<id>`).
    Drill(String),
    /// The participants' view of a drill run, by record id (`#/drill/<id>/view`).
    DrillView(String),
    /// The after-action report of a drill run, by record id (`#/debrief/<id>`).
    DrillReport(String),
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
                if let Some(id) = id("/drill/") {
                    match id.strip_suffix("/view").filter(|r| !r.is_empty()) {
                        Some(rid) => Route::DrillView(rid.to_owned()),
                        None => Route::Drill(id),
                    }
                } else if let Some(id) = id("/debrief/") {
                    Route::DrillReport(id)
                } else if let Some(id) = id("/s/") {
                    Route::Scenario(id)
                } else if let Some(id) = id("/print/") {
                    Route::Print(id)
                } else if let Some(id) = id("/blank/") {
                    Route::PrintBlank(id)
                } else if let Some((id, limit)) = id("/log/").and_then(|rest| {
                    let (id, limit) = rest.rsplit_once('/')?;
                    Some((id.to_owned(), limit.parse().ok()?)).filter(|(id, _)| !id.is_empty())
                }) {
                    Route::PrintLog(id, limit)
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
            Route::PrintLog(id, limit) => format!("#/log/{id}/{}", limit.as_str()),
            Route::Drill(id) => format!("#/drill/{id}"),
            Route::DrillView(id) => format!("#/drill/{id}/view"),
            Route::DrillReport(id) => format!("#/debrief/{id}"),
        }
    }

    /// The standalone page's title for this route in `locale`, naming the page for tabs, history
    /// and screen readers.
    pub fn title(&self, library: &Library, locale: Locale) -> String {
        let page = match self {
            Route::Catalog => None,
            Route::Decide => Some(td_string!(locale, frame.decide).to_owned()),
            Route::Labels => Some(td_string!(locale, frame.labels).to_owned()),
            Route::Summary => Some(td_string!(locale, route.summary).to_owned()),
            Route::Records => Some(td_string!(locale, frame.records).to_owned()),
            Route::Drill(_) => Some(td_string!(locale, route.drill).to_owned()),
            Route::DrillView(_) => Some(td_string!(locale, route.drill_view).to_owned()),
            Route::DrillReport(_) => Some(td_string!(locale, route.drill_report).to_owned()),
            Route::Print(id) | Route::PrintBlank(id) | Route::PrintLog(id, _) | Route::Scenario(id) => {
                let title = library.get_in(id, locale.as_str()).map(|s| s.title.clone());
                let title = title.unwrap_or_else(|| td_string!(locale, frame.not_found).to_owned());
                Some(if matches!(self, Route::Scenario(_)) {
                    title
                } else {
                    td_string!(locale, route.print, title)
                })
            }
        };
        match page {
            Some(page) => td_string!(locale, route.page, page),
            None => td_string!(locale, route.home).to_owned(),
        }
    }
}

/// The address bar's fragment, such as `#/records`.
pub fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Keeps `route` and the address bar's fragment in step, both ways.
pub fn sync_with_fragment(route: RwSignal<Route>) {
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

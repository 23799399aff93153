//! [`AppState`]: what every component of one mounted app shares (the library, the saved state,
//! the route, the storage notice), and the only ways components change saved state.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::content::Library;
use crate::model::progress::Progress;
use crate::model::saved::{RecordOf, Saved};
use crate::store::{self, Change, Notice, Store};
use crate::ui::lock::{self, LockState};
use crate::ui::route::Route;
use crate::ui::time::default_record_name;

/// State shared by every component of one mounted app, provided as context by the root.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The checklists and stress tests on offer.
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
    /// The passphrase lock as the interface shows it.
    pub lock: LockState,
    pub(crate) store: StoredValue<Store, LocalStorage>,
}

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

impl AppState {
    /// Opens the namespace's storage and starts on `route`. Session-only mode is forced when the
    /// embedding page asked for it.
    pub fn new(namespace: &str, library: Library, route: Route, session_only: bool) -> Self {
        let (store, saved, notice) = Store::open(namespace);
        let instance = INSTANCES.fetch_add(1, Ordering::Relaxed);
        let state = AppState {
            library: StoredValue::new(Arc::new(library)),
            saved: RwSignal::new(saved),
            route: RwSignal::new(route),
            notice: RwSignal::new(notice),
            prefix: StoredValue::new(format!("cc{instance}-")),
            session_only: RwSignal::new(store.is_session_only()),
            lock: LockState::new(&store),
            store: StoredValue::new_local(store),
        };
        if session_only {
            state.store.update_value(Store::force_session_only);
            state.show_session_only();
        }
        state
    }

    /// Changes the progress of the record shown for `scenario` (starting one if there is
    /// none yet) and saves at once.
    pub fn update_progress(&self, scenario: &str, change: impl FnOnce(&mut Progress)) {
        let now = js_sys::Date::now();
        // A new record is named after the checklist as the reader sees it, translated or not.
        let lang = crate::ui::language::interface().map_or(crate::model::language::DEFAULT, |l| l.as_str());
        let Some(sc) = self.library.with_value(|l| l.get_in(scenario, lang)) else { return };
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

    /// Changes the progress of the record `of` names, and saves at once. A record named by id
    /// that is no longer here (deleted in another tab) is left alone.
    pub fn update_record(&self, of: &RecordOf, change: impl FnOnce(&mut Progress)) {
        match of {
            RecordOf::Shown(scenario) => self.update_progress(scenario, change),
            RecordOf::Id(id) => {
                let now = js_sys::Date::now();
                self.change(|s| {
                    if let Some(r) = s.records.get_mut(id) {
                        change(&mut r.progress);
                        r.updated = now;
                    }
                });
            }
        }
    }

    /// Changes saved state in any way, then merges what other tabs wrote and saves at once.
    pub fn change(&self, f: impl FnOnce(&mut Saved)) {
        let mut result = Ok(());
        self.saved.update(|s| {
            f(s);
            if lock::sealing(self) {
                // Encrypted saves are asynchronous; they are kept in order.
                lock::queue_save(*self, s.clone());
            } else {
                result = self.store.with_value(|store| store.save(s));
            }
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
        if !on && lock::sealing(self) {
            lock::queue_save(*self, self.saved.get_untracked());
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

    /// Merges what another tab wrote, plain or decrypted. When that write crossed one of ours
    /// and lacks what was logged here, writes again, so neither tab's entries are lost.
    pub fn merge_from_other_tab(&self, theirs: &Saved) {
        let mut behind = false;
        self.saved.update(|s| {
            s.merge(theirs);
            behind = s.has_entries_missing_from(theirs);
        });
        if behind {
            self.change(|_| {});
        }
    }

    /// Removes every key of this namespace from storage and empties the app.
    pub fn forget_everything(&self) -> Result<(), Notice> {
        self.store.with_value(Store::forget_everything)?;
        self.saved.set(Saved::default());
        self.lock.refresh(self);
        Ok(())
    }

    /// An element id unique to this mounted app.
    pub fn dom_id(&self, local: &str) -> String {
        self.prefix.with_value(|p| format!("{p}{local}"))
    }

    /// Applies what other tabs of the same origin save, as they save it, until the app is
    /// unmounted.
    pub fn follow_other_tabs(self, namespace: &str) {
        let state = self;
        let watch = store::watch(namespace, move |change| match lock::follow(state, change) {
            None => {}
            Some(Change::SessionOnly(on)) => state.set_session_only_here(on),
            // While session-only, this tab keeps to itself what it shows.
            _ if state.session_only.get_untracked() => {}
            Some(Change::Forgotten) => {
                state.saved.set(Saved::default());
                state.notice.set(Some(Notice::ForgottenElsewhere));
            }
            Some(Change::Saved(theirs)) => state.merge_from_other_tab(&theirs),
            Some(Change::Sealed(_) | Change::Locked) => {}
        });
        let watch = StoredValue::new_local(Some(watch));
        on_cleanup(move || watch.update_value(|w| drop(w.take())));
    }
}

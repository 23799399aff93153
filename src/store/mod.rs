//! The browser edge for saved state: one versioned envelope per namespace in localStorage
//! (through `gloo-storage`), or memory only when storage is blocked or the user asked for it.
//! Every failure is a value the UI can show; nothing stored is ever overwritten blindly. What
//! other tabs write reaches this tab through [`watch`].
//!
//! The state itself is read and written as text through `LocalStorage::raw()`: damaged data is
//! kept aside exactly as it was, and the text this tab wrote is compared with what storage holds
//! to tell whether another tab wrote meanwhile. Everything else goes through gloo's typed API.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::model::saved::{decode, encode, DecodeError, Saved};

/// Where saved state lives for one namespace.
pub struct Store {
    namespace: String,
    /// localStorage, when the probe found it usable; `None` keeps everything in memory.
    storage: Option<web_sys::Storage>,
    /// Set when the stored data must not be overwritten (written by a newer release).
    read_only: bool,
    /// Set while nothing may be written (shared computers): chosen by the user, which the
    /// device remembers (see [`Store::set_session_only`]), or by the page embedding the app.
    session_only: bool,
    /// Set when the page embedding the app asked for session-only mode: nothing turns it off.
    forced: bool,
    /// The text this tab last read from or wrote to storage: while storage still holds it, no
    /// other tab wrote meanwhile, and saving need not read and merge it again.
    last: std::cell::RefCell<String>,
}

/// Something the user must be told about storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Storage is blocked: the app works, but nothing is kept.
    NotSaved,
    /// The user chose session-only mode.
    SessionOnly,
    /// Stored data was damaged; its raw text was kept under `kept_as`.
    Corrupt {
        /// What was wrong.
        why: String,
        /// The storage key of the copy.
        kept_as: String,
    },
    /// Stored data is from a newer release; it is left untouched.
    Newer(String),
    /// The last change could not be written.
    WriteFailed(String),
    /// Another tab forgot everything on this device.
    ForgottenElsewhere,
    /// Session-only mode is on in this tab, but the browser would not let the page remove what
    /// it stored or remember the choice.
    SessionOnlyIncomplete,
}

impl Notice {
    /// The notice in plain words.
    pub fn message(&self) -> String {
        match self {
            Notice::NotSaved => "Not saved on this device: this browser does not let the page store data. \
                 Your progress lasts until you close the tab; export a backup to keep it."
                .to_owned(),
            Notice::SessionOnly => "Session only: nothing is saved on this device. Everything you do here \
                 disappears when you close or reload the tab. Export a backup to keep it."
                .to_owned(),
            Notice::Corrupt { why, .. } => format!(
                "The progress saved on this device could not be read: {why}. A copy of it was kept aside \
                 (you can download it below), and you are starting from empty checklists."
            ),
            Notice::Newer(why) => format!(
                "The saved progress cannot be opened here: {why}. It is left untouched, and changes you make \
                 here are not saved. Open the newer version of the app to continue."
            ),
            Notice::WriteFailed(why) => format!(
                "Your last change could not be saved on this device ({why}). What was saved before is still \
                 there. Export a backup to keep this change."
            ),
            Notice::ForgottenElsewhere => {
                "Everything saved on this device was forgotten in another tab.".to_owned()
            }
            Notice::SessionOnlyIncomplete => {
                "Session only is on in this tab, but the browser would not let the \
                 page remove what it saved on this device before, or remember the choice. Use “Forget \
                 everything on this device” on the Records page to remove it."
                    .to_owned()
            }
        }
    }
}

impl Store {
    /// The storage key of the state of `namespace`.
    pub fn key_for(namespace: &str) -> String {
        format!("crisis-comms:{namespace}:state")
    }

    /// The prefix of every key this namespace uses.
    fn prefix(&self) -> String {
        format!("crisis-comms:{}:", self.namespace)
    }

    /// The storage key that remembers the user's choice of session-only mode for `namespace`
    /// on this device. It holds no content, only the choice, so that a reload does not quietly
    /// start saving again.
    pub fn session_only_key_for(namespace: &str) -> String {
        format!("crisis-comms:{namespace}:session-only")
    }

    fn session_only_key(&self) -> String {
        Store::session_only_key_for(&self.namespace)
    }

    /// Opens the store for `namespace`, reading what is saved there.
    pub fn open(namespace: &str) -> (Store, Saved, Option<Notice>) {
        // Storage throws in sandboxed frames and with storage blocked, and gloo's `raw()` then
        // throws too: probe it first, and use gloo only once it is known to work.
        let usable = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).is_some();
        let storage = usable.then(LocalStorage::raw);
        let mut store = Store {
            namespace: namespace.to_owned(),
            storage,
            read_only: false,
            session_only: false,
            forced: false,
            last: Default::default(),
        };
        let Some(storage) = &store.storage else {
            return (store, Saved::default(), Some(Notice::NotSaved));
        };
        store.session_only = chosen(&store.session_only_key());
        let key = Store::key_for(namespace);
        let raw = match storage.get_item(&key) {
            Ok(Some(raw)) => raw,
            Ok(None) => {
                let notice = store.session_only.then_some(Notice::SessionOnly);
                return (store, Saved::default(), notice);
            }
            Err(_) => {
                store.storage = None;
                return (store, Saved::default(), Some(Notice::NotSaved));
            }
        };
        match decode(&raw) {
            Ok(saved) if store.session_only => {
                // Written while the device asked to keep nothing (by a tab that had not heard
                // yet): shown in this tab, and removed from the device.
                let _ = storage.remove_item(&key);
                (store, saved, Some(Notice::SessionOnly))
            }
            Ok(saved) => {
                store.last.replace(raw);
                (store, saved, None)
            }
            Err(e @ DecodeError::Newer(_)) => {
                store.read_only = true;
                (store, Saved::default(), Some(Notice::Newer(e.to_string())))
            }
            Err(e) => {
                let kept_as = format!("{}damaged-{}", store.prefix(), js_sys::Date::now() as u64);
                if storage.set_item(&kept_as, &raw).is_err() {
                    // No room for a copy: leave the original where it is and do not write over it.
                    store.read_only = true;
                }
                (store, Saved::default(), Some(Notice::Corrupt { why: e.to_string(), kept_as }))
            }
        }
    }

    /// Whether changes are written to the device.
    pub fn is_saving(&self) -> bool {
        self.storage.is_some() && !self.read_only && !self.session_only
    }

    /// Whether session-only mode is on.
    pub fn is_session_only(&self) -> bool {
        self.session_only
    }

    /// Whether the page embedding the app asked for session-only mode, which nothing turns off.
    pub fn is_session_only_forced(&self) -> bool {
        self.forced
    }

    /// Session-only mode as the page embedding the app asks: on for good; storage is left as
    /// it is.
    pub fn force_session_only(&mut self) {
        self.session_only = true;
        self.forced = true;
    }

    /// Session-only mode as another tab chose it: storage is left as it is. Off does not
    /// undo a mode the embedding page asked for.
    pub fn follow_session_only(&mut self, on: bool) {
        self.session_only = on || self.forced;
    }

    /// The user's choice of session-only mode, remembered on this device.
    ///
    /// Turning it on stops this tab writing at once, writes the choice (so other tabs stop
    /// too), and removes the saved state this tab shows. Data it cannot show stays until
    /// "forget everything": copies kept aside after damage, and data of a newer version.
    /// Turning it off saves `saved` again.
    pub fn set_session_only(&mut self, on: bool, saved: &mut Saved) -> Result<(), Notice> {
        if !on && self.forced {
            return Ok(());
        }
        self.session_only = on;
        self.last.replace(String::new());
        let flag = self.session_only_key();
        let Some(storage) = &self.storage else { return Ok(()) };
        if !on {
            LocalStorage::delete(&flag);
            return self.save(saved);
        }
        let mut flagged = LocalStorage::set(&flag, true).is_ok();
        let removed = self.read_only || storage.remove_item(&Store::key_for(&self.namespace)).is_ok();
        if !flagged && removed {
            // A full storage may refuse the choice until the state is gone.
            flagged = LocalStorage::set(&flag, true).is_ok();
        }
        if flagged && removed {
            Ok(())
        } else {
            Err(Notice::SessionOnlyIncomplete)
        }
    }

    /// Merges what another tab saved meanwhile into `saved`, then writes it at once. Fails with
    /// [`Notice::SessionOnly`], writing nothing, when another tab or widget has meanwhile
    /// chosen session-only mode for this device.
    pub fn save(&self, saved: &mut Saved) -> Result<(), Notice> {
        if !self.is_saving() {
            return Ok(());
        }
        let Some(storage) = &self.storage else { return Ok(()) };
        if chosen(&self.session_only_key()) {
            return Err(Notice::SessionOnly);
        }
        let key = Store::key_for(&self.namespace);
        if let Ok(Some(raw)) = storage.get_item(&key) {
            if raw != *self.last.borrow() {
                if let Ok(theirs) = decode(&raw) {
                    saved.merge(&theirs);
                }
            }
        }
        let text = encode(saved);
        storage.set_item(&key, &text).map_err(|e| Notice::WriteFailed(describe(&e)))?;
        self.last.replace(text);
        Ok(())
    }

    /// A raw value kept under one of this namespace's keys (such as a damaged copy).
    pub fn raw(&self, key: &str) -> Option<String> {
        if !key.starts_with(&self.prefix()) {
            return None;
        }
        self.storage.as_ref()?.get_item(key).ok().flatten()
    }

    /// Removes every key of this namespace, but for the choice of session-only mode while it
    /// is on: the mode the page shows stays in force.
    pub fn forget_everything(&self) -> Result<(), Notice> {
        let Some(storage) = &self.storage else { return Ok(()) };
        let (prefix, flag) = (self.prefix(), self.session_only_key());
        let keys: Vec<String> = (0..LocalStorage::length())
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(&prefix) && !(self.session_only && *k == flag))
            .collect();
        for k in keys {
            LocalStorage::delete(&k);
        }
        Ok(())
    }
}

/// Whether the device remembers the choice of session-only mode under `flag`. Any value counts
/// (earlier releases wrote the text `on`), so that no reading of it starts saving again.
fn chosen(flag: &str) -> bool {
    !matches!(LocalStorage::get::<bool>(flag), Ok(false) | Err(StorageError::KeyNotFound(_)))
}

/// What another tab of the same origin did to this namespace's storage.
pub enum Change {
    /// It saved: its state, to merge with this tab's.
    Saved(Saved),
    /// It forgot everything on this device.
    Forgotten,
    /// It turned session-only mode on or off for this device.
    SessionOnly(bool),
}

/// Listens for what other tabs write to `namespace`'s keys, until the returned value is dropped.
/// Browsers send the `storage` event only to the other tabs of an origin, never to the writer.
pub fn watch(namespace: &str, on_change: impl Fn(Change) + 'static) -> Watch {
    let key = Store::key_for(namespace);
    let flag = Store::session_only_key_for(namespace);
    let listener = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
        let changed = ev.key();
        if changed.as_deref() == Some(flag.as_str()) {
            on_change(Change::SessionOnly(ev.new_value().is_some()));
        } else if changed.as_deref() == Some(key.as_str()) {
            match ev.new_value() {
                None => on_change(Change::Forgotten),
                // Text this release cannot read is left to the next load, which keeps it aside.
                Some(text) => {
                    if let Ok(theirs) = decode(&text) {
                        on_change(Change::Saved(theirs));
                    }
                }
            }
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    }
    Watch { listener }
}

/// A storage listener from [`watch`]; dropping it stops listening.
pub struct Watch {
    listener: Closure<dyn Fn(web_sys::StorageEvent)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback("storage", self.listener.as_ref().unchecked_ref());
        }
    }
}

/// A DOM exception's name, in plain words where we know it.
fn describe(error: &wasm_bindgen::JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name())) {
        Some(name) if name == "QuotaExceededError" => {
            "the browser's storage for this page is full".to_owned()
        }
        Some(name) => name,
        None => "the browser refused to store it".to_owned(),
    }
}

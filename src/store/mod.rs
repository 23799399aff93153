//! The browser edge for saved state: one versioned envelope per namespace in localStorage
//! (through `gloo-storage`), or memory only when storage is blocked or the user asked for it.
//! Every failure is a value the UI can show; nothing stored is ever overwritten blindly. What
//! other tabs write reaches this tab through [`watch`].
//!
//! The state itself is read and written as text through `LocalStorage::raw()`: damaged data is
//! kept aside exactly as it was, and the text this tab wrote is compared with what storage holds
//! to tell whether another tab wrote meanwhile. Everything else goes through gloo's typed API.
//!
//! With a passphrase lock ([`lock`]) the same key holds an encrypted envelope instead: the
//! store then never writes plain text, and the UI writes through [`Store::write_sealed`] once
//! the state is encrypted.

pub mod lock;

use std::cell::RefCell;

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
    last: RefCell<String>,
    /// The lock's key while this tab is unlocked; `None` without a lock, or while locked.
    key: RefCell<Option<lock::Key>>,
    /// The newest encrypted envelope this tab read or wrote, while a lock is set: what unlocking
    /// opens when storage does not hold it (session-only mode, storage blocked).
    sealed: RefCell<Option<String>>,
}

/// Why stored text could not be read: its data, or the lock around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// The data inside.
    Data(DecodeError),
    /// The lock's envelope.
    Lock(lock::LockError),
}

/// Why a change could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The browser's storage for this page is full.
    Full,
    /// The browser refused with an exception of this name.
    Named(String),
    /// The browser refused, without saying why.
    Refused,
    /// The change could not be encrypted.
    Lock(lock::LockError),
}

/// Something the user must be told about storage (the interface words it:
/// `ui::notice::words`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Storage is blocked: the app works, but nothing is kept.
    NotSaved,
    /// The user chose session-only mode.
    SessionOnly,
    /// Stored data was damaged; its raw text was kept under `kept_as`.
    Corrupt {
        /// What was wrong.
        why: Unreadable,
        /// The storage key of the copy.
        kept_as: String,
    },
    /// Stored data is from a newer release; it is left untouched.
    Newer(Unreadable),
    /// The last change could not be written.
    WriteFailed(WriteError),
    /// Another tab forgot everything on this device.
    ForgottenElsewhere,
    /// Session-only mode is on in this tab, but the browser would not let the page remove what
    /// it stored or remember the choice.
    SessionOnlyIncomplete,
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
            key: RefCell::new(None),
            sealed: RefCell::new(None),
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
        if lock::is_sealed(&raw) {
            // Encrypted: nothing to show until the passphrase opens it.
            return match lock::check(&raw) {
                Ok(()) => {
                    store.last.replace(raw.clone());
                    store.sealed.replace(Some(raw));
                    let notice = store.session_only.then_some(Notice::SessionOnly);
                    (store, Saved::default(), notice)
                }
                Err(e @ lock::LockError::Newer(_)) => {
                    store.read_only = true;
                    (store, Saved::default(), Some(Notice::Newer(Unreadable::Lock(e))))
                }
                Err(e) => {
                    let notice = store.keep_aside(&raw, Unreadable::Lock(e));
                    (store, Saved::default(), Some(notice))
                }
            };
        }
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
                (store, Saved::default(), Some(Notice::Newer(Unreadable::Data(e))))
            }
            Err(e) => {
                let notice = store.keep_aside(&raw, Unreadable::Data(e));
                (store, Saved::default(), Some(notice))
            }
        }
    }

    /// Keeps damaged stored text aside under a key of its own, and says so.
    fn keep_aside(&mut self, raw: &str, why: Unreadable) -> Notice {
        let kept_as = format!("{}damaged-{}", self.prefix(), js_sys::Date::now() as u64);
        let copied = self.storage.as_ref().is_some_and(|s| s.set_item(&kept_as, raw).is_ok());
        if !copied {
            // No room for a copy: leave the original where it is and do not write over it.
            self.read_only = true;
        }
        Notice::Corrupt { why, kept_as }
    }

    /// Keeps aside an envelope that the right passphrase opened but whose content could not be
    /// read, and stops showing it: the lock stays, and the next save starts afresh.
    pub fn keep_aside_sealed(&mut self, raw: &str, why: DecodeError) -> Notice {
        let notice = self.keep_aside(raw, Unreadable::Data(why));
        self.last.replace(String::new());
        notice
    }

    /// Whether a lock is set on this namespace (whether or not this tab is unlocked).
    pub fn has_lock(&self) -> bool {
        self.key.borrow().is_some() || self.sealed.borrow().is_some()
    }

    /// Whether a lock is set and this tab holds no key: nothing may be shown until it unlocks.
    pub fn needs_unlock(&self) -> bool {
        self.key.borrow().is_none() && self.sealed.borrow().is_some()
    }

    /// The lock's key, while this tab is unlocked.
    pub fn key(&self) -> Option<lock::Key> {
        self.key.borrow().clone()
    }

    /// Sets the lock's key (unlocked, a new lock, a new passphrase), or drops it (`None`: locked).
    pub fn set_key(&self, key: Option<lock::Key>) {
        self.key.replace(key);
    }

    /// The newest encrypted envelope: storage's when it holds one, else this tab's copy.
    pub fn sealed_text(&self) -> Option<String> {
        self.stored_text().filter(|t| lock::is_sealed(t)).or_else(|| self.sealed.borrow().clone())
    }

    /// What storage holds under the state key now (`None` when nothing, or nothing is stored).
    pub fn stored_text(&self) -> Option<String> {
        if self.session_only {
            return None;
        }
        self.storage.as_ref()?.get_item(&Store::key_for(&self.namespace)).ok().flatten()
    }

    /// Whether storage still holds what this tab last read or wrote.
    pub fn unchanged(&self, text: &Option<String>) -> bool {
        text.as_deref().unwrap_or("") == self.last.borrow().as_str()
    }

    /// This tab opened `text` with its key: it is the newest state this tab knows. In
    /// session-only mode it is removed from the device.
    pub fn opened(&self, text: &str) {
        self.sealed.replace(Some(text.to_owned()));
        if self.session_only && !self.forced {
            if let Some(storage) = &self.storage {
                let _ = storage.remove_item(&Store::key_for(&self.namespace));
            }
        } else {
            self.last.replace(text.to_owned());
        }
    }

    /// Writes an encrypted envelope (keeping a copy in memory for unlocking). Fails with
    /// [`Notice::SessionOnly`], writing nothing to storage, when another tab has meanwhile chosen
    /// session-only mode.
    pub fn write_sealed(&self, text: String) -> Result<(), Notice> {
        self.sealed.replace(Some(text.clone()));
        if !self.is_saving() {
            return Ok(());
        }
        let Some(storage) = &self.storage else { return Ok(()) };
        if chosen(&self.session_only_key()) {
            return Err(Notice::SessionOnly);
        }
        storage
            .set_item(&Store::key_for(&self.namespace), &text)
            .map_err(|e| Notice::WriteFailed(describe(&e)))?;
        self.last.replace(text);
        Ok(())
    }

    /// Removes the lock: the key and the encrypted copy are dropped, and `saved` is written in
    /// plain text again.
    pub fn remove_lock(&self, saved: &mut Saved) -> Result<(), Notice> {
        self.key.replace(None);
        self.sealed.replace(None);
        // What is stored now is this lock's own envelope, to be replaced, not another tab's lock.
        self.last.replace(self.stored_text().unwrap_or_default());
        self.save(saved)
    }

    /// The storage key that tells every tab of the namespace to lock. It holds the time of
    /// the last "Lock now" or idle lock, and nothing else.
    pub fn lock_signal_key_for(namespace: &str) -> String {
        format!("crisis-comms:{namespace}:lock-now")
    }

    /// The storage key of the device's idle time before locking, in minutes (a setting, not
    /// content: kept in clear so that it holds before the first unlock).
    pub fn idle_key_for(namespace: &str) -> String {
        format!("crisis-comms:{namespace}:lock-idle")
    }

    /// The storage key of when any tab of the namespace last saw the user act, so that an idle
    /// tab does not lock a tab in use. A time only, written at most once a minute.
    pub fn activity_key_for(namespace: &str) -> String {
        format!("crisis-comms:{namespace}:lock-active")
    }

    /// The storage key of the interface's language chosen on this device (a setting, not
    /// content: its code, such as `es`).
    pub fn language_key_for(namespace: &str) -> String {
        format!("crisis-comms:{namespace}:language")
    }

    /// The interface's language chosen on this device, as stored (unchecked).
    pub fn language(&self) -> Option<String> {
        self.device_get(&Store::language_key_for(&self.namespace))
    }

    /// Keeps the interface's language chosen on this device; in session-only mode nothing is
    /// written, and the choice lasts as long as the tab.
    pub fn set_language(&self, code: &str) {
        if !self.session_only {
            self.device_set(&Store::language_key_for(&self.namespace), code);
        }
    }

    /// The namespace of this store.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// A device setting or signal of this namespace (never content), when storage works.
    pub fn device_get(&self, key: &str) -> Option<String> {
        self.storage.as_ref()?.get_item(key).ok().flatten()
    }

    /// Writes a device setting or signal (never content); ignored when storage does not work.
    pub fn device_set(&self, key: &str, value: &str) {
        if let Some(storage) = &self.storage {
            let _ = storage.set_item(key, value);
        }
    }

    /// Another tab removed the lock (storage holds plain text again): this tab drops its key
    /// and its encrypted copy, and reads `text` as what it last saw.
    pub fn lock_removed_elsewhere(&self) {
        self.key.replace(None);
        self.sealed.replace(None);
        self.last.replace(self.stored_text().unwrap_or_default());
    }

    /// Another tab wrote `text`, encrypted under a lock this tab cannot open (a new lock, or a
    /// new passphrase): this tab drops its key and must be unlocked again.
    pub fn sealed_elsewhere(&self, text: String) {
        self.key.replace(None);
        self.last.replace(text.clone());
        self.sealed.replace(Some(text));
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
        // With a lock, nothing is written in plain text: the state goes through `write_sealed`.
        if !self.is_saving() || self.has_lock() {
            return Ok(());
        }
        let Some(storage) = &self.storage else { return Ok(()) };
        if chosen(&self.session_only_key()) {
            return Err(Notice::SessionOnly);
        }
        let key = Store::key_for(&self.namespace);
        if let Ok(Some(raw)) = storage.get_item(&key) {
            if raw != *self.last.borrow() && lock::is_sealed(&raw) {
                // Another tab set a lock meanwhile: nothing plain is written over it, and its
                // storage event makes this tab ask for the passphrase.
                self.sealed.replace(Some(raw));
                return Ok(());
            }
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
        self.key.replace(None);
        self.sealed.replace(None);
        self.last.replace(String::new());
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
    /// It saved encrypted state: to open with this tab's key, if it has the same lock.
    Sealed(String),
    /// It locked ("Lock now" or the idle lock): every tab locks.
    Locked,
}

/// Listens for what other tabs write to `namespace`'s keys, until the returned value is dropped.
/// Browsers send the `storage` event only to the other tabs of an origin, never to the writer.
pub fn watch(namespace: &str, on_change: impl Fn(Change) + 'static) -> Watch {
    let key = Store::key_for(namespace);
    let flag = Store::session_only_key_for(namespace);
    let lock_signal = Store::lock_signal_key_for(namespace);
    let listener = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
        let changed = ev.key();
        if changed.as_deref() == Some(flag.as_str()) {
            on_change(Change::SessionOnly(ev.new_value().is_some()));
        } else if changed.as_deref() == Some(lock_signal.as_str()) {
            if ev.new_value().is_some() {
                on_change(Change::Locked);
            }
        } else if changed.as_deref() == Some(key.as_str()) {
            match ev.new_value() {
                None => on_change(Change::Forgotten),
                // Text this release cannot read is left to the next load, which keeps it aside.
                Some(text) if lock::is_sealed(&text) => on_change(Change::Sealed(text)),
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

/// Why the browser refused a write, from its exception.
fn describe(error: &wasm_bindgen::JsValue) -> WriteError {
    match error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name())) {
        Some(name) if name == "QuotaExceededError" => WriteError::Full,
        Some(name) => WriteError::Named(name),
        None => WriteError::Refused,
    }
}

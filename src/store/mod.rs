//! The browser edge for saved state: one versioned envelope per namespace in localStorage,
//! or memory only when storage is blocked. Every failure is a value the UI can show.

use wasm_bindgen::JsCast;

use crate::model::saved::{decode, encode, DecodeError, Saved};

/// Where saved state lives for one namespace.
pub struct Store {
    key: String,
    storage: Option<web_sys::Storage>,
    /// Set when the stored data must not be overwritten (written by a newer release).
    read_only: bool,
}

/// Something the user must be told about storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Storage is blocked: the app works, but nothing is kept.
    NotSaved,
    /// Stored data was damaged; its raw text was kept under `kept_as`.
    Corrupt { why: String, kept_as: String },
    /// Stored data is from a newer release; it is left untouched.
    Newer(String),
    /// The last change could not be written.
    WriteFailed(String),
}

impl Notice {
    /// The notice in plain words.
    pub fn message(&self) -> String {
        match self {
            Notice::NotSaved => "Not saved on this device: this browser does not let the page store data. \
                 Your progress lasts until you close the tab."
                .to_owned(),
            Notice::Corrupt { why, .. } => format!(
                "The progress saved on this device could not be read: {why}. The damaged copy was kept \
                 aside, and you are starting from an empty checklist."
            ),
            Notice::Newer(why) => format!(
                "{why}. It is left untouched; changes you make here are not saved. Open the newer version \
                 of the app to continue."
            ),
            Notice::WriteFailed(why) => format!(
                "Your last change could not be saved on this device ({why}). What was saved before is still there."
            ),
        }
    }
}

impl Store {
    /// Opens the store for `namespace`, reading what is saved there.
    pub fn open(namespace: &str) -> (Store, Saved, Option<Notice>) {
        let key = format!("crisis-comms:{namespace}:state");
        let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
        let mut store = Store { key, storage, read_only: false };
        let Some(storage) = &store.storage else {
            return (store, Saved::default(), Some(Notice::NotSaved));
        };
        let raw = match storage.get_item(&store.key) {
            Ok(Some(raw)) => raw,
            Ok(None) => return (store, Saved::default(), None),
            Err(_) => {
                store.storage = None;
                return (store, Saved::default(), Some(Notice::NotSaved));
            }
        };
        match decode(&raw) {
            Ok(saved) => (store, saved, None),
            Err(e @ DecodeError::Newer(_)) => {
                store.read_only = true;
                (store, Saved::default(), Some(Notice::Newer(e.to_string())))
            }
            Err(e) => {
                let kept_as = format!("{}:damaged-{}", store.key, js_sys::Date::now() as u64);
                if storage.set_item(&kept_as, &raw).is_err() {
                    // Cannot keep a copy aside: leave the original in place and do not write over it.
                    store.read_only = true;
                }
                let why = match e {
                    DecodeError::Foreign => "it was not written by crisis-comms".to_owned(),
                    other => other.to_string(),
                };
                (store, Saved::default(), Some(Notice::Corrupt { why, kept_as }))
            }
        }
    }

    /// Writes `saved` at once; returns what to tell the user if that failed.
    pub fn save(&self, saved: &Saved) -> Result<(), Notice> {
        let Some(storage) = &self.storage else {
            return Ok(());
        };
        if self.read_only {
            return Ok(());
        }
        storage.set_item(&self.key, &encode(saved)).map_err(|e| Notice::WriteFailed(describe(&e)))
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

//! Leptos components, one per file, and the few modules they share: [`state::AppState`], through
//! which every component reads and changes saved state, the [`route::Route`], and small helpers
//! (cells, focus, time, text).

pub mod app;
pub mod catalog;
pub mod cells;
pub mod channels;
pub mod choice;
pub mod clipboard;
pub mod confirm;
pub mod decide;
pub mod download;
pub mod drill;
pub mod errors;
pub mod focus;
pub mod item;
pub mod labels;
pub mod language;
pub mod link;
pub mod lock;
pub mod note;
pub mod notice;
pub mod offline;
pub mod print;
pub mod reasons;
pub mod records;
pub mod route;
pub mod scenario;
pub mod state;
pub mod stress;
pub mod templates;
pub mod text;
pub mod time;
pub mod timeline;
pub mod tlp_badge;
pub mod vocabulary;

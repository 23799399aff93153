//! Leptos components, one per file. They read the model and write through [`app::AppState`].

pub mod app;
pub mod catalog;
pub mod cells;
pub mod choice;
pub mod clipboard;
pub mod confirm;
pub mod decide;
pub mod download;
pub mod item;
pub mod labels;
pub mod link;
pub mod note;
pub mod notice;
pub mod print;
pub mod records;
pub mod scenario;
pub mod stress;
pub mod templates;
pub mod text;
pub mod tlp_badge;

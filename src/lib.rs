//! crisis-comms: crisis communication checklists for open source communities, private to the
//! browser.
//!
//! Layers, from the inside out (see `ARCHITECTURE.md`): [`model`] is pure Rust; [`content`]
//! holds the built-in checklists; [`store`] and [`mount`] are the thin browser edge; [`ui`]
//! holds the Leptos components.

pub mod content;
// `i18n`: the interface's words in each language, generated from `locales/` by `build.rs`
// (leptos_i18n): `i18n::Locale`, the context providers, `use_i18n` and `t_string!`.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
pub mod model;
pub mod mount;
pub mod render;
pub mod store;
pub mod ui;

pub use mount::{adopt_stylesheet, mount, mount_with, MountHandle, Options};

/// The WebAssembly allocator: talc, whose code is smaller than the standard dlmalloc's
/// (0.6 KB less brotli for this app) and no slower here.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

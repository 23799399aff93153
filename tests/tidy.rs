//! What `ARCHITECTURE.md` claims about the code, checked: the model imports no browser or UI
//! crate, nothing in `src/` uses `inner_html`, every stored version has its fixture, and the
//! map names every module file of the model, the UI and the store, and only files that exist.
//! The small tests at the end feed each check a case it must refuse.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

use crisis_comms::model::saved::VERSION;

/// Crates of the browser or of the UI, which the model must not use. Each stands for its family
/// too: `gloo` for every `gloo-*` crate, `wasm_bindgen` for `wasm-bindgen-futures`.
const BROWSER_OR_UI: &[&str] = &["web_sys", "js_sys", "wasm_bindgen", "leptos", "gloo"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, as paths relative to the repository, sorted.
fn rust_files(dir: &str) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&root().join(dir), &mut found);
    let mut names: Vec<String> = found
        .iter()
        .map(|p| p.strip_prefix(root()).expect("under the root").to_string_lossy().replace('\\', "/"))
        .collect();
    names.sort();
    names
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The browser or UI crates that `source` uses in its code (comments are not code).
fn browser_crates_in(source: &str) -> Vec<&'static str> {
    let mut used = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        for word in code.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            for &krate in BROWSER_OR_UI {
                let hit = word == krate || word.strip_prefix(krate).is_some_and(|rest| rest.starts_with('_'));
                if hit && !used.contains(&krate) {
                    used.push(krate);
                }
            }
        }
    }
    used
}

/// The paths of Rust files that `text` names in code spans, such as `src/ui/app.rs` (not
/// patterns such as `tests/*.rs`).
fn rust_paths_named(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| span.ends_with(".rs") && !span.contains([' ', '*']))
        .map(str::to_owned)
        .collect()
}

/// What is wrong with the fixture of stored `version`, whose text is `fixture` (None if absent).
fn fixture_problem(version: u32, fixture: Option<&str>) -> Option<String> {
    let Some(text) = fixture else { return Some(format!("no fixture tests/fixtures/saved-v{version}.json")) };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Some(format!("saved-v{version}.json is not JSON: {e}")),
    };
    let says = value.get("version").and_then(serde_json::Value::as_u64);
    (says != Some(u64::from(version))).then(|| format!("saved-v{version}.json says version {says:?}"))
}

#[test]
fn the_model_imports_no_browser_or_ui_crate() {
    let files = rust_files("src/model");
    assert!(files.len() > 5, "the model's files are found: {files:?}");
    let wrong: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let used = browser_crates_in(&read(f));
            (!used.is_empty()).then(|| format!("{f} uses {}", used.join(", ")))
        })
        .collect();
    assert!(wrong.is_empty(), "the model must stay plain Rust: {wrong:?}");
}

#[test]
fn nothing_in_src_uses_inner_html() {
    let files = rust_files("src");
    assert!(files.iter().any(|f| f == "src/ui/app.rs"), "the sources are found: {files:?}");
    let wrong: Vec<&String> = files.iter().filter(|f| read(f).contains("inner_html")).collect();
    assert!(wrong.is_empty(), "text is rendered as text nodes, never as HTML: {wrong:?}");
}

#[test]
fn every_stored_version_has_a_fixture_that_says_its_version() {
    const { assert!(VERSION >= 1) };
    let problems: Vec<String> = (1..=VERSION)
        .filter_map(|v| {
            let text = fs::read_to_string(root().join(format!("tests/fixtures/saved-v{v}.json"))).ok();
            fixture_problem(v, text.as_deref())
        })
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn architecture_names_every_module_file_and_only_files_that_exist() {
    let map = read("ARCHITECTURE.md");
    let named = rust_paths_named(&map);
    let missing: Vec<&String> = named.iter().filter(|p| !root().join(p).is_file()).collect();
    assert!(missing.is_empty(), "ARCHITECTURE.md names files that do not exist: {missing:?}");
    let unnamed: Vec<String> = ["src/model", "src/ui", "src/store"]
        .iter()
        .flat_map(|dir| rust_files(dir))
        .filter(|file| !named.contains(file))
        .collect();
    assert!(unnamed.is_empty(), "ARCHITECTURE.md does not say what these files are for: {unnamed:?}");
}

// Each check refuses what it is there to refuse.

#[test]
fn the_import_check_finds_browser_crates_in_code_and_not_in_comments() {
    assert_eq!(browser_crates_in("use leptos::prelude::*;"), ["leptos"]);
    assert_eq!(browser_crates_in("let w = web_sys::window();"), ["web_sys"]);
    assert_eq!(browser_crates_in("use wasm_bindgen_futures::JsFuture;"), ["wasm_bindgen"]);
    assert_eq!(browser_crates_in("use gloo_storage::LocalStorage;"), ["gloo"]);
    assert_eq!(browser_crates_in("fn f() -> js_sys::Date { todo!() }"), ["js_sys"]);
    assert!(browser_crates_in("//! No `leptos` or `web_sys` here.\nuse serde::Serialize;").is_empty());
    assert!(browser_crates_in("let gloomy = 2; let web = sys; let leptosish = 3;").is_empty());
}

#[test]
fn the_map_check_reads_file_paths_from_code_spans() {
    let named = rust_paths_named(
        "- `src/ui/app.rs`: the root. `src/ui/`, `cargo test`, `tests/*.rs`, `tests/tidy.rs`.",
    );
    assert_eq!(named, ["src/ui/app.rs", "tests/tidy.rs"]);
}

#[test]
fn the_fixture_check_refuses_a_missing_or_mislabelled_fixture() {
    assert!(fixture_problem(4, None).is_some());
    assert!(fixture_problem(2, Some("{\"format\":\"crisis-comms\",\"version\":3}")).is_some());
    assert!(fixture_problem(2, Some("not json")).is_some());
    assert_eq!(fixture_problem(2, Some("{\"format\":\"crisis-comms\",\"version\":2}")), None);
}

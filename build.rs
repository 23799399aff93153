//! Two things generated at build time:
//!
//! - the list of every checklist in `checklists/` for `content::BUILT_IN`, and of every
//!   translation for `content::TRANSLATIONS`, so adding a file is all it takes to ship it (and
//!   the tests then validate it);
//! - the `i18n` module from the interface's words in `locales/` (English, the default, then
//!   Spanish, German and French), through `leptos_i18n_build`.

use std::error::Error;
use std::path::Path;
use std::{env, fs};

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

fn main() -> Result<(), Box<dyn Error>> {
    let root = env::var("CARGO_MANIFEST_DIR")?;
    let out = env::var("OUT_DIR")?;
    built_in(Path::new(&root), Path::new(&out))?;
    interface_words(Path::new(&out))
}

/// Writes `built_in.rs`, (file name, text) of every built-in checklist, stress test and drill,
/// and `translations.rs`, the same for every translation: the files of each language folder
/// (`es/account-compromise.md`, `es/stress-tests/…`, `es/drills/…`).
fn built_in(root: &Path, out: &Path) -> Result<(), Box<dyn Error>> {
    let dir = root.join("checklists");
    println!("cargo:rerun-if-changed=checklists");
    // Checklists at the top, stress tests in `stress-tests/`, drills in `drills/`; any other
    // folder is a language's (the tests check that its name is a language tag).
    const KINDS: [&str; 3] = ["", "stress-tests", "drills"];
    let mut languages: Vec<String> = fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !KINDS.contains(&name.as_str()))
        .collect();
    languages.sort();
    let originals = markdown_files(&dir, "", &KINDS)?;
    let mut translations = Vec::new();
    for lang in languages {
        translations.extend(markdown_files(&dir, &lang, &KINDS)?);
    }
    fs::write(out.join("built_in.rs"), file_list(&dir, originals))?;
    fs::write(out.join("translations.rs"), file_list(&dir, translations))?;
    Ok(())
}

/// The names of the `.md` files in `dir/folder/kind` for each of `kinds`, from `dir`, sorted.
fn markdown_files(dir: &Path, folder: &str, kinds: &[&str]) -> Result<Vec<String>, Box<dyn Error>> {
    let mut files: Vec<String> = Vec::new();
    for kind in kinds {
        let sub = [folder, kind].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("/");
        let Ok(entries) = fs::read_dir(dir.join(&sub)) else { continue };
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") && name != "README.md" {
                files.push(if sub.is_empty() { name } else { format!("{sub}/{name}") });
            }
        }
    }
    files.sort();
    Ok(files)
}

/// A Rust slice of (file name, its text included from `dir`).
fn file_list(dir: &Path, files: Vec<String>) -> String {
    let mut text = String::from("&[\n");
    for name in files {
        let path = dir.join(&name);
        text.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    text.push(']');
    text
}

/// Generates `i18n/mod.rs` from `locales/{en,es,de,fr}.json`: a missing key or a mistake in a
/// file is a build error or warning naming it. Values may hold `{{ name }}` placeholders, filled
/// with any displayable value.
fn interface_words(out: &Path) -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed=locales");
    let config = Config::new("en")?
        .add_locales(["es", "de", "fr"])?
        .parse_options(ParseOptions::new().interpolate_display(true));
    let words = TranslationsInfos::parse(config)?;
    words.rerun_if_locales_changed();
    words.emit_diagnostics();
    words.generate_i18n_module(out.join("i18n"))?;
    Ok(())
}

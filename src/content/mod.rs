//! The built-in checklist library: the files of `checklists/`, compiled in, or read from the
//! standalone page that carries them.
//!
//! The standalone page comes with every built-in file's text in its wording (a file the page
//! links, or a block inside the offline copy; see `render::wording`), so its module is built
//! without them (no `bundled-wording` feature) and takes them from there before mounting
//! ([`use_page_wording`]): the wording is shipped once. Native builds (tests, xtask) and the
//! embed library, whose host pages carry no wording, compile them in.
//!
//! Built-in files are parsed when first needed: opening one checklist parses that file alone,
//! which keeps start-up short; the catalog parses them all.

use std::sync::{Arc, OnceLock};

use crate::model::checklist::Scenario;
use crate::model::parse::{parse_scenario, ParseError};

/// Every built-in checklist file in `checklists/`, by name, with its text (listed by `build.rs`),
/// compiled in: always on native builds, and in WebAssembly with the `bundled-wording` feature.
#[cfg(any(not(target_arch = "wasm32"), feature = "bundled-wording"))]
pub const BUILT_IN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

/// Without the `bundled-wording` feature the module carries no built-in file: the page gives them.
#[cfg(all(target_arch = "wasm32", not(feature = "bundled-wording")))]
pub const BUILT_IN: &[(&str, &str)] = &[];

/// The built-in files the page gave, once read (they live as long as the page).
static FROM_PAGE: OnceLock<&'static [(&'static str, &'static str)]> = OnceLock::new();

/// The built-in files: those the page gave, if it gave them, else those compiled in.
pub fn built_in_files() -> &'static [(&'static str, &'static str)] {
    FROM_PAGE.get().copied().unwrap_or(BUILT_IN)
}

/// Takes the built-in files from the page's wording: a JSON array of `[file name, text]` pairs
/// in catalog order, as `render::wording` writes it (names such as `account-compromise.md` or
/// `stress-tests/bus-factor.md`). An error says what could not be read. Only the first call
/// takes effect.
pub fn use_page_wording(json: &str) -> Result<(), String> {
    let pairs: Vec<(String, String)> = serde_json::from_str(json)
        .map_err(|e| format!("the checklists' wording is not a list of files and their text: {e}"))?;
    let mut files: Vec<(&'static str, &'static str)> = Vec::with_capacity(pairs.len());
    for (name, text) in pairs {
        if !name.ends_with(".md") || files.iter().any(|(n, _)| *n == name) {
            return Err(format!(
                "the checklists' wording names `{name}`, which is not a checklist file, or twice"
            ));
        }
        files.push((Box::leak(name.into_boxed_str()), Box::leak(text.into_boxed_str())));
    }
    if files.is_empty() {
        return Err("the checklists' wording holds no file".to_owned());
    }
    let _ = FROM_PAGE.set(Box::leak(files.into_boxed_slice()));
    Ok(())
}

/// Scenarios, parsed or waiting to be, plus the errors of files that could not be parsed.
#[derive(Clone, Debug, Default)]
pub struct Library {
    /// In catalog order.
    entries: Vec<Entry>,
    /// Errors of files parsed at once (extra checklists); built-in files are checked by tests.
    errors: Vec<ParseError>,
}

/// One scenario: its id, and its file parsed on first use.
#[derive(Clone, Debug)]
struct Entry {
    id: String,
    file: (&'static str, &'static str),
    parsed: OnceLock<Result<Arc<Scenario>, ParseError>>,
}

impl Entry {
    fn scenario(&self) -> Result<Arc<Scenario>, ParseError> {
        self.parsed.get_or_init(|| parse_scenario(self.file.0, self.file.1).map(Arc::new)).clone()
    }
}

/// A built-in file's scenario id: its file name without folder and `.md` (a test checks that
/// every built-in file declares that id).
pub fn built_in_id(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.strip_suffix(".md").unwrap_or(base)
}

impl Library {
    /// The built-in library; each file is parsed when first needed.
    pub fn built_in() -> Library {
        let entries = built_in_files()
            .iter()
            .map(|&file| Entry { id: built_in_id(file.0).to_owned(), file, parsed: OnceLock::new() })
            .collect();
        Library { entries, errors: Vec::new() }
    }

    /// Every scenario, in catalog order (parsing any not parsed yet).
    pub fn scenarios(&self) -> Vec<Arc<Scenario>> {
        self.entries.iter().filter_map(|e| e.scenario().ok()).collect()
    }

    /// Every problem found, including in built-in files (parsing any not parsed yet).
    pub fn errors(&self) -> Vec<ParseError> {
        let built_in = self.entries.iter().filter_map(|e| e.scenario().err());
        built_in.chain(self.errors.iter().cloned()).collect()
    }

    /// Whether there is a scenario with this id (without parsing anything).
    pub fn contains(&self, id: &str) -> bool {
        self.entries.iter().any(|e| e.id == id)
    }

    /// The scenario with this id.
    pub fn get(&self, id: &str) -> Option<Arc<Scenario>> {
        self.entries.iter().find(|e| e.id == id).and_then(|e| e.scenario().ok())
    }

    /// Keeps only the scenarios whose id `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.entries.retain(|e| keep(&e.id));
    }

    /// Parses `files` at once and adds them at the end. A file that does not parse, or whose id
    /// another checklist already has, is reported instead; the others still load.
    pub fn add_files<'a>(&mut self, files: impl IntoIterator<Item = (&'a str, &'a str)>) {
        // The files added, by name and id, for the drills' links checked once all are in.
        let mut added: Vec<(String, String)> = Vec::new();
        for (name, text) in files {
            match parse_scenario(name, text) {
                Ok(s) if self.contains(&s.id) => self.errors.push(ParseError {
                    file: name.to_owned(),
                    line: 1,
                    message: format!("the id `{}` is already used by another checklist", s.id),
                }),
                Ok(s) => {
                    added.push((name.to_owned(), s.id.clone()));
                    self.entries.push(Entry {
                        id: s.id.clone(),
                        file: ("", ""),
                        parsed: OnceLock::from(Ok(Arc::new(s))),
                    })
                }
                Err(e) => self.errors.push(e),
            }
        }
        self.drop_broken_drills(&added);
    }

    /// Reports and removes each of the `added` drills that links a checklist, a step, a message
    /// or a stress-test question the library lacks (built-in drills are checked by tests).
    fn drop_broken_drills(&mut self, added: &[(String, String)]) {
        for (name, id) in added {
            let Some(drill) = self.get(id).and_then(|s| s.drill.clone()) else { continue };
            let problems = drill.problems(|id| self.get(id));
            if !problems.is_empty() {
                self.entries.retain(|e| &e.id != id);
                let errors =
                    problems.into_iter().map(|message| ParseError { file: name.clone(), line: 1, message });
                self.errors.extend(errors);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_files_join_the_library_and_a_taken_id_or_a_broken_file_is_reported() {
        let mut library = Library::built_in();
        library.retain(|id| id == "account-compromise");
        let own = BUILT_IN.iter().find(|(name, _)| built_in_id(name) == "account-compromise").unwrap().1;
        let mine = own.replacen("id = \"account-compromise\"", "id = \"our-release-keys\"", 1);
        library.add_files([("extra 1", mine.as_str()), ("extra 2", own), ("extra 3", "no front matter")]);
        let ids: Vec<String> = library.scenarios().iter().map(|s| s.id.clone()).collect();
        assert_eq!(ids, ["account-compromise", "our-release-keys"]);
        let errors: Vec<String> = library.errors().iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(
            errors[0],
            "extra 2, line 1: the id `account-compromise` is already used by another checklist"
        );
        assert!(errors[1].starts_with("extra 3, line 1: "), "{errors:?}");
    }

    #[test]
    fn page_wording_that_is_not_a_list_of_files_is_refused() {
        // The page's wording is taken only once per process: these calls fail before taking it.
        assert!(use_page_wording("not json").unwrap_err().contains("not a list of files"));
        assert!(use_page_wording(r#"{"a.md": "x"}"#).is_err());
        assert!(use_page_wording(r#"[["a.txt", "x"]]"#).unwrap_err().contains("a.txt"));
        assert!(use_page_wording(r#"[["a.md", "x"], ["a.md", "y"]]"#).unwrap_err().contains("a.md"));
        assert!(use_page_wording("[]").unwrap_err().contains("no file"));
        assert_eq!(built_in_files(), BUILT_IN);
    }
}

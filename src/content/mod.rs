//! The built-in checklist library, compiled into the app from `checklists/*.md`.
//!
//! Built-in files are parsed when first needed: opening one checklist parses that file alone,
//! which keeps start-up short; the catalog parses them all.

use std::sync::{Arc, OnceLock};

use crate::model::checklist::Scenario;
use crate::model::parse::{parse_scenario, ParseError};

/// Every built-in checklist file in `checklists/`, by name, with its text (listed by `build.rs`).
pub const BUILT_IN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

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
        let entries = BUILT_IN
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
        for (name, text) in files {
            match parse_scenario(name, text) {
                Ok(s) if self.contains(&s.id) => self.errors.push(ParseError {
                    file: name.to_owned(),
                    line: 1,
                    message: format!("the id `{}` is already used by another checklist", s.id),
                }),
                Ok(s) => self.entries.push(Entry {
                    id: s.id.clone(),
                    file: ("", ""),
                    parsed: OnceLock::from(Ok(Arc::new(s))),
                }),
                Err(e) => self.errors.push(e),
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
}

//! The built-in checklist library, compiled into the app from `checklists/*.md`.

use std::sync::Arc;

use crate::model::checklist::Scenario;
use crate::model::parse::{parse_scenario, ParseError};

/// Every built-in checklist file in `checklists/`, by name, with its text (listed by `build.rs`).
pub const BUILT_IN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

/// Parsed scenarios, plus the errors of files that could not be parsed.
#[derive(Clone, Debug, Default)]
pub struct Library {
    /// Scenarios in catalog order.
    pub scenarios: Vec<Arc<Scenario>>,
    /// One error per file that failed to parse.
    pub errors: Vec<ParseError>,
}

impl Library {
    /// Parses the given files; a broken file is reported and the others still load.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Library {
        let mut library = Library::default();
        for (name, text) in files {
            match parse_scenario(name, text) {
                Ok(s) => library.scenarios.push(Arc::new(s)),
                Err(e) => library.errors.push(e),
            }
        }
        library
    }

    /// The built-in library.
    pub fn built_in() -> Library {
        Library::from_files(BUILT_IN.iter().copied())
    }

    /// The scenario with this id.
    pub fn get(&self, id: &str) -> Option<Arc<Scenario>> {
        self.scenarios.iter().find(|s| s.id == id).cloned()
    }
}

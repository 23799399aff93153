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
//!
//! Translations come the same ways, beside the originals: a file of a language folder
//! (`es/account-compromise.md`) is shown in place of its original when the interface speaks
//! that language ([`Library::get_in`]); a built-in checklist without one shows in the original
//! ([`Library::untranslated`] says so).

use std::sync::{Arc, OnceLock};

use crate::model::checklist::Scenario;
use crate::model::language;
use crate::model::parse::{is_language_tag, parse_scenario, ParseError};

/// A list of files: (file name, text).
type Files = &'static [(&'static str, &'static str)];

/// Every built-in checklist file in `checklists/`, by name, with its text (listed by `build.rs`),
/// compiled in: always on native builds, and in WebAssembly with the `bundled-wording` feature.
#[cfg(any(not(target_arch = "wasm32"), feature = "bundled-wording"))]
pub const BUILT_IN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/built_in.rs"));

/// Every translation in a language folder of `checklists/` (`es/account-compromise.md`,
/// `es/stress-tests/…`), by name, with its text (listed by `build.rs`), compiled in as
/// [`BUILT_IN`] is.
#[cfg(any(not(target_arch = "wasm32"), feature = "bundled-wording"))]
pub const TRANSLATIONS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/translations.rs"));

/// Without the `bundled-wording` feature the module carries no built-in file: the page gives them.
#[cfg(all(target_arch = "wasm32", not(feature = "bundled-wording")))]
pub const BUILT_IN: &[(&str, &str)] = &[];

/// Without the `bundled-wording` feature the page gives the translations too.
#[cfg(all(target_arch = "wasm32", not(feature = "bundled-wording")))]
pub const TRANSLATIONS: &[(&str, &str)] = &[];

/// The built-in files and the translations the page gave, once read (they live as long as the
/// page).
static FROM_PAGE: OnceLock<(Files, Files)> = OnceLock::new();

/// The built-in files: those the page gave, if it gave them, else those compiled in.
pub fn built_in_files() -> Files {
    FROM_PAGE.get().map_or(BUILT_IN, |page| page.0)
}

/// The translations: those the page gave, if it gave them, else those compiled in.
pub fn translation_files() -> Files {
    FROM_PAGE.get().map_or(TRANSLATIONS, |page| page.1)
}

/// What the page carries as its wording, in this order: every built-in file, then every
/// translation (see `render::wording`).
pub fn page_files() -> Vec<(&'static str, &'static str)> {
    BUILT_IN.iter().chain(TRANSLATIONS).copied().collect()
}

/// A translation's language and the name of the original it translates, from its file name:
/// `es/stress-tests/legal-pressure.md` gives `es` and `stress-tests/legal-pressure.md`. `None`
/// for an original's name.
pub fn translated_file(name: &str) -> Option<(&str, &str)> {
    name.split_once('/').filter(|(folder, _)| is_language_tag(folder))
}

/// Takes the built-in files and their translations from the page's wording: a JSON array of
/// `[file name, text]` pairs, as `render::wording` writes it (names such as
/// `account-compromise.md`, `stress-tests/bus-factor.md` or, for a translation,
/// `es/account-compromise.md`). An error says what could not be read. Only the first call takes
/// effect.
pub fn use_page_wording(json: &str) -> Result<(), String> {
    let pairs: Vec<(String, String)> = serde_json::from_str(json)
        .map_err(|e| format!("the checklists' wording is not a list of files and their text: {e}"))?;
    let mut originals: Vec<(&'static str, &'static str)> = Vec::with_capacity(pairs.len());
    let mut translations: Vec<(&'static str, &'static str)> = Vec::new();
    for (name, text) in pairs {
        let taken = originals.iter().chain(&translations).any(|(n, _)| *n == name);
        if !name.ends_with(".md") || taken {
            return Err(format!(
                "the checklists' wording names `{name}`, which is not a checklist file, or twice"
            ));
        }
        let list = if translated_file(&name).is_some() { &mut translations } else { &mut originals };
        list.push((Box::leak(name.into_boxed_str()), Box::leak(text.into_boxed_str())));
    }
    if originals.is_empty() {
        return Err("the checklists' wording holds no file".to_owned());
    }
    let files = (&*Box::leak(originals.into_boxed_slice()), &*Box::leak(translations.into_boxed_slice()));
    let _ = FROM_PAGE.set(files);
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

/// One scenario: its id, its file parsed on first use, and its translations.
#[derive(Clone, Debug)]
struct Entry {
    id: String,
    source: Source,
    /// Whether it is a built-in file (not one of an embedding site's own).
    built_in: bool,
    /// By language tag, like `es`.
    translations: Vec<(&'static str, Source)>,
}

/// A file and its scenario, parsed on first use.
#[derive(Clone, Debug)]
struct Source {
    file: (&'static str, &'static str),
    parsed: OnceLock<Result<Arc<Scenario>, ParseError>>,
}

impl Source {
    fn new(file: (&'static str, &'static str)) -> Source {
        Source { file, parsed: OnceLock::new() }
    }

    fn scenario(&self) -> Result<Arc<Scenario>, ParseError> {
        self.parsed.get_or_init(|| parse_scenario(self.file.0, self.file.1).map(Arc::new)).clone()
    }
}

impl Entry {
    fn scenario(&self) -> Result<Arc<Scenario>, ParseError> {
        self.source.scenario()
    }

    /// Its translation into `lang`, when it has one that parses (the tests check every
    /// built-in translation).
    fn translated(&self, lang: &str) -> Option<Arc<Scenario>> {
        let (_, source) = self.translations.iter().find(|(l, _)| *l == lang)?;
        source.scenario().ok()
    }

    /// It, in `lang` when translated, else in the original.
    fn scenario_in(&self, lang: &str) -> Result<Arc<Scenario>, ParseError> {
        self.translated(lang).map_or_else(|| self.scenario(), Ok)
    }
}

/// A built-in file's scenario id: its file name without folder and `.md` (a test checks that
/// every built-in file declares that id).
pub fn built_in_id(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.strip_suffix(".md").unwrap_or(base)
}

impl Library {
    /// The built-in library with its translations; each file is parsed when first needed.
    pub fn built_in() -> Library {
        let translations = translation_files();
        let entries = built_in_files()
            .iter()
            .map(|&file| Entry {
                id: built_in_id(file.0).to_owned(),
                source: Source::new(file),
                built_in: true,
                translations: translations
                    .iter()
                    .filter_map(|&t| {
                        translated_file(t.0).filter(|(_, of)| *of == file.0).map(|(l, _)| (l, t))
                    })
                    .map(|(lang, t)| (lang, Source::new(t)))
                    .collect(),
            })
            .collect();
        Library { entries, errors: Vec::new() }
    }

    /// Every scenario, in catalog order (parsing any not parsed yet).
    pub fn scenarios(&self) -> Vec<Arc<Scenario>> {
        self.entries.iter().filter_map(|e| e.scenario().ok()).collect()
    }

    /// Every scenario as a reader of `lang` sees it: translated where it has a translation into
    /// `lang`, else the original.
    pub fn scenarios_in(&self, lang: &str) -> Vec<Arc<Scenario>> {
        self.entries.iter().filter_map(|e| e.scenario_in(lang).ok()).collect()
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

    /// The scenario with this id, in its original.
    pub fn get(&self, id: &str) -> Option<Arc<Scenario>> {
        self.entries.iter().find(|e| e.id == id).and_then(|e| e.scenario().ok())
    }

    /// The scenario with this id in `lang` when it has a translation into it, else the original.
    /// Ids, labels and audiences are the same either way (the tests check every translation), so
    /// a record's progress shows the same in any language.
    pub fn get_in(&self, id: &str, lang: &str) -> Option<Arc<Scenario>> {
        self.entries.iter().find(|e| e.id == id).and_then(|e| e.scenario_in(lang).ok())
    }

    /// Whether the built-in scenario with this id shows in its original (English) to a reader
    /// of `lang`, for want of a translation. An embedding site's own checklists are in the
    /// site's language, never "untranslated".
    pub fn untranslated(&self, id: &str, lang: &str) -> bool {
        lang != language::DEFAULT
            && self.entries.iter().any(|e| e.id == id && e.built_in && e.translated(lang).is_none())
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
                        source: Source { file: ("", ""), parsed: OnceLock::from(Ok(Arc::new(s))) },
                        built_in: false,
                        translations: Vec::new(),
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
        assert!(use_page_wording(r#"[["es/a.md", "x"]]"#).unwrap_err().contains("no file"));
        assert_eq!(built_in_files(), BUILT_IN);
        assert_eq!(translation_files(), TRANSLATIONS);
    }

    #[test]
    fn a_translation_shows_in_its_language_and_the_original_elsewhere() {
        let library = Library::built_in();
        let id = "account-compromise";
        let original = library.get(id).unwrap();
        let spanish = library.get_in(id, "es").unwrap();
        assert_eq!(spanish.translation.as_ref().map(|t| t.lang.as_str()), Some("es"));
        assert_ne!(spanish.title, original.title);
        assert_eq!(
            spanish.items().map(|i| &i.id).collect::<Vec<_>>(),
            original.items().map(|i| &i.id).collect::<Vec<_>>()
        );
        assert_eq!(library.get_in(id, "de").unwrap().title, original.title);
        assert_eq!(library.get_in(id, "en").unwrap().title, original.title);
        assert!(!library.untranslated(id, "es"));
        assert!(library.untranslated(id, "de"));
        assert!(!library.untranslated(id, "en"));
        let in_spanish = library.scenarios_in("es");
        assert_eq!(in_spanish.len(), library.scenarios().len());
        assert!(in_spanish.iter().any(|s| s.title == spanish.title));
    }

    #[test]
    fn a_translation_s_file_name_gives_its_language_and_its_original() {
        assert_eq!(translated_file("es/account-compromise.md"), Some(("es", "account-compromise.md")));
        assert_eq!(translated_file("pt-BR/stress-tests/x.md"), Some(("pt-BR", "stress-tests/x.md")));
        assert_eq!(translated_file("stress-tests/x.md"), None);
        assert_eq!(translated_file("drills/x-drill.md"), None);
        assert_eq!(translated_file("account-compromise.md"), None);
        for (name, _) in TRANSLATIONS {
            let (_, original) =
                translated_file(name).unwrap_or_else(|| panic!("{name} is in no language folder"));
            assert!(BUILT_IN.iter().any(|(n, _)| *n == original), "{name} translates no built-in file");
        }
        assert!(TRANSLATIONS.len() >= 34, "the Spanish translations are listed");
    }

    #[test]
    fn an_embedding_site_s_own_checklist_is_never_untranslated() {
        let mut library = Library::built_in();
        let own = BUILT_IN.iter().find(|(name, _)| built_in_id(name) == "account-compromise").unwrap().1;
        library
            .add_files([("ours", own.replacen("id = \"account-compromise\"", "id = \"ours\"", 1).as_str())]);
        assert!(!library.untranslated("ours", "de"));
        assert_eq!(library.get_in("ours", "es").unwrap().id, "ours");
    }
}

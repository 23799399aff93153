//! The interface's words in `locales/*.json` against English (`en.json`): every language has
//! the same keys, each value the same `{{ name }}` placeholders, and a TLP label is only ever
//! written as FIRST writes it (TLP 2.0: the labels are never translated). Each check is tried
//! on small wrong examples too, so that it can fail.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crisis_comms::model::assess::Answer;
use crisis_comms::model::audience::Audience;
use crisis_comms::model::checklist::Shape;
use crisis_comms::model::debrief::PointKind;
use crisis_comms::model::decide::Channel;
use crisis_comms::model::language::LANGUAGES;
use crisis_comms::model::timeline::How;
use crisis_comms::model::tlp::Tlp;
use serde_json::Value;

// ---- the checks -------------------------------------------------------------------------------

/// Every string of a locale file by its dotted key (`catalog.title`); a value that is neither a
/// string nor an object is reported as an error.
fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>, errors: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
        }
        Value::Object(members) => {
            for (key, v) in members {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&path, v, out, errors);
            }
        }
        _ => errors.push(format!("{prefix}: only text and groups of keys are expected")),
    }
}

/// The names of the `{{ name }}` placeholders in `text`.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        names.insert(after[..end].trim().to_owned());
        rest = &after[end + 2..];
    }
    names
}

/// The words for the labels' colours, in English and the languages the interface speaks, in
/// lower case: a colour written after "TLP" makes a label, which must then be FIRST's.
const COLOURS: &[&str] = &[
    "clear",
    "white",
    "green",
    "amber",
    "red", // English, and TLP 1.0's WHITE
    "claro",
    "blanco",
    "verde",
    "ámbar",
    "rojo", // Spanish
    "klar",
    "weiß",
    "weiss",
    "grün",
    "gruen",
    "gelb",
    "bernstein",
    "rot", // German
    "clair",
    "blanc",
    "vert",
    "ambre",
    "orange",
    "rouge", // French
];

/// The TLP labels in `text` that are not written as FIRST writes them: "TLP", then a
/// separator, then a colour word (with a `+` part, as in AMBER+STRICT), in any case and
/// language, must be one of the five labels exactly. "TLP" followed by something else (the
/// protocol's name, "TLP 2.0") is not a label.
fn misspelt_labels(text: &str) -> Vec<String> {
    let canonical: Vec<&str> = Tlp::ALL.iter().map(|t| t.as_str()).collect();
    let mut wrong = Vec::new();
    let starts = text
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| text.get(i..i + 3).is_some_and(|s| s.eq_ignore_ascii_case("tlp")));
    for at in starts {
        let rest = &text[at + 3..];
        let gap: usize = rest
            .char_indices()
            .take_while(|(_, c)| c.is_whitespace() || matches!(c, ':' | '-' | '：'))
            .map(|(_, c)| c.len_utf8())
            .sum();
        let word = &rest[gap..];
        let colour_len: usize = word.chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum();
        if colour_len == 0 || !COLOURS.contains(&word[..colour_len].to_lowercase().as_str()) {
            continue;
        }
        let mut end = colour_len;
        if word[end..].starts_with('+') {
            end += 1 + word[end + 1..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum::<usize>();
        }
        let label = &text[at..at + 3 + gap + end];
        if !canonical.contains(&label) {
            wrong.push(label.to_owned());
        }
    }
    wrong
}

/// What is wrong with `lang`'s words (`theirs`) against English's (`english`).
fn problems(
    lang: &str,
    english: &BTreeMap<String, String>,
    theirs: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut found = Vec::new();
    for key in english.keys().filter(|k| !theirs.contains_key(*k)) {
        found.push(format!("{lang}: `{key}` is missing (English has it)"));
    }
    for key in theirs.keys().filter(|k| !english.contains_key(*k)) {
        found.push(format!("{lang}: `{key}` is not in English"));
    }
    for (key, text) in theirs {
        if let Some(original) = english.get(key) {
            let (want, have) = (placeholders(original), placeholders(text));
            if want != have {
                found.push(format!("{lang}: `{key}` has placeholders {have:?}, English has {want:?}"));
            }
        }
        for label in misspelt_labels(text) {
            found.push(format!(
                "{lang}: `{key}` writes the label `{label}`; TLP labels are never translated: write one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED"
            ));
        }
    }
    found
}

/// A locale file's words by dotted key.
fn read_locale(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    let (mut out, mut errors) = (BTreeMap::new(), Vec::new());
    flatten("", &value, &mut out, &mut errors);
    assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    out
}

fn locales_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

// ---- the files --------------------------------------------------------------------------------

#[test]
fn every_language_has_english_s_keys_and_placeholders_and_first_s_labels() {
    let dir = locales_dir();
    let english = read_locale(&dir.join("en.json"));
    assert!(english.len() > 20, "the English words are found: {english:?}");
    let mut all = problems("en", &english, &english);
    let mut seen = Vec::new();
    for entry in fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(lang) = name.strip_suffix(".json") else { continue };
        seen.push(lang.to_owned());
        if lang != "en" {
            all.extend(problems(lang, &english, &read_locale(&entry.path())));
        }
    }
    assert!(all.is_empty(), "{all:#?}");
    seen.sort();
    let mut spoken: Vec<String> = LANGUAGES.iter().map(|(code, _)| (*code).to_owned()).collect();
    spoken.sort();
    assert_eq!(seen, spoken, "locales/ holds one file for each language the interface offers");
}

#[test]
fn the_labels_page_s_english_rules_are_the_label_lines_of_copies() {
    // Copied messages, exports and printed copies carry the model's English rule beside the
    // label; the labels page says the same in English.
    let english = read_locale(&locales_dir().join("en.json"));
    for t in Tlp::ALL {
        let slug = t.slug().replace('-', "_");
        for (key, words) in [
            (format!("labels.recipient_{slug}"), t.recipient_rule()),
            (format!("labels.audience_{slug}"), t.audience_summary()),
        ] {
            assert_eq!(english.get(&key).map(String::as_str), Some(words), "`{key}` in en.json");
        }
    }
}

/// The English interface names each word of the model's fixed vocabularies as the model's own
/// titles do (the Markdown exports and the static page use those), one key per variant: the
/// variant's key with `_` for `-`.
#[test]
fn the_app_s_english_names_the_model_s_vocabularies_as_the_model_does() {
    let english = read_locale(&locales_dir().join("en.json"));
    let mut expected: Vec<(String, &str)> = Vec::new();
    let mut add = |group: &str, key: &str, title: &'static str| {
        expected.push((format!("{group}.{}", key.replace('-', "_")), title));
    };
    Audience::ALL.iter().for_each(|a| add("audience", a.key(), a.title()));
    Answer::ALL.iter().for_each(|a| add("answer", a.key(), a.title()));
    Shape::ALL.iter().for_each(|s| add("shape", s.key(), s.title()));
    [How::Copied].iter().chain(&How::MANUAL).for_each(|h| add("how", h.key(), h.title()));
    Channel::ALL.iter().for_each(|c| add("channel", c.key(), c.title()));
    PointKind::ALL.iter().for_each(|k| add("point", k.key(), k.title()));
    for (key, title) in expected {
        assert_eq!(english.get(&key).map(String::as_str), Some(title), "`{key}` in en.json");
    }
}

// ---- each check refuses what it is there to refuse ---------------------------------------------

fn words_of(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn a_missing_or_extra_key_is_found() {
    let english = words_of(&[("a.one", "One"), ("a.two", "Two")]);
    let theirs = words_of(&[("a.one", "Uno"), ("a.three", "Tres")]);
    let found = problems("es", &english, &theirs);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("`a.two` is missing"), "{found:?}");
    assert!(found[1].contains("`a.three` is not in English"), "{found:?}");
}

#[test]
fn different_placeholders_are_found() {
    let english = words_of(&[("n", "{{ done }} of {{ total }}")]);
    assert!(problems("de", &english, &words_of(&[("n", "{{done}} von {{ total }}")])).is_empty());
    let renamed = problems("de", &english, &words_of(&[("n", "{{ erledigt }} von {{ total }}")]));
    assert_eq!(renamed.len(), 1, "{renamed:?}");
    let dropped = problems("de", &english, &words_of(&[("n", "von {{ total }}")]));
    assert_eq!(dropped.len(), 1, "{dropped:?}");
}

#[test]
fn a_label_in_another_form_than_first_s_is_found() {
    for wrong in
        ["TLP: ROJO", "TLP:Amber", "TLP:ROT", "tlp:red", "TLP:AMBER+ESTRICTO", "TLP : RED", "TLP:BLANC"]
    {
        let text = format!("Marquez-le {wrong} avant de l'envoyer.");
        assert_eq!(misspelt_labels(&text), [wrong], "{text}");
    }
    let right =
        "TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT and TLP:RED, as TLP 2.0 writes them; ámbar.";
    assert!(misspelt_labels(right).is_empty());
    assert!(misspelt_labels("Die TLP-Labels erklärt").is_empty(), "TLP before a word that is no colour");
    let found = problems("fr", &words_of(&[("k", "x")]), &words_of(&[("k", "Envoyez-le en TLP:ROUGE.")]));
    assert_eq!(found.len(), 1, "{found:?}");
}

/// A printed page's number reads in the interface's language: the standalone page's style sheet
/// names a page for every language but English, whose number is the default rule's.
#[test]
fn every_language_has_its_printed_page_number() {
    let css = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("style/page.css")).unwrap();
    assert!(
        css.contains(r#"content: "Page " counter(page) " of " counter(pages)"#),
        "English is the default"
    );
    let named = |lang: &str| {
        css.contains(&format!(".crisis-comms:lang({lang}) {{ page: cc-{lang}; }}"))
            && css.contains(&format!("@page cc-{lang} {{ @bottom-center {{ content: \""))
    };
    assert!(!named("pt"), "the check can fail");
    for (lang, _) in LANGUAGES.iter().filter(|(lang, _)| *lang != "en") {
        assert!(named(lang), "style/page.css has no numbered page for {lang}");
    }
}

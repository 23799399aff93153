//! Translated checklists against their originals. A translation is a file with the same name as
//! its original in a folder named after its language: `checklists/es/account-compromise.md`
//! translates `checklists/account-compromise.md`, and `checklists/es/stress-tests/…` and
//! `checklists/es/drills/…` translate `checklists/stress-tests/…` and `checklists/drills/…` (see
//! "Adding a language" in `checklists/README.md`).
//!
//! Words are translated; what the app and people rely on is not: the ids (saved progress is
//! filed under them), the audiences, the TLP labels, the placeholder names, a drill's clock and
//! links, and the exact original, recorded by its sha256 so that a change to the original is
//! never missed.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crisis_comms::content::BUILT_IN;
use crisis_comms::model::audience::Audience;
use crisis_comms::model::checklist::{Item, Scenario, Template};
use crisis_comms::model::drill::{DebriefQuestion, Drill};
use crisis_comms::model::parse::{is_language_tag, parse_scenario, placeholder_names};
use crisis_comms::model::tlp::Tlp;
use sha2::{Digest, Sha256};

// ---- the checks -------------------------------------------------------------------------------

/// The sha256 of `bytes` as 64 lower-case hexadecimal digits, as `sha256sum` prints it.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// One translation file to check: where it is and what it holds, and its original's.
struct Pair<'a> {
    /// The translation's path from the repository root, like `checklists/es/x.md`.
    name: &'a str,
    /// The language folder it is in.
    lang: &'a str,
    text: &'a str,
    /// The original's path from the repository root.
    original_name: &'a str,
    /// The original's bytes, or `None` when there is no such file.
    original: Option<&'a [u8]>,
}

fn keys(audience: &[Audience]) -> String {
    audience.iter().map(|a| a.key()).collect::<Vec<_>>().join(", ")
}

/// The ids of `list`, in order.
fn ids<T>(list: &[T], id: impl Fn(&T) -> &String) -> Vec<&str> {
    list.iter().map(|x| id(x).as_str()).collect()
}

fn listed(ids: &[&str]) -> String {
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.join(", ")
    }
}

/// The placeholder names a template uses, in its subject, its sharing line and its text.
fn used_placeholders(t: &Template) -> Vec<String> {
    let names = [&t.subject, &t.sharing, &t.body].into_iter().flat_map(|s| placeholder_names(s));
    let set: BTreeSet<&str> = names.collect();
    set.into_iter().map(|n| format!("{{{n}}}")).collect()
}

/// Compares two lists of ids (sections, the steps of one section, templates): each id missing
/// from the translation, each id the original lacks, or else a different order. `place` starts
/// each message: the file, and the section for steps.
fn compare_ids(problems: &mut Vec<String>, place: &str, what: &str, original: &[&str], translated: &[&str]) {
    if original == translated {
        return;
    }
    let before = problems.len();
    for id in original.iter().filter(|id| !translated.contains(id)) {
        problems.push(format!("{place}: {what} `{id}` of the original is missing"));
    }
    for id in translated.iter().filter(|id| !original.contains(id)) {
        problems.push(format!("{place}: {what} `{id}` is not in the original"));
    }
    if problems.len() == before {
        problems.push(format!(
            "{place}: the {what}s are not in the original's order: the original has {}; this file has {}",
            listed(original),
            listed(translated)
        ));
    }
}

/// Every way a step of the translation differs from the same step of the original, other than
/// its words.
fn compare_item(problems: &mut Vec<String>, name: &str, original: &Item, translated: &Item) {
    let id = &original.id;
    let what =
        if original.kind == crisis_comms::model::checklist::ItemKind::Question { "question" } else { "step" };
    if original.label != translated.label {
        problems.push(format!(
            "{name}: {what} `{id}`: the label is {} here but {} in the original",
            translated.label.as_str(),
            original.label.as_str()
        ));
    }
    if original.audience != translated.audience {
        problems.push(format!(
            "{name}: {what} `{id}`: the audience is `{}` here but `{}` in the original",
            keys(&translated.audience),
            keys(&original.audience)
        ));
    }
    if original.kind != translated.kind {
        problems.push(format!(
            "{name}: {what} `{id}`: the kind is {:?} here but {:?} in the original",
            translated.kind, original.kind
        ));
    }
    if original.applies_to != translated.applies_to {
        let shapes = |item: &Item| item.applies_to.iter().map(|s| s.key()).collect::<Vec<_>>().join(", ");
        problems.push(format!(
            "{name}: {what} `{id}`: applies-to is `{}` here but `{}` in the original",
            shapes(translated),
            shapes(original)
        ));
    }
}

fn compare_template(problems: &mut Vec<String>, name: &str, original: &Template, translated: &Template) {
    let id = &original.id;
    if original.label != translated.label {
        problems.push(format!(
            "{name}: template `{id}`: the label is {} here but {} in the original",
            translated.label.as_str(),
            original.label.as_str()
        ));
    }
    if original.audience != translated.audience {
        problems.push(format!(
            "{name}: template `{id}`: the audience is `{}` here but `{}` in the original",
            keys(&translated.audience),
            keys(&original.audience)
        ));
    }
    let (used, used_there) = (used_placeholders(translated), used_placeholders(original));
    if used != used_there {
        problems.push(format!(
            "{name}: template `{id}`: it uses the placeholders {} but the original uses {}: keep the \
             names in braces as they are and translate the words around them",
            listed(&used.iter().map(String::as_str).collect::<Vec<_>>()),
            listed(&used_there.iter().map(String::as_str).collect::<Vec<_>>())
        ));
    }
}

/// Every `TLP:` mark in the file's text that is not a label as FIRST writes it, and that the
/// original does not have either: labels are never translated.
fn translated_labels(problems: &mut Vec<String>, name: &str, text: &str, original: &str) {
    let marks = |text: &str| -> Vec<(usize, String)> {
        let mut found = Vec::new();
        for (n, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices("TLP:") {
                let rest = &line[at + 4..];
                let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '+')).unwrap_or(rest.len());
                found.push((n + 1, format!("TLP:{}", &rest[..end])));
            }
        }
        found
    };
    let in_original: BTreeSet<String> = marks(original).into_iter().map(|(_, m)| m).collect();
    for (line, mark) in marks(text) {
        let exact = Tlp::ALL.iter().any(|l| l.as_str() == mark);
        if !exact && !in_original.contains(&mark) {
            problems.push(format!(
                "{name}, line {line}: `{mark}` is not a TLP label as FIRST writes it: labels are never \
                 translated (TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR)"
            ));
        }
    }
}

/// Everything wrong with one translation, each a plain sentence naming the file, and the id or
/// line where there is one. Empty when the translation is sound.
fn problems(pair: &Pair) -> Vec<String> {
    let name = pair.name;
    let Some(original_bytes) = pair.original else {
        return vec![format!(
            "{name}: there is no original {}: a translation has the same file name as its original, \
             in a folder named after its language",
            pair.original_name
        )];
    };
    let original_text = String::from_utf8_lossy(original_bytes);
    let original = match parse_scenario(pair.original_name, &original_text) {
        Ok(s) => s,
        Err(e) => return vec![format!("{name}: its original does not parse: {e}")],
    };
    let translated = match parse_scenario(name, pair.text) {
        Ok(s) => s,
        Err(e) => return vec![e.to_string()],
    };
    let mut problems = Vec::new();
    match &translated.translation {
        None => problems.push(format!(
            "{name}: the front matter lacks `lang = \"{}\"` and `source-sha256`: a translation says its \
             language and records the sha256 of its original",
            pair.lang
        )),
        Some(t) => {
            if t.lang != pair.lang {
                problems.push(format!(
                    "{name}: `lang` is \"{}\" but the file is in the folder for \"{}\"",
                    t.lang, pair.lang
                ));
            }
            let now = sha256_hex(original_bytes);
            if t.source_sha256 != now {
                problems.push(format!(
                    "{name}: the original changed after this translation: review the changes, then update \
                     source-sha256 (the original's sha256 is now {now})"
                ));
            }
        }
    }
    compare_scenarios(&mut problems, name, &original, &translated);
    translated_labels(&mut problems, name, pair.text, &original_text);
    problems
}

/// What must stay identical between an original and its translation, past the front matter keys
/// of the translation itself.
fn compare_scenarios(problems: &mut Vec<String>, name: &str, original: &Scenario, translated: &Scenario) {
    if original.id != translated.id {
        problems.push(format!(
            "{name}: the id is `{}` here but `{}` in the original",
            translated.id, original.id
        ));
    }
    if original.kind != translated.kind {
        problems.push(format!(
            "{name}: the kind is {:?} here but {:?} in the original",
            translated.kind, original.kind
        ));
    }
    if original.label != translated.label {
        problems.push(format!(
            "{name}: the checklist's label is {} here but {} in the original",
            translated.label.as_str(),
            original.label.as_str()
        ));
    }
    for (key, here, there) in
        [("tags", &translated.tags, &original.tags), ("related", &translated.related, &original.related)]
    {
        if here != there {
            problems.push(format!(
                "{name}: `{key}` is [{}] here but [{}] in the original: these words are kept as they are",
                here.join(", "),
                there.join(", ")
            ));
        }
    }
    let declared = |s: &Scenario| s.placeholders.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    let (here, there) = (declared(translated), declared(original));
    if here != there {
        problems.push(format!(
            "{name}: the declared placeholders are {} here but {} in the original: keep each `name` as it \
             is and translate its description and example",
            listed(&here.iter().map(String::as_str).collect::<Vec<_>>()),
            listed(&there.iter().map(String::as_str).collect::<Vec<_>>())
        ));
    }

    compare_ids(
        problems,
        name,
        "section",
        &ids(&original.sections, |x| &x.id),
        &ids(&translated.sections, |x| &x.id),
    );
    for section in &original.sections {
        let Some(there) = translated.sections.iter().find(|x| x.id == section.id) else { continue };
        let place = format!("{name}: section `{}`", section.id);
        compare_ids(problems, &place, "step", &ids(&section.items, |x| &x.id), &ids(&there.items, |x| &x.id));
    }
    let original_items: Vec<&Item> = original.items().collect();
    for item in translated.items() {
        if let Some(o) = original_items.iter().find(|o| o.id == item.id) {
            compare_item(problems, name, o, item);
        }
    }
    compare_ids(
        problems,
        name,
        "template",
        &ids(&original.templates, |x| &x.id),
        &ids(&translated.templates, |x| &x.id),
    );
    for t in &translated.templates {
        if let Some(o) = original.template(&t.id) {
            compare_template(problems, name, o, t);
        }
    }
    if let (Some(o), Some(t)) = (&original.drill, &translated.drill) {
        compare_drills(problems, name, o, t);
    }
}

/// A minute as a message says it: the number, or "not set" when an inject has no `quick-at`.
fn minute(at: Option<u32>) -> String {
    at.map_or_else(|| "not set".to_owned(), |m| m.to_string())
}

/// What must stay identical between a drill and its translation: the checklist it rehearses, its
/// two lengths, the ids of its roles, sections, injects and debrief questions in order, and what
/// each inject and question links (the drill's record and its links to steps rely on them).
fn compare_drills(problems: &mut Vec<String>, name: &str, original: &Drill, translated: &Drill) {
    if original.scenario != translated.scenario {
        problems.push(format!(
            "{name}: the drill rehearses `{}` here but `{}` in the original",
            translated.scenario, original.scenario
        ));
    }
    for (key, here, there) in [
        ("minutes", translated.minutes, original.minutes),
        ("quick-minutes", translated.quick_minutes, original.quick_minutes),
    ] {
        if here != there {
            problems.push(format!("{name}: `{key}` is {here} here but {there} in the original"));
        }
    }
    compare_ids(problems, name, "role", &ids(&original.roles, |x| &x.id), &ids(&translated.roles, |x| &x.id));
    compare_ids(
        problems,
        name,
        "section",
        &ids(&original.phases, |x| &x.id),
        &ids(&translated.phases, |x| &x.id),
    );
    for phase in &original.phases {
        let Some(there) = translated.phases.iter().find(|x| x.id == phase.id) else { continue };
        let place = format!("{name}: section `{}`", phase.id);
        compare_ids(
            problems,
            &place,
            "inject",
            &ids(&phase.injects, |x| &x.id),
            &ids(&there.injects, |x| &x.id),
        );
    }
    let original_injects: Vec<_> = original.injects().collect();
    for inject in translated.injects() {
        let Some(o) = original_injects.iter().find(|o| o.id == inject.id) else { continue };
        let id = &o.id;
        if o.at != inject.at {
            problems.push(format!(
                "{name}: inject `{id}`: `at` is {} here but {} in the original",
                inject.at, o.at
            ));
        }
        if o.quick_at != inject.quick_at {
            problems.push(format!(
                "{name}: inject `{id}`: `quick-at` is {} here but {} in the original",
                minute(inject.quick_at),
                minute(o.quick_at)
            ));
        }
        for (what, here, there) in
            [("steps", &inject.steps, &o.steps), ("templates", &inject.templates, &o.templates)]
        {
            if here != there {
                problems.push(format!(
                    "{name}: inject `{id}`: it links the {what} {} here but {} in the original",
                    listed(&here.iter().map(String::as_str).collect::<Vec<_>>()),
                    listed(&there.iter().map(String::as_str).collect::<Vec<_>>())
                ));
            }
        }
    }
    compare_ids(
        problems,
        name,
        "debrief question",
        &ids(&original.debrief, |x| &x.id),
        &ids(&translated.debrief, |x| &x.id),
    );
    for q in &translated.debrief {
        let Some(o) = original.debrief.iter().find(|o| o.id == q.id) else { continue };
        let links = |q: &DebriefQuestion| q.stress.iter().map(|l| l.key()).collect::<Vec<_>>().join(", ");
        if o.stress != q.stress {
            let (here, there) = (links(q), links(o));
            problems.push(format!(
                "{name}: debrief question `{}`: it links the stress-test questions {} here but {} in the \
                 original",
                o.id,
                if here.is_empty() { "none" } else { &here },
                if there.is_empty() { "none" } else { &there }
            ));
        }
    }
}

// ---- the translations in this repository -----------------------------------------------------

fn checklists() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists")
}

/// Every `.md` file under `dir`, as paths relative to `dir` with `/`, sorted.
fn markdown_under(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.map(|e| e.expect("a readable folder entry")) {
            let file = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{file}/"), out);
            } else if file.ends_with(".md") && file != "README.md" {
                out.push(format!("{prefix}{file}"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}

/// The language folders in `checklists/`, sorted.
fn languages() -> Vec<String> {
    let mut langs: Vec<String> = fs::read_dir(checklists())
        .expect("the checklists folder")
        .map(|e| e.expect("a readable folder entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // A folder named by a language tag (`es`, `pt-BR`, `es-419`), as the parser accepts in
        // `lang`; other folders (`stress-tests`, `drills`) hold originals.
        .filter(|name| is_language_tag(name))
        .collect();
    langs.sort();
    langs
}

#[test]
fn every_translation_keeps_what_its_original_fixes_and_records_the_original_it_translates() {
    let root = checklists();
    let mut checked = 0;
    let mut all = Vec::new();
    for lang in languages() {
        for rel in markdown_under(&root.join(&lang)) {
            let name = format!("checklists/{lang}/{rel}");
            let text = fs::read_to_string(root.join(&lang).join(&rel))
                .unwrap_or_else(|e| panic!("{name}: cannot be read as UTF-8 text: {e}"));
            let original = fs::read(root.join(&rel)).ok();
            let pair = Pair {
                name: &name,
                lang: &lang,
                text: &text,
                original_name: &format!("checklists/{rel}"),
                original: original.as_deref(),
            };
            all.extend(problems(&pair));
            checked += 1;
        }
    }
    assert!(checked > 0, "no translation was found under checklists/<language>/");
    assert!(all.is_empty(), "{} problem(s) in translations:\n{}", all.len(), all.join("\n"));
}

#[test]
fn translations_are_not_built_in_checklists() {
    let langs = languages();
    assert!(langs.contains(&"es".to_owned()), "the Spanish folder is found: {langs:?}");
    // Every built-in file is an original, not something under a language folder (so none of
    // the folders found above).
    for (name, _) in BUILT_IN {
        let top = name.split('/').next().unwrap_or_default();
        assert!(!name.contains('/') || !is_language_tag(top), "{name} is under a language folder");
    }
}

#[test]
fn only_language_tags_are_language_folders() {
    for lang in ["es", "de", "fr", "pt-BR", "es-419", "ast"] {
        assert!(is_language_tag(lang), "{lang}");
    }
    for other in ["stress-tests", "drills", "ES", "pt-br", "e", "es-", "es-ES-x", "spanish"] {
        assert!(!is_language_tag(other), "{other}");
    }
}

// ---- each check, on small examples ------------------------------------------------------------

const ORIGINAL: &str = r#"+++
id = "example"
title = "An example"
summary = "Something happened."
version = 2
label = "TLP:AMBER"
tags = ["security"]
related = ["other"]

[[placeholders]]
name = "project"
description = "The project's name"

[[placeholders]]
name = "contact"
description = "Where to reach us"
+++

## First hour {#first-hour}

### Call the owner {#call-owner}
- audience: responders, maintainers
- label: TLP:RED

Use a number you already had. Keep it TLP:RED.

### Tell the team {#tell-team}
- audience: maintainers
- label: TLP:AMBER+STRICT

## Later {#later}

### Post the facts {#post-facts}
- audience: public
- label: TLP:CLEAR

## Message templates {#templates}

### Holding statement {#holding}
- label: TLP:CLEAR
- audience: public
- subject: About {project}

```text
We are looking into a problem with {project}. Questions: {contact}.
```

### Note to the team {#team-note}
- label: TLP:AMBER+STRICT
- audience: maintainers

```text
Please wait before you post about {project}.
```
"#;

/// The Spanish translation of `ORIGINAL`, with the original's current sha256.
fn spanish() -> String {
    format!(
        r#"+++
id = "example"
title = "Un ejemplo"
summary = "Algo ha pasado."
version = 2
label = "TLP:AMBER"
tags = ["security"]
related = ["other"]
lang = "es"
source-sha256 = "{}"

[[placeholders]]
name = "project"
description = "El nombre del proyecto"

[[placeholders]]
name = "contact"
description = "Dónde contactarnos"
+++

## Primera hora {{#first-hour}}

### Llama a la persona titular {{#call-owner}}
- audience: responders, maintainers
- label: TLP:RED

Usa un número que ya tenías. Mantenlo en TLP:RED.

### Avisa al equipo {{#tell-team}}
- audience: maintainers
- label: TLP:AMBER+STRICT

## Después {{#later}}

### Publica los hechos {{#post-facts}}
- audience: public
- label: TLP:CLEAR

## Plantillas de mensajes {{#templates}}

### Declaración inicial {{#holding}}
- label: TLP:CLEAR
- audience: public
- subject: Sobre {{project}}

```text
Estamos revisando un problema con {{project}}. Preguntas: {{contact}}.
```

### Nota al equipo {{#team-note}}
- label: TLP:AMBER+STRICT
- audience: maintainers

```text
Espera antes de publicar nada sobre {{project}}.
```
"#,
        sha256_hex(ORIGINAL.as_bytes())
    )
}

/// The problems of `text` as the Spanish translation of `ORIGINAL`.
fn problems_of(text: &str) -> Vec<String> {
    problems(&Pair {
        name: "checklists/es/example.md",
        lang: "es",
        text,
        original_name: "checklists/example.md",
        original: Some(ORIGINAL.as_bytes()),
    })
}

/// `spanish()` with `from` replaced by `to`, which must be there.
fn changed(from: &str, to: &str) -> String {
    let text = spanish();
    assert!(text.contains(from), "the example has {from:?}");
    text.replacen(from, to, 1)
}

const FILE: &str = "checklists/es/example.md";

#[test]
fn a_faithful_translation_has_no_problem() {
    assert_eq!(problems_of(&spanish()), Vec::<String>::new());
    let s = parse_scenario(FILE, &spanish()).expect("parses");
    let t = s.translation.expect("a translation");
    assert_eq!(t.lang, "es");
    assert_eq!(t.source_sha256, sha256_hex(ORIGINAL.as_bytes()));
    assert_eq!(parse_scenario("x.md", ORIGINAL).expect("parses").translation, None);
}

#[test]
fn a_missing_original_is_named() {
    let pair = Pair {
        name: "checklists/es/gone.md",
        lang: "es",
        text: &spanish(),
        original_name: "checklists/gone.md",
        original: None,
    };
    assert_eq!(
        problems(&pair),
        ["checklists/es/gone.md: there is no original checklists/gone.md: a translation has the same file \
          name as its original, in a folder named after its language"]
    );
}

#[test]
fn a_changed_original_asks_for_a_review() {
    let edited = ORIGINAL.replace("Use a number you already had.", "Use a number you knew.");
    let pair = Pair {
        name: FILE,
        lang: "es",
        text: &spanish(),
        original_name: "checklists/example.md",
        original: Some(edited.as_bytes()),
    };
    assert_eq!(
        problems(&pair),
        [format!(
            "{FILE}: the original changed after this translation: review the changes, then update \
             source-sha256 (the original's sha256 is now {})",
            sha256_hex(edited.as_bytes())
        )]
    );
}

#[test]
fn the_language_and_the_hash_must_be_recorded() {
    let sha = sha256_hex(ORIGINAL.as_bytes());
    let without = changed(&format!("lang = \"es\"\nsource-sha256 = \"{sha}\"\n"), "");
    assert_eq!(
        problems_of(&without),
        [format!(
            "{FILE}: the front matter lacks `lang = \"es\"` and `source-sha256`: a translation says its \
             language and records the sha256 of its original"
        )]
    );
    assert_eq!(
        problems_of(&changed("lang = \"es\"", "lang = \"fr\"")),
        [format!("{FILE}: `lang` is \"fr\" but the file is in the folder for \"es\"")]
    );
}

#[test]
fn section_ids_must_be_the_same_and_in_the_same_order() {
    assert_eq!(
        problems_of(&changed("{#later}", "{#despues}")),
        [
            format!("{FILE}: section `later` of the original is missing"),
            format!("{FILE}: section `despues` is not in the original"),
        ]
    );
    // The section `later` moved before `first-hour`.
    let text = spanish();
    let (first, later, templates) = (
        text.find("## Primera hora").expect("there"),
        text.find("## Después").expect("there"),
        text.find("## Plantillas").expect("there"),
    );
    let moved =
        format!("{}{}{}{}", &text[..first], &text[later..templates], &text[first..later], &text[templates..]);
    assert_eq!(
        problems_of(&moved),
        [format!(
            "{FILE}: the sections are not in the original's order: the original has first-hour, later; \
             this file has later, first-hour"
        )]
    );
}

#[test]
fn step_ids_must_be_the_same_in_each_section_and_in_the_same_order() {
    assert_eq!(
        problems_of(&changed("{#tell-team}", "{#avisa-equipo}")),
        [
            format!("{FILE}: section `first-hour`: step `tell-team` of the original is missing"),
            format!("{FILE}: section `first-hour`: step `avisa-equipo` is not in the original"),
        ]
    );
    let swapped = changed("### Llama a la persona titular {#call-owner}", "### Avisa al equipo {#tell-team}")
        .replacen(
            "### Avisa al equipo {#tell-team}\n- audience: maintainers",
            "### Llama {#call-owner}\n- audience: maintainers",
            1,
        );
    // The two steps swapped their ids, so each now carries the other's audience and label.
    assert_eq!(
        problems_of(&swapped),
        [
            format!(
                "{FILE}: section `first-hour`: the steps are not in the original's order: the \
                 original has call-owner, tell-team; this file has tell-team, call-owner"
            ),
            format!(
                "{FILE}: step `tell-team`: the label is TLP:RED here but TLP:AMBER+STRICT in the original"
            ),
            format!(
                "{FILE}: step `tell-team`: the audience is `responders, maintainers` here but `maintainers` \
                 in the original"
            ),
            format!(
                "{FILE}: step `call-owner`: the label is TLP:AMBER+STRICT here but TLP:RED in the original"
            ),
            format!(
                "{FILE}: step `call-owner`: the audience is `maintainers` here but `responders, maintainers` \
                 in the original"
            ),
        ]
    );
}

#[test]
fn a_step_keeps_its_label_and_audience() {
    assert_eq!(
        problems_of(&changed(
            "- audience: responders, maintainers\n- label: TLP:RED",
            "- audience: responders\n- label: TLP:AMBER"
        )),
        [
            format!("{FILE}: step `call-owner`: the label is TLP:AMBER here but TLP:RED in the original"),
            format!(
                "{FILE}: step `call-owner`: the audience is `responders` here but `responders, maintainers` \
                 in the original"
            ),
        ]
    );
}

#[test]
fn template_ids_labels_and_audiences_must_be_the_same() {
    assert_eq!(
        problems_of(&changed("{#team-note}", "{#nota}")),
        [
            format!("{FILE}: template `team-note` of the original is missing"),
            format!("{FILE}: template `nota` is not in the original"),
        ]
    );
    assert_eq!(
        problems_of(&changed(
            "- label: TLP:AMBER+STRICT\n- audience: maintainers\n\n```text\nEspera",
            "- label: TLP:AMBER\n- audience: maintainers, moderators\n\n```text\nEspera"
        )),
        [
            format!("{FILE}: template `team-note`: the label is TLP:AMBER here but TLP:AMBER+STRICT in the original"),
            format!(
                "{FILE}: template `team-note`: the audience is `maintainers, moderators` here but \
                 `maintainers` in the original"
            ),
        ]
    );
}

#[test]
fn a_template_uses_the_same_placeholders() {
    assert_eq!(
        problems_of(&changed("Preguntas: {contact}.", "Preguntas: en el foro.")),
        [format!(
            "{FILE}: template `holding`: it uses the placeholders {{project}} but the original uses \
             {{contact}}, {{project}}: keep the names in braces as they are and translate the words around them"
        )]
    );
}

#[test]
fn the_declared_placeholders_stay_the_same() {
    // A renamed placeholder is declared and used under its new name, so the file still parses.
    let renamed =
        spanish().replace("name = \"contact\"", "name = \"contacto\"").replace("{contact}", "{contacto}");
    assert_eq!(
        problems_of(&renamed),
        [
            format!(
                "{FILE}: the declared placeholders are project, contacto here but project, contact in the \
                 original: keep each `name` as it is and translate its description and example"
            ),
            format!(
                "{FILE}: template `holding`: it uses the placeholders {{contacto}}, {{project}} but the \
                 original uses {{contact}}, {{project}}: keep the names in braces as they are and translate \
                 the words around them"
            ),
        ]
    );
}

#[test]
fn labels_are_never_translated_even_in_text() {
    let text = changed("Mantenlo en TLP:RED.", "Mantenlo en TLP:ROJO.");
    let line = text.lines().position(|l| l.contains("TLP:ROJO")).expect("there") + 1;
    assert_eq!(
        problems_of(&text),
        [format!(
            "{FILE}, line {line}: `TLP:ROJO` is not a TLP label as FIRST writes it: labels are never \
             translated (TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR)"
        )]
    );
    // In a property, the parser itself refuses it, with the line.
    let property =
        changed("- label: TLP:AMBER+STRICT\n\n## Después", "- label: TLP:ÁMBAR+ESTRICTO\n\n## Después");
    let problems = problems_of(&property);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with(&format!("{FILE}, line ")), "{problems:?}");
}

#[test]
fn the_checklist_keeps_its_id_label_tags_and_related() {
    let text = changed("id = \"example\"", "id = \"ejemplo\"");
    let text = text.replacen("label = \"TLP:AMBER\"", "label = \"TLP:GREEN\"", 1);
    let text = text.replacen("tags = [\"security\"]", "tags = [\"seguridad\"]", 1);
    assert_eq!(
        problems_of(&text),
        [
            format!("{FILE}: the id is `ejemplo` here but `example` in the original"),
            format!("{FILE}: the checklist's label is TLP:GREEN here but TLP:AMBER in the original"),
            format!(
                "{FILE}: `tags` is [seguridad] here but [security] in the original: these words are kept as \
                 they are"
            ),
        ]
    );
}

#[test]
fn a_translation_that_does_not_parse_gives_the_parser_error() {
    let text = changed("- label: TLP:CLEAR\n- audience: public\n- subject", "- audience: public\n- subject");
    let problems = problems_of(&text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("the template `Declaración inicial` has no label"), "{problems:?}");
}

// ---- drills -----------------------------------------------------------------------------------

const DRILL: &str = r#"+++
kind = "drill"
id = "example-drill"
title = "Drill: an example"
summary = "Something happens on a clock."
version = 1
label = "TLP:AMBER"
scenario = "example"
minutes = 60
quick-minutes = 15
+++

## Roles {#roles}

Everything here is made up.

### Facilitator {#facilitator}

You run the clock.

### Scribe {#scribe}

You write down each decision.

## Something is off {#something-off}

### Odd pushes {#odd-pushes}
- at: 0
- quick-at: 0
- steps: call-owner, tell-team
- templates: team-note

The account pushes at night.

- Who do you tell?

### Nobody answers {#no-answer}
- at: 10
- steps: call-owner

The owner does not answer.

- What do you do now?

## It goes public {#goes-public}

### Users ask {#users-ask}
- at: 40
- quick-at: 10
- steps: post-facts
- templates: holding

A user asks in public.

- What do you post?

## Debrief {#debrief}

### How long did it take to reach the owner? {#time-to-reach}
- stress: single-key-holder/inventory-known, single-key-holder/continuity-note

### Who else could act? {#who-could-act}
- stress: single-key-holder/two-org-owners
"#;

/// The Spanish translation of `DRILL`, with the original's current sha256.
fn spanish_drill() -> String {
    format!(
        r#"+++
kind = "drill"
id = "example-drill"
title = "Simulacro: un ejemplo"
summary = "Algo pasa con el reloj en marcha."
version = 1
label = "TLP:AMBER"
scenario = "example"
minutes = 60
quick-minutes = 15
lang = "es"
source-sha256 = "{}"
+++

## Roles {{#roles}}

Todo aquí es inventado.

### Persona facilitadora {{#facilitator}}

Llevas el reloj.

### Persona que toma notas {{#scribe}}

Anotas cada decisión.

## Algo no cuadra {{#something-off}}

### Commits raros {{#odd-pushes}}
- at: 0
- quick-at: 0
- steps: call-owner, tell-team
- templates: team-note

La cuenta sube cambios de noche.

- ¿A quién avisas?

### Nadie responde {{#no-answer}}
- at: 10
- steps: call-owner

El dueño no responde.

- ¿Qué haces ahora?

## Se hace público {{#goes-public}}

### Los usuarios preguntan {{#users-ask}}
- at: 40
- quick-at: 10
- steps: post-facts
- templates: holding

Un usuario pregunta en público.

- ¿Qué publicas?

## Revisión {{#debrief}}

### ¿Cuánto tardaron en contactar al dueño? {{#time-to-reach}}
- stress: single-key-holder/inventory-known, single-key-holder/continuity-note

### ¿Quién más podía actuar? {{#who-could-act}}
- stress: single-key-holder/two-org-owners
"#,
        sha256_hex(DRILL.as_bytes())
    )
}

const DRILL_FILE: &str = "checklists/es/drills/example-drill.md";

/// The problems of `spanish_drill()` with `from` replaced by `to` (which must be there), as the
/// Spanish translation of `DRILL`.
fn drill_problems(from: &str, to: &str) -> Vec<String> {
    let text = spanish_drill();
    assert!(text.contains(from), "the example drill has {from:?}");
    problems(&Pair {
        name: DRILL_FILE,
        lang: "es",
        text: &text.replacen(from, to, 1),
        original_name: "checklists/drills/example-drill.md",
        original: Some(DRILL.as_bytes()),
    })
}

#[test]
fn a_faithful_drill_translation_has_no_problem() {
    assert_eq!(drill_problems("", ""), Vec::<String>::new());
    let drill = parse_scenario(DRILL_FILE, &spanish_drill()).expect("parses").drill.expect("a drill");
    assert_eq!(drill.injects().count(), 3);
}

#[test]
fn a_drill_keeps_its_scenario_and_lengths() {
    assert_eq!(
        drill_problems("scenario = \"example\"", "scenario = \"ejemplo\""),
        [format!("{DRILL_FILE}: the drill rehearses `ejemplo` here but `example` in the original")]
    );
    assert_eq!(
        drill_problems("minutes = 60\nquick-minutes = 15", "minutes = 45\nquick-minutes = 12"),
        [
            format!("{DRILL_FILE}: `minutes` is 45 here but 60 in the original"),
            format!("{DRILL_FILE}: `quick-minutes` is 12 here but 15 in the original"),
        ]
    );
}

#[test]
fn a_drill_keeps_its_role_ids_in_order() {
    assert_eq!(
        drill_problems("### Persona que toma notas {#scribe}\n\nAnotas cada decisión.\n\n", ""),
        [format!("{DRILL_FILE}: role `scribe` of the original is missing")]
    );
    assert_eq!(
        drill_problems("{#scribe}", "{#secretario}"),
        [
            format!("{DRILL_FILE}: role `scribe` of the original is missing"),
            format!("{DRILL_FILE}: role `secretario` is not in the original"),
        ]
    );
}

#[test]
fn a_drill_keeps_its_section_and_inject_ids() {
    assert_eq!(
        drill_problems("{#goes-public}", "{#publico}"),
        [
            format!("{DRILL_FILE}: section `goes-public` of the original is missing"),
            format!("{DRILL_FILE}: section `publico` is not in the original"),
        ]
    );
    assert_eq!(
        drill_problems("{#no-answer}", "{#sin-respuesta}"),
        [
            format!("{DRILL_FILE}: section `something-off`: inject `no-answer` of the original is missing"),
            format!("{DRILL_FILE}: section `something-off`: inject `sin-respuesta` is not in the original"),
        ]
    );
}

#[test]
fn an_inject_keeps_its_minutes() {
    assert_eq!(
        drill_problems("- at: 10", "- at: 12"),
        [format!("{DRILL_FILE}: inject `no-answer`: `at` is 12 here but 10 in the original")]
    );
    assert_eq!(
        drill_problems("- at: 10\n", "- at: 10\n- quick-at: 5\n"),
        [format!("{DRILL_FILE}: inject `no-answer`: `quick-at` is 5 here but not set in the original")]
    );
    assert_eq!(
        drill_problems("- quick-at: 10", "- quick-at: 12"),
        [format!("{DRILL_FILE}: inject `users-ask`: `quick-at` is 12 here but 10 in the original")]
    );
}

#[test]
fn an_inject_keeps_its_linked_steps_and_templates() {
    assert_eq!(
        drill_problems("- steps: call-owner, tell-team", "- steps: call-owner, avisa-equipo"),
        [format!(
            "{DRILL_FILE}: inject `odd-pushes`: it links the steps call-owner, avisa-equipo here but \
             call-owner, tell-team in the original"
        )]
    );
    assert_eq!(
        drill_problems("- templates: holding\n", ""),
        [format!(
            "{DRILL_FILE}: inject `users-ask`: it links the templates none here but holding in the original"
        )]
    );
}

#[test]
fn a_debrief_question_keeps_its_id_and_stress_links() {
    assert_eq!(
        drill_problems(
            "- stress: single-key-holder/two-org-owners",
            "- stress: single-key-holder/two-publishers"
        ),
        [format!(
            "{DRILL_FILE}: debrief question `who-could-act`: it links the stress-test questions \
             single-key-holder/two-publishers here but single-key-holder/two-org-owners in the original"
        )]
    );
    assert_eq!(
        drill_problems("{#time-to-reach}", "{#tiempo}"),
        [
            format!("{DRILL_FILE}: debrief question `time-to-reach` of the original is missing"),
            format!("{DRILL_FILE}: debrief question `tiempo` is not in the original"),
        ]
    );
}

// ---- the two front matter keys, in the parser -------------------------------------------------

fn error_of(text: &str) -> String {
    parse_scenario("x.md", text).expect_err("should be refused").to_string()
}

/// The line of `spanish()` that holds `needle`, counted from 1.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("there") + 1
}

#[test]
fn the_parser_refuses_a_malformed_language_or_hash() {
    let text = changed("lang = \"es\"", "lang = \"Spanish\"");
    assert_eq!(
        error_of(&text),
        format!(
            "x.md, line {}: `lang` must be a language tag like \"es\", \"pt-BR\" or \"es-419\", not `Spanish`",
            line_of(&text, "lang =")
        )
    );
    let text = changed("lang = \"es\"", "lang = 1");
    assert_eq!(
        error_of(&text),
        format!("x.md, line {}: `lang` must be a quoted string", line_of(&text, "lang ="))
    );
    let sha = sha256_hex(ORIGINAL.as_bytes());
    let text = changed(&sha, &sha.to_uppercase());
    assert_eq!(
        error_of(&text),
        format!(
            "x.md, line {}: `source-sha256` must be the 64 lower-case hexadecimal digits of the original \
             file's sha256 (`sha256sum` prints them), not `{}`",
            line_of(&text, "source-sha256"),
            sha.to_uppercase()
        )
    );
    let text = changed(&sha, &sha[..63]);
    assert!(error_of(&text).contains("`source-sha256` must be the 64 lower-case"), "{}", error_of(&text));
}

#[test]
fn the_parser_wants_both_keys_or_neither() {
    let sha = sha256_hex(ORIGINAL.as_bytes());
    let text = changed(&format!("source-sha256 = \"{sha}\"\n"), "");
    assert_eq!(
        error_of(&text),
        format!(
            "x.md, line {}: `lang` is given without `source-sha256`: a translation also records the sha256 \
             of the original file it translates",
            line_of(&text, "lang =")
        )
    );
    let text = changed("lang = \"es\"\n", "");
    assert_eq!(
        error_of(&text),
        format!(
            "x.md, line {}: `source-sha256` is given without `lang`: say which language the translation is \
             in, like `lang = \"es\"`",
            line_of(&text, "source-sha256")
        )
    );
}

#[test]
fn the_parser_names_the_two_keys_among_the_known_ones() {
    let text = changed("lang = \"es\"", "lang = \"es\"\nlanguage = \"es\"");
    assert_eq!(
        error_of(&text),
        format!(
            "x.md, line {}: unknown key `language`: expected one of id, title, summary, when, version, tags, \
             keywords, label, related, kind, lang, source-sha256",
            line_of(&text, "language =")
        )
    );
}

#[test]
fn the_parser_accepts_regional_tags() {
    for tag in ["pt-BR", "es-419", "ast"] {
        let text = changed("lang = \"es\"", &format!("lang = \"{tag}\""));
        let s = parse_scenario("x.md", &text).unwrap_or_else(|e| panic!("{tag}: {e}"));
        assert_eq!(s.translation.map(|t| t.lang), Some(tag.to_owned()));
    }
}

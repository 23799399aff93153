//! The checklist files and their parser: every built-in file is valid, and every kind of
//! mistake gets a message with the file and the line.
#![cfg(not(target_arch = "wasm32"))]

use crisis_comms::content::{Library, BUILT_IN};
use crisis_comms::model::parse::parse_scenario;

/// A valid file to start from; each error test changes one thing in it.
const VALID: &str = r#"+++
id = "example"
title = "An example"
summary = "Something happened."
version = 1
label = "TLP:AMBER"

[[references]]
title = "FIRST TLP"
url = "https://www.first.org/tlp/"
+++

## First hour {#first-hour}

Keep it small.

### Call the owner {#call-owner}
- audience: responders, maintainers
- label: TLP:RED
- why: The account may be read by someone else.

Use a number you already had.
"#;

fn error_of(text: &str) -> String {
    parse_scenario("example.md", text).expect_err("should be refused").to_string()
}

#[test]
fn the_valid_example_parses_with_all_its_parts() {
    let s = parse_scenario("example.md", VALID).expect("valid");
    assert_eq!(s.id, "example");
    assert_eq!(s.references.len(), 1);
    assert_eq!(s.sections.len(), 1);
    assert_eq!(s.sections[0].intro, "Keep it small.");
    let item = &s.sections[0].items[0];
    assert_eq!(item.id, "call-owner");
    assert_eq!(item.text, "Call the owner");
    assert_eq!(item.audience.len(), 2);
    assert_eq!(item.label.as_str(), "TLP:RED");
    assert_eq!(item.why, "The account may be read by someone else.");
    assert_eq!(item.detail, "Use a number you already had.");
}

#[test]
fn each_mistake_is_named_with_file_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("+++\n\n## First", "\n## First", "example.md, line 1: the front matter opened on line 1 is never closed by a line `+++`"),
        ("+++\nid", "id", "example.md, line 1: a checklist starts with a line `+++` that opens its front matter"),
        ("id = \"example\"", "id = \"Example!\"", "example.md, line 2: the scenario id `Example!` must be lower-case letters, digits and hyphens (at most 64)"),
        ("version = 1\n", "version = 1\nversoin = 2\n", "example.md, line 6: unknown key `versoin`: expected one of id, title, summary, when, version, tags, label, related"),
        ("title = \"An example\"\n", "", "example.md, line 10: `title` is missing"),
        ("label = \"TLP:AMBER\"", "label = \"TLP:WHITE\"", "example.md, line 6: `TLP:WHITE` is a TLP 1.0 label; TLP 2.0 calls it TLP:CLEAR"),
        ("- label: TLP:RED", "- label: TLP:AMBER+STRCIT", "example.md, line 19: `TLP:AMBER+STRCIT` is not a TLP 2.0 label: did you mean `TLP:AMBER+STRICT`? (expected one of TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR)"),
        ("- audience: responders, maintainers\n", "", "example.md, line 17: the step `Call the owner` has no audience: add a line `- audience: ...` under it"),
        ("responders, maintainers", "responders, everyone", "example.md, line 18: unknown audience `everyone`: expected one of responders, leadership, maintainers, moderators, affected, community, downstream, foundation, platform, public"),
        ("### Call the owner {#call-owner}", "### Call the owner", "example.md, line 17: the step `Call the owner` has no id: end the heading with `{#some-id}` (progress is saved under it, so keep it when rewording)"),
        ("https://www.first.org/tlp/", "http://www.first.org/tlp/", "example.md, line 10: the link `http://www.first.org/tlp/` must start with https:// or mailto:"),
        ("- why: The", "- who: The", "example.md, line 20: unknown step property `who`: expected audience, label or why"),
    ];
    for (from, to, expected) in cases {
        let text = VALID.replacen(from, to, 1);
        assert_ne!(text, VALID, "the case {from:?} did not change the file");
        assert_eq!(&error_of(&text), expected, "replacing {from:?} with {to:?}");
    }
}

#[test]
fn duplicate_ids_and_empty_sections_are_refused() {
    let dup = format!("{VALID}\n### Call again {{#call-owner}}\n- audience: responders\n- label: TLP:RED\n");
    assert_eq!(error_of(&dup), "example.md, line 24: the step id `call-owner` is used twice");
    let empty = format!("{VALID}\n## Afterwards {{#afterwards}}\n\nNothing here.\n");
    assert_eq!(
        error_of(&empty),
        "example.md, line 24: the section `Afterwards` has no steps: add at least one `### Step {#step-id}`"
    );
}

#[test]
fn every_file_in_the_checklists_folder_is_built_in_and_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("checklists folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name != "README.md")
        .collect();
    on_disk.sort();
    let mut built_in: Vec<String> = BUILT_IN.iter().map(|(name, _)| name.to_string()).collect();
    built_in.sort();
    assert_eq!(on_disk, built_in, "content::BUILT_IN must list every file in checklists/");

    for name in &on_disk {
        let text = std::fs::read_to_string(dir.join(name)).expect("readable");
        if let Err(e) = parse_scenario(name, &text) {
            panic!("{e}");
        }
    }
    let library = Library::built_in();
    assert!(library.errors.is_empty(), "{:?}", library.errors);
    let mut ids: Vec<&str> = library.scenarios.iter().map(|s| s.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), library.scenarios.len(), "scenario ids must be unique");
}

//! The checklist files and their parser: every built-in file is valid, and every kind of
//! mistake gets a message with the file and the line.
#![cfg(not(target_arch = "wasm32"))]

use crisis_comms::content::{built_in_id, Library, BUILT_IN};
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

[[placeholders]]
name = "project"
description = "The project's name"
example = "libexample"
+++

## First hour {#first-hour}

Keep it small.

### Call the owner {#call-owner}
- audience: responders, maintainers
- label: TLP:RED
- why: The account may be read by someone else.

Use a number you already had.

## Message templates {#templates}

### Holding statement {#holding}
- label: TLP:CLEAR
- audience: public
- channel: The project's website
- subject: About {project}

```text
We are looking into a problem with {project}.
More soon.
```
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
    assert!(s.keywords.is_empty(), "keywords are optional");
    let with_keywords = VALID.replacen("version = 1\n", "version = 1\nkeywords = [\"hacked\", \"2FA\"]\n", 1);
    let s = parse_scenario("example.md", &with_keywords).expect("valid");
    assert_eq!(s.keywords, ["hacked", "2FA"]);
    let item = &s.sections[0].items[0];
    assert_eq!(item.id, "call-owner");
    assert_eq!(item.text, "Call the owner");
    assert_eq!(item.audience.len(), 2);
    assert_eq!(item.label.as_str(), "TLP:RED");
    assert_eq!(item.why, "The account may be read by someone else.");
    assert_eq!(item.detail, "Use a number you already had.");
    assert_eq!(s.placeholders[0].name, "project");
    let t = &s.templates[0];
    assert_eq!(
        (t.id.as_str(), t.title.as_str(), t.subject.as_str()),
        ("holding", "Holding statement", "About {project}")
    );
    // The file wraps the text; the message does not.
    assert_eq!(t.body, "We are looking into a problem with {project}. More soon.");
    assert_eq!(t.label.as_str(), "TLP:CLEAR");
}

#[test]
fn each_mistake_is_named_with_file_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("+++\n\n## First", "\n## First", "example.md, line 1: the front matter opened on line 1 is never closed by a line `+++`"),
        ("+++\nid", "id", "example.md, line 1: a checklist starts with a line `+++` that opens its front matter"),
        ("id = \"example\"", "id = \"Example!\"", "example.md, line 2: the scenario id `Example!` must be lower-case letters, digits and hyphens (at most 64)"),
        ("version = 1\n", "version = 1\nversoin = 2\n", "example.md, line 6: unknown key `versoin`: expected one of id, title, summary, when, version, tags, keywords, label, related, kind"),
        ("version = 1\n", "version = 1\nkeywords = \"hacked\"\n", "example.md, line 6: `keywords` must be a list of quoted strings, like [\"a\", \"b\"]"),
        ("version = 1\n", "version = 1\nkeywords = [\"hacked\", 2FA]\n", "example.md, line 6: `keywords` must be a list of quoted strings on one line, like [\"a\", \"b\"]"),
        ("title = \"An example\"\n", "", "example.md, line 15: `title` is missing"),
        ("label = \"TLP:AMBER\"", "label = \"TLP:WHITE\"", "example.md, line 6: `TLP:WHITE` is a TLP 1.0 label; TLP 2.0 calls it TLP:CLEAR"),
        ("- label: TLP:RED", "- label: TLP:AMBER+STRCIT", "example.md, line 24: `TLP:AMBER+STRCIT` is not a TLP 2.0 label: did you mean `TLP:AMBER+STRICT`? (expected one of TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR)"),
        ("- audience: responders, maintainers\n", "", "example.md, line 22: the step `Call the owner` has no audience: add a line `- audience: ...` under it"),
        ("responders, maintainers", "responders, everyone", "example.md, line 23: unknown audience `everyone`: expected one of responders, leadership, maintainers, moderators, affected, subject, members, downstream, foundation, platform, public"),
        ("### Call the owner {#call-owner}", "### Call the owner", "example.md, line 22: the step `Call the owner` has no id: end the heading with `{#some-id}` (progress is saved under it, so keep it when rewording)"),
        ("https://www.first.org/tlp/", "http://www.first.org/tlp/", "example.md, line 10: the link `http://www.first.org/tlp/` must start with https:// or mailto:"),
        ("- why: The", "- who: The", "example.md, line 25: unknown step property `who`: expected audience, label, why or kind"),
        ("- why: The", "- kind: action\n- why: The", "example.md, line 25: unknown kind `action`: expected communication or response"),
        ("a problem with {project}", "a problem with {projet}", "example.md, line 38: the placeholder `{projet}` is not declared: add it under `[[placeholders]]` in the front matter"),
        ("About {project}", "About {name}", "example.md, line 35: the placeholder `{name}` is not declared: add it under `[[placeholders]]` in the front matter"),
        ("```text\n", "", "example.md, line 37: the template `Holding statement` needs its text in a fenced block (```text ... ```)"),
        ("More soon.\n```", "More soon.", "example.md, line 37: this fenced block is never closed"),
        ("- label: TLP:CLEAR\n", "", "example.md, line 31: the template `Holding statement` has no label: add a line `- label: TLP:...` under it"),
        ("## Message templates {#templates}\n", "## Message templates {#templates}\n\n## Later {#later}\n", "example.md, line 31: the message templates section (`{#templates}`) must come last"),
        ("[[placeholders]]", "[[placeholder]]", "example.md, line 12: unknown table `[[placeholder]]`: expected `[[references]]` or `[[placeholders]]`"),
    ];
    for (from, to, expected) in cases {
        let text = VALID.replacen(from, to, 1);
        assert_ne!(text, VALID, "the case {from:?} did not change the file");
        assert_eq!(&error_of(&text), expected, "replacing {from:?} with {to:?}");
    }
}

#[test]
fn a_template_text_joins_wrapped_lines_and_keeps_its_structure() {
    let text = "Subject: About {project}\n\
                TLP:AMBER\n\
                We are looking into a problem\n\
                with {project}.\n\
                \n\
                Please:\n\
                - do not post about it,\n\
                  not even in chat;\n\
                * ask us first.\n\
                1. Wait.\n\
                12. Then wait\n\
                more.\n\
                \n\
                END OF TLP:AMBER TEXT\n\
                Thanks.";
    let file = VALID.replacen("We are looking into a problem with {project}.\nMore soon.", text, 1);
    let s = parse_scenario("example.md", &file).expect("valid");
    assert_eq!(
        s.templates[0].body,
        "Subject: About {project}\n\
         TLP:AMBER\n\
         We are looking into a problem with {project}.\n\
         \n\
         Please:\n\
         - do not post about it, not even in chat;\n\
         * ask us first.\n\
         1. Wait.\n\
         12. Then wait more.\n\
         \n\
         END OF TLP:AMBER TEXT\n\
         Thanks."
    );
}

#[test]
fn duplicate_ids_and_empty_sections_are_refused() {
    let first_section_end = "Use a number you already had.\n";
    let dup = VALID.replacen(first_section_end, "Use a number you already had.\n\n### Call again {#call-owner}\n- audience: responders\n- label: TLP:RED\n", 1);
    assert_eq!(error_of(&dup), "example.md, line 29: the id `call-owner` is used twice");
    let empty = VALID.replacen(
        first_section_end,
        "Use a number you already had.\n\n## Afterwards {#afterwards}\n\nNothing here.\n",
        1,
    );
    assert_eq!(
        error_of(&empty),
        "example.md, line 29: the section `Afterwards` has no steps: add at least one `### Step {#step-id}`"
    );
}

#[test]
fn every_built_in_checklist_is_valid_and_ids_are_unique() {
    assert!(!BUILT_IN.is_empty(), "build.rs found no checklist in checklists/");
    for (name, text) in BUILT_IN {
        if let Err(e) = parse_scenario(name, text) {
            panic!("{e}");
        }
    }
    let library = Library::built_in();
    assert!(library.errors().is_empty(), "{:?}", library.errors());
    let scenarios = library.scenarios();
    // The library finds a built-in file's scenario by its file name, before parsing it.
    for (name, _) in BUILT_IN {
        let id = built_in_id(name);
        assert_eq!(
            library.get(id).map(|s| s.id.clone()).as_deref(),
            Some(id),
            "{name} must declare id {id:?}"
        );
    }
    let mut ids: Vec<&str> = scenarios.iter().map(|s| s.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), scenarios.len(), "scenario ids must be unique");
}

#[test]
fn the_library_covers_twelve_scenarios_with_enough_steps_and_templates() {
    use crisis_comms::model::checklist::ScenarioKind;
    use crisis_comms::model::tlp::Tlp;
    let scenarios = Library::built_in().scenarios();
    let checklists: Vec<_> = scenarios.iter().filter(|s| s.kind == ScenarioKind::Checklist).collect();
    assert!(checklists.len() >= 12, "{} scenarios", checklists.len());
    let ids: Vec<&str> = scenarios.iter().map(|s| s.id.as_str()).collect();
    for s in checklists {
        assert!(s.sections.len() >= 4, "{}: {} sections", s.id, s.sections.len());
        assert!(s.items().count() >= 15, "{}: {} steps", s.id, s.items().count());
        assert!(s.templates.len() >= 3, "{}: {} templates", s.id, s.templates.len());
        assert!(s.templates.iter().any(|t| t.label == Tlp::Clear), "{}: no public template", s.id);
        assert!(s.templates.iter().any(|t| t.label != Tlp::Clear), "{}: no private template", s.id);
        assert!(s.references.iter().any(|r| r.url == "https://www.first.org/tlp/"), "{}: no TLP link", s.id);
        for related in &s.related {
            assert!(ids.contains(&related.as_str()), "{}: related `{related}` does not exist", s.id);
        }
    }
}

#[test]
fn a_template_may_add_a_restriction_or_permission_next_to_its_label() {
    let file = VALID.replacen(
        "- subject: About {project}\n",
        "- subject: About {project}\n- sharing: Please keep {project} out of it.\n",
        1,
    );
    let s = parse_scenario("example.md", &file).expect("valid");
    assert_eq!(s.templates[0].sharing, "Please keep {project} out of it.");
    // Without the property there is no addition.
    assert_eq!(parse_scenario("example.md", VALID).expect("valid").templates[0].sharing, "");
    let undeclared = VALID.replacen(
        "- subject: About {project}\n",
        "- subject: About {project}\n- sharing: Ask {owner}.\n",
        1,
    );
    assert_eq!(
        error_of(&undeclared),
        "example.md, line 36: the placeholder `{owner}` is not declared: add it under `[[placeholders]]` in the front matter"
    );
    let unknown = VALID.replacen("- subject: About", "- sharng: x\n- subject: About", 1);
    assert_eq!(
        error_of(&unknown),
        "example.md, line 35: unknown template property `sharng`: expected label, audience, channel, subject or sharing"
    );
}

#[test]
fn the_old_audience_word_community_reads_as_members() {
    use crisis_comms::model::audience::Audience;
    let file = VALID.replacen("- audience: responders, maintainers", "- audience: community, subject", 1);
    let s = parse_scenario("example.md", &file).expect("an embedder's older file still parses");
    assert_eq!(s.sections[0].items[0].audience, [Audience::Members, Audience::Subject]);
}

/// Words by which a message would let its reader pass it on.
const GRANTS: [&str; 6] =
    ["you may share", "you may show", "you may pass", "you may forward", "you may tell", "you may also"];

#[test]
fn no_tlp_red_message_lets_its_reader_pass_it_on() {
    use crisis_comms::model::tlp::Tlp;
    let library = Library::built_in();
    let mut red = 0;
    for s in library.scenarios() {
        for t in s.templates.iter().filter(|t| t.label == Tlp::Red) {
            red += 1;
            let text = format!("{} {}", t.sharing, t.body).to_lowercase().replace('\n', " ");
            for grant in GRANTS {
                assert!(!text.contains(grant), "{} / {}: a TLP:RED message says \"{grant}\"", s.id, t.id);
            }
        }
    }
    assert!(red >= 5, "only {red} TLP:RED messages: the check would prove little");
    // The check finds a grant where there is one.
    let granted = "You may show it to a person who supports you.".to_lowercase();
    assert!(GRANTS.iter().any(|g| granted.contains(g)));
}

#[test]
fn a_message_made_tlp_red_by_its_sender_grants_no_further_sharing() {
    use crisis_comms::model::template::compose;
    use crisis_comms::model::tlp::Tlp;
    let library = Library::built_in();
    let mut looser = 0;
    for s in library.scenarios() {
        for t in s.templates.iter().filter(|t| t.label != Tlp::Red) {
            looser += 1;
            let examples = s.placeholders.iter().map(|p| (p.name.clone(), p.example.clone())).collect();
            let text = compose(t, Tlp::Red, &examples).body.to_lowercase().replace('\n', " ");
            for grant in GRANTS {
                assert!(!text.contains(grant), "{} / {} made TLP:RED still says \"{grant}\"", s.id, t.id);
            }
        }
    }
    assert!(looser >= 20, "only {looser} messages below TLP:RED: the check would prove little");
}

#[test]
fn no_message_names_its_own_label_in_its_text() {
    // The app opens every message with its label and what the reader may do with it, and the
    // label framework may change that label; a label written into the text could then disagree.
    let library = Library::built_in();
    for s in library.scenarios() {
        for t in &s.templates {
            let text = format!("{} {}", t.sharing, t.body).replace('\n', " ");
            for said in ["This is TLP:", "This note is TLP:", "This message is TLP:", "is labelled TLP:"] {
                assert!(!text.contains(said), "{} / {}: the text says \"{said}…\"", s.id, t.id);
            }
        }
    }
}

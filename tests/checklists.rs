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
        ("version = 1\n", "version = 1\nversoin = 2\n", "example.md, line 6: unknown key `versoin`: expected one of id, title, summary, when, version, tags, keywords, label, related, kind, lang, source-sha256"),
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

// ---- drills ---------------------------------------------------------------------------------

/// A valid drill to start from; each error test changes one thing in it.
const DRILL: &str = r#"+++
kind = "drill"
id = "example-drill"
title = "Drill: an example"
summary = "Something happens, on a clock."
version = 1
label = "TLP:AMBER"
scenario = "account-compromise"
minutes = 60
quick-minutes = 15
+++

## Roles {#roles}

Four people are enough.

### Facilitator {#facilitator}

Reads each fact aloud.

### Scribe {#scribe}

Writes down each decision.

## First hour {#first-hour}

The project is small.

### A strange release appears {#strange-release}
- at: 0
- quick-at: 0
- steps: reach-owner, name-responders
- templates: heads-up-core-team

A release nobody planned is on the registry.
It came from the owner's account.

- Who do you call first?
- What label does the note to the core team carry,
  and why?

### A user asks in public {#user-asks}
- at: 20

A user asks in the tracker whether the release is safe.

- What do you say?

## Debrief {#debrief}

Ten minutes.

### Who heard first, and how? {#who-heard}
- stress: single-key-holder/changes-visible, single-key-holder/two-publishers

Ask the scribe.
"#;

fn drill_error(text: &str) -> String {
    parse_scenario("drill.md", text).expect_err("should be refused").to_string()
}

#[test]
fn the_valid_drill_parses_with_all_its_parts() {
    use crisis_comms::model::checklist::ScenarioKind;
    let s = parse_scenario("drill.md", DRILL).expect("valid");
    assert_eq!(s.kind, ScenarioKind::Drill);
    assert!(s.sections.is_empty() && s.templates.is_empty());
    let d = s.drill.as_ref().expect("a drill has its parts");
    assert_eq!((d.scenario.as_str(), d.minutes, d.quick_minutes), ("account-compromise", 60, 15));
    assert_eq!(d.roles_intro, "Four people are enough.");
    let roles: Vec<(&str, &str, &str)> =
        d.roles.iter().map(|r| (r.id.as_str(), r.title.as_str(), r.brief.as_str())).collect();
    assert_eq!(
        roles,
        [
            ("facilitator", "Facilitator", "Reads each fact aloud."),
            ("scribe", "Scribe", "Writes down each decision.")
        ]
    );
    assert_eq!(d.phases.len(), 1);
    assert_eq!(
        (d.phases[0].id.as_str(), d.phases[0].intro.as_str()),
        ("first-hour", "The project is small.")
    );
    let first = &d.phases[0].injects[0];
    assert_eq!((first.id.as_str(), first.title.as_str()), ("strange-release", "A strange release appears"));
    assert_eq!((first.at, first.quick_at), (0, Some(0)));
    assert_eq!(first.steps, ["reach-owner", "name-responders"]);
    assert_eq!(first.templates, ["heads-up-core-team"]);
    assert_eq!(first.fact, "A release nobody planned is on the registry.\nIt came from the owner's account.");
    assert_eq!(
        first.prompts,
        ["Who do you call first?", "What label does the note to the core team carry, and why?"]
    );
    let second = &d.phases[0].injects[1];
    assert_eq!((second.at, second.quick_at, second.prompts.len()), (20, None, 1));
    assert!(second.steps.is_empty() && second.templates.is_empty());
    assert_eq!(d.injects().count(), 2);
    assert_eq!(d.quick_injects().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["strange-release"]);
    assert_eq!(d.debrief_intro, "Ten minutes.");
    let q = &d.debrief[0];
    assert_eq!(
        (q.id.as_str(), q.text.as_str(), q.detail.as_str()),
        ("who-heard", "Who heard first, and how?", "Ask the scribe.")
    );
    let links: Vec<(&str, &str)> = q.stress.iter().map(|l| (l.test.as_str(), l.question.as_str())).collect();
    assert_eq!(links, [("single-key-holder", "changes-visible"), ("single-key-holder", "two-publishers")]);
}

#[test]
fn each_drill_mistake_is_named_with_file_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("kind = \"drill\"", "kind = \"dril\"", "drill.md, line 11: unknown checklist kind `dril`: expected checklist, stress-test or drill"),
        ("scenario = \"account-compromise\"\n", "", "drill.md, line 10: `scenario` is missing"),
        ("scenario = \"account-compromise\"", "scenario = \"Account\"", "drill.md, line 8: the checklist id `Account` must be lower-case letters, digits and hyphens (at most 64)"),
        ("minutes = 60\n", "", "drill.md, line 10: `minutes` is missing"),
        ("minutes = 60", "minutes = 120", "drill.md, line 9: `minutes` must be a whole number of minutes from 1 to 90"),
        ("minutes = 60", "minutes = \"60\"", "drill.md, line 9: `minutes` must be a whole number of minutes from 1 to 90"),
        ("quick-minutes = 15", "quick-minutes = 20", "drill.md, line 10: `quick-minutes` must be a whole number of minutes from 1 to 15"),
        ("minutes = 60", "minutes = 10", "drill.md, line 10: the quick variant (15 minutes) must be shorter than the drill (10 minutes)"),
        ("quick-minutes = 15\n", "quick-minutes = 15\nlength = 3\n", "drill.md, line 11: unknown key `length`: expected one of id, title, summary, when, version, tags, keywords, label, related, kind, lang, source-sha256, scenario, minutes, quick-minutes"),
        ("## Roles {#roles}\n", "Hello.\n\n## Roles {#roles}\n", "drill.md, line 13: text before the first section: start the drill with `## Roles {#roles}`"),
        ("## Roles {#roles}", "## People {#people}", "drill.md, line 13: a drill starts with its roles: `## Roles {#roles}`"),
        ("Four people are enough.\n", "Four people are enough.\n\n## Later {#later}\n", "drill.md, line 13: the section `Roles` has no roles: add at least one `### Facilitator {#facilitator}`"),
        ("### Facilitator {#facilitator}", "### Facilitator {#lead}", "drill.md, line 13: the drill has no facilitator: add `### Facilitator {#facilitator}` under `## Roles {#roles}`"),
        ("## First hour {#first-hour}", "## Debrief {#debrief}", "drill.md, line 25: the drill has no injects: add a section of injects between the roles and the debrief"),
        ("The project is small.\n", "The project is small.\n\n## Later {#later}\n", "drill.md, line 25: the section `First hour` has no injects: add at least one `### What happens {#inject-id}` with `- at: <minute>`"),
        ("Ask the scribe.\n", "Ask the scribe.\n\n## More {#more}\n", "drill.md, line 58: the debrief section (`{#debrief}`) must come last"),
        ("- What do you say?\n", "- What do you say?\n\n## Message templates {#templates}\n", "drill.md, line 49: a drill has no message templates of its own: link the checklist's templates from an inject with `- templates: ...`"),
        ("- at: 0\n", "", "drill.md, line 29: the inject `A strange release appears` has no minute: add a line `- at: <minutes from the start>` under it"),
        ("- at: 0", "- at: soon", "drill.md, line 30: `at` must be a whole number of minutes from the start, like `- at: 10`"),
        ("- quick-at: 0", "- quick-at: -1", "drill.md, line 31: `quick-at` must be a whole number of minutes from the start, like `- quick-at: 10`"),
        ("- at: 20", "- at: 75", "drill.md, line 42: the inject `A user asks in public` comes at minute 75, after the drill ends (minute 60)"),
        ("- quick-at: 0", "- quick-at: 16", "drill.md, line 29: the inject `A strange release appears` comes at minute 16 of the quick variant, after it ends (minute 15)"),
        ("- at: 20", "- at: 0", "drill.md, line 42: the inject `A user asks in public` comes at minute 0, not after the inject before it (minute 0): put injects in the order they happen"),
        ("- at: 20", "- at: 20\n- quick-at: 0", "drill.md, line 42: the inject `A user asks in public` comes at minute 0 of the quick variant, not after the quick inject before it (minute 0)"),
        ("- quick-at: 0\n", "", "drill.md, line 25: the drill has no quick variant: mark the injects of the short drill with `- quick-at: <minute>`"),
        ("- templates: heads-up-core-team", "- messages: heads-up-core-team", "drill.md, line 33: unknown inject property `messages`: expected at, quick-at, steps or templates"),
        ("- steps: reach-owner, name-responders", "- steps: reach-owner, Name_Responders", "drill.md, line 32: the step id `Name_Responders` must be lower-case letters, digits and hyphens (at most 64)"),
        ("A user asks in the tracker whether the release is safe.\n", "", "drill.md, line 42: the inject `A user asks in public` has no text: say what happens, then give the prompts as a list"),
        ("\n- What do you say?\n", "\n", "drill.md, line 42: the inject `A user asks in public` has no prompts: end it with a list of questions, each line starting with `- `"),
        ("- What do you say?\n", "- What do you say?\nAnd then?\n", "drill.md, line 48: text after the prompts of the inject `A user asks in public`: the new fact comes first, then the prompts as a list"),
        ("### A user asks in public {#user-asks}", "Between.\n\n### A user asks in public {#user-asks}", "drill.md, line 42: text after the prompts of the inject `A strange release appears`: the new fact comes first, then the prompts as a list"),
        ("- stress: single-key-holder/changes-visible", "- stress: single-key-holder", "drill.md, line 54: the stress link `single-key-holder` must be a stress test's id and one of its question ids, like `handover-without-vetting/request-visible`"),
        ("- stress: single-key-holder/changes-visible", "- links: single-key-holder/changes-visible", "drill.md, line 54: unknown debrief question property `links`: expected stress"),
        ("### Who heard first, and how? {#who-heard}\n- stress: single-key-holder/changes-visible, single-key-holder/two-publishers\n\nAsk the scribe.\n", "", "drill.md, line 49: the section `Debrief` has no debrief questions: add at least one `### Question {#question-id}`"),
        ("### Scribe {#scribe}", "### Scribe {#facilitator}", "drill.md, line 21: the id `facilitator` is used twice"),
        ("### A user asks in public {#user-asks}", "### A user asks in public {#scribe}", "drill.md, line 42: the id `scribe` is used twice"),
        ("## First hour {#first-hour}", "## First hour {#roles}", "drill.md, line 25: the section id `roles` is used twice"),
        ("Reads each fact aloud.\n", "Reads each fact aloud.\n\n#### Detail\n", "drill.md, line 21: only `##` (section) and `###` (role, inject or question) headings are allowed in a drill"),
    ];
    for (from, to, expected) in cases {
        let text = DRILL.replacen(from, to, 1);
        assert_ne!(text, DRILL, "the case {from:?} did not change the file");
        assert_eq!(&drill_error(&text), expected, "replacing {from:?} with {to:?}");
    }
    // A drill that stops before its debrief, and one with nothing after the front matter.
    let no_debrief = &DRILL[..DRILL.find("## Debrief").expect("the example has a debrief")];
    assert_eq!(
        drill_error(no_debrief),
        "drill.md, line 48: the drill has no debrief: end it with `## Debrief {#debrief}` and at least one question"
    );
    let empty = &DRILL[..DRILL.find("## Roles").expect("the example has roles")];
    assert_eq!(
        drill_error(empty),
        "drill.md, line 12: the drill is empty: start it with `## Roles {#roles}`"
    );
}

/// Every problem of every built-in drill against the library, with its file.
fn drill_problems(library: &Library) -> Vec<String> {
    library
        .scenarios()
        .iter()
        .filter_map(|s| s.drill.as_ref().map(|d| (s.id.clone(), d.problems(|id| library.get(id)))))
        .flat_map(|(id, problems)| problems.into_iter().map(move |p| format!("drills/{id}.md: {p}")))
        .collect()
}

#[test]
fn every_drill_links_a_checklist_its_steps_messages_and_stress_questions_that_exist() {
    let library = Library::built_in();
    let drills = library.scenarios().iter().filter(|s| s.drill.is_some()).count();
    assert!(drills >= 8, "the library holds {drills} drills, not the eight built in");
    let problems = drill_problems(&library);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_drill_that_links_what_does_not_exist_names_the_missing_id() {
    let mut library = Library::built_in();
    let broken = DRILL
        .replacen("id = \"example-drill\"", "id = \"broken-drill\"", 1)
        .replacen("reach-owner, name-responders", "reach-owner, call-the-police", 1)
        .replacen("heads-up-core-team", "press-release", 1)
        .replacen("single-key-holder/changes-visible", "single-key-holder/nobody-asked", 1)
        .replacen("single-key-holder/two-publishers", "bus-factor/two-publishers", 1);
    let elsewhere = DRILL.replacen("id = \"example-drill\"", "id = \"elsewhere-drill\"", 1).replacen(
        "scenario = \"account-compromise\"",
        "scenario = \"nowhere\"",
        1,
    );
    let on_a_test = DRILL.replacen("id = \"example-drill\"", "id = \"on-a-test-drill\"", 1).replacen(
        "scenario = \"account-compromise\"",
        "scenario = \"single-key-holder\"",
        1,
    );
    library.add_files([
        ("broken.md", broken.as_str()),
        ("elsewhere.md", elsewhere.as_str()),
        ("on-a-test.md", on_a_test.as_str()),
    ]);
    // An embedding site's drills are checked as they are added: a broken one is reported with
    // its file and left out; the others stay.
    let problems: Vec<String> = library.errors().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "broken.md, line 1: the inject `A strange release appears` links the step `call-the-police`, which the checklist `account-compromise` does not have",
            "broken.md, line 1: the inject `A strange release appears` links the message `press-release`, which the checklist `account-compromise` does not have",
            "broken.md, line 1: the debrief question `Who heard first, and how?` links `single-key-holder/nobody-asked`, but the stress test `single-key-holder` has no question `nobody-asked`",
            "broken.md, line 1: the debrief question `Who heard first, and how?` links `bus-factor/two-publishers`, but there is no stress test `bus-factor`",
            "elsewhere.md, line 1: the drill rehearses `nowhere`, but there is no checklist with that id",
            "on-a-test.md, line 1: the drill rehearses `single-key-holder`, which is not a checklist",
        ]
    );
    assert!(library.get("broken-drill").is_none() && library.get("elsewhere-drill").is_none());
    let fine = DRILL.replacen("id = \"example-drill\"", "id = \"fine-drill\"", 1);
    library.add_files([("fine.md", fine.as_str())]);
    assert!(
        library.get("fine-drill").is_some_and(|s| s.drill.is_some()),
        "a sound drill of the site's own loads"
    );
}

#[test]
fn the_drill_example_in_the_format_guide_parses() {
    let guide = include_str!("../checklists/README.md");
    let start = guide.find("```markdown\n+++\nkind = \"drill\"").expect("the guide shows a drill")
        + "```markdown\n".len();
    let example = &guide[start..];
    let example = &example[..example.find("\n```\n").expect("the example ends") + 1];
    let s = parse_scenario("README.md", example).unwrap_or_else(|e| panic!("{e}"));
    let d = s.drill.expect("a drill");
    assert_eq!(d.injects().count(), 1);
    assert!(
        d.problems(|id| Library::built_in().get(id)).is_empty(),
        "{:?}",
        d.problems(|id| Library::built_in().get(id))
    );
}

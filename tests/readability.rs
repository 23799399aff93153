//! Plain words, measured: the Flesch–Kincaid grade of every built-in checklist and stress test
//! must be 9 or lower.
//!
//! The text measured is what a user reads, taken through the app's own parser: the front
//! matter's title, summary and "when"; each section's introduction; each step's or question's
//! title, reason (`why`) and longer text; and each message template's subject and text, filled
//! with its placeholders' example values. Headings of sections and template names are left out:
//! they are labels, not sentences.
//!
//! Grade = 0.39 × words / sentences + 11.8 × syllables / words − 15.59, over the whole file.
//!
//! How the text is counted (each rule is tested below):
//! - Every piece (a title, a reason, a paragraph, a list entry, a line of a template) ends a
//!   sentence where it ends, as it does on screen; inside a piece, `.`, `!` or `?` followed by a
//!   space ends one, except after "e.g.", "i.e.", "etc." and "vs.".
//! - A word is a run of text between spaces that holds a letter or a digit. Web and mail
//!   addresses are not prose and are left out.
//! - Syllables come from the CMU Pronouncing Dictionary (the `syllarust` crate), with its own
//!   estimate for words the dictionary lacks. A hyphenated word is one word, with the syllables
//!   of its parts. An upper-case abbreviation of two to four letters that the dictionary lacks
//!   (TLP, CVE), or takes for a word (ID, AI, PR), is read letter by letter, one syllable per
//!   letter ("W" three). A number counts one syllable per digit, at most four, roughly as it
//!   is spoken.
//!
//! Run with `cargo test --test readability -- --nocapture` to see every file's grade.
#![cfg(not(target_arch = "wasm32"))]

use crisis_comms::content::BUILT_IN;
use crisis_comms::model::checklist::Scenario;
use crisis_comms::model::map::Map;
use crisis_comms::model::markdown::{blocks, Block, Inline};
use crisis_comms::model::parse::parse_scenario;
use crisis_comms::model::template::fill;

/// The highest grade a checklist file may have.
const MAX_GRADE: f64 = 9.0;

/// Words, sentences and syllables of some text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Counts {
    words: usize,
    sentences: usize,
    syllables: usize,
}

impl Counts {
    fn grade(self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        let (w, s, y) = (self.words as f64, self.sentences as f64, self.syllables as f64);
        0.39 * w / s + 11.8 * y / w - 15.59
    }

    fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.syllables += other.syllables;
    }
}

/// Whether a token is a web or mail address, which nobody reads as prose.
fn is_address(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    if t.contains("://") || t.starts_with("www.") || t.starts_with("mailto:") {
        return true;
    }
    if let Some((user, host)) = t.split_once('@') {
        return !user.is_empty() && host.contains('.');
    }
    // A host name such as `libexample.org`: parts joined by dots, the last one letters only.
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() > 1
        && parts.iter().all(|p| !p.is_empty())
        && parts.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

/// The syllables of one run of letters (no spaces, hyphens or digits).
fn syllables_of_letters(part: &str) -> usize {
    let part = part.trim_matches('\'');
    if part.is_empty() {
        return 0;
    }
    // Abbreviations such as TLP or CVE (a plural `s` allowed, as in CVEs), spelled out.
    let letters = part.strip_suffix('s').filter(|p| p.len() > 1).unwrap_or(part);
    let lower = part.to_lowercase();
    let spelled = (2..=4).contains(&letters.len()) && letters.chars().all(|c| c.is_ascii_uppercase());
    if spelled && (SPELLED_OUT.contains(&letters) || syllarust::try_count_syllables(&lower).is_none()) {
        return letters.chars().map(|c| if c == 'W' { 3 } else { 1 }).sum();
    }
    syllarust::count_syllables(&lower).max(1)
}

/// Abbreviations that the dictionary takes for words, but that people spell out.
const SPELLED_OUT: [&str; 6] = ["ID", "US", "AI", "PR", "HR", "API"];

/// The syllables of one word as it appears between spaces (punctuation around it removed).
fn syllables_of_word(word: &str) -> usize {
    let mut total = 0;
    let mut letters = String::new();
    let mut digits = 0usize;
    let flush = |letters: &mut String, digits: &mut usize, total: &mut usize| {
        *total += syllables_of_letters(letters) + (*digits).min(4);
        letters.clear();
        *digits = 0;
    };
    for c in word.chars() {
        if c.is_alphabetic() || (c == '\'' && !letters.is_empty()) {
            if digits > 0 {
                flush(&mut letters, &mut digits, &mut total);
            }
            letters.push(c);
        } else if c.is_ascii_digit() {
            if !letters.is_empty() {
                flush(&mut letters, &mut digits, &mut total);
            }
            digits += 1;
        } else {
            flush(&mut letters, &mut digits, &mut total);
        }
    }
    flush(&mut letters, &mut digits, &mut total);
    total.max(1)
}

/// Whether the token ends a sentence: it ends with `.`, `!` or `?` (before closing quotes or
/// brackets) and is not an abbreviation such as "e.g.".
fn ends_sentence(token: &str) -> bool {
    let t = token.trim_end_matches(['"', '\'', ')', ']', '”', '’', '*', '`']);
    let lower = t.to_lowercase();
    t.ends_with(['.', '!', '?']) && !ABBREVIATIONS.iter().any(|a| lower.ends_with(a))
}

/// Abbreviations whose full stop ends no sentence (at the end of a piece, the piece ends it).
const ABBREVIATIONS: [&str; 4] = ["e.g.", "i.e.", "etc.", "vs."];

/// Counts one piece of text that a reader sees as a unit: it ends a sentence where it ends.
fn count_piece(text: &str) -> Counts {
    let text = text.replace('’', "'");
    let mut counts = Counts::default();
    let mut open = false; // words since the last sentence end
    for token in text.split_whitespace() {
        if token.chars().any(char::is_alphanumeric) && !is_address(token) {
            counts.words += 1;
            counts.syllables += syllables_of_word(token);
            open = true;
        }
        if open && ends_sentence(token) {
            counts.sentences += 1;
            open = false;
        }
    }
    if open {
        counts.sentences += 1;
    }
    counts
}

/// The plain text of inline runs, as shown on screen.
fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Emphasis(t) | Inline::Strong(t) | Inline::Code(t) => t.as_str(),
            Inline::Link { text, .. } => text.as_str(),
        })
        .collect()
}

/// Counts Markdown prose: each paragraph and each list entry is a piece.
fn count_prose(text: &str) -> Counts {
    let mut counts = Counts::default();
    for block in blocks(text) {
        match block {
            Block::Paragraph(inlines) => counts.add(count_piece(&plain(&inlines))),
            Block::List(entries) => entries.iter().for_each(|e| counts.add(count_piece(&plain(e)))),
        }
    }
    counts
}

/// Counts a filled message: each line is a piece (a list marker at its start is not a word).
fn count_message(text: &str) -> Counts {
    let mut counts = Counts::default();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).unwrap_or(line);
        let line = match line.split_once(". ") {
            Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
            _ => line,
        };
        counts.add(count_piece(line));
    }
    counts
}

/// Everything a user reads in one checklist file.
fn count_scenario(s: &Scenario) -> Counts {
    let mut counts = Counts::default();
    for piece in [&s.title, &s.summary, &s.when] {
        counts.add(count_piece(piece));
    }
    for section in &s.sections {
        counts.add(count_prose(&section.intro));
        for item in &section.items {
            counts.add(count_piece(&item.text));
            counts.add(count_piece(&item.why));
            counts.add(count_prose(&item.detail));
        }
    }
    if let Some(d) = &s.drill {
        // A drill: the roles' briefs, each inject's fact and prompts, the debrief's questions.
        counts.add(count_prose(&d.roles_intro));
        for role in &d.roles {
            counts.add(count_prose(&role.brief));
        }
        for phase in &d.phases {
            counts.add(count_prose(&phase.intro));
            for inject in &phase.injects {
                counts.add(count_prose(&inject.fact));
                for prompt in &inject.prompts {
                    counts.add(count_piece(prompt));
                }
            }
        }
        counts.add(count_prose(&d.debrief_intro));
        for q in &d.debrief {
            counts.add(count_piece(&q.text));
            counts.add(count_prose(&q.detail));
        }
    }
    let mut examples = Map::new();
    for p in &s.placeholders {
        examples.insert(p.name.clone(), p.example.clone());
    }
    for t in &s.templates {
        counts.add(count_message(&fill(&t.subject, &examples).0));
        counts.add(count_message(&fill(&t.body, &examples).0));
    }
    counts
}

/// Every built-in file with its counts and grade, hardest first.
fn graded_library() -> Vec<(&'static str, Counts, f64)> {
    assert!(!BUILT_IN.is_empty(), "build.rs found no checklist in checklists/");
    let mut graded: Vec<(&'static str, Counts, f64)> = BUILT_IN
        .iter()
        .map(|&(name, text)| {
            let scenario = parse_scenario(name, text).unwrap_or_else(|e| panic!("{e}"));
            let counts = count_scenario(&scenario);
            (name, counts, counts.grade())
        })
        .collect();
    graded.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(b.0)));
    graded
}

#[test]
fn every_checklist_file_reads_at_grade_nine_or_lower() {
    let graded = graded_library();
    println!("Flesch-Kincaid grade of each checklist file (at most {MAX_GRADE:.1}), hardest first:");
    for (name, c, grade) in &graded {
        println!(
            "  {grade:5.2}  {name}  ({} words, {} sentences, {} syllables)",
            c.words, c.sentences, c.syllables
        );
    }
    let too_hard: Vec<String> = graded
        .iter()
        .filter(|(_, _, grade)| *grade > MAX_GRADE)
        .map(|(name, _, grade)| format!("checklists/{name}: grade {grade:.2}"))
        .collect();
    assert!(
        too_hard.is_empty(),
        "{} file(s) read above grade {MAX_GRADE:.1}; use shorter sentences and plainer words:\n  {}",
        too_hard.len(),
        too_hard.join("\n  ")
    );
}

#[test]
fn every_file_has_enough_text_to_measure() {
    for (name, c, _) in graded_library() {
        assert!(
            c.words >= 100 && c.sentences >= 10,
            "{name}: only {c:?} measured: is the parser read right?"
        );
    }
}

#[test]
fn the_grade_follows_the_formula() {
    let c = Counts { words: 100, sentences: 5, syllables: 150 };
    let expected = 0.39 * 20.0 + 11.8 * 1.5 - 15.59;
    assert!((c.grade() - expected).abs() < 1e-9);
    assert_eq!(Counts::default().grade(), 0.0);
}

#[test]
fn plain_text_grades_low_and_dense_text_grades_high() {
    let plain = count_piece("Tell the team. Ask for help. Keep a note of what you did.");
    assert_eq!(plain, Counts { words: 13, sentences: 3, syllables: 13 });
    assert!(plain.grade() < 2.0, "{}", plain.grade());
    let dense = count_piece(
        "Institutional accountability mechanisms necessitate comprehensive documentation \
         of organizational responsibilities, particularly regarding unanticipated \
         infrastructure vulnerabilities.",
    );
    assert_eq!((dense.words, dense.sentences), (14, 1));
    assert!(dense.grade() > MAX_GRADE + 10.0, "{}", dense.grade());
}

#[test]
fn syllables_are_counted_as_spoken() {
    let cases: &[(&str, usize)] = &[
        ("the", 1),
        ("maintainer", 3),
        ("organization", 5),
        ("Code", 1),
        ("don't", 1),
        ("maintainer's", 3),
        ("self-assessment", 4),
        ("TLP", 3),
        ("CVEs", 3),
        ("WWW", 9),
        ("2024", 4),
        ("48", 2),
        ("2FA", 3),
        ("(resilient)", 3),
    ];
    for &(word, expected) in cases {
        assert_eq!(syllables_of_word(word), expected, "{word}");
    }
}

#[test]
fn sentences_end_where_readers_see_them_end() {
    assert_eq!(count_piece("Tell them, e.g. by mail. Then wait.").sentences, 2);
    assert_eq!(count_piece("Ask \"who asked?\" Then act!").sentences, 2);
    assert_eq!(count_piece("A title without a full stop").sentences, 1);
    assert_eq!(count_piece("Version 1.2.3 is out.").sentences, 1);
    assert_eq!(count_piece("").sentences, 0);
    // A list entry and a paragraph are separate pieces, each ending a sentence.
    assert_eq!(count_prose("One paragraph\n\n- one entry\n- another entry").sentences, 3);
    assert_eq!(count_message("Hello,\n\n1. First thing\n- Second thing\nBye.").sentences, 4);
    assert_eq!(count_message("1. First thing").words, 2);
}

#[test]
fn addresses_are_not_words() {
    let c = count_piece("Write to security@libexample.org or see https://libexample.org/security today.");
    assert_eq!(c.words, 5, "{c:?}");
    assert!(is_address("libexample.org"));
    assert!(is_address("<mailto:a@b.org>"));
    assert!(!is_address("e.g."));
    assert!(!is_address("end."));
}

#[test]
fn the_measured_text_is_what_users_read() {
    let text = "+++\n\
id = \"example\"\n\
title = \"An example\"\n\
summary = \"Something happened.\"\n\
version = 1\n\
label = \"TLP:AMBER\"\n\
\n\
[[placeholders]]\n\
name = \"project\"\n\
description = \"The project's name\"\n\
example = \"the big red app\"\n\
+++\n\
\n\
## A section title that is not counted {#first-hour}\n\
\n\
Keep it small.\n\
\n\
### Call the owner {#call-owner}\n\
- audience: responders\n\
- label: TLP:RED\n\
- why: The account may be read.\n\
\n\
Use a number you **already** had.\n\
\n\
## Message templates {#templates}\n\
\n\
### A template name that is not counted {#holding}\n\
- label: TLP:CLEAR\n\
- audience: public\n\
- subject: About {project}\n\
\n\
```text\n\
We are looking into {project}.\n\
```\n";
    let scenario = parse_scenario("example.md", text).expect("valid");
    let c = count_scenario(&scenario);
    // Title 2, summary 2, intro 3, step 3, reason 5, detail 6, subject 5 and text 8 words, with
    // the placeholder's example filled in; headings of sections and templates are not counted.
    assert_eq!((c.words, c.sentences), (34, 8), "{c:?}");
}

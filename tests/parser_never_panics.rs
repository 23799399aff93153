//! The parser never panics and always points at a real line, whatever it is fed: 100,000
//! generated inputs made by mutating valid checklists, stress tests and drills with the
//! format's own tokens.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use crisis_comms::content::BUILT_IN;
use crisis_comms::model::parse::parse_scenario;
use proptest::prelude::*;

/// Tokens that matter to the format, plus awkward characters.
const TOKENS: &[&str] = &[
    "+++",
    "\n",
    "\n\n",
    "## ",
    "### ",
    "{#",
    "}",
    "{",
    "- ",
    "- label: ",
    "- audience: ",
    "- kind: ",
    "TLP:",
    "TLP:RED",
    "AMBER+STRICT",
    "```",
    "```text",
    "[[references]]",
    "[[placeholders]]",
    "=",
    "\"",
    "\\",
    "\\u",
    "[",
    "]",
    ",",
    "#",
    "é",
    "🙂",
    "\r",
    "\u{feff}",
    "\t",
    "\0",
    "{project}",
    "templates",
    "id = ",
    "version = 99999999999999999999",
    "url = \"javascript:x\"",
    "**",
    "*",
    "`",
    "](",
    "kind = \"drill\"",
    "- at: ",
    "- quick-at: ",
    "- steps: ",
    "- templates: ",
    "- stress: ",
    "/",
    "{#roles}",
    "{#facilitator}",
    "{#debrief}",
    "minutes = 91",
    "quick-minutes = ",
    "4294967296",
];

#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn boundary(s: &str, at: usize) -> usize {
    let mut i = at % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, e: &Edit) -> String {
    if s.is_empty() && !matches!(e, Edit::Insert(..)) {
        return s;
    }
    match *e {
        Edit::Insert(at, t) => {
            let i = boundary(&s, at);
            s.insert_str(i, TOKENS[t]);
        }
        Edit::Delete(at, n) => {
            let i = boundary(&s, at);
            let j = boundary(&s, (i + n).min(s.len()));
            if j > i {
                s.replace_range(i..j, "");
            }
        }
        Edit::DuplicateLine(a) => {
            let mut lines: Vec<&str> = s.split('\n').collect();
            let i = a % lines.len();
            lines.insert(i, lines[i]);
            s = lines.join("\n");
        }
        Edit::SwapLines(a, b) => {
            let mut lines: Vec<&str> = s.split('\n').collect();
            let n = lines.len();
            lines.swap(a % n, b % n);
            s = lines.join("\n");
        }
        Edit::Truncate(at) => {
            let i = boundary(&s, at);
            s.truncate(i);
        }
    }
    s
}

/// The built-in drills, found once for all the cases.
fn drills() -> &'static [&'static (&'static str, &'static str)] {
    static DRILLS: OnceLock<Vec<&'static (&'static str, &'static str)>> = OnceLock::new();
    DRILLS.get_or_init(|| BUILT_IN.iter().filter(|(name, _)| name.starts_with("drills/")).collect())
}

/// A small valid file (so most cases stay near the format), or a slice of a real one.
fn seed(pick: usize, from: usize) -> String {
    // One case in five starts from a drill, whose format has parts of its own.
    let drills = drills();
    let (_, text) = match pick % 5 {
        1 if !drills.is_empty() => *drills[pick / 5 % drills.len()],
        _ => BUILT_IN[pick % BUILT_IN.len()],
    };
    if pick.is_multiple_of(4) {
        return text.to_owned();
    }
    // The front matter and a window of the body keep inputs small and varied.
    let lines: Vec<&str> = text.lines().collect();
    let close = lines.iter().skip(1).position(|l| *l == "+++").map_or(0, |p| p + 1);
    let start = close + 1 + from % lines.len().saturating_sub(close + 1).max(1);
    let mut out: Vec<&str> = lines[..=close].to_vec();
    out.extend(lines.iter().skip(start).take(40));
    out.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_parser_never_panics_and_blames_a_real_line(
        pick in any::<usize>(),
        from in any::<usize>(),
        edits in proptest::collection::vec(edit(), 0..6),
    ) {
        let text = edits.iter().fold(seed(pick, from), apply);
        match parse_scenario("fuzz.md", &text) {
            Ok(s) => prop_assert!(!s.sections.is_empty() || s.drill.as_ref().is_some_and(|d| d.injects().next().is_some() && !d.debrief.is_empty())),
            Err(e) => {
                let lines = text.lines().count().max(1);
                prop_assert!(e.line >= 1 && e.line <= lines + 1, "line {} of {}: {}", e.line, lines, e.message);
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}

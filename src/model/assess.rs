//! Governance stress tests: answers to questions, and the summary that puts the weakest
//! spots first.

use super::checklist::{Item, Scenario, Shape};
use super::export::English;
use super::order;
use super::progress::Progress;
use super::tlp::Tlp;

/// An answer to a stress-test question; stored by its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// The current process would notice or slow the abuse.
    NotYet,
    /// It would, in part.
    Partly,
    /// It would.
    Resilient,
    /// The question does not apply to this project.
    NotApplicable,
}

impl Answer {
    /// Every answer, in the order they are offered.
    pub const ALL: [Answer; 4] = [Answer::Resilient, Answer::Partly, Answer::NotYet, Answer::NotApplicable];

    /// The words shown to people.
    pub const fn title(self) -> &'static str {
        match self {
            Answer::Resilient => "Resilient",
            Answer::Partly => "Partly",
            Answer::NotYet => "Not yet",
            Answer::NotApplicable => "Not applicable",
        }
    }

    /// A short stable key, for forms.
    pub const fn key(self) -> &'static str {
        match self {
            Answer::Resilient => "resilient",
            Answer::Partly => "partly",
            Answer::NotYet => "not-yet",
            Answer::NotApplicable => "not-applicable",
        }
    }
}

/// Whether `question` applies to a project of `shape` (questions without shapes apply to all).
pub fn applies(question: &Item, shape: Option<Shape>) -> bool {
    match shape {
        Some(shape) => question.applies_to.is_empty() || question.applies_to.contains(&shape),
        None => true,
    }
}

/// The answer that counts for a question: "not applicable" when it does not fit the shape.
pub fn effective_answer(question: &Item, progress: &Progress) -> Option<Answer> {
    if !applies(question, progress.shape) {
        return Some(Answer::NotApplicable);
    }
    progress.items.get(&question.id).and_then(|s| s.answer)
}

/// One weak spot: a question answered "not yet" or "partly".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeakSpot {
    /// The question.
    pub question: String,
    /// The answer given.
    pub answer: Answer,
    /// The user's note.
    pub note: String,
}

/// The summary of one stress test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The stress test's title.
    pub title: String,
    /// Counts: resilient, partly, not yet, not applicable, unanswered.
    pub resilient: usize,
    /// Answered "partly".
    pub partly: usize,
    /// Answered "not yet".
    pub not_yet: usize,
    /// Not applicable, by answer or by the project's shape.
    pub not_applicable: usize,
    /// Not answered yet.
    pub unanswered: usize,
    /// "Not yet" first, then "partly", each in question order.
    pub weakest: Vec<WeakSpot>,
}

/// Summarises the answers to one stress test.
pub fn summarize(test: &Scenario, progress: &Progress) -> Summary {
    let mut s = Summary {
        title: test.title.clone(),
        resilient: 0,
        partly: 0,
        not_yet: 0,
        not_applicable: 0,
        unanswered: 0,
        weakest: Vec::new(),
    };
    for q in test.items() {
        let answer = effective_answer(q, progress);
        match answer {
            Some(Answer::Resilient) => s.resilient += 1,
            Some(Answer::Partly) => s.partly += 1,
            Some(Answer::NotYet) => s.not_yet += 1,
            Some(Answer::NotApplicable) => s.not_applicable += 1,
            None => s.unanswered += 1,
        }
        if let Some(a @ (Answer::NotYet | Answer::Partly)) = answer {
            s.weakest.push(WeakSpot {
                question: q.text.clone(),
                answer: a,
                note: progress.note(&q.id).to_owned(),
            });
        }
    }
    // Stable sort: "not yet" before "partly", question order kept within each.
    order::sort_by(&mut s.weakest, |a, b| a.answer < b.answer);
    s
}

/// The words of a stress-test summary's Markdown copy. [`English`] has the model's own; the
/// interface gives those of the language it is read in. The label is never among them.
pub trait SummaryWords {
    /// The copy's heading: "Governance stress test summary".
    fn title(&self) -> String;
    /// The project's governance shape: "Shape of the project's governance: A single maintainer".
    fn shape(&self, shape: Shape) -> String;
    /// The table's column headings: the stress test, the four answers, unanswered.
    fn columns(&self) -> [String; 6];
    /// An answer's words.
    fn answer(&self, answer: Answer) -> String;
}

impl SummaryWords for English {
    fn title(&self) -> String {
        "Governance stress test summary".to_owned()
    }
    fn shape(&self, shape: Shape) -> String {
        format!("Shape of the project's governance: {}", shape.title())
    }
    fn columns(&self) -> [String; 6] {
        ["Stress test", "Resilient", "Partly", "Not yet", "Not applicable", "Unanswered"].map(str::to_owned)
    }
    fn answer(&self, answer: Answer) -> String {
        answer.title().to_owned()
    }
}

/// The summary of several stress tests as Markdown, with the label at the top and the bottom
/// and `words` around the answers.
pub fn summary_markdown(
    label: Tlp,
    shape: Option<Shape>,
    summaries: &[Summary],
    words: &dyn SummaryWords,
) -> String {
    let mut out = format!("{label}\n\n# {}\n\n", words.title());
    if let Some(shape) = shape {
        out.push_str(&format!("{}\n\n", words.shape(shape)));
    }
    out.push_str(&format!("| {} |\n|---|---|---|---|---|---|\n", words.columns().join(" | ")));
    for s in summaries {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            s.title, s.resilient, s.partly, s.not_yet, s.not_applicable, s.unanswered
        ));
    }
    for s in summaries.iter().filter(|s| !s.weakest.is_empty()) {
        out.push_str(&format!("\n## {}\n\n", s.title));
        for w in &s.weakest {
            out.push_str(&format!("- **{}**: {}", words.answer(w.answer), w.question));
            if !w.note.trim().is_empty() {
                out.push_str(&format!(" — {}", w.note.trim().replace('\n', " ")));
            }
            out.push('\n');
        }
    }
    out.push_str(&format!("\n{label}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse_scenario;

    const TEST: &str = "+++\nid = \"t\"\ntitle = \"Keys\"\nsummary = \"s\"\nversion = 1\nkind = \"stress-test\"\nlabel = \"TLP:AMBER+STRICT\"\n+++\n\n## Noticing {#noticing}\n\n### Would two people see it? {#two}\n- applies-to: small-group, foundation-hosted\n\n### Is it written down? {#written}\n\n### Is there a backup? {#backup}\n\n### Is there a second owner? {#second}\n";

    #[test]
    fn the_summary_counts_answers_and_puts_the_weakest_first() {
        let test = parse_scenario("t.md", TEST).unwrap();
        let mut p = Progress { shape: Some(Shape::SingleMaintainer), ..Progress::default() };
        p.set_answer("written", Answer::Partly, 1.0);
        p.set_answer("backup", Answer::NotYet, 2.0);
        p.set_note("backup", "Only I have the registry token.", 3.0);
        let s = summarize(&test, &p);
        assert_eq!((s.resilient, s.partly, s.not_yet, s.not_applicable, s.unanswered), (0, 1, 1, 1, 1));
        assert_eq!(s.weakest[0].question, "Is there a backup?");
        assert_eq!(s.weakest[0].note, "Only I have the registry token.");
        assert_eq!(s.weakest[1].answer, Answer::Partly);

        let md = summary_markdown(Tlp::AmberStrict, p.shape, &[s], &English);
        assert!(md.starts_with("TLP:AMBER+STRICT\n\n# Governance stress test summary"));
        assert!(md.contains("| Keys | 0 | 1 | 1 | 1 | 1 |"));
        assert!(md.contains("- **Not yet**: Is there a backup? — Only I have the registry token."));
        assert!(md.trim_end().ends_with("TLP:AMBER+STRICT"));
    }

    #[test]
    fn a_question_for_other_shapes_counts_as_not_applicable_not_hidden() {
        let test = parse_scenario("t.md", TEST).unwrap();
        let q = test.items().next().unwrap();
        let mut p = Progress::default();
        assert!(applies(q, p.shape));
        p.shape = Some(Shape::SingleMaintainer);
        assert!(!applies(q, p.shape));
        assert_eq!(effective_answer(q, &p), Some(Answer::NotApplicable));
        p.shape = Some(Shape::SmallGroup);
        assert_eq!(effective_answer(q, &p), None);
    }
}

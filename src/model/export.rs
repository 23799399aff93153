//! A record as Markdown: to paste into a private issue or a chat room, with its label at the
//! top and the bottom; and the words of a record's copies, its log's among them.

use super::assess::Answer;
use super::audience::{titles, Audience};
use super::checklist::{ItemKind, Scenario};
use super::debrief::{EXERCISE, EXERCISE_RECORD};
use super::progress::{KeptDecision, Status};
use super::saved::Record;
use super::template::{compose_in, is_used, MessageWords};
use super::timeline::{Entry, How};
use super::tlp::Tlp;

/// The words at the head of every copy, a record's, its log's or a drill's report: what a
/// recipient may do with it, and when it was made.
pub trait HeadWords {
    /// What whoever receives something labelled `label` may do with it.
    fn rule(&self, label: Tlp) -> String;
    /// When the copy was made: "Exported: 24 Nov 2026, 10:00".
    fn exported(&self, time: &str) -> String;
}

/// The words a copy of a record puts around what the user wrote: its headings, the state of
/// each step, who a step is for. [`English`] gives the model's own; the interface gives those
/// of the language the record is read in. The labels are never among them: they are written
/// as FIRST writes them, in every language.
pub trait RecordWords: HeadWords {
    /// The words around a message's label, in the message's own language.
    fn message(&self, label: Tlp) -> MessageWords;
    /// The checklist a record follows: "Checklist: Account takeover (version 3)".
    fn checklist(&self, title: &str, version: u32) -> String;
    /// Why the copy is labelled `label`, stricter than the record's `own`.
    fn why_stricter(&self, label: Tlp, own: Tlp) -> String;
    /// How many of a section's steps are settled: "2 of 5".
    fn count(&self, settled: usize, total: usize) -> String;
    /// The answer to a question, or that it has none.
    fn answer(&self, answer: Option<Answer>) -> String;
    /// Who a step is for and its label: "for Responders, TLP:RED".
    fn step_for(&self, audience: &[Audience], label: Tlp) -> String;
    /// The heading over the messages used.
    fn messages(&self) -> String;
    /// The heading over the labels chosen with the label framework.
    fn decisions(&self) -> String;
    /// A label chosen for the whole record: "this record".
    fn this_record(&self) -> String;
    /// A label chosen for one message: "the message “Holding statement”".
    fn the_message(&self, title: &str) -> String;
    /// A kept decision: "TLP:RED for this record, chosen with the label framework on …:".
    fn decision(&self, label: Tlp, subject: &str, time: &str) -> String;
    /// What an exercise record's copies say of it, under their heading.
    fn exercise_record(&self) -> String;
    /// The heading of a copy of the communications log.
    fn log_title(&self, name: &str) -> String;
    /// The checklist a log's record follows: "Checklist: Account takeover".
    fn log_checklist(&self, title: &str) -> String;
    /// Why a copy of the log does not name its record.
    fn name_left_out(&self) -> String;
    /// How many entries labelled stricter than `limit` a copy of the log left out (`n` > 0).
    fn left_out(&self, limit: Tlp, n: usize) -> String;
    /// What a copy of a log without entries says.
    fn no_entries(&self) -> String;
    /// Whom a log entry told: "Maintainers, Public".
    fn audiences(&self, list: &[Audience]) -> String;
    /// What a log entry was: the message's title, or how it was done.
    fn what(&self, scenario: &Scenario, entry: &Entry) -> String;
    /// Where a log entry went: ", through the security list".
    fn through(&self, channel: &str) -> String;
    /// The next update a log entry promised.
    fn next_promised(&self, time: &str) -> String;
    /// When a log entry was corrected.
    fn corrected_on(&self, time: &str) -> String;
}

/// The model's own words for a record's copies, in English.
pub struct English;

impl HeadWords for English {
    fn rule(&self, label: Tlp) -> String {
        label.recipient_rule().to_owned()
    }
    fn exported(&self, time: &str) -> String {
        format!("Exported: {time}")
    }
}

impl RecordWords for English {
    fn message(&self, label: Tlp) -> MessageWords {
        MessageWords::english(label)
    }
    fn checklist(&self, title: &str, version: u32) -> String {
        format!("Checklist: {title} (version {version})")
    }
    fn why_stricter(&self, label: Tlp, own: Tlp) -> String {
        format!(
            "This copy is labelled {label}, not {own} as the record is, because it holds notes or messages labelled {label}."
        )
    }
    fn count(&self, settled: usize, total: usize) -> String {
        format!("{settled} of {total}")
    }
    fn answer(&self, answer: Option<Answer>) -> String {
        answer.map_or("Unanswered", Answer::title).to_owned()
    }
    fn step_for(&self, audience: &[Audience], label: Tlp) -> String {
        format!("for {}, {label}", titles(audience))
    }
    fn messages(&self) -> String {
        "Messages".to_owned()
    }
    fn decisions(&self) -> String {
        "Label decisions".to_owned()
    }
    fn this_record(&self) -> String {
        "this record".to_owned()
    }
    fn the_message(&self, title: &str) -> String {
        format!("the message “{title}”")
    }
    fn decision(&self, label: Tlp, subject: &str, time: &str) -> String {
        format!("{label} for {subject}, chosen with the label framework on {time}:")
    }
    fn exercise_record(&self) -> String {
        EXERCISE_RECORD.to_owned()
    }
    fn log_title(&self, name: &str) -> String {
        format!("Communications log: {name}")
    }
    fn log_checklist(&self, title: &str) -> String {
        format!("Checklist: {title}")
    }
    fn name_left_out(&self) -> String {
        "The record's name is left out: the record is labelled stricter than this copy.".to_owned()
    }
    fn left_out(&self, limit: Tlp, n: usize) -> String {
        if n == 1 {
            format!("1 entry labelled stricter than {limit} was left out of this copy.")
        } else {
            format!("{n} entries labelled stricter than {limit} were left out of this copy.")
        }
    }
    fn no_entries(&self) -> String {
        "No entries.".to_owned()
    }
    fn audiences(&self, list: &[Audience]) -> String {
        titles(list)
    }
    fn what(&self, scenario: &Scenario, entry: &Entry) -> String {
        match (&entry.template, entry.how) {
            (Some(id), How::Copied) => match scenario.template(id) {
                Some(t) => format!("message “{}”, copied", t.title),
                None => format!("message `{id}`, copied"),
            },
            (_, how) => how.title().to_owned(),
        }
    }
    fn through(&self, channel: &str) -> String {
        format!(", through {channel}")
    }
    fn next_promised(&self, time: &str) -> String {
        format!("Next update promised by {time}.")
    }
    fn corrected_on(&self, time: &str) -> String {
        format!("Corrected on {time}.")
    }
}

/// What a kept label decision was about, in `words`: "this record" or "the message “…”".
pub fn decision_subject(scenario: &Scenario, decision: &KeptDecision, words: &dyn RecordWords) -> String {
    match &decision.template {
        None => words.this_record(),
        Some(id) => match scenario.template(id) {
            Some(t) => words.the_message(&t.title),
            None => words.the_message(id),
        },
    }
}

/// The label of a printed or exported copy of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopyLabel {
    /// The label the copy carries.
    pub label: Tlp,
    /// The record's own label.
    pub own: Tlp,
}

impl CopyLabel {
    /// The label of a copy of `record`: the record's own, or a stricter one when the copy holds
    /// notes on steps or messages labelled stricter. A note on a TLP:RED step is TLP:RED
    /// information, so a copy that holds it is TLP:RED.
    pub fn of(scenario: &Scenario, record: &Record) -> CopyLabel {
        let own = record.label(scenario.label);
        let p = &record.progress;
        let notes = scenario
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| !p.note(&i.id).trim().is_empty())
            .map(|i| i.label);
        let messages = scenario
            .templates
            .iter()
            .filter(|t| is_used(t, &p.values))
            .map(|t| p.template_labels.get(&t.id).copied().unwrap_or(t.label));
        CopyLabel { label: notes.chain(messages).fold(own, Ord::min), own }
    }

    /// The copy's label and the record's, when the copy's is stricter.
    pub fn stricter(&self) -> Option<(Tlp, Tlp)> {
        (self.label != self.own).then_some((self.label, self.own))
    }
}

/// The record as Markdown, with `words` around what the user wrote. `printed` is a local date
/// and time, written as given; `local_time` writes the time a decision was made.
pub fn record_markdown(
    scenario: &Scenario,
    record: &Record,
    words: &dyn RecordWords,
    printed: &str,
    local_time: impl Fn(f64) -> String,
) -> String {
    let copy = CopyLabel::of(scenario, record);
    let label = copy.label;
    let p = &record.progress;
    let name = if record.name.is_empty() { scenario.title.as_str() } else { record.name.as_str() };
    // The rule that binds whoever reads this copy, next to its label.
    let mut out = format!("**{label}**: {}\n\n# {name}\n\n", words.rule(label));
    out.push_str(&format!(
        "{}  \n{}\n",
        words.checklist(&scenario.title, scenario.version),
        words.exported(printed)
    ));
    if let Some((label, own)) = copy.stricter() {
        out.push_str(&format!("\n{}\n", words.why_stricter(label, own)));
    }
    for section in &scenario.sections {
        let t = p.tally_section(section);
        out.push_str(&format!("\n## {} ({})\n\n", section.title, words.count(t.settled(), t.total)));
        for item in &section.items {
            let mark = match (item.kind, p.status(&item.id)) {
                (ItemKind::Question, _) => {
                    format!("[{}]", words.answer(p.items.get(&item.id).and_then(|s| s.answer)))
                }
                (_, Status::Done) => "[x]".to_owned(),
                (_, Status::NotApplicable) => "[n/a]".to_owned(),
                (_, Status::Open) => "[ ]".to_owned(),
            };
            out.push_str(&format!("- {mark} {}", item.text));
            if item.kind != ItemKind::Question {
                out.push_str(&format!(" — {}", words.step_for(&item.audience, item.label)));
            }
            out.push('\n');
            let note = p.note(&item.id).trim();
            if !note.is_empty() {
                for line in note.lines() {
                    out.push_str(&format!("  > {line}\n"));
                }
            }
        }
    }
    let used: Vec<_> = scenario.templates.iter().filter(|t| is_used(t, &p.values)).collect();
    if !used.is_empty() {
        out.push_str(&format!("\n## {}\n", words.messages()));
        for t in used {
            let label = p.template_labels.get(&t.id).copied().unwrap_or(t.label);
            let message = compose_in(t, label, &p.values, &words.message(label)).message();
            out.push_str(&format!("\n### {}\n\n```text\n{message}\n```\n", t.title));
        }
    }
    if !p.decisions.is_empty() {
        out.push_str(&format!("\n## {}\n\n", words.decisions()));
        for d in &p.decisions {
            let subject = decision_subject(scenario, d, words);
            out.push_str(&format!("- {}\n", words.decision(d.label, &subject, &local_time(d.decided_at))));
            for reason in &d.reasons {
                out.push_str(&format!("  - {reason}\n"));
            }
        }
    }
    out.push_str(&format!("\n**{label}**\n"));
    if record.exercise {
        out = exercise_copy(&out, &words.exercise_record());
    }
    out
}

/// A Markdown copy of an exercise record, marked EXERCISE beside its label on its first and
/// last lines (never instead of the label), and said to be an exercise under its heading in
/// the words of `note`.
pub fn exercise_copy(markdown: &str, note: &str) -> String {
    let mark = format!("**{EXERCISE}** · ");
    let body = markdown.trim_end();
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    let (middle, last) = rest.rsplit_once('\n').unwrap_or(("", rest));
    let middle = match middle.split_once("\n# ") {
        Some((before, heading)) => match heading.split_once('\n') {
            Some((h, after)) => format!("{before}\n# {h}\n\n{note}\n{after}"),
            None => format!("{before}\n# {heading}\n\n{note}"),
        },
        None => format!("{middle}\n{note}\n"),
    };
    format!("{mark}{first}\n{middle}\n{mark}{last}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::saved::Saved;

    #[test]
    fn a_copy_takes_the_strictest_label_of_the_notes_and_messages_it_holds() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        let mut saved = Saved::default();
        let id = saved.start_record(&scenario, "Drill", 1.0);
        let r = saved.records.get_mut(&id).unwrap();
        let own = CopyLabel::of(&scenario, r);
        assert_eq!(own, CopyLabel { label: Tlp::AmberStrict, own: Tlp::AmberStrict });
        assert_eq!(own.stricter(), None);
        // Ticking a TLP:RED step puts nothing of it in the copy; a note on it does.
        r.progress.set_status("reach-owner", Status::Done, 2.0);
        assert_eq!(CopyLabel::of(&scenario, r).label, Tlp::AmberStrict);
        r.progress.set_note("reach-owner", "  ", 3.0);
        assert_eq!(CopyLabel::of(&scenario, r).label, Tlp::AmberStrict, "a blank note is not printed");
        r.progress.set_note("reach-owner", "Called him.", 4.0);
        assert_eq!(CopyLabel::of(&scenario, r).label, Tlp::Red);
        // A message labelled stricter than the record, once used, makes the copy stricter.
        r.progress.set_note("reach-owner", "", 5.0);
        r.progress.values.insert("project".into(), "libexample".into());
        r.progress.template_labels.insert("holding-statement".into(), Tlp::Red);
        assert_eq!(CopyLabel::of(&scenario, r).label, Tlp::Red);
        // A message relabelled looser than the record leaves the copy's label as it is.
        r.progress.set_note("reach-owner", "", 5.0);
        r.progress.values.insert("project".into(), "libexample".into());
        r.progress.template_labels.insert("holding-statement".into(), Tlp::Clear);
        assert_eq!(CopyLabel::of(&scenario, r).label, Tlp::AmberStrict);
    }

    #[test]
    fn an_exercise_record_is_marked_exercise_beside_its_label_at_both_ends() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        let mut saved = Saved::default();
        let id = saved.start_exercise(&scenario, "Spring drill", Tlp::Amber, None, 1.0);
        let r = &saved.records[&id];
        let md = record_markdown(&scenario, r, &English, "24 Nov 2026, 10:00", |ms| format!("t{ms}"));
        assert!(
            md.starts_with(&format!(
                "**EXERCISE** · **TLP:AMBER**: {}\n\n# Spring drill\n\nThis is an exercise record (a drill), not a real incident.\n",
                Tlp::Amber.recipient_rule()
            )),
            "{md}"
        );
        assert!(md.ends_with("\n**EXERCISE** · **TLP:AMBER**\n"), "{md}");
        assert_eq!(md.matches("EXERCISE").count(), 2, "{md}");
        // The same record not marked as an exercise says nothing of one.
        let mut real = r.clone();
        real.exercise = false;
        assert!(!record_markdown(&scenario, &real, &English, "", |_| String::new()).contains("EXERCISE"));
    }

    #[test]
    fn the_markdown_has_the_label_at_both_ends_and_the_states_and_notes() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        let mut saved = Saved::default();
        let id = saved.start_record(&scenario, "March incident", 1.0);
        let r = saved.records.get_mut(&id).unwrap();
        r.progress.set_status("reach-owner", Status::Done, 2.0);
        r.progress.set_status("tell-platform", Status::NotApplicable, 3.0);
        r.progress.set_note("reach-owner", "Called at 10:05.\nNot him.", 4.0);
        r.progress.values.insert("project".into(), "libexample".into());
        r.progress.decisions.push(KeptDecision {
            template: Some("holding-statement".into()),
            label: crate::model::tlp::Tlp::Clear,
            reasons: vec!["It is already public.".into()],
            decided_at: 5.0,
        });
        let md = record_markdown(&scenario, r, &English, "24 Nov 2026, 10:00", |ms| format!("t{ms}"));
        // The note on a TLP:RED step makes the whole copy TLP:RED, and it says why.
        assert!(
            md.starts_with(&format!("**TLP:RED**: {}\n\n# March incident\n", Tlp::Red.recipient_rule())),
            "{md}"
        );
        assert!(md.trim_end().ends_with("**TLP:RED**"));
        assert!(
            md.contains(
                "\nThis copy is labelled TLP:RED, not TLP:AMBER+STRICT as the record is, because it holds \
                 notes or messages labelled TLP:RED.\n"
            ),
            "{md}"
        );
        assert!(md.contains("- [x] Reach the account's owner through a second channel you already trust — for Responders, Maintainers, TLP:RED\n  > Called at 10:05.\n  > Not him.\n"), "{md}");
        assert!(md.contains("- [n/a] Ask the hosting platform"));
        assert!(md.contains("- [ ] Write down what you see"));
        assert!(md.contains("### Warning to downstream packagers"), "{md}");
        assert!(md.contains("Hold updates of libexample: a maintainer account was taken over"), "{md}");
        assert!(
            md.contains(
                "## Label decisions\n\n- TLP:CLEAR for the message “Public holding statement”, chosen with the \
                 label framework on t5:\n  - It is already public.\n"
            ),
            "{md}"
        );
    }
}

//! Progress on checklists: the state of each item, keyed by stable item id.

use serde::{Deserialize, Serialize};

use super::assess::Answer;
use super::checklist::{Scenario, Section, Shape};
use super::map::Map;
use super::timeline::Entry;
use super::tlp::Tlp;

/// Where an item stands. "Not applicable" is a decision, distinct from "done".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not yet done.
    #[default]
    Open,
    /// Done.
    Done,
    /// Decided not to apply to this situation.
    NotApplicable,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 3] = [Status::Open, Status::Done, Status::NotApplicable];

    /// The keyword kept in stored state.
    pub const fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Done => "done",
            Status::NotApplicable => "not-applicable",
        }
    }
}

/// The user's state for one item. Stored with the fields at their defaults left out; a missing
/// member reads as its default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemState {
    /// Open, done or not applicable.
    pub status: Status,
    /// Free text the user wrote for this item.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// For stress-test questions: the answer given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    /// When the item last changed, in milliseconds since the Unix epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<f64>,
}

/// Progress on one checklist. Items are keyed by id, so states of steps that a newer
/// content version removed are kept rather than dropped.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    /// Item id to state; items never touched are absent.
    pub items: Map<ItemState>,
    /// Template placeholder values, filled once per checklist.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub values: Map<String>,
    /// The record's label, when the user chose one other than the scenario's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Tlp>,
    /// Labels the user chose for templates, by template id, instead of their defaults.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub template_labels: Map<Tlp>,
    /// For stress tests: the project's governance shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape: Option<Shape>,
    /// Labels chosen with the label framework for this record or its templates, with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<KeptDecision>,
    /// The communications log: who was told what, and when (stored version 4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<Entry>,
}

/// A label chosen with the label framework and put on a record or one of its templates, kept
/// with the record so the printed and exported copies say why the label is what it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptDecision {
    /// The template it was put on, by id; `None` for the record itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The label chosen.
    pub label: Tlp,
    /// The framework's reasons, in its words.
    pub reasons: Vec<String>,
    /// When it was chosen, in milliseconds since the Unix epoch.
    pub decided_at: f64,
}

/// Counts for a progress display.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Items done.
    pub done: usize,
    /// Items marked not applicable.
    pub not_applicable: usize,
    /// All items.
    pub total: usize,
}

impl Tally {
    /// Items that are settled, one way or the other.
    pub fn settled(self) -> usize {
        self.done + self.not_applicable
    }

    /// Counts one more item, whose state is `state`.
    pub fn add(&mut self, state: &ItemState) {
        self.total += 1;
        match (state.status, state.answer) {
            (_, Some(Answer::NotApplicable)) | (Status::NotApplicable, None) => self.not_applicable += 1,
            (_, Some(_)) | (Status::Done, None) => self.done += 1,
            _ => {}
        }
    }
}

/// Progress of a checklist nobody has started.
pub static EMPTY: Progress = Progress {
    items: Map::new(),
    values: Map::new(),
    label: None,
    template_labels: Map::new(),
    shape: None,
    decisions: Vec::new(),
    timeline: Vec::new(),
};

impl Progress {
    /// The status of an item; untouched items are open.
    pub fn status(&self, item: &str) -> Status {
        self.items.get(item).map(|s| s.status).unwrap_or_default()
    }

    /// Sets an item's status and records when.
    pub fn set_status(&mut self, item: &str, status: Status, now_ms: f64) {
        let state = self.items.get_or_insert_with(item, ItemState::default);
        state.status = status;
        state.changed_at = Some(now_ms);
    }

    /// The note on an item; empty when there is none.
    pub fn note(&self, item: &str) -> &str {
        self.items.get(item).map_or("", |s| s.note.as_str())
    }

    /// Replaces the note on an item and records when.
    pub fn set_note(&mut self, item: &str, note: &str, now_ms: f64) {
        let state = self.items.get_or_insert_with(item, ItemState::default);
        state.note = note.to_owned();
        state.changed_at = Some(now_ms);
    }

    /// Sets a stress-test answer and records when.
    pub fn set_answer(&mut self, item: &str, answer: Answer, now_ms: f64) {
        let state = self.items.get_or_insert_with(item, ItemState::default);
        state.answer = Some(answer);
        state.changed_at = Some(now_ms);
    }

    /// Counts for one section.
    pub fn tally_section(&self, section: &Section) -> Tally {
        self.tally(section.items.iter().map(|i| i.id.as_str()))
    }

    /// Counts for a whole scenario.
    pub fn tally_scenario(&self, scenario: &Scenario) -> Tally {
        self.tally(scenario.items().map(|i| i.id.as_str()))
    }

    fn tally<'a>(&self, ids: impl Iterator<Item = &'a str>) -> Tally {
        let mut t = Tally::default();
        for id in ids {
            match self.items.get(id) {
                Some(state) => t.add(state),
                None => t.add(&ItemState::default()),
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_steps_done_or_not_applicable_and_questions_answered() {
        let mut p = Progress::default();
        p.set_status("done", Status::Done, 1.0);
        p.set_status("skipped", Status::NotApplicable, 1.0);
        p.set_status("reopened", Status::Done, 1.0);
        p.set_status("reopened", Status::Open, 2.0);
        p.set_answer("partly", Answer::Partly, 1.0);
        p.set_answer("does-not-apply", Answer::NotApplicable, 1.0);
        let ids = ["done", "skipped", "reopened", "partly", "does-not-apply", "never-touched"];
        let t = p.tally(ids.into_iter());
        assert_eq!(t, Tally { done: 2, not_applicable: 2, total: 6 });
        assert_eq!(t.settled(), 4);
        // The same counts item by item, as the page's cells give them.
        let mut by_state = Tally::default();
        for id in ids {
            by_state.add(p.items.get(id).unwrap_or(&ItemState::default()));
        }
        assert_eq!(by_state, t);
    }
}

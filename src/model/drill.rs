//! Tabletop drills: a rehearsal of one checklist, with roles, injects on a clock and a debrief.
//! A drill file is parsed by `parse.rs` into a `Scenario` with `ScenarioKind::Drill`, whose
//! `drill` holds these parts (its `sections` stay empty). The format is in `checklists/README.md`.

use std::sync::Arc;

use super::checklist::{Scenario, ScenarioKind};

/// The parts of a drill that a checklist does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drill {
    /// The id of the checklist the drill rehearses.
    pub scenario: String,
    /// How long the full drill takes, at most 90.
    pub minutes: u32,
    /// How long the quick variant takes, at most 15.
    pub quick_minutes: u32,
    /// Optional introduction to the roles (Markdown text).
    pub roles_intro: String,
    /// Who plays what, in order; one of them has the id `facilitator`.
    pub roles: Vec<Role>,
    /// The phases of the drill, in order, each with its injects.
    pub phases: Vec<Phase>,
    /// Optional introduction to the debrief (Markdown text).
    pub debrief_intro: String,
    /// The questions of the debrief, in order; never empty.
    pub debrief: Vec<DebriefQuestion>,
}

/// One role of a drill, such as the facilitator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// Stable identifier, unique within the drill.
    pub id: String,
    /// The role's name.
    pub title: String,
    /// What the person in this role does (Markdown text).
    pub brief: String,
}

/// A phase of a drill, such as "The first hour", with its injects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    /// Stable identifier, unique within the drill.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Optional short introduction (Markdown text).
    pub intro: String,
    /// The injects, in the order they happen; never empty.
    pub injects: Vec<Inject>,
}

/// A new fact that reaches the participants at a given minute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inject {
    /// Stable identifier, unique within the drill.
    pub id: String,
    /// What happens, in a few words.
    pub title: String,
    /// Minutes from the start of the full drill.
    pub at: u32,
    /// Minutes from the start of the quick variant; `None` when the quick variant leaves it out.
    pub quick_at: Option<u32>,
    /// Ids of the steps of the rehearsed checklist this inject calls for.
    pub steps: Vec<String>,
    /// Ids of the message templates of the rehearsed checklist this inject calls for.
    pub templates: Vec<String>,
    /// The new fact, as participants read it (Markdown text).
    pub fact: String,
    /// Questions for the participants: who to tell, with what label, what to say.
    pub prompts: Vec<String>,
}

/// One question of the debrief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DebriefQuestion {
    /// Stable identifier, unique within the drill.
    pub id: String,
    /// The question.
    pub text: String,
    /// Optional longer explanation (Markdown text).
    pub detail: String,
    /// Governance stress-test questions it touches, as `stress-test-id/question-id`.
    pub stress: Vec<StressLink>,
}

/// A link to one question of a governance stress test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StressLink {
    /// The stress test's id.
    pub test: String,
    /// The question's id within it.
    pub question: String,
}

impl StressLink {
    /// The link as a debrief point keeps it: `<stress test id>/<question id>`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.test, self.question)
    }
}

impl Drill {
    /// Every inject of every phase, in order.
    pub fn injects(&self) -> impl Iterator<Item = &Inject> {
        self.phases.iter().flat_map(|p| p.injects.iter())
    }

    /// The injects of the quick variant, in order.
    pub fn quick_injects(&self) -> impl Iterator<Item = &Inject> {
        self.injects().filter(|i| i.quick_at.is_some())
    }

    /// What in the drill does not match the library, which `find` looks scenarios up in: the
    /// checklist it rehearses, the steps and messages its injects link, the stress-test
    /// questions its debrief links. Each problem names the missing id; none means all is well.
    pub fn problems(&self, find: impl Fn(&str) -> Option<Arc<Scenario>>) -> Vec<String> {
        let mut out = Vec::new();
        match find(&self.scenario) {
            None => out.push(format!(
                "the drill rehearses `{}`, but there is no checklist with that id",
                self.scenario
            )),
            Some(s) if s.kind != ScenarioKind::Checklist => {
                out.push(format!("the drill rehearses `{}`, which is not a checklist", self.scenario))
            }
            Some(checklist) => {
                for inject in self.injects() {
                    for step in inject.steps.iter().filter(|id| !checklist.items().any(|i| &i.id == *id)) {
                        out.push(format!(
                            "the inject `{}` links the step `{step}`, which the checklist `{}` does not have",
                            inject.title, self.scenario
                        ));
                    }
                    for t in inject.templates.iter().filter(|id| checklist.template(id).is_none()) {
                        out.push(format!(
                            "the inject `{}` links the message `{t}`, which the checklist `{}` does not have",
                            inject.title, self.scenario
                        ));
                    }
                }
            }
        }
        for q in &self.debrief {
            for link in &q.stress {
                match find(&link.test).filter(|t| t.kind == ScenarioKind::StressTest) {
                    None => out.push(format!(
                        "the debrief question `{}` links `{}/{}`, but there is no stress test `{}`",
                        q.text, link.test, link.question, link.test
                    )),
                    Some(test) if !test.items().any(|i| i.id == link.question) => out.push(format!(
                        "the debrief question `{}` links `{}/{}`, but the stress test `{}` has no question `{}`",
                        q.text, link.test, link.question, link.test, link.question
                    )),
                    Some(_) => {}
                }
            }
        }
        out
    }

    /// When `inject` comes, in minutes from the start, in the full drill or the quick variant
    /// (`None` when the quick variant leaves it out).
    pub fn minute(inject: &Inject, quick: bool) -> Option<u32> {
        if quick {
            inject.quick_at
        } else {
            Some(inject.at)
        }
    }
}

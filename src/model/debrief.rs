//! A drill as it is run, kept with its record: the drill's clock (started, paused, skipped
//! ahead), the injects revealed and at which minute, the debrief (what went well, gaps, action
//! items with owners, each linked to stress-test questions) and the after-action report as
//! Markdown. Times are given by the caller, so all of it is tested without a browser.

use serde::{Deserialize, Serialize};

use super::drill::{Drill, Inject};
use super::export::{English, HeadWords};
use super::order;
use super::tlp::Tlp;

/// One minute, in milliseconds.
pub const MINUTE: f64 = 60_000.0;

/// The run of a drill, kept in its record (an exercise record of the checklist it rehearses).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DrillRun {
    /// The drill file's id.
    pub drill: String,
    /// The 15-minute variant: only the injects it names, at their quick minutes.
    #[serde(skip_serializing_if = "super::saved::is_false")]
    pub quick: bool,
    /// While the clock runs, when it last started (milliseconds since the Unix epoch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running_since: Option<f64>,
    /// Drill time that passed before the clock last started, in milliseconds.
    pub elapsed: f64,
    /// The injects revealed so far, in the order they were revealed.
    pub revealed: Vec<Revealed>,
    /// When the facilitator ended the drill.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<f64>,
    /// The debrief's points, in the order they were written.
    pub debrief: Vec<Point>,
    /// When the clock or the reveals last changed: the later copy's clock wins a merge.
    pub changed: f64,
}

/// An inject shown to the participants.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Revealed {
    /// The inject's id in the drill file.
    pub inject: String,
    /// The drill time it was revealed at, in milliseconds.
    pub at: f64,
}

/// What a debrief point is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PointKind {
    /// Something that worked.
    #[default]
    WentWell,
    /// Something missing or that broke.
    Gap,
    /// Something to do, with an owner.
    Action,
}

impl PointKind {
    /// Every kind, in the report's order.
    pub const ALL: [PointKind; 3] = [PointKind::WentWell, PointKind::Gap, PointKind::Action];

    /// The keyword kept in stored state and used in forms.
    pub const fn key(self) -> &'static str {
        match self {
            PointKind::WentWell => "went-well",
            PointKind::Gap => "gap",
            PointKind::Action => "action",
        }
    }

    /// The heading of the kind's part of the debrief.
    pub const fn title(self) -> &'static str {
        match self {
            PointKind::WentWell => "What went well",
            PointKind::Gap => "Gaps",
            PointKind::Action => "Action items",
        }
    }
}

impl std::str::FromStr for PointKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PointKind::ALL.into_iter().find(|k| k.key() == s).ok_or_else(|| format!("unknown kind `{s}`"))
    }
}

/// One point of the debrief.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Point {
    /// Stable identifier, unique across tabs.
    pub id: String,
    /// Went well, gap or action item.
    pub kind: PointKind,
    /// What was seen or is to be done.
    pub text: String,
    /// Who does it (action items).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// The governance stress-test questions it touches, as `<stress test id>/<question id>`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stress: Vec<String>,
    /// When it was removed; it stays as a removal so another tab does not bring it back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<f64>,
    /// When it last changed: the later copy wins a merge.
    pub changed: f64,
}

impl DrillRun {
    /// A new run of `drill`, not started.
    pub fn new(drill: &str, quick: bool, now: f64) -> DrillRun {
        DrillRun { drill: drill.to_owned(), quick, changed: now, ..DrillRun::default() }
    }

    /// Drill time at `now`, in milliseconds.
    pub fn elapsed_at(&self, now: f64) -> f64 {
        self.elapsed + self.running_since.map_or(0.0, |since| (now - since).max(0.0))
    }

    /// Whether the clock runs.
    pub fn running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Starts (or resumes) the clock.
    pub fn start(&mut self, now: f64) {
        if self.running_since.is_none() && self.ended.is_none() {
            self.running_since = Some(now);
            self.changed = now;
        }
    }

    /// Pauses the clock, keeping the time that passed.
    pub fn pause(&mut self, now: f64) {
        if self.running_since.is_some() {
            self.elapsed = self.elapsed_at(now);
            self.running_since = None;
            self.changed = now;
        }
    }

    /// Ends the drill: the clock stops for good and the debrief begins.
    pub fn end(&mut self, now: f64) {
        self.pause(now);
        if self.ended.is_none() {
            self.ended = Some(now);
            self.changed = now;
        }
    }

    /// Whether inject `id` was revealed.
    pub fn is_revealed(&self, id: &str) -> bool {
        self.revealed.iter().any(|r| r.inject == id)
    }

    /// Reveals inject `id` now (at most once); returns whether it was new.
    pub fn reveal(&mut self, id: &str, now: f64) -> bool {
        if self.is_revealed(id) {
            return false;
        }
        self.revealed.push(Revealed { inject: id.to_owned(), at: self.elapsed_at(now) });
        self.changed = now;
        true
    }

    /// The injects of `drill` in the variant this run plays (full or quick), in order, with
    /// their minute.
    fn timed<'a>(&self, drill: &'a Drill) -> impl Iterator<Item = (&'a Inject, f64)> {
        let quick = self.quick;
        drill.injects().filter_map(move |i| Drill::minute(i, quick).map(|m| (i, f64::from(m) * MINUTE)))
    }

    /// The injects of `drill` whose minute has come and that are not revealed yet, in order.
    pub fn due<'a>(&self, drill: &'a Drill, now: f64) -> Vec<&'a Inject> {
        let t = self.elapsed_at(now);
        self.timed(drill).filter(|(i, at)| *at <= t && !self.is_revealed(&i.id)).map(|(i, _)| i).collect()
    }

    /// Reveals what is due; returns whether anything was.
    pub fn reveal_due(&mut self, drill: &Drill, now: f64) -> bool {
        let mut any = false;
        for inject in self.due(drill, now) {
            any |= self.reveal(&inject.id, now);
        }
        any
    }

    /// Skips the clock ahead to the next inject not yet revealed and reveals it (with any
    /// other now due); returns its id, or `None` when every inject is out.
    pub fn skip_ahead(&mut self, drill: &Drill, now: f64) -> Option<String> {
        let (next, at) = self.timed(drill).find(|(i, _)| !self.is_revealed(&i.id))?;
        self.elapsed = at.max(self.elapsed_at(now));
        if self.running_since.is_some() {
            self.running_since = Some(now);
        }
        self.changed = now;
        // The clock is now at the next inject's minute at least: it is due with the others.
        self.reveal_due(drill, now);
        Some(next.id.clone())
    }

    /// The debrief's points not removed, of one kind, in order.
    pub fn points(&self, kind: PointKind) -> impl Iterator<Item = &Point> {
        self.debrief.iter().filter(move |p| p.kind == kind && p.removed.is_none())
    }

    /// Adds a point to the debrief.
    pub fn add_point(&mut self, point: Point) {
        self.debrief.push(point);
    }

    /// Marks point `id` as removed `now`.
    pub fn remove_point(&mut self, id: &str, now: f64) -> bool {
        let Some(p) = self.debrief.iter_mut().find(|p| p.id == id && p.removed.is_none()) else {
            return false;
        };
        p.removed = Some(now);
        p.changed = now;
        true
    }
}

/// Combines two copies of a run (this tab's `mine`, another's `theirs`): the clock of the copy
/// that changed last, every inject revealed in either, every debrief point of either (of a point
/// in both, the copy changed last).
pub fn merge(mine: &mut DrillRun, theirs: &DrillRun) {
    if theirs.changed > mine.changed {
        mine.running_since = theirs.running_since;
        mine.elapsed = theirs.elapsed;
        mine.changed = theirs.changed;
    }
    mine.ended = match (mine.ended, theirs.ended) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if let Some(end) = mine.ended {
        if let Some(since) = mine.running_since.take() {
            mine.elapsed += (end - since).max(0.0);
        }
    }
    for r in &theirs.revealed {
        if !mine.is_revealed(&r.inject) {
            mine.revealed.push(r.clone());
        }
    }
    order::sort_by(&mut mine.revealed, |a, b| a.at < b.at);
    for t in &theirs.debrief {
        match mine.debrief.iter_mut().find(|p| p.id == t.id) {
            None => mine.debrief.push(t.clone()),
            Some(p) if t.changed > p.changed => *p = t.clone(),
            Some(_) => {}
        }
    }
}

/// Whether `other` (another tab's copy of this run) lacks something this copy holds: an inject
/// revealed, a debrief point or a newer change of one, or an earlier end. Then this tab writes
/// again, as for log entries; [`merge`] only ever adds, so the writes stop.
pub fn has_missing_from(mine: &DrillRun, other: &DrillRun) -> bool {
    let ended = match (mine.ended, other.ended) {
        (Some(_), None) => true,
        (Some(a), Some(b)) => a < b,
        _ => false,
    };
    ended
        || mine.revealed.iter().any(|r| !other.is_revealed(&r.inject))
        || mine
            .debrief
            .iter()
            .any(|p| other.debrief.iter().find(|t| t.id == p.id).is_none_or(|t| t.changed < p.changed))
}

/// A drill time as minutes and seconds: "12:05".
pub fn clock_text(ms: f64) -> String {
    let s = (ms.max(0.0) / 1000.0).floor() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The words that mark every page and copy of an exercise record.
pub const EXERCISE: &str = "EXERCISE";

/// What an exercise record's copies say of it, under their heading.
pub const EXERCISE_RECORD: &str = "This is an exercise record (a drill), not a real incident.";

/// What the after-action report needs to know about the drill, in words.
pub struct ReportFacts<'a> {
    /// The drill's title.
    pub drill: &'a str,
    /// The quick variant's length in minutes, when the run plays it.
    pub quick: Option<u32>,
    /// The checklist it rehearses, with its version.
    pub checklist: (&'a str, u32),
    /// The record's name.
    pub name: &'a str,
    /// The report's label.
    pub label: Tlp,
    /// The injects revealed, as (drill time in ms, title), in order.
    pub injects: Vec<(f64, String)>,
    /// The decisions the scribe noted, as (drill time or local time in words, text).
    pub notes: Vec<(String, String)>,
    /// A stress-test question key to its words ("Stress test: question").
    pub stress_title: &'a dyn Fn(&str) -> String,
    /// When the report was written, in local time.
    pub printed: &'a str,
}

/// The words of an after-action report's Markdown copy. [`English`] has the model's own; the
/// interface gives those of the language it is read in. EXERCISE and the label are never among
/// them.
pub trait ReportWords: HeadWords {
    /// The report's heading, with the record's name.
    fn title(&self, name: &str) -> String;
    /// That the drill was an exercise.
    fn was_exercise(&self) -> String;
    /// The drill's title, with the variant played when it was the quick one.
    fn drill(&self, title: &str, quick: Option<u32>) -> String;
    /// The checklist rehearsed, with its version.
    fn checklist(&self, title: &str, version: u32) -> String;
    /// How long the drill ran, on its own clock.
    fn drill_time(&self, time: &str) -> String;
    /// The heading over the injects revealed.
    fn injects(&self) -> String;
    /// What the report says when no inject was revealed.
    fn none_revealed(&self) -> String;
    /// The heading over the decisions the scribe noted.
    fn decisions_noted(&self) -> String;
    /// The heading over one kind of debrief point.
    fn point(&self, kind: PointKind) -> String;
    /// Who owns an action item: "(owner: Sam)".
    fn owner(&self, owner: &str) -> String;
    /// A stress-test question a point touches.
    fn stress_test(&self, question: &str) -> String;
    /// What the report says under a kind of point with none.
    fn none_written(&self) -> String;
}

impl ReportWords for English {
    fn title(&self, name: &str) -> String {
        format!("After-action report: {name}")
    }
    fn was_exercise(&self) -> String {
        "This was an exercise, not a real incident.".to_owned()
    }
    fn drill(&self, title: &str, quick: Option<u32>) -> String {
        match quick {
            Some(minutes) => format!("Drill: {title} ({minutes}-minute variant)"),
            None => format!("Drill: {title}"),
        }
    }
    fn checklist(&self, title: &str, version: u32) -> String {
        format!("Checklist rehearsed: {title} (version {version})")
    }
    fn drill_time(&self, time: &str) -> String {
        format!("Drill time: {time}")
    }
    fn injects(&self) -> String {
        "Injects".to_owned()
    }
    fn none_revealed(&self) -> String {
        "None was revealed.".to_owned()
    }
    fn decisions_noted(&self) -> String {
        "Decisions noted".to_owned()
    }
    fn point(&self, kind: PointKind) -> String {
        kind.title().to_owned()
    }
    fn owner(&self, owner: &str) -> String {
        format!("(owner: {owner})")
    }
    fn stress_test(&self, question: &str) -> String {
        format!("Stress test: {question}")
    }
    fn none_written(&self) -> String {
        "None written.".to_owned()
    }
}

/// The after-action report as Markdown, with `words` around what the team wrote: EXERCISE and
/// the label at the top and the bottom.
pub fn report_markdown(run: &DrillRun, facts: &ReportFacts<'_>, words: &dyn ReportWords) -> String {
    let label = facts.label;
    let mut out =
        format!("**{EXERCISE}** · **{label}**: {}\n\n# {}\n\n", words.rule(label), words.title(facts.name));
    let (checklist, version) = facts.checklist;
    out.push_str(&format!(
        "{}  \n{}  \n{}  \n{}  \n{}\n",
        words.was_exercise(),
        words.drill(facts.drill, facts.quick),
        words.checklist(checklist, version),
        words.drill_time(&clock_text(run.elapsed)),
        words.exported(facts.printed)
    ));
    out.push_str(&format!("\n## {}\n\n", words.injects()));
    if facts.injects.is_empty() {
        out.push_str(&format!("{}\n", words.none_revealed()));
    }
    for (at, title) in &facts.injects {
        out.push_str(&format!("- {} — {title}\n", clock_text(*at)));
    }
    if !facts.notes.is_empty() {
        out.push_str(&format!("\n## {}\n\n", words.decisions_noted()));
        for (when, text) in &facts.notes {
            out.push_str(&format!("- {when} — {text}\n"));
        }
    }
    for kind in PointKind::ALL {
        out.push_str(&format!("\n## {}\n\n", words.point(kind)));
        let mut any = false;
        for p in run.points(kind) {
            any = true;
            out.push_str(&format!("- {}", p.text));
            if !p.owner.is_empty() {
                out.push_str(&format!(" {}", words.owner(&p.owner)));
            }
            out.push('\n');
            for s in &p.stress {
                out.push_str(&format!("  - {}\n", words.stress_test(&(facts.stress_title)(s))));
            }
        }
        if !any {
            out.push_str(&format!("{}\n", words.none_written()));
        }
    }
    out.push_str(&format!("\n**{EXERCISE}** · **{label}**\n"));
    out
}

/// A quick drill's run with one action item, and its report's facts: for tests of the report.
#[cfg(test)]
pub(crate) fn with_sample_report(check: impl FnOnce(&DrillRun, &ReportFacts<'_>)) {
    let mut run = DrillRun::new("d", true, 0.0);
    run.elapsed = 14.0 * MINUTE + 5000.0;
    run.add_point(Point {
        id: "p".into(),
        kind: PointKind::Action,
        text: "Write the spokesperson rota".into(),
        owner: "Sam".into(),
        stress: vec!["single-key-holder/who-else".into()],
        changed: 1.0,
        ..Point::default()
    });
    let title = |k: &str| format!("«{k}»");
    let facts = ReportFacts {
        drill: "Takeover drill",
        quick: Some(15),
        checklist: ("Account compromise", 3),
        name: "Spring drill",
        label: Tlp::Amber,
        injects: vec![
            (0.0, "The account posts a new release".into()),
            (3.0 * MINUTE, "A journalist asks".into()),
        ],
        notes: vec![("3:10".into(), "Holding statement at TLP:CLEAR".into())],
        stress_title: &title,
        printed: "1 Dec 2026, 10:00",
    };
    check(&run, &facts);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A drill with injects at minutes 0, 10 and 25, in the full drill and the quick variant.
    fn injects() -> Drill {
        let inject = |id: &str, at: u32| Inject {
            id: id.into(),
            title: id.into(),
            at,
            quick_at: Some(at),
            steps: Vec::new(),
            templates: Vec::new(),
            fact: String::new(),
            prompts: Vec::new(),
        };
        Drill {
            scenario: "c".into(),
            minutes: 60,
            quick_minutes: 15,
            roles_intro: String::new(),
            roles: Vec::new(),
            phases: vec![crate::model::drill::Phase {
                id: "p".into(),
                title: "P".into(),
                intro: String::new(),
                injects: vec![inject("a", 0), inject("b", 10), inject("c", 25)],
            }],
            debrief_intro: String::new(),
            debrief: Vec::new(),
        }
    }

    #[test]
    fn the_clock_runs_pauses_and_reveals_injects_at_their_minute_in_order() {
        let list = injects();
        let mut run = DrillRun::new("d", false, 0.0);
        assert_eq!(run.elapsed_at(5.0 * MINUTE), 0.0, "not started");
        run.start(1000.0);
        assert!(run.reveal_due(&list, 1000.0));
        assert_eq!(run.revealed, vec![Revealed { inject: "a".into(), at: 0.0 }]);
        assert!(!run.reveal_due(&list, 1000.0 + 9.0 * MINUTE));
        run.pause(1000.0 + 9.0 * MINUTE);
        // Paused, the clock stands still however long the pause.
        assert_eq!(run.elapsed_at(1000.0 + 60.0 * MINUTE), 9.0 * MINUTE);
        assert!(run.due(&list, 1000.0 + 60.0 * MINUTE).is_empty());
        run.start(100.0 * MINUTE);
        assert_eq!(run.due(&list, 101.0 * MINUTE).iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["b"]);
        assert!(run.reveal_due(&list, 101.0 * MINUTE));
        assert_eq!(run.revealed[1], Revealed { inject: "b".into(), at: 10.0 * MINUTE });
        assert!(!run.reveal("b", 102.0 * MINUTE), "revealed once");
    }

    #[test]
    fn skipping_ahead_moves_the_clock_to_the_next_inject_and_reveals_on_demand() {
        let list = injects();
        let mut run = DrillRun::new("d", true, 0.0);
        run.start(0.0);
        assert_eq!(run.skip_ahead(&list, 0.0).as_deref(), Some("a"));
        assert_eq!(run.skip_ahead(&list, MINUTE).as_deref(), Some("b"));
        assert_eq!(run.elapsed_at(MINUTE), 10.0 * MINUTE);
        assert_eq!(run.elapsed_at(2.0 * MINUTE), 11.0 * MINUTE, "and runs on from there");
        // Revealing one out of order, on demand, does not move the clock.
        assert!(run.reveal("c", 2.0 * MINUTE));
        assert_eq!(run.revealed.last().unwrap().at, 11.0 * MINUTE);
        assert_eq!(run.skip_ahead(&list, 3.0 * MINUTE), None, "all out");
        run.end(4.0 * MINUTE);
        assert!(!run.running());
        run.start(5.0 * MINUTE);
        assert!(!run.running(), "an ended drill does not start again");
    }

    #[test]
    fn two_copies_merge_reveals_points_and_the_latest_clock() {
        let mut mine = DrillRun::new("d", false, 0.0);
        let mut theirs = mine.clone();
        mine.start(10.0);
        mine.reveal("a", 20.0);
        theirs.reveal("b", 5.0);
        theirs.add_point(Point {
            id: "p1".into(),
            kind: PointKind::Gap,
            text: "No backup spokesperson".into(),
            changed: 30.0,
            ..Point::default()
        });
        mine.add_point(Point {
            id: "p2".into(),
            kind: PointKind::Action,
            text: "Name one".into(),
            owner: "Ana".into(),
            changed: 31.0,
            ..Point::default()
        });
        let mut other = theirs.clone();
        merge(&mut mine, &theirs);
        assert_eq!(mine.running_since, Some(10.0), "the later clock");
        // In drill-time order: "b" was revealed before the clock started, "a" 10 ms into it.
        assert_eq!(mine.revealed.iter().map(|r| r.inject.as_str()).collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(mine.debrief.len(), 2);
        other.remove_point("p1", 40.0);
        merge(&mut mine, &other);
        assert_eq!(mine.points(PointKind::Gap).count(), 0, "the removal wins");
        assert_eq!(mine.points(PointKind::Action).count(), 1);
    }

    #[test]
    fn the_clock_changed_last_wins_and_an_end_elsewhere_stops_a_running_clock() {
        let mut mine = DrillRun::new("d", false, 0.0);
        mine.start(10.0);
        let mut theirs = mine.clone();
        theirs.pause(50.0);
        merge(&mut mine, &theirs);
        assert_eq!((mine.running_since, mine.elapsed), (None, 40.0), "the other tab paused later");
        mine.start(100.0);
        let mut other = mine.clone();
        other.end(130.0);
        // This tab started its clock again after the other tab ended the drill.
        mine.pause(120.0);
        mine.start(140.0);
        merge(&mut mine, &other);
        assert_eq!(mine.ended, Some(130.0));
        assert!(!mine.running(), "an ended drill's clock stands still");
        assert_eq!(mine.elapsed_at(500.0), mine.elapsed_at(1000.0));
    }

    #[test]
    fn the_report_is_marked_exercise_with_its_label_at_both_ends() {
        with_sample_report(|run, facts| {
            let md = report_markdown(run, facts, &English);
            assert!(md.starts_with("**EXERCISE** · **TLP:AMBER**: "), "{md}");
            assert!(md.ends_with("\n**EXERCISE** · **TLP:AMBER**\n"), "{md}");
            assert!(md.contains("Drill: Takeover drill (15-minute variant)"), "{md}");
            assert!(md.contains("Drill time: 14:05"), "{md}");
            assert!(md.contains("- 3:00 — A journalist asks\n"), "{md}");
            assert!(md.contains("- 3:10 — Holding statement at TLP:CLEAR\n"), "{md}");
            assert!(md.contains("## What went well\n\nNone written.\n"), "{md}");
            assert!(
            md.contains(
                "- Write the spokesperson rota (owner: Sam)\n  - Stress test: «single-key-holder/who-else»\n"
            ),
            "{md}"
        );
        });
    }

    #[test]
    fn a_copy_that_lacks_a_reveal_a_point_or_the_end_is_written_again_until_both_agree() {
        let mut mine = DrillRun::default();
        let other = mine.clone();
        assert!(!has_missing_from(&mine, &other));
        mine.revealed.push(Revealed { inject: "first".into(), at: 1.0 });
        assert!(has_missing_from(&mine, &other), "a reveal");
        let mut theirs = other.clone();
        merge(&mut theirs, &mine);
        assert!(!has_missing_from(&mine, &theirs), "merged, nothing is missing");
        mine.debrief.push(Point { id: "p1".into(), text: "Gap".into(), changed: 5.0, ..Point::default() });
        assert!(has_missing_from(&mine, &theirs), "a point");
        merge(&mut theirs, &mine);
        assert!(!has_missing_from(&mine, &theirs));
        mine.debrief[0].changed = 6.0;
        assert!(has_missing_from(&mine, &theirs), "a newer change of a point");
        merge(&mut theirs, &mine);
        mine.ended = Some(9.0);
        assert!(has_missing_from(&mine, &theirs), "the end");
        merge(&mut theirs, &mine);
        assert!(!has_missing_from(&mine, &theirs));
        assert!(!has_missing_from(&theirs, &mine), "both agree");
    }
}

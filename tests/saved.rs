//! Stored state: every released format version migrates (one fixture per version under
//! `tests/fixtures/`), round trips hold for generated states, and reading any text — a
//! damaged store or a hostile import — never panics (100,000 generated cases).
#![cfg(not(target_arch = "wasm32"))]

use crisis_comms::model::assess::Answer;
use crisis_comms::model::audience::Audience;
use crisis_comms::model::checklist::Shape;
use crisis_comms::model::debrief::{DrillRun, Point, PointKind, Revealed};
use crisis_comms::model::decide::{Archive, Readers};
use crisis_comms::model::progress::{ItemState, KeptDecision, Progress, Status};
use crisis_comms::model::saved::{decode, encode, encode_pretty, Record, Saved, VERSION};
use crisis_comms::model::timeline::Entry;
use crisis_comms::model::timeline::{last_told, How, Promise};
use crisis_comms::model::tlp::Tlp;
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name),
    )
    .expect("fixture")
}

#[test]
fn version_1_migrates_to_records() {
    let saved = decode(&fixture("saved-v1.json")).expect("v1 reads");
    assert_eq!(saved.records.len(), 1);
    let record = saved.current_record("account-compromise").expect("shown for its scenario");
    assert_eq!(record.scenario, "account-compromise");
    assert_eq!(record.progress.status("reach-owner"), Status::Done);
    assert_eq!(record.progress.status("tell-platform"), Status::NotApplicable);
    assert_eq!(record.progress.note("tell-platform"), "They locked it within the hour.");
    assert_eq!(record.progress.values["project"], "libexample");
    assert_eq!(record.updated, 1_764_000_100_000.0);
}

#[test]
fn version_2_reads_as_it_was_written_and_keeps_removed_steps() {
    let saved = decode(&fixture("saved-v2.json")).expect("v2 reads");
    let record = &saved.records["r19ab2c3d4e5"];
    assert_eq!(record.name, "March incident");
    assert_eq!(record.progress.label, Some(Tlp::Red));
    assert_eq!(record.progress.note("a-step-removed-in-a-later-version"), "kept");
    assert_eq!(saved.last_backup, Some(1_764_000_300_000.0));
    // Written again, it is in the current version and reads back the same.
    assert!(encode(&saved).contains(&format!("\"version\":{VERSION}")));
    assert_eq!(decode(&encode(&saved)), Ok(saved));
}

#[test]
fn version_3_keeps_the_label_decisions_with_the_record() {
    let saved = decode(&fixture("saved-v3.json")).expect("v3 reads");
    let p = &saved.records["r19ab2c3d4e5"].progress;
    assert_eq!(p.decisions.len(), 2);
    assert_eq!(p.decisions[0].template, None);
    assert_eq!(p.decisions[0].label, Tlp::Red);
    assert!(p.decisions[0].reasons[0].contains("has not agreed"));
    assert_eq!(p.decisions[1].template.as_deref(), Some("holding-statement"));
    assert_eq!(p.template_labels["holding-statement"], Tlp::Clear);
    assert_eq!(decode(&encode(&saved)), Ok(saved));
}

#[test]
fn version_4_keeps_the_communications_log_and_the_projects_channels() {
    let saved = decode(&fixture("saved-v4.json")).expect("v4 reads");
    let t = &saved.records["r19ab2c3d4e5"].progress.timeline;
    assert_eq!(t.len(), 3);
    assert_eq!(t[0].how, How::Copied);
    assert_eq!(t[0].template.as_deref(), Some("holding-statement"));
    assert_eq!(t[0].audience, [Audience::Public]);
    assert_eq!(t[0].channel, "The forum");
    assert_eq!(t[1].note, "Called the two maintainers.");
    assert_eq!(t[1].corrected, Some(1_764_000_500_000.0));
    assert!(t[2].removed.is_some());
    // The public was promised an update at 1,764,003,600,000 ms.
    let public =
        |now| last_told(t, now).into_iter().find(|x| x.audience == Audience::Public).unwrap().promise;
    assert_eq!(public(1_764_003_000_000.0), Some(Promise::Due(1_764_003_600_000.0)));
    assert_eq!(public(1_764_004_000_000.0), Some(Promise::Overdue(1_764_003_600_000.0)));
    let forum = &saved.channels["c1"];
    assert_eq!((forum.readers, forum.archive, forum.label), (Readers::Anyone, Archive::Public, Tlp::Clear));
    assert!(!forum.check(Tlp::Amber).fits);
    assert_eq!(decode(&encode(&saved)), Ok(saved));
}

#[test]
fn versions_before_4_read_with_an_empty_log_and_no_channels() {
    for v in 1..4 {
        let saved = decode(&fixture(&format!("saved-v{v}.json"))).expect("reads");
        assert!(saved.channels.is_empty());
        assert!(saved.records.values().all(|r| r.progress.timeline.is_empty()), "version {v}");
    }
}

#[test]
fn version_5_keeps_exercise_records_with_their_drill_run_and_debrief() {
    use crisis_comms::model::debrief::PointKind;
    let saved = decode(&fixture("saved-v5.json")).expect("v5 reads");
    assert!(!saved.records["r19ab2c3d4e5"].exercise, "a record not marked is no exercise");
    let drill = &saved.records["r19ab2c3d5a0"];
    assert!(drill.exercise);
    let run = drill.drill.as_ref().expect("its drill run");
    assert_eq!(run.drill, "social-engineering-takeover-drill");
    assert!(run.quick && !run.running() && run.ended.is_some());
    assert_eq!(
        run.revealed.iter().map(|r| r.inject.as_str()).collect::<Vec<_>>(),
        ["helper-offers", "chorus"]
    );
    assert_eq!(run.points(PointKind::Action).next().map(|p| p.owner.as_str()), Some("Dana"));
    assert_eq!(run.points(PointKind::Gap).count(), 0, "the removed point stays removed");
    assert_eq!(drill.progress.timeline.len(), 1);
    assert_eq!(decode(&encode(&saved)), Ok(saved));
    // Versions before 5 have no exercise records.
    for v in 1..5 {
        let older = decode(&fixture(&format!("saved-v{v}.json"))).expect("reads");
        assert!(older.records.values().all(|r| !r.exercise && r.drill.is_none()), "version {v}");
    }
}

#[test]
fn every_fixture_version_up_to_the_current_one_exists() {
    for v in 1..=VERSION {
        assert!(decode(&fixture(&format!("saved-v{v}.json"))).is_ok(), "fixture for version {v}");
    }
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![Just(Status::Open), Just(Status::Done), Just(Status::NotApplicable)]
}

fn label() -> impl Strategy<Value = Tlp> {
    prop::sample::select(Tlp::ALL.to_vec())
}

/// Whole milliseconds, as the app records times.
fn time() -> impl Strategy<Value = f64> {
    (0u64..1 << 45).prop_map(|t| t as f64)
}

fn item() -> impl Strategy<Value = ItemState> {
    (
        status(),
        any::<String>(),
        prop::option::of(prop::sample::select(Answer::ALL.to_vec())),
        prop::option::of(time()),
    )
        .prop_map(|(status, note, answer, changed_at)| ItemState { status, note, answer, changed_at })
}

fn decision() -> impl Strategy<Value = KeptDecision> {
    (prop::option::of("[a-z-]{1,8}"), label(), prop::collection::vec(any::<String>(), 0..3), time()).prop_map(
        |(template, label, reasons, decided_at)| KeptDecision { template, label, reasons, decided_at },
    )
}

fn progress() -> impl Strategy<Value = Progress> {
    (
        prop::collection::btree_map(any::<String>(), item(), 0..6),
        prop::collection::btree_map("[a-z-]{1,8}", any::<String>(), 0..3),
        prop::option::of(label()),
        prop::collection::btree_map("[a-z-]{1,8}", label(), 0..3),
        prop::option::of(prop::sample::select(Shape::ALL.to_vec())),
        prop::collection::vec(decision(), 0..3),
        prop::collection::vec(entry(), 0..3),
    )
        .prop_map(|(items, values, label, template_labels, shape, decisions, mut timeline)| {
            // Each log entry's id once, as the app makes them (unique across tabs).
            let mut ids = std::collections::BTreeSet::new();
            timeline.retain(|e| ids.insert(e.id.clone()));
            Progress {
                items: items.into_iter().collect(),
                values: values.into_iter().collect(),
                label,
                template_labels: template_labels.into_iter().collect(),
                shape,
                decisions,
                timeline,
            }
        })
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        "e[0-9a-f]{1,8}",
        time(),
        prop::sample::select(vec![How::Copied, How::Message, How::Call, How::Meeting]),
        prop::collection::vec(prop::sample::select(Audience::ALL.to_vec()), 0..3),
        label(),
        any::<String>(),
        prop::option::of(time()),
        prop::option::of(time()),
    )
        .prop_map(|(id, at, how, audience, label, note, next_update, removed)| Entry {
            id,
            at,
            how,
            audience,
            label,
            note,
            next_update,
            removed,
            changed: at,
            ..Entry::default()
        })
}

/// Injects revealed, each at most once (as [`DrillRun::reveal`] keeps them).
fn revealed() -> impl Strategy<Value = Vec<Revealed>> {
    prop::collection::btree_map("[a-z-]{1,8}", time(), 0..4)
        .prop_map(|r| r.into_iter().map(|(inject, at)| Revealed { inject, at }).collect())
}

/// Debrief points, each id once (ids are unique across tabs).
fn points() -> impl Strategy<Value = Vec<Point>> {
    prop::collection::btree_map("p[0-9a-f]{1,8}", point(), 0..4)
        .prop_map(|p| p.into_iter().map(|(id, point)| Point { id, ..point }).collect())
}

fn point() -> impl Strategy<Value = Point> {
    (
        prop::sample::select(PointKind::ALL.to_vec()),
        any::<String>(),
        prop_oneof![Just(String::new()), any::<String>()],
        prop::collection::vec("[a-z-]{1,8}/[a-z-]{1,8}", 0..3),
        prop::option::of(time()),
        time(),
    )
        .prop_map(|(kind, text, owner, stress, removed, changed)| Point {
            id: String::new(),
            kind,
            text,
            owner,
            stress,
            removed,
            changed,
        })
}

/// A drill run at any point: not started, running, paused or ended, with reveals and a debrief.
fn drill_run() -> impl Strategy<Value = DrillRun> {
    (
        "[a-z-]{1,12}",
        any::<bool>(),
        prop::option::of(time()),
        time(),
        revealed(),
        prop::option::of(time()),
        points(),
        time(),
    )
        .prop_map(|(drill, quick, running_since, elapsed, revealed, ended, debrief, changed)| DrillRun {
            drill,
            quick,
            running_since,
            elapsed,
            revealed,
            ended,
            debrief,
            changed,
        })
}

fn record() -> impl Strategy<Value = Record> {
    (
        "[a-z0-9-]{1,12}",
        any::<String>(),
        any::<u32>(),
        time(),
        time(),
        any::<bool>(),
        progress(),
        any::<bool>(),
        prop::option::of(drill_run()),
    )
        .prop_map(
            |(id, name, scenario_version, created, updated, archived, progress, exercise, drill)| {
                Record {
                    id,
                    name,
                    scenario: "account-compromise".into(),
                    scenario_version,
                    created,
                    updated,
                    archived,
                    progress,
                    // A drill's record is always an exercise; an exercise may have no drill.
                    exercise: exercise || drill.is_some(),
                    drill,
                }
            },
        )
}

fn saved() -> impl Strategy<Value = Saved> {
    (
        prop::collection::vec(record(), 0..4),
        prop::collection::btree_map(any::<String>(), time(), 0..3),
        prop::option::of(time()),
    )
        .prop_map(|(records, deleted, last_backup)| {
            let mut s = Saved { deleted: deleted.into_iter().collect(), last_backup, ..Saved::default() };
            for r in records {
                s.current.insert(r.scenario.clone(), r.id.clone());
                s.records.insert(r.id.clone(), r);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_state_round_trips_through_both_encodings(s in saved()) {
        prop_assert_eq!(decode(&encode(&s)), Ok(s.clone()));
        prop_assert_eq!(decode(&encode_pretty(&s)), Ok(s));
    }

    /// What another tab wrote, merged in, is all kept (records, log entries, drill runs' reveals,
    /// debrief points and ends): that tab has nothing to write again, so the writes stop.
    #[test]
    fn a_merge_keeps_everything_the_other_tab_wrote(mine in saved(), other in saved()) {
        // The other tab's copies of records of this one (their drill runs and logs combine), and
        // a record of its own when it has more.
        let ids: Vec<String> = mine.records.iter().map(|(id, _)| id.clone()).collect();
        let mut theirs = Saved { records: Default::default(), ..other.clone() };
        for (n, r) in other.records.values().enumerate() {
            let id = ids.get(n).cloned().unwrap_or_else(|| r.id.clone());
            theirs.records.insert(id.clone(), Record { id, ..r.clone() });
        }
        let mut merged = mine;
        merged.merge(&theirs);
        prop_assert!(!theirs.has_entries_missing_from(&merged), "{:?}\nmerged: {:?}", theirs, merged);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn reading_any_text_never_panics(
        at in any::<usize>(),
        cut in 0usize..60,
        insert in prop::sample::select(vec!["", "{", "}", "\"", "null", "[]", "99", "\"x\"", "-1e999", "\\u0000", "🙂", ",", ":"]),
        which in 0usize..2,
    ) {
        let base = if which == 0 { fixture("saved-v1.json") } else { fixture("saved-v2.json") };
        let mut text = base;
        let mut i = at % (text.len() + 1);
        while !text.is_char_boundary(i) { i -= 1; }
        let mut j = (i + cut).min(text.len());
        while !text.is_char_boundary(j) { j -= 1; }
        text.replace_range(i..j, insert);
        // The property is that this returns at all: any text gets a value or an error, never a panic.
        let _ = decode(&text);
    }
}

//! What is kept on the device: records, in a versioned envelope, with migrations from every
//! earlier version, and the merge that lets two tabs edit at once.
//!
//! The envelope carries a format name and a version, so data written by a newer release is
//! recognised and never overwritten, and foreign data under our key is never misread. The same
//! envelope is the JSON backup file.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::channels::{self, ProjectChannel};
use super::checklist::Scenario;
use super::debrief::{self, DrillRun};
use super::map::Map;
use super::order;
use super::progress::{Progress, Tally, EMPTY};
use super::timeline;
use super::tlp::Tlp;

/// The envelope's format name.
pub const FORMAT: &str = "crisis-comms";
/// The envelope version this release writes. Version 1 kept one progress per scenario;
/// version 2 keeps named records; version 3 adds the label decisions kept with a record (a
/// release that knows only version 2 would drop them, so it must not write version 3 data);
/// version 4 adds each record's communications log and the project's own channels; version 5
/// adds exercise records and the drill run kept with one (a release that knows only version 4
/// would drop the exercise mark, and a drill would then read as a real incident).
pub const VERSION: u32 = 5;

/// Which record a checklist's steps read and write.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordOf {
    /// The record a checklist's page shows, by the checklist's id (one is started on the first
    /// change when there is none).
    Shown(String),
    /// One record by its id, whatever its checklist's page shows: a drill run's exercise record.
    Id(String),
}

/// One checklist or stress test in progress: named, labelled, dated. A member missing from the
/// stored form reads as its default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    /// Stable identifier.
    pub id: String,
    /// The name the user gave it.
    pub name: String,
    /// The scenario (or stress test) it follows.
    pub scenario: String,
    /// The scenario's content version when the record was started.
    pub scenario_version: u32,
    /// When it was created, in milliseconds since the Unix epoch.
    pub created: f64,
    /// When anything in it last changed.
    pub updated: f64,
    /// Archived records are kept but listed apart.
    pub archived: bool,
    /// The state of its items, its values and its label.
    pub progress: Progress,
    /// A drill or other exercise, never a real incident: marked EXERCISE wherever it shows
    /// (version 5).
    #[serde(skip_serializing_if = "is_false")]
    pub exercise: bool,
    /// The drill this exercise record runs: its clock, the injects revealed, the debrief
    /// (version 5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drill: Option<DrillRun>,
}

/// For serde: a flag left out of the stored JSON while it is false.
pub(super) fn is_false(b: &bool) -> bool {
    !*b
}

impl Record {
    /// The record's label: the one chosen by the user, or the scenario's default.
    pub fn label(&self, default: Tlp) -> Tlp {
        self.progress.label.unwrap_or(default)
    }
}

/// Everything stored for one namespace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// Record id to record.
    pub records: Map<Record>,
    /// For each scenario, the record its page shows.
    pub current: Map<String>,
    /// Ids of deleted records, with when, so another tab does not bring them back.
    pub deleted: Map<f64>,
    /// When the last JSON backup was exported.
    pub last_backup: Option<f64>,
    /// The project's own channels, kept on this device, by id (version 4).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub channels: Map<ProjectChannel>,
}

impl Saved {
    /// The progress of the record shown for `scenario`, if there is one.
    pub fn progress_for(&self, scenario: &str) -> Option<&Progress> {
        self.current.get(scenario).and_then(|id| self.records.get(id)).map(|r| &r.progress)
    }

    /// The progress shown for `scenario`: its current record's, or empty when none was started.
    pub fn progress_or_empty(&self, scenario: &str) -> &Progress {
        self.progress_for(scenario).unwrap_or(&EMPTY)
    }

    /// The record shown for `scenario`, if there is one.
    pub fn current_record(&self, scenario: &str) -> Option<&Record> {
        self.current.get(scenario).and_then(|id| self.records.get(id))
    }

    /// The progress of the record `of` names, or empty when there is none.
    pub fn progress_of(&self, of: &RecordOf) -> &Progress {
        match of {
            RecordOf::Shown(scenario) => self.progress_or_empty(scenario),
            RecordOf::Id(id) => self.records.get(id).map_or(&EMPTY, |r| &r.progress),
        }
    }

    /// Progress counts for a scenario's current record, whether or not it was started.
    pub fn tally(&self, scenario: &Scenario) -> Tally {
        self.progress_or_empty(&scenario.id).tally_scenario(scenario)
    }

    /// Starts a new record for `scenario` and makes it the one shown; returns its id.
    pub fn start_record(&mut self, scenario: &Scenario, name: &str, now_ms: f64) -> String {
        let id = self.add_record(scenario, name, now_ms);
        self.current.insert(scenario.id.clone(), id.clone());
        id
    }

    /// Adds a new, empty record for `scenario`; returns its id.
    fn add_record(&mut self, scenario: &Scenario, name: &str, now_ms: f64) -> String {
        let id = self.new_id(now_ms);
        let record = Record {
            id: id.clone(),
            name: name.to_owned(),
            scenario: scenario.id.clone(),
            scenario_version: scenario.version,
            created: now_ms,
            updated: now_ms,
            archived: false,
            progress: Progress::default(),
            exercise: false,
            drill: None,
        };
        self.records.insert(id.clone(), record);
        id
    }

    /// Starts an exercise record for `scenario`, labelled `label`, running `drill` when given;
    /// returns its id. It becomes the one shown unless the scenario shows a real incident's
    /// record: a drill never hides that one (the drill's own links show the exercise).
    pub fn start_exercise(
        &mut self,
        scenario: &Scenario,
        name: &str,
        label: Tlp,
        drill: Option<DrillRun>,
        now_ms: f64,
    ) -> String {
        let real_shown = self.current_record(&scenario.id).is_some_and(|r| !r.exercise);
        let id = self.add_record(scenario, name, now_ms);
        if !real_shown {
            self.current.insert(scenario.id.clone(), id.clone());
        }
        if let Some(r) = self.records.get_mut(&id) {
            r.exercise = true;
            r.drill = drill;
            r.progress.label = Some(label);
        }
        id
    }

    /// Deletes a record; the scenario then shows no record until a new one is started.
    pub fn delete_record(&mut self, id: &str, now_ms: f64) {
        if let Some(r) = self.records.remove(id) {
            if self.current.get(&r.scenario).map(String::as_str) == Some(id) {
                self.current.remove(&r.scenario);
            }
            self.deleted.insert(id.to_owned(), now_ms);
        }
    }

    fn new_id(&self, now_ms: f64) -> String {
        let base = format!("r{:x}", now_ms.max(0.0) as u64);
        let mut id = base.clone();
        let mut n = 1;
        while self.records.contains_key(&id) || self.deleted.contains_key(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }

    /// Combines what another tab wrote (`other`) with this tab's state: each item keeps its
    /// latest change, each record's own fields come from where it changed last, deletions win.
    pub fn merge(&mut self, other: &Saved) {
        for (id, when) in &other.deleted {
            self.deleted.get_or_insert_with(id, || *when);
        }
        for (id, theirs) in &other.records {
            if self.deleted.contains_key(id) {
                continue;
            }
            match self.records.get_mut(id) {
                None => {
                    self.records.insert(id.clone(), theirs.clone());
                }
                Some(mine) => combine(mine, theirs, theirs.updated > mine.updated),
            }
        }
        let deleted = &self.deleted;
        self.records.retain(|id, _| !deleted.contains_key(id));
        for (scenario, id) in &other.current {
            self.current.get_or_insert_with(scenario, || id.clone());
        }
        let records = &self.records;
        self.current.retain(|_, id| records.contains_key(id));
        self.last_backup = match (self.last_backup, other.last_backup) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        channels::merge(&mut self.channels, &other.channels);
    }
}

impl Saved {
    /// Whether `other` (what another tab wrote) lacks a record, a log entry, a drill's reveal,
    /// debrief point or end, or a channel this state holds, or holds an older change of one.
    /// Browsers may let two tabs' writes cross, each written over the other unseen: the tab whose
    /// entries the other's write lacks writes again, so nothing is lost. Merging only ever adds,
    /// so the writes stop.
    pub fn has_entries_missing_from(&self, other: &Saved) -> bool {
        let channels = self
            .channels
            .iter()
            .any(|(id, mine)| other.channels.get(id).is_none_or(|theirs| theirs.changed < mine.changed));
        channels
            || self.records.iter().filter(|(id, _)| !other.deleted.contains_key(id)).any(|(id, mine)| {
                let Some(theirs) = other.records.get(id) else { return true };
                let run = mine.drill.as_ref().is_some_and(|run| {
                    theirs.drill.as_ref().is_none_or(|t| super::debrief::has_missing_from(run, t))
                });
                run || mine.progress.timeline.iter().any(|e| {
                    let there = theirs.progress.timeline.iter().find(|t| t.id == e.id);
                    there.is_none_or(|t| t.changed < e.changed)
                })
            })
    }
}

/// Combines two copies of one record: its own fields come from `theirs` when `theirs_newer`,
/// else from `mine`; items and decisions come from both, each item's latest change winning.
fn combine(mine: &mut Record, theirs: &Record, theirs_newer: bool) {
    if theirs_newer {
        let older = std::mem::replace(mine, theirs.clone());
        keep_from_older(mine, &older);
    } else {
        keep_from_older(mine, theirs);
    }
}

/// Adds to `newer` what only `older` has: items changed later there, values typed only there,
/// and label decisions; the labels then follow the latest decision about each, so combining two
/// copies never drops a label put on the record or a message in either.
fn keep_from_older(newer: &mut Record, older: &Record) {
    for (item, state) in &older.progress.items {
        let keep_older = match newer.progress.items.get(item) {
            None => true,
            Some(n) => state.changed_at.unwrap_or(0.0) > n.changed_at.unwrap_or(0.0),
        };
        if keep_older {
            newer.progress.items.insert(item.clone(), state.clone());
        }
    }
    for d in &older.progress.decisions {
        if !newer.progress.decisions.contains(d) {
            newer.progress.decisions.push(d.clone());
        }
    }
    order::sort_by(&mut newer.progress.decisions, |a, b| a.decided_at.total_cmp(&b.decided_at).is_lt());
    let p = &mut newer.progress;
    // Every entry of both logs; of an entry in both, its latest change.
    timeline::merge(&mut p.timeline, &older.progress.timeline);
    for (key, value) in &older.progress.values {
        p.values.get_or_insert_with(key, || value.clone());
    }
    p.label = p.label.or(older.progress.label);
    p.shape = p.shape.or(older.progress.shape);
    // An exercise stays one in every copy, and both copies' drill runs combine.
    newer.exercise |= older.exercise;
    match (&mut newer.drill, &older.drill) {
        (Some(mine), Some(theirs)) => debrief::merge(mine, theirs),
        (None, Some(theirs)) => newer.drill = Some(theirs.clone()),
        _ => {}
    }
    let p = &mut newer.progress;
    for (template, label) in &older.progress.template_labels {
        p.template_labels.get_or_insert_with(template, || *label);
    }
    // Decisions are in time order: the last one about each target holds.
    for d in &p.decisions {
        match &d.template {
            None => p.label = Some(d.label),
            Some(t) => {
                p.template_labels.insert(t.clone(), d.label);
            }
        }
    }
}

/// Why stored text or an imported file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON text at all: another kind of file, or damaged beyond reading.
    NotJson(String),
    /// JSON in our envelope, but not the shape this release writes.
    Corrupt(String),
    /// JSON, but not ours.
    Foreign,
    /// Written by a newer release of the app.
    Newer(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotJson(why) => {
                write!(f, "this is not crisis-comms data; it is not even JSON text ({why})")
            }
            DecodeError::Corrupt(why) => write!(f, "the data is damaged ({why})"),
            DecodeError::Foreign => f.write_str("the data was not written by crisis-comms"),
            DecodeError::Newer(v) => write!(
                f,
                "the data was written by a newer version of crisis-comms (format {v}; this version reads up to \
                 {VERSION})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The envelope as written: the format name and version first, then the data.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    data: &'a Saved,
}

/// The envelope's data, as read; `format` and `version` were checked before.
#[derive(Deserialize)]
struct Data<T> {
    data: T,
}

/// Version 1's data: one progress per scenario id.
#[derive(Deserialize)]
struct V1 {
    #[serde(default)]
    progress: Map<Progress>,
}

fn envelope(saved: &Saved) -> Envelope<'_> {
    Envelope { format: FORMAT, version: VERSION, data: saved }
}

/// Serialises `saved` in the current envelope (compact, for storage).
pub fn encode(saved: &Saved) -> String {
    serde_json::to_string(&envelope(saved)).expect("stored state has only text keys and finite numbers")
}

/// Serialises `saved` in the current envelope, indented, for a backup file.
pub fn encode_pretty(saved: &Saved) -> String {
    serde_json::to_string_pretty(&envelope(saved))
        .expect("stored state has only text keys and finite numbers")
}

/// Reads an envelope written by this or any earlier release, migrating it.
pub fn decode(text: &str) -> Result<Saved, DecodeError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    let Value::Object(envelope) = &doc else { return Err(DecodeError::Foreign) };
    if envelope.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(DecodeError::Foreign);
    }
    let version = match envelope.get("version") {
        None => return Err(DecodeError::Corrupt("no version number".to_owned())),
        // Any whole number counts, however large: a far newer version is still newer.
        Some(Value::Number(n)) => match (n.as_u64(), n.as_f64()) {
            (Some(v), _) => u32::try_from(v).unwrap_or(u32::MAX),
            (None, Some(v)) if v >= 0.0 && v.fract() == 0.0 => v.min(f64::from(u32::MAX)) as u32,
            _ => return Err(DecodeError::Corrupt("the version is not a whole number".to_owned())),
        },
        Some(_) => return Err(DecodeError::Corrupt("the version is not a whole number".to_owned())),
    };
    if !envelope.contains_key("data") {
        return Err(DecodeError::Corrupt("`data` is missing".to_owned()));
    }
    match version {
        1 => Ok(migrate_v1(read_data::<V1>(text)?.progress)),
        // Version 2 is version 3 without decisions, which read as none; version 3 is version 4
        // without logs and channels, which read as empty; version 4 is version 5 without
        // exercise records.
        2..=VERSION => read_data(text),
        0 => Err(DecodeError::Corrupt("version 0 does not exist".to_owned())),
        newer => Err(DecodeError::Newer(newer)),
    }
}

/// Reads the envelope's data from the text again, so an error says both where in the text (line
/// and column) and where in the data (the path of members), e.g.
/// `data.records.r1.progress.items.a.status: unknown variant `maybe`, expected one of …`.
fn read_data<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    let mut reader = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize::<_, Data<T>>(&mut reader)
        .map(|d| d.data)
        .map_err(|e| DecodeError::Corrupt(e.to_string()))
}

/// Version 1 → 2: each scenario's progress becomes a record, shown for that scenario.
fn migrate_v1(v1: Map<Progress>) -> Saved {
    let mut saved = Saved::default();
    for (scenario, progress) in v1 {
        let when = progress.items.values().filter_map(|s| s.changed_at).fold(0.0, f64::max);
        let id = format!("r-{scenario}");
        let record = Record {
            id: id.clone(),
            name: String::new(),
            scenario: scenario.clone(),
            scenario_version: 1,
            created: when,
            updated: when,
            archived: false,
            progress,
            exercise: false,
            drill: None,
        };
        saved.records.insert(id.clone(), record);
        saved.current.insert(scenario, id);
    }
    saved
}

/// What importing a backup would do, for the user to confirm first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// Names of records that would be added.
    pub added: Vec<String>,
    /// Names of records this device has too, which the backup's copy would update.
    pub updated: Vec<String>,
    /// Of those, the records changed on this device after the backup's copy: their newer
    /// changes are kept.
    pub newer_here: Vec<String>,
    /// The project's channels: which the backup adds, changes or removes, and which stay.
    pub channels: channels::ImportChannels,
}

/// Compares an imported backup with what is stored.
pub fn preview_import(stored: &Saved, imported: &Saved) -> ImportPreview {
    let mut p = ImportPreview::default();
    for (id, r) in &imported.records {
        let name = if r.name.is_empty() { r.scenario.clone() } else { r.name.clone() };
        match stored.records.get(id) {
            None => p.added.push(name),
            Some(here) => {
                if here.updated > r.updated {
                    p.newer_here.push(name.clone());
                }
                p.updated.push(name);
            }
        }
    }
    p.channels = channels::preview_import(&stored.channels, &imported.channels);
    p
}

/// Applies an imported backup: its records are added, or combined with the copy on this
/// device. Restoring a backup brings back what it holds without losing what was done since:
/// each step keeps its latest change, and the record's name and label come from the backup
/// unless the copy here changed later.
pub fn apply_import(stored: &mut Saved, imported: Saved) {
    for (id, mut r) in imported.records {
        // A record deleted here comes back under a new id: other tabs still know the old one
        // as deleted, and would delete it again.
        let id = if stored.deleted.contains_key(&id) { stored.new_id(r.created) } else { id };
        r.id.clone_from(&id);
        stored.current.get_or_insert_with(&r.scenario, || id.clone());
        match stored.records.get_mut(&id) {
            Some(here) => combine(here, &r, r.updated >= here.updated),
            None => {
                stored.records.insert(id, r);
            }
        }
    }
    channels::merge(&mut stored.channels, &imported.channels);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::progress::{KeptDecision, Status};

    fn scenario() -> Scenario {
        crate::content::Library::built_in().get("account-compromise").map(|s| (*s).clone()).expect("built in")
    }

    #[test]
    fn an_exercise_record_keeps_its_mark_and_its_drill_through_storage_and_merges() {
        let mut saved = Saved::default();
        let run = DrillRun::new("takeover-drill", true, 1.0);
        let id = saved.start_exercise(&scenario(), "Spring drill", Tlp::Amber, Some(run), 1.0);
        let r = &saved.records[&id];
        assert!(r.exercise);
        assert_eq!(r.progress.label, Some(Tlp::Amber));
        assert_eq!(saved.current_record("account-compromise").map(|r| r.id.as_str()), Some(id.as_str()));
        assert_eq!(saved.progress_of(&RecordOf::Id(id.clone())).label, Some(Tlp::Amber));
        let text = encode(&saved);
        assert!(
            text.contains(r#""exercise":true,"drill":{"drill":"takeover-drill","quick":true,"#),
            "{text}"
        );
        assert_eq!(decode(&text), Ok(saved.clone()));
        // A tab that still has the record without the mark (written before it was set) never
        // takes the mark away, even when its copy is newer; reveals from both tabs are kept.
        let mut other = saved.clone();
        let o = other.records.get_mut(&id).unwrap();
        o.exercise = false;
        o.updated = 9.0;
        o.drill.as_mut().unwrap().reveal("first", 9.0);
        saved.records.get_mut(&id).unwrap().drill.as_mut().unwrap().reveal("second", 2.0);
        saved.merge(&other);
        let r = &saved.records[&id];
        assert!(r.exercise);
        let revealed: Vec<&str> =
            r.drill.as_ref().unwrap().revealed.iter().map(|x| x.inject.as_str()).collect();
        assert_eq!(revealed.len(), 2, "{revealed:?}");
        // A plain record writes neither member.
        let mut plain = Saved::default();
        plain.start_record(&scenario(), "", 1.0);
        assert!(!encode(&plain).contains("exercise"));
    }

    #[test]
    fn a_drill_started_beside_a_real_incident_leaves_that_record_shown() {
        let mut saved = Saved::default();
        let real = saved.start_record(&scenario(), "The real one", 1.0);
        let run = DrillRun::new("takeover-drill", false, 2.0);
        let drill = saved.start_exercise(&scenario(), "Spring drill", Tlp::Amber, Some(run), 2.0);
        assert_ne!(drill, real);
        assert_eq!(saved.current_record("account-compromise").map(|r| r.id.as_str()), Some(real.as_str()));
        // Shown now (as a drill's link does), the exercise gives way to a new drill's record:
        // only a real incident's record is never hidden.
        saved.current.insert("account-compromise".into(), drill.clone());
        let again = saved.start_exercise(&scenario(), "Autumn drill", Tlp::Amber, None, 3.0);
        assert_eq!(saved.current_record("account-compromise").map(|r| r.id.as_str()), Some(again.as_str()));
    }

    #[test]
    fn saved_state_round_trips_through_the_envelope() {
        let mut saved = Saved::default();
        let id = saved.start_record(&scenario(), "Drill", 1_700_000_000_000.0);
        let p = &mut saved.records.get_mut(&id).unwrap().progress;
        p.set_status("reach-owner", Status::Done, 1_700_000_000_000.0);
        p.set_status("tell-platform", Status::NotApplicable, 1_700_000_000_001.0);
        assert_eq!(decode(&encode(&saved)), Ok(saved.clone()));
        assert_eq!(decode(&encode_pretty(&saved)), Ok(saved));
    }

    #[test]
    fn newer_foreign_and_corrupt_data_are_told_apart() {
        assert_eq!(
            decode(r#"{"format":"crisis-comms","version":99,"data":{}}"#),
            Err(DecodeError::Newer(99))
        );
        assert_eq!(decode(r#"{"todos":[]}"#), Err(DecodeError::Foreign));
        assert!(matches!(decode("{not json"), Err(DecodeError::NotJson(_))));
        assert!(matches!(decode(""), Err(DecodeError::NotJson(_))));
        assert!(matches!(decode("[1,2]"), Err(DecodeError::Foreign)));
        assert!(matches!(
            decode(
                r#"{"format":"crisis-comms","version":2,"data":{"records":{"x":{"progress":{"items":{"a":{"status":"maybe"}}}}}}}"#
            ),
            Err(DecodeError::Corrupt(_))
        ));
    }

    /// Wraps `data` in a version 3 envelope.
    fn v3(data: &str) -> String {
        format!(r#"{{"format":"crisis-comms","version":3,"data":{data}}}"#)
    }

    #[test]
    fn damaged_data_is_reported_with_its_member_path_and_position() {
        let cases = [
            (r#"{"records":{"r1":{"progress":{"items":{"a":{"status":"maybe"}}}}}}"#,
             "data.records.r1.progress.items.a.status: unknown variant `maybe`, expected one of `open`, `done`, `not-applicable` at line 1 column 104"),
            (r#"{"records":{"r1":{"name":5}}}"#, "data.records.r1.name: invalid type: integer `5`, expected a string at line 1 column 70"),
            (r#"{"records":{"r1":{"scenario_version":1.5}}}"#,
             "data.records.r1.scenario_version: invalid type: floating point `1.5`, expected u32 at line 1 column 84"),
            (r#"{"records":{"r1":{"progress":{"decisions":[{"label":"TLP:RED","reasons":[]}]}}}}"#,
             "data.records.r1.progress.decisions[0]: missing field `decided_at` at line 1 column 119"),
            (r#"{"records":{"r1":{"progress":{"label":"TLP:WHITE"}}}}"#,
             "data.records.r1.progress.label: `TLP:WHITE` is a TLP 1.0 label; TLP 2.0 calls it TLP:CLEAR at line 1 column 94"),
            (r#"{"current":[]}"#, "data.current: invalid type: sequence, expected an object at line 1 column 55"),
        ];
        for (data, why) in cases {
            assert_eq!(decode(&v3(data)), Err(DecodeError::Corrupt(why.to_owned())), "{data}");
        }
    }

    #[test]
    fn missing_members_read_as_defaults_and_unknown_ones_are_ignored() {
        let saved = decode(&v3(
            r#"{"records":{"r1":{"colour":"blue","progress":{"label":null}}},"last_backup":null}"#,
        ))
        .expect("reads");
        assert_eq!(saved.records["r1"], Record::default());
        assert_eq!(saved.last_backup, None);
        assert_eq!(decode(&v3("{}")), Ok(Saved::default()));
    }

    #[test]
    fn maps_keep_the_last_of_a_repeated_key_and_write_in_key_order() {
        let saved = decode(&v3(r#"{"current": {"b": "2", "a": "1", "b": "3"}}"#)).expect("reads");
        assert_eq!(saved.current["b"], "3");
        assert!(encode(&saved).contains(r#""current":{"a":"1","b":"3"}"#));
    }

    #[test]
    fn fields_at_their_defaults_are_left_out() {
        let mut saved = Saved::default();
        let id = saved.start_record(&scenario(), "", 5.0);
        saved.records.get_mut(&id).unwrap().progress.set_status("reach-owner", Status::Open, 6.0);
        assert_eq!(
            encode(&saved),
            format!(
                r#"{{"format":"crisis-comms","version":5,"data":{{"records":{{"{id}":{{"id":"{id}","name":"","scenario":"account-compromise","scenario_version":{},"created":5.0,"updated":5.0,"archived":false,"progress":{{"items":{{"reach-owner":{{"status":"open","changed_at":6.0}}}}}}}}}},"current":{{"account-compromise":"{id}"}},"deleted":{{}},"last_backup":null}}}}"#,
                scenario().version
            )
        );
    }

    #[test]
    fn two_tabs_editing_different_items_both_survive() {
        let mut base = Saved::default();
        let id = base.start_record(&scenario(), "Incident", 1.0);
        let (mut a, mut b) = (base.clone(), base);
        a.records.get_mut(&id).unwrap().progress.set_status("reach-owner", Status::Done, 10.0);
        a.records.get_mut(&id).unwrap().updated = 10.0;
        b.records.get_mut(&id).unwrap().progress.set_status("start-log", Status::Done, 11.0);
        b.records.get_mut(&id).unwrap().updated = 11.0;
        let mut merged = b.clone();
        merged.merge(&a);
        let p = &merged.records[&id].progress;
        assert_eq!(p.status("reach-owner"), Status::Done);
        assert_eq!(p.status("start-log"), Status::Done);
        // The same item edited in both: the later change wins, whichever side merges.
        a.records.get_mut(&id).unwrap().progress.set_status("start-log", Status::NotApplicable, 12.0);
        let mut m1 = b.clone();
        m1.merge(&a);
        let mut m2 = a.clone();
        m2.merge(&b);
        assert_eq!(m1.records[&id].progress.status("start-log"), Status::NotApplicable);
        assert_eq!(m2.records[&id].progress.status("start-log"), Status::NotApplicable);
    }

    #[test]
    fn label_decisions_made_in_two_tabs_are_all_kept_in_order() {
        use crate::model::progress::KeptDecision;
        let kept =
            |label, at| KeptDecision { template: None, label, reasons: vec!["why".into()], decided_at: at };
        let mut base = Saved::default();
        let id = base.start_record(&scenario(), "Incident", 1.0);
        let (mut a, mut b) = (base.clone(), base);
        a.records.get_mut(&id).unwrap().progress.decisions.push(kept(Tlp::Red, 10.0));
        a.records.get_mut(&id).unwrap().updated = 10.0;
        b.records.get_mut(&id).unwrap().progress.decisions.push(kept(Tlp::Amber, 11.0));
        b.records.get_mut(&id).unwrap().updated = 11.0;
        let (mut m1, mut m2) = (a.clone(), b.clone());
        m1.merge(&b);
        m2.merge(&a);
        for m in [m1, m2] {
            let labels: Vec<Tlp> = m.records[&id].progress.decisions.iter().map(|d| d.label).collect();
            assert_eq!(labels, [Tlp::Red, Tlp::Amber]);
        }
    }

    #[test]
    fn two_tabs_logging_at_once_and_a_backup_keep_every_entry() {
        use crate::model::audience::Audience;
        use crate::model::timeline::{self, Entry};
        let told = |id: &str, at: f64, a: Audience| Entry {
            id: id.into(),
            at,
            audience: vec![a],
            label: Tlp::Amber,
            changed: at,
            ..Entry::default()
        };
        let mut base = Saved::default();
        let id = base.start_record(&scenario(), "Incident", 1.0);
        let (mut a, mut b) = (base.clone(), base.clone());
        timeline::log(
            &mut a.records.get_mut(&id).unwrap().progress.timeline,
            told("e1", 10.0, Audience::Downstream),
        );
        a.records.get_mut(&id).unwrap().updated = 10.0;
        timeline::log(
            &mut b.records.get_mut(&id).unwrap().progress.timeline,
            told("e2", 10.0, Audience::Public),
        );
        b.records.get_mut(&id).unwrap().updated = 11.0;
        let (mut m1, mut m2) = (a.clone(), b.clone());
        m1.merge(&b);
        m2.merge(&a);
        assert_eq!(m1.records[&id].progress.timeline, m2.records[&id].progress.timeline);
        assert_eq!(m1.records[&id].progress.timeline.len(), 2);
        // A backup made before either entry brings back nothing removed and drops nothing.
        let mut here = m1.clone();
        timeline::remove(&mut here.records.get_mut(&id).unwrap().progress.timeline, "e1", 20.0);
        here.records.get_mut(&id).unwrap().updated = 20.0;
        apply_import(&mut here, a);
        let t = &here.records[&id].progress.timeline;
        assert_eq!(t.len(), 2);
        assert_eq!(t.iter().find(|e| e.id == "e1").unwrap().removed, Some(20.0), "the removal stays");
        assert!(decode(&encode(&here)).unwrap() == here);
    }

    #[test]
    fn a_tab_whose_entry_another_tabs_write_lacks_knows_to_write_again() {
        use crate::model::timeline::{self, Entry};
        let mut base = Saved::default();
        let id = base.start_record(&scenario(), "Incident", 1.0);
        let (mut a, mut b) = (base.clone(), base.clone());
        let entry = |id: &str, at: f64| Entry { id: id.into(), at, changed: at, ..Entry::default() };
        timeline::log(&mut a.records.get_mut(&id).unwrap().progress.timeline, entry("e1", 10.0));
        timeline::log(&mut b.records.get_mut(&id).unwrap().progress.timeline, entry("e2", 11.0));
        // B's write crossed A's: A merges it, and A's entry is not in it.
        assert!(!base.has_entries_missing_from(&b));
        a.merge(&b);
        assert!(a.has_entries_missing_from(&b));
        // Once A has written again, B merges A's write and has nothing A's lacks.
        b.merge(&a);
        assert!(!b.has_entries_missing_from(&a));
        assert!(!a.has_entries_missing_from(&b));
        // A correction made here and not there counts too; a record deleted there does not.
        timeline::remove(&mut a.records.get_mut(&id).unwrap().progress.timeline, "e2", 20.0);
        assert!(a.has_entries_missing_from(&b));
        b.delete_record(&id, 21.0);
        assert!(!a.has_entries_missing_from(&b));
        // A channel added or changed here and not there counts as well.
        let channel = |name: &str, changed: f64| ProjectChannel {
            id: name.into(),
            name: name.into(),
            readers: crate::model::decide::Readers::Anyone,
            archive: crate::model::decide::Archive::Public,
            label: Tlp::Clear,
            changed,
            removed: None,
            former: Vec::new(),
        };
        a.channels.insert("forum".into(), channel("forum", 30.0));
        assert!(a.has_entries_missing_from(&b));
        b.merge(&a);
        assert!(!a.has_entries_missing_from(&b));
        a.channels.insert("forum".into(), channel("forum", 40.0));
        assert!(a.has_entries_missing_from(&b));
        assert!(!b.has_entries_missing_from(&a));
    }

    #[test]
    fn a_deleted_record_is_not_brought_back_by_another_tab() {
        let mut a = Saved::default();
        let id = a.start_record(&scenario(), "Old", 1.0);
        let b = a.clone();
        a.delete_record(&id, 2.0);
        a.merge(&b);
        assert!(a.records.is_empty());
        assert!(a.current.is_empty());
    }

    #[test]
    fn import_preview_says_what_is_added_and_updated() {
        let mut stored = Saved::default();
        let id = stored.start_record(&scenario(), "Mine", 1.0);
        let mut imported = stored.clone();
        imported.records.get_mut(&id).unwrap().name = "Theirs".into();
        let other = imported.start_record(&scenario(), "New one", 2.0);
        let forum = ProjectChannel {
            id: "c1".into(),
            name: "The forum".into(),
            readers: crate::model::decide::Readers::Anyone,
            archive: crate::model::decide::Archive::Public,
            label: Tlp::Clear,
            changed: 1.0,
            removed: None,
            former: Vec::new(),
        };
        stored.channels.insert("c1".into(), forum.clone());
        imported
            .channels
            .insert("c2".into(), ProjectChannel { id: "c2".into(), name: "security@".into(), ..forum });
        let p = preview_import(&stored, &imported);
        assert_eq!(p.added, vec!["New one".to_owned()]);
        assert_eq!(p.updated, vec!["Theirs".to_owned()]);
        assert!(p.newer_here.is_empty());
        assert_eq!(
            (p.channels.added, p.channels.kept),
            (vec!["“security@”".to_owned()], vec!["“The forum”".to_owned()])
        );
        apply_import(&mut stored, imported);
        assert_eq!(stored.records[&id].name, "Theirs");
        assert!(stored.records.contains_key(&other));
        assert_eq!(stored.channels.len(), 2, "the backup's channel is added, as the preview said");
    }

    #[test]
    fn importing_an_older_backup_keeps_what_was_done_here_since() {
        let mut stored = Saved::default();
        let id = stored.start_record(&scenario(), "Incident", 1.0);
        let record = stored.records.get_mut(&id).unwrap();
        record.progress.set_status("reach-owner", Status::Done, 2.0);
        record.progress.set_note("start-log", "in the backup", 2.0);
        record.updated = 2.0;
        let backup = stored.clone();
        // After the backup: more steps done, the note rewritten, the record renamed.
        let record = stored.records.get_mut(&id).unwrap();
        record.progress.set_status("tell-platform", Status::Done, 3.0);
        record.progress.set_note("start-log", "written since", 4.0);
        record.name = "Incident, renamed".into();
        record.updated = 4.0;

        let p = preview_import(&stored, &backup);
        assert_eq!(p.newer_here, vec!["Incident".to_owned()]);
        apply_import(&mut stored, backup);
        let p = &stored.records[&id].progress;
        assert_eq!(p.status("reach-owner"), Status::Done);
        assert_eq!(p.status("tell-platform"), Status::Done, "a step done since is kept");
        assert_eq!(p.items["start-log"].note, "written since", "the newer note is kept");
        assert_eq!(stored.records[&id].name, "Incident, renamed");
    }

    #[test]
    fn combining_copies_keeps_every_label_put_and_every_value_typed() {
        let mut here = Saved::default();
        let id = here.start_record(&scenario(), "Incident", 1.0);
        let mut backup = here.clone();
        // In the backup: a value typed and a message labelled TLP:RED, with its decision.
        let b = &mut backup.records.get_mut(&id).unwrap().progress;
        b.values.insert("project".into(), "libexample".into());
        b.template_labels.insert("heads-up-core-team".into(), Tlp::Red);
        b.decisions.push(KeptDecision {
            template: Some("heads-up-core-team".into()),
            label: Tlp::Red,
            reasons: vec!["Names a person.".into()],
            decided_at: 2.0,
        });
        backup.records.get_mut(&id).unwrap().updated = 2.0;
        // Here, later: another value, and the record's own label.
        let r = here.records.get_mut(&id).unwrap();
        r.progress.values.insert("date".into(), "3 March".into());
        r.progress.label = Some(Tlp::Red);
        r.progress.decisions.push(KeptDecision {
            template: None,
            label: Tlp::Red,
            reasons: vec![],
            decided_at: 3.0,
        });
        r.updated = 3.0;

        apply_import(&mut here, backup);
        let p = &here.records[&id].progress;
        assert_eq!(p.values.get("project").map(String::as_str), Some("libexample"));
        assert_eq!(p.values.get("date").map(String::as_str), Some("3 March"));
        assert_eq!(p.template_labels.get("heads-up-core-team"), Some(&Tlp::Red), "the stricter label stays");
        assert_eq!(p.label, Some(Tlp::Red));
        assert_eq!(p.decisions.len(), 2);
    }

    #[test]
    fn a_record_deleted_here_comes_back_from_a_backup_under_a_new_id() {
        let mut here = Saved::default();
        let id = here.start_record(&scenario(), "Incident", 1.0);
        let backup = here.clone();
        here.delete_record(&id, 2.0);
        let other_tab = here.clone();
        apply_import(&mut here, backup);
        assert_eq!(here.records.len(), 1);
        let (new, record) = here.records.iter().next().unwrap();
        assert_ne!(new, &id);
        assert_eq!(&record.id, new);
        assert_eq!(record.name, "Incident");
        // Another tab, which still knows the old id as deleted, keeps it when the two merge.
        let mut merged = other_tab;
        merged.merge(&here);
        assert_eq!(merged.records.len(), 1);
    }

    #[test]
    fn importing_a_newer_backup_brings_its_changes() {
        let mut stored = Saved::default();
        let id = stored.start_record(&scenario(), "Incident", 1.0);
        let mut backup = stored.clone();
        let record = backup.records.get_mut(&id).unwrap();
        record.progress.set_status("reach-owner", Status::NotApplicable, 5.0);
        record.name = "From the other computer".into();
        record.updated = 5.0;
        apply_import(&mut stored, backup);
        assert_eq!(stored.records[&id].progress.status("reach-owner"), Status::NotApplicable);
        assert_eq!(stored.records[&id].name, "From the other computer");
    }
}

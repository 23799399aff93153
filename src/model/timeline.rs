//! A record's communications log: who was told what, when, with which label and through which
//! channel; the next update promised to each audience (due, then overdue); and the log as
//! Markdown, whole or with the entries above a chosen label left out.
//!
//! Every function that needs the time takes `now` (milliseconds since the Unix epoch), so the
//! tests set the clock themselves.

use serde::{Deserialize, Serialize};

use super::audience::Audience;
use super::checklist::Scenario;
use super::export::RecordWords;
use super::order;
use super::saved::Record;
use super::tlp::Tlp;

/// How the people were told.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// A message of the checklist, copied from this app.
    #[default]
    Copied,
    /// A message written and sent elsewhere.
    Message,
    /// A call.
    Call,
    /// A meeting.
    Meeting,
}

impl How {
    /// The ways a person can log by hand.
    pub const MANUAL: [How; 3] = [How::Message, How::Call, How::Meeting];

    /// The keyword kept in stored state and used in forms.
    pub const fn key(self) -> &'static str {
        match self {
            How::Copied => "copied",
            How::Message => "message",
            How::Call => "call",
            How::Meeting => "meeting",
        }
    }

    /// The words shown to people.
    pub const fn title(self) -> &'static str {
        match self {
            How::Copied => "message copied from this checklist",
            How::Message => "message sent elsewhere",
            How::Call => "call",
            How::Meeting => "meeting",
        }
    }
}

/// One entry of the log. Entries are never deleted: a removal keeps the entry with when it was
/// removed, so a tab that still has it does not bring it back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entry {
    /// Stable identifier: the time it was logged and a random part, unique across tabs.
    pub id: String,
    /// When the people were told.
    pub at: f64,
    /// Copied from the app, or logged by hand.
    pub how: How,
    /// The message template, by id, for a copied message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Who was told.
    #[serde(with = "audience_keys")]
    pub audience: Vec<Audience>,
    /// The label of what they were told.
    pub label: Tlp,
    /// The channel it went through, by name; empty when not given.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub channel: String,
    /// A short note: what was said, in a few words.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The time of the next update promised to these people, if one was promised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_update: Option<f64>,
    /// When the entry was last corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<f64>,
    /// When the entry was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<f64>,
    /// When the entry last changed (logged, corrected or removed): the later copy wins a merge.
    pub changed: f64,
}

impl Default for Entry {
    /// An empty entry, labelled TLP:RED until it says otherwise.
    fn default() -> Self {
        Entry {
            id: String::new(),
            at: 0.0,
            how: How::Copied,
            template: None,
            audience: Vec::new(),
            label: Tlp::Red,
            channel: String::new(),
            note: String::new(),
            next_update: None,
            corrected: None,
            removed: None,
            changed: 0.0,
        }
    }
}

/// Audiences kept as their keywords.
mod audience_keys {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Audience;

    pub fn serialize<S: Serializer>(list: &[Audience], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(list.iter().map(|a| a.key()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Audience>, D::Error> {
        Vec::<String>::deserialize(d)?.iter().map(|k| k.parse().map_err(serde::de::Error::custom)).collect()
    }
}

/// A new entry's id: the time and a random number the caller draws.
pub fn entry_id(now: f64, random: u32) -> String {
    fresh_id('e', now, random)
}

/// A new id that stays unique across tabs: what it names (`prefix`), the time and a random
/// number the caller draws.
pub fn fresh_id(prefix: char, now: f64, random: u32) -> String {
    format!("{prefix}{:x}-{random:08x}", now.max(0.0) as u64)
}

/// Adds an entry, keeping the log in time order.
pub fn log(timeline: &mut Vec<Entry>, entry: Entry) {
    timeline.push(entry);
    sort(timeline);
}

/// Replaces entry `id` with `corrected` (its id and removal kept), marked as corrected `now`.
pub fn correct(timeline: &mut [Entry], id: &str, corrected: Entry, now: f64) -> bool {
    let Some(e) = timeline.iter_mut().find(|e| e.id == id && e.removed.is_none()) else { return false };
    *e = Entry { id: e.id.clone(), corrected: Some(now), changed: now, removed: None, ..corrected };
    sort(timeline);
    true
}

/// Marks entry `id` as removed `now`; it stays in the log as a removal.
pub fn remove(timeline: &mut [Entry], id: &str, now: f64) -> bool {
    let Some(e) = timeline.iter_mut().find(|e| e.id == id && e.removed.is_none()) else { return false };
    e.removed = Some(now);
    e.changed = now;
    true
}

fn sort(timeline: &mut [Entry]) {
    order::sort_by(timeline, |a, b| (a.at, &a.id) < (b.at, &b.id));
}

/// Combines two copies of a log: every entry of either, and of an entry in both the copy that
/// changed last (a correction or a removal wins over what it changed).
pub fn merge(mine: &mut Vec<Entry>, theirs: &[Entry]) {
    for t in theirs {
        match mine.iter_mut().find(|e| e.id == t.id) {
            None => mine.push(t.clone()),
            Some(e) if t.changed > e.changed => *e = t.clone(),
            Some(_) => {}
        }
    }
    sort(mine);
}

/// Where a promised update stands at a given time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Promise {
    /// Due by this time, which has not come yet.
    Due(f64),
    /// Promised by this time, which has passed with no update logged since.
    Overdue(f64),
}

impl Promise {
    /// The time promised.
    pub fn by(self) -> f64 {
        match self {
            Promise::Due(t) | Promise::Overdue(t) => t,
        }
    }
}

/// What one audience was told last, and the update promised to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Told {
    /// The audience.
    pub audience: Audience,
    /// When they were last told.
    pub at: f64,
    /// The label of what they were last told.
    pub label: Tlp,
    /// The next update promised to them and not yet given, if any.
    pub promise: Option<Promise>,
}

/// For each audience ever told (removed entries aside), when they were told last and with what
/// label, and the update promised to them: a promise is kept by the next entry for that audience,
/// which may promise the next one in turn. In the order of the audience vocabulary.
pub fn last_told(timeline: &[Entry], now: f64) -> Vec<Told> {
    let mut out: Vec<Told> = Vec::new();
    for a in Audience::ALL {
        // The log is in time order: the last entry for the audience holds.
        let Some(e) = timeline.iter().rev().find(|e| e.removed.is_none() && e.audience.contains(&a)) else {
            continue;
        };
        let promise = e.next_update.map(|by| if now > by { Promise::Overdue(by) } else { Promise::Due(by) });
        out.push(Told { audience: a, at: e.at, label: e.label, promise });
    }
    out
}

/// The most pressing promise of a log at `now`: the earliest overdue one, else the earliest due,
/// with the audiences it was made to.
pub fn most_pressing(timeline: &[Entry], now: f64) -> Option<(Promise, Vec<Audience>)> {
    let told = last_told(timeline, now);
    let pick = |overdue: bool| {
        told.iter()
            .filter_map(|t| t.promise.filter(|p| matches!(p, Promise::Overdue(_)) == overdue))
            .map(Promise::by)
            .min_by(f64::total_cmp)
    };
    let by = pick(true).or_else(|| pick(false))?;
    let promise = told.iter().find_map(|t| t.promise.filter(|p| p.by() == by))?;
    let audiences =
        told.iter().filter(|t| t.promise.is_some_and(|p| p.by() == by)).map(|t| t.audience).collect();
    Some((promise, audiences))
}

/// The entries a copy holds when it may carry nothing stricter than `limit`, and how many it
/// leaves out. Removed entries are in neither.
pub fn up_to(timeline: &[Entry], limit: Tlp) -> (Vec<&Entry>, usize) {
    let live = timeline.iter().filter(|e| e.removed.is_none());
    let (kept, left): (Vec<&Entry>, Vec<&Entry>) = live.partition(|e| e.label >= limit);
    (kept, left.len())
}

/// The label of a copy holding `entries`: the strictest of theirs, or `limit` when it holds none.
pub fn copy_label(entries: &[&Entry], limit: Tlp) -> Tlp {
    entries.iter().map(|e| e.label).min().unwrap_or(limit)
}

/// The label of a copy that holds a record's whole log (a drill's report, its facilitator's
/// page): the strictest of `own` (the record's) and of every entry not removed.
pub fn whole_log_label(timeline: &[Entry], own: Tlp) -> Tlp {
    timeline.iter().filter(|e| e.removed.is_none()).map(|e| e.label).fold(own, Tlp::min)
}

/// The name a copy of the log goes by: the record's, unless the copy is labelled looser than the
/// record (the name is the record's information, labelled as the record is), or the record has
/// none; then the checklist's title. So a TLP:CLEAR copy for a public post-mortem stays possible.
pub fn copy_name<'a>(scenario: &'a Scenario, name: &'a str, own: Tlp, label: Tlp) -> &'a str {
    if name.is_empty() || label > own {
        &scenario.title
    } else {
        name
    }
}

/// Whether a copy leaves the record's name out: it does when the record is labelled stricter
/// than the copy.
pub fn leaves_name_out(name: &str, own: Tlp, label: Tlp) -> bool {
    !name.is_empty() && label > own
}

/// The log of `record` as Markdown, holding only entries that `limit` allows (`Tlp::Red` holds
/// all), and labelled with the strictest label of what it holds; the record's name is left out
/// of a copy looser than the record. `words` go around what the user wrote; `printed` is a local
/// date and time written as given; `local_time` writes each entry's time.
pub fn timeline_markdown(
    scenario: &Scenario,
    record: &Record,
    limit: Tlp,
    words: &dyn RecordWords,
    printed: &str,
    local_time: impl Fn(f64) -> String,
) -> String {
    let (name, own) = (record.name.as_str(), record.label(scenario.label));
    let (held, omitted) = up_to(&record.progress.timeline, limit);
    let label = copy_label(&held, limit);
    let shown = copy_name(scenario, name, own, label);
    let mut out = format!("**{label}**: {}\n\n# {}\n\n", words.rule(label), words.log_title(shown));
    out.push_str(&format!("{}  \n{}\n", words.log_checklist(&scenario.title), words.exported(printed)));
    if leaves_name_out(name, own, label) {
        out.push_str(&format!("\n{}\n", words.name_left_out()));
    }
    if omitted > 0 {
        out.push_str(&format!("\n{}\n", words.left_out(limit, omitted)));
    }
    if held.is_empty() {
        out.push_str(&format!("\n{}\n", words.no_entries()));
    }
    for e in &held {
        let (who, what) = (words.audiences(&e.audience), words.what(scenario, e));
        out.push_str(&format!("\n- {} — {who} — {}, {what}", local_time(e.at), e.label));
        if !e.channel.is_empty() {
            out.push_str(&words.through(&e.channel));
        }
        out.push('\n');
        for line in e.note.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!("  > {line}\n"));
        }
        if let Some(by) = e.next_update {
            out.push_str(&format!("  {}\n", words.next_promised(&local_time(by))));
        }
        if let Some(when) = e.corrected {
            out.push_str(&format!("  {}\n", words.corrected_on(&local_time(when))));
        }
    }
    out.push_str(&format!("\n**{label}**\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::export::English;

    /// A record named `name`, labelled `own`, with `log` as its communications log.
    fn record(name: &str, own: Tlp, log: &[Entry]) -> Record {
        let mut r = Record { name: name.into(), ..Record::default() };
        r.progress.label = Some(own);
        r.progress.timeline = log.to_vec();
        r
    }

    fn entry(id: &str, at: f64, audience: &[Audience], label: Tlp, next: Option<f64>) -> Entry {
        Entry {
            id: id.into(),
            at,
            how: How::Message,
            audience: audience.to_vec(),
            label,
            next_update: next,
            changed: at,
            ..Entry::default()
        }
    }

    #[test]
    fn a_promise_is_due_then_overdue_and_kept_per_audience() {
        let mut t = Vec::new();
        log(&mut t, entry("a", 100.0, &[Audience::Public], Tlp::Clear, Some(200.0)));
        log(&mut t, entry("b", 110.0, &[Audience::Downstream], Tlp::Amber, Some(300.0)));
        let public = |t: &[Entry], now| {
            last_told(t, now).into_iter().find(|x| x.audience == Audience::Public).unwrap()
        };
        let downstream = |t: &[Entry], now| {
            last_told(t, now).into_iter().find(|x| x.audience == Audience::Downstream).unwrap()
        };
        assert_eq!(public(&t, 150.0).promise, Some(Promise::Due(200.0)));
        assert_eq!(public(&t, 200.0).promise, Some(Promise::Due(200.0)), "on the minute it is still due");
        assert_eq!(public(&t, 201.0).promise, Some(Promise::Overdue(200.0)));
        // Downstream's promise is theirs: still due when the public's is overdue.
        assert_eq!(downstream(&t, 250.0).promise, Some(Promise::Due(300.0)));
        assert_eq!(most_pressing(&t, 250.0), Some((Promise::Overdue(200.0), vec![Audience::Public])));
        assert_eq!(most_pressing(&t, 150.0), Some((Promise::Due(200.0), vec![Audience::Public])));
        // An update to the public keeps the promise; it promises nothing more.
        log(&mut t, entry("c", 260.0, &[Audience::Public], Tlp::Clear, None));
        assert_eq!(public(&t, 270.0).promise, None);
        assert_eq!(public(&t, 270.0).at, 260.0);
        assert_eq!(most_pressing(&t, 270.0), Some((Promise::Due(300.0), vec![Audience::Downstream])));
        assert_eq!(most_pressing(&t, 301.0), Some((Promise::Overdue(300.0), vec![Audience::Downstream])));
        // Removing the update brings the broken promise back.
        assert!(remove(&mut t, "c", 280.0));
        assert_eq!(public(&t, 290.0).promise, Some(Promise::Overdue(200.0)));
    }

    #[test]
    fn last_told_gives_each_audience_its_latest_label() {
        let mut t = Vec::new();
        log(&mut t, entry("b", 20.0, &[Audience::Maintainers], Tlp::Green, None));
        log(&mut t, entry("a", 10.0, &[Audience::Maintainers, Audience::Leadership], Tlp::Red, None));
        let told = last_told(&t, 30.0);
        assert_eq!(told.len(), 2);
        assert_eq!((told[0].audience, told[0].label, told[0].at), (Audience::Leadership, Tlp::Red, 10.0));
        assert_eq!((told[1].audience, told[1].label, told[1].at), (Audience::Maintainers, Tlp::Green, 20.0));
    }

    #[test]
    fn a_correction_and_a_removal_say_so_and_win_a_merge() {
        let mut a = Vec::new();
        log(&mut a, entry("x", 10.0, &[Audience::Public], Tlp::Clear, None));
        let mut b = a.clone();
        let fixed = Entry { note: "Posted on the forum".into(), ..a[0].clone() };
        assert!(correct(&mut a, "x", fixed, 20.0));
        assert_eq!(a[0].corrected, Some(20.0));
        assert!(remove(&mut b, "x", 15.0));
        assert!(!remove(&mut b, "x", 16.0), "removed once");
        assert!(!correct(&mut b, "x", a[0].clone(), 17.0), "a removed entry is not corrected");
        // The correction came later than the removal: it wins on both sides.
        let (mut m1, mut m2) = (a.clone(), b.clone());
        merge(&mut m1, &b);
        merge(&mut m2, &a);
        assert_eq!(m1, m2);
        assert_eq!(m1[0].note, "Posted on the forum");
        assert_eq!(m1[0].removed, None);
    }

    #[test]
    fn two_tabs_logging_at_once_keep_both_entries() {
        let base = vec![entry("x", 10.0, &[Audience::Public], Tlp::Clear, None)];
        let (mut a, mut b) = (base.clone(), base);
        log(&mut a, entry(&entry_id(20.0, 1), 20.0, &[Audience::Downstream], Tlp::Amber, None));
        log(&mut b, entry(&entry_id(20.0, 2), 20.0, &[Audience::Leadership], Tlp::Red, None));
        merge(&mut a, &b);
        assert_eq!(a.len(), 3);
        assert_ne!(a[1].id, a[2].id);
    }

    #[test]
    fn a_copy_for_a_wider_audience_leaves_out_stricter_entries_and_says_how_many() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        let mut t = Vec::new();
        log(&mut t, entry("a", 10.0, &[Audience::Public], Tlp::Clear, Some(50.0)));
        log(&mut t, entry("b", 20.0, &[Audience::Downstream], Tlp::Amber, None));
        log(&mut t, entry("c", 30.0, &[Audience::Responders], Tlp::Red, None));
        log(&mut t, entry("d", 40.0, &[Audience::Public], Tlp::Clear, None));
        t[0].note = "Holding statement posted.".into();
        remove(&mut t, "d", 45.0);
        let time = |ms: f64| format!("t{ms}");
        let all =
            timeline_markdown(&scenario, &record("March", Tlp::Red, &t), Tlp::Red, &English, "now", time);
        assert!(all.starts_with(&format!(
            "**TLP:RED**: {}\n\n# Communications log: March\n",
            Tlp::Red.recipient_rule()
        )));
        assert!(all.trim_end().ends_with("**TLP:RED**"));
        assert!(all.contains("\n- t30 — Responders — TLP:RED, message sent elsewhere\n"), "{all}");
        assert!(!all.contains("left out"), "{all}");
        assert!(!all.contains("t40"), "a removed entry is in no copy: {all}");

        let amber =
            timeline_markdown(&scenario, &record("March", Tlp::Red, &t), Tlp::Amber, &English, "now", time);
        assert!(amber.starts_with("**TLP:AMBER**: "), "{amber}");
        assert!(
            amber.contains("\n1 entry labelled stricter than TLP:AMBER was left out of this copy.\n"),
            "{amber}"
        );
        assert!(!amber.contains("Responders"), "{amber}");

        let clear =
            timeline_markdown(&scenario, &record("March", Tlp::Red, &t), Tlp::Clear, &English, "now", time);
        assert!(clear.starts_with("**TLP:CLEAR**: "), "{clear}");
        assert!(clear.contains("2 entries labelled stricter than TLP:CLEAR were left out"), "{clear}");
        assert!(
            clear.contains("- t10 — Public — TLP:CLEAR, message sent elsewhere\n  > Holding statement posted.\n  Next update promised by t50.\n"),
            "{clear}"
        );
        assert!(
            !clear.contains("Downstream") && !clear.contains("TLP:RED") && !clear.contains("TLP:AMBER"),
            "{clear}"
        );
        assert!(clear.trim_end().ends_with("**TLP:CLEAR**"));
        assert!(
            !clear.contains("March")
                && clear.contains(&format!("# Communications log: {}\n", scenario.title)),
            "a copy looser than the record leaves the record's name out: {clear}"
        );
        assert!(clear.contains("The record's name is left out: the record is labelled stricter"), "{clear}");
        assert!(!all.contains("left out:"), "{all}");

        // A record labelled TLP:CLEAR keeps its name in a TLP:CLEAR copy; a TLP:AMBER record's
        // name stays in a TLP:AMBER copy but not in a TLP:GREEN one.
        let named =
            timeline_markdown(&scenario, &record("March", Tlp::Clear, &t), Tlp::Clear, &English, "now", time);
        assert!(named.contains("# Communications log: March\n"), "{named}");
        assert!(!named.contains("name is left out"), "{named}");
        assert_eq!(copy_name(&scenario, "March", Tlp::Amber, Tlp::Amber), "March");
        assert_eq!(copy_name(&scenario, "March", Tlp::Amber, Tlp::Green), scenario.title);
        assert_eq!(copy_name(&scenario, "", Tlp::Red, Tlp::Red), scenario.title);
    }

    #[test]
    fn entries_round_trip_with_audiences_as_keywords() {
        let mut e = entry("e1", 1.0, &[Audience::Members, Audience::Public], Tlp::AmberStrict, Some(2.0));
        e.template = Some("holding-statement".into());
        e.how = How::Copied;
        let text = serde_json::to_string(&e).unwrap();
        assert_eq!(
            text,
            r#"{"id":"e1","at":1.0,"how":"copied","template":"holding-statement","audience":["members","public"],"label":"TLP:AMBER+STRICT","next_update":2.0,"changed":1.0}"#
        );
        assert_eq!(serde_json::from_str::<Entry>(&text).unwrap(), e);
        assert!(serde_json::from_str::<Entry>(r#"{"audience":["everyone"]}"#).is_err());
    }

    #[test]
    fn a_copy_of_the_whole_log_takes_the_strictest_label_of_its_live_entries() {
        let entry = |label: Tlp, removed: bool| {
            let mut e = Entry { label, ..Entry::default() };
            if removed {
                e.removed = Some(1.0);
            }
            e
        };
        assert_eq!(whole_log_label(&[], Tlp::Amber), Tlp::Amber);
        assert_eq!(whole_log_label(&[entry(Tlp::Green, false)], Tlp::Amber), Tlp::Amber);
        assert_eq!(
            whole_log_label(&[entry(Tlp::Green, false), entry(Tlp::Red, false)], Tlp::Amber),
            Tlp::Red
        );
        assert_eq!(whole_log_label(&[entry(Tlp::Red, true)], Tlp::Amber), Tlp::Amber);
    }
}

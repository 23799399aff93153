//! The stored state in JSON: which member holds which field, what is left out when empty, and
//! what a missing member reads as.
//!
//! Missing members and `null` read as the field's default, so a file written before a field
//! existed still reads; members this release does not know are ignored. A member of the wrong
//! kind is an error that names where it is, e.g. `` `records` › `r1` › `progress` › `items` ›
//! `a` › `status`: expected one of open, done, not-applicable, not `maybe` ``.

use super::assess::Answer;
use super::checklist::Shape;
use super::json::Json;
use super::map::Map;
use super::progress::{ItemState, KeptDecision, Progress, Status};
use super::saved::{Record, Saved};
use super::tlp::{Tlp, TlpError};

type Read<T> = Result<T, ReadError>;

/// Why stored state could not be read, and where: the path of members down to the problem.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadError {
    /// Member names from the outermost in, each in backticks, joined by ` › `.
    path: String,
    /// What is wrong there; `None` when the member is missing.
    wrong: Option<String>,
}

impl ReadError {
    fn wrong(what: impl Into<String>) -> Self {
        ReadError { path: String::new(), wrong: Some(what.into()) }
    }

    /// The error, inside member `name`.
    pub fn within(mut self, name: &str) -> Self {
        let joint = if self.path.is_empty() { "" } else { " › " };
        self.path = format!("`{name}`{joint}{}", self.path);
        self
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = &self.path;
        match &self.wrong {
            None => write!(f, "{path} is missing"),
            Some(what) if path.is_empty() => f.write_str(what),
            Some(what) => write!(f, "{path}: {what}"),
        }
    }
}

// ---- Writing ----

/// An object's members, built in order.
#[derive(Default)]
struct Members(Vec<(String, Json)>);

impl Members {
    fn put(mut self, name: &str, value: Json) -> Self {
        self.0.push((name.to_owned(), value));
        self
    }

    /// Puts `value` unless it is `None` (the field is at its default and left out).
    fn put_some(self, name: &str, value: Option<Json>) -> Self {
        match value {
            Some(v) => self.put(name, v),
            None => self,
        }
    }

    fn done(self) -> Json {
        Json::Obj(self.0)
    }
}

fn text(s: &str) -> Json {
    Json::Str(s.to_owned())
}

fn map_json<V>(map: &Map<V>, write: impl Fn(&V) -> Json) -> Json {
    Json::Obj(map.iter().map(|(k, v)| (k.clone(), write(v))).collect())
}

/// `Some` when the map has entries: empty maps are left out.
fn some_map<V>(map: &Map<V>, write: impl Fn(&V) -> Json) -> Option<Json> {
    (!map.is_empty()).then(|| map_json(map, write))
}

/// The stored form of `saved`.
pub fn saved_json(saved: &Saved) -> Json {
    Members::default()
        .put("records", map_json(&saved.records, record_json))
        .put("current", map_json(&saved.current, |id| text(id)))
        .put("deleted", map_json(&saved.deleted, |t| Json::Num(*t)))
        .put("last_backup", saved.last_backup.map_or(Json::Null, Json::Num))
        .done()
}

fn record_json(r: &Record) -> Json {
    Members::default()
        .put("id", text(&r.id))
        .put("name", text(&r.name))
        .put("scenario", text(&r.scenario))
        .put("scenario_version", Json::Int(r.scenario_version.into()))
        .put("created", Json::Num(r.created))
        .put("updated", Json::Num(r.updated))
        .put("archived", Json::Bool(r.archived))
        .put("progress", progress_json(&r.progress))
        .done()
}

fn progress_json(p: &Progress) -> Json {
    Members::default()
        .put("items", map_json(&p.items, item_json))
        .put_some("values", some_map(&p.values, |v| text(v)))
        .put_some("label", p.label.map(|l| text(l.as_str())))
        .put_some("template_labels", some_map(&p.template_labels, |l| text(l.as_str())))
        .put_some("shape", p.shape.map(|s| text(s.key())))
        .put_some(
            "decisions",
            (!p.decisions.is_empty()).then(|| Json::Arr(p.decisions.iter().map(decision_json).collect())),
        )
        .done()
}

fn item_json(s: &ItemState) -> Json {
    Members::default()
        .put("status", text(s.status.key()))
        .put_some("note", (!s.note.is_empty()).then(|| text(&s.note)))
        .put_some("answer", s.answer.map(|a| text(a.key())))
        .put_some("changed_at", s.changed_at.map(Json::Num))
        .done()
}

fn decision_json(d: &KeptDecision) -> Json {
    Members::default()
        .put_some("template", d.template.as_deref().map(text))
        .put("label", text(d.label.as_str()))
        .put("reasons", Json::Arr(d.reasons.iter().map(|r| text(r)).collect()))
        .put("decided_at", Json::Num(d.decided_at))
        .done()
}

// ---- Reading ----

/// The members of an object being read. Readers are plain functions, not closures, so each
/// kind of field is read by one copy of the code.
struct Fields<'a>(&'a Json);

impl<'a> Fields<'a> {
    fn of(v: &'a Json) -> Read<Fields<'a>> {
        match v {
            Json::Obj(_) => Ok(Fields(v)),
            _ => Err(ReadError::wrong("expected an object")),
        }
    }

    /// Member `name`, read with `read`; `None` when missing or `null`. Errors name it.
    fn optional<T>(&self, name: &str, read: fn(&Json) -> Read<T>) -> Read<Option<T>> {
        self.0.get(name).map(read).transpose().map_err(|e| e.within(name))
    }

    /// Member `name`, or its default when missing.
    fn or_default<T: Default>(&self, name: &str, read: fn(&Json) -> Read<T>) -> Read<T> {
        self.optional(name, read).map(Option::unwrap_or_default)
    }

    /// Member `name`, which must be there.
    fn required<T>(&self, name: &str, read: fn(&Json) -> Read<T>) -> Read<T> {
        self.optional(name, read)?.ok_or_else(|| ReadError { path: format!("`{name}`"), wrong: None })
    }
}

fn read_text(v: &Json) -> Read<String> {
    match v {
        Json::Str(s) => Ok(s.clone()),
        _ => Err(ReadError::wrong("expected text")),
    }
}

fn read_number(v: &Json) -> Read<f64> {
    match *v {
        Json::Num(x) => Ok(x),
        _ => Err(ReadError::wrong("expected a number")),
    }
}

/// A whole number from 0 to 2³² − 1.
fn read_whole(v: &Json) -> Read<u32> {
    match *v {
        Json::Num(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) => Ok(x as u32),
        _ => Err(ReadError::wrong("expected a whole number")),
    }
}

fn read_flag(v: &Json) -> Read<bool> {
    match *v {
        Json::Bool(b) => Ok(b),
        _ => Err(ReadError::wrong("expected true or false")),
    }
}

/// One of `all`, by the keyword `key` gives it.
fn read_keyword<T: Copy>(v: &Json, all: &[T], key: fn(T) -> &'static str) -> Read<T> {
    let s = read_text(v)?;
    all.iter().copied().find(|&x| key(x) == s).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|&x| key(x)).collect();
        ReadError::wrong(format!("expected one of {}, not `{s}`", known.join(", ")))
    })
}

/// A label, read by the one label parser (which explains near misses such as `TLP:WHITE`).
fn read_label(v: &Json) -> Read<Tlp> {
    read_text(v)?.parse().map_err(|e: TlpError| ReadError::wrong(e.message))
}

fn read_status(v: &Json) -> Read<Status> {
    read_keyword(v, &Status::ALL, Status::key)
}

fn read_answer(v: &Json) -> Read<Answer> {
    read_keyword(v, &Answer::ALL, Answer::key)
}

/// A governance shape, read as checklist files read it.
fn read_shape(v: &Json) -> Read<Shape> {
    read_text(v)?.parse().map_err(ReadError::wrong)
}

fn read_map<V>(v: &Json, read: fn(&Json) -> Read<V>) -> Read<Map<V>> {
    match v {
        // Map::insert keeps the last of repeated keys, as `Json::get` does.
        Json::Obj(members) => {
            members.iter().map(|(k, v)| Ok((k.clone(), read(v).map_err(|e| e.within(k))?))).collect()
        }
        _ => Err(ReadError::wrong("expected an object")),
    }
}

fn read_list<V>(v: &Json, read: fn(&Json) -> Read<V>) -> Read<Vec<V>> {
    match v {
        Json::Arr(items) => {
            items.iter().enumerate().map(|(i, v)| read(v).map_err(|e| e.within(&i.to_string()))).collect()
        }
        _ => Err(ReadError::wrong("expected a list")),
    }
}

/// Reads the stored form of a `Saved`.
pub fn read_saved(v: &Json) -> Read<Saved> {
    let f = Fields::of(v)?;
    Ok(Saved {
        records: f.or_default("records", |v| read_map(v, read_record))?,
        current: f.or_default("current", |v| read_map(v, read_text))?,
        deleted: f.or_default("deleted", |v| read_map(v, read_number))?,
        last_backup: f.optional("last_backup", read_number)?,
    })
}

/// Reads version 1's stored state: one progress per scenario id.
pub fn read_v1(v: &Json) -> Read<Map<Progress>> {
    Fields::of(v)?.or_default("progress", |v| read_map(v, read_progress))
}

fn read_record(v: &Json) -> Read<Record> {
    let f = Fields::of(v)?;
    Ok(Record {
        id: f.or_default("id", read_text)?,
        name: f.or_default("name", read_text)?,
        scenario: f.or_default("scenario", read_text)?,
        scenario_version: f.or_default("scenario_version", read_whole)?,
        created: f.or_default("created", read_number)?,
        updated: f.or_default("updated", read_number)?,
        archived: f.or_default("archived", read_flag)?,
        progress: f.or_default("progress", read_progress)?,
    })
}

fn read_progress(v: &Json) -> Read<Progress> {
    let f = Fields::of(v)?;
    Ok(Progress {
        items: f.or_default("items", |v| read_map(v, read_item))?,
        values: f.or_default("values", |v| read_map(v, read_text))?,
        label: f.optional("label", read_label)?,
        template_labels: f.or_default("template_labels", |v| read_map(v, read_label))?,
        shape: f.optional("shape", read_shape)?,
        decisions: f.or_default("decisions", |v| read_list(v, read_decision))?,
    })
}

fn read_item(v: &Json) -> Read<ItemState> {
    let f = Fields::of(v)?;
    Ok(ItemState {
        status: f.or_default("status", read_status)?,
        note: f.or_default("note", read_text)?,
        answer: f.optional("answer", read_answer)?,
        changed_at: f.optional("changed_at", read_number)?,
    })
}

fn read_decision(v: &Json) -> Read<KeptDecision> {
    let f = Fields::of(v)?;
    Ok(KeptDecision {
        template: f.optional("template", read_text)?,
        label: f.required("label", read_label)?,
        reasons: f.required("reasons", |v| read_list(v, read_text))?,
        decided_at: f.required("decided_at", read_number)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::parse;

    #[test]
    fn errors_name_the_member_they_are_in() {
        let cases = [
            (r#"{"records":{"r1":{"progress":{"items":{"a":{"status":"maybe"}}}}}}"#,
             "`records` › `r1` › `progress` › `items` › `a` › `status`: expected one of open, done, not-applicable, not `maybe`"),
            (r#"{"records":{"r1":{"name":5}}}"#, "`records` › `r1` › `name`: expected text"),
            (r#"{"records":{"r1":{"scenario_version":1.5}}}"#, "`records` › `r1` › `scenario_version`: expected a whole number"),
            (r#"{"records":{"r1":{"progress":{"decisions":[{"label":"TLP:RED","reasons":[]}]}}}}"#,
             "`records` › `r1` › `progress` › `decisions` › `0` › `decided_at` is missing"),
            (r#"{"records":{"r1":{"progress":{"label":"TLP:WHITE"}}}}"#,
             "`records` › `r1` › `progress` › `label`: `TLP:WHITE` is a TLP 1.0 label; TLP 2.0 calls it TLP:CLEAR"),
            (r#"{"current":[]}"#, "`current`: expected an object"),
            (r#"[]"#, "expected an object"),
        ];
        for (text, want) in cases {
            assert_eq!(
                read_saved(&parse(text).unwrap()).map_err(|e| e.to_string()),
                Err(want.to_owned()),
                "{text}"
            );
        }
    }

    #[test]
    fn missing_and_null_members_read_as_defaults_and_unknown_ones_are_ignored() {
        let v = parse(r#"{"records":{"r1":{"name":null,"colour":"blue","progress":{"label":null}}},"last_backup":null}"#)
            .unwrap();
        let saved = read_saved(&v).unwrap();
        assert_eq!(saved.records["r1"], Record::default());
        assert_eq!(saved.last_backup, None);
    }

    #[test]
    fn maps_keep_the_last_of_a_repeated_key_and_write_in_key_order() {
        let saved = read_saved(&parse(r#"{"current": {"b": "2", "a": "1", "b": "3"}}"#).unwrap()).unwrap();
        assert_eq!(saved.current["b"], "3");
        assert_eq!(map_json(&saved.current, |v| text(v)).to_text(), r#"{"a":"1","b":"3"}"#);
    }

    #[test]
    fn fields_at_their_defaults_are_left_out() {
        let item = ItemState { status: Status::Open, ..ItemState::default() };
        assert_eq!(item_json(&item).to_text(), r#"{"status":"open"}"#);
        assert_eq!(progress_json(&Progress::default()).to_text(), r#"{"items":{}}"#);
    }
}

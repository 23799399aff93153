//! The project's own channels: a name, who can read it, who can read its archives, and the
//! strictest label the project lets it carry. The channel check and the communications log use
//! them: a message labelled stricter than its channel carries is warned about before it is
//! copied or logged.
//!
//! Who can read a channel uses the words of the label framework's channel check
//! ([`Readers`], [`Archive`]), so a channel is never trusted with more than its readers allow,
//! whatever label the project gave it.

use serde::{Deserialize, Serialize};

use super::decide::{Archive, Bridge, ChannelCheck, ChannelFacts, Readers, RunBy, Verdict};
use super::map::Map;
use super::tlp::Tlp;

/// One of the project's channels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectChannel {
    /// Stable identifier.
    pub id: String,
    /// Its name, as the project calls it ("security@", "the forum").
    pub name: String,
    /// Who can join or read it now.
    pub readers: Readers,
    /// Who can read what was said there later.
    pub archive: Archive,
    /// The strictest label the project lets it carry.
    pub label: Tlp,
    /// When it last changed, for merging two tabs' lists.
    #[serde(default)]
    pub changed: f64,
    /// When it was removed from the list; kept so another tab does not bring it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<f64>,
    /// The names it went by before it was renamed, so log entries that named it then still
    /// find it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former: Vec<String>,
}

/// Every `Readers`, with its keyword and words, in the order the channel form offers them.
pub const READERS: [(Readers, &str, &str); 4] = [
    (Readers::Anyone, "anyone", "Anyone can join or read it"),
    (Readers::Members, "members", "Approved members who are known"),
    (Readers::Governance, "governance", "The project's governance only"),
    (Readers::Named, "named", "Only the named people in each exchange"),
];

/// Every `Archive`, with its keyword and words.
pub const ARCHIVES: [(Archive, &str, &str); 4] = [
    (Archive::None, "none", "Nothing is kept"),
    (Archive::Members, "members", "Kept for its members"),
    (Archive::Public, "public", "Kept in public archives"),
    (Archive::NotSure, "not-sure", "Not sure"),
];

impl ProjectChannel {
    /// Who can read it, as the channel check asks.
    pub fn facts(&self) -> ChannelFacts {
        ChannelFacts {
            readers: self.readers,
            archive: self.archive,
            bridge: Bridge::No,
            run_by: RunBy::Project,
        }
    }

    /// The strictest label it can carry: the project's choice, unless who can read it allows
    /// only a looser one.
    pub fn carries(&self) -> Tlp {
        self.label.max(self.facts().reach())
    }

    /// Whether a message labelled `label` may go through it, and why.
    pub fn check(&self, label: Tlp) -> ChannelCheck {
        let carries = self.carries();
        let name = self.name.clone();
        if label >= carries {
            return ChannelCheck { fits: true, why: vec![Verdict::ProjectFits { name, carries, label }] };
        }
        let mut why = vec![Verdict::ProjectAtMost { name, carries, label }];
        // When who can read it is the reason, say which fact.
        why.extend(self.facts().problems(label));
        why.push(Verdict::SendElsewhere);
        ChannelCheck { fits: false, why }
    }
}

/// The keyword of `readers`.
pub fn readers_key(readers: Readers) -> &'static str {
    READERS.iter().find(|r| r.0 == readers).map_or("", |r| r.1)
}

/// The keyword of `archive`.
pub fn archive_key(archive: Archive) -> &'static str {
    ARCHIVES.iter().find(|a| a.0 == archive).map_or("", |a| a.1)
}

/// Who can read a channel with `readers`, in words.
pub fn readers_words(readers: Readers) -> &'static str {
    READERS.iter().find(|r| r.0 == readers).map_or("", |r| r.2)
}

/// What a channel with `archive` keeps, in words.
pub fn archive_words(archive: Archive) -> &'static str {
    ARCHIVES.iter().find(|a| a.0 == archive).map_or("", |a| a.2)
}

/// The channels in use, sorted by name: those an embedding site gives first, then the ones
/// kept on this device, removed ones left out.
pub fn in_use<'a>(site: &'a [ProjectChannel], kept: &'a Map<ProjectChannel>) -> Vec<&'a ProjectChannel> {
    let mut own: Vec<&ProjectChannel> = kept.values().filter(|c| c.removed.is_none()).collect();
    super::order::sort_by(&mut own, |a, b| a.name.to_lowercase() < b.name.to_lowercase());
    site.iter().chain(own).collect()
}

/// The channel in use that a log entry naming `name` went through: the one called so now, else
/// the one called so before it was renamed.
pub fn named<'a>(list: &[&'a ProjectChannel], name: &str) -> Option<&'a ProjectChannel> {
    if name.is_empty() {
        return None;
    }
    list.iter()
        .find(|c| c.name == name)
        .or_else(|| list.iter().find(|c| c.former.iter().any(|f| f == name)))
        .copied()
}

/// The longest name a channel may have.
pub const NAME_MAX: usize = 80;

/// What is wrong with `channel`, about to be added to or changed in the list `in_use`, in plain
/// words; `None` when nothing is.
pub fn problem(channel: &ProjectChannel, in_use: &[&ProjectChannel]) -> Option<String> {
    let name = channel.name.trim();
    if name.is_empty() {
        return Some("Give the channel a name first.".into());
    }
    if name.chars().count() > NAME_MAX {
        return Some(format!("Keep the name to {NAME_MAX} characters or fewer."));
    }
    let same =
        |c: &&&ProjectChannel| c.id != channel.id && c.name.trim().to_lowercase() == name.to_lowercase();
    in_use.iter().find(same).map(|other| {
        format!("There is already a channel called “{}”. Give this one another name.", other.name)
    })
}

/// Adds `channel` to the channels kept here, unless [`problem`] finds something wrong with it.
pub fn add(
    kept: &mut Map<ProjectChannel>,
    site: &[ProjectChannel],
    mut channel: ProjectChannel,
) -> Result<(), String> {
    channel.name = channel.name.trim().to_owned();
    if let Some(why) = problem(&channel, &in_use(site, kept)) {
        return Err(why);
    }
    kept.insert(channel.id.clone(), channel);
    Ok(())
}

/// Changes channel `id` of those kept here to `changed`'s name, readers, archives and label, at
/// `now`. It keeps its id, and a name it drops stays among its former names, so log entries that
/// named it still find it. Channels given by the site and removed ones are not changed.
pub fn edit(
    kept: &mut Map<ProjectChannel>,
    site: &[ProjectChannel],
    id: &str,
    changed: &ProjectChannel,
    now: f64,
) -> Result<(), String> {
    if site.iter().any(|c| c.id == id) {
        return Err("This channel is given by this site: it can only be changed there.".into());
    }
    if kept.get(id).is_none_or(|c| c.removed.is_some()) {
        return Err("This channel is no longer in the list (it was removed, perhaps in another tab). Nothing was changed.".into());
    }
    let name = changed.name.trim().to_owned();
    let check = ProjectChannel { id: id.to_owned(), name: name.clone(), ..changed.clone() };
    if let Some(why) = problem(&check, &in_use(site, kept)) {
        return Err(why);
    }
    let Some(c) = kept.get_mut(id) else { return Ok(()) };
    if c.name != name {
        let old = std::mem::replace(&mut c.name, name);
        c.former.retain(|f| *f != old && *f != c.name);
        c.former.push(old);
    }
    c.readers = changed.readers;
    c.archive = changed.archive;
    c.label = changed.label;
    c.changed = now;
    Ok(())
}

/// What importing a backup would do to the channels kept here, in words; each list by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportChannels {
    /// Channels the backup adds (or brings back).
    pub added: Vec<String>,
    /// Channels the backup changes, each with what changes.
    pub changed: Vec<String>,
    /// Channels the backup removes: removed there after they last changed here.
    pub removed: Vec<String>,
    /// Channels here that stay as they are.
    pub kept: Vec<String>,
}

impl ImportChannels {
    /// Whether there are no channels here or in the backup.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty() && self.kept.is_empty()
    }

    /// The preview in sentences, one per kind of change, those with nothing to say left out.
    pub fn lines(&self) -> Vec<String> {
        let line = |start: &str, list: &[String], sep: &str| {
            (!list.is_empty()).then(|| format!("{start}{}.", list.join(sep)))
        };
        [
            line("New, from the backup: ", &self.added, ", "),
            line("Changed by the backup: ", &self.changed, "; "),
            line(
                "Removed by the backup, where they were removed after their last change here: ",
                &self.removed,
                ", ",
            ),
            line("Staying as they are on this device: ", &self.kept, ", "),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Compares the channels kept here with a backup's, as importing it would combine them
/// ([`merge`]: each channel as it changed last).
pub fn preview_import(here: &Map<ProjectChannel>, theirs: &Map<ProjectChannel>) -> ImportChannels {
    let mut after = here.clone();
    merge(&mut after, theirs);
    let mut p = ImportChannels::default();
    let mut sorted: Vec<&ProjectChannel> = after.values().collect();
    super::order::sort_by(&mut sorted, |a, b| a.name.to_lowercase() < b.name.to_lowercase());
    for a in sorted {
        let quoted = format!("“{}”", a.name);
        match (here.get(&a.id).filter(|h| h.removed.is_none()), a.removed) {
            (None, None) => p.added.push(quoted),
            (None, Some(_)) => {}
            (Some(h), Some(_)) => p.removed.push(format!("“{}”", h.name)),
            (Some(h), None) => {
                let what = differences(h, a);
                if what.is_empty() {
                    p.kept.push(quoted);
                } else {
                    p.changed.push(format!("“{}”: {}", h.name, what.join(", ")));
                }
            }
        }
    }
    p
}

/// How `after` differs from `before`, in words.
fn differences(before: &ProjectChannel, after: &ProjectChannel) -> Vec<String> {
    let (words, kept) = (readers_words, archive_words);
    let mut out = Vec::new();
    if before.name != after.name {
        out.push(format!("its name from “{}” to “{}”", before.name, after.name));
    }
    if before.readers != after.readers {
        out.push(format!("who can read it from “{}” to “{}”", words(before.readers), words(after.readers)));
    }
    if before.archive != after.archive {
        out.push(format!("its archives from “{}” to “{}”", kept(before.archive), kept(after.archive)));
    }
    if before.label != after.label {
        out.push(format!("the strictest label it may carry from {} to {}", before.label, after.label));
    }
    out
}

/// Combines two tabs' lists of channels: each channel as it changed last.
pub fn merge(mine: &mut Map<ProjectChannel>, theirs: &Map<ProjectChannel>) {
    for (id, t) in theirs {
        match mine.get_mut(id) {
            None => {
                mine.insert(id.clone(), t.clone());
            }
            Some(m) if t.changed > m.changed => *m = t.clone(),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(name: &str, readers: Readers, archive: Archive, label: Tlp) -> ProjectChannel {
        ProjectChannel {
            id: name.into(),
            name: name.into(),
            readers,
            archive,
            label,
            changed: 1.0,
            removed: None,
            former: Vec::new(),
        }
    }

    #[test]
    fn a_channel_that_carries_only_clear_warns_about_amber() {
        let forum = channel("The forum", Readers::Anyone, Archive::Public, Tlp::Clear);
        let check = forum.check(Tlp::Amber);
        assert!(!check.fits);
        assert!(
            check.text().starts_with("No. “The forum” carries TLP:CLEAR at most, and this is TLP:AMBER."),
            "{}",
            check.text()
        );
        assert!(check.text().contains("Anyone can join or read this channel"), "{}", check.text());
        assert!(forum.check(Tlp::Clear).fits);
    }

    #[test]
    fn the_projects_choice_holds_unless_the_readers_allow_less() {
        let security = channel("security@", Readers::Governance, Archive::None, Tlp::AmberStrict);
        assert_eq!(security.carries(), Tlp::AmberStrict);
        assert!(security.check(Tlp::AmberStrict).fits);
        assert!(security.check(Tlp::Amber).fits, "a looser label fits too");
        let red = security.check(Tlp::Red);
        assert!(!red.fits);
        assert_eq!(
            red.text(),
            "No. “security@” carries TLP:AMBER+STRICT at most, and this is TLP:RED. Its readers are the project's \
             governance, wider than the label allows. Send it through a channel that carries it, or talk to the \
             people instead."
        );
        // A project that says its public chat carries TLP:RED is not believed.
        let chat = channel("chat", Readers::Anyone, Archive::None, Tlp::Red);
        assert_eq!(chat.carries(), Tlp::Clear);
        assert!(!chat.check(Tlp::Green).fits);
        // A private list the project keeps to TLP:CLEAR stays at TLP:CLEAR.
        let list = channel("list", Readers::Members, Archive::Members, Tlp::Clear);
        assert!(!list.check(Tlp::Green).fits);
        assert!(!list.check(Tlp::Green).text().contains("closed group"), "the readers are not the reason");
    }

    #[test]
    fn the_lists_merge_by_latest_change_and_removed_ones_are_not_in_use() {
        let mut a = Map::new();
        a.insert("x".into(), channel("x", Readers::Members, Archive::None, Tlp::Green));
        let mut b = a.clone();
        b.get_mut("x").unwrap().removed = Some(2.0);
        b.get_mut("x").unwrap().changed = 2.0;
        b.insert("y".into(), channel("Y", Readers::Named, Archive::None, Tlp::Red));
        merge(&mut a, &b);
        assert_eq!(a.len(), 2);
        let site = [channel("site", Readers::Anyone, Archive::Public, Tlp::Clear)];
        let names: Vec<&str> = in_use(&site, &a).iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["site", "Y"]);
    }

    #[test]
    fn a_channel_edited_in_place_keeps_its_id_and_is_still_found_by_its_old_name() {
        let mut kept = Map::new();
        let forum = channel("The forum", Readers::Anyone, Archive::Public, Tlp::Clear);
        add(&mut kept, &[], forum.clone()).unwrap();
        let site = [ProjectChannel {
            id: "site-1".into(),
            ..channel("security@", Readers::Governance, Archive::None, Tlp::Red)
        }];
        let changed = ProjectChannel {
            name: "  Discourse  ".into(),
            readers: Readers::Members,
            archive: Archive::Members,
            label: Tlp::Green,
            ..forum.clone()
        };
        edit(&mut kept, &site, "The forum", &changed, 5.0).unwrap();
        assert_eq!(kept.len(), 1, "changed in place, not added again");
        let c = &kept["The forum"];
        assert_eq!(
            (c.name.as_str(), c.readers, c.archive, c.label, c.changed),
            ("Discourse", Readers::Members, Archive::Members, Tlp::Green, 5.0)
        );
        assert_eq!(c.former, ["The forum"]);
        // A log entry that named it before, or names it now, finds it; the site's channel is found
        // by its own name.
        let list = in_use(&site, &kept);
        assert_eq!(named(&list, "The forum").map(|c| c.id.as_str()), Some("The forum"));
        assert_eq!(named(&list, "Discourse").map(|c| c.id.as_str()), Some("The forum"));
        assert_eq!(named(&list, "security@").map(|c| c.id.as_str()), Some("site-1"));
        assert!(named(&list, "").is_none() && named(&list, "chat").is_none());
        // Renamed back: the old name is its name again, and only the other one is former.
        let back = ProjectChannel { name: "The forum".into(), ..kept["The forum"].clone() };
        edit(&mut kept, &site, "The forum", &back, 6.0).unwrap();
        assert_eq!(kept["The forum"].former, ["Discourse"]);
        // A new channel called as the old one now is takes that name from it when matching.
        add(
            &mut kept,
            &site,
            ProjectChannel {
                id: "new".into(),
                ..channel("Discourse", Readers::Anyone, Archive::Public, Tlp::Clear)
            },
        )
        .unwrap();
        assert_eq!(named(&in_use(&site, &kept), "Discourse").map(|c| c.id.as_str()), Some("new"));
    }

    #[test]
    fn adding_or_editing_a_channel_refuses_what_is_wrong_in_plain_words() {
        let mut kept = Map::new();
        let site = [ProjectChannel {
            id: "site-1".into(),
            ..channel("security@", Readers::Governance, Archive::None, Tlp::Red)
        }];
        add(&mut kept, &site, channel("The forum", Readers::Anyone, Archive::Public, Tlp::Clear)).unwrap();
        add(&mut kept, &site, channel("chat", Readers::Members, Archive::None, Tlp::Green)).unwrap();
        let before = kept.clone();
        let err = |r: Result<(), String>| r.unwrap_err();
        assert_eq!(
            err(add(&mut kept, &site, channel("   ", Readers::Anyone, Archive::None, Tlp::Clear))),
            "Give the channel a name first."
        );
        assert_eq!(
            err(add(
                &mut kept,
                &site,
                ProjectChannel {
                    id: "x".into(),
                    ..channel("the FORUM ", Readers::Anyone, Archive::None, Tlp::Clear)
                }
            )),
            "There is already a channel called “The forum”. Give this one another name."
        );
        assert_eq!(
            err(add(
                &mut kept,
                &site,
                ProjectChannel {
                    id: "y".into(),
                    ..channel("Security@", Readers::Named, Archive::None, Tlp::Red)
                }
            )),
            "There is already a channel called “security@”. Give this one another name.",
            "the site's channels count too"
        );
        let long = "x".repeat(NAME_MAX + 1);
        assert_eq!(
            err(add(&mut kept, &site, channel(&long, Readers::Anyone, Archive::None, Tlp::Clear))),
            "Keep the name to 80 characters or fewer."
        );
        let chat = kept["chat"].clone();
        let renamed = |name: &str| ProjectChannel { name: name.into(), ..chat.clone() };
        assert_eq!(
            err(edit(&mut kept, &site, "chat", &renamed("The Forum"), 2.0)),
            "There is already a channel called “The forum”. Give this one another name."
        );
        assert_eq!(err(edit(&mut kept, &site, "chat", &renamed(""), 2.0)), "Give the channel a name first.");
        assert_eq!(
            err(edit(&mut kept, &site, "site-1", &renamed("sec"), 2.0)),
            "This channel is given by this site: it can only be changed there."
        );
        kept.get_mut("chat").unwrap().removed = Some(1.5);
        let gone = kept.clone();
        assert!(err(edit(&mut kept, &site, "chat", &renamed("Chat"), 2.0))
            .starts_with("This channel is no longer in the list"));
        assert!(err(edit(&mut kept, &site, "nope", &renamed("Chat"), 2.0))
            .starts_with("This channel is no longer in the list"));
        assert_eq!(kept, gone, "nothing changed by a refusal");
        // Its own name, in another case, is no clash with itself.
        kept.get_mut("chat").unwrap().removed = None;
        edit(&mut kept, &site, "chat", &renamed("Chat"), 3.0).unwrap();
        assert_eq!(kept["chat"].name, "Chat");
        assert_ne!(kept, before);
    }

    #[test]
    fn the_import_preview_says_which_channels_are_new_change_go_or_stay() {
        let mut here = Map::new();
        for c in [
            channel("forum", Readers::Anyone, Archive::Public, Tlp::Clear),
            channel("chat", Readers::Members, Archive::None, Tlp::Green),
            channel("list", Readers::Members, Archive::Members, Tlp::Green),
            channel("mine", Readers::Named, Archive::None, Tlp::Red),
            channel("newer here", Readers::Members, Archive::None, Tlp::Green),
        ] {
            here.insert(c.id.clone(), c);
        }
        let mut backup = here.clone();
        backup.remove("mine");
        // In the backup, later: the forum renamed and stricter, chat removed, a new channel.
        let f = backup.get_mut("forum").unwrap();
        f.name = "Forum".into();
        f.readers = Readers::Members;
        f.archive = Archive::Members;
        f.label = Tlp::Green;
        f.changed = 2.0;
        let c = backup.get_mut("chat").unwrap();
        c.removed = Some(2.0);
        c.changed = 2.0;
        backup
            .insert("sec".into(), channel("security@", Readers::Governance, Archive::None, Tlp::AmberStrict));
        // Changed here after the backup's copy: this device's copy stays.
        backup.get_mut("newer here").unwrap().label = Tlp::Clear;
        here.get_mut("newer here").unwrap().changed = 3.0;
        // Removed both here and in the backup: not mentioned.
        let mut old = channel("old", Readers::Anyone, Archive::None, Tlp::Clear);
        old.removed = Some(1.0);
        here.insert("old".into(), old.clone());
        backup.insert("old".into(), old);

        let p = preview_import(&here, &backup);
        assert_eq!(p.added, ["“security@”"]);
        assert_eq!(
            p.changed,
            ["“forum”: its name from “forum” to “Forum”, who can read it from “Anyone can join or read it” to \
              “Approved members who are known”, its archives from “Kept in public archives” to “Kept for its \
              members”, the strictest label it may carry from TLP:CLEAR to TLP:GREEN"]
        );
        assert_eq!(p.removed, ["“chat”"]);
        assert_eq!(p.kept, ["“list”", "“mine”", "“newer here”"]);
        assert!(!p.is_empty());
        assert_eq!(
            p.lines(),
            [
                "New, from the backup: “security@”.".to_owned(),
                format!("Changed by the backup: {}.", p.changed[0]),
                "Removed by the backup, where they were removed after their last change here: “chat”."
                    .to_owned(),
                "Staying as they are on this device: “list”, “mine”, “newer here”.".to_owned(),
            ]
        );
        let nothing_new = preview_import(&here, &Map::new());
        assert_eq!(
            nothing_new.lines(),
            ["Staying as they are on this device: “chat”, “forum”, “list”, “mine”, “newer here”."]
        );
        // What the preview says is what merging does.
        let mut after = here.clone();
        merge(&mut after, &backup);
        assert_eq!(after["forum"].name, "Forum");
        assert!(after["chat"].removed.is_some());
        assert_eq!(after["newer here"].label, Tlp::Green);
        assert!(preview_import(&Map::new(), &Map::new()).is_empty());
    }

    #[test]
    fn channels_are_kept_with_keywords() {
        let c = channel("security@", Readers::Governance, Archive::NotSure, Tlp::AmberStrict);
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(
            text,
            r#"{"id":"security@","name":"security@","readers":"governance","archive":"not-sure","label":"TLP:AMBER+STRICT","changed":1.0}"#
        );
        assert_eq!(serde_json::from_str::<ProjectChannel>(&text).unwrap(), c);
        for (r, key, _) in READERS {
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{key}\""));
            assert_eq!(readers_key(r), key);
        }
        for (a, key, _) in ARCHIVES {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{key}\""));
            assert_eq!(archive_key(a), key);
        }
    }
}

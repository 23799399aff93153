//! The project's own channels: a name, who can read it, who can read its archives, and the
//! strictest label the project lets it carry. The channel check and the communications log use
//! them: a message labelled stricter than its channel carries is warned about before it is
//! copied or logged.
//!
//! Who can read a channel uses the words of the label framework's channel check
//! ([`Readers`], [`Archive`]), so a channel is never trusted with more than its readers allow,
//! whatever label the project gave it.

use serde::{Deserialize, Serialize};

use super::decide::{check_reach, Archive, Bridge, ChannelCheck, ChannelFacts, Readers, RunBy};
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
        if label >= carries {
            return ChannelCheck {
                fits: true,
                why: format!("Yes. “{}” carries {carries} or looser, and this is {label}.", self.name),
            };
        }
        let mut why = format!("No. “{}” carries {carries} at most, and this is {label}.", self.name);
        if self.facts().reach() > label {
            // Who can read it is the reason: say which fact.
            let reach = check_reach(self.facts(), label).why;
            let reason = reach.trim_start_matches("No.").split(" It can carry").next().unwrap_or("").trim();
            if !reason.is_empty() {
                why.push(' ');
                why.push_str(reason);
            }
        }
        why.push_str(" Send it through a channel that carries it, or talk to the people instead.");
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

/// The channels in use, sorted by name: those an embedding site gives first, then the ones
/// kept on this device, removed ones left out.
pub fn in_use<'a>(site: &'a [ProjectChannel], kept: &'a Map<ProjectChannel>) -> Vec<&'a ProjectChannel> {
    let mut own: Vec<&ProjectChannel> = kept.values().filter(|c| c.removed.is_none()).collect();
    super::order::sort_by(&mut own, |a, b| a.name.to_lowercase() < b.name.to_lowercase());
    site.iter().chain(own).collect()
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
        }
    }

    #[test]
    fn a_channel_that_carries_only_clear_warns_about_amber() {
        let forum = channel("The forum", Readers::Anyone, Archive::Public, Tlp::Clear);
        let check = forum.check(Tlp::Amber);
        assert!(!check.fits);
        assert!(
            check.why.starts_with("No. “The forum” carries TLP:CLEAR at most, and this is TLP:AMBER."),
            "{}",
            check.why
        );
        assert!(check.why.contains("Anyone can join or read this channel"), "{}", check.why);
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
            red.why,
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
        assert!(!list.check(Tlp::Green).why.contains("closed group"), "the readers are not the reason");
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

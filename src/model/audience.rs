//! Who a step or message is for, in a fixed vocabulary that maps onto TLP's terms.

use std::fmt;
use std::str::FromStr;

/// One audience from the documented vocabulary (see `checklists/README.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Audience {
    /// The few people handling the matter right now.
    Responders,
    /// The project's formal governance: core team, steering council.
    Leadership,
    /// The project's maintainers.
    Maintainers,
    /// The moderation or code of conduct team.
    Moderators,
    /// People harmed or put at risk: a reporter, a target, a witness.
    Affected,
    /// The person the matter is about: the person accused, the maintainer who left, the person a
    /// rumour is about. Not the same as the people it harmed.
    Subject,
    /// A closed group with known members, such as a private maintainers' list or a members-only
    /// forum. Not the public: everyone in it is known to the project.
    Members,
    /// Downstream packagers, distributors and dependents.
    Downstream,
    /// The foundation or fiscal host, where there is one.
    Foundation,
    /// The hosting platform's trust and safety or support team.
    Platform,
    /// Everyone, in public.
    Public,
}

/// The old spelling of `members`, still read so that checklists written for earlier versions
/// keep working. It never meant the public: it always meant a closed group with known members.
const OLD_MEMBERS: &str = "community";

/// Audiences as people read them: their titles, separated by commas.
pub fn titles(audience: &[Audience]) -> String {
    audience.iter().map(|a| a.title()).collect::<Vec<_>>().join(", ")
}

impl Audience {
    /// Every audience, in the order they are documented.
    pub const ALL: [Audience; 11] = [
        Audience::Responders,
        Audience::Leadership,
        Audience::Maintainers,
        Audience::Moderators,
        Audience::Affected,
        Audience::Subject,
        Audience::Members,
        Audience::Downstream,
        Audience::Foundation,
        Audience::Platform,
        Audience::Public,
    ];

    /// The keyword used in checklist files.
    pub const fn key(self) -> &'static str {
        match self {
            Audience::Responders => "responders",
            Audience::Leadership => "leadership",
            Audience::Maintainers => "maintainers",
            Audience::Moderators => "moderators",
            Audience::Affected => "affected",
            Audience::Subject => "subject",
            Audience::Members => "members",
            Audience::Downstream => "downstream",
            Audience::Foundation => "foundation",
            Audience::Platform => "platform",
            Audience::Public => "public",
        }
    }

    /// The words shown to people.
    pub const fn title(self) -> &'static str {
        match self {
            Audience::Responders => "Responders",
            Audience::Leadership => "Leadership",
            Audience::Maintainers => "Maintainers",
            Audience::Moderators => "Moderators",
            Audience::Affected => "Affected people",
            Audience::Subject => "The person it is about",
            Audience::Members => "Project members (closed group)",
            Audience::Downstream => "Downstream",
            Audience::Foundation => "Foundation",
            Audience::Platform => "Platform",
            Audience::Public => "Public",
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

impl FromStr for Audience {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == OLD_MEMBERS {
            return Ok(Audience::Members);
        }
        Audience::ALL.into_iter().find(|a| a.key() == s).ok_or_else(|| {
            let known: Vec<&str> = Audience::ALL.iter().map(|a| a.key()).collect();
            format!("unknown audience `{s}`: expected one of {}", known.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_parses_back_to_its_audience() {
        for a in Audience::ALL {
            assert_eq!(a.key().parse::<Audience>(), Ok(a));
        }
    }

    #[test]
    fn the_old_spelling_community_reads_as_members() {
        assert_eq!("community".parse::<Audience>(), Ok(Audience::Members));
        assert_eq!(Audience::Members.key(), "members", "files are written with the new word");
        assert!(Audience::Members.title().contains("closed group"), "{}", Audience::Members.title());
    }

    #[test]
    fn the_subject_is_not_the_affected() {
        assert_eq!("subject".parse::<Audience>(), Ok(Audience::Subject));
        assert_ne!(Audience::Subject.title(), Audience::Affected.title());
    }

    #[test]
    fn unknown_audience_names_the_vocabulary() {
        let err = "everyone".parse::<Audience>().unwrap_err();
        assert!(err.starts_with("unknown audience `everyone`: expected one of responders,"), "{err}");
    }
}

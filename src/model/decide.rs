//! The TLP decision framework: a few plain questions lead to one label, who may receive the
//! message in project terms, the reasons, how to mark it, and what would change the answer.
//! Also the reverse question ("I received X — what may I do?") and the channel check.
//!
//! Every rule is documented for reviewers in `docs/decision-framework.md`; keep both in step.

use super::tlp::Tlp;

/// Is the information already public?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Public {
    /// Yes: it is already on a public page, tracker, chat or post.
    Yes,
    /// No.
    No,
    /// Not sure: treated as not public.
    NotSure,
}

/// Could the information identify a person who could be harmed?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Person {
    /// No one could be identified or harmed.
    NoOne,
    /// Someone could, and they agreed to it being shared this widely.
    Agreed,
    /// Someone could, and they have not agreed (or were not asked).
    NotAgreed,
}

/// Would sharing it tip off someone still acting against the project?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TipOff {
    /// Yes: an attacker still has access, an impersonation is ongoing.
    Yes,
    /// No.
    No,
    /// Not sure: treated as yes.
    NotSure,
}

/// Who needs the information, at the widest?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Need {
    /// Only the few people handling it right now.
    Handlers,
    /// The project's governance: core team, steering council, moderators, security team.
    Governance,
    /// Also people outside who must act to protect themselves or others.
    MustAct,
    /// A closed group with known members, such as the private maintainers list.
    ClosedGroup,
    /// Everyone.
    Everyone,
}

/// The answers to the framework's questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Answers {
    /// Already public?
    pub public: Public,
    /// Could it identify a person who could be harmed, and did they agree?
    pub person: Person,
    /// Would it tip off someone acting against the project?
    pub tip_off: TipOff,
    /// Who needs it?
    pub need: Need,
    /// The label the source already put on it, if any.
    pub source: Option<Tlp>,
}

/// Which rule a reason comes from; tests and the docs refer to these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Already-public information starts at TLP:CLEAR.
    AlreadyPublic,
    /// Otherwise the widest group that needs it sets the starting label.
    Need,
    /// A person who could be harmed and has not agreed: at most TLP:AMBER+STRICT.
    PersonNotAgreed,
    /// Someone acting against the project could be tipped off: at most TLP:AMBER.
    TipOff,
    /// The source's label is never loosened without their permission.
    SourceLabel,
}

/// One reason for the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The rule behind it.
    pub rule: Rule,
    /// Whether this reason sets the final label. Exactly one reason does: the first whose limit
    /// is the result.
    pub decisive: bool,
    /// The reason, in one plain line.
    pub text: String,
}

/// The framework's recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The label to use.
    pub label: Tlp,
    /// One line for each answer that mattered.
    pub reasons: Vec<Reason>,
    /// Warnings to keep in mind whatever the label.
    pub warnings: Vec<String>,
    /// What would change the answer.
    pub would_change: Vec<String>,
}

/// Runs the framework. The result is the most restrictive label that any rule allows.
pub fn decide(a: Answers) -> Decision {
    let mut reasons: Vec<(Rule, Tlp, String)> = Vec::new();
    let mut warnings = Vec::new();
    let mut would_change = Vec::new();

    if a.public == Public::Yes {
        reasons.push((
            Rule::AlreadyPublic,
            Tlp::Clear,
            "It is already public, so repeating it reveals nothing new.".into(),
        ));
        warnings.push(
            "Public does not mean harmless: do not repeat or link personal details, even ones already posted \
             elsewhere. Repeating them spreads them further."
                .into(),
        );
    } else {
        let (label, text) = match a.need {
            Need::Handlers => (Tlp::Red, "Only the people handling it need it."),
            Need::Governance => (Tlp::AmberStrict, "Only the project's own governance needs it."),
            Need::MustAct => {
                (Tlp::Amber, "People outside the project's governance must act on it to protect themselves.")
            }
            Need::ClosedGroup => (Tlp::Green, "A closed group with known members needs it."),
            Need::Everyone => (Tlp::Clear, "Everyone needs it."),
        };
        let lead = if a.public == Public::NotSure {
            "You are not sure it is public, so it is treated as private. "
        } else {
            ""
        };
        reasons.push((Rule::Need, label, format!("{lead}{text}")));
    }

    match a.person {
        Person::NotAgreed => reasons.push((
            Rule::PersonNotAgreed,
            Tlp::AmberStrict,
            "It could identify a person who could be harmed, and they have not agreed to it being shared: \
             keep it within the project's governance at most."
                .into(),
        )),
        Person::Agreed => {
            warnings.push("The person agreed: share only what they agreed to, with whom they agreed.".into());
        }
        Person::NoOne => {}
    }

    if a.tip_off != TipOff::No {
        let text = if a.tip_off == TipOff::NotSure {
            "You are not sure whether sharing it widely could tip off someone still acting against the \
             project, so assume it could: it stays with named people who must act."
        } else {
            "Sharing it widely could tip off someone still acting against the project, so it stays with \
             named people who must act."
        };
        reasons.push((Rule::TipOff, Tlp::Amber, text.into()));
    }

    // The label the answers give before the source's label is counted.
    let others = reasons.iter().map(|(_, l, _)| *l).min().unwrap_or(Tlp::Red);
    if let Some(source) = a.source {
        let text = if source < others {
            format!("The source labelled it {source}. Only the source may loosen a label.")
        } else if source == others {
            format!("The source labelled it {source} too.")
        } else {
            format!("The source labelled it {source}, and your other answers call for a stricter label.")
        };
        reasons.push((Rule::SourceLabel, source, text));
    }

    let label = reasons.iter().map(|(_, l, _)| *l).min().unwrap_or(Tlp::Red);

    // What would change the answer: each binding rule, and how far the label could then go.
    for (rule, l, _) in &reasons {
        if *l != label {
            continue;
        }
        let next =
            reasons.iter().filter(|(r, _, _)| r != rule).map(|(_, l, _)| *l).min().unwrap_or(Tlp::Clear);
        if next == label {
            continue;
        }
        let change = match rule {
            Rule::PersonNotAgreed => format!(
                "If the person agrees, or you remove every detail that could identify them, it could be {next}."
            ),
            Rule::TipOff => format!("Once no one acting against the project can be tipped off, it could be {next}."),
            Rule::SourceLabel => format!("If the source gives permission, it could be {next}. Ask them first."),
            Rule::Need => format!("If a wider group must know, it could be up to {next}."),
            Rule::AlreadyPublic => continue,
        };
        would_change.push(change);
    }
    if a.public == Public::NotSure {
        would_change.push("If you confirm it is already public, it could be TLP:CLEAR.".into());
    }

    // One reason sets the label: the first whose limit is the result. The source's label comes
    // last, so it sets the label only when it is stricter than what the other answers give.
    let decider = reasons.iter().position(|(_, l, _)| *l == label);
    let reasons = reasons
        .into_iter()
        .enumerate()
        .map(|(i, (rule, l, text))| {
            let text = if rule == Rule::AlreadyPublic && l != label {
                "It is already public. On its own that would allow TLP:CLEAR, but another answer calls for \
                 a stricter label."
                    .into()
            } else {
                text
            };
            Reason { rule, decisive: Some(i) == decider, text }
        })
        .collect();
    Decision { label, reasons, warnings, would_change }
}

/// Where a label goes when the message is sent, following TLP 2.0.
pub fn marking(label: Tlp) -> Vec<String> {
    vec![
        format!("Email or forum post: put {label} in the subject line."),
        format!("Any message: write {label} directly before the labelled text."),
        format!(
            "If only part of a message carries the label, mark where it ends, for example \"END OF {label} TEXT\"."
        ),
        format!("Documents and printouts: {label} in the header and the footer of every page, right-aligned, 12 pt or larger."),
        format!("Spoken, in a call or meeting: say \"{label}\" before you share it."),
    ]
}

/// What a recipient may do with information that carries `label`.
pub fn received(label: Tlp) -> Vec<String> {
    let mut out = vec![match label {
        Tlp::Red => {
            "Keep it to yourself. It is for the people in this exchange only: do not forward it, post it or \
                     repeat it, not even to your own team."
                .to_owned()
        }
        Tlp::AmberStrict => {
            "Share it only inside your own organization (for a project: its governance), and only \
                             with people who need it to act."
                .to_owned()
        }
        Tlp::Amber => {
            "Share it inside your organization and with those who must act to protect themselves or \
                       others, such as your downstream users, and only those who need it."
                .to_owned()
        }
        Tlp::Green => {
            "Share it within your community of peers and partners, such as a private list with known \
                       members. Never post it where anyone can join or read."
                .to_owned()
        }
        Tlp::Clear => "Share it freely; it is public.".to_owned(),
    }];
    if label != Tlp::Clear {
        out.push(format!(
            "To share it more widely than {label} allows, first ask the source — the person or group who sent it — \
             and wait for their explicit yes."
        ));
        out.push(format!("When you pass it on within the limits, keep the label {label} on it."));
    }
    out.push("TLP is an agreement between people, not a law or an encryption rule: it works because people keep it.".into());
    out
}

/// A channel a message might travel through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    /// A public issue tracker or discussion forum.
    PublicTracker,
    /// A chat room anyone can join.
    OpenChat,
    /// A public mailing list with archives.
    PublicList,
    /// Social media.
    SocialMedia,
    /// A private list or forum whose members are approved and known.
    PrivateList,
    /// A private channel of the project's governance team only.
    GovernanceChannel,
    /// Email or direct messages to named people.
    NamedPeople,
    /// A call or meeting with the people concerned.
    Call,
}

impl Channel {
    /// Every channel, most public first.
    pub const ALL: [Channel; 8] = [
        Channel::PublicTracker,
        Channel::OpenChat,
        Channel::PublicList,
        Channel::SocialMedia,
        Channel::PrivateList,
        Channel::GovernanceChannel,
        Channel::NamedPeople,
        Channel::Call,
    ];

    /// How the channel is named to people.
    pub const fn title(self) -> &'static str {
        match self {
            Channel::PublicTracker => "A public issue tracker or forum",
            Channel::OpenChat => "A chat room anyone can join",
            Channel::PublicList => "A public mailing list with archives",
            Channel::SocialMedia => "Social media",
            Channel::PrivateList => "A private list or forum with approved, known members",
            Channel::GovernanceChannel => "A private channel of the project's governance team only",
            Channel::NamedPeople => "Email or direct messages to named people",
            Channel::Call => "A call or meeting with the people concerned",
        }
    }

    /// A short stable key, for forms.
    pub const fn key(self) -> &'static str {
        match self {
            Channel::PublicTracker => "public-tracker",
            Channel::OpenChat => "open-chat",
            Channel::PublicList => "public-list",
            Channel::SocialMedia => "social-media",
            Channel::PrivateList => "private-list",
            Channel::GovernanceChannel => "governance-channel",
            Channel::NamedPeople => "named-people",
            Channel::Call => "call",
        }
    }

    /// The widest audience the channel reaches, as the least restrictive label it can carry.
    pub const fn reach(self) -> Tlp {
        match self {
            Channel::PublicTracker | Channel::OpenChat | Channel::PublicList | Channel::SocialMedia => {
                Tlp::Clear
            }
            Channel::PrivateList => Tlp::Green,
            Channel::GovernanceChannel => Tlp::AmberStrict,
            Channel::NamedPeople | Channel::Call => Tlp::Red,
        }
    }
}

/// Whether a channel can carry a label, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelCheck {
    /// True when the channel may carry the label.
    pub fits: bool,
    /// Why, in one or two plain sentences.
    pub why: String,
}

/// Checks whether `channel` can carry information labelled `label`.
pub fn check_channel(channel: Channel, label: Tlp) -> ChannelCheck {
    let reach = channel.reach();
    if reach > label {
        let why = match reach {
            Tlp::Clear => format!(
                "No. Anyone can join or read this channel, so it is public, however small or friendly it feels. \
                 It can carry only TLP:CLEAR, not {label}."
            ),
            _ => format!(
                "No. This channel reaches people beyond what {label} allows (it suits {reach} at most). \
                 Use a channel limited to the people {label} permits."
            ),
        };
        return ChannelCheck { fits: false, why };
    }
    let why = match (channel, label) {
        (Channel::NamedPeople, Tlp::Red) => {
            "Yes, if it goes only to the people in this exchange. TLP:RED is best said in the call or meeting \
             itself; written messages can be forwarded."
                .to_owned()
        }
        (Channel::PrivateList | Channel::GovernanceChannel | Channel::NamedPeople, _) => format!(
            "Yes, as long as everyone who can read it is someone {label} permits. Check the member list first."
        ),
        _ => format!("Yes. This channel can carry {label}."),
    };
    ChannelCheck { fits: true, why }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_chat_cannot_carry_green() {
        let c = check_channel(Channel::OpenChat, Tlp::Green);
        assert!(!c.fits);
        assert!(c.why.contains("however small"), "{}", c.why);
        assert!(check_channel(Channel::OpenChat, Tlp::Clear).fits);
        assert!(check_channel(Channel::PrivateList, Tlp::Green).fits);
        assert!(!check_channel(Channel::PrivateList, Tlp::AmberStrict).fits);
        assert!(check_channel(Channel::Call, Tlp::Red).fits);
    }

    #[test]
    fn received_red_says_ask_the_source() {
        let g = received(Tlp::Red);
        assert!(g[0].starts_with("Keep it to yourself"));
        assert!(g.iter().any(|l| l.contains("ask the source")));
        assert!(!received(Tlp::Clear).iter().any(|l| l.contains("ask the source")));
    }
}

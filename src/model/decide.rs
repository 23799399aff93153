//! The TLP decision framework: a few plain questions lead to one label, the reasons, what
//! would change the answer and when to review it. Also the channel check, which asks who can
//! read a channel rather than what kind of channel it is. How to mark a message and what a
//! recipient may do ("I received X — what may I do?") are the interface's words, in each of its
//! languages (`labels.marking_*` and `labels.received_*` in `locales/`).
//!
//! The framework is built so that a hurried but reasonable reading of any one question never
//! gives a looser label than the facts warrant: "not sure" always counts as the careful answer,
//! being public never loosens a label on its own, and the facts that matter most (a person at
//! risk, someone hostile among the recipients, a leak, an embargo) each have a question of
//! their own. Every rule is documented for reviewers in `docs/decision-framework.md`; keep
//! both in step.

use std::fmt;
use std::str::FromStr;

use super::tlp::Tlp;

/// Who needs the information, at the widest. Asked first: the other answers limit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    /// Only the few people handling it right now.
    Handlers,
    /// The project's governance: core team, steering council, moderators, security team.
    Governance,
    /// Also people outside who must act on it, to protect themselves or others: packagers, a
    /// registry, a platform's security or safety team, affected contributors.
    MustAct,
    /// A closed group with known members, such as the private maintainers list.
    ClosedGroup,
    /// Everyone.
    Everyone,
}

impl Need {
    /// Every group, narrowest first.
    pub const ALL: [Need; 5] =
        [Need::Handlers, Need::Governance, Need::MustAct, Need::ClosedGroup, Need::Everyone];

    /// The least restrictive label that reaches no one beyond this group.
    pub const fn widest_label(self) -> Tlp {
        match self {
            Need::Handlers => Tlp::Red,
            Need::Governance => Tlp::AmberStrict,
            Need::MustAct => Tlp::Amber,
            Need::ClosedGroup => Tlp::Green,
            Need::Everyone => Tlp::Clear,
        }
    }

    /// The group in a sentence: "they agreed that {group} may see it".
    pub const fn group(self) -> &'static str {
        match self {
            Need::Handlers => "only the people handling it",
            Need::Governance => "the project's governance",
            Need::MustAct => "those who must act on it",
            Need::ClosedGroup => "a closed group with known members",
            Need::Everyone => "anyone",
        }
    }
}

/// How much of what you will share is already public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Public {
    /// All of it was published on purpose, where anyone can read it.
    Published,
    /// Only part: the fact is known, the details you will share are not.
    Partly,
    /// It can be found in public only because it leaked or was posted by mistake: a secret in
    /// a public log, a leaked private message, a posted home address.
    Leaked,
    /// None of it.
    No,
    /// Not sure: treated as not public.
    NotSure,
}

/// Could it identify a person who could be harmed by it, and who have they agreed may see it?
/// Asked after the audience, so that an agreement is always to a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Consent {
    /// No one could be identified, or no one could be harmed.
    NoOne,
    /// Someone could, and they have not agreed, were not asked, or you are not sure.
    NotAgreed,
    /// Someone could, and they agreed that this group, at the widest, may see it. For a minor
    /// a parent or guardian agrees too; for someone who has died, their family.
    Agreed(Need),
}

/// Does it concern someone who cannot agree for themselves or is at special risk?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AtRisk {
    /// No.
    No,
    /// A minor (under 18).
    Minor,
    /// Someone who has died, and so their family.
    Died,
    /// Someone whose physical safety could be at risk.
    Safety,
    /// Not sure: treated as yes.
    NotSure,
}

/// Is someone acting against the project, or the person accused, among those who would receive
/// it, or do they run or read the channel it would go through?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Inside {
    /// No.
    No,
    /// Yes, or they could be.
    Yes,
    /// Not sure: treated as yes.
    NotSure,
}

/// Could sharing it warn someone still acting against the project before you are ready?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TipOff {
    /// Yes: an attacker still has access, an impersonation is ongoing.
    Yes,
    /// No one is acting against the project.
    No,
    /// Not sure: treated as yes.
    NotSure,
    /// They already know what it says (it is what they did, or they have said so).
    AlreadyKnown,
    /// Warning people about them is the point, and their learning it now does no harm.
    WarningIsThePurpose,
}

/// A calendar day, as an `<input type=date>` gives it (`2026-12-01`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// The year, four digits.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31 (checked against the month).
    pub day: u8,
}

/// Why a string is not a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayError(pub String);

impl fmt::Display for DayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a date written as YYYY-MM-DD, such as 2026-12-01.", self.0)
    }
}

impl std::error::Error for DayError {}

impl FromStr for Day {
    type Err = DayError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || DayError(s.to_owned());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [y, m, d] = parts[..] else { return Err(bad()) };
        if y.len() != 4
            || m.len() != 2
            || d.len() != 2
            || !s.trim().bytes().all(|b| b.is_ascii_digit() || b == b'-')
        {
            return Err(bad());
        }
        let (year, month, day): (u16, u8, u8) =
            (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if year == 0 || day == 0 || day > days {
            return Err(bad());
        }
        Ok(Day { year, month, day })
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time limit the source set that is not a TLP label, such as an embargo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Embargo {
    /// No time limit.
    No,
    /// Private until this day.
    Until(Day),
    /// Private until something happens, such as a fix being released.
    UntilEvent,
    /// Not sure: treated as yes, until the source says.
    NotSure,
}

/// The answers to the framework's questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Answers {
    /// Who needs it, at the widest?
    pub need: Need,
    /// How much of it is already public?
    pub public: Public,
    /// Could it identify a person who could be harmed, and who have they agreed may see it?
    pub person: Consent,
    /// Does it concern a minor, someone who has died, or someone whose safety is at risk?
    pub at_risk: AtRisk,
    /// Is someone hostile, or the person accused, among the recipients or the channel's readers?
    pub inside: Inside,
    /// Could it warn someone acting against the project before you are ready?
    pub tip_off: TipOff,
    /// The label the source already put on it, if any.
    pub source: Option<Tlp>,
    /// A time limit the source set that is not a label.
    pub embargo: Embargo,
}

/// Which rule a reason comes from; tests and the docs refer to these. Reasons are given in
/// this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// The widest group that needs it sets the starting label.
    Need,
    /// What being public means: it never loosens the label; a leak keeps it at TLP:AMBER at most.
    Public,
    /// A person who could be harmed: no further than they agreed (TLP:AMBER+STRICT if they did not).
    Person,
    /// A minor, someone who has died, or someone at risk: TLP:AMBER+STRICT at most, unless the
    /// right person agreed to more.
    AtRisk,
    /// Someone hostile or the person accused among the recipients or readers: TLP:RED, unless
    /// it is meant for everyone.
    Inside,
    /// Sharing it could warn someone acting against the project: TLP:AMBER at most.
    TipOff,
    /// The source set a time limit, such as an embargo: TLP:AMBER+STRICT at most until then.
    Embargo,
    /// The source's label is never loosened without their permission.
    SourceLabel,
}

/// One reason for the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The rule behind it.
    pub rule: Rule,
    /// The most the rule allows.
    pub limit: Tlp,
    /// Whether this reason sets the final label. Exactly one reason does: the first whose limit
    /// is the result.
    pub decisive: bool,
    /// The reason, in one plain line.
    pub text: String,
}

/// When to look at the label again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    /// The day, when there is one (the end of an embargo).
    pub on: Option<Day>,
    /// What to review and why, in one plain line.
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
    /// When to review the label: the end of an embargo, or once no one can be warned.
    pub review: Vec<Review>,
}

impl Decision {
    /// The reasons as kept with a record, the deciding one marked, followed by when to review
    /// the label, so a kept decision carries its review date until it has a field of its own.
    pub fn kept_lines(&self) -> Vec<String> {
        let reasons = self.reasons.iter().map(|r| {
            if r.decisive {
                format!("{} (this sets the label)", r.text)
            } else {
                r.text.clone()
            }
        });
        reasons.chain(self.review.iter().map(|r| r.text.clone())).collect()
    }
}

/// The person who can agree for someone at risk, in a sentence.
fn who_agrees(risk: AtRisk) -> &'static str {
    match risk {
        AtRisk::Minor => "the young person and a parent or guardian agree",
        AtRisk::Died => "the family agrees",
        AtRisk::Safety | AtRisk::NotSure | AtRisk::No => "the person at risk agrees",
    }
}

/// Runs the framework. The result is the least restrictive label that every rule allows: the
/// strictest limit wins.
pub fn decide(a: Answers) -> Decision {
    let mut reasons: Vec<(Rule, Tlp, String)> = Vec::new();
    let mut warnings = Vec::new();

    let need = a.need.widest_label();
    let text = match a.need {
        Need::Handlers => "Only the few people handling it need it.",
        Need::Governance => "Only the project's own governance needs it.",
        Need::MustAct => {
            "People outside the project's governance must act on it, to protect themselves or others."
        }
        Need::ClosedGroup => "A closed group with known members needs it.",
        Need::Everyone => "Everyone needs it.",
    };
    reasons.push((Rule::Need, need, text.into()));

    match a.public {
        Public::Published => {
            reasons.push((
                Rule::Public,
                Tlp::Clear,
                "It is already public. That alone never loosens the label: who needs what you add, and the other \
                 answers, decide."
                    .into(),
            ));
            warnings.push(
                "Public does not mean harmless: do not repeat or link personal details, even ones already posted \
                 elsewhere. Repeating them spreads them further."
                    .into(),
            );
        }
        Public::Partly => reasons.push((
            Rule::Public,
            Tlp::Clear,
            "Only part of it is public: the fact may be known, but the details you share are not, so the details \
             set the label."
                .into(),
        )),
        Public::Leaked => {
            reasons.push((
                Rule::Public,
                Tlp::Amber,
                "It can be found in public only because it leaked or was posted by mistake. Repeating it spreads \
                 the harm, so it goes only to those who must act on it."
                    .into(),
            ));
            warnings.push(
                "Treat what leaked as exposed: revoke or change a leaked secret, and ask for a leaked post or log \
                 to be taken down. Never copy the leaked details into a new message; say where they are."
                    .into(),
            );
        }
        Public::NotSure => reasons.push((
            Rule::Public,
            Tlp::Clear,
            "You are not sure it is public, so it is treated as private.".into(),
        )),
        Public::No => {}
    }

    match a.person {
        Consent::NotAgreed => reasons.push((
            Rule::Person,
            Tlp::AmberStrict,
            "It could identify a person who could be harmed, and they have not agreed to it going further (or \
             were not asked): keep it within the project's governance at most."
                .into(),
        )),
        Consent::Agreed(group) => {
            reasons.push((
                Rule::Person,
                group.widest_label(),
                format!(
                    "It could identify a person who could be harmed, and they agreed that {} may see it: no further.",
                    group.group()
                ),
            ));
            warnings.push("The person agreed: share only what they agreed to, with whom they agreed.".into());
        }
        Consent::NoOne => {}
    }

    if a.at_risk != AtRisk::No {
        // Only an agreement from the right person widens it beyond the governance.
        let agreed = match a.person {
            Consent::Agreed(group) if group.widest_label() > Tlp::AmberStrict => Some(group),
            _ => None,
        };
        let who = match a.at_risk {
            AtRisk::Minor => "It concerns a minor",
            AtRisk::Died => "It concerns someone who has died, and so their family",
            AtRisk::Safety => "Someone's physical safety could be at risk",
            _ => "You are not sure whether it concerns a minor, someone who has died or someone whose safety is at \
                  risk, so it is treated as if it does",
        };
        let (limit, text) = match agreed {
            Some(group) => (
                group.widest_label(),
                format!("{who}: it goes no further than the agreement you have, {}.", group.group()),
            ),
            None => (
                Tlp::AmberStrict,
                format!("{who}: it stays within the project's governance unless {}.", who_agrees(a.at_risk)),
            ),
        };
        reasons.push((Rule::AtRisk, limit, text));
        warnings.push(
            match a.at_risk {
                AtRisk::Minor => "For a minor, a parent or guardian must agree as well, and even then share as little as you can.",
                AtRisk::Died => "For someone who has died, let the family say first what is public, and use their words.",
                AtRisk::Safety => "Never pass on where someone lives or how to reach them. If there is a threat, they decide whether to call the police.",
                _ => "Find out before you share: ask the people handling it whether anyone involved is a minor, has died or is in danger.",
            }
            .into(),
        );
    }

    if a.inside != Inside::No {
        let lead = if a.inside == Inside::NotSure {
            "You are not sure whether someone acting against the project, or the person accused, would be among \
             those who receive it or can read the channel, so assume they would"
        } else {
            "Someone acting against the project, or the person accused, would be among those who receive it or can \
             read the channel"
        };
        if a.need == Need::Everyone {
            reasons.push((
                Rule::Inside,
                Tlp::Clear,
                format!(
                    "{lead}. It is meant for everyone, so that does not narrow it; the tip-off question decides \
                     whether now is the time."
                ),
            ));
        } else {
            reasons.push((
                Rule::Inside,
                Tlp::Red,
                format!(
                    "{lead}: send it only to named people, leaving them out, through a channel they cannot read."
                ),
            ));
        }
    }

    match a.tip_off {
        TipOff::Yes | TipOff::NotSure => {
            let lead = if a.tip_off == TipOff::NotSure {
                "You are not sure whether it could warn someone still acting against the project before you are \
                 ready, so assume it could"
            } else {
                "It could warn someone still acting against the project before you are ready"
            };
            reasons.push((
                Rule::TipOff,
                Tlp::Amber,
                format!(
                    "{lead}: it goes only to those who must act on it, and each of them shares it only inside their \
                     own organization and with those it serves who need it."
                ),
            ));
        }
        TipOff::AlreadyKnown => reasons.push((
            Rule::TipOff,
            Tlp::Clear,
            "Whoever is acting against the project already knows what it says, so it warns no one.".into(),
        )),
        TipOff::WarningIsThePurpose => reasons.push((
            Rule::TipOff,
            Tlp::Clear,
            "Warning people about them is the point, and their learning it now does no harm, so the tip-off rule \
             does not hold it back."
                .into(),
        )),
        TipOff::No => {}
    }

    match a.embargo {
        Embargo::Until(day) => reasons.push((
            Rule::Embargo,
            Tlp::AmberStrict,
            format!(
                "The source asked that it stay private until {day}: until then it stays inside each recipient's own \
                 organization, whatever the other answers allow."
            ),
        )),
        Embargo::UntilEvent => reasons.push((
            Rule::Embargo,
            Tlp::AmberStrict,
            "The source asked that it stay private until something happens, such as a fix being released: until \
             then it stays inside each recipient's own organization."
                .into(),
        )),
        Embargo::NotSure => reasons.push((
            Rule::Embargo,
            Tlp::AmberStrict,
            "You are not sure whether the source set a time limit, so it is treated as if they did: ask them."
                .into(),
        )),
        Embargo::No => {}
    }
    if a.embargo != Embargo::No {
        warnings
            .push("Follow the source's own terms as well: an embargo may say more than a label can.".into());
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
    // How far the label could go without one rule.
    let without = |rule: Rule| {
        reasons.iter().filter(|(r, _, _)| *r != rule).map(|(_, l, _)| *l).min().unwrap_or(Tlp::Clear)
    };

    // What would change the answer: each binding rule, and how far the label could then go.
    let mut would_change = Vec::new();
    for (rule, l, _) in &reasons {
        let next = without(*rule);
        if *l != label || next == label {
            continue;
        }
        would_change.push(match rule {
            Rule::Need => format!("If a wider group must know, it could be up to {next}."),
            Rule::Public => format!(
                "If you leave out what leaked (the secret, the address, the private words) and say only that it \
                 leaked, it could be {next}."
            ),
            Rule::Person => format!(
                "If the person agrees to a wider group, or you remove every detail that could identify them, it \
                 could be up to {next}."
            ),
            Rule::AtRisk => format!("If {} to a wider group, it could be up to {next}.", who_agrees(a.at_risk)),
            Rule::Inside => {
                format!("If no one hostile, and not the person accused, is among the recipients or readers, it could be {next}.")
            }
            Rule::TipOff => format!("Once no one acting against the project can be warned by it, it could be {next}."),
            Rule::Embargo => format!("When the source's time limit ends, it could be {next}."),
            Rule::SourceLabel => format!("If the source gives permission, it could be {next}. Ask them first."),
        });
    }

    // When to look at it again.
    let mut review = Vec::new();
    if a.embargo != Embargo::No {
        let next = without(Rule::Embargo);
        let then = if next == label {
            format!("the other answers keep it at {label}")
        } else {
            format!("it could then be {next}")
        };
        review.push(match a.embargo {
            Embargo::Until(day) => Review { on: Some(day), text: format!("Review the label when the embargo ends on {day}: {then}.") },
            Embargo::UntilEvent => Review {
                on: None,
                text: format!("Review the label when the embargo ends, once what the source is waiting for has happened: {then}."),
            },
            _ => Review { on: None, text: "Review the label as soon as the source tells you whether there is a time limit.".into() },
        });
    }
    if matches!(a.tip_off, TipOff::Yes | TipOff::NotSure) {
        review.push(Review {
            on: None,
            text: "Review the label once no one acting against the project can be warned by it, for example once \
                   their access is removed."
                .into(),
        });
    }

    // One reason sets the label: the first whose limit is the result. The source's label comes
    // last, so it sets the label only when it is stricter than what the other answers give.
    let decider = reasons.iter().position(|(_, l, _)| *l == label);
    let reasons = reasons
        .into_iter()
        .enumerate()
        .map(|(i, (rule, limit, text))| Reason { rule, limit, decisive: Some(i) == decider, text })
        .collect();
    Decision { label, reasons, warnings, would_change, review }
}

/// A channel a message might travel through, by kind. The kind is only a first guess of who can
/// read it: [`ChannelFacts`] asks the questions that decide.
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

    /// What a channel of this kind usually is, at best: its archives, bridges and the people
    /// who run it reaching no further than its members.
    pub const fn facts(self) -> ChannelFacts {
        let readers = match self {
            Channel::PublicTracker | Channel::OpenChat | Channel::PublicList | Channel::SocialMedia => {
                Readers::Anyone
            }
            Channel::PrivateList => Readers::Members,
            Channel::GovernanceChannel => Readers::Governance,
            Channel::NamedPeople | Channel::Call => Readers::Named,
        };
        let archive = match readers {
            Readers::Anyone => Archive::Public,
            Readers::Named => Archive::None,
            _ => Archive::Members,
        };
        ChannelFacts { readers, archive, bridge: Bridge::No, run_by: RunBy::Project }
    }

    /// The widest audience a channel of this kind reaches at best, as the least restrictive
    /// label it can carry.
    pub fn reach(self) -> Tlp {
        self.facts().reach()
    }
}

/// Who can join the channel or read what is said in it now. Kept as its keyword (`anyone`,
/// `members`, `governance`, `named`) with the project's own channels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Readers {
    /// Anyone can join or read it, including anyone who signs up.
    Anyone,
    /// Members who were approved and are known.
    Members,
    /// The project's governance only.
    Governance,
    /// Only the named people in this exchange.
    Named,
}

/// Who can read what was said later, in its archives or history. Kept as its keyword (`none`,
/// `members`, `public`, `not-sure`) with the project's own channels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Archive {
    /// Nothing is kept.
    None,
    /// Only members, including people who join later.
    Members,
    /// Anyone: public archives, search engines.
    Public,
    /// Not sure: treated as public.
    NotSure,
}

/// Whether what is said there is copied somewhere else: a chat bridge, a mirror, a bot, a
/// mail gateway, a log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bridge {
    /// Not copied anywhere.
    No,
    /// Copied to another private place, whose readers you do not control.
    Private,
    /// Copied somewhere public.
    Public,
    /// Not sure: treated as public.
    NotSure,
}

/// Who runs the channel and can read everything in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunBy {
    /// People of the project you trust with this.
    Project,
    /// A company or platform that hosts it (its staff could read it).
    Platform,
    /// Someone involved in the matter: acting against the project, or the person accused.
    Involved,
    /// Not sure: treated as someone involved.
    NotSure,
}

/// Who can read a channel: the questions that decide which label it can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ChannelFacts {
    /// Who can join or read it now.
    pub readers: Readers,
    /// Who can read it later.
    pub archive: Archive,
    /// Where it is copied.
    pub bridge: Bridge,
    /// Who runs it.
    pub run_by: RunBy,
}

impl ChannelFacts {
    /// What each fact allows, with the sentence that explains it when it is the problem.
    fn limits(self) -> [(Tlp, &'static str); 4] {
        let readers = match self.readers {
            Readers::Anyone => (
                Tlp::Clear,
                "Anyone can join or read this channel, so it is public, however small or friendly it feels.",
            ),
            Readers::Members => (Tlp::Green, "Its members are a closed group, wider than the label allows."),
            Readers::Governance => {
                (Tlp::AmberStrict, "Its readers are the project's governance, wider than the label allows.")
            }
            Readers::Named => (Tlp::Red, ""),
        };
        let archive = match self.archive {
            Archive::None | Archive::Members => (Tlp::Red, ""),
            Archive::Public => (Tlp::Clear, "Its archives are public, so anyone can read it later."),
            Archive::NotSure => {
                (Tlp::Clear, "You are not sure who can read its archives, so assume anyone can.")
            }
        };
        let bridge = match self.bridge {
            Bridge::No => (Tlp::Red, ""),
            Bridge::Private => (Tlp::Green, "It is copied to another place, whose readers you do not control."),
            Bridge::Public => (Tlp::Clear, "It is copied somewhere public, by a bridge, a mirror, a bot or a gateway."),
            Bridge::NotSure => {
                (Tlp::Clear, "You are not sure whether it is copied elsewhere by a bridge, a bot or a log, so assume it is public.")
            }
        };
        let run_by = match self.run_by {
            RunBy::Project | RunBy::Platform => (Tlp::Red, ""),
            RunBy::Involved => {
                (Tlp::Clear, "Someone involved in the matter runs it and can read everything in it.")
            }
            RunBy::NotSure => {
                (Tlp::Clear, "You are not sure who runs it, so assume it could be someone involved.")
            }
        };
        [readers, archive, bridge, run_by]
    }

    /// The widest audience the channel reaches, as the least restrictive label it can carry.
    pub fn reach(self) -> Tlp {
        self.limits().into_iter().map(|(l, _)| l).max().unwrap_or(Tlp::Clear)
    }
}

/// Whether a channel can carry a label, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelCheck {
    /// True when the channel may carry the label.
    pub fits: bool,
    /// Why, in one or a few plain sentences.
    pub why: String,
}

/// Checks whether a channel, described by who can read it, can carry information labelled
/// `label`.
pub fn check_reach(facts: ChannelFacts, label: Tlp) -> ChannelCheck {
    let reach = facts.reach();
    if reach > label {
        let mut why = String::from("No.");
        for (limit, text) in facts.limits() {
            if limit > label {
                why.push(' ');
                why.push_str(text);
            }
        }
        why.push_str(&format!(" It can carry {reach} at most, not {label}."));
        if reach == Tlp::Clear {
            why.push_str(" Use a channel that only the people the label permits can read.");
        }
        return ChannelCheck { fits: false, why };
    }
    let mut why = if facts.readers == Readers::Named && label == Tlp::Red {
        "Yes, if it goes only to the people in this exchange. TLP:RED is best said in the call or meeting itself; \
         written messages can be forwarded."
            .to_owned()
    } else if label == Tlp::Clear {
        format!("Yes. This channel can carry {label}.")
    } else {
        format!("Yes, as long as everyone who can read it is someone {label} permits. Check the member list first.")
    };
    if facts.archive == Archive::Members && label != Tlp::Clear {
        why.push_str(" People who join later can read it too.");
    }
    if facts.run_by == RunBy::Platform && label != Tlp::Clear {
        why.push_str(" The company that hosts it can read it; for the most sensitive details, talk instead.");
    }
    ChannelCheck { fits: true, why }
}

/// Checks whether a channel of this kind can carry `label`, taking the kind at its best; a
/// channel that fits is then checked on who can read it (archives, bridges, who runs it).
pub fn check_channel(channel: Channel, label: Tlp) -> ChannelCheck {
    let mut check = check_reach(channel.facts(), label);
    if check.fits && label != Tlp::Clear {
        check.why.push_str(
            " This assumes no archive, bridge, bot or person running it reaches anyone else: check them.",
        );
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_chat_cannot_carry_green() {
        let c = check_channel(Channel::OpenChat, Tlp::Green);
        assert!(!c.fits);
        assert!(c.why.starts_with("No. Anyone can join or read this channel"), "{}", c.why);
        assert!(c.why.contains("however small"), "{}", c.why);
        assert!(check_channel(Channel::OpenChat, Tlp::Clear).fits);
        assert!(check_channel(Channel::PrivateList, Tlp::Green).fits);
        assert!(!check_channel(Channel::PrivateList, Tlp::AmberStrict).fits);
        assert!(check_channel(Channel::Call, Tlp::Red).fits);
    }

    #[test]
    fn a_private_channel_is_judged_by_who_can_read_it() {
        let private = Channel::PrivateList.facts();
        assert!(check_reach(private, Tlp::Green).fits);
        // Bridged to a public room, or with public archives: public, whatever its kind.
        for facts in [
            ChannelFacts { bridge: Bridge::Public, ..private },
            ChannelFacts { archive: Archive::Public, ..private },
            ChannelFacts { bridge: Bridge::NotSure, ..private },
        ] {
            let c = check_reach(facts, Tlp::Green);
            assert!(!c.fits, "{facts:?}");
            assert!(c.why.contains("It can carry TLP:CLEAR at most, not TLP:GREEN."), "{}", c.why);
        }
        // Run by the person accused: even the governance's own channel carries nothing private.
        let run = ChannelFacts { run_by: RunBy::Involved, ..Channel::GovernanceChannel.facts() };
        let c = check_reach(run, Tlp::AmberStrict);
        assert!(!c.fits);
        assert!(c.why.contains("Someone involved in the matter runs it"), "{}", c.why);
        // Named people, hosted by a company: fits, with a word about the host.
        let mail = ChannelFacts { run_by: RunBy::Platform, ..Channel::NamedPeople.facts() };
        let c = check_reach(mail, Tlp::Red);
        assert!(c.fits && c.why.contains("The company that hosts it can read it"), "{}", c.why);
    }

    #[test]
    fn days_are_read_strictly() {
        assert_eq!("2026-12-01".parse::<Day>().unwrap(), Day { year: 2026, month: 12, day: 1 });
        assert_eq!("2024-02-29".parse::<Day>().unwrap().to_string(), "2024-02-29");
        for bad in ["2025-02-29", "2026-13-01", "2026-1-01", "01-12-2026", "", "2026-12-01x", "+026-12-01"] {
            assert!(bad.parse::<Day>().is_err(), "{bad}");
        }
    }
}

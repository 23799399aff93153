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

impl Answers {
    /// The answers many cases share: nothing public, no one identifiable or at risk, no one
    /// hostile among the readers, nothing to tip off, no label or time limit from the source;
    /// only the handlers need it.
    pub const QUIET: Answers = Answers {
        need: Need::Handlers,
        public: Public::No,
        person: Consent::NoOne,
        at_risk: AtRisk::No,
        inside: Inside::No,
        tip_off: TipOff::No,
        source: None,
        embargo: Embargo::No,
    };

    /// Every combination of answers, with `day` the one date an embargo runs until: the tests
    /// try the framework on all of them, not a sample.
    pub fn every(day: Day) -> Vec<Answers> {
        let mut consents = vec![Consent::NoOne, Consent::NotAgreed];
        consents.extend(Need::ALL.map(Consent::Agreed));
        let publics = [Public::Published, Public::Partly, Public::Leaked, Public::No, Public::NotSure];
        let at_risks = [AtRisk::No, AtRisk::Minor, AtRisk::Died, AtRisk::Safety, AtRisk::NotSure];
        let insides = [Inside::No, Inside::Yes, Inside::NotSure];
        let tip_offs =
            [TipOff::Yes, TipOff::No, TipOff::NotSure, TipOff::AlreadyKnown, TipOff::WarningIsThePurpose];
        let sources: Vec<Option<Tlp>> = std::iter::once(None).chain(Tlp::ALL.map(Some)).collect();
        let embargoes = [Embargo::No, Embargo::Until(day), Embargo::UntilEvent, Embargo::NotSure];

        // One answer varied at a time over every combination of the answers before it.
        let mut all: Vec<Answers> =
            Need::ALL.iter().map(|&need| Answers { need, ..Answers::QUIET }).collect();
        all = all.iter().flat_map(|a| publics.map(|public| Answers { public, ..*a })).collect();
        all = all.iter().flat_map(|a| consents.iter().map(|&person| Answers { person, ..*a })).collect();
        all = all.iter().flat_map(|a| at_risks.map(|at_risk| Answers { at_risk, ..*a })).collect();
        all = all.iter().flat_map(|a| insides.map(|inside| Answers { inside, ..*a })).collect();
        all = all.iter().flat_map(|a| tip_offs.map(|tip_off| Answers { tip_off, ..*a })).collect();
        all = all.iter().flat_map(|a| sources.iter().map(|&source| Answers { source, ..*a })).collect();
        all.iter().flat_map(|a| embargoes.map(|embargo| Answers { embargo, ..*a })).collect()
    }
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
    /// What the reason says.
    pub why: Why,
}

/// What a reason says: the answer that mattered, with the parts that vary. `Display` says it
/// in English, in one plain line (tests, the docs); the interface says each in its own
/// language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Why {
    /// Who needs it.
    Need(Need),
    /// It is already public, which alone loosens nothing.
    Published,
    /// Only part of it is public: the details set the label.
    PartlyPublic,
    /// It can be found only because it leaked.
    Leaked,
    /// Not sure it is public: treated as private.
    PublicNotSure,
    /// A person who could be harmed has not agreed.
    NotAgreed,
    /// A person who could be harmed agreed to this group, at the widest.
    Agreed(Need),
    /// Someone at risk (never [`AtRisk::No`]): within the governance unless the right person
    /// agrees.
    AtRisk(AtRisk),
    /// Someone at risk, and the right person agreed to this group, wider than the governance.
    AtRiskAgreed(AtRisk, Need),
    /// Someone hostile or the person accused among the recipients or readers; `sure` is false
    /// when the answer was "not sure", `for_everyone` when everyone needs it.
    Inside { sure: bool, for_everyone: bool },
    /// It could warn someone acting against the project; `sure` is false for "not sure".
    TipOff { sure: bool },
    /// Whoever is acting against the project already knows it.
    AlreadyKnown,
    /// Warning people about them is the point.
    WarningIsThePurpose,
    /// Private until this day.
    EmbargoUntil(Day),
    /// Private until something happens.
    EmbargoUntilEvent,
    /// Not sure whether there is a time limit.
    EmbargoNotSure,
    /// The source's label, stricter than the other answers give.
    SourceStricter(Tlp),
    /// The source's label, the same as the other answers give.
    SourceSame(Tlp),
    /// The source's label, looser than the other answers give.
    SourceLooser(Tlp),
}

/// The start of an at-risk reason, naming who it concerns.
fn at_risk_lead(risk: AtRisk) -> &'static str {
    match risk {
        AtRisk::Minor => "It concerns a minor",
        AtRisk::Died => "It concerns someone who has died, and so their family",
        AtRisk::Safety => "Someone's physical safety could be at risk",
        AtRisk::NotSure | AtRisk::No => {
            "You are not sure whether it concerns a minor, someone who has died or someone whose safety is at \
             risk, so it is treated as if it does"
        }
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Why::Need(need) => f.write_str(match need {
                Need::Handlers => "Only the few people handling it need it.",
                Need::Governance => "Only the project's own governance needs it.",
                Need::MustAct => {
                    "People outside the project's governance must act on it, to protect themselves or others."
                }
                Need::ClosedGroup => "A closed group with known members needs it.",
                Need::Everyone => "Everyone needs it.",
            }),
            Why::Published => f.write_str(
                "It is already public. That alone never loosens the label: who needs what you add, and the other \
                 answers, decide.",
            ),
            Why::PartlyPublic => f.write_str(
                "Only part of it is public: the fact may be known, but the details you share are not, so the \
                 details set the label.",
            ),
            Why::Leaked => f.write_str(
                "It can be found in public only because it leaked or was posted by mistake. Repeating it spreads \
                 the harm, so it goes only to those who must act on it.",
            ),
            Why::PublicNotSure => f.write_str("You are not sure it is public, so it is treated as private."),
            Why::NotAgreed => f.write_str(
                "It could identify a person who could be harmed, and they have not agreed to it going further (or \
                 were not asked): keep it within the project's governance at most.",
            ),
            Why::Agreed(group) => write!(
                f,
                "It could identify a person who could be harmed, and they agreed that {} may see it: no further.",
                group.group()
            ),
            Why::AtRisk(risk) => write!(
                f,
                "{}: it stays within the project's governance unless {}.",
                at_risk_lead(risk),
                who_agrees(risk)
            ),
            Why::AtRiskAgreed(risk, group) => write!(
                f,
                "{}: it goes no further than the agreement you have, {}.",
                at_risk_lead(risk),
                group.group()
            ),
            Why::Inside { sure, for_everyone } => {
                f.write_str(if sure {
                    "Someone acting against the project, or the person accused, would be among those who receive \
                     it or can read the channel"
                } else {
                    "You are not sure whether someone acting against the project, or the person accused, would be \
                     among those who receive it or can read the channel, so assume they would"
                })?;
                f.write_str(if for_everyone {
                    ". It is meant for everyone, so that does not narrow it; the tip-off question decides whether \
                     now is the time."
                } else {
                    ": send it only to named people, leaving them out, through a channel they cannot read."
                })
            }
            Why::TipOff { sure } => {
                f.write_str(if sure {
                    "It could warn someone still acting against the project before you are ready"
                } else {
                    "You are not sure whether it could warn someone still acting against the project before you \
                     are ready, so assume it could"
                })?;
                f.write_str(
                    ": it goes only to those who must act on it, and each of them shares it only inside their own \
                     organization and with those it serves who need it.",
                )
            }
            Why::AlreadyKnown => {
                f.write_str("Whoever is acting against the project already knows what it says, so it warns no one.")
            }
            Why::WarningIsThePurpose => f.write_str(
                "Warning people about them is the point, and their learning it now does no harm, so the tip-off \
                 rule does not hold it back.",
            ),
            Why::EmbargoUntil(day) => write!(
                f,
                "The source asked that it stay private until {day}: until then it stays inside each recipient's own \
                 organization, whatever the other answers allow."
            ),
            Why::EmbargoUntilEvent => f.write_str(
                "The source asked that it stay private until something happens, such as a fix being released: \
                 until then it stays inside each recipient's own organization.",
            ),
            Why::EmbargoNotSure => f.write_str(
                "You are not sure whether the source set a time limit, so it is treated as if they did: ask them.",
            ),
            Why::SourceStricter(source) => {
                write!(f, "The source labelled it {source}. Only the source may loosen a label.")
            }
            Why::SourceSame(source) => write!(f, "The source labelled it {source} too."),
            Why::SourceLooser(source) => {
                write!(f, "The source labelled it {source}, and your other answers call for a stricter label.")
            }
        }
    }
}

/// A warning to keep in mind whatever the label. `Display` says it in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Warning {
    /// Public is not harmless: personal details are not repeated.
    PublicNotHarmless,
    /// What leaked is exposed: revoke, take down, never copy.
    Leaked,
    /// Share only what the person agreed to, with whom they agreed.
    Agreed,
    /// What to take care of for someone at risk (never [`AtRisk::No`]).
    AtRisk(AtRisk),
    /// The source's own terms of an embargo hold too.
    Embargo,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Warning::PublicNotHarmless => {
                "Public does not mean harmless: do not repeat or link personal details, even ones already posted \
                 elsewhere. Repeating them spreads them further."
            }
            Warning::Leaked => {
                "Treat what leaked as exposed: revoke or change a leaked secret, and ask for a leaked post or log \
                 to be taken down. Never copy the leaked details into a new message; say where they are."
            }
            Warning::Agreed => "The person agreed: share only what they agreed to, with whom they agreed.",
            Warning::AtRisk(AtRisk::Minor) => {
                "For a minor, a parent or guardian must agree as well, and even then share as little as you can."
            }
            Warning::AtRisk(AtRisk::Died) => {
                "For someone who has died, let the family say first what is public, and use their words."
            }
            Warning::AtRisk(AtRisk::Safety) => {
                "Never pass on where someone lives or how to reach them. If there is a threat, they decide whether \
                 to call the police."
            }
            Warning::AtRisk(AtRisk::NotSure | AtRisk::No) => {
                "Find out before you share: ask the people handling it whether anyone involved is a minor, has died \
                 or is in danger."
            }
            Warning::Embargo => "Follow the source's own terms as well: an embargo may say more than a label can.",
        })
    }
}

/// What would change the answer: one rule that binds, and the label it could then be. `Display`
/// says it in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// A wider group must know.
    WiderGroup(Tlp),
    /// What leaked is left out.
    LeaveOutLeak(Tlp),
    /// The person agrees to more, or cannot be identified.
    PersonAgrees(Tlp),
    /// The right person for someone at risk agrees to more.
    AtRiskAgrees(AtRisk, Tlp),
    /// No one hostile among the recipients or readers.
    NoOneInside(Tlp),
    /// No one can be warned by it any more.
    NoOneWarned(Tlp),
    /// The source's time limit ends.
    EmbargoEnds(Tlp),
    /// The source gives permission.
    SourcePermits(Tlp),
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Change::WiderGroup(next) => write!(f, "If a wider group must know, it could be up to {next}."),
            Change::LeaveOutLeak(next) => write!(
                f,
                "If you leave out what leaked (the secret, the address, the private words) and say only that it \
                 leaked, it could be {next}."
            ),
            Change::PersonAgrees(next) => write!(
                f,
                "If the person agrees to a wider group, or you remove every detail that could identify them, it \
                 could be up to {next}."
            ),
            Change::AtRiskAgrees(risk, next) => {
                write!(f, "If {} to a wider group, it could be up to {next}.", who_agrees(risk))
            }
            Change::NoOneInside(next) => write!(
                f,
                "If no one hostile, and not the person accused, is among the recipients or readers, it could be \
                 {next}."
            ),
            Change::NoOneWarned(next) => {
                write!(f, "Once no one acting against the project can be warned by it, it could be {next}.")
            }
            Change::EmbargoEnds(next) => write!(f, "When the source's time limit ends, it could be {next}."),
            Change::SourcePermits(next) => write!(f, "If the source gives permission, it could be {next}. Ask them first."),
        }
    }
}

/// When to look at the label again. `Display` says it in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Review {
    /// When the embargo ends on this day.
    EmbargoDay(Day, Then),
    /// When the embargo ends, once what the source waits for has happened.
    EmbargoEvent(Then),
    /// As soon as the source says whether there is a time limit.
    TimeLimitUnknown,
    /// Once no one acting against the project can be warned by it.
    NoOneWarned,
}

/// What the label could be once an embargo ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Then {
    /// It could then be this looser label.
    Could(Tlp),
    /// The other answers keep it at this label.
    Stays(Tlp),
}

impl Review {
    /// The day to review it, when there is one (the end of an embargo).
    pub fn on(&self) -> Option<Day> {
        match *self {
            Review::EmbargoDay(day, _) => Some(day),
            _ => None,
        }
    }
}

impl fmt::Display for Then {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Then::Could(next) => write!(f, "it could then be {next}"),
            Then::Stays(label) => write!(f, "the other answers keep it at {label}"),
        }
    }
}

impl fmt::Display for Review {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Review::EmbargoDay(day, then) => write!(f, "Review the label when the embargo ends on {day}: {then}."),
            Review::EmbargoEvent(then) => write!(
                f,
                "Review the label when the embargo ends, once what the source is waiting for has happened: {then}."
            ),
            Review::TimeLimitUnknown => {
                f.write_str("Review the label as soon as the source tells you whether there is a time limit.")
            }
            Review::NoOneWarned => f.write_str(
                "Review the label once no one acting against the project can be warned by it, for example once \
                 their access is removed.",
            ),
        }
    }
}

/// The framework's recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The label to use.
    pub label: Tlp,
    /// One line for each answer that mattered.
    pub reasons: Vec<Reason>,
    /// Warnings to keep in mind whatever the label.
    pub warnings: Vec<Warning>,
    /// What would change the answer.
    pub would_change: Vec<Change>,
    /// When to review the label: the end of an embargo, or once no one can be warned.
    pub review: Vec<Review>,
}

impl Decision {
    /// The reasons as kept with a record, the deciding one marked, followed by when to review
    /// the label, so a kept decision carries its review date until it has a field of its own;
    /// in English.
    pub fn kept_lines(&self) -> Vec<String> {
        self.kept_lines_in(Why::to_string, Review::to_string, "(this sets the label)")
    }

    /// The kept lines in other words: `why` and `review` say each line, and `sets_label`
    /// follows the deciding reason.
    pub fn kept_lines_in(
        &self,
        why: impl Fn(&Why) -> String,
        review: impl Fn(&Review) -> String,
        sets_label: &str,
    ) -> Vec<String> {
        let reasons = self.reasons.iter().map(|r| {
            let text = why(&r.why);
            if r.decisive {
                format!("{text} {sets_label}")
            } else {
                text
            }
        });
        reasons.chain(self.review.iter().map(review)).collect()
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
    let mut reasons: Vec<(Rule, Tlp, Why)> = Vec::new();
    let mut warnings = Vec::new();

    reasons.push((Rule::Need, a.need.widest_label(), Why::Need(a.need)));

    match a.public {
        Public::Published => {
            reasons.push((Rule::Public, Tlp::Clear, Why::Published));
            warnings.push(Warning::PublicNotHarmless);
        }
        Public::Partly => reasons.push((Rule::Public, Tlp::Clear, Why::PartlyPublic)),
        Public::Leaked => {
            reasons.push((Rule::Public, Tlp::Amber, Why::Leaked));
            warnings.push(Warning::Leaked);
        }
        Public::NotSure => reasons.push((Rule::Public, Tlp::Clear, Why::PublicNotSure)),
        Public::No => {}
    }

    match a.person {
        Consent::NotAgreed => reasons.push((Rule::Person, Tlp::AmberStrict, Why::NotAgreed)),
        Consent::Agreed(group) => {
            reasons.push((Rule::Person, group.widest_label(), Why::Agreed(group)));
            warnings.push(Warning::Agreed);
        }
        Consent::NoOne => {}
    }

    if a.at_risk != AtRisk::No {
        // Only an agreement from the right person widens it beyond the governance.
        let agreed = match a.person {
            Consent::Agreed(group) if group.widest_label() > Tlp::AmberStrict => Some(group),
            _ => None,
        };
        reasons.push(match agreed {
            Some(group) => (Rule::AtRisk, group.widest_label(), Why::AtRiskAgreed(a.at_risk, group)),
            None => (Rule::AtRisk, Tlp::AmberStrict, Why::AtRisk(a.at_risk)),
        });
        warnings.push(Warning::AtRisk(a.at_risk));
    }

    if a.inside != Inside::No {
        let why = Why::Inside { sure: a.inside == Inside::Yes, for_everyone: a.need == Need::Everyone };
        let limit = if a.need == Need::Everyone { Tlp::Clear } else { Tlp::Red };
        reasons.push((Rule::Inside, limit, why));
    }

    match a.tip_off {
        TipOff::Yes | TipOff::NotSure => {
            reasons.push((Rule::TipOff, Tlp::Amber, Why::TipOff { sure: a.tip_off == TipOff::Yes }))
        }
        TipOff::AlreadyKnown => reasons.push((Rule::TipOff, Tlp::Clear, Why::AlreadyKnown)),
        TipOff::WarningIsThePurpose => reasons.push((Rule::TipOff, Tlp::Clear, Why::WarningIsThePurpose)),
        TipOff::No => {}
    }

    match a.embargo {
        Embargo::Until(day) => reasons.push((Rule::Embargo, Tlp::AmberStrict, Why::EmbargoUntil(day))),
        Embargo::UntilEvent => reasons.push((Rule::Embargo, Tlp::AmberStrict, Why::EmbargoUntilEvent)),
        Embargo::NotSure => reasons.push((Rule::Embargo, Tlp::AmberStrict, Why::EmbargoNotSure)),
        Embargo::No => {}
    }
    if a.embargo != Embargo::No {
        warnings.push(Warning::Embargo);
    }

    // The label the answers give before the source's label is counted.
    let others = reasons.iter().map(|(_, l, _)| *l).min().unwrap_or(Tlp::Red);
    if let Some(source) = a.source {
        let why = if source < others {
            Why::SourceStricter(source)
        } else if source == others {
            Why::SourceSame(source)
        } else {
            Why::SourceLooser(source)
        };
        reasons.push((Rule::SourceLabel, source, why));
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
            Rule::Need => Change::WiderGroup(next),
            Rule::Public => Change::LeaveOutLeak(next),
            Rule::Person => Change::PersonAgrees(next),
            Rule::AtRisk => Change::AtRiskAgrees(a.at_risk, next),
            Rule::Inside => Change::NoOneInside(next),
            Rule::TipOff => Change::NoOneWarned(next),
            Rule::Embargo => Change::EmbargoEnds(next),
            Rule::SourceLabel => Change::SourcePermits(next),
        });
    }

    // When to look at it again.
    let mut review = Vec::new();
    if a.embargo != Embargo::No {
        let next = without(Rule::Embargo);
        let then = if next == label { Then::Stays(label) } else { Then::Could(next) };
        review.push(match a.embargo {
            Embargo::Until(day) => Review::EmbargoDay(day, then),
            Embargo::UntilEvent => Review::EmbargoEvent(then),
            _ => Review::TimeLimitUnknown,
        });
    }
    if matches!(a.tip_off, TipOff::Yes | TipOff::NotSure) {
        review.push(Review::NoOneWarned);
    }

    // One reason sets the label: the first whose limit is the result. The source's label comes
    // last, so it sets the label only when it is stricter than what the other answers give.
    let decider = reasons.iter().position(|(_, l, _)| *l == label);
    let reasons = reasons
        .into_iter()
        .enumerate()
        .map(|(i, (rule, limit, why))| Reason { rule, limit, decisive: Some(i) == decider, why })
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
    /// What each fact allows, with the sentence that explains it when it is the problem (none
    /// when it allows even TLP:RED).
    fn limits(self) -> [(Tlp, Option<Verdict>); 4] {
        let readers = match self.readers {
            Readers::Anyone => (Tlp::Clear, Some(Verdict::AnyoneCanRead)),
            Readers::Members => (Tlp::Green, Some(Verdict::MembersWider)),
            Readers::Governance => (Tlp::AmberStrict, Some(Verdict::GovernanceWider)),
            Readers::Named => (Tlp::Red, None),
        };
        let archive = match self.archive {
            Archive::None | Archive::Members => (Tlp::Red, None),
            Archive::Public => (Tlp::Clear, Some(Verdict::ArchivePublic)),
            Archive::NotSure => (Tlp::Clear, Some(Verdict::ArchiveNotSure)),
        };
        let bridge = match self.bridge {
            Bridge::No => (Tlp::Red, None),
            Bridge::Private => (Tlp::Green, Some(Verdict::BridgedPrivate)),
            Bridge::Public => (Tlp::Clear, Some(Verdict::BridgedPublic)),
            Bridge::NotSure => (Tlp::Clear, Some(Verdict::BridgeNotSure)),
        };
        let run_by = match self.run_by {
            RunBy::Project | RunBy::Platform => (Tlp::Red, None),
            RunBy::Involved => (Tlp::Clear, Some(Verdict::RunByInvolved)),
            RunBy::NotSure => (Tlp::Clear, Some(Verdict::RunByNotSure)),
        };
        [readers, archive, bridge, run_by]
    }

    /// The widest audience the channel reaches, as the least restrictive label it can carry.
    pub fn reach(self) -> Tlp {
        self.limits().into_iter().map(|(l, _)| l).max().unwrap_or(Tlp::Clear)
    }

    /// The facts that keep the channel from carrying `label`, each as its sentence.
    pub fn problems(self, label: Tlp) -> impl Iterator<Item = Verdict> {
        self.limits().into_iter().filter(move |(limit, _)| *limit > label).filter_map(|(_, why)| why)
    }
}

/// Whether a channel can carry a label, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelCheck {
    /// True when the channel may carry the label.
    pub fits: bool,
    /// Why, in one or a few plain sentences.
    pub why: Vec<Verdict>,
}

impl ChannelCheck {
    /// Why, in English.
    pub fn text(&self) -> String {
        self.why.iter().map(Verdict::to_string).collect::<Vec<_>>().join(" ")
    }
}

/// One sentence of a channel check's answer. `Display` says it in English; the interface says
/// each in its own language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// "No."
    No,
    /// Anyone can join or read it.
    AnyoneCanRead,
    /// Its members are a closed group, wider than the label allows.
    MembersWider,
    /// Its readers are the governance, wider than the label allows.
    GovernanceWider,
    /// Its archives are public.
    ArchivePublic,
    /// Not sure who can read its archives.
    ArchiveNotSure,
    /// Copied to another place, whose readers you do not control.
    BridgedPrivate,
    /// Copied somewhere public.
    BridgedPublic,
    /// Not sure whether it is copied elsewhere.
    BridgeNotSure,
    /// Someone involved runs it.
    RunByInvolved,
    /// Not sure who runs it.
    RunByNotSure,
    /// It can carry `reach` at most, not `label`.
    AtMost { reach: Tlp, label: Tlp },
    /// Use a channel only the permitted people can read.
    UseNarrower,
    /// Yes, to the people in this exchange; TLP:RED is best said in the call itself.
    YesNamedRed,
    /// Yes: it can carry TLP:CLEAR.
    YesClear,
    /// Yes, if everyone who can read it is someone the label permits.
    YesIfPermitted(Tlp),
    /// People who join later can read it too.
    LaterJoiners,
    /// The company that hosts it can read it.
    HostCanRead,
    /// Only the kind of channel was checked: archives, bridges, bots and who runs it are not.
    CheckTheRest,
    /// A project's channel carries the label.
    ProjectFits { name: String, carries: Tlp, label: Tlp },
    /// A project's channel carries `carries` at most, stricter than `label`.
    ProjectAtMost { name: String, carries: Tlp, label: Tlp },
    /// Send it through a channel that carries it, or talk instead.
    SendElsewhere,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::No => f.write_str("No."),
            Verdict::AnyoneCanRead => f.write_str(
                "Anyone can join or read this channel, so it is public, however small or friendly it feels.",
            ),
            Verdict::MembersWider => f.write_str("Its members are a closed group, wider than the label allows."),
            Verdict::GovernanceWider => {
                f.write_str("Its readers are the project's governance, wider than the label allows.")
            }
            Verdict::ArchivePublic => f.write_str("Its archives are public, so anyone can read it later."),
            Verdict::ArchiveNotSure => {
                f.write_str("You are not sure who can read its archives, so assume anyone can.")
            }
            Verdict::BridgedPrivate => {
                f.write_str("It is copied to another place, whose readers you do not control.")
            }
            Verdict::BridgedPublic => {
                f.write_str("It is copied somewhere public, by a bridge, a mirror, a bot or a gateway.")
            }
            Verdict::BridgeNotSure => f.write_str(
                "You are not sure whether it is copied elsewhere by a bridge, a bot or a log, so assume it is public.",
            ),
            Verdict::RunByInvolved => {
                f.write_str("Someone involved in the matter runs it and can read everything in it.")
            }
            Verdict::RunByNotSure => {
                f.write_str("You are not sure who runs it, so assume it could be someone involved.")
            }
            Verdict::AtMost { reach, label } => write!(f, "It can carry {reach} at most, not {label}."),
            Verdict::UseNarrower => f.write_str("Use a channel that only the people the label permits can read."),
            Verdict::YesNamedRed => f.write_str(
                "Yes, if it goes only to the people in this exchange. TLP:RED is best said in the call or meeting \
                 itself; written messages can be forwarded.",
            ),
            Verdict::YesClear => write!(f, "Yes. This channel can carry {}.", Tlp::Clear),
            Verdict::YesIfPermitted(label) => write!(
                f,
                "Yes, as long as everyone who can read it is someone {label} permits. Check the member list first."
            ),
            Verdict::LaterJoiners => f.write_str("People who join later can read it too."),
            Verdict::HostCanRead => {
                f.write_str("The company that hosts it can read it; for the most sensitive details, talk instead.")
            }
            Verdict::CheckTheRest => {
                f.write_str("This assumes no archive, bridge, bot or person running it reaches anyone else: check them.")
            }
            Verdict::ProjectFits { name, carries, label } => {
                write!(f, "Yes. “{name}” carries {carries} or looser, and this is {label}.")
            }
            Verdict::ProjectAtMost { name, carries, label } => {
                write!(f, "No. “{name}” carries {carries} at most, and this is {label}.")
            }
            Verdict::SendElsewhere => {
                f.write_str("Send it through a channel that carries it, or talk to the people instead.")
            }
        }
    }
}

/// Checks whether a channel, described by who can read it, can carry information labelled
/// `label`.
pub fn check_reach(facts: ChannelFacts, label: Tlp) -> ChannelCheck {
    let reach = facts.reach();
    if reach > label {
        let mut why = vec![Verdict::No];
        why.extend(facts.problems(label));
        why.push(Verdict::AtMost { reach, label });
        if reach == Tlp::Clear {
            why.push(Verdict::UseNarrower);
        }
        return ChannelCheck { fits: false, why };
    }
    let mut why = vec![if facts.readers == Readers::Named && label == Tlp::Red {
        Verdict::YesNamedRed
    } else if label == Tlp::Clear {
        Verdict::YesClear
    } else {
        Verdict::YesIfPermitted(label)
    }];
    if facts.archive == Archive::Members && label != Tlp::Clear {
        why.push(Verdict::LaterJoiners);
    }
    if facts.run_by == RunBy::Platform && label != Tlp::Clear {
        why.push(Verdict::HostCanRead);
    }
    ChannelCheck { fits: true, why }
}

/// Checks whether a channel of this kind can carry `label`, taking the kind at its best; a
/// channel that fits is then checked on who can read it (archives, bridges, who runs it).
pub fn check_channel(channel: Channel, label: Tlp) -> ChannelCheck {
    let mut check = check_reach(channel.facts(), label);
    if check.fits && label != Tlp::Clear {
        check.why.push(Verdict::CheckTheRest);
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
        assert!(c.text().starts_with("No. Anyone can join or read this channel"), "{}", c.text());
        assert!(c.text().contains("however small"), "{}", c.text());
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
            assert!(c.text().contains("It can carry TLP:CLEAR at most, not TLP:GREEN."), "{}", c.text());
        }
        // Run by the person accused: even the governance's own channel carries nothing private.
        let run = ChannelFacts { run_by: RunBy::Involved, ..Channel::GovernanceChannel.facts() };
        let c = check_reach(run, Tlp::AmberStrict);
        assert!(!c.fits);
        assert!(c.text().contains("Someone involved in the matter runs it"), "{}", c.text());
        // Named people, hosted by a company: fits, with a word about the host.
        let mail = ChannelFacts { run_by: RunBy::Platform, ..Channel::NamedPeople.facts() };
        let c = check_reach(mail, Tlp::Red);
        assert!(c.fits && c.text().contains("The company that hosts it can read it"), "{}", c.text());
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

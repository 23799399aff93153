//! The label framework's result and the channel check's answers in the interface's language:
//! reasons, warnings, what would change the answer, when to review, verdicts. The model says
//! each line as a value ([`Why`], [`Warning`], [`Change`], [`Review`], [`Verdict`]) with its
//! English words for tests and kept text; here each becomes its key in `locales/*.json`, the
//! labels put in as FIRST writes them. Called inside a closure that reads the locale, so a
//! change of language rewrites them.

use crate::i18n::{td_string, Locale};
use crate::model::decide::{
    AtRisk, Change, ChannelCheck, Decision, Need, Review, Then, Verdict, Warning, Why,
};
use crate::model::tlp::Tlp;

/// A group that may see it, as in "they agreed that {group} may see it".
fn group(need: Need, locale: Locale) -> &'static str {
    match need {
        Need::Handlers => td_string!(locale, decide.group.handlers),
        Need::Governance => td_string!(locale, decide.group.governance),
        Need::MustAct => td_string!(locale, decide.group.must_act),
        Need::ClosedGroup => td_string!(locale, decide.group.closed_group),
        Need::Everyone => td_string!(locale, decide.group.everyone),
    }
}

/// The start of an at-risk reason, naming who it concerns.
fn at_risk_lead(risk: AtRisk, locale: Locale) -> &'static str {
    match risk {
        AtRisk::Minor => td_string!(locale, decide.reason.at_risk_minor),
        AtRisk::Died => td_string!(locale, decide.reason.at_risk_died),
        AtRisk::Safety => td_string!(locale, decide.reason.at_risk_safety),
        AtRisk::NotSure | AtRisk::No => td_string!(locale, decide.reason.at_risk_not_sure),
    }
}

/// A reason.
pub fn why(w: &Why, locale: Locale) -> String {
    match *w {
        Why::Need(need) => match need {
            Need::Handlers => td_string!(locale, decide.reason.need_handlers),
            Need::Governance => td_string!(locale, decide.reason.need_governance),
            Need::MustAct => td_string!(locale, decide.reason.need_must_act),
            Need::ClosedGroup => td_string!(locale, decide.reason.need_closed_group),
            Need::Everyone => td_string!(locale, decide.reason.need_everyone),
        }
        .to_owned(),
        Why::Published => td_string!(locale, decide.reason.published).to_owned(),
        Why::PartlyPublic => td_string!(locale, decide.reason.partly).to_owned(),
        Why::Leaked => td_string!(locale, decide.reason.leaked).to_owned(),
        Why::PublicNotSure => td_string!(locale, decide.reason.public_not_sure).to_owned(),
        Why::NotAgreed => td_string!(locale, decide.reason.not_agreed).to_owned(),
        Why::Agreed(g) => td_string!(locale, decide.reason.agreed, group = group(g, locale)),
        Why::AtRisk(risk) => {
            let lead = at_risk_lead(risk, locale);
            match risk {
                AtRisk::Minor => td_string!(locale, decide.reason.within_minor, lead),
                AtRisk::Died => td_string!(locale, decide.reason.within_died, lead),
                AtRisk::Safety | AtRisk::NotSure | AtRisk::No => {
                    td_string!(locale, decide.reason.within_person, lead)
                }
            }
        }
        Why::AtRiskAgreed(risk, g) => td_string!(
            locale,
            decide.reason.at_risk_agreed,
            lead = at_risk_lead(risk, locale),
            group = group(g, locale)
        ),
        Why::Inside { sure, for_everyone } => {
            let lead = if sure {
                td_string!(locale, decide.reason.inside_sure)
            } else {
                td_string!(locale, decide.reason.inside_not_sure)
            };
            if for_everyone {
                td_string!(locale, decide.reason.inside_everyone, lead)
            } else {
                td_string!(locale, decide.reason.inside_named, lead)
            }
        }
        Why::TipOff { sure } => {
            let lead = if sure {
                td_string!(locale, decide.reason.tip_off_sure)
            } else {
                td_string!(locale, decide.reason.tip_off_not_sure)
            };
            td_string!(locale, decide.reason.tip_off, lead)
        }
        Why::AlreadyKnown => td_string!(locale, decide.reason.already_known).to_owned(),
        Why::WarningIsThePurpose => td_string!(locale, decide.reason.warning_is_the_purpose).to_owned(),
        Why::EmbargoUntil(day) => td_string!(locale, decide.reason.embargo_until, day),
        Why::EmbargoUntilEvent => td_string!(locale, decide.reason.embargo_until_event).to_owned(),
        Why::EmbargoNotSure => td_string!(locale, decide.reason.embargo_not_sure).to_owned(),
        Why::SourceStricter(label) => td_string!(locale, decide.reason.source_stricter, label),
        Why::SourceSame(label) => td_string!(locale, decide.reason.source_same, label),
        Why::SourceLooser(label) => td_string!(locale, decide.reason.source_looser, label),
    }
}

/// A warning.
pub fn warning(w: Warning, locale: Locale) -> &'static str {
    match w {
        Warning::PublicNotHarmless => td_string!(locale, decide.warning.public),
        Warning::Leaked => td_string!(locale, decide.warning.leaked),
        Warning::Agreed => td_string!(locale, decide.warning.agreed),
        Warning::AtRisk(AtRisk::Minor) => td_string!(locale, decide.warning.minor),
        Warning::AtRisk(AtRisk::Died) => td_string!(locale, decide.warning.died),
        Warning::AtRisk(AtRisk::Safety) => td_string!(locale, decide.warning.safety),
        Warning::AtRisk(AtRisk::NotSure | AtRisk::No) => td_string!(locale, decide.warning.at_risk_not_sure),
        Warning::Embargo => td_string!(locale, decide.warning.embargo),
    }
}

/// What would change the answer.
pub fn change(c: Change, locale: Locale) -> String {
    match c {
        Change::WiderGroup(label) => td_string!(locale, decide.change.wider_group, label),
        Change::LeaveOutLeak(label) => td_string!(locale, decide.change.leave_out_leak, label),
        Change::PersonAgrees(label) => td_string!(locale, decide.change.person_agrees, label),
        Change::AtRiskAgrees(AtRisk::Minor, label) => td_string!(locale, decide.change.minor_agrees, label),
        Change::AtRiskAgrees(AtRisk::Died, label) => td_string!(locale, decide.change.family_agrees, label),
        Change::AtRiskAgrees(AtRisk::Safety | AtRisk::NotSure | AtRisk::No, label) => {
            td_string!(locale, decide.change.person_at_risk_agrees, label)
        }
        Change::NoOneInside(label) => td_string!(locale, decide.change.no_one_inside, label),
        Change::NoOneWarned(label) => td_string!(locale, decide.change.no_one_warned, label),
        Change::EmbargoEnds(label) => td_string!(locale, decide.change.embargo_ends, label),
        Change::SourcePermits(label) => td_string!(locale, decide.change.source_permits, label),
    }
}

/// When to review the label.
pub fn review(r: &Review, locale: Locale) -> String {
    match *r {
        Review::EmbargoDay(day, Then::Could(label)) => {
            td_string!(locale, decide.revisit.embargo_day_could, day, label)
        }
        Review::EmbargoDay(day, Then::Stays(label)) => {
            td_string!(locale, decide.revisit.embargo_day_stays, day, label)
        }
        Review::EmbargoEvent(Then::Could(label)) => {
            td_string!(locale, decide.revisit.embargo_event_could, label)
        }
        Review::EmbargoEvent(Then::Stays(label)) => {
            td_string!(locale, decide.revisit.embargo_event_stays, label)
        }
        Review::TimeLimitUnknown => td_string!(locale, decide.revisit.time_limit).to_owned(),
        Review::NoOneWarned => td_string!(locale, decide.revisit.no_one_warned).to_owned(),
    }
}

/// The reasons and review lines kept with a record when the label is applied, in the language
/// of that moment.
pub fn kept_lines(decision: &Decision, locale: Locale) -> Vec<String> {
    decision.kept_lines_in(|w| why(w, locale), |r| review(r, locale), td_string!(locale, decide.sets_label))
}

/// One sentence of a channel check.
pub fn verdict(v: &Verdict, locale: Locale) -> String {
    let plain = |words: &'static str| words.to_owned();
    match v {
        Verdict::No => plain(td_string!(locale, decide.verdict.no)),
        Verdict::AnyoneCanRead => plain(td_string!(locale, decide.verdict.anyone)),
        Verdict::MembersWider => plain(td_string!(locale, decide.verdict.members)),
        Verdict::GovernanceWider => plain(td_string!(locale, decide.verdict.governance)),
        Verdict::ArchivePublic => plain(td_string!(locale, decide.verdict.archive_public)),
        Verdict::ArchiveNotSure => plain(td_string!(locale, decide.verdict.archive_not_sure)),
        Verdict::BridgedPrivate => plain(td_string!(locale, decide.verdict.bridged_private)),
        Verdict::BridgedPublic => plain(td_string!(locale, decide.verdict.bridged_public)),
        Verdict::BridgeNotSure => plain(td_string!(locale, decide.verdict.bridge_not_sure)),
        Verdict::RunByInvolved => plain(td_string!(locale, decide.verdict.run_by_involved)),
        Verdict::RunByNotSure => plain(td_string!(locale, decide.verdict.run_by_not_sure)),
        &Verdict::AtMost { reach, label } => td_string!(locale, decide.verdict.at_most, reach, label),
        Verdict::UseNarrower => plain(td_string!(locale, decide.verdict.use_narrower)),
        Verdict::YesNamedRed => td_string!(locale, decide.verdict.yes_named_red, label = Tlp::Red),
        Verdict::YesClear => td_string!(locale, decide.verdict.yes_clear, label = Tlp::Clear),
        &Verdict::YesIfPermitted(label) => td_string!(locale, decide.verdict.yes_if_permitted, label),
        Verdict::LaterJoiners => plain(td_string!(locale, decide.verdict.later_joiners)),
        Verdict::HostCanRead => plain(td_string!(locale, decide.verdict.host_can_read)),
        Verdict::CheckTheRest => plain(td_string!(locale, decide.verdict.check_the_rest)),
        Verdict::ProjectFits { name, carries, label } => {
            td_string!(locale, channels.check_fits, name = name.clone(), carries = *carries, label = *label)
        }
        Verdict::ProjectAtMost { name, carries, label } => {
            td_string!(
                locale,
                channels.check_at_most,
                name = name.clone(),
                carries = *carries,
                label = *label
            )
        }
        Verdict::SendElsewhere => plain(td_string!(locale, channels.check_elsewhere)),
    }
}

/// A channel check's answer, its sentences in one line.
pub fn check(c: &ChannelCheck, locale: Locale) -> String {
    c.why.iter().map(|v| verdict(v, locale)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::model::channels::ProjectChannel;
    use crate::model::decide::{
        check_channel, check_reach, decide, Answers, Archive, Bridge, Channel, ChannelFacts, Consent, Day,
        Embargo, Inside, Public, Readers, RunBy, TipOff,
    };

    /// Every line the framework can give, each once.
    fn every_line() -> (HashSet<Why>, HashSet<Warning>, HashSet<Change>, HashSet<Review>) {
        let mut lines = (HashSet::new(), HashSet::new(), HashSet::new(), HashSet::new());
        for a in Answers::every(Day { year: 2026, month: 12, day: 1 }) {
            let d = decide(a);
            lines.0.extend(d.reasons.iter().map(|r| r.why));
            lines.1.extend(d.warnings);
            lines.2.extend(d.would_change);
            lines.3.extend(d.review);
        }
        lines
    }

    #[test]
    fn the_english_interface_says_every_line_of_the_framework_as_the_model_does() {
        let (whys, warnings, changes, reviews) = every_line();
        assert!(
            whys.len() > 40 && changes.len() > 20 && reviews.len() > 5,
            "{} {}",
            whys.len(),
            changes.len()
        );
        for w in &whys {
            assert_eq!(why(w, Locale::en), w.to_string(), "{w:?}");
        }
        for &w in &warnings {
            assert_eq!(warning(w, Locale::en), w.to_string(), "{w:?}");
        }
        for &c in &changes {
            assert_eq!(change(c, Locale::en), c.to_string(), "{c:?}");
        }
        for r in &reviews {
            assert_eq!(review(r, Locale::en), r.to_string(), "{r:?}");
        }
        // Each language tells apart every two lines English tells apart.
        let distinct = |locale: Locale| {
            let whys: HashSet<String> = whys.iter().map(|w| why(w, locale)).collect();
            let changes: HashSet<String> = changes.iter().map(|&c| change(c, locale)).collect();
            let reviews: HashSet<String> = reviews.iter().map(|r| review(r, locale)).collect();
            (whys.len(), changes.len(), reviews.len())
        };
        for locale in [Locale::es, Locale::de, Locale::fr] {
            assert_eq!(distinct(locale), distinct(Locale::en), "{locale:?}");
        }
    }

    #[test]
    fn the_english_interface_says_every_channel_check_as_the_model_does() {
        let mut checks = Vec::new();
        for readers in [Readers::Anyone, Readers::Members, Readers::Governance, Readers::Named] {
            for archive in [Archive::None, Archive::Members, Archive::Public, Archive::NotSure] {
                for bridge in [Bridge::No, Bridge::Private, Bridge::Public, Bridge::NotSure] {
                    for run_by in [RunBy::Project, RunBy::Platform, RunBy::Involved, RunBy::NotSure] {
                        let facts = ChannelFacts { readers, archive, bridge, run_by };
                        checks.extend(Tlp::ALL.map(|label| check_reach(facts, label)));
                    }
                }
                for label_of_channel in Tlp::ALL {
                    let channel = ProjectChannel {
                        id: "x".into(),
                        name: "security@".into(),
                        readers,
                        archive,
                        label: label_of_channel,
                        changed: 0.0,
                        removed: None,
                        former: Vec::new(),
                    };
                    checks.extend(Tlp::ALL.map(|label| channel.check(label)));
                }
            }
        }
        for c in Channel::ALL {
            checks.extend(Tlp::ALL.map(|label| check_channel(c, label)));
        }
        let verdicts: HashSet<&Verdict> = checks.iter().flat_map(|c| &c.why).collect();
        assert!(verdicts.len() > 20, "{}", verdicts.len());
        for c in &checks {
            assert_eq!(check(c, Locale::en), c.text(), "{c:?}");
        }
    }

    #[test]
    fn kept_lines_are_in_the_language_they_were_kept_in() {
        let d = decide(Answers {
            need: Need::Everyone,
            public: Public::No,
            person: Consent::NoOne,
            at_risk: AtRisk::No,
            inside: Inside::No,
            tip_off: TipOff::Yes,
            source: None,
            embargo: Embargo::No,
        });
        assert_eq!(kept_lines(&d, Locale::en), d.kept_lines());
        let spanish = kept_lines(&d, Locale::es);
        assert_eq!(spanish.len(), d.kept_lines().len());
        assert!(
            spanish.iter().any(|l| l.ends_with("(esto decide la etiqueta)") && l.contains("alertar")),
            "{spanish:#?}"
        );
    }
}

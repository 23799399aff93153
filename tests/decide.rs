//! The decision framework, tested on every combination of answers (not a sample) against an
//! independent statement of the rules: the label is the least restrictive one that every
//! applicable rule allows. Then the promise that makes it safe for a hurried reader: the
//! hurried readings we know of never give a looser label, over every combination, and on real
//! cases (each listed in `docs/decision-framework.md` with its source).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeSet, HashMap};

use crisis_comms::model::decide::{
    decide, Answers, AtRisk, Consent, Day, Embargo, Inside, Need, Public, Rule, TipOff,
};
use crisis_comms::model::tlp::Tlp;

const DAY: Day = Day { year: 2026, month: 12, day: 1 };

/// Lines of the result as the model says them, in English.
fn english<T: ToString>(lines: &[T]) -> Vec<String> {
    lines.iter().map(ToString::to_string).collect()
}

/// Every combination of answers, from the model; its count is checked below.
fn every_combination() -> Vec<Answers> {
    Answers::every(DAY)
}

/// The widest label a group may receive.
fn group_label(need: Need) -> Tlp {
    match need {
        Need::Handlers => Tlp::Red,
        Need::Governance => Tlp::AmberStrict,
        Need::MustAct => Tlp::Amber,
        Need::ClosedGroup => Tlp::Green,
        Need::Everyone => Tlp::Clear,
    }
}

/// The rules as constraints on a candidate label (`Tlp` orders RED < ... < CLEAR).
fn allowed(a: &Answers, label: Tlp) -> bool {
    let agreed_to = |l: Tlp| matches!(a.person, Consent::Agreed(g) if l <= group_label(g));
    // Who needs it bounds the label; being public never lifts that bound.
    label <= group_label(a.need)
        // A leak goes only to those who must act on it.
        && (a.public != Public::Leaked || label <= Tlp::Amber)
        // A person who could be harmed: no further than they agreed; governance if they did not.
        && match a.person {
            Consent::NoOne => true,
            Consent::NotAgreed => label <= Tlp::AmberStrict,
            Consent::Agreed(g) => label <= group_label(g),
        }
        // Someone at special risk: governance, unless the right person agreed to more.
        && (a.at_risk == AtRisk::No || label <= Tlp::AmberStrict || agreed_to(label))
        // Someone hostile or accused among the recipients: named people only, unless it is for everyone.
        && (a.inside == Inside::No || a.need == Need::Everyone || label == Tlp::Red)
        // A possible tip-off: those who must act, need-to-know.
        && (!matches!(a.tip_off, TipOff::Yes | TipOff::NotSure) || label <= Tlp::Amber)
        // A time limit from the source: inside each recipient's organization until it ends.
        && (a.embargo == Embargo::No || label <= Tlp::AmberStrict)
        // The source's label.
        && a.source.is_none_or(|s| label <= s)
}

/// The least restrictive label that every rule allows.
fn expected_label(a: &Answers) -> Tlp {
    Tlp::ALL.into_iter().rev().find(|l| allowed(a, *l)).expect("TLP:RED is always allowed")
}

/// The rules that must be given as reasons.
fn expected_rules(a: &Answers) -> BTreeSet<Rule> {
    let mut rules = BTreeSet::from([Rule::Need]);
    if a.public != Public::No {
        rules.insert(Rule::Public);
    }
    if a.person != Consent::NoOne {
        rules.insert(Rule::Person);
    }
    if a.at_risk != AtRisk::No {
        rules.insert(Rule::AtRisk);
    }
    if a.inside != Inside::No {
        rules.insert(Rule::Inside);
    }
    if a.tip_off != TipOff::No {
        rules.insert(Rule::TipOff);
    }
    if a.embargo != Embargo::No {
        rules.insert(Rule::Embargo);
    }
    if a.source.is_some() {
        rules.insert(Rule::SourceLabel);
    }
    rules
}

#[test]
fn every_combination_of_answers_gets_the_expected_label_and_reasons() {
    let all = every_combination();
    assert_eq!(all.len(), 5 * 5 * 7 * 5 * 3 * 5 * 6 * 4);
    assert_eq!(all.iter().collect::<std::collections::HashSet<_>>().len(), all.len(), "each once");
    for a in &all {
        let d = decide(*a);
        assert_eq!(d.label, expected_label(a), "label for {a:?}");
        let rules: BTreeSet<Rule> = d.reasons.iter().map(|r| r.rule).collect();
        assert_eq!(rules, expected_rules(a), "reasons for {a:?}");
        assert_eq!(d.reasons.len(), rules.len(), "one reason per rule for {a:?}");
        // Reasons come in the order of the rules, the source's label last.
        assert!(d.reasons.windows(2).all(|w| w[0].rule < w[1].rule), "order for {a:?}");
        // The result is the strictest limit, and exactly one reason sets it: the first with that limit.
        assert_eq!(d.reasons.iter().map(|r| r.limit).min(), Some(d.label), "{a:?}");
        let decider = d.reasons.iter().position(|r| r.limit == d.label);
        for (i, r) in d.reasons.iter().enumerate() {
            assert_eq!(r.decisive, Some(i) == decider, "{:?} decisive for {a:?}", r.rule);
        }
    }
}

#[test]
fn every_reason_is_a_sentence() {
    for a in every_combination() {
        let d = decide(a);
        for line in d
            .reasons
            .iter()
            .map(|r| r.why.to_string())
            .chain(english(&d.would_change))
            .chain(english(&d.review))
        {
            assert!(line.starts_with(|c: char| c.is_ascii_uppercase()), "{a:?}: {line}");
            assert!(line.ends_with('.'), "{a:?}: {line}");
        }
    }
}

#[test]
fn the_source_label_is_stated_as_deciding_only_when_it_is_the_strictest() {
    for a in every_combination() {
        let d = decide(a);
        let others = d.reasons.iter().filter(|r| r.rule != Rule::SourceLabel).map(|r| r.limit).min().unwrap();
        let stricter_source = a.source.is_some_and(|s| s < others);
        let source = d.reasons.iter().find(|r| r.rule == Rule::SourceLabel);
        assert_eq!(
            source.is_some_and(|r| r.why.to_string().contains("Only the source may loosen")),
            stricter_source,
            "{a:?}"
        );
        assert_eq!(source.is_some_and(|r| r.decisive), stricter_source, "{a:?}");
        if let Some(s) = a.source {
            assert!(d.label <= s, "the source's label is never loosened: {a:?}");
        }
    }
}

#[test]
fn being_public_never_loosens_the_label_and_a_leak_tightens_it() {
    for a in every_combination().into_iter().filter(|a| a.public == Public::No) {
        let private = decide(a).label;
        for public in [Public::Published, Public::Partly, Public::NotSure] {
            assert_eq!(decide(Answers { public, ..a }).label, private, "{public:?} for {a:?}");
        }
        let leaked = decide(Answers { public: Public::Leaked, ..a }).label;
        assert_eq!(leaked, private.min(Tlp::Amber), "leaked for {a:?}");
    }
    // Every public answer carries the personal-data warning, and a leak its own.
    for a in every_combination().iter().filter(|a| a.public == Public::Published) {
        assert!(decide(*a).warnings.iter().any(|w| w.to_string().contains("personal details")), "{a:?}");
    }
    for a in every_combination().iter().filter(|a| a.public == Public::Leaked) {
        assert!(
            decide(*a).warnings.iter().any(|w| w.to_string().contains("Never copy the leaked details")),
            "{a:?}"
        );
    }
}

#[test]
fn the_hard_limits_hold_in_every_combination() {
    for a in every_combination() {
        let label = decide(a).label;
        if matches!(a.tip_off, TipOff::Yes | TipOff::NotSure) {
            assert!(label <= Tlp::Amber, "a possible tip-off is never GREEN or CLEAR: {a:?}");
        }
        if a.person == Consent::NotAgreed || a.embargo != Embargo::No {
            assert!(label <= Tlp::AmberStrict, "{a:?}");
        }
        if a.at_risk != AtRisk::No && !matches!(a.person, Consent::Agreed(g) if g >= Need::MustAct) {
            assert!(label <= Tlp::AmberStrict, "someone at risk without a wider agreement: {a:?}");
        }
        if a.inside != Inside::No && a.need != Need::Everyone {
            assert_eq!(label, Tlp::Red, "someone hostile among the recipients: {a:?}");
        }
        if let Consent::Agreed(g) = a.person {
            assert!(label <= group_label(g), "no further than the person agreed: {a:?}");
        }
    }
}

/// One hurried reading: the answers it changes, when the careful answer is the one it misreads.
type Reading = Box<dyn Fn(Answers) -> Option<Answers>>;

/// The hurried readings of one question that the rules absorb whatever the other answers are:
/// (what is read hurriedly, the careful answer, the hurried one). Each gives a label at least
/// as strict. Readings that could go the other way are kept apart by the wording and checked on
/// the real cases below.
fn hurried_readings() -> Vec<(&'static str, Reading)> {
    fn swap<T: PartialEq + Copy + 'static>(
        careful: T,
        hurried: T,
        get: fn(&Answers) -> T,
        set: fn(&mut Answers, T),
    ) -> Reading {
        Box::new(move |a| {
            (get(&a) == careful).then(|| {
                let mut b = a;
                set(&mut b, hurried);
                b
            })
        })
    }
    let need = |c, h| swap(c, h, |a| a.need, |a, v| a.need = v);
    let public = |c, h| swap(c, h, |a| a.public, |a, v| a.public = v);
    let person = |c, h| swap(c, h, |a| a.person, |a, v| a.person = v);
    let risk = |c, h| swap(c, h, |a| a.at_risk, |a, v| a.at_risk = v);
    let inside = |c, h| swap(c, h, |a| a.inside, |a, v| a.inside = v);
    let tip = |c, h| swap(c, h, |a| a.tip_off, |a, v| a.tip_off = v);
    let embargo = |c, h| swap(c, h, |a| a.embargo, |a, v| a.embargo = v);
    vec![
        ("\"must act\" read as a few named people", need(Need::MustAct, Need::Handlers)),
        ("\"must act\" read as the governance", need(Need::MustAct, Need::Governance)),
        ("a closed group read as the people who must act", need(Need::ClosedGroup, Need::MustAct)),
        ("partly public read as public", public(Public::Partly, Public::Published)),
        ("not sure read as public", public(Public::NotSure, Public::Published)),
        ("public read as partly public", public(Public::Published, Public::Partly)),
        (
            "agreed to the governance read as not agreed",
            person(Consent::Agreed(Need::Governance), Consent::NotAgreed),
        ),
        (
            "agreed to all read as agreed to the governance",
            person(Consent::Agreed(Need::Everyone), Consent::Agreed(Need::Governance)),
        ),
        ("no one harmed read as not agreed", person(Consent::NoOne, Consent::NotAgreed)),
        ("a minor read as someone at risk", risk(AtRisk::Minor, AtRisk::Safety)),
        ("someone who died read as not sure", risk(AtRisk::Died, AtRisk::NotSure)),
        ("no one at risk read as not sure", risk(AtRisk::No, AtRisk::NotSure)),
        ("no one inside read as not sure", inside(Inside::No, Inside::NotSure)),
        ("warning is the purpose read as a tip-off", tip(TipOff::WarningIsThePurpose, TipOff::Yes)),
        ("they already know read as a tip-off", tip(TipOff::AlreadyKnown, TipOff::Yes)),
        ("they already know read as not sure", tip(TipOff::AlreadyKnown, TipOff::NotSure)),
        ("no one acting read as not sure", tip(TipOff::No, TipOff::NotSure)),
        ("until a date read as until an event", embargo(Embargo::Until(DAY), Embargo::UntilEvent)),
        ("no time limit read as not sure", embargo(Embargo::No, Embargo::NotSure)),
    ]
}

#[test]
fn no_known_hurried_reading_loosens_the_label_in_any_combination() {
    // Each combination's label, worked out once.
    let labels: HashMap<Answers, Tlp> =
        every_combination().into_iter().map(|a| (a, decide(a).label)).collect();
    for (reading, hurry) in hurried_readings() {
        let mut seen = 0;
        for (a, &careful) in &labels {
            if let Some(h) = hurry(*a) {
                seen += 1;
                let hurried = labels[&h];
                assert!(hurried <= careful, "{reading}: {hurried} is looser than {careful} for {a:?}");
            }
        }
        assert!(seen > 0, "{reading} never applied");
    }
}

/// The answers most cases share.
const QUIET: Answers = Answers::QUIET;

/// A real case: its id (as in the docs), the careful answers, the label they give, the source,
/// and the hurried readings of single questions, each of which must be at least as strict.
struct Case {
    id: &'static str,
    answers: Answers,
    label: Tlp,
    source: &'static str,
    hurried: Vec<(&'static str, Answers)>,
}

fn cases() -> Vec<Case> {
    let embargo_day = Day { year: 2022, month: 11, day: 1 };
    let xz = Answers { need: Need::MustAct, tip_off: TipOff::Yes, ..QUIET };
    let xz_public = Answers { need: Need::Everyone, tip_off: TipOff::AlreadyKnown, ..QUIET };
    let openjs = Answers { need: Need::MustAct, tip_off: TipOff::WarningIsThePurpose, ..QUIET };
    let openjs_public = Answers { need: Need::Everyone, tip_off: TipOff::WarningIsThePurpose, ..QUIET };
    let event_stream =
        Answers { need: Need::Everyone, public: Public::Published, tip_off: TipOff::AlreadyKnown, ..QUIET };
    let tj_logs =
        Answers { need: Need::MustAct, public: Public::Leaked, tip_off: TipOff::AlreadyKnown, ..QUIET };
    let tj_advice =
        Answers { need: Need::Everyone, public: Public::Published, tip_off: TipOff::AlreadyKnown, ..QUIET };
    let openssl = Answers { need: Need::Everyone, public: Public::Published, ..QUIET };
    let distros = Answers { need: Need::MustAct, embargo: Embargo::Until(embargo_day), ..QUIET };
    let weirich =
        Answers { need: Need::Governance, person: Consent::NotAgreed, at_risk: AtRisk::Died, ..QUIET };
    let weirich_public = Answers {
        need: Need::Everyone,
        public: Public::Published,
        person: Consent::Agreed(Need::Everyone),
        at_risk: AtRisk::Died,
        ..QUIET
    };
    let minor = Answers {
        need: Need::Governance,
        person: Consent::Agreed(Need::Governance),
        at_risk: AtRisk::Minor,
        ..QUIET
    };
    let threats = Answers {
        need: Need::MustAct,
        person: Consent::Agreed(Need::MustAct),
        at_risk: AtRisk::Safety,
        ..QUIET
    };
    let rust_mods =
        Answers { need: Need::Governance, person: Consent::NotAgreed, inside: Inside::Yes, ..QUIET };
    let nixos_notes =
        Answers { need: Need::Governance, public: Public::Partly, person: Consent::NotAgreed, ..QUIET };
    let nixos_statement = Answers {
        need: Need::Everyone,
        public: Public::Partly,
        person: Consent::Agreed(Need::Everyone),
        ..QUIET
    };
    let moderators = Answers {
        need: Need::Governance,
        public: Public::Partly,
        person: Consent::Agreed(Need::Governance),
        ..QUIET
    };
    vec![
        Case {
            id: "xz-distributions",
            answers: xz,
            label: Tlp::Amber,
            source: "https://www.openwall.com/lists/oss-security/2024/03/29/4",
            hurried: vec![
                ("\"must act\" read as a few named people", Answers { need: Need::Handlers, ..xz }),
                ("everyone will need to know", Answers { need: Need::Everyone, ..xz }),
                ("a closed group of distributions", Answers { need: Need::ClosedGroup, ..xz }),
                ("not sure whether it would warn the attacker", Answers { tip_off: TipOff::NotSure, ..xz }),
            ],
        },
        Case {
            id: "xz-public",
            answers: xz_public,
            label: Tlp::Clear,
            source: "https://tukaani.org/xz-backdoor/",
            hurried: vec![
                ("the attacker will read it, so a tip-off", Answers { tip_off: TipOff::Yes, ..xz_public }),
                ("\"everyone\" read as those who must act", Answers { need: Need::MustAct, ..xz_public }),
            ],
        },
        Case {
            id: "openjs-private-alert",
            answers: openjs,
            label: Tlp::Amber,
            source: "https://www.linuxfoundation.org/blog/openssf-openjs-alert-for-social-engineering-takeovers-of-open-source-projects",
            hurried: vec![
                ("warning them is read as a tip-off", Answers { tip_off: TipOff::Yes, ..openjs }),
                ("not sure it would not warn them", Answers { tip_off: TipOff::NotSure, ..openjs }),
                ("\"must act\" read as a few named people", Answers { need: Need::Handlers, ..openjs }),
            ],
        },
        Case {
            id: "openjs-public-alert",
            answers: openjs_public,
            label: Tlp::Clear,
            source: "https://www.linuxfoundation.org/blog/openssf-openjs-alert-for-social-engineering-takeovers-of-open-source-projects",
            hurried: vec![
                ("warning them is read as a tip-off", Answers { tip_off: TipOff::Yes, ..openjs_public }),
                ("\"everyone\" read as a closed group", Answers { need: Need::ClosedGroup, ..openjs_public }),
            ],
        },
        Case {
            id: "event-stream",
            answers: event_stream,
            label: Tlp::Clear,
            source: "https://github.com/dominictarr/event-stream/issues/116",
            hurried: vec![
                ("\"must act\" read as a few named people", Answers { need: Need::Handlers, ..event_stream }),
                ("only partly public", Answers { public: Public::Partly, ..event_stream }),
                ("the new maintainer could be harmed", Answers { person: Consent::NotAgreed, ..event_stream }),
            ],
        },
        Case {
            id: "secrets-in-public-ci-logs",
            answers: tj_logs,
            label: Tlp::Amber,
            source: "https://github.com/advisories/GHSA-mrrh-fwg8-r2c3",
            hurried: vec![
                ("technically public read as public", Answers { public: Public::Published, ..tj_logs }),
                ("everyone must rotate, so everyone", Answers { need: Need::Everyone, ..tj_logs }),
                ("both at once", Answers { public: Public::Published, need: Need::Governance, ..tj_logs }),
                ("no one acting against the project", Answers { tip_off: TipOff::No, ..tj_logs }),
            ],
        },
        Case {
            id: "ci-logs-advice",
            answers: tj_advice,
            label: Tlp::Clear,
            source: "https://github.com/advisories/GHSA-mrrh-fwg8-r2c3",
            hurried: vec![
                ("it is about a leak", Answers { public: Public::Leaked, ..tj_advice }),
                ("the attacker still reads logs", Answers { tip_off: TipOff::Yes, ..tj_advice }),
            ],
        },
        Case {
            id: "openssl-pre-announcement",
            answers: openssl,
            label: Tlp::Clear,
            source: "https://www.openssl.org/news/secadv/20221101.txt",
            hurried: vec![
                ("the details are under embargo", Answers { embargo: Embargo::UntilEvent, ..openssl }),
                ("only partly public", Answers { public: Public::Partly, ..openssl }),
            ],
        },
        Case {
            id: "embargoed-report-to-distributions",
            answers: distros,
            label: Tlp::AmberStrict,
            source: "https://oss-security.openwall.org/wiki/mailing-lists/distros",
            hurried: vec![
                ("everyone will need the fix", Answers { need: Need::Everyone, ..distros }),
                ("a closed list is a closed group", Answers { need: Need::ClosedGroup, ..distros }),
                ("until the release, not a date", Answers { embargo: Embargo::UntilEvent, ..distros }),
                ("the list has no label, so TLP:GREEN", Answers { source: Some(Tlp::Green), ..distros }),
            ],
        },
        Case {
            id: "maintainer-died",
            answers: weirich,
            label: Tlp::AmberStrict,
            source: "https://en.wikipedia.org/wiki/Jim_Weirich",
            hurried: vec![
                ("he can no longer be harmed", Answers { person: Consent::NoOne, ..weirich }),
                ("no one at risk", Answers { at_risk: AtRisk::No, ..weirich }),
                ("the registry must act too", Answers { need: Need::MustAct, ..weirich }),
                ("everyone will want to know", Answers { need: Need::Everyone, ..weirich }),
            ],
        },
        Case {
            id: "maintainer-died-tribute",
            answers: weirich_public,
            label: Tlp::Clear,
            source: "https://en.wikipedia.org/wiki/Jim_Weirich",
            hurried: vec![
                ("the family was not asked again", Answers { person: Consent::NotAgreed, ..weirich_public }),
                ("only part is public", Answers { public: Public::Partly, ..weirich_public }),
            ],
        },
        Case {
            id: "report-from-a-minor",
            answers: minor,
            label: Tlp::AmberStrict,
            source: "https://support.apple.com/en-us/HT209520",
            hurried: vec![
                ("the reporter is not at risk", Answers { person: Consent::NoOne, ..minor }),
                ("a minor is no special case", Answers { at_risk: AtRisk::No, ..minor }),
                ("users must act", Answers { need: Need::MustAct, ..minor }),
                ("users must be warned, so everyone", Answers { need: Need::Everyone, ..minor }),
            ],
        },
        Case {
            id: "threats-to-a-maintainer",
            answers: threats,
            label: Tlp::Amber,
            source: "https://daniel.haxx.se/blog/2021/02/19/i-will-slaughter-you/",
            hurried: vec![
                ("no one at special risk", Answers { at_risk: AtRisk::No, ..threats }),
                ("not asked", Answers { person: Consent::NotAgreed, ..threats }),
                ("warn everyone", Answers { need: Need::Everyone, ..threats }),
                ("the police are a few named people", Answers { need: Need::Handlers, ..threats }),
            ],
        },
        Case {
            id: "conduct-matter-above-the-moderators",
            answers: rust_mods,
            label: Tlp::Red,
            source: "https://github.com/rust-lang/team/pull/671",
            hurried: vec![
                ("the governance must act", Answers { need: Need::MustAct, ..rust_mods }),
                ("no one identified", Answers { person: Consent::NoOne, ..rust_mods }),
                ("not sure who is in the group", Answers { inside: Inside::NotSure, ..rust_mods }),
            ],
        },
        Case {
            id: "board-notes-during-a-public-dispute",
            answers: nixos_notes,
            label: Tlp::AmberStrict,
            source: "https://discourse.nixos.org/t/nixos-foundation-board-giving-power-to-the-community/44552",
            hurried: vec![
                ("the dispute is public, so all of it", Answers { public: Public::Published, ..nixos_notes }),
                ("the community must know", Answers { need: Need::Everyone, ..nixos_notes }),
            ],
        },
        Case {
            id: "board-statement-after-a-public-dispute",
            answers: nixos_statement,
            label: Tlp::Clear,
            source: "https://discourse.nixos.org/t/nixos-foundation-board-giving-power-to-the-community/44552",
            hurried: vec![
                ("public read as partly public", Answers { public: Public::Published, ..nixos_statement }),
                ("agreement read as not asked", Answers { person: Consent::NotAgreed, ..nixos_statement }),
            ],
        },
        Case {
            id: "victim-agreed-to-the-moderators",
            answers: moderators,
            label: Tlp::AmberStrict,
            source: "the issue that asked for this framework",
            hurried: vec![
                ("the post is public, so all of it", Answers { public: Public::Published, ..moderators }),
                ("the platform must act too", Answers { need: Need::MustAct, ..moderators }),
                ("everyone should know", Answers { need: Need::Everyone, ..moderators }),
                ("not sure she agreed", Answers { person: Consent::NotAgreed, ..moderators }),
            ],
        },
    ]
}

#[test]
fn real_cases_get_the_label_experts_pick_and_hurried_readings_are_never_looser() {
    let cases = cases();
    let real = cases.iter().filter(|c| c.source.starts_with("https://")).count();
    assert!(real >= 12, "{real} real cases");
    for case in &cases {
        let d = decide(case.answers);
        assert_eq!(d.label, case.label, "{}: {:#?}", case.id, d.reasons);
        assert!(!case.hurried.is_empty(), "{} has hurried readings", case.id);
        for (reading, answers) in &case.hurried {
            let hurried = decide(*answers).label;
            assert!(
                hurried <= case.label,
                "{}: {reading} gives {hurried}, looser than {}",
                case.id,
                case.label
            );
        }
    }
}

#[test]
fn every_case_is_in_the_docs_with_its_label_and_source() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/decision-framework.md")).unwrap();
    for case in cases() {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", case.id)))
            .unwrap_or_else(|| panic!("{} has no row in the docs", case.id));
        assert!(row.contains(&format!("| {} |", case.label)), "{}: {row}", case.id);
        if case.source.starts_with("https://") {
            assert!(row.contains(case.source), "{}: {row}", case.id);
        }
    }
}

#[test]
fn an_embargo_gives_a_review_date_kept_with_the_decision() {
    let a = Answers { need: Need::Everyone, embargo: Embargo::Until(DAY), ..QUIET };
    let d = decide(a);
    assert_eq!(d.label, Tlp::AmberStrict);
    assert_eq!(d.review.len(), 1);
    assert_eq!(d.review[0].on(), Some(DAY));
    assert_eq!(
        d.review[0].to_string(),
        "Review the label when the embargo ends on 2026-12-01: it could then be TLP:CLEAR."
    );
    assert!(english(&d.would_change)
        .contains(&"When the source's time limit ends, it could be TLP:CLEAR.".to_owned()));
    // Kept with a record: the reasons, the deciding one marked, then the review.
    let kept = d.kept_lines();
    assert_eq!(kept.last().unwrap(), &d.review[0].to_string());
    assert!(
        kept.iter().any(|l| l.ends_with("(this sets the label)") && l.contains("until 2026-12-01")),
        "{kept:#?}"
    );
    // Other answers holding it back are said too.
    let d = decide(Answers { need: Need::Governance, ..a });
    assert_eq!(d.review[0].to_string(), "Review the label when the embargo ends on 2026-12-01: the other answers keep it at TLP:AMBER+STRICT.");
    // Without an embargo or a tip-off, nothing to review.
    assert!(decide(QUIET).review.is_empty());
}

#[test]
fn the_tip_off_rule_states_amber_as_first_defines_it() {
    let d = decide(Answers { need: Need::Everyone, tip_off: TipOff::Yes, ..QUIET });
    assert_eq!(d.label, Tlp::Amber);
    let reason = d.reasons.iter().find(|r| r.rule == Rule::TipOff).unwrap();
    assert!(reason.decisive);
    assert!(
        reason
            .why
            .to_string()
            .contains("only inside their own organization and with those it serves who need it"),
        "{}",
        reason.why.to_string()
    );
    assert!(!reason.why.to_string().contains("named people"), "{}", reason.why.to_string());
    assert_eq!(
        english(&d.would_change),
        vec!["Once no one acting against the project can be warned by it, it could be TLP:CLEAR.".to_owned()]
    );
    assert!(d
        .review
        .iter()
        .any(|r| r.to_string().starts_with("Review the label once no one acting against the project")));
}

#[test]
fn what_would_change_the_answer_is_said_for_each_binding_rule() {
    let d = decide(Answers { need: Need::MustAct, person: Consent::NotAgreed, ..QUIET });
    assert_eq!(d.label, Tlp::AmberStrict);
    assert_eq!(
        english(&d.would_change),
        vec!["If the person agrees to a wider group, or you remove every detail that could identify them, it could be up to TLP:AMBER.".to_owned()]
    );
    let d = decide(Answers { need: Need::Everyone, public: Public::Leaked, ..QUIET });
    assert_eq!(d.label, Tlp::Amber);
    assert!(
        d.would_change[0].to_string().starts_with("If you leave out what leaked"),
        "{:?}",
        d.would_change
    );
    let d = decide(Answers { need: Need::Governance, inside: Inside::Yes, ..QUIET });
    assert_eq!(d.label, Tlp::Red);
    assert_eq!(
        english(&d.would_change),
        vec!["If no one hostile, and not the person accused, is among the recipients or readers, it could be TLP:AMBER+STRICT.".to_owned()]
    );
    let d = decide(Answers { need: Need::Everyone, at_risk: AtRisk::Died, ..QUIET });
    assert_eq!(
        english(&d.would_change),
        vec!["If the family agrees to a wider group, it could be up to TLP:CLEAR.".to_owned()]
    );
}

#[test]
fn a_clear_source_label_does_not_claim_to_set_the_label() {
    let a = Answers { need: Need::Everyone, public: Public::Published, source: Some(Tlp::Clear), ..QUIET };
    let d = decide(a);
    assert_eq!(d.label, Tlp::Clear);
    assert_eq!(d.reasons.iter().filter(|r| r.decisive).count(), 1);
    assert!(d.reasons[0].decisive);
    assert_eq!(d.reasons.last().unwrap().why.to_string(), "The source labelled it TLP:CLEAR too.");
    let d = decide(Answers { source: Some(Tlp::Red), ..a });
    assert_eq!(d.label, Tlp::Red);
    assert!(!d.reasons[0].decisive);
    let last = d.reasons.last().unwrap();
    assert_eq!(last.why.to_string(), "The source labelled it TLP:RED. Only the source may loosen a label.");
    assert!(last.decisive);
}

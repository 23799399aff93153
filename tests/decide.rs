//! The decision framework, tested on every combination of answers (not a sample) against an
//! independent statement of the rules: the label is the least restrictive one that every
//! applicable rule allows.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use crisis_comms::model::decide::{decide, Answers, Need, Person, Public, Rule, TipOff};
use crisis_comms::model::tlp::Tlp;

fn every_combination() -> Vec<Answers> {
    let mut all = Vec::new();
    for public in [Public::Yes, Public::No, Public::NotSure] {
        for person in [Person::NoOne, Person::Agreed, Person::NotAgreed] {
            for tip_off in [TipOff::Yes, TipOff::No, TipOff::NotSure] {
                for need in
                    [Need::Handlers, Need::Governance, Need::MustAct, Need::ClosedGroup, Need::Everyone]
                {
                    for source in [
                        None,
                        Some(Tlp::Red),
                        Some(Tlp::AmberStrict),
                        Some(Tlp::Amber),
                        Some(Tlp::Green),
                        Some(Tlp::Clear),
                    ] {
                        all.push(Answers { public, person, tip_off, need, source });
                    }
                }
            }
        }
    }
    all
}

/// The widest label the group that needs it may receive.
fn need_label(need: Need) -> Tlp {
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
    (a.public == Public::Yes || label <= need_label(a.need))
        && (a.person != Person::NotAgreed || label <= Tlp::AmberStrict)
        && (a.tip_off == TipOff::No || label <= Tlp::Amber)
        && a.source.is_none_or(|s| label <= s)
}

/// The least restrictive label that every rule allows.
fn expected_label(a: &Answers) -> Tlp {
    Tlp::ALL.into_iter().rev().find(|l| allowed(a, *l)).expect("TLP:RED is always allowed")
}

/// The rules that must be given as reasons.
fn expected_rules(a: &Answers) -> BTreeSet<Rule> {
    let mut rules = BTreeSet::new();
    rules.insert(if a.public == Public::Yes { Rule::AlreadyPublic } else { Rule::Need });
    if a.person == Person::NotAgreed {
        rules.insert(Rule::PersonNotAgreed);
    }
    if a.tip_off != TipOff::No {
        rules.insert(Rule::TipOff);
    }
    if a.source.is_some() {
        rules.insert(Rule::SourceLabel);
    }
    rules
}

#[test]
fn every_combination_of_answers_gets_the_expected_label_and_reasons() {
    let all = every_combination();
    assert_eq!(all.len(), 3 * 3 * 3 * 5 * 6);
    for a in &all {
        let d = decide(*a);
        assert_eq!(d.label, expected_label(a), "label for {a:?}");
        let rules: BTreeSet<Rule> = d.reasons.iter().map(|r| r.rule).collect();
        assert_eq!(rules, expected_rules(a), "reasons for {a:?}");
        assert_eq!(d.reasons.len(), rules.len(), "one reason per rule for {a:?}");
        assert!(d.reasons.iter().any(|r| r.decisive), "some reason decides {a:?}");
        assert!(d.reasons.iter().all(|r| !r.text.is_empty()));
        // Exactly one reason sets the label: the first whose own limit is the result.
        let decider = d.reasons.iter().position(|r| limit(a, r.rule) == d.label);
        for (i, r) in d.reasons.iter().enumerate() {
            assert_eq!(r.decisive, Some(i) == decider, "{:?} decisive for {a:?}", r.rule);
        }
    }
}

/// The limit a rule puts on the label.
fn limit(a: &Answers, rule: Rule) -> Tlp {
    match rule {
        Rule::AlreadyPublic => Tlp::Clear,
        Rule::Need => need_label(a.need),
        Rule::PersonNotAgreed => Tlp::AmberStrict,
        Rule::TipOff => Tlp::Amber,
        Rule::SourceLabel => a.source.unwrap(),
    }
}

#[test]
fn every_reason_is_a_sentence() {
    for a in every_combination() {
        for r in decide(a).reasons {
            assert!(r.text.starts_with(|c: char| c.is_ascii_uppercase()), "{a:?}: {}", r.text);
            assert!(r.text.ends_with('.'), "{a:?}: {}", r.text);
        }
    }
}

#[test]
fn no_reason_contradicts_the_result() {
    for a in every_combination() {
        let d = decide(a);
        // Public information "reveals nothing new" only when the result is TLP:CLEAR.
        for r in &d.reasons {
            assert_eq!(
                r.text.contains("reveals nothing new"),
                d.label == Tlp::Clear && r.rule == Rule::AlreadyPublic,
                "{a:?}: {}",
                r.text
            );
        }
        // "Only the source may loosen" is said only when the source's label is stricter than
        // what every other answer gives, and then that reason sets the label.
        let others = d
            .reasons
            .iter()
            .filter(|r| r.rule != Rule::SourceLabel)
            .map(|r| limit(&a, r.rule))
            .min()
            .unwrap();
        let stricter_source = a.source.is_some_and(|s| s < others);
        let source = d.reasons.iter().find(|r| r.rule == Rule::SourceLabel);
        assert_eq!(
            source.is_some_and(|r| r.text.contains("Only the source may loosen")),
            stricter_source,
            "{a:?}"
        );
        assert_eq!(source.is_some_and(|r| r.decisive), stricter_source, "{a:?}");
    }
}

#[test]
fn a_clear_source_label_does_not_claim_to_set_the_label() {
    let a = Answers {
        public: Public::Yes,
        person: Person::NoOne,
        tip_off: TipOff::No,
        need: Need::Everyone,
        source: Some(Tlp::Clear),
    };
    let d = decide(a);
    assert_eq!(d.label, Tlp::Clear);
    assert_eq!(d.reasons.iter().filter(|r| r.decisive).count(), 1);
    assert!(d.reasons[0].decisive);
    assert_eq!(d.reasons[1].text, "The source labelled it TLP:CLEAR too.");
    // A TLP:RED source on public information: the source sets the label, and the public
    // answer no longer says that repeating it reveals nothing new.
    let d = decide(Answers { source: Some(Tlp::Red), ..a });
    assert_eq!(d.label, Tlp::Red);
    assert!(!d.reasons[0].decisive);
    assert!(!d.reasons[0].text.contains("nothing new"), "{}", d.reasons[0].text);
    assert_eq!(d.reasons[1].text, "The source labelled it TLP:RED. Only the source may loosen a label.");
    assert!(d.reasons[1].decisive);
}

#[test]
fn a_person_who_could_be_harmed_and_has_not_agreed_keeps_it_at_amber_strict_or_tighter() {
    for a in every_combination().iter().filter(|a| a.person == Person::NotAgreed) {
        assert!(decide(*a).label <= Tlp::AmberStrict, "{a:?}");
    }
}

#[test]
fn the_source_label_is_never_loosened() {
    for a in every_combination() {
        if let Some(source) = a.source {
            assert!(decide(a).label <= source, "{a:?}");
        }
    }
}

#[test]
fn a_possible_tip_off_is_never_green_or_clear() {
    for a in every_combination().iter().filter(|a| a.tip_off != TipOff::No) {
        let label = decide(*a).label;
        assert!(label != Tlp::Green && label != Tlp::Clear, "{a:?} gave {label}");
    }
}

#[test]
fn already_public_information_is_clear_yet_warns_about_personal_data() {
    let a = Answers {
        public: Public::Yes,
        person: Person::NoOne,
        tip_off: TipOff::No,
        need: Need::Handlers,
        source: None,
    };
    let d = decide(a);
    assert_eq!(d.label, Tlp::Clear);
    assert!(d.warnings.iter().any(|w| w.contains("personal details")), "{:?}", d.warnings);
    // Every public answer carries the warning, whatever the label.
    for a in every_combination().iter().filter(|a| a.public == Public::Yes) {
        assert!(decide(*a).warnings.iter().any(|w| w.contains("personal details")), "{a:?}");
    }
}

#[test]
fn what_would_change_the_answer_is_said_for_each_binding_rule() {
    let a = Answers {
        public: Public::No,
        person: Person::NotAgreed,
        tip_off: TipOff::No,
        need: Need::MustAct,
        source: None,
    };
    let d = decide(a);
    assert_eq!(d.label, Tlp::AmberStrict);
    assert_eq!(d.would_change, vec!["If the person agrees, or you remove every detail that could identify them, it could be TLP:AMBER.".to_owned()]);
    let a = Answers {
        public: Public::No,
        person: Person::NoOne,
        tip_off: TipOff::Yes,
        need: Need::Everyone,
        source: None,
    };
    let d = decide(a);
    assert_eq!(d.label, Tlp::Amber);
    assert_eq!(
        d.would_change,
        vec!["Once no one acting against the project can be tipped off, it could be TLP:CLEAR.".to_owned()]
    );
}

//! Traffic Light Protocol 2.0 labels: four labels, one of them (AMBER) with a stricter form,
//! written as five canonical strings and nothing else.
//!
//! See <https://www.first.org/tlp/>. Labels are never translated and never lower-cased;
//! a near miss (`TLP:WHITE`, `tlp:red`, `TLP:AMBER+STRCIT`) is refused with a message that
//! says what was meant, because a mislabelled message is worse than an unlabelled one.

use std::fmt;
use std::str::FromStr;

/// A TLP 2.0 label, ordered from most restrictive ([`Tlp::Red`]) to least ([`Tlp::Clear`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tlp {
    /// Only the people present in the exchange.
    Red,
    /// Only the recipient's own organization, need-to-know.
    AmberStrict,
    /// The recipient's organization and its clients, need-to-know.
    Amber,
    /// The recipient's community, not through public channels.
    Green,
    /// Anyone.
    Clear,
}

impl Tlp {
    /// Every label, most restrictive first.
    pub const ALL: [Tlp; 5] = [Tlp::Red, Tlp::AmberStrict, Tlp::Amber, Tlp::Green, Tlp::Clear];

    /// The canonical label string, e.g. `TLP:AMBER+STRICT`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Tlp::Red => "TLP:RED",
            Tlp::AmberStrict => "TLP:AMBER+STRICT",
            Tlp::Amber => "TLP:AMBER",
            Tlp::Green => "TLP:GREEN",
            Tlp::Clear => "TLP:CLEAR",
        }
    }

    /// FIRST's text colour for the label, shown on a black background.
    pub const fn colour(self) -> &'static str {
        match self {
            Tlp::Red => "#FF2B2B",
            Tlp::AmberStrict | Tlp::Amber => "#FFC000",
            Tlp::Green => "#33FF00",
            Tlp::Clear => "#FFFFFF",
        }
    }

    /// A short CSS-safe name, used for class names (`tlp-amber-strict`).
    pub const fn slug(self) -> &'static str {
        match self {
            Tlp::Red => "red",
            Tlp::AmberStrict => "amber-strict",
            Tlp::Amber => "amber",
            Tlp::Green => "green",
            Tlp::Clear => "clear",
        }
    }

    /// Who may receive information with this label: FIRST's rule in plain words, for any source
    /// and any recipient (a person, a team, a foundation). The label line of printed copies
    /// says it, in English in every language like the label lines of copied messages; the
    /// labels page and the label framework show `labels.audience_*` of `locales/`, whose English
    /// is this (checked by `tests/locales.rs`).
    pub const fn audience_summary(self) -> &'static str {
        match self {
            Tlp::Red => "Only the people it was shared with, in this conversation or message. No one else.",
            Tlp::AmberStrict => {
                "The recipient's own organization only, and there only those who need to know."
            }
            Tlp::Amber => {
                "The recipient's own organization and its clients (the people it serves), and only those \
                 who need it to protect themselves or to prevent harm."
            }
            Tlp::Green => {
                "The recipient's community of peers and partners, but never through a channel anyone can \
                 join or read."
            }
            Tlp::Clear => "Anyone. Public channels are fine.",
        }
    }

    /// What the person who receives a message with this label may do with it, said to them. A
    /// copied message opens with this, so that a reader who does not know the sender's project
    /// reads the rule that binds them, not the sender's idea of who should have it. The labels
    /// page shows `labels.recipient_*` of `locales/`, whose English is this (checked by
    /// `tests/locales.rs`).
    pub const fn recipient_rule(self) -> &'static str {
        match self {
            Tlp::Red => {
                "This is only for the people it was sent to. Do not pass it on or repeat it, not even \
                 to your own team."
            }
            Tlp::AmberStrict => {
                "You may share this only inside your own organization, with people who need to know. If \
                 you are not part of an organization in this, keep it to yourself."
            }
            Tlp::Amber => {
                "You may share this inside your own organization and with its clients (the people it \
                 serves), but only with those who need it to protect themselves or to prevent harm. If \
                 you are not part of an organization in this, share it only with people you serve who \
                 need it in that way."
            }
            Tlp::Green => {
                "You may share this with peers and partners in your community, but not in any channel \
                 that anyone can join or read."
            }
            Tlp::Clear => "You may share this with anyone.",
        }
    }
}

/// Where FIRST publishes the standard (the labels page links it).
pub const STANDARD_URL: &str = "https://www.first.org/tlp/";

impl fmt::Display for Tlp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a string is not a TLP 2.0 label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlpError {
    /// The text that was given.
    pub given: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for TlpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TlpError {}

impl FromStr for Tlp {
    type Err = TlpError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(tlp) = Tlp::ALL.into_iter().find(|t| t.as_str() == s) {
            return Ok(tlp);
        }
        Err(TlpError { given: s.to_owned(), message: explain_bad_label(s) })
    }
}

/// The message for a string that is not exactly one of the five label strings.
fn explain_bad_label(s: &str) -> String {
    let expected = "expected one of TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR";
    if s.trim().is_empty() {
        return format!("the TLP label is empty: {expected}");
    }
    // Normalise case and spaces to find what was probably meant.
    let squashed: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if squashed == "TLP:WHITE" {
        return format!("`{s}` is a TLP 1.0 label; TLP 2.0 calls it TLP:CLEAR");
    }
    if let Some(tlp) = Tlp::ALL.into_iter().find(|t| t.as_str() == squashed) {
        return format!("`{s}` is not written the standard way: write `{tlp}` (upper case, no spaces)");
    }
    if let Some(tlp) = closest(&squashed) {
        return format!("`{s}` is not a TLP 2.0 label: did you mean `{tlp}`? ({expected})");
    }
    format!("`{s}` is not a TLP 2.0 label: {expected}")
}

/// The label within two edits of `s`, if there is exactly one such best match.
fn closest(s: &str) -> Option<Tlp> {
    Tlp::ALL
        .into_iter()
        .map(|t| (edit_distance(s, t.as_str()), t))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, t)| t)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

/// Stored as its canonical string.
impl serde::Serialize for Tlp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Read by the one label parser, which explains near misses such as `TLP:WHITE`.
impl<'de> serde::Deserialize<'de> for Tlp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|e: TlpError| serde::de::Error::custom(e.message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_label_strings_round_trip() {
        let strings = ["TLP:RED", "TLP:AMBER+STRICT", "TLP:AMBER", "TLP:GREEN", "TLP:CLEAR"];
        for (s, tlp) in strings.into_iter().zip(Tlp::ALL) {
            assert_eq!(s.parse::<Tlp>(), Ok(tlp));
            assert_eq!(tlp.to_string(), s);
        }
    }

    #[test]
    fn labels_are_ordered_from_most_to_least_restrictive() {
        assert!(Tlp::Red < Tlp::AmberStrict);
        assert!(Tlp::AmberStrict < Tlp::Amber);
        assert!(Tlp::Amber < Tlp::Green);
        assert!(Tlp::Green < Tlp::Clear);
    }

    #[test]
    fn anything_else_is_rejected_with_a_message() {
        let cases = [
            ("TLP:WHITE", "`TLP:WHITE` is a TLP 1.0 label; TLP 2.0 calls it TLP:CLEAR"),
            ("tlp:red", "`tlp:red` is not written the standard way: write `TLP:RED` (upper case, no spaces)"),
            (
                "TLP: RED",
                "`TLP: RED` is not written the standard way: write `TLP:RED` (upper case, no spaces)",
            ),
            (
                "TLP:AMBER+STRCIT",
                "`TLP:AMBER+STRCIT` is not a TLP 2.0 label: did you mean `TLP:AMBER+STRICT`? \
                 (expected one of TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR)",
            ),
            (
                "",
                "the TLP label is empty: expected one of TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, \
                 TLP:GREEN, TLP:CLEAR",
            ),
            (
                "CONFIDENTIAL",
                "`CONFIDENTIAL` is not a TLP 2.0 label: expected one of TLP:RED, \
                 TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR",
            ),
        ];
        for (input, message) in cases {
            let err = input.parse::<Tlp>().expect_err(input);
            assert_eq!(err.message, message, "for input {input:?}");
            assert_eq!(err.given, input);
        }
    }

    #[test]
    fn only_a_tlp_red_rule_forbids_sharing_with_the_recipients_own_team() {
        for t in Tlp::ALL {
            let rule = t.recipient_rule();
            assert!(rule.starts_with("You may") || t == Tlp::Red, "{t}: {rule}");
            assert_eq!(rule.contains("not even to your own team"), t == Tlp::Red, "{t}: {rule}");
        }
    }

    #[test]
    fn amber_reaches_clients_and_amber_strict_does_not() {
        assert!(Tlp::Amber.recipient_rule().contains("its clients"));
        assert!(Tlp::Amber.audience_summary().contains("its clients"));
        assert!(!Tlp::AmberStrict.recipient_rule().contains("clients"));
        assert!(!Tlp::AmberStrict.audience_summary().contains("clients"));
        // One person with no organization behind them keeps AMBER+STRICT to themselves.
        assert!(Tlp::AmberStrict.recipient_rule().contains("keep it to yourself"));
        for t in [Tlp::AmberStrict, Tlp::Amber] {
            assert!(t.recipient_rule().contains("If you are not part of an organization in this"), "{t}");
        }
    }

    #[test]
    fn no_rule_names_the_senders_project() {
        // The recipient may be a foundation, a company or a person: "the project's governance"
        // would tell them the wrong rule.
        for t in Tlp::ALL {
            for text in [t.audience_summary(), t.recipient_rule()] {
                assert!(!text.contains("project"), "{t}: {text}");
            }
        }
    }

    #[test]
    fn colours_are_firsts() {
        assert_eq!(Tlp::Red.colour(), "#FF2B2B");
        assert_eq!(Tlp::AmberStrict.colour(), "#FFC000");
        assert_eq!(Tlp::Amber.colour(), "#FFC000");
        assert_eq!(Tlp::Green.colour(), "#33FF00");
        assert_eq!(Tlp::Clear.colour(), "#FFFFFF");
    }
}

//! Filling message templates and marking them with their label, as TLP asks: in the subject
//! line, directly before the labelled text, and where the labelled text ends.
//!
//! The label line says what the *recipient* may do: a foundation or a volunteer receiving the
//! message reads the rule that binds them, not the sender's idea of who should have it. A
//! restriction or permission the sender adds (the template's `sharing`) stands right after it,
//! as TLP 2.0 asks of additional limits.

use super::checklist::Template;
use super::debrief::EXERCISE;
use super::map::Map;
use super::parse::placeholder_names;
use super::tlp::{Tlp, STANDARD_URL};

/// A template with the user's values filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    /// The subject line, label first; empty when the template has no subject.
    pub subject: String,
    /// The message: label line, text, end marker.
    pub body: String,
    /// Placeholders that have no value yet (they stay as `{name}` in the text).
    pub missing: Vec<String>,
    /// The word before the subject line, in the message's language ("Subject:").
    subject_word: String,
}

impl Composed {
    /// Everything to paste into an email or a chat: subject line (if any), then the body.
    pub fn message(&self) -> String {
        if self.subject.is_empty() {
            self.body.clone()
        } else {
            format!("{} {}\n\n{}", self.subject_word, self.subject, self.body)
        }
    }
}

/// The words a labelled message carries around its label, in the message's own language (a
/// Spanish template's are Spanish, whatever the interface speaks). The label itself is never
/// translated: it stays as FIRST writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageWords {
    /// What the recipient may do under the label ([`Tlp::recipient_rule`] in English).
    pub rule: String,
    /// Before the sender's own restriction or permission: "Added by the sender:".
    pub added: String,
    /// Where the protocol is explained: `(Traffic Light Protocol 2.0, https://www.first.org/tlp/)`.
    pub standard: String,
    /// Where the labelled text ends, with the label: "END OF TLP:AMBER TEXT".
    pub end: String,
    /// Before the subject line: "Subject:".
    pub subject: String,
}

impl MessageWords {
    /// The English words around `label`.
    pub fn english(label: Tlp) -> MessageWords {
        MessageWords {
            rule: label.recipient_rule().to_owned(),
            added: "Added by the sender:".to_owned(),
            standard: format!("(Traffic Light Protocol 2.0, {STANDARD_URL})"),
            end: format!("END OF {label} TEXT"),
            subject: "Subject:".to_owned(),
        }
    }
}

/// Replaces every `{name}` that has a non-blank value; returns the text and the names left.
pub fn fill(text: &str, values: &Map<String>) -> (String, Vec<String>) {
    let mut out = text.to_owned();
    let mut missing = Vec::new();
    for name in placeholder_names(text) {
        match values.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            Some(value) => out = out.replace(&format!("{{{name}}}"), value),
            None if !missing.iter().any(|m| m == name) => missing.push(name.to_owned()),
            None => {}
        }
    }
    (out, missing)
}

/// Whether the user filled in any of the template's placeholders: the messages a printed or
/// exported record shows are the ones that were used.
pub fn is_used(template: &Template, values: &Map<String>) -> bool {
    let filled = |name: &str| values.get(name).is_some_and(|v| !v.trim().is_empty());
    placeholder_names(&template.subject)
        .chain(placeholder_names(&template.sharing))
        .chain(placeholder_names(&template.body))
        .any(filled)
}

/// The lines that open a labelled message: the label with what the recipient may do, the
/// sender's own addition to it if any, and where the protocol is explained.
pub fn label_header(label: Tlp, sharing: &str, words: &MessageWords) -> String {
    let mut out = format!("{label}: {}\n", words.rule);
    if !sharing.trim().is_empty() {
        out.push_str(&format!("{} {}\n", words.added, sharing.trim()));
    }
    out.push_str(&words.standard);
    out
}

/// Fills `template` with `values` and puts `label` (normally the template's own) where it
/// belongs, with the English words around it.
pub fn compose(template: &Template, label: Tlp, values: &Map<String>) -> Composed {
    compose_in(template, label, values, &MessageWords::english(label))
}

/// [`compose`], with `words` around the label: those of the template's own language.
pub fn compose_in(template: &Template, label: Tlp, values: &Map<String>, words: &MessageWords) -> Composed {
    let mut missing = Vec::new();
    let mut filled = |text: &str| {
        let (out, names) = fill(text, values);
        for m in names {
            if !missing.contains(&m) {
                missing.push(m);
            }
        }
        out
    };
    let subject = filled(&template.subject);
    // The sender's addition was written for the template's own label: under another label (a
    // stricter one chosen for this record) it could grant what that label forbids.
    let sharing = if label == template.label { filled(&template.sharing) } else { String::new() };
    let text = filled(&template.body);
    let subject = if subject.is_empty() { String::new() } else { format!("[{label}] {subject}") };
    let body = format!("{}\n\n{text}\n\n{}", label_header(label, &sharing, words), words.end);
    Composed { subject, body, missing, subject_word: words.subject.clone() }
}

/// A message copied from an exercise record (a drill): EXERCISE on its first and last lines, so
/// that nobody who reads it, wherever it is pasted, takes it for a real incident. The label
/// lines stay as they are, inside.
pub fn exercise_message(message: &str) -> String {
    let mark = format!("{EXERCISE}: part of a drill, not a real incident.");
    format!("{mark}\n\n{}\n\n{mark}", message.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_senders_addition_goes_only_with_the_label_it_was_written_for() {
        let mut t = template();
        t.sharing = "You may also show it to your packaging team.".into();
        assert!(compose(&t, t.label, &Map::new()).body.contains("Added by the sender: You may also show it"));
        let stricter = compose(&t, Tlp::Red, &Map::new()).body;
        assert!(stricter.starts_with("TLP:RED: "), "{stricter}");
        assert!(!stricter.contains("Added by the sender"), "{stricter}");
    }

    fn template() -> Template {
        Template {
            id: "warn".into(),
            title: "Warn packagers".into(),
            label: Tlp::Amber,
            audience: vec![],
            channel: String::new(),
            subject: "Do not ship {project} {versions}".into(),
            sharing: String::new(),
            body: "{project} {versions} are bad.\nAsk {contact}.".into(),
        }
    }

    #[test]
    fn the_label_is_in_the_subject_before_the_text_and_at_its_end() {
        let values = Map::from_iter([
            ("project".to_owned(), "libx".to_owned()),
            ("versions".to_owned(), "2.4.1".to_owned()),
        ]);
        let c = compose(&template(), Tlp::Amber, &values);
        assert_eq!(c.subject, "[TLP:AMBER] Do not ship libx 2.4.1");
        assert!(c.body.starts_with(&format!("TLP:AMBER: {}\n", Tlp::Amber.recipient_rule())));
        assert!(c.body.contains("\n\nlibx 2.4.1 are bad.\nAsk {contact}.\n\n"));
        assert!(c.body.ends_with("END OF TLP:AMBER TEXT"));
        assert_eq!(c.missing, vec!["contact".to_owned()]);
        assert!(c.message().starts_with("Subject: [TLP:AMBER] Do not ship libx 2.4.1\n\nTLP:AMBER: "));
    }

    #[test]
    fn the_senders_addition_stands_right_after_the_label() {
        let mut t = template();
        t.sharing = "Please do not forward it to {contact}.".into();
        let values = Map::from_iter([("contact".to_owned(), "the press".to_owned())]);
        let c = compose(&t, Tlp::Amber, &values);
        let lines: Vec<&str> = c.body.lines().collect();
        assert_eq!(lines[0], format!("TLP:AMBER: {}", Tlp::Amber.recipient_rule()));
        assert_eq!(lines[1], "Added by the sender: Please do not forward it to the press.");
        assert_eq!(lines[2], "(Traffic Light Protocol 2.0, https://www.first.org/tlp/)");
        // Without an addition, nothing stands between the rule and the link.
        let plain = compose(&template(), Tlp::Amber, &values);
        assert!(!plain.body.contains("Added by the sender"), "{}", plain.body);
        // A placeholder only in the addition still makes the message used.
        t.subject.clear();
        t.body = "Text.".into();
        assert!(is_used(&t, &values));
        assert!(!is_used(&t, &Map::new()));
    }

    #[test]
    fn the_words_around_the_label_are_the_message_s_own_and_the_label_stays_first_s() {
        let mut t = template();
        t.sharing = "Solo para tu equipo.".into();
        let words = MessageWords {
            rule: "Puedes compartirlo dentro de tu organización.".into(),
            added: "Añadido por quien envía:".into(),
            standard: "(Protocolo TLP 2.0: https://www.first.org/tlp/)".into(),
            end: "FIN DEL TEXTO TLP:AMBER".into(),
            subject: "Asunto:".into(),
        };
        let message = compose_in(&t, Tlp::Amber, &Map::new(), &words).message();
        let lines: Vec<&str> = message.lines().collect();
        assert_eq!(lines[0], "Asunto: [TLP:AMBER] Do not ship {project} {versions}");
        assert_eq!(lines[2], "TLP:AMBER: Puedes compartirlo dentro de tu organización.");
        assert_eq!(lines[3], "Añadido por quien envía: Solo para tu equipo.");
        assert_eq!(lines[4], "(Protocolo TLP 2.0: https://www.first.org/tlp/)");
        assert_eq!(lines.last(), Some(&"FIN DEL TEXTO TLP:AMBER"));
        let english = compose_in(&t, Tlp::Amber, &Map::new(), &MessageWords::english(Tlp::Amber));
        assert_eq!(compose(&t, Tlp::Amber, &Map::new()), english);
    }

    #[test]
    fn the_header_tells_the_recipient_their_rule_not_the_senders_definition() {
        let c = compose(&template(), Tlp::AmberStrict, &Map::new());
        let first = c.body.lines().next().unwrap();
        assert!(first.contains("inside your own organization"), "{first}");
        assert!(!first.contains(Tlp::AmberStrict.audience_summary()), "{first}");
    }

    #[test]
    fn a_template_is_used_once_any_of_its_placeholders_is_filled() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        // This template names {project} more than once; with nothing filled it is not used.
        let t = scenario.template("holding-statement").unwrap();
        let mut values = Map::new();
        assert!(!is_used(t, &values));
        values.insert("project".to_owned(), "  ".to_owned());
        assert!(!is_used(t, &values), "a blank value is not a filled one");
        values.insert("project".to_owned(), "libexample".to_owned());
        assert!(is_used(t, &values));
    }

    #[test]
    fn a_filled_message_has_no_line_breaks_from_the_file() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        let t = scenario.template("warn-packagers").unwrap();
        let values = Map::from_iter([("versions".to_owned(), "2.4.1 and 2.4.2".to_owned())]);
        let message = compose(t, t.label, &values).message();
        assert!(
            message.contains(
                "Please do not ship any release on that list, and hold updates of {project} until we confirm which \
                 releases are clean. We will say so in public too, by {next-update} at the latest.\n\n"
            ),
            "{message}"
        );
    }

    #[test]
    fn blank_values_count_as_missing() {
        let values = Map::from_iter([("project".to_owned(), "  ".to_owned())]);
        let (text, missing) = fill("{project} and {project}", &values);
        assert_eq!(text, "{project} and {project}");
        assert_eq!(missing, vec!["project".to_owned()]);
    }

    #[test]
    fn an_exercise_message_says_exercise_on_its_first_and_last_lines() {
        let message = "Subject: [TLP:AMBER] Update\n\nTLP:AMBER: rule\n\nText.\n\nEND OF TLP:AMBER\n";
        let marked = exercise_message(message);
        let lines: Vec<&str> = marked.lines().collect();
        assert_eq!(lines.first(), Some(&"EXERCISE: part of a drill, not a real incident."));
        assert_eq!(lines.last(), Some(&"EXERCISE: part of a drill, not a real incident."));
        assert!(marked.contains("\n\nSubject: [TLP:AMBER] Update\n"), "{marked}");
        assert!(marked.contains("END OF TLP:AMBER\n\nEXERCISE"), "{marked}");
    }
}

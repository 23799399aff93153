//! Filling message templates and marking them with their label, as TLP asks: in the subject
//! line, directly before the labelled text, and where the labelled text ends.

use super::checklist::Template;
use super::map::Map;
use super::parse::placeholder_names;
use super::tlp::Tlp;

/// A template with the user's values filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composed {
    /// The subject line, label first; empty when the template has no subject.
    pub subject: String,
    /// The message: label line, text, end marker.
    pub body: String,
    /// Placeholders that have no value yet (they stay as `{name}` in the text).
    pub missing: Vec<String>,
}

impl Composed {
    /// Everything to paste into an email or a chat: subject line (if any), then the body.
    pub fn message(&self) -> String {
        if self.subject.is_empty() {
            self.body.clone()
        } else {
            format!("Subject: {}\n\n{}", self.subject, self.body)
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
    placeholder_names(&template.subject).chain(placeholder_names(&template.body)).any(filled)
}

/// Fills `template` with `values` and puts `label` (normally the template's own) where it belongs.
pub fn compose(template: &Template, label: Tlp, values: &Map<String>) -> Composed {
    let (subject, mut missing) = fill(&template.subject, values);
    let (text, more) = fill(&template.body, values);
    for m in more {
        if !missing.contains(&m) {
            missing.push(m);
        }
    }
    let subject = if subject.is_empty() { String::new() } else { format!("[{label}] {subject}") };
    let body = format!(
        "{label}: {}\n(Traffic Light Protocol, https://www.first.org/tlp/)\n\n{text}\n\nEND OF {label} TEXT",
        label.audience_summary()
    );
    Composed { subject, body, missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> Template {
        Template {
            id: "warn".into(),
            title: "Warn packagers".into(),
            label: Tlp::Amber,
            audience: vec![],
            channel: String::new(),
            subject: "Do not ship {project} {versions}".into(),
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
        assert!(c.body.starts_with("TLP:AMBER: "));
        assert!(c.body.contains("\n\nlibx 2.4.1 are bad.\nAsk {contact}.\n\n"));
        assert!(c.body.ends_with("END OF TLP:AMBER TEXT"));
        assert_eq!(c.missing, vec!["contact".to_owned()]);
        assert!(c.message().starts_with("Subject: [TLP:AMBER] Do not ship libx 2.4.1\n\nTLP:AMBER: "));
    }

    #[test]
    fn a_template_is_used_once_any_of_its_placeholders_is_filled() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        // This template names {project} more than once; with nothing filled it is not used.
        let t = scenario.templates.iter().find(|t| t.id == "holding-statement").unwrap();
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
        let t = scenario.templates.iter().find(|t| t.id == "warn-packagers").unwrap();
        let values = Map::from_iter([("versions".to_owned(), "2.4.1 and 2.4.2".to_owned())]);
        let message = compose(t, t.label, &values).message();
        assert!(
            message.contains("Please do not ship these versions, and hold updates to them until we confirm clean releases.\n\n"),
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
}

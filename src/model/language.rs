//! The interface's languages: which ones the app speaks, each named in itself, and how a
//! language tag (from the browser, the `lang` mount option or the device's setting) finds one.
//! The words themselves are in `locales/`; checklists keep their own language.

/// The languages of the interface, by code, each named in itself; the first is the default.
pub const LANGUAGES: [(&str, &str); 4] =
    [("en", "English"), ("es", "Español"), ("de", "Deutsch"), ("fr", "Français")];

/// The language when nothing else says which: English.
pub const DEFAULT: &str = "en";

/// The language `tag` asks for, when the app speaks it: `es`, `ES`, `es-MX` and `es_419` all
/// ask for Spanish, by their primary subtag; `pt-BR` or an empty tag for none.
pub fn supported(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
    LANGUAGES.iter().map(|(code, _)| *code).find(|code| primary.eq_ignore_ascii_case(code))
}

/// The language for a reader whose browser prefers `tags`, most preferred first: the first
/// one the app speaks, else English.
pub fn from_preferences<S: AsRef<str>>(tags: &[S]) -> &'static str {
    tags.iter().find_map(|t| supported(t.as_ref())).unwrap_or(DEFAULT)
}

/// The language's name in itself (`Español` for `es`), or the code when it is not one of
/// [`LANGUAGES`].
pub fn name(code: &str) -> &str {
    LANGUAGES.iter().find(|(c, _)| *c == code).map_or(code, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_finds_its_language_by_the_primary_subtag_in_any_case() {
        assert_eq!(supported("es"), Some("es"));
        assert_eq!(supported("es-MX"), Some("es"));
        assert_eq!(supported("DE-at"), Some("de"));
        assert_eq!(supported("fr_CA"), Some("fr"));
        assert_eq!(supported("en-GB"), Some("en"));
        assert_eq!(supported("pt-BR"), None);
        assert_eq!(supported("esperanto"), None);
        assert_eq!(supported(""), None);
    }

    #[test]
    fn the_browser_s_first_spoken_preference_wins_else_english() {
        assert_eq!(from_preferences(&["pt-BR", "de-CH", "es"]), "de");
        assert_eq!(from_preferences(&["fr-FR", "en-US"]), "fr");
        assert_eq!(from_preferences(&["ja", "pt"]), "en");
        assert_eq!(from_preferences::<&str>(&[]), "en");
    }

    #[test]
    fn each_language_is_named_in_itself() {
        assert_eq!(name("es"), "Español");
        assert_eq!(name("de"), "Deutsch");
        assert_eq!(name("fr"), "Français");
        assert_eq!(name("en"), "English");
        assert_eq!(name("xx"), "xx");
    }
}

//! Catalog search: which checklists match the words someone typed.
//!
//! The caller lowers the case of both the query and the text (the app uses the browser's own
//! rules for that), so nothing here needs Unicode case tables.

use super::checklist::Scenario;

/// The text a search looks in: the title, summary, when, tags and keywords.
pub fn search_text(scenario: &Scenario) -> String {
    format!(
        "{} {} {} {} {}",
        scenario.title,
        scenario.summary,
        scenario.when,
        scenario.tags.join(" "),
        scenario.keywords.join(" ")
    )
}

/// Whether every word of `query` starts a word of `text`, both already in lower case: "hack"
/// finds "hacked", and "crates.io" finds "crates.io". An empty query matches everything.
pub fn matches(query: &str, text: &str) -> bool {
    words(query).all(|q| words(text).any(|w| w.starts_with(q)))
}

/// The words of `text`: what is between spaces and punctuation.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_separator).filter(|w| !w.is_empty())
}

/// Spaces and punctuation. Letters and digits of any script belong to words.
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_alphanumeric()
    } else {
        matches!(c, '\u{a0}' | '‘' | '’' | '“' | '”' | '–' | '—' | '…')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_start_a_word_of_the_text() {
        let text = "a maintainer's account is compromised hacked 2fa crates.io";
        assert!(matches("", text));
        assert!(matches("hack", text));
        assert!(matches("hacked account", text));
        assert!(matches("2fa", text));
        assert!(matches("crates.io", text));
        assert!(matches("maintainer", text));
        assert!(!matches("acked", text), "a word is matched from its start");
        assert!(!matches("hacked password", text), "every word must match");
    }

    /// The ids of the built-in checklists that `query` finds, as the catalog finds them.
    fn find(query: &str) -> Vec<String> {
        crate::content::Library::built_in()
            .scenarios()
            .iter()
            .filter(|s| matches(&query.to_lowercase(), &search_text(s).to_lowercase()))
            .map(|s| s.id.clone())
            .collect()
    }

    #[test]
    fn words_people_type_in_a_crisis_find_a_checklist() {
        for (query, id) in [
            ("hacked", "account-compromise"),
            ("hack", "account-compromise"),
            ("password", "account-compromise"),
            ("token", "account-compromise"),
            ("2FA", "account-compromise"),
            ("leak", "account-compromise"),
            ("GitHub", "account-compromise"),
            ("malware", "malicious-release"),
            ("attack", "malicious-release"),
            ("vulnerability", "malicious-release"),
            ("CVE", "malicious-release"),
            ("npm", "malicious-release"),
            ("PyPI", "malicious-release"),
            ("crates.io", "malicious-release"),
            ("journalist", "misinformation"),
            ("journalist", "leader-misconduct-public"),
            ("CoC", "conduct-report-leader"),
            ("doxxing", "harassment-campaign"),
        ] {
            assert!(
                find(query).iter().any(|found| found == id),
                "{query} should find {id}: {:?}",
                find(query)
            );
        }
    }

    #[test]
    fn words_typed_in_a_crisis_find_each_scenario_added_for_the_missing_crises() {
        let library = crate::content::Library::built_in();
        let cases: &[(&str, &[&str])] = &[
            (
                "vulnerability-public-early",
                &[
                    "vulnerability",
                    "CVE",
                    "zero-day",
                    "0-day",
                    "exploit",
                    "embargo",
                    "disclosure",
                    "security hole",
                ],
            ),
            (
                "steward-removes-access",
                &["access removed", "revoked", "kicked out", "lost access", "steward", "foundation"],
            ),
            ("ai-generated-flood", &["AI", "slop", "LLM", "spam", "bug bounty", "pull requests", "ChatGPT"]),
            (
                "legal-threat",
                &["DMCA", "lawyer", "cease and desist", "trademark", "takedown", "sued", "copyright"],
            ),
            (
                "maintainer-sabotage",
                &["protestware", "sabotage", "node-ipc", "colors", "rogue maintainer", "protest"],
            ),
            (
                "compromised-dependency",
                &["dependency", "upstream", "supply chain", "GitHub Actions", "CDN", "polyfill"],
            ),
            (
                "private-channel-leak",
                &["leaked chat", "screenshots", "Discord", "private list", "leak", "DMs"],
            ),
            (
                "statement-correction",
                &["retraction", "correction", "we were wrong", "apology", "withdraw", "mistake"],
            ),
        ];
        for (id, queries) in cases {
            assert!(library.get(id).is_some(), "the scenario {id} is missing");
            for query in *queries {
                let found = find(query);
                assert!(found.iter().any(|f| f == id), "{query:?} should find {id}: {found:?}");
            }
        }
        // A security flaw made public before a fix is not a malicious release: both come up.
        for query in ["vulnerability", "CVE"] {
            let found = find(query);
            for id in ["vulnerability-public-early", "malicious-release"] {
                assert!(found.iter().any(|f| f == id), "{query:?} should find {id}: {found:?}");
            }
        }
        // The check can fail: a word no checklist uses finds nothing.
        assert!(find("zzzyx").is_empty());
    }
}

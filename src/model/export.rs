//! A record as Markdown: to paste into a private issue or a chat room, with its label at the
//! top and the bottom.

use super::audience::titles;
use super::checklist::{ItemKind, Scenario};
use super::progress::{KeptDecision, Status};
use super::saved::Record;
use super::template::{compose, is_used};

/// What a kept label decision was about, in words: "this record" or "the message “…”".
pub fn decision_subject(scenario: &Scenario, decision: &KeptDecision) -> String {
    match &decision.template {
        None => "this record".to_owned(),
        Some(id) => match scenario.templates.iter().find(|t| &t.id == id) {
            Some(t) => format!("the message “{}”", t.title),
            None => format!("the message `{id}`"),
        },
    }
}

/// The record as Markdown. `printed` is a local date and time, written as given; `local_time`
/// writes the time a decision was made.
pub fn record_markdown(
    scenario: &Scenario,
    record: &Record,
    printed: &str,
    local_time: impl Fn(f64) -> String,
) -> String {
    let label = record.label(scenario.label);
    let p = &record.progress;
    let name = if record.name.is_empty() { scenario.title.as_str() } else { record.name.as_str() };
    let mut out = format!("**{label}**\n\n# {name}\n\n");
    out.push_str(&format!(
        "Checklist: {} (version {})  \nExported: {printed}\n",
        scenario.title, scenario.version
    ));
    for section in &scenario.sections {
        let t = p.tally_section(section);
        out.push_str(&format!("\n## {} ({} of {})\n\n", section.title, t.settled(), t.total));
        for item in &section.items {
            let mark = match (item.kind, p.status(&item.id)) {
                (ItemKind::Question, _) => match p.items.get(&item.id).and_then(|s| s.answer) {
                    Some(a) => format!("[{}]", a.title()),
                    None => "[unanswered]".to_owned(),
                },
                (_, Status::Done) => "[x]".to_owned(),
                (_, Status::NotApplicable) => "[n/a]".to_owned(),
                (_, Status::Open) => "[ ]".to_owned(),
            };
            out.push_str(&format!("- {mark} {}", item.text));
            if item.kind != ItemKind::Question {
                out.push_str(&format!(" — for {}, {}", titles(&item.audience), item.label));
            }
            out.push('\n');
            let note = p.note(&item.id).trim();
            if !note.is_empty() {
                for line in note.lines() {
                    out.push_str(&format!("  > {line}\n"));
                }
            }
        }
    }
    let used: Vec<_> = scenario.templates.iter().filter(|t| is_used(t, &p.values)).collect();
    if !used.is_empty() {
        out.push_str("\n## Messages\n");
        for t in used {
            let label = p.template_labels.get(&t.id).copied().unwrap_or(t.label);
            out.push_str(&format!(
                "\n### {}\n\n```text\n{}\n```\n",
                t.title,
                compose(t, label, &p.values).message()
            ));
        }
    }
    if !p.decisions.is_empty() {
        out.push_str("\n## Label decisions\n\n");
        for d in &p.decisions {
            out.push_str(&format!(
                "- {} for {}, chosen with the label framework on {}:\n",
                d.label,
                decision_subject(scenario, d),
                local_time(d.decided_at)
            ));
            for reason in &d.reasons {
                out.push_str(&format!("  - {reason}\n"));
            }
        }
    }
    out.push_str(&format!("\n**{label}**\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::saved::Saved;

    #[test]
    fn the_markdown_has_the_label_at_both_ends_and_the_states_and_notes() {
        let library = crate::content::Library::built_in();
        let scenario = library.get("account-compromise").unwrap();
        let mut saved = Saved::default();
        let id = saved.start_record(&scenario, "March incident", 1.0);
        let r = saved.records.get_mut(&id).unwrap();
        r.progress.set_status("reach-owner", Status::Done, 2.0);
        r.progress.set_status("tell-platform", Status::NotApplicable, 3.0);
        r.progress.set_note("reach-owner", "Called at 10:05.\nNot him.", 4.0);
        r.progress.values.insert("project".into(), "libexample".into());
        r.progress.decisions.push(KeptDecision {
            template: Some("holding-statement".into()),
            label: crate::model::tlp::Tlp::Clear,
            reasons: vec!["It is already public.".into()],
            decided_at: 5.0,
        });
        let md = record_markdown(&scenario, r, "24 Nov 2026, 10:00", |ms| format!("t{ms}"));
        assert!(md.starts_with("**TLP:AMBER+STRICT**\n\n# March incident\n"), "{md}");
        assert!(md.trim_end().ends_with("**TLP:AMBER+STRICT**"));
        assert!(md.contains("- [x] Reach the account's owner through a second channel you already trust — for Responders, Maintainers, TLP:RED\n  > Called at 10:05.\n  > Not him.\n"), "{md}");
        assert!(md.contains("- [n/a] Ask the hosting platform"));
        assert!(md.contains("- [ ] Write down what you see"));
        assert!(md.contains("### Warning to downstream packagers"), "{md}");
        assert!(md.contains("Do not ship libexample {versions}"), "{md}");
        assert!(
            md.contains(
                "## Label decisions\n\n- TLP:CLEAR for the message “Public holding statement”, chosen with the \
                 label framework on t5:\n  - It is already public.\n"
            ),
            "{md}"
        );
    }
}

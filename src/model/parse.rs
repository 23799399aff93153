//! The one parser for checklist files: TOML front matter between `+++` lines, then Markdown
//! with `##` sections and `###` items. The format is specified in `checklists/README.md`.
//!
//! Every error names the file, the line and what is wrong. The parser never panics, whatever
//! the input: checklists can come from an embedding site, not only from this repository.

use std::fmt;

use super::audience::Audience;
use super::checklist::{
    Item, ItemKind, Placeholder, Reference, Scenario, ScenarioKind, Section, Shape, Template,
};
use super::drill::{DebriefQuestion, Drill, Inject, Phase, Role, StressLink};
use super::map::Map;
use super::tlp::{Tlp, TlpError};

/// A problem in a checklist file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The file name as given to the parser.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, line {}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses one checklist file. `file` is only used in error messages.
pub fn parse_scenario(file: &str, text: &str) -> Result<Scenario, ParseError> {
    Parser { file }.scenario(text)
}

struct Parser<'a> {
    file: &'a str,
}

/// A front matter value of the supported TOML subset.
#[derive(Debug)]
enum Value {
    Str(String),
    Int(i64),
    List(Vec<String>),
}

/// One `key = value` line of the front matter.
struct Entry {
    line: usize,
    key: String,
    value: Value,
}

/// A Markdown heading with its `{#id}`.
struct Heading<'t> {
    text: &'t str,
    id: &'t str,
}

impl<'a> Parser<'a> {
    fn err<T>(&self, line: usize, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError { file: self.file.to_owned(), line, message: message.into() })
    }

    fn scenario(&self, text: &str) -> Result<Scenario, ParseError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<(usize, &str)> = text
            .lines()
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .collect();
        if lines.first().map(|(_, l)| l.trim_end()) != Some("+++") {
            return self.err(1, "a checklist starts with a line `+++` that opens its front matter");
        }
        let Some(close) = lines.iter().skip(1).position(|(_, l)| l.trim_end() == "+++") else {
            return self.err(1, "the front matter opened on line 1 is never closed by a line `+++`");
        };
        let (front, body) = (&lines[1..close + 1], &lines[close + 2..]);
        let mut scenario = self.front_matter(front, close + 2)?;
        if scenario.kind == ScenarioKind::Drill {
            self.drill_body(body, &mut scenario)?;
            return Ok(scenario);
        }
        self.body(body, &mut scenario)?;
        if scenario.sections.is_empty() {
            return self.err(
                close + 2,
                "the checklist has no sections: add at least one `## Section title {#section-id}`",
            );
        }
        Ok(scenario)
    }

    // ---- front matter -------------------------------------------------------------------

    fn front_matter(&self, lines: &[(usize, &str)], end_line: usize) -> Result<Scenario, ParseError> {
        let mut top: Vec<Entry> = Vec::new();
        // `[[references]]` and `[[placeholders]]` tables, in order: (kind, line, entries).
        let mut tables: Vec<(&str, usize, Vec<Entry>)> = Vec::new();
        for &(n, raw) in lines {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                match line {
                    "[[references]]" => tables.push(("references", n, Vec::new())),
                    "[[placeholders]]" => tables.push(("placeholders", n, Vec::new())),
                    _ => {
                        return self.err(
                            n,
                            format!(
                                "unknown table `{line}`: expected `[[references]]` or `[[placeholders]]`"
                            ),
                        )
                    }
                }
                continue;
            }
            let entry = self.entry(n, line)?;
            let target = match tables.last_mut() {
                Some((_, _, entries)) => entries,
                None => &mut top,
            };
            if target.iter().any(|e| e.key == entry.key) {
                return self.err(n, format!("`{}` is given twice", entry.key));
            }
            target.push(entry);
        }

        let mut fields = Fields { parser: self, entries: top, end_line };
        let (id, id_line) = fields.string("id")?;
        self.check_id(id_line, &id, "scenario")?;
        let mut scenario = Scenario {
            title: fields.string("title")?.0,
            summary: fields.string("summary")?.0,
            when: fields.optional_string("when")?,
            version: fields.version()?,
            translation: fields.translation()?,
            tags: fields.list("tags")?,
            keywords: fields.list("keywords")?,
            label: fields.label("label")?,
            related: fields.list("related")?,
            references: Vec::new(),
            placeholders: Vec::new(),
            sections: Vec::new(),
            templates: Vec::new(),
            kind: match fields.optional_string("kind")?.as_str() {
                "" | "checklist" => ScenarioKind::Checklist,
                "stress-test" => ScenarioKind::StressTest,
                "drill" => ScenarioKind::Drill,
                other => {
                    return self.err(
                        fields.end_line,
                        format!("unknown checklist kind `{other}`: expected checklist, stress-test or drill"),
                    )
                }
            },
            drill: None,
            id,
        };
        let mut known =
            vec!["id", "title", "summary", "when", "version", "tags", "keywords", "label", "related", "kind"];
        known.extend(["lang", "source-sha256"]);
        if scenario.kind == ScenarioKind::Drill {
            scenario.drill = Some(self.drill_front(&mut fields)?);
            known.extend(["scenario", "minutes", "quick-minutes"]);
        }
        fields.no_unknown(&known)?;

        for (kind, n, entries) in tables {
            let mut fields = Fields { parser: self, entries, end_line: n };
            if kind == "references" {
                let (title, _) = fields.string("title")?;
                let (url, url_line) = fields.string("url")?;
                self.check_link(url_line, &url)?;
                fields.no_unknown(&["title", "url"])?;
                scenario.references.push(Reference { title, url });
            } else {
                let (name, name_line) = fields.string("name")?;
                if placeholder_names(&format!("{{{name}}}")).next() != Some(name.as_str()) {
                    return self.err(
                        name_line,
                        format!("the placeholder name `{name}` must be letters, digits, `-` or `_`"),
                    );
                }
                if scenario.placeholders.iter().any(|p| p.name == name) {
                    return self.err(name_line, format!("the placeholder `{name}` is declared twice"));
                }
                let description = fields.string("description")?.0;
                let example = fields.optional_string("example")?;
                fields.no_unknown(&["name", "description", "example"])?;
                scenario.placeholders.push(Placeholder { name, description, example });
            }
        }
        Ok(scenario)
    }

    fn entry(&self, n: usize, line: &str) -> Result<Entry, ParseError> {
        let Some((key, value)) = line.split_once('=') else {
            return self.err(n, format!("expected `key = value`, found `{line}`"));
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return self.err(n, format!("`{key}` is not a valid key"));
        }
        let value = self.value(n, key, value.trim())?;
        Ok(Entry { line: n, key: key.to_owned(), value })
    }

    fn value(&self, n: usize, key: &str, text: &str) -> Result<Value, ParseError> {
        if text.starts_with('"') {
            let (s, rest) = self.string_literal(n, text)?;
            self.nothing_after(n, key, rest)?;
            return Ok(Value::Str(s));
        }
        if let Some(mut rest) = text.strip_prefix('[') {
            let mut items = Vec::new();
            loop {
                rest = rest.trim_start();
                if let Some(after) = rest.strip_prefix(']') {
                    self.nothing_after(n, key, after)?;
                    return Ok(Value::List(items));
                }
                if !rest.starts_with('"') {
                    return self.err(
                        n,
                        format!("`{key}` must be a list of quoted strings on one line, like [\"a\", \"b\"]"),
                    );
                }
                let (s, after) = self.string_literal(n, rest)?;
                items.push(s);
                rest = after.trim_start();
                if let Some(after) = rest.strip_prefix(',') {
                    rest = after;
                } else if !rest.starts_with(']') {
                    return self.err(n, format!("`{key}`: expected `,` or `]` after a list item"));
                }
            }
        }
        if let Ok(i) = text.parse::<i64>() {
            return Ok(Value::Int(i));
        }
        self.err(
            n,
            format!("`{key}` has a value that is not a quoted string, a whole number or a list: `{text}`"),
        )
    }

    fn nothing_after(&self, n: usize, key: &str, rest: &str) -> Result<(), ParseError> {
        let rest = rest.trim();
        if rest.is_empty() || rest.starts_with('#') {
            Ok(())
        } else {
            self.err(n, format!("unexpected text after the value of `{key}`: `{rest}`"))
        }
    }

    /// Reads a basic TOML string starting at the opening quote; returns it and the rest.
    fn string_literal<'t>(&self, n: usize, text: &'t str) -> Result<(String, &'t str), ParseError> {
        let mut out = String::new();
        let mut chars = text.char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Ok((out, &text[i + 1..])),
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('"') => out.push('"'),
                    Some('\\') => out.push('\\'),
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    other => {
                        let shown = other.map(String::from).unwrap_or_default();
                        return self.err(n, format!("unknown escape `\\{shown}` in a string"));
                    }
                },
                _ => out.push(c),
            }
        }
        self.err(n, "a string is not closed: add the final `\"` on the same line")
    }

    // ---- body ---------------------------------------------------------------------------

    fn body(&self, lines: &[(usize, &str)], scenario: &mut Scenario) -> Result<(), ParseError> {
        let mut sections: Vec<(usize, Section)> = Vec::new();
        let mut ids: Map<()> = Map::new();
        let mut in_templates: Option<usize> = None;
        let mut i = 0;
        while i < lines.len() {
            let (n, line) = lines[i];
            i += 1;
            if let Some(rest) = line.strip_prefix("## ") {
                let h = self.heading(n, rest, "section")?;
                if in_templates.is_some() {
                    return self.err(n, "the message templates section (`{#templates}`) must come last");
                }
                if sections.iter().any(|(_, s)| s.id == h.id) {
                    return self.err(n, format!("the section id `{}` is used twice", h.id));
                }
                self.close_section(sections.last())?;
                if h.id == TEMPLATES {
                    in_templates = Some(n);
                    continue;
                }
                let section = Section {
                    id: h.id.to_owned(),
                    title: h.text.to_owned(),
                    intro: String::new(),
                    items: Vec::new(),
                };
                sections.push((n, section));
            } else if let Some(rest) = line.strip_prefix("### ") {
                let what = if in_templates.is_some() { "template" } else { "step" };
                let h = self.heading(n, rest, what)?;
                if ids.insert(h.id.to_owned(), ()).is_some() {
                    return self.err(n, format!("the id `{}` is used twice", h.id));
                }
                let (props, next) = self.properties(lines, i);
                if in_templates.is_some() {
                    let (template, next) = self.template(lines, next, n, h, props, &scenario.placeholders)?;
                    scenario.templates.push(template);
                    i = next;
                } else {
                    let Some((_, section)) = sections.last_mut() else {
                        return self.err(n, "a step (`###`) comes before any section (`##`)");
                    };
                    let item = if scenario.kind == ScenarioKind::StressTest {
                        self.question(h, props, scenario.label)?
                    } else {
                        self.item(n, h, props)?
                    };
                    let (detail, next) = prose(lines, next);
                    section.items.push(Item { detail, ..item });
                    i = next;
                }
            } else if is_heading(line) {
                return self.err(
                    n,
                    "only `##` (section) and `###` (step) headings are allowed after the front matter",
                );
            } else if line.trim().is_empty() {
                continue;
            } else if in_templates.is_some() {
                return self.err(
                    n,
                    "text in the templates section belongs to a template: put it under a `###` heading",
                );
            } else {
                let Some((_, section)) = sections.last_mut() else {
                    return self.err(
                        n,
                        "text before the first section: start the body with `## Section title {#section-id}`",
                    );
                };
                if !section.items.is_empty() {
                    return self.err(
                        n,
                        "text between steps belongs to a step: put it right under the step's heading",
                    );
                }
                let (intro, next) = prose(lines, i - 1);
                section.intro = intro;
                i = next;
            }
        }
        self.close_section(sections.last())?;
        if let (Some(n), true) = (in_templates, scenario.templates.is_empty()) {
            return self.err(
                n,
                "the templates section has no templates: add at least one `### Template {#template-id}`",
            );
        }
        scenario.sections = sections.into_iter().map(|(_, s)| s).collect();
        Ok(())
    }

    fn close_section(&self, last: Option<&(usize, Section)>) -> Result<(), ParseError> {
        match last {
            Some((n, s)) if s.items.is_empty() => self.err(
                *n,
                format!("the section `{}` has no steps: add at least one `### Step {{#step-id}}`", s.title),
            ),
            _ => Ok(()),
        }
    }

    /// Reads the `- key: value` lines right under a heading (blank lines before them are skipped).
    fn properties<'t>(&self, lines: &[(usize, &'t str)], start: usize) -> (Vec<Prop<'t>>, usize) {
        let mut i = start;
        while i < lines.len() && lines[i].1.trim().is_empty() {
            i += 1;
        }
        let mut props = Vec::new();
        while let Some(&(line, text)) = lines.get(i) {
            let Some((key, value)) = text.strip_prefix("- ").and_then(|p| p.split_once(':')) else { break };
            if key.trim().contains(' ') {
                break;
            }
            props.push(Prop { line, key: key.trim(), value: value.trim() });
            i += 1;
        }
        (props, i)
    }

    fn audience(&self, p: &Prop) -> Result<Vec<Audience>, ParseError> {
        let mut list = Vec::new();
        for word in p.value.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let a: Audience = word.parse().or_else(|m| self.err(p.line, m))?;
            if !list.contains(&a) {
                list.push(a);
            }
        }
        Ok(list)
    }

    fn label(&self, p: &Prop) -> Result<Tlp, ParseError> {
        p.value.parse().or_else(|e: TlpError| self.err(p.line, e.message))
    }

    /// Builds an item (without its detail) from its heading on line `n` and its properties.
    fn item(&self, n: usize, h: Heading, props: Vec<Prop>) -> Result<Item, ParseError> {
        let mut item = Item {
            id: h.id.to_owned(),
            text: h.text.to_owned(),
            detail: String::new(),
            audience: Vec::new(),
            label: Tlp::Red,
            why: String::new(),
            kind: ItemKind::Communication,
            applies_to: Vec::new(),
        };
        let mut label = None;
        for p in &props {
            match p.key {
                "audience" => item.audience = self.audience(p)?,
                "label" => label = Some(self.label(p)?),
                "why" => item.why = p.value.to_owned(),
                "kind" => {
                    item.kind = match p.value {
                        "communication" => ItemKind::Communication,
                        "response" => ItemKind::Response,
                        other => {
                            return self.err(
                                p.line,
                                format!("unknown kind `{other}`: expected communication or response"),
                            )
                        }
                    }
                }
                other => {
                    return self.err(
                        p.line,
                        format!("unknown step property `{other}`: expected audience, label, why or kind"),
                    )
                }
            }
        }
        if item.audience.is_empty() {
            return self.err(
                n,
                format!("the step `{}` has no audience: add a line `- audience: ...` under it", h.text),
            );
        }
        let Some(label) = label else {
            return self.err(
                n,
                format!("the step `{}` has no label: add a line `- label: TLP:...` under it", h.text),
            );
        };
        Ok(Item { label, ..item })
    }

    /// Builds a stress-test question (without its detail): no audience or label of its own,
    /// optionally limited to some governance shapes.
    fn question(&self, h: Heading, props: Vec<Prop>, label: Tlp) -> Result<Item, ParseError> {
        let mut item = Item {
            id: h.id.to_owned(),
            text: h.text.to_owned(),
            detail: String::new(),
            audience: Vec::new(),
            label,
            why: String::new(),
            kind: ItemKind::Question,
            applies_to: Vec::new(),
        };
        for p in &props {
            match p.key {
                "why" => item.why = p.value.to_owned(),
                "applies-to" => {
                    for word in p.value.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                        let shape: Shape = word.parse().or_else(|m| self.err(p.line, m))?;
                        if !item.applies_to.contains(&shape) {
                            item.applies_to.push(shape);
                        }
                    }
                }
                other => {
                    return self.err(
                        p.line,
                        format!("unknown question property `{other}`: expected applies-to or why (questions have no audience or label of their own)"),
                    )
                }
            }
        }
        Ok(item)
    }

    /// Builds a template from its heading on line `n`, its properties and the fenced block after them.
    fn template(
        &self,
        lines: &[(usize, &str)],
        start: usize,
        n: usize,
        h: Heading,
        props: Vec<Prop>,
        placeholders: &[Placeholder],
    ) -> Result<(Template, usize), ParseError> {
        let mut t = Template {
            id: h.id.to_owned(),
            title: h.text.to_owned(),
            label: Tlp::Red,
            audience: Vec::new(),
            channel: String::new(),
            subject: String::new(),
            sharing: String::new(),
            body: String::new(),
        };
        let mut label = None;
        for p in &props {
            match p.key {
                "label" => label = Some(self.label(p)?),
                "audience" => t.audience = self.audience(p)?,
                "channel" => t.channel = p.value.to_owned(),
                "subject" => {
                    self.check_placeholders(p.line, p.value, placeholders)?;
                    t.subject = p.value.to_owned();
                }
                "sharing" => {
                    self.check_placeholders(p.line, p.value, placeholders)?;
                    t.sharing = p.value.to_owned();
                }
                other => {
                    return self.err(
                        p.line,
                        format!(
                        "unknown template property `{other}`: expected label, audience, channel, subject or sharing"
                    ),
                    )
                }
            }
        }
        let Some(label) = label else {
            return self.err(
                n,
                format!("the template `{}` has no label: add a line `- label: TLP:...` under it", h.text),
            );
        };
        if t.audience.is_empty() {
            return self.err(
                n,
                format!("the template `{}` has no audience: add a line `- audience: ...` under it", h.text),
            );
        }
        let mut i = start;
        while i < lines.len() && lines[i].1.trim().is_empty() {
            i += 1;
        }
        let Some(&(fence_line, fence)) = lines.get(i).filter(|(_, l)| l.trim_start().starts_with("```"))
        else {
            let line = lines.get(i).map_or(n, |(l, _)| *l);
            return self.err(
                line,
                format!("the template `{}` needs its text in a fenced block (```text ... ```)", h.text),
            );
        };
        let fence = fence.trim_start();
        let ticks = &fence[..fence.len() - fence.trim_start_matches('`').len()];
        let mut body: Vec<&str> = Vec::new();
        i += 1;
        loop {
            let Some(&(line, text)) = lines.get(i) else {
                return self.err(fence_line, "this fenced block is never closed");
            };
            i += 1;
            if text.trim() == ticks {
                break;
            }
            self.check_placeholders(line, text, placeholders)?;
            body.push(text);
        }
        if body.iter().all(|l| l.trim().is_empty()) {
            return self.err(fence_line, format!("the template `{}` has an empty text", h.text));
        }
        Ok((Template { label, body: message_text(&body), ..t }, i))
    }

    /// Fails on the first `{name}` in `text` that the front matter does not declare.
    fn check_placeholders(
        &self,
        line: usize,
        text: &str,
        placeholders: &[Placeholder],
    ) -> Result<(), ParseError> {
        for name in placeholder_names(text) {
            if !placeholders.iter().any(|p| p.name == name) {
                return self.err(
                    line,
                    format!("the placeholder `{{{name}}}` is not declared: add it under `[[placeholders]]` in the front matter"),
                );
            }
        }
        Ok(())
    }

    fn heading<'t>(&self, n: usize, rest: &'t str, what: &str) -> Result<Heading<'t>, ParseError> {
        let rest = rest.trim();
        let Some(open) = rest.rfind("{#").filter(|_| rest.ends_with('}')) else {
            return self.err(
                n,
                format!(
                    "the {what} `{rest}` has no id: end the heading with `{{#some-id}}` \
                     (progress is saved under it, so keep it when rewording)"
                ),
            );
        };
        let id = &rest[open + 2..rest.len() - 1];
        let text = rest[..open].trim();
        if text.is_empty() {
            return self.err(n, format!("the {what} `{id}` has no title"));
        }
        self.check_id(n, id, what)?;
        Ok(Heading { text, id })
    }

    fn check_id(&self, n: usize, id: &str, what: &str) -> Result<(), ParseError> {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !id.starts_with('-');
        if ok {
            Ok(())
        } else {
            self.err(
                n,
                format!("the {what} id `{id}` must be lower-case letters, digits and hyphens (at most 64)"),
            )
        }
    }

    fn check_link(&self, n: usize, url: &str) -> Result<(), ParseError> {
        let ok = (url.starts_with("https://") && url.len() > "https://".len())
            || (url.starts_with("mailto:") && url.len() > 7);
        if ok && !url.chars().any(char::is_whitespace) {
            Ok(())
        } else {
            self.err(n, format!("the link `{url}` must start with https:// or mailto:"))
        }
    }
}

// ---- drills ---------------------------------------------------------------------------------

/// The part of a drill file being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DrillPart {
    Roles,
    Injects,
    Debrief,
}

impl DrillPart {
    /// What a `###` heading is in this part.
    const fn what(self) -> &'static str {
        match self {
            DrillPart::Roles => "role",
            DrillPart::Injects => "inject",
            DrillPart::Debrief => "debrief question",
        }
    }
}

impl Parser<'_> {
    /// The drill's own front matter keys: the checklist it rehearses and its two lengths.
    fn drill_front(&self, fields: &mut Fields) -> Result<Drill, ParseError> {
        let (scenario, line) = fields.string("scenario")?;
        self.check_id(line, &scenario, "checklist")?;
        let (minutes, _) = fields.minutes("minutes", MAX_DRILL_MINUTES)?;
        let (quick_minutes, quick_line) = fields.minutes("quick-minutes", MAX_QUICK_MINUTES)?;
        if quick_minutes >= minutes {
            return self.err(
                quick_line,
                format!("the quick variant ({quick_minutes} minutes) must be shorter than the drill ({minutes} minutes)"),
            );
        }
        Ok(Drill {
            scenario,
            minutes,
            quick_minutes,
            roles_intro: String::new(),
            roles: Vec::new(),
            phases: Vec::new(),
            debrief_intro: String::new(),
            debrief: Vec::new(),
        })
    }

    /// Reads a drill's body: `## Roles {#roles}` first, then sections of injects, then
    /// `## Debrief {#debrief}` last.
    fn drill_body(&self, lines: &[(usize, &str)], scenario: &mut Scenario) -> Result<(), ParseError> {
        let Some(drill) = scenario.drill.as_mut() else { return Ok(()) };
        // The part being read, with its heading's line and title.
        let mut part: Option<(DrillPart, usize, &str)> = None;
        let mut section_ids: Vec<&str> = Vec::new();
        let mut ids: Map<()> = Map::new();
        // The minute of the inject before, in the full drill and in the quick variant.
        let (mut last_at, mut last_quick): (Option<u32>, Option<u32>) = (None, None);
        // The lines of the roles heading and of the first section of injects.
        let (mut roles_line, mut first_phase_line) = (1, None);
        let mut i = 0;
        while i < lines.len() {
            let (n, line) = lines[i];
            i += 1;
            if let Some(rest) = line.strip_prefix("## ") {
                let h = self.heading(n, rest, "section")?;
                if section_ids.contains(&h.id) {
                    return self.err(n, format!("the section id `{}` is used twice", h.id));
                }
                section_ids.push(h.id);
                let next = match (part.map(|p| p.0), h.id) {
                    (None, "roles") => DrillPart::Roles,
                    (None, _) => return self.err(n, "a drill starts with its roles: `## Roles {#roles}`"),
                    (Some(DrillPart::Debrief), _) => {
                        return self.err(n, "the debrief section (`{#debrief}`) must come last")
                    }
                    (_, TEMPLATES) => return self.err(
                        n,
                        "a drill has no message templates of its own: link the checklist's templates from an inject with `- templates: ...`",
                    ),
                    (Some(DrillPart::Roles), "debrief") => return self.err(
                        n,
                        "the drill has no injects: add a section of injects between the roles and the debrief",
                    ),
                    (_, "debrief") => DrillPart::Debrief,
                    _ => DrillPart::Injects,
                };
                self.close_drill_part(part, drill)?;
                if next == DrillPart::Roles {
                    roles_line = n;
                }
                if next == DrillPart::Injects {
                    first_phase_line = first_phase_line.or(Some(n));
                    drill.phases.push(Phase {
                        id: h.id.to_owned(),
                        title: h.text.to_owned(),
                        intro: String::new(),
                        injects: Vec::new(),
                    });
                }
                part = Some((next, n, h.text));
            } else if let Some(rest) = line.strip_prefix("### ") {
                let Some((current, _, _)) = part else {
                    return self.err(n, "a drill starts with its roles: `## Roles {#roles}`");
                };
                let h = self.heading(n, rest, current.what())?;
                if ids.insert(h.id.to_owned(), ()).is_some() {
                    return self.err(n, format!("the id `{}` is used twice", h.id));
                }
                match current {
                    DrillPart::Roles => {
                        let (brief, next) = prose(lines, i);
                        drill.roles.push(Role { id: h.id.to_owned(), title: h.text.to_owned(), brief });
                        i = next;
                    }
                    DrillPart::Injects => {
                        let (props, next) = self.properties(lines, i);
                        let (inject, next) = self.inject(lines, next, n, h, props, drill)?;
                        if let Some(before) = last_at.filter(|&b| inject.at <= b) {
                            return self.err(
                                n,
                                format!(
                                    "the inject `{}` comes at minute {}, not after the inject before it (minute {before}): put injects in the order they happen",
                                    inject.title, inject.at
                                ),
                            );
                        }
                        if let (Some(q), Some(before)) = (inject.quick_at, last_quick) {
                            if q <= before {
                                return self.err(
                                    n,
                                    format!(
                                        "the inject `{}` comes at minute {q} of the quick variant, not after the quick inject before it (minute {before})",
                                        inject.title
                                    ),
                                );
                            }
                        }
                        last_at = Some(inject.at);
                        last_quick = inject.quick_at.or(last_quick);
                        if let Some(phase) = drill.phases.last_mut() {
                            phase.injects.push(inject);
                        }
                        i = next;
                    }
                    DrillPart::Debrief => {
                        let (props, next) = self.properties(lines, i);
                        let mut q = DebriefQuestion {
                            id: h.id.to_owned(),
                            text: h.text.to_owned(),
                            detail: String::new(),
                            stress: Vec::new(),
                        };
                        for p in &props {
                            if p.key != "stress" {
                                return self.err(
                                    p.line,
                                    format!("unknown debrief question property `{}`: expected stress", p.key),
                                );
                            }
                            for link in p.value.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                                q.stress.push(self.stress_link(p.line, link)?);
                            }
                        }
                        let (detail, next) = prose(lines, next);
                        drill.debrief.push(DebriefQuestion { detail, ..q });
                        i = next;
                    }
                }
            } else if is_heading(line) {
                return self.err(
                    n,
                    "only `##` (section) and `###` (role, inject or question) headings are allowed in a drill",
                );
            } else if line.trim().is_empty() {
                continue;
            } else {
                let Some((current, _, _)) = part else {
                    return self
                        .err(n, "text before the first section: start the drill with `## Roles {#roles}`");
                };
                let intro = match current {
                    DrillPart::Roles => &mut drill.roles_intro,
                    DrillPart::Debrief => &mut drill.debrief_intro,
                    DrillPart::Injects => match drill.phases.last_mut() {
                        Some(phase) => &mut phase.intro,
                        None => return self.err(n, "text before the first section"),
                    },
                };
                let (text, next) = prose(lines, i - 1);
                *intro = text;
                i = next;
            }
        }
        self.close_drill_part(part, drill)?;
        let last_line = lines.last().map_or(1, |(n, _)| *n);
        match part {
            Some((DrillPart::Debrief, _, _)) => {}
            Some(_) => {
                return self.err(
                    last_line,
                    "the drill has no debrief: end it with `## Debrief {#debrief}` and at least one question",
                )
            }
            None => return self.err(last_line, "the drill is empty: start it with `## Roles {#roles}`"),
        }
        if !drill.roles.iter().any(|r| r.id == "facilitator") {
            return self.err(
                roles_line,
                "the drill has no facilitator: add `### Facilitator {#facilitator}` under `## Roles {#roles}`",
            );
        }
        if drill.quick_injects().next().is_none() {
            return self.err(
                first_phase_line.unwrap_or(last_line),
                "the drill has no quick variant: mark the injects of the short drill with `- quick-at: <minute>`",
            );
        }
        Ok(())
    }

    /// Fails when the part just read has nothing in it.
    fn close_drill_part(
        &self,
        part: Option<(DrillPart, usize, &str)>,
        drill: &Drill,
    ) -> Result<(), ParseError> {
        let Some((part, n, title)) = part else { return Ok(()) };
        let empty = match part {
            DrillPart::Roles => drill.roles.is_empty(),
            DrillPart::Injects => drill.phases.last().is_none_or(|p| p.injects.is_empty()),
            DrillPart::Debrief => drill.debrief.is_empty(),
        };
        if !empty {
            return Ok(());
        }
        let example = match part {
            DrillPart::Roles => "`### Facilitator {#facilitator}`",
            DrillPart::Injects => "`### What happens {#inject-id}` with `- at: <minute>`",
            DrillPart::Debrief => "`### Question {#question-id}`",
        };
        self.err(n, format!("the section `{title}` has no {}s: add at least one {example}", part.what()))
    }

    /// Builds an inject from its heading on line `n`, its properties and the text after them:
    /// the new fact first, then the prompts as a list.
    fn inject(
        &self,
        lines: &[(usize, &str)],
        start: usize,
        n: usize,
        h: Heading,
        props: Vec<Prop>,
        drill: &Drill,
    ) -> Result<(Inject, usize), ParseError> {
        let mut inject = Inject {
            id: h.id.to_owned(),
            title: h.text.to_owned(),
            at: 0,
            quick_at: None,
            steps: Vec::new(),
            templates: Vec::new(),
            fact: String::new(),
            prompts: Vec::new(),
        };
        let mut at = None;
        for p in &props {
            match p.key {
                "at" => at = Some(self.minute(p)?),
                "quick-at" => inject.quick_at = Some(self.minute(p)?),
                "steps" => inject.steps = self.ids(p, "step")?,
                "templates" => inject.templates = self.ids(p, "template")?,
                other => {
                    return self.err(
                        p.line,
                        format!(
                            "unknown inject property `{other}`: expected at, quick-at, steps or templates"
                        ),
                    )
                }
            }
        }
        let Some(at) = at else {
            return self.err(
                n,
                format!(
                    "the inject `{}` has no minute: add a line `- at: <minutes from the start>` under it",
                    h.text
                ),
            );
        };
        if at > drill.minutes {
            return self.err(
                n,
                format!(
                    "the inject `{}` comes at minute {at}, after the drill ends (minute {})",
                    h.text, drill.minutes
                ),
            );
        }
        if let Some(q) = inject.quick_at.filter(|&q| q > drill.quick_minutes) {
            return self.err(
                n,
                format!(
                    "the inject `{}` comes at minute {q} of the quick variant, after it ends (minute {})",
                    h.text, drill.quick_minutes
                ),
            );
        }
        let (_, end) = prose(lines, start);
        let text = &lines[start.min(end)..end];
        let first_prompt = text.iter().position(|(_, l)| l.starts_with("- ")).unwrap_or(text.len());
        let (fact, _) = prose(&text[..first_prompt], 0);
        if fact.is_empty() {
            return self.err(
                n,
                format!(
                    "the inject `{}` has no text: say what happens, then give the prompts as a list",
                    h.text
                ),
            );
        }
        for &(line, l) in &text[first_prompt..] {
            if let Some(prompt) = l.strip_prefix("- ") {
                inject.prompts.push(prompt.trim().to_owned());
            } else if l.trim().is_empty() {
                continue;
            } else if let (true, Some(last)) = (l.starts_with(' '), inject.prompts.last_mut()) {
                last.push(' ');
                last.push_str(l.trim());
            } else {
                return self.err(
                    line,
                    format!(
                        "text after the prompts of the inject `{}`: the new fact comes first, then the prompts as a list",
                        h.text
                    ),
                );
            }
        }
        if inject.prompts.is_empty() {
            return self.err(
                n,
                format!(
                    "the inject `{}` has no prompts: end it with a list of questions, each line starting with `- `",
                    h.text
                ),
            );
        }
        Ok((Inject { at, fact, ..inject }, end))
    }

    /// A minute of an inject's `at` or `quick-at`.
    fn minute(&self, p: &Prop) -> Result<u32, ParseError> {
        match p.value.parse::<u32>() {
            Ok(m) if m <= MAX_DRILL_MINUTES => Ok(m),
            _ => self.err(
                p.line,
                format!(
                    "`{}` must be a whole number of minutes from the start, like `- {}: 10`",
                    p.key, p.key
                ),
            ),
        }
    }

    /// A comma-separated list of ids.
    fn ids(&self, p: &Prop, what: &str) -> Result<Vec<String>, ParseError> {
        let mut list: Vec<String> = Vec::new();
        for id in p.value.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            self.check_id(p.line, id, what)?;
            if !list.iter().any(|x| x == id) {
                list.push(id.to_owned());
            }
        }
        Ok(list)
    }

    /// A `stress-test-id/question-id` link.
    fn stress_link(&self, line: usize, link: &str) -> Result<StressLink, ParseError> {
        let valid = |id: &str| self.check_id(line, id, "").is_ok();
        match link.split_once('/') {
            Some((test, question)) if valid(test) && valid(question) => {
                Ok(StressLink { test: test.to_owned(), question: question.to_owned() })
            }
            _ => self.err(
                line,
                format!(
                    "the stress link `{link}` must be a stress test's id and one of its question ids, like `handover-without-vetting/request-visible`"
                ),
            ),
        }
    }
}

/// The longest a drill may take, in minutes.
pub const MAX_DRILL_MINUTES: u32 = 90;

/// The longest a drill's quick variant may take, in minutes.
pub const MAX_QUICK_MINUTES: u32 = 15;
/// The name of the section that holds message templates instead of steps.
pub const TEMPLATES: &str = "templates";

/// One `- key: value` line under a heading.
struct Prop<'t> {
    line: usize,
    key: &'t str,
    value: &'t str,
}

fn is_heading(line: &str) -> bool {
    line.starts_with('#') && line.trim_start_matches('#').starts_with(' ')
}

/// Collects prose from `start` up to the next heading: paragraphs kept, separated by one
/// blank line, lines inside a paragraph kept as they are (lists stay lists).
fn prose(lines: &[(usize, &str)], start: usize) -> (String, usize) {
    let mut i = start;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    while let Some(&(_, l)) = lines.get(i) {
        if is_heading(l) {
            break;
        }
        if l.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(l.trim_end());
        }
        i += 1;
    }
    if !current.is_empty() {
        paragraphs.push(current.join("\n"));
    }
    (paragraphs.join("\n\n"), i)
}

/// The text of a message template as it will be sent. Files wrap long lines, but a message
/// must not: a single line break inside a paragraph becomes a space, and blank lines stay
/// paragraph breaks. Lines that are structure keep their own line: list items (`- `, `* `,
/// `1. `), a `Subject:` line, and TLP marking lines (`TLP:…`, `END OF TLP:…`). The line after a
/// list item continues it; the line after a subject or marking line starts a new one.
fn message_text(lines: &[&str]) -> String {
    let mut out: Vec<String> = Vec::new();
    // Whether the next line of text starts a line of its own.
    let mut new_line = true;
    for line in lines {
        let text = line.trim();
        if text.is_empty() {
            out.push(String::new());
            new_line = true;
        } else if is_list_item(text) {
            out.push(line.trim_end().to_owned());
            new_line = false;
        } else if is_marking(text) {
            out.push(line.trim_end().to_owned());
            new_line = true;
        } else if let (false, Some(last)) = (new_line, out.last_mut()) {
            last.push(' ');
            last.push_str(text);
        } else {
            out.push(line.trim_end().to_owned());
            new_line = false;
        }
    }
    out.join("\n")
}

/// Whether a line is a subject line or a TLP marking line.
fn is_marking(text: &str) -> bool {
    ["Subject:", "TLP:", "END OF TLP:"].iter().any(|start| text.starts_with(start))
}

/// Whether a line starts a list item: `- `, `* ` or a number followed by `. `.
fn is_list_item(text: &str) -> bool {
    let after_digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    text.starts_with("- ")
        || text.starts_with("* ")
        || (after_digits.len() < text.len() && after_digits.starts_with(". "))
}

/// The `{name}` placeholders used in `text`, in order. A name is letters, digits, `-` and `_`.
pub fn placeholder_names(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|part| {
        let name = part.split_once('}')?.0;
        let valid =
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        valid.then_some(name)
    })
}

/// Whether `tag` is a language tag as a translation's `lang` gives it: a primary language of two
/// or three lower-case letters, and at most one region of two upper-case letters or three digits
/// (`es`, `pt-BR`, `es-419`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let region = parts.next();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.next().is_none()
        && region.is_none_or(|r| {
            (r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()))
                || (r.len() == 3 && r.chars().all(|c| c.is_ascii_digit()))
        })
}

/// Typed access to front matter entries, with errors that name the key and the line.
struct Fields<'p, 'a> {
    parser: &'p Parser<'a>,
    entries: Vec<Entry>,
    /// Line to blame for a missing key: the end of the block.
    end_line: usize,
}

impl Fields<'_, '_> {
    fn take(&mut self, key: &str) -> Option<Entry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        Some(self.entries.remove(i))
    }

    /// A required, non-empty string, with its line.
    fn string(&mut self, key: &str) -> Result<(String, usize), ParseError> {
        match self.take(key) {
            None => self.parser.err(self.end_line, format!("`{key}` is missing")),
            Some(Entry { line, value: Value::Str(s), .. }) if s.trim().is_empty() => {
                self.parser.err(line, format!("`{key}` is empty"))
            }
            Some(Entry { line, value: Value::Str(s), .. }) => Ok((s, line)),
            Some(Entry { line, .. }) => self.parser.err(line, format!("`{key}` must be a quoted string")),
        }
    }

    fn optional_string(&mut self, key: &str) -> Result<String, ParseError> {
        match self.take(key) {
            None => Ok(String::new()),
            Some(Entry { value: Value::Str(s), .. }) => Ok(s),
            Some(Entry { line, .. }) => self.parser.err(line, format!("`{key}` must be a quoted string")),
        }
    }

    fn list(&mut self, key: &str) -> Result<Vec<String>, ParseError> {
        match self.take(key) {
            None => Ok(Vec::new()),
            Some(Entry { value: Value::List(l), .. }) => Ok(l),
            Some(Entry { line, .. }) => self
                .parser
                .err(line, format!("`{key}` must be a list of quoted strings, like [\"a\", \"b\"]")),
        }
    }

    /// `lang` and `source-sha256`: a translation gives both, an original neither.
    fn translation(&mut self) -> Result<Option<super::checklist::Translation>, ParseError> {
        let mut text = |key: &str| match self.take(key) {
            None => Ok(None),
            Some(Entry { line, value: Value::Str(s), .. }) => Ok(Some((s, line))),
            Some(Entry { line, .. }) => self.parser.err(line, format!("`{key}` must be a quoted string")),
        };
        let ((lang, lang_line), (sha, sha_line)) = match (text("lang")?, text("source-sha256")?) {
            (None, None) => return Ok(None),
            (Some(lang), Some(sha)) => (lang, sha),
            (Some((_, line)), None) => {
                let why = "a translation also records the sha256 of the original file it translates";
                return self.parser.err(line, format!("`lang` is given without `source-sha256`: {why}"));
            }
            (None, Some((_, line))) => {
                let why = "say which language the translation is in, like `lang = \"es\"`";
                return self.parser.err(line, format!("`source-sha256` is given without `lang`: {why}"));
            }
        };
        if !is_language_tag(&lang) {
            let like = "a language tag like \"es\", \"pt-BR\" or \"es-419\"";
            return self.parser.err(lang_line, format!("`lang` must be {like}, not `{lang}`"));
        }
        if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)) {
            let what = "the 64 lower-case hexadecimal digits of the original file's sha256";
            let how = "(`sha256sum` prints them)";
            return self.parser.err(sha_line, format!("`source-sha256` must be {what} {how}, not `{sha}`"));
        }
        Ok(Some(super::checklist::Translation { lang, source_sha256: sha }))
    }

    fn version(&mut self) -> Result<u32, ParseError> {
        match self.take("version") {
            None => self.parser.err(self.end_line, "`version` is missing"),
            Some(Entry { value: Value::Int(v), line, .. }) => match u32::try_from(v) {
                Ok(v) if v >= 1 => Ok(v),
                _ => self.parser.err(line, "`version` must be a whole number, 1 or more"),
            },
            Some(Entry { line, .. }) => self.parser.err(line, "`version` must be a whole number, 1 or more"),
        }
    }

    fn label(&mut self, key: &str) -> Result<Tlp, ParseError> {
        let (text, line) = self.string(key)?;
        text.parse().or_else(|e: TlpError| self.parser.err(line, e.message))
    }

    /// A required whole number of minutes from 1 to `max`, with its line.
    fn minutes(&mut self, key: &str, max: u32) -> Result<(u32, usize), ParseError> {
        match self.take(key) {
            None => self.parser.err(self.end_line, format!("`{key}` is missing")),
            Some(Entry { value: Value::Int(v), line, .. }) if (1..=i64::from(max)).contains(&v) => {
                Ok((v as u32, line))
            }
            Some(Entry { line, .. }) => {
                self.parser.err(line, format!("`{key}` must be a whole number of minutes from 1 to {max}"))
            }
        }
    }

    /// Fails on the first key nobody asked for.
    fn no_unknown(&self, known: &[&str]) -> Result<(), ParseError> {
        match self.entries.first() {
            None => Ok(()),
            Some(e) => self
                .parser
                .err(e.line, format!("unknown key `{}`: expected one of {}", e.key, known.join(", "))),
        }
    }
}

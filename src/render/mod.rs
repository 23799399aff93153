//! The static rendering of the library: the catalog, every checklist and stress test, and the
//! labels explained, as HTML text made at build time from the same model as the app, so the
//! standalone page can be read and printed with scripts off and shows its first view before the
//! module has loaded. Plain Rust with no browser or UI crate: `cargo xtask dist` calls it.
//!
//! Every view is an element whose `id` is the app's route fragment without its `#`
//! (`/s/account-compromise`, `/labels`), shown by the stylesheet when it is the `:target`; the
//! catalog shows when nothing is targeted. Links are the app's own fragments, so one address
//! works with and without scripts, and everything is in the one page (no request tells the host
//! which checklist is read). The markup and classes follow the app's components, so the app can
//! take over without a visible jump. Every text goes through [`escape`].
//!
//! The files' text itself goes beside the page as its wording ([`wording`]): a file the page
//! links (or a block inside the offline copy), which the module reads instead of carrying the
//! wording a second time. It is not inside the page's HTML, so a phone on a slow link has the
//! static view whole, readable and tickable, before the wording and the module arrive.

use crate::model::audience::titles;
use crate::model::checklist::{Item, ItemKind, Scenario, ScenarioKind, Template};
use crate::model::debrief::EXERCISE;
use crate::model::drill::Drill;
use crate::model::map::Map;
use crate::model::markdown::{blocks, inlines, Block, Inline};
use crate::model::parse::{parse_scenario, ParseError};
use crate::model::template::compose;
use crate::model::tlp::{Tlp, STANDARD_URL};

/// The text with `&`, `<`, `>`, `"` and `'` written as character references: safe in text and
/// in quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The `id` of a route's view: the app's fragment without its `#`.
pub fn view_id(fragment: &str) -> &str {
    fragment.trim_start_matches('#')
}

/// The fragment of a checklist's page, as the app writes it; its view's `id` is `/s/<id>`.
fn scenario_fragment(id: &str) -> String {
    format!("#/s/{id}")
}

/// The note shown only when scripts are off: what works and what needs them.
pub const NO_SCRIPT_NOTE: &str = "JavaScript is off, so this page shows every checklist to read and print. \
     Ticking steps, notes, records and choosing a label need JavaScript and WebAssembly; nothing you do here \
     is saved.";

/// The interface's English words (`locales/en.json`, which the app's English is built from),
/// read by key: the sentences that the app's pages and the static rendering both show, so the
/// static page says what the app says in English without a second copy.
pub mod words {
    use std::sync::OnceLock;

    use serde_json::Value;

    /// The English words under the dotted `key` (`labels.title`). The file is compiled in and a
    /// key is named in this crate, so a missing key is this crate's mistake: it panics, and the
    /// static rendering's tests, which read every key used, find it.
    pub fn english(key: &str) -> &'static str {
        static WORDS: OnceLock<Value> = OnceLock::new();
        let words = WORDS.get_or_init(|| {
            serde_json::from_str(include_str!("../../locales/en.json"))
                .expect("locales/en.json is JSON (build.rs reads it too)")
        });
        key.split('.')
            .try_fold(words, |v, k| v.get(k))
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no `{key}` in locales/en.json"))
    }

    /// [`english`] with each `{{ name }}` of `values` filled in.
    pub fn english_with(key: &str, values: &[(&str, &str)]) -> String {
        values.iter().fold(english(key).to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{{ {name} }}}}"), value)
        })
    }
}

/// The whole static rendering for `<div id="app">` of the standalone page: the app's frame (the
/// menu), the note for readers without scripts, the catalog, each file's view, and the labels
/// explained. `files` are (file name, text) in catalog order, as
/// `content::BUILT_IN` lists them.
pub fn page(files: &[(&str, &str)]) -> Result<String, ParseError> {
    let mut scenarios = Vec::new();
    for &(name, text) in files {
        scenarios.push(parse_scenario(name, text)?);
    }
    let list: Vec<&Scenario> = scenarios.iter().collect();
    let mut out = String::new();
    out.push_str("<div class=\"crisis-comms cc-theme-system cc-static\">");
    out.push_str(&menu());
    out.push_str(&format!(
        "<noscript><p class=\"cc-notice cc-static-note\">{}</p></noscript>",
        escape(NO_SCRIPT_NOTE)
    ));
    out.push_str("<main class=\"cc-main\">");
    out.push_str(&catalog(&list));
    for scenario in &scenarios {
        out.push_str(&scenario_view(scenario));
    }
    out.push_str(&labels());
    for (fragment, title) in [
        ("#/decide", "Choose a label"),
        ("#/records", "Records"),
        ("#/summary", "Governance stress test summary"),
    ] {
        out.push_str(&needs_scripts(fragment, title));
    }
    out.push_str("</main></div>");
    Ok(out)
}

/// One checklist alone, as a plain page's content (no routing): the bench's static comparison.
pub fn one_checklist(scenario: &Scenario) -> String {
    format!(
        "<div class=\"crisis-comms cc-theme-system\"><main class=\"cc-main\"><article class=\"{}\">{}</article></main></div>",
        classes(scenario),
        body(scenario)
    )
}

/// The page's wording: the built-in files, then their translations (`content::page_files`),
/// as a JSON array of `[file name, text]` pairs, in catalog order (what
/// `content::use_page_wording` reads), with every `</` written `<\/` and every `<!--` as
/// `\u003c!--`, so it can also sit in a script element ([`wording_block`]).
pub fn wording(files: &[(&str, &str)]) -> String {
    let json = serde_json::to_string(files).expect("text always serialises");
    json.replace("</", "<\\/").replace("<!--", "\\u003c!--")
}

/// The page's wording inside the page, for a copy that cannot link a file of its own (the
/// offline copy): `<script type="application/json" id="cc-wording">`.
pub fn wording_block(files: &[(&str, &str)]) -> String {
    format!("<script type=\"application/json\" id=\"cc-wording\">{}</script>", wording(files))
}

/// The app's menu, with the same links.
fn menu() -> String {
    let links: String = [
        ("#/", "Checklists"),
        ("#/decide", "Choose a label"),
        ("#/labels", "Labels explained"),
        ("#/records", "Records"),
    ]
    .iter()
    .map(|(href, words)| format!("<a href=\"{href}\">{words}</a>"))
    .collect();
    format!("<nav class=\"cc-topnav\" aria-label=\"crisis-comms\"><span class=\"cc-brand\">crisis-comms</span>{links}</nav>")
}

/// A label as the app's badge.
fn badge(label: Tlp) -> String {
    format!("<span class=\"cc-tlp cc-tlp-{}\">{}</span>", label.slug(), label.as_str())
}

/// Inline runs of prose.
fn runs(runs: &[Inline]) -> String {
    runs.iter()
        .map(|run| match run {
            Inline::Text(t) => escape(t),
            Inline::Emphasis(t) => format!("<em>{}</em>", escape(t)),
            Inline::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Inline::Code(t) => format!("<code>{}</code>", escape(t)),
            Inline::Link { text, url } => link(url, text),
        })
        .collect()
}

/// An outside link, opened as the app opens them.
fn link(url: &str, text: &str) -> String {
    format!("<a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">{}</a>", escape(url), escape(text))
}

/// Paragraphs and lists of prose.
fn prose(text: &str) -> String {
    blocks(text)
        .iter()
        .map(|block| match block {
            Block::Paragraph(r) => format!("<p>{}</p>", runs(r)),
            Block::List(entries) => {
                let items: String = entries.iter().map(|r| format!("<li>{}</li>", runs(r))).collect();
                format!("<ul class=\"cc-prose-list\">{items}</ul>")
            }
        })
        .collect()
}

/// A list of plain texts as `<li>`s.
fn list_items<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> String {
    texts.into_iter().map(|t| format!("<li>{}</li>", escape(t.as_ref()))).collect()
}

/// A view: shown when its id is the target (see the module's documentation).
fn view(fragment: &str, classes: &str, content: &str) -> String {
    format!("<div id=\"{}\" class=\"cc-view {classes}\">{content}</div>", escape(view_id(fragment)))
}

/// A printable frame: the label in a table header and footer, which browsers repeat at the top
/// and bottom of every printed page (the app's print view does the same), with EXERCISE beside
/// it for an `exercise` (a drill).
fn print_frame(label: Tlp, exercise: bool, content: &str) -> String {
    let exercise =
        if exercise { format!("<strong class=\"cc-exercise\">{EXERCISE}</strong> ") } else { String::new() };
    let label = format!("<p class=\"cc-print-label\">{exercise}{}</p>", badge(label));
    format!(
        "<table class=\"cc-print-doc cc-static-doc\"><thead><tr><td>{label}</td></tr></thead>\
         <tfoot><tr><td>{label}</td></tr></tfoot><tbody><tr><td>{content}</td></tr></tbody></table>"
    )
}

/// A box to tick before printing, shown only without scripts: a printout then holds the views
/// ticked, and only them. Firefox (so Tor Browser) prints a copy of the page that has lost
/// which view the address names, and would print the catalog; a ticked box stays ticked in
/// that copy. The box and its words are not printed.
fn print_choice(id: &str, what: &str) -> String {
    let box_id = escape(&format!("cc-static-print-{id}"));
    format!(
        "<p class=\"cc-print-choice\"><input type=\"checkbox\" class=\"cc-print-pick\" id=\"{box_id}\"> \
         <label for=\"{box_id}\">Print this {what}: tick this box, then use your browser's Print. Firefox and Tor \
         Browser need it with JavaScript off.</label></p>"
    )
}

/// The catalog, grouped as the app's: checklists, then the governance stress tests.
pub fn catalog(scenarios: &[&Scenario]) -> String {
    let card = |s: &&Scenario| {
        let total = s.items().count();
        let count = match &s.drill {
            Some(d) => d.length_text(),
            None if s.kind == ScenarioKind::StressTest => format!("{total} questions"),
            None => format!("{total} steps"),
        };
        format!(
            "<li class=\"cc-scenario-card\"><h2><a href=\"{}\">{}</a></h2><p>{}</p>\
             <p class=\"cc-meta\">Record label: {} · {count}</p></li>",
            escape(&scenario_fragment(&s.id)),
            escape(&s.title),
            escape(&s.summary),
            badge(s.label)
        )
    };
    let of =
        |kind: ScenarioKind| -> String { scenarios.iter().filter(|s| s.kind == kind).map(card).collect() };
    let checklist_cards = of(ScenarioKind::Checklist);
    let test_cards = of(ScenarioKind::StressTest);
    let drill_cards = of(ScenarioKind::Drill);
    let noun = if scenarios.len() == 1 { "checklist" } else { "checklists" };
    let mut groups = String::new();
    if !test_cards.is_empty() {
        groups.push_str(&format!(
            "<div><h2 class=\"cc-group-title\">Governance stress tests</h2>\
             <p>{} <a href=\"#/summary\">See the summary</a>.</p><ul class=\"cc-scenarios\">{test_cards}</ul></div>",
            escape(words::english("catalog.stress_tests_intro"))
        ));
    }
    if !drill_cards.is_empty() {
        groups.push_str(&format!(
            "<div><h2 class=\"cc-group-title\">Tabletop drills</h2><p>{}</p>\
             <ul class=\"cc-scenarios\">{drill_cards}</ul></div>",
            escape(words::english("catalog.drills_intro"))
        ));
    }
    let content = format!(
        "<h1>Crisis communication checklists</h1><p class=\"cc-lead\">{}</p>\
         <p class=\"cc-count\">{} {noun}</p>\
         <ul class=\"cc-scenarios\">{checklist_cards}</ul>{groups}",
        escape(words::english("catalog.lead")),
        scenarios.len()
    );
    view("#/", "cc-view-catalog cc-page cc-catalog", &print_frame(Tlp::Clear, false, &content))
}

/// The classes of a page of the app, by the kind of file it shows.
fn classes(scenario: &Scenario) -> &'static str {
    if scenario.kind == ScenarioKind::StressTest {
        "cc-page cc-stress"
    } else if scenario.kind == ScenarioKind::Drill {
        "cc-page cc-drill"
    } else {
        "cc-page cc-scenario"
    }
}

/// A checklist's, a stress test's or a drill's view, by its kind.
pub fn scenario_view(scenario: &Scenario) -> String {
    let id = escape(&scenario.id);
    let what = match scenario.kind {
        ScenarioKind::Checklist => "checklist",
        ScenarioKind::StressTest => "stress test",
        ScenarioKind::Drill => "drill",
    };
    format!(
        "<article id=\"/s/{id}\" class=\"cc-view {}\" data-scenario=\"{id}\">{}{}</article>",
        classes(scenario),
        print_choice(&scenario.id, what),
        print_frame(scenario.label, scenario.kind == ScenarioKind::Drill, &body(scenario))
    )
}

/// The inside of a checklist's, a stress test's or a drill's page.
fn body(scenario: &Scenario) -> String {
    match &scenario.drill {
        Some(drill) => drill_body(scenario, drill),
        None if scenario.kind == ScenarioKind::StressTest => stress_body(scenario),
        None => checklist_body(scenario),
    }
}

fn crumbs() -> &'static str {
    "<nav class=\"cc-crumbs\"><a href=\"#/\">← All checklists</a></nav>"
}

fn checklist_body(s: &Scenario) -> String {
    let mut out = String::from(crumbs());
    out.push_str(&format!(
        "<header class=\"cc-scenario-head\"><h1>{}</h1><p class=\"cc-lead\">{}</p>{}",
        escape(&s.title),
        escape(&s.summary),
        prose(&s.when)
    ));
    if s.items().any(|i| i.kind == ItemKind::Response) {
        out.push_str(&format!(
            "<p class=\"cc-help\">{}</p>",
            escape(words::english("scenario.response_step_help"))
        ));
    }
    out.push_str(&format!(
        "<p class=\"cc-meta cc-record-label\">Label for this record: {}</p></header>",
        badge(s.label)
    ));
    for section in &s.sections {
        let items: String = section.items.iter().map(|i| step(s, i)).collect();
        out.push_str(&format!(
            "<section class=\"cc-section\"><h2>{}</h2>{}<ul class=\"cc-items\">{items}</ul></section>",
            escape(&section.title),
            prose(&section.intro)
        ));
    }
    if !s.templates.is_empty() {
        let cards: String = s.templates.iter().map(template).collect();
        out.push_str(&format!(
            "<section class=\"cc-templates\"><h2>Message templates</h2>\
             <p>Each message opens with its label and what the person who receives it may do with it; the label is \
             also in the subject and where the text ends. The parts in braces, such as <code>{{project}}</code>, are \
             yours to fill in.</p>{cards}</section>"
        ));
    }
    out.push_str(&references(s));
    out
}

/// One step: its checkbox (carrying the step's id, for the app to adopt a tick made before it
/// loaded), its words, audience and label, the reason and the longer explanation.
fn step(s: &Scenario, item: &Item) -> String {
    let box_id = escape(&format!("cc-static-{}-{}", s.id, item.id));
    let item_id = escape(&item.id);
    let response = item.kind == ItemKind::Response;
    let mut out = format!(
        "<li class=\"cc-item{}\" data-item=\"{item_id}\"><div class=\"cc-item-main\">\
         <input type=\"checkbox\" class=\"cc-static-tick\" id=\"{box_id}\" data-item=\"{item_id}\">\
         <label for=\"{box_id}\">{}</label></div><p class=\"cc-meta\">{}<span class=\"cc-audience\">For: {}</span> · {}</p>",
        if response { " cc-response" } else { "" },
        escape(&item.text),
        if response { "<span class=\"cc-kind\">Response step</span> · " } else { "" },
        escape(&titles(&item.audience)),
        badge(item.label)
    );
    if !item.why.is_empty() {
        out.push_str(&format!("<p class=\"cc-why\"><strong>Why: </strong>{}</p>", runs(&inlines(&item.why))));
    }
    if !item.detail.is_empty() {
        out.push_str(&format!(
            "<details class=\"cc-detail\"><summary>More about this step</summary>{}</details>",
            prose(&item.detail)
        ));
    }
    out.push_str("</li>");
    out
}

/// A message template as the app shows it unfilled: its label lines in place, the placeholders
/// in braces.
fn template(t: &Template) -> String {
    let channel =
        if t.channel.is_empty() { String::new() } else { format!(" · Where: {}", escape(&t.channel)) };
    format!(
        "<article class=\"cc-template\" data-template=\"{}\"><h3>{}</h3>\
         <p class=\"cc-meta\">For: {}{channel} · {}</p><pre class=\"cc-message\" tabindex=\"0\">{}</pre></article>",
        escape(&t.id),
        escape(&t.title),
        escape(&titles(&t.audience)),
        badge(t.label),
        escape(&compose(t, t.label, &Map::default()).message())
    )
}

fn references(s: &Scenario) -> String {
    if s.references.is_empty() {
        return String::new();
    }
    let items: String = s.references.iter().map(|r| format!("<li>{}</li>", link(&r.url, &r.title))).collect();
    format!("<section class=\"cc-references\"><h2>Sources and further reading</h2><ul>{items}</ul></section>")
}

fn stress_body(t: &Scenario) -> String {
    let mut out = String::from(crumbs());
    out.push_str(&format!(
        "<h1>{}</h1><p class=\"cc-lead\">{}</p>{}<p class=\"cc-meta\">Label for this assessment: {}</p>\
         <p>For each question, ask: would our process as it is today <strong>notice</strong> this abuse, or \
         <strong>slow it down</strong>? This is about noticing, not about what to do.</p>",
        escape(&t.title),
        escape(&t.summary),
        prose(&t.when),
        badge(t.label)
    ));
    for section in &t.sections {
        let questions: String = section.items.iter().map(question).collect();
        out.push_str(&format!(
            "<section class=\"cc-section\"><h2>{}</h2>{}<ol class=\"cc-items cc-questions\">{questions}</ol></section>",
            escape(&section.title),
            prose(&section.intro)
        ));
    }
    out.push_str(&references(t));
    out
}

/// A drill's page: what the app's drill page shows (its roles), and, folded away so that
/// participants are not told ahead, the injects and the debrief's questions, to run it on paper.
fn drill_body(s: &Scenario, drill: &Drill) -> String {
    let mut out = String::from(crumbs());
    out.push_str(&format!(
        "<p class=\"cc-exercise-banner\" role=\"note\"><strong class=\"cc-exercise\">{EXERCISE}</strong> {} \
         This is a drill, not a real incident.</p><h1>{}</h1><p class=\"cc-lead\">{}</p>\
         <p class=\"cc-meta\">A tabletop drill of the checklist <a href=\"{}\">{}</a>: {}. A run is kept as an \
         exercise record, labelled {}.</p>",
        badge(s.label),
        escape(&s.title),
        escape(&s.summary),
        escape(&scenario_fragment(&drill.scenario)),
        escape(&drill.scenario),
        drill.length_text(),
        badge(s.label)
    ));
    let roles: String = drill
        .roles
        .iter()
        .map(|r| {
            format!(
                "<section class=\"cc-drill-role\"><h3>{}</h3>{}</section>",
                escape(&r.title),
                prose(&r.brief)
            )
        })
        .collect();
    out.push_str(&format!(
        "<section class=\"cc-drill-roles\"><h2>Roles</h2>{}{roles}</section>",
        prose(&drill.roles_intro)
    ));
    let injects: String = drill
        .injects()
        .map(|i| {
            let quick = i.quick_at.map(|q| format!(" (quick variant: minute {q})")).unwrap_or_default();
            format!(
                "<li class=\"cc-inject\"><h4>Minute {}{quick}: {}</h4>{}<ul>{}</ul></li>",
                i.at,
                escape(&i.title),
                prose(&i.fact),
                list_items(&i.prompts)
            )
        })
        .collect();
    let debrief: String =
        drill.debrief.iter().map(|q| format!("<li>{}{}</li>", escape(&q.text), prose(&q.detail))).collect();
    out.push_str(&format!(
        "<details class=\"cc-drill-facilitator\"><summary>For the facilitator: what happens, minute by minute, and \
         the debrief</summary><ol class=\"cc-injects\">{injects}</ol><h3>Debrief</h3>{}<ol>{debrief}</ol></details>\
         <p class=\"cc-help\">Running a drill with its clock, the participants' view and the debrief needs JavaScript \
         and WebAssembly.</p>",
        prose(&drill.debrief_intro)
    ));
    out.push_str(&references(s));
    out
}

/// One stress-test question: its words, why it matters, more about it, and the governance
/// shapes it applies to.
fn question(q: &Item) -> String {
    let mut out = format!(
        "<li class=\"cc-item cc-question-item\" data-item=\"{}\"><div class=\"cc-answers\">\
         <p class=\"cc-question-text\">{}</p>",
        escape(&q.id),
        escape(&q.text)
    );
    if !q.why.is_empty() {
        out.push_str(&format!("<p class=\"cc-why\"><strong>Why it matters: </strong>{}</p>", escape(&q.why)));
    }
    out.push_str(&prose(&q.detail));
    if !q.applies_to.is_empty() {
        let shapes: Vec<&str> = q.applies_to.iter().map(|s| s.title()).collect();
        out.push_str(&format!(
            "<p class=\"cc-help cc-applies-to\">Applies to: {}.</p>",
            escape(&shapes.join("; "))
        ));
    }
    out.push_str("</div></li>");
    out
}

/// The rules of TLP in plain words, each label sent to one person, and where a label goes: the
/// keys of the labels page's lists.
const RULES: [&str; 5] =
    ["labels.rule_1", "labels.rule_2", "labels.rule_3", "labels.rule_4", "labels.rule_5"];
const ONE_PERSON: [&str; 5] = [
    "labels.one_person_1",
    "labels.one_person_2",
    "labels.one_person_3",
    "labels.one_person_4",
    "labels.one_person_5",
];
const MARKING: [&str; 5] = [
    "labels.marking_subject",
    "labels.marking_before",
    "labels.marking_end",
    "labels.marking_document",
    "labels.marking_spoken",
];

/// The key of a label's own words under `labels`: `labels.<what>_<label>`
/// (`labels.audience_amber_strict`).
fn per_label(what: &str, label: Tlp) -> String {
    format!("labels.{what}_{}", label.slug().replace('-', "_"))
}

/// What a recipient may do with information that carries `label`, as the app's labels page says
/// it in English.
fn received(label: Tlp) -> Vec<String> {
    let shown = label.as_str();
    let mut out = vec![words::english(&per_label("recipient", label)).to_owned()];
    if label != Tlp::Clear {
        out.push(words::english_with("labels.received_ask", &[("label", shown)]));
        out.push(words::english_with("labels.received_keep", &[("label", shown)]));
    }
    out.push(words::english("labels.received_agreement").to_owned());
    out
}

/// The labels explained, in the app's English words (`labels` in `locales/en.json`), with what
/// a recipient may do under each label (the app asks which label; here each is listed).
pub fn labels() -> String {
    use words::english;
    let rows: String = Tlp::ALL
        .iter()
        .map(|t| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                badge(*t),
                escape(english(&per_label("audience", *t))),
                escape(english(&per_label("project", *t)))
            )
        })
        .collect();
    let columns: String = ["labels.column_label", "labels.column_who", "labels.column_project"]
        .iter()
        .map(|c| format!("<th scope=\"col\">{}</th>", escape(english(c))))
        .collect();
    let received_lists: String = Tlp::ALL
        .iter()
        .map(|t| {
            format!(
                "<h3>{}</h3><ul class=\"cc-received-guidance\">{}</ul>",
                badge(*t),
                list_items(received(*t))
            )
        })
        .collect();
    let marking = MARKING.map(|key| words::english_with(key, &[("label", Tlp::Amber.as_str())]));
    // A region that scrolls takes focus, so a keyboard can scroll it (as in the app).
    let caption = escape(english("labels.caption"));
    let content = format!(
        "<h1>{}</h1><p class=\"cc-lead\">{} {}</p><p>{} <a href=\"#/decide\">{}</a>.</p>\
         <div class=\"cc-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{caption}\"><table class=\"cc-table\"><caption>{caption}</caption><thead><tr>{columns}</tr></thead>\
         <tbody>{rows}</tbody></table></div>\
         <h2>{}</h2><ul>{}</ul><h2>{}</h2><p>{}</p><ul class=\"cc-one-person\">{}</ul>\
         <h2>{}</h2><ul>{}</ul><p class=\"cc-help\">{}</p><h2>{}</h2>{received_lists}",
        escape(english("labels.title")),
        escape(english("labels.lead")),
        link(STANDARD_URL, english("labels.standard")),
        escape(english("labels.not_sure")),
        escape(english("labels.not_sure_link")),
        escape(english("labels.rules_title")),
        list_items(RULES.map(english)),
        escape(english("labels.one_person_title")),
        escape(english("labels.one_person_intro")),
        list_items(ONE_PERSON.map(english)),
        escape(english("labels.marking_title")),
        list_items(marking),
        escape(english("labels.marking_help")),
        escape(english("labels.received_title")),
    );
    let content = format!("{}{}", print_choice("labels", "page"), print_frame(Tlp::Clear, false, &content));
    view("#/labels", "cc-page cc-labels", &content)
}

/// A page that needs scripts, saying so.
fn needs_scripts(fragment: &str, title: &str) -> String {
    let content = format!(
        "<h1>{}</h1><p>This page needs JavaScript and WebAssembly. <a href=\"#/\">See the checklists</a>, \
         which can be read and printed without them.</p>",
        escape(title)
    );
    view(fragment, "cc-page", &content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::BUILT_IN;

    /// A checklist whose every text holds markup, to check that each is escaped.
    const HOSTILE: &str = r#"+++
id = "hostile"
title = "<b>title</b> \"><i>"
summary = "<b>summary</b> '><i>"
when = "<b>when</b> & more"
version = 1
label = "TLP:AMBER"

[[references]]
title = "<b>reference</b>"
url = "https://example.org/?a=1&b=\"><i>"

[[placeholders]]
name = "project"
description = "<b>placeholder</b>"
example = "x"
+++

## <b>section</b> {#first}

<b>intro</b> with *<b>emphasis</b>*

### <b>step</b> "quoted" {#reach}
- audience: responders
- label: TLP:RED
- why: <b>why</b>

<b>detail</b> and [<b>link</b>](https://example.org/"><i>)

## Message templates {#templates}

### <b>template</b> {#note}
- label: TLP:GREEN
- audience: maintainers
- channel: <b>channel</b>
- subject: <b>subject</b> {project}

```text
<b>body</b> for {project} </script>
```
"#;

    #[test]
    fn escape_writes_every_markup_character_as_a_reference() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
        assert_eq!(escape("plain — text"), "plain — text");
    }

    #[test]
    fn every_text_of_a_checklist_is_escaped() {
        let s = parse_scenario("hostile.md", HOSTILE).expect("the fixture parses");
        let html = scenario_view(&s);
        // Each field of the fixture holds `<b>` or a quote meant to break out of an attribute.
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("<i>"), "{html}");
        for field in [
            "title",
            "summary",
            "when",
            "section",
            "intro",
            "emphasis",
            "step",
            "why",
            "detail",
            "link",
            "template",
            "channel",
            "subject",
            "body",
            "reference",
        ] {
            assert!(
                html.contains(&format!("&lt;b&gt;{field}&lt;/b&gt;")),
                "{field} is not shown escaped: {html}"
            );
        }
        assert!(!html.contains("</script>"), "{html}");
        assert!(html.contains("data-item=\"reach\""), "{html}");
    }

    #[test]
    fn every_built_in_file_has_its_view_its_links_and_its_wording_block() {
        let html = page(BUILT_IN).expect("every built-in file parses");
        for (name, text) in BUILT_IN {
            let s = parse_scenario(name, text).unwrap();
            assert!(html.contains(&format!("<article id=\"/s/{}\"", s.id)), "no view for {}", s.id);
            assert!(html.contains(&format!("<a href=\"#/s/{}\">", s.id)), "no catalog link to {}", s.id);
            for item in s.items() {
                assert!(
                    html.contains(&format!("data-item=\"{}\"", item.id)),
                    "{}: no step {}",
                    s.id,
                    item.id
                );
            }
        }
        assert_eq!(html.matches("class=\"cc-view ").count(), BUILT_IN.len() + 5);
        assert!(html.contains("<div id=\"/labels\""));
        assert!(html.contains("<div id=\"/\" class=\"cc-view cc-view-catalog"));
    }

    #[test]
    fn the_wording_gives_back_every_file_exactly_and_cannot_end_a_block_early() {
        let text = "x </script><!-- <script> \"quoted\" \\ and é\n";
        let files = [("a&b.md", text), ("b.md", "plain")];
        let json = wording(&files);
        assert!(!json.contains("</"), "{json}");
        assert!(!json.contains("<!--"), "{json}");
        let back: Vec<(String, String)> = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back,
            vec![("a&b.md".to_owned(), text.to_owned()), ("b.md".to_owned(), "plain".to_owned())]
        );
        let block = wording_block(&files);
        assert_eq!(block, format!("<script type=\"application/json\" id=\"cc-wording\">{json}</script>"));
        let back: Vec<(String, String)> = serde_json::from_str(&wording(BUILT_IN)).unwrap();
        let names: Vec<&str> = back.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, BUILT_IN.iter().map(|(n, _)| *n).collect::<Vec<_>>());
        for ((_, text), (name, original)) in back.iter().zip(BUILT_IN) {
            assert_eq!(text, original, "{name}");
        }
    }

    #[test]
    fn the_page_carries_no_wording_of_its_own() {
        let html = page(BUILT_IN).unwrap();
        assert!(!html.contains("<script"), "the static view holds no script element");
        assert!(!html.contains("+++"), "the static view holds no file's source");
        assert!(wording(BUILT_IN).contains("+++\\nid = \\\"account-compromise\\\""), "the wording does");
    }

    #[test]
    fn steps_show_audience_label_and_a_checkbox_with_their_id() {
        let (name, text) = BUILT_IN.iter().find(|(n, _)| *n == "account-compromise.md").unwrap();
        let s = parse_scenario(name, text).unwrap();
        let html = scenario_view(&s);
        let item = s.items().next().unwrap();
        let expected = format!(
            "<input type=\"checkbox\" class=\"cc-static-tick\" id=\"cc-static-{}-{}\" data-item=\"{}\">",
            s.id, item.id, item.id
        );
        assert!(html.contains(&expected), "{html}");
        assert!(html.contains(&format!(
            "For: {}</span> · {}",
            escape(&titles(&item.audience)),
            badge(item.label)
        )));
        // The label at the top and bottom of every printed page.
        assert!(html.contains(&format!("<thead><tr><td><p class=\"cc-print-label\">{}", badge(s.label))));
        assert!(html.contains(&format!("<tfoot><tr><td><p class=\"cc-print-label\">{}", badge(s.label))));
        // Messages as the app shows them unfilled, with their label lines.
        for t in &s.templates {
            let message = compose(t, t.label, &Map::default()).message();
            assert!(html.contains(&escape(&message)), "{}", t.id);
            assert!(message.contains(t.label.as_str()));
        }
    }

    #[test]
    fn the_labels_view_says_every_sentence_of_the_app_s_labels_page_in_english() {
        let html = labels();
        let english: serde_json::Value = serde_json::from_str(include_str!("../../locales/en.json")).unwrap();
        // The controls of the reverse question and the channel check, which need scripts.
        let controls = ["received_label", "label", "can_carry", "channel", "choose", "project_channels"];
        let mut shown = 0;
        for (key, text) in english["labels"].as_object().expect("a group `labels`") {
            if controls.contains(&key.as_str()) {
                continue;
            }
            let text = text.as_str().expect("words").replace("{{ label }}", "TLP:AMBER");
            assert!(html.contains(&escape(&text)), "labels.{key}: {text}");
            shown += 1;
        }
        assert!(shown > 40, "the page's words are found: {shown}");
        for t in Tlp::ALL {
            for r in received(t) {
                assert!(html.contains(&escape(&r)), "{t}: {r}");
            }
        }
    }

    #[test]
    fn what_a_recipient_may_do_sends_to_the_source_for_any_label_but_clear() {
        assert_eq!(received(Tlp::Red)[0], Tlp::Red.recipient_rule(), "the copied message's label line");
        assert!(received(Tlp::Red).iter().any(|l| l.contains("first ask the source")));
        assert!(received(Tlp::Red).iter().any(|l| l.contains("keep the label TLP:RED on it")));
        assert!(!received(Tlp::Clear).iter().any(|l| l.contains("ask the source")));
    }

    #[test]
    fn stress_tests_show_their_questions_why_and_shapes() {
        let html = page(BUILT_IN).unwrap();
        let tests: Vec<Scenario> = BUILT_IN
            .iter()
            .filter(|(n, _)| n.starts_with("stress-tests/"))
            .map(|(n, t)| parse_scenario(n, t).unwrap())
            .collect();
        assert!(!tests.is_empty());
        let mut shapes_seen = 0;
        for t in &tests {
            for q in t.items() {
                assert!(html.contains(&escape(&q.text)), "{}: {}", t.id, q.id);
                if !q.why.is_empty() {
                    assert!(html.contains(&escape(&q.why)), "{}: {}", t.id, q.id);
                }
                if !q.applies_to.is_empty() {
                    shapes_seen += 1;
                    let shapes: Vec<&str> = q.applies_to.iter().map(|s| s.title()).collect();
                    assert!(html.contains(&format!("Applies to: {}.", escape(&shapes.join("; ")))));
                }
            }
        }
        assert!(shapes_seen > 0, "no question limited to some shapes: the test proves nothing");
    }

    #[test]
    fn drills_show_their_roles_injects_and_debrief_marked_exercise() {
        let html = page(BUILT_IN).unwrap();
        let drills: Vec<Scenario> = BUILT_IN
            .iter()
            .map(|(n, t)| parse_scenario(n, t).unwrap())
            .filter(|s| s.kind == ScenarioKind::Drill)
            .collect();
        assert!(drills.len() >= 8, "{} drills", drills.len());
        for s in &drills {
            let drill = s.drill.as_ref().unwrap();
            let start = html.find(&format!("id=\"/s/{}\"", s.id)).unwrap();
            let view = &html[start..html[start..].find("</article>").unwrap() + start];
            assert!(
                view.contains(&format!(
                    "<p class=\"cc-print-label\"><strong class=\"cc-exercise\">EXERCISE</strong> {}",
                    badge(s.label)
                )),
                "{}",
                s.id
            );
            for role in &drill.roles {
                assert!(view.contains(&escape(&role.title)), "{}: role {}", s.id, role.id);
            }
            for inject in drill.injects() {
                assert!(view.contains(&escape(&inject.title)), "{}: inject {}", s.id, inject.id);
                for prompt in &inject.prompts {
                    assert!(view.contains(&escape(prompt)), "{}: a prompt of {}", s.id, inject.id);
                }
            }
            for q in &drill.debrief {
                assert!(view.contains(&escape(&q.text)), "{}: debrief {}", s.id, q.id);
            }
            assert!(html.contains(&format!(
                "{} minutes, or {} in the quick variant",
                drill.minutes, drill.quick_minutes
            )));
        }
    }
}

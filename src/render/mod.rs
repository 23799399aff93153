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

use crate::content::Library;
use crate::model::audience::Audience;
use crate::model::checklist::{Item, ItemKind, Scenario, ScenarioKind, Template};
use crate::model::debrief::EXERCISE;
use crate::model::drill::Drill;
use crate::model::language::{DEFAULT, LANGUAGES};
use crate::model::map::Map;
use crate::model::markdown::{blocks, inlines, Block, Inline};
use crate::model::template::{compose_in, MessageWords};
use crate::model::tlp::{Tlp, STANDARD_URL};
use words::Words;

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

/// The interface's words (`locales/<lang>.json`, which the app's words are built from), read by
/// key: the sentences that the app's pages and the static rendering both show, so each static
/// page says what the app says in its language without a second copy.
pub mod words {
    use std::sync::OnceLock;

    use serde_json::Value;

    use crate::model::language::{DEFAULT, LANGUAGES};

    /// Each language's words file, compiled in, in the order of [`LANGUAGES`].
    const FILES: [(&str, &str); 4] = [
        ("en", include_str!("../../locales/en.json")),
        ("es", include_str!("../../locales/es.json")),
        ("de", include_str!("../../locales/de.json")),
        ("fr", include_str!("../../locales/fr.json")),
    ];

    /// The interface's words in one of [`LANGUAGES`].
    #[derive(Clone, Copy, Debug)]
    pub struct Words {
        /// The language's code, as `LANGUAGES` lists it (`es`).
        pub lang: &'static str,
        table: &'static Value,
    }

    impl Words {
        /// The words of the language `code` of [`LANGUAGES`]; English for any other.
        pub fn of(code: &str) -> Words {
            static TABLES: OnceLock<Vec<Value>> = OnceLock::new();
            let tables = TABLES.get_or_init(|| {
                FILES
                    .iter()
                    .map(|(lang, text)| {
                        serde_json::from_str(text)
                            .unwrap_or_else(|e| panic!("locales/{lang}.json is not JSON: {e}"))
                    })
                    .collect()
            });
            let at = FILES.iter().position(|(lang, _)| *lang == code).unwrap_or(0);
            Words { lang: FILES[at].0, table: &tables[at] }
        }

        /// Every language of the interface, English first.
        pub fn all() -> impl Iterator<Item = Words> {
            LANGUAGES.iter().map(|(code, _)| Words::of(code))
        }

        /// Whether these are the words of the default language, English.
        pub fn is_default(&self) -> bool {
            self.lang == DEFAULT
        }

        /// The words under the dotted `key` (`labels.title`). The files are compiled in and a
        /// key is named in this crate, so a missing key is this crate's mistake: it panics, and
        /// the static rendering's tests, which render every language, find it.
        pub fn get(&self, key: &str) -> &'static str {
            key.split('.')
                .try_fold(self.table, |v, k| v.get(k))
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("no `{key}` in locales/{}.json", self.lang))
        }

        /// [`Words::get`] with each `{{ name }}` of `values` filled in.
        pub fn with(&self, key: &str, values: &[(&str, &str)]) -> String {
            values.iter().fold(self.get(key).to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{{ {name} }}}}"), value)
            })
        }
    }

    /// The English words under `key` ([`Words::get`]).
    pub fn english(key: &str) -> &'static str {
        Words::of(DEFAULT).get(key)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn every_language_has_its_words_file_in_the_interface_s_order() {
            let codes: Vec<&str> = Words::all().map(|w| w.lang).collect();
            assert_eq!(codes, LANGUAGES.iter().map(|(c, _)| *c).collect::<Vec<_>>());
            assert_eq!(Words::of("es").get("frame.checklists"), "Listas");
            assert_eq!(Words::of("xx").lang, "en");
        }
    }
}

/// The whole static rendering for `<div id="app">` of the standalone page in the language of
/// `w`: the app's frame (the menu), the note for readers without scripts and their choice of
/// language, the catalog, each built-in file's view, and the labels explained. A checklist is
/// shown in its translation into that language, else in its original with a plain note, its
/// text marked with its language (see [`scenario_view`]). An error names a built-in file that
/// does not parse.
pub fn page(w: Words) -> Result<String, String> {
    let library = Library::built_in();
    if let Some(e) = library.errors().first() {
        return Err(e.to_string());
    }
    let scenarios = library.scenarios_in(w.lang);
    let shown: Vec<Shown> = scenarios
        .iter()
        .map(|s| Shown { scenario: s, own: library.untranslated(&s.id, w.lang).then(|| Words::of(DEFAULT)) })
        .collect();
    let mut out = String::new();
    out.push_str("<div class=\"crisis-comms cc-theme-system cc-static\">");
    out.push_str(&menu(w));
    out.push_str(&format!(
        "<noscript><p class=\"cc-notice cc-static-note\">{}</p>{}</noscript>",
        escape(w.get("static_page.no_script")),
        other_languages(w)
    ));
    out.push_str("<main class=\"cc-main\">");
    out.push_str(&catalog(w, &shown));
    for s in &shown {
        let linked = s.scenario.drill.as_ref().and_then(|d| scenarios.iter().find(|l| l.id == d.scenario));
        out.push_str(&scenario_view(w, s, linked.map(|l| l.title.as_str())));
    }
    out.push_str(&labels(w));
    for (fragment, title) in
        [("#/decide", "frame.decide"), ("#/records", "frame.records"), ("#/summary", "stress.summary_title")]
    {
        out.push_str(&needs_scripts(w, fragment, w.get(title)));
    }
    out.push_str("</main></div>");
    Ok(out)
}

/// A built-in file as a static page shows it: in the page's language, or in its original when
/// it has no translation into it (`own`: the original's words, for its text's `lang` and the
/// words around its messages' labels).
pub struct Shown<'a> {
    pub scenario: &'a Scenario,
    /// The words of the file's own language where it is not the page's.
    pub own: Option<Words>,
}

/// The file name of the static page in the language of `w`: `index.html` for English, else
/// `<code>.html` (`es.html`).
pub fn page_name(w: Words) -> String {
    if w.is_default() {
        "index.html".to_owned()
    } else {
        format!("{}.html", w.lang)
    }
}

/// For readers without scripts: a link to the same page in each other language, each named in
/// itself and marked with its language.
fn other_languages(w: Words) -> String {
    let links: String = LANGUAGES
        .iter()
        .filter(|(code, _)| *code != w.lang)
        .map(|(code, name)| {
            format!(
                "<li><a href=\"{}\" lang=\"{code}\" hreflang=\"{code}\">{name}</a></li>",
                page_name(Words::of(code))
            )
        })
        .collect();
    format!(
        "<nav class=\"cc-static-languages\" aria-labelledby=\"cc-static-languages\">\
         <p id=\"cc-static-languages\">{}</p><ul>{links}</ul></nav>",
        escape(w.get("static_page.other_languages"))
    )
}

/// One checklist alone, in English, as a plain page's content (no routing): the bench's static
/// comparison.
pub fn one_checklist(scenario: &Scenario) -> String {
    format!(
        "<div class=\"crisis-comms cc-theme-system\"><main class=\"cc-main\"><article class=\"{}\">{}</article></main></div>",
        classes(scenario),
        body(Words::of(DEFAULT), None, scenario, None)
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

/// The app's menu, with the same links and words.
fn menu(w: Words) -> String {
    let links: String = [
        ("#/", "frame.checklists"),
        ("#/decide", "frame.decide"),
        ("#/labels", "frame.labels"),
        ("#/records", "frame.records"),
    ]
    .iter()
    .map(|(href, key)| format!("<a href=\"{href}\">{}</a>", escape(w.get(key))))
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

/// Paragraphs and lists of prose; `lang` is the attribute of its language where it is not the
/// page's (see [`lang_attr`]), else empty.
fn prose(text: &str, lang: &str) -> String {
    blocks(text)
        .iter()
        .map(|block| match block {
            Block::Paragraph(r) => format!("<p{lang}>{}</p>", runs(r)),
            Block::List(entries) => {
                let items: String = entries.iter().map(|r| format!("<li>{}</li>", runs(r))).collect();
                format!("<ul class=\"cc-prose-list\"{lang}>{items}</ul>")
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
fn print_choice(w: Words, id: &str) -> String {
    let box_id = escape(&format!("cc-static-print-{id}"));
    format!(
        "<p class=\"cc-print-choice\"><input type=\"checkbox\" class=\"cc-print-pick\" id=\"{box_id}\"> \
         <label for=\"{box_id}\">{}</label></p>",
        escape(w.get("static_page.print_choice"))
    )
}

/// The attribute saying that an element's text is in `lang`, where that is not the page's.
fn lang_attr(own: Option<Words>) -> String {
    own.map(|o| format!(" lang=\"{}\"", o.lang)).unwrap_or_default()
}

/// The catalog, grouped as the app's: checklists, then the governance stress tests, then the
/// drills, each card as the app shows it before anything is ticked.
pub fn catalog(w: Words, scenarios: &[Shown]) -> String {
    let card = |shown: &Shown| {
        let s = shown.scenario;
        let total = s.items().count().to_string();
        let count = match &s.drill {
            Some(d) => drill_length(w, d),
            None if s.kind == ScenarioKind::StressTest => {
                w.with("catalog.questions_answered", &[("done", "0"), ("total", &total)])
            }
            None => w.with("catalog.steps_done", &[("done", "0"), ("total", &total)]),
        };
        let lang = lang_attr(shown.own);
        format!(
            "<li class=\"cc-scenario-card\"><h2{lang}><a href=\"{}\">{}</a></h2><p{lang}>{}</p>\
             <p class=\"cc-meta\">{} {} · {}</p></li>",
            escape(&scenario_fragment(&s.id)),
            escape(&s.title),
            escape(&s.summary),
            escape(w.get("catalog.record_label")),
            badge(s.label),
            escape(&count)
        )
    };
    let of = |kind: ScenarioKind| -> String {
        scenarios.iter().filter(|s| s.scenario.kind == kind).map(card).collect()
    };
    let checklist_cards = of(ScenarioKind::Checklist);
    let test_cards = of(ScenarioKind::StressTest);
    let drill_cards = of(ScenarioKind::Drill);
    let total = scenarios.len().to_string();
    let count = if scenarios.len() == 1 { "catalog.count_one" } else { "catalog.count" };
    let mut groups = String::new();
    if !test_cards.is_empty() {
        groups.push_str(&format!(
            "<div><h2 class=\"cc-group-title\">{}</h2>\
             <p>{} <a href=\"#/summary\">{}</a>.</p><ul class=\"cc-scenarios\">{test_cards}</ul></div>",
            escape(w.get("catalog.stress_tests")),
            escape(w.get("catalog.stress_tests_intro")),
            escape(w.get("catalog.see_summary"))
        ));
    }
    if !drill_cards.is_empty() {
        groups.push_str(&format!(
            "<div><h2 class=\"cc-group-title\">{}</h2><p>{}</p>\
             <ul class=\"cc-scenarios\">{drill_cards}</ul></div>",
            escape(w.get("catalog.drills")),
            escape(w.get("catalog.drills_intro"))
        ));
    }
    let content = format!(
        "<h1>{}</h1><p class=\"cc-lead\">{}</p>\
         <p class=\"cc-count\">{}</p>\
         <ul class=\"cc-scenarios\">{checklist_cards}</ul>{groups}",
        escape(w.get("catalog.title")),
        escape(w.get("catalog.lead")),
        escape(&w.with(count, &[("total", &total)]))
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

/// A checklist's, a stress test's or a drill's view, by its kind, on the page in the language of
/// `w`, in the page's words. A file shown in its original for want of a translation says so in
/// a note, and its own text says its language (as the app marks it). `linked` is the title of
/// the checklist a drill rehearses.
pub fn scenario_view(w: Words, shown: &Shown, linked: Option<&str>) -> String {
    let scenario = shown.scenario;
    let id = escape(&scenario.id);
    format!(
        "<article id=\"/s/{id}\" class=\"cc-view {}\" data-scenario=\"{id}\">{}{}</article>",
        classes(scenario),
        print_choice(w, &scenario.id),
        print_frame(
            scenario.label,
            scenario.kind == ScenarioKind::Drill,
            &body(w, shown.own, scenario, linked)
        )
    )
}

/// The inside of a checklist's, a stress test's or a drill's page, in the words of `w`; `own`
/// are the words of the file's language where it is not the page's.
fn body(w: Words, own: Option<Words>, scenario: &Scenario, linked: Option<&str>) -> String {
    match &scenario.drill {
        Some(drill) => drill_body(w, own, scenario, drill, linked),
        None if scenario.kind == ScenarioKind::StressTest => stress_body(w, own, scenario),
        None => checklist_body(w, own, scenario),
    }
}

/// The way back to the catalog, then the note on a file shown in its original (`own` its
/// language's words), as the app's page starts.
fn crumbs(w: Words, own: Option<Words>) -> String {
    let note = if own.is_some() {
        format!(
            "<p class=\"cc-help cc-untranslated\" role=\"note\">{}</p>",
            escape(w.get("scenario.untranslated"))
        )
    } else {
        String::new()
    };
    format!(
        "<nav class=\"cc-crumbs\"><a href=\"#/\">{}</a></nav>{note}",
        escape(w.get("scenario.all_checklists"))
    )
}

/// The names of the people a step or a message is for, in the words of `w`.
fn audience(w: Words, audience: &[Audience]) -> String {
    let names: Vec<&str> =
        audience.iter().map(|a| w.get(&format!("audience.{}", a.key().replace('-', "_")))).collect();
    names.join(", ")
}

fn checklist_body(w: Words, own: Option<Words>, s: &Scenario) -> String {
    let tl = lang_attr(own);
    let mut out = crumbs(w, own);
    out.push_str(&format!(
        "<header class=\"cc-scenario-head\"><h1{tl}>{}</h1><p class=\"cc-lead\"{tl}>{}</p>{}",
        escape(&s.title),
        escape(&s.summary),
        prose(&s.when, &tl)
    ));
    if s.items().any(|i| i.kind == ItemKind::Response) {
        out.push_str(&format!("<p class=\"cc-help\">{}</p>", escape(w.get("scenario.response_step_help"))));
    }
    out.push_str(&format!(
        "<p class=\"cc-meta cc-record-label\">{} {}</p></header>",
        escape(w.get("scenario.record_label")),
        badge(s.label)
    ));
    for section in &s.sections {
        let items: String = section.items.iter().map(|i| step(w, &tl, s, i)).collect();
        out.push_str(&format!(
            "<section class=\"cc-section\"><h2{tl}>{}</h2>{}<ul class=\"cc-items\">{items}</ul></section>",
            escape(&section.title),
            prose(&section.intro, &tl)
        ));
    }
    if !s.templates.is_empty() {
        let cards: String = s.templates.iter().map(|t| template(w, own, t)).collect();
        let intro =
            escape(w.get("static_page.templates_intro")).replace("{{ example }}", "<code>{project}</code>");
        out.push_str(&format!(
            "<section class=\"cc-templates\"><h2>{}</h2><p>{intro}</p>{cards}</section>",
            escape(w.get("templates.title"))
        ));
    }
    out.push_str(&references(w, &tl, s));
    out
}

/// One step: its checkbox (carrying the step's id, for the app to adopt a tick made before it
/// loaded), its words, audience and label, the reason and the longer explanation. `tl` is the
/// attribute of the step's own language where it is not the page's.
fn step(w: Words, tl: &str, s: &Scenario, item: &Item) -> String {
    let box_id = escape(&format!("cc-static-{}-{}", s.id, item.id));
    let item_id = escape(&item.id);
    let response = item.kind == ItemKind::Response;
    let kind = if response {
        format!("<span class=\"cc-kind\">{}</span> · ", escape(w.get("item.response_step")))
    } else {
        String::new()
    };
    let mut out = format!(
        "<li class=\"cc-item{}\" data-item=\"{item_id}\"><div class=\"cc-item-main\">\
         <input type=\"checkbox\" class=\"cc-static-tick\" id=\"{box_id}\" data-item=\"{item_id}\">\
         <label for=\"{box_id}\"{tl}>{}</label></div><p class=\"cc-meta\">{kind}<span class=\"cc-audience\">{} {}</span> · {}</p>",
        if response { " cc-response" } else { "" },
        escape(&item.text),
        escape(w.get("item.for_whom")),
        escape(&audience(w, &item.audience)),
        badge(item.label)
    );
    if !item.why.is_empty() {
        out.push_str(&format!(
            "<p class=\"cc-why\"><strong>{} </strong><span{tl}>{}</span></p>",
            escape(w.get("item.why")),
            runs(&inlines(&item.why))
        ));
    }
    if !item.detail.is_empty() {
        out.push_str(&format!(
            "<details class=\"cc-detail\"><summary>{}</summary>{}</details>",
            escape(w.get("item.more")),
            prose(&item.detail, tl)
        ));
    }
    out.push_str("</li>");
    out
}

/// The words around a message's label in the language of `w`, as the app's message words.
fn message_words(w: Words, label: Tlp) -> MessageWords {
    MessageWords {
        rule: w.get(&per_label("recipient", label)).to_owned(),
        added: w.get("templates.added_by_sender").to_owned(),
        standard: w.get("templates.standard_line").to_owned(),
        end: w.with("templates.end_of_text", &[("label", label.as_str())]),
        subject: w.get("templates.subject_line").to_owned(),
    }
}

/// A message template as the app shows it unfilled: in the page's words (`w`), its message in
/// its own language (`own`'s words where it is not the page's) with the label lines in place and
/// the placeholders in braces.
fn template(w: Words, own: Option<Words>, t: &Template) -> String {
    let tl = lang_attr(own);
    let channel = if t.channel.is_empty() {
        String::new()
    } else {
        format!(" · {} <span{tl}>{}</span>", escape(w.get("templates.channel")), escape(&t.channel))
    };
    let message =
        compose_in(t, t.label, &Map::default(), &message_words(own.unwrap_or(w), t.label)).message();
    format!(
        "<article class=\"cc-template\" data-template=\"{}\"><h3{tl}>{}</h3>\
         <p class=\"cc-meta\">{} {}{channel} · {}</p><pre class=\"cc-message\" tabindex=\"0\"{tl}>{}</pre></article>",
        escape(&t.id),
        escape(&t.title),
        escape(w.get("templates.for_whom")),
        escape(&audience(w, &t.audience)),
        badge(t.label),
        escape(&message)
    )
}

fn references(w: Words, tl: &str, s: &Scenario) -> String {
    if s.references.is_empty() {
        return String::new();
    }
    let items: String = s.references.iter().map(|r| format!("<li>{}</li>", link(&r.url, &r.title))).collect();
    format!(
        "<section class=\"cc-references\"><h2>{}</h2><ul{tl}>{items}</ul></section>",
        escape(w.get("scenario.references"))
    )
}

fn stress_body(w: Words, own: Option<Words>, t: &Scenario) -> String {
    let tl = lang_attr(own);
    let mut out = crumbs(w, own);
    out.push_str(&format!(
        "<h1{tl}>{}</h1><p class=\"cc-lead\"{tl}>{}</p>{}<p class=\"cc-meta\">{} {}</p>\
         <p>{} <strong>{}</strong> {} <strong>{}</strong>{}</p>",
        escape(&t.title),
        escape(&t.summary),
        prose(&t.when, &tl),
        escape(w.get("stress.assessment_label")),
        badge(t.label),
        escape(w.get("stress.ask_before")),
        escape(w.get("stress.ask_notice")),
        escape(w.get("stress.ask_middle")),
        escape(w.get("stress.ask_slow")),
        escape(w.get("stress.ask_after")),
    ));
    for section in &t.sections {
        let questions: String = section.items.iter().map(|q| question(w, &tl, q)).collect();
        out.push_str(&format!(
            "<section class=\"cc-section\"><h2{tl}>{}</h2>{}<ol class=\"cc-items cc-questions\">{questions}</ol></section>",
            escape(&section.title),
            prose(&section.intro, &tl)
        ));
    }
    out.push_str(&references(w, &tl, t));
    out
}

/// A drill's length, as the app's catalog says it.
fn drill_length(w: Words, drill: &Drill) -> String {
    w.with(
        "catalog.drill_length",
        &[("minutes", &drill.minutes.to_string()), ("quick", &drill.quick_minutes.to_string())],
    )
}

/// A drill's page: what the app's drill page shows (its roles), and, folded away so that
/// participants are not told ahead, the injects and the debrief's questions, to run it on paper.
/// `linked` is the title of the checklist it rehearses (its id when that is not found).
fn drill_body(w: Words, own: Option<Words>, s: &Scenario, drill: &Drill, linked: Option<&str>) -> String {
    let tl = lang_attr(own);
    let mut out = crumbs(w, own);
    out.push_str(&format!(
        "<p class=\"cc-exercise-banner\" role=\"note\"><strong class=\"cc-exercise\">{EXERCISE}</strong> {} \
         {}</p><h1{tl}>{}</h1><p class=\"cc-lead\"{tl}>{}</p>\
         <p class=\"cc-meta\">{}<a href=\"{}\"{tl}>{}</a>{} {}{}</p>",
        badge(s.label),
        escape(w.get("drill.exercise_note")),
        escape(&s.title),
        escape(&s.summary),
        escape(w.get("drill.of_checklist_before")),
        escape(&scenario_fragment(&drill.scenario)),
        escape(linked.unwrap_or(&drill.scenario)),
        escape(&w.with("drill.of_checklist_after", &[("length", &drill_length(w, drill))])),
        badge(s.label),
        escape(w.get("drill.labelled_after"))
    ));
    let roles: String = drill
        .roles
        .iter()
        .map(|r| {
            format!(
                "<section class=\"cc-drill-role\"><h3{tl}>{}</h3>{}</section>",
                escape(&r.title),
                prose(&r.brief, &tl)
            )
        })
        .collect();
    out.push_str(&format!(
        "<section class=\"cc-drill-roles\"><h2>{}</h2>{}{roles}</section>",
        escape(w.get("drill.roles")),
        prose(&drill.roles_intro, &tl)
    ));
    let injects: String = drill
        .injects()
        .map(|i| {
            let at = i.at.to_string();
            let heading = match i.quick_at {
                Some(q) => w.with("static_page.inject_quick", &[("at", &at), ("quick", &q.to_string())]),
                None => w.with("static_page.inject", &[("at", &at)]),
            };
            let heading =
                escape(&heading).replace("{{ title }}", &format!("<span{tl}>{}</span>", escape(&i.title)));
            let prompts: String = i.prompts.iter().map(|p| format!("<li{tl}>{}</li>", escape(p))).collect();
            format!(
                "<li class=\"cc-inject\"><h4>{heading}</h4>{}<ul>{prompts}</ul></li>",
                prose(&i.fact, &tl)
            )
        })
        .collect();
    let debrief: String = drill
        .debrief
        .iter()
        .map(|q| format!("<li><span{tl}>{}</span>{}</li>", escape(&q.text), prose(&q.detail, &tl)))
        .collect();
    out.push_str(&format!(
        "<details class=\"cc-drill-facilitator\"><summary>{}</summary><ol class=\"cc-injects\">{injects}</ol>\
         <h3>{}</h3>{}<ol>{debrief}</ol></details><p class=\"cc-help\">{}</p>",
        escape(w.get("static_page.facilitator")),
        escape(w.get("drill.debrief")),
        prose(&drill.debrief_intro, &tl),
        escape(w.get("static_page.drill_needs_scripts"))
    ));
    out.push_str(&references(w, &tl, s));
    out
}

/// One stress-test question: its words, why it matters, more about it, and the governance
/// shapes it applies to. `tl` is the attribute of its own language where it is not the page's.
fn question(w: Words, tl: &str, q: &Item) -> String {
    let mut out = format!(
        "<li class=\"cc-item cc-question-item\" data-item=\"{}\"><div class=\"cc-answers\">\
         <p class=\"cc-question-text\"{tl}>{}</p>",
        escape(&q.id),
        escape(&q.text)
    );
    if !q.why.is_empty() {
        out.push_str(&format!(
            "<p class=\"cc-why\"><strong>{} </strong><span{tl}>{}</span></p>",
            escape(w.get("stress.why_it_matters")),
            escape(&q.why)
        ));
    }
    out.push_str(&prose(&q.detail, tl));
    if !q.applies_to.is_empty() {
        let shapes: Vec<&str> =
            q.applies_to.iter().map(|s| w.get(&format!("shape.{}", s.key().replace('-', "_")))).collect();
        out.push_str(&format!(
            "<p class=\"cc-help cc-applies-to\">{}</p>",
            escape(&w.with("static_page.applies_to", &[("shapes", &shapes.join("; "))]))
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
/// it in the language of `w`.
fn received(w: Words, label: Tlp) -> Vec<String> {
    let shown = label.as_str();
    let mut out = vec![w.get(&per_label("recipient", label)).to_owned()];
    if label != Tlp::Clear {
        out.push(w.with("labels.received_ask", &[("label", shown)]));
        out.push(w.with("labels.received_keep", &[("label", shown)]));
    }
    out.push(w.get("labels.received_agreement").to_owned());
    out
}

/// The labels explained, in the app's words (`labels` in `locales/`), with what a recipient may
/// do under each label (the app asks which label; here each is listed).
pub fn labels(w: Words) -> String {
    let rows: String = Tlp::ALL
        .iter()
        .map(|t| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                badge(*t),
                escape(w.get(&per_label("audience", *t))),
                escape(w.get(&per_label("project", *t)))
            )
        })
        .collect();
    let columns: String = ["labels.column_label", "labels.column_who", "labels.column_project"]
        .iter()
        .map(|c| format!("<th scope=\"col\">{}</th>", escape(w.get(c))))
        .collect();
    let received_lists: String = Tlp::ALL
        .iter()
        .map(|t| {
            format!(
                "<h3>{}</h3><ul class=\"cc-received-guidance\">{}</ul>",
                badge(*t),
                list_items(received(w, *t))
            )
        })
        .collect();
    let marking = MARKING.map(|key| w.with(key, &[("label", Tlp::Amber.as_str())]));
    // A region that scrolls takes focus, so a keyboard can scroll it (as in the app).
    let caption = escape(w.get("labels.caption"));
    let content = format!(
        "<h1>{}</h1><p class=\"cc-lead\">{} {}</p><p>{} <a href=\"#/decide\">{}</a>.</p>\
         <div class=\"cc-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{caption}\"><table class=\"cc-table\"><caption>{caption}</caption><thead><tr>{columns}</tr></thead>\
         <tbody>{rows}</tbody></table></div>\
         <h2>{}</h2><ul>{}</ul><h2>{}</h2><p>{}</p><ul class=\"cc-one-person\">{}</ul>\
         <h2>{}</h2><ul>{}</ul><p class=\"cc-help\">{}</p><h2>{}</h2>{received_lists}",
        escape(w.get("labels.title")),
        escape(w.get("labels.lead")),
        link(STANDARD_URL, w.get("labels.standard")),
        escape(w.get("labels.not_sure")),
        escape(w.get("labels.not_sure_link")),
        escape(w.get("labels.rules_title")),
        list_items(RULES.map(|k| w.get(k))),
        escape(w.get("labels.one_person_title")),
        escape(w.get("labels.one_person_intro")),
        list_items(ONE_PERSON.map(|k| w.get(k))),
        escape(w.get("labels.marking_title")),
        list_items(marking),
        escape(w.get("labels.marking_help")),
        escape(w.get("labels.received_title")),
    );
    let content = format!("{}{}", print_choice(w, "labels"), print_frame(Tlp::Clear, false, &content));
    view("#/labels", "cc-page cc-labels", &content)
}

/// A page that needs scripts, saying so.
fn needs_scripts(w: Words, fragment: &str, title: &str) -> String {
    let content = format!(
        "<h1>{}</h1><p>{}</p><p><a href=\"#/\">{}</a></p>",
        escape(title),
        escape(w.get("static_page.needs_scripts")),
        escape(w.get("frame.see_all"))
    );
    view(fragment, "cc-page", &content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::BUILT_IN;
    use crate::model::parse::parse_scenario;
    use crate::model::template::compose;
    use words::english;

    fn en() -> Words {
        Words::of(DEFAULT)
    }

    /// `s` as the English page shows it.
    fn shown(s: &Scenario) -> Shown<'_> {
        Shown { scenario: s, own: None }
    }

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
        let html = scenario_view(en(), &shown(&s), None);
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
        let html = page(en()).expect("every built-in file parses");
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
        let html = page(en()).unwrap();
        assert!(!html.contains("<script"), "the static view holds no script element");
        assert!(!html.contains("+++"), "the static view holds no file's source");
        assert!(wording(BUILT_IN).contains("+++\\nid = \\\"account-compromise\\\""), "the wording does");
    }

    #[test]
    fn steps_show_audience_label_and_a_checkbox_with_their_id() {
        let (name, text) = BUILT_IN.iter().find(|(n, _)| *n == "account-compromise.md").unwrap();
        let s = parse_scenario(name, text).unwrap();
        let html = scenario_view(en(), &shown(&s), None);
        let item = s.items().next().unwrap();
        let expected = format!(
            "<input type=\"checkbox\" class=\"cc-static-tick\" id=\"cc-static-{}-{}\" data-item=\"{}\">",
            s.id, item.id, item.id
        );
        assert!(html.contains(&expected), "{html}");
        assert!(html.contains(&format!(
            "For: {}</span> · {}",
            escape(&audience(en(), &item.audience)),
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
        let html = labels(en());
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
            for r in received(en(), t) {
                assert!(html.contains(&escape(&r)), "{t}: {r}");
            }
        }
    }

    #[test]
    fn what_a_recipient_may_do_sends_to_the_source_for_any_label_but_clear() {
        assert_eq!(received(en(), Tlp::Red)[0], Tlp::Red.recipient_rule(), "the copied message's label line");
        assert!(received(en(), Tlp::Red).iter().any(|l| l.contains("first ask the source")));
        assert!(received(en(), Tlp::Red).iter().any(|l| l.contains("keep the label TLP:RED on it")));
        assert!(!received(en(), Tlp::Clear).iter().any(|l| l.contains("ask the source")));
    }

    #[test]
    fn stress_tests_show_their_questions_why_and_shapes() {
        let html = page(en()).unwrap();
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
        let html = page(en()).unwrap();
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

    #[test]
    fn each_language_s_page_speaks_it_and_keeps_the_labels_as_first_writes_them() {
        for w in Words::all() {
            let html = page(w).expect("every built-in file parses");
            for key in
                ["frame.checklists", "catalog.title", "catalog.lead", "static_page.no_script", "labels.title"]
            {
                assert!(html.contains(&escape(w.get(key))), "{}: {key}", w.lang);
            }
            for t in Tlp::ALL {
                assert!(html.contains(&format!(">{}</span>", t.as_str())), "{}: {t}", w.lang);
            }
            // A link to each other language's page, and none to its own.
            for other in Words::all() {
                let link = format!("<a href=\"{}\" lang=\"{}\"", page_name(other), other.lang);
                assert_eq!(html.contains(&link), other.lang != w.lang, "{}: {link}", w.lang);
            }
            if !w.is_default() {
                assert!(!html.contains(english("catalog.lead")), "{}: English left in the catalog", w.lang);
                assert!(!html.contains(english("static_page.no_script")), "{}", w.lang);
            }
        }
        assert_eq!(page_name(en()), "index.html");
        assert_eq!(page_name(Words::of("es")), "es.html");
    }

    #[test]
    fn a_translated_checklist_shows_in_the_page_s_language_and_an_untranslated_one_in_its_original() {
        let library = Library::built_in();
        let es = page(Words::of("es")).unwrap();
        let mut translated = 0;
        for s in library.scenarios_in("es") {
            if library.untranslated(&s.id, "es") {
                continue;
            }
            translated += 1;
            assert!(es.contains(&format!(
                "<article id=\"/s/{}\" class=\"cc-view {}\" data-scenario=\"{}\">",
                s.id,
                classes(&s),
                s.id
            )));
            assert!(es.contains(&escape(&s.title)), "{}", s.id);
            for item in s.items() {
                assert!(es.contains(&escape(&item.text)), "{}: {}", s.id, item.id);
            }
        }
        assert!(translated >= 40, "{translated} Spanish files");
        assert!(es.contains("Para: Equipo de respuesta"), "the audience in Spanish");
        // German has no translated checklist: each shows in English, its text marked so, in the
        // German page's words, after a German note.
        let w = Words::of("de");
        let de = page(w).unwrap();
        let note = format!(
            "<nav class=\"cc-crumbs\"><a href=\"#/\">{}</a></nav><p class=\"cc-help cc-untranslated\" role=\"note\">{}</p>",
            escape(w.get("scenario.all_checklists")),
            escape(w.get("scenario.untranslated"))
        );
        for s in library.scenarios() {
            let start = de.find(&format!("<article id=\"/s/{}\"", s.id)).unwrap();
            let view = &de[start..start + de[start..].find("</article>").unwrap()];
            assert!(view.contains(&note), "{}", s.id);
            assert!(view.contains(&format!("<h1 lang=\"en\">{}</h1>", escape(&s.title))), "{}", s.id);
            assert!(!view.contains(" lang=\"de\""), "{}: nothing else marked", s.id);
            for english in
                [english("item.for_whom"), english("item.more"), english("scenario.all_checklists")]
            {
                assert!(!view.contains(&escape(english)), "{}: {english}", s.id);
            }
            assert!(de.contains(&format!("<h2 lang=\"en\"><a href=\"#/s/{}\">", s.id)), "{}: its card", s.id);
        }
        let (name, text) = BUILT_IN.iter().find(|(n, _)| *n == "account-compromise.md").unwrap();
        let s = parse_scenario(name, text).unwrap();
        let view = scenario_view(w, &Shown { scenario: &s, own: Some(en()) }, None);
        let item = s.items().next().unwrap();
        assert!(view.contains(&format!(
            "{} {}",
            w.get("item.for_whom"),
            escape(&audience(w, &item.audience))
        )));
        assert!(view.contains(&format!("lang=\"en\">{}</label>", escape(&item.text))));
        // A message keeps the words of its own language around the label.
        let t = &s.templates[0];
        assert!(view.contains(&escape(english(&per_label("recipient", t.label)))), "{}", t.id);
    }

    #[test]
    fn a_message_s_words_from_the_english_file_are_the_model_s() {
        for label in Tlp::ALL {
            let words = message_words(en(), label);
            let model = MessageWords::english(label);
            assert_eq!(
                (words.rule, words.added, words.standard, words.end, words.subject),
                (model.rule, model.added, model.standard, model.end, model.subject)
            );
        }
    }
}

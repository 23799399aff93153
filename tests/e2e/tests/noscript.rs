//! The standalone page with JavaScript off (as in Tor Browser's "Safest" level): the static
//! rendering made at build time shows the catalog, every built-in checklist and stress test and
//! the labels explained, each at the app's own address; a checklist prints with its label at the
//! top and bottom of every page and no control; and the server sees no request beyond the
//! page's own files (nothing tells it which checklist is read).

use std::sync::Arc;

use crisis_comms::content::{built_in_id, Library, BUILT_IN};
use crisis_comms::model::audience::titles;
use crisis_comms::model::checklist::{Scenario, ScenarioKind};
use crisis_comms::model::map::Map;
use crisis_comms::model::template::compose;
use crisis_comms::model::tlp::Tlp;
use crisis_comms::render::words::{english, Words};
use e2e::{
    assert_scripts_off, base_url, browser_without_scripts_as, engine, find, page_frame, print_pages,
    server_log, Engine, PageFrame,
};
use fantoccini::{Client, Locator};

/// Every built-in file, parsed.
fn library() -> Vec<Arc<Scenario>> {
    let library = Library::built_in();
    let errors = library.errors();
    assert!(errors.is_empty(), "a built-in file does not parse: {errors:?}");
    library.scenarios()
}

/// Spaces and line breaks as single spaces, so the page's text compares with the model's.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Goes to the page at `fragment` (`#/s/<id>`), as a reader following a link would.
async fn go(c: &Client, fragment: &str) {
    c.goto(&format!("{}{fragment}", base_url())).await.expect("navigation");
}

/// The visible text of the view whose id is `id`, which must be the one shown.
async fn shown_view(c: &Client, id: &str) -> String {
    let view = find(c, &format!("[id=\"{id}\"]")).await;
    assert!(view.is_displayed().await.unwrap(), "the view {id} is not shown");
    let shown = c.find_all(Locator::Css(".cc-view")).await.unwrap();
    let mut n = 0;
    for v in shown {
        if v.is_displayed().await.unwrap() {
            n += 1;
        }
    }
    assert_eq!(n, 1, "one view at a time, at {id}");
    squash(&view.text().await.unwrap())
}

/// A browser session with scripts off, whose requests carry `agent`.
async fn reader(agent: &str) -> e2e::Browser {
    let c = browser_without_scripts_as(agent).await;
    go(&c, "").await;
    // The module did not start: the app never mounted.
    assert_scripts_off(&c).await;
    c
}

#[tokio::test]
async fn every_checklist_and_stress_test_reads_without_scripts() {
    let agent = format!("crisis-comms-e2e-noscript-read-{}", std::process::id());
    let c = reader(&agent).await;
    let catalog = shown_view(&c, "/").await;
    assert!(catalog.contains("Crisis communication checklists"), "{catalog}");
    let note = find(&c, ".cc-static-note").await.text().await.unwrap();
    assert!(note.contains("JavaScript is off") && note.contains("Ticking steps, notes, records"), "{note}");
    // Without scripts a tick could not be kept: no checkbox is offered.
    go(&c, "#/s/account-compromise").await;
    let first = find(&c, "[id=\"/s/account-compromise\"] .cc-static-tick").await;
    assert!(!first.is_displayed().await.unwrap(), "a checkbox that could not keep its tick is shown");

    for s in library() {
        let id = format!("/s/{}", s.id);
        go(&c, &format!("#{id}")).await;
        let text = shown_view(&c, &id).await;
        let has = |words: &str, what: &str| {
            assert!(text.contains(&squash(words)), "{}: no {what}: {words:?}", s.id)
        };
        has(&s.title, "title");
        has(&s.summary, "summary");
        has(s.label.as_str(), "label");
        for section in &s.sections {
            has(&section.title, "section");
            for item in &section.items {
                has(&item.text, "step");
                if s.kind == ScenarioKind::StressTest {
                    if !item.why.is_empty() {
                        has(&item.why, "why it matters");
                    }
                    if !item.applies_to.is_empty() {
                        has("Applies to:", "shapes");
                    }
                } else {
                    // The step's audience and label, as the app shows them beside it.
                    has(&format!("For: {} · {}", titles(&item.audience), item.label), "audience and label");
                }
            }
        }
        for t in &s.templates {
            has(&t.title, "template title");
            let message = compose(t, t.label, &Map::default()).message();
            has(&message, "template, with its label lines");
        }
        for r in &s.references {
            has(&r.title, "reference");
        }
    }
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_catalog_links_reach_every_checklist_and_the_labels_page() {
    let agent = format!("crisis-comms-e2e-noscript-links-{}", std::process::id());
    let c = reader(&agent).await;
    let all = library();
    for s in &all {
        go(&c, "#/").await;
        let link = find(&c, &format!("[id=\"/\"] a[href=\"#/s/{}\"]", s.id)).await;
        assert_eq!(squash(&link.text().await.unwrap()), squash(&s.title));
        link.click().await.unwrap();
        let text = shown_view(&c, &format!("/s/{}", s.id)).await;
        assert!(text.contains(&squash(&s.title)), "{}", s.id);
        // The way back.
        find(&c, &format!("[id=\"/s/{}\"] .cc-crumbs a", s.id)).await.click().await.unwrap();
        shown_view(&c, "/").await;
    }
    // The menu's "Labels explained".
    find(&c, ".cc-topnav a[href=\"#/labels\"]").await.click().await.unwrap();
    let labels = shown_view(&c, "/labels").await;
    // The app's English words for the page (`locales/en.json`).
    for key in
        ["title", "lead", "caption", "one_person_intro", "rule_1", "rule_2", "rule_3", "rule_4", "rule_5"]
    {
        let words = english(&format!("labels.{key}"));
        assert!(labels.contains(&squash(words)), "{words}");
    }
    for t in Tlp::ALL {
        let slug = t.slug().replace('-', "_");
        for what in ["audience", "project", "recipient"] {
            let words = english(&format!("labels.{what}_{slug}"));
            assert!(labels.contains(&squash(words)), "{t}: {words}");
        }
    }
    c.close().await.unwrap();
}

/// Every page's header and footer lines end with `label`, on several pages.
fn assert_labelled(pages: &[String], label: &str) {
    assert!(pages.len() >= 2, "a checklist prints on several pages: {}", pages.len());
    for (n, page) in pages.iter().enumerate() {
        let PageFrame { header, footer, .. } = page_frame(page);
        assert!(header.trim_end().ends_with(label), "page {} header: {header:?}\n{page}", n + 1);
        assert!(footer.trim_end().ends_with(label), "page {} footer: {footer:?}\n{page}", n + 1);
    }
}

/// Prints the page and checks that it holds `title` on pages labelled `label`, no control, and
/// not the catalog.
async fn assert_prints(c: &Client, name: &str, title: &str, label: &str) {
    let pages = print_pages(c, name).await;
    assert_labelled(&pages, label);
    let all = squash(&pages.join("\n"));
    assert!(all.contains(&squash(title)), "{title} not printed:\n{all}");
    assert!(!all.contains("Crisis communication checklists"), "the catalog printed:\n{all}");
    for control in [
        "More about this step",
        "All checklists",
        "Choose a label",
        "Labels explained",
        "JavaScript is off",
        "tick this box",
    ] {
        assert!(!all.contains(control), "control text {control:?} printed:\n{all}");
    }
}

#[tokio::test]
async fn a_checklist_prints_labelled_on_every_page_without_controls() {
    let agent = format!("crisis-comms-e2e-noscript-print-{}", std::process::id());
    let c = reader(&agent).await;
    let all = library();
    let s = all.iter().find(|s| s.id == "account-compromise").unwrap();
    let test = all.iter().find(|s| s.kind == ScenarioKind::StressTest).unwrap();
    go(&c, "#/s/account-compromise").await;
    shown_view(&c, "/s/account-compromise").await;
    if engine() == Engine::Chromium {
        // The browser's Print as it is: the view the address names.
        assert_prints(&c, "noscript", &s.title, s.label.as_str()).await;
    }
    // Firefox prints a copy of the page that has lost the address's view: the box to tick
    // before printing chooses it (in Chromium too).
    let pick = find(&c, "[id=\"/s/account-compromise\"] .cc-print-pick").await;
    pick.click().await.unwrap();
    assert_prints(&c, "noscript-ticked", &s.title, s.label.as_str()).await;
    let last = &s.sections.last().unwrap().items.last().unwrap().text;
    let pages = squash(&print_pages(&c, "noscript-last").await.join("\n"));
    assert!(pages.contains(&squash(last)), "the last step is printed");
    pick.click().await.unwrap();
    // A stress test prints labelled too.
    go(&c, &format!("#/s/{}", test.id)).await;
    shown_view(&c, &format!("/s/{}", test.id)).await;
    find(&c, &format!("[id=\"/s/{}\"] .cc-print-pick", test.id)).await.click().await.unwrap();
    assert_prints(&c, "noscript-stress", &test.title, test.label.as_str()).await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn reading_every_checklist_asks_the_server_for_nothing_beyond_the_page() {
    let agent = format!("crisis-comms-e2e-noscript-requests-{}", std::process::id());
    let c = reader(&agent).await;
    let at_load = server_log(&agent);
    // The log works: it holds the page and the stylesheet read without scripts.
    assert!(
        at_load.iter().any(|r| r.starts_with("GET / ") || r.starts_with("GET /index.html ")),
        "{at_load:#?}"
    );
    assert!(at_load.iter().any(|r| r.starts_with("GET /noscript-") && r.contains(".css ")), "{at_load:#?}");
    e2e::assert_files_of_dist(&at_load, "page");
    for (name, _) in BUILT_IN {
        let id = built_in_id(name);
        go(&c, &format!("#/s/{id}")).await;
        shown_view(&c, &format!("/s/{id}")).await;
    }
    go(&c, "#/labels").await;
    shown_view(&c, "/labels").await;
    let after = server_log(&agent);
    assert_eq!(after, at_load, "requests after the page loaded, while reading checklists");
    for request in &after {
        for (name, _) in BUILT_IN {
            assert!(!request.contains(built_in_id(name)), "a request names a checklist: {request}");
        }
    }
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_reader_without_scripts_reads_each_language_s_page_and_the_labels_stay_first_s() {
    let agent = format!("crisis-comms-e2e-noscript-languages-{}", std::process::id());
    let c = reader(&agent).await;
    let library = Library::built_in();
    // From the English page, the link to the Spanish one, named in Spanish.
    let link = find(&c, ".cc-static-languages a[hreflang=\"es\"]").await;
    assert_eq!(link.text().await.unwrap(), "Español");
    link.click().await.unwrap();
    find(&c, "html[lang=\"es\"]").await;
    let es = Words::of("es");
    let catalog = shown_view(&c, "/").await;
    for key in ["catalog.title", "catalog.lead", "catalog.stress_tests", "catalog.drills"] {
        assert!(catalog.contains(&squash(es.get(key))), "es: {key}");
    }
    assert!(!catalog.contains(&squash(english("catalog.lead"))), "English left in the Spanish catalog");
    let note = find(&c, ".cc-static-note").await.text().await.unwrap();
    assert_eq!(squash(&note), squash(es.get("static_page.no_script")));
    let links = c.find_all(Locator::Css(".cc-static-languages a")).await.unwrap();
    let mut names = Vec::new();
    for l in links {
        names.push(l.text().await.unwrap());
    }
    assert_eq!(names, ["English", "Deutsch", "Français"], "the other languages, each named in itself");

    // Each checklist in Spanish, steps and messages, with FIRST's labels.
    let mut spanish = 0;
    for s in library.scenarios_in("es") {
        if library.untranslated(&s.id, "es") {
            continue;
        }
        spanish += 1;
        let id = format!("/s/{}", s.id);
        go(&c, &format!("es.html#{id}")).await;
        let text = shown_view(&c, &id).await;
        assert!(text.contains(&squash(&s.title)), "{}: its Spanish title", s.id);
        for item in s.items() {
            assert!(text.contains(&squash(&item.text)), "{}: step {}", s.id, item.id);
            assert!(text.contains(item.label.as_str()), "{}: the label of {}", s.id, item.id);
        }
        if s.kind == ScenarioKind::Checklist {
            assert!(text.contains(&squash(es.get("scenario.record_label"))), "{}", s.id);
            assert!(!text.contains("More about this step"), "{}: English words around it", s.id);
        }
    }
    assert!(spanish >= 40, "{spanish} Spanish checklists read");
    // A Spanish checklist prints labelled, without its controls.
    let s = library.get_in("account-compromise", "es").expect("the Spanish translation");
    go(&c, "es.html#/s/account-compromise").await;
    shown_view(&c, "/s/account-compromise").await;
    find(&c, "[id=\"/s/account-compromise\"] .cc-print-pick").await.click().await.unwrap();
    let pages = print_pages(&c, "noscript-es").await;
    assert_labelled(&pages, s.label.as_str());
    let all = squash(&pages.join("\n"));
    assert!(all.contains(&squash(&s.title)), "{all}");
    assert!(!all.contains(&squash(es.get("static_page.print_choice"))), "the box's words printed");

    // German: the interface in German; the checklists, not translated, in English, their own
    // text marked so, with a note in German.
    go(&c, "de.html#/s/account-compromise").await;
    find(&c, "html[lang=\"de\"]").await;
    let de = Words::of("de");
    let title = find(&c, "[id=\"/s/account-compromise\"] h1").await;
    assert_eq!(title.attr("lang").await.unwrap().as_deref(), Some("en"));
    let text = shown_view(&c, "/s/account-compromise").await;
    assert!(text.contains(&squash(de.get("scenario.untranslated"))), "{text}");
    assert!(text.contains(&squash(de.get("scenario.record_label"))), "{text}");
    assert!(!text.contains(&squash(english("scenario.record_label"))), "{text}");
    let menu = find(&c, ".cc-topnav").await.text().await.unwrap();
    assert!(menu.contains(de.get("frame.checklists")), "{menu}");
    go(&c, "de.html#/labels").await;
    let labels = shown_view(&c, "/labels").await;
    assert!(labels.contains(&squash(de.get("labels.title"))), "{labels}");
    for t in Tlp::ALL {
        assert!(labels.contains(t.as_str()), "de: {t}");
    }

    // Only the pages' own files were asked for.
    e2e::assert_files_of_dist(&server_log(&agent), "page");
    c.close().await.unwrap();
}

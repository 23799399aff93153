//! The interface's language, end to end: it follows the browser's, the reader can switch it
//! in the menu (kept on the device, over a reload), switching touches no record, the app's
//! root says its language for screen readers, the host page's `<html lang>` is left alone, and
//! the TLP labels are FIRST's in every language, on the labels page too. The expected words are
//! read from `locales/*.json`, the files the app is built from.

use std::path::Path;

use crisis_comms::content::Library;
use crisis_comms::model::assess::{applies, Answer};
use crisis_comms::model::audience::Audience;
use crisis_comms::model::checklist::{ScenarioKind, Shape};
use e2e::{
    browser, browser_speaking, choose, console_errors, find, is_checked, js, open, page_frame, print_pages,
    record_markdown, settle, texts, wait_ready,
};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// The five labels, as FIRST writes them.
const LABELS: [&str; 5] = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

/// The five labels in the order the labels page lists them, most restricted first.
const FIRST_ORDER: [&str; 5] = ["TLP:RED", "TLP:AMBER+STRICT", "TLP:AMBER", "TLP:GREEN", "TLP:CLEAR"];

/// The interface's words in `lang`, from `locales/<lang>.json`.
fn words(lang: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../locales/{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("a locale file is JSON")
}

/// The words under the dotted `key`, with each `{{ name }}` of `values` filled in.
fn word(words: &Value, key: &str, values: &[(&str, String)]) -> String {
    let mut text =
        key.split('.').fold(words, |v, k| &v[k]).as_str().unwrap_or_else(|| panic!("no `{key}`")).to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{{ {name} }}}}"), value);
    }
    text
}

/// The language the app's root element says it is in.
async fn root_lang(c: &Client) -> Value {
    js(c, "return document.querySelector('.crisis-comms[data-app-ready]').getAttribute('lang')", vec![]).await
}

#[tokio::test]
async fn the_frame_and_the_catalog_follow_the_browser_s_language_and_the_labels_stay_first_s() {
    let english = words("en");
    for lang in ["es", "de", "fr"] {
        let w = words(lang);
        assert_ne!(
            word(&w, "catalog.title", &[]),
            word(&english, "catalog.title", &[]),
            "{lang} is translated"
        );
        let c = browser_speaking(lang).await;
        open(&c, "").await;
        assert_eq!(root_lang(&c).await, json!(lang), "the app's root says its language");
        // The standalone page opened in the reader's language: its page of that language,
        // whose <html lang> says so.
        let html_lang = js(&c, "return document.documentElement.getAttribute('lang')", vec![]).await;
        assert_eq!(html_lang, json!(lang), "the page in the reader's language says so");
        let url = c.current_url().await.unwrap();
        assert!(url.path().ends_with(&format!("/{lang}.html")), "{url}");

        // The frame: skip link, menu and the choice of language, showing this one.
        let menu = texts(&c, ".cc-topnav a").await;
        let expected: Vec<String> = ["checklists", "decide", "labels", "records"]
            .iter()
            .map(|k| word(&w, &format!("frame.{k}"), &[]))
            .collect();
        assert_eq!(menu, expected, "{lang}: the menu");
        let skip = find(&c, ".cc-skip").await.prop("textContent").await.unwrap();
        assert_eq!(skip.as_deref(), Some(word(&w, "frame.skip", &[]).as_str()), "{lang}: the skip link");
        assert_eq!(
            find(&c, ".cc-language label").await.text().await.unwrap(),
            word(&w, "frame.language", &[])
        );
        let chosen = js(&c, "return document.querySelector('.cc-language select').value", vec![]).await;
        assert_eq!(chosen, json!(lang), "{lang}: the menu's choice shows the language in use");
        let names = texts(&c, ".cc-language option").await;
        assert_eq!(names, ["English", "Español", "Deutsch", "Français"], "each language named in itself");

        // The catalog.
        assert_eq!(find(&c, ".cc-catalog h1").await.text().await.unwrap(), word(&w, "catalog.title", &[]));
        assert_eq!(find(&c, ".cc-lead").await.text().await.unwrap(), word(&w, "catalog.lead", &[]));
        assert_eq!(
            find(&c, ".cc-filters label").await.text().await.unwrap(),
            word(&w, "catalog.search", &[])
        );
        let total = c.find_all(Locator::Css(".cc-scenario-card")).await.unwrap().len();
        let count = find(&c, ".cc-count").await.text().await.unwrap();
        assert_eq!(count, word(&w, "catalog.count", &[("total", total.to_string())]), "{lang}: the count");
        let record_label = word(&w, "catalog.record_label", &[]);
        let metas = texts(&c, ".cc-scenarios > .cc-scenario-card .cc-meta").await;
        assert!(metas.len() > 10, "{lang}: the cards' lines are found");
        for meta in &metas {
            assert!(meta.starts_with(&record_label), "{lang}: a card says {meta:?}");
        }
        // A card's title and summary say their language where it is not the interface's: Spanish
        // has every built-in file translated, German and French show the English originals.
        let card_langs = js(
            &c,
            "return [...document.querySelectorAll('.cc-scenario-card h2, .cc-scenario-card h2 + p')]\
             .map(e => e.getAttribute('lang'))",
            vec![],
        )
        .await;
        let card_langs: Vec<Option<String>> = serde_json::from_value(card_langs).unwrap();
        assert_eq!(card_langs.len(), 2 * total, "{lang}: each card's title and summary");
        let expected = if lang == "es" { None } else { Some("en".to_owned()) };
        assert!(card_langs.iter().all(|l| *l == expected), "{lang}: the cards' lang {card_langs:?}");

        // The labels: exactly FIRST's, whatever the language.
        let badges = texts(&c, ".cc-scenario-card .cc-tlp").await;
        assert_eq!(badges.len(), total, "{lang}: one label per card");
        for badge in &badges {
            assert!(LABELS.contains(&badge.as_str()), "{lang}: a label reads {badge:?}");
        }

        // The other pages' own words, and the window's title, in the same language; a
        // checklist's step labels stay FIRST's.
        open(&c, "#/s/account-compromise").await;
        find(&c, "[data-item]").await;
        let print = find(&c, ".cc-print-link").await.text().await.unwrap();
        assert_eq!(print, word(&w, "scenario.print_record", &[]), "{lang}: the checklist's print link");
        for badge in texts(&c, "[data-item] .cc-tlp").await {
            assert!(LABELS.contains(&badge.as_str()), "{lang}: a step's label reads {badge:?}");
        }
        for (route, heading, key) in
            [("#/decide", ".cc-decide h1", "decide.title"), ("#/records", "main h1", "records.title")]
        {
            open(&c, route).await;
            let shown = find(&c, heading).await.text().await.unwrap();
            assert_eq!(shown, word(&w, key, &[]), "{lang}: the heading of {route}");
        }
        let title = js(&c, "return document.title", vec![]).await;
        let records = word(&w, "frame.records", &[]);
        assert!(
            title.as_str().is_some_and(|t| t.starts_with(&records)),
            "{lang}: the window's title {title}"
        );

        // The labels page in the same language, with the labels exactly as FIRST writes them.
        let labels_title = word(&w, "labels.title", &[]);
        assert_ne!(
            labels_title,
            word(&english, "labels.title", &[]),
            "{lang}: the labels page is translated"
        );
        open(&c, "#/labels").await;
        assert_eq!(
            find(&c, ".cc-labels h1").await.text().await.unwrap(),
            labels_title,
            "{lang}: its heading"
        );
        let caption = find(&c, ".cc-labels caption").await.text().await.unwrap();
        assert_eq!(caption, word(&w, "labels.caption", &[]), "{lang}: the table's caption");
        let rows = texts(&c, ".cc-labels tbody th .cc-tlp").await;
        assert_eq!(rows, FIRST_ORDER, "{lang}: the table's labels, most restricted first");
        let audience = texts(&c, ".cc-labels tbody td:nth-child(2)").await;
        assert_eq!(audience[0], word(&w, "labels.audience_red", &[]), "{lang}: who may receive TLP:RED");
        let options = texts(&c, ".cc-labels select.cc-received option").await;
        assert_eq!(options, FIRST_ORDER, "{lang}: the labels to choose from");
        // Where the label goes, said with TLP:AMBER, and what a recipient of TLP:AMBER may do.
        let marking = texts(&c, ".cc-labels h2 + ul li").await;
        let subject = word(&w, "labels.marking_subject", &[("label", "TLP:AMBER".into())]);
        assert!(marking.contains(&subject), "{lang}: {subject:?} in {marking:#?}");
        let guidance = texts(&c, ".cc-labels .cc-received-guidance li").await;
        assert_eq!(guidance[0], word(&w, "labels.recipient_amber", &[]), "{lang}: the rule of TLP:AMBER");
        // Every label the page's text names is one of FIRST's five strings.
        let text = find(&c, ".cc-labels").await.text().await.unwrap();
        for label in LABELS {
            assert!(text.contains(label), "{lang}: the page names {label}");
        }
        for token in text.split_whitespace().filter(|t| t.to_ascii_uppercase().contains("TLP:")) {
            let token = token.trim_matches(|c: char| !(c.is_alphanumeric() || c == '+' || c == ':'));
            let token = token.trim_end_matches(':');
            assert!(LABELS.contains(&token), "{lang}: the labels page writes {token:?}");
        }

        let errors = console_errors(&c).await;
        assert!(errors.is_empty(), "{lang}: console errors: {errors:#?}");
        c.close().await.unwrap();
    }
}

/// An audience's words in a language, as `locales/<lang>.json` gives them.
fn audience_word(words: &Value, a: Audience) -> String {
    word(words, &format!("audience.{}", a.key()), &[])
}

#[tokio::test]
async fn a_step_s_audience_and_a_stress_test_s_shapes_and_answers_are_in_spanish_and_follow_a_switch() {
    let (w, english) = (words("es"), words("en"));
    let scenarios = Library::built_in().scenarios();
    let checklist = scenarios.iter().find(|s| s.id == "account-compromise").expect("the checklist");
    let line = |words: &Value, audience: &[Audience]| {
        let names: Vec<String> = audience.iter().map(|&a| audience_word(words, a)).collect();
        format!("{} {}", word(words, "item.for_whom", &[]), names.join(", "))
    };
    let c = browser_speaking("es").await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item]").await;
    let shown = js(
        &c,
        "return [...document.querySelectorAll('[data-item] .cc-audience')] \
         .map(e => [e.closest('[data-item]').dataset.item, e.textContent]);",
        vec![],
    )
    .await;
    let shown = shown.as_array().expect("a list of steps' audience lines").clone();
    assert!(shown.len() > 3, "the steps' audience lines are found: {shown:?}");
    let mut first = None;
    for pair in &shown {
        let (id, text) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        let item = checklist.items().find(|i| i.id == id).unwrap_or_else(|| panic!("no step `{id}`"));
        assert_eq!(text, line(&w, &item.audience), "the audience of step `{id}`, in Spanish");
        assert_ne!(text, line(&english, &item.audience), "step `{id}`: not the English words");
        first.get_or_insert((id.to_owned(), item.audience.clone()));
    }
    // A switch of language rewrites the audience in place, without a reload.
    let (id, audience) = first.expect("a step with an audience");
    choose(&c, ".cc-language select", "en").await;
    assert_eq!(root_lang(&c).await, json!("en"));
    let now = find(&c, &format!("[data-item='{id}'] .cc-audience")).await.text().await.unwrap();
    assert_eq!(now, line(&english, &audience), "after switching to English");
    choose(&c, ".cc-language select", "es").await;

    // A stress test: its shapes and its answers, and the sentence of a question that does not
    // apply to the shape chosen, in Spanish.
    let test = scenarios
        .iter()
        .find(|s| {
            s.kind == ScenarioKind::StressTest && s.items().any(|q| !applies(q, Some(Shape::SmallGroup)))
        })
        .expect("a stress test with a question for some shapes only");
    open(&c, &format!("#/s/{}", test.id)).await;
    let label_of = |value: &'static str| {
        let c = c.clone();
        async move {
            let found = js(
                &c,
                "return [...document.querySelectorAll('input[type=radio]')] \
                 .filter(i => i.value === arguments[0]).map(i => i.labels[0].textContent);",
                vec![json!(value)],
            )
            .await;
            let found: Vec<String> = serde_json::from_value(found).expect("a list of labels");
            assert!(!found.is_empty(), "a choice `{value}` is shown");
            found
        }
    };
    for shape in Shape::ALL {
        let expected = word(&w, &format!("shape.{}", shape.key().replace('-', "_")), &[]);
        assert_eq!(label_of(shape.key()).await, [expected], "the shape `{}`", shape.key());
    }
    for answer in Answer::ALL {
        let expected = word(&w, &format!("answer.{}", answer.key().replace('-', "_")), &[]);
        assert_ne!(expected, answer.title(), "`{}` is translated", answer.key());
        for label in label_of(answer.key()).await {
            assert_eq!(label, expected, "the answer `{}` of every question", answer.key());
        }
    }
    find(&c, "input[value='small-group']").await.click().await.unwrap();
    let question = test.items().find(|q| !applies(q, Some(Shape::SmallGroup))).expect("a question");
    let sentence =
        find(&c, &format!("[data-item='{}'] .cc-na-shape", question.id)).await.text().await.unwrap();
    let small_group = word(&w, "shape.small_group", &[]);
    let in_sentence = small_group[..1].to_lowercase() + &small_group[1..];
    assert_eq!(sentence, word(&w, "stress.not_for_shape", &[("shape", in_sentence)]));

    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn switching_the_language_keeps_a_record_s_ticks_and_notes_and_is_kept_after_a_reload() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    assert_eq!(root_lang(&c).await, json!("en"), "a browser in English gets English");
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    find(&c, "[data-item='tell-platform'] .cc-note summary").await.click().await.unwrap();
    let note = "Asked the registry to freeze the package at 09:40.";
    find(&c, "[data-item='tell-platform'] textarea").await.send_keys(note).await.unwrap();
    settle(&c).await;
    let stored_before = js(&c, "return localStorage.getItem('crisis-comms:default:state')", vec![]).await;

    choose(&c, ".cc-language select", "de").await;
    let german = words("de");
    assert_eq!(root_lang(&c).await, json!("de"));
    let html_lang = js(&c, "return document.documentElement.getAttribute('lang')", vec![]).await;
    assert_eq!(html_lang, json!("en"), "the app leaves the page's own <html lang> as the page wrote it");
    assert_eq!(texts(&c, ".cc-topnav a").await[0], word(&german, "frame.checklists", &[]));
    assert!(is_checked(&c, "[data-item='reach-owner'] input[type=checkbox]").await, "the tick stays");
    let kept = find(&c, "[data-item='tell-platform'] textarea").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(note), "the note stays");
    let stored_after = js(&c, "return localStorage.getItem('crisis-comms:default:state')", vec![]).await;
    assert_eq!(stored_after, stored_before, "switching writes nothing to the records");
    let setting = js(&c, "return localStorage.getItem('crisis-comms:default:language')", vec![]).await;
    assert_eq!(setting, json!("de"), "the choice is a device setting of the namespace");
    // The record started in English is still told by its start, now in German words and
    // German dates (day.month.year), though the browser speaks English.
    let started = find(&c, ".cc-record-select option").await.text().await.unwrap();
    let prefix = word(&german, "scenario.started_at", &[("time", String::new())]);
    let date = started.strip_prefix(&prefix).and_then(|t| t.split(',').next()).unwrap_or_default();
    let parts: Vec<&str> = date.split('.').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())),
        "a German date: {started:?}"
    );

    // After a reload the choice holds, over the browser's English, and so does the record: the
    // page opens as the German page, at the same place.
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert_eq!(root_lang(&c).await, json!("de"));
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/de.html#/s/account-compromise"), "{url}");
    let html_lang = js(&c, "return document.documentElement.getAttribute('lang')", vec![]).await;
    assert_eq!(html_lang, json!("de"));
    let chosen = js(&c, "return document.querySelector('.cc-language select').value", vec![]).await;
    assert_eq!(chosen, json!("de"));
    assert!(
        is_checked(&c, "[data-item='reach-owner'] input[type=checkbox]").await,
        "the tick after a reload"
    );
    let kept = find(&c, "[data-item='tell-platform'] textarea").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(note), "the note after a reload");

    // A question asked stays open through a change of language, in the new language's words:
    // here the records page's "Delete…", then back to English, which the catalog then speaks.
    open(&c, "#/records").await;
    let english = words("en");
    let buttons = c.find_all(Locator::Css(".cc-record .cc-actions button")).await.unwrap();
    let delete = buttons.last().expect("the record's buttons");
    assert_eq!(delete.text().await.unwrap(), word(&german, "records.delete", &[]));
    delete.click().await.unwrap();
    let asked = find(&c, ".cc-record .cc-confirm").await.text().await.unwrap();
    assert!(asked.starts_with(&word(&german, "records.delete_question", &[])), "{asked}");
    choose(&c, ".cc-language select", "en").await;
    assert_eq!(root_lang(&c).await, json!("en"));
    let asked = find(&c, ".cc-record .cc-confirm").await.text().await.unwrap();
    assert!(asked.starts_with(&word(&english, "records.delete_question", &[])), "still asked: {asked}");
    let keep = c.find_all(Locator::Css(".cc-record .cc-confirm button")).await.unwrap();
    assert_eq!(keep.last().unwrap().text().await.unwrap(), word(&english, "records.keep", &[]));
    keep.last().unwrap().click().await.unwrap();
    assert_eq!(c.find_all(Locator::Css(".cc-record")).await.unwrap().len(), 1, "the record is kept");
    open(&c, "").await;
    assert_eq!(find(&c, ".cc-catalog h1").await.text().await.unwrap(), word(&english, "catalog.title", &[]));
    // English chosen again: the English page opens, though the address asked for the German one.
    c.goto(&format!("{}de.html#/labels", e2e::base_url())).await.unwrap();
    wait_ready(&c).await;
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/index.html#/labels"), "{url}");
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn in_session_only_mode_the_choice_of_language_is_not_written() {
    let c = browser_speaking("fr").await;
    open(&c, "").await;
    assert_eq!(root_lang(&c).await, json!("fr"));
    js(&c, "localStorage.setItem('crisis-comms:default:session-only', 'true')", vec![]).await;
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    choose(&c, ".cc-language select", "es").await;
    assert_eq!(root_lang(&c).await, json!("es"), "the choice holds in the tab");
    let setting = js(&c, "return localStorage.getItem('crisis-comms:default:language')", vec![]).await;
    assert_eq!(setting, Value::Null, "nothing written in session-only mode");
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert_eq!(root_lang(&c).await, json!("fr"), "after a reload the browser's language again");
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_drill_s_page_speaks_spanish_and_its_label_stays_first_s() {
    let (w, english) = (words("es"), words("en"));
    for key in ["drill.run_title", "drill.start"] {
        assert_ne!(word(&w, key, &[]), word(&english, key, &[]), "{key} is translated");
    }
    let c = browser_speaking("es").await;
    open(&c, "").await;
    // The first card of the catalog's group of drills, found by the group's Spanish heading.
    let href = js(
        &c,
        "const group = [...document.querySelectorAll('.cc-group-title')].find(h => h.textContent === arguments[0]); \
         return group && group.parentElement.querySelector('.cc-scenario-card a').getAttribute('href');",
        vec![json!(word(&w, "catalog.drills", &[]))],
    )
    .await;
    let href = href.as_str().expect("the catalog lists a drill under its Spanish heading").to_owned();
    find(&c, &format!(".cc-scenario-card a[href='{href}']")).await.click().await.unwrap();
    find(&c, ".cc-drill h1").await;

    let shown = |css: &'static str| {
        let c = c.clone();
        async move { find(&c, css).await.text().await.unwrap() }
    };
    assert_eq!(shown(".cc-drill-roles > h2").await, word(&w, "drill.roles", &[]), "the roles' heading");
    assert_eq!(shown(".cc-drill-start h2").await, word(&w, "drill.run_title", &[]), "the run's heading");
    assert_eq!(shown(".cc-drill-start legend").await, word(&w, "drill.length", &[]), "the length's legend");
    assert_eq!(shown(".cc-drill-begin").await, word(&w, "drill.start", &[]), "the start button");
    let banner = shown(".cc-drill .cc-exercise-banner").await;
    assert!(banner.contains("EXERCISE"), "the EXERCISE mark stays the model's: {banner}");
    assert!(banner.contains(&word(&w, "drill.exercise_note", &[])), "the banner's words: {banner}");
    // The labels, in the banner and in the page's sentence about its runs, are FIRST's.
    let badges = texts(&c, ".cc-drill .cc-exercise-banner .cc-tlp, .cc-drill .cc-meta .cc-tlp").await;
    assert!(!badges.is_empty(), "the drill's page shows its label");
    for badge in &badges {
        assert!(LABELS.contains(&badge.as_str()), "a label reads {badge:?}");
    }
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

/// A checklist file's title and the heading of its step `step`, from `checklists/<file>`.
fn checklist_words(file: &str, step: &str) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../checklists/{file}"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let title = text.lines().find_map(|l| l.strip_prefix("title = \"")).expect("a title");
    let heading = text
        .lines()
        .find_map(|l| l.strip_prefix("### ")?.strip_suffix(&format!(" {{#{step}}}")))
        .unwrap_or_else(|| panic!("{file} has no step {step}"));
    (title.trim_end_matches('"').to_owned(), heading.to_owned())
}

#[tokio::test]
async fn a_spanish_reader_gets_the_spanish_checklist_and_a_switch_keeps_its_ticks_and_notes() {
    let (spanish, english) = (
        checklist_words("es/account-compromise.md", "reach-owner"),
        checklist_words("account-compromise.md", "reach-owner"),
    );
    assert_ne!(spanish, english, "the checklist is translated");
    let c = browser_speaking("es").await;
    open(&c, "").await;
    let card = find(&c, ".cc-scenario-card a[href='#/s/account-compromise']").await.text().await.unwrap();
    assert_eq!(card, spanish.0, "the catalog names the checklist in Spanish");
    open(&c, "#/s/account-compromise").await;
    assert_eq!(find(&c, ".cc-scenario h1").await.text().await.unwrap(), spanish.0);
    let step = find(&c, "[data-item='reach-owner'] label").await;
    assert_eq!(step.text().await.unwrap(), spanish.1, "the step in Spanish");
    assert!(
        c.find_all(Locator::Css(".cc-untranslated")).await.unwrap().is_empty(),
        "no note: it is translated"
    );
    assert_eq!(
        texts(&c, ".cc-scenario [lang]").await,
        Vec::<String>::new(),
        "all of it in the page's language"
    );
    let steps = c.find_all(Locator::Css("[data-item]")).await.unwrap().len();
    for badge in texts(&c, "[data-item] .cc-tlp").await {
        assert!(LABELS.contains(&badge.as_str()), "a step's label reads {badge:?}");
    }
    let title = js(&c, "return document.title", vec![]).await;
    assert!(title.as_str().is_some_and(|t| t.starts_with(&spanish.0)), "the window's title {title}");

    // Ticked and noted in Spanish; in English the same record shows the original's words.
    step.click().await.unwrap();
    find(&c, "[data-item='tell-platform'] .cc-note summary").await.click().await.unwrap();
    let note = "Pedimos al registro que congele el paquete a las 09:40.";
    find(&c, "[data-item='tell-platform'] textarea").await.send_keys(note).await.unwrap();
    settle(&c).await;
    choose(&c, ".cc-language select", "en").await;
    assert_eq!(find(&c, ".cc-scenario h1").await.text().await.unwrap(), english.0);
    assert_eq!(find(&c, "[data-item='reach-owner'] label").await.text().await.unwrap(), english.1);
    assert_eq!(c.find_all(Locator::Css("[data-item]")).await.unwrap().len(), steps, "the same steps");
    assert!(is_checked(&c, "[data-item='reach-owner'] input[type=checkbox]").await, "the tick stays");
    let kept = find(&c, "[data-item='tell-platform'] textarea").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(note), "the note stays");

    // German has no translation of the checklists: the original shows, with a plain note.
    choose(&c, ".cc-language select", "de").await;
    let untranslated = find(&c, ".cc-untranslated").await.text().await.unwrap();
    assert_eq!(untranslated, word(&words("de"), "scenario.untranslated", &[]));
    assert_eq!(find(&c, ".cc-scenario h1").await.text().await.unwrap(), english.0);
    // The original's words say they are English, for a screen reader's voice; the interface's
    // words around them stay German.
    let h1 = find(&c, ".cc-scenario h1").await;
    assert_eq!(h1.attr("lang").await.unwrap().as_deref(), Some("en"));
    let step = find(&c, "[data-item='reach-owner'] label").await;
    assert_eq!(step.attr("lang").await.unwrap().as_deref(), Some("en"));
    let template = find(&c, ".cc-template h3").await;
    assert_eq!(template.attr("lang").await.unwrap().as_deref(), Some("en"));
    let plain_note = find(&c, ".cc-untranslated").await;
    assert_eq!(plain_note.attr("lang").await.unwrap(), None, "the note is German");
    let lang_of_note =
        js(&c, "return document.querySelector('.cc-untranslated').closest('[lang]').lang", vec![]).await;
    assert_eq!(lang_of_note, "de");
    assert!(is_checked(&c, "[data-item='reach-owner'] input[type=checkbox]").await);

    // Back in Spanish, after a reload too.
    choose(&c, ".cc-language select", "es").await;
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert_eq!(find(&c, "[data-item='reach-owner'] label").await.text().await.unwrap(), spanish.1);
    assert!(
        is_checked(&c, "[data-item='reach-owner'] input[type=checkbox]").await,
        "the tick after a reload"
    );
    let kept = find(&c, "[data-item='tell-platform'] textarea").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(note), "the note after a reload");
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

/// A browser in Spanish with a record of the Spanish account takeover checklist: a TLP:RED
/// step ticked and a message's placeholder filled.
async fn spanish_record() -> e2e::Browser {
    let c = browser_speaking("es").await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    find(&c, "input[data-placeholder='project']").await.send_keys("libexample").await.unwrap();
    settle(&c).await;
    c
}

#[tokio::test]
async fn a_spanish_record_prints_in_spanish_with_the_label_on_every_page() {
    let w = words("es");
    let (title, step) = checklist_words("es/account-compromise.md", "reach-owner");
    let c = spanish_record().await;
    let print = find(&c, ".cc-print-link").await;
    assert_eq!(print.text().await.unwrap(), word(&w, "scenario.print_record", &[]));
    print.click().await.unwrap();
    find(&c, ".cc-print-doc").await;

    let pages = print_pages(&c, "spanish-record").await;
    for (n, page) in pages.iter().enumerate() {
        let frame = page_frame(page);
        assert!(frame.header.trim_end().ends_with("TLP:AMBER+STRICT"), "page {} header: {page}", n + 1);
        assert!(frame.footer.trim_end().ends_with("TLP:AMBER+STRICT"), "page {} footer: {page}", n + 1);
        if let Some(number) = frame.number {
            let spanish = format!("Página {} de {}", n + 1, pages.len());
            assert!(number.contains(&spanish), "page {} number in Spanish: {page}", n + 1);
        }
        for control in ["scenario.print_record", "templates.copy", "item.add_note"] {
            let control = word(&w, control, &[]);
            assert!(!page.contains(&control), "page {} shows the control {control:?}", n + 1);
        }
    }
    // pdftotext may break a long line: the words are compared with single spaces.
    let all = pages.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(all.contains(&flat(&title)), "the Spanish title: {all}");
    assert!(all.contains(&flat(&step)), "the Spanish step: {all}");
    let done = word(&w, "print.done_at", &[("time", String::new())]);
    assert!(all.contains(done.trim_end()), "a done step in Spanish words: {all}");
    assert!(all.contains(&word(&w, "print.open", &[])), "an open step in Spanish words");
    let printed = word(&w, "print.printed_at", &[("time", String::new())]);
    assert!(all.contains(printed.trim_end()), "when it was printed, in Spanish words");
    // The record is named after the Spanish checklist; the lines around the labels, and the
    // dates and times, are Spanish too (a 24-hour clock, no AM or PM).
    assert!(all.contains(&format!("{} — ", flat(&title))), "the record's name: {all}");
    let label_line =
        word(&w, "print.label_line", &[("label", "TLP:AMBER+STRICT".into()), ("who", String::new())]);
    assert!(all.contains(label_line.trim_end()), "the label's line in Spanish: {all}");
    let for_line = word(&w, "print.for_line", &[("audience", String::new()), ("label", String::new())]);
    let for_word = for_line.split_whitespace().next().unwrap();
    assert!(all.contains(&format!(" · {for_word} ")), "each step says for whom in Spanish: {all}");
    assert!(!all.contains(" · For: "), "no English line for whom: {all}");
    assert!(!all.contains(" PM") && !all.contains(" AM"), "Spanish times: {all}");
    // The messages used are the Spanish checklist's, with the words around their labels in
    // Spanish too, and the labels as FIRST writes them.
    let end = word(&w, "templates.end_of_text", &[("label", "TLP:AMBER".into())]);
    assert!(all.contains(&end), "a Spanish message's end marker: {all}");
    assert!(!all.contains("END OF TLP:"), "no English end marker: {all}");
    assert!(all.contains(&format!("TLP:AMBER: {}", flat(&word(&w, "labels.recipient_amber", &[])))), "{all}");
    let subject = word(&w, "templates.subject_line", &[]);
    assert!(all.contains(&format!("{subject} [TLP:AMBER] ")), "a Spanish subject line: {all}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_spanish_record_exports_its_markdown_in_spanish_with_first_s_labels() {
    let w = words("es");
    let (title, step) = checklist_words("es/account-compromise.md", "reach-owner");
    let c = spanish_record().await;
    open(&c, "#/records").await;
    let md = record_markdown(&c, None, &word(&w, "records.export", &[])).await;
    // The label and its rule open and close the copy, the rule in Spanish.
    let rule = word(&w, "labels.recipient_amber_strict", &[]);
    assert!(md.starts_with(&format!("**TLP:AMBER+STRICT**: {rule}\n\n# {title} — ")), "{md}");
    assert!(md.trim_end().ends_with("**TLP:AMBER+STRICT**"), "{md}");
    let version =
        word(&w, "print.checklist_version", &[("title", title.clone()), ("version", String::new())]);
    assert!(md.contains(version.split(" (").next().unwrap()), "the checklist line in Spanish: {md}");
    let exported = word(&w, "print.exported", &[("time", String::new())]);
    assert!(md.contains(&format!("\n{}", exported.trim_end())), "when it was exported, in Spanish: {md}");
    let step_for = word(&w, "print.step_for", &[("audience", String::new()), ("label", String::new())]);
    let for_word = step_for.split_whitespace().next().unwrap();
    assert!(
        md.contains(&format!("- [x] {step} — {for_word} ")),
        "the Spanish step, for whom in Spanish: {md}"
    );
    assert!(md.contains(&format!("\n## {}\n", word(&w, "print.messages", &[]))), "{md}");
    let end = word(&w, "templates.end_of_text", &[("label", "TLP:AMBER".into())]);
    assert!(md.contains(&end), "a Spanish message's end marker: {md}");
    for english in ["Exported:", "Checklist:", " — for ", "## Messages", "END OF TLP:"] {
        assert!(!md.contains(english), "English words {english:?} in {md}");
    }
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_storage_notice_speaks_the_reader_s_language_and_the_damaged_data_is_kept() {
    let w = words("de");
    let c = browser_speaking("de").await;
    open(&c, "").await;
    c.execute(
        "localStorage.setItem('crisis-comms:default:state', '{\"version\": 4, \"records\": [')",
        vec![],
    )
    .await
    .unwrap();
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    let notice = find(&c, ".cc-notice p").await.text().await.unwrap();
    let corrupt = word(&w, "notice.corrupt", &[]);
    let (before, after) = corrupt.split_once("{{ why }}").expect("the notice says why");
    assert!(notice.starts_with(before) && notice.ends_with(after), "the notice in German: {notice}");
    assert!(!notice.contains("could not be read"), "no English: {notice}");
    // Why, in German too; the parser's own detail stays as it gives it.
    let not_json = word(&w, "error.not_json", &[]);
    let (why, _) = not_json.split_once(" ({{ why }})").expect("the detail in brackets");
    assert!(notice.contains(&format!("{before}{why} (")), "why, in German: {notice}");
    assert!(!notice.contains("not even JSON"), "no English: {notice}");
    let download = find(&c, ".cc-notice button").await.text().await.unwrap();
    assert_eq!(download, word(&w, "notice.download_damaged", &[]));
    c.close().await.unwrap();
}

//! The interface's language, end to end: it follows the browser's, the reader can switch it
//! in the menu (kept on the device, over a reload), switching touches no record, the app's
//! root says its language for screen readers, the host page's `<html lang>` is left alone, and
//! the TLP labels are FIRST's in every language. The expected words are read from
//! `locales/*.json`, the files the app is built from.

use std::path::Path;

use crisis_comms::content::Library;
use crisis_comms::model::assess::{applies, Answer};
use crisis_comms::model::audience::Audience;
use crisis_comms::model::checklist::{ScenarioKind, Shape};
use e2e::{
    browser, browser_speaking, choose, console_errors, find, is_checked, js, open, settle, wait_ready,
};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// The five labels, as FIRST writes them.
const LABELS: [&str; 5] = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"];

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

/// The text of each element matching `css`.
async fn texts(c: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for el in c.find_all(Locator::Css(css)).await.unwrap() {
        out.push(el.text().await.unwrap());
    }
    out
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
        let html_lang = js(&c, "return document.documentElement.getAttribute('lang')", vec![]).await;
        assert_eq!(html_lang, json!("en"), "the page's own <html lang> is left as the page wrote it");

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

    // After a reload the choice holds, over the browser's English, and so does the record.
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert_eq!(root_lang(&c).await, json!("de"));
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

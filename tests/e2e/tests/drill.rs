//! Tabletop drills on the release build, under the app's test clock (`window.crisisCommsClock`),
//! which the test moves ahead instead of waiting: a full drill is started as an exercise record;
//! its injects appear at their minute, when skipped ahead to and on demand, in that order, and a
//! participants' tab of the same browser shows exactly those, as they come; the scribe's notes
//! land in the record's communications log; the debrief's points (with an owner and a
//! stress-test link) make an after-action report that prints with EXERCISE and the label at the
//! top and bottom of every page and exports as Markdown marked the same way; the record is
//! marked EXERCISE in the records list, on its checklist page, in its Markdown export and on
//! every printed page of it. The quick variant runs its own injects only. A drill run beside a
//! real incident's record of the same checklist never takes that record's place. In
//! session-only mode the facilitator is told that no other tab can follow.

use std::time::Duration;

use e2e::{
    browser, capture_downloads, find, js, last_download, open, page_frame, print_pages, record_markdown,
    set_clock, type_into, PageFrame,
};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// 30 November 2025, 09:00 UTC: the test clock's start.
const T: f64 = 1_764_493_200_000.0;
const MINUTE: f64 = 60_000.0;
const DRILL: &str = "social-engineering-takeover-drill";
const CHECKLIST: &str = "social-engineering-takeover";

/// The interface's English words for the dotted `key` (`drill.noted`), from `locales/en.json`,
/// the file the app is built from, with each `{{ name }}` of `values` filled in.
fn en(key: &str, values: &[(&str, &str)]) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales/en.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let words: Value = serde_json::from_str(&text).expect("a locale file is JSON");
    let mut text =
        key.split('.').fold(&words, |v, k| &v[k]).as_str().unwrap_or_else(|| panic!("no `{key}`")).to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{{ {name} }}}}"), value);
    }
    text
}

/// The ids of the injects the facilitator's view marks as revealed, in the list's order.
async fn revealed_here(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('.cc-drill-run .cc-inject[data-revealed=\"true\"]')].map(e => e.dataset.inject)",
        vec![],
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// The ids of the injects the participants' view shows, in its order.
async fn shown_to_participants(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('.cc-drill-participants .cc-inject')].map(e => e.dataset.inject)",
        vec![],
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// Waits until `inject` is revealed in the facilitator's view (the page reads the clock every
/// second).
async fn wait_revealed(c: &Client, inject: &str) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&format!(".cc-inject[data-inject='{inject}'][data-revealed='true']")))
        .await
        .unwrap_or_else(|e| panic!("inject {inject} revealed: {e}"));
}

/// Waits until the participants' view shows `want`, in that order.
async fn wait_participants(c: &Client, want: &[&str]) {
    for _ in 0..100 {
        if shown_to_participants(c).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the participants' view shows {:?}, not {want:?}", shown_to_participants(c).await);
}

/// Every page's header and footer lines name EXERCISE and end with the label.
fn assert_exercise_on_every_page(pages: &[String], label: &str) {
    assert!(!pages.is_empty());
    for (n, page) in pages.iter().enumerate() {
        let PageFrame { header, footer, .. } = page_frame(page);
        assert!(
            header.contains("EXERCISE") && header.trim_end().ends_with(label),
            "page {} header: {header:?}",
            n + 1
        );
        assert!(
            footer.contains("EXERCISE") && footer.trim_end().ends_with(label),
            "page {} footer: {footer:?}\n{page}",
            n + 1
        );
    }
}

/// Starts a run of the drill, full or quick, from its page; returns the record's id.
async fn start(c: &Client, name: &str, quick: bool) -> String {
    open(c, &format!("#/s/{DRILL}")).await;
    set_clock(c, T).await;
    type_into(c, ".cc-drill-start input[type='text']", name).await;
    find(c, if quick { ".cc-drill-quick" } else { ".cc-drill-full" }).await.click().await.unwrap();
    find(c, ".cc-drill-begin").await.click().await.unwrap();
    find(c, ".cc-drill-run").await;
    let url = c.current_url().await.unwrap();
    let fragment = url.fragment().unwrap_or_default().to_owned();
    fragment.strip_prefix("/drill/").expect("the facilitator's route").to_owned()
}

#[tokio::test]
async fn a_full_drill_runs_on_the_clock_and_its_debrief_prints_marked_exercise() {
    let c = browser().await;
    // The drill's own page, printed with the browser's Print, says EXERCISE and its label on
    // every page.
    open(&c, &format!("#/s/{DRILL}")).await;
    let banner = find(&c, ".cc-drill .cc-exercise-banner").await.text().await.unwrap();
    assert!(banner.contains("EXERCISE") && banner.contains("TLP:AMBER"), "{banner}");
    assert_exercise_on_every_page(&print_pages(&c, "drill-page").await, "TLP:AMBER");
    let rid = start(&c, "Spring drill", false).await;
    let banner = find(&c, ".cc-drill-run .cc-exercise-banner").await.text().await.unwrap();
    assert!(banner.contains("EXERCISE") && banner.contains("TLP:AMBER"), "{banner}");
    assert!(revealed_here(&c).await.is_empty(), "nothing before the clock starts");

    // The participants' view, in a second tab of the same browser.
    let facilitator = c.window().await.unwrap();
    let participants = c.new_window(true).await.unwrap();
    c.switch_to_window(participants.handle.clone()).await.unwrap();
    open(&c, &format!("#/drill/{rid}/view")).await;
    set_clock(&c, T).await;
    find(&c, ".cc-drill-waiting").await;
    assert!(find(&c, ".cc-drill-participants .cc-exercise-banner")
        .await
        .text()
        .await
        .unwrap()
        .contains("EXERCISE"));
    c.switch_to_window(facilitator.clone()).await.unwrap();

    // Minute 0: the first inject comes as the clock starts.
    find(&c, ".cc-drill-go").await.click().await.unwrap();
    wait_revealed(&c, "helper-offers").await;
    assert_eq!(revealed_here(&c).await, ["helper-offers"]);
    // Minutes 12 and 25 come as the clock reaches them, not before.
    set_clock(&c, T + 11.0 * MINUTE).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(revealed_here(&c).await, ["helper-offers"], "minute 12 is not there at 11");
    set_clock(&c, T + 12.0 * MINUTE).await;
    wait_revealed(&c, "chorus").await;
    c.switch_to_window(participants.handle.clone()).await.unwrap();
    wait_participants(&c, &["helper-offers", "chorus"]).await;
    let text = find(&c, ".cc-drill-participants [data-inject='chorus']").await.text().await.unwrap();
    assert!(text.contains("12:00") && text.contains("Two more accounts join in"), "{text}");
    c.switch_to_window(facilitator.clone()).await.unwrap();
    set_clock(&c, T + 25.0 * MINUTE).await;
    wait_revealed(&c, "second-approach").await;
    // Skipping ahead brings minute 40 at once; the facilitator reveals minute 65 on demand.
    find(&c, ".cc-drill-skip").await.click().await.unwrap();
    wait_revealed(&c, "odd-patch").await;
    let clock = find(&c, ".cc-drill-run .cc-clock-time").await.text().await.unwrap();
    assert!(clock.starts_with("40:"), "the clock skipped to minute 40: {clock}");
    find(&c, ".cc-inject[data-inject='blogger'] .cc-reveal").await.click().await.unwrap();
    wait_revealed(&c, "blogger").await;
    set_clock(&c, T + 40.0 * MINUTE).await;
    wait_revealed(&c, "peer-asks").await;
    let order = ["helper-offers", "chorus", "second-approach", "odd-patch", "blogger", "peer-asks"];
    c.switch_to_window(participants.handle.clone()).await.unwrap();
    wait_participants(&c, &order).await;
    let facts = find(&c, ".cc-drill-participants [data-inject='blogger']").await.text().await.unwrap();
    assert!(facts.contains("A blogger asks for a comment"), "{facts}");
    c.switch_to_window(facilitator.clone()).await.unwrap();

    // The scribe notes a decision: it lands in the record's communications log, with its time.
    type_into(
        &c,
        ".cc-scribe-text",
        "Nobody gets publish rights this week; Dana tells the second maintainer",
    )
    .await;
    find(&c, ".cc-scribe-add").await.click().await.unwrap();
    let said = find(&c, ".cc-scribe-said").await.text().await.unwrap();
    // The words before the drill time, then the time.
    let noted = en("drill.noted", &[]);
    let before_time = noted.split("{{ time }}").next().unwrap_or_default();
    assert!(said.starts_with(&format!("{before_time}55:")), "{said}");
    // A step the inject calls for, ticked in the drill, is ticked in the exercise record.
    find(&c, ".cc-inject[data-inject='helper-offers'] [data-item='pause-request'] label")
        .await
        .click()
        .await
        .unwrap();

    // The debrief: points of each kind, one action with its owner and a stress-test question.
    find(&c, ".cc-drill-end").await.click().await.unwrap();
    let add = |kind: &'static str, text: String, owner: &'static str| {
        let c = c.clone();
        async move {
            js(
                &c,
                "const s = document.querySelector('.cc-debrief-kind'); s.value = arguments[0]; \
                 s.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![json!(kind)],
            )
            .await;
            type_into(&c, ".cc-debrief-text", &text).await;
            type_into(&c, ".cc-debrief-owner", owner).await;
            find(&c, ".cc-debrief-add").await.click().await.unwrap();
        }
    };
    add("went-well", "The second maintainer heard of every request within minutes".into(), "").await;
    add("action", "Write down who may grant publish rights, and how".into(), "").await;
    let refused = find(&c, ".cc-debrief-form [role='status']").await.text().await.unwrap();
    assert_eq!(refused, en("drill.owner_needed", &[]));
    find(&c, ".cc-debrief-stress input[type='checkbox']").await.click().await.unwrap();
    add("action", "Write down who may grant publish rights, and how".into(), "Dana").await;
    // Enough gaps for the report to run over several pages.
    for n in 1..=40 {
        add("gap", format!("Gap {n}: nobody knew who else could pause a release while Dana was away"), "")
            .await;
    }
    let action = find(&c, ".cc-debrief-action li").await.text().await.unwrap();
    assert!(
        action.contains(&en("drill.owner_of", &[("owner", "Dana")]))
            && action.contains(&en("drill.stress_tests_of", &[("tests", "")])),
        "{action}"
    );

    // The after-action report prints with EXERCISE and the label on every page.
    find(&c, ".cc-report-link").await.click().await.unwrap();
    find(&c, ".cc-drill-report .cc-print-doc").await;
    let pages = print_pages(&c, "after-action").await;
    assert!(pages.len() >= 2, "{} pages", pages.len());
    assert_exercise_on_every_page(&pages, "TLP:AMBER");
    // Words as printed, whatever the lines they wrap over.
    let all = pages.join("\n").split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        en("drill.report_title", &[("name", "Spring drill")]),
        en("drill.was_exercise", &[]),
        format!(
            "Write down who may grant publish rights, and how {}",
            en("drill.owner_of", &[("owner", "Dana")])
        ),
        en("drill.stress_test", &[("test", "")]),
        "Nobody gets publish rights this week".into(),
        // Firefox's PDF writes "fi" as one ligature: the words checked have none.
        "40:00 — A test".into(),
    ] {
        assert!(all.contains(&want), "{want:?} in\n{all}");
    }
    // And exports as Markdown, marked at both ends.
    capture_downloads(&c).await;
    find(&c, ".cc-report-export").await.click().await.unwrap();
    let md = last_download(&c).await;
    assert!(md.starts_with("**EXERCISE** · **TLP:AMBER**: "), "{md}");
    assert!(md.trim_end().ends_with("**EXERCISE** · **TLP:AMBER**"), "{md}");
    assert!(
        md.contains("- Write down who may grant publish rights, and how (owner: Dana)\n  - Stress test: "),
        "{md}"
    );

    // The exercise record: its checklist page, its log, the records list, its exports.
    open(&c, &format!("#/s/{CHECKLIST}")).await;
    let banner = find(&c, ".cc-scenario .cc-exercise-banner").await.text().await.unwrap();
    assert!(banner.contains("EXERCISE") && banner.contains("TLP:AMBER"), "{banner}");
    let log = find(&c, ".cc-entries").await.text().await.unwrap();
    assert!(log.contains("EXERCISE, drill time 55:") && log.contains("Nobody gets publish rights"), "{log}");
    assert!(e2e::is_checked(&c, "[data-item='pause-request'] input[type='checkbox']").await);
    // A message copied from the exercise record says so on its first and last lines.
    e2e::grant(&c, "clipboard-read").await;
    e2e::grant(&c, "clipboard-write").await;
    find(&c, ".cc-templates [data-template] button").await.click().await.unwrap();
    find(&c, ".cc-templates [data-template] .cc-copied:not(:empty)").await;
    let copied = e2e::clipboard_text(&c).await;
    let mark = "EXERCISE: part of a drill, not a real incident.";
    assert!(copied.starts_with(&format!("{mark}\n\n")), "{copied}");
    assert!(copied.ends_with(&format!("\n\n{mark}")), "{copied}");
    assert!(copied.contains("TLP:"), "{copied}");
    find(&c, ".cc-topnav a[href='#/records']").await.click().await.unwrap();
    let row = find(&c, &format!(".cc-record[data-record='{rid}'] .cc-meta")).await.text().await.unwrap();
    assert!(row.starts_with("EXERCISE"), "{row}");
    let md = record_markdown(&c, Some(&rid), "Export as Markdown").await;
    assert!(md.starts_with("**EXERCISE** · **TLP:AMBER**: "), "{md}");
    assert!(md.trim_end().ends_with("**EXERCISE** · **TLP:AMBER**"), "{md}");
    assert!(md.contains("This is an exercise record (a drill), not a real incident."), "{md}");
    find(&c, &format!("li[data-record='{rid}'] a[href='#/s/{CHECKLIST}']")).await.click().await.unwrap();
    find(&c, ".cc-print-link").await.click().await.unwrap();
    find(&c, ".cc-print-page .cc-print-doc").await;
    let pages = print_pages(&c, "exercise-record").await;
    assert_exercise_on_every_page(&pages, "TLP:AMBER");
    // Moving between the drill's pages, the checklist and the records broke nothing.
    assert_eq!(e2e::console_errors(&c).await, Vec::<String>::new());
    c.close().await.unwrap();
}

/// Whether the checklist page's step `item` is ticked.
async fn ticked(c: &Client, item: &str) -> bool {
    e2e::is_checked(c, &format!(".cc-scenario [data-item='{item}'] input[type='checkbox']")).await
}

#[tokio::test]
async fn a_drill_beside_a_real_incident_never_takes_its_record_over() {
    let c = browser().await;
    // A real incident's record of the checklist: one step ticked on its page.
    open(&c, &format!("#/s/{CHECKLIST}")).await;
    find(&c, ".cc-scenario [data-item='tell-someone'] label").await.click().await.unwrap();
    assert!(ticked(&c, "tell-someone").await);
    // A drill of it: a step ticked in the facilitator's view goes to the exercise record.
    start(&c, "Drill beside the real thing", false).await;
    find(&c, ".cc-drill-go").await.click().await.unwrap();
    wait_revealed(&c, "helper-offers").await;
    find(&c, ".cc-inject[data-inject='helper-offers'] [data-item='pause-request'] label")
        .await
        .click()
        .await
        .unwrap();
    assert!(
        e2e::is_checked(&c, ".cc-inject [data-item='pause-request'] input[type='checkbox']").await,
        "ticked in the drill"
    );
    // The checklist's page still shows the real record, without the drill's tick.
    let drill_page = c.current_url().await.unwrap();
    open(&c, &format!("#/s/{CHECKLIST}")).await;
    find(&c, ".cc-scenario [data-item='tell-someone']").await;
    assert!(c.find_all(Locator::Css(".cc-exercise-banner")).await.unwrap().is_empty(), "no exercise shown");
    assert!(ticked(&c, "tell-someone").await, "the real record's tick");
    assert!(!ticked(&c, "pause-request").await, "the drill's tick is not in the real record");
    // The drill's own link to the checklist shows the exercise record there, marked.
    c.goto(drill_page.as_str()).await.unwrap();
    find(&c, ".cc-drill-run .cc-meta .cc-exercise-checklist").await.click().await.unwrap();
    let banner = find(&c, ".cc-scenario .cc-exercise-banner").await.text().await.unwrap();
    assert!(banner.contains("EXERCISE"), "{banner}");
    assert!(ticked(&c, "pause-request").await, "the drill's tick");
    assert!(!ticked(&c, "tell-someone").await, "the real record's tick is not in the exercise");
    assert_eq!(e2e::console_errors(&c).await, Vec::<String>::new());
    c.close().await.unwrap();
}

#[tokio::test]
async fn in_session_only_mode_the_facilitator_is_told_no_other_tab_can_follow() {
    let c = browser().await;
    start(&c, "Shared drill", false).await;
    find(&c, ".cc-participants-link").await;
    open(&c, "#/records").await;
    find(&c, ".cc-session-only button").await.click().await.unwrap();
    find(&c, ".cc-session-only .cc-confirm .cc-danger").await.click().await.unwrap();
    // Nothing is saved now: the run goes on in this tab, and another tab could not follow it.
    start(&c, "Drill on one screen", false).await;
    let said = find(&c, ".cc-drill-run .cc-drill-not-shared").await.text().await.unwrap();
    assert_eq!(said.trim(), en("drill.not_shared", &[]), "{said}");
    assert!(c.find_all(Locator::Css(".cc-participants-link")).await.unwrap().is_empty());
    find(&c, ".cc-drill-go").await.click().await.unwrap();
    wait_revealed(&c, "helper-offers").await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_quick_variant_runs_its_own_injects_at_their_quick_minutes() {
    let c = browser().await;
    start(&c, "Quick drill", true).await;
    let listed = js(
        &c,
        "return [...document.querySelectorAll('.cc-drill-run .cc-inject')].map(e => e.dataset.inject)",
        vec![],
    )
    .await;
    assert_eq!(listed, json!(["helper-offers", "second-approach", "odd-patch", "blogger"]));
    find(&c, ".cc-drill-go").await.click().await.unwrap();
    wait_revealed(&c, "helper-offers").await;
    set_clock(&c, T + 4.0 * MINUTE).await;
    wait_revealed(&c, "second-approach").await;
    // Paused, the clock stands still: minute 8 does not come however long the pause.
    find(&c, ".cc-drill-pause").await.click().await.unwrap();
    set_clock(&c, T + 30.0 * MINUTE).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(revealed_here(&c).await, ["helper-offers", "second-approach"]);
    let clock = find(&c, ".cc-drill-run .cc-clock-time").await.text().await.unwrap();
    assert!(clock.starts_with("4:"), "{clock}");
    c.close().await.unwrap();
}

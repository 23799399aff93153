//! Accessibility on the release build: axe-core checks every kind of page against WCAG 2.2 A
//! and AA, in the light and the dark colour scheme, in the state a person would leave it in (a
//! record started, a note open, a message filled in, the log holding an entry, a drill run with
//! an inject out and its debrief open, a lock set).
//!
//! axe-core comes from npm through `cargo xtask setup` (pinned, its tarball's SHA-512 checked)
//! and is handed to the tests as `E2E_AXE`; its script is run in each page through WebDriver's
//! Execute Script, which neither engine holds to the page's Content-Security-Policy, so the
//! app is not changed for it. Every rule of the five tags runs: none is turned off.

use std::time::Duration;

use e2e::{
    assert_scripts_off, base_url, browser_in, browser_without_scripts, choose, engine, find, js, open,
    set_lock_here, wait_ready, Browser, Engine, Scheme,
};
use fantoccini::{Client, Locator};
use serde_json::json;

/// The rule tags of WCAG 2.0, 2.1 and 2.2, levels A and AA (2.2 added no level A rule to axe).
const TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// A checklist with messages, used for the pages about one record.
const CHECKLIST: &str = "account-compromise";

/// axe-core's script, as `cargo xtask setup` installed it.
fn axe_script() -> String {
    let path = std::env::var("E2E_AXE").expect(
        "E2E_AXE is not set: the end-to-end tests run through `cargo xtask test`, which installs axe-core",
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read axe-core at {path}: {e}"))
}

/// The pages checked so far and what axe found on them.
struct Audit {
    scheme: Scheme,
    /// Whether the page runs its own scripts.
    scripts: bool,
    script: String,
    pages: Vec<String>,
    found: Vec<String>,
}

impl Audit {
    fn new(scheme: Scheme) -> Audit {
        Audit { scheme, scripts: true, script: axe_script(), pages: Vec::new(), found: Vec::new() }
    }

    /// Runs axe on the page as it is now and keeps each violation with the page's name.
    async fn check(&mut self, c: &Client, page: &str) {
        // Let the page draw what the last action changed (a page without scripts runs no
        // callback of a frame).
        if self.scripts {
            c.execute_async("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))", vec![])
                .await
                .unwrap();
        } else {
            // A page without scripts runs no timer; axe-core waits on timers between its rules,
            // so they run as soon as the running code is done (a promise's callbacks still run there).
            c.execute(
                "window.setTimeout = (f, ...args) => { Promise.resolve().then(() => f(...args)); return 0 }",
                vec![],
            )
            .await
            .unwrap();
        }
        let loaded = c.execute("return typeof window.axe", vec![]).await.unwrap();
        if loaded != "object" {
            let ran =
                c.execute(&format!("{}\n;return typeof window.axe", self.script), vec![]).await.unwrap();
            assert_eq!(ran, "object", "{page}: axe-core did not load into the page");
        }
        let result = c
            .execute_async(
                "const [tags, scheme, done] = arguments; \
                 if (!matchMedia(`(prefers-color-scheme: ${scheme})`).matches) { done({ scheme: false }); return; } \
                 axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then(r => done({ \
                   rules: r.passes.length + r.violations.length, review: r.incomplete.map(v => v.id), \
                   violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, url: v.helpUrl, \
                     nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })) })), \
                 }), e => done({ error: String(e) }))",
                vec![json!(TAGS), json!(self.scheme.as_str())],
            )
            .await
            .unwrap_or_else(|e| panic!("{page}: axe did not run: {e}"));
        assert_ne!(
            result["scheme"],
            json!(false),
            "{page}: the page does not see the {:?} scheme",
            self.scheme
        );
        assert!(result["error"].is_null(), "{page}: axe failed: {}", result["error"]);
        assert!(result["rules"].as_u64().unwrap_or(0) > 0, "{page}: no rule of axe applied: {result}");
        // What axe-core could not decide alone (say, contrast over an image) is not a finding;
        // it is printed for a person to look at.
        if result["review"].as_array().is_some_and(|r| !r.is_empty()) {
            println!("{page} ({:?}): for review: {}", self.scheme, result["review"]);
        }
        for v in result["violations"].as_array().unwrap() {
            let mut text = format!(
                "{page} ({:?}): {} [{}] {}\n    {}",
                self.scheme,
                v["id"].as_str().unwrap_or_default(),
                v["impact"].as_str().unwrap_or_default(),
                v["help"].as_str().unwrap_or_default(),
                v["url"].as_str().unwrap_or_default(),
            );
            for node in v["nodes"].as_array().unwrap() {
                let summary = node["summary"].as_str().unwrap_or_default().replace('\n', " ");
                text.push_str(&format!("\n    - {}: {summary}", node["target"].as_str().unwrap_or_default()));
            }
            self.found.push(text);
        }
        self.pages.push(page.to_owned());
    }

    /// Checks the page again on a phone's screen, where controls wrap and wide tables scroll.
    async fn on_a_phone(&mut self, c: &Client, page: &str) {
        c.set_window_size(390, 844).await.unwrap();
        self.check(c, &format!("{page} on a phone's screen")).await;
        c.set_window_size(1200, 900).await.unwrap();
    }

    /// Fails with every violation found, each with its rule, targets and help.
    fn finish(self, expected_pages: usize) {
        assert!(
            self.found.is_empty(),
            "axe-core found {} violations in the {:?} scheme:\n\n{}",
            self.found.len(),
            self.scheme,
            self.found.join("\n\n")
        );
        assert_eq!(self.pages.len(), expected_pages, "pages checked: {:?}", self.pages);
    }
}

/// Opens `path` and waits for an element of its page.
async fn visit(c: &Client, path: &str, css: &str) {
    open(c, path).await;
    find(c, css).await;
}

/// Every page kind, in the state a person leaves it in, checked in `scheme`.
async fn every_page(c: &Browser, scheme: Scheme) {
    let mut audit = Audit::new(scheme);

    visit(c, "#/", ".cc-scenario-card").await;
    audit.check(c, "the catalog").await;

    // The project's channels editor on the labels page, empty and then with a channel.
    visit(c, "#/labels", ".cc-ch-name").await;
    audit.check(c, "the labels page").await;
    find(c, ".cc-ch-name").await.send_keys("The forum").await.unwrap();
    choose(c, ".cc-ch-readers", "anyone").await;
    choose(c, ".cc-ch-archive", "public").await;
    choose(c, ".cc-ch-label", "TLP:CLEAR").await;
    find(c, ".cc-ch-add").await.click().await.unwrap();
    find(c, ".cc-project-channel").await;
    choose(c, ".cc-channel-label", "TLP:GREEN").await;
    choose(c, ".cc-channel", "The forum").await;
    find(c, ".cc-channel-verdict").await;
    audit.check(c, "the labels page with a channel and a channel check").await;
    audit.on_a_phone(c, "the labels page").await;

    // A checklist: a step ticked (which starts a record), a note open, a message filled in.
    visit(c, &format!("#/s/{CHECKLIST}"), "[data-item='reach-owner']").await;
    audit.check(c, "a checklist, untouched").await;
    find(c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    find(c, "[data-item='tell-platform'] .cc-note summary").await.click().await.unwrap();
    find(c, "[data-item='tell-platform'] .cc-note textarea")
        .await
        .send_keys("Asked the registry.")
        .await
        .unwrap();
    find(c, "[data-item='tell-platform'] .cc-detail summary").await.click().await.unwrap();
    find(c, ".cc-fields input[type=text]").await.send_keys("Example Project").await.unwrap();
    audit.check(c, "a checklist with a record, a note and a message filled in").await;

    // Its communications log: an entry logged by hand, and a channel's warning shown.
    choose(c, ".cc-log-how", "message").await;
    find(c, ".cc-log-form input[value='public']").await.click().await.unwrap();
    choose(c, ".cc-log-label", "TLP:CLEAR").await;
    find(c, ".cc-log-note").await.send_keys("Status post.").await.unwrap();
    find(c, ".cc-log-add").await.click().await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css(".cc-entries > li"))
        .await
        .expect("the entry is logged");
    choose(c, ".cc-log-channel", "The forum").await;
    find(c, ".cc-log-form input[value='leadership']").await.click().await.unwrap();
    choose(c, ".cc-log-label", "TLP:RED").await;
    find(c, ".cc-log-add").await.click().await.unwrap();
    find(c, ".cc-log-form .cc-channel-warning").await;
    audit.check(c, "a checklist's communications log with an entry and a channel warning").await;
    audit.on_a_phone(c, "that checklist").await;

    // The print views of that record.
    visit(c, &format!("#/print/{CHECKLIST}"), ".cc-print-doc").await;
    audit.check(c, "the record's print view").await;
    visit(c, &format!("#/blank/{CHECKLIST}"), ".cc-print-doc").await;
    audit.check(c, "the blank checklist's print view").await;
    visit(c, &format!("#/log/{CHECKLIST}/TLP:CLEAR"), ".cc-print-doc").await;
    audit.check(c, "the communications log's print view").await;

    // A stress test, partly answered, and the summary of all.
    visit(c, "#/s/votes-gamed", ".cc-stress").await;
    find(c, "input[value='small-group']").await.click().await.unwrap();
    find(c, ".cc-question-item input[value='partly']").await.click().await.unwrap();
    audit.check(c, "a stress test, partly answered").await;
    visit(c, "#/summary", ".cc-summary").await;
    audit.check(c, "the stress tests' summary").await;
    audit.on_a_phone(c, "the stress tests' summary").await;

    // The label framework, before and after answering.
    visit(c, "#/decide", "[data-question='0']").await;
    audit.check(c, "the label framework's first question").await;
    for (n, value) in ["everyone", "no", "no-one", "no", "no", "yes", "none", "no"].iter().enumerate() {
        find(c, &format!("[data-question='{n}'] input[value='{value}']")).await.click().await.unwrap();
        find(c, ".cc-wizard button[type=submit]").await.click().await.unwrap();
    }
    find(c, ".cc-result").await;
    audit.check(c, "the label framework's result").await;

    // A drill: its page, a run's facilitator view with an inject out and then ended with its
    // debrief open, and the participants' view.
    visit(c, "#/s/social-engineering-takeover-drill", ".cc-drill-begin").await;
    audit.check(c, "a drill's page").await;
    find(c, ".cc-drill-begin").await.click().await.unwrap();
    find(c, ".cc-drill-go").await.click().await.unwrap();
    find(c, ".cc-inject[data-revealed='true']").await;
    audit.check(c, "a drill's facilitator view with an inject revealed").await;
    audit.on_a_phone(c, "that facilitator view").await;
    let facilitator = c.current_url().await.unwrap();
    find(c, ".cc-drill-end").await.click().await.unwrap();
    find(c, ".cc-debrief").await;
    audit.check(c, "a drill's facilitator view, ended, with its debrief").await;
    let fragment = facilitator.fragment().unwrap_or_default().to_owned();
    visit(c, &format!("#{fragment}/view"), ".cc-drill-participants .cc-inject").await;
    audit.check(c, "a drill's participants' view").await;

    // Records, then a lock set there, and the unlock prompt it brings on the next load.
    visit(c, "#/records", ".cc-set-lock").await;
    audit.check(c, "the records page").await;
    set_lock_here(c, "a long passphrase for the test").await;
    audit.check(c, "the records page with a lock set").await;
    c.refresh().await.unwrap();
    wait_ready(c).await;
    find(c, ".cc-unlock .cc-passphrase").await;
    audit.check(c, "the unlock prompt").await;

    audit.finish(24);
}

#[tokio::test]
async fn every_page_passes_axe_in_the_light_scheme() {
    let c = browser_in(Scheme::Light).await;
    every_page(&c, Scheme::Light).await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn every_page_passes_axe_in_the_dark_scheme() {
    let c = browser_in(Scheme::Dark).await;
    every_page(&c, Scheme::Dark).await;
    c.close().await.unwrap();
}

/// The standalone page (`page`: `""` for `index.html`, or another language's `es.html`) as a
/// browser without JavaScript shows it, in `scheme`. In Chromium the
/// tab runs none of the page's scripts (DevTools' switch); axe-core, run through WebDriver,
/// still runs, its timers given to promises. Firefox with JavaScript off runs no promise's
/// callback either, so axe-core could not finish there: the page is parsed as a browser without
/// scripts parses it (`DOMParser`, which reads what `<noscript>` holds as markup and runs no
/// script), with its `<noscript>` elements unwrapped (a browser that runs scripts hides them),
/// and put in place of a page of the same origin that has no script (the server's "not found").
async fn without_scripts(scheme: Scheme, page: &str) -> (Browser, bool) {
    let url = format!("{}{page}", base_url());
    if engine() == Engine::Chromium {
        let c = browser_without_scripts(scheme).await;
        c.goto(&url).await.unwrap();
        assert_scripts_off(&c).await;
        return (c, false);
    }
    let c = browser_in(scheme).await;
    c.goto(&format!("{}not-a-page-of-the-app", base_url())).await.unwrap();
    let loaded = c
        .execute_async(
            "const [url, done] = arguments; \
             fetch(url).then(r => r.text()).then(html => { \
               const page = new DOMParser().parseFromString(html, 'text/html'); \
               for (const n of [...page.querySelectorAll('noscript')]) n.replaceWith(...n.childNodes); \
               document.replaceChild(document.adoptNode(page.documentElement), document.documentElement); \
               const links = [...document.querySelectorAll('link[rel=stylesheet]')]; \
               return Promise.all(links.map(l => new Promise(ok => { l.onload = l.onerror = ok; if (l.sheet) ok(); }))) \
                 .then(() => [links.length, document.styleSheets.length]); \
             }).then(done, e => done(String(e)))",
            vec![json!(url)],
        )
        .await
        .unwrap();
    let [links, sheets] = [&loaded[0], &loaded[1]];
    assert!(links.as_u64().is_some_and(|n| n > 0) && links == sheets, "the page's stylesheets: {loaded}");
    (c, true)
}

/// The views of the page without scripts: the catalog, a checklist, a stress test, a drill and
/// the labels.
const STATIC_VIEWS: [(&str, &str); 5] = [
    ("/", "the catalog"),
    ("/s/account-compromise", "a checklist"),
    ("/s/votes-gamed", "a stress test"),
    ("/s/social-engineering-takeover-drill", "a drill"),
    ("/labels", "the labels explained"),
];

#[tokio::test]
async fn the_page_without_scripts_passes_axe_in_both_schemes_and_in_other_languages() {
    // Spanish has its checklists translated; German shows them in English, marked so.
    for (scheme, page) in
        [(Scheme::Light, ""), (Scheme::Dark, ""), (Scheme::Light, "es.html"), (Scheme::Dark, "de.html")]
    {
        let (c, scripts) = without_scripts(scheme, page).await;
        let mut audit = Audit { scripts, ..Audit::new(scheme) };
        for (view, name) in STATIC_VIEWS {
            // Each view is shown by CSS (`:target`) at the app's own address.
            js(&c, "location.hash = '#' + arguments[0]", vec![json!(view)]).await;
            let shown = js(
                &c,
                "const v = document.getElementById(arguments[0]); return !!v && v.getClientRects().length > 0",
                vec![json!(view)],
            )
            .await;
            assert_eq!(shown, json!(true), "the view {view} is not shown without scripts");
            audit.check(&c, &format!("{name} without scripts {page}")).await;
        }
        audit.finish(STATIC_VIEWS.len());
        c.close().await.unwrap();
    }
}

//! Privacy, proven in the browser on the release build: a whole journey makes no request
//! after start-up (which ends once the service worker keeps the app's files) and none to any
//! other origin (the test server's own log and the page's
//! performance entries in every engine, and Chromium's own net log), violates no CSP rule,
//! and 100 script-injection payloads in every user text field execute nothing.

use e2e::{
    base_url, browser, browser_as, browser_with, console_errors, find, grant, open, server_log, wait_ready,
};
use fantoccini::{Client, Locator};
use serde_json::json;

/// Resource requests the page has made so far, by URL.
async fn resources(c: &Client) -> Vec<String> {
    let v =
        c.execute("return performance.getEntriesByType('resource').map(e => e.name)", vec![]).await.unwrap();
    v.as_array().into_iter().flatten().filter_map(|u| u.as_str().map(str::to_owned)).collect()
}

/// Opens a checklist and waits until the page has loaded everything it loads at start-up (the
/// icon comes after the app is ready), and its service worker has installed the app's files
/// and keeps the page: installing is the end of start-up, after which nothing is fetched.
async fn start(c: &Client) {
    open(c, "#/s/account-compromise").await;
    let kept = c
        .execute_async(
            "const done = arguments[0]; \
             const loaded = new Promise((ok) => document.readyState === 'complete' ? ok() : addEventListener('load', ok)); \
             const sw = navigator.serviceWorker; \
             const kept = () => new Promise((ok) => sw.controller ? ok() : sw.addEventListener('controllerchange', ok)); \
             loaded.then(() => sw.ready).then(kept).then(() => done(true)); \
             setTimeout(() => done('no service worker keeps the page after 20 s'), 20000);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kept, json!(true));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
}

/// A whole journey: tick, mark not applicable, write a note, fill a value, copy a template,
/// choose a label, export a backup and a record.
async fn journey(c: &Client) {
    grant(c, "clipboard-write").await;
    find(c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    find(c, "[data-item='tell-platform'] .cc-na-toggle").await.click().await.unwrap();
    find(c, "[data-item='start-log'] .cc-note summary").await.click().await.unwrap();
    find(c, "[data-item='start-log'] textarea").await.send_keys("Sam's phone: +1 555 0100").await.unwrap();
    find(c, "input[data-placeholder='project']").await.send_keys("libexample").await.unwrap();
    find(c, "[data-template='holding-statement'] button").await.click().await.unwrap();
    find(c, "[data-template='holding-statement'] .cc-copied:not(:empty)").await;
    open(c, "#/decide").await;
    find(c, "[data-question='0'] input[value='handlers']").await.click().await.unwrap();
    open(c, "#/records").await;
    find(c, ".cc-backup .cc-primary").await.click().await.unwrap();
    find(c, ".cc-record .cc-actions button").await.click().await.unwrap();
}

#[tokio::test]
async fn a_whole_journey_requests_nothing_after_start_up_and_nothing_elsewhere() {
    // The server logs each request with its User-Agent: this one's are this session's.
    let agent = format!("crisis-comms-e2e-privacy-{}", std::process::id());
    let c = browser_as(&agent).await;
    start(&c).await;
    c.execute(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', \
         e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
        vec![],
    )
    .await
    .unwrap();
    let at_start = resources(&c).await;
    let logged_at_start = server_log(&agent);
    // The log works: it holds the page, its script and its module, and the service worker,
    // which fetched the app's files once more to keep them (the test server forbids caching).
    for file in [" / ", ".js ", ".wasm ", "/sw.js ", "/index.html "] {
        assert!(
            logged_at_start.iter().any(|r| r.starts_with("GET /") && r.contains(file)),
            "{file} in the server's log: {logged_at_start:#?}"
        );
    }
    // Every request of start-up is for a file of the build, in the top folder (not embed/).
    e2e::assert_files_of_dist(&logged_at_start, "app");
    let origin = base_url();
    assert!(at_start.iter().any(|u| u.ends_with(".wasm")), "{at_start:#?}");
    assert!(at_start.iter().all(|u| u.starts_with(&origin)), "requests to other origins: {at_start:#?}");

    journey(&c).await;

    assert_eq!(resources(&c).await, at_start, "no request after start-up (performance entries)");
    assert_eq!(server_log(&agent), logged_at_start, "no request after start-up (the server's log)");
    let violations = c.execute("return window.__violations", vec![]).await.unwrap();
    assert_eq!(violations, json!([]), "CSP violations");
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn chromium_net_log_shows_requests_to_the_page_origin_alone() {
    let log = std::env::temp_dir().join(format!("cc-netlog-{}.json", std::process::id()));
    let log_arg = format!("--log-net-log={}", log.display());
    let c = browser_with(&[log_arg.as_str()]).await;
    start(&c).await;
    journey(&c).await;
    c.close().await.unwrap();

    // Chromium's net log lists every URL it requested and every host it looked up.
    let mut text = String::new();
    for _ in 0..50 {
        text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.trim_end().ends_with('}') {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let _ = std::fs::remove_file(&log);
    // Chromium may stop before closing the JSON; close it so it parses.
    let text = text.trim_end().trim_end_matches(',');
    let log: serde_json::Value = serde_json::from_str(text)
        .or_else(|_| serde_json::from_str(&format!("{text}]}}")))
        .expect("the net log is JSON");
    let start_job = &log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"];
    let origin = base_url();
    let origin = origin.trim_end_matches('/');
    // Requests the page made carry the page's origin as initiator; the browser's own
    // background requests (updates, sign-in, autofill) carry none and are not the page's.
    let page_requests: Vec<String> = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| &e["type"] == start_job)
        .filter(|e| e["params"]["initiator"].as_str().is_some_and(|i| i != "not an origin"))
        .map(|e| format!("{} <- {}", e["params"]["url"].as_str().unwrap_or(""), e["params"]["initiator"]))
        .collect();
    assert!(page_requests.len() >= 4, "the page's own requests were logged: {page_requests:#?}");
    let elsewhere: Vec<&String> =
        page_requests.iter().filter(|r| !r.starts_with(&format!("{origin}/"))).collect();
    assert!(elsewhere.is_empty(), "the page requested other origins: {elsewhere:#?}");
    assert!(page_requests.iter().all(|r| r.ends_with(&format!("<- \"{origin}\""))), "{page_requests:#?}");
}

/// 100 payloads: ten shapes of injection, each in ten spellings.
fn payloads() -> Vec<String> {
    let shapes = [
        "<img src=x onerror=\"window.__xss=1\">",
        "<script>window.__xss=1</script>",
        "<svg onload=window.__xss=1>",
        "<iframe src=\"javascript:window.__xss=1\"></iframe>",
        "\"><img src=x onerror=window.__xss=1>",
        "javascript:window.__xss=1",
        "<a href=\"javascript:window.__xss=1\">click</a>",
        "<details open ontoggle=window.__xss=1>",
        "[x](javascript:window.__xss=1) **{project}** `code`",
        "<style>*{display:none}</style><math><mtext><img src=x onerror=window.__xss=1>",
    ];
    let spellings: [fn(&str) -> String; 10] = [
        |s| s.to_owned(),
        |s| s.to_uppercase(),
        |s| format!("'{s}'"),
        |s| s.replace('<', "<\u{0}"),
        |s| format!("{s}{s}"),
        |s| s.replace(' ', "\t"),
        |s| s.replace('=', " = "),
        |s| format!("</textarea>{s}"),
        |s| format!("{{{{{s}}}}}"),
        |s| format!("--> {s} <!--"),
    ];
    shapes.iter().flat_map(|s| spellings.iter().map(move |f| f(s))).collect()
}

#[tokio::test]
async fn a_hundred_injection_payloads_show_as_text_and_execute_nothing() {
    let payloads = payloads();
    assert_eq!(payloads.len(), 100);
    // An imported backup puts every payload in a record name, a note and a template value.
    let mut records = serde_json::Map::new();
    for (n, p) in payloads.iter().enumerate() {
        let id = format!("r{n}");
        records.insert(
            id.clone(),
            json!({
                "id": id, "name": p, "scenario": "account-compromise", "scenario_version": 1,
                "created": 1.0, "updated": 1.0 + n as f64, "archived": false,
                "progress": { "items": { "reach-owner": { "status": "done", "note": p } }, "values": { "project": p } }
            }),
        );
    }
    let backup = json!({ "format": "crisis-comms", "version": 2, "data": { "records": records, "current": { "account-compromise": "r0" } } });
    let path = std::env::temp_dir().join(format!("cc-xss-{}.json", std::process::id()));
    std::fs::write(&path, backup.to_string()).unwrap();

    let c = browser().await;
    open(&c, "#/records").await;
    find(&c, ".cc-import").await.send_keys(&path.display().to_string()).await.unwrap();
    find(&c, ".cc-preview .cc-primary").await.click().await.unwrap();
    let names = c.find_all(Locator::Css(".cc-record input[type=text]")).await.unwrap();
    assert_eq!(names.len(), 100);

    // Typed payloads too: a note, a value and a record name.
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='start-log'] .cc-note summary").await.click().await.unwrap();
    find(&c, "[data-item='start-log'] textarea").await.send_keys(&payloads[0]).await.unwrap();
    find(&c, "input[data-placeholder='contact']").await.send_keys(&payloads[2]).await.unwrap();

    // Every record shown, every page visited: no payload became an element or ran.
    for n in [0usize, 1, 3, 4, 8, 9, 42, 99] {
        c.execute(
            "const s = JSON.parse(localStorage.getItem('crisis-comms:default:state')); \
             s.data.current['account-compromise'] = arguments[0]; \
             localStorage.setItem('crisis-comms:default:state', JSON.stringify(s));",
            vec![json!(format!("r{n}"))],
        )
        .await
        .unwrap();
        c.refresh().await.unwrap();
        wait_ready(&c).await;
        let pre = find(&c, "[data-template='holding-statement'] .cc-message").await.text().await.unwrap();
        if !payloads[n].contains(['\t', '\u{0}']) {
            assert!(pre.contains(&payloads[n]), "payload {n} shown as text: {pre}");
        }
        let note = find(&c, "[data-item='reach-owner'] textarea").await.prop("value").await.unwrap();
        assert_eq!(note.as_deref(), Some(payloads[n].as_str()));
    }
    open(&c, "#/records").await;
    let injected = c
        .execute(
            "return document.querySelectorAll('.crisis-comms img, .crisis-comms script, .crisis-comms iframe, \
             .crisis-comms svg, .crisis-comms math, .crisis-comms style, .crisis-comms object, .crisis-comms embed').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(injected.as_u64(), Some(0), "no element was injected");
    let ran = c.execute("return window.__xss === undefined", vec![]).await.unwrap();
    assert_eq!(ran.as_bool(), Some(true), "no payload ran");
    let _ = std::fs::remove_file(&path);
    c.close().await.unwrap();
}

#[tokio::test]
async fn every_file_the_page_loads_is_checked_against_its_integrity_hash() {
    let c = browser().await;
    open(&c, "#/").await;
    // Every stylesheet, icon, preloaded and loaded script of the page, and the module the loader
    // fetches: each with its hash, and the hash that of the file. (The build minifies the glue
    // after Trunk hashed it, then writes its new hash; the loader's hash is of the module that
    // wasm-opt left.)
    let checked = c
        .execute_async(
            "const done = arguments[0]; (async () => { \
               const hashOf = async (url) => { \
                 const bytes = await (await fetch(url)).arrayBuffer(); \
                 const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes)); \
                 return 'sha384-' + btoa(String.fromCharCode(...digest)); }; \
               const page = new DOMParser().parseFromString(await (await fetch(location.pathname)).text(), 'text/html'); \
               const out = []; \
               for (const el of page.querySelectorAll('link[href]:not([rel=manifest]), script[src]')) { \
                 const url = new URL(el.getAttribute('href') || el.getAttribute('src'), location.href); \
                 const want = el.getAttribute('integrity'); \
                 out.push([url.pathname, want !== null && want === await hashOf(url)]); \
                 if (el.matches('script[src]')) { \
                   const text = await (await fetch(url)).text(); \
                   const m = text.match(/fetch\\('([^']+)', \\{ integrity: '([^']+)' \\}\\)/); \
                   if (m) { const wasm = new URL(m[1], location.href); out.push([wasm.pathname, m[2] === await hashOf(wasm)]); } \
                 } \
               } \
               done(out); })()",
            vec![],
        )
        .await
        .unwrap();
    let checked = checked.as_array().expect("a list").clone();
    let files: Vec<&str> = checked.iter().filter_map(|entry| entry[0].as_str()).collect();
    for ending in ["_bg.wasm", ".svg"] {
        assert!(files.iter().any(|f| f.ends_with(ending)), "a {ending} file is checked: {checked:?}");
    }
    // The page's stylesheet, the app's and the one for readers without scripts; the glue
    // preloaded and the loader.
    assert!(files.iter().filter(|f| f.ends_with(".css")).count() >= 3, "{checked:?}");
    assert!(files.iter().filter(|f| f.ends_with(".js")).count() >= 2, "{checked:?}");
    for entry in &checked {
        assert_eq!(entry[1], true, "no integrity hash, or not the file's: {entry}");
    }
    c.close().await.unwrap();
}

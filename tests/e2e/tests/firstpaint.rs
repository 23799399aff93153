//! The first paint on the release build, in each engine: the standalone page shows its static
//! view before the module has arrived; steps ticked there are kept when the app takes over
//! (in place, at the same scroll position), and with a lock they are ticked once unlocked; the
//! module reads the checklists' wording from the file the page links, and a page without it, or
//! whose wording does not load, says so plainly.
//!
//! Each test serves `dist/` on a port of its own, through a server that holds back the module
//! (`*_bg.wasm`) until the test lets it go, so the test can act while only the static view is
//! there.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::{
    browser, console_errors, dist, find, js, read_request, request_path, respond, set_lock_here, wait_ready,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

/// `dist/` served on a port of its own, with the module held back while `hold` is set. It also
/// serves `bare.html`, `index.html` without the link to its wording, and `lost.html`, whose link
/// names a wording file the server does not have.
struct Site {
    port: u16,
    hold: Arc<AtomicBool>,
}

impl Site {
    fn start() -> Site {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("a free port");
        let port = listener.local_addr().unwrap().port();
        let hold = Arc::new(AtomicBool::new(true));
        let held = hold.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let held = held.clone();
                std::thread::spawn(move || {
                    let _ = serve(stream, &dist(), &held);
                });
            }
        });
        Site { port, hold }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    /// Lets the module through, now and from now on.
    fn release(&self) {
        self.hold.store(false, Ordering::SeqCst);
    }

    fn hold(&self) {
        self.hold.store(true, Ordering::SeqCst);
    }
}

fn serve(stream: TcpStream, dir: &Path, hold: &AtomicBool) -> std::io::Result<()> {
    let request = read_request(&stream)?;
    let path = request_path(&request);
    if path.ends_with("_bg.wasm") {
        let started = Instant::now();
        while hold.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let file = dir.join(if path.is_empty() { "index.html" } else { path });
    let found = if path.contains("..") {
        None
    } else if path == "bare.html" {
        std::fs::read_to_string(dir.join("index.html")).ok().map(|html| without_wording(&html).into_bytes())
    } else if path == "lost.html" {
        let html = std::fs::read_to_string(dir.join("index.html")).ok();
        html.map(|html| html.replace(&wording_file(&html), "wording-lost.json").into_bytes())
    } else {
        std::fs::read(&file).ok()
    };
    respond(stream, &file, found)
}

/// The link to the page's wording in `html`.
fn wording_link(html: &str) -> &str {
    let at = html.find("<link rel=\"preload\" id=\"cc-wording\"").expect("index.html links its wording");
    &html[at..at + html[at..].find('>').unwrap() + 1]
}

/// The name of the wording file `html` links.
fn wording_file(html: &str) -> String {
    let link = wording_link(html);
    let at = link.find("href=\"./").unwrap() + "href=\"./".len();
    link[at..at + link[at..].find('"').unwrap()].to_owned()
}

/// `html` without the link to its wording.
fn without_wording(html: &str) -> String {
    html.replace(wording_link(html), "")
}

const CHECKLIST: &str = "account-compromise";

/// The static view's checkbox of step `item`.
fn static_box(item: &str) -> String {
    format!("[id=\"/s/{CHECKLIST}\"] input[type=checkbox][data-item=\"{item}\"]")
}

/// The app's checkbox of step `item`.
fn app_box(item: &str) -> String {
    format!("[data-app-ready] li[data-item=\"{item}\"] input[type=checkbox]")
}

/// Removes the service worker and its caches, so the next visit asks the server for the module.
async fn without_worker(c: &Client) {
    c.execute_async(
        "const done = arguments[0]; \
         navigator.serviceWorker.getRegistrations() \
           .then(rs => Promise.all(rs.map(r => r.unregister()))) \
           .then(() => caches.keys()).then(ks => Promise.all(ks.map(k => caches.delete(k)))) \
           .then(() => done(true), e => done(String(e)))",
        vec![],
    )
    .await
    .expect("the worker is removed");
}

/// Opens the checklist while the module is held back, and waits for its static view.
async fn open_static(c: &Client, site: &Site) {
    site.hold();
    if c.current_url().await.is_ok_and(|u| u.scheme() == "http") {
        without_worker(c).await;
    }
    c.goto("about:blank").await.unwrap();
    c.goto(&site.url(&format!("index.html#/s/{CHECKLIST}"))).await.expect("navigation");
    find(c, &format!("[id=\"/s/{CHECKLIST}\"] input[type=checkbox][data-item]")).await;
    let steps = js(c, "return document.querySelectorAll('[data-app-ready]').length", vec![]).await;
    assert_eq!(steps, 0, "the app must not be there while its module is held back");
}

/// The ids of the static view's first steps, in page order.
async fn static_steps(c: &Client) -> Vec<String> {
    let ids = js(
        c,
        &format!(
            "return [...document.querySelectorAll('[id=\"/s/{CHECKLIST}\"] input[type=checkbox][data-item]')]\
             .map(i => i.dataset.item)"
        ),
        vec![],
    )
    .await;
    ids.as_array().unwrap().iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

/// Whether the app shows step `item` as done.
async fn app_ticked(c: &Client, item: &str) -> bool {
    let css = app_box(item);
    find(c, &css).await;
    js(c, &format!("return document.querySelector('{}').checked", css.replace('\'', "\\'")), vec![]).await
        == Value::Bool(true)
}

/// Where step `item` is in the viewport (its top, in CSS pixels), in whichever view shows it.
async fn top_of(c: &Client, item: &str) -> f64 {
    let v = js(
        c,
        &format!(
            "const e = [...document.querySelectorAll('li[data-item=\"{item}\"]')].find(e => e.offsetParent !== null); \
             return e ? e.getBoundingClientRect().top : null"
        ),
        vec![],
    )
    .await;
    v.as_f64().unwrap_or_else(|| panic!("step {item} is not on screen"))
}

#[tokio::test]
async fn ticks_made_before_the_module_arrives_are_kept_and_the_app_takes_over_in_place() {
    let site = Site::start();
    let c = browser().await;
    open_static(&c, &site).await;
    let steps = static_steps(&c).await;
    assert!(steps.len() >= 6, "the static view shows the checklist's steps: {steps:?}");
    let (first, third, untouched) = (steps[0].clone(), steps[2].clone(), steps[1].clone());
    for item in [&first, &third] {
        find(&c, &static_box(item)).await.click().await.unwrap();
    }
    // A reader part-way down the page.
    js(&c, "window.scrollTo(0, 300)", vec![]).await;
    let scrolled = js(&c, "return window.scrollY", vec![]).await.as_f64().unwrap();
    assert!(scrolled > 100.0, "the page scrolls: {scrolled}");
    // The step at the top of the screen: where the reader is.
    let anchor = js(
        &c,
        "return [...document.querySelectorAll('li[data-item]')].find(e => { const r = e.getBoundingClientRect(); \
         return r.height > 0 && r.bottom > 0; }).dataset.item",
        vec![],
    )
    .await;
    let anchor = anchor.as_str().expect("a step on screen").to_owned();
    let before = top_of(&c, &anchor).await;

    site.release();
    wait_ready(&c).await;
    let after = top_of(&c, &anchor).await;
    assert!(
        (after - before).abs() <= 2.0,
        "no jump where the reader is: step {anchor} was at {before} px on screen, and is at {after} px"
    );
    assert!(app_ticked(&c, &first).await && app_ticked(&c, &third).await, "the static ticks are in the app");
    assert!(!app_ticked(&c, &untouched).await, "a step not ticked stays open");
    let left = js(&c, "return document.querySelectorAll('.cc-static').length", vec![]).await;
    assert_eq!(left, 0, "the static view is gone once the app is in place");
    assert!(console_errors(&c).await.is_empty());

    // Saved as if ticked in the app: a new visit, with the module at once, shows them.
    c.goto("about:blank").await.unwrap();
    c.goto(&site.url(&format!("index.html#/s/{CHECKLIST}"))).await.unwrap();
    wait_ready(&c).await;
    assert!(app_ticked(&c, &first).await && app_ticked(&c, &third).await, "the ticks were saved");
    assert!(!app_ticked(&c, &untouched).await);
    c.close().await.unwrap();
}

#[tokio::test]
async fn with_a_lock_the_static_ticks_are_kept_until_unlocked() {
    const PASS: &str = "correct horse battery staple, first paint";
    let site = Site::start();
    site.release();
    let c = browser().await;
    // A lock, set from the Records page.
    c.goto(&site.url("index.html#/records")).await.unwrap();
    wait_ready(&c).await;
    set_lock_here(&c, PASS).await;

    open_static(&c, &site).await;
    let steps = static_steps(&c).await;
    find(&c, &static_box(&steps[1])).await.click().await.unwrap();
    let locked_before = js(&c, "return Object.values(localStorage).join('\\n')", vec![])
        .await
        .as_str()
        .unwrap_or("")
        .to_owned();
    site.release();
    // Locked: only the prompt shows, and nothing of the checklist.
    let prompt = find(&c, ".cc-unlock .cc-passphrase").await;
    assert!(
        c.find(Locator::Css(&app_box(&steps[1]))).await.is_err(),
        "the app shows the checklist's steps before it is unlocked"
    );
    prompt.send_keys(&format!("{PASS}\u{e007}")).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(&app_box(&steps[1])))
        .await
        .expect("the checklist once unlocked");
    assert!(
        app_ticked(&c, &steps[1]).await,
        "the tick made before the module arrived is applied once unlocked"
    );
    assert!(!app_ticked(&c, &steps[0]).await);
    // Stored encrypted (the save is asynchronous: the envelope changes), and there after the
    // next unlock.
    let stored = || async {
        js(&c, "return Object.values(localStorage).join('\\n')", vec![])
            .await
            .as_str()
            .unwrap_or("")
            .to_owned()
    };
    let mut now = stored().await;
    for _ in 0..100 {
        if now != locked_before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        now = stored().await;
    }
    assert_ne!(now, locked_before, "the tick was saved");
    assert!(now.contains("crisis-comms-encrypted"), "stored encrypted");
    assert!(!now.contains(&format!("\"{}\"", steps[1])), "nothing is stored in clear");
    tokio::time::sleep(Duration::from_secs(1)).await;
    c.goto("about:blank").await.unwrap();
    c.goto(&site.url(&format!("index.html#/s/{CHECKLIST}"))).await.unwrap();
    find(&c, ".cc-unlock .cc-passphrase").await.send_keys(&format!("{PASS}\u{e007}")).await.unwrap();
    c.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(&app_box(&steps[1]))).await.unwrap();
    assert!(app_ticked(&c, &steps[1]).await, "the tick was saved under the lock");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_module_reads_the_wording_the_page_links_and_a_page_without_it_says_so() {
    let site = Site::start();
    site.release();
    let c = browser().await;
    // The module carries no copy of the wording, nor does the page's HTML: the file it links does.
    let module = std::fs::read_dir(dist())
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with("_bg.wasm"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .expect("dist/ has the module");
    let index = std::fs::read_to_string(dist().join("index.html")).unwrap();
    let wording = std::fs::read_to_string(dist().join(wording_file(&index))).unwrap();
    let phrase = "id = \"account-compromise\"";
    assert!(wording.contains(r#"id = \"account-compromise\""#), "the wording carries the checklist's source");
    assert!(!index.contains(r#"id = \"account-compromise\""#), "the page's HTML does not");
    assert!(!module.windows(phrase.len()).any(|w| w == phrase.as_bytes()), "the module has no copy of it");

    c.goto(&site.url("index.html#/s/account-compromise")).await.unwrap();
    wait_ready(&c).await;
    let title = find(&c, "[data-app-ready] h1").await.text().await.unwrap();
    assert!(!title.is_empty() && !title.contains("not found"), "the checklist opens: {title}");

    for (page, why) in
        [("bare.html", "does not carry the checklists' wording"), ("lost.html", "did not load")]
    {
        c.goto(&site.url(&format!("{page}#/s/account-compromise"))).await.unwrap();
        let mut said = String::new();
        for _ in 0..100 {
            // Read once the new page is there (its address), not the page before it.
            let text = "return location.pathname.endsWith(arguments[0]) ? document.getElementById('app').textContent : ''";
            said = js(&c, text, vec![serde_json::json!(page)]).await.as_str().unwrap_or("").to_owned();
            if said.contains("could not start") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(
            said.starts_with("crisis-comms could not start"),
            "{page}: a plain message, not a blank page: {said}"
        );
        assert!(said.contains(why), "{page}: {said}");
        // The static view stays below the message, to read and print.
        let step = find(&c, &static_box("reach-owner")).await;
        assert!(step.is_displayed().await.unwrap(), "{page}: the checklist can still be read");
    }
    c.close().await.unwrap();
}

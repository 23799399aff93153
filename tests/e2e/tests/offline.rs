//! Offline use on the release build, in each engine: after one visit the app opens and works
//! with the network off; a new version deployed over the old one is announced and loads only
//! when asked; the copy to keep, downloaded without a request, runs from disk.
//!
//! Each test serves its own copy of `dist/` on a port of its own (so its service worker is
//! its own). The network goes off by the test's server stopping, so nothing could answer a
//! request, and in Chromium also by the browser's own offline switch (DevTools'
//! `Network.emulateNetworkConditions`, its Network panel's "Offline"); see [`switch_offline`]
//! for Firefox's.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use e2e::{
    browser_saving_to, browser_speaking, console_errors, dist, engine, find, is_checked, js, page_frame,
    print_pages, read_request, request_path, respond, wait_ready, Cdp, Engine, PageFrame,
};
use fantoccini::Client;
use serde_json::json;

/// A folder of this test's own, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cc-offline-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies the files of `from` (at any depth) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A static host of this test's own: serves a folder on a port of 127.0.0.1, logs each request
/// line, and can be stopped and started again on the same port (the same origin).
struct Site {
    dir: PathBuf,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
    running: Option<(Arc<AtomicBool>, std::thread::JoinHandle<()>)>,
}

impl Site {
    /// A copy of `dist/`, served.
    fn new(name: &str) -> Site {
        let dir = scratch(name);
        copy_tree(&dist(), &dir);
        let mut site = Site { dir, port: 0, log: Arc::default(), running: None };
        site.start();
        site
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    fn start(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the test's port is free");
        self.port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let (dir, log, stopped) = (self.dir.clone(), self.log.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let _ = serve(stream, &dir, &log);
            }
        });
        self.running = Some((stop, thread));
    }

    /// Stops listening: from now on a request to the site's origin is refused.
    fn stop(&mut self) {
        if let Some((stop, thread)) = self.running.take() {
            stop.store(true, Ordering::SeqCst);
            let _ = TcpStream::connect(("127.0.0.1", self.port));
            thread.join().unwrap();
        }
    }

    fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn serve(stream: TcpStream, dir: &Path, log: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let request = read_request(&stream)?;
    log.lock().unwrap().push(request.trim_end().to_owned());
    let path = request_path(&request);
    let mut file = dir.join(path);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let found = if path.contains("..") { None } else { std::fs::read(&file).ok() };
    respond(stream, &file, found)
}

/// Turns Chromium's own offline switch on (its DevTools' "Offline", which a service worker's
/// answers still reach the page through). Firefox's own switch, File > Work Offline, refuses
/// to open any web page, even one a service worker keeps (it shows its "offline mode" error
/// page), and Firefox does not turn it on when the network goes; there a lost network is what
/// the test gives, with its server stopped.
async fn switch_offline(c: &Client) {
    if engine() == Engine::Chromium {
        c.issue_cmd(Cdp("Network.enable", json!({}))).await.expect("DevTools: Network.enable");
        let conditions =
            json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
        c.issue_cmd(Cdp("Network.emulateNetworkConditions", conditions)).await.expect("DevTools: offline");
    }
}

/// Opens `url` and waits for the app.
async fn visit(c: &Client, url: &str) {
    c.goto(url).await.expect("navigation");
    wait_ready(c).await;
}

/// Opens `url` again as a new visit would (through a blank page). A WebDriver refresh will not
/// do: Firefox's reloads it as a forced reload, which by design goes past the service worker.
async fn revisit(c: &Client, url: &str) {
    c.goto("about:blank").await.expect("navigation to a blank page");
    visit(c, url).await;
}

/// Waits until a service worker controls the page, and says whether the page knows it.
async fn wait_kept(c: &Client) {
    let kept = c
        .execute_async(
            "const done = arguments[0]; \
             const sw = navigator.serviceWorker; \
             if (!sw) { done('no service workers'); return; } \
             sw.ready.then(() => { \
               if (sw.controller) done(true); \
               else sw.addEventListener('controllerchange', () => done(true)); \
             }); \
             setTimeout(() => done('no worker controls the page after 20 s'), 20000);",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(kept, json!(true), "a service worker keeps the app");
}

/// Ticks the first step of the start-up checklist and writes a note on another.
async fn tick_and_note(c: &Client, note: &str) {
    find(c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    find(c, "[data-item='start-log'] .cc-note summary").await.click().await.unwrap();
    find(c, "[data-item='start-log'] textarea").await.send_keys(note).await.unwrap();
}

async fn note_text(c: &Client) -> String {
    find(c, "[data-item='start-log'] .cc-note summary").await;
    let value = find(c, "[data-item='start-log'] textarea").await.prop("value").await.unwrap();
    value.unwrap_or_default()
}

#[tokio::test]
async fn after_one_visit_the_app_opens_and_keeps_work_with_the_network_off() {
    let mut site = Site::new("works");
    let downloads = scratch("works-downloads");
    let c = browser_saving_to("crisis-comms-e2e-offline", &downloads).await;
    visit(&c, &site.url("index.html#/s/account-compromise")).await;
    wait_kept(&c).await;
    let served = site.requests();
    assert!(served.iter().any(|r| r.starts_with("GET /sw.js ")), "{served:#?}");

    switch_offline(&c).await;
    site.stop();
    let page = site.url("index.html#/s/account-compromise");
    revisit(&c, &page).await;
    tick_and_note(&c, "Written with the network off").await;
    revisit(&c, &page).await;
    assert!(is_checked(&c, "[data-item='reach-owner'] input[type=checkbox]").await, "the tick survived");
    assert_eq!(note_text(&c).await, "Written with the network off");
    // Every page opens from the kept files.
    for (fragment, heading) in [
        ("#/", "checklists"),
        ("#/decide", "Choose a label"),
        ("#/labels", "Traffic Light Protocol"),
        ("#/records", "Records on this device"),
        ("#/summary", "stress test"),
    ] {
        visit(&c, &site.url(&format!("index.html{fragment}"))).await;
        let h1 = find(&c, "main h1").await.text().await.unwrap();
        assert!(h1.contains(heading), "{fragment}: {h1}");
    }
    // The start page's address without index.html opens too.
    visit(&c, &site.url("#/records")).await;
    find(&c, ".cc-record").await;
    assert_eq!(site.requests(), served, "nothing reached the server after it stopped");
    drop(site);
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_new_version_is_announced_and_loads_only_when_asked() {
    let site = Site::new("update");
    let downloads = scratch("update-downloads");
    let c = browser_saving_to("crisis-comms-e2e-update", &downloads).await;
    visit(&c, &site.url("index.html#/s/account-compromise")).await;
    wait_kept(&c).await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();

    // A new build deployed over the old one: a new version of the worker (its version is on
    // its first line) and a page that can be told from the old.
    let worker = std::fs::read_to_string(site.dir.join("sw.js")).unwrap();
    let version =
        worker.lines().next().and_then(|l| l.strip_prefix("// crisis-comms ")).expect("the version line");
    let newer = version.chars().rev().collect::<String>();
    assert_ne!(newer, version);
    std::fs::write(site.dir.join("sw.js"), worker.replace(version, &newer)).unwrap();
    let page = std::fs::read_to_string(site.dir.join("index.html")).unwrap();
    let marked = page.replacen("</head>", "<meta name=\"e2e-build\" content=\"2\"></head>", 1);
    std::fs::write(site.dir.join("index.html"), marked).unwrap();

    // The next visit still gets the version the browser keeps, and hears of the new one.
    revisit(&c, &site.url("index.html#/s/account-compromise")).await;
    let notice = find(&c, ".cc-update").await.text().await.unwrap();
    assert!(notice.contains("A new version is ready"), "{notice}");
    let build = "return document.querySelector('meta[name=e2e-build]') ? 2 : 1";
    assert_eq!(c.execute(build, vec![]).await.unwrap(), json!(1));
    // It never reloads by itself, even while someone types.
    c.execute("window.__e2eSamePage = true", vec![]).await.unwrap();
    find(&c, "[data-item='start-log'] .cc-note summary").await.click().await.unwrap();
    find(&c, "[data-item='start-log'] textarea")
        .await
        .send_keys("Typed while a new version waits")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(c.execute("return window.__e2eSamePage === true", vec![]).await.unwrap(), json!(true));
    assert_eq!(c.execute(build, vec![]).await.unwrap(), json!(1));

    find(&c, ".cc-update button").await.click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while c.execute(build, vec![]).await.unwrap_or(json!(1)) != json!(2) {
        assert!(Instant::now() < deadline, "the new version did not load within 20 s of the click");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    wait_ready(&c).await;
    assert!(is_checked(&c, "[data-item='reach-owner'] input[type=checkbox]").await, "the tick was kept");
    assert_eq!(note_text(&c).await, "Typed while a new version waits");
    let notices = c.execute("return document.querySelectorAll('.cc-update').length", vec![]).await.unwrap();
    assert_eq!(notices, json!(0), "the new version shows no notice");
    c.close().await.unwrap();
}

/// Waits for a finished download named `name` in `folder` (browsers write a partial file
/// under another name first).
fn downloaded(folder: &Path, name: &str) -> Vec<u8> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let file = folder.join(name);
    loop {
        let partial =
            std::fs::read_dir(folder).map(|d| d.flatten().any(|e| e.file_name() != name)).unwrap_or(false);
        if file.is_file() && !partial {
            let bytes = std::fs::read(&file).unwrap();
            if !bytes.is_empty() {
                return bytes;
            }
        }
        assert!(Instant::now() < deadline, "no download of {name} within 30 s");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[tokio::test]
async fn the_copy_to_keep_downloads_without_a_request_and_runs_from_disk() {
    let site = Site::new("copy");
    let downloads = scratch("copy-downloads");
    let c = browser_saving_to("crisis-comms-e2e-copy", &downloads).await;
    visit(&c, &site.url("index.html#/records")).await;
    wait_kept(&c).await;
    let before = site.requests();
    let part = find(&c, ".cc-offline").await.text().await.unwrap();
    assert!(part.contains("downloading it sends no request"), "{part}");
    find(&c, ".cc-download-copy").await.click().await.unwrap();
    let copy = downloaded(&downloads, "crisis-comms-offline.html");
    // The worker made it from the files it keeps, the same bytes as the build's own copy.
    assert!(
        copy == std::fs::read(dist().join("crisis-comms-offline.html")).unwrap(),
        "the copy is the build's"
    );
    assert_eq!(site.requests(), before, "the download made no request");
    drop(site);

    // Opened from disk, with no server at all.
    let file = url::Url::from_file_path(downloads.join("crisis-comms-offline.html")).unwrap();
    visit(&c, file.as_str()).await;
    let titles = c.find_all(fantoccini::Locator::Css(".cc-catalog li")).await.unwrap();
    assert!(titles.len() >= 20, "the catalog shows every checklist: {}", titles.len());
    c.execute(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', \
         e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
        vec![],
    )
    .await
    .unwrap();
    visit(&c, &format!("{file}#/s/account-compromise")).await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    assert_eq!(c.execute("return window.__violations", vec![]).await.unwrap(), json!([]), "CSP violations");
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert!(
        is_checked(&c, "[data-item='reach-owner'] input[type=checkbox]").await,
        "the tick survived a reload"
    );

    // It prints labelled, as the website does.
    find(&c, ".cc-print-link").await.click().await.unwrap();
    find(&c, ".cc-print-doc").await;
    let pages = print_pages(&c, "offline-copy").await;
    assert!(!pages.is_empty());
    for (n, page) in pages.iter().enumerate() {
        let PageFrame { header, footer, .. } = page_frame(page);
        for line in [header, footer] {
            assert!(line.trim_end().ends_with("TLP:AMBER+STRICT"), "page {}: {line:?}\n{page}", n + 1);
        }
    }

    // Its records page says how its storage differs from the website's, and offers no download.
    visit(&c, &format!("{file}#/records")).await;
    let part = find(&c, ".cc-offline").await.text().await.unwrap();
    assert!(part.contains("apart from the website's records") && part.contains("backup"), "{part}");
    let links =
        c.execute("return document.querySelectorAll('.cc-download-copy').length", vec![]).await.unwrap();
    assert_eq!(links, json!(0));
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let _ = std::fs::remove_dir_all(&downloads);
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_page_in_the_reader_s_language_is_kept_and_opens_with_the_network_off() {
    let mut site = Site::new("language");
    let c = browser_speaking("es").await;
    visit(&c, &site.url("index.html#/s/account-compromise")).await;
    // The page in the reader's language, at the same place.
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/es.html#/s/account-compromise"), "{url}");
    wait_kept(&c).await;
    let served = site.requests();
    assert!(served.iter().any(|r| r.starts_with("GET /es.html ")), "{served:#?}");
    for other in ["de.html", "fr.html"] {
        assert!(
            !served.iter().any(|r| r.contains(other)),
            "another language's page was fetched: {served:#?}"
        );
    }

    switch_offline(&c).await;
    site.stop();
    revisit(&c, &site.url("index.html#/s/account-compromise")).await;
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/es.html#/s/account-compromise"), "offline: {url}");
    let lang = js(&c, "return document.documentElement.getAttribute('lang')", vec![]).await;
    assert_eq!(lang, json!("es"), "the Spanish page, kept");
    let title = crisis_comms::content::Library::built_in()
        .get_in("account-compromise", "es")
        .expect("the Spanish translation")
        .title
        .clone();
    assert_eq!(find(&c, "main h1").await.text().await.unwrap(), title);

    // German chosen on this device while offline: its page was never kept, so the English page
    // answers at its address, with no second redirect, and the app starts in German.
    js(&c, "localStorage.setItem('crisis-comms:default:language', 'de')", vec![]).await;
    revisit(&c, &site.url("es.html#/labels")).await;
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().ends_with("/de.html#/labels"), "offline, German: {url}");
    let lang = js(&c, "return document.documentElement.getAttribute('lang')", vec![]).await;
    assert_eq!(lang, json!("en"), "the English page, kept, at the German page's address");
    let root =
        js(&c, "return document.querySelector('.crisis-comms[data-app-ready]').getAttribute('lang')", vec![])
            .await;
    assert_eq!(root, json!("de"), "the app in German");
    assert_eq!(site.requests(), served, "nothing reached the server after it stopped");
    drop(site);
    c.close().await.unwrap();
}

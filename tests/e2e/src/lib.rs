//! Helpers for the end-to-end tests: a headless browser session through WebDriver against
//! the release build in `dist/`, served on 127.0.0.1 by `cargo xtask test`.
//!
//! The engine is `E2E_ENGINE`: `chromium` (the default; ChromeDriver listens at
//! `E2E_WEBDRIVER_URL`, the browser is `E2E_CHROME`) or `firefox` (each session starts its own
//! geckodriver, `E2E_GECKODRIVER`, which serves one session at a time; the browser is
//! `E2E_FIREFOX`). Tests that need what only Chromium offers are listed by name in `xtask`,
//! which leaves them out of the Firefox run and says so.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::ops::Deref;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Map, Value};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: the end-to-end tests run through `cargo xtask test`, which builds and serves the app")
    })
}

/// The served app's base URL, ending with `/`.
pub fn base_url() -> String {
    env("E2E_BASE_URL")
}

/// The release build that `cargo xtask test` made (or the folder `E2E_DIST` names).
pub fn dist() -> std::path::PathBuf {
    std::env::var_os("E2E_DIST")
        .map_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist"), Into::into)
}

/// Checks that each logged request (`GET /path HTTP/1.1`) asks for a file in the top folder of
/// the release build; `what` names the page in the message.
pub fn assert_files_of_dist(requests: &[String], what: &str) {
    let dist = dist();
    for request in requests {
        let path = request.split(' ').nth(1).unwrap_or_default().trim_start_matches('/');
        let file = if path.is_empty() { "index.html" } else { path };
        assert!(!file.contains('/') && dist.join(file).is_file(), "not a file of the {what}: {request}");
    }
}

/// A small static host for tests that need a server of their own: reads one request from
/// `stream` and returns its request line (the headers are read and dropped).
pub fn read_request(stream: &TcpStream) -> std::io::Result<String> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    Ok(request)
}

/// The path a request line asks for, without its query or fragment, and without the leading `/`.
pub fn request_path(request: &str) -> &str {
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or("/").trim_start_matches('/')
}

/// Answers a request with `body` as the file `file` (its type from its extension), or 404 when
/// there is none; never cached; then closes.
pub fn respond(mut stream: TcpStream, file: &std::path::Path, body: Option<Vec<u8>>) -> std::io::Result<()> {
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    };
    let (status, body) = match body {
        Some(body) => ("200 OK", body),
        None => ("404 Not Found", b"not found".to_vec()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// The browser engine the tests drive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
}

/// The engine named by `E2E_ENGINE` (Chromium when unset).
pub fn engine() -> Engine {
    match std::env::var("E2E_ENGINE").as_deref() {
        Err(_) | Ok("chromium") => Engine::Chromium,
        Ok("firefox") => Engine::Firefox,
        Ok(other) => panic!("E2E_ENGINE is `{other}`; it must be `chromium` or `firefox`"),
    }
}

/// A browser session, used as a [`Client`]. In Firefox it owns its geckodriver and reads what
/// the browser prints (its console messages among them).
pub struct Browser {
    client: Client,
    gecko: Option<Gecko>,
}

impl Deref for Browser {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Browser {
    /// Ends the session, closing the browser (and, in Firefox, stops its geckodriver).
    pub async fn close(mut self) -> Result<(), fantoccini::error::CmdError> {
        let closed = self.client.clone().close().await;
        if let Some(gecko) = self.gecko.as_mut() {
            gecko.session = None;
        }
        closed
    }
}

/// A geckodriver serving one Firefox session, with the lines it and Firefox print.
struct Gecko {
    child: Child,
    port: u16,
    session: Option<String>,
    output: Arc<Mutex<Vec<String>>>,
    /// How many lines of `output` earlier calls of [`console_errors`] have read.
    read: Mutex<usize>,
}

impl Drop for Gecko {
    fn drop(&mut self) {
        // A test that failed before closing its session: end it, so Firefox quits, and only
        // then stop geckodriver (stopped first, it would leave Firefox running).
        if let Some(session) = self.session.take() {
            let _ = delete_session(self.port, &session);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// WebDriver's Delete Session, sent without the async runtime (from `Drop`).
fn delete_session(port: u16, session: &str) -> std::io::Result<()> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map(drop)
}

/// A free port on 127.0.0.1.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

/// Collects each line `from` prints into `into`.
fn collect(from: impl Read + Send + 'static, into: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            into.lock().unwrap().push(line);
        }
    });
}

/// Starts a geckodriver of its own for one session.
fn geckodriver() -> Gecko {
    let port = free_port();
    let mut child = Command::new(env("E2E_GECKODRIVER"))
        .args(["--port", &port.to_string(), "--log", "error"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("geckodriver starts (E2E_GECKODRIVER)");
    let output = Arc::new(Mutex::new(Vec::new()));
    collect(child.stdout.take().expect("stdout"), output.clone());
    collect(child.stderr.take().expect("stderr"), output.clone());
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "geckodriver did not listen on port {port} within 20 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    Gecko { child, port, session: None, output, read: Mutex::new(0) }
}

/// What a session is asked for beyond the defaults.
#[derive(Default)]
struct Setup<'a> {
    /// The browser's User-Agent header, to tell this session's requests in the server's log.
    user_agent: Option<&'a str>,
    /// Where downloads are saved, without asking.
    downloads: Option<&'a std::path::Path>,
    /// The colour scheme pages see as the reader's (`prefers-color-scheme`).
    scheme: Option<Scheme>,
    /// Pages run no script of their own (WebDriver's scripts still run).
    no_scripts: bool,
    /// The reader's language (a tag such as `es`): the browser's own and the one it asks
    /// pages for (`navigator.languages`, `Accept-Language`).
    language: Option<&'a str>,
}

/// A colour scheme, as the media feature `prefers-color-scheme` gives it to pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

impl Scheme {
    /// The media feature's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }
}

/// Chromium's switches for a headless session on a closed network.
const CHROMIUM_ARGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1200,900",
];

async fn connect(caps: Value, url: &str) -> Client {
    let Value::Object(caps) = caps else { unreachable!() };
    ClientBuilder::rustls()
        .expect("TLS set-up")
        .capabilities(caps)
        .connect(url)
        .await
        .unwrap_or_else(|e| panic!("a WebDriver session with headless {:?}: {e}", engine()))
}

async fn session(setup: Setup<'_>) -> Browser {
    match engine() {
        Engine::Chromium => {
            let user_agent = setup.user_agent.map(|ua| format!("--user-agent={ua}"));
            let language = setup.language.map(|l| format!("--lang={l}"));
            let extra: Vec<&str> = user_agent.iter().chain(&language).map(String::as_str).collect();
            let mut prefs = Map::new();
            if let Some(dir) = setup.downloads {
                prefs.insert("download.default_directory".into(), json!(dir));
                prefs.insert("download.prompt_for_download".into(), json!(false));
            }
            if let Some(language) = setup.language {
                prefs.insert("intl.accept_languages".into(), json!(language));
            }
            let prefs = if prefs.is_empty() { Value::Null } else { Value::Object(prefs) };
            let client = chromium(&extra, prefs).await;
            if let Some(scheme) = setup.scheme {
                // DevTools' media emulation, which holds for the tab across navigations.
                let feature = json!({ "name": "prefers-color-scheme", "value": scheme.as_str() });
                let params = json!({ "features": [feature] });
                client.issue_cmd(Cdp("Emulation.setEmulatedMedia", params)).await.expect("media emulation");
            }
            if setup.no_scripts {
                let params = json!({ "value": true });
                client
                    .issue_cmd(Cdp("Emulation.setScriptExecutionDisabled", params))
                    .await
                    .expect("scripts off");
            }
            Browser { client, gecko: None }
        }
        Engine::Firefox => {
            let mut prefs = Map::new();
            // Console messages go to the browser's standard output, where [`console_errors`]
            // reads them.
            prefs.insert("devtools.console.stdout.content".into(), json!(true));
            // The page may read the clipboard without a paste prompt (the tests read what a
            // copy button put there).
            prefs.insert("dom.events.testing.asyncClipboard".into(), json!(true));
            if let Some(ua) = setup.user_agent {
                prefs.insert("general.useragent.override".into(), json!(ua));
            }
            if let Some(scheme) = setup.scheme {
                // The colour scheme of web content: 0 dark, 1 light.
                let value = if scheme == Scheme::Dark { 0 } else { 1 };
                prefs.insert("layout.css.prefers-color-scheme.content-override".into(), json!(value));
            }
            if setup.no_scripts {
                prefs.insert("javascript.enabled".into(), json!(false));
            }
            if let Some(language) = setup.language {
                prefs.insert("intl.accept_languages".into(), json!(language));
            }
            if let Some(dir) = setup.downloads {
                prefs.insert("browser.download.folderList".into(), json!(2));
                prefs.insert("browser.download.dir".into(), json!(dir));
                prefs.insert("browser.download.useDownloadDir".into(), json!(true));
                prefs.insert("browser.download.always_ask_before_handling_new_types".into(), json!(false));
            }
            let caps = json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": env("E2E_FIREFOX"),
                    "args": ["-headless"],
                    "prefs": prefs,
                },
            });
            let mut gecko = geckodriver();
            let client = connect(caps, &format!("http://127.0.0.1:{}", gecko.port)).await;
            gecko.session = client.session_id().await.expect("the session id");
            client.set_window_size(1200, 900).await.expect("the window takes the tests' size");
            Browser { client, gecko: Some(gecko) }
        }
    }
}

/// A new browser session with a fresh profile (so fresh storage), in the engine of
/// `E2E_ENGINE`.
pub async fn browser() -> Browser {
    session(Setup::default()).await
}

/// A new browser session, as [`browser`] gives, whose every request carries the User-Agent
/// header `user_agent`, so that the server's log tells them from other sessions'.
pub async fn browser_as(user_agent: &str) -> Browser {
    session(Setup { user_agent: Some(user_agent), ..Setup::default() }).await
}

/// A new browser session, as [`browser`] gives, for a reader whose language is `language` (a
/// tag such as `es`): pages find it first in `navigator.languages`. Chromium is started with
/// `--lang` and the profile's `intl.accept_languages`, Firefox with that pref.
pub async fn browser_speaking(language: &str) -> Browser {
    session(Setup { language: Some(language), ..Setup::default() }).await
}

/// A new browser session, as [`browser_as`] gives, that saves downloads into `folder` without
/// asking.
pub async fn browser_saving_to(user_agent: &str, folder: &std::path::Path) -> Browser {
    session(Setup { user_agent: Some(user_agent), downloads: Some(folder), ..Setup::default() }).await
}

/// A new browser session, as [`browser`] gives, whose pages see `scheme` as the reader's colour
/// scheme: in Firefox by a profile pref, in Chromium by DevTools' media emulation.
pub async fn browser_in(scheme: Scheme) -> Browser {
    session(Setup { scheme: Some(scheme), ..Setup::default() }).await
}

/// A new browser session, as [`browser_in`] gives, whose pages run no script of their own, as
/// in a browser with JavaScript turned off; WebDriver's Execute Script still runs.
pub async fn browser_without_scripts(scheme: Scheme) -> Browser {
    session(Setup { scheme: Some(scheme), no_scripts: true, ..Setup::default() }).await
}

/// A new browser session with scripts off, as [`browser_without_scripts`] gives but in the
/// browser's own colour scheme, whose every request carries the User-Agent header `user_agent`
/// (see [`server_log`]).
pub async fn browser_without_scripts_as(user_agent: &str) -> Browser {
    session(Setup { user_agent: Some(user_agent), no_scripts: true, ..Setup::default() }).await
}

/// The requests the test server received from browsers whose User-Agent header is
/// `user_agent`, in order, as request lines (`GET /index.html HTTP/1.1`). The server appends
/// each request it gets to the file `E2E_REQUEST_LOG`, a request line and its User-Agent
/// separated by a tab.
pub fn server_log(user_agent: &str) -> Vec<String> {
    let log = std::fs::read_to_string(env("E2E_REQUEST_LOG")).expect("the server's request log");
    log.lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, ua)| *ua == user_agent)
        .map(|(request, _)| request.to_owned())
        .collect()
}

/// A new headless Chromium session with a fresh profile and extra Chromium switches, whatever
/// `E2E_ENGINE` says: for what only Chromium offers (its net log, the bench's CDP calls).
pub async fn browser_with(extra: &[&str]) -> Client {
    chromium(extra, Value::Null).await
}

/// A headless Chromium session with extra switches and, unless null, the profile's `prefs`.
async fn chromium(extra: &[&str], prefs: Value) -> Client {
    let mut args = CHROMIUM_ARGS.to_vec();
    args.extend_from_slice(extra);
    let mut options = json!({ "binary": env("E2E_CHROME"), "args": args });
    if !prefs.is_null() {
        options["prefs"] = prefs;
    }
    let caps = json!({ "goog:chromeOptions": options, "goog:loggingPrefs": { "browser": "ALL" } });
    connect(caps, &env("E2E_WEBDRIVER_URL")).await
}

/// Opens `path` (relative to the base URL) and waits until the app says it is ready.
pub async fn open(c: &Client, path: &str) {
    c.goto(&format!("{}{}", base_url(), path)).await.expect("navigation");
    wait_ready(c).await;
}

/// Waits for the app's ready marker.
pub async fn wait_ready(c: &Client) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-app-ready=\"true\"]"))
        .await
        .expect("the app to mount and set data-app-ready=\"true\"");
}

/// The text of the element that has focus, once the page has drawn its next frame (the app
/// moves focus after the new content is in place).
pub async fn focused_text(c: &Client) -> String {
    let text = c
        .execute_async(
            "requestAnimationFrame(() => arguments[0](document.activeElement.textContent))",
            vec![],
        )
        .await
        .expect("script runs");
    text.as_str().unwrap_or_default().to_owned()
}

/// Waits for an element matching `css`.
pub async fn find(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("element `{css}` not found: {e}"))
}

/// Whether the checkbox matching `css` is checked.
pub async fn is_checked(c: &Client, css: &str) -> bool {
    find(c, css).await.prop("checked").await.expect("checked property").as_deref() == Some("true")
}

/// Runs `code` in the page (WebDriver's Execute Script, `arguments` being `args`) and returns
/// what it returns.
pub async fn js(c: &Client, code: &str, args: Vec<Value>) -> Value {
    c.execute(code, args).await.unwrap_or_else(|e| panic!("script `{code}` failed: {e}"))
}

/// Sets the app's test clock (`window.crisisCommsClock`), in milliseconds since the Unix epoch.
pub async fn set_clock(c: &Client, ms: f64) {
    js(c, "window.crisisCommsClock = arguments[0]", vec![json!(ms)]).await;
}

/// Chooses, in the `<select>` matching `css`, the option whose value is `value` or, failing
/// that, whose text starts with it.
pub async fn choose(c: &Client, css: &str, value: &str) {
    let found = js(
        c,
        "const s = document.querySelector(arguments[0]); \
         const o = [...s.options].find(o => o.value === arguments[1]) || [...s.options].find(o => o.text.startsWith(arguments[1])); \
         if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change', { bubbles: true })); return true;",
        vec![json!(css), json!(value)],
    )
    .await;
    assert_eq!(found, json!(true), "no option `{value}` in `{css}`");
}

/// Types `text` into the field `css` as a person would (the field's input event).
pub async fn type_into(c: &Client, css: &str, text: &str) {
    js(
        c,
        "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
         el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(css), json!(text)],
    )
    .await;
}

/// Checks that the page, once loaded (WebDriver's navigation waits for its load event), runs no
/// script of its own. The stylesheet link inside the page's `<noscript>` is an element of the
/// page only when scripts are off (a browser that runs scripts reads what `<noscript>` holds as
/// text), and a second later the app has still not mounted (it mounts asynchronously, once its
/// module has arrived, so a check at once could not see it start).
pub async fn assert_scripts_off(c: &Client) {
    let link = c.find(Locator::Css("noscript link[rel=stylesheet][href*=\"noscript-\"]")).await;
    assert!(link.is_ok(), "the page's <noscript> stylesheet is not in the page: scripts are not off");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(c.find(Locator::Css("[data-app-ready]")).await.is_err(), "the app started: scripts are not off");
}

/// The passphrase the lock tests set.
pub const PASS: &str = "violet harbour seventeen kites";

/// Every key and value of the origin's localStorage and sessionStorage, as one text.
pub async fn all_storage(c: &Client) -> String {
    let v = js(
        c,
        "const out = []; for (const s of [localStorage, sessionStorage]) { \
           for (let i = 0; i < s.length; i++) { const k = s.key(i); out.push(k + '=' + s.getItem(k)); } } \
         return out.join('\\n');",
        vec![],
    )
    .await;
    v.as_str().unwrap_or_default().to_owned()
}

/// Waits until the encrypted saves are done: the stored state of the standalone page's
/// namespace stays the same for 1 s (at most 20 s in all).
pub async fn settle(c: &Client) {
    let state = "return localStorage.getItem('crisis-comms:default:state')";
    let mut last = js(c, state, vec![]).await;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = js(c, state, vec![]).await;
        if now == last {
            return;
        }
        last = now;
    }
    panic!("the stored state kept changing");
}

/// Sets a lock with `pass` in the Records page that is open (no navigation): fills the two
/// passphrase fields, submits, and waits for the page to say the lock is on.
pub async fn set_lock_here(c: &Client, pass: &str) {
    let fields = c.find_all(Locator::Css(".cc-set-lock input[type=password]")).await.unwrap();
    fields[0].send_keys(pass).await.unwrap();
    fields[1].send_keys(pass).await.unwrap();
    find(c, ".cc-set-lock button[type=submit]").await.click().await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(".cc-lock-on"))
        .await
        .expect("the lock is on");
}

/// Types `pass` into the unlock prompt and waits until the app is shown again (at most 20 s).
pub async fn unlock(c: &Client, pass: &str) {
    find(c, ".cc-unlock .cc-passphrase").await.send_keys(&format!("{pass}\u{e007}")).await.unwrap();
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if js(c, "return document.querySelector('.cc-unlock') === null", vec![]).await == json!(true) {
            return;
        }
    }
    panic!("the passphrase never unlocked the app");
}

/// Console errors since the last call: from Chromium's console log (level SEVERE), or from
/// what Firefox printed (console errors and uncaught script errors).
pub async fn console_errors(c: &Browser) -> Vec<String> {
    let Some(gecko) = &c.gecko else {
        let log = c.issue_cmd(BrowserLog).await.expect("the browser log");
        return log
            .as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect();
    };
    // A mark logged now is printed after every message logged before it: wait for it.
    static MARKS: AtomicUsize = AtomicUsize::new(0);
    let mark = format!("e2e-console-mark-{}", MARKS.fetch_add(1, Ordering::Relaxed));
    c.execute("console.log(arguments[0])", vec![json!(mark)]).await.expect("script runs");
    let deadline = Instant::now() + Duration::from_secs(10);
    let lines = loop {
        let lines = gecko.output.lock().unwrap().clone();
        if lines.iter().any(|l| l.contains(&mark)) {
            break lines;
        }
        assert!(Instant::now() < deadline, "Firefox did not print the console mark: {lines:#?}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut read = gecko.read.lock().unwrap();
    let new = lines[*read..].to_vec();
    *read = lines.len();
    let origin = base_url();
    new.into_iter().filter(|l| is_firefox_error(l, &origin)).collect()
}

/// Whether a line Firefox printed reports an error of the page: a console error of a page
/// (its message printed as a value: a quoted string, an object in brackets), or an uncaught
/// script error whose place is on the served origin. Firefox's own messages print a name
/// before theirs (`console.error: RSLoader: …`) or name a place of Firefox's own
/// (`resource://…`, `chrome://…`), and are not the page's.
fn is_firefox_error(line: &str, origin: &str) -> bool {
    if let Some(place) = line.strip_prefix("JavaScript error: ") {
        return place.starts_with(origin);
    }
    let Some(message) = line.strip_prefix("console.error: ") else { return false };
    if ["resource://", "chrome://"].iter().any(|place| message.contains(place)) {
        return false;
    }
    let named = message.split_once(": ").is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || "_.-".contains(c))
    });
    !named
}

/// ChromeDriver's endpoint for the browser console log.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// A DevTools command sent through ChromeDriver's `goog/cdp/execute` to the session's current
/// tab (Chromium only): the method and its parameters.
#[derive(Debug)]
pub struct Cdp(pub &'static str, pub Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.0, "params": self.1 }).to_string()))
    }
}

/// Grants a browser permission to the page (WebDriver's permissions extension). Firefox's
/// sessions already let the page use the clipboard (see [`browser`]), and geckodriver does not
/// know the clipboard permissions: there it does nothing, and the test's reading of the
/// clipboard still checks what was copied.
pub async fn grant(c: &Client, permission: &str) {
    if engine() == Engine::Chromium {
        c.issue_cmd(SetPermission(permission.to_owned())).await.expect("permission granted");
    }
}

#[derive(Debug)]
struct SetPermission(String);

impl WebDriverCompatibleCommand for SetPermission {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/permissions", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "descriptor": { "name": self.0 }, "state": "granted" });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// The text on the clipboard, read by the page (needs the `clipboard-read` permission).
pub async fn clipboard_text(c: &Client) -> String {
    let value = c
        .execute_async(
            "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('ERROR ' + e))",
            vec![],
        )
        .await
        .expect("clipboard read");
    value.as_str().unwrap_or_default().to_owned()
}

/// Writes `text` to a temporary file and returns its path, for a file input.
pub fn temp_file(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("cc-e2e-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// Captures the text of every file the page offers as a download (read by [`last_download`]).
pub async fn capture_downloads(c: &Client) {
    c.execute(
        "window.__blobs = []; const create = URL.createObjectURL; \
         URL.createObjectURL = function (b) { window.__blobs.push(b); return create.call(URL, b); };",
        vec![],
    )
    .await
    .unwrap();
}

/// The Markdown copy the records list downloads for a record: the button reading `export` in
/// the list's entry `record` (an id), or in the first entry.
pub async fn record_markdown(c: &Client, record: Option<&str>, export: &str) -> String {
    let entry =
        record.map_or_else(|| "//li[@data-record]".to_owned(), |id| format!("//li[@data-record='{id}']"));
    let button =
        c.find(Locator::XPath(&format!("{entry}//button[normalize-space(.)='{export}']"))).await.unwrap();
    capture_downloads(c).await;
    button.click().await.unwrap();
    last_download(c).await
}

/// The text of each element matching `css`, in order.
pub async fn texts(c: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for el in c.find_all(Locator::Css(css)).await.unwrap() {
        out.push(el.text().await.unwrap());
    }
    out
}

/// The text of the last file the page offered as a download since [`capture_downloads`].
pub async fn last_download(c: &Client) -> String {
    let v = c
        .execute_async("window.__blobs[window.__blobs.length - 1].text().then(arguments[0])", vec![])
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

/// Prints the current page to PDF and returns the text of each page, in order (pdftotext).
pub async fn print_pages(c: &Client, name: &str) -> Vec<String> {
    use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
    let config = PrintConfiguration::builder()
        .size(PrintSize::A4)
        .margins(PrintMargins { top: 1.4, bottom: 1.6, left: 1.6, right: 1.6 })
        .background(true)
        .build()
        .unwrap();
    let pdf = c.print(config).await.expect("the browser prints to PDF");
    let path = std::env::temp_dir().join(format!("cc-print-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let pdftotext = std::env::var("E2E_PDFTOTEXT").unwrap_or_else(|_| "pdftotext".to_owned());
    let out = std::process::Command::new(&pdftotext)
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed");
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The lines that frame a page printed by [`print_pages`]: its first line (the header) and its
/// footer line. Chromium prints the page number in the page's margin (`@page { @bottom-center
/// { … } }`), on a line of its own under the footer: that last line is `number`. Firefox does
/// not draw the page's margin boxes, so there the footer is the page's last line and `number`
/// is `None`. Empty lines are skipped.
#[derive(Clone, Copy, Debug)]
pub struct PageFrame<'a> {
    pub header: &'a str,
    pub footer: &'a str,
    pub number: Option<&'a str>,
}

/// The header, footer and (in Chromium) page-number lines of a printed page.
pub fn page_frame(page: &str) -> PageFrame<'_> {
    let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
    let numbered = engine() == Engine::Chromium;
    let line = |at: usize| lines.get(at).copied().unwrap_or_default();
    PageFrame {
        header: line(0),
        footer: line(lines.len().saturating_sub(if numbered { 2 } else { 1 })),
        number: numbered.then(|| line(lines.len().saturating_sub(1))),
    }
}

#[cfg(test)]
mod tests {
    use super::is_firefox_error;

    #[test]
    fn the_page_errors_firefox_prints_are_told_from_its_own() {
        let origin = "http://127.0.0.1:4000/";
        assert!(is_firefox_error("console.error: \"panicked at src/lib.rs:1:1\"", origin));
        assert!(is_firefox_error("console.error: (new Error(\"obj\", \"x.js\", 1))", origin));
        assert!(is_firefox_error(
            "JavaScript error: http://127.0.0.1:4000/app.js, line 1: RuntimeError: unreachable",
            origin
        ));
        assert!(!is_firefox_error("console.error: RSLoader: ", origin));
        assert!(!is_firefox_error(
            "console.error: (new Error(\"Polling failed\", \"resource://services-settings/a.sys.mjs\", 490))",
            origin
        ));
        assert!(!is_firefox_error(
            "JavaScript error: resource://gre/modules/A.sys.mjs, line 50: TypeError",
            origin
        ));
        assert!(!is_firefox_error("console.log: \"e2e-console-mark-0\"", origin));
    }
}

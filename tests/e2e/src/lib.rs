//! Helpers for the end-to-end tests: a headless Chromium session through WebDriver against
//! the release build in `dist/`, served on 127.0.0.1 by `cargo xtask test`.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: the end-to-end tests run through `cargo xtask test`, which builds and serves the app")
    })
}

/// The served app's base URL, ending with `/`.
pub fn base_url() -> String {
    env("E2E_BASE_URL")
}

/// A new browser session with a fresh profile (so fresh storage).
pub async fn browser() -> Client {
    browser_with(&[]).await
}

/// A new browser session with a fresh profile and extra Chromium switches.
pub async fn browser_with(extra: &[&str]) -> Client {
    let mut args = vec![
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
    args.extend_from_slice(extra);
    let caps = json!({
        "goog:chromeOptions": { "binary": env("E2E_CHROME"), "args": args },
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    let caps = match caps {
        Value::Object(map) => map,
        _ => unreachable!(),
    };
    ClientBuilder::rustls()
        .expect("TLS set-up")
        .capabilities(caps)
        .connect(&env("E2E_WEBDRIVER_URL"))
        .await
        .expect("a WebDriver session with headless Chromium")
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

/// Browser console messages at level SEVERE (errors) since the last call.
pub async fn console_errors(c: &Client) -> Vec<String> {
    let log = c.issue_cmd(BrowserLog).await.expect("the browser log");
    log.as_array()
        .into_iter()
        .flatten()
        .filter(|entry| entry["level"] == "SEVERE")
        .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
        .collect()
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

/// Grants a browser permission to the page (WebDriver's permissions extension).
pub async fn grant(c: &Client, permission: &str) {
    c.issue_cmd(SetPermission(permission.to_owned())).await.expect("permission granted");
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

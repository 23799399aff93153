//! The browser half of `cargo xtask bench`: start-up of the app beside a static HTML page of
//! the same checklist, on this machine and on an emulated phone (slow network, slow CPU, files
//! gzipped), toggling in a generated 1,000-item checklist, and memory. It needs the release
//! build served on 127.0.0.1 and a ChromeDriver, which `cargo xtask bench` provides (the same
//! `E2E_*` variables as the end-to-end tests), plus:
//!
//! - `BENCH_SITE`: the served folder (a copy of `dist/`), where the static page is written;
//! - `BENCH_MOBILE_URL`: the same folder served with gzip, for the mobile profile;
//! - `BENCH_SCENARIO`: the checklist file of the start-up comparison;
//! - `BENCH_OUT`: where to write the results, as JSON;
//! - `BENCH_ONLY=mobile`, optionally: the mobile profile alone.
//!
//! Timings are measured inside the page (`performance` entries and `performance.now()`), so
//! WebDriver round trips never count. Nothing here asserts a timing: it measures and reports.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crisis_comms::model::checklist::Scenario;
use crisis_comms::model::parse::parse_scenario;
use crisis_comms::render::escape;
use e2e::{base_url, browser_with, Cdp};
use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// Start-up runs of each page; each run is a new browser with a fresh profile.
const STARTUP_RUNS: usize = 15;
/// Measured toggles in the 1,000-item checklist: 100 items checked, then the same unchecked.
const TOGGLED_ITEMS: usize = 100;
/// Items checked and unchecked before measuring, so one-off costs (first event listener
/// call, first JSON serialisation of that size) are not counted.
const WARM_UP_ITEMS: usize = 5;
/// Sections and items per section of the generated checklist.
const SECTIONS: usize = 10;
const ITEMS_PER_SECTION: usize = 100;
const GENERATED_ID: &str = "bench-1000";
/// What "readable and tickable" means, in the results and the table.
const READABLE_AND_TICKABLE: &str = "the standalone page's static view: navigation timing domInteractive, when \
    the whole HTML is parsed, so every step's text and checkbox is in the page; no script runs before the module, \
    so a tick works from then, and the app keeps it when it takes over (tests/e2e/tests/firstpaint.rs). The \
    static page's and the floor's: the same as usable";
/// The page of the static comparison, written into the served folder.
const STATIC_PAGE: &str = "bench-static.html";
/// The page of the framework floor (`tests/floor`, built by `cargo xtask bench` into `floor/`).
const FLOOR_PAGE: &str = "bench-floor.html";
/// An empty page from the same server, opened before each measured page so that starting
/// the browser and its first renderer process is not counted.
const BLANK_PAGE: &str = "bench-blank.html";
/// For both pages alike: a precise `performance.memory` and `gc()`, to read memory steadily.
const FLAGS: &[&str] = &["--enable-precise-memory-info", "--js-flags=--expose-gc"];

/// A failure, as a sentence.
type Res<T> = Result<T, String>;

/// Runs `work` in a new browser (a fresh profile) and closes the browser whether or not
/// `work` succeeds, so no headless Chromium outlives the benchmark; then panics on failure.
async fn in_browser<T>(work: impl AsyncFnOnce(&Client) -> Res<T>) -> T {
    let c = browser_with(FLAGS).await;
    let result = work(&c).await;
    let _ = c.close().await;
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// Turns a WebDriver error into a sentence that says what was being done.
fn failed(what: &'static str) -> impl Fn(CmdError) -> String {
    move |e| format!("{what}: {e}")
}

/// Waits for the app's ready marker.
async fn app_ready(c: &Client) -> Res<()> {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-app-ready=\"true\"]"))
        .await
        .map(drop)
        .map_err(|e| format!("the app did not mount within 20 s: {e}"))
}

fn var(name: &str) -> PathBuf {
    std::env::var_os(name)
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{name} is not set: run the benchmark with `cargo xtask bench`"))
}

#[tokio::main]
async fn main() {
    let (site, scenario_file, out) = (var("BENCH_SITE"), var("BENCH_SCENARIO"), var("BENCH_OUT"));
    let text = std::fs::read_to_string(&scenario_file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", scenario_file.display()));
    let scenario =
        parse_scenario(&scenario_file.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
    let css = stylesheets(&site);
    std::fs::write(site.join(STATIC_PAGE), static_page(&scenario, &css))
        .unwrap_or_else(|e| panic!("cannot write the static page: {e}"));
    std::fs::write(site.join(FLOOR_PAGE), floor_page(&css))
        .unwrap_or_else(|e| panic!("cannot write the floor's page: {e}"));
    std::fs::write(site.join("floor").join("start.js"), FLOOR_START)
        .unwrap_or_else(|e| panic!("cannot write the floor's loader (was the floor built?): {e}"));
    std::fs::write(site.join(BLANK_PAGE), "<!doctype html><title>blank</title>\n")
        .unwrap_or_else(|e| panic!("cannot write the blank page: {e}"));

    // `BENCH_ONLY=mobile` measures the mobile profile alone (to compare two builds quickly).
    if std::env::var("BENCH_ONLY").as_deref() == Ok("mobile") {
        let results = json!({ "mobile": mobile(&scenario).await });
        std::fs::write(&out, serde_json::to_string_pretty(&results).expect("JSON"))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
        println!("bench: mobile results written to {}", out.display());
        return;
    }
    let startup = startup(&scenario).await;
    let mobile = mobile(&scenario).await;
    let (interaction, memory, browser) = interaction().await;
    let lock = lock().await;
    let offline = offline(&scenario).await;
    let results = json!({
        "browser": browser,
        "startup": startup,
        "mobile": mobile,
        "interaction": interaction,
        "memory": memory,
        "lock": lock,
        "offline": offline,
    });
    std::fs::write(&out, serde_json::to_string_pretty(&results).expect("JSON"))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    println!("bench: browser results written to {}", out.display());
}

/// The app's stylesheets as `./name` paths: those its `index.html` links, in order, then its own
/// `main.css`, which the app adopts from its module and the bench copies into the site for the
/// pages that have no module (the static page and the floor).
fn stylesheets(site: &Path) -> Vec<String> {
    let index = std::fs::read_to_string(site.join("index.html")).expect("the app's index.html");
    let marker = "rel=\"stylesheet\" href=\"./";
    let sheets: Vec<String> = index
        .match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &index[i + marker.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect();
    assert!(!sheets.is_empty(), "the app's index.html links no stylesheet");
    assert!(site.join("main.css").is_file(), "the bench's site has no copy of the app's main.css");
    sheets.into_iter().chain(std::iter::once("main.css".to_owned())).collect()
}

// ---- start-up ---------------------------------------------------------------------------

async fn startup(scenario: &Scenario) -> Value {
    let items = scenario.items().count();
    println!(
        "bench: start-up, {STARTUP_RUNS} runs of each page (plus one of each not counted), alternating, each in a \
         new browser with a fresh profile that first opens a blank page of the same server"
    );
    let (mut app, mut fixed, mut floor, mut phases) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // First contentful paint of each page: when the checklist is on screen, reported beside the budget's measure.
    let mut paint = [Vec::new(), Vec::new(), Vec::new()];
    for run in 0..=STARTUP_RUNS {
        let s = in_browser(async |c| startup_run(c, STATIC_PAGE, scenario, items, false).await).await;
        let f = in_browser(async |c| startup_run(c, FLOOR_PAGE, scenario, items, true).await).await;
        let app_path = format!("index.html#/s/{}", scenario.id);
        let a = in_browser(async |c| startup_run(c, &app_path, scenario, items, true).await).await;
        if run > 0 {
            fixed.push(s["dcl"].as_f64().expect("a time"));
            floor.push(f["ready"].as_f64().expect("a time"));
            app.push(a["ready"].as_f64().expect("a time"));
            for (times, page) in paint.iter_mut().zip([&a, &f, &s]) {
                times.extend(page["fcp"].as_f64());
            }
            phases.push(a);
        }
    }
    let phase = |key: &str| {
        let v: Vec<f64> = phases.iter().filter_map(|p| p[key].as_f64()).collect();
        stats(&v)["median"].clone()
    };
    let app_phases = json!({
        "dom_content_loaded": phase("dcl"),
        "js_glue_response_end": phase("js_end"),
        "wasm_response_end": phase("wasm_end"),
        "wasm_started": phase("start"),
        "library_parsed": phase("library"),
        "ready": phase("ready"),
    });
    let (a, s, f) = (stats(&app), stats(&fixed), stats(&floor));
    let [paint_app, paint_floor, paint_static] = paint.map(|times| stats(&times));
    println!(
        "bench: start-up median app {:.1} ms, framework floor {:.1} ms, static {:.1} ms, ratio {:.2}",
        a["median"].as_f64().unwrap_or_default(),
        f["median"].as_f64().unwrap_or_default(),
        s["median"].as_f64().unwrap_or_default(),
        ratio(&a, &s)
    );
    json!({
        "scenario": scenario.id,
        "items": items,
        "runs": STARTUP_RUNS,
        "method": "each run: a new browser session with a fresh profile (no cache, no storage), which first \
                   opens a blank page of the same server, then the measured page; app and static runs alternate; \
                   one run of each before the counted ones is not counted",
        "app": {
            "url": format!("index.html#/s/{}", scenario.id),
            "measure": "performance mark `crisis-comms-ready`, startTime",
            "ms": app,
            "stats": a,
            "phase_medians_ms": app_phases,
        },
        "static": { "url": STATIC_PAGE, "measure": "navigation timing domContentLoadedEventEnd", "ms": fixed, "stats": s },
        "floor": {
            "url": FLOOR_PAGE,
            "what": "tests/floor: the same checklist, parsed at build time, rendered with Leptos as headings and \
                     labelled checkboxes, each tick saved to localStorage, nothing else; built as the app is",
            "measure": "performance mark `crisis-comms-ready`, startTime",
            "ms": floor,
            "stats": f,
        },
        "ratio_of_medians": ratio(&a, &s),
        "floor_ratio_of_medians": ratio(&f, &s),
        "first_contentful_paint": {
            "measure": "paint timing `first-contentful-paint`, startTime: the checklist on screen; reported, not \
                        the budget's measure",
            "app": paint_app,
            "floor": paint_floor,
            "static": paint_static,
            "ratio_of_medians": ratio(&paint_app, &paint_static),
            "floor_ratio_of_medians": ratio(&paint_floor, &paint_static),
        },
        "budget_ratio": 1.5,
    })
}

fn ratio(app: &Value, fixed: &Value) -> f64 {
    app["median"].as_f64().unwrap_or_default() / fixed["median"].as_f64().unwrap_or(f64::NAN)
}

/// One page load in a new browser; returns its times in milliseconds from navigation start:
/// `ready` (the app's mark), `dcl` (DOMContentLoaded end), `fcp` (first contentful paint), and
/// when the JS glue and the wasm file finished downloading.
async fn startup_run(c: &Client, path: &str, scenario: &Scenario, items: usize, app: bool) -> Res<Value> {
    c.goto(&format!("{}{BLANK_PAGE}", base_url())).await.map_err(failed("opening the blank page"))?;
    c.goto(&format!("{}{path}", base_url())).await.map_err(failed("opening the measured page"))?;
    if app {
        app_ready(c).await?;
    }
    let mut page = c
        .execute(
            "const mark = performance.getEntriesByName('crisis-comms-ready', 'mark')[0];
             const at = (name) => { const m = performance.getEntriesByName(name, 'mark')[0]; return m ? m.startTime : null; };
             const nav = performance.getEntriesByType('navigation')[0];
             const article = document.querySelector('.cc-scenario');
             const end = (test) => {
               const r = performance.getEntriesByType('resource').find((e) => test(e.name.split('/').pop()));
               return r ? r.responseEnd : null;
             };
             return {
               js_end: end((n) => n.startsWith('crisis-comms-') && n.endsWith('.js')),
               wasm_end: end((n) => n.endsWith('.wasm')),
               ready: mark ? mark.startTime : null,
               start: at('crisis-comms-start'),
               library: at('crisis-comms-library'),
               dcl: nav.domContentLoadedEventEnd,
               title: article ? article.querySelector('h1').textContent : null,
               boxes: article ? article.querySelectorAll('.cc-items input[type=checkbox]').length : 0,
               labels: article ? article.querySelectorAll('.cc-items label[for]').length : 0,
             };",
            vec![],
        )
        .await
        .map_err(failed("reading the timing entries"))?;
    // The first paint comes after the page is ready; wait for it (at most 5 s).
    let fcp = c
        .execute_async(
            "const done = arguments[0];
             const fcp = () => performance.getEntriesByName('first-contentful-paint')[0];
             new PerformanceObserver(() => { if (fcp()) done(fcp().startTime); })
               .observe({ type: 'paint', buffered: true });
             setTimeout(() => done(fcp() ? fcp().startTime : null), 5000);",
            vec![],
        )
        .await
        .map_err(failed("reading the first contentful paint"))?;
    page["fcp"] = fcp;
    let what = format!("the page {path}");
    let key = if app { "ready" } else { "dcl" };
    if page["title"].as_str() != Some(scenario.title.as_str()) || page["boxes"].as_u64() != Some(items as u64)
    {
        Err(format!("{what} does not show the checklist with a checkbox per item ({items}): {page}"))
    } else if !page[key].is_number() {
        Err(format!("{what} has no `{key}` time: {page}"))
    } else {
        Ok(page)
    }
}

// ---- start-up on a phone ----------------------------------------------------------------

/// Runs of each page in the mobile profile (plus one of each not counted); each run is a new
/// browser with a fresh profile, so an empty cache.
const MOBILE_RUNS: usize = 9;
/// Lighthouse's "slow 4G": 150 ms round trip, 1.6 Mbps down, 750 kbps up (Lighthouse counts
/// 1 Mbps as 1,024 kbps and 1 kbps as 1,024 bit/s), with a phone's CPU 4× slower. DevTools
/// delays each response rather than each round trip, so Lighthouse, when it throttles through
/// DevTools, applies 3.75 times the round trip as each request's latency (the round trips of a
/// new connection) and 0.9 times the throughput; the bench applies the same figures.
/// See <https://github.com/GoogleChrome/lighthouse/blob/main/core/config/constants.js>.
const SLOW_4G_RTT_MS: f64 = 150.0;
const SLOW_4G_DOWN_KBPS: f64 = 1.6 * 1024.0;
const SLOW_4G_UP_KBPS: f64 = 750.0;
const DEVTOOLS_RTT_FACTOR: f64 = 3.75;
const DEVTOOLS_THROUGHPUT_FACTOR: f64 = 0.9;
const CPU_SLOWDOWN: f64 = 4.0;
/// The phone's screen: Lighthouse's mobile screen (a Moto G Power), in CSS pixels.
const PHONE_SCREEN: (u32, u32, f64) = (412, 823, 1.75);
/// How long the largest contentful paint must stay unchanged before it is read as final.
const LCP_QUIET_MS: u32 = 1500;
/// Budgets of the mobile profile, as ratios of medians against the static page.
const MOBILE_LCP_BUDGET: f64 = 1.2;
const MOBILE_USABLE_BUDGET: f64 = 2.0;

/// Bytes per second, from kilobits per second of 1,024 bits.
fn bytes_per_second(kbps: f64) -> f64 {
    (kbps * 1024.0 / 8.0).floor()
}

/// The network conditions given to `Network.emulateNetworkConditions`.
fn slow_4g() -> Value {
    json!({
        "offline": false,
        "latency": SLOW_4G_RTT_MS * DEVTOOLS_RTT_FACTOR,
        "downloadThroughput": bytes_per_second(SLOW_4G_DOWN_KBPS * DEVTOOLS_THROUGHPUT_FACTOR),
        "uploadThroughput": bytes_per_second(SLOW_4G_UP_KBPS * DEVTOOLS_THROUGHPUT_FACTOR),
    })
}

async fn cdp(c: &Client, cmd: &'static str, params: Value) -> Res<Value> {
    c.issue_cmd(Cdp(cmd, params)).await.map_err(|e| format!("the DevTools command {cmd}: {e}"))
}

/// The base URL of the server that gzips, for the mobile profile.
fn mobile_url() -> String {
    std::env::var("BENCH_MOBILE_URL")
        .unwrap_or_else(|_| panic!("BENCH_MOBILE_URL is not set: run the benchmark with `cargo xtask bench`"))
}

/// The three pages of the mobile profile: name, path, and whether it sets the app's mark.
fn mobile_pages(scenario: &Scenario) -> [(&'static str, String, bool); 3] {
    [
        ("static", STATIC_PAGE.to_owned(), false),
        ("floor", FLOOR_PAGE.to_owned(), true),
        ("app", format!("index.html#/s/{}", scenario.id), true),
    ]
}

async fn mobile(scenario: &Scenario) -> Value {
    let items = scenario.items().count();
    // `BENCH_MOBILE_RUNS` overrides the number of runs, for a quick comparison of two builds.
    let count: usize =
        std::env::var("BENCH_MOBILE_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(MOBILE_RUNS);
    println!(
        "bench: mobile profile (slow 4G, CPU 4x slower, phone screen, gzip), {count} runs of each page \
         (plus one of each not counted), alternating, each in a new browser with a fresh profile"
    );
    let pages = mobile_pages(scenario);
    let mut runs: [Vec<Value>; 3] = Default::default();
    for run in 0..=count {
        for ((_, path, app), kept) in pages.iter().zip(runs.iter_mut()) {
            let page = in_browser(async |c| mobile_run(c, path, scenario, items, *app).await).await;
            if run > 0 {
                kept.push(page);
            }
        }
    }
    let mut result = json!({
        "runs": count,
        "profile": {
            "name": "Lighthouse's slow 4G with a 4x CPU slowdown, as Lighthouse applies it through DevTools",
            "nominal": { "rtt_ms": SLOW_4G_RTT_MS, "down_kbps": SLOW_4G_DOWN_KBPS, "up_kbps": SLOW_4G_UP_KBPS },
            "applied": {
                "cdp": "Network.emulateNetworkConditions",
                "params": slow_4g(),
                "note": "DevTools delays each response by `latency` instead of each round trip: Lighthouse's \
                         DevTools factors (round trip x3.75, throughput x0.9) account for a new connection's \
                         round trips",
            },
            "cpu_slowdown": CPU_SLOWDOWN,
            "screen": { "width": PHONE_SCREEN.0, "height": PHONE_SCREEN.1, "device_scale_factor": PHONE_SCREEN.2, "mobile": true },
            "compression": "gzip level 9 for HTML, JS, CSS, wasm and other text, when the request accepts it",
        },
        "method": "each run: a new browser session with a fresh profile (empty cache, no storage) opens a blank \
                   page of the gzip server, then the throttles and the phone screen are set through the DevTools \
                   protocol and the cache is cleared, then the measured page is opened; static, floor and app runs \
                   alternate; one run of each before the counted ones is not counted",
        "measures": {
            "fcp": "paint timing `first-contentful-paint`",
            "lcp": format!("the last `largest-contentful-paint` entry (PerformanceObserver, buffered), once none came \
                            for {LCP_QUIET_MS} ms"),
            "usable": "app ready: app and floor: performance mark `crisis-comms-ready`; static: \
                       domContentLoadedEventEnd (as the desktop start-up)",
            "tickable": READABLE_AND_TICKABLE,
        },
    });
    let mut medians = [[f64::NAN; 4]; 3];
    for (((name, path, _), kept), median_of) in pages.iter().zip(&runs).zip(medians.iter_mut()) {
        let column = |key: &str| kept.iter().filter_map(|r| r[key].as_f64()).collect::<Vec<_>>();
        let mut page = json!({ "url": path, "runs": kept });
        for (key, m) in ["fcp", "lcp", "usable", "tickable"].into_iter().zip(median_of.iter_mut()) {
            let s = stats(&column(key));
            *m = s["median"].as_f64().unwrap_or(f64::NAN);
            page[key] = s;
        }
        let mut elements = std::collections::BTreeMap::<String, usize>::new();
        for r in kept {
            *elements.entry(r["lcp_element"].as_str().unwrap_or("?").to_owned()).or_default() += 1;
        }
        page["lcp_elements"] = json!(elements);
        page["transferred_bytes_median"] = json!(median(&sorted(column("transferred"))));
        page["decoded_bytes_median"] = json!(median(&sorted(column("decoded"))));
        result[*name] = page;
    }
    let [fixed, floor, app] = medians;
    // The static page is usable when it is tickable: both ratios divide by its one time.
    let ratios = |page: [f64; 4]| json!({ "fcp": page[0] / fixed[0], "lcp": page[1] / fixed[1], "usable": page[2] / fixed[2], "tickable": page[3] / fixed[2] });
    result["ratios_of_medians"] = json!({ "app_static": ratios(app), "floor_static": ratios(floor) });
    result["budgets"] =
        json!({ "lcp_app_static": MOBILE_LCP_BUDGET, "usable_app_static": MOBILE_USABLE_BUDGET });
    println!(
        "bench: mobile medians (FCP, LCP, readable and tickable, app ready) app {:.0}, {:.0}, {:.0}, {:.0} ms; \
         floor {:.0}, {:.0}, -, {:.0} ms; static {:.0}, {:.0}, {:.0} ms",
        app[0], app[1], app[3], app[2], floor[0], floor[1], floor[2], fixed[0], fixed[1], fixed[2]
    );
    result
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

/// One page load in the mobile profile, in a new browser. Returns, in milliseconds from
/// navigation start, `fcp`, `lcp` and `usable`, with what the largest paint was and how many
/// bytes came over the network (compressed) and were decoded.
async fn mobile_run(c: &Client, path: &str, scenario: &Scenario, items: usize, app: bool) -> Res<Value> {
    let base = mobile_url();
    c.goto(&format!("{base}{BLANK_PAGE}")).await.map_err(failed("opening the blank page"))?;
    // Everything is set on the tab before the measured page is opened, so it loads throttled
    // from its first byte.
    cdp(c, "Network.enable", json!({})).await?;
    cdp(c, "Network.clearBrowserCache", json!({})).await?;
    cdp(c, "Network.emulateNetworkConditions", slow_4g()).await?;
    cdp(c, "Emulation.setCPUThrottlingRate", json!({ "rate": CPU_SLOWDOWN })).await?;
    let (width, height, scale) = PHONE_SCREEN;
    cdp(
        c,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": scale, "mobile": true }),
    )
    .await?;
    c.goto(&format!("{base}{path}")).await.map_err(failed("opening the measured page"))?;
    // The standalone page's static view, before the app replaces it: its checkboxes, counted
    // at the first look (the module is still on its way on this link).
    let static_boxes = if path.starts_with("index.html") {
        c.execute(
            "return document.querySelectorAll('.cc-static .cc-scenario input[type=checkbox][data-item]').length",
            vec![],
        )
        .await
        .map_err(failed("counting the static view's checkboxes"))?
        .as_u64()
        .unwrap_or(0)
    } else {
        0
    };
    // A build without a static view is tickable when the app is ready.
    let static_view = static_boxes > 0;
    if app {
        c.wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css("[data-app-ready=\"true\"]"))
            .await
            .map_err(|e| format!("{path} did not mount within 60 s on the mobile profile: {e}"))?;
    }
    let page = c
        .execute_async(
            "const [quiet, app, staticView, staticBoxes, done] = arguments;
             const nav = performance.getEntriesByType('navigation')[0];
             const mark = performance.getEntriesByName('crisis-comms-ready', 'mark')[0];
             const fcp = () => performance.getEntriesByName('first-contentful-paint')[0];
             let lcp = null, changed = performance.now();
             new PerformanceObserver((list) => {
               const entries = list.getEntries();
               lcp = entries[entries.length - 1];
               changed = performance.now();
             }).observe({ type: 'largest-contentful-paint', buffered: true });
             const describe = (e) => !e || !e.element ? null
               : e.element.tagName.toLowerCase() + (e.element.classList.length ? '.' + [...e.element.classList].join('.') : '');
             const files = [nav, ...performance.getEntriesByType('resource')];
             const sum = (key) => files.reduce((n, e) => n + (e[key] || 0), 0);
             const wasm = files.find((e) => e.name.endsWith('.wasm'));
             const article = document.querySelector('.cc-scenario');
             const started = performance.now();
             const check = () => {
               const now = performance.now();
               if ((lcp && fcp() && now - changed >= quiet) || now - started > 20000) {
                 done({
                   fcp: fcp() ? fcp().startTime : null,
                   lcp: lcp ? lcp.startTime : null,
                   lcp_element: describe(lcp),
                   lcp_size: lcp ? lcp.size : null,
                   usable: app ? (mark ? mark.startTime : null) : nav.domContentLoadedEventEnd,
                   tickable: staticView ? nav.domInteractive : (app ? (mark ? mark.startTime : null) : nav.domContentLoadedEventEnd),
                   static_boxes: staticBoxes,
                   transferred: sum('encodedBodySize'),
                   decoded: sum('decodedBodySize'),
                   html_gzipped: nav.encodedBodySize < nav.decodedBodySize,
                   wasm_gzipped: wasm ? wasm.encodedBodySize < wasm.decodedBodySize : null,
                   rtt: navigator.connection ? navigator.connection.rtt : null,
                   downlink: navigator.connection ? navigator.connection.downlink : null,
                   width: innerWidth,
                   title: article ? article.querySelector('h1').textContent : null,
                   boxes: article ? article.querySelectorAll('.cc-items input[type=checkbox]').length : 0,
                 });
               } else {
                 setTimeout(check, 100);
               }
             };
             check();",
            vec![json!(LCP_QUIET_MS), json!(app), json!(static_view), json!(static_boxes)],
        )
        .await
        .map_err(failed("reading the mobile timings"))?;
    let what = format!("the page {path} on the mobile profile");
    if page["title"].as_str() != Some(scenario.title.as_str()) || page["boxes"].as_u64() != Some(items as u64)
    {
        Err(format!("{what} does not show the checklist with a checkbox per item ({items}): {page}"))
    } else if let Some(key) = ["fcp", "lcp", "usable", "tickable"].into_iter().find(|k| !page[*k].is_number())
    {
        Err(format!("{what} has no `{key}` time: {page}"))
    } else if page["html_gzipped"] != true || (app && page["wasm_gzipped"] != true) {
        Err(format!("{what} was not served gzipped: {page}"))
    } else if page["rtt"].as_f64().is_none_or(|rtt| rtt < SLOW_4G_RTT_MS * DEVTOOLS_RTT_FACTOR / 2.0) {
        // The browser reports the emulated link's round trip (rounded, with a little noise).
        Err(format!("{what} was not on the throttled network: {page}"))
    } else if page["width"].as_u64() != Some(u64::from(PHONE_SCREEN.0)) {
        Err(format!("{what} was not shown on the phone's screen: {page}"))
    } else {
        Ok(page)
    }
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().into_iter().flatten().filter_map(Value::as_f64).collect()
}

/// Median, minimum, maximum and 95th percentile.
fn stats(ms: &[f64]) -> Value {
    let mut sorted = ms.to_vec();
    sorted.sort_by(f64::total_cmp);
    json!({
        "median": median(&sorted),
        "min": sorted.first(),
        "max": sorted.last(),
        "p95": percentile(&sorted, 95.0),
    })
}

fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        n if !n.is_multiple_of(2) => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

// ---- interaction and memory -------------------------------------------------------------

/// Mounts the generated checklist through the JavaScript API and times toggles.
async fn interaction() -> (Value, Value, Value) {
    in_browser(interaction_in).await
}

async fn interaction_in(c: &Client) -> Res<(Value, Value, Value)> {
    let browser = json!({
        "name": c.capabilities().and_then(|caps| caps.get("browserName").cloned()),
        "version": c.capabilities().and_then(|caps| caps.get("browserVersion").cloned()),
    });
    c.goto(&format!("{}index.html#/s/account-compromise", base_url()))
        .await
        .map_err(failed("opening the app"))?;
    app_ready(c).await?;
    let after_load = memory(c).await?;

    let markdown = generated_checklist();
    println!(
        "bench: interaction, {SECTIONS} x {ITEMS_PER_SECTION} items mounted through window.wasmBindings.mount, \
         {} toggles measured",
        2 * TOGGLED_ITEMS
    );
    let mounted = c
        .execute(
            "const [markdown, view] = arguments;
             const root = document.createElement('div');
             root.id = 'bench-root';
             document.body.append(root);
             const t0 = performance.now();
             window.benchHandle = window.wasmBindings.mount(root, { namespace: 'bench', view, checklists: [markdown] });
             const t1 = performance.now();
             return {
               ms: t1 - t0,
               boxes: root.querySelectorAll('.cc-items input[type=checkbox]').length,
               items: root.querySelectorAll('li.cc-item').length,
             };",
            vec![json!(markdown), json!(format!("scenario:{GENERATED_ID}"))],
        )
        .await
        .map_err(failed("mounting the generated checklist"))?;
    let total = SECTIONS * ITEMS_PER_SECTION;
    if mounted["boxes"].as_u64() != Some(total as u64) {
        return Err(format!("the generated checklist is not mounted with {total} checkboxes: {mounted}"));
    }
    let after_mount = memory(c).await?;

    let toggles = toggles(c, total).await?;
    let after_toggles = memory(c).await?;

    let ms = f64s(&toggles["ms"]);
    let toggle_stats = stats(&ms);
    let at = |key: &str| toggle_stats[key].as_f64().unwrap_or(f64::NAN);
    println!("bench: toggle median {:.2} ms, p95 {:.2} ms", at("median"), at("p95"));
    let interaction = json!({
        "scenario": GENERATED_ID,
        "items": total,
        "sections": SECTIONS,
        "mount_ms": mounted["ms"],
        "toggles": ms.len(),
        "warm_up_toggles": 2 * WARM_UP_ITEMS,
        "measure": "performance.now() before element.click() to the item's li having the expected cc-done class \
                    (waiting microtasks if needed), checked against localStorage crisis-comms:bench:state",
        "microtask_waits": toggles["waits"],
        "ms": ms,
        "click_returned_ms": toggles["sync_ms"],
        "click_returned_stats": stats(&f64s(&toggles["sync_ms"])),
        "stats": toggle_stats,
        "budget_median_ms": 8.0,
    });
    let memory = json!({
        "after_load": after_load,
        "after_mount_1000": after_mount,
        "after_toggles": after_toggles,
        "note": "js_heap_used: performance.memory.usedJSHeapSize after gc(); wasm_memory: the size of the \
                 module's linear memory (wasm.memory.buffer.byteLength, read through the glue's initSync(), \
                 which returns the running instance); linear memory only grows",
    });
    Ok((interaction, memory, browser))
}

/// JS heap in use (after a garbage collection) and the WebAssembly linear memory size.
async fn memory(c: &Client) -> Res<Value> {
    c.execute(
        "if (window.gc) { gc(); }
         let wasm = null;
         try { wasm = window.wasmBindings.initSync().memory.buffer.byteLength; } catch (e) { wasm = null; }
         return { js_heap_used: performance.memory ? performance.memory.usedJSHeapSize : null, wasm_memory: wasm };",
        vec![],
    )
    .await
    .map_err(failed("reading memory figures"))
}

/// Clicks checkboxes inside the page and times each click until the DOM and storage show it.
async fn toggles(c: &Client, total: usize) -> Res<Value> {
    // Items spread over every section (37 is prime to 1,000, so each index comes once);
    // each is checked, then unchecked in the same order.
    let spread = |n: usize, from: usize| (from..from + n).map(|i| (i * 37 + 11) % total).collect::<Vec<_>>();
    let warm = spread(WARM_UP_ITEMS, TOGGLED_ITEMS);
    let measured = spread(TOGGLED_ITEMS, 0);
    let order: Vec<usize> = warm.iter().chain(&warm).chain(&measured).chain(&measured).copied().collect();
    c.update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
        Some(Duration::from_secs(120)),
        Some(Duration::from_secs(60)),
        None,
    ))
    .await
    .map_err(failed("setting the script timeout"))?;
    let result = c
        .execute_async(
            "const [order, skip, scenario, done] = arguments;
             const items = Array.from(document.querySelectorAll('#bench-root li.cc-item'));
             // The item's saved status, wherever the envelope keeps it: the first object with a
             // `status` under the item's id (generated ids are unique on the page).
             const find = (value, id) => {
               if (!value || typeof value !== 'object') { return undefined; }
               if (value[id] && typeof value[id] === 'object' && 'status' in value[id]) { return value[id].status; }
               for (const child of Object.values(value)) {
                 const found = find(child, id);
                 if (found !== undefined) { return found; }
               }
               return undefined;
             };
             const stored = (id) => {
               const text = localStorage.getItem('crisis-comms:bench:state');
               return (text && text.includes(scenario) && find(JSON.parse(text), id)) || 'open';
             };
             (async () => {
               const ms = [], sync = [], waits = [], failures = [];
               for (let i = 0; i < order.length; i++) {
                 const li = items[order[i]];
                 const box = li.querySelector('input[type=checkbox]');
                 const want = !box.checked;
                 const t0 = performance.now();
                 box.click();
                 const returned = performance.now();
                 let n = 0;
                 while (li.classList.contains('cc-done') !== want && n < 10000) { n++; await null; }
                 const t1 = performance.now();
                 const status = stored(li.dataset.item);
                 if (li.classList.contains('cc-done') !== want || box.checked !== want
                     || (status === 'done') !== want) {
                   failures.push({ item: li.dataset.item, want, status, waits: n });
                 }
                 if (i >= skip) { ms.push(t1 - t0); sync.push(returned - t0); waits.push(n); }
                 // Let the page render between clicks, as between a person's clicks.
                 await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
               }
               return { ms, sync, waits, failures };
             })().then(done, (e) => done({ error: String(e) }));",
            vec![json!(order), json!(2 * WARM_UP_ITEMS), json!(GENERATED_ID)],
        )
        .await
        .map_err(failed("running the toggle loop"))?;
    if let Some(e) = result.get("error") {
        return Err(format!("the toggle loop failed: {e}"));
    }
    if result["failures"].as_array().is_none_or(|f| !f.is_empty()) {
        return Err(format!("toggles that did not show in the DOM and in storage: {}", result["failures"]));
    }
    let waits: Vec<u64> =
        result["waits"].as_array().into_iter().flatten().filter_map(Value::as_u64).collect();
    Ok(json!({
        "ms": result["ms"],
        "sync_ms": result["sync"],
        "waits": { "max": waits.iter().max(), "synchronous": waits.iter().filter(|&&w| w == 0).count() },
    }))
}

/// A checklist of [`SECTIONS`] × [`ITEMS_PER_SECTION`] steps, in the checklist format.
fn generated_checklist() -> String {
    const LABELS: [&str; 5] = ["TLP:RED", "TLP:AMBER+STRICT", "TLP:AMBER", "TLP:GREEN", "TLP:CLEAR"];
    const AUDIENCES: [&str; 5] = [
        "responders",
        "responders, maintainers",
        "leadership, foundation",
        "community",
        "public, downstream",
    ];
    let mut md = format!(
        "+++\nid = \"{GENERATED_ID}\"\ntitle = \"Benchmark: {} steps\"\nsummary = \"A generated checklist for \
         timing.\"\nversion = 1\nlabel = \"TLP:AMBER\"\n+++\n",
        SECTIONS * ITEMS_PER_SECTION
    );
    for s in 1..=SECTIONS {
        let _ = write!(md, "\n## Phase {s} {{#s{s:02}}}\n");
        for i in 1..=ITEMS_PER_SECTION {
            let k = s * ITEMS_PER_SECTION + i;
            let _ = write!(
                md,
                "\n### Tell the right people about step {s}.{i} {{#s{s:02}-i{i:03}}}\n- audience: {}\n- label: {}\n",
                AUDIENCES[k % AUDIENCES.len()],
                LABELS[k % LABELS.len()]
            );
        }
    }
    md
}

// ---- the framework floor's page ---------------------------------------------------------

/// Loads the floor's module; `floor/start.js`, next to it.
const FLOOR_START: &str = "import init from './floor.js';\ninit({ module_or_path: new URL('./floor_bg.wasm', import.meta.url) });\n";

/// The floor's page: the app's stylesheets, its loader, and the same preloads Trunk gives the
/// app, so both fetch their script the same way.
fn floor_page(css: &[String]) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>crisis-comms (framework floor)</title>\n\
         {}<script type=\"module\" src=\"./floor/start.js\"></script>\n\
         <link rel=\"modulepreload\" href=\"./floor/floor.js\" crossorigin=\"anonymous\">\n\
         <link rel=\"preload\" href=\"./floor/floor_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">\n\
         </head>\n<body></body>\n</html>\n",
        css.iter().map(|c| format!("<link rel=\"stylesheet\" href=\"./{}\">\n", escape(c))).collect::<String>(),
    )
}

// ---- the static page --------------------------------------------------------------------

/// The checklist page as static HTML with no script, from the same renderer as the standalone
/// page's static view (`crisis_comms::render`), with the app's classes and stylesheets.
fn static_page(scenario: &Scenario, css: &[String]) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>{} — crisis-comms (static)</title>\n\
         {}</head>\n<body>\n{}\n</body>\n</html>\n",
        escape(&scenario.title),
        css.iter()
            .map(|c| format!("<link rel=\"stylesheet\" href=\"./{}\">\n", escape(c)))
            .collect::<String>(),
        crisis_comms::render::one_checklist(scenario),
    )
}

// ---- passphrase lock ----------------------------------------------------------------------

/// Unlocks measured on the mobile profile, each in a new browser.
const UNLOCK_RUNS: usize = 5;
/// Changes saved with the lock on, in the 1,000-step checklist (after two not counted).
const LOCKED_SAVES: usize = 60;
const PASSPHRASE: &str = "a bench passphrase of several words";

/// The passphrase lock's two figures: unlocking on the mobile profile (budget 1 s), and the
/// time to save one change with the lock on in the 1,000-step checklist (budget: median 16 ms).
async fn lock() -> Value {
    println!(
        "bench: passphrase lock, {UNLOCK_RUNS} unlocks on the mobile profile and {LOCKED_SAVES} encrypted saves \
         in the {}-step checklist",
        SECTIONS * ITEMS_PER_SECTION
    );
    let mut runs = Vec::new();
    for _ in 0..UNLOCK_RUNS {
        runs.push(in_browser(unlock_run).await);
    }
    let unlock_ms: Vec<f64> = runs.iter().filter_map(Value::as_f64).collect();
    let save = in_browser(locked_saves).await;
    let unlock = stats(&unlock_ms);
    println!(
        "bench: unlock on the mobile profile, median {:.0} ms; encrypted save, median {:.2} ms",
        unlock["median"].as_f64().unwrap_or(f64::NAN),
        save["stats"]["median"].as_f64().unwrap_or(f64::NAN)
    );
    json!({
        "unlock_mobile": {
            "ms": unlock_ms,
            "stats": unlock,
            "budget_ms": 1000.0,
            "measure": "performance.now() when the unlock form is submitted to the first checklist's heading \
                        shown in place of the prompt, with the CPU slowed 4x and the slow 4G link",
        },
        "save": save,
    })
}

/// Sets a lock, reloads on the mobile profile, and times the unlock inside the page.
async fn unlock_run(c: &Client) -> Res<Value> {
    let base = mobile_url();
    c.goto(&format!("{base}index.html#/s/account-compromise")).await.map_err(failed("opening the app"))?;
    app_ready(c).await?;
    c.execute("location.hash = '#/records';", vec![]).await.map_err(failed("opening the Records page"))?;
    set_lock_in_page(c, ".cc-set-lock").await?;
    cdp(c, "Network.enable", json!({})).await?;
    cdp(c, "Network.emulateNetworkConditions", slow_4g()).await?;
    cdp(c, "Emulation.setCPUThrottlingRate", json!({ "rate": CPU_SLOWDOWN })).await?;
    let (width, height, scale) = PHONE_SCREEN;
    cdp(
        c,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": scale, "mobile": true }),
    )
    .await?;
    // A page of its own first, so that the app loads again, throttled from its first byte.
    c.goto(&format!("{base}{BLANK_PAGE}")).await.map_err(failed("opening the blank page"))?;
    c.goto(&format!("{base}index.html#/s/account-compromise")).await.map_err(failed("reloading"))?;
    c.wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css(".cc-unlock .cc-passphrase"))
        .await
        .map_err(|e| format!("the unlock prompt did not show on the mobile profile: {e}"))?;
    let ms = c
        .execute_async(
            "const [pass, done] = arguments;
             const form = document.querySelector('.cc-unlock form');
             form.querySelector('input').value = pass;
             const t0 = performance.now();
             form.requestSubmit();
             const check = () => {
               const h1 = document.querySelector('.cc-scenario h1');
               if (h1 && !document.querySelector('.cc-unlock')) { done(performance.now() - t0); }
               else if (performance.now() - t0 > 30000) { done(null); }
               else { requestAnimationFrame(check); }
             };
             check();",
            vec![json!(PASSPHRASE)],
        )
        .await
        .map_err(failed("timing the unlock"))?;
    if ms.is_number() {
        Ok(ms)
    } else {
        Err("the app did not open within 30 s of the right passphrase on the mobile profile".into())
    }
}

/// Fills the set-lock form matching `form` with the passphrase, submits it, and waits until the
/// encrypted state is stored.
async fn set_lock_in_page(c: &Client, form: &str) -> Res<()> {
    let set = c
        .execute_async(
            "const [css, pass, done] = arguments;
             const started = performance.now();
             const step = () => {
               const form = document.querySelector(css);
               if (!form) {
                 return performance.now() - started > 20000 ? done('no form') : setTimeout(step, 50);
               }
               for (const input of form.querySelectorAll('input[type=password]')) { input.value = pass; }
               form.requestSubmit();
               const wait = () => {
                 const sealed = Object.keys(localStorage).some((k) => k.endsWith(':state')
                   && localStorage.getItem(k).includes('crisis-comms-encrypted'));
                 if (sealed) { done('ok'); }
                 else if (performance.now() - started > 30000) { done('not sealed'); }
                 else { setTimeout(wait, 50); }
               };
               wait();
             };
             step();",
            vec![json!(form), json!(PASSPHRASE)],
        )
        .await
        .map_err(failed("setting the lock"))?;
    if set == "ok" {
        Ok(())
    } else {
        Err(format!("the lock was not set: {set}"))
    }
}

/// Mounts the 1,000-step checklist in a namespace that asks for a lock, sets it, then times
/// each change from the click to the new encrypted state in `localStorage`.
async fn locked_saves(c: &Client) -> Res<Value> {
    c.goto(&format!("{}index.html#/s/account-compromise", base_url()))
        .await
        .map_err(failed("opening the app"))?;
    app_ready(c).await?;
    c.execute(
        "const [markdown, view] = arguments;
         const root = document.createElement('div');
         root.id = 'bench-lock-root';
         document.body.append(root);
         window.wasmBindings.mount(root, { namespace: 'bench-lock', view, checklists: [markdown], lock: true });",
        vec![json!(generated_checklist()), json!(format!("scenario:{GENERATED_ID}"))],
    )
    .await
    .map_err(failed("mounting the generated checklist with a lock"))?;
    set_lock_in_page(c, "#bench-lock-root .cc-set-lock").await?;
    let total = SECTIONS * ITEMS_PER_SECTION;
    let order: Vec<usize> = (0..LOCKED_SAVES + 2).map(|i| (i * 37 + 11) % total).collect();
    let result = c
        .execute_async(
            "const [order, skip, done] = arguments;
             const key = 'crisis-comms:bench-lock:state';
             const started = performance.now();
             const ready = () => document.querySelectorAll('#bench-lock-root li.cc-item').length > 0
               ? run() : (performance.now() - started > 20000 ? done({ error: 'no checklist' }) : setTimeout(ready, 50));
             const run = async () => {
               const items = Array.from(document.querySelectorAll('#bench-lock-root li.cc-item'));
               const ms = [];
               for (let i = 0; i < order.length; i++) {
                 const before = localStorage.getItem(key);
                 const box = items[order[i]].querySelector('input[type=checkbox]');
                 const t0 = performance.now();
                 box.click();
                 while (localStorage.getItem(key) === before && performance.now() - t0 < 5000) {
                   await new Promise((r) => setTimeout(r, 0));
                 }
                 const t1 = performance.now();
                 if (localStorage.getItem(key) === before) { return done({ error: 'a change was not saved' }); }
                 if (!localStorage.getItem(key).includes('crisis-comms-encrypted')) {
                   return done({ error: 'a change was saved in plain text' });
                 }
                 if (i >= skip) { ms.push(t1 - t0); }
                 await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
               }
               done({ ms, bytes: localStorage.getItem(key).length });
             };
             ready();",
            vec![json!(order), json!(2)],
        )
        .await
        .map_err(failed("timing the encrypted saves"))?;
    if let Some(e) = result.get("error") {
        return Err(format!("the encrypted saves failed: {e}"));
    }
    let ms = f64s(&result["ms"]);
    Ok(json!({
        "changes": ms.len(),
        "items": total,
        "stored_bytes": result["bytes"],
        "ms": ms,
        "stats": stats(&ms),
        "budget_median_ms": 16.0,
        "measure": "performance.now() before element.click() to localStorage holding the new encrypted \
                    envelope (merge, serialise, AES-GCM through Web Crypto, write)",
    }))
}

// ---- offline use ------------------------------------------------------------------------

/// Runs of the offline measures, each in a new browser with a fresh profile.
const OFFLINE_RUNS: usize = 5;

/// A repeat visit's requests and bytes from the network, and the time to usable with the
/// network off on the mobile profile. Each run: a first visit (unthrottled) until the service
/// worker keeps the page; a second visit, whose requests the server logs (the browser's check
/// for a new `sw.js` among them) and whose page entries say how many bytes came over the
/// network; then the mobile profile with DevTools' offline switch on, and a third visit.
async fn offline(scenario: &Scenario) -> Value {
    println!("bench: offline use, {OFFLINE_RUNS} runs, each in a new browser with a fresh profile");
    let path = format!("index.html#/s/{}", scenario.id);
    let mut runs = Vec::new();
    for run in 0..OFFLINE_RUNS {
        let agent = format!("crisis-comms-bench-offline-{}-{run}", std::process::id());
        let user_agent = format!("--user-agent={agent}");
        let mut flags = FLAGS.to_vec();
        flags.push(&user_agent);
        let c = browser_with(&flags).await;
        let result = offline_run(&c, &path, &agent).await;
        let _ = c.close().await;
        runs.push(result.unwrap_or_else(|e| panic!("{e}")));
    }
    let usable: Vec<f64> = runs.iter().filter_map(|r| r["usable_offline"].as_f64()).collect();
    json!({
        "runs": runs,
        "usable_offline": stats(&usable),
        "method": "first visit unthrottled until a service worker controls the page; repeat visit: requests \
                   in the server's log for this browser's User-Agent, and the sum of transferSize of the \
                   page's navigation and resource entries; then DevTools' offline switch, the CPU 4x slower \
                   and the phone screen, and the page opened again: time to the crisis-comms-ready mark",
    })
}

async fn offline_run(c: &Client, path: &str, agent: &str) -> Res<Value> {
    let base = mobile_url();
    let url = format!("{base}{path}");
    c.goto(&url).await.map_err(failed("the first visit"))?;
    app_ready(c).await?;
    let kept = c
        .execute_async(
            "const [done, sw] = [arguments[0], navigator.serviceWorker]; \
             sw.ready.then(() => sw.controller ? done(true) \
               : sw.addEventListener('controllerchange', () => done(true))); \
             setTimeout(() => done(false), 30000);",
            vec![],
        )
        .await
        .map_err(failed("waiting for the service worker"))?;
    if kept != json!(true) {
        return Err("no service worker kept the page within 30 s".to_owned());
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    // Through a blank page, so the visit is a new navigation (the blank page's own requests, its
    // icon among them, are the bench's, not the app's, and come before the count starts).
    c.goto(&format!("{base}{BLANK_PAGE}")).await.map_err(failed("the blank page"))?;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let before = e2e::server_log(agent).len();
    c.goto(&url).await.map_err(failed("the repeat visit"))?;
    app_ready(c).await?;
    let page = c
        .execute(
            "const files = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]; \
             return { transferred: files.reduce((n, e) => n + e.transferSize, 0), files: files.length, \
                      from_worker: files.filter((e) => e.workerStart > 0).length };",
            vec![],
        )
        .await
        .map_err(failed("reading the repeat visit's entries"))?;
    // The browser's check for a new `sw.js` may come after the page is ready.
    tokio::time::sleep(Duration::from_millis(3000)).await;
    let repeat = e2e::server_log(agent)[before..].to_vec();

    c.goto(&format!("{base}{BLANK_PAGE}")).await.map_err(failed("the blank page"))?;
    cdp(c, "Network.enable", json!({})).await?;
    let offline = json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
    cdp(c, "Network.emulateNetworkConditions", offline).await?;
    cdp(c, "Emulation.setCPUThrottlingRate", json!({ "rate": CPU_SLOWDOWN })).await?;
    let (width, height, scale) = PHONE_SCREEN;
    cdp(
        c,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": scale, "mobile": true }),
    )
    .await?;
    c.goto(&url).await.map_err(failed("the offline visit"))?;
    app_ready(c).await?;
    let usable = c
        .execute("return performance.getEntriesByName('crisis-comms-ready', 'mark')[0].startTime", vec![])
        .await
        .map_err(failed("reading the offline visit's mark"))?;
    Ok(json!({
        "repeat_requests": repeat,
        "repeat_page_transferred": page["transferred"],
        "repeat_page_files": page["files"],
        "repeat_page_files_from_worker": page["from_worker"],
        "usable_offline": usable,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_checklist_parses_with_every_item() {
        let s = parse_scenario("generated", &generated_checklist()).expect("parses");
        assert_eq!(s.sections.len(), SECTIONS);
        assert_eq!(s.items().count(), SECTIONS * ITEMS_PER_SECTION);
    }

    #[test]
    fn the_static_page_has_a_labelled_checkbox_per_item_and_no_script() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../checklists/account-compromise.md");
        let text = std::fs::read_to_string(path).expect("the scenario");
        let s = parse_scenario("account-compromise.md", &text).expect("parses");
        let page = static_page(&s, &["page.css".to_owned(), "main.css".to_owned()]);
        let items = s.items().count();
        assert_eq!(page.matches("type=\"checkbox\"").count(), items);
        assert_eq!(page.matches("<label for=\"").count(), items);
        assert!(page.contains(&format!("<h1>{}</h1>", escape(&s.title))), "{page}");
        assert!(!page.contains("<script"));
        assert!(page.contains(
            "<link rel=\"stylesheet\" href=\"./page.css\">\n<link rel=\"stylesheet\" href=\"./main.css\">"
        ));
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 95.0), 95.0);
        assert_eq!(median(&v), 50.5);
        assert_eq!(median(&[1.0, 2.0, 3.0]), 2.0);
    }
}

//! `cargo xtask test`: every check and test, in order, stopping at the first failure.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{cmd, step};
use crate::setup::{self, Tools};
use crate::{dist, http, size, Result};

const WASM: &str = "wasm32-unknown-unknown";

/// Passed and failed tests over every runner.
#[derive(Default)]
struct Count {
    passed: u64,
    failed: u64,
    /// Tests a filter left out (`--skip`).
    filtered: u64,
}

impl Count {
    fn add(&mut self, other: &Count) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.filtered += other.filtered;
    }
}

pub fn run() -> Result {
    let started = Instant::now();
    let tools = setup::run()?;
    let p = &tools.path;
    let mut count = Count::default();
    step("format: cargo fmt --check", cmd("cargo", p).args(["fmt", "--all", "--check"]))?;
    step(
        "lint for the host: clippy -D warnings",
        cmd("cargo", p).args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
    )?;
    step(
        "lint for wasm32: clippy -D warnings",
        cmd("cargo", p).args([
            "clippy",
            "-p",
            "crisis-comms",
            "--all-targets",
            "--target",
            WASM,
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    tests("native tests", cmd("cargo", p).args(["test", "--workspace", "--exclude", "e2e"]), &mut count)?;
    tests(
        "browser component tests: wasm-bindgen-test in headless Chromium",
        cmd("cargo", p)
            .args(["test", "-p", "crisis-comms", "--target", WASM, "--test", "browser"])
            // The runner prefers another driver when one is named: name only ChromeDriver.
            .env_remove("GECKODRIVER")
            .env_remove("SAFARIDRIVER")
            .env("CHROMEDRIVER", &tools.chromedriver),
        &mut count,
    )?;
    tests(
        "browser component tests: wasm-bindgen-test in headless Firefox",
        cmd("cargo", p)
            .args(["test", "-p", "crisis-comms", "--target", WASM, "--test", "browser"])
            .env("GECKODRIVER", &tools.geckodriver)
            // The test runner splits these at spaces.
            .env("GECKODRIVER_ARGS", format!("--binary {}", tools.firefox.display())),
        &mut count,
    )?;
    let dist = dist::build(&tools)?;
    // Sizes are deterministic, so the transfer size is checked here (timings never are). While
    // the build is over its budget (README, "Performance"), growing past the ceiling fails.
    if let Some(over) = size::check_budget(&dist)? {
        println!("\nWARNING: {over}");
    }
    end_to_end(&tools, &dist, &mut count)?;
    println!("\nxtask test: every step passed in {:.0} s", started.elapsed().as_secs_f64());
    println!("{} passed, {} failed", count.passed, count.failed);
    Ok(())
}

/// Runs a test command, echoing its output and adding up its `test result:` lines.
fn tests(what: &str, command: &mut Command, count: &mut Count) -> Result {
    println!("\n==> {what}");
    let mut child =
        command.stdout(Stdio::piped()).spawn().map_err(|e| format!("{what}: could not start: {e}"))?;
    let stdout = child.stdout.take().ok_or("no output pipe")?;
    let (mut passed, mut failed, mut filtered) = (0, 0, 0);
    for line in BufReader::new(stdout).lines().map_while(std::result::Result::ok) {
        println!("{line}");
        if let Some(rest) = line.trim().strip_prefix("test result: ") {
            passed += number_before(rest, " passed");
            failed += number_before(rest, " failed");
            filtered += number_before(rest, " filtered out");
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    count.add(&Count { passed, failed, filtered });
    if !status.success() || failed > 0 {
        return Err(format!("{what} failed ({passed} passed, {failed} failed)"));
    }
    if passed == 0 {
        return Err(format!("{what} ran no test"));
    }
    Ok(())
}

/// In `ok. 3 passed; 0 failed; ...`, the number before `word`.
fn number_before(text: &str, word: &str) -> u64 {
    text.split(';')
        .find_map(|part| {
            part.trim()
                .trim_start_matches("ok. ")
                .trim_start_matches("FAILED. ")
                .strip_suffix(word)?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// A running ChromeDriver; stopped however the tests end.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// The WebDriver endpoint.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// End-to-end tests that need what only Chromium offers, with the reason: the Firefox run
/// leaves them out by name and says so.
const CHROMIUM_ONLY: &[(&str, &str)] = &[(
    "chromium_net_log_shows_requests_to_the_page_origin_alone",
    "Chromium's own net log, which Firefox has no counterpart of; in both engines the journey \
     test proves the same with the server's log and the page's performance entries",
)];

fn end_to_end(tools: &Tools, dist: &Path, count: &mut Count) -> Result {
    // The server logs every request, which the privacy test reads.
    let log = std::env::temp_dir().join(format!("crisis-comms-e2e-requests-{}.log", std::process::id()));
    http::log_requests(&log)?;
    let server = http::Server::start(dist, 0)?;
    let e2e = |engine: &str| {
        let mut c = cmd("cargo", &tools.path);
        c.args(["test", "-p", "e2e"])
            .env("E2E_ENGINE", engine)
            .env("E2E_BASE_URL", server.url())
            .env("E2E_REQUEST_LOG", &log)
            // axe-core's script, which the accessibility tests inject into each page.
            .env("E2E_AXE", &tools.axe);
        c
    };
    let mut engines = Vec::new();
    {
        let driver = chromedriver(tools)?;
        let started = Instant::now();
        let mut chromium = e2e("chromium");
        chromium.env("E2E_WEBDRIVER_URL", driver.url()).env("E2E_CHROME", &tools.chrome);
        let mut counted = Count::default();
        let result = tests(
            "end-to-end tests: release build in headless Chromium through WebDriver",
            &mut chromium,
            &mut counted,
        );
        engines.push(("Chromium", counted.passed, counted.failed, started.elapsed(), 0));
        count.add(&counted);
        result?;
    }
    println!("\nLeft out in Firefox, as they need Chromium:");
    let mut firefox = e2e("firefox");
    // The browser tests alone: the crate's unit tests, which use no browser, ran with Chromium.
    firefox
        .args(["--test", "*"])
        .env("E2E_FIREFOX", &tools.firefox)
        .env("E2E_GECKODRIVER", &tools.geckodriver)
        .arg("--");
    for (name, why) in CHROMIUM_ONLY {
        println!("    {name}: {why}");
        firefox.args(["--skip", name]);
    }
    let started = Instant::now();
    let mut counted = Count::default();
    let result = tests(
        "end-to-end tests: release build in headless Firefox through WebDriver",
        &mut firefox,
        &mut counted,
    );
    engines.push(("Firefox", counted.passed, counted.failed, started.elapsed(), CHROMIUM_ONLY.len()));
    count.add(&counted);
    let _ = std::fs::remove_file(&log);
    println!();
    for (engine, passed, failed, took, left_out) in &engines {
        println!(
            "end-to-end in {engine}: {passed} passed, {failed} failed, {left_out} left out, in {:.0} s",
            took.as_secs_f64()
        );
    }
    result?;
    if counted.filtered != CHROMIUM_ONLY.len() as u64 {
        return Err(format!(
            "the Firefox run left out {} tests, but {} are listed as Chromium-only: is a name in \
             CHROMIUM_ONLY (xtask/src/test.rs) wrong?",
            counted.filtered,
            CHROMIUM_ONLY.len()
        ));
    }
    Ok(())
}

/// Starts ChromeDriver on a free port of 127.0.0.1 and waits until it listens.
pub fn chromedriver(tools: &Tools) -> Result<Driver> {
    let port =
        TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    let driver = Driver {
        child: Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", tools.chromedriver.display()))?,
        port,
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("ChromeDriver did not start listening on port {port} within 20 s"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(driver)
}

#[cfg(test)]
mod tests {
    use super::number_before;

    #[test]
    fn reads_counts_from_a_cargo_test_summary() {
        let line = "ok. 12 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(number_before(line, " passed"), 12);
        assert_eq!(number_before(line, " failed"), 1);
        assert_eq!(number_before(line, " filtered out"), 0);
        assert_eq!(
            number_before("ok. 8 passed; 0 failed; 0 ignored; 0 measured; 1 filtered out;", " filtered out"),
            1
        );
        assert_eq!(number_before("FAILED. 3 passed; 2 failed;", " failed"), 2);
    }
}

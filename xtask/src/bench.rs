//! `cargo xtask bench`: the release build's transfer size, start-up beside a static HTML page
//! of the same checklist (on this machine, and on an emulated phone: slow 4G, a 4× slower CPU,
//! files gzipped), toggling in a 1,000-item checklist, and memory, in one run.
//! Prints a table and writes `target/bench/results.json`. It measures and reports; only the
//! size budget, being deterministic, is also checked by `cargo xtask test`.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::run::{cmd, output, root, step};
use crate::setup::{self, Tools};
use crate::size::{self, group, Sizes};
use crate::{dist, files, http, test, Result};

/// The checklist of the start-up comparison.
const SCENARIO: &str = "checklists/account-compromise.md";

pub fn run() -> Result {
    let tools = setup::run()?;
    let dist = dist::build(&tools)?;
    println!("\n==> transfer size of dist/");
    let sizes = size::measure(&dist)?;
    println!("{}", sizes.table());

    let out = root().join("target").join("bench");
    let site = out.join("site");
    copy_dist(&dist, &site)?;
    let floor = floor(&tools, &site)?;
    // The offline measures read the requests of a repeat visit from the servers' log.
    let requests = out.join("requests.log");
    http::log_requests(&requests)?;
    let server = http::Server::start(&site, 0)?;
    // The mobile profile gets the same files gzipped, as a static host sends them.
    let gzip_server = http::Server::start_gzip(&site, 0)?;
    let driver = test::chromedriver(&tools)?;
    let browser_json = out.join("browser.json");
    let _ = std::fs::remove_file(&browser_json);
    step(
        "browser measurements: start-up (desktop and mobile), toggles and memory in headless Chromium",
        // The dev profile: the bench binary's own speed does not matter (everything is timed
        // inside the page), and it shares its build with the end-to-end tests.
        cmd("cargo", &tools.path)
            .args(["run", "-p", "e2e", "--bin", "bench"])
            .env("E2E_BASE_URL", server.url())
            .env("BENCH_MOBILE_URL", gzip_server.url())
            .env("E2E_WEBDRIVER_URL", driver.url())
            .env("E2E_CHROME", &tools.chrome)
            .env("BENCH_SITE", &site)
            .env("BENCH_SCENARIO", root().join(SCENARIO))
            .env("BENCH_OUT", &browser_json)
            .env("E2E_REQUEST_LOG", &requests),
    )?;
    drop(driver);
    let text = std::fs::read_to_string(&browser_json)
        .map_err(|e| format!("cannot read {}: {e}", browser_json.display()))?;
    let browser: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", browser_json.display()))?;

    let results = json!({
        "unix_time": SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default(),
        "machine": machine(&tools),
        "size": sizes.to_json(),
        "floor_size": floor,
        "startup": browser["startup"],
        "mobile": browser["mobile"],
        "interaction": browser["interaction"],
        "memory": browser["memory"],
        "offline": browser["offline"],
        "lock": browser["lock"],
        "browser": browser["browser"],
    });
    let file = out.join("results.json");
    let pretty = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
    std::fs::write(&file, pretty + "\n").map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    println!("\n{}", table(&results, &sizes));
    println!("\nresults: {}", file.display());
    Ok(())
}

/// The framework floor (`tests/floor`): the least a Leptos page needs to show the start-up
/// checklist and save its ticks, built as the app is, into `site/floor/`. Returns its
/// script's sizes; the bench binary writes its page.
fn floor(tools: &Tools, site: &Path) -> Result<Value> {
    let out = site.join("floor");
    dist::library_build(tools, "framework floor", "floor", "floor", &out)?;
    let mut files = Vec::new();
    for name in ["floor_bg.wasm", "floor.js"] {
        let bytes = std::fs::read(out.join(name)).map_err(|e| format!("cannot read floor/{name}: {e}"))?;
        files.push(json!({ "name": name, "raw": bytes.len(), "brotli": size::brotli(&bytes)? }));
    }
    let brotli: u64 = files.iter().filter_map(|f| f["brotli"].as_u64()).sum();
    Ok(json!({ "files": files, "script_brotli": brotli }))
}

/// A fresh copy of `dist/` to serve, with the app's stylesheet, so the static comparison page
/// never lands in `dist/`.
fn copy_dist(dist: &Path, site: &Path) -> Result {
    if site.exists() {
        std::fs::remove_dir_all(site).map_err(|e| format!("cannot clear {}: {e}", site.display()))?;
    }
    std::fs::create_dir_all(site).map_err(|e| format!("cannot create {}: {e}", site.display()))?;
    files::copy_files(dist, site)?;
    // The app adopts its stylesheet from its module; the static page and the floor link it.
    std::fs::copy(root().join("style/main.css"), site.join("main.css"))
        .map_err(|e| format!("cannot copy the app's stylesheet: {e}"))?;
    Ok(())
}

/// What the figures came from.
fn machine(tools: &Tools) -> Value {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let field = |text: &str, key: &str| {
        text.lines().find_map(|l| {
            let (k, v) = l.split_once([':', '='])?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_owned())
        })
    };
    let mem_kib: Option<u64> =
        field(&read("/proc/meminfo"), "MemTotal").and_then(|v| v.trim_end_matches("kB").trim().parse().ok());
    json!({
        "cores": std::thread::available_parallelism().map(|n| n.get()).ok(),
        "cpu": field(&cpuinfo, "model name"),
        "memory_gib": mem_kib.map(|k| (k as f64 / 1024.0 / 1024.0 * 10.0).round() / 10.0),
        "os": field(&read("/etc/os-release"), "PRETTY_NAME"),
        "kernel": read("/proc/sys/kernel/osrelease").trim(),
        "chromium": output(std::process::Command::new(&tools.chrome).arg("--version"))
            .map(|v| v.lines().next().unwrap_or_default().trim().to_owned()),
    })
}

fn ms(v: &Value) -> String {
    v.as_f64().map_or_else(|| "-".to_owned(), |x| format!("{x:.1}"))
}

fn ms2(v: &Value) -> String {
    v.as_f64().map_or_else(|| "-".to_owned(), |x| format!("{x:.2}"))
}

fn bytes(v: &Value) -> String {
    v.as_u64().map_or_else(|| "-".to_owned(), |b| format!("{} ({:.1} MB)", group(b), b as f64 / 1e6))
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "within budget"
    } else {
        "OVER budget"
    }
}

/// The summary table on the terminal.
fn table(r: &Value, sizes: &Sizes) -> String {
    let m = &r["machine"];
    let (s, i, mem) = (&r["startup"], &r["interaction"], &r["memory"]);
    let mut t = String::from("crisis-comms bench\n");
    t += &format!(
        "machine: {} cores, {}, {} GiB, {}, Linux {}, {}\n\n",
        m["cores"],
        m["cpu"].as_str().unwrap_or("unknown CPU"),
        m["memory_gib"],
        m["os"].as_str().unwrap_or("unknown OS"),
        m["kernel"].as_str().unwrap_or("?"),
        m["chromium"].as_str().unwrap_or("unknown browser"),
    );
    t += "TRANSFER SIZE\n";
    t += &sizes.table();
    let script: u64 = sizes
        .files
        .iter()
        .filter(|f| f.name.ends_with(".wasm") || f.name.ends_with(".js"))
        .map(|f| f.brotli)
        .sum();
    t += &format!(
        "\nscript (wasm and JS), brotli: app {}; framework floor (tests/floor: Leptos \
         and one checklist's steps, nothing else) {}",
        group(script),
        group(r["floor_size"]["script_brotli"].as_u64().unwrap_or_default()),
    );
    t += &format!(
        "\n\nSTART-UP (ms from navigation start to the first checklist usable; {} runs each, alternating, a new \
         browser with a fresh profile per run; checklist `{}`, {} items)\n",
        s["runs"], s["scenario"].as_str().unwrap_or("?"), s["items"]
    );
    t += &format!("{:<52} {:>8} {:>8} {:>8}\n", "", "median", "min", "max");
    for (name, key) in [
        ("app (mark crisis-comms-ready)", "app"),
        ("framework floor, tests/floor (same mark)", "floor"),
        ("static HTML, no script (domContentLoadedEventEnd)", "static"),
    ] {
        let st = &s[key]["stats"];
        t += &format!("{:<52} {:>8} {:>8} {:>8}\n", name, ms(&st["median"]), ms(&st["min"]), ms(&st["max"]));
    }
    let p = &s["app"]["phase_medians_ms"];
    t += &format!(
        "app phases (medians): HTML parsed {} ms, JS glue downloaded {} ms, wasm downloaded {} ms, \
         wasm running {} ms, checklists parsed {} ms, ready {} ms\n",
        ms(&p["dom_content_loaded"]),
        ms(&p["js_glue_response_end"]),
        ms(&p["wasm_response_end"]),
        ms(&p["wasm_started"]),
        ms(&p["library_parsed"]),
        ms(&p["ready"])
    );
    let ratio = s["ratio_of_medians"].as_f64().unwrap_or(f64::NAN);
    t += &format!(
        "ratio app/static (medians): {ratio:.2}x; budget: at most 1.5x: {}\n",
        verdict(ratio <= 1.5)
    );
    t += &format!(
        "ratio framework floor/static (medians): {:.2}x, the least a Leptos page needs for this checklist\n",
        s["floor_ratio_of_medians"].as_f64().unwrap_or(f64::NAN)
    );
    let paint = &s["first_contentful_paint"];
    t += &format!(
        "first contentful paint, the checklist on screen (medians; reported, not the budget's measure): app {} ms, \
         framework floor {} ms, static {} ms; ratio app/static {:.2}x, floor/static {:.2}x\n",
        ms(&paint["app"]["median"]),
        ms(&paint["floor"]["median"]),
        ms(&paint["static"]["median"]),
        paint["ratio_of_medians"].as_f64().unwrap_or(f64::NAN),
        paint["floor_ratio_of_medians"].as_f64().unwrap_or(f64::NAN)
    );
    t += &mobile_table(&r["mobile"]);
    let st = &i["stats"];
    let items = group(i["items"].as_u64().unwrap_or_default());
    t += &format!(
        "\nTOGGLE ({} clicks in a generated {}-item checklist mounted through window.wasmBindings.mount; click to \
         DOM updated and state saved)\n",
        i["toggles"],
        items
    );
    t += &format!("{:>8} {:>8} {:>8} {:>8}\n", "median", "p95", "min", "max");
    t += &format!(
        "{:>8} {:>8} {:>8} {:>8}  ms\n",
        ms2(&st["median"]),
        ms2(&st["p95"]),
        ms2(&st["min"]),
        ms2(&st["max"])
    );
    t += &format!(
        "of which click() itself (event handler, state change, save to localStorage): median {} ms; the rest \
         is the DOM update, which lands in a microtask after click() returns\n",
        ms2(&i["click_returned_stats"]["median"])
    );
    let median = st["median"].as_f64().unwrap_or(f64::NAN);
    t += &format!("budget: median under 8 ms: {}\n", verdict(median < 8.0));
    t += &format!("mounting the {items}-item checklist took {} ms\n", ms(&i["mount_ms"]));
    t += "\nMEMORY (bytes)                       JS heap used (after gc)      wasm linear memory\n";
    for (name, key) in [
        ("after load (account-compromise)", "after_load"),
        ("after mounting 1,000 items", "after_mount_1000"),
        ("after the toggles", "after_toggles"),
    ] {
        t += &format!(
            "{:<36} {:<28} {}\n",
            name,
            bytes(&mem[key]["js_heap_used"]),
            bytes(&mem[key]["wasm_memory"])
        );
    }
    t += &lock_table(&r["lock"]);
    t += &offline_table(&r["offline"], sizes);
    t
}

/// Offline use: what a repeat visit fetches, and the time to usable with the network off.
fn offline_table(o: &Value, sizes: &Sizes) -> String {
    let runs = o["runs"].as_array().cloned().unwrap_or_default();
    let mut t = String::from("\nOFFLINE USE\n");
    // The bytes a request costs: its file's gzip size (the server gzips as a static host does).
    let gzip = |request: &str| {
        let name = request.split(' ').nth(1).unwrap_or_default().trim_start_matches('/');
        sizes.files.iter().chain(&sizes.others).find(|f| f.name == name).map_or(0, |f| f.gzip)
    };
    for (n, run) in runs.iter().enumerate() {
        let requests: Vec<&str> =
            run["repeat_requests"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let bytes: u64 = requests.iter().map(|r| gzip(r)).sum();
        t += &format!(
            "repeat visit {}: {} request(s) reached the server ({}), {} bytes of bodies gzipped; the page's own \
             files: {} of {} answered by the service worker, {} bytes over the network\n",
            n + 1,
            requests.len(),
            requests.join(", "),
            group(bytes),
            run["repeat_page_files_from_worker"],
            run["repeat_page_files"],
            run["repeat_page_transferred"]
        );
    }
    let u = &o["usable_offline"];
    t += &format!(
        "time to usable with the network off, mobile profile (CPU 4x slower, phone screen; crisis-comms-ready), \
         median of {}: {} ms (min {}, max {})\n",
        runs.len(),
        ms(&u["median"]),
        ms(&u["min"]),
        ms(&u["max"])
    );
    t
}

/// The passphrase lock's part of the table: unlocking on the phone, saving with the lock on.
fn lock_table(l: &Value) -> String {
    let (u, s) = (&l["unlock_mobile"]["stats"], &l["save"]["stats"]);
    let unlock = u["median"].as_f64().unwrap_or(f64::NAN);
    let save = s["median"].as_f64().unwrap_or(f64::NAN);
    let mut t = String::from("\nPASSPHRASE LOCK\n");
    t += &format!(
        "unlock on the mobile profile (submit to the checklist shown; PBKDF2-SHA-256, 600,000 iterations), \
         median of {}: {} ms (min {}, max {}); budget: at most 1,000 ms: {}\n",
        l["unlock_mobile"]["ms"].as_array().map_or(0, Vec::len),
        ms(&u["median"]),
        ms(&u["min"]),
        ms(&u["max"]),
        verdict(unlock <= 1000.0)
    );
    t += &format!(
        "save one change with the lock on, {} changes in the {}-item checklist (click to the encrypted state \
         stored): median {} ms, p95 {} ms; budget: median at most 16 ms: {}\n",
        l["save"]["changes"],
        group(l["save"]["items"].as_u64().unwrap_or_default()),
        ms2(&s["median"]),
        ms2(&s["p95"]),
        verdict(save <= 16.0)
    );
    t
}

/// The mobile profile's part of the table: first contentful paint, largest contentful paint
/// and time to usable of each page, and their ratios to the static page.
fn mobile_table(m: &Value) -> String {
    let p = &m["profile"];
    let applied = &p["applied"]["params"];
    let mut t = format!(
        "\nMOBILE (ms from navigation start; Lighthouse's slow 4G as it applies it through DevTools: {:.1} ms per \
         request, {:.0} kbps down, {:.0} kbps up, in Lighthouse's kbps of 1,024 bit/s; CPU {}x slower; \
         a {}x{} phone screen; files gzipped; {} runs \
         each, alternating, a new browser with a fresh profile per run)\n",
        applied["latency"].as_f64().unwrap_or(f64::NAN),
        applied["downloadThroughput"].as_f64().unwrap_or(f64::NAN) * 8.0 / 1024.0,
        applied["uploadThroughput"].as_f64().unwrap_or(f64::NAN) * 8.0 / 1024.0,
        p["cpu_slowdown"].as_f64().unwrap_or(f64::NAN),
        p["screen"]["width"],
        p["screen"]["height"],
        m["runs"],
    );
    t += &format!(
        "{:<34} {:>20} {:>20} {:>20} {:>20} {:>10}\n",
        "median (min-max)", "first paint", "largest paint", "readable+tickable", "app ready", "sent (KB)"
    );
    let cell = |s: &Value| format!("{} ({}-{})", ms0(&s["median"]), ms0(&s["min"]), ms0(&s["max"]));
    for (name, key) in [
        ("app (static view, then the app)", "app"),
        ("framework floor (same mark)", "floor"),
        ("static HTML (domContentLoadedEnd)", "static"),
    ] {
        let page = &m[key];
        t += &format!(
            "{:<34} {:>20} {:>20} {:>20} {:>20} {:>10}\n",
            name,
            cell(&page["fcp"]),
            cell(&page["lcp"]),
            cell(&page["tickable"]),
            cell(&page["usable"]),
            page["transferred_bytes_median"]
                .as_f64()
                .map_or_else(|| "-".to_owned(), |b| format!("{:.1}", b / 1e3)),
        );
    }
    let ratio = |who: &str, key: &str| m["ratios_of_medians"][who][key].as_f64().unwrap_or(f64::NAN);
    for (name, who) in [("ratio app/static", "app_static"), ("ratio floor/static", "floor_static")] {
        t += &format!(
            "{:<34} {:>20} {:>20} {:>20} {:>20}\n",
            name,
            format!("{:.2}x", ratio(who, "fcp")),
            format!("{:.2}x", ratio(who, "lcp")),
            format!("{:.2}x", ratio(who, "tickable")),
            format!("{:.2}x", ratio(who, "usable")),
        );
    }
    t += &format!(
        "readable and tickable: {}; app ready: the mark crisis-comms-ready, once the app has taken over\n",
        m["measures"]["tickable"].as_str().unwrap_or("-")
    );
    let (lcp, usable) = (ratio("app_static", "lcp"), ratio("app_static", "tickable"));
    let (lcp_budget, usable_budget) = (
        m["budgets"]["lcp_app_static"].as_f64().unwrap_or(f64::NAN),
        m["budgets"]["usable_app_static"].as_f64().unwrap_or(f64::NAN),
    );
    t += &format!(
        "budget: largest paint app/static at most {lcp_budget}x: {}; usable (readable and tickable) app/static at \
         most {usable_budget}x: {}; app ready/static {:.2}x (reported)\n",
        verdict(lcp <= lcp_budget),
        verdict(usable <= usable_budget),
        ratio("app_static", "usable"),
    );
    let elements = |key: &str| {
        m[key]["lcp_elements"]
            .as_object()
            .map(|o| o.iter().map(|(k, v)| format!("{k} ({v})")).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    };
    t += &format!(
        "largest paint was: app {}; floor {}; static {}\n",
        elements("app"),
        elements("floor"),
        elements("static")
    );
    t
}

fn ms0(v: &Value) -> String {
    v.as_f64().map_or_else(|| "-".to_owned(), |x| format!("{x:.0}"))
}

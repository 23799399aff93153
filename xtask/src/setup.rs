//! `cargo xtask setup`: checks each tool and installs what is missing. Each step is skipped
//! when already satisfied, and each failure says what is missing and how to get it.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{output, root, step};
use crate::Result;

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_VERSION: &str = "132";
/// terser minifies the JavaScript glue (`dist.rs`); from npm, like binaryen.
const TERSER_VERSION: &str = "5.51.4";
/// axe-core checks every page for accessibility in the end-to-end tests; from npm, with the
/// registry's SHA-512 of its tarball, which npm checks the download against.
const AXE_VERSION: &str = "4.14.1";
const AXE_INTEGRITY: &str =
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// geckodriver drives Firefox in the end-to-end tests; from crates.io, like Trunk.
const GECKODRIVER_VERSION: &str = "0.37.1";

/// The tools every other task uses.
pub struct Tools {
    /// PATH for child processes: the project's tools folder, cargo's bin folder, then the rest.
    pub path: OsString,
    /// The Chromium (or Chrome) binary.
    pub chrome: PathBuf,
    /// The matching ChromeDriver binary.
    pub chromedriver: PathBuf,
    /// The Firefox (ESR) binary.
    pub firefox: PathBuf,
    /// geckodriver, which drives Firefox.
    pub geckodriver: PathBuf,
    /// axe-core's script, which the end-to-end tests inject into each page.
    pub axe: PathBuf,
}

/// Checks and installs everything; returns where the tools are.
pub fn run() -> Result<Tools> {
    println!("==> setup: checking tools");
    let path = tool_path()?;
    wasm_target()?;
    trunk(&path)?;
    wasm_bindgen(&path)?;
    wasm_opt(&path)?;
    terser(&path)?;
    let axe = axe(&path)?;
    let (chrome, chromedriver) = browser(&path)?;
    let (firefox, geckodriver) = firefox(&path)?;
    Ok(Tools { path, chrome, chromedriver, firefox, geckodriver, axe })
}

fn ok(what: &str) {
    println!("    ok  {what}");
}

/// The folder for tools installed by npm, inside the (git-ignored) `tools/` folder.
pub fn npm_bin() -> PathBuf {
    root().join("tools").join("node_modules").join(".bin")
}

fn cargo_bin() -> PathBuf {
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

fn tool_path() -> Result<OsString> {
    let mut dirs = vec![npm_bin(), cargo_bin()];
    dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))
}

fn with_path(program: &str, path: &OsString) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", path).current_dir(root());
    c
}

fn wasm_target() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).ok_or(
        "rustup is not available: install Rust with rustup (https://rustup.rs), then run this again",
    )?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        ok(WASM_TARGET);
        return Ok(());
    }
    step("install the wasm32 target", Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn trunk(path: &OsString) -> Result {
    let want = format!("trunk {TRUNK_VERSION}");
    if output(with_path("trunk", path).arg("--version")).is_some_and(|v| v.trim() == want) {
        ok(&want);
        return Ok(());
    }
    step(
        &format!("install {want} (takes a few minutes)"),
        with_path("cargo", path).args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]),
    )
}

/// The wasm-bindgen version in Cargo.lock; the CLI must be exactly this version. Asked of
/// `cargo metadata`, which fails if Cargo.lock is missing or out of date (`--locked`).
fn locked_wasm_bindgen() -> Result<String> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root())
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata --locked failed: {}(is Cargo.lock out of date? run `cargo update --workspace`)",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    wasm_bindgen_version(&metadata)
}

/// The version of the one `wasm-bindgen` package in `cargo metadata`'s output.
fn wasm_bindgen_version(metadata: &serde_json::Value) -> Result<String> {
    let packages = metadata["packages"].as_array().ok_or("cargo metadata lists no packages")?;
    let versions: Vec<&str> = packages
        .iter()
        .filter(|p| p["name"] == "wasm-bindgen")
        .filter_map(|p| p["version"].as_str())
        .collect();
    match versions.as_slice() {
        [version] => Ok((*version).to_owned()),
        [] => {
            Err("Cargo.lock has no wasm-bindgen package: is the crate's dependency on it missing?".to_owned())
        }
        _ => {
            Err(format!("Cargo.lock has wasm-bindgen {}: the CLI can match only one", versions.join(" and ")))
        }
    }
}

fn wasm_bindgen(path: &OsString) -> Result {
    let version = locked_wasm_bindgen()?;
    let trunk_toml = std::fs::read_to_string(root().join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{version}\"")) {
        return Err(format!(
            "Trunk.toml must pin `wasm_bindgen = \"{version}\"` under [tools], the version in Cargo.lock"
        ));
    }
    let want = format!("wasm-bindgen {version}");
    let have = output(with_path("wasm-bindgen", path).arg("--version")).is_some_and(|v| v.trim() == want);
    let runner = output(with_path("wasm-bindgen-test-runner", path).arg("--version")).is_some();
    if have && runner {
        ok(&format!("{want} (and its test runner)"));
        return Ok(());
    }
    // Not `--locked`: its locked dependency set is not fully available from the registry.
    step(
        &format!("install wasm-bindgen-cli {version} (takes a few minutes)"),
        with_path("cargo", path).args(["install", "wasm-bindgen-cli", "--version", &version, "--force"]),
    )
}

fn wasm_opt(path: &OsString) -> Result {
    let want = format!("version {BINARYEN_VERSION}");
    let wasm_opt = npm_bin().join("wasm-opt");
    let works = |p: &Path| {
        output(with_path(&p.to_string_lossy(), path).arg("--version")).is_some_and(|v| v.contains(&want))
    };
    if works(&wasm_opt) {
        ok(&format!("wasm-opt {want} (binaryen from npm, first on PATH)"));
        return Ok(());
    }
    if output(with_path("npm", path).arg("--version")).is_none() {
        return Err(
            "npm is not available: install Node.js and npm, then run this again (needed for binaryen's wasm-opt)"
                .to_owned(),
        );
    }
    let tools = root().join("tools");
    std::fs::create_dir_all(&tools).map_err(|e| format!("cannot create {}: {e}", tools.display()))?;
    npm_install(path, &format!("binaryen@{BINARYEN_VERSION}.0.0"))?;
    if works(&wasm_opt) {
        Ok(())
    } else {
        Err(format!("{} was installed but does not report {want}", wasm_opt.display()))
    }
}

fn terser(path: &OsString) -> Result {
    let want = format!("terser {TERSER_VERSION}");
    let terser = npm_bin().join("terser");
    let works = || {
        output(with_path(&terser.to_string_lossy(), path).arg("--version")).is_some_and(|v| v.trim() == want)
    };
    if works() {
        ok(&want);
        return Ok(());
    }
    npm_install(path, &format!("terser@{TERSER_VERSION}"))?;
    if works() {
        Ok(())
    } else {
        Err(format!("{} was installed but does not report {want}", terser.display()))
    }
}

/// axe-core of the pinned version, whose tarball had the pinned SHA-512: npm checks the download
/// against the integrity it writes into `tools/package-lock.json`, and that must be ours.
fn axe(path: &OsString) -> Result<PathBuf> {
    let want = format!("axe-core {AXE_VERSION}");
    let script = root().join("tools").join("node_modules").join("axe-core").join("axe.min.js");
    let installed = || -> Result<bool> {
        let Ok(lock) = std::fs::read_to_string(root().join("tools").join("package-lock.json")) else {
            return Ok(false);
        };
        let lock: serde_json::Value =
            serde_json::from_str(&lock).map_err(|e| format!("tools/package-lock.json: {e}"))?;
        let entry = &lock["packages"]["node_modules/axe-core"];
        if entry["version"] != AXE_VERSION || !script.is_file() {
            return Ok(false);
        }
        match entry["integrity"].as_str() {
            Some(AXE_INTEGRITY) => Ok(true),
            other => Err(format!(
                "{want} in tools/ has integrity {}, not the registry's {AXE_INTEGRITY}: remove \
                 tools/node_modules/axe-core and run this again",
                other.unwrap_or("none")
            )),
        }
    };
    if installed()? {
        ok(&format!("{want} (SHA-512 of its tarball checked)"));
        return Ok(script);
    }
    npm_install(path, &format!("axe-core@{AXE_VERSION}"))?;
    if installed()? {
        Ok(script)
    } else {
        Err(format!("{want} was installed but tools/package-lock.json does not list it"))
    }
}

/// Installs `package` (`name@version`) from npm into the git-ignored `tools/` folder.
fn npm_install(path: &OsString, package: &str) -> Result {
    step(
        &format!("install {package} from npm into tools/"),
        with_path("npm", path)
            .args(["install", "--prefix", "tools", "--no-audit", "--no-fund", "--save-exact"])
            .arg(package),
    )
}

fn find_on_path(names: &[&str], path: &OsString) -> Option<PathBuf> {
    env::split_paths(path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

fn from_env_or_path(var: &str, names: &[&str], path: &OsString) -> Result<Option<PathBuf>> {
    match env::var_os(var) {
        Some(p) if Path::new(&p).is_file() => Ok(Some(PathBuf::from(p))),
        Some(p) => Err(format!("{var} is set to {}, which is not a file", Path::new(&p).display())),
        None => Ok(find_on_path(names, path)),
    }
}

fn browser(path: &OsString) -> Result<(PathBuf, PathBuf)> {
    const CHROMES: &[&str] = &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    let mut chrome = from_env_or_path("CHROME", CHROMES, path)?;
    let mut driver = from_env_or_path("CHROMEDRIVER", &["chromedriver"], path)?;
    // pdftotext (poppler-utils) reads printed pages back in the print tests.
    let pdftotext = find_on_path(&["pdftotext"], path);
    if chrome.is_none() || driver.is_none() || pdftotext.is_none() {
        install_browser()?;
        chrome = from_env_or_path("CHROME", CHROMES, path)?;
        driver = from_env_or_path("CHROMEDRIVER", &["chromedriver"], path)?;
    }
    let (Some(chrome), Some(driver)) = (chrome, driver) else {
        return Err("Chromium and ChromeDriver were installed but are not on PATH".to_owned());
    };
    let major = |p: &Path| {
        output(Command::new(p).arg("--version"))
            .and_then(|v| v.split_whitespace().find_map(|w| w.split('.').next()?.parse::<u32>().ok()))
    };
    let (c, d) = (major(&chrome), major(&driver));
    if c.is_none() || c != d {
        let show = |v: Option<u32>| v.map_or_else(|| "unknown".to_owned(), |v| v.to_string());
        return Err(format!(
            "Chromium ({}) and ChromeDriver ({}) must have the same major version: set CHROME and CHROMEDRIVER \
             to a matching pair",
            show(c),
            show(d)
        ));
    }
    ok(&format!("Chromium and ChromeDriver {}, and pdftotext", c.unwrap_or_default()));
    Ok((chrome, driver))
}

fn install_browser() -> Result {
    apt_install(
        "Chromium, ChromeDriver and pdftotext",
        &["chromium", "chromium-driver", "poppler-utils"],
        "Chromium, ChromeDriver and pdftotext are needed for the browser tests. Install them (on \
         Debian or Ubuntu: `apt-get install chromium chromium-driver poppler-utils`), or set CHROME \
         and CHROMEDRIVER to their paths and put pdftotext on PATH.",
    )
}

/// Firefox ESR and geckodriver, for the end-to-end tests' second engine.
fn firefox(path: &OsString) -> Result<(PathBuf, PathBuf)> {
    const FIREFOXES: &[&str] = &["firefox-esr", "firefox"];
    let mut firefox = from_env_or_path("FIREFOX", FIREFOXES, path)?;
    if firefox.is_none() {
        apt_install(
            "Firefox ESR",
            &["firefox-esr"],
            "Firefox is needed for the end-to-end tests' second engine. Install it (on Debian: \
             `apt-get install firefox-esr`), or set FIREFOX to its path.",
        )?;
        firefox = from_env_or_path("FIREFOX", FIREFOXES, path)?;
    }
    let firefox = firefox.ok_or("Firefox ESR was installed but is not on PATH")?;
    let version = output(Command::new(&firefox).arg("--version"))
        .ok_or_else(|| format!("{} --version fails: is it Firefox?", firefox.display()))?;

    // geckodriver: the one named by GECKODRIVER as it is, else the pinned version.
    if let Some(driver) = from_env_or_path("GECKODRIVER", &[], path)? {
        ok(&format!("{} and geckodriver from GECKODRIVER", version.trim()));
        return Ok((firefox, driver));
    }
    let want = format!("geckodriver {GECKODRIVER_VERSION}");
    let pinned = || {
        find_on_path(&["geckodriver"], path).filter(|p| {
            output(Command::new(p).arg("--version"))
                .and_then(|v| v.lines().next().map(str::to_owned))
                .is_some_and(|first| first == want || first.starts_with(&format!("{want} ")))
        })
    };
    let driver = match pinned() {
        Some(driver) => driver,
        None => {
            step(
                &format!("install {want} (takes a few minutes)"),
                with_path("cargo", path).args([
                    "install",
                    "geckodriver",
                    "--version",
                    GECKODRIVER_VERSION,
                    "--locked",
                ]),
            )?;
            pinned().ok_or_else(|| format!("{want} was installed but is not on PATH"))?
        }
    };
    ok(&format!("{} and {want}", version.trim()));
    Ok((firefox, driver))
}

/// Installs Debian packages with apt-get, when this is Debian or Ubuntu and we are root;
/// otherwise fails with `otherwise`, which says what to install by hand.
fn apt_install(what: &str, packages: &[&str], otherwise: &str) -> Result {
    let debian = Path::new("/etc/debian_version").exists();
    let root_user = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    if !(debian && root_user) {
        return Err(otherwise.to_owned());
    }
    step("apt-get update", Command::new("apt-get").arg("update"))?;
    step(
        &format!("install {what}"),
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_wasm_bindgen_version_is_read_from_cargo_metadata() {
        let metadata = |names: &[(&str, &str)]| {
            let packages: Vec<_> =
                names.iter().map(|(n, v)| serde_json::json!({ "name": n, "version": v })).collect();
            serde_json::json!({ "packages": packages, "version": 1 })
        };
        let one =
            metadata(&[("wasm-bindgen-shared", "0.2.1"), ("wasm-bindgen", "0.2.130"), ("leptos", "0.8.0")]);
        assert_eq!(wasm_bindgen_version(&one).unwrap(), "0.2.130");
        let none = metadata(&[("wasm-bindgen-macro", "0.2.130")]);
        assert!(wasm_bindgen_version(&none).unwrap_err().contains("no wasm-bindgen"));
        let two = metadata(&[("wasm-bindgen", "0.2.130"), ("wasm-bindgen", "0.2.100")]);
        assert!(wasm_bindgen_version(&two).unwrap_err().contains("0.2.130 and 0.2.100"));
        assert!(wasm_bindgen_version(&serde_json::json!({})).is_err());
    }
}

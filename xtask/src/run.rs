//! Running commands with a clear sentence when they fail.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

/// Runs `cmd` with its output shown; fails with `what` when it does not succeed.
pub fn step(what: &str, cmd: &mut Command) -> Result {
    println!("\n==> {what}");
    let status = cmd.status().map_err(|e| format!("{what}: could not start {}: {e}", program(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// Runs `cmd` quietly and returns its standard output, or `None` if it cannot run or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn program(cmd: &Command) -> String {
    cmd.get_program().to_string_lossy().into_owned()
}

/// A command that runs in the repository root with the project's tool PATH, and with
/// [`WASM_RUSTFLAGS`] for the WebAssembly builds it makes.
pub fn cmd(program: impl AsRef<OsStr>, path: &OsStr) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", path).env(WASM_RUSTFLAGS, wasm_rustflags());
    c
}

/// Cargo adds these flags to the ones of `.cargo/config.toml` for WebAssembly builds.
const WASM_RUSTFLAGS: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";

/// The compiler writes source file names into the module, for panic messages. These flags cut
/// the build machine's folders from them (`index.crates.io-…/tachys-0.2.19/src/html/property.rs`
/// instead of the full path in Cargo's home), so no folder of the machine that built the app
/// ships in it. Cargo ignores them, and `--cfg erase_components` of `.cargo/config.toml` too,
/// when `RUSTFLAGS` or `CARGO_ENCODED_RUSTFLAGS` is set.
fn wasm_rustflags() -> String {
    let mut flags = std::env::var(WASM_RUSTFLAGS).unwrap_or_default();
    // The last prefix that matches wins, so the longer one comes second. Cargo splits these
    // flags at spaces: a folder with one in its name cannot be given (the check of `dist/`
    // then says so).
    for folder in machine_folders() {
        let registry = folder.join("registry").join("src");
        for prefix in [folder.as_path(), registry.as_path()] {
            let prefix = prefix.display().to_string();
            if !prefix.contains(char::is_whitespace) {
                flags.push_str(&format!(" --remap-path-prefix={prefix}/="));
            }
        }
    }
    flags.trim_start().to_owned()
}

/// Folders of this machine whose names could end up in a build: Cargo's and rustup's homes, the
/// repository, and Cargo's target folder when it is elsewhere. Each as given and, where it
/// differs, with links resolved.
pub fn machine_folders() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let home_or = |var: &str, default: &str| {
        std::env::var_os(var).map(PathBuf::from).or_else(|| home.as_ref().map(|h| h.join(default)))
    };
    let mut folders = Vec::new();
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from);
    for folder in [home_or("CARGO_HOME", ".cargo"), home_or("RUSTUP_HOME", ".rustup"), Some(root()), target]
        .into_iter()
        .flatten()
    {
        let resolved = folder.canonicalize().ok().filter(|r| *r != folder);
        folders.push(folder);
        folders.extend(resolved);
    }
    folders
}

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

/// A command that runs in the repository root with the project's tool PATH.
pub fn cmd(program: impl AsRef<OsStr>, path: &OsStr) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", path);
    c
}

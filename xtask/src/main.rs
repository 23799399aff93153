//! Project automation: `cargo xtask <task>`. Every task sets up what it needs first, so the
//! README's two commands are all a new machine needs.

mod bench;
mod dist;
mod files;
mod http;
mod offline;
mod page;
mod run;
mod setup;
mod size;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  setup            install or check every tool the project needs
  serve [--port N] build the release app and serve it on 127.0.0.1 (default port 8080)
  dist             build the release app into dist/, ready for any static host
  test             run every check and test: format, lint, native, browser, end-to-end
  bench            measure the release build: transfer size, start-up beside a static page,
                   toggling in a 1,000-item checklist, memory (target/bench/results.json)";

/// Errors are plain sentences for the person at the terminal.
pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run().map(drop),
        Some("serve") => serve(&args[1..]),
        Some("dist") => setup::run().and_then(|tools| dist::build(&tools)).map(drop),
        Some("test") => test::run(),
        Some("bench") => bench::run(),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: &[String]) -> Result {
    let port = match args {
        [] => 8080,
        [flag, value] if flag == "--port" => {
            value.parse().map_err(|_| format!("`{value}` is not a port number"))?
        }
        _ => return Err(format!("serve takes only `--port N`\n\n{USAGE}")),
    };
    let tools = setup::run()?;
    let dist = dist::build(&tools)?;
    let server = http::Server::start(&dist, port)?;
    println!("\ncrisis-comms is served at {}", server.url());
    println!("Press Ctrl+C to stop.");
    server.wait();
    Ok(())
}

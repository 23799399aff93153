//! Parses the benchmark's start-up checklist with the app's parser, on the host, and writes
//! its title, sections and steps as Rust constants: the floor measures Leptos, not the parser.

use std::fmt::Write;
use std::path::Path;

// The app's model and parser, as source. Depending on the app's crate here would build Leptos a
// second time for the host, and with Leptos 0.8.23 the WebAssembly build of Leptos then fails.
#[allow(dead_code, clippy::all)]
#[path = "../../src/model/mod.rs"]
mod model;

fn main() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../checklists/account-compromise.md");
    println!("cargo:rerun-if-changed={}", file.display());
    let text = std::fs::read_to_string(&file).expect("the start-up checklist");
    let scenario =
        model::parse::parse_scenario("account-compromise.md", &text).unwrap_or_else(|e| panic!("{e}"));
    let mut out = format!("const TITLE: &str = {:?};\nconst SECTIONS: &[Section] = &[\n", scenario.title);
    for section in &scenario.sections {
        let _ = writeln!(out, "    Section {{ title: {:?}, steps: &[", section.title);
        for item in &section.items {
            let _ = writeln!(
                out,
                "        Step {{ id: {:?}, text: {:?}, label: {:?} }},",
                item.id,
                item.text,
                item.label.to_string()
            );
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("checklist.rs");
    std::fs::write(target, out).expect("write checklist.rs");
}

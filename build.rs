//! Lists every checklist in `checklists/` for `content::BUILT_IN`, so adding a file is all it
//! takes to ship it (and the tests then validate it).

use std::path::Path;
use std::{env, fs};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("checklists");
    println!("cargo:rerun-if-changed=checklists");
    // Checklists at the top, stress tests in `stress-tests/`, drills in `drills/`.
    let mut files: Vec<String> = Vec::new();
    for sub in ["", "stress-tests", "drills"] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else { continue };
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") && name != "README.md" {
                files.push(if sub.is_empty() { name } else { format!("{sub}/{name}") });
            }
        }
    }
    files.sort();
    let mut out = String::from("&[\n");
    for name in files {
        let path = dir.join(&name);
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push(']');
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("built_in.rs");
    fs::write(target, out).expect("write built_in.rs");
}

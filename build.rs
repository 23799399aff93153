//! Lists every checklist in `checklists/` for `content::BUILT_IN`, so adding a file is all it
//! takes to ship it (and the tests then validate it).

use std::path::Path;
use std::{env, fs};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("checklists");
    println!("cargo:rerun-if-changed=checklists");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .expect("the checklists/ folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name != "README.md")
        .collect();
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

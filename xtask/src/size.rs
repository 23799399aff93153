//! Transfer size of the release build: every file the standalone page loads, raw, gzip and
//! brotli, at the best compression levels. Used by `cargo xtask bench` (reported) and
//! `cargo xtask test` (checked against the budget). Sizes are deterministic, so checking them
//! in a test is fair.
//!
//! The standalone app is `index.html` and every file of `dist/` it references as `./name`,
//! directly or through those files (the loader script names the JS glue and the wasm file).
//! Other files of `dist/` (the embed build, `frame.html`, examples) are listed apart and are
//! not part of the budget: the standalone page never loads them.

use std::io::Write;
use std::path::Path;

use crate::files::{self, files_under};
use crate::Result;

/// The transfer size budget of the standalone app, in bytes of brotli over every file of
/// `dist/`: 150 KB, where 1 KB = 1,000 bytes (SI), as in the budgets of `TOOLCHAIN.md`.
pub const BUDGET_BROTLI_BYTES: u64 = 150_000;

/// While the build is over its budget, the size it may not grow beyond. It rises only in the
/// commit that adds a dependency or a feature, by that item's measured cost, with its row in
/// the README's size ledger; it is lowered whenever the build shrinks, so `cargo xtask test`
/// still fails on growth nobody accounted for. It goes away once the build fits the budget.
pub const CEILING_BROTLI_BYTES: u64 = 720_127;

/// One file's sizes, in bytes.
pub struct FileSize {
    /// The file name inside `dist/`.
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The standalone app's files, sorted by name, their totals, and the rest of `dist/`.
pub struct Sizes {
    pub files: Vec<FileSize>,
    pub total: FileSize,
    /// Files of `dist/` the standalone page does not load, by path inside `dist/`.
    pub others: Vec<FileSize>,
}

impl Sizes {
    /// Whether the brotli total is within [`BUDGET_BROTLI_BYTES`].
    pub fn within_budget(&self) -> bool {
        self.total.brotli <= BUDGET_BROTLI_BYTES
    }

    /// The table printed on the terminal.
    pub fn table(&self) -> String {
        let row = |f: &FileSize| {
            format!("{:<44} {:>10} {:>10} {:>10}\n", f.name, group(f.raw), group(f.gzip), group(f.brotli))
        };
        let mut out = format!(
            "{:<44} {:>10} {:>10} {:>10}\n",
            "standalone app: file (bytes)", "raw", "gzip -9", "brotli 11"
        );
        for f in self.files.iter().chain(std::iter::once(&self.total)) {
            out.push_str(&row(f));
        }
        out.push_str(&format!(
            "budget: at most {} bytes brotli (150 KB, 1 KB = 1,000 bytes); measured {} = {:.1} KB: {}",
            group(BUDGET_BROTLI_BYTES),
            group(self.total.brotli),
            kb(self.total.brotli),
            if self.within_budget() {
                "within budget".to_owned()
            } else {
                format!("OVER by {} bytes", group(self.total.brotli - BUDGET_BROTLI_BYTES))
            }
        ));
        if !self.others.is_empty() {
            out.push_str("\nnot loaded by the standalone page, not in the budget:\n");
            for f in &self.others {
                out.push_str(&row(f));
            }
            out.pop();
        }
        out
    }

    /// The sizes as a JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        let file = |f: &FileSize| serde_json::json!({ "name": f.name, "raw": f.raw, "gzip": f.gzip, "brotli": f.brotli });
        serde_json::json!({
            "unit": "bytes",
            "compression": "gzip level 9 (flate2), brotli quality 11 window 24 (brotli crate)",
            "standalone_app": "index.html and every file of dist/ it loads, directly or through its scripts",
            "files": self.files.iter().map(file).collect::<Vec<_>>(),
            "total": file(&self.total),
            "other_files": self.others.iter().map(file).collect::<Vec<_>>(),
            "budget_brotli_bytes": BUDGET_BROTLI_BYTES,
            "within_budget": self.within_budget(),
        })
    }
}

/// Measures the standalone app's files in `dist`, and the other files apart.
pub fn measure(dist: &Path) -> Result<Sizes> {
    let loaded = standalone_files(dist)?;
    let mut files = Vec::new();
    let mut others = Vec::new();
    for file in files_under(dist)? {
        let bytes = files::read(&dist.join(&file))?;
        let name = files::slash_path(&file);
        let size = FileSize { raw: bytes.len() as u64, gzip: gzip(&bytes)?, brotli: brotli(&bytes)?, name };
        if loaded.contains(&size.name) {
            files.push(size);
        } else {
            others.push(size);
        }
    }
    let total = FileSize {
        name: "total".to_owned(),
        raw: files.iter().map(|f| f.raw).sum(),
        gzip: files.iter().map(|f| f.gzip).sum(),
        brotli: files.iter().map(|f| f.brotli).sum(),
    };
    Ok(Sizes { files, total, others })
}

/// `index.html` and the files it loads: every `./name` in quotes or `url()` that names a file
/// of `dist`, followed through the HTML, JS and CSS files found.
pub fn standalone_files(dist: &Path) -> Result<Vec<String>> {
    if !dist.join("index.html").is_file() {
        return Err(format!("{} has no index.html: build it first", dist.display()));
    }
    let mut found = vec!["index.html".to_owned()];
    let mut next = 0;
    while let Some(name) = found.get(next).cloned() {
        next += 1;
        if !name.ends_with(".html") && !name.ends_with(".js") && !name.ends_with(".css") {
            continue;
        }
        let text =
            std::fs::read_to_string(dist.join(&name)).map_err(|e| format!("cannot read {name}: {e}"))?;
        for reference in local_references(&text) {
            if dist.join(&reference).is_file() && !found.contains(&reference) {
                found.push(reference);
            }
        }
    }
    Ok(found)
}

/// The `./name` references in a text, as names relative to its folder (no `..`).
fn local_references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("./") {
        let before = text[..i].chars().next_back();
        if !matches!(before, Some('"' | '\'' | '(')) {
            continue;
        }
        let rest = &text[i + 2..];
        let end = rest.find(['"', '\'', ')', '?', '#', ' ']).unwrap_or(rest.len());
        let name = &rest[..end];
        if !name.is_empty() && !name.split('/').any(|part| part == ".." || part.is_empty()) {
            out.push(name.to_owned());
        }
    }
    out
}

/// Measures `dist` and prints the table. Fails when the brotli total is over the ceiling;
/// returns a warning when it is within the ceiling but over the budget.
pub fn check_budget(dist: &Path) -> Result<Option<String>> {
    println!("\n==> transfer size of dist/ (budget: {} bytes brotli)", group(BUDGET_BROTLI_BYTES));
    let sizes = measure(dist)?;
    println!("{}", sizes.table());
    let total = sizes.total.brotli;
    if sizes.within_budget() {
        Ok(None)
    } else if total > CEILING_BROTLI_BYTES {
        Err(format!(
            "the release build grew: {} bytes brotli ({:.1} KB), over the ceiling of {} bytes that keeps it \
             from growing while it is over its budget of {} bytes (150 KB); see the table above for where the \
             bytes are",
            group(total),
            kb(total),
            group(CEILING_BROTLI_BYTES),
            group(BUDGET_BROTLI_BYTES)
        ))
    } else {
        Ok(Some(format!(
            "the release build is over its transfer size budget: {} bytes brotli ({:.1} KB) for a budget of {} \
             bytes (150 KB); it is within the ceiling of {} bytes, which stops it from growing",
            group(total),
            kb(total),
            group(BUDGET_BROTLI_BYTES),
            group(CEILING_BROTLI_BYTES)
        )))
    }
}

/// Gzip at the best level, as a static host would pre-compress.
fn gzip(bytes: &[u8]) -> Result<u64> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    Ok(encoder.finish().map_err(|e| format!("gzip: {e}"))?.len() as u64)
}

/// Brotli at the best quality (11) and the largest standard window (24 bits).
pub fn brotli(bytes: &[u8]) -> Result<u64> {
    let mut out = Vec::new();
    {
        let mut encoder = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 24);
        encoder.write_all(bytes).map_err(|e| format!("brotli: {e}"))?;
        encoder.flush().map_err(|e| format!("brotli: {e}"))?;
    }
    Ok(out.len() as u64)
}

/// Kilobytes of 1,000 bytes.
pub fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1000.0
}

/// `123456` as `123,456`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(150_000), "150,000");
        assert_eq!(group(1_234_567), "1,234,567");
    }

    #[test]
    fn local_references_are_found_in_html_js_and_css() {
        let html = r#"<link href="./a.css"><script src="./start.js"></script><a href="https://x/./no">"#;
        assert_eq!(local_references(html), ["a.css", "start.js"]);
        let js = "import init from './glue.js';\ninit({ module_or_path: './app_bg.wasm' });";
        assert_eq!(local_references(js), ["glue.js", "app_bg.wasm"]);
        assert_eq!(local_references("url(./icon.svg) url(\"./../up.css\")"), ["icon.svg"]);
    }

    #[test]
    fn compression_shrinks_repetitive_text_and_brotli_wins() {
        let text = "crisis-comms ".repeat(1000);
        let (g, b) = (gzip(text.as_bytes()).unwrap(), brotli(text.as_bytes()).unwrap());
        assert!(g < 200 && b < 100 && b <= g, "gzip {g}, brotli {b}");
    }
}

//! `cargo xtask dist`: the release build of the standalone page into `dist/`.

use std::path::{Path, PathBuf};

use crate::files::{self, copy_files, files_under};
use crate::run::{cmd, machine_folders, root, step};
use crate::setup::Tools;
use crate::Result;

/// Builds the release app and returns the `dist/` folder.
pub fn build(tools: &Tools) -> Result<PathBuf> {
    step(
        "release build into dist/: trunk build --release",
        cmd("trunk", &tools.path).args(["build", "--release"]),
    )?;
    let dist = root().join("dist");
    externalise_loader(&dist)?;
    minify_app_glue(tools, &dist)?;
    no_wasm_preload(&dist)?;
    // The static rendering and the wording, before frame.html and the offline copy copy them.
    crate::page::build(&dist)?;
    frame_page(&dist)?;
    crate::page::language_choice(tools, &dist)?;
    crate::offline::build(tools, &dist)?;
    embed_build(tools, &dist)?;
    no_machine_folders(&dist)?;
    println!("    dist/ is ready: {}", dist.display());
    Ok(dist)
}

/// Minifies the app's JavaScript glue with terser, then writes its new hash into `index.html`,
/// whose link checks it (subresource integrity: Trunk hashed the glue before it was minified).
fn minify_app_glue(tools: &Tools, dist: &Path) -> Result {
    let wasm: Vec<String> = files_under(dist)?
        .iter()
        .map(|p| files::slash_path(p))
        .filter(|n| !n.contains('/') && n.ends_with("_bg.wasm"))
        .collect();
    let [wasm] = wasm.as_slice() else {
        return Err(format!("dist/ should have one *_bg.wasm file, and has {}", wasm.len()));
    };
    let js = wasm.replace("_bg.wasm", ".js");
    minify_glue(tools, &dist.join(&js))?;
    let index = dist.join("index.html");
    let html = with_integrity(&files::read_text(&index)?, &js, &files::read(&dist.join(&js))?)?;
    files::write(&index, html)
}

/// Removes Trunk's `<link rel="preload">` of the module from `index.html`. The page's static
/// view is readable and tickable as soon as its HTML and stylesheets are in; on a slow link the
/// module's early download (a few hundred KB) would share the bandwidth with them and delay
/// that first view. The loader fetches the module itself once the HTML is parsed.
fn no_wasm_preload(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = files::read_text(&index)?;
    let Some((at, end)) = html
        .find("<link rel=\"preload\"")
        .and_then(|at| Some((at, at + html[at..].find('>')? + 1)))
        .filter(|&(at, end)| html[at..end].contains("_bg.wasm\""))
    else {
        return Err(
            "dist/index.html has no <link rel=\"preload\"> of the module: did Trunk's output change?".into(),
        );
    };
    files::write(&index, format!("{}{}", &html[..at], &html[end..]))
}

/// Minifies wasm-bindgen's JavaScript glue in place with terser, as an ES module (its exports
/// keep their names).
fn minify_glue(tools: &Tools, js: &Path) -> Result {
    step(
        "terser: minify the JavaScript glue",
        cmd("terser", &tools.path).arg(js).args(["--module", "--compress", "--mangle", "-o"]).arg(js),
    )
}

/// `html` with the `integrity` of the tag that links `./file` set to the hash of `bytes`.
fn with_integrity(html: &str, file: &str, bytes: &[u8]) -> Result<String> {
    let missing = || format!("dist/index.html has no tag linking ./{file} with an integrity hash");
    let at = html.find(&format!("href=\"./{file}\"")).ok_or_else(missing)?;
    let start = html[..at].rfind('<').ok_or_else(missing)?;
    let end = at + html[at..].find('>').ok_or_else(missing)?;
    let value_at = start + html[start..end].find("integrity=\"").ok_or_else(missing)? + "integrity=\"".len();
    let value_end = value_at + html[value_at..end].find('"').ok_or_else(missing)?;
    Ok(format!("{}{}{}", &html[..value_at], integrity(bytes), &html[value_end..]))
}

/// The subresource integrity value of `bytes`: `sha384-` and the digest in Base64.
pub(crate) fn integrity(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes)))
}

/// `frame.html`: the standalone page in iframe mode (options from the URL fragment).
fn frame_page(dist: &Path) -> Result {
    let html = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("cannot read index.html: {e}"))?;
    let marker = "<div id=\"app\">";
    if !html.contains(marker) {
        return Err("dist/index.html has no <div id=\"app\">: did index.html change?".to_owned());
    }
    let frame = html.replacen(marker, "<div id=\"app\" data-frame>", 1);
    std::fs::write(dist.join("frame.html"), frame).map_err(|e| format!("cannot write frame.html: {e}"))
}

/// `dist/embed/`: the library alone (it never mounts itself), for `mount(element, options)`
/// on a project's own pages, with its stylesheet.
fn embed_build(tools: &Tools, dist: &Path) -> Result {
    let out = dist.join("embed");
    library_build(tools, "embed build", "crisis-comms", "crisis-comms", &out)?;
    std::fs::copy(root().join("style/main.css"), out.join("crisis-comms.css"))
        .map_err(|e| format!("cannot copy the stylesheet: {e}"))?;
    // The example host page, so it can be tried (and tested) from the same folder.
    let examples = dist.join("examples");
    let _ = std::fs::remove_dir_all(&examples);
    copy_files(&root().join("examples"), &examples)?;
    Ok(())
}

/// Builds the library crate `package` for the web, as the embed build is made: a release build
/// for wasm32, its JavaScript bindings, `wasm-opt -Oz`, then terser on the glue. Writes `{name}.js` and
/// `{name}_bg.wasm` into `out`, which is emptied first.
pub fn library_build(tools: &Tools, what: &str, package: &str, name: &str, out: &Path) -> Result {
    let p = &tools.path;
    step(
        &format!("{what}: the library as WebAssembly"),
        cmd("cargo", p).args([
            "build",
            "--release",
            "--lib",
            "-p",
            package,
            "--target",
            "wasm32-unknown-unknown",
        ]),
    )?;
    let _ = std::fs::remove_dir_all(out);
    // Cargo's target folder: `CARGO_TARGET_DIR` when set, else the repository's `target/`.
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    let wasm =
        target.join("wasm32-unknown-unknown/release").join(format!("{}.wasm", package.replace('-', "_")));
    step(
        &format!("{what}: JavaScript bindings"),
        cmd("wasm-bindgen", p)
            .args(["--target", "web", "--no-typescript", "--out-name", name, "--out-dir"])
            .arg(out)
            .arg(&wasm),
    )?;
    let module = out.join(format!("{name}_bg.wasm"));
    step(
        &format!("{what}: wasm-opt -Oz"),
        cmd("wasm-opt", p)
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-reference-types",
                "--enable-multivalue",
                "--enable-mutable-globals",
            ])
            .arg(&module)
            .arg("-o")
            .arg(&module),
    )?;
    minify_glue(tools, &out.join(format!("{name}.js")))
}

/// Fails if a file of `dist/` names a folder of this machine (see [`machine_folders`]).
fn no_machine_folders(dist: &Path) -> Result {
    let folders: Vec<String> = machine_folders().iter().map(|f| f.display().to_string()).collect();
    let mut found = Vec::new();
    for file in files_under(dist)? {
        let bytes = files::read(&dist.join(&file))?;
        for folder in folders.iter().filter(|f| contains(&bytes, f.as_bytes())) {
            found.push(format!("{} names {folder}", files::slash_path(&file)));
        }
    }
    if found.is_empty() {
        println!("    no file of dist/ names a folder of this machine");
        Ok(())
    } else {
        Err(format!("the build would ship folder names of this machine:\n    {}", found.join("\n    ")))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Moves Trunk's inline loader script into a file, so the page's Content-Security-Policy
/// can stay `script-src 'self'` with no inline script but the page's choice of language, which
/// its hash allows (`page::language_choice`), and no nonce. The loader fetches the
/// module with its integrity hash, and the page loads the loader with its own.
fn externalise_loader(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html =
        std::fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let (rewritten, loader) = split_inline_module(&html)
        .ok_or("dist/index.html has no inline loader script: did Trunk's output change?")?;
    let loader = fetch_with_integrity(loader.trim(), dist)?;
    let name = format!("start-{}.js", content_hash(loader.as_bytes()));
    std::fs::write(dist.join(&name), &loader).map_err(|e| format!("cannot write {name}: {e}"))?;
    let tag = format!(
        "<script type=\"module\" src=\"./{name}\" integrity=\"{}\"></script>",
        integrity(loader.as_bytes())
    );
    let html = rewritten.replace("{LOADER}", &tag);
    if html.contains("<script>") || html.contains("<script type=\"module\">") {
        return Err("dist/index.html still has an inline script after moving the loader out".to_owned());
    }
    std::fs::write(&index, html).map_err(|e| format!("cannot write {}: {e}", index.display()))
}

/// `loader` with the module fetched with its integrity hash: Trunk's `module_or_path: './x.wasm'`
/// becomes `module_or_path: fetch('./x.wasm', { integrity: 'sha384-…' })`, which the glue
/// accepts as well as a path (the module in `dist` is final: Trunk ran wasm-opt on it).
fn fetch_with_integrity(loader: &str, dist: &Path) -> Result<String> {
    let key = "module_or_path: '";
    let missing =
        || "the loader does not name its module as `module_or_path: '…'`: did Trunk's output change?";
    let start = loader.find(key).ok_or_else(missing)? + key.len();
    let end = start + loader[start..].find('\'').ok_or_else(missing)?;
    let path = &loader[start..end];
    let file = path
        .strip_prefix("./")
        .filter(|f| f.ends_with("_bg.wasm") && !f.contains('/'))
        .ok_or_else(missing)?;
    let hash = integrity(&files::read(&dist.join(file))?);
    Ok(format!("{}fetch('{path}', {{ integrity: '{hash}' }}){}", &loader[..start - 1], &loader[end + 1..]))
}

/// Finds the one inline `<script type="module">`; returns the page with `{LOADER}` in its
/// place, and the script's text.
fn split_inline_module(html: &str) -> Option<(String, String)> {
    let open = "<script type=\"module\"";
    let start = html.find(open)?;
    let body_start = start + html[start..].find('>')? + 1;
    let body_end = body_start + html[body_start..].find("</script>")?;
    let end = body_end + "</script>".len();
    let page = format!("{}{{LOADER}}{}", &html[..start], &html[end..]);
    Some((page, html[body_start..body_end].to_owned()))
}

/// A content hash for cache-busting file names: the first 8 bytes of the SHA-256, in hex.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_fetches_the_module_with_its_integrity_hash() {
        let dist = std::env::temp_dir().join(format!("cc-loader-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("app-1_bg.wasm"), b"abc").unwrap();
        let loader =
            "import init from './app-1.js';\nconst wasm = await init({ module_or_path: './app-1_bg.wasm' });";
        assert_eq!(
            fetch_with_integrity(loader, &dist).unwrap(),
            "import init from './app-1.js';\nconst wasm = await init({ module_or_path: fetch('./app-1_bg.wasm', \
             { integrity: 'sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn' }) });"
        );
        assert!(fetch_with_integrity("init('./app-1_bg.wasm')", &dist).is_err());
        assert!(fetch_with_integrity("init({ module_or_path: './other.js' })", &dist).is_err());
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn the_inline_loader_is_cut_out_and_marked() {
        let html =
            "<head><script type=\"module\" nonce=\"x\">import init from './a.js';</script><link></head>";
        let (page, loader) = split_inline_module(html).expect("found");
        assert_eq!(page, "<head>{LOADER}<link></head>");
        assert_eq!(loader, "import init from './a.js';");
    }

    #[test]
    fn the_integrity_of_the_linking_tag_is_replaced() {
        let html = "<link rel=\"modulepreload\" href=\"./a.js\" integrity=\"sha384-old\"><link href=\"./b.js\" integrity=\"sha384-keep\">";
        let out = with_integrity(html, "a.js", b"").expect("found");
        // The SHA-384 of nothing, in base64.
        let empty = "OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb";
        assert_eq!(out, format!("<link rel=\"modulepreload\" href=\"./a.js\" integrity=\"sha384-{empty}\"><link href=\"./b.js\" integrity=\"sha384-keep\">"));
        assert!(with_integrity(html, "c.js", b"").is_err());
    }

    #[test]
    fn loader_names_carry_the_start_of_the_sha256() {
        assert_eq!(content_hash(b""), "e3b0c44298fc1c14");
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01cfea");
    }

    #[test]
    fn finds_a_folder_name_inside_binary_bytes() {
        assert!(contains(b"\0\x01/home/alice/.cargo/registry\xff", b"/home/alice/.cargo"));
        assert!(!contains(b"/home/alic/.cargo", b"/home/alice/.cargo"));
        assert!(!contains(b"anything", b""));
    }
}

//! Offline use, built by `cargo xtask dist` from the files the release build made: the web app
//! manifest and its icons, the service worker with this build's list of files and version,
//! and the copy to keep (one HTML file with everything in it, and the template the service
//! worker fills to give that same file without a request).

use std::io::Write;
use std::path::Path;

use base64::Engine;
use serde_json::json;

use crate::files;
use crate::run::root;
use crate::size;
use crate::Result;

/// The copy to keep, as the page's download link names it.
pub const COPY: &str = "crisis-comms-offline.html";
/// The copy without the module's bytes; the service worker fills it in.
pub const TEMPLATE: &str = "crisis-comms-offline-template.html";
/// Where the module's base64 goes in the template.
const MARKER: &str = "CRISIS_COMMS_WASM_BASE64";
const MANIFEST: &str = "manifest.webmanifest";
const TITLE: &str = "crisis-comms — crisis communication checklists";
/// The directives the standalone page's own policy must hold for the worker and the manifest.
const PAGE_POLICY: [&str; 2] = ["worker-src 'self'", "manifest-src 'self'"];

/// Adds to `dist/` the manifest, its icons, the link to it in `index.html`, the copy to keep
/// and its template, and the service worker (last, as it lists the others).
pub fn build(tools: &crate::setup::Tools, dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = files::read_text(&index)?;
    for directive in PAGE_POLICY {
        if !html.contains(directive) {
            return Err(format!("index.html's Content-Security-Policy should hold {directive}"));
        }
    }
    let mut icons = Vec::new();
    for px in [192, 512] {
        let name = format!("icon-{px}.png");
        files::write(&dist.join(&name), icon_png(px)?)?;
        icons.push(json!({ "src": format!("./{name}"), "sizes": format!("{px}x{px}"), "type": "image/png" }));
    }
    let manifest = json!({
        "name": TITLE,
        "short_name": "crisis-comms",
        "description": "Crisis communication checklists for open source communities, private to the browser.",
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#000000",
        "icons": icons,
    });
    files::write(&dist.join(MANIFEST), serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?)?;
    let link = format!("<link rel=\"manifest\" href=\"./{MANIFEST}\">");
    for page in crate::page::pages() {
        let path = dist.join(page);
        let html = files::read_text(&path)?;
        files::write(&path, html.replacen("</head>", &format!("{link}</head>"), 1))?;
    }

    let app = AppFiles::find(dist)?;
    let template = copy_template(dist, &app)?;
    files::write(&dist.join(TEMPLATE), &template)?;
    let wasm = files::read(&dist.join(&app.wasm))?;
    files::write(&dist.join(COPY), fill_template(&template, &wasm))?;

    let mut cached = size::standalone_files(dist)?;
    cached.extend(["icon-192.png".to_owned(), "icon-512.png".to_owned(), TEMPLATE.to_owned()]);
    // The pages in the other languages load the same files as `index.html`; the worker keeps
    // one when it is first opened (see `static/sw.js`), not every language for every reader.
    let others: Vec<String> = crate::page::pages().into_iter().filter(|p| !cached.contains(p)).collect();
    worker(tools, dist, &cached, &others, &app.wasm)
}

/// The app's module and JavaScript glue in `dist/`.
struct AppFiles {
    wasm: String,
    glue: String,
}

impl AppFiles {
    fn find(dist: &Path) -> Result<AppFiles> {
        let names: Vec<String> = files::files_under(dist)?
            .iter()
            .map(|p| files::slash_path(p))
            .filter(|n| !n.contains('/') && n.ends_with("_bg.wasm"))
            .collect();
        let [wasm] = names.as_slice() else {
            return Err(format!("dist/ should have one *_bg.wasm file, and has {}", names.len()));
        };
        Ok(AppFiles { glue: wasm.replace("_bg.wasm", ".js"), wasm: wasm.clone() })
    }
}

/// The copy to keep, with [`MARKER`] where the module's base64 goes: the page's stylesheets and
/// the glue inline, each allowed by its SHA-256 in the copy's own policy, and a loader that
/// gives the glue the module's bytes (a page opened from disk cannot fetch them).
fn copy_template(dist: &Path, app: &AppFiles) -> Result<String> {
    let css = page_stylesheets(dist)?;
    let glue = files::read_text(&dist.join(&app.glue))?;
    let script = copy_script(&glue)?;
    for (what, text) in [("stylesheet", css.as_str()), ("script", script.as_str())] {
        if text.to_ascii_lowercase().contains("</s") || text.contains("<!--") {
            return Err(format!("the offline copy's {what} holds text that would end its element early"));
        }
    }
    let favicon = files::files_under(dist)?
        .iter()
        .map(|p| files::slash_path(p))
        .find(|n| n.starts_with("favicon-") && n.ends_with(".svg"))
        .ok_or("dist/ has no favicon-*.svg")?;
    let favicon = base64::engine::general_purpose::STANDARD.encode(files::read(&dist.join(favicon))?);
    // The module reads the checklists' wording from the page: the copy, which cannot fetch the
    // standalone page's wording file, carries it in a block.
    let blocks = crisis_comms::render::wording_block(&crisis_comms::content::page_files());
    let policy = format!(
        "default-src 'none'; script-src '{}' 'wasm-unsafe-eval'; style-src '{}'; img-src data:; \
         base-uri 'none'; form-action 'none'",
        sha256_source(&script),
        sha256_source(&css)
    );
    Ok(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"crisis-comms-copy\" content=\"offline\">\n<title>{TITLE}</title>\n\
         <link rel=\"icon\" href=\"data:image/svg+xml;base64,{favicon}\">\n<style>{css}</style>\n</head>\n<body>\n\
         <div id=\"app\"><noscript>crisis-comms needs JavaScript and WebAssembly. Nothing you type is sent anywhere.</noscript>{blocks}</div>\n\
         <script type=\"application/octet-stream\" id=\"crisis-comms-wasm\">{MARKER}</script>\n\
         <script type=\"module\">{script}</script>\n</body>\n</html>\n"
    ))
}

/// The stylesheets `index.html` links for scripts, in its order: the standalone page's own and
/// the app's (the module carries no copy of the app's, see `src/mount.rs`).
fn page_stylesheets(dist: &Path) -> Result<String> {
    let names: Vec<String> = files::files_under(dist)?.iter().map(|p| files::slash_path(p)).collect();
    let mut css = Vec::new();
    for prefix in ["page-", "main-"] {
        let name = names
            .iter()
            .find(|n| n.starts_with(prefix) && n.ends_with(".css"))
            .ok_or(format!("dist/ has no {prefix}*.css"))?;
        css.push(files::read_text(&dist.join(name))?);
    }
    Ok(css.join("\n"))
}

/// The glue as an inline module, followed by a loader that decodes the module's base64 and
/// starts it with the glue's default export (its initialiser, whatever the minifier named it).
fn copy_script(glue: &str) -> Result<String> {
    let init =
        default_export(glue).ok_or("the JavaScript glue has no default export: did wasm-bindgen change?")?;
    // In a block, so the loader's names cannot clash with the glue's.
    Ok(format!(
        "{glue}\n{{const t=atob(document.getElementById(\"crisis-comms-wasm\").textContent),\
         b=new Uint8Array(t.length);for(let i=0;i<t.length;i++)b[i]=t.charCodeAt(i);\
         await {init}({{module_or_path:b}})}}"
    ))
}

/// The local name a module exports as `default`, from an `export{a as b,…}` clause or an
/// `export default name;` statement.
fn default_export(js: &str) -> Option<String> {
    let ident = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    for (at, _) in js.match_indices("export") {
        let rest = js[at + "export".len()..].trim_start();
        if let Some(list) = rest.strip_prefix('{') {
            let list = &list[..list.find('}')?];
            for entry in list.split(',') {
                if let Some((local, exported)) = entry.split_once(" as ") {
                    if exported.trim() == "default" && ident(local.trim()) {
                        return Some(local.trim().to_owned());
                    }
                }
            }
        } else if let Some(name) = rest.strip_prefix("default ") {
            let name = name.trim_start();
            let end =
                name.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).unwrap_or(name.len());
            if ident(&name[..end]) {
                return Some(name[..end].to_owned());
            }
        }
    }
    None
}

/// The copy to keep: the template with the module's bytes as base64, as the service worker
/// makes it (`static/sw.js`).
fn fill_template(template: &str, wasm: &[u8]) -> String {
    template.replacen(MARKER, &base64::engine::general_purpose::STANDARD.encode(wasm), 1)
}

/// `'sha256-…'` for a policy's source list.
pub(crate) fn sha256_source(text: &str) -> String {
    use sha2::Digest;
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text)))
}

/// `dist/sw.js`: `static/sw.js` with this build's version, files and copy, minified.
/// `pages` are the pages in other languages, which it keeps when opened.
fn worker(
    tools: &crate::setup::Tools,
    dist: &Path,
    cached: &[String],
    pages: &[String],
    wasm: &str,
) -> Result {
    use sha2::Digest;
    let mut hash = sha2::Sha256::new();
    for name in cached.iter().chain(pages) {
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update(files::read(&dist.join(name))?);
    }
    let version: String = hash.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
    let source = files::read_text(&root().join("static/sw.js"))?;
    let text = with_constants(&source, &version, cached, pages, wasm)?;
    let out = dist.join("sw.js");
    files::write(&out, text)?;
    crate::run::step(
        "terser: minify the service worker",
        crate::run::cmd("terser", &tools.path).arg(&out).args(["--compress", "--mangle", "-o"]).arg(&out),
    )?;
    // The version on a line of its own, for people (and the test that deploys a new one).
    let minified = files::read_text(&out)?;
    files::write(&out, format!("// crisis-comms {version}\n{minified}"))?;
    println!("    service worker: version {version}, {} files", cached.len());
    Ok(())
}

/// `source` with its line of constants (`const VERSION = …`) made for this build.
fn with_constants(
    source: &str,
    version: &str,
    cached: &[String],
    pages: &[String],
    wasm: &str,
) -> Result<String> {
    let line = source
        .lines()
        .find(|l| l.starts_with("const VERSION = "))
        .ok_or("static/sw.js has no line starting `const VERSION = `")?;
    let copy = json!({ "name": COPY, "template": TEMPLATE, "wasm": wasm, "marker": MARKER });
    let constants = format!(
        "const VERSION = {}, FILES = {}, PAGES = {}, COPY = {copy};",
        json!(version),
        json!(cached),
        json!(pages)
    );
    Ok(source.replacen(line, &constants, 1))
}

/// The app's icon, drawn as the favicon is: three lights, red, amber and green, on a black
/// rounded square, `px` pixels wide, as a PNG (each pixel the average of 4×4 samples).
fn icon_png(px: u32) -> Result<Vec<u8>> {
    let s = px as f64 / 32.0;
    let lights = [(7.0, [0xff, 0x2b, 0x2b]), (16.0, [0xff, 0xc0, 0x00]), (25.0, [0x33, 0xff, 0x00])];
    let sample = |x: f64, y: f64| -> Option<[u8; 3]> {
        let (u, v) = (x / s, y / s);
        // The rounded square: radius 6 of 32.
        let (cx, cy) = (u.clamp(6.0, 26.0), v.clamp(6.0, 26.0));
        if (u - cx).powi(2) + (v - cy).powi(2) > 36.0 {
            return None;
        }
        for (ly, rgb) in lights {
            if (u - 16.0).powi(2) + (v - ly).powi(2) <= 16.0 {
                return Some(rgb);
            }
        }
        Some([0, 0, 0])
    };
    let mut rows = Vec::with_capacity((px * (px * 4 + 1)) as usize);
    for y in 0..px {
        rows.push(0); // no filter
        for x in 0..px {
            let mut sum = [0u32; 4];
            for sy in 0..4 {
                for sx in 0..4 {
                    let at = (x as f64 + (sx as f64 + 0.5) / 4.0, y as f64 + (sy as f64 + 0.5) / 4.0);
                    if let Some(rgb) = sample(at.0, at.1) {
                        for c in 0..3 {
                            sum[c] += u32::from(rgb[c]);
                        }
                        sum[3] += 1;
                    }
                }
            }
            // Colour averaged over the covered samples; coverage as alpha.
            let covered = sum[3].max(1);
            rows.extend((0..3).map(|c| (sum[c] / covered) as u8));
            rows.push((sum[3] * 255 / 16) as u8);
        }
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend(px.to_be_bytes());
    header.extend(px.to_be_bytes());
    header.extend([8, 6, 0, 0, 0]); // 8 bits, RGBA, deflate, no filter, no interlace
    chunk(&mut png, b"IHDR", &header);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&rows).map_err(|e| e.to_string())?;
    chunk(&mut png, b"IDAT", &z.finish().map_err(|e| e.to_string())?);
    chunk(&mut png, b"IEND", &[]);
    Ok(png)
}

/// Appends a PNG chunk: length, type, data, and the CRC-32 of type and data.
fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend((data.len() as u32).to_be_bytes());
    png.extend(kind);
    png.extend(data);
    let mut crc = !0u32;
    for &byte in kind.iter().chain(data) {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    png.extend((!crc).to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_export_is_found_in_minified_and_plain_glue() {
        assert_eq!(default_export("function T(){}export{F as initSync,T as default}"), Some("T".into()));
        assert_eq!(
            default_export("export { initSync };\nexport default __wbg_init;\n"),
            Some("__wbg_init".into())
        );
        assert_eq!(default_export("export function mount(){}export{F as initSync}"), None);
    }

    #[test]
    fn the_copy_is_the_template_with_the_module_in_base64() {
        let template = format!("<script type=\"application/octet-stream\">{MARKER}</script>");
        assert_eq!(
            fill_template(&template, b"\0asm"),
            "<script type=\"application/octet-stream\">AGFzbQ==</script>"
        );
    }

    #[test]
    fn the_copy_script_starts_the_glue_with_the_decoded_bytes() {
        let script = copy_script("function Q(){}export{Q as default}").unwrap();
        assert!(script.starts_with("function Q(){}export{Q as default}\n{const t=atob("), "{script}");
        assert!(script.ends_with("await Q({module_or_path:b})}"), "{script}");
        assert!(copy_script("export function mount(){}").is_err());
    }

    #[test]
    fn the_worker_gets_this_builds_constants() {
        let source = "// note\nconst VERSION = \"\", FILES = [], PAGES = [], COPY = {};\nrest();\n";
        let out =
            with_constants(source, "abc", &["index.html".to_owned()], &["es.html".to_owned()], "a_bg.wasm")
                .unwrap();
        assert!(
            out.contains(
                "const VERSION = \"abc\", FILES = [\"index.html\"], PAGES = [\"es.html\"], COPY = {"
            ),
            "{out}"
        );
        assert!(out.contains("\"wasm\":\"a_bg.wasm\"") && out.ends_with("rest();\n"), "{out}");
        assert!(with_constants("nothing", "abc", &[], &[], "").is_err());
    }

    #[test]
    fn icons_are_pngs_of_the_asked_size() {
        let png = icon_png(192).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 192);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 192);
        // The CRC-32 of an empty IEND chunk (`IEND` alone).
        assert_eq!(&png[png.len() - 8..], b"IEND\xae\x42\x60\x82");
    }

    #[test]
    fn policy_hashes_are_sha256_in_base64() {
        assert_eq!(sha256_source(""), "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }
}

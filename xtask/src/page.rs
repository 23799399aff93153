//! The standalone page's static rendering, put into `dist/index.html` by `cargo xtask dist`,
//! and its copies in the other languages of the interface (`es.html`, `de.html`, `fr.html`):
//! the catalog, every built-in checklist, stress test and drill and the labels explained,
//! rendered by the app's own crate (`crisis_comms::render`) from the same model, in the page's
//! language, inside `<div id="app">` in place of the `<noscript>` there; the files' text as the
//! pages' wording, `wording-<hash>.json`, which the module reads (preloaded by a link at the
//! end of the body, so its download starts once the HTML is in and does not delay the static
//! view); a link in the head to the app's stylesheet, for everyone (the standalone page's
//! module carries no copy of it); for readers without scripts, a `<noscript>` in the head that
//! links a few rules of their own; and, once `frame.html` is made from `index.html`, the
//! script that opens the page in the reader's language ([`language_choice`]).

use std::path::Path;

use crisis_comms::render::words::Words;
use crisis_comms::render::{escape, page_name};

use crate::dist::{content_hash, integrity};
use crate::files;
use crate::offline::sha256_source;
use crate::run::{cmd, root, step};
use crate::setup::Tools;
use crate::Result;

/// The element the app mounts into, as `index.html` writes it.
const APP: &str = "<div id=\"app\">";

/// The root element as `index.html` writes it, in English.
const ROOT: &str = "<html lang=\"en\">";

/// Renders the library into `dist/index.html`, and into a page of each other language beside
/// it, and writes their wording and the stylesheet for readers without scripts beside them.
pub fn build(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = files::read_text(&index)?;
    // The app's stylesheet is linked for everyone: the static view is the app's first view, and
    // must look as the app will when it takes over, with the styles the app then uses (the
    // standalone page's module carries no copy of them).
    let main = files::read_text(&root().join("style/main.css"))?;
    let main_name = format!("main-{}.css", content_hash(main.as_bytes()));
    files::write(&dist.join(&main_name), &main)?;
    let css = files::read_text(&root().join("style/noscript.css"))?;
    let name = format!("noscript-{}.css", content_hash(css.as_bytes()));
    files::write(&dist.join(&name), &css)?;
    let link = format!(
        "<link rel=\"stylesheet\" href=\"./{main_name}\" integrity=\"{}\">",
        integrity(main.as_bytes())
    );
    let html = html.replacen("</head>", &format!("{link}</head>"), 1);
    let wording = crisis_comms::render::wording(&crisis_comms::content::page_files());
    let wording_name = format!("wording-{}.json", content_hash(wording.as_bytes()));
    files::write(&dist.join(&wording_name), &wording)?;
    for w in Words::all() {
        let views = crisis_comms::render::page(w)?;
        let page = inject(&in_language(&html, w)?, &views, &name, &integrity(css.as_bytes()))?;
        let page = with_wording(&page, &wording_name, &integrity(wording.as_bytes()))?;
        files::write(&dist.join(page_name(w)), page)?;
        println!("    static rendering, {}: {} KB in {}", w.lang, views.len() / 1024, page_name(w));
    }
    println!("    wording {wording_name}, {} KB; stylesheets {main_name} and {name}", wording.len() / 1024);
    Ok(())
}

/// Every language's static page in `dist`, by file name: `index.html` first.
pub fn pages() -> Vec<String> {
    Words::all().map(page_name).collect()
}

/// `html` (the English page) as the page in the language of `w`: its root's `lang` and its title.
fn in_language(html: &str, w: Words) -> Result<String> {
    if !html.contains(ROOT) {
        return Err(format!("dist/index.html does not start with {ROOT}: did index.html change?"));
    }
    let title = html
        .find("<title>")
        .and_then(|at| Some((at, at + html[at..].find("</title>")? + "</title>".len())))
        .ok_or("dist/index.html has no <title>")?;
    Ok(format!("{}<title>{}</title>{}", &html[..title.0], escape(w.get("route.home")), &html[title.1..])
        .replacen(ROOT, &format!("<html lang=\"{}\">", w.lang), 1))
}

/// Adds to each language's page, at the start of its head (right after its policy), the script
/// that opens the page in the reader's language before anything is drawn (`static/language.js`),
/// inline, allowed by its SHA-256 in the page's policy: as a file it would cost every reader a
/// request before the page is drawn, and on a phone's slow link a request is the slowest part.
/// `frame.html` is made before, without it: a page in a frame takes its language from the
/// embedding page.
pub fn language_choice(tools: &Tools, dist: &Path) -> Result {
    let by_language: serde_json::Map<String, serde_json::Value> =
        Words::all().map(|w| (w.lang.to_owned(), page_name(w).into())).collect();
    let key =
        crisis_comms::store::Store::language_key_for(&crisis_comms::mount::Options::default().namespace);
    let body = files::read_text(&root().join("static/language.js"))?;
    let script = format!(
        "(function () {{\nvar pages = {}, key = {};\n{body}}})();\n",
        serde_json::Value::Object(by_language),
        serde_json::Value::String(key)
    );
    let draft = dist.join("language.js");
    files::write(&draft, &script)?;
    step(
        "terser: minify the page's choice of language",
        cmd("terser", &tools.path).arg(&draft).args(["--compress", "--mangle", "-o"]).arg(&draft),
    )?;
    let script = files::read_text(&draft)?;
    std::fs::remove_file(&draft).map_err(|e| format!("cannot remove {}: {e}", draft.display()))?;
    for page in pages() {
        let path = dist.join(&page);
        files::write(&path, with_script(&files::read_text(&path)?, script.trim_end())?)?;
    }
    Ok(())
}

/// `html` with the inline `script` right after its Content-Security-Policy, before any
/// stylesheet (a script waits for the stylesheets before it, and this one decides whether they
/// are needed at all), and the script's SHA-256 added to the policy's `script-src`, which
/// allows it and no other inline script.
fn with_script(html: &str, script: &str) -> Result<String> {
    if script.to_ascii_lowercase().contains("</script") || script.contains("<!--") {
        return Err("the page's choice of language holds text that would end its element early".to_owned());
    }
    let policy = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .ok_or("a page of dist/ has no Content-Security-Policy")?;
    let end = policy + html[policy..].find('>').ok_or("a page's policy does not end")? + 1;
    if html[..policy].contains("<link") || html[..policy].contains("<script") {
        return Err("a page of dist/ loads something before its Content-Security-Policy".to_owned());
    }
    let source = "script-src 'self'";
    let meta = &html[policy..end];
    if meta.matches(source).count() != 1 {
        return Err(format!("the page's policy should hold `{source}` once: {meta}"));
    }
    let meta = meta.replacen(source, &format!("{source} '{}'", sha256_source(script)), 1);
    Ok(format!("{}{meta}\n    <script>{script}</script>{}", &html[..policy], &html[end..]))
}

/// `html` with `views` in `<div id="app">` (in place of what it held) and a `<noscript>` link
/// to `stylesheet` (whose integrity value is `hash`) at the end of the head.
fn inject(html: &str, views: &str, stylesheet: &str, hash: &str) -> Result<String> {
    let start = html.find(APP).ok_or("dist/index.html has no <div id=\"app\">: did index.html change?")?;
    let inside = start + APP.len();
    let end =
        inside + html[inside..].find("</div>").ok_or("dist/index.html's <div id=\"app\"> does not end")?;
    if html[inside..end].contains('<') && !html[inside..end].trim().starts_with("<noscript>") {
        return Err("dist/index.html's <div id=\"app\"> holds more than its <noscript>".to_owned());
    }
    let head_end = html.find("</head>").ok_or("dist/index.html has no </head>")?;
    if head_end > start {
        return Err("dist/index.html's head ends after <div id=\"app\">".to_owned());
    }
    let link = format!(
        "<noscript><link rel=\"stylesheet\" href=\"./{stylesheet}\" integrity=\"{hash}\"></noscript>"
    );
    Ok(format!("{}{link}{}{views}{}", &html[..head_end], &html[head_end..inside], &html[end..]))
}

/// `html` with the link to its wording (`file`, whose integrity value is `hash`) at the end of
/// the body: the module fetches the same address with the same integrity, so the preload is
/// what it gets.
fn with_wording(html: &str, file: &str, hash: &str) -> Result<String> {
    let end = html.rfind("</body>").ok_or("dist/index.html has no </body>")?;
    Ok(format!(
        "{}<link rel=\"preload\" id=\"cc-wording\" href=\"./{file}\" as=\"fetch\" crossorigin=\"anonymous\" integrity=\"{hash}\">\n{}",
        &html[..end],
        &html[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_views_replace_the_noscript_and_the_head_links_the_stylesheet() {
        let html = "<html><head><title>t</title></head><body>\n<div id=\"app\">\n  <noscript>needs scripts</noscript>\n</div>\n</body></html>";
        let out =
            inject(html, "<div class=\"crisis-comms\">views</div>", "noscript-1.css", "sha384-x").unwrap();
        assert_eq!(
            out,
            "<html><head><title>t</title><noscript><link rel=\"stylesheet\" href=\"./noscript-1.css\" integrity=\"sha384-x\"></noscript></head><body>\n\
             <div id=\"app\"><div class=\"crisis-comms\">views</div></div>\n</body></html>"
        );
        assert!(inject("<head></head><body></body>", "v", "s.css", "h").is_err());
        assert_eq!(
            with_wording("<body><div id=\"app\"></div>\n</body></html>", "wording-1.json", "sha384-y").unwrap(),
            "<body><div id=\"app\"></div>\n<link rel=\"preload\" id=\"cc-wording\" href=\"./wording-1.json\" \
             as=\"fetch\" crossorigin=\"anonymous\" integrity=\"sha384-y\">\n</body></html>"
        );
        assert!(with_wording("<body>", "w.json", "h").is_err());
        assert!(inject("<head></head><div id=\"app\"><p>other</p></div>", "v", "s.css", "h").is_err());
    }

    #[test]
    fn a_language_s_page_names_its_language_and_its_title_in_it() {
        let html = "<!doctype html>\n<html lang=\"en\">\n<head><title>crisis-comms — crisis communication checklists</title></head>";
        let es = in_language(html, Words::of("es")).unwrap();
        assert!(es.contains("<html lang=\"es\">"), "{es}");
        assert!(
            es.contains(&format!("<title>{}</title>", escape(Words::of("es").get("route.home")))),
            "{es}"
        );
        assert!(!es.contains("crisis communication checklists"), "{es}");
        assert_eq!(in_language(html, Words::of("en")).unwrap(), html);
        assert!(in_language("<html><title>t</title>", Words::of("es")).is_err());
    }

    #[test]
    fn the_language_script_comes_right_after_the_policy_which_allows_it_by_its_hash() {
        let html = "<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' 'wasm-unsafe-eval'\">\n<link rel=\"stylesheet\" href=\"./a.css\"></head>";
        let out = with_script(html, "go()").unwrap();
        let hash = sha256_source("go()");
        assert_eq!(
            out,
            format!(
                "<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                 script-src 'self' '{hash}' 'wasm-unsafe-eval'\">\n    <script>go()</script>\n\
                 <link rel=\"stylesheet\" href=\"./a.css\"></head>"
            )
        );
        assert!(hash.starts_with("sha256-") && hash.len() == 7 + 44, "{hash}");
        assert!(with_script(html, "a('</script>')").is_err());
        assert!(with_script("<head><link rel=\"icon\"><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'\">", "s").is_err());
        assert!(with_script(
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">",
            "s"
        )
        .is_err());
        assert!(with_script("<head></head>", "s").is_err());
    }
}

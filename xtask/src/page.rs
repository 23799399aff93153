//! The standalone page's static rendering, put into `dist/index.html` by `cargo xtask dist`:
//! the catalog, every built-in checklist, stress test and drill and the labels explained,
//! rendered by the app's own crate (`crisis_comms::render`) from the same model, inside
//! `<div id="app">` in place of the `<noscript>` there; the files' text as the page's wording,
//! `wording-<hash>.json`, which the module reads (preloaded by a link at the end of the body, so
//! its download starts once the HTML is in and does not delay the static view); a link in the
//! head to the app's stylesheet, for everyone (the standalone page's module carries no copy of
//! it); and, for readers without scripts, a `<noscript>` in the head that links a few rules of
//! their own.

use std::path::Path;

use crate::dist::{content_hash, integrity};
use crate::files;
use crate::run::root;
use crate::Result;

/// The element the app mounts into, as `index.html` writes it.
const APP: &str = "<div id=\"app\">";

/// Renders the library into `dist/index.html` and writes its wording and the stylesheet for
/// readers without scripts beside it.
pub fn build(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = files::read_text(&index)?;
    let views = crisis_comms::render::page(crisis_comms::content::BUILT_IN).map_err(|e| e.to_string())?;
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
    let html = inject(&html, &views, &name, &integrity(css.as_bytes()))?;
    let wording = crisis_comms::render::wording(&crisis_comms::content::page_files());
    let wording_name = format!("wording-{}.json", content_hash(wording.as_bytes()));
    files::write(&dist.join(&wording_name), &wording)?;
    files::write(&index, with_wording(&html, &wording_name, &integrity(wording.as_bytes()))?)?;
    println!(
        "    static rendering: {} KB in index.html; wording {wording_name}, {} KB; stylesheets {main_name} and {name}",
        views.len() / 1024,
        wording.len() / 1024
    );
    Ok(())
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
}

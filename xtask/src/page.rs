//! The standalone page's static rendering, put into `dist/index.html` by `cargo xtask dist`:
//! the catalog, every built-in checklist, stress test and drill and the labels explained,
//! rendered by the app's own crate (`crisis_comms::render`) from the same model, with each
//! file's wording block, inside `<div id="app">` in place of the `<noscript>` there; a link in
//! the head to the app's stylesheet, for everyone (the standalone page's module carries no copy
//! of it); and, for readers without scripts, a `<noscript>` in the head that links a few rules
//! of their own.

use std::path::Path;

use crate::dist::{content_hash, integrity};
use crate::files;
use crate::run::root;
use crate::Result;

/// The element the app mounts into, as `index.html` writes it.
const APP: &str = "<div id=\"app\">";

/// Renders the library into `dist/index.html` and writes the stylesheet for readers without
/// scripts beside it.
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
    files::write(&index, inject(&html, &views, &name, &integrity(css.as_bytes()))?)?;
    println!(
        "    static rendering: {} KB in index.html, stylesheets {main_name} and {name}",
        views.len() / 1024
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
        assert!(inject("<head></head><div id=\"app\"><p>other</p></div>", "v", "s.css", "h").is_err());
    }
}

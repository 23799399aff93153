//! Printing on the release build: a filled record long enough for three pages and a blank
//! checklist, printed to PDF by the browser; each page's text is checked with pdftotext.

use e2e::{browser, find, open, page_frame, print_pages, PageFrame};
use fantoccini::Locator;

/// Every page starts with the label, ends with it above the page number, and shows no control.
/// Firefox does not draw the page's margin boxes (`@page { @bottom-center { … } }`), so it
/// prints no page number: there the label ends the page.
fn assert_labelled(pages: &[String], label: &str) {
    assert!(!pages.is_empty());
    for (n, page) in pages.iter().enumerate() {
        let PageFrame { header, footer, number } = page_frame(page);
        assert!(header.trim_end().ends_with(label), "page {} header: {header:?}\n{page}", n + 1);
        assert!(footer.trim_end().ends_with(label), "page {} footer: {footer:?}\n{page}", n + 1);
        assert!(
            number.is_none_or(|last| last.contains(&format!("Page {} of {}", n + 1, pages.len()))),
            "page {} number: {number:?}",
            n + 1
        );
        for control in CONTROLS {
            assert!(!page.contains(control), "page {} shows the control text {control:?}", n + 1);
        }
    }
}

const CONTROLS: [&str; 7] = [
    "Back to the checklist",
    "Start a new record",
    "Copy message",
    "Add a note",
    "Choose a label",
    "Print this record",
    "Copy as Markdown",
];

#[tokio::test]
async fn a_long_record_prints_with_the_label_on_every_page() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    let long = "The attacker pushed two tags and opened a pull request from a look-alike account; \
                we wrote to the registry, the platform and three packagers, and kept this note as our log. ";
    let items = c.find_all(Locator::Css(".cc-item")).await.unwrap();
    for (n, item) in items.iter().enumerate() {
        let id = item.attr("data-item").await.unwrap().unwrap();
        if n % 3 == 0 {
            find(&c, &format!("[data-item='{id}'] label")).await.click().await.unwrap();
        } else if n % 3 == 1 {
            find(&c, &format!("[data-item='{id}'] .cc-na-toggle")).await.click().await.unwrap();
        }
        if n < 12 {
            find(&c, &format!("[data-item='{id}'] .cc-note summary")).await.click().await.unwrap();
            let note = format!("Note {n}: {}", long.repeat(2));
            find(&c, &format!("[data-item='{id}'] textarea")).await.send_keys(&note).await.unwrap();
        }
    }
    find(&c, "input[data-placeholder='project']").await.send_keys("libexample").await.unwrap();
    find(&c, ".cc-print-link").await.click().await.unwrap();
    find(&c, ".cc-print-doc").await;

    let pages = print_pages(&c, "record").await;
    assert!(pages.len() >= 3, "{} pages", pages.len());
    // Notes on TLP:RED steps make the whole printout TLP:RED, and it says why.
    assert_labelled(&pages, "TLP:RED");
    let all = pages.join("\n");
    assert!(all.contains("This copy is labelled TLP:RED, not TLP:AMBER+STRICT as the record is"), "{all}");
    assert!(all.contains("Done, "), "a done item says when");
    assert!(all.contains("Not applicable"));
    assert!(all.contains("Open"));
    assert!(all.contains("Note 0: The attacker pushed two tags"));
    assert!(all.contains("Note 11:"));
    assert!(all.contains("Printed: "));
    assert!(all.contains("Public holding statement"), "the messages used are printed");
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_blank_checklist_prints_on_paper_with_boxes_and_the_label() {
    let c = browser().await;
    open(&c, "#/blank/account-compromise").await;
    find(&c, ".cc-print-doc").await;
    let pages = print_pages(&c, "blank").await;
    assert_labelled(&pages, "TLP:AMBER+STRICT");
    let all = pages.join("\n");
    assert!(all.contains("(blank)"));
    assert!(all.contains("☐"), "boxes to tick");
    assert!(!all.contains("Done, "));
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_stress_test_summary_prints_with_its_label_on_every_page() {
    let c = browser().await;
    open(&c, "#/summary").await;
    find(&c, ".cc-print-doc").await;
    let pages = print_pages(&c, "summary").await;
    assert_labelled(&pages, "TLP:AMBER+STRICT");
    assert!(pages.join("\n").contains("Governance stress test summary"));
    c.close().await.unwrap();
}

//! The browser's own Print on the pages themselves (not the print page): printed to PDF by the
//! browser, as Ctrl+P would print them, each page's text checked with pdftotext. WebDriver's
//! print command fires no `beforeprint`, so what prints comes from the page's DOM and its
//! print styles alone.

use crisis_comms::content::Library;
use crisis_comms::model::checklist::{Scenario, ScenarioKind};
use crisis_comms::model::tlp::Tlp;
use e2e::{browser, find, open, page_frame, print_pages, PageFrame};
use fantoccini::Client;

/// Words of controls and of what only makes sense beside one: none of them may be printed.
const CONTROLS: [&str; 22] = [
    "More about this step",
    "Add a note",
    "Copy message",
    "Copy the label",
    "Copy as Markdown",
    "Start a new record",
    "Print this record",
    "Print a blank checklist",
    "Rename, export or archive",
    "All checklists",
    "Skip to the page",
    "Labels explained",
    "Lock now",
    "Choose…",
    "Start again",
    "See the label",
    "Put it on a checklist record",
    "Can this channel carry it?",
    "What in your process would notice",
    "See the summary of all stress tests",
    "Back to the checklist",
    "Log a call",
];

/// Every page starts with `label` and ends with it (above the page number in Chromium, which
/// prints one in the page margin; Firefox does not draw margin boxes), and shows no control.
fn assert_labelled(pages: &[String], label: Tlp) {
    assert!(!pages.is_empty(), "nothing printed");
    let label = label.as_str();
    for (n, page) in pages.iter().enumerate() {
        let PageFrame { header, footer, number } = page_frame(page);
        assert_eq!(header.trim(), label, "page {} header\n{page}", n + 1);
        assert_eq!(footer.trim(), label, "page {} footer\n{page}", n + 1);
        if let Some(last) = number {
            let number = format!("Page {} of {}", n + 1, pages.len());
            assert!(last.contains(&number), "page {} number\n{page}", n + 1);
        }
        for control in CONTROLS {
            assert!(!page.contains(control), "page {} shows {control:?}\n{page}", n + 1);
        }
    }
}

/// The text of all pages as one line of words: pdftotext breaks long lines where the page did.
fn flat(pages: &[String]) -> String {
    pages.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of all pages, without the line that says when it was printed.
fn without_printed_time(pages: &[String]) -> Vec<String> {
    pages
        .iter()
        .map(|p| p.lines().filter(|l| !l.contains("Printed: ")).collect::<Vec<_>>().join("\n"))
        .collect()
}

fn scenario(id: &str) -> std::sync::Arc<Scenario> {
    Library::built_in().get(id).expect("a built-in checklist")
}

/// Waits until the checklist page has made its printed copy of the record.
async fn printable(c: &Client) {
    find(c, ".cc-print-copy .cc-print-doc").await;
}

#[tokio::test]
async fn a_checklist_prints_its_record_as_the_print_page_does() {
    let sc = scenario("account-compromise");
    let items: Vec<_> = sc.items().collect();
    // A note on a step labelled stricter than the checklist makes the copy that strict.
    let red = items.iter().position(|i| i.label == Tlp::Red).expect("a TLP:RED step");
    assert!(sc.label > Tlp::Red);
    let (done, na) = ((red + 1) % items.len(), (red + 2) % items.len());
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, &format!("[data-item='{}'] label", items[done].id)).await.click().await.unwrap();
    find(&c, &format!("[data-item='{}'] .cc-na-toggle", items[na].id)).await.click().await.unwrap();
    let note = "Tags v2.3.1 and v2.3.2 came from the look-alike account; the registry was told at 10:40.";
    find(&c, &format!("[data-item='{}'] .cc-note summary", items[red].id)).await.click().await.unwrap();
    find(&c, &format!("[data-item='{}'] textarea", items[red].id)).await.send_keys(note).await.unwrap();
    find(&c, "input[data-placeholder='project']").await.send_keys("libexample").await.unwrap();
    printable(&c).await;

    let pages = print_pages(&c, "checklist").await;
    assert_labelled(&pages, Tlp::Red);
    let all = flat(&pages);
    assert!(all.contains(&sc.title), "{all}");
    assert!(all.contains(note), "the note is printed\n{all}");
    assert!(all.contains("Done, "), "a done step says when\n{all}");
    assert_eq!(all.matches("Not applicable").count(), 1, "{all}");
    assert!(all.contains("Open"), "{all}");
    assert!(
        all.contains(&format!("This copy is labelled TLP:RED, not {} as the record is", sc.label)),
        "{all}"
    );
    assert!(
        all.contains("Public holding statement") && all.contains("libexample"),
        "the filled message\n{all}"
    );
    assert!(!all.contains("Nothing saved yet"), "{all}");

    // The printed copy follows the record: one more step not applicable, printed at once.
    let more = (red + 3) % items.len();
    find(&c, &format!("[data-item='{}'] .cc-na-toggle", items[more].id)).await.click().await.unwrap();
    let again = print_pages(&c, "checklist-again").await;
    assert_labelled(&again, Tlp::Red);
    assert_eq!(flat(&again).matches("Not applicable").count(), 2);

    // The same record on the print page prints the same text, page for page.
    open(&c, "#/print/account-compromise").await;
    find(&c, ".cc-print-record .cc-print-doc").await;
    let route = print_pages(&c, "print-route").await;
    assert_eq!(without_printed_time(&again), without_printed_time(&route));

    // The records list names the record and carries the record's own label.
    open(&c, "#/records").await;
    find(&c, ".cc-record").await;
    let records = print_pages(&c, "records").await;
    assert_labelled(&records, sc.label);
    let all = flat(&records);
    assert!(all.contains("Records on this device"), "{all}");
    assert!(all.contains(&sc.title), "the record's name\n{all}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_label_framework_prints_with_the_label_it_recommends() {
    let c = browser().await;
    open(&c, "#/decide").await;
    // Before any answer the page holds only public questions.
    let blank = print_pages(&c, "decide-questions").await;
    assert_labelled(&blank, Tlp::Clear);
    assert!(flat(&blank).contains("Who needs to know, at the widest?"));

    let answers = ["governance", "not-sure", "not-agreed", "no", "no", "no", "TLP:RED", "no"];
    for (n, value) in answers.iter().enumerate() {
        find(&c, &format!("[data-question='{n}'] input[value='{value}']")).await.click().await.unwrap();
        find(&c, ".cc-wizard button[type=submit]").await.click().await.unwrap();
    }
    find(&c, ".cc-result").await;
    let pages = print_pages(&c, "decide").await;
    assert_labelled(&pages, Tlp::Red);
    let all = flat(&pages);
    assert!(all.contains("Use TLP:RED"), "{all}");
    assert!(all.contains("Who may receive it:"), "{all}");
    assert!(all.contains("The source labelled it TLP:RED. Only the source may loosen a label."), "{all}");
    assert!(all.contains("How to mark it"), "{all}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_catalog_and_the_labels_page_print_as_tlp_clear() {
    let c = browser().await;
    open(&c, "#/").await;
    find(&c, ".cc-scenario-card").await;
    let pages = print_pages(&c, "catalog").await;
    assert_labelled(&pages, Tlp::Clear);
    let all = flat(&pages);
    assert!(all.contains(&scenario("account-compromise").title), "{all}");

    open(&c, "#/labels").await;
    find(&c, ".cc-received").await;
    let pages = print_pages(&c, "labels").await;
    assert_labelled(&pages, Tlp::Clear);
    let all = flat(&pages);
    for label in Tlp::ALL {
        assert!(all.contains(label.as_str()), "{label}\n{all}");
    }
    // The label chosen in the field prints as text beside its question.
    assert!(all.contains("The label on it: TLP:AMBER"), "{all}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_stress_test_and_the_summary_print_labelled_with_the_answers() {
    let test = Library::built_in()
        .scenarios()
        .into_iter()
        .find(|s| s.kind == ScenarioKind::StressTest)
        .expect("a stress test");
    let questions: Vec<_> = test.items().collect();
    let c = browser().await;
    open(&c, &format!("#/s/{}", test.id)).await;
    find(&c, "input[value='small-group']").await.click().await.unwrap();
    let shape = find(&c, ".cc-shape input:checked + label").await.text().await.unwrap();
    let (first, second) = (&questions[0].id, &questions[1].id);
    find(&c, &format!("[data-item='{first}'] input[value='resilient']")).await.click().await.unwrap();
    find(&c, &format!("[data-item='{second}'] input[value='not-yet']")).await.click().await.unwrap();
    let note = "Only one of us can publish a release, and nobody else would notice a new key.";
    find(&c, &format!("[data-item='{second}'] textarea")).await.send_keys(note).await.unwrap();

    let pages = print_pages(&c, "stress").await;
    assert_labelled(&pages, test.label);
    let all = flat(&pages);
    assert!(all.contains(&test.title), "{all}");
    assert!(all.contains(&format!("Shape of the project's governance: {shape}")), "{all}");
    assert!(all.contains("Resilient") && all.contains("Not yet") && all.contains("Unanswered"), "{all}");
    assert!(all.contains(note), "the note is printed\n{all}");

    open(&c, "#/summary").await;
    find(&c, ".cc-summary-table").await;
    let summary = print_pages(&c, "summary").await;
    assert_labelled(&summary, test.label.min(Tlp::AmberStrict));
    let all = flat(&summary);
    assert!(all.contains("Governance stress test summary"), "{all}");
    assert!(all.contains(note), "the weakest spot's note\n{all}");
    c.close().await.unwrap();
}

/// The share of dark pixels on each printed page, from the PDF drawn in grey at 20 dots per
/// inch by pdftoppm (poppler, like pdftotext).
async fn dark_share(c: &Client, name: &str) -> Vec<f64> {
    use fantoccini::wd::{PrintConfiguration, PrintSize};
    let config = PrintConfiguration::builder().size(PrintSize::A4).background(true).build().unwrap();
    let pdf = c.print(config).await.expect("the browser prints to PDF");
    let dir = std::env::temp_dir().join(format!("cc-dark-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("print.pdf"), pdf).unwrap();
    let pdftotext = std::env::var("E2E_PDFTOTEXT").unwrap_or_else(|_| "pdftotext".to_owned());
    let pdftoppm = std::path::Path::new(&pdftotext).with_file_name("pdftoppm");
    let pdftoppm = if pdftoppm.is_absolute() { pdftoppm } else { "pdftoppm".into() };
    let out = std::process::Command::new(pdftoppm)
        .args(["-r", "20", "-gray"])
        .arg(dir.join("print.pdf"))
        .arg(dir.join("page"))
        .output()
        .expect("pdftoppm runs");
    assert!(out.status.success(), "pdftoppm failed");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    pages.sort();
    let shares = pages
        .iter()
        .map(|p| {
            // A binary PGM: "P5", width, height and the maximum value, then one byte a pixel.
            let bytes = std::fs::read(p).unwrap();
            let mut fields = 0;
            let mut at = 0;
            while fields < 4 {
                while bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                while !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                fields += 1;
            }
            let pixels = &bytes[at + 1..];
            pixels.iter().filter(|&&v| v < 128).count() as f64 / pixels.len() as f64
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    shares
}

#[tokio::test]
async fn the_dark_theme_prints_dark_on_white() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    printable(&c).await;
    // The page as the dark theme shows it (what the `theme: "dark"` option and a dark system
    // scheme give): light text on a near-black background.
    c.execute("document.querySelector('.crisis-comms').classList.add('cc-theme-dark'); return 0", vec![])
        .await
        .unwrap();
    let background = c
        .execute("return getComputedStyle(document.querySelector('.crisis-comms')).backgroundColor", vec![])
        .await
        .unwrap();
    assert_eq!(background, serde_json::json!("rgb(20, 20, 20)"), "the dark theme is on screen");
    let shares = dark_share(&c, "dark").await;
    assert!(!shares.is_empty());
    for (n, share) in shares.iter().enumerate() {
        assert!(*share < 0.25, "page {} is {:.0}% dark", n + 1, share * 100.0);
    }
    c.close().await.unwrap();
}

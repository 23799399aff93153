//! Governance stress tests on the release build: answer a whole test as a small project would,
//! see the summary's counts, reload and find everything still there.

use crisis_comms::content::Library;
use crisis_comms::model::assess::applies;
use crisis_comms::model::checklist::{ScenarioKind, Shape};
use e2e::{browser, console_errors, find, open, wait_ready};

#[tokio::test]
async fn a_whole_stress_test_answered_by_a_small_group_is_summarised_and_kept() {
    let scenarios = Library::built_in().scenarios();
    let test = scenarios
        .iter()
        .find(|s| {
            s.kind == ScenarioKind::StressTest && s.items().any(|q| !applies(q, Some(Shape::SmallGroup)))
        })
        .or_else(|| scenarios.iter().find(|s| s.kind == ScenarioKind::StressTest))
        .expect("a stress test");
    let c = browser().await;
    open(&c, &format!("#/s/{}", test.id)).await;
    let label_note = find(&c, ".cc-why-label").await.text().await.unwrap();
    assert!(label_note.contains("weak spots is sensitive"), "{label_note}");
    find(&c, "input[value='small-group']").await.click().await.unwrap();

    // Answer in turn resilient, partly, not yet; questions for other shapes are shown, disabled.
    let cycle = ["resilient", "partly", "not-yet"];
    let (mut expected, mut n) = ([0usize; 4], 0usize);
    for q in test.items() {
        let item = format!("[data-item='{}']", q.id);
        if !applies(q, Some(Shape::SmallGroup)) {
            let text = find(&c, &format!("{item} .cc-na-shape")).await.text().await.unwrap();
            assert!(text.starts_with("Does not apply to a small group of maintainers"), "{text}");
            expected[3] += 1;
            continue;
        }
        let answer = cycle[n % 3];
        find(&c, &format!("{item} input[value='{answer}']")).await.click().await.unwrap();
        expected[n % 3] += 1;
        if answer == "not-yet" && n == 2 {
            find(&c, &format!("{item} textarea"))
                .await
                .send_keys("Only one of us can publish.")
                .await
                .unwrap();
        }
        n += 1;
    }
    let counts = format!(
        "{} resilient · {} partly · {} not yet · {} not applicable · 0 unanswered",
        expected[0], expected[1], expected[2], expected[3]
    );
    assert_eq!(find(&c, ".cc-summary-box .cc-counts").await.text().await.unwrap(), counts);

    // Reload: the answers, the shape and the note are still there.
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert_eq!(find(&c, ".cc-summary-box .cc-counts").await.text().await.unwrap(), counts);
    let shape = find(&c, "input[value='small-group']").await.prop("checked").await.unwrap();
    assert_eq!(shape.as_deref(), Some("true"));

    // The summary of all tests puts the weakest first, with the note.
    open(&c, "#/summary").await;
    let table = find(&c, ".cc-summary-table").await.text().await.unwrap();
    assert!(table.contains(&test.title), "{table}");
    let weak = find(&c, ".cc-weak").await.text().await.unwrap();
    assert!(weak.starts_with(&format!("{}\nNot yet:", test.title)), "{weak}");
    assert!(weak.contains("Only one of us can publish."), "{weak}");
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_summary_and_the_print_page_fit_a_phone_without_scrolling_sideways() {
    let c = browser().await;
    c.set_window_size(390, 844).await.unwrap();
    for page in ["#/summary", "#/print/account-compromise"] {
        open(&c, page).await;
        find(&c, ".cc-print-doc").await;
        let widths = c
            .execute(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(widths[0], widths[1], "{page}: the page is wider than the screen: {widths}");
        // The label shows once at the top and once at the end, as on paper.
        let order = c
            .execute(
                "const doc = document.querySelector('.cc-print-doc'); \
                 const top = y => y.getBoundingClientRect().top; \
                 return [top(doc.querySelector('thead')) < top(doc.querySelector('tbody')), \
                         top(doc.querySelector('tbody')) < top(doc.querySelector('tfoot'))]",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(order, serde_json::json!([true, true]), "{page}");
    }
    c.close().await.unwrap();
}

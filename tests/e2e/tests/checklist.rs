//! The first slice, end to end on the release build: catalog, scenario, progress that
//! survives a reload, and a clean console.

use e2e::{browser, console_errors, find, is_checked, open, wait_ready};
use fantoccini::Locator;

#[tokio::test]
async fn checked_items_survive_a_reload_and_the_console_stays_clean() {
    let c = browser().await;
    open(&c, "").await;

    // The catalog lists the scenario; open it.
    let link = find(&c, ".cc-scenario-card a").await;
    assert_eq!(link.text().await.unwrap(), "A maintainer's account is compromised");
    link.click().await.unwrap();
    let heading = find(&c, "h1").await;
    assert_eq!(heading.text().await.unwrap(), "A maintainer's account is compromised");

    // Every item is a real checkbox with a label; each shows its audience and its TLP label.
    let items = c.find_all(Locator::Css(".cc-item")).await.unwrap();
    assert!(items.len() >= 15, "only {} items", items.len());
    let first_badge = find(&c, ".cc-item .cc-tlp").await.text().await.unwrap();
    assert!(first_badge.starts_with("TLP:"), "badge text: {first_badge}");

    // Check two items.
    for id in ["reach-owner", "tell-platform"] {
        find(&c, &format!("[data-item='{id}'] label")).await.click().await.unwrap();
        assert!(is_checked(&c, &format!("[data-item='{id}'] input[type=checkbox]")).await, "{id} checked");
    }
    let progress = find(&c, ".cc-overall").await.text().await.unwrap();
    assert!(progress.starts_with("2 of "), "progress text: {progress}");

    // Reload: the page comes back on the same checklist with both items still checked.
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    for id in ["reach-owner", "tell-platform"] {
        assert!(
            is_checked(&c, &format!("[data-item='{id}'] input[type=checkbox]")).await,
            "{id} after reload"
        );
    }
    assert!(
        !is_checked(&c, "[data-item='start-log'] input[type=checkbox]").await,
        "an unchecked item stays unchecked"
    );

    // Back to the catalog, which shows the progress.
    find(&c, ".cc-crumbs a").await.click().await.unwrap();
    let meta = find(&c, ".cc-scenario-card .cc-meta").await.text().await.unwrap();
    assert!(meta.contains("2 of "), "catalog progress: {meta}");

    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn focus_moves_to_the_heading_only_when_coming_from_another_page() {
    let c = browser().await;
    // Opened directly, the page leaves focus where the browser put it.
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner']").await;
    let focused = || async {
        // Effects run after mounting: give them a moment, as a person would take.
        c.execute_async("setTimeout(() => arguments[0](document.activeElement.tagName), 200)", vec![])
            .await
            .unwrap()
    };
    assert_eq!(focused().await, "BODY");

    // Reached from the catalog, the checklist's heading takes focus, so a screen reader says where we are.
    find(&c, ".cc-crumbs a").await.click().await.unwrap();
    find(&c, ".cc-scenario-card a").await.click().await.unwrap();
    find(&c, "[data-item='reach-owner']").await;
    assert_eq!(focused().await, "H1");
    c.close().await.unwrap();
}

#[tokio::test]
async fn every_page_reached_in_the_app_opens_at_its_heading_and_names_itself_in_the_title() {
    let c = browser().await;
    c.set_window_size(390, 844).await.unwrap();
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner']").await;
    let title = c.title().await.unwrap();
    assert_eq!(title, "A maintainer's account is compromised — crisis-comms");
    // Where focus is and how far the page is scrolled, once the new page is in place.
    let landing = || async {
        c.execute_async(
            "setTimeout(() => arguments[0]([document.activeElement.tagName, \
             document.activeElement.textContent, Math.round(document.activeElement.getBoundingClientRect().top)]), 200)",
            vec![],
        )
        .await
        .unwrap()
    };

    // Scrolled a little down the checklist, "Print this record" opens the print page at its heading.
    c.execute("window.scrollTo(0, 300)", vec![]).await.unwrap();
    find(&c, ".cc-print-link").await.click().await.unwrap();
    let at = landing().await;
    assert_eq!(at[0], "H1", "{at}");
    let top = at[2].as_i64().unwrap();
    assert!((0..844).contains(&top), "the heading is on screen: {at}");
    assert!(c.title().await.unwrap().starts_with("Print: "));

    // From the bottom of the catalog, a stress test opens at its heading too.
    open(&c, "").await;
    assert_eq!(c.title().await.unwrap(), "crisis-comms — crisis communication checklists");
    let votes = find(&c, "a[href='#/s/votes-gamed']").await;
    c.execute("arguments[0].scrollIntoView()", vec![serde_json::to_value(&votes).unwrap()]).await.unwrap();
    votes.click().await.unwrap();
    let at = landing().await;
    assert_eq!(at[0], "H1", "{at}");
    let top = at[2].as_i64().unwrap();
    assert!((0..844).contains(&top), "the heading is on screen: {at}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn keyboard_and_screen_reader_details_skip_link_step_buttons_and_records() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    // Each step's buttons, which all say the same, are described by the step's words.
    let described = c
        .execute(
            "const b = document.querySelector(\"[data-item='reach-owner'] .cc-na-toggle\"); \
             return document.getElementById(b.getAttribute('aria-describedby')).textContent",
            vec![],
        )
        .await
        .unwrap();
    assert!(described.as_str().unwrap().starts_with("Reach the account's owner"), "{described}");

    // The first Tab reaches the skip link, which takes focus to the page's heading.
    c.execute("document.activeElement.blur()", vec![]).await.unwrap();
    find(&c, "body").await.send_keys("\u{e004}").await.unwrap();
    let skip = c.execute("return document.activeElement.textContent", vec![]).await.unwrap();
    assert_eq!(skip, "Skip to the page");
    c.active_element().await.unwrap().send_keys("\u{e007}").await.unwrap();
    let heading = c.execute("return document.activeElement.tagName", vec![]).await.unwrap();
    assert_eq!(heading, "H1");

    // Starting a new record says so, and the list tells records apart by when they started.
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    find(&c, ".cc-new-record").await.click().await.unwrap();
    let said = find(&c, ".cc-record-started").await.text().await.unwrap();
    assert!(said.starts_with("Started a new, empty record."), "{said}");
    for option in c.find_all(Locator::Css(".cc-record-select option")).await.unwrap() {
        let text = option.text().await.unwrap();
        assert!(text.starts_with("Started "), "{text}");
    }

    // The hidden file field of "Import a backup…" shows its focus on its label.
    open(&c, "#/records").await;
    c.execute("document.querySelector('.cc-backup .cc-primary').focus()", vec![]).await.unwrap();
    c.active_element().await.unwrap().send_keys("\u{e004}").await.unwrap();
    let ring = c
        .execute(
            "return [document.activeElement.className, \
             getComputedStyle(document.querySelector('.cc-import + label')).outlineStyle]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ring, serde_json::json!(["cc-visually-hidden cc-import", "solid"]));
    c.close().await.unwrap();
}

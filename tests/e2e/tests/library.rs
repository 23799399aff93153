//! The checklist library on the release build: every scenario opens with all its items,
//! "not applicable" and notes survive a reload, templates copy with their label, and the
//! catalog filters.

use crisis_comms::content::Library;
use crisis_comms::model::search::{matches, search_text};
use e2e::{browser, clipboard_text, console_errors, find, grant, is_checked, open, wait_ready};
use fantoccini::Locator;

#[tokio::test]
async fn every_scenario_opens_and_shows_all_its_items() {
    let library = Library::built_in();
    assert!(library.errors().is_empty(), "{:?}", library.errors());
    let c = browser().await;
    open(&c, "").await;
    let cards = c.find_all(Locator::Css(".cc-scenario-card")).await.unwrap();
    assert_eq!(cards.len(), library.scenarios().len());
    for scenario in &library.scenarios() {
        open(&c, &format!("#/s/{}", scenario.id)).await;
        c.refresh().await.unwrap();
        wait_ready(&c).await;
        assert_eq!(find(&c, "h1").await.text().await.unwrap(), scenario.title);
        let items = c.find_all(Locator::Css(".cc-item")).await.unwrap();
        assert_eq!(items.len(), scenario.items().count(), "items of {}", scenario.id);
        let templates = c.find_all(Locator::Css(".cc-template")).await.unwrap();
        assert_eq!(templates.len(), scenario.templates.len(), "templates of {}", scenario.id);
    }
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn not_applicable_and_notes_survive_a_reload() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='tell-platform'] .cc-na-toggle").await.click().await.unwrap();
    find(&c, "[data-item='reach-owner'] .cc-note summary").await.click().await.unwrap();
    let note = find(&c, "[data-item='reach-owner'] textarea").await;
    assert_eq!(note.attr("spellcheck").await.unwrap().as_deref(), Some("false"));
    assert_eq!(note.attr("autocomplete").await.unwrap().as_deref(), Some("off"));
    note.send_keys("Called Sam at 10:05 UTC; not him.").await.unwrap();
    let overall = find(&c, ".cc-overall").await.text().await.unwrap();
    assert!(overall.starts_with("1 of "), "not applicable counts: {overall}");

    c.refresh().await.unwrap();
    wait_ready(&c).await;
    let toggle = find(&c, "[data-item='tell-platform'] .cc-na-toggle").await;
    assert_eq!(toggle.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    assert!(
        !is_checked(&c, "[data-item='tell-platform'] input[type=checkbox]").await,
        "not applicable is not done"
    );
    let tag = find(&c, "[data-item='tell-platform'] .cc-na-tag").await.text().await.unwrap();
    assert_eq!(tag, "Not applicable");
    let note = find(&c, "[data-item='reach-owner'] textarea").await;
    assert_eq!(note.prop("value").await.unwrap().as_deref(), Some("Called Sam at 10:05 UTC; not him."));
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_copied_template_has_the_filled_placeholders_and_its_label() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    grant(&c, "clipboard-read").await;
    grant(&c, "clipboard-write").await;
    for (name, value) in
        [("project", "libexample"), ("versions", "2.4.1 and 2.4.2"), ("contact", "security@libexample.org")]
    {
        find(&c, &format!("input[data-placeholder='{name}']")).await.send_keys(value).await.unwrap();
    }
    let card = "[data-template='warn-packagers']";
    let missing = find(&c, &format!("{card} .cc-missing")).await.text().await.unwrap();
    assert!(missing.contains("{window}") && !missing.contains("{project}"), "missing: {missing}");
    find(&c, &format!("{card} button")).await.click().await.unwrap();
    let status = c
        .wait()
        .for_element(Locator::Css(&format!("{card} .cc-copied:not(:empty)")))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // This message promises a next update and no time was given for it: no reminder is set,
    // and the status says so.
    assert_eq!(
        status,
        "Copied, with its label. No reminder set: this message promises a next update; give its time above to be \
         reminded here."
    );
    let copied = clipboard_text(&c).await;
    assert!(
        copied.starts_with(
            "Subject: [TLP:AMBER] Hold updates of libexample: a maintainer account was taken over\n\nTLP:AMBER: You may share"
        ),
        "{copied}"
    );
    assert!(copied.contains("Releases the attacker published: 2.4.1 and 2.4.2."), "{copied}");
    assert!(copied.contains("Questions: security@libexample.org."), "{copied}");
    assert!(copied.trim_end().ends_with("END OF TLP:AMBER TEXT"), "{copied}");

    // The values are kept: after a reload the message is still filled in.
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    let message = find(&c, &format!("{card} .cc-message")).await.text().await.unwrap();
    assert!(message.contains("Releases the attacker published: 2.4.1 and 2.4.2."), "{message}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_catalog_filters_by_words_and_by_tag() {
    let library = Library::built_in();
    let c = browser().await;
    open(&c, "").await;
    let search = find(&c, "input[type=search]").await;
    // Any case matches: the query and the checklists are compared in lower case.
    search.send_keys("Account TAKEN").await.unwrap();
    let count = find(&c, ".cc-count").await.text().await.unwrap();
    let expected = library
        .scenarios()
        .iter()
        .filter(|s| matches("account taken", &search_text(s).to_lowercase()))
        .count();
    assert!(expected >= 1);
    let visible = c.find_all(Locator::Css(".cc-scenario-card:not([hidden])")).await.unwrap();
    assert_eq!(visible.len(), expected, "count text: {count}");

    // A word people type in a crisis finds the checklist through its keywords.
    search.clear().await.unwrap();
    search.send_keys("hack").await.unwrap();
    find(&c, ".cc-scenario-card:not([hidden]) a[href$='#/s/account-compromise']").await;

    // Words that match nothing say so, and one button clears the search.
    search.clear().await.unwrap();
    search.send_keys("zzzz").await.unwrap();
    let count = find(&c, ".cc-count").await.text().await.unwrap();
    assert!(count.starts_with("No checklist matches the words you typed."), "{count}");
    find(&c, ".cc-no-match button").await.click().await.unwrap();
    let count = find(&c, ".cc-count").await.text().await.unwrap();
    assert_eq!(count, format!("{} checklists", library.scenarios().len()));
    let focused = c.active_element().await.unwrap();
    assert_eq!(focused.attr("type").await.unwrap().as_deref(), Some("search"));

    search.clear().await.unwrap();
    search.send_keys(" ").await.unwrap();
    let first_tag = find(&c, ".cc-tag").await;
    let tag = first_tag.text().await.unwrap();
    first_tag.click().await.unwrap();
    assert_eq!(first_tag.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    let with_tag = library.scenarios().iter().filter(|s| s.tags.contains(&tag)).count();
    assert!(with_tag >= 1, "tag `{tag}`");
    let visible = c.find_all(Locator::Css(".cc-scenario-card:not([hidden])")).await.unwrap();
    assert_eq!(visible.len(), with_tag, "tag `{tag}`");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_catalog_search_ignores_case_beyond_ascii() {
    // A project's own checklist in German, found by a query in capitals with umlauts.
    let c = browser().await;
    open(&c, "").await;
    let shown: String = c
        .execute(
            "const el = document.createElement('div'); document.body.appendChild(el);
             // The page's JSON makes the options an object of the page, as a host page's own
             // script passes them (in Firefox a WebDriver script's objects are of another realm).
             window.wasmBindings.mount(el, window.JSON.parse(JSON.stringify({ namespace: 'case', checklists: [arguments[0]] })));
             const search = el.querySelector('input[type=search]');
             search.value = 'ÜBERNAHME PRÜFEN';
             search.dispatchEvent(new Event('input', { bubbles: true }));
             // The list updates after the input event: read it until it shows the one match, for
             // at most 5 s (a busy machine may take a while), and return what it last showed.
             const shown = () => [...el.querySelectorAll('.cc-scenario-card:not([hidden]) h2')]
               .map(h => h.textContent).join(' | ');
             return new Promise((done) => {
               let tries = 0;
               const look = () => {
                 const now = shown();
                 if (now === arguments[1] || ++tries >= 100) { done(now); } else { setTimeout(look, 50); }
               };
               setTimeout(look, 50);
             });",
            vec![serde_json::json!(
                "+++\nid = \"uebernahme\"\ntitle = \"Übernahme eines Kontos prüfen\"\nsummary = \"s\"\n\
                 version = 1\nlabel = \"TLP:AMBER\"\n+++\n\n## Erste Schritte {#start}\n\n### Konto sperren {#sperren}\n\
                 - audience: responders\n- label: TLP:RED\n"
            ), serde_json::json!("Übernahme eines Kontos prüfen")],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(shown, "Übernahme eines Kontos prüfen");
    c.close().await.unwrap();
}

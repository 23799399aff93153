//! Local data on the release build: records, two tabs, typing then reloading, backup import
//! and its refusals, Markdown export, and forgetting everything.

use std::time::Duration;

use crisis_comms::model::tlp::Tlp;
use e2e::{
    browser, capture_downloads, clipboard_text, find, focused_text, grant, last_download, open, temp_file,
    wait_ready,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

/// The raw saved state of the standalone page's namespace.
async fn stored(c: &Client) -> Option<String> {
    let v = c.execute("return localStorage.getItem('crisis-comms:default:state')", vec![]).await.unwrap();
    v.as_str().map(str::to_owned)
}

#[tokio::test]
async fn two_records_of_one_checklist_are_kept_apart_renamed_exported_and_deleted() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    // A second record starts empty; the first keeps its tick.
    find(&c, ".cc-new-record").await.click().await.unwrap();
    let unchecked = find(&c, "[data-item='reach-owner'] input").await.prop("checked").await.unwrap();
    assert_eq!(unchecked.as_deref(), Some("false"));
    find(&c, "[data-item='start-log'] label").await.click().await.unwrap();
    let options = c.find_all(Locator::Css(".cc-record-select option")).await.unwrap();
    assert_eq!(options.len(), 2);

    open(&c, "#/records").await;
    let records = c.find_all(Locator::Css(".cc-record")).await.unwrap();
    assert_eq!(records.len(), 2);
    let name = find(&c, ".cc-record input[type=text]").await;
    name.clear().await.unwrap();
    name.send_keys("Drill, 24 November\n").await.unwrap();
    find(&c, "h1").await.click().await.unwrap();
    capture_downloads(&c).await;
    find(&c, ".cc-record .cc-actions button").await.click().await.unwrap();
    let md = last_download(&c).await;
    assert!(
        md.starts_with(&format!(
            "**TLP:AMBER+STRICT**: {}\n\n# Drill, 24 November\n",
            Tlp::AmberStrict.recipient_rule()
        )),
        "{md}"
    );
    let said = find(&c, ".cc-record [role=status]").await.text().await.unwrap();
    assert_eq!(said, "Exported as Drill-24-November.md, in your downloads.");
    assert!(md.trim_end().ends_with("**TLP:AMBER+STRICT**"), "{md}");
    // The same Markdown can be copied, to paste into a private issue or chat room.
    grant(&c, "clipboard-read").await;
    grant(&c, "clipboard-write").await;
    find(&c, ".cc-record .cc-copy-md").await.click().await.unwrap();
    c.wait()
        .for_element(Locator::XPath("//li[@class='cc-record']//*[@role='status'][starts-with(., 'Copied')]"))
        .await
        .unwrap();
    let copied = clipboard_text(&c).await;
    assert!(
        copied.starts_with(&format!(
            "**TLP:AMBER+STRICT**: {}\n\n# Drill, 24 November\n",
            Tlp::AmberStrict.recipient_rule()
        )),
        "{copied}"
    );

    // Delete asks first, then removes only that record.
    let delete = c.find_all(Locator::Css(".cc-record .cc-actions button")).await.unwrap();
    delete.last().unwrap().click().await.unwrap();
    find(&c, ".cc-confirm .cc-danger").await.click().await.unwrap();
    let records = c.find_all(Locator::Css(".cc-record")).await.unwrap();
    assert_eq!(records.len(), 1);
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert_eq!(c.find_all(Locator::Css(".cc-record")).await.unwrap().len(), 1);
    c.close().await.unwrap();
}

#[tokio::test]
async fn after_renaming_and_archiving_one_record_every_row_shows_its_own_name() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    find(&c, ".cc-new-record").await.click().await.unwrap();
    find(&c, "[data-item='start-log'] label").await.click().await.unwrap();

    open(&c, "#/records").await;
    let names = c.find_all(Locator::Css(".cc-record input[type=text]")).await.unwrap();
    let other = names[1].prop("value").await.unwrap().unwrap();
    names[0].clear().await.unwrap();
    names[0].send_keys("Drill March\u{e004}").await.unwrap();
    // The row's buttons are described by the record's name, as they say the same in every row.
    let about = c
        .execute(
            "const b = document.querySelectorAll('.cc-record:first-child .cc-actions button')[2]; \
             return document.getElementById(b.getAttribute('aria-describedby')).textContent",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(about, "Drill March");
    // Archive the renamed record (the third button of the first row).
    let buttons = c.find_all(Locator::Css(".cc-record:first-child .cc-actions button")).await.unwrap();
    buttons[2].click().await.unwrap();
    let message = find(&c, ".cc-records-message:not(:empty)").await.text().await.unwrap();
    assert_eq!(message, "“Drill March” was archived.");
    let focused = c.execute("return document.activeElement.className", vec![]).await.unwrap();
    assert_eq!(focused.as_str(), Some("cc-records-message"), "focus moves to the message");

    let lists = c.find_all(Locator::Css(".cc-record-list")).await.unwrap();
    assert_eq!(lists.len(), 2, "in progress and archived");
    let in_progress = lists[0].find(Locator::Css("input[type=text]")).await.unwrap();
    assert_eq!(in_progress.prop("value").await.unwrap().as_deref(), Some(other.as_str()));
    let archived = lists[1].find(Locator::Css("input[type=text]")).await.unwrap();
    assert_eq!(archived.prop("value").await.unwrap().as_deref(), Some("Drill March"));
    c.close().await.unwrap();
}

#[tokio::test]
async fn two_tabs_see_each_others_changes_and_both_edits_survive() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    let first = c.window().await.unwrap();
    let second = c.new_window(true).await.unwrap();
    c.switch_to_window(second.handle).await.unwrap();
    open(&c, "#/s/account-compromise").await;
    let seen = find(&c, "[data-item='reach-owner'] input").await.prop("checked").await.unwrap();
    assert_eq!(seen.as_deref(), Some("true"), "the second tab loads the first tab's tick");
    find(&c, "[data-item='start-log'] label").await.click().await.unwrap();

    // The first tab shows the second tab's change without a reload.
    c.switch_to_window(first).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css("[data-item='start-log'].cc-done"))
        .await
        .expect("the change from the other tab appears");
    find(&c, "[data-item='tell-platform'] .cc-na-toggle").await.click().await.unwrap();
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    for css in [
        "[data-item='reach-owner'].cc-done",
        "[data-item='start-log'].cc-done",
        "[data-item='tell-platform'].cc-na",
    ] {
        find(&c, css).await;
    }
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_note_typed_just_before_a_reload_is_kept() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    // A closed, empty note has no field yet: it is made when the note is opened.
    let fields = c.find_all(Locator::Css("[data-item='start-log'] textarea")).await.unwrap();
    assert!(fields.is_empty(), "a field before the note was opened");
    find(&c, "[data-item='start-log'] .cc-note summary").await.click().await.unwrap();
    find(&c, "[data-item='start-log'] textarea")
        .await
        .send_keys("10:42 UTC release 2.4.1 appeared")
        .await
        .unwrap();
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    // A step with a note shows it open, in its field.
    let note = find(&c, "[data-item='start-log'] textarea").await.prop("value").await.unwrap();
    assert_eq!(note.as_deref(), Some("10:42 UTC release 2.4.1 appeared"));
    find(&c, "[data-item='start-log'] .cc-note[open]").await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_bad_backup_is_refused_with_its_reason_and_nothing_changes() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    open(&c, "#/records").await;
    let before = stored(&c).await.expect("saved");
    let cases = [
        (
            "malformed.json",
            "{not json",
            "Not imported: this is not crisis-comms data; it is not even JSON text (key must be a string at line 1 column 2)",
        ),
        (
            "damaged.json",
            "{\"format\":\"crisis-comms\",\"version\":3,\"data\":{\"records\":{\"r1\":{\"progress\":{\"items\":{\"a\":{\"status\":\"maybe\"}}}}}}}",
            "Not imported: the data is damaged (data.records.r1.progress.items.a.status: unknown variant `maybe`, expected one of `open`, `done`, `not-applicable` at line 1 column 104)",
        ),
        ("foreign.json", "{\"todos\": []}", "Not imported: the data was not written by crisis-comms"),
        (
            "newer.json",
            "{\"format\":\"crisis-comms\",\"version\":99,\"data\":{}}",
            "Not imported: the data was written by a newer version of crisis-comms",
        ),
    ];
    for (name, text, expected) in cases {
        find(&c, ".cc-import").await.send_keys(&temp_file(name, text)).await.unwrap();
        let mut message = String::new();
        for _ in 0..50 {
            message = find(&c, ".cc-import-message").await.text().await.unwrap();
            if message.starts_with(expected) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(message.starts_with(expected), "{name}: {message}");
        assert!(message.ends_with("Nothing on this device was changed."), "{message}");
        assert_eq!(stored(&c).await.as_deref(), Some(before.as_str()), "{name} changed the stored data");
    }
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_backup_exports_and_imports_into_a_fresh_browser_with_a_preview() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    open(&c, "#/records").await;
    let status = find(&c, ".cc-backup-status").await.text().await.unwrap();
    assert!(status.starts_with("No backup yet."), "{status}");
    capture_downloads(&c).await;
    find(&c, ".cc-backup .cc-primary").await.click().await.unwrap();
    let backup = last_download(&c).await;
    let parsed: Value = serde_json::from_str(&backup).expect("the backup is JSON");
    assert_eq!(parsed["format"], "crisis-comms");
    let status = find(&c, ".cc-backup-status").await.text().await.unwrap();
    assert!(status.starts_with("Last backup: "), "{status}");

    // A step done after the backup survives importing that backup again on this device.
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='tell-platform'] label").await.click().await.unwrap();
    open(&c, "#/records").await;
    find(&c, ".cc-import").await.send_keys(&temp_file("same-backup.json", &backup)).await.unwrap();
    let preview = find(&c, ".cc-preview").await.text().await.unwrap();
    assert!(preview.starts_with("This backup would add 0 records and update 1 record already"), "{preview}");
    assert!(preview.contains("Changed on this device since the backup was made:"), "{preview}");
    find(&c, ".cc-preview .cc-primary").await.click().await.unwrap();
    let message = find(&c, ".cc-import-message").await.text().await.unwrap();
    assert_eq!(message, "Imported: 0 records added, 1 record updated.");
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'].cc-done").await;
    find(&c, "[data-item='tell-platform'].cc-done").await;
    c.close().await.unwrap();

    let fresh = browser().await;
    open(&fresh, "#/records").await;
    find(&fresh, ".cc-import").await.send_keys(&temp_file("backup.json", &backup)).await.unwrap();
    let preview = find(&fresh, ".cc-preview").await.text().await.unwrap();
    assert!(
        preview.starts_with("This backup would add 1 record and update 0 records already on this device."),
        "{preview}"
    );
    find(&fresh, ".cc-preview .cc-primary").await.click().await.unwrap();
    open(&fresh, "#/s/account-compromise").await;
    fresh.refresh().await.unwrap();
    wait_ready(&fresh).await;
    find(&fresh, "[data-item='reach-owner'].cc-done").await;
    fresh.close().await.unwrap();
}

#[tokio::test]
async fn forget_everything_removes_every_key_of_the_namespace() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    c.execute("localStorage.setItem('unrelated-site-key', 'keep me')", vec![]).await.unwrap();
    open(&c, "#/records").await;
    find(&c, ".cc-device .cc-danger").await.click().await.unwrap();
    find(&c, ".cc-confirm .cc-danger").await.click().await.unwrap();
    let ours = c
        .execute(
            "return Object.keys(localStorage).filter(k => k.startsWith('crisis-comms:default:')).length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ours.as_u64(), Some(0));
    let other = c.execute("return localStorage.getItem('unrelated-site-key')", vec![]).await.unwrap();
    assert_eq!(other.as_str(), Some("keep me"), "nothing else on the origin is touched");
    assert_eq!(c.find_all(Locator::Css(".cc-record")).await.unwrap().len(), 0);
    c.close().await.unwrap();
}

#[tokio::test]
async fn session_only_mode_removes_what_was_saved_writes_nothing_and_lasts_after_a_reload() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    assert!(stored(&c).await.is_some(), "saved before");

    open(&c, "#/records").await;
    find(&c, ".cc-session-only button").await.click().await.unwrap();
    find(&c, ".cc-session-only .cc-confirm .cc-danger").await.click().await.unwrap();
    let notice = find(&c, ".cc-notice").await.text().await.unwrap();
    assert!(notice.starts_with("Session only: nothing is saved on this device."), "{notice}");
    assert_eq!(stored(&c).await, None, "what was saved before is removed");
    // Focus goes to the control that replaced the one pressed.
    let focused = focused_text(&c).await;
    assert_eq!(focused, "Save on this device again");
    // This tab still shows the record it had.
    assert_eq!(c.find_all(Locator::Css(".cc-record")).await.unwrap().len(), 1);

    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='start-log'] label").await.click().await.unwrap();
    find(&c, "[data-item='start-log'].cc-done").await;
    assert_eq!(stored(&c).await, None, "nothing was written");

    // A reload keeps the mode: nothing comes back, and a new tick is not written either.
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    let notice = find(&c, ".cc-notice").await.text().await.unwrap();
    assert!(notice.starts_with("Session only"), "{notice}");
    assert_eq!(c.find_all(Locator::Css(".cc-item.cc-done")).await.unwrap().len(), 0, "nothing came back");
    find(&c, "[data-item='tell-platform'] label").await.click().await.unwrap();
    find(&c, "[data-item='tell-platform'].cc-done").await;
    assert_eq!(stored(&c).await, None, "nothing was written after the reload");

    // Saving again writes what the tab shows.
    open(&c, "#/records").await;
    find(&c, ".cc-session-only button").await.click().await.unwrap();
    let focused = focused_text(&c).await;
    assert_eq!(focused, "Keep nothing on this device…");
    let saved = stored(&c).await.expect("saved again");
    assert!(saved.contains("tell-platform"), "{saved}");
    assert!(c.find_all(Locator::Css(".cc-notice")).await.unwrap().is_empty(), "the notice is gone");
    c.close().await.unwrap();
}

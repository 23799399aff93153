//! The label framework on the release build: three walks through the questions, the channel
//! check, and the reverse question.

use e2e::{browser, console_errors, find, focused_text, open};
use fantoccini::{Client, Locator};

/// Puts the result's label on `target` (a value of the result's last list) and returns what the
/// page said.
async fn apply(c: &Client, target: &str) -> String {
    let selects = c.find_all(Locator::Css(".cc-result select")).await.unwrap();
    selects.last().unwrap().select_by_value(target).await.unwrap();
    let buttons = c.find_all(Locator::Css(".cc-result button")).await.unwrap();
    buttons.last().unwrap().click().await.unwrap();
    let status = c.find_all(Locator::Css(".cc-result [role=status]")).await.unwrap();
    status.last().unwrap().text().await.unwrap()
}

/// Answers the five questions by option value and returns the result section's text.
async fn walk(c: &Client, answers: [&str; 5]) -> String {
    // Through the catalog, so each walk starts on a fresh page.
    open(c, "#/").await;
    open(c, "#/decide").await;
    for (n, value) in answers.iter().enumerate() {
        let question = format!("[data-question='{n}']");
        find(c, &format!("{question} input[value='{value}']")).await.click().await.unwrap();
        find(c, ".cc-wizard button[type=submit]").await.click().await.unwrap();
    }
    find(c, ".cc-result").await.text().await.unwrap()
}

#[tokio::test]
async fn three_walks_show_the_expected_label_and_reasons() {
    let c = browser().await;

    // A public statement that names no one and tips off no one: TLP:CLEAR, with the personal-data warning.
    let result = walk(&c, ["yes", "no-one", "no", "everyone", "none"]).await;
    assert!(result.starts_with("Use TLP:CLEAR"), "{result}");
    // Focus moves to the result, so a screen reader announces it.
    let focused = focused_text(&c).await;
    assert_eq!(focused, "Use TLP:CLEAR");
    assert!(result.contains("It is already public"), "{result}");
    assert!(result.contains("do not repeat or link personal details"), "{result}");

    // Packagers must act, but an attacker still has access: TLP:AMBER, decided by the tip-off rule.
    let result = walk(&c, ["no", "no-one", "yes", "everyone", "none"]).await;
    assert!(result.starts_with("Use TLP:AMBER\n"), "{result}");
    assert!(result.contains("could tip off someone still acting against the project"), "{result}");
    assert!(result.contains("(this sets the label)"), "{result}");
    assert!(
        result.contains("Once no one acting against the project can be tipped off, it could be TLP:CLEAR."),
        "{result}"
    );

    // A report naming a reporter who has not agreed, received as TLP:RED: the source's label holds.
    let result = walk(&c, ["not-sure", "not-agreed", "no", "governance", "TLP:RED"]).await;
    assert!(result.starts_with("Use TLP:RED"), "{result}");
    assert!(
        result.contains("The source labelled it TLP:RED. Only the source may loosen a label."),
        "{result}"
    );
    assert!(result.contains("they have not agreed"), "{result}");
    assert!(result.contains("You are not sure it is public, so it is treated as private."), "{result}");
    assert!(result.contains("subject line"), "marking reminders: {result}");

    // Back and forward keep the answers.
    find(&c, ".cc-wizard button.cc-button").await.click().await.unwrap();
    let kept = find(&c, "[data-question='4'] input[value='TLP:RED']").await.prop("checked").await.unwrap();
    assert_eq!(kept.as_deref(), Some("true"));

    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_framework_works_with_the_keyboard_alone() {
    let c = browser().await;
    open(&c, "#/decide").await;
    // The first option gets focus; arrow keys move within the group; Enter submits the form.
    find(&c, "[data-question='0'] input[value='yes']").await.send_keys(" ").await.unwrap();
    find(&c, "[data-question='0'] input[value='yes']").await.send_keys("\u{E007}").await.unwrap();
    let q = find(&c, "[data-question='1'] h2").await.text().await.unwrap();
    assert_eq!(q, "Could it identify a person who could be harmed?");
    let focused = c.active_element().await.unwrap().text().await.unwrap();
    assert_eq!(focused, q, "focus moves to the new question");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_channel_check_refuses_green_in_a_public_chat() {
    let c = browser().await;
    open(&c, "#/labels").await;
    find(&c, ".cc-channel-label").await.select_by_value("TLP:GREEN").await.unwrap();
    find(&c, ".cc-channel").await.select_by_value("open-chat").await.unwrap();
    let verdict = find(&c, ".cc-channel-verdict").await.text().await.unwrap();
    assert!(
        verdict.starts_with("No. Anyone can join or read this channel, so it is public, however small"),
        "{verdict}"
    );
    find(&c, ".cc-channel").await.select_by_value("private-list").await.unwrap();
    let verdict = find(&c, ".cc-channel-verdict").await.text().await.unwrap();
    assert!(verdict.starts_with("Yes"), "{verdict}");

    // The reverse question.
    find(&c, ".cc-received").await.select_by_value("TLP:RED").await.unwrap();
    let guidance = find(&c, ".cc-received-guidance").await.text().await.unwrap();
    assert!(guidance.starts_with("Keep it to yourself."), "{guidance}");
    assert!(guidance.contains("ask the source"), "{guidance}");
    let labels = c.find_all(Locator::Css(".cc-table .cc-tlp")).await.unwrap();
    assert_eq!(labels.len(), 5);
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_chosen_label_can_be_applied_to_a_record() {
    let c = browser().await;
    let result = walk(&c, ["no", "no-one", "no", "handlers", "none"]).await;
    assert!(result.starts_with("Use TLP:RED"), "{result}");
    let said = apply(&c, "record:account-compromise").await;
    assert_eq!(said, "The record now carries TLP:RED; the reasons are kept with it.");
    open(&c, "#/s/account-compromise").await;
    let label = find(&c, ".cc-record-label").await.text().await.unwrap();
    assert_eq!(label, "Label for this record: TLP:RED (chosen with the label framework)");
    // The reasons are kept with the record: on the checklist, and in its printed copy.
    find(&c, ".cc-why-label summary").await.click().await.unwrap();
    let why = find(&c, ".cc-why-label").await.text().await.unwrap();
    assert!(why.starts_with("Why this label\n"), "{why}");
    assert!(why.contains("(this sets the label)"), "{why}");
    open(&c, "#/print/account-compromise").await;
    let printed = find(&c, ".cc-print-decisions").await.text().await.unwrap();
    assert!(
        printed.starts_with("Label decisions\nTLP:RED for this record, chosen with the label framework on "),
        "{printed}"
    );
    assert!(printed.contains("(this sets the label)"), "{printed}");
    // No placeholder was filled, so no message was used and none is printed.
    let page = find(&c, ".cc-print-page").await.text().await.unwrap();
    assert!(!page.contains("Messages") && !page.contains("END OF TLP"), "{page}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_looser_label_on_a_written_message_asks_for_a_second_reading() {
    let c = browser().await;
    let result = walk(&c, ["yes", "no-one", "no", "everyone", "none"]).await;
    assert!(result.starts_with("Use TLP:CLEAR"), "{result}");
    let said = apply(&c, "template:account-compromise:heads-up-core-team").await;
    assert!(said.starts_with("The template now carries TLP:CLEAR;"), "{said}");
    assert!(said.contains("Careful: this message was written to be shared as TLP:"), "{said}");
    c.close().await.unwrap();
}

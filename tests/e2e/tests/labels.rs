//! The label framework on the release build: walks through the questions (the hurried
//! reader's questions among them), the channel checks, and the reverse question; and the
//! framework's own lines in the reader's language, the labels as FIRST writes them.

use e2e::{browser, browser_speaking, choose, console_errors, find, focused_text, js, open, settle, texts};
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

/// Answers the framework's eight questions by option value and returns the result section's
/// text. A day for the embargo is typed when the last answer is `until-date@<day>`.
async fn walk(c: &Client, answers: [&str; 8]) -> String {
    // Through the catalog, so each walk starts on a fresh page.
    open(c, "#/").await;
    open(c, "#/decide").await;
    for (n, value) in answers.iter().enumerate() {
        let (value, day) = value.split_once('@').map_or((*value, None), |(v, d)| (v, Some(d)));
        let question = format!("[data-question='{n}']");
        find(c, &format!("{question} input[value='{value}']")).await.click().await.unwrap();
        if let Some(day) = day {
            // A date input takes typing in the reader's own format; set it as the browser would.
            let input = find(c, ".cc-embargo-day input").await;
            c.execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![serde_json::to_value(&input).unwrap(), serde_json::json!(day)],
            )
            .await
            .unwrap();
        }
        find(c, ".cc-wizard button[type=submit]").await.click().await.unwrap();
    }
    find(c, ".cc-result").await.text().await.unwrap()
}

#[tokio::test]
async fn three_walks_show_the_expected_label_and_reasons() {
    let c = browser().await;

    // A public statement that names no one and tips off no one: TLP:CLEAR, with the personal-data warning.
    let result = walk(&c, ["everyone", "published", "no-one", "no", "no", "no", "none", "no"]).await;
    assert!(result.starts_with("Use TLP:CLEAR"), "{result}");
    // Focus moves to the result, so a screen reader announces it.
    let focused = focused_text(&c).await;
    assert_eq!(focused, "Use TLP:CLEAR");
    assert!(result.contains("It is already public"), "{result}");
    assert!(result.contains("do not repeat or link personal details"), "{result}");

    // Everyone must know, but an attacker still has access: TLP:AMBER, decided by the tip-off rule.
    let result = walk(&c, ["everyone", "no", "no-one", "no", "no", "yes", "none", "no"]).await;
    assert!(result.starts_with("Use TLP:AMBER\n"), "{result}");
    assert!(result.contains("could warn someone still acting against the project"), "{result}");
    assert!(result.contains("(this sets the label)"), "{result}");
    assert!(
        result.contains("Once no one acting against the project can be warned by it, it could be TLP:CLEAR."),
        "{result}"
    );
    assert!(
        result.contains("When to review it\nReview the label once no one acting against the project"),
        "{result}"
    );

    // A report naming a reporter who has not agreed, received as TLP:RED: the source's label holds.
    let result = walk(&c, ["governance", "not-sure", "not-agreed", "no", "no", "no", "TLP:RED", "no"]).await;
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
    let kept = find(&c, "[data-question='7'] input[value='no']").await.prop("checked").await.unwrap();
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
    find(&c, "[data-question='0'] input[value='handlers']").await.send_keys(" ").await.unwrap();
    find(&c, "[data-question='0'] input[value='handlers']").await.send_keys("\u{E007}").await.unwrap();
    let q = find(&c, "[data-question='1'] h2").await.text().await.unwrap();
    assert_eq!(q, "How much of what you will share is already public?");
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
    assert!(guidance.starts_with("This is only for the people it was sent to."), "{guidance}");
    assert!(guidance.contains("ask the source"), "{guidance}");
    let labels = c.find_all(Locator::Css(".cc-table .cc-tlp")).await.unwrap();
    assert_eq!(labels.len(), 5);
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_chosen_label_can_be_applied_to_a_record() {
    let c = browser().await;
    let result = walk(&c, ["handlers", "no", "no-one", "no", "no", "no", "none", "no"]).await;
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
    let result = walk(&c, ["everyone", "published", "no-one", "no", "no", "no", "none", "no"]).await;
    assert!(result.starts_with("Use TLP:CLEAR"), "{result}");
    let said = apply(&c, "template:account-compromise:heads-up-core-team").await;
    assert!(said.starts_with("The template now carries TLP:CLEAR;"), "{said}");
    assert!(said.contains("Careful: this message was written to be shared as TLP:"), "{said}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_hurried_readers_questions_hold_the_label_and_give_a_review_date() {
    let c = browser().await;
    // Consent is asked after the audience, and names it.
    open(&c, "#/decide").await;
    find(&c, "[data-question='0'] input[value='governance']").await.click().await.unwrap();
    find(&c, ".cc-wizard button[type=submit]").await.click().await.unwrap();
    find(&c, "[data-question='1'] input[value='partly']").await.click().await.unwrap();
    find(&c, ".cc-wizard button[type=submit]").await.click().await.unwrap();
    let person = find(&c, "[data-question='2']").await.text().await.unwrap();
    assert!(person.contains("You said the project's governance needs it."), "{person}");
    // The legend holds the question, and each option is a labelled radio button.
    let legend = find(&c, "[data-question='2'] legend").await.text().await.unwrap();
    assert!(legend.starts_with("Question 3 of 8"), "{legend}");
    let radios = c.find_all(Locator::Css("[data-question='2'] input[type=radio]")).await.unwrap();
    let labels = c.find_all(Locator::Css("[data-question='2'] label[for]")).await.unwrap();
    assert_eq!(radios.len(), 7);
    assert_eq!(labels.len(), radios.len());

    // A victim agreed that the moderators may see a report about a public post: the public
    // post does not throw the audience away.
    let result =
        walk(&c, ["governance", "published", "agreed-governance", "no", "no", "no", "none", "no"]).await;
    assert!(result.starts_with("Use TLP:AMBER+STRICT"), "{result}");
    assert!(result.contains("That alone never loosens the label"), "{result}");

    // A maintainer has died and the family has not spoken: the hurried "no one could be harmed"
    // is caught by the question about who cannot agree.
    let result = walk(&c, ["everyone", "no", "no-one", "died", "no", "no", "none", "no"]).await;
    assert!(result.starts_with("Use TLP:AMBER+STRICT"), "{result}");
    assert!(result.contains("It concerns someone who has died, and so their family"), "{result}");

    // The person accused sits in the group that would receive it: named people only.
    let result = walk(&c, ["governance", "no", "not-agreed", "no", "yes", "no", "none", "no"]).await;
    assert!(result.starts_with("Use TLP:RED"), "{result}");
    assert!(result.contains("leaving them out"), "{result}");

    // An embargo until a day: the label holds until then, and the review is kept with the record.
    let result =
        walk(&c, ["everyone", "partly", "no-one", "no", "no", "no", "none", "until-date@2026-12-01"]).await;
    assert!(result.starts_with("Use TLP:AMBER+STRICT"), "{result}");
    assert!(result.contains("until 2026-12-01"), "{result}");
    assert!(
        result.contains("Review the label when the embargo ends on 2026-12-01: it could then be TLP:CLEAR."),
        "{result}"
    );
    let said = apply(&c, "record:account-compromise").await;
    assert_eq!(said, "The record now carries TLP:AMBER+STRICT; the reasons are kept with it.");
    open(&c, "#/s/account-compromise").await;
    find(&c, ".cc-why-label summary").await.click().await.unwrap();
    let why = find(&c, ".cc-why-label").await.text().await.unwrap();
    assert!(why.contains("Review the label when the embargo ends on 2026-12-01"), "{why}");

    // The channel check on the result asks who can read the channel: a private list bridged to
    // a public room cannot carry it.
    walk(&c, ["closed-group", "no", "no-one", "no", "no", "no", "none", "no"]).await;
    for (class, value) in [
        ("cc-reach-readers", "members"),
        ("cc-reach-archive", "members"),
        ("cc-reach-bridge", "public"),
        ("cc-reach-run-by", "project"),
    ] {
        find(&c, &format!(".cc-result .{class}")).await.select_by_value(value).await.unwrap();
    }
    let verdict = find(&c, ".cc-channel-reach .cc-channel-verdict").await.text().await.unwrap();
    assert!(verdict.starts_with("No. It is copied somewhere public"), "{verdict}");
    find(&c, ".cc-result .cc-reach-bridge").await.select_by_value("no").await.unwrap();
    let verdict = find(&c, ".cc-channel-reach .cc-channel-verdict").await.text().await.unwrap();
    assert!(verdict.starts_with("Yes"), "{verdict}");
    assert!(verdict.contains("People who join later can read it too."), "{verdict}");

    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_framework_s_reasons_speak_the_reader_s_language_and_the_labels_stay_first_s() {
    let c = browser_speaking("es").await;
    // Everyone must know, but an attacker still has access: TLP:AMBER, decided by the tip-off rule.
    let result = walk(&c, ["everyone", "no", "no-one", "no", "no", "yes", "none", "no"]).await;
    assert_eq!(find(&c, ".cc-result h2 .cc-tlp").await.text().await.unwrap(), "TLP:AMBER");
    let reasons = texts(&c, ".cc-reasons li").await;
    assert_eq!(reasons.len(), 2, "{reasons:#?}");
    assert_eq!(reasons[0], "Lo necesita todo el mundo.");
    assert_eq!(
        reasons[1],
        "Podría alertar a alguien que sigue actuando contra el proyecto antes de que estés listo: va solo a quienes \
         deben actuar, y cada uno lo comparte solo dentro de su propia organización y con las personas a las que \
         atiende esa organización y que lo necesiten. (esto decide la etiqueta)"
    );
    assert!(
        result.contains(
            "Cuando ya no pueda alertar a nadie que actúe contra el proyecto, podría ser TLP:CLEAR."
        ),
        "what would change the answer: {result}"
    );
    assert!(result.contains("Revisa la etiqueta cuando ya no pueda alertar a nadie"), "the review: {result}");
    assert!(
        !result.contains("could warn someone") && !result.contains("Review the label"),
        "no English: {result}"
    );

    // The channel check's verdict too.
    for (class, value) in [
        ("cc-reach-readers", "anyone"),
        ("cc-reach-archive", "public"),
        ("cc-reach-bridge", "no"),
        ("cc-reach-run-by", "project"),
    ] {
        find(&c, &format!(".cc-result .{class}")).await.select_by_value(value).await.unwrap();
    }
    let verdict = find(&c, ".cc-channel-reach .cc-channel-verdict").await.text().await.unwrap();
    assert_eq!(
        verdict,
        "No. Cualquiera puede unirse a este canal o leerlo, así que es público, por pequeño o amistoso que \
         parezca. Su archivo es público, así que cualquiera puede leerlo más tarde. Puede llevar como mucho \
         TLP:CLEAR, no TLP:AMBER. Usa un canal que solo puedan leer las personas que permite la etiqueta."
    );

    // Every label the result names is one of FIRST's five strings.
    let result = find(&c, ".cc-result").await.text().await.unwrap();
    for token in result.split_whitespace().filter(|t| t.contains("TLP")) {
        let token = token.trim_matches(|c: char| !(c.is_alphanumeric() || c == '+' || c == ':'));
        let token = token.trim_end_matches(':');
        assert!(
            ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"].contains(&token),
            "the result writes {token:?}"
        );
    }

    // The reasons kept with a record are in the language they were applied in.
    apply(&c, "record:account-compromise").await;
    settle(&c).await;
    let stored = js(&c, "return localStorage.getItem('crisis-comms:default:state')", vec![]).await;
    let stored = stored.as_str().expect("the state is stored");
    assert!(stored.contains("Lo necesita todo el mundo."), "{stored}");
    assert!(stored.contains("esto decide la etiqueta"), "{stored}");

    // A switch of language rewrites them in place; the label stays.
    choose(&c, ".cc-language select", "de").await;
    assert_eq!(texts(&c, ".cc-reasons li").await[0], "Alle brauchen es.");
    assert_eq!(find(&c, ".cc-result h2 .cc-tlp").await.text().await.unwrap(), "TLP:AMBER");

    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

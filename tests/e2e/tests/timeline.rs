//! The communications log on the release build: a copied message logs itself, a call is logged
//! by hand, corrected and removed; a promised update turns overdue under the test clock, on
//! the checklist and in the records list; the project's channels warn before a message goes
//! where its label may not, and one edited in place is still the channel its entries named;
//! a backup's channels in the import preview; the log as Markdown and printed at two labels;
//! two tabs logging at once keep both entries, also under a passphrase lock, which stores no
//! entry's text in clear; the `channels` mount option, whose channels cannot be edited here.

use std::time::Duration;

use e2e::{
    all_storage, browser, capture_downloads, choose, find, js, last_download, open, set_clock, set_lock_here,
    settle, temp_file, unlock, wait_ready, PASS,
};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// 30 November 2025, 09:00 UTC: the test clock's start.
const T: f64 = 1_764_493_200_000.0;
const HOUR: f64 = 3_600_000.0;

/// A time as the page writes it (`toLocaleString('default')`).
async fn local(c: &Client, ms: f64) -> String {
    js(c, "return new Date(arguments[0]).toLocaleString('default')", vec![json!(ms)])
        .await
        .as_str()
        .unwrap()
        .to_owned()
}

/// Gives the field `css` the value of a `datetime-local` field for `ms`, as typing would.
async fn set_time_field(c: &Client, css: &str, ms: f64) {
    js(
        c,
        "const d = new Date(arguments[1]); const p = n => String(n).padStart(2, '0'); \
         const el = document.querySelector(arguments[0]); \
         el.value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`; \
         el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(css), json!(ms)],
    )
    .await;
}

/// Logs an entry by hand.
async fn log_by_hand(c: &Client, how: &str, audience: &str, label: &str, note: &str, next: Option<f64>) {
    choose(c, ".cc-log-how", how).await;
    find(c, &format!(".cc-log-form input[value='{audience}']")).await.click().await.unwrap();
    choose(c, ".cc-log-label", label).await;
    find(c, ".cc-log-note").await.send_keys(note).await.unwrap();
    if let Some(ms) = next {
        set_time_field(c, ".cc-log-next", ms).await;
    }
    find(c, ".cc-log-add").await.click().await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::XPath("//*[contains(@class,'cc-log-said')][. = 'Logged.']"))
        .await
        .expect("the form says it logged the entry");
}

/// The text of every entry of the log, newest first.
async fn entries(c: &Client) -> Vec<String> {
    let v = js(c, "return [...document.querySelectorAll('.cc-entry')].map(e => e.textContent)", vec![]).await;
    v.as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect()
}

/// The cells of the "last told" row of `audience`.
async fn told(c: &Client, audience: &str) -> Vec<String> {
    let v = js(
        c,
        "const r = document.querySelector(`.cc-told tr[data-audience='${arguments[0]}']`); \
         return r ? [...r.children].map(e => e.textContent) : []",
        vec![json!(audience)],
    )
    .await;
    v.as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect()
}

async fn copy_template(c: &Client, template: &str) {
    find(c, &format!("[data-template='{template}'] .cc-copy-row button")).await.click().await.unwrap();
}

async fn wait_entries(c: &Client, n: usize) {
    let found = c
        .wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css(&format!(".cc-entries > li:nth-child({n})")))
        .await
        .is_ok();
    if !found {
        let state = js(c, "return localStorage.getItem('crisis-comms:default:state')", vec![]).await;
        panic!("{n} entries expected: {:?}\nstored: {state}", entries(c).await);
    }
}

#[tokio::test]
async fn a_copied_message_and_a_call_are_logged_corrected_and_removed() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    set_clock(&c, T).await;
    copy_template(&c, "holding-statement").await;
    wait_entries(&c, 1).await;
    let at = local(&c, T).await;
    let e = entries(&c).await;
    assert!(
        e[0].starts_with(&format!("{at} — Public — TLP:CLEAR · message “Public holding statement”, copied")),
        "{e:?}"
    );
    assert_eq!(
        told(&c, "public").await,
        ["Public".to_owned(), at.clone(), "TLP:CLEAR".into(), String::new()]
    );

    set_clock(&c, T + HOUR).await;
    log_by_hand(&c, "call", "maintainers", "TLP:RED", "Called the two maintainers.", None).await;
    let later = local(&c, T + HOUR).await;
    let e = entries(&c).await;
    assert_eq!(e.len(), 2);
    assert!(
        e[0].starts_with(&format!("{later} — Maintainers — TLP:RED · callCalled the two maintainers.")),
        "{e:?}"
    );
    assert_eq!(told(&c, "maintainers").await[1..3], [later.clone(), "TLP:RED".into()]);

    // A correction says so; a removal leaves a line that says so.
    find(&c, ".cc-entry .cc-entry-correct").await.click().await.unwrap();
    let note = find(&c, ".cc-log-note").await;
    assert_eq!(note.prop("value").await.unwrap().as_deref(), Some("Called the two maintainers."));
    note.send_keys(" Both agreed.").await.unwrap();
    set_clock(&c, T + 2.0 * HOUR).await;
    find(&c, ".cc-log-add").await.click().await.unwrap();
    find(&c, ".cc-entry .cc-corrected").await;
    let e = entries(&c).await;
    let corrected = local(&c, T + 2.0 * HOUR).await;
    assert!(e[0].contains("Called the two maintainers. Both agreed."), "{e:?}");
    assert!(e[0].contains(&format!("Corrected on {corrected}.")), "{e:?}");

    let remove = c.find_all(Locator::Css(".cc-entry .cc-actions button")).await.unwrap();
    remove[1].click().await.unwrap();
    find(&c, ".cc-entry .cc-confirm .cc-danger").await.click().await.unwrap();
    find(&c, ".cc-entry.cc-removed").await;
    let e = entries(&c).await;
    assert_eq!(e[0], format!("An entry of {later} was removed on {corrected}."));
    assert!(told(&c, "maintainers").await.is_empty(), "a removed call tells no one");

    // Kept on the device.
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert_eq!(entries(&c).await.len(), 2);
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_promised_update_is_due_then_overdue_on_the_checklist_and_the_records_list() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    set_clock(&c, T).await;
    log_by_hand(&c, "message", "public", "TLP:CLEAR", "Posted on the forum.", Some(T + HOUR)).await;
    let by = local(&c, T + HOUR).await;
    find(&c, ".cc-told td.cc-due").await;
    assert_eq!(told(&c, "public").await[3], format!("Next update due by {by}"));

    set_clock(&c, T + 2.0 * HOUR).await;
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::Css(".cc-told td.cc-overdue"))
        .await
        .expect("the promise turns overdue as the clock passes it");
    assert_eq!(told(&c, "public").await[3], format!("Overdue: the next update was promised by {by}"));

    open(&c, "#/records").await;
    set_clock(&c, T + 2.0 * HOUR).await;
    let due = find(&c, ".cc-record .cc-record-due.cc-overdue").await.text().await.unwrap();
    assert_eq!(due, format!("· Overdue: the next update was promised by {by} (Public)"));

    // An update to the public keeps the promise.
    open(&c, "#/s/account-compromise").await;
    set_clock(&c, T + 3.0 * HOUR).await;
    log_by_hand(&c, "message", "public", "TLP:CLEAR", "Update posted.", None).await;
    assert_eq!(told(&c, "public").await[3], "");
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_channel_that_carries_only_clear_warns_before_an_amber_message_is_copied_or_logged() {
    let c = browser().await;
    open(&c, "#/labels").await;
    find(&c, ".cc-ch-name").await.send_keys("The forum").await.unwrap();
    choose(&c, ".cc-ch-readers", "anyone").await;
    choose(&c, ".cc-ch-archive", "public").await;
    choose(&c, ".cc-ch-label", "TLP:CLEAR").await;
    find(&c, ".cc-ch-add").await.click().await.unwrap();
    let listed = find(&c, ".cc-project-channel").await.text().await.unwrap();
    assert!(listed.starts_with("The forum — carries TLP:CLEAR or looser"), "{listed}");
    // The channel check offers it.
    choose(&c, ".cc-channel-label", "TLP:GREEN").await;
    choose(&c, ".cc-channel", "The forum").await;
    let verdict = find(&c, ".cc-channel-verdict span").await.text().await.unwrap();
    assert!(
        verdict.starts_with("No. “The forum” carries TLP:CLEAR at most, and this is TLP:GREEN."),
        "{verdict}"
    );

    open(&c, "#/s/account-compromise").await;
    let card = "[data-template='warn-packagers']";
    choose(&c, &format!("{card} .cc-template-channel"), "The forum").await;
    copy_template(&c, "warn-packagers").await;
    let warning = find(&c, &format!("{card} .cc-channel-warning")).await.text().await.unwrap();
    assert!(
        warning
            .starts_with("No. “The forum” carries TLP:CLEAR at most, and this is TLP:AMBER. Anyone can join"),
        "{warning}"
    );
    assert!(entries(&c).await.is_empty(), "nothing is logged before the user decides");
    find(&c, &format!("{card} .cc-stop")).await.click().await.unwrap();
    assert!(c.find(Locator::Css(".cc-channel-warning")).await.is_err());
    assert!(entries(&c).await.is_empty());
    copy_template(&c, "warn-packagers").await;
    find(&c, &format!("{card} .cc-go-anyway")).await.click().await.unwrap();
    wait_entries(&c, 1).await;
    let e = entries(&c).await;
    assert!(
        e[0].contains(
            "Downstream — TLP:AMBER · message “Warning to downstream packagers”, copied · through The forum"
        ),
        "{e:?}"
    );

    // Logging by hand warns the same way.
    choose(&c, ".cc-log-channel", "The forum").await;
    find(&c, ".cc-log-form input[value='leadership']").await.click().await.unwrap();
    choose(&c, ".cc-log-label", "TLP:RED").await;
    find(&c, ".cc-log-add").await.click().await.unwrap();
    let warning = find(&c, ".cc-log-form .cc-channel-warning").await.text().await.unwrap();
    assert!(
        warning.starts_with("No. “The forum” carries TLP:CLEAR at most, and this is TLP:RED."),
        "{warning}"
    );
    assert_eq!(entries(&c).await.len(), 1);
    find(&c, ".cc-log-form .cc-stop").await.click().await.unwrap();

    // A warning answers one choice: choosing another label takes it away, so "Log it anyway"
    // never logs a choice that was not checked; a label the channel carries logs at once.
    find(&c, ".cc-log-add").await.click().await.unwrap();
    find(&c, ".cc-log-form .cc-channel-warning").await;
    choose(&c, ".cc-log-label", "TLP:CLEAR").await;
    c.wait()
        .at_most(Duration::from_secs(5))
        .for_element(Locator::XPath(
            "//form[contains(@class,'cc-log-form')][not(.//*[contains(@class,'cc-channel-warning')])]",
        ))
        .await
        .expect("a new label takes the warning away");
    find(&c, ".cc-log-add").await.click().await.unwrap();
    wait_entries(&c, 2).await;
    assert!(
        entries(&c).await[0].contains("TLP:CLEAR · message sent elsewhere · through The forum"),
        "{:?}",
        entries(&c).await
    );

    // Correcting an entry keeps its channel, and checks it again: raised to TLP:RED, it warns.
    find(&c, ".cc-entry .cc-entry-correct").await.click().await.unwrap();
    let shown = js(
        &c,
        "const s = document.querySelector('.cc-log-channel'); return s.options[s.selectedIndex].text",
        vec![],
    )
    .await;
    assert!(
        shown.as_str().unwrap().starts_with("The forum"),
        "the correction shows the entry's channel: {shown}"
    );
    choose(&c, ".cc-log-label", "TLP:RED").await;
    find(&c, ".cc-log-add").await.click().await.unwrap();
    let warning = find(&c, ".cc-log-form .cc-channel-warning").await.text().await.unwrap();
    assert!(
        warning.starts_with("No. “The forum” carries TLP:CLEAR at most, and this is TLP:RED."),
        "{warning}"
    );
    find(&c, ".cc-log-form .cc-stop").await.click().await.unwrap();
    choose(&c, ".cc-log-label", "TLP:CLEAR").await;
    find(&c, ".cc-log-note").await.send_keys("Posted the update.").await.unwrap();
    find(&c, ".cc-log-add").await.click().await.unwrap();
    find(&c, ".cc-entry .cc-corrected").await;
    let e = entries(&c).await;
    assert!(e[0].contains("through The forum") && e[0].contains("Posted the update."), "{e:?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_log_as_markdown_and_printed_at_two_labels() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    set_clock(&c, T).await;
    copy_template(&c, "holding-statement").await;
    wait_entries(&c, 1).await;
    set_clock(&c, T + HOUR).await;
    copy_template(&c, "warn-packagers").await;
    wait_entries(&c, 2).await;
    log_by_hand(&c, "call", "responders", "TLP:RED", "Called the owner.", None).await;

    capture_downloads(&c).await;
    find(&c, ".cc-log-export-md").await.click().await.unwrap();
    let all = last_download(&c).await;
    assert!(all.starts_with("**TLP:RED**: This is only for the people it was sent to."), "{all}");
    assert!(all.trim_end().ends_with("**TLP:RED**"), "{all}");
    assert!(all.contains("Called the owner.") && all.contains("Downstream — TLP:AMBER"), "{all}");
    assert!(!all.contains("left out"), "{all}");

    choose(&c, ".cc-log-limit", "TLP:CLEAR").await;
    find(&c, ".cc-log-export-md").await.click().await.unwrap();
    let public = last_download(&c).await;
    assert!(public.starts_with("**TLP:CLEAR**: You may share this with anyone."), "{public}");
    assert!(public.trim_end().ends_with("**TLP:CLEAR**"), "{public}");
    assert!(
        public.contains("\n2 entries labelled stricter than TLP:CLEAR were left out of this copy.\n"),
        "{public}"
    );
    assert!(public.contains("Public — TLP:CLEAR, message “Public holding statement”, copied"), "{public}");
    assert!(!public.contains("Called the owner") && !public.contains("Downstream"), "{public}");

    // Printed: the log alone, at the label chosen, labelled at the top and bottom of each page.
    find(&c, ".cc-log-print").await.click().await.unwrap();
    find(&c, ".cc-print-what").await;
    let printed = |c: &Client| {
        let c = c.clone();
        async move {
            js(
                &c,
                "const d = [...document.querySelectorAll('.cc-print-doc')].find(d => d.offsetParent !== null); \
                 return [d.querySelector('thead').textContent, d.querySelector('tfoot').textContent, \
                   d.querySelectorAll('.cc-print-entry').length, (d.querySelector('.cc-print-left-out') || {}).textContent || '', \
                   d.querySelector('h1').textContent]",
                vec![],
            )
            .await
            .as_array()
            .unwrap()
            .clone()
        }
    };
    // The print page opens on the label chosen on the checklist page, here TLP:CLEAR.
    let log = local(&c, T).await;
    let clear = printed(&c).await;
    assert_eq!(
        clear[0..4],
        [
            json!("TLP:CLEAR"),
            json!("TLP:CLEAR"),
            json!(1),
            json!("2 entries labelled stricter than TLP:CLEAR were left out of this copy.")
        ]
    );
    assert!(clear[4].as_str().unwrap().starts_with("Communications log: "), "{clear:?}");
    let body = js(&c, "return document.querySelector('.cc-print-entry').textContent", vec![]).await;
    assert!(body.as_str().unwrap().starts_with(&log), "{body}");
    choose(&c, ".cc-print-what", "TLP:AMBER").await;
    let amber = printed(&c).await;
    assert_eq!(
        amber[0..4],
        [
            json!("TLP:AMBER"),
            json!("TLP:AMBER"),
            json!(2),
            json!("1 entry labelled stricter than TLP:AMBER was left out of this copy.")
        ]
    );
    choose(&c, ".cc-print-what", "TLP:RED").await;
    assert_eq!(printed(&c).await[0..4], [json!("TLP:RED"), json!("TLP:RED"), json!(3), json!("")]);
    // The whole record again: the log's copy is gone, the record's is shown.
    choose(&c, ".cc-print-what", "record").await;
    let shown = js(&c, "return document.querySelectorAll('.cc-print-entry').length + ' ' + document.querySelector('.cc-print-record').hidden", vec![]).await;
    assert_eq!(shown, json!("0 false"));
    c.close().await.unwrap();
}

#[tokio::test]
async fn two_tabs_logging_at_once_keep_both_entries() {
    let c = browser().await;
    open(&c, "#/s/account-compromise").await;
    // The record both tabs log in: started here, before the second tab opens.
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    let first = c.window().await.unwrap();
    let second = c.new_window(true).await.unwrap();
    c.switch_to_window(second.handle.clone()).await.unwrap();
    open(&c, "#/s/account-compromise").await;
    // Both tabs have their entry ready; the first is sent a moment after the second tab is
    // switched to, so that both are saved at about the same time.
    find(&c, ".cc-log-form input[value='downstream']").await.click().await.unwrap();
    find(&c, ".cc-log-note").await.send_keys("From the second tab.").await.unwrap();
    c.switch_to_window(first.clone()).await.unwrap();
    find(&c, ".cc-log-form input[value='leadership']").await.click().await.unwrap();
    find(&c, ".cc-log-note").await.send_keys("From the first tab.").await.unwrap();
    js(&c, "setTimeout(() => document.querySelector('.cc-log-add').click(), 150)", vec![]).await;
    c.switch_to_window(second.handle.clone()).await.unwrap();
    find(&c, ".cc-log-add").await.click().await.unwrap();
    for tab in [second.handle, first] {
        c.switch_to_window(tab).await.unwrap();
        c.refresh().await.unwrap();
        wait_ready(&c).await;
        wait_entries(&c, 2).await;
        let e = entries(&c).await.join("\n");
        assert!(e.contains("From the first tab.") && e.contains("From the second tab."), "{e}");
    }
    c.close().await.unwrap();
}

#[tokio::test]
async fn an_embedding_site_gives_its_channels_and_a_wrong_one_is_refused() {
    let c = browser().await;
    c.goto(&format!("{}examples/embed.html", e2e::base_url())).await.unwrap();
    c.wait().for_element(Locator::Css("[data-app-ready='true']")).await.unwrap();
    let result = c
        .execute_async(
            "import('../embed/crisis-comms.js').then(async m => { await m.default(); \
               const el = document.body.appendChild(document.createElement('div')); \
               m.mount(el, { namespace: 'channels-test', view: 'labels', channels: [ \
                 { name: 'security@', readers: 'governance', archive: 'none', label: 'TLP:AMBER+STRICT' }] }); \
               let refused = ''; \
               try { m.mount(document.body.appendChild(document.createElement('div')), \
                 { channels: [{ name: 'chat', readers: 'everyone', archive: 'none', label: 'TLP:CLEAR' }] }); } \
               catch (e) { refused = e.message; } \
               setTimeout(() => arguments[0]([el.querySelector('.cc-project-channel').textContent, refused, \
                 el.querySelectorAll('.cc-project-channel button').length]), 300); })",
            vec![],
        )
        .await
        .unwrap();
    let listed = result[0].as_str().unwrap();
    assert!(listed.starts_with("security@ — carries TLP:AMBER+STRICT or looser"), "{listed}");
    assert!(listed.contains("given by this site"), "{listed}");
    assert_eq!(result[2], json!(0), "a channel the site gives is neither edited nor removed here");
    let refused = result[1].as_str().unwrap();
    assert!(
        refused.starts_with("crisis-comms: invalid options: channels[0].readers: unknown variant `everyone`"),
        "{refused}"
    );
    c.close().await.unwrap();
}

/// Adds a channel on the Labels page.
async fn add_channel(c: &Client, name: &str, readers: &str, archive: &str, label: &str) {
    find(c, ".cc-ch-name").await.send_keys(name).await.unwrap();
    choose(c, ".cc-ch-readers", readers).await;
    choose(c, ".cc-ch-archive", archive).await;
    choose(c, ".cc-ch-label", label).await;
    find(c, ".cc-ch-add").await.click().await.unwrap();
    said(c, ".cc-ch-said", &format!("Added “{name}”.")).await;
}

/// Waits until the status `css` starts with `start`, and returns it.
async fn said(c: &Client, css: &str, start: &str) -> String {
    for _ in 0..50 {
        let text = find(c, css).await.text().await.unwrap();
        if text.starts_with(start) {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("`{css}` never said `{start}`: {}", find(c, css).await.text().await.unwrap());
}

/// The text of each channel listed on the Labels page, with its id.
async fn listed_channels(c: &Client) -> Vec<(String, String)> {
    let v = js(
        c,
        "return [...document.querySelectorAll('.cc-project-channel')].map(l => [l.dataset.channel, l.querySelector('strong').textContent + ' ' + l.textContent])",
        vec![],
    )
    .await;
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn a_channel_edited_in_place_keeps_its_entries_and_refuses_what_is_wrong() {
    let c = browser().await;
    open(&c, "#/labels").await;
    add_channel(&c, "The forum", "anyone", "public", "TLP:CLEAR").await;
    add_channel(&c, "chat", "members", "none", "TLP:GREEN").await;
    let forum = listed_channels(&c).await.into_iter().find(|(_, t)| t.starts_with("The forum")).unwrap().0;

    open(&c, "#/s/account-compromise").await;
    choose(&c, ".cc-log-channel", "The forum").await;
    log_by_hand(&c, "message", "public", "TLP:CLEAR", "Posted the notice.", None).await;

    open(&c, "#/labels").await;
    find(&c, &format!("[data-channel='{forum}'] .cc-ch-edit")).await.click().await.unwrap();
    assert_eq!(find(&c, ".cc-channel-form h3").await.text().await.unwrap(), "Change “The forum”");
    let form = js(
        &c,
        "const v = s => document.querySelector(s).value; \
         return [v('.cc-ch-name'), v('.cc-ch-readers'), v('.cc-ch-archive'), v('.cc-ch-label'), \
           document.activeElement.classList.contains('cc-ch-name')]",
        vec![],
    )
    .await;
    assert_eq!(
        form,
        json!(["The forum", "anyone", "public", "TLP:CLEAR", true]),
        "the form holds the channel"
    );
    // Plain-word refusals, and nothing changed by them.
    // Typed over as a person does (a WebDriver clear fires no input event): select all, then type.
    let name = find(&c, ".cc-ch-name").await;
    name.send_keys("\u{e009}a").await.unwrap();
    name.send_keys("\u{e003}").await.unwrap();
    find(&c, ".cc-ch-add").await.click().await.unwrap();
    said(&c, ".cc-ch-said", "Give the channel a name first.").await;
    name.send_keys("CHAT").await.unwrap();
    find(&c, ".cc-ch-add").await.click().await.unwrap();
    said(&c, ".cc-ch-said", "There is already a channel called “chat”. Give this one another name.").await;
    assert!(listed_channels(&c).await.iter().any(|(id, t)| *id == forum && t.starts_with("The forum")));
    // Renamed, readable by members, kept for them, carrying up to TLP:GREEN: the same channel.
    name.send_keys("\u{e009}a").await.unwrap();
    name.send_keys("Discourse").await.unwrap();
    choose(&c, ".cc-ch-readers", "members").await;
    choose(&c, ".cc-ch-archive", "members").await;
    choose(&c, ".cc-ch-label", "TLP:GREEN").await;
    find(&c, ".cc-ch-add").await.click().await.unwrap();
    said(&c, ".cc-ch-said", "Saved: “The forum” is now “Discourse”.").await;
    let list = listed_channels(&c).await;
    assert_eq!(list.len(), 2, "{list:?}");
    let (_, text) = list.iter().find(|(id, _)| *id == forum).expect("the same id");
    assert!(
        text.starts_with("Discourse Discourse — carries TLP:GREEN or looser · Approved members who are known · archives: Kept for its members"),
        "{text}"
    );
    assert_eq!(find(&c, ".cc-channel-form h3").await.text().await.unwrap(), "Add a channel");
    assert_eq!(find(&c, ".cc-ch-name").await.prop("value").await.unwrap().as_deref(), Some(""));

    // The entry still names the channel as it was called, and knows it by its new name.
    open(&c, "#/s/account-compromise").await;
    wait_entries(&c, 1).await;
    assert!(
        entries(&c).await[0].contains("· through The forum (now “Discourse”)"),
        "{:?}",
        entries(&c).await
    );
    find(&c, ".cc-entry .cc-entry-correct").await.click().await.unwrap();
    let shown = js(
        &c,
        "const s = document.querySelector('.cc-log-channel'); return s.options[s.selectedIndex].text",
        vec![],
    )
    .await;
    assert!(shown.as_str().unwrap().starts_with("Discourse (carries TLP:GREEN"), "{shown}");
    // Checked against what the channel carries now.
    choose(&c, ".cc-log-label", "TLP:AMBER").await;
    find(&c, ".cc-log-add").await.click().await.unwrap();
    let warning = find(&c, ".cc-log-form .cc-channel-warning").await.text().await.unwrap();
    assert!(
        warning.starts_with("No. “Discourse” carries TLP:GREEN at most, and this is TLP:AMBER."),
        "{warning}"
    );
    find(&c, ".cc-log-form .cc-stop").await.click().await.unwrap();
    choose(&c, ".cc-log-label", "TLP:GREEN").await;
    find(&c, ".cc-log-add").await.click().await.unwrap();
    find(&c, ".cc-entry .cc-corrected").await;
    let e = entries(&c).await;
    assert!(
        e[0].contains("TLP:GREEN · message sent elsewhere · through Discourse") && !e[0].contains("(now"),
        "{e:?}"
    );

    // Kept on the device: the edit holds after a reload.
    open(&c, "#/labels").await;
    c.refresh().await.unwrap();
    wait_ready(&c).await;
    assert!(listed_channels(&c).await.iter().any(|(id, t)| *id == forum && t.starts_with("Discourse")));
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_import_preview_says_which_channels_a_backup_brings_changes_or_leaves() {
    let c = browser().await;
    open(&c, "#/labels").await;
    add_channel(&c, "The forum", "anyone", "public", "TLP:CLEAR").await;
    add_channel(&c, "chat", "members", "none", "TLP:GREEN").await;
    open(&c, "#/s/account-compromise").await;
    log_by_hand(&c, "meeting", "leadership", "TLP:RED", "Zq52 met the council.", None).await;
    open(&c, "#/records").await;
    capture_downloads(&c).await;
    find(&c, ".cc-backup .cc-primary").await.click().await.unwrap();
    let mut backup: Value = serde_json::from_str(&last_download(&c).await).unwrap();
    let logged = backup["data"]["records"].as_object().unwrap().values().next().unwrap()["progress"]
        ["timeline"]
        .clone();
    assert_eq!(logged[0]["note"], json!("Zq52 met the council."), "the backup holds the log: {logged}");
    // The backup, changed later elsewhere: the forum renamed and stricter, a new channel.
    let channels = backup["data"]["channels"].as_object_mut().unwrap();
    let forum = channels.values_mut().find(|c| c["name"] == "The forum").unwrap();
    forum["name"] = json!("Forum");
    forum["readers"] = json!("members");
    forum["label"] = json!("TLP:GREEN");
    forum["changed"] = json!(forum["changed"].as_f64().unwrap() + 60_000.0);
    channels.insert(
        "c-new".into(),
        json!({ "id": "c-new", "name": "security@", "readers": "governance", "archive": "none", "label": "TLP:AMBER+STRICT", "changed": 1.0 }),
    );
    find(&c, ".cc-import")
        .await
        .send_keys(&temp_file("channels-backup.json", &backup.to_string()))
        .await
        .unwrap();
    // The file is read, then the preview shown.
    find(&c, ".cc-preview").await;
    let lines = js(
        &c,
        "return [...document.querySelectorAll('.cc-preview-channels li')].map(l => l.textContent)",
        vec![],
    )
    .await;
    assert_eq!(
        lines,
        json!([
            "New, from the backup: “security@”.",
            "Changed by the backup: “The forum”: its name from “The forum” to “Forum”, who can read it from “Anyone can join or read it” to “Approved members who are known”, the strictest label it may carry from TLP:CLEAR to TLP:GREEN.",
            "Staying as they are on this device: “chat”."
        ])
    );
    find(&c, ".cc-preview .cc-primary").await.click().await.unwrap();
    said(&c, ".cc-import-message", "Imported").await;
    open(&c, "#/labels").await;
    let names: Vec<String> =
        listed_channels(&c).await.into_iter().map(|(_, t)| t.split(' ').next().unwrap().to_owned()).collect();
    assert_eq!(names, ["chat", "Forum", "security@"], "the import did what the preview said");
    c.close().await.unwrap();

    // In a fresh browser the backup brings every channel and the log.
    let fresh = browser().await;
    open(&fresh, "#/records").await;
    find(&fresh, ".cc-import")
        .await
        .send_keys(&temp_file("channels-fresh.json", &backup.to_string()))
        .await
        .unwrap();
    find(&fresh, ".cc-preview").await;
    let lines = js(
        &fresh,
        "return [...document.querySelectorAll('.cc-preview-channels li')].map(l => l.textContent)",
        vec![],
    )
    .await;
    assert_eq!(lines, json!(["New, from the backup: “chat”, “Forum”, “security@”."]));
    find(&fresh, ".cc-preview .cc-primary").await.click().await.unwrap();
    said(&fresh, ".cc-import-message", "Imported").await;
    open(&fresh, "#/s/account-compromise").await;
    wait_entries(&fresh, 1).await;
    assert!(
        entries(&fresh).await[0].contains("Leadership — TLP:RED · meetingZq52 met the council."),
        "{:?}",
        entries(&fresh).await
    );
    fresh.close().await.unwrap();
}

#[tokio::test]
async fn two_tabs_logging_at_once_under_a_lock_keep_both_entries_encrypted() {
    let c = browser().await;
    open(&c, "#/records").await;
    set_lock_here(&c, PASS).await;
    // The record both tabs log in: started here, before the second tab opens.
    open(&c, "#/s/account-compromise").await;
    unlock_if_asked(&c).await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    settle(&c).await;
    let first = c.window().await.unwrap();
    let second = c.new_window(true).await.unwrap();
    c.switch_to_window(second.handle.clone()).await.unwrap();
    open(&c, "#/s/account-compromise").await;
    unlock(&c, PASS).await;
    // A call logged by hand in the second tab, a message copied in the first a moment later,
    // so that both encrypted saves are under way at about the same time.
    let note = "Zq41 called the packagers";
    find(&c, ".cc-log-form input[value='downstream']").await.click().await.unwrap();
    choose(&c, ".cc-log-how", "call").await;
    choose(&c, ".cc-log-label", "TLP:AMBER").await;
    find(&c, ".cc-log-note").await.send_keys(note).await.unwrap();
    c.switch_to_window(first.clone()).await.unwrap();
    js(
        &c,
        "setTimeout(() => document.querySelector(\"[data-template='holding-statement'] .cc-copy-row button\").click(), 150)",
        vec![],
    )
    .await;
    c.switch_to_window(second.handle.clone()).await.unwrap();
    find(&c, ".cc-log-add").await.click().await.unwrap();
    settle(&c).await;
    c.switch_to_window(first.clone()).await.unwrap();
    settle(&c).await;
    for tab in [second.handle, first] {
        c.switch_to_window(tab).await.unwrap();
        c.refresh().await.unwrap();
        wait_ready(&c).await;
        unlock(&c, PASS).await;
        open(&c, "#/s/account-compromise").await;
        unlock_if_asked(&c).await;
        wait_entries(&c, 2).await;
        let e = entries(&c).await.join("\n");
        assert!(e.contains(&format!("Downstream — TLP:AMBER · call{note}")), "{e}");
        assert!(e.contains("Public — TLP:CLEAR · message “Public holding statement”, copied"), "{e}");
    }
    // Stored encrypted: no entry's text, audience or message is in the origin's storage.
    let stored = all_storage(&c).await;
    assert!(stored.contains("crisis-comms-encrypted"), "{stored}");
    for clear in [note, "packagers", "holding-statement", "downstream", "timeline", "TLP:AMBER"] {
        assert!(!stored.contains(clear), "`{clear}` is stored in clear: {stored}");
    }
    c.close().await.unwrap();
}

/// Unlocks when the page asks for the passphrase (a page opened anew after unlocking does).
async fn unlock_if_asked(c: &Client) {
    if c.find(Locator::Css(".cc-unlock .cc-passphrase")).await.is_ok() {
        unlock(c, PASS).await;
    }
}

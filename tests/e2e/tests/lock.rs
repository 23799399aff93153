//! The passphrase lock on the release build: what is stored is encrypted (twenty typed secrets
//! in none of the origin's storage), reload asks, a wrong passphrase is refused, the right one
//! restores everything; "Lock now", the double Escape and other tabs; changing and removing
//! the passphrase; encrypted backups from one browser into a fresh one; and a thousand
//! injection payloads in every field the lock adds or shows.

use std::time::Duration;

use e2e::{
    all_storage, browser, capture_downloads, find, last_download, open, set_lock_here, settle, temp_file,
    wait_ready, PASS,
};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// The stored state of the standalone page's namespace.
async fn stored(c: &Client) -> String {
    let v = c.execute("return localStorage.getItem('crisis-comms:default:state')", vec![]).await.unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

/// Everything the page shows or holds in its fields: its text and every field's value.
async fn on_screen(c: &Client) -> String {
    let v = c
        .execute(
            "return document.body.innerHTML + [...document.querySelectorAll('input, textarea, select')] \
               .map(e => e.value).join('\\n')",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_owned()
}

/// Waits until `check` holds of the stored state, for at most 20 s.
async fn wait_stored(c: &Client, what: &str, check: impl Fn(&str) -> bool) -> String {
    for _ in 0..200 {
        let s = stored(c).await;
        if check(&s) {
            return s;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the stored state never showed {what}: {}", stored(c).await);
}

/// Types `text` into the field matching `css`.
async fn type_in(c: &Client, css: &str, text: &str) {
    find(c, css).await.send_keys(text).await.unwrap();
}

/// Sets a lock with `pass` from the Records page.
async fn set_lock(c: &Client, pass: &str) {
    open(c, "#/records").await;
    set_lock_here(c, pass).await;
    wait_stored(c, "an encrypted envelope", |s| s.contains("crisis-comms-encrypted")).await;
}

/// Types `pass` into the unlock prompt and waits for what it says, or for the app.
async fn try_unlock(c: &Client, pass: &str) -> Option<String> {
    type_in(c, ".cc-unlock .cc-passphrase", &format!("{pass}\u{e007}")).await;
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        // Read in one step: the prompt may go between two WebDriver calls.
        let said = c
            .execute(
                "const u = document.querySelector('.cc-unlock'); \
                 return u ? u.querySelector('.cc-unlock-message').textContent : null",
                vec![],
            )
            .await
            .unwrap();
        match said.as_str() {
            None => return None,
            Some("" | "Unlocking…") => {}
            Some(said) => return Some(said.to_owned()),
        }
    }
    panic!("the unlock prompt never answered");
}

async fn reload(c: &Client) {
    c.refresh().await.unwrap();
    wait_ready(c).await;
}

/// The twenty secrets: twelve notes, six values and two record names.
fn secrets() -> Vec<String> {
    (1..=20).map(|n| format!("Zq{n:02}secret{}", ["marlow", "quince", "tarsk", "velum"][n % 4])).collect()
}

/// Types the secrets: notes and values in the account takeover checklist, then the names of
/// that record and of a second one.
async fn type_secrets(c: &Client, secrets: &[String]) {
    open(c, "#/s/account-compromise").await;
    let notes = c.find_all(Locator::Css(".cc-item .cc-note summary")).await.unwrap();
    assert!(notes.len() >= 12, "twelve steps take notes");
    for (n, summary) in notes.iter().take(12).enumerate() {
        summary.click().await.unwrap();
        // The note's field is drawn once its `details` opens (the toggle event comes after the
        // click): wait for it.
        let item = c.find_all(Locator::Css(".cc-item")).await.unwrap()[n].clone();
        let id = item.attr("data-item").await.unwrap().expect("a step says its id");
        find(c, &format!("[data-item='{id}'] textarea")).await.send_keys(&secrets[n]).await.unwrap();
    }
    let values: Vec<_> = c.find_all(Locator::Css("input[data-placeholder]")).await.unwrap();
    let mut names = Vec::new();
    let mut typed = 0;
    for v in &values {
        let name = v.attr("data-placeholder").await.unwrap().unwrap_or_default();
        if typed < 6 && !names.contains(&name) {
            v.send_keys(&secrets[12 + typed]).await.unwrap();
            names.push(name);
            typed += 1;
        }
    }
    assert_eq!(typed, 6, "six values typed: {names:?}");
    open(c, "#/s/harassment-campaign").await;
    c.find_all(Locator::Css(".cc-item label")).await.unwrap()[0].click().await.unwrap();
    open(c, "#/records").await;
    let fields = c.find_all(Locator::Css(".cc-record input[type=text]")).await.unwrap();
    assert_eq!(fields.len(), 2);
    for (field, secret) in fields.iter().zip(&secrets[18..]) {
        field.clear().await.unwrap();
        field.send_keys(&format!("{secret}\u{e004}")).await.unwrap();
    }
    settle(c).await;
}

/// Whether every secret is back: notes and values on the checklist, names on the Records page.
async fn every_secret_back(c: &Client, secrets: &[String]) {
    open(c, "#/records").await;
    let names = c.find_all(Locator::Css(".cc-record input[type=text]")).await.unwrap();
    let mut shown = Vec::new();
    for n in names {
        shown.push(n.prop("value").await.unwrap().unwrap_or_default());
    }
    for secret in &secrets[18..] {
        assert!(shown.contains(secret), "{secret} in {shown:?}");
    }
    open(c, "#/s/account-compromise").await;
    let screen = on_screen(c).await;
    for secret in &secrets[..18] {
        assert!(screen.contains(secret.as_str()), "{secret} is shown again");
    }
}

#[tokio::test]
async fn twenty_typed_secrets_are_stored_encrypted_and_only_the_passphrase_brings_them_back() {
    let c = browser().await;
    open(&c, "#/").await;
    set_lock(&c, PASS).await;
    let secrets = secrets();
    type_secrets(&c, &secrets).await;

    reload(&c).await;
    find(&c, ".cc-unlock").await;
    let storage = all_storage(&c).await;
    for secret in &secrets {
        assert!(!storage.contains(secret.as_str()), "{secret} is in storage: {storage}");
    }
    let envelope: Value = serde_json::from_str(&stored(&c).await).unwrap();
    let mut members: Vec<&String> = envelope.as_object().unwrap().keys().collect();
    members.sort();
    assert_eq!(members, ["cipher", "ciphertext", "format", "kdf", "version"], "only these are in clear");
    assert_eq!(
        envelope["kdf"],
        json!({ "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": envelope["kdf"]["salt"] })
    );
    assert!(c.find(Locator::Css(".cc-main h1")).await.unwrap().text().await.unwrap() == "Locked");
    let screen = on_screen(&c).await;
    assert!(
        !secrets.iter().any(|s| screen.contains(s.as_str())),
        "nothing of the records shows while locked"
    );

    // A wrong passphrase is refused in plain words and changes nothing.
    let said = try_unlock(&c, "not the passphrase at all").await;
    assert_eq!(said.as_deref(), Some("That passphrase is not right. Nothing was changed."));
    assert_eq!(all_storage(&c).await, storage);
    assert_eq!(try_unlock(&c, PASS).await, None);
    every_secret_back(&c, &secrets).await;

    // Lock now: one click leaves only the prompt, and nothing of the records in the page.
    find(&c, ".cc-lock-now").await.click().await.unwrap();
    find(&c, ".cc-unlock").await;
    let screen = on_screen(&c).await;
    assert!(!secrets.iter().any(|s| screen.contains(s.as_str())), "Lock now clears the screen");
    assert_eq!(try_unlock(&c, PASS).await, None);
    // Escape twice locks too.
    open(&c, "#/s/account-compromise").await;
    find(&c, ".cc-lock-now").await;
    c.execute(
        "for (let i = 0; i < 2; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))",
        vec![],
    )
    .await
    .unwrap();
    find(&c, ".cc-unlock").await;
    let screen = on_screen(&c).await;
    assert!(!secrets.iter().any(|s| screen.contains(s.as_str())), "Escape twice clears the screen");
    assert_eq!(try_unlock(&c, PASS).await, None);
    every_secret_back(&c, &secrets).await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_passphrase_changes_and_the_lock_comes_off_with_the_data_readable_again() {
    let c = browser().await;
    open(&c, "#/").await;
    set_lock(&c, PASS).await;
    open(&c, "#/s/account-compromise").await;
    type_in(&c, "input[data-placeholder='contact']", "Xk-secret-contact").await;
    settle(&c).await;

    open(&c, "#/records").await;
    let fields = c.find_all(Locator::Css(".cc-change-lock input[type=password]")).await.unwrap();
    fields[0].send_keys("a wrong current one").await.unwrap();
    fields[1].send_keys("amber ferry lantern moss").await.unwrap();
    fields[2].send_keys("amber ferry lantern moss").await.unwrap();
    let before = stored(&c).await;
    find(&c, ".cc-change-lock button").await.click().await.unwrap();
    let said = wait_message(&c, "not the current passphrase").await;
    assert_eq!(said, "That is not the current passphrase. Nothing was changed.");
    assert_eq!(stored(&c).await, before);
    let fields = c.find_all(Locator::Css(".cc-change-lock input[type=password]")).await.unwrap();
    fields[0].send_keys(PASS).await.unwrap();
    fields[1].send_keys("amber ferry lantern moss").await.unwrap();
    fields[2].send_keys("amber ferry lantern moss").await.unwrap();
    find(&c, ".cc-change-lock button").await.click().await.unwrap();
    wait_message(&c, "was changed").await;
    let salt = |s: &str| serde_json::from_str::<Value>(s).unwrap()["kdf"]["salt"].clone();
    wait_stored(&c, "a new salt", |s| salt(s) != salt(&before)).await;
    settle(&c).await;

    reload(&c).await;
    assert!(try_unlock(&c, PASS).await.is_some(), "the old passphrase no longer opens it");
    assert_eq!(try_unlock(&c, "amber ferry lantern moss").await, None);
    open(&c, "#/s/account-compromise").await;
    assert!(on_screen(&c).await.contains("Xk-secret-contact"));

    // Removing the lock writes the data in plain text again; a reload asks nothing.
    open(&c, "#/records").await;
    type_in(&c, ".cc-remove-lock input[type=password]", "amber ferry lantern moss").await;
    find(&c, ".cc-remove-lock button").await.click().await.unwrap();
    wait_message(&c, "The lock is off").await;
    let plain = wait_stored(&c, "plain text", |s| s.contains("Xk-secret-contact")).await;
    assert!(plain.starts_with("{\"format\":\"crisis-comms\""), "{plain}");
    reload(&c).await;
    assert!(c.find(Locator::Css(".cc-unlock")).await.is_err(), "no prompt without a lock");
    open(&c, "#/s/account-compromise").await;
    assert!(on_screen(&c).await.contains("Xk-secret-contact"));
    c.close().await.unwrap();
}

/// Waits for the lock section's message to contain `part`.
async fn wait_message(c: &Client, part: &str) -> String {
    for _ in 0..200 {
        let said = find(c, ".cc-lock .cc-lock-message").await.text().await.unwrap();
        if said.contains(part) {
            return said;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the lock's message never said “{part}”");
}

#[tokio::test]
async fn an_encrypted_backup_made_in_one_browser_opens_in_a_fresh_one_with_its_passphrase_alone() {
    let c = browser().await;
    open(&c, "#/").await;
    set_lock(&c, PASS).await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] .cc-note summary").await.click().await.unwrap();
    type_in(&c, "[data-item='reach-owner'] textarea", "Yb-secret-note").await;
    settle(&c).await;
    open(&c, "#/records").await;
    let warning = find(&c, ".cc-plain-warning").await.text().await.unwrap();
    assert!(warning.starts_with("The JSON backup is not encrypted"), "{warning}");
    capture_downloads(&c).await;
    // Both fields empty: the lock's passphrase.
    find(&c, ".cc-encrypted-export button").await.click().await.unwrap();
    let said = find(&c, ".cc-import-message:not(:empty)").await.text().await.unwrap();
    assert!(said.starts_with("Encrypted backup saved as crisis-comms-backup-encrypted.json."), "{said}");
    let backup = last_download(&c).await;
    assert!(!backup.contains("Yb-secret-note"), "{backup}");
    let header: Value = serde_json::from_str(&backup).unwrap();
    assert_eq!(header["format"], "crisis-comms-encrypted");
    // A note on a TLP:RED step makes the backup TLP:RED.
    assert_eq!(header["label"], "TLP:RED");
    assert!(header["about"].as_str().unwrap().contains("encrypted"));
    c.close().await.unwrap();

    let fresh = browser().await;
    open(&fresh, "#/records").await;
    let file = temp_file("backup.json", &backup);
    let import = |f: String| {
        let fresh = &fresh;
        async move { find(fresh, ".cc-import").await.send_keys(&f).await.unwrap() }
    };
    import(file.clone()).await;
    let prompt = find(&fresh, ".cc-sealed-import").await.text().await.unwrap();
    assert!(prompt.contains("This backup is encrypted. Its label, as written on it: TLP:RED."), "{prompt}");
    let refused = "Not imported: the passphrase is not right, or the file was changed after it was made. \
                   Nothing on this device was changed.";
    type_in(&fresh, ".cc-sealed-import input", "a wrong passphrase\u{e007}").await;
    assert_eq!(import_message(&fresh).await, refused);
    assert_eq!(all_storage(&fresh).await, "", "nothing stored");
    // Altered bytes: one character of the ciphertext changed.
    let mut altered: Value = header.clone();
    let ct = altered["ciphertext"].as_str().unwrap().to_owned();
    let first = if ct.starts_with('A') { "B" } else { "A" };
    let swapped = format!("{first}{}", &ct[1..]);
    altered["ciphertext"] = swapped.into();
    find(&fresh, ".cc-sealed-import button[type=button]").await.click().await.unwrap();
    import(temp_file("altered.json", &altered.to_string())).await;
    type_in(&fresh, ".cc-sealed-import input", &format!("{PASS}\u{e007}")).await;
    assert_eq!(import_message(&fresh).await, refused);
    assert_eq!(all_storage(&fresh).await, "", "nothing stored");

    find(&fresh, ".cc-sealed-import button[type=button]").await.click().await.unwrap();
    import(file).await;
    type_in(&fresh, ".cc-sealed-import input", &format!("{PASS}\u{e007}")).await;
    let preview = find(&fresh, ".cc-preview[role=alert]").await.text().await.unwrap();
    assert!(preview.starts_with("This backup would add 1 record and update 0 records"), "{preview}");
    find(&fresh, ".cc-preview .cc-primary").await.click().await.unwrap();
    open(&fresh, "#/s/account-compromise").await;
    assert!(on_screen(&fresh).await.contains("Yb-secret-note"));
    fresh.close().await.unwrap();
}

/// Waits for the import message that follows a passphrase.
async fn import_message(c: &Client) -> String {
    for _ in 0..200 {
        let said = find(c, ".cc-import-message").await.text().await.unwrap();
        if !said.is_empty() && said != "Opening the backup…" {
            return said;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the import never answered");
}

#[tokio::test]
async fn lock_now_in_one_tab_locks_the_other_and_unlocked_tabs_merge_their_edits() {
    let c = browser().await;
    open(&c, "#/").await;
    set_lock(&c, PASS).await;
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    settle(&c).await;
    let first = c.window().await.unwrap();
    let second = c.new_window(true).await.unwrap();
    c.switch_to_window(second.handle.clone()).await.unwrap();
    open(&c, "#/s/account-compromise").await;
    // Unlocking is per tab.
    assert_eq!(try_unlock(&c, PASS).await, None);
    find(&c, "[data-item='start-log'] label").await.click().await.unwrap();
    settle(&c).await;
    c.switch_to_window(first.clone()).await.unwrap();
    // The first tab received the second's encrypted save and merged it.
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("[data-item='start-log'].cc-done"))
        .await
        .expect("the other tab's tick arrives");
    find(&c, "[data-item='remove-access'] label").await.click().await.unwrap();
    settle(&c).await;
    find(&c, ".cc-lock-now").await.click().await.unwrap();
    c.switch_to_window(second.handle).await.unwrap();
    find(&c, ".cc-unlock").await;
    let why = find(&c, ".cc-unlock-why").await.text().await.unwrap();
    assert_eq!(why, "Locked in another tab or window.");
    assert_eq!(try_unlock(&c, PASS).await, None);
    open(&c, "#/s/account-compromise").await;
    for step in ["reach-owner", "start-log", "remove-access"] {
        find(&c, &format!("[data-item='{step}'].cc-done")).await;
    }
    c.close().await.unwrap();
}

/// 1,000 payloads: ten shapes of injection, each in ten spellings and ten surroundings.
fn payloads() -> Vec<String> {
    let shapes = [
        "<img src=x onerror=\"window.__xss=1\">",
        "<script>window.__xss=1</script>",
        "<svg onload=window.__xss=1>",
        "<iframe src=\"javascript:window.__xss=1\"></iframe>",
        "\"><img src=x onerror=window.__xss=1>",
        "javascript:window.__xss=1",
        "<a href=\"javascript:window.__xss=1\">click</a>",
        "<details open ontoggle=window.__xss=1>",
        "<body onpageshow=window.__xss=1>",
        "<style>*{display:none}</style><math><mtext><img src=x onerror=window.__xss=1>",
    ];
    let spellings: [fn(&str) -> String; 10] = [
        |s| s.to_owned(),
        |s| s.to_uppercase(),
        |s| format!("'{s}'"),
        |s| s.replace('<', "<\u{0}"),
        |s| format!("{s}{s}"),
        |s| s.replace(' ', "\t"),
        |s| s.replace('=', " = "),
        |s| format!("</textarea>{s}"),
        |s| format!("{{{{{s}}}}}"),
        |s| format!("--> {s} <!--"),
    ];
    let around: [fn(&str) -> String; 10] = [
        |s| s.to_owned(),
        |s| format!("“{s}”"),
        |s| format!("{s}\n"),
        |s| format!("</option>{s}"),
        |s| format!("</select>{s}"),
        |s| format!("]]>{s}"),
        |s| format!("</p>{s}"),
        |s| format!("`{s}`"),
        |s| format!("${{{s}}}"),
        |s| format!("</form>{s}"),
    ];
    shapes
        .iter()
        .flat_map(|s| spellings.iter().map(move |f| f(s)))
        .flat_map(|s| around.iter().map(move |g| g(&s)))
        .collect()
}

#[tokio::test]
async fn a_thousand_injection_payloads_in_the_locks_fields_and_prompts_execute_nothing() {
    let payloads = payloads();
    assert_eq!(payloads.len(), 1000);
    // A backup of 1,000 records: each payload as a record's name, a note and a value.
    let mut records = serde_json::Map::new();
    for (n, p) in payloads.iter().enumerate() {
        let id = format!("r{n}");
        records.insert(
            id.clone(),
            json!({
                "id": id, "name": p, "scenario": "account-compromise", "scenario_version": 1,
                "created": 1.0, "updated": 1.0 + n as f64, "archived": false,
                "progress": { "items": { "reach-owner": { "status": "done", "note": p } }, "values": { "project": p } }
            }),
        );
    }
    let backup = json!({ "format": "crisis-comms", "version": 3, "data": { "records": records } });
    let c = browser().await;
    open(&c, "#/").await;
    set_lock(&c, PASS).await;
    // Imported with the lock on: the preview names every record, and the save is encrypted.
    find(&c, ".cc-import").await.send_keys(&temp_file("xss.json", &backup.to_string())).await.unwrap();
    let preview = find(&c, ".cc-preview[role=alert]").await.text().await.unwrap();
    assert!(preview.starts_with("This backup would add 1000 records"), "{}", &preview[..80]);
    find(&c, ".cc-preview .cc-primary").await.click().await.unwrap();
    settle(&c).await;
    // An encrypted backup whose clear label is a payload: the prompt shows it as text.
    for p in payloads.iter().step_by(100) {
        let sealed = json!({
            "format": "crisis-comms-encrypted", "version": 1, "label": p, "about": p,
            "kdf": { "name": "PBKDF2", "hash": "SHA-256", "iterations": 600000, "salt": "AAECAwQFBgcICQoLDA0ODw==" },
            "cipher": { "name": "AES-GCM", "nonce": "AAECAwQFBgcICQoL" }, "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA==",
        });
        find(&c, ".cc-import")
            .await
            .send_keys(&temp_file("xss-sealed.json", &sealed.to_string()))
            .await
            .unwrap();
        let prompt = find(&c, ".cc-sealed-import").await.text().await.unwrap();
        if !p.contains(['\t', '\u{0}', '\n']) {
            assert!(prompt.contains(p.as_str()), "the label is shown as text");
        }
        find(&c, ".cc-sealed-import button[type=button]").await.click().await.unwrap();
    }
    // Payloads typed as passphrases: into every passphrase field, and the unlock prompt.
    for (n, p) in payloads.iter().step_by(50).enumerate() {
        let fields = c.find_all(Locator::Css(".cc-records input[type=password]")).await.unwrap();
        let field = &fields[n % fields.len()];
        field.send_keys(p).await.unwrap();
        field.clear().await.unwrap();
    }
    reload(&c).await;
    for p in payloads.iter().skip(3).step_by(125) {
        let said = try_unlock(&c, p).await;
        assert_eq!(said.as_deref(), Some("That passphrase is not right. Nothing was changed."));
    }
    assert_eq!(try_unlock(&c, PASS).await, None);
    // Every record shown in the list, and one of them open.
    open(&c, "#/records").await;
    let names = c.find_all(Locator::Css(".cc-record input[type=text]")).await.unwrap();
    assert_eq!(names.len(), 1000);
    open(&c, "#/s/account-compromise").await;
    let note = find(&c, "[data-item='reach-owner'] textarea").await.prop("value").await.unwrap();
    // The first record imported is the one its checklist shows.
    assert_eq!(note.as_deref(), Some(payloads[0].as_str()));
    // Lock and unlock once more with the payloads on screen.
    find(&c, ".cc-lock-now").await.click().await.unwrap();
    assert_eq!(try_unlock(&c, PASS).await, None);
    open(&c, "#/records").await;
    let injected = c
        .execute(
            "return document.querySelectorAll('.crisis-comms img, .crisis-comms script, .crisis-comms iframe, \
             .crisis-comms svg, .crisis-comms math, .crisis-comms style, .crisis-comms object, .crisis-comms embed').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(injected.as_u64(), Some(0), "no element was injected");
    let ran = c.execute("return window.__xss === undefined", vec![]).await.unwrap();
    assert_eq!(ran.as_bool(), Some(true), "no payload ran");
    c.close().await.unwrap();
}

#[tokio::test]
async fn after_the_chosen_idle_time_the_app_locks_by_itself() {
    let c = browser().await;
    open(&c, "#/").await;
    set_lock(&c, PASS).await;
    let idle = find(&c, ".cc-lock-idle").await;
    assert_eq!(idle.prop("value").await.unwrap().as_deref(), Some("15"), "15 minutes by default");
    idle.select_by_value("1").await.unwrap();
    open(&c, "#/s/account-compromise").await;
    find(&c, "[data-item='reach-owner'] label").await.click().await.unwrap();
    // No key, pointer or wheel for a minute: the check every 5 s locks within 65 s.
    c.wait()
        .at_most(Duration::from_secs(80))
        .for_element(Locator::Css(".cc-unlock"))
        .await
        .expect("the idle lock");
    assert!(c.find(Locator::Css(".cc-item")).await.is_err(), "no step is left on screen");
    assert_eq!(try_unlock(&c, PASS).await, None);
    find(&c, "[data-item='reach-owner'].cc-done").await;
    c.close().await.unwrap();
}

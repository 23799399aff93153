//! Component tests in a real browser (wasm-bindgen-test in headless Chromium): the app
//! mounted into an element renders the checklist, and toggling an item updates the DOM
//! and the saved state.
#![cfg(target_arch = "wasm32")]

use crisis_comms::content::Library;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> HtmlElement {
    let el: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn options(namespace: &str) -> JsValue {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"namespace".into(), &namespace.into()).unwrap();
    o.into()
}

fn query(root: &HtmlElement, css: &str) -> HtmlElement {
    root.query_selector(css).unwrap().unwrap_or_else(|| panic!("no `{css}`")).dyn_into().unwrap()
}

async fn open_first_scenario(root: &HtmlElement) {
    query(root, ".cc-scenario-card a").click();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_scenario_view_renders_every_item_with_audience_and_label() {
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-render")).unwrap();
    open_first_scenario(&root).await;

    let library = Library::built_in();
    let scenario = &library.scenarios()[0];
    assert_eq!(query(&root, "h1").text_content().unwrap(), scenario.title);
    let boxes = root.query_selector_all(".cc-item input[type=checkbox]").unwrap();
    assert_eq!(boxes.length() as usize, scenario.items().count());
    let first = scenario.items().next().unwrap();
    let item = query(&root, &format!("[data-item='{}']", first.id));
    assert!(item.text_content().unwrap().contains(first.label.as_str()));
    assert!(item.text_content().unwrap().contains(first.audience[0].title()));
    // The checkbox has a label that names the step.
    let input: HtmlInputElement = query(&item, "input").dyn_into().unwrap();
    let label = query(&item, "label");
    assert_eq!(label.get_attribute("for").unwrap(), input.id());
    assert_eq!(label.text_content().unwrap(), first.text);
}

#[wasm_bindgen_test]
async fn the_lang_option_sets_each_widget_s_language_by_its_primary_subtag() {
    let (spanish, german) = (container(), container());
    let with_lang = |namespace: &str, lang: &str| {
        let o = options(namespace);
        js_sys::Reflect::set(&o, &"lang".into(), &lang.into()).unwrap();
        o
    };
    let _es = crisis_comms::mount(spanish.clone(), with_lang("component-lang-es", "es-MX")).unwrap();
    let _de = crisis_comms::mount(german.clone(), with_lang("component-lang-de", "DE")).unwrap();
    leptos::task::tick().await;
    // Each mounted widget has its own language; neither touches the page's <html>.
    assert_eq!(query(&spanish, ".crisis-comms").get_attribute("lang").as_deref(), Some("es"));
    assert_eq!(query(&german, ".crisis-comms").get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(
        query(&spanish, ".cc-catalog h1").text_content().unwrap(),
        "Listas de pasos para comunicar en una crisis"
    );
    assert_eq!(query(&german, ".cc-topnav a").text_content().unwrap(), "Checklisten");
    let html = document().document_element().unwrap();
    assert_ne!(html.get_attribute("lang").as_deref(), Some("es"));
    assert_ne!(html.get_attribute("lang").as_deref(), Some("de"));
}

#[wasm_bindgen_test]
async fn toggling_an_item_updates_the_dom_and_saves() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("crisis-comms:component-toggle:state").unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-toggle")).unwrap();
    open_first_scenario(&root).await;

    let item = query(&root, ".cc-item");
    let input: HtmlInputElement = query(&item, "input").dyn_into().unwrap();
    assert!(!input.checked());
    assert!(!item.class_list().contains("cc-done"));
    input.click();
    leptos::task::tick().await;
    assert!(input.checked());
    assert!(item.class_list().contains("cc-done"));
    assert!(query(&root, ".cc-overall").text_content().unwrap().starts_with("1 of "));
    let saved = storage.get_item("crisis-comms:component-toggle:state").unwrap().expect("saved at once");
    assert!(saved.contains("\"done\""), "{saved}");

    input.click();
    leptos::task::tick().await;
    assert!(!input.checked());
    assert!(!item.class_list().contains("cc-done"));
    assert!(query(&root, ".cc-overall").text_content().unwrap().starts_with("0 of "));
}

#[wasm_bindgen_test]
fn unknown_options_are_an_error_message_not_a_panic() {
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"namesapce".into(), &"x".into()).unwrap();
    let err = crisis_comms::mount(container(), o.into()).err().expect("refused");
    let message = js_sys::Error::from(JsValue::from(err)).message();
    assert_eq!(
        String::from(message),
        "crisis-comms: invalid options: unknown option `namesapce`; known options: namespace, view, scenarios, checklists, sessionOnly, shadow, theme, lock, channels, lang"
    );
    let refused = |key: &str, value: JsValue| {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &key.into(), &value).unwrap();
        let err = crisis_comms::mount(container(), o.into()).err().expect("refused");
        String::from(js_sys::Error::from(JsValue::from(err)).message())
    };
    let prefix = "crisis-comms: invalid options: invalid type: ";
    assert_eq!(
        refused("namespace", JsValue::from(7)),
        format!("{prefix}`namespace` must be a string, not a number")
    );
    let mixed = js_sys::Array::of2(&"account-compromise".into(), &JsValue::from(1));
    assert_eq!(
        refused("scenarios", mixed.into()),
        format!(
            "{prefix}`scenarios` must be a list of strings, not a list with an item that is not a string"
        )
    );
    assert_eq!(
        refused("shadow", "yes".into()),
        format!("{prefix}`shadow` must be true or false, not a string")
    );
    assert_eq!(
        refused("theme", js_sys::Object::new().into()),
        format!("{prefix}`theme` must be a string, not an object")
    );
    assert_eq!(
        refused("lang", "pt-BR".into()),
        "crisis-comms: invalid options: lang `pt-BR` must be en, es, de or fr, alone or with a region (such as es-MX)"
    );
    assert_eq!(refused("lang", JsValue::from(1)), format!("{prefix}`lang` must be a string, not a number"));
    // An option given as `null` or `undefined` is one not given: it keeps its default.
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"view".into(), &JsValue::NULL).unwrap();
    js_sys::Reflect::set(&o, &"namespace".into(), &JsValue::UNDEFINED).unwrap();
    assert!(crisis_comms::mount(container(), o.into()).is_ok());
}

#[wasm_bindgen_test]
async fn unmount_removes_every_node() {
    let root = container();
    let mut app = crisis_comms::mount(root.clone(), options("component-unmount")).unwrap();
    assert!(root.child_element_count() > 0);
    app.unmount();
    assert_eq!(root.child_element_count(), 0);
    app.unmount();
}

#[wasm_bindgen_test]
async fn an_app_whose_handle_is_dropped_stays_on_the_page() {
    // A host page that does not keep what `mount` returns: its handle is collected sooner or
    // later, and the widget must not vanish then.
    let root = container();
    drop(crisis_comms::mount(root.clone(), options("component-dropped")).unwrap());
    leptos::task::tick().await;
    assert!(root.child_element_count() > 0);
    assert!(query(&root, "[data-app-ready]").text_content().unwrap().contains("crisis-comms"));
}

/// Runs a snippet of JavaScript in the test page (which has no CSP).
fn js(code: &str) {
    js_sys::Function::new_no_args(code).call0(&JsValue::NULL).expect("script runs");
}

fn notice(root: &HtmlElement) -> String {
    root.query_selector(".cc-notice").unwrap().and_then(|n| n.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn blocked_storage_still_works_in_memory_and_says_not_saved() {
    js("window.__ls = Object.getOwnPropertyDescriptor(window, 'localStorage'); \
        Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); } });");
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-blocked")).unwrap();
    js("Object.defineProperty(window, 'localStorage', window.__ls);");
    assert!(notice(&root).starts_with("Not saved on this device"), "{}", notice(&root));
    open_first_scenario(&root).await;
    let input: HtmlInputElement = query(&root, ".cc-item input").dyn_into().unwrap();
    input.click();
    leptos::task::tick().await;
    assert!(input.checked(), "the app keeps working in memory");
}

#[wasm_bindgen_test]
async fn a_full_storage_says_so_and_keeps_the_last_good_state() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = "crisis-comms:component-full:state";
    storage.remove_item(key).unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-full")).unwrap();
    open_first_scenario(&root).await;
    let boxes = root.query_selector_all(".cc-item input[type=checkbox]").unwrap();
    let first: HtmlInputElement = boxes.get(0).unwrap().dyn_into().unwrap();
    first.click();
    leptos::task::tick().await;
    let good = storage.get_item(key).unwrap().expect("first change saved");

    js("window.__setItem = Storage.prototype.setItem; Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };");
    let second: HtmlInputElement = boxes.get(1).unwrap().dyn_into().unwrap();
    second.click();
    leptos::task::tick().await;
    js("Storage.prototype.setItem = window.__setItem;");
    assert!(notice(&root).contains("the browser's storage for this page is full"), "{}", notice(&root));
    assert_eq!(storage.get_item(key).unwrap().as_deref(), Some(good.as_str()), "the last good state stays");
}

#[wasm_bindgen_test]
async fn damaged_data_is_kept_aside_and_reported_never_silently_reset() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = "crisis-comms:component-damaged:state";
    storage.set_item(key, "{\"format\":\"crisis-comms\",\"version\":2,\"data\":{\"records\":7}}").unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-damaged")).unwrap();
    assert!(
        notice(&root).starts_with("The progress saved on this device could not be read"),
        "{}",
        notice(&root)
    );
    assert!(query(&root, ".cc-notice button").text_content().unwrap().contains("Download the damaged copy"));
    let mut kept = None;
    for i in 0..storage.length().unwrap() {
        let k = storage.key(i).unwrap().unwrap();
        if k.starts_with("crisis-comms:component-damaged:damaged-") {
            kept = storage.get_item(&k).unwrap();
        }
    }
    assert_eq!(kept.as_deref(), Some("{\"format\":\"crisis-comms\",\"version\":2,\"data\":{\"records\":7}}"));
}

#[wasm_bindgen_test]
async fn data_from_a_newer_version_is_opened_read_only_and_never_overwritten() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = "crisis-comms:component-newer:state";
    let newer = "{\"format\":\"crisis-comms\",\"version\":99,\"data\":{}}";
    storage.set_item(key, newer).unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-newer")).unwrap();
    assert!(notice(&root).contains("newer version of crisis-comms"), "{}", notice(&root));
    open_first_scenario(&root).await;
    query(&root, ".cc-item input").click();
    leptos::task::tick().await;
    assert_eq!(storage.get_item(key).unwrap().as_deref(), Some(newer));
}

#[wasm_bindgen_test]
async fn a_tick_is_not_written_once_another_widget_chose_session_only_for_the_device() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let (key, flag) = ("crisis-comms:component-flag:state", "crisis-comms:component-flag:session-only");
    storage.remove_item(key).unwrap();
    storage.remove_item(flag).unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-flag")).unwrap();
    open_first_scenario(&root).await;
    // Another widget of the same namespace on this page chose session-only: no storage event
    // reaches this one, so saving must notice the choice itself.
    storage.set_item(flag, "on").unwrap();
    let input: HtmlInputElement = query(&root, ".cc-item input").dyn_into().unwrap();
    input.click();
    leptos::task::tick().await;
    assert!(input.checked(), "the tick still shows in this tab");
    assert_eq!(storage.get_item(key).unwrap(), None, "nothing was written");
    assert!(notice(&root).starts_with("Session only"), "{}", notice(&root));
    storage.remove_item(flag).unwrap();
}

#[wasm_bindgen_test]
async fn content_written_while_the_device_keeps_nothing_is_shown_then_removed() {
    use crisis_comms::model::saved::{encode, Saved};
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let (key, flag) = ("crisis-comms:component-late:state", "crisis-comms:component-late:session-only");
    let library = Library::built_in();
    let mut saved = Saved::default();
    saved.start_record(&library.scenarios()[0], "Written late", 1.0);
    storage.set_item(key, &encode(&saved)).unwrap();
    storage.set_item(flag, "on").unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-late")).unwrap();
    assert!(notice(&root).starts_with("Session only"), "{}", notice(&root));
    assert_eq!(storage.get_item(key).unwrap(), None, "removed from the device");
    query(&root, ".cc-topnav a[href='#/records']").click();
    leptos::task::tick().await;
    assert_eq!(root.query_selector_all(".cc-record").unwrap().length(), 1, "still shown in this tab");
    storage.remove_item(flag).unwrap();
}

#[wasm_bindgen_test]
async fn session_only_asked_by_the_embedding_page_cannot_be_turned_off_in_it() {
    let o = options("component-forced");
    js_sys::Reflect::set(&o, &"sessionOnly".into(), &true.into()).unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), o).unwrap();
    assert!(notice(&root).starts_with("Session only"), "{}", notice(&root));
    query(&root, ".cc-topnav a[href='#/records']").click();
    leptos::task::tick().await;
    let device = query(&root, ".cc-session-only");
    assert_eq!(
        device.text_content().unwrap(),
        "Session only is on: this page asks that nothing be kept on this device."
    );
    assert!(device.query_selector("button").unwrap().is_none(), "no way to turn it off here");
}

/// Known-answer test of the passphrase lock's parameters: PBKDF2-SHA-256 with 600,000
/// iterations into an AES-GCM-256 key, then AES-GCM with a 12-byte nonce and the envelope's
/// additional data. The expected bytes were computed apart from the app, with Python's
/// `hashlib.pbkdf2_hmac("sha256", passphrase, salt, 600000, 32)` and the `cryptography`
/// package's `AESGCM(key).encrypt(nonce, plaintext, aad)` (the key also checked with
/// `openssl kdf -keylen 32 -kdfopt digest:SHA256 … -kdfopt iter:600000 PBKDF2`, which gives
/// ef177144…d8c1e6).
#[wasm_bindgen_test]
async fn the_lock_derives_and_encrypts_as_the_known_answer_says() {
    use crisis_comms::store::lock;
    let salt: Vec<u8> = (0u8..16).collect();
    let nonce: Vec<u8> = (0xa0u8..0xac).collect();
    let key = lock::derive("correct horse battery staple", &salt, 600_000).await.unwrap();
    let salt64 = lock::to_base64(&salt).unwrap();
    assert_eq!(salt64, "AAECAwQFBgcICQoLDA0ODw==");
    let aad = lock::additional_data(None, &salt64, 600_000);
    let plaintext = br#"{"format":"crisis-comms","version":3,"data":{}}"#;
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let sealed = lock::encrypt_raw(&key, &nonce, &aad, plaintext).await.unwrap();
    assert_eq!(
        hex(&sealed),
        "d04cd5ef0958a49c151030d176fc7eda8b738c5a9471fa9777f0538c4c4548903ce3aa1d9f63409e3a9a2e9ba90b58\
         1e08c5940d651a16899c658e9082634c"
    );
    // A backup's clear label is bound too: the same text under "TLP:RED" has another tag.
    let red_aad = lock::additional_data(Some("TLP:RED"), &salt64, 600_000);
    let red = lock::encrypt_raw(&key, &nonce, &red_aad, plaintext).await.unwrap();
    assert_eq!(
        hex(&red),
        "d04cd5ef0958a49c151030d176fc7eda8b738c5a9471fa9777f0538c4c4548903ce3aa1d9f63409e3a9a2e9ba90b58\
         ec692f5825ee7d65ff618a7c0d379d19"
    );
}

/// An envelope opens with its own passphrase only; a changed byte, a changed clear label or
/// another lock's key is refused.
#[wasm_bindgen_test]
async fn a_sealed_envelope_opens_with_its_passphrase_alone() {
    use crisis_comms::store::lock::{self, LockError};
    let key = lock::new_key("a long enough passphrase").await.unwrap();
    let text = lock::seal(&key, "the secret state", Some("TLP:AMBER")).await.unwrap();
    assert!(lock::is_sealed(&text));
    assert!(!text.contains("secret"), "{text}");
    let envelope: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(envelope["kdf"]["iterations"], 600_000);
    assert_eq!(envelope["label"], "TLP:AMBER");
    assert_eq!(lock::open(&key, &text).await.unwrap(), "the secret state");
    let again = lock::key_for("a long enough passphrase", &text).await.unwrap();
    assert_eq!(lock::open(&again, &text).await.unwrap(), "the secret state");
    let wrong = lock::key_for("another passphrase entirely", &text).await.unwrap();
    assert_eq!(lock::open(&wrong, &text).await, Err(LockError::Refused));
    let relabelled = text.replace("TLP:AMBER", "TLP:CLEAR");
    assert_eq!(lock::open(&key, &relabelled).await, Err(LockError::Refused));
    let mut altered = envelope.clone();
    let ct = lock::from_base64(envelope["ciphertext"].as_str().unwrap()).unwrap();
    let mut flipped = ct.clone();
    flipped[0] ^= 1;
    altered["ciphertext"] = lock::to_base64(&flipped).unwrap().into();
    assert_eq!(lock::open(&key, &altered.to_string()).await, Err(LockError::Refused));
    let other = lock::new_key("a long enough passphrase").await.unwrap();
    assert_eq!(lock::open(&other, &text).await, Err(LockError::OtherLock));
    let mut greedy = envelope.clone();
    greedy["kdf"]["iterations"] = 4_000_000_000u32.into();
    assert!(matches!(lock::check(&greedy.to_string()), Err(LockError::Damaged(_))));
}

/// A damaged encrypted envelope is kept aside and reported as damaged plain data is; a sound
/// one shows only the unlock prompt.
#[wasm_bindgen_test]
async fn a_damaged_encrypted_envelope_is_kept_aside_and_a_sound_one_asks_for_the_passphrase() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let damaged = "{\"format\":\"crisis-comms-encrypted\",\"version\":1,\"kdf\":{\"name\":\"PBKDF2\"}}";
    storage.set_item("crisis-comms:component-sealed-damaged:state", damaged).unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-sealed-damaged")).unwrap();
    assert!(notice(&root).contains("the encrypted data is damaged"), "{}", notice(&root));
    assert!(root.query_selector(".cc-unlock").unwrap().is_none());
    let mut kept = None;
    for i in 0..storage.length().unwrap() {
        let k = storage.key(i).unwrap().unwrap();
        if k.starts_with("crisis-comms:component-sealed-damaged:damaged-") {
            kept = storage.get_item(&k).unwrap();
        }
    }
    assert_eq!(kept.as_deref(), Some(damaged));

    let key = crisis_comms::store::lock::new_key("a long enough passphrase").await.unwrap();
    let sealed = crisis_comms::store::lock::seal(&key, "{}", None).await.unwrap();
    storage.set_item("crisis-comms:component-sealed:state", &sealed).unwrap();
    let root = container();
    let _app = crisis_comms::mount(root.clone(), options("component-sealed")).unwrap();
    leptos::task::tick().await;
    assert_eq!(query(&root, ".cc-main h1").text_content().unwrap(), "Locked");
    assert!(root.query_selector(".cc-scenario-card").unwrap().is_none(), "nothing but the prompt");
    assert_eq!(
        storage.get_item("crisis-comms:component-sealed:state").unwrap().as_deref(),
        Some(sealed.as_str())
    );
}

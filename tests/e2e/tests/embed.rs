//! Embedding on the release build: the example host page with two instances in different
//! namespaces, a custom checklist, an invalid one, the shadow option against a hostile host
//! stylesheet, host styles untouched, unmount leaving nothing, and the iframe way.

use e2e::{browser, console_errors, find, js};
use fantoccini::{Client, Locator};
use serde_json::json;

async fn open_example(c: &Client) {
    c.goto(&format!("{}examples/embed.html", e2e::base_url())).await.unwrap();
    c.wait()
        .for_element(Locator::Css("#project-checklists [data-app-ready='true']"))
        .await
        .expect("the first widget mounts");
}

/// Computed styles of the host page's own elements.
const HOST_STYLES: &str = "return ['body', '.host-header h1', '.host-intro', 'main h2'].map(s => { \
    const c = getComputedStyle(document.querySelector(s)); \
    return [c.fontFamily, c.fontSize, c.color, c.backgroundColor, c.margin, c.fontStyle].join('|'); })";

/// Computed styles of elements inside the shadow-root widget.
const SHADOW_STYLES: &str = "const r = document.getElementById('label-framework').shadowRoot; \
    const c = getComputedStyle(r.querySelector('.cc-question input')); \
    const h = getComputedStyle(r.querySelector('h1')); \
    return [c.display, c.width, h.fontSize, h.color].join('|')";

#[tokio::test]
async fn the_example_page_runs_two_independent_widgets_with_a_custom_checklist() {
    let c = browser().await;
    open_example(&c).await;

    // The custom checklist is offered beside the two chosen built-in ones, and works.
    let cards = c.find_all(Locator::Css("#project-checklists .cc-scenario-card h2")).await.unwrap();
    let mut titles = Vec::new();
    for card in &cards {
        titles.push(card.text().await.unwrap());
    }
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles.contains(&"Our release freeze after a security report".to_owned()), "{titles:?}");
    find(&c, "#project-checklists .cc-scenario-card:nth-child(3) a").await.click().await.unwrap();
    find(&c, "#project-checklists [data-item='tell-packagers'] label").await.click().await.unwrap();
    find(&c, "#project-checklists [data-item='tell-packagers'].cc-done").await;

    // The two widgets keep their data apart.
    let keys =
        js(&c, "return Object.keys(localStorage).filter(k => k.startsWith('crisis-comms:')).sort()", vec![])
            .await;
    assert_eq!(keys, json!(["crisis-comms:example-project:state"]));
    let saved = js(&c, "return localStorage.getItem('crisis-comms:example-project:state')", vec![]).await;
    assert!(saved.as_str().unwrap().contains("tell-packagers"));

    // The second widget lives in a shadow root, with the dark theme.
    let in_shadow = js(
        &c,
        "const r = document.getElementById('label-framework').shadowRoot; \
         return r && r.querySelector('[data-app-ready=true]') ? r.querySelector('h1').textContent : null",
        vec![],
    )
    .await;
    assert_eq!(in_shadow, json!("Choose a label"));
    let errors = console_errors(&c).await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    c.close().await.unwrap();
}

#[tokio::test]
async fn styles_do_not_cross_the_boundary_either_way() {
    let c = browser().await;
    open_example(&c).await;
    // Our stylesheet changes nothing on the host's own elements.
    let with_ours = js(&c, HOST_STYLES, vec![]).await;
    js(
        &c,
        "for (const l of document.querySelectorAll('link[href*=\"crisis-comms.css\"]')) l.disabled = true; return 0",
        vec![],
    )
    .await;
    let without_ours = js(&c, HOST_STYLES, vec![]).await;
    assert_eq!(with_ours, without_ours);

    // A hostile host stylesheet cannot reach the widget in the shadow root.
    let before = js(&c, SHADOW_STYLES, vec![]).await;
    js(
        &c,
        "const s = document.styleSheets[0]; \
         s.insertRule('* { all: unset !important; }', s.cssRules.length); \
         s.insertRule('input { display: none !important; }', s.cssRules.length); \
         s.insertRule('h1 { font-size: 80px !important; color: red !important; }', s.cssRules.length); \
         s.insertRule('html { font-size: 40px !important; }', s.cssRules.length); return 0",
        vec![],
    )
    .await;
    let after = js(&c, SHADOW_STYLES, vec![]).await;
    assert_eq!(before, after, "the shadow-root widget kept its look");
    c.close().await.unwrap();
}

#[tokio::test]
async fn unmount_removes_every_node_and_an_invalid_checklist_shows_its_error() {
    let c = browser().await;
    open_example(&c).await;
    let left = js(
        &c,
        "window.crisisComms.forEach(h => h.unmount()); \
         return [document.getElementById('project-checklists').childNodes.length, \
                 document.getElementById('label-framework').shadowRoot.childNodes.length]",
        vec![],
    )
    .await;
    assert_eq!(left, json!([0, 0]));

    // Mount again with a broken extra checklist: its error shows inside the widget, the rest works.
    // (A test's script imports the module and initialises it: in Chromium that is the page's
    // module, already initialised; in Firefox a script run through WebDriver has its own realm,
    // so its own copy of the module, which it initialises there.)
    let message = c
        .execute_async(
            "import('../embed/crisis-comms.js').then(async m => { await m.default(); \
               const el = document.getElementById('project-checklists'); \
               m.mount(el, { namespace: 'broken', checklists: ['+++\\nid = \"x\"\\ntitle = \"X\"\\nsummary = \"s\"\\nversion = 1\\nlabel = \"TLP:WHITE\"\\n+++\\n'] }); \
               arguments[0](el.querySelector('.cc-error').textContent + ' / ' + el.querySelectorAll('.cc-scenario-card').length); })",
            vec![],
        )
        .await
        .unwrap();
    let message = message.as_str().unwrap().to_owned();
    assert!(
        message.starts_with(
            "extra checklist 1, line 6: `TLP:WHITE` is a TLP 1.0 label; TLP 2.0 calls it TLP:CLEAR / "
        ),
        "{message}"
    );
    assert!(!message.ends_with(" / 0"), "the built-in checklists still load: {message}");

    // A wrong option is an error message, not a crash.
    let refused = c
        .execute_async(
            "import('../embed/crisis-comms.js').then(async m => { await m.default(); \
               try { m.mount(document.body.appendChild(document.createElement('div')), { theme: 'pink' }); arguments[0]('mounted'); } \
               catch (e) { arguments[0](e.message); } })",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(refused, json!("crisis-comms: invalid options: theme `pink` must be system, light or dark"));
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_widget_showing_a_checklist_takes_neither_focus_nor_the_scroll_position_of_its_host() {
    let c = browser().await;
    open_example(&c).await;
    // A widget far down a long host page, opening on one checklist.
    let after = c
        .execute_async(
            "import('../embed/crisis-comms.js').then(async m => { await m.default(); \
               const spacer = document.body.appendChild(document.createElement('div')); \
               spacer.style.height = '5000px'; \
               const el = document.body.appendChild(document.createElement('div')); \
               window.scrollTo(0, 0); \
               m.mount(el, { namespace: 'far-down', view: 'scenario:account-compromise' }); \
               setTimeout(() => arguments[0]([el.querySelectorAll('.cc-item').length > 0, \
                 window.scrollY, el.contains(document.activeElement)]), 300); })",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(after, json!([true, 0, false]), "mounted, the host page not scrolled, focus not taken");
    c.close().await.unwrap();
}

#[tokio::test]
async fn the_iframe_way_takes_its_options_from_the_fragment() {
    let c = browser().await;
    open_example(&c).await;
    let frame = find(&c, "#framed").await;
    frame.enter_frame().await.unwrap();
    c.wait().for_element(Locator::Css("[data-app-ready='true']")).await.unwrap();
    assert_eq!(find(&c, "h1").await.text().await.unwrap(), "Records on this device");
    c.close().await.unwrap();
}

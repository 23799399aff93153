//! The benchmark's framework floor: the app's start-up checklist rendered with Leptos as
//! headings and labelled checkboxes, each tick saved to `localStorage`, and nothing else: no
//! parser at run time, no catalog, notes, templates or records. Built as the app is, it shows
//! what Leptos itself costs in bytes and start-up time, beside the app and the static page.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

struct Section {
    title: &'static str,
    steps: &'static [Step],
}

struct Step {
    id: &'static str,
    text: &'static str,
    label: &'static str,
}

// `TITLE` and `SECTIONS`, written by build.rs from the checklist's Markdown.
include!(concat!(env!("OUT_DIR"), "/checklist.rs"));

#[wasm_bindgen(start)]
pub fn start() {
    let ticked = RwSignal::new(Vec::<&'static str>::new());
    let save = move |id: &'static str, on: bool| {
        ticked.update(|t| {
            t.retain(|x| *x != id);
            if on {
                t.push(id);
            }
        });
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item("floor", &ticked.with_untracked(|t| t.join(",")));
        }
    };
    leptos::mount::mount_to_body(move || {
        let sections = SECTIONS
            .iter()
            .map(|section| {
                let steps = section
                    .steps
                    .iter()
                    .map(|step| {
                        view! {
                            <li class="cc-item">
                                <input type="checkbox" id=step.id
                                    on:change=move |ev| save(step.id, event_target_checked(&ev)) />
                                <label for=step.id>{step.text}</label>
                                <p class="cc-meta">{step.label}</p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="cc-section">
                        <h2>{section.title}</h2>
                        <ul class="cc-items">{steps}</ul>
                    </section>
                }
            })
            .collect_view();
        view! {
            <div class="crisis-comms" data-app-ready="true">
                <main class="cc-main">
                    <article class="cc-page cc-scenario">
                        <h1>{TITLE}</h1>
                        {sections}
                    </article>
                </main>
            </div>
        }
    });
    if let Some(performance) = window().performance() {
        let _ = performance.mark("crisis-comms-ready");
    }
}

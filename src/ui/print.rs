//! A checklist record as a printable document: the TLP label in the header and the footer of
//! every page (a table header and footer, which browsers repeat on every printed page and
//! which take their own space, so the label never covers content), every item with its
//! state, audience, label and note, and the messages used.
//! The blank version has boxes to tick and lines to write on.

use std::sync::Arc;

use leptos::prelude::*;

use crate::model::audience::titles;
use crate::model::checklist::{ItemKind, Scenario};
use crate::model::export::{decision_subject, CopyLabel};
use crate::model::progress::{Progress, Status};
use crate::model::template::{compose, is_used};
use crate::model::tlp::Tlp;
use crate::ui::link::RouteLink;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::time::local_time;
use crate::ui::timeline::{limit_options, PrintedLog};

/// The print preview of a scenario's current record, or of a blank copy.
#[component]
pub fn PrintPage(
    scenario: Arc<Scenario>,
    blank: bool,
    /// The communications log alone, up to this label, instead of the whole record.
    log: Option<Tlp>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // The whole record, or its communications log up to a label.
    let log_only = RwSignal::new(log);
    let what_id = state.dom_id("print-what");
    let (record_name, progress, copy) =
        state.saved.with_untracked(|s| match (blank, s.current_record(&scenario.id)) {
            (false, Some(r)) => (r.name.clone(), r.progress.clone(), CopyLabel::of(&scenario, r)),
            _ => {
                (String::new(), Progress::default(), CopyLabel { label: scenario.label, own: scenario.label })
            }
        });
    let label = copy.label;
    let printed = local_time(js_sys::Date::now());
    let back = Route::Scenario(scenario.id.clone());
    let (log_name, own) = (record_name.clone(), copy.own);
    let log_choice = (!blank).then(|| {
        view! {
            <label for=what_id.clone()>" What to print: "</label>
            <select id=what_id class="cc-print-what" on:change=move |ev| {
                log_only.set(event_target_value(&ev).parse().ok())
            }>
                <option value="record" selected=log.is_none()>"The whole record"</option>
                <optgroup label="The communications log">{limit_options(log)}</optgroup>
            </select>
        }
    });
    let (sc, log) = (scenario.clone(), progress.timeline.clone());
    let printed_log = move || {
        log_only.get().map(|limit| {
            view! { <PrintedLog scenario=sc.clone() name=log_name.clone() own log=log.clone() limit /> }
        })
    };
    let title = if blank {
        format!("{} (blank)", scenario.title)
    } else if record_name.is_empty() {
        scenario.title.clone()
    } else {
        record_name
    };
    let sections = scenario
        .sections
        .iter()
        .map(|section| {
            let t = progress.tally_section(section);
            let count = (!blank).then(|| format!(" ({} of {} done or not applicable)", t.settled(), t.total));
            let items = section
                .items
                .iter()
                .map(|item| {
                    let state = progress.items.get(&item.id);
                    let status = progress.status(&item.id);
                    let (mark, words) = match (blank, item.kind, status) {
                        (true, _, _) => ("☐", String::new()),
                        (false, ItemKind::Question, _) => match state.and_then(|s| s.answer) {
                            Some(a) => ("■", a.title().to_owned()),
                            None => ("☐", "Unanswered".to_owned()),
                        },
                        (false, _, Status::Done) => ("☑", "Done".to_owned()),
                        (false, _, Status::NotApplicable) => ("–", "Not applicable".to_owned()),
                        (false, _, Status::Open) => ("☐", "Open".to_owned()),
                    };
                    let when = match (blank, status, state.and_then(|s| s.changed_at)) {
                        (false, Status::Done, Some(ms)) => format!(", {}", local_time(ms)),
                        _ => String::new(),
                    };
                    let audience = titles(&item.audience);
                    let meta = if item.kind == ItemKind::Question {
                        String::new()
                    } else {
                        format!("For: {audience} · {}", item.label)
                    };
                    let note = progress.note(&item.id).trim().to_owned();
                    view! {
                        <li class="cc-print-item">
                            <p class="cc-print-step">
                                <span class="cc-print-mark" aria-hidden="true">{mark}</span>
                                " " <strong>{item.text.clone()}</strong>
                            </p>
                            <p class="cc-print-meta">
                                {(!words.is_empty()).then(|| format!("{words}{when}"))}
                                {(!words.is_empty() && !meta.is_empty()).then_some(" · ")}
                                {meta}
                            </p>
                            {(!note.is_empty()).then(|| view! { <p class="cc-print-note">{note}</p> })}
                            {blank.then(|| view! { <div class="cc-print-lines" aria-hidden="true"><span></span><span></span></div> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="cc-print-section">
                    <h2>{section.title.clone()}{count}</h2>
                    <ul class="cc-print-items">{items}</ul>
                </section>
            }
        })
        .collect_view();
    let messages = (!blank)
        .then(|| {
            scenario
                .templates
                .iter()
                .filter(|t| is_used(t, &progress.values))
                .map(|t| {
                    let label = progress.template_labels.get(&t.id).copied().unwrap_or(t.label);
                    view! {
                        <section class="cc-print-message">
                            <h3>{t.title.clone()}</h3>
                            <pre>{compose(t, label, &progress.values).message()}</pre>
                        </section>
                    }
                })
                .collect::<Vec<_>>()
        })
        .filter(|m| !m.is_empty())
        .map(|m| view! { <section class="cc-print-section"><h2>"Messages"</h2>{m}</section> });
    let decisions = (!blank && !progress.decisions.is_empty()).then(|| {
        let list = progress
            .decisions
            .iter()
            .map(|d| {
                view! {
                    <li>
                        {format!(
                            "{} for {}, chosen with the label framework on {}:",
                            d.label,
                            decision_subject(&scenario, d),
                            local_time(d.decided_at)
                        )}
                        <ul>{d.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="cc-print-section cc-print-decisions">
                <h2>"Label decisions"</h2>
                <ul>{list}</ul>
            </section>
        }
    });

    view! {
        <div class="cc-page cc-print-page">
            <p class="cc-print-toolbar">
                <button type="button" class="cc-button cc-primary" on:click=move |_| print_now()>"Print"</button>
                " "
                <RouteLink route=back>"Back to the checklist"</RouteLink>
                {log_choice}
                <span class="cc-help">" The label is printed at the top and bottom of every page."</span>
            </p>
            {printed_log}
            <div class="cc-print-record" hidden=move || log_only.with(Option::is_some)>
            <PrintFrame label>
                    <h1>{title}</h1>
                    <p class="cc-print-facts">
                        {format!("Checklist: {} (version {})", scenario.title, scenario.version)}<br />
                        {format!("Label: {label} — {}", label.audience_summary())}<br />
                        {format!("Printed: {printed}")}
                    </p>
                    {copy.why_stricter().map(|why| view! { <p class="cc-print-why-label">{why}</p> })}
                    {sections}
                    {messages}
                    {decisions}
            </PrintFrame>
            </div>
        </div>
    }
}

/// Opens the browser's print dialog for the page.
pub fn print_now() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// A printable document: `children` framed by the label in a table header and footer, which
/// browsers repeat at the top and bottom of every printed page.
#[component]
pub fn PrintFrame(label: Tlp, children: Children) -> impl IntoView {
    let badge = move || {
        view! { <p class="cc-print-label"><span class=format!("cc-tlp cc-tlp-{}", label.slug())>{label.as_str()}</span></p> }
    };
    view! {
        <table class="cc-print-doc">
            <thead><tr><td>{badge()}</td></tr></thead>
            <tfoot><tr><td>{badge()}</td></tr></tfoot>
            <tbody><tr><td>{children()}</td></tr></tbody>
        </table>
    }
}

//! Choosing a label: the framework's questions one at a time, then the result with its
//! reasons, how to mark the message, a channel check, and where to apply the label.

use leptos::prelude::*;

use crate::model::checklist::ScenarioKind;
use crate::model::decide::{decide, marking, Answers, Decision, Need, Person, Public, Reason, TipOff};
use crate::model::progress::KeptDecision;
use crate::model::tlp::Tlp;
use crate::ui::app::AppState;
use crate::ui::choice::Choice;
use crate::ui::clipboard::copy_text;
use crate::ui::labels::ChannelCheck;
use crate::ui::tlp_badge::TlpBadge;

/// One question: its wording, a help line, and its options as (key, words).
struct Question {
    title: &'static str,
    help: &'static str,
    options: &'static [(&'static str, &'static str)],
}

const QUESTIONS: [Question; 5] = [
    Question {
        title: "Is this information already public?",
        help: "Public means anyone can already find it: a public issue, an open chat, a social media post, a news article.",
        options: &[("yes", "Yes, it is already public"), ("no", "No"), ("not-sure", "I am not sure")],
    },
    Question {
        title: "Could it identify a person who could be harmed?",
        help: "For example the person who reported, a target, a witness, or someone accused before any decision.",
        options: &[
            ("no-one", "No"),
            ("agreed", "Yes, and they agreed to it being shared this widely"),
            ("not-agreed", "Yes, and they have not agreed (or were not asked)"),
        ],
    },
    Question {
        title: "Could sharing it tip off someone who is still acting against the project?",
        help: "For example an attacker who still has access, or someone still impersonating a maintainer.",
        options: &[("yes", "Yes"), ("no", "No"), ("not-sure", "I am not sure")],
    },
    Question {
        title: "Who needs to know, at the widest?",
        help: "Pick the widest group that needs it to do their part or to protect themselves.",
        options: &[
            ("handlers", "Only the few people handling this right now"),
            ("governance", "The project's governance: core team, steering council, moderators or security team"),
            (
                "must-act",
                "Also people outside who must act to protect themselves: packagers, affected contributors, the platform",
            ),
            ("closed-group", "A closed group with known members, such as the private maintainers list"),
            ("everyone", "Everyone"),
        ],
    },
    Question {
        title: "Did the source already put a label on it?",
        help: "If you received it with a label, you may not loosen that label without the source's permission.",
        options: &[
            ("none", "No label, or I am the source"),
            ("TLP:RED", "TLP:RED"),
            ("TLP:AMBER+STRICT", "TLP:AMBER+STRICT"),
            ("TLP:AMBER", "TLP:AMBER"),
            ("TLP:GREEN", "TLP:GREEN"),
            ("TLP:CLEAR", "TLP:CLEAR"),
        ],
    },
];

/// Turns the chosen option keys into answers, once all are given.
fn answers(keys: &[Option<&'static str>; 5]) -> Option<Answers> {
    let public = match keys[0]? {
        "yes" => Public::Yes,
        "no" => Public::No,
        _ => Public::NotSure,
    };
    let person = match keys[1]? {
        "agreed" => Person::Agreed,
        "not-agreed" => Person::NotAgreed,
        _ => Person::NoOne,
    };
    let tip_off = match keys[2]? {
        "yes" => TipOff::Yes,
        "no" => TipOff::No,
        _ => TipOff::NotSure,
    };
    let need = match keys[3]? {
        "handlers" => Need::Handlers,
        "governance" => Need::Governance,
        "must-act" => Need::MustAct,
        "closed-group" => Need::ClosedGroup,
        _ => Need::Everyone,
    };
    let source = keys[4]?.parse::<Tlp>().ok();
    Some(Answers { public, person, tip_off, need, source })
}

/// The framework, one question at a time.
#[component]
pub fn DecidePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let chosen = RwSignal::new([None::<&'static str>; 5]);
    let step = RwSignal::new(0usize);
    let heading = NodeRef::<leptos::html::H2>::new();
    let result_heading = NodeRef::<leptos::html::H2>::new();
    // Focus follows the question, then the result, so keyboard and screen reader users land on
    // it (once it is in place).
    Effect::new(move |first: Option<()>| {
        let at_result = step.get() >= QUESTIONS.len();
        if first.is_some() {
            request_animation_frame(move || {
                let h = if at_result { result_heading.get_untracked() } else { heading.get_untracked() };
                if let Some(h) = h {
                    let _ = h.focus();
                }
            });
        }
    });

    let question = move || {
        let n = step.get();
        if n >= QUESTIONS.len() {
            return None;
        }
        let q = &QUESTIONS[n];
        let name = state.dom_id(&format!("q{n}"));
        let options = q
            .options
            .iter()
            .map(|&(key, words)| {
                view! {
                    <div class="cc-option">
                        <Choice
                            name=name.clone()
                            value=key
                            label=words
                            checked=Signal::derive(move || chosen.get()[n] == Some(key))
                            on_choose=move || chosen.update(|c| c[n] = Some(key))
                        />
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <fieldset class="cc-question" data-question=n>
                <legend>
                    <span class="cc-step">{format!("Question {} of {}", n + 1, QUESTIONS.len())}</span>
                    <h2 node_ref=heading tabindex="-1">{q.title}</h2>
                </legend>
                <p class="cc-help">{q.help}</p>
                {options}
            </fieldset>
        })
    };

    let decision = Memo::new(move |_| answers(&chosen.get()).map(decide));
    let can_go_on = move || step.get() < QUESTIONS.len() && chosen.get()[step.get()].is_some();

    view! {
        <div class="cc-page cc-decide">
            <h1>"Choose a label"</h1>
            <p class="cc-lead">
                "Five short questions lead to a Traffic Light Protocol label: how widely a message may travel, "
                "and to whom. Use it before you send, post or forward anything sensitive."
            </p>
            <form class="cc-wizard" on:submit=move |ev| { ev.prevent_default(); if can_go_on() { step.update(|s| *s += 1) } }>
                {question}
                <p class="cc-nav-buttons">
                    <button type="button" class="cc-button" disabled=move || step.get() == 0 on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>
                        "Back"
                    </button>
                    " "
                    {move || (step.get() < QUESTIONS.len()).then(|| view! {
                        <button type="submit" class="cc-button cc-primary" disabled=move || !can_go_on()>
                            {if step.get() + 1 == QUESTIONS.len() { "See the label" } else { "Next" }}
                        </button>
                    })}
                    {move || (step.get() >= QUESTIONS.len()).then(|| view! {
                        <button type="button" class="cc-button" on:click=move |_| { chosen.set([None; 5]); step.set(0); }>
                            "Start again"
                        </button>
                    })}
                </p>
            </form>
            {move || (step.get() >= QUESTIONS.len()).then(|| decision.get().map(|d| view! { <DecisionView decision=d heading=result_heading /> }))}
        </div>
    }
}

/// The result of the framework.
#[component]
fn DecisionView(decision: Decision, heading: NodeRef<leptos::html::H2>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let title_id = state.dom_id("result-title");
    let label = decision.label;
    let copied = RwSignal::new(String::new());
    let copy = move |_| {
        copy_text(
            label.as_str().to_owned(),
            copied,
            format!("Copied {label}."),
            "Could not copy; the label is shown above.",
        )
    };
    let reasons = decision
        .reasons
        .iter()
        .map(|r| {
            view! {
                <li class:cc-decisive=r.decisive>
                    {r.text.clone()}
                    {r.decisive.then(|| view! { " " <strong class="cc-decides">"(this sets the label)"</strong> })}
                </li>
            }
        })
        .collect_view();
    let warnings =
        decision.warnings.iter().map(|w| view! { <p class="cc-warning">{w.clone()}</p> }).collect_view();
    let changes = (!decision.would_change.is_empty()).then(|| {
        view! {
            <h3>"What would change the answer"</h3>
            <ul>{decision.would_change.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
        }
    });
    view! {
        <section class="cc-result" aria-labelledby=title_id.clone()>
            <h2 id=title_id.clone() tabindex="-1" node_ref=heading>"Use " <TlpBadge tlp=label /></h2>
            <p class="cc-lead"><strong>"Who may receive it: "</strong>{label.audience_summary()}</p>
            <p>
                <button type="button" class="cc-button" on:click=copy>"Copy the label"</button>
                " " <span role="status">{move || copied.get()}</span>
            </p>
            <h3>"Why"</h3>
            <ul class="cc-reasons">{reasons}</ul>
            {warnings}
            <h3>"How to mark it"</h3>
            <ul>{marking(label).into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            {changes}
            <ChannelCheck label=label />
            <ApplyLabel label=label reasons=decision.reasons.iter().map(reason_line).collect() />
        </section>
    }
}

/// A reason as kept with a record: its text, and whether it set the label.
fn reason_line(r: &Reason) -> String {
    if r.decisive {
        format!("{} (this sets the label)", r.text)
    } else {
        r.text.clone()
    }
}

/// Puts the chosen label on a checklist record or one of its templates, and keeps the
/// decision with the record.
#[component]
fn ApplyLabel(label: Tlp, reasons: Vec<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let select_id = state.dom_id("apply-target");
    let target = RwSignal::new(String::new());
    let done = RwSignal::new(String::new());
    let options = state.library.with_value(|l| {
        l.scenarios()
            .into_iter()
            .filter(|s| s.kind == ScenarioKind::Checklist)
            .flat_map(|s| {
                let record = (format!("record:{}", s.id), format!("Record: {}", s.title));
                let templates = s.templates.iter().map(|t| {
                    (format!("template:{}:{}", s.id, t.id), format!("Template: {} — {}", s.title, t.title))
                });
                std::iter::once(record).chain(templates).collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    });
    let apply = move |_| {
        let value = target.get_untracked();
        let mut parts = value.splitn(3, ':');
        let kept = |template: Option<&str>| KeptDecision {
            template: template.map(str::to_owned),
            label,
            reasons: reasons.clone(),
            decided_at: js_sys::Date::now(),
        };
        match (parts.next(), parts.next(), parts.next()) {
            (Some("record"), Some(scenario), None) => {
                state.update_progress(scenario, |p| {
                    p.label = Some(label);
                    p.decisions.push(kept(None));
                });
                done.set(format!("The record now carries {label}; the reasons are kept with it."));
            }
            (Some("template"), Some(scenario), Some(template)) => {
                state.update_progress(scenario, |p| {
                    p.template_labels.insert(template.to_owned(), label);
                    p.decisions.push(kept(Some(template)));
                });
                let written_for = state.library.with_value(|l| {
                    l.get(scenario)
                        .and_then(|s| s.templates.iter().find(|t| t.id == template).map(|t| t.label))
                });
                let mut said =
                    format!("The template now carries {label}; the reasons are kept with the record.");
                // Its words were written for its own label: a looser one needs a second reading.
                if let Some(own) = written_for.filter(|own| label > *own) {
                    said.push_str(&format!(
                        " Careful: this message was written to be shared as {own}. Read it again and change \
                         anything that should not go beyond {own} before you send it as {label}."
                    ));
                }
                done.set(said);
            }
            _ => done.set("Choose a record or a template first.".into()),
        }
    };
    view! {
        <h3>"Use this label"</h3>
        <p>
            <label for=select_id.clone()>"Put it on a checklist record or a message template: "</label>
            <select id=select_id on:change=move |ev| target.set(event_target_value(&ev))>
                <option value="">"Choose…"</option>
                {options.into_iter().map(|(value, words)| view! { <option value=value>{words}</option> }).collect_view()}
            </select>
            " "
            <button type="button" class="cc-button" on:click=apply>"Apply"</button>
            " " <span role="status">{move || done.get()}</span>
        </p>
    }
}

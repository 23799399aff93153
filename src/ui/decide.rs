//! Choosing a label: the framework's questions one at a time, then the result with its
//! reasons, how to mark the message, when to review it, a check of who can read a channel,
//! and where to apply the label.

use leptos::prelude::*;

use crate::model::checklist::ScenarioKind;
use crate::model::decide::{
    check_reach, decide, marking, Answers, Archive, AtRisk, Bridge, ChannelFacts, Consent, Day, Decision,
    Embargo, Inside, Need, Public, Readers, RunBy, TipOff,
};
use crate::model::progress::KeptDecision;
use crate::model::tlp::Tlp;
use crate::ui::choice::Choice;
use crate::ui::clipboard::copy_text;
use crate::ui::print::PrintFrame;
use crate::ui::state::AppState;
use crate::ui::tlp_badge::TlpBadge;

/// One question: its wording, a help line, and its options as (key, words).
struct Question {
    title: &'static str,
    help: &'static str,
    options: &'static [(&'static str, &'static str)],
}

/// The position of each question, for the answers that depend on another.
const NEED: usize = 0;
const PERSON: usize = 2;
const EMBARGO: usize = 7;

const QUESTIONS: [Question; 8] = [
    Question {
        title: "Who needs to know, at the widest?",
        help: "Pick the widest group that needs it to do their part, or to protect themselves or others. If you \
               hesitate between two, pick the narrower one: the label can be widened later, never taken back.",
        options: &[
            ("handlers", "Only the few people handling this right now"),
            ("governance", "The project's governance: core team, steering council, moderators or security team"),
            (
                "must-act",
                "Also people outside who must act on it, to protect themselves or others: packagers, a registry, a \
                 platform's security or safety team, affected contributors",
            ),
            (
                "closed-group",
                "A wider closed group with known members, such as the private maintainers list, where no one has to act",
            ),
            ("everyone", "Everyone"),
        ],
    },
    Question {
        title: "How much of what you will share is already public?",
        help: "Public means published on purpose where anyone can read it. Something that can be found only because \
               it leaked is not public.",
        options: &[
            ("published", "All of it: it was published on purpose, and I add nothing that was not"),
            ("partly", "Only part: the fact is known, but some details I will share are not"),
            (
                "leaked",
                "It can be found, but only because it leaked or was posted by mistake: a secret in a public log, a \
                 leaked private message, a posted address",
            ),
            ("no", "None of it"),
            ("not-sure", "I am not sure"),
        ],
    },
    Question {
        title: "Could it identify a person who could be harmed by it? If so, who have they agreed may see it?",
        help: "For example the person who reported, a target, a witness, or someone accused before any decision. \
               Agreeing to one group is not agreeing to everyone.",
        options: &[
            ("no-one", "No one could be identified or harmed"),
            ("not-agreed", "Someone could, and they have not agreed, were not asked, or I am not sure"),
            ("agreed-handlers", "Someone could, and they agreed only to the people handling it"),
            ("agreed-governance", "Someone could, and they agreed to the project's governance, such as the moderators"),
            ("agreed-must-act", "Someone could, and they agreed to those who must act, such as the platform's safety team"),
            ("agreed-closed-group", "Someone could, and they agreed to a closed group with known members"),
            ("agreed-everyone", "Someone could, and they agreed that anyone may see it"),
        ],
    },
    Question {
        title: "Is anyone it is about a child, someone who has died, or someone whose safety is at risk?",
        help: "They cannot agree for themselves, or the harm could be physical. A parent or guardian, or the family, \
               speaks for them.",
        options: &[
            ("no", "No"),
            ("minor", "A child or young person under 18"),
            ("died", "Someone who has died, and so their family"),
            ("safety", "Someone whose physical safety could be at risk"),
            ("not-sure", "I am not sure"),
        ],
    },
    Question {
        title: "Would someone acting against the project, or the person accused, be among those who receive it?",
        help: "Think of everyone in the group or channel it would go to, and of who runs that channel. The person \
               accused may sit on the very team that would handle it.",
        options: &[
            ("no", "No"),
            ("yes", "Yes, or they could be: they are in the group, or they run or can read the channel"),
            ("not-sure", "I am not sure"),
        ],
    },
    Question {
        title: "Could sharing it warn someone still acting against the project before you are ready?",
        help: "For example an attacker who still has access, or someone still impersonating a maintainer.",
        options: &[
            ("yes", "Yes: they could hide, act faster or do more harm if they learned it now"),
            ("not-sure", "I am not sure"),
            ("already-known", "No: they already know what it says"),
            ("warning", "No: warning people about them is the point, and their learning it now does no harm"),
            ("no", "No one is acting against the project"),
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
    Question {
        title: "Did the source set a time limit, such as an embargo until a date?",
        help: "A time limit is not a TLP label, but it binds you as much: for example \"private until the fix is \
               released on 1 December\". If you are the source, did you set one?",
        options: &[
            ("no", "No"),
            ("until-date", "Yes, until a date"),
            ("until-event", "Yes, until something happens, such as a fix being released"),
            ("not-sure", "I am not sure"),
        ],
    },
];

/// The group an option key names, for the audience and the consent questions.
fn group(key: &str) -> Need {
    match key {
        "handlers" => Need::Handlers,
        "governance" => Need::Governance,
        "must-act" => Need::MustAct,
        "closed-group" => Need::ClosedGroup,
        _ => Need::Everyone,
    }
}

/// Turns the chosen option keys (and the embargo's day, when it has one) into answers, once
/// all are given.
fn answers(keys: &[Option<&'static str>; 8], day: &str) -> Option<Answers> {
    let need = group(keys[0]?);
    let public = match keys[1]? {
        "published" => Public::Published,
        "partly" => Public::Partly,
        "leaked" => Public::Leaked,
        "no" => Public::No,
        _ => Public::NotSure,
    };
    let person = match keys[2]? {
        "no-one" => Consent::NoOne,
        "not-agreed" => Consent::NotAgreed,
        agreed => Consent::Agreed(group(agreed.strip_prefix("agreed-")?)),
    };
    let at_risk = match keys[3]? {
        "no" => AtRisk::No,
        "minor" => AtRisk::Minor,
        "died" => AtRisk::Died,
        "safety" => AtRisk::Safety,
        _ => AtRisk::NotSure,
    };
    let inside = match keys[4]? {
        "no" => Inside::No,
        "yes" => Inside::Yes,
        _ => Inside::NotSure,
    };
    let tip_off = match keys[5]? {
        "yes" => TipOff::Yes,
        "no" => TipOff::No,
        "already-known" => TipOff::AlreadyKnown,
        "warning" => TipOff::WarningIsThePurpose,
        _ => TipOff::NotSure,
    };
    let source = keys[6]?.parse::<Tlp>().ok();
    let embargo = match keys[7]? {
        "no" => Embargo::No,
        "until-date" => Embargo::Until(day.parse::<Day>().ok()?),
        "until-event" => Embargo::UntilEvent,
        _ => Embargo::NotSure,
    };
    Some(Answers { need, public, person, at_risk, inside, tip_off, source, embargo })
}

/// The framework, one question at a time.
#[component]
pub fn DecidePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let chosen = RwSignal::new([None::<&'static str>; QUESTIONS.len()]);
    let day = RwSignal::new(String::new());
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
    let day_id = state.dom_id("embargo-day");
    let day_ok = move || day.with(|d| d.parse::<Day>().is_ok());

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
        // Consent is to a group: say which group the first answer named.
        let chosen_group = (n == PERSON)
            .then(|| chosen.get_untracked()[NEED].map(group))
            .flatten()
            .map(|g| view! { <p class="cc-help">{format!("You said {} needs it.", needs_words(g))}</p> });
        let day_input = (n == EMBARGO).then(|| {
            let day_id = day_id.clone();
            view! {
                <p class="cc-embargo-day" hidden=move || chosen.get()[EMBARGO] != Some("until-date")>
                    <label for=day_id.clone()>"The day it ends: "</label>
                    <input
                        type="date"
                        id=day_id
                        prop:value=move || day.get()
                        on:input=move |ev| day.set(event_target_value(&ev))
                    />
                    " "
                    <span role="status">
                        {move || (chosen.get()[EMBARGO] == Some("until-date") && !day.get().is_empty() && !day_ok())
                            .then_some("Write the day as YYYY-MM-DD, for example 2026-12-01.")}
                    </span>
                </p>
            }
        });
        Some(view! {
            <fieldset class="cc-question" data-question=n>
                <legend>
                    <span class="cc-step">{format!("Question {} of {}", n + 1, QUESTIONS.len())}</span>
                    <h2 node_ref=heading tabindex="-1">{q.title}</h2>
                </legend>
                <p class="cc-help">{q.help}</p>
                {chosen_group}
                {options}
                {day_input}
            </fieldset>
        })
    };

    let decision = Memo::new(move |_| answers(&chosen.get(), &day.get()).map(decide));
    let can_go_on = move || {
        let n = step.get();
        n < QUESTIONS.len()
            && match chosen.get()[n] {
                Some("until-date") if n == EMBARGO => day_ok(),
                answer => answer.is_some(),
            }
    };

    // Printed, the page carries the label the framework recommends once it has; the questions
    // alone are public.
    let label = Signal::derive(move || {
        let shown = step.get() >= QUESTIONS.len();
        shown.then(|| decision.get().map(|d| d.label)).flatten().unwrap_or(Tlp::Clear)
    });

    view! {
        <div class="cc-page cc-decide">
          <PrintFrame label labels_in_print_only=true>
            <h1>"Choose a label"</h1>
            <p class="cc-lead">
                {format!("{} short questions lead to a Traffic Light Protocol label: ", QUESTIONS.len())}
                "how widely a message may travel, and to whom. Use it before you send, post or forward anything \
                 sensitive. If you are unsure of an answer, pick \"not sure\": it always counts as the careful one."
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
                        <button type="button" class="cc-button" on:click=move |_| { chosen.set([None; QUESTIONS.len()]); day.set(String::new()); step.set(0); }>
                            "Start again"
                        </button>
                    })}
                </p>
            </form>
            {move || (step.get() >= QUESTIONS.len()).then(|| decision.get().map(|d| view! { <DecisionView decision=d heading=result_heading /> }))}
          </PrintFrame>
        </div>
    }
}

/// The group that needs it, as the subject of "… needs it".
fn needs_words(need: Need) -> &'static str {
    match need {
        Need::Handlers => "only the people handling it",
        Need::Governance => "the project's governance",
        Need::MustAct => "people outside who must act on it",
        Need::ClosedGroup => "a closed group with known members",
        Need::Everyone => "everyone",
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
    let review = (!decision.review.is_empty()).then(|| {
        view! {
            <h3>"When to review it"</h3>
            <ul class="cc-review">{decision.review.iter().map(|r| view! { <li>{r.text.clone()}</li> }).collect_view()}</ul>
        }
    });
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
            <p class="cc-screen-only">
                <button type="button" class="cc-button" on:click=copy>"Copy the label"</button>
                " " <span role="status">{move || copied.get()}</span>
            </p>
            <h3>"Why"</h3>
            <ul class="cc-reasons">{reasons}</ul>
            {warnings}
            {review}
            <h3>"How to mark it"</h3>
            <ul>{marking(label).into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            {changes}
            <ChannelReach label=Signal::stored(label) />
            <ApplyLabel label=label reasons=decision.kept_lines() />
        </section>
    }
}

/// One question about a channel: its class, its words, and its options as (key, words, value).
type ChannelQuestion<T> = (&'static str, &'static str, &'static [(&'static str, &'static str, T)]);

const READERS: ChannelQuestion<Readers> = (
    "cc-reach-readers",
    "Who can join it or read it now?",
    &[
        ("anyone", "Anyone, including anyone who signs up", Readers::Anyone),
        ("members", "Approved members we know", Readers::Members),
        ("governance", "Only the project's governance", Readers::Governance),
        ("named", "Only the named people in this exchange", Readers::Named),
    ],
);
const ARCHIVE: ChannelQuestion<Archive> = (
    "cc-reach-archive",
    "Who can read it later, in its archives or history?",
    &[
        ("none", "No one: nothing is kept", Archive::None),
        ("members", "Only members, including people who join later", Archive::Members),
        ("public", "Anyone: the archives are public or searchable", Archive::Public),
        ("not-sure", "I am not sure", Archive::NotSure),
    ],
);
const BRIDGE: ChannelQuestion<Bridge> = (
    "cc-reach-bridge",
    "Is it copied anywhere else: a bridge to another chat, a mirror, a bot, a mail gateway, a log?",
    &[
        ("no", "No", Bridge::No),
        ("private", "Yes, to another private place", Bridge::Private),
        ("public", "Yes, to somewhere public", Bridge::Public),
        ("not-sure", "I am not sure", Bridge::NotSure),
    ],
);
const RUN_BY: ChannelQuestion<RunBy> = (
    "cc-reach-run-by",
    "Who runs it and can read everything in it?",
    &[
        ("project", "People of the project we trust with this", RunBy::Project),
        ("platform", "A company or platform that hosts it", RunBy::Platform),
        ("involved", "Someone involved: acting against the project, or the person accused", RunBy::Involved),
        ("not-sure", "I am not sure", RunBy::NotSure),
    ],
);

/// One select of the channel check.
fn channel_select<T: Copy + Send + Sync + 'static>(
    id: String,
    question: ChannelQuestion<T>,
    value: RwSignal<Option<T>>,
) -> impl IntoView {
    let (class, words, options) = question;
    view! {
        <p>
            <label for=id.clone()>{words}" "</label>
            <select id=id class=class on:change=move |ev| {
                let key = event_target_value(&ev);
                value.set(options.iter().find(|(k, _, _)| *k == key).map(|(_, _, v)| *v));
            }>
                <option value="">"Choose…"</option>
                {options.iter().map(|(key, words, _)| view! { <option value=*key>{*words}</option> }).collect_view()}
            </select>
        </p>
    }
}

/// Checks whether a channel can carry the label, by who can read it: its members, its
/// archives, where it is copied, and who runs it. The label may change while it is shown (the
/// reference page lets the reader pick it).
#[component]
pub fn ChannelReach(#[prop(into)] label: Signal<Tlp>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let readers = RwSignal::new(None);
    let archive = RwSignal::new(None);
    let bridge = RwSignal::new(None);
    let run_by = RwSignal::new(None);
    let verdict = move || {
        let facts = ChannelFacts {
            readers: readers.get()?,
            archive: archive.get()?,
            bridge: bridge.get()?,
            run_by: run_by.get()?,
        };
        let check = check_reach(facts, label.get());
        Some(view! { <span class:cc-no=!check.fits class:cc-yes=check.fits>{check.why}</span> })
    };
    view! {
        <div class="cc-channel-check cc-channel-reach">
            <h3>"Can this channel carry it?"</h3>
            <p class="cc-help">"A channel is judged by who can read it, not by what kind of channel it is. Answer the four questions for the channel you have in mind."</p>
            {channel_select(state.dom_id("reach-readers"), READERS, readers)}
            {channel_select(state.dom_id("reach-archive"), ARCHIVE, archive)}
            {channel_select(state.dom_id("reach-bridge"), BRIDGE, bridge)}
            {channel_select(state.dom_id("reach-run-by"), RUN_BY, run_by)}
            <p class="cc-channel-verdict" role="status">{verdict}</p>
        </div>
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
      <div class="cc-screen-only">
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
      </div>
    }
}

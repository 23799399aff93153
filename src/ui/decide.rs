//! Choosing a label: the framework's questions one at a time, then the result with its
//! reasons, how to mark the message, when to review it, a check of who can read a channel,
//! and where to apply the label.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::i18n::{t_string, td_string, tu_string, use_i18n, Locale};
use crate::model::checklist::ScenarioKind;
use crate::model::decide::{
    check_reach, decide, Answers, Archive, AtRisk, Bridge, ChannelFacts, Consent, Day, Decision, Embargo,
    Inside, Need, Public, Readers, RunBy, TipOff,
};
use crate::model::progress::KeptDecision;
use crate::model::tlp::Tlp;
use crate::ui::choice::Choice;
use crate::ui::clipboard::copy_text;
use crate::ui::labels::{audience, marking};
use crate::ui::print::PrintFrame;
use crate::ui::reasons;
use crate::ui::state::AppState;
use crate::ui::tlp_badge::TlpBadge;

/// Words in the reader's language.
type Words = fn(Locale) -> &'static str;

/// One question: its wording, a help line, and its options as (key, words).
struct Question {
    title: Words,
    help: Words,
    options: &'static [(&'static str, Words)],
}

/// The position of each question, for the answers that depend on another.
const NEED: usize = 0;
const PERSON: usize = 2;
const EMBARGO: usize = 7;

const QUESTIONS: [Question; 8] = [
    Question {
        title: |l| td_string!(l, decide.need.title),
        help: |l| td_string!(l, decide.need.help),
        options: &[
            ("handlers", |l| td_string!(l, decide.need.handlers)),
            ("governance", |l| td_string!(l, decide.need.governance)),
            ("must-act", |l| td_string!(l, decide.need.must_act)),
            ("closed-group", |l| td_string!(l, decide.need.closed_group)),
            ("everyone", |l| td_string!(l, decide.need.everyone)),
        ],
    },
    Question {
        title: |l| td_string!(l, decide.public.title),
        help: |l| td_string!(l, decide.public.help),
        options: &[
            ("published", |l| td_string!(l, decide.public.published)),
            ("partly", |l| td_string!(l, decide.public.partly)),
            ("leaked", |l| td_string!(l, decide.public.leaked)),
            ("no", |l| td_string!(l, decide.public.no)),
            ("not-sure", |l| td_string!(l, decide.not_sure)),
        ],
    },
    Question {
        title: |l| td_string!(l, decide.person.title),
        help: |l| td_string!(l, decide.person.help),
        options: &[
            ("no-one", |l| td_string!(l, decide.person.no_one)),
            ("not-agreed", |l| td_string!(l, decide.person.not_agreed)),
            ("agreed-handlers", |l| td_string!(l, decide.person.handlers)),
            ("agreed-governance", |l| td_string!(l, decide.person.governance)),
            ("agreed-must-act", |l| td_string!(l, decide.person.must_act)),
            ("agreed-closed-group", |l| td_string!(l, decide.person.closed_group)),
            ("agreed-everyone", |l| td_string!(l, decide.person.everyone)),
        ],
    },
    Question {
        title: |l| td_string!(l, decide.at_risk.title),
        help: |l| td_string!(l, decide.at_risk.help),
        options: &[
            ("no", |l| td_string!(l, decide.no)),
            ("minor", |l| td_string!(l, decide.at_risk.minor)),
            ("died", |l| td_string!(l, decide.at_risk.died)),
            ("safety", |l| td_string!(l, decide.at_risk.safety)),
            ("not-sure", |l| td_string!(l, decide.not_sure)),
        ],
    },
    Question {
        title: |l| td_string!(l, decide.inside.title),
        help: |l| td_string!(l, decide.inside.help),
        options: &[
            ("no", |l| td_string!(l, decide.no)),
            ("yes", |l| td_string!(l, decide.inside.yes)),
            ("not-sure", |l| td_string!(l, decide.not_sure)),
        ],
    },
    Question {
        title: |l| td_string!(l, decide.tip_off.title),
        help: |l| td_string!(l, decide.tip_off.help),
        options: &[
            ("yes", |l| td_string!(l, decide.tip_off.yes)),
            ("not-sure", |l| td_string!(l, decide.not_sure)),
            ("already-known", |l| td_string!(l, decide.tip_off.already_known)),
            ("warning", |l| td_string!(l, decide.tip_off.warning)),
            ("no", |l| td_string!(l, decide.tip_off.no)),
        ],
    },
    // The labels themselves are never translated.
    Question {
        title: |l| td_string!(l, decide.source.title),
        help: |l| td_string!(l, decide.source.help),
        options: &[
            ("none", |l| td_string!(l, decide.source.none)),
            ("TLP:RED", |_| "TLP:RED"),
            ("TLP:AMBER+STRICT", |_| "TLP:AMBER+STRICT"),
            ("TLP:AMBER", |_| "TLP:AMBER"),
            ("TLP:GREEN", |_| "TLP:GREEN"),
            ("TLP:CLEAR", |_| "TLP:CLEAR"),
        ],
    },
    Question {
        title: |l| td_string!(l, decide.embargo.title),
        help: |l| td_string!(l, decide.embargo.help),
        options: &[
            ("no", |l| td_string!(l, decide.no)),
            ("until-date", |l| td_string!(l, decide.embargo.until_date)),
            ("until-event", |l| td_string!(l, decide.embargo.until_event)),
            ("not-sure", |l| td_string!(l, decide.not_sure)),
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
    let i18n = use_i18n();
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
        // The question is drawn again when the language changes; the answers stay.
        let locale = i18n.get_locale();
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
                            label=words(locale)
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
            .map(|g| view! { <p class="cc-help">{td_string!(locale, decide.you_said, group = needs_words(g, locale))}</p> });
        let day_input = (n == EMBARGO).then(|| {
            let day_id = day_id.clone();
            view! {
                <p class="cc-embargo-day" hidden=move || chosen.get()[EMBARGO] != Some("until-date")>
                    <label for=day_id.clone()>{td_string!(locale, decide.day_ends)} " "</label>
                    <input
                        type="date"
                        id=day_id
                        prop:value=move || day.get()
                        on:input=move |ev| day.set(event_target_value(&ev))
                    />
                    " "
                    <span role="status">
                        {move || (chosen.get()[EMBARGO] == Some("until-date") && !day.get().is_empty() && !day_ok())
                            .then(|| td_string!(locale, decide.day_format))}
                    </span>
                </p>
            }
        });
        Some(view! {
            <fieldset class="cc-question" data-question=n>
                <legend>
                    <span class="cc-step">{td_string!(locale, decide.question_of, n = n + 1, total = QUESTIONS.len())}</span>
                    <h2 node_ref=heading tabindex="-1">{(q.title)(locale)}</h2>
                </legend>
                <p class="cc-help">{(q.help)(locale)}</p>
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
            <h1>{move || t_string!(i18n, decide.title)}</h1>
            <p class="cc-lead">{move || t_string!(i18n, decide.lead, count = QUESTIONS.len())}</p>
            <form class="cc-wizard" on:submit=move |ev| { ev.prevent_default(); if can_go_on() { step.update(|s| *s += 1) } }>
                {question}
                <p class="cc-nav-buttons">
                    <button type="button" class="cc-button" disabled=move || step.get() == 0 on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>
                        {move || t_string!(i18n, decide.back)}
                    </button>
                    " "
                    {move || (step.get() < QUESTIONS.len()).then(|| view! {
                        <button type="submit" class="cc-button cc-primary" disabled=move || !can_go_on()>
                            {if step.get() + 1 == QUESTIONS.len() { t_string!(i18n, decide.see_label) } else { t_string!(i18n, decide.next) }}
                        </button>
                    })}
                    {move || (step.get() >= QUESTIONS.len()).then(|| view! {
                        <button type="button" class="cc-button" on:click=move |_| { chosen.set([None; QUESTIONS.len()]); day.set(String::new()); step.set(0); }>
                            {move || t_string!(i18n, decide.start_again)}
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
fn needs_words(need: Need, locale: Locale) -> &'static str {
    match need {
        Need::Handlers => td_string!(locale, decide.needs_handlers),
        Need::Governance => td_string!(locale, decide.needs_governance),
        Need::MustAct => td_string!(locale, decide.needs_must_act),
        Need::ClosedGroup => td_string!(locale, decide.needs_closed_group),
        Need::Everyone => td_string!(locale, decide.needs_everyone),
    }
}

/// The result of the framework.
#[component]
fn DecisionView(decision: Decision, heading: NodeRef<leptos::html::H2>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let title_id = state.dom_id("result-title");
    let label = decision.label;
    let copied = RwSignal::new(String::new());
    let copy = move |_| {
        copy_text(
            label.as_str().to_owned(),
            copied,
            tu_string!(i18n, decide.copied, label),
            tu_string!(i18n, decide.copy_failed),
        )
    };
    let reasons = decision
        .reasons
        .iter()
        .map(|r| {
            let why = r.why;
            view! {
                <li class:cc-decisive=r.decisive>
                    {move || reasons::why(&why, i18n.get_locale())}
                    {r.decisive.then(|| view! { " " <strong class="cc-decides">{move || t_string!(i18n, decide.sets_label)}</strong> })}
                </li>
            }
        })
        .collect_view();
    let warnings = decision
        .warnings
        .iter()
        .map(|&w| view! { <p class="cc-warning">{move || reasons::warning(w, i18n.get_locale())}</p> })
        .collect_view();
    let review = (!decision.review.is_empty()).then(|| {
        view! {
            <h3>{move || t_string!(i18n, decide.review)}</h3>
            <ul class="cc-review">{decision.review.iter().map(|&r| view! { <li>{move || reasons::review(&r, i18n.get_locale())}</li> }).collect_view()}</ul>
        }
    });
    let changes = (!decision.would_change.is_empty()).then(|| {
        view! {
            <h3>{move || t_string!(i18n, decide.would_change)}</h3>
            <ul>{decision.would_change.iter().map(|&c| view! { <li>{move || reasons::change(c, i18n.get_locale())}</li> }).collect_view()}</ul>
        }
    });
    view! {
        <section class="cc-result" aria-labelledby=title_id.clone()>
            <h2 id=title_id.clone() tabindex="-1" node_ref=heading>{move || t_string!(i18n, decide.use_it)} " " <TlpBadge tlp=label /></h2>
            <p class="cc-lead"><strong>{move || t_string!(i18n, decide.who_may_receive)} " "</strong>{move || audience(i18n.get_locale(), label)}</p>
            <p class="cc-screen-only">
                <button type="button" class="cc-button" on:click=copy>{move || t_string!(i18n, decide.copy_label)}</button>
                " " <span role="status">{move || copied.get()}</span>
            </p>
            <h3>{move || t_string!(i18n, decide.why)}</h3>
            <ul class="cc-reasons">{reasons}</ul>
            {warnings}
            {review}
            <h3>{move || t_string!(i18n, decide.how_to_mark)}</h3>
            <ul>{move || marking(i18n, label).into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            {changes}
            <ChannelReach label=Signal::stored(label) />
            <ApplyLabel decision=decision />
        </section>
    }
}

/// One question about a channel: its class, its words, and its options as (key, words, value).
type ChannelQuestion<T> = (&'static str, Words, &'static [(&'static str, Words, T)]);

const READERS: ChannelQuestion<Readers> = (
    "cc-reach-readers",
    |l| td_string!(l, decide.reach.readers),
    &[
        ("anyone", |l| td_string!(l, decide.reach.readers_anyone), Readers::Anyone),
        ("members", |l| td_string!(l, decide.reach.readers_members), Readers::Members),
        ("governance", |l| td_string!(l, decide.reach.readers_governance), Readers::Governance),
        ("named", |l| td_string!(l, decide.reach.readers_named), Readers::Named),
    ],
);
const ARCHIVE: ChannelQuestion<Archive> = (
    "cc-reach-archive",
    |l| td_string!(l, decide.reach.archive),
    &[
        ("none", |l| td_string!(l, decide.reach.archive_none), Archive::None),
        ("members", |l| td_string!(l, decide.reach.archive_members), Archive::Members),
        ("public", |l| td_string!(l, decide.reach.archive_public), Archive::Public),
        ("not-sure", |l| td_string!(l, decide.not_sure), Archive::NotSure),
    ],
);
const BRIDGE: ChannelQuestion<Bridge> = (
    "cc-reach-bridge",
    |l| td_string!(l, decide.reach.bridge),
    &[
        ("no", |l| td_string!(l, decide.no), Bridge::No),
        ("private", |l| td_string!(l, decide.reach.bridge_private), Bridge::Private),
        ("public", |l| td_string!(l, decide.reach.bridge_public), Bridge::Public),
        ("not-sure", |l| td_string!(l, decide.not_sure), Bridge::NotSure),
    ],
);
const RUN_BY: ChannelQuestion<RunBy> = (
    "cc-reach-run-by",
    |l| td_string!(l, decide.reach.run_by),
    &[
        ("project", |l| td_string!(l, decide.reach.run_by_project), RunBy::Project),
        ("platform", |l| td_string!(l, decide.reach.run_by_platform), RunBy::Platform),
        ("involved", |l| td_string!(l, decide.reach.run_by_involved), RunBy::Involved),
        ("not-sure", |l| td_string!(l, decide.not_sure), RunBy::NotSure),
    ],
);

/// One select of the channel check.
fn channel_select<T: Copy + Send + Sync + 'static>(
    id: String,
    question: ChannelQuestion<T>,
    value: RwSignal<Option<T>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (class, words, options) = question;
    view! {
        <p>
            <label for=id.clone()>{move || words(i18n.get_locale())}" "</label>
            <select id=id class=class on:change=move |ev| {
                let key = event_target_value(&ev);
                value.set(options.iter().find(|(k, _, _)| *k == key).map(|(_, _, v)| *v));
            }>
                <option value="">{move || t_string!(i18n, decide.reach.choose)}</option>
                {options.iter().map(|&(key, words, _)| view! { <option value=key>{move || words(i18n.get_locale())}</option> }).collect_view()}
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
    let i18n = use_i18n();
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
        Some(
            view! { <span class:cc-no=!check.fits class:cc-yes=check.fits>{reasons::check(&check, i18n.get_locale())}</span> },
        )
    };
    view! {
        <div class="cc-channel-check cc-channel-reach">
            <h3>{move || t_string!(i18n, decide.reach.title)}</h3>
            <p class="cc-help">{move || t_string!(i18n, decide.reach.help)}</p>
            {channel_select(state.dom_id("reach-readers"), READERS, readers)}
            {channel_select(state.dom_id("reach-archive"), ARCHIVE, archive)}
            {channel_select(state.dom_id("reach-bridge"), BRIDGE, bridge)}
            {channel_select(state.dom_id("reach-run-by"), RUN_BY, run_by)}
            <p class="cc-channel-verdict" role="status">{verdict}</p>
        </div>
    }
}

/// Puts the chosen label on a checklist record or one of its templates, and keeps the
/// decision with the record, its reasons in the interface's language at that moment.
#[component]
fn ApplyLabel(decision: Decision) -> impl IntoView {
    let label = decision.label;
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let select_id = state.dom_id("apply-target");
    let target = RwSignal::new(String::new());
    let done = RwSignal::new(String::new());
    // (value, checklist's title, template's title when it is one).
    let options = state.library.with_value(|l| {
        l.scenarios_in(i18n.get_locale_untracked().as_str())
            .into_iter()
            .filter(|s| s.kind == ScenarioKind::Checklist)
            .flat_map(|s| {
                let record = (format!("record:{}", s.id), s.title.clone(), None);
                let templates = s
                    .templates
                    .iter()
                    .map(|t| (format!("template:{}:{}", s.id, t.id), s.title.clone(), Some(t.title.clone())));
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
            reasons: reasons::kept_lines(&decision, i18n.get_locale_untracked()),
            decided_at: js_sys::Date::now(),
        };
        match (parts.next(), parts.next(), parts.next()) {
            (Some("record"), Some(scenario), None) => {
                state.update_progress(scenario, |p| {
                    p.label = Some(label);
                    p.decisions.push(kept(None));
                });
                done.set(tu_string!(i18n, decide.apply.record_done, label));
            }
            (Some("template"), Some(scenario), Some(template)) => {
                state.update_progress(scenario, |p| {
                    p.template_labels.insert(template.to_owned(), label);
                    p.decisions.push(kept(Some(template)));
                });
                let written_for = state
                    .library
                    .with_value(|l| l.get(scenario).and_then(|s| s.template(template).map(|t| t.label)));
                let mut said = tu_string!(i18n, decide.apply.template_done, label);
                // Its words were written for its own label: a looser one needs a second reading.
                if let Some(own) = written_for.filter(|own| label > *own) {
                    said.push(' ');
                    said.push_str(&tu_string!(i18n, decide.apply.careful, own, label));
                }
                done.set(said);
            }
            _ => done.set(tu_string!(i18n, decide.apply.choose_first).into()),
        }
    };
    view! {
      <div class="cc-screen-only">
        <h3>{move || t_string!(i18n, decide.apply.title)}</h3>
        <p>
            <label for=select_id.clone()>{move || t_string!(i18n, decide.apply.put_on)} " "</label>
            <select id=select_id on:change=move |ev| target.set(event_target_value(&ev))>
                <option value="">{move || t_string!(i18n, decide.reach.choose)}</option>
                {options.into_iter().map(|(value, checklist, template)| {
                    let words = move || match &template {
                        None => t_string!(i18n, decide.apply.record, checklist = checklist.clone()),
                        Some(t) => t_string!(i18n, decide.apply.template, checklist = checklist.clone(), template = t.clone()),
                    };
                    view! { <option value=value>{words}</option> }
                }).collect_view()}
            </select>
            " "
            <button type="button" class="cc-button" on:click=apply>{move || t_string!(i18n, decide.apply.button)}</button>
            " " <span role="status">{move || done.get()}</span>
        </p>
      </div>
    }
}

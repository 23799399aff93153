//! One checklist item: a real checkbox with its label, its audience and TLP label,
//! "not applicable" apart from "done", and a private note.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};
use crate::model::checklist::{Item, ItemKind};
use crate::model::progress::{ItemState, Status};
use crate::model::saved::RecordOf;
use crate::ui::language::TextLang;
use crate::ui::note::NoteField;
use crate::ui::state::AppState;
use crate::ui::text::{runs_view, Prose};
use crate::ui::tlp_badge::TlpBadge;
use crate::ui::vocabulary::audiences;

/// An item of a scenario, read from and written to the record `of` names.
#[component]
pub fn ItemView(of: RecordOf, item: Item, cell: RwSignal<ItemState>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let box_id = state.dom_id(&format!("item-{}", item.id));
    let note_id = state.dom_id(&format!("note-{}", item.id));
    // The step's own words describe its buttons, which all say the same ("Not applicable").
    let text_id = state.dom_id(&format!("text-{}", item.id));
    let status = Memo::new(move |_| cell.with(|c| c.status));
    let note = Memo::new(move |_| cell.with(|c| c.note.clone()));
    let done = move || status.get() == Status::Done;
    let not_applicable = move || status.get() == Status::NotApplicable;

    let set_status = {
        let (of, iid) = (of.clone(), item.id.clone());
        move |next: Status| {
            let now = js_sys::Date::now();
            state.update_record(&of, |p| p.set_status(&iid, next, now));
        }
    };
    let on_check = {
        let set_status = set_status.clone();
        move |ev: leptos::ev::Event| {
            set_status(if event_target_checked(&ev) { Status::Done } else { Status::Open })
        }
    };
    let on_not_applicable = move |_| {
        set_status(if status.get_untracked() == Status::NotApplicable {
            Status::Open
        } else {
            Status::NotApplicable
        })
    };
    let on_note = {
        let iid = item.id.clone();
        move |text: String| state.update_record(&of, |p| p.set_note(&iid, &text, js_sys::Date::now()))
    };

    let lang = TextLang::here();
    let list = item.audience.clone();
    let audience = move || audiences(&list, i18n.get_locale());
    let response = item.kind == ItemKind::Response;
    let why = (!item.why.is_empty())
        .then(|| view! { <p class="cc-why"><strong>{move || t_string!(i18n, item.why)} " "</strong><span lang=lang>{runs_view(crate::model::markdown::inlines(&item.why))}</span></p> });
    let detail = (!item.detail.is_empty()).then(|| {
        view! {
            <details class="cc-detail">
                <summary>{move || t_string!(i18n, item.more)}</summary>
                <Prose text=item.detail.clone() />
            </details>
        }
    });
    // The note's field is made when the note is first opened: a text field per step made
    // mounting a 1,000-step checklist take about twice as long.
    let note_open = RwSignal::new(!note.get_untracked().is_empty());
    let text = item.text.clone();
    let note_label = move || t_string!(i18n, item.note_on, text = text.clone());
    let note_field = move || {
        note_open.get().then(|| {
            view! {
                <label class="cc-visually-hidden" for=note_id.clone()>{note_label.clone()}</label>
                <NoteField id=note_id.clone() rows=3 note on_input=on_note.clone() />
            }
        })
    };
    view! {
        <li
            class="cc-item"
            class:cc-done=done
            class:cc-na=not_applicable
            class:cc-response=response
            data-item=item.id.clone()
        >
            <div class="cc-item-main">
                <input type="checkbox" id=box_id.clone() prop:checked=done on:change=on_check />
                <label for=box_id id=text_id.clone() lang=lang>{item.text.clone()}</label>
            </div>
            <p class="cc-meta">
                {response.then(|| view! { <span class="cc-kind">{move || t_string!(i18n, item.response_step)}</span> " · " })}
                <span class="cc-audience">{move || t_string!(i18n, item.for_whom)} " " {audience}</span>
                " · "
                <TlpBadge tlp=item.label />
                {move || not_applicable().then(|| view! { " · " <span class="cc-na-tag">{t_string!(i18n, item.not_applicable)}</span> })}
            </p>
            {why}
            {detail}
            <div class="cc-item-tools">
                <button type="button" class="cc-button cc-na-toggle" aria-describedby=text_id.clone() aria-pressed=move || not_applicable().to_string() on:click=on_not_applicable>
                    {move || t_string!(i18n, item.not_applicable)}
                </button>
                <details class="cc-note" open=note_open.get_untracked() on:toggle=move |_| note_open.set(true)>
                    <summary aria-describedby=text_id>{move || if note.get().is_empty() { t_string!(i18n, item.add_note) } else { t_string!(i18n, item.note) }}</summary>
                    {note_field}
                </details>
            </div>
        </li>
    }
}

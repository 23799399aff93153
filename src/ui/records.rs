//! Records: every checklist and stress test in progress on this device, with rename, archive,
//! delete, Markdown export; and for all of them backup, import, session-only mode and
//! "forget everything".

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::model::debrief::EXERCISE;
use crate::model::export::record_markdown;
use crate::model::order::sort_by;
use crate::model::saved::{
    apply_import, decode, encode_pretty, preview_import, ImportPreview, Record, Saved,
};
use crate::model::tlp::Tlp;
use crate::ui::clipboard::copy_text;
use crate::ui::confirm::{ConfirmButton, ForgetEverything};
use crate::ui::download::{download, safe_file_name};
use crate::ui::errors;
use crate::ui::focus::first_inside;
use crate::ui::link::RouteLink;
use crate::ui::lock::{EncryptedExport, LockSection, SealedImport, StorageKept};
use crate::ui::notice;
use crate::ui::offline::OfflineCopy;
use crate::ui::print::CopyWords;
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::time::local_time;
use crate::ui::timeline::RecordDue;
use crate::ui::tlp_badge::TlpBadge;

/// The records page.
#[component]
pub fn RecordsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    // The ids of the records in progress or archived, newest first by when each was started: an
    // order that editing a record does not change, so rows do not move under the reader's
    // hands (or the keyboard's focus).
    let ids = move |archived: bool| {
        Memo::new(move |_| {
            state.saved.with(|s| {
                let mut list: Vec<&Record> = s.records.values().filter(|r| r.archived == archived).collect();
                sort_by(&mut list, |a, b| a.created.total_cmp(&b.created).is_gt());
                list.into_iter().map(|r| r.id.clone()).collect::<Vec<_>>()
            })
        })
    };
    let (active, archived) = (ids(false), ids(true));
    // Whether each list is empty: what the lists' surroundings depend on, so that a record
    // archived or deleted does not rebuild a list that stays.
    let (none_active, none_archived) =
        (Memo::new(move |_| active.with(Vec::is_empty)), Memo::new(move |_| archived.with(Vec::is_empty)));
    // What the last archive, unarchive or delete did. Focus moves here after one, as the row
    // that had focus is gone.
    let done = RecordsMessage { text: RwSignal::new(String::new()), node: NodeRef::new() };
    provide_context(done);
    view! {
        <div class="cc-page cc-records">
            <h1>{move || t_string!(i18n, records.title)}</h1>
            <p class="cc-lead">{move || t_string!(i18n, records.lead)}</p>
            <Backup />
            <p class="cc-records-message" role="status" tabindex="-1" node_ref=done.node>{move || done.text.get()}</p>
            <h2>{move || t_string!(i18n, records.in_progress)}</h2>
            {move || {
                if none_active.get() {
                    view! { <p>{move || t_string!(i18n, records.none)}</p> }.into_any()
                } else {
                    view! { <RecordList ids=active /> }.into_any()
                }
            }}
            {move || (!none_archived.get()).then(|| view! {
                <h2>{move || t_string!(i18n, records.archived)}</h2>
                <RecordList ids=archived />
            })}
            <LockSection />
            <DeviceControls />
            <OfflineCopy />
        </div>
    }
}

/// The rows of `ids`, keyed by record id: a record archived, deleted or renamed changes its own
/// row and leaves the others' elements (and what the reader typed or focused in them) alone.
#[component]
fn RecordList(ids: Memo<Vec<String>>) -> impl IntoView {
    view! {
        <ul class="cc-record-list">
            <For each=move || ids.get() key=String::clone children=move |id| view! { <RecordRow id /> } />
        </ul>
    }
}

/// The records page's message after an archive, unarchive or delete.
#[derive(Clone, Copy)]
struct RecordsMessage {
    text: RwSignal<String>,
    node: NodeRef<leptos::html::P>,
}

impl RecordsMessage {
    /// Says `text` and moves focus to it.
    fn say(&self, text: String) {
        self.text.set(text);
        if let Some(p) = self.node.get_untracked() {
            let _ = p.focus();
        }
    }
}

/// What a record's row shows that can change while the row is on screen.
#[derive(Clone, PartialEq)]
struct Shown {
    /// The name the user gave, or the checklist's title when there is none.
    name: String,
    /// The name as typed (empty when the user gave none).
    typed: String,
    archived: bool,
    label: Option<Tlp>,
    tally: Option<String>,
    updated: f64,
}

/// One record with its actions. Its parts read the record as saved now, by id.
#[component]
fn RecordRow(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let said = expect_context::<RecordsMessage>();
    let i18n = use_i18n();
    // Which checklist a record follows and when it was started never change; nor does an
    // exercise's mark (a merge never takes it away); a drill run links to its drill.
    let (sid, created, exercise, drill) = state
        .saved
        .with_untracked(|s| {
            s.records.get(&id).map(|r| (r.scenario.clone(), r.created, r.exercise, r.drill.is_some()))
        })
        .unwrap_or_default();
    let scenario = state.library.with_value(|l| l.get(&sid));
    // The checklist's title in the interface's language, where it has a translation.
    let title = {
        let sid = sid.clone();
        Memo::new(move |_| {
            let locale = i18n.get_locale();
            state.library.with_value(|l| l.get_in(&sid, locale.as_str())).map_or_else(
                || td_string!(locale, records.unavailable, id = sid.clone()),
                |s| s.title.clone(),
            )
        })
    };
    let shown = {
        let (id, scenario) = (id.clone(), scenario.clone());
        Memo::new(move |_| {
            state.saved.with(|s| {
                let r = s.records.get(&id)?;
                Some(Shown {
                    name: if r.name.is_empty() { title.get() } else { r.name.clone() },
                    typed: r.name.clone(),
                    archived: r.archived,
                    label: scenario.as_ref().map(|s| r.label(s.label)),
                    tally: scenario.as_ref().map(|s| {
                        let t = r.progress.tally_scenario(s);
                        t_string!(i18n, catalog.steps_done, done = t.settled(), total = t.total)
                    }),
                    updated: r.updated,
                })
            })
        })
    };
    let read = move |f: fn(&Shown) -> String| move || shown.with(|s| s.as_ref().map(f).unwrap_or_default());
    let archived = move || shown.with(|s| s.as_ref().is_some_and(|s| s.archived));
    let name_id = state.dom_id(&format!("name-{id}"));
    // The row's buttons say the same in every row: the record's name describes them.
    let about = state.dom_id(&format!("about-{id}"));
    let open = {
        let (rid, sid) = (id.clone(), sid.clone());
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            let (rid, sid) = (rid.clone(), sid.clone());
            state.change(|s| {
                s.current.insert(sid.clone(), rid);
            });
            state.route.set(Route::Scenario(sid));
        }
    };
    let rename = {
        let rid = id.clone();
        move |ev: leptos::ev::Event| {
            let name = event_target_value(&ev);
            state.change(|s| {
                if let Some(r) = s.records.get_mut(&rid) {
                    r.name = name;
                    r.updated = js_sys::Date::now();
                }
            });
        }
    };
    let shown_name = move || shown.with_untracked(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let archive = {
        let rid = id.clone();
        move |_| {
            let (was_archived, name) = (archived(), shown_name());
            state.change(|s| {
                if let Some(r) = s.records.get_mut(&rid) {
                    r.archived = !was_archived;
                    r.updated = js_sys::Date::now();
                }
            });
            let locale = i18n.get_locale_untracked();
            said.say(if was_archived {
                td_string!(locale, records.back_in_progress, name)
            } else {
                td_string!(locale, records.was_archived, name)
            });
        }
    };
    let delete = {
        let rid = id.clone();
        move || {
            let name = shown_name();
            state.change(|s| s.delete_record(&rid, js_sys::Date::now()));
            said.say(td_string!(i18n.get_locale_untracked(), records.was_deleted, name));
        }
    };
    // The record as Markdown, written when asked for, with its file name.
    let markdown = {
        let (rid, sid) = (id.clone(), sid.clone());
        move || {
            let s = state.library.with_value(|l| l.get_in(&sid, i18n.get_locale_untracked().as_str()))?;
            let record = state.saved.with_untracked(|saved| saved.records.get(&rid).cloned())?;
            let words = CopyWords::of(i18n.get_locale_untracked(), &s);
            let md = record_markdown(&s, &record, &words, &local_time(js_sys::Date::now()), local_time);
            let name = if record.name.is_empty() { s.title.clone() } else { record.name.clone() };
            Some((md, name))
        }
    };
    // What the last export or copy did.
    let copied = RwSignal::new(String::new());
    let export = {
        let markdown = markdown.clone();
        move |_| {
            if let Some((md, name)) = markdown() {
                let file = safe_file_name(&name, "md");
                download(&file, "text/markdown", &md);
                copied.set(td_string!(i18n.get_locale_untracked(), records.exported, file));
            }
        }
    };
    let copy = move |_| {
        if let Some((md, _)) = markdown() {
            let locale = i18n.get_locale_untracked();
            let (done, failed) =
                (td_string!(locale, records.copied), td_string!(locale, records.copy_failed));
            copy_text(md, copied, done.to_owned(), failed);
        }
    };
    let label =
        move || shown.with(|s| s.as_ref().and_then(|s| s.label)).map(|l| view! { <TlpBadge tlp=l /> });
    let updated = move || shown.with(|s| s.as_ref().map(|s| local_time(s.updated)).unwrap_or_default());
    view! {
        <li class="cc-record" data-record=id.clone()>
            <p>
                <label for=name_id.clone()>{move || t_string!(i18n, records.name)}</label>
                <input id=name_id type="text" spellcheck="false" autocomplete="off" prop:value=read(|s| s.typed.clone()) on:change=rename />
            </p>
            <p class="cc-meta">
                {exercise.then(|| view! { <strong class="cc-exercise">{EXERCISE}</strong>" · " })}
                {move || title.get()} " · " {label} " · " {read(|s| s.tally.clone().unwrap_or_default())}
                " · " {move || t_string!(i18n, records.started, time = local_time(created))}
                " · " {move || t_string!(i18n, records.changed, time = updated())}
                <RecordDue id=id.clone() />
            </p>
            <p class="cc-actions">
                <span id=about.clone() hidden>{read(|s| s.name.clone())}</span>
                <a href=format!("#/s/{sid}") on:click=open aria-describedby=about.clone()>{move || t_string!(i18n, records.open)}</a>
                " "
                {drill.then(|| view! {
                    <RouteLink route=Route::Drill(id.clone()) class="cc-record-drill" attr:aria-describedby=about.clone()>{move || t_string!(i18n, records.drill)}</RouteLink>" "
                })}
                <button type="button" class="cc-button" on:click=export aria-describedby=about.clone()>{move || t_string!(i18n, records.export)}</button>
                " "
                <button type="button" class="cc-button cc-copy-md" on:click=copy aria-describedby=about.clone()>{move || t_string!(i18n, records.copy)}</button>
                " "
                <button type="button" class="cc-button" on:click=archive aria-describedby=about>
                    {move || if archived() { t_string!(i18n, records.unarchive) } else { t_string!(i18n, records.archive) }}
                </button>
                " "
                <ConfirmButton
                    ask=|l| td_string!(l, records.delete)
                    question=|l| td_string!(l, records.delete_question)
                    yes=|l| td_string!(l, records.delete_yes)
                    no=|l| td_string!(l, records.keep)
                    on_yes=delete
                />
                " " <span role="status">{move || copied.get()}</span>
            </p>
        </li>
    }
}

/// Backup: when it was last made, export, and import with a preview.
#[component]
fn Backup() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let file_id = state.dom_id("import-file");
    let pending = RwSignal::new(None::<(Saved, ImportPreview)>);
    let message = RwSignal::new(String::new());
    // An encrypted backup waiting for its passphrase.
    let sealed = RwSignal::new(None::<String>);
    let opened = move |imported: Saved| {
        let preview = state.saved.with_untracked(|s| preview_import(s, &imported));
        pending.set(Some((imported, preview)));
    };
    let last = move || state.saved.with(|s| s.last_backup);
    let export = move |_| {
        let now = js_sys::Date::now();
        let text = state.saved.with_untracked(encode_pretty);
        if download("crisis-comms-backup.json", "application/json", &text) {
            state.change(|s| s.last_backup = Some(now));
            message.set(td_string!(i18n.get_locale_untracked(), records.backup_saved).into());
        } else {
            message.set(td_string!(i18n.get_locale_untracked(), records.not_saved).into());
        }
    };
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
            if let Some(t) = text.as_ref().filter(|t| crate::store::lock::is_sealed(t)) {
                pending.set(None);
                message.set(String::new());
                sealed.set(Some(t.clone()));
                return;
            }
            sealed.set(None);
            let locale = i18n.get_locale_untracked();
            match text.map(|t| decode(&t)) {
                None => message.set(td_string!(locale, records.unreadable).into()),
                Some(Err(e)) => {
                    pending.set(None);
                    message.set(td_string!(locale, records.not_imported, error = errors::decode(&e, locale)));
                }
                Some(Ok(imported)) => {
                    let preview = state.saved.with_untracked(|s| preview_import(s, &imported));
                    message.set(String::new());
                    pending.set(Some((imported, preview)));
                }
            }
        });
    };
    let confirm = move |_| {
        if let Some((imported, preview)) = pending.get_untracked() {
            state.change(|s| apply_import(s, imported));
            let locale = i18n.get_locale_untracked();
            let (added, updated) =
                (records(locale, preview.added.len()), records(locale, preview.updated.len()));
            message.set(td_string!(locale, records.imported, added, updated));
        }
        pending.set(None);
    };
    view! {
        <section class="cc-backup" aria-label=move || t_string!(i18n, records.backup)>
            <p class="cc-backup-status">
                {move || match last() {
                    Some(ms) => t_string!(i18n, records.last_backup, time = local_time(ms)),
                    None => t_string!(i18n, records.no_backup).to_owned(),
                }}
            </p>
            <p class="cc-actions">
                <button type="button" class="cc-button cc-primary" on:click=export>{move || t_string!(i18n, records.export_backup)}</button>
                " "
                <input id=file_id.clone() class="cc-visually-hidden cc-import" type="file" accept=".json,application/json" on:change=choose />
                <label for=file_id class="cc-button">{move || t_string!(i18n, records.import_backup)}</label>
            </p>
            {move || state.lock.has_lock.get().then(|| view! {
                <p class="cc-plain-warning">{move || t_string!(i18n, records.plain_warning)}</p>
            })}
            <EncryptedExport message />
            <StorageKept />
            <SealedImport sealed message on_open=opened />
            {move || pending.get().map(|(_, p)| {
                let (n_added, n_updated) = (p.added.len(), p.updated.len());
                view! {
                <div class="cc-preview" role="alert">
                    <p>{move || {
                        let locale = i18n.get_locale();
                        let (added, updated) = (records(locale, n_added), records(locale, n_updated));
                        td_string!(locale, records.would, added, updated)
                    }}</p>
                    {(!p.added.is_empty()).then(|| {
                        let names = p.added.join(", ");
                        view! { <p>{move || t_string!(i18n, records.added, names = names.clone())}</p> }
                    })}
                    {(!p.updated.is_empty()).then(|| {
                        let names = p.updated.join(", ");
                        view! { <p>{move || t_string!(i18n, records.updated, names = names.clone())}</p> }
                    })}
                    {(!p.newer_here.is_empty()).then(|| {
                        let names = p.newer_here.join(", ");
                        view! { <p>{move || t_string!(i18n, records.newer_here, names = names.clone())}</p> }
                    })}
                    {(!p.channels.is_empty()).then(|| view! {
                        <div class="cc-preview-channels">
                            <p>{move || t_string!(i18n, records.project_channels)}</p>
                            <ul>{p.channels.lines().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        </div>
                    })}
                    <button type="button" class="cc-button cc-primary" on:click=confirm>{move || t_string!(i18n, records.import)}</button>
                    " "
                    <button type="button" class="cc-button" on:click=move |_| pending.set(None)>{move || t_string!(i18n, records.cancel)}</button>
                </div>
                }
            })}
            <p class="cc-import-message" role="status">{move || message.get()}</p>
        </section>
    }
}

/// Session-only mode and "forget everything on this device".
#[component]
fn DeviceControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let message = RwSignal::new(String::new());
    let forget = move || match state.forget_everything() {
        Ok(()) => message.set(td_string!(i18n.get_locale_untracked(), records.forgotten).into()),
        Err(n) => message.set(notice::words(&n, i18n.get_locale_untracked())),
    };
    // The control pressed is replaced by the other: focus goes to the first control in its place.
    let section = NodeRef::<leptos::html::Section>::new();
    let switch = move |on: bool| {
        state.set_session_only(on);
        request_animation_frame(move || {
            if let Some(control) = first_inside(section.get_untracked(), ".cc-session-only button") {
                let _ = control.focus();
            }
        });
    };
    view! {
        <section class="cc-device" node_ref=section>
            <h2>{move || t_string!(i18n, records.device)}</h2>
            {move || if state.session_only.get() && state.session_only_forced() {
                view! { <p class="cc-session-only">{t_string!(i18n, records.session_forced)}</p> }.into_any()
            } else if state.session_only.get() {
                view! {
                    <p class="cc-session-only">
                        {t_string!(i18n, records.session_on)} " "
                        <button type="button" class="cc-button" on:click=move |_| switch(false)>
                            {t_string!(i18n, records.save_again)}
                        </button>
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <p class="cc-session-only">
                        <ConfirmButton
                            ask=|l| td_string!(l, records.keep_nothing)
                            question=|l| td_string!(l, records.keep_nothing_question)
                            yes=|l| td_string!(l, records.keep_nothing_yes)
                            no=|l| td_string!(l, records.cancel)
                            on_yes=move || switch(true)
                        />
                    </p>
                }
                .into_any()
            }}
            <p>
                <ForgetEverything on_yes=forget />
            </p>
            <p role="status" class="cc-forget-message">{move || message.get()}</p>
        </section>
    }
}

/// "1 record", "2 records", in `locale`.
fn records(locale: Locale, n: usize) -> String {
    if n == 1 {
        td_string!(locale, records.record_one).to_owned()
    } else {
        td_string!(locale, records.record_many, count = n)
    }
}

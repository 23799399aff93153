//! The passphrase lock in the interface: the unlock prompt, "Lock now", the idle lock and its
//! keyboard shortcut, the lock's settings on the Records page, encrypted backups, the request
//! for storage the browser keeps, and the backup reminder. Saving with a lock is asynchronous
//! (Web Crypto); [`queue_save`] keeps those saves in order, the newest state winning.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::model::export::CopyLabel;
use crate::model::saved::{decode, encode, Saved};
use crate::model::tlp::Tlp;
use crate::store::lock::{self, LockError};
use crate::store::{Change, Notice, Store, WriteError};
use crate::ui::confirm::ForgetEverything;
use crate::ui::download::download;
use crate::ui::errors;
use crate::ui::notice;
use crate::ui::state::AppState;

/// The shortest passphrase accepted.
const MIN_LENGTH: usize = 10;
/// Idle times offered, in minutes; 15 is the default.
const IDLE_CHOICES: [u32; 5] = [1, 5, 15, 30, 60];
const IDLE_DEFAULT: u32 = 15;
/// Two presses of Escape within this many milliseconds lock at once.
const DOUBLE_ESCAPE_MS: f64 = 800.0;
/// A week, in milliseconds: records changed longer ago than this without a backup are reminded of.
const WEEK_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// The encrypted saves waiting: only the newest state is kept, and one write runs at a time.
#[derive(Default)]
pub struct Writer {
    pending: Option<Saved>,
    running: bool,
}

/// What the interface shows of the lock.
#[derive(Clone, Copy)]
pub struct LockState {
    /// True while only the unlock prompt may show.
    pub locked: RwSignal<bool>,
    /// True while a lock is set on this namespace.
    pub has_lock: RwSignal<bool>,
    /// Why the prompt shows, when something else than a reload locked it.
    pub why: RwSignal<String>,
    /// Minutes without use before the lock closes by itself.
    pub idle_minutes: RwSignal<u32>,
    /// What the browser answered when asked to keep this page's storage.
    pub persisted: RwSignal<Option<bool>>,
    writer: StoredValue<Writer, LocalStorage>,
}

impl LockState {
    /// The lock as `store` found it on opening.
    pub fn new(store: &Store) -> Self {
        let idle = store
            .device_get(&Store::idle_key_for(store.namespace()))
            .and_then(|m| m.parse().ok())
            .filter(|m| IDLE_CHOICES.contains(m))
            .unwrap_or(IDLE_DEFAULT);
        LockState {
            locked: RwSignal::new(store.needs_unlock()),
            has_lock: RwSignal::new(store.has_lock()),
            why: RwSignal::new(String::new()),
            idle_minutes: RwSignal::new(idle),
            persisted: RwSignal::new(None),
            writer: StoredValue::new_local(Writer::default()),
        }
    }

    /// Shows the lock as the store has it now.
    pub fn refresh(&self, state: &AppState) {
        let (locked, has) = state.store.with_value(|s| (s.needs_unlock(), s.has_lock()));
        self.locked.set(locked);
        self.has_lock.set(has);
    }
}

/// Whether this tab holds the lock's key: saves are then encrypted.
pub fn sealing(state: &AppState) -> bool {
    state.store.with_value(|s| s.key().is_some())
}

/// Saves `snapshot` encrypted, after any write under way; a newer snapshot queued meanwhile
/// replaces this one, so an older state is never written after a newer one.
pub fn queue_save(state: AppState, snapshot: Saved) {
    let start = state
        .lock
        .writer
        .try_update_value(|w| {
            w.pending = Some(snapshot);
            !std::mem::replace(&mut w.running, true)
        })
        .unwrap_or(false);
    if start {
        leptos::task::spawn_local(write_queue(state));
    }
}

async fn write_queue(state: AppState) {
    loop {
        // Taking the next snapshot and stopping happen in one step, with no wait between.
        let next = state.lock.writer.try_update_value(|w| {
            let next = w.pending.take();
            w.running = next.is_some();
            next
        });
        let Some(Some(snapshot)) = next else { break };
        match write_one(state, snapshot).await {
            Ok(()) => {
                if matches!(state.notice.get_untracked(), Some(Notice::WriteFailed(_))) {
                    state.notice.set(None);
                }
            }
            Err(Notice::SessionOnly) => {
                state.store.update_value(|s| s.follow_session_only(true));
                state.session_only.set(true);
                state.notice.set(Some(Notice::SessionOnly));
            }
            Err(n) => state.notice.set(Some(n)),
        }
    }
    // Locked while writing: the key goes now that the last state is written.
    if state.lock.locked.get_untracked() {
        state.store.with_value(|s| s.set_key(None));
    }
}

/// Merges what another tab stored meanwhile, encrypts, and writes, unless storage changed
/// while encrypting (then again, with that merged too).
async fn write_one(state: AppState, mut snapshot: Saved) -> Result<(), Notice> {
    loop {
        let Some(key) = state.store.with_value(Store::key) else { return Ok(()) };
        let before = state.store.with_value(Store::stored_text);
        if !state.store.with_value(|s| s.unchanged(&before)) {
            if let Some(text) = &before {
                let theirs = if lock::is_sealed(text) {
                    match lock::open(&key, text).await {
                        Ok(plain) => decode(&plain).ok(),
                        Err(LockError::OtherLock) => {
                            // The passphrase was changed in another tab: this state cannot join
                            // theirs until this tab is unlocked with the new one.
                            hide(state, text.clone(), OTHER_PASSPHRASE);
                            return Ok(());
                        }
                        Err(_) => None,
                    }
                } else {
                    // Plain text where this tab had a lock: it was removed in another tab. This
                    // tab follows, and saves its state in plain text too.
                    if let Ok(theirs) = decode(text) {
                        if follow(state, Change::Saved(theirs)).is_none() {
                            let mut merged = state.saved.get_untracked();
                            return state.store.with_value(|s| s.save(&mut merged));
                        }
                    }
                    None
                };
                if let Some(theirs) = theirs {
                    snapshot.merge(&theirs);
                    if !state.lock.locked.get_untracked() {
                        state.saved.update(|s| s.merge(&theirs));
                    }
                }
            }
        }
        let sealed = lock::seal(&key, &encode(&snapshot), None)
            .await
            .map_err(|e| Notice::WriteFailed(WriteError::Lock(e)))?;
        // Checked and written in one step: still the same lock, and storage as it was read.
        let same_lock = state.store.with_value(|s| s.key().is_some_and(|k| k.same_lock(&key)));
        if !same_lock {
            return Ok(());
        }
        if state.store.with_value(Store::stored_text) != before {
            continue;
        }
        return state.store.with_value(|s| s.write_sealed(sealed));
    }
}

// Kept in `LockState::why` in English, and shown in the reader's language (`why_words`).
const OTHER_PASSPHRASE: &str = "The passphrase was changed in another tab or window. Enter the new one.";
const LOCKED_HERE: &str = "This tab was locked.";
const LOCKED_ELSEWHERE: &str = "Locked in another tab or window.";
const NEW_LOCK_ELSEWHERE: &str = "A passphrase lock was set in another tab or window. Enter it to continue.";

/// Clears every secret from this tab and shows the unlock prompt for `sealed`, which this tab's
/// key (if any) cannot open.
fn hide(state: AppState, sealed: String, why: &str) {
    state.store.with_value(|s| s.sealed_elsewhere(sealed));
    state.lock.why.set(why.to_owned());
    state.lock.has_lock.set(true);
    state.lock.locked.set(true);
    state.saved.set(Saved::default());
}

/// Locks this tab at once: the screen shows only the unlock prompt, the state in memory is
/// emptied, and the key goes once the last change is written. `tell_others` locks every other
/// tab of the namespace too (through a storage key holding only the time).
pub fn lock_now(state: AppState, tell_others: bool) {
    if !sealing(&state) || state.lock.locked.get_untracked() {
        return;
    }
    state.lock.why.set(if tell_others { LOCKED_HERE } else { LOCKED_ELSEWHERE }.to_owned());
    state.lock.locked.set(true);
    state.saved.set(Saved::default());
    if !state.lock.writer.with_value(|w| w.running) {
        state.store.with_value(|s| s.set_key(None));
    }
    if tell_others {
        state.store.with_value(|s| {
            s.device_set(&Store::lock_signal_key_for(s.namespace()), &js_sys::Date::now().to_string());
        });
    }
}

/// What another tab did, as far as the lock is concerned. Returns the change when it is not
/// the lock's to handle.
pub fn follow(state: AppState, change: Change) -> Option<Change> {
    match change {
        Change::Locked => lock_now(state, false),
        // While session-only, this tab keeps to itself what it shows; while locked, unlocking
        // reads what is stored then.
        Change::Sealed(_) if state.lock.locked.get_untracked() || state.session_only.get_untracked() => {}
        Change::Sealed(text) => match state.store.with_value(Store::key) {
            None => hide(state, text, NEW_LOCK_ELSEWHERE),
            Some(key) => leptos::task::spawn_local(async move {
                match lock::open(&key, &text).await {
                    Ok(plain) => {
                        if let Ok(theirs) = decode(&plain) {
                            if !state.lock.locked.get_untracked() {
                                state.merge_from_other_tab(&theirs);
                            }
                        }
                    }
                    Err(LockError::OtherLock) => hide(state, text, OTHER_PASSPHRASE),
                    // Damaged or unreadable: left to the next load, which keeps it aside.
                    Err(_) => {}
                }
            }),
        },
        Change::Saved(theirs)
            if state.lock.has_lock.get_untracked() && !state.session_only.get_untracked() =>
        {
            // Plain text where this tab had a lock: it was removed in another tab, by someone
            // who knew the passphrase, and what is stored can be read again.
            state.store.with_value(Store::lock_removed_elsewhere);
            state.lock.has_lock.set(false);
            state.lock.locked.set(false);
            state.lock.why.set(String::new());
            state.merge_from_other_tab(&theirs);
        }
        Change::Forgotten => {
            state.lock.refresh(&state);
            return Some(Change::Forgotten);
        }
        other => return Some(other),
    }
    None
}

/// Starts the lock's watchers for as long as the app is mounted: the double Escape shortcut,
/// the idle lock, and the request for storage the browser keeps when the first record starts.
pub fn install(state: AppState) {
    let last_active = Rc::new(Cell::new(js_sys::Date::now()));
    let last_written = Rc::new(Cell::new(0.0));
    let last_escape = Rc::new(Cell::new(f64::NEG_INFINITY));
    let activity_key = state.store.with_value(|s| Store::activity_key_for(s.namespace()));
    let active = {
        let (last_active, last_written, activity_key) =
            (last_active.clone(), last_written.clone(), activity_key.clone());
        move || {
            let now = js_sys::Date::now();
            last_active.set(now);
            // Other tabs learn of it at most once a minute, so an idle tab does not lock a tab
            // in use.
            // Only while unlocked: typing a passphrase into the prompt changes nothing stored.
            if sealing(&state) && !state.lock.locked.get_untracked() && now - last_written.get() > 60_000.0 {
                last_written.set(now);
                state.store.with_value(|s| s.device_set(&activity_key, &now.to_string()));
            }
        }
    };
    let keys = {
        let active = active.clone();
        window_event_listener(leptos::ev::keydown, move |ev| {
            active();
            if ev.key() != "Escape" || !sealing(&state) {
                return;
            }
            let now = js_sys::Date::now();
            if now - last_escape.get() <= DOUBLE_ESCAPE_MS {
                last_escape.set(f64::NEG_INFINITY);
                lock_now(state, true);
            } else {
                last_escape.set(now);
            }
        })
    };
    let pointer = {
        let active = active.clone();
        window_event_listener(leptos::ev::pointerdown, move |_| active())
    };
    let wheel = window_event_listener(leptos::ev::wheel, move |_| active());
    let idle = set_interval_with_handle(
        move || {
            let minutes = state.lock.idle_minutes.get_untracked();
            if !sealing(&state) || state.lock.locked.get_untracked() {
                return;
            }
            let elsewhere =
                state.store.with_value(|s| s.device_get(&activity_key)).and_then(|t| t.parse::<f64>().ok());
            let latest = elsewhere.unwrap_or(0.0).max(last_active.get());
            if js_sys::Date::now() - latest >= f64::from(minutes) * 60_000.0 {
                lock_now(state, true);
            }
        },
        Duration::from_secs(5),
    )
    .ok();
    on_cleanup(move || {
        keys.remove();
        pointer.remove();
        wheel.remove();
        if let Some(idle) = idle {
            idle.clear();
        }
    });
    // The first record of this device: ask the browser to keep its storage.
    Effect::new(move |before: Option<usize>| {
        let now = state.saved.with(|s| s.records.len());
        if before == Some(0) && now > 0 && state.saving() {
            leptos::task::spawn_local(async move {
                let answer = ask_storage(true).await;
                state.lock.persisted.set(answer);
            });
        }
        now
    });
}

/// `navigator.storage.persist()` (`ask`) or `persisted()`: whether the browser keeps this
/// page's storage; `None` when the browser does not say.
async fn ask_storage(ask: bool) -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    if JsCast::unchecked_ref::<wasm_bindgen::JsValue>(&manager).is_undefined() {
        return None;
    }
    let promise = if ask { manager.persist() } else { manager.persisted() };
    JsFuture::from(promise.ok()?).await.ok()?.as_bool()
}

/// The strictest label of what `saved` holds, as a backup's clear header names it: a record
/// whose checklist is unknown here counts as TLP:RED.
pub fn strictest_label(state: &AppState, saved: &Saved) -> Tlp {
    saved
        .records
        .values()
        .map(|r| match state.library.with_value(|l| l.get(&r.scenario)) {
            Some(sc) => CopyLabel::of(&sc, r).label,
            None => Tlp::Red,
        })
        .fold(Tlp::Clear, Ord::min)
}

/// Checks a new passphrase and its repetition.
fn check_new(locale: Locale, passphrase: &str, again: &str) -> Result<(), String> {
    if passphrase.chars().count() < MIN_LENGTH {
        return Err(td_string!(locale, lock.too_short, count = MIN_LENGTH));
    }
    if passphrase != again {
        return Err(td_string!(locale, lock.not_same).to_owned());
    }
    Ok(())
}

/// What a passphrase refused says; the lock's own reason stays as it is.
fn refused(locale: Locale, e: LockError) -> String {
    match e {
        LockError::Refused => td_string!(locale, lock.refused).to_owned(),
        other => td_string!(locale, lock.could_not_unlock, error = errors::lock(&other, locale)),
    }
}

/// Why the prompt shows, in `locale`: `why` is one of the reasons above, kept in English.
fn why_words(locale: Locale, why: &str) -> String {
    match why {
        OTHER_PASSPHRASE => td_string!(locale, lock.why_other_passphrase).to_owned(),
        LOCKED_HERE => td_string!(locale, lock.why_locked_here).to_owned(),
        LOCKED_ELSEWHERE => td_string!(locale, lock.why_locked_elsewhere).to_owned(),
        NEW_LOCK_ELSEWHERE => td_string!(locale, lock.why_new_lock_elsewhere).to_owned(),
        other => other.to_owned(),
    }
}

/// The value of a form's input.
fn value(input: NodeRef<leptos::html::Input>) -> String {
    input.get_untracked().map(|i| i.value()).unwrap_or_default()
}

fn clear(inputs: &[NodeRef<leptos::html::Input>]) {
    for i in inputs {
        if let Some(i) = i.get_untracked() {
            i.set_value("");
        }
    }
}

/// Opens the newest encrypted state with `passphrase`.
async fn unlock(state: AppState, locale: Locale, passphrase: String) -> Result<(), String> {
    let Some(text) = state.store.with_value(Store::sealed_text) else {
        // The lock was removed or everything forgotten in another tab meanwhile.
        state.lock.refresh(&state);
        return Ok(());
    };
    let key = lock::key_for(&passphrase, &text).await.map_err(|e| refused(locale, e))?;
    let plain = lock::open(&key, &text).await.map_err(|e| refused(locale, e))?;
    state.store.with_value(|s| s.set_key(Some(key)));
    match decode(&plain) {
        Ok(saved) => {
            state.store.with_value(|s| s.opened(&text));
            state.saved.set(saved);
        }
        Err(e) => {
            let notice = state.store.try_update_value(|s| s.keep_aside_sealed(&text, e));
            state.notice.set(notice);
            state.saved.set(Saved::default());
        }
    }
    state.lock.why.set(String::new());
    state.lock.has_lock.set(true);
    state.lock.locked.set(false);
    Ok(())
}

/// The unlock prompt: all the app shows while locked.
#[component]
pub fn UnlockPrompt() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let input = NodeRef::<leptos::html::Input>::new();
    let message = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let field = state.dom_id("unlock-passphrase");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let passphrase = value(input);
        let locale = i18n.get_locale_untracked();
        busy.set(true);
        message.set(td_string!(locale, lock.unlocking).into());
        leptos::task::spawn_local(async move {
            let result = unlock(state, locale, passphrase).await;
            busy.set(false);
            match result {
                Ok(()) => message.set(String::new()),
                Err(why) => {
                    message.set(why);
                    clear(&[input]);
                    if let Some(i) = input.get_untracked() {
                        let _ = i.focus();
                    }
                }
            }
        });
    };
    // Forgetting also takes the lock away (`AppState::forget_everything`); a failure is said.
    let forget = move || {
        if let Err(n) = state.forget_everything() {
            message.set(notice::words(&n, i18n.get_locale_untracked()));
        }
    };
    // After a lock (not on a fresh load, where focus would scroll a host page), the field takes
    // focus from the control that is gone.
    if !state.lock.why.get_untracked().is_empty() {
        request_animation_frame(move || {
            if let Some(i) = input.get_untracked() {
                let _ = i.focus();
            }
        });
    }
    view! {
        <div class="cc-page cc-unlock">
            <h1>{move || t_string!(i18n, lock.locked)}</h1>
            {move || {
                let why = state.lock.why.get();
                (!why.is_empty()).then(|| view! { <p class="cc-unlock-why">{move || why_words(i18n.get_locale(), &why)}</p> })
            }}
            <p>{move || t_string!(i18n, lock.locked_lead)}</p>
            <form class="cc-fields" on:submit=submit>
                <p class="cc-field">
                    <label for=field.clone()>{move || t_string!(i18n, lock.passphrase)}</label>
                    <input id=field type="password" class="cc-passphrase" autocomplete="current-password" node_ref=input />
                </p>
                <p><button type="submit" class="cc-button cc-primary" prop:disabled=move || busy.get()>{move || t_string!(i18n, lock.unlock)}</button></p>
            </form>
            <p class="cc-unlock-message" role="alert">{move || message.get()}</p>
            <h2>{move || t_string!(i18n, lock.forgot)}</h2>
            <p>{move || t_string!(i18n, lock.forgot_text)}</p>
            <p>
                <ForgetEverything on_yes=forget />
            </p>
        </div>
    }
}

/// "Lock now", in the menu while a lock is set.
#[component]
pub fn LockNow() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    move || {
        (state.lock.has_lock.get() && !state.lock.locked.get()).then(|| {
            view! {
                <button type="button" class="cc-button cc-lock-now" title=move || t_string!(i18n, frame.lock_now_title)
                    on:click=move |_| lock_now(state, true)>{move || t_string!(i18n, frame.lock_now)}</button>
            }
        })
    }
}

/// A passphrase field with its label, in the reader's language.
#[component]
fn Passphrase(
    id: String,
    label: fn(Locale) -> &'static str,
    input: NodeRef<leptos::html::Input>,
    #[prop(optional)] current: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="cc-field">
            <label for=id.clone()>{move || label(i18n.get_locale())}</label>
            <input id=id type="password" class="cc-passphrase" spellcheck="false"
                autocomplete=if current { "current-password" } else { "new-password" } node_ref=input />
        </p>
    }
}

/// Sets a new lock with `passphrase`: the state shown is encrypted and written.
async fn set_lock(state: AppState, locale: Locale, passphrase: String) -> Result<(), String> {
    let key = lock::new_key(&passphrase)
        .await
        .map_err(|e| td_string!(locale, lock.not_set, error = errors::lock(&e, locale)))?;
    state.store.with_value(|s| s.set_key(Some(key)));
    if !state.lock.has_lock.get_untracked() {
        state.lock.has_lock.set(true);
    }
    queue_save(state, state.saved.get_untracked());
    Ok(())
}

/// Checks `passphrase` against the lock: the key it gives must open the newest envelope.
async fn check_current(state: AppState, locale: Locale, passphrase: &str) -> Result<(), String> {
    let Some(text) = state.store.with_value(Store::sealed_text) else {
        return Err(td_string!(locale, lock.still_setting).into());
    };
    let key = lock::key_for(passphrase, &text).await.map_err(|e| refused(locale, e))?;
    lock::open(&key, &text).await.map(drop).map_err(|e| match e {
        LockError::Refused => td_string!(locale, lock.not_current).to_owned(),
        other => td_string!(locale, lock.nothing_changed, error = errors::lock(&other, locale)),
    })
}

/// The form that sets a lock, on the Records page or first thing when the embedding page asks
/// for one.
#[component]
pub fn SetLock(
    /// Where to say what happened; it outlives the form, which the lock's settings replace.
    #[prop(optional)]
    message: Option<RwSignal<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let (first, again) = (NodeRef::new(), NodeRef::new());
    let own = message.is_none();
    let message = message.unwrap_or_else(|| RwSignal::new(String::new()));
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, a) = (value(first), value(again));
        let locale = i18n.get_locale_untracked();
        if let Err(why) = check_new(locale, &p, &a) {
            message.set(why);
            return;
        }
        busy.set(true);
        message.set(td_string!(locale, lock.setting).into());
        leptos::task::spawn_local(async move {
            let result = set_lock(state, locale, p).await;
            busy.set(false);
            clear(&[first, again]);
            message.set(match result {
                Ok(()) => td_string!(locale, lock.set_done).into(),
                Err(why) => why,
            });
        });
    };
    view! {
        <form class="cc-fields cc-set-lock" on:submit=submit>
            <Passphrase id=state.dom_id("lock-new") label=|l| td_string!(l, lock.passphrase) input=first />
            <Passphrase id=state.dom_id("lock-new-again") label=|l| td_string!(l, lock.same_again) input=again />
            <p><button type="submit" class="cc-button cc-primary" prop:disabled=move || busy.get()>{move || t_string!(i18n, lock.turn_on)}</button></p>
            {own.then(|| view! { <p class="cc-lock-message" role="status">{move || message.get()}</p> })}
        </form>
    }
}

/// The lock on the Records page: set it, or change its passphrase, its idle time, or remove it.
#[component]
pub fn LockSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    // Kept here: setting or removing the lock swaps the forms below, and the message stays.
    let message = RwSignal::new(String::new());
    view! {
        <section class="cc-lock" aria-label=move || t_string!(i18n, lock.title)>
            <h2>{move || t_string!(i18n, lock.title)}</h2>
            {move || if !lock::available() {
                view! { <p>{move || t_string!(i18n, lock.unavailable, reason = errors::lock(&LockError::Unavailable, i18n.get_locale()))}</p> }.into_any()
            } else if state.lock.has_lock.get() {
                view! { <LockSettings message /> }.into_any()
            } else {
                view! {
                    <p>
                        {move || t_string!(i18n, lock.intro)} " "
                        <strong>{move || t_string!(i18n, lock.no_recovery)}</strong>
                        {move || t_string!(i18n, lock.no_recovery_then)}
                    </p>
                    <SetLock message />
                }
                .into_any()
            }}
            <p class="cc-lock-message" role="status">{move || message.get()}</p>
        </section>
    }
}

#[component]
fn LockSettings(message: RwSignal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let idle_id = state.dom_id("lock-idle");
    let choose_idle = move |ev: leptos::ev::Event| {
        if let Ok(m) = event_target_value(&ev).parse::<u32>() {
            state.lock.idle_minutes.set(m);
            state.store.with_value(|s| s.device_set(&Store::idle_key_for(s.namespace()), &m.to_string()));
        }
    };
    let (current, first, again) = (NodeRef::new(), NodeRef::new(), NodeRef::new());
    let remove_current = NodeRef::new();
    let busy = RwSignal::new(false);
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (old, p, a) = (value(current), value(first), value(again));
        let locale = i18n.get_locale_untracked();
        if let Err(why) = check_new(locale, &p, &a) {
            message.set(why);
            return;
        }
        busy.set(true);
        message.set(td_string!(locale, lock.changing).into());
        leptos::task::spawn_local(async move {
            let result = match check_current(state, locale, &old).await {
                Ok(()) => set_lock(state, locale, p).await,
                Err(why) => Err(why),
            };
            busy.set(false);
            clear(&[current, first, again]);
            message.set(match result {
                Ok(()) => td_string!(locale, lock.changed).into(),
                Err(why) => why,
            });
        });
    };
    let remove = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let old = value(remove_current);
        let locale = i18n.get_locale_untracked();
        busy.set(true);
        message.set(td_string!(locale, lock.removing).into());
        leptos::task::spawn_local(async move {
            let result = check_current(state, locale, &old).await;
            busy.set(false);
            clear(&[remove_current]);
            match result {
                Ok(()) => {
                    let mut written = Ok(());
                    state.saved.update(|s| written = state.store.with_value(|store| store.remove_lock(s)));
                    state.lock.has_lock.set(false);
                    if let Err(n) = written {
                        state.notice.set(Some(n));
                    }
                    message.set(td_string!(locale, lock.removed).into());
                }
                Err(why) => message.set(why),
            }
        });
    };
    view! {
        <p class="cc-lock-on">{move || t_string!(i18n, lock.on)}</p>
        <p class="cc-field">
            <label for=idle_id.clone()>{move || t_string!(i18n, lock.idle)}</label>
            <select id=idle_id class="cc-lock-idle" on:change=choose_idle>
                {IDLE_CHOICES
                    .into_iter()
                    .map(|m| {
                        let words = move || {
                            if m == 1 {
                                t_string!(i18n, lock.idle_minute).to_owned()
                            } else {
                                t_string!(i18n, lock.idle_minutes, count = m)
                            }
                        };
                        view! { <option value=m.to_string() prop:selected=move || state.lock.idle_minutes.get() == m>{words}</option> }
                    })
                    .collect_view()}
            </select>
        </p>
        <h3>{move || t_string!(i18n, lock.change)}</h3>
        <form class="cc-fields cc-change-lock" on:submit=change>
            <Passphrase id=state.dom_id("lock-current") label=|l| td_string!(l, lock.current) input=current current=true />
            <Passphrase id=state.dom_id("lock-next") label=|l| td_string!(l, lock.new_passphrase) input=first />
            <Passphrase id=state.dom_id("lock-next-again") label=|l| td_string!(l, lock.new_again) input=again />
            <p><button type="submit" class="cc-button" prop:disabled=move || busy.get()>{move || t_string!(i18n, lock.change)}</button></p>
        </form>
        <h3>{move || t_string!(i18n, lock.remove)}</h3>
        <form class="cc-fields cc-remove-lock" on:submit=remove>
            <Passphrase id=state.dom_id("lock-remove") label=|l| td_string!(l, lock.current) input=remove_current current=true />
            <p><button type="submit" class="cc-button" prop:disabled=move || busy.get()>{move || t_string!(i18n, lock.remove)}</button></p>
        </form>
    }
}

/// The encrypted backup: with the lock's passphrase (when one is set and the fields are left
/// empty) or one of its own.
#[component]
pub fn EncryptedExport(message: RwSignal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let (first, again) = (NodeRef::new(), NodeRef::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, a) = (value(first), value(again));
        let locale = i18n.get_locale_untracked();
        let lock_key = if p.is_empty() && a.is_empty() { state.store.with_value(Store::key) } else { None };
        if lock_key.is_none() {
            if let Err(why) = check_new(locale, &p, &a) {
                message.set(why);
                return;
            }
        }
        busy.set(true);
        message.set(td_string!(locale, lock.encrypting).into());
        leptos::task::spawn_local(async move {
            let key = match lock_key {
                Some(k) => Ok(k),
                None => lock::new_key(&p).await,
            };
            let saved = state.saved.get_untracked();
            let label = strictest_label(&state, &saved);
            let text = match key {
                Ok(key) => lock::seal(&key, &encode(&saved), Some(label.as_str())).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            clear(&[first, again]);
            let file = "crisis-comms-backup-encrypted.json";
            match text {
                Ok(text) if download(file, "application/json", &text) => {
                    let now = js_sys::Date::now();
                    state.change(|s| s.last_backup = Some(now));
                    message.set(td_string!(locale, lock.backup_saved, file, label));
                }
                Ok(_) => message.set(td_string!(locale, lock.not_saved).into()),
                Err(e) => {
                    message.set(td_string!(locale, lock.not_encrypted, error = errors::lock(&e, locale)))
                }
            }
        });
    };
    view! {
        <form class="cc-fields cc-encrypted-export" on:submit=submit>
            <p>
                {move || t_string!(i18n, lock.backup_intro)} " "
                {move || state.lock.has_lock.get().then(|| t_string!(i18n, lock.backup_use_lock))}
            </p>
            <Passphrase id=state.dom_id("backup-pass") label=|l| td_string!(l, lock.backup_pass) input=first />
            <Passphrase id=state.dom_id("backup-pass-again") label=|l| td_string!(l, lock.same_again) input=again />
            <p><button type="submit" class="cc-button cc-primary" prop:disabled=move || busy.get()>{move || t_string!(i18n, lock.backup_export)}</button></p>
        </form>
    }
}

/// The passphrase of an encrypted backup being imported; once it opens, `on_open` gets the
/// backup's state for the preview.
#[component]
pub fn SealedImport(
    sealed: RwSignal<Option<String>>,
    message: RwSignal<String>,
    #[prop(into)] on_open: Callback<Saved>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let input = NodeRef::new();
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(text) = sealed.get_untracked() else { return };
        let passphrase = value(input);
        let locale = i18n.get_locale_untracked();
        busy.set(true);
        message.set(td_string!(locale, lock.opening).into());
        leptos::task::spawn_local(async move {
            let opened = match lock::key_for(&passphrase, &text).await {
                Ok(key) => lock::open(&key, &text).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            clear(&[input]);
            match opened.map(|plain| decode(&plain)) {
                Ok(Ok(imported)) => {
                    sealed.set(None);
                    message.set(String::new());
                    on_open.run(imported);
                }
                Ok(Err(e)) => {
                    sealed.set(None);
                    message.set(td_string!(locale, lock.not_imported, error = errors::decode(&e, locale)));
                }
                Err(LockError::Refused) => message.set(td_string!(locale, lock.not_imported_refused).into()),
                Err(e) => {
                    sealed.set(None);
                    message.set(td_string!(locale, lock.not_imported, error = errors::lock(&e, locale)));
                }
            }
        });
    };
    move || {
        sealed.get().map(|text| {
            // The label as the file writes it, never translated.
            let label = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("label").and_then(|l| l.as_str()).map(str::to_owned));
            let intro = move || {
                let label = label.clone().unwrap_or_else(|| t_string!(i18n, lock.label_not_given).to_owned());
                t_string!(i18n, lock.sealed_intro, label)
            };
            view! {
                <form class="cc-fields cc-preview cc-sealed-import" on:submit=submit>
                    <p>{intro}</p>
                    <Passphrase id=state.dom_id("import-pass") label=|l| td_string!(l, lock.import_pass) input=input current=true />
                    <p>
                        <button type="submit" class="cc-button cc-primary" prop:disabled=move || busy.get()>{move || t_string!(i18n, lock.open)}</button>
                        " "
                        <button type="button" class="cc-button" on:click=move |_| {
                            sealed.set(None);
                            message.set(String::new());
                        }>{move || t_string!(i18n, lock.cancel)}</button>
                    </p>
                </form>
            }
        })
    }
}

/// Whether the browser keeps this page's storage, and a reminder to export a backup when
/// records changed more than a week ago without one since.
#[component]
pub fn StorageKept() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    if state.lock.persisted.get_untracked().is_none() && state.saving() {
        leptos::task::spawn_local(async move {
            let answer = ask_storage(false).await;
            if state.lock.persisted.get_untracked().is_none() {
                state.lock.persisted.set(answer);
            }
        });
    }
    let reminder = move || state.saved.with(|s| backup_reminder(i18n.get_locale(), s, js_sys::Date::now()));
    view! {
        <p class="cc-persisted">
            {move || match (state.saving(), state.lock.persisted.get()) {
                (false, _) => "",
                (true, Some(true)) => t_string!(i18n, lock.kept),
                (true, Some(false)) => t_string!(i18n, lock.may_clear),
                (true, None) => t_string!(i18n, lock.not_said),
            }}
        </p>
        {move || reminder().map(|text| view! { <p class="cc-backup-reminder" role="status">{text}</p> })}
    }
}

/// A reminder to export a backup when a record changed more than a week ago and no backup
/// was made since, in `locale`.
pub fn backup_reminder(locale: Locale, saved: &Saved, now: f64) -> Option<&'static str> {
    let since = saved.last_backup.unwrap_or(0.0);
    let oldest_unsaved =
        saved.records.values().map(|r| r.updated).filter(|&u| u > since).fold(f64::INFINITY, f64::min);
    (now - oldest_unsaved > WEEK_MS).then(|| td_string!(locale, lock.backup_reminder))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::saved::Record;

    fn saved_with(updated: &[f64], last_backup: Option<f64>) -> Saved {
        let mut s = Saved { last_backup, ..Saved::default() };
        for (n, u) in updated.iter().enumerate() {
            let id = format!("r{n}");
            s.records.insert(id.clone(), Record { id, updated: *u, ..Record::default() });
        }
        s
    }

    #[test]
    fn a_backup_is_asked_for_once_a_change_is_a_week_old_without_one() {
        let day = 24.0 * 3600.0 * 1000.0;
        let now = 100.0 * day;
        assert!(backup_reminder(Locale::en, &saved_with(&[], None), now).is_none());
        assert!(backup_reminder(Locale::en, &saved_with(&[now - 2.0 * day], None), now).is_none());
        assert!(backup_reminder(Locale::en, &saved_with(&[now - 8.0 * day], None), now).is_some());
        // A backup after the change: nothing to remind.
        assert!(backup_reminder(Locale::en, &saved_with(&[now - 8.0 * day], Some(now - 7.5 * day)), now)
            .is_none());
        // A change after the last backup, eight days old.
        assert!(backup_reminder(
            Locale::en,
            &saved_with(&[now - 8.0 * day, now - 20.0 * day], Some(now - 9.0 * day)),
            now
        )
        .is_some());
    }

    #[test]
    fn why_the_prompt_shows_reads_in_english_as_it_is_kept() {
        for why in [OTHER_PASSPHRASE, LOCKED_HERE, LOCKED_ELSEWHERE, NEW_LOCK_ELSEWHERE] {
            assert_eq!(why_words(Locale::en, why), why);
            assert_ne!(why_words(Locale::fr, why), why, "{why}");
        }
        let day = 24.0 * 3600.0 * 1000.0;
        assert_eq!(
            backup_reminder(Locale::en, &saved_with(&[day], None), 9.0 * day),
            Some(
                "Records have changed for more than a week since the last backup: export one now, so that a \
                 browser clearing its storage cannot take them."
            )
        );
    }

    #[test]
    fn a_new_passphrase_is_long_enough_and_typed_twice_alike() {
        let english = Locale::en;
        assert!(check_new(english, "short", "short").is_err());
        assert!(check_new(english, "long enough words", "long enough word").is_err());
        assert!(check_new(english, "long enough words", "long enough words").is_ok());
        assert_eq!(
            check_new(english, "short", "short").unwrap_err(),
            "Choose a passphrase of at least 10 characters. A few unrelated words are easy to remember and hard to guess."
        );
    }
}

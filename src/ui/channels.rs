//! The project's own channels: those an embedding site gives (the `channels` mount option) and
//! those kept on this device, edited here; a picker for them; and the warning shown before a
//! message goes to a channel that cannot carry its label.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{t_string, td_string, tu_string, use_i18n, Locale};
use crate::model::channels::{
    add, archive_words, edit, in_use, readers_words, ProjectChannel, ARCHIVES, READERS,
};
use crate::model::decide::{Archive, ChannelCheck, Readers};
use crate::model::timeline;
use crate::model::tlp::Tlp;
use crate::ui::confirm::ConfirmButton;
use crate::ui::reasons;
use crate::ui::state::AppState;
use crate::ui::timeline::{now, random};
use crate::ui::tlp_badge::TlpBadge;

/// The channels the embedding site gave, provided as context by the root.
#[derive(Clone, Default)]
pub struct SiteChannels(pub Arc<Vec<ProjectChannel>>);

/// Every channel in use: the site's, then this device's, removed ones left out.
pub fn channels(state: AppState) -> Vec<ProjectChannel> {
    let site = use_context::<SiteChannels>().unwrap_or_default();
    state.saved.with(|s| in_use(&site.0, &s.channels).into_iter().cloned().collect())
}

/// A `<select>` of the channels in use, with "not said" first; sets `chosen`.
#[component]
pub fn ChannelSelect(
    id: String,
    class: &'static str,
    chosen: RwSignal<Option<ProjectChannel>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let site = use_context::<SiteChannels>().unwrap_or_default();
    let list = Memo::new(move |_| channels(state));
    // The chosen channel as the list has it now: changed here or in another tab, it is checked
    // as it is; removed, it is no longer chosen.
    Effect::new(move |_| {
        let now = list.with(|l| {
            chosen.with_untracked(|c| c.as_ref().map(|c| l.iter().find(|x| x.id == c.id).cloned()))
        });
        if let Some(now) = now {
            if chosen.with_untracked(|c| *c != now) {
                chosen.set(now);
            }
        }
    });
    view! {
        <select id=id class=class on:change=move |ev| {
            let key = event_target_value(&ev);
            chosen.set(list.with_untracked(|l| l.iter().find(|c| c.id == key).cloned()));
        }>
            <option value="" prop:selected=move || chosen.with(Option::is_none)>{move || t_string!(i18n, channels.not_said)}</option>
            {move || list.get().into_iter().map(|c| {
                let from_site = site.0.iter().any(|s| s.id == c.id);
                let id = c.id.clone();
                // The property, not the attribute: it follows `chosen` after the user has picked.
                let selected = move || chosen.with(|x| x.as_ref().is_some_and(|x| x.id == id));
                let (name, label) = (c.name.clone(), c.carries());
                let words = move || if from_site {
                    t_string!(i18n, channels.option_site, name = name.clone(), label)
                } else {
                    t_string!(i18n, channels.option, name = name.clone(), label)
                };
                view! { <option value=c.id.clone() prop:selected=selected>{words}</option> }
            }).collect_view()}
        </select>
    }
}

/// A warning shown before a message goes to a channel that cannot carry its label: the check's
/// answer `why`, a button that goes ahead anyway and one that stops.
#[component]
pub fn ChannelWarning(
    why: RwSignal<Option<ChannelCheck>>,
    /// The words of the button that goes ahead, for every language (`|l| td_string!(l, …)`).
    go: fn(Locale) -> &'static str,
    #[prop(into)] on_go: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        why.get().map(|check| {
            view! {
                <div class="cc-channel-warning" role="alert">
                    <p>{move || reasons::check(&check, i18n.get_locale())}</p>
                    <p>
                        <button type="button" class="cc-button cc-danger cc-go-anyway" on:click=move |_| {
                            why.set(None);
                            on_go.run(());
                        }>{move || go(i18n.get_locale())}</button>
                        " "
                        <button type="button" class="cc-button cc-stop" on:click=move |_| why.set(None)>{move || t_string!(i18n, channels.stop)}</button>
                    </p>
                </div>
            }
        })
    }
}

/// The project's channels, each of this device's with "Edit…" and "Remove…", and one form to
/// add a channel or to change the one being edited in place (its id kept, so log entries that
/// name it still find it). The site's channels are shown and never changed.
#[component]
pub fn ProjectChannels() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    let site = use_context::<SiteChannels>().unwrap_or_default();
    let list = Memo::new(move |_| channels(state));
    let (name_id, readers_id, archive_id, label_id) = (
        state.dom_id("ch-name"),
        state.dom_id("ch-readers"),
        state.dom_id("ch-archive"),
        state.dom_id("ch-label"),
    );
    let name = RwSignal::new(String::new());
    let readers = RwSignal::new(Readers::Members);
    let archive = RwSignal::new(Archive::Members);
    let label = RwSignal::new(Tlp::Green);
    let said = RwSignal::new(String::new());
    // The channel being changed: its id and its name when "Edit…" was pressed.
    let editing = RwSignal::new(None::<(String, String)>);
    let name_field = NodeRef::<leptos::html::Input>::new();
    let clear = move || {
        editing.set(None);
        name.set(String::new());
        readers.set(Readers::Members);
        archive.set(Archive::Members);
        label.set(Tlp::Green);
    };
    let sites = site.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let at = now();
        let channel = ProjectChannel {
            id: timeline::fresh_id('c', at, random()),
            name: name.get_untracked().trim().to_owned(),
            readers: readers.get_untracked(),
            archive: archive.get_untracked(),
            label: label.get_untracked(),
            changed: at,
            removed: None,
            former: Vec::new(),
        };
        let edited = editing.get_untracked();
        let apply = |kept: &mut crate::model::map::Map<ProjectChannel>| match &edited {
            Some((id, _)) => edit(kept, &sites.0, id, &channel, at),
            None => add(kept, &sites.0, channel.clone()),
        };
        // Checked on a copy first, so a refusal writes nothing; then applied to what is stored.
        if let Err(why) = state.saved.with_untracked(|s| apply(&mut s.channels.clone())) {
            said.set(why);
            return;
        }
        let mut applied = Ok(());
        state.change(|s| applied = apply(&mut s.channels));
        if let Err(why) = applied {
            // Another tab's change came between the check and the write.
            said.set(why);
            return;
        }
        let (n, carries) = (channel.name.clone(), channel.carries());
        let done = match edited {
            Some((_, old)) if old != n => tu_string!(i18n, channels.saved_renamed, old, name = n),
            Some(_) => tu_string!(i18n, channels.saved, name = n),
            None => tu_string!(i18n, channels.added, name = n),
        };
        said.set(if carries == channel.label {
            done
        } else {
            format!("{done} {}", tu_string!(i18n, channels.at_most, label = carries))
        });
        clear();
    };
    let rows = move || {
        list.get()
            .into_iter()
            .map(|c| {
                let from_site = site.0.iter().any(|s| s.id == c.id);
                let (words, kept) = (readers_words(c.readers), archive_words(c.archive));
                let id = c.id.clone();
                let remove = move || {
                    let id = id.clone();
                    state.change(|s| {
                        if let Some(c) = s.channels.get_mut(&id) {
                            c.removed = Some(now());
                            c.changed = now();
                        }
                    });
                };
                // The buttons of every row have the same words: each names its channel.
                let about = state.dom_id(&format!("channel-{}", c.id));
                let ch = c.clone();
                let start_edit = move |_| {
                    name.set(ch.name.clone());
                    readers.set(ch.readers);
                    archive.set(ch.archive);
                    label.set(ch.label);
                    said.set(String::new());
                    editing.set(Some((ch.id.clone(), ch.name.clone())));
                    if let Some(field) = name_field.get_untracked() {
                        let _ = field.focus();
                    }
                };
                view! {
                    <li class="cc-project-channel" data-channel=c.id.clone()>
                        <strong id=about.clone()>{c.name.clone()}</strong>
                        " " {move || t_string!(i18n, channels.carries)} " " <TlpBadge tlp=c.carries() /> " "
                        {move || t_string!(i18n, channels.or_looser)} " " {words} " "
                        {move || t_string!(i18n, channels.archives)} " " {kept}
                        {if from_site {
                            view! { " " {move || t_string!(i18n, channels.from_site)} }.into_any()
                        } else {
                            view! {
                                " "
                                <button type="button" class="cc-button cc-ch-edit" aria-describedby=about.clone() on:click=start_edit>{move || t_string!(i18n, channels.edit)}</button>
                                " "
                                <ConfirmButton
                                    ask=|l| td_string!(l, channels.remove)
                                    question=|l| td_string!(l, channels.remove_question)
                                    yes=|l| td_string!(l, channels.remove_yes)
                                    no=|l| td_string!(l, channels.remove_no)
                                    on_yes=remove
                                    described_by=about
                                />
                            }
                            .into_any()
                        }}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="cc-project-channels">
            <h2>{move || t_string!(i18n, channels.title)}</h2>
            <p>{move || t_string!(i18n, channels.intro)}</p>
            <ul class="cc-channel-list">{rows}</ul>
            <form class="cc-channel-form" on:submit=submit>
                <h3>{move || match editing.get() {
                    Some((_, old)) => t_string!(i18n, channels.change, name = old),
                    None => t_string!(i18n, channels.add_title).to_owned(),
                }}</h3>
                <p>
                    <label for=name_id.clone()>{move || t_string!(i18n, channels.name)} " "</label>
                    <input id=name_id class="cc-ch-name" type="text" autocomplete="off" node_ref=name_field prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </p>
                <p>
                    <label for=readers_id.clone()>{move || t_string!(i18n, channels.readers)} " "</label>
                    <select id=readers_id class="cc-ch-readers" on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if let Some(r) = READERS.iter().find(|r| r.1 == key) { readers.set(r.0) }
                    }>
                        {READERS.iter().map(|&(r, key, words)| view! { <option value=key prop:selected=move || readers.get() == r>{words}</option> }).collect_view()}
                    </select>
                </p>
                <p>
                    <label for=archive_id.clone()>{move || t_string!(i18n, channels.its_archives)} " "</label>
                    <select id=archive_id class="cc-ch-archive" on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if let Some(a) = ARCHIVES.iter().find(|a| a.1 == key) { archive.set(a.0) }
                    }>
                        {ARCHIVES.iter().map(|&(a, key, words)| view! { <option value=key prop:selected=move || archive.get() == a>{words}</option> }).collect_view()}
                    </select>
                </p>
                <p>
                    <label for=label_id.clone()>{move || t_string!(i18n, channels.strictest)} " "</label>
                    <select id=label_id class="cc-ch-label" on:change=move |ev| {
                        if let Ok(t) = event_target_value(&ev).parse() { label.set(t) }
                    }>
                        {Tlp::ALL.into_iter().map(|t| view! { <option value=t.as_str() prop:selected=move || label.get() == t>{t.as_str()}</option> }).collect_view()}
                    </select>
                </p>
                <p>
                    <button type="submit" class="cc-button cc-ch-add">{move || if editing.with(Option::is_some) { t_string!(i18n, channels.save) } else { t_string!(i18n, channels.add) }}</button>
                    {move || editing.with(Option::is_some).then(|| view! {
                        " " <button type="button" class="cc-button cc-ch-cancel" on:click=move |_| { clear(); said.set(String::new()); }>{move || t_string!(i18n, channels.cancel)}</button>
                    })}
                    " " <span role="status" class="cc-ch-said">{move || said.get()}</span>
                </p>
            </form>
        </section>
    }
}

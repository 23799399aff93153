//! The storage notice: shown whenever progress is not being kept as the user expects.

use leptos::prelude::*;

use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::store::Notice;
use crate::ui::download::download;
use crate::ui::errors;
use crate::ui::state::AppState;

/// A polite live region with the current storage notice, if any.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let i18n = use_i18n();
    view! {
        <div class="cc-notice-area" role="status">
            {move || state.notice.get().map(|n| {
                let kept = match &n {
                    Notice::Corrupt { kept_as, .. } => Some(kept_as.clone()),
                    _ => None,
                };
                view! {
                    <div class="cc-notice">
                        <p>{words(&n, i18n.get_locale())}</p>
                        {kept.map(|key| view! {
                            <button type="button" class="cc-button" on:click=move |_| {
                                if let Some(text) = state.raw(&key) {
                                    download("crisis-comms-damaged-data.txt", "text/plain", &text);
                                }
                            }>{move || t_string!(i18n, notice.download_damaged)}</button>
                        })}
                    </div>
                }
            })}
        </div>
    }
}

/// A storage notice in plain words, in `locale`. An exception the browser names is given by
/// its name.
pub fn words(notice: &Notice, locale: Locale) -> String {
    match notice {
        Notice::NotSaved => td_string!(locale, notice.not_saved).to_owned(),
        Notice::SessionOnly => td_string!(locale, notice.session_only).to_owned(),
        Notice::Corrupt { why, .. } => {
            td_string!(locale, notice.corrupt, why = errors::unreadable(why, locale))
        }
        Notice::Newer(why) => td_string!(locale, notice.newer, why = errors::unreadable(why, locale)),
        Notice::WriteFailed(why) => td_string!(locale, notice.write_failed, why = errors::write(why, locale)),
        Notice::ForgottenElsewhere => td_string!(locale, notice.forgotten_elsewhere).to_owned(),
        Notice::SessionOnlyIncomplete => td_string!(locale, notice.session_only_incomplete).to_owned(),
    }
}

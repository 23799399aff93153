//! Why something could not be read or opened, in the reader's language. The model and the store
//! say the same in English (their `Display`); the detail a parser or the browser adds stays as
//! it gives it.

use crate::i18n::{td_string, Locale};
use crate::model::saved::{self, DecodeError};
use crate::store::lock::{self, LockError};
use crate::store::{Unreadable, WriteError};

/// Why stored text or an imported file could not be read, in `locale`.
pub fn decode(e: &DecodeError, locale: Locale) -> String {
    match e {
        DecodeError::NotJson(why) => td_string!(locale, error.not_json, why = why.clone()),
        DecodeError::Corrupt(why) => td_string!(locale, error.damaged, why = why.clone()),
        DecodeError::Foreign => td_string!(locale, error.foreign).to_owned(),
        DecodeError::Newer(format) => td_string!(locale, error.newer, format, reads = saved::VERSION),
    }
}

/// Why encrypted text could not be made or opened, in `locale`.
pub fn lock(e: &LockError, locale: Locale) -> String {
    match e {
        LockError::Unavailable => td_string!(locale, error.no_crypto).to_owned(),
        LockError::Damaged(why) => td_string!(locale, error.sealed_damaged, why = why.clone()),
        LockError::Newer(format) => td_string!(locale, error.sealed_newer, format, reads = lock::VERSION),
        LockError::Refused => td_string!(locale, error.refused).to_owned(),
        LockError::OtherLock => td_string!(locale, error.other_lock).to_owned(),
    }
}

/// Why a change could not be written, in `locale`; an exception the browser names, by its name.
pub fn write(e: &WriteError, locale: Locale) -> String {
    match e {
        WriteError::Full => td_string!(locale, error.storage_full).to_owned(),
        WriteError::Named(name) => name.clone(),
        WriteError::Refused => td_string!(locale, error.storage_refused).to_owned(),
        WriteError::Lock(e) => lock(e, locale),
    }
}

/// Why stored data could not be read, in `locale`.
pub fn unreadable(e: &Unreadable, locale: Locale) -> String {
    match e {
        Unreadable::Data(e) => decode(e, locale),
        Unreadable::Lock(e) => lock(e, locale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_decode_error() -> Vec<DecodeError> {
        vec![
            DecodeError::NotJson("expected value at line 1 column 1".into()),
            DecodeError::Corrupt("missing field `records`".into()),
            DecodeError::Foreign,
            DecodeError::Newer(saved::VERSION + 1),
        ]
    }

    fn every_lock_error() -> Vec<LockError> {
        vec![
            LockError::Unavailable,
            LockError::Damaged("the salt is not base64".into()),
            LockError::Newer(lock::VERSION + 1),
            LockError::Refused,
            LockError::OtherLock,
        ]
    }

    #[test]
    fn in_english_the_interface_says_what_the_model_and_the_store_say() {
        for e in every_decode_error() {
            assert_eq!(decode(&e, Locale::en), e.to_string());
            assert_eq!(unreadable(&Unreadable::Data(e.clone()), Locale::en), e.to_string());
        }
        for e in every_lock_error() {
            assert_eq!(lock(&e, Locale::en), e.to_string());
            assert_eq!(unreadable(&Unreadable::Lock(e.clone()), Locale::en), e.to_string());
        }
    }

    #[test]
    fn other_languages_say_it_in_their_words_and_keep_the_detail() {
        for locale in [Locale::es, Locale::de, Locale::fr] {
            let said: Vec<(String, String)> = every_decode_error()
                .iter()
                .map(|e| (decode(e, locale), e.to_string()))
                .chain(every_lock_error().iter().map(|e| (lock(e, locale), e.to_string())))
                .collect();
            for (words, english) in &said {
                assert_ne!(words, english, "{locale:?}");
            }
            assert!(said[0].0.contains("expected value at line 1 column 1"), "{locale:?}: {}", said[0].0);
            let newer = format!("{}", saved::VERSION + 1);
            assert!(said[3].0.contains(&newer), "{locale:?}: {}", said[3].0);
            for e in [WriteError::Full, WriteError::Refused] {
                assert_ne!(write(&e, locale), write(&e, Locale::en), "{locale:?}");
            }
            let named = WriteError::Named("SecurityError".into());
            assert_eq!(write(&named, locale), "SecurityError", "the browser's name for it, as it is");
        }
    }

    #[test]
    fn a_failed_write_says_why_in_the_words_it_always_had_in_english() {
        assert_eq!(write(&WriteError::Full, Locale::en), "the browser's storage for this page is full");
        assert_eq!(write(&WriteError::Refused, Locale::en), "the browser refused to store it");
        let lock = WriteError::Lock(LockError::Unavailable);
        assert_eq!(write(&lock, Locale::en), LockError::Unavailable.to_string());
    }
}

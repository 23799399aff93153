//! The model's fixed vocabularies in the interface's language: audiences, stress-test answers,
//! project shapes, how a message went out, the built-in channels and the debrief's kinds of
//! point. The model keeps its English titles for the Markdown it writes; the interface shows
//! these words instead, one key per variant in `locales/*.json`. Called inside a closure that
//! reads the locale, so a change of language rewrites them.

use crate::i18n::{td_string, Locale};
use crate::model::assess::Answer;
use crate::model::audience::Audience;
use crate::model::checklist::{Scenario, Shape};
use crate::model::debrief::PointKind;
use crate::model::decide::Channel;
use crate::model::timeline::{Entry, How};

/// An audience's name.
pub fn audience(a: Audience, locale: Locale) -> &'static str {
    match a {
        Audience::Responders => td_string!(locale, audience.responders),
        Audience::Leadership => td_string!(locale, audience.leadership),
        Audience::Maintainers => td_string!(locale, audience.maintainers),
        Audience::Moderators => td_string!(locale, audience.moderators),
        Audience::Affected => td_string!(locale, audience.affected),
        Audience::Subject => td_string!(locale, audience.subject),
        Audience::Members => td_string!(locale, audience.members),
        Audience::Downstream => td_string!(locale, audience.downstream),
        Audience::Foundation => td_string!(locale, audience.foundation),
        Audience::Platform => td_string!(locale, audience.platform),
        Audience::Public => td_string!(locale, audience.public),
    }
}

/// Audiences as people read them: their names, separated by commas.
pub fn audiences(list: &[Audience], locale: Locale) -> String {
    list.iter().map(|&a| audience(a, locale)).collect::<Vec<_>>().join(", ")
}

/// A stress-test answer.
pub fn answer(a: Answer, locale: Locale) -> &'static str {
    match a {
        Answer::Resilient => td_string!(locale, answer.resilient),
        Answer::Partly => td_string!(locale, answer.partly),
        Answer::NotYet => td_string!(locale, answer.not_yet),
        Answer::NotApplicable => td_string!(locale, answer.not_applicable),
    }
}

/// A project's governance shape, starting with its article ("A single maintainer").
pub fn shape(s: Shape, locale: Locale) -> &'static str {
    match s {
        Shape::SingleMaintainer => td_string!(locale, shape.single_maintainer),
        Shape::SmallGroup => td_string!(locale, shape.small_group),
        Shape::CompanyLed => td_string!(locale, shape.company_led),
        Shape::FoundationHosted => td_string!(locale, shape.foundation_hosted),
    }
}

/// A shape inside a sentence ("Does not apply to a single maintainer"): its first letter in
/// lower case, as every language's words start with an article (the rest keeps its capitals,
/// German's nouns among them).
pub fn shape_in_sentence(s: Shape, locale: Locale) -> String {
    let words = shape(s, locale);
    let mut letters = words.chars();
    letters.next().map(|first| first.to_lowercase().chain(letters).collect()).unwrap_or_default()
}

/// How a logged message went out, in lower case where the language allows ("call").
pub fn how(h: How, locale: Locale) -> &'static str {
    match h {
        How::Copied => td_string!(locale, how.copied),
        How::Message => td_string!(locale, how.message),
        How::Call => td_string!(locale, how.call),
        How::Meeting => td_string!(locale, how.meeting),
    }
}

/// What a log entry was, in words: the message's title, or how it was done.
pub fn what(scenario: &Scenario, entry: &Entry, locale: Locale) -> String {
    match (&entry.template, entry.how) {
        (Some(id), How::Copied) => match scenario.template(id) {
            Some(t) => td_string!(locale, how.copied_template, title = t.title.clone()),
            None => td_string!(locale, how.copied_missing, id = id.clone()),
        },
        (_, h) => how(h, locale).to_owned(),
    }
}

/// A kind of channel of the channel check.
pub fn channel(c: Channel, locale: Locale) -> &'static str {
    match c {
        Channel::PublicTracker => td_string!(locale, channel.public_tracker),
        Channel::OpenChat => td_string!(locale, channel.open_chat),
        Channel::PublicList => td_string!(locale, channel.public_list),
        Channel::SocialMedia => td_string!(locale, channel.social_media),
        Channel::PrivateList => td_string!(locale, channel.private_list),
        Channel::GovernanceChannel => td_string!(locale, channel.governance_channel),
        Channel::NamedPeople => td_string!(locale, channel.named_people),
        Channel::Call => td_string!(locale, channel.call),
    }
}

/// A kind of debrief point, as a list's heading.
pub fn point(k: PointKind, locale: Locale) -> &'static str {
    match k {
        PointKind::WentWell => td_string!(locale, point.went_well),
        PointKind::Gap => td_string!(locale, point.gap),
        PointKind::Action => td_string!(locale, point.action),
    }
}

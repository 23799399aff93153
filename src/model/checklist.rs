//! The checklist schema: a scenario with sections of items, as parsed from Markdown.

use super::audience::Audience;
use super::drill::Drill;
use super::tlp::Tlp;

/// One scenario checklist, e.g. "A maintainer's account is compromised".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Stable identifier; stored progress is keyed by it.
    pub id: String,
    /// Title shown in the catalog and as the page heading.
    pub title: String,
    /// One line that says what happened.
    pub summary: String,
    /// When to open this checklist, in a sentence or two.
    pub when: String,
    /// Content version, raised when the steps change meaningfully.
    pub version: u32,
    /// For a translation: its language and the exact original it translates.
    pub translation: Option<Translation>,
    /// Free-form tags for filtering.
    pub tags: Vec<String>,
    /// More words that search finds the scenario by: what people type in a crisis.
    pub keywords: Vec<String>,
    /// The default label of a record made from this checklist.
    pub label: Tlp,
    /// Ids of related scenarios.
    pub related: Vec<String>,
    /// Sources and further reading.
    pub references: Vec<Reference>,
    /// The `{placeholders}` its templates use, each declared once.
    pub placeholders: Vec<Placeholder>,
    /// The phases of the response, in order.
    pub sections: Vec<Section>,
    /// Ready wording for the messages the scenario needs.
    pub templates: Vec<Template>,
    /// A communication checklist, a governance stress test or a drill.
    pub kind: ScenarioKind,
    /// For a drill: its roles, injects and debrief (`None` for the other kinds).
    pub drill: Option<Drill>,
}

/// What a checklist file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScenarioKind {
    /// Steps to communicate through a crisis.
    Checklist,
    /// Questions that test a project's governance against abuse.
    StressTest,
    /// A tabletop drill that rehearses a checklist (`checklists/drills/`).
    Drill,
}

/// The governance shape of a project; stress-test questions may apply to some shapes only.
/// Stored by its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// One person maintains the project.
    SingleMaintainer,
    /// A small group of maintainers, without formal governance.
    SmallGroup,
    /// A company leads the project.
    CompanyLed,
    /// A foundation hosts the project, with a steering council or similar.
    FoundationHosted,
}

impl Shape {
    /// Every shape, from the smallest.
    pub const ALL: [Shape; 4] =
        [Shape::SingleMaintainer, Shape::SmallGroup, Shape::CompanyLed, Shape::FoundationHosted];

    /// The keyword used in checklist files.
    pub const fn key(self) -> &'static str {
        match self {
            Shape::SingleMaintainer => "single-maintainer",
            Shape::SmallGroup => "small-group",
            Shape::CompanyLed => "company-led",
            Shape::FoundationHosted => "foundation-hosted",
        }
    }

    /// The words shown to people.
    pub const fn title(self) -> &'static str {
        match self {
            Shape::SingleMaintainer => "A single maintainer",
            Shape::SmallGroup => "A small group of maintainers",
            Shape::CompanyLed => "A company-led project",
            Shape::FoundationHosted => "A foundation-hosted project with a steering council",
        }
    }
}

impl std::str::FromStr for Shape {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Shape::ALL.into_iter().find(|x| x.key() == s).ok_or_else(|| {
            let known: Vec<&str> = Shape::ALL.iter().map(|x| x.key()).collect();
            format!("unknown governance shape `{s}`: expected one of {}", known.join(", "))
        })
    }
}

/// A value the user fills once per record, used as `{name}` in templates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// The name used in braces.
    pub name: String,
    /// What to fill in.
    pub description: String,
    /// An example value.
    pub example: String,
}

/// What a translated checklist file says about itself (`lang` and `source-sha256`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The language tag, like `es` or `pt-BR`.
    pub lang: String,
    /// The SHA-256 of the original file's bytes, as 64 lower-case hexadecimal digits.
    pub source_sha256: String,
}

/// A message template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// Stable identifier, unique within the scenario.
    pub id: String,
    /// What the message is, e.g. "Holding statement".
    pub title: String,
    /// The label the message carries.
    pub label: Tlp,
    /// Who receives it.
    pub audience: Vec<Audience>,
    /// Where to send or post it.
    pub channel: String,
    /// Subject line, for email-like channels; may be empty.
    pub subject: String,
    /// A restriction or permission the sender adds to the label, shown right after it; may be
    /// empty. May hold `{placeholders}`.
    pub sharing: String,
    /// The text, with `{placeholders}`.
    pub body: String,
}

/// Whether a step is communication guidance (the heart) or a response step it depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// Who to tell, what, when, with which label.
    Communication,
    /// An action that communication depends on.
    Response,
    /// A stress-test question, answered resilient, partly, not yet or not applicable.
    Question,
}

/// A titled link to a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// What the link is.
    pub title: String,
    /// An `https:` or `mailto:` address.
    pub url: String,
}

/// A phase of the response, such as "First hour".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Stable identifier, unique within the scenario.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Optional short introduction (Markdown text).
    pub intro: String,
    /// The steps, in order; never empty.
    pub items: Vec<Item>,
}

/// One step of a checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Stable identifier, unique within the scenario; progress is keyed by it.
    pub id: String,
    /// The step, in one sentence.
    pub text: String,
    /// Optional longer explanation (Markdown text).
    pub detail: String,
    /// Who the step's message or information is for; never empty.
    pub audience: Vec<Audience>,
    /// The label of the information the step handles.
    pub label: Tlp,
    /// Optional reason for the step.
    pub why: String,
    /// Communication guidance, a response step, or a stress-test question.
    pub kind: ItemKind,
    /// For stress-test questions: the governance shapes it applies to (empty: all).
    pub applies_to: Vec<Shape>,
}

impl Scenario {
    /// Every item of every section, in order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The message template with this id, if the checklist has one.
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }
}

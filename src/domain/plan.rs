//! The survivor's plan: a minimal record (a pseudonym, an age band, languages, a coarse place,
//! safe-contact preferences, notes — all encrypted by the store's callers, never in the index
//! or a log) and the needs of the plan with the survivor's own words, priority, goal, status
//! and target date. Nothing here makes one service conditional on another or on cooperation.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::needs::{Bilingual, Taxonomy};

const TEMPLATES_TOML: &str = include_str!("../../directory/taxonomy/plan-templates.toml");

/// An age band: no birth date is ever asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    /// Under 18.
    Minor,
    /// 18 to 24.
    Youth,
    /// 25 and over.
    Adult,
}

impl AgeBand {
    /// Every band.
    pub const ALL: [AgeBand; 3] = [AgeBand::Minor, AgeBand::Youth, AgeBand::Adult];

    /// Stable code (forms).
    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Minor => "minor",
            AgeBand::Youth => "youth",
            AgeBand::Adult => "adult",
        }
    }

    /// The band of a code.
    pub fn from_code(code: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.code() == code)
    }
}

/// How the survivor may be contacted safely, as they chose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPrefs {
    /// May we call?
    pub call: bool,
    /// May we text?
    pub text: bool,
    /// May we leave a voicemail?
    pub voicemail: bool,
    /// Safe hours, in their words ("weekdays after 6 pm").
    pub safe_hours: String,
    /// A code word to check it is really them (or to say they cannot talk).
    pub code_word: String,
}

/// The survivor's record as the advocate sees it. Sealed whole (CRY-1) before storage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurvivorRecord {
    /// A pseudonym or initials chosen with the survivor (no legal name).
    pub pseudonym: String,
    /// Age band.
    pub age_band: AgeBand,
    /// Preferred languages (ISO 639-1 codes).
    pub languages: Vec<String>,
    /// A city or ZIP code, to search near them.
    pub place: String,
    /// Safe-contact preferences.
    pub contact: ContactPrefs,
    /// Free-text notes.
    pub notes: String,
    /// The ways to reach them (phones, an email), each with whether it is safe to use.
    /// Records sealed before issue 17 have none.
    #[serde(default)]
    pub ways: Vec<ContactWay>,
}

/// A way to reach a survivor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactWay {
    /// Phone or email.
    pub kind: WayKind,
    /// The number or address.
    pub value: String,
    /// Whether it is safe to use.
    pub safe: SafeToUse,
}

/// What kind of way to reach someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WayKind {
    /// A phone (calls and texts as the contact preferences allow).
    Phone,
    /// An email address.
    Email,
}

/// Whether a way to reach them is safe to use: someone else may read the phone or the mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafeToUse {
    /// At any time.
    Yes,
    /// Only at the safe times of the contact preferences.
    SafeTimes,
    /// Not now (kept for later, or for the survivor's own reference).
    No,
}

impl SafeToUse {
    /// Every choice.
    pub const ALL: [SafeToUse; 3] = [SafeToUse::Yes, SafeToUse::SafeTimes, SafeToUse::No];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            SafeToUse::Yes => "yes",
            SafeToUse::SafeTimes => "safe_times",
            SafeToUse::No => "no",
        }
    }

    /// The choice of a code.
    pub fn from_code(code: &str) -> Option<SafeToUse> {
        SafeToUse::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A way to reach them as typed (`field` names the form field); `None` when the value is
/// empty. A phone is 7 to 20 characters of digits and `+ -.()` spaces; an email has one `@`
/// with something on each side and no spaces.
pub fn way(
    kind: WayKind,
    value: &str,
    safe: &str,
    field: &'static str,
) -> Result<Option<ContactWay>, PlanInvalid> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let fits = match kind {
        WayKind::Phone => {
            (7..=20).contains(&value.chars().count())
                && value.chars().filter(char::is_ascii_digit).count() >= 7
                && value.chars().all(|c| c.is_ascii_digit() || " +-.()".contains(c))
        }
        WayKind::Email => {
            value.len() <= 254
                && !value.contains(char::is_whitespace)
                && value
                    .split_once('@')
                    .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@'))
        }
    };
    if !fits {
        return Err(PlanInvalid::Way(field));
    }
    let safe = SafeToUse::from_code(safe).ok_or(PlanInvalid::Way(field))?;
    Ok(Some(ContactWay {
        kind,
        value: value.to_owned(),
        safe,
    }))
}

/// Where a need of the plan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedStatus {
    /// Named, nothing arranged yet.
    Identified,
    /// A provider is being found or asked.
    BeingArranged,
    /// Receiving the service.
    InService,
    /// Met.
    Met,
    /// The survivor said no (their choice, always respected).
    Declined,
    /// Paused.
    OnHold,
}

impl NeedStatus {
    /// Every status, in the order a need usually moves.
    pub const ALL: [NeedStatus; 6] = [
        NeedStatus::Identified,
        NeedStatus::BeingArranged,
        NeedStatus::InService,
        NeedStatus::Met,
        NeedStatus::Declined,
        NeedStatus::OnHold,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            NeedStatus::Identified => "identified",
            NeedStatus::BeingArranged => "being_arranged",
            NeedStatus::InService => "in_service",
            NeedStatus::Met => "met",
            NeedStatus::Declined => "declined",
            NeedStatus::OnHold => "on_hold",
        }
    }

    /// The status of a code.
    pub fn from_code(code: &str) -> Option<NeedStatus> {
        NeedStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Where a need stands among needs of one priority on a plan: what is still to be
    /// done first, then what is under way, then what is over.
    pub fn rank(self) -> u8 {
        match self {
            NeedStatus::Identified => 0,
            NeedStatus::BeingArranged => 1,
            NeedStatus::OnHold => 2,
            NeedStatus::InService => 3,
            NeedStatus::Met => 4,
            NeedStatus::Declined => 5,
        }
    }

    /// Whether the need still asks for work.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            NeedStatus::Identified | NeedStatus::BeingArranged | NeedStatus::InService | NeedStatus::OnHold
        )
    }
}

/// The survivor's priority for a need, which they set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Now.
    High,
    /// Soon.
    Medium,
    /// Later.
    Low,
}

impl Priority {
    /// Every priority, highest first.
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    /// The priority of a code.
    pub fn from_code(code: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// The words of a need, in the survivor's and the advocate's own terms. Sealed (CRY-1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedWords {
    /// "What matters to me", in the survivor's words.
    pub their_words: String,
    /// The goal they set together.
    pub goal: String,
}

/// A plan template: the needs a new plan starts with.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTemplate {
    /// Stable code.
    pub code: String,
    /// Label.
    pub label: Bilingual,
    /// Need codes.
    pub needs: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplatesFile {
    template: Vec<PlanTemplate>,
}

/// The plan templates built into this binary (`directory/taxonomy/plan-templates.toml`).
pub fn templates() -> &'static [PlanTemplate] {
    static BUILTIN: OnceLock<Vec<PlanTemplate>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        toml::from_str::<TemplatesFile>(TEMPLATES_TOML)
            .map(|f| f.template)
            .unwrap_or_default()
    })
}

/// Why a value typed into the planner was refused; the field is named for the page.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanInvalid {
    /// Empty or too long a pseudonym.
    #[error("pseudonym: 1 to 80 characters")]
    Pseudonym,
    /// Not an age band.
    #[error("age_band: choose one")]
    AgeBand,
    /// Not a language code.
    #[error("languages: two-letter codes")]
    Languages,
    /// Too long a text.
    #[error("{0}: too long")]
    TooLong(&'static str),
    /// Not a need of the taxonomy.
    #[error("need: not a need")]
    Need,
    /// Not a template.
    #[error("template: not a template")]
    Template,
    /// Not a status.
    #[error("status: not a status")]
    Status,
    /// Not a priority.
    #[error("priority: not a priority")]
    Priority,
    /// Not a date (the field is named).
    #[error("{0}: not a date")]
    Date(&'static str),
    /// Not a phone number or email address, or no "safe to use" (the field is named).
    #[error("{0}: not a way to reach them")]
    Way(&'static str),
}

impl PlanInvalid {
    /// The form field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            PlanInvalid::Pseudonym => "pseudonym",
            PlanInvalid::AgeBand => "age_band",
            PlanInvalid::Languages => "languages",
            PlanInvalid::TooLong(f) => f,
            PlanInvalid::Need => "need",
            PlanInvalid::Template => "template",
            PlanInvalid::Status => "status",
            PlanInvalid::Priority => "priority",
            PlanInvalid::Date(f) | PlanInvalid::Way(f) => f,
        }
    }
}

/// A text field trimmed and at most `max` characters.
pub fn text(value: &str, max: usize, field: &'static str) -> Result<String, PlanInvalid> {
    let t = value.trim();
    if t.chars().count() > max {
        return Err(PlanInvalid::TooLong(field));
    }
    Ok(t.to_owned())
}

/// A pseudonym: 1 to 80 characters.
pub fn pseudonym(value: &str) -> Result<String, PlanInvalid> {
    let t = value.trim();
    if t.is_empty() || t.chars().count() > 80 || t.chars().any(char::is_control) {
        return Err(PlanInvalid::Pseudonym);
    }
    Ok(t.to_owned())
}

/// Languages as the form joins them ("es, en"): codes of [`super::languages::LANGUAGES`],
/// no repeats, in the order given (the first is the one their copy is printed in).
pub fn languages(value: &str) -> Result<Vec<String>, PlanInvalid> {
    let mut out: Vec<String> = Vec::new();
    for part in value.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        let code = part.to_ascii_lowercase();
        if super::languages::by_code(&code).is_none() {
            return Err(PlanInvalid::Languages);
        }
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// A need code of the taxonomy.
pub fn need(code: &str) -> Result<String, PlanInvalid> {
    Taxonomy::builtin()
        .need(code)
        .map(|n| n.code.clone())
        .ok_or(PlanInvalid::Need)
}

/// A `YYYY-MM-DD` date typed into `field`, or none when empty.
pub fn date(value: &str, field: &'static str) -> Result<Option<String>, PlanInvalid> {
    let t = value.trim();
    if t.is_empty() {
        return Ok(None);
    }
    super::day::parse(t)
        .map(|d| Some(d.to_string()))
        .ok_or(PlanInvalid::Date(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_name_real_needs() {
        let t = templates();
        assert_eq!(t.len(), 3);
        for template in t {
            for code in &template.needs {
                assert!(need(code).is_ok(), "{} names {code}", template.code);
            }
        }
    }

    #[test]
    fn form_values() {
        assert_eq!(languages("EN, es es").unwrap(), vec!["en", "es"]);
        assert_eq!(languages("english"), Err(PlanInvalid::Languages));
        assert_eq!(languages("xx"), Err(PlanInvalid::Languages), "not on the list");
        assert_eq!(languages("es, other").unwrap(), vec!["es", "other"]);
        let phone = way(WayKind::Phone, " (713) 555-0100 ", "safe_times", "phone_1")
            .unwrap()
            .unwrap();
        assert_eq!(
            (phone.value.as_str(), phone.safe),
            ("(713) 555-0100", SafeToUse::SafeTimes)
        );
        assert_eq!(way(WayKind::Phone, "", "", "phone_1"), Ok(None));
        assert_eq!(
            way(WayKind::Phone, "call me", "yes", "phone_1"),
            Err(PlanInvalid::Way("phone_1"))
        );
        assert_eq!(
            way(WayKind::Phone, "713 555 0100", "", "phone_1"),
            Err(PlanInvalid::Way("phone_1"))
        );
        assert_eq!(
            way(WayKind::Email, "a@b", "yes", "email"),
            Err(PlanInvalid::Way("email"))
        );
        assert!(
            way(WayKind::Email, "a@example.org", "no", "email")
                .unwrap()
                .is_some()
        );
        assert_eq!(pseudonym("  "), Err(PlanInvalid::Pseudonym));
        assert_eq!(
            date("2027-02-30", "target_date"),
            Err(PlanInvalid::Date("target_date"))
        );
        assert_eq!(
            date("2027-02-28", "follow_up").unwrap().as_deref(),
            Some("2027-02-28")
        );
        assert_eq!(
            text(&"x".repeat(11), 10, "notes"),
            Err(PlanInvalid::TooLong("notes"))
        );
        for s in NeedStatus::ALL {
            assert_eq!(NeedStatus::from_code(s.code()), Some(s));
        }
    }
}

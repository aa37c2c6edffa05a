//! Conditions a service puts on help. Pathways treats help as unconditional by default, so
//! every condition is a named, filterable fact rather than free text.

use serde::{Deserialize, Serialize};

/// A condition a service places on receiving help (see `directory/taxonomy/conditions.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Requires a police report or cooperation with law enforcement.
    PoliceReport,
    /// Requires sobriety.
    Sobriety,
    /// Requires an identity document.
    IdRequired,
    /// Checks immigration status.
    ImmigrationStatus,
    /// Requires taking part in faith activities.
    Faith,
    /// Requires a parent's or guardian's consent for minors.
    GuardianConsent,
    /// Staff are mandated reporters.
    MandatedReporter,
    /// Costs money.
    Fee,
}

impl Condition {
    /// Every condition, in display order.
    pub const ALL: [Condition; 8] = [
        Condition::PoliceReport,
        Condition::Sobriety,
        Condition::IdRequired,
        Condition::ImmigrationStatus,
        Condition::Faith,
        Condition::GuardianConsent,
        Condition::MandatedReporter,
        Condition::Fee,
    ];

    /// The stable code used in data files, URLs and the API.
    pub fn code(self) -> &'static str {
        match self {
            Condition::PoliceReport => "police_report",
            Condition::Sobriety => "sobriety",
            Condition::IdRequired => "id_required",
            Condition::ImmigrationStatus => "immigration_status",
            Condition::Faith => "faith",
            Condition::GuardianConsent => "guardian_consent",
            Condition::MandatedReporter => "mandated_reporter",
            Condition::Fee => "fee",
        }
    }

    /// The condition with this code, if any.
    pub fn from_code(code: &str) -> Option<Condition> {
        Condition::ALL.into_iter().find(|c| c.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Condition::ALL {
            assert_eq!(Condition::from_code(c.code()), Some(c));
        }
        assert_eq!(Condition::from_code("police"), None);
    }
}

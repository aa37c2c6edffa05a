//! Consent to share a survivor's information with one provider organisation (LEG-1): written
//! (recorded with its witness), specific (recipient, field groups, purpose), time-limited and
//! revocable with immediate effect. Services never depend on it: a referral without consent
//! shares nothing and still works (LEG-2).

/// A group of fields a survivor may agree to share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldGroup {
    /// Their chosen name or initials, age band and languages.
    Identity,
    /// How to reach them safely: contact preferences and place.
    Contact,
    /// Their own words about the referred needs.
    Needs,
}

impl FieldGroup {
    /// Every group.
    pub const ALL: [FieldGroup; 3] = [FieldGroup::Identity, FieldGroup::Contact, FieldGroup::Needs];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            FieldGroup::Identity => "identity",
            FieldGroup::Contact => "contact",
            FieldGroup::Needs => "needs",
        }
    }

    /// The group of a code.
    pub fn from_code(code: &str) -> Option<FieldGroup> {
        FieldGroup::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// Whether a consent given on `created` (Unix second), expiring at the start of `expires`
/// (`YYYY-MM-DD`, UTC) and revoked or not, is in force at `now`.
pub fn in_force(expires: &str, revoked: Option<i64>, now: i64) -> bool {
    if revoked.is_some() {
        return false;
    }
    let Ok(day) = expires.parse::<jiff::civil::Date>() else {
        return false; // REL-4: an unreadable expiry shares nothing
    };
    day.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map(|z| now < z.timestamp().as_second())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_and_revocation() {
        let day = 1_795_910_400; // 2026-11-29 00:00 UTC
        assert!(in_force("2026-11-30", None, day + 3600));
        assert!(
            !in_force("2026-11-29", None, day + 1),
            "expires at the start of its day"
        );
        assert!(!in_force("2026-12-31", Some(day), day + 1), "revoked");
        assert!(!in_force("garbage", None, 0));
        for g in FieldGroup::ALL {
            assert_eq!(FieldGroup::from_code(g.code()), Some(g));
        }
    }
}

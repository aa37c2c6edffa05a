//! Times as an agency's staff read them (issue 17): each agency has a time zone, set by its
//! admins (or from its city when it was created); pages and "today" speak it, and stored
//! times stay UTC. Staff of no agency (directory admins, provider staff) read UTC.

use super::*;
use crate::domain::staff::{AgencyId, Grant, Scope};

/// The zone of someone with no agency, or of an agency that has not set one.
pub const UTC: &str = "UTC";

impl Staff {
    /// The time zone of the first agency among `grants` that has set one, else UTC.
    pub(super) fn time_zone_of_grants(&self, grants: &[Grant]) -> Result<String, StaffError> {
        for g in grants {
            if let Scope::Agency(agency) = &g.scope
                && let Some(zone) = self.directory.store.agency_settings(agency)?.time_zone
            {
                return Ok(zone);
            }
        }
        Ok(UTC.to_owned())
    }

    /// An agency's time zone (UTC until set).
    pub(super) fn agency_time_zone(&self, agency: &AgencyId) -> Result<String, StaffError> {
        Ok(self
            .directory
            .store
            .agency_settings(agency)?
            .time_zone
            .unwrap_or_else(|| UTC.to_owned()))
    }
}

/// The date (`YYYY-MM-DD`) at `unix` in `zone` (UTC for a zone jiff does not know).
pub fn local_date(unix: i64, zone: &str) -> String {
    let Ok(t) = jiff::Timestamp::from_second(unix) else {
        return String::new();
    };
    let zoned = t.in_tz(zone).or_else(|_| t.in_tz(UTC));
    zoned.map(|z| z.date().to_string()).unwrap_or_default()
}

/// A moment as staff read it in `zone`: "4 Dec 2026 10:12 CST".
pub fn local_time(unix: i64, zone: &str) -> String {
    let Ok(t) = jiff::Timestamp::from_second(unix) else {
        return String::new();
    };
    let zoned = t.in_tz(zone).or_else(|_| t.in_tz(UTC));
    zoned
        .map(|z| z.strftime("%-d %b %Y %H:%M %Z").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(iso: &str) -> i64 {
        iso.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    #[test]
    fn just_after_midnight_utc_it_is_still_yesterday_evening_in_houston() {
        let t = at("2026-12-04T05:30:00Z");
        assert_eq!(local_date(t, "America/Chicago"), "2026-12-03");
        assert_eq!(local_time(t, "America/Chicago"), "3 Dec 2026 23:30 CST");
        assert_eq!(local_date(t, UTC), "2026-12-04");
        assert_eq!(local_time(t, UTC), "4 Dec 2026 05:30 UTC");
        assert_eq!(local_date(t, "Pacific/Honolulu"), "2026-12-03");
    }

    #[test]
    fn daylight_saving_time_starts_and_ends_on_the_right_hour() {
        // Spring forward in Chicago: 2 am CST is 3 am CDT, at 08:00 UTC on 8 March 2026.
        assert_eq!(
            local_time(at("2026-03-08T07:59:00Z"), "America/Chicago"),
            "8 Mar 2026 01:59 CST"
        );
        assert_eq!(
            local_time(at("2026-03-08T08:00:00Z"), "America/Chicago"),
            "8 Mar 2026 03:00 CDT"
        );
        // Fall back on 1 November 2026: 2 am CDT is 1 am CST, at 07:00 UTC.
        assert_eq!(
            local_time(at("2026-11-01T06:30:00Z"), "America/Chicago"),
            "1 Nov 2026 01:30 CDT"
        );
        assert_eq!(
            local_time(at("2026-11-01T07:30:00Z"), "America/Chicago"),
            "1 Nov 2026 01:30 CST"
        );
        // Arizona keeps standard time all year.
        assert_eq!(
            local_time(at("2026-07-01T19:00:00Z"), "America/Phoenix"),
            "1 Jul 2026 12:00 MST"
        );
    }

    #[test]
    fn an_unknown_zone_reads_as_utc() {
        assert_eq!(
            local_time(at("2026-12-04T05:30:00Z"), "Mars/Olympus"),
            "4 Dec 2026 05:30 UTC"
        );
    }
}

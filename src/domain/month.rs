//! A calendar month in UTC: the unit of the unmet-need reports' periods. Their counts are kept
//! as monthly tallies (see `store::tallies`), so a report covers whole months; a task force
//! reports by month, quarter or year anyway.

use std::fmt;

/// A month, counted from year 0 (`year * 12 + month - 1`), so that months subtract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i64);

impl Month {
    /// The month `year`-`month` (1–12).
    pub fn new(year: i64, month: i64) -> Month {
        Month(year * 12 + month - 1)
    }

    /// The UTC month of a Unix second.
    pub fn of_second(second: i64) -> Month {
        let (year, month, _) = civil_from_days(second.div_euclid(86_400));
        Month::new(year, month)
    }

    /// Its year and its month (1–12).
    pub fn year_month(self) -> (i64, i64) {
        (self.0.div_euclid(12), self.0.rem_euclid(12) + 1)
    }

    /// The Unix second it begins at.
    pub fn first_second(self) -> i64 {
        let (year, month) = self.year_month();
        days_from_civil(year, month, 1) * 86_400
    }

    /// The last Unix second in it.
    pub fn last_second(self) -> i64 {
        Month(self.0 + 1).first_second() - 1
    }

    /// `n` months later (earlier when negative).
    pub fn plus(self, n: i64) -> Month {
        Month(self.0 + n)
    }

    /// The month `text` names: `YYYY-MM`, or a whole day `YYYY-MM-DD` (its month), as a
    /// report's address from before periods were months has it.
    pub fn parse(text: &str) -> Option<Month> {
        if let Some(day) = super::day::parse(text) {
            return Some(Month::new(i64::from(day.year()), i64::from(day.month())));
        }
        let b = text.as_bytes();
        let shape = b.len() == 7
            && b.iter().enumerate().all(|(i, c)| match i {
                4 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
        if !shape {
            return None;
        }
        let (year, month) = (text[..4].parse().ok()?, text[5..].parse().ok()?);
        (1..=12).contains(&month).then(|| Month::new(year, month))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month) = self.year_month();
        write!(f, "{year:04}-{month:02}")
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day counted from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_begin_and_end_where_the_calendar_says() {
        // 2026-12-01T00:00:00Z and the second before it.
        assert_eq!(Month::of_second(1_796_083_200), Month::new(2026, 12));
        assert_eq!(Month::of_second(1_796_083_199), Month::new(2026, 11));
        assert_eq!(Month::new(2026, 12).first_second(), 1_796_083_200);
        assert_eq!(Month::new(2026, 11).last_second(), 1_796_083_199);
        assert_eq!(Month::of_second(0), Month::new(1970, 1));
        // A leap day, and the month after a December.
        assert_eq!(
            Month::new(2028, 2).last_second() - Month::new(2028, 2).first_second() + 1,
            29 * 86_400
        );
        assert_eq!(Month::new(2026, 12).plus(1), Month::new(2027, 1));
        assert_eq!(Month::new(2026, 1).plus(-1).to_string(), "2025-12");
    }

    #[test]
    fn a_month_is_typed_as_year_and_month_or_a_day_in_it() {
        assert_eq!(Month::parse("2026-03"), Some(Month::new(2026, 3)));
        assert_eq!(Month::parse("2026-03-31"), Some(Month::new(2026, 3)));
        for wrong in ["2026-13", "2026-00", "26-03", "2026/03", "march", "", "2026-3"] {
            assert_eq!(Month::parse(wrong), None, "{wrong}");
        }
    }
}

//! Opening hours as intervals of a week in the service's own time zone.
//!
//! A week is counted in minutes from Monday 00:00 (0) to the next Monday (10080). An interval
//! that runs past midnight simply ends on the next day; one that runs past Sunday midnight is
//! split in two, so "is it open now" is always a plain range test.

use serde::{Deserialize, Serialize};

/// Minutes in a week.
pub const WEEK: u32 = 7 * 24 * 60;
const DAY: u32 = 24 * 60;
const DAY_CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// One opening, `[start, end)` in minutes of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// Opening minute of the week.
    pub start: u32,
    /// Closing minute of the week (exclusive), at most [`WEEK`].
    pub end: u32,
}

/// A service's weekly hours; empty means "hours not published".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WeeklyHours {
    intervals: Vec<Interval>,
}

/// A weekly opening as written in a data file.
#[derive(Debug, PartialEq, Eq)]
pub struct Opening<'a> {
    /// Day codes (`MO`..`SU`), comma separated; empty means every day.
    pub byday: &'a str,
    /// `HH:MM` (seconds and a UTC offset are tolerated and ignored).
    pub opens_at: &'a str,
    /// `HH:MM`; earlier than `opens_at` means the next day; `23:59` means midnight.
    pub closes_at: &'a str,
}

/// Minutes since Monday 00:00 in `zone` at `now` (`None` for an unknown zone).
pub fn minute_of_week(now: jiff::Timestamp, zone: &str) -> Option<u32> {
    let local = now.in_tz(zone).ok()?;
    let day = u32::from(local.weekday().to_monday_zero_offset().unsigned_abs());
    Some((day * DAY + local.hour() as u32 * 60 + local.minute() as u32) % WEEK)
}

impl WeeklyHours {
    /// At `now` in `zone`: open or not, and the openings that begin that day (`None` when
    /// no hours are published or the zone is unknown).
    pub fn today(&self, now: jiff::Timestamp, zone: &str) -> Option<(bool, Vec<String>)> {
        if self.is_empty() {
            return None;
        }
        let minute = minute_of_week(now, zone)?;
        let open = self.is_open_at(minute);
        // Open on last night's opening (03:00 in a 22:00–06:00 shelter): show it, or the
        // day would read "open now, closed today".
        let sunday_night = self
            .intervals
            .last()
            .is_some_and(|l| l.end == WEEK && l.start > 0);
        let opened_today = self.intervals.iter().any(|i| {
            let carried = i.start == 0 && sunday_night; // Monday's part of Sunday night
            !carried && i.start / DAY == minute / DAY && i.start <= minute && minute < i.end
        });
        let spans = if open && !opened_today {
            self.day_texts(minute / DAY)
        } else {
            self.week_texts(minute / DAY)
        };
        Some((open, spans))
    }

    /// Open around the clock.
    pub fn always() -> WeeklyHours {
        WeeklyHours {
            intervals: vec![Interval { start: 0, end: WEEK }],
        }
    }

    /// Builds hours from openings, skipping any that do not parse (an unreadable schedule
    /// must not hide the rest of a listing). Returns the hours and the openings skipped.
    pub fn from_openings<'a>(openings: impl IntoIterator<Item = Opening<'a>>) -> (WeeklyHours, usize) {
        let mut hours = WeeklyHours::default();
        let mut skipped = 0;
        for o in openings {
            match (
                parse_clock(o.opens_at),
                parse_clock(o.closes_at),
                parse_days(o.byday),
            ) {
                (Some(open), Some(close), Some(days)) => {
                    let close = if close == DAY - 1 || close == DAY {
                        DAY
                    } else {
                        close
                    };
                    let length = if close > open {
                        close - open
                    } else {
                        DAY - open + close
                    };
                    for day in days {
                        hours.add(day * DAY + open, length);
                    }
                }
                _ => skipped += 1,
            }
        }
        hours.normalise();
        (hours, skipped)
    }

    /// The intervals, sorted and merged.
    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    /// Whether no hours are published.
    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    /// Open all week long.
    pub fn is_always_open(&self) -> bool {
        self.intervals == [Interval { start: 0, end: WEEK }]
    }

    /// Whether the service is open at this minute of the week.
    pub fn is_open_at(&self, minute_of_week: u32) -> bool {
        contains(&self.intervals, minute_of_week % WEEK)
    }

    /// The openings that start on `day` (0 = Monday) as `HH:MM–HH:MM` texts; an interval
    /// that started the day before and is still running shows as `00:00–HH:MM`.
    pub fn day_texts(&self, day: u32) -> Vec<String> {
        let (from, to) = (day * DAY, (day + 1) * DAY);
        self.intervals
            .iter()
            .filter(|i| i.end > from && i.start < to)
            .map(|i| {
                if i.start < from {
                    format!("00:00–{}", clock(i.end.min(to) - from))
                } else if i.end == WEEK && i.start > from && self.monday_morning().is_some() {
                    // Sunday night into Monday: the week was split at midnight; show it whole
                    // when it is one night (a stretch of more than a day shows day by day).
                    let close = self.monday_morning().unwrap_or(0);
                    if WEEK - i.start + close < DAY {
                        format!("{}–{}", clock(i.start - from), clock(close))
                    } else {
                        format!("{}–24:00", clock(i.start - from))
                    }
                } else if i.end <= to {
                    format!("{}–{}", clock(i.start - from), clock(i.end - from))
                } else if i.end - i.start < DAY {
                    // Past midnight: the closing time is on the next day's clock.
                    format!("{}–{}", clock(i.start - from), clock(i.end - to))
                } else {
                    format!("{}–24:00", clock(i.start - from))
                }
            })
            .collect()
    }

    /// The openings that begin on `day` (0 = Monday), for a table of the week: unlike
    /// [`WeeklyHours::day_texts`], the end of the night before is not repeated.
    pub fn week_texts(&self, day: u32) -> Vec<String> {
        let from = day * DAY;
        // The Sunday part of a night that runs into Monday morning.
        let sunday_part = self
            .intervals
            .last()
            .filter(|i| i.end == WEEK && i.start > 6 * DAY)
            .map(|i| WEEK - i.start);
        // A night shorter than a day was shown whole on the day it began: its morning part
        // is not repeated. A longer stretch shows on each of its days.
        let carried: Vec<String> = self
            .intervals
            .iter()
            .filter(|i| i.start < from && i.end > from && i.end - i.start < DAY)
            .chain(self.intervals.first().filter(|i| {
                day == 0 && i.start == 0 && sunday_part.is_some_and(|sunday| sunday + i.end < DAY)
            }))
            .map(|i| format!("00:00–{}", clock(i.end.min(from + DAY) - from)))
            .collect();
        self.day_texts(day)
            .into_iter()
            .filter(|t| !carried.contains(t))
            .collect()
    }

    /// The end of an opening that started on Sunday and runs into Monday morning.
    fn monday_morning(&self) -> Option<u32> {
        self.intervals
            .first()
            .filter(|i| i.start == 0 && i.end < DAY)
            .map(|i| i.end)
    }

    fn add(&mut self, start: u32, length: u32) {
        let end = start + length;
        if end <= WEEK {
            self.intervals.push(Interval { start, end });
        } else {
            self.intervals.push(Interval { start, end: WEEK });
            self.intervals.push(Interval {
                start: 0,
                end: end - WEEK,
            });
        }
    }

    fn normalise(&mut self) {
        self.intervals.sort_by_key(|i| i.start);
        let mut merged: Vec<Interval> = Vec::with_capacity(self.intervals.len());
        for i in self.intervals.drain(..) {
            match merged.last_mut() {
                Some(last) if i.start <= last.end => last.end = last.end.max(i.end),
                _ => merged.push(i),
            }
        }
        self.intervals = merged;
    }
}

/// Whether `minute` falls in one of the sorted intervals.
fn contains(intervals: &[Interval], minute: u32) -> bool {
    intervals.iter().any(|i| i.start <= minute && minute < i.end)
}

/// `HH:MM` for minutes of a day (1440 shows as 24:00).
fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn parse_clock(text: &str) -> Option<u32> {
    let text = text.trim();
    let mut parts = text.get(..5)?.split(':');
    let hours: u32 = parts.next()?.parse().ok()?;
    let minutes: u32 = parts.next()?.parse().ok()?;
    // 24:00 is how many schedules write midnight at the end of a day.
    let valid = (hours < 24 && minutes < 60) || (hours == 24 && minutes == 0);
    valid.then_some(hours * 60 + minutes)
}

fn parse_days(byday: &str) -> Option<Vec<u32>> {
    if byday.trim().is_empty() {
        return Some((0..7).collect());
    }
    byday
        .split(',')
        .map(|d| {
            // RFC 5545 allows a numeric prefix ("1MO"); weekly hours ignore it.
            let code = d
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
            DAY_CODES
                .iter()
                .position(|c| c.eq_ignore_ascii_case(code))
                .map(|p| p as u32)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(spec: &[(&str, &str, &str)]) -> WeeklyHours {
        let (h, skipped) = WeeklyHours::from_openings(spec.iter().map(|(d, o, c)| Opening {
            byday: d,
            opens_at: o,
            closes_at: c,
        }));
        assert_eq!(skipped, 0);
        h
    }

    #[test]
    fn weekday_office_hours() {
        let h = hours(&[("MO,TU,WE,TH,FR", "09:00", "17:00")]);
        assert!(h.is_open_at(9 * 60));
        assert!(!h.is_open_at(17 * 60));
        assert!(!h.is_open_at(5 * DAY + 10 * 60), "closed on Saturday");
        assert_eq!(h.day_texts(0), vec!["09:00–17:00"]);
        assert!(h.day_texts(6).is_empty());
    }

    #[test]
    fn overnight_drop_in_is_open_after_midnight_on_the_next_day() {
        let h = hours(&[("FR,SA", "20:00", "07:00")]);
        assert!(h.is_open_at(4 * DAY + 21 * 60), "Friday 21:00");
        assert!(h.is_open_at(5 * DAY + 3 * 60), "Saturday 03:00");
        assert!(
            h.is_open_at(6 * DAY + 6 * 60),
            "Sunday 06:00, from Saturday night"
        );
        assert!(!h.is_open_at(6 * DAY + 8 * 60), "Sunday 08:00");
        assert!(!h.is_open_at(3 * DAY + 23 * 60), "Thursday night");
        assert_eq!(h.day_texts(4), vec!["20:00–07:00"]);
    }

    #[test]
    fn sunday_night_wraps_to_monday_morning() {
        let h = hours(&[("SU", "22:00", "06:00")]);
        assert!(h.is_open_at(6 * DAY + 23 * 60));
        assert!(h.is_open_at(60), "Monday 01:00");
        assert!(!h.is_open_at(7 * 60));
        assert_eq!(h.day_texts(6), vec!["22:00–06:00"]);
    }

    #[test]
    fn the_week_table_shows_a_night_once_on_the_day_it_begins() {
        let h = hours(&[("MO,TU,WE,TH,FR,SA,SU", "17:00", "07:00")]);
        assert_eq!(
            h.day_texts(2),
            vec!["00:00–07:00", "17:00–07:00"],
            "today: open until 7"
        );
        for day in 0..7 {
            assert_eq!(h.week_texts(day), vec!["17:00–07:00"], "day {day}");
        }
        let sunday = hours(&[("SU", "22:00", "06:00")]);
        assert!(sunday.week_texts(0).is_empty(), "Monday shows no Sunday tail");
        assert_eq!(sunday.week_texts(6), vec!["22:00–06:00"]);
        let two_days = hours(&[("MO,TU", "00:00", "24:00")]);
        assert_eq!(
            two_days.week_texts(1),
            vec!["00:00–24:00"],
            "a whole day is not a tail"
        );
    }

    #[test]
    fn today_shows_the_night_still_running_and_otherwise_the_day_s_own_openings() {
        let h = hours(&[("SU", "22:00", "06:00"), ("MO", "18:00", "20:00")]);
        // 2026-11-30 is a Monday; New York is UTC-5 in winter.
        let at = |utc: &str| h.today(utc.parse().unwrap(), "America/New_York").unwrap();
        let (open, spans) = at("2026-11-30T08:00:00Z"); // Monday 03:00
        assert!(open);
        assert_eq!(spans, vec!["00:00–06:00", "18:00–20:00"], "not \"closed today\"");
        let (open, spans) = at("2026-11-30T17:00:00Z"); // Monday 12:00
        assert!(!open);
        assert_eq!(spans, vec!["18:00–20:00"]);
        assert!(
            WeeklyHours::default()
                .today(jiff::Timestamp::UNIX_EPOCH, "UTC")
                .is_none()
        );
    }

    #[test]
    fn a_stretch_longer_than_a_day_shows_on_each_of_its_days() {
        let h = hours(&[("MO", "00:00", "24:00"), ("TU", "00:00", "08:00")]);
        assert_eq!(h.week_texts(0), vec!["00:00–24:00"]);
        assert_eq!(h.week_texts(1), vec!["00:00–08:00"]);
        let h = hours(&[("FR", "08:00", "24:00"), ("SA", "00:00", "10:00")]);
        assert_eq!(h.week_texts(4), vec!["08:00–24:00"]);
        assert_eq!(h.week_texts(5), vec!["00:00–10:00"]);
        let h = hours(&[("SU", "12:00", "24:00"), ("MO", "00:00", "14:00")]);
        assert_eq!(h.week_texts(6), vec!["12:00–24:00"]);
        assert_eq!(h.week_texts(0), vec!["00:00–14:00"]);
        // …while one night still shows once, on the day it begins.
        let night = hours(&[("FR", "20:00", "07:00")]);
        assert_eq!(night.week_texts(4), vec!["20:00–07:00"]);
        assert!(night.week_texts(5).is_empty());
    }

    #[test]
    fn a_close_at_2400_is_midnight() {
        let h = hours(&[("MO", "18:00", "24:00")]);
        assert!(h.is_open_at(23 * 60 + 30));
        assert!(!h.is_open_at(DAY));
    }

    #[test]
    fn every_day_until_2359_is_always_open() {
        let h = hours(&[("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]);
        assert!(h.is_always_open());
        assert!(h.is_open_at(WEEK - 1));
    }

    #[test]
    fn unreadable_openings_are_skipped_not_fatal() {
        let (h, skipped) = WeeklyHours::from_openings([
            Opening {
                byday: "XX",
                opens_at: "09:00",
                closes_at: "10:00",
            },
            Opening {
                byday: "MO",
                opens_at: "nine",
                closes_at: "10:00",
            },
            Opening {
                byday: "TU",
                opens_at: "09:00:00",
                closes_at: "12:00:00Z",
            },
        ]);
        assert_eq!(skipped, 2);
        assert!(h.is_open_at(DAY + 10 * 60));
    }
}

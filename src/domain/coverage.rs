//! Coverage (issue 13): how far a county's people are from the nearest unconditional service
//! for a need. Pure arithmetic over what the directory says and where people live:
//!
//! * **people** — the county's towns from the gazetteer (GeoNames places of 500 people and
//!   more), each weighted by its population; a county with none counts by the middle of
//!   its outline, weight 1, and says so (`people` is 0).
//! * **a town's distance** — 0 when a service's area reaches it (a circle, a drawn area, or
//!   its whole state), else the great-circle distance to the nearest public office. National
//!   lines are left out: they reach every county alike and would hide every gap (they are
//!   counted apart). A confidential shelter has no public office, so it counts by its area
//!   only.
//! * **a county's figure** — the distance its median person (by population) must go, and
//!   the share of its people within [`NEAR_MILES`].

use crate::geo::{Point, ServiceArea};

/// Kilometres in a mile.
pub const KM_PER_MILE: f64 = 1.609_344;
/// What counts as near: a service within this many miles.
pub const NEAR_MILES: f64 = 25.0;

/// Where one unconditional service for the need can be reached from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Its public offices (none for a confidential one).
    pub offices: Vec<Point>,
    /// Its area, national lines aside.
    pub area: ServiceArea,
}

/// A place people live: a town's point and population.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Town {
    /// Where.
    pub point: Point,
    /// How many people (0 for a county with no town: its middle, weight 1).
    pub people: u64,
}

/// One county's coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct CountyCoverage {
    /// FIPS code.
    pub fips: String,
    /// Name ("Harris County").
    pub name: String,
    /// People in its gazetteer towns (0 when it has none).
    pub people: u64,
    /// Miles its median person must go to the nearest service; `None` when there is none.
    pub median_miles: Option<f64>,
    /// Share of its people within [`NEAR_MILES`] of a service, in [0, 1].
    pub share_near: f64,
    /// Services with a public office in the county.
    pub offices_inside: usize,
}

/// The distance in km from `point` (in `state`) to the nearest source: 0 inside an area.
pub fn nearest_km(point: Point, state: &str, sources: &[Source]) -> Option<f64> {
    let planar = point.planar_km();
    let mut best: Option<f64> = None;
    for s in sources {
        if s.area.covers(point, Some(state)) {
            return Some(0.0);
        }
        for o in &s.offices {
            let d = planar(o.lat, o.lon);
            if best.is_none_or(|b| d < b) {
                best = Some(d);
            }
        }
    }
    best
}

/// A county's figures from its towns (each with its distance in km, `None`: no service).
pub fn summarise(towns: &[(Town, Option<f64>)]) -> (u64, Option<f64>, f64) {
    let people: u64 = towns.iter().map(|(t, _)| t.people).sum();
    let weight = |t: &Town| if people == 0 { 1.0 } else { t.people as f64 };
    let total: f64 = towns.iter().map(|(t, _)| weight(t)).sum();
    if total == 0.0 {
        return (0, None, 0.0);
    }
    let near: f64 = towns
        .iter()
        .filter(|(_, d)| d.is_some_and(|d| d <= NEAR_MILES * KM_PER_MILE))
        .map(|(t, _)| weight(t))
        .sum();
    // The weighted median: towns by distance (none last), the one where half the people
    // are reached.
    let mut by_distance: Vec<(f64, Option<f64>)> = towns.iter().map(|(t, d)| (weight(t), *d)).collect();
    by_distance.sort_by(|a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut seen = 0.0;
    let mut median = None;
    for (w, d) in by_distance {
        seen += w;
        if seen >= total / 2.0 {
            median = d.map(|km| km / KM_PER_MILE);
            break;
        }
    }
    (people, median, near / total)
}

/// How a county is shaded and sorted: the band its median distance falls in, 0 (a service
/// within 10 miles) to 4 (over 100 miles, or none).
pub fn band(median_miles: Option<f64>) -> u8 {
    match median_miles {
        Some(m) if m <= 10.0 => 0,
        Some(m) if m <= NEAR_MILES => 1,
        Some(m) if m <= 50.0 => 2,
        Some(m) if m <= 100.0 => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Circle;

    fn p(lat: f64, lon: f64) -> Point {
        Point { lat, lon }
    }

    #[test]
    fn an_area_reaches_at_no_distance_and_an_office_at_its_distance() {
        let office = Source {
            offices: vec![p(30.0, -95.0)],
            area: ServiceArea::default(),
        };
        let circle = Source {
            offices: vec![],
            area: ServiceArea {
                circles: vec![Circle {
                    center: p(31.0, -95.0),
                    km: 20.0,
                }],
                ..ServiceArea::default()
            },
        };
        let d = nearest_km(p(30.5, -95.0), "TX", std::slice::from_ref(&office)).unwrap();
        assert!((d - 55.6).abs() < 0.5, "{d}");
        assert_eq!(
            nearest_km(p(31.1, -95.0), "TX", &[office.clone(), circle]),
            Some(0.0)
        );
        assert_eq!(nearest_km(p(30.5, -95.0), "TX", &[]), None);
        let statewide = Source {
            offices: vec![],
            area: ServiceArea {
                states: vec!["TX".into()],
                ..ServiceArea::default()
            },
        };
        assert_eq!(
            nearest_km(p(35.0, -101.0), "TX", std::slice::from_ref(&statewide)),
            Some(0.0)
        );
        assert_eq!(nearest_km(p(35.0, -101.0), "OK", &[statewide]), None);
    }

    #[test]
    fn the_median_person_and_the_share_near_are_weighted_by_people() {
        let town = |people| Town {
            point: p(0.0, 0.0),
            people,
        };
        let mi = |m: f64| Some(m * KM_PER_MILE);
        // 900 people 5 miles away, 100 people 80 miles away: the median person goes 5.
        let (people, median, near) = summarise(&[(town(900), mi(5.0)), (town(100), mi(80.0))]);
        assert_eq!(people, 1000);
        assert!((median.unwrap() - 5.0).abs() < 1e-9);
        assert!((near - 0.9).abs() < 1e-9);
        // Most people with no service at all: no median distance.
        let (_, median, near) = summarise(&[(town(100), mi(5.0)), (town(900), None)]);
        assert_eq!(median, None);
        assert!((near - 0.1).abs() < 1e-9);
        assert_eq!(band(Some(5.0)), 0);
        assert_eq!(band(Some(30.0)), 2);
        assert_eq!(band(None), 4);
    }
}

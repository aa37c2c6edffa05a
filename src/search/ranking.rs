//! How results are ordered — the one place the blend is defined.
//!
//! ```text
//! score = relevance × (0.5 + 0.5 × proximity) × freshness
//! ```
//!
//! * **relevance** — BM25 of the words over name (×2) and text, in English and Spanish
//!   analysis, plus a constant per need the query was read as ([`NEED_WEIGHT`] × the need's
//!   strength). With no words at all every match has relevance 1.
//! * **proximity** in (0, 1] — `1 / (1 + d / 10 km)` from the searched point to the office;
//!   a service that reaches the point by its area rather than by an office nearby (a
//!   confidential shelter, a statewide line, a national hotline) counts as if it were
//!   [`AREA_EQUIVALENT_KM`] away: visible, but after the good local matches. With no place
//!   every service has proximity 1.
//! * **freshness** in [0.75, 1] — 1 for a listing verified in the last 180 days, falling
//!   linearly to 0.75 at two years; 0.75 when never verified. Stale data still shows, lower.
//!
//! Proximity and freshness scale relevance rather than add to it, so a close but irrelevant
//! service never outranks a relevant one by distance alone.

/// Score of a need the query was read as, at full strength.
pub const NEED_WEIGHT: f32 = 6.0;
/// Boost of the name fields over the text fields.
pub const NAME_BOOST: f32 = 2.0;
/// Distance at which proximity halves.
pub const HALF_PROXIMITY_KM: f64 = 10.0;
/// How far away a service reaching the point by its area counts as being.
pub const AREA_EQUIVALENT_KM: f64 = 15.0;
/// Listings verified within this many days are fully fresh.
pub const FRESH_DAYS: i64 = 180;
/// Age at which freshness bottoms out.
pub const STALE_DAYS: i64 = 730;
/// Freshness floor.
pub const STALE_FACTOR: f32 = 0.75;

/// Proximity of a service: by office distance, or by reaching the point through its area.
pub fn proximity(office_km: Option<f64>, reaches_by_area: bool) -> f32 {
    let d = match (office_km, reaches_by_area) {
        (Some(d), true) => d.min(AREA_EQUIVALENT_KM),
        (Some(d), false) => d,
        (None, _) => AREA_EQUIVALENT_KM,
    };
    (1.0 / (1.0 + d / HALF_PROXIMITY_KM)) as f32
}

/// Freshness of a listing verified `age_days` ago (`None`: never).
pub fn freshness(age_days: Option<i64>) -> f32 {
    match age_days {
        None => STALE_FACTOR,
        Some(d) if d <= FRESH_DAYS => 1.0,
        Some(d) if d >= STALE_DAYS => STALE_FACTOR,
        Some(d) => {
            let t = (d - FRESH_DAYS) as f32 / (STALE_DAYS - FRESH_DAYS) as f32;
            1.0 - t * (1.0 - STALE_FACTOR)
        }
    }
}

/// The final score.
pub fn blend(relevance: f32, proximity: f32, freshness: f32) -> f32 {
    relevance * (0.5 + 0.5 * proximity) * freshness
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearer_and_fresher_rank_higher_at_equal_relevance() {
        let near = blend(5.0, proximity(Some(2.0), false), freshness(Some(30)));
        let far = blend(5.0, proximity(Some(35.0), false), freshness(Some(30)));
        let stale = blend(5.0, proximity(Some(2.0), false), freshness(Some(600)));
        assert!(near > far && near > stale);
    }

    #[test]
    fn distance_alone_never_beats_twice_the_relevance() {
        let relevant_far = blend(10.0, proximity(Some(39.0), false), freshness(Some(400)));
        let irrelevant_near = blend(4.0, proximity(Some(0.1), false), freshness(Some(1)));
        assert!(relevant_far > irrelevant_near);
    }

    #[test]
    fn freshness_is_bounded() {
        assert_eq!(freshness(Some(0)), 1.0);
        assert_eq!(freshness(Some(10_000)), STALE_FACTOR);
        assert!(freshness(Some(400)) < 1.0 && freshness(Some(400)) > STALE_FACTOR);
    }
}

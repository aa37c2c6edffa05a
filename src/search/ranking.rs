//! How results are ordered — the one place the blend is defined.
//!
//! ```text
//! score     = relevance × (0.3 + 0.7 × proximity) × freshness × access
//! relevance = needs served + words / (words + TEXT_HALF)
//! access    = conditions × space × open now
//! ```
//!
//! * **relevance** — *needs served* is the sum of the strengths (best 1.0) of the needs the
//!   query was read as (see `vocabulary`) that the service serves; *words* is BM25 of the
//!   words over name (×2) and text in English and Spanish analysis, squashed into [0, 1) so
//!   that its scale (which grows with the directory) never swamps the needs. So a service
//!   for what the person asked for comes before one that merely shares a word with the
//!   query, and words order services within a need. With no words every match has
//!   relevance 1.
//! * **proximity** in (0, 1] — `1 / (1 + d / 10 km)` where `d` is the distance from the
//!   searched point to the office within the radius. A service that reaches the point by its
//!   area instead counts as if it were a fixed distance away: a local service-area circle
//!   (a confidential shelter serving the city) [`CIRCLE_EQUIVALENT_KM`], a statewide service
//!   [`STATE_EQUIVALENT_KM`], a national one [`NATIONAL_EQUIVALENT_KM`] — so a local bed
//!   comes before a national hotline of equal relevance, and the hotline still shows. A
//!   statewide or national service whose *name* holds a word of the query is the exception:
//!   asked for by name or role ("trafficking hotline", "I was trafficked"), it counts as at
//!   the door (proximity 1). With no place every service has proximity 1.
//! * **freshness** in [0.75, 1] — 1 for a listing verified in the last 180 days, falling
//!   linearly to 0.75 at two years; 0.75 when never verified. Stale data still shows, lower.
//!
//! * **access** in [0.43, 1] — whether the person can get in now, the rule that puts "a bed
//!   they can get" first (issue 16): no conditions 1, conditions (sobriety, ID, a program)
//!   [`CONDITIONAL_FACTOR`]; openings reported at the last capacity update 1, capacity not
//!   reported [`UNKNOWN_SPACE_FACTOR`], reported full [`FULL_FACTOR`]; publishing hours and
//!   closed at this moment [`CLOSED_NOW_FACTOR`], open now or no hours published 1. So among
//!   relevant services near each other, a shelter with beds free and no conditions comes
//!   before a full one that requires sobriety; a full or conditional service still shows.
//!
//! * **gender** — when a gender is asked for (chosen, or said: "im a guy", "para mujeres"),
//!   services only for another gender never show (a filter), and a service made for that
//!   gender has its words count [`ASKED_GENDER_WORDS`] more than one for everyone: a man
//!   asking where to stay sees the men's shelter before a shelter for all.
//!
//! Proximity, freshness and access scale relevance rather than add to it, so a close but
//! irrelevant service never outranks a relevant one by distance alone.

/// BM25 of the words at which their share of relevance is one half.
pub const TEXT_HALF: f32 = 5.0;
/// Boost of the name fields over the text fields.
pub const NAME_BOOST: f32 = 2.0;
/// BM25 added to the words of a service made for the gender asked for: [`TEXT_HALF`], so
/// such a service with no word of the query matched counts as half-way on words.
pub const ASKED_GENDER_WORDS: f32 = TEXT_HALF;
/// Distance at which proximity halves.
pub const HALF_PROXIMITY_KM: f64 = 10.0;
/// How far away a service whose area circle covers the point counts as being.
pub const CIRCLE_EQUIVALENT_KM: f64 = 5.0;
/// How far away a statewide service counts as being.
pub const STATE_EQUIVALENT_KM: f64 = 25.0;
/// How far away a national service counts as being.
pub const NATIONAL_EQUIVALENT_KM: f64 = 40.0;

/// How a service reaches the searched point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reach {
    /// An office this many kilometres away, within the radius.
    Office(f64),
    /// A service-area circle covers the point.
    Circle,
    /// It serves the whole state.
    State,
    /// It serves the whole country.
    National,
    /// It serves the state or the country and a word of the query is in its name: asked for
    /// by name ("trafficking hotline", "988"), it counts as near as can be.
    Named,
}
/// Access of a service with conditions.
pub const CONDITIONAL_FACTOR: f32 = 0.8;
/// Access of a service that did not report its openings.
pub const UNKNOWN_SPACE_FACTOR: f32 = 0.9;
/// Access of a service that reported no openings.
pub const FULL_FACTOR: f32 = 0.6;
/// Access of a service that publishes hours and is closed now.
pub const CLOSED_NOW_FACTOR: f32 = 0.9;

/// What stands between a person and a service now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// It has conditions.
    pub conditional: bool,
    /// Openings at its last capacity update: `Some(true)` some, `Some(false)` full, `None`
    /// not reported.
    pub space: Option<bool>,
    /// Open at this moment: `None` when it publishes no hours.
    pub open_now: Option<bool>,
}

/// The access factor, see the module's rule.
pub fn access(a: Access) -> f32 {
    let conditions = if a.conditional { CONDITIONAL_FACTOR } else { 1.0 };
    let space = match a.space {
        Some(true) => 1.0,
        None => UNKNOWN_SPACE_FACTOR,
        Some(false) => FULL_FACTOR,
    };
    let open = if a.open_now == Some(false) {
        CLOSED_NOW_FACTOR
    } else {
        1.0
    };
    conditions * space * open
}

/// Listings verified within this many days are fully fresh.
pub const FRESH_DAYS: i64 = 180;
/// Age at which freshness bottoms out.
pub const STALE_DAYS: i64 = 730;
/// Freshness floor.
pub const STALE_FACTOR: f32 = 0.75;

/// Proximity of a service by how it reaches the point.
pub fn proximity(reach: Reach) -> f32 {
    let d = match reach {
        Reach::Office(d) => d,
        Reach::Circle => CIRCLE_EQUIVALENT_KM,
        Reach::State => STATE_EQUIVALENT_KM,
        Reach::National => NATIONAL_EQUIVALENT_KM,
        Reach::Named => 0.0,
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

/// Relevance from the BM25 of the words and the strength of the needs served.
pub fn relevance(words: f32, needs_served: f32) -> f32 {
    let words = words.max(0.0);
    needs_served + words / (words + TEXT_HALF)
}

/// The final score.
pub fn blend(relevance: f32, proximity: f32, freshness: f32, access: f32) -> f32 {
    relevance * (0.3 + 0.7 * proximity) * freshness * access
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearer_and_fresher_rank_higher_at_equal_relevance() {
        let near = blend(5.0, proximity(Reach::Office(2.0)), freshness(Some(30)), 1.0);
        let far = blend(5.0, proximity(Reach::Office(35.0)), freshness(Some(30)), 1.0);
        let stale = blend(5.0, proximity(Reach::Office(2.0)), freshness(Some(600)), 1.0);
        assert!(near > far && near > stale);
        let circle = blend(5.0, proximity(Reach::Circle), freshness(Some(30)), 1.0);
        let national = blend(5.0, proximity(Reach::National), freshness(Some(30)), 1.0);
        assert!(circle > national && near > national);
    }

    #[test]
    fn serving_the_need_beats_sharing_words() {
        assert!(relevance(0.0, 1.0) > relevance(50.0, 0.0));
        assert!(relevance(3.0, 1.0) > relevance(1.0, 1.0));
        assert!(relevance(1000.0, 0.0) < 1.0);
    }

    #[test]
    fn a_local_service_for_the_need_beats_a_national_one_with_more_matching_words() {
        let local = blend(
            relevance(0.0, 1.0),
            proximity(Reach::Office(1.0)),
            freshness(Some(30)),
            1.0,
        );
        let national = blend(
            relevance(20.0, 1.0),
            proximity(Reach::National),
            freshness(Some(30)),
            1.0,
        );
        assert!(local > national);
    }

    #[test]
    fn freshness_is_bounded() {
        assert_eq!(freshness(Some(0)), 1.0);
        assert_eq!(freshness(Some(10_000)), STALE_FACTOR);
        assert!(freshness(Some(400)) < 1.0 && freshness(Some(400)) > STALE_FACTOR);
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn proximity_halves_at_ten_km_and_areas_count_as_fixed_distances() {
        assert!(close(proximity(Reach::Office(0.0)), 1.0));
        assert!(close(proximity(Reach::Office(HALF_PROXIMITY_KM)), 0.5));
        assert!(close(proximity(Reach::Circle), 1.0 / 1.5));
        assert!(close(proximity(Reach::State), 1.0 / 3.5));
        assert!(close(proximity(Reach::National), 0.2));
        // An office counts as nearer than an area only while it is nearer than the area's
        // equivalent distance.
        assert!(proximity(Reach::Office(4.9)) > proximity(Reach::Circle));
        assert!(proximity(Reach::Office(5.1)) < proximity(Reach::Circle));
        assert!(proximity(Reach::Office(30.0)) < proximity(Reach::State));
        assert!(proximity(Reach::Office(39.0)) > proximity(Reach::National));
        assert!(
            close(proximity(Reach::Named), 1.0),
            "asked for by name: at the door"
        );
    }

    #[test]
    fn freshness_falls_linearly_from_180_days_to_two_years() {
        assert!(close(freshness(Some(-5)), 1.0), "a date in the future");
        assert!(close(freshness(Some(FRESH_DAYS)), 1.0));
        assert!(freshness(Some(FRESH_DAYS + 1)) < 1.0);
        assert!(close(freshness(Some((FRESH_DAYS + STALE_DAYS) / 2)), 0.875));
        assert!(close(freshness(Some(STALE_DAYS)), STALE_FACTOR));
        assert!(
            close(freshness(None), STALE_FACTOR),
            "never verified counts as stale"
        );
    }

    #[test]
    fn words_give_half_a_need_at_text_half_and_never_subtract() {
        assert!(close(relevance(TEXT_HALF, 0.0), 0.5));
        assert!(close(relevance(TEXT_HALF, 0.5), 1.0));
        assert!(close(relevance(-3.0, 1.0), 1.0));
        assert!(close(relevance(0.0, 0.0), 0.0));
    }

    #[test]
    fn the_blend_scales_relevance_by_proximity_and_freshness() {
        assert!(close(blend(2.0, 1.0, 1.0, 1.0), 2.0));
        assert!(close(blend(2.0, 0.0, 1.0, 1.0), 0.6), "the far floor is 30%");
        assert!(close(blend(2.0, 0.5, 0.75, 0.5), 2.0 * 0.65 * 0.75 * 0.5));
        assert!(close(blend(0.0, 1.0, 1.0, 1.0), 0.0), "no relevance, no score");
    }

    #[test]
    fn a_bed_they_can_get_comes_before_a_full_conditional_one_nearby() {
        let open_bed = Access {
            conditional: false,
            space: Some(true),
            open_now: None,
        };
        let full_with_conditions = Access {
            conditional: true,
            space: Some(false),
            open_now: None,
        };
        assert!(close(access(open_bed), 1.0));
        assert!(close(access(full_with_conditions), 0.8 * 0.6));
        // The Houston case: the full shelter is a little nearer and shares more words.
        let free = blend(
            relevance(3.0, 1.0),
            proximity(Reach::Office(4.0)),
            1.0,
            access(open_bed),
        );
        let full = blend(
            relevance(6.0, 1.0),
            proximity(Reach::Office(2.0)),
            1.0,
            access(full_with_conditions),
        );
        assert!(free > full);
        // But access never lifts an irrelevant or far service over a relevant one nearby.
        let far = blend(
            relevance(3.0, 1.0),
            proximity(Reach::Office(80.0)),
            1.0,
            access(open_bed),
        );
        assert!(full > far);
        let closed = Access {
            open_now: Some(false),
            ..open_bed
        };
        assert!(close(access(closed), CLOSED_NOW_FACTOR));
        assert!(
            access(Access {
                space: None,
                ..open_bed
            }) < access(open_bed)
        );
    }
}

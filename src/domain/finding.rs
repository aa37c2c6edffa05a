//! What a search asks for beyond its words and place, and what it finds: plain data that the
//! index (`search`) fills and the use-cases and pages read, so that no layer above the
//! services needs to know the index.

use super::{Condition, Listing};

/// Filters; all must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filters {
    /// Any of these needs.
    pub needs: Vec<String>,
    /// No conditions at all.
    pub no_conditions: bool,
    /// None of these conditions.
    pub without: Vec<Condition>,
    /// Serves someone of this age.
    pub age: Option<u32>,
    /// Staff speak this language (ISO 639-1).
    pub language: Option<String>,
    /// Only services for this gender (and those for everyone).
    pub gender: Option<super::gender::Gender>,
    /// Costs nothing.
    pub free: bool,
    /// Open at `now`.
    pub open_now: bool,
    /// Not reported full.
    pub accepting: bool,
    /// Walk-ins welcome.
    pub walk_in: bool,
    /// Open around the clock.
    pub open_24_7: bool,
    /// Serves the whole country.
    pub national: bool,
}

/// One result.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The listing, shared with the index's cache of decoded listings (a hit copies it only
    /// when it shows another office first).
    pub listing: std::sync::Arc<Listing>,
    /// Kilometres from the searched point to the office.
    pub distance_km: Option<f64>,
    /// Reaches the searched point by its service area rather than an office within the radius.
    pub reaches_by_area: bool,
    /// A statewide or national service asked for by name or role: a word of the query is in
    /// its name ("trafficking hotline", "I was trafficked"), so the ranking put it as near as
    /// can be (`search::ranking`, `Reach::Named`) and the meaning stage leaves it there.
    pub asked_by_name: bool,
    /// Open at the request's time (`None`: hours not published).
    pub open_now: Option<bool>,
    /// Today's openings in the service's time zone.
    pub hours_today: Vec<String>,
    /// The blended score.
    pub score: f32,
}

/// A page of results.
#[derive(Clone, Debug)]
pub struct SearchResults {
    /// Matches in all.
    pub total: usize,
    /// This page.
    pub hits: Vec<Hit>,
    /// Needs the words were read as, strongest first.
    pub needs_read: Vec<String>,
    /// Typo corrections applied.
    pub corrections: Vec<(String, String)>,
}

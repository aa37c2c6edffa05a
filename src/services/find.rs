//! Finding services: what a person asked (words, a typed place or coordinates, filters)
//! turned into a search, with the place resolved by the offline gazetteer.

use super::meaning::CANDIDATES;
use crate::geo::{Place, PlaceError, Point};
use crate::search::{Filters, Near, SearchError, SearchRequest, SearchResults};

use super::Directory;

/// Largest radius accepted, km.
pub const MAX_RADIUS_KM: f64 = 500.0;
/// Largest page.
pub const MAX_LIMIT: usize = 100;

/// Where the person is.
#[derive(Clone, Debug, PartialEq)]
pub enum Whereabouts {
    /// Anywhere.
    Anywhere,
    /// A typed place: "Houston, TX" or a ZIP code.
    Typed(String),
    /// Coordinates.
    Point(Point),
}

/// A request to find services.
#[derive(Clone, Debug)]
pub struct Find {
    /// Words.
    pub text: String,
    /// Where.
    pub place: Whereabouts,
    /// Radius, km (default 40).
    pub radius_km: Option<f64>,
    /// Filters.
    pub filters: Filters,
    /// 1-based page.
    pub page: usize,
    /// Hits per page.
    pub limit: usize,
    /// The time to compute "open now" and freshness at.
    pub now: jiff::Timestamp,
}

/// A search with the place it was run around.
#[derive(Clone, Debug)]
pub struct Found {
    /// The resolved place.
    pub place: Option<Place>,
    /// Radius used, km.
    pub radius_km: f64,
    /// The results.
    pub results: SearchResults,
}

/// Why a find failed.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    /// The typed place is unknown (the person can fix it).
    #[error(transparent)]
    Place(#[from] PlaceError),
    /// The search itself failed.
    #[error(transparent)]
    Search(#[from] SearchError),
}

impl Directory {
    /// Finds services; a search without words may be answered from the minute's
    /// (see `wordless`).
    pub fn find(&self, find: &Find) -> Result<Found, FindError> {
        let key = super::wordless::Key::of(find, || self.index.generation());
        if let Some(found) = key.as_ref().and_then(|k| self.wordless.get(k)) {
            return Ok(found);
        }
        let found = self.find_afresh(find)?;
        if let Some(key) = key {
            self.wordless.keep(key, &found);
        }
        Ok(found)
    }

    fn find_afresh(&self, find: &Find) -> Result<Found, FindError> {
        let radius_km = find
            .radius_km
            .unwrap_or(crate::search::DEFAULT_RADIUS_KM)
            .clamp(0.1, MAX_RADIUS_KM);
        let place = match &find.place {
            Whereabouts::Anywhere => None,
            Whereabouts::Typed(text) => Some(self.gazetteer.resolve(text)?),
            Whereabouts::Point(p) => Some(Place {
                label: format!("{:.4}, {:.4}", p.lat, p.lon),
                point: *p,
                state: self.gazetteer.state_at(*p).unwrap_or_default().to_owned(),
            }),
        };
        let near = place.as_ref().map(|p| Near {
            point: p.point,
            state: Some(p.state.clone()).filter(|s| !s.is_empty()),
            radius_km,
            time_zone: self.gazetteer.time_zone_at(p.point).map(str::to_owned),
        });
        let limit = find.limit.clamp(1, MAX_LIMIT);
        let offset = find.page.saturating_sub(1) * limit;
        let mut request = SearchRequest {
            text: find.text.clone(),
            near,
            filters: find.filters.clone(),
            offset,
            limit,
            now: find.now,
        };
        // The meaning stage reorders the first CANDIDATES of an English query (issue 16);
        // pages past them, Spanish and empty queries keep the lexical order.
        let meaning = self.meaning.get().filter(|_| {
            !find.text.trim().is_empty()
                && !super::meaning::looks_spanish(&find.text)
                && offset + limit <= CANDIDATES
        });
        let Some(meaning) = meaning else {
            return Ok(Found {
                place,
                radius_km,
                results: self.index.search(&request)?,
            });
        };
        request.offset = 0;
        request.limit = CANDIDATES;
        let mut results = self.index.search(&request)?;
        let mut corrected = find.text.clone();
        for (typed, fixed) in &results.corrections {
            corrected = corrected.replace(typed.as_str(), fixed);
        }
        let hits = std::mem::take(&mut results.hits);
        results.hits = meaning
            .rerank(&corrected, hits)
            .into_iter()
            .skip(offset)
            .take(limit)
            .collect();
        Ok(Found {
            place,
            radius_km,
            results,
        })
    }
}

/// A plain-text rendering of results, for the command line.
pub fn describe(found: &Found) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let r = &found.results;
    let _ = writeln!(
        out,
        "{} match(es){}{}",
        r.total,
        found
            .place
            .as_ref()
            .map(|p| format!(" within {} km of {}", found.radius_km, p.label))
            .unwrap_or_default(),
        if r.needs_read.is_empty() {
            String::new()
        } else {
            format!("; read as {}", r.needs_read.join(", "))
        }
    );
    for (typed, used) in &r.corrections {
        let _ = writeln!(out, "  (\"{typed}\" read as \"{used}\")");
    }
    for (i, h) in r.hits.iter().enumerate() {
        let l = &h.listing;
        let whereabouts = match (&found.place, h.distance_km, h.reaches_by_area) {
            (Some(_), Some(d), false) => format!("{d:.1} km"),
            (Some(_), _, _) => "serves this area".to_owned(),
            (None, _, _) => l
                .office
                .as_ref()
                .map(|o| o.address.join(", "))
                .unwrap_or_else(|| "no public address".into()),
        };
        let conditions = if l.conditions.is_empty() {
            "no conditions".to_owned()
        } else {
            l.conditions
                .iter()
                .map(|c| c.code())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "{:>2}. {} — {} [{:.2}]",
            i + 1,
            l.name,
            l.organization,
            h.score
        );
        let _ = writeln!(
            out,
            "    {} | needs: {} | {}",
            whereabouts,
            l.needs.join(", "),
            conditions
        );
        let phone = l.phones.first().map(|p| p.number.as_str()).unwrap_or("no phone");
        let _ = writeln!(
            out,
            "    {} | today: {} | verified {}",
            phone,
            if h.hours_today.is_empty() {
                "closed or unknown".to_owned()
            } else {
                h.hours_today.join(", ")
            },
            l.verified.as_deref().unwrap_or("never")
        );
    }
    out
}

//! The public JSON API: `GET /api/v1/search` and `GET /api/v1/services/{id}`. No cookie,
//! no state; each hit's `id` is the HSDS service id.

use std::str::FromStr;

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Serialize;

use super::{AppState, WebError};
use crate::domain::finding::{Filters, Hit};
use crate::domain::{Capacity, Condition, Listing, Phone, Taxonomy};
use crate::geo::Point;
use crate::services::find::{Find, FindError, MAX_LIMIT, MAX_RADIUS_KM, Whereabouts};

/// Parameters `GET /api/v1/search` understands.
const PARAMETERS: &[&str] = &[
    "q",
    "place",
    "lat",
    "lon",
    "radius_km",
    "need",
    "no_conditions",
    "without",
    "age",
    "language",
    "gender",
    "free",
    "open_now",
    "accepting",
    "walk_in",
    "open_24_7",
    "page",
    "limit",
];

/// A page of results.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    /// Matches in all.
    pub total: usize,
    /// 1-based page.
    pub page: usize,
    /// Hits per page.
    pub limit: usize,
    /// The place searched around, as resolved.
    pub place: Option<PlaceOut>,
    /// Radius used, km.
    pub radius_km: Option<f64>,
    /// Needs the words were read as.
    pub needs_read: Vec<String>,
    /// Typo corrections applied, `[typed, used]`.
    pub corrections: Vec<(String, String)>,
    /// The hits.
    pub hits: Vec<HitOut>,
}

/// The resolved place.
#[derive(Debug, Serialize)]
pub struct PlaceOut {
    /// Label.
    pub label: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// One hit.
#[derive(Debug, Serialize)]
pub struct HitOut {
    /// HSDS service id.
    pub id: String,
    /// Service name.
    pub name: String,
    /// Organisation name.
    pub organization: String,
    /// Kilometres to the office, when there is a public office and a place.
    pub distance_km: Option<f64>,
    /// Reaches the place by its service area (statewide, national, confidential shelters).
    pub reaches_by_area: bool,
    /// Need codes.
    pub needs: Vec<String>,
    /// Condition codes; empty means none.
    pub conditions: Vec<Condition>,
    /// Open now in the service's time zone (`null`: hours unknown).
    pub open_now: Option<bool>,
    /// Today's hours.
    pub hours_today: Vec<String>,
    /// Last verified.
    pub verified: Option<String>,
    /// Capacity.
    pub capacity: Option<Capacity>,
    /// Phones.
    pub phones: Vec<Phone>,
    /// Public address lines (never for a confidential location).
    pub address: Option<Vec<String>>,
    /// The address is withheld for safety.
    pub confidential: bool,
    /// Fictional sample data.
    pub sample: bool,
    /// Staff languages.
    pub languages: Vec<String>,
    /// The full listing.
    pub href: String,
}

impl From<Hit> for HitOut {
    fn from(h: Hit) -> HitOut {
        let l = std::sync::Arc::unwrap_or_clone(h.listing);
        HitOut {
            href: format!("/api/v1/services/{}", l.id),
            id: l.id,
            name: l.name,
            organization: l.organization,
            distance_km: h.distance_km.map(|d| (d * 10.0).round() / 10.0),
            reaches_by_area: h.reaches_by_area,
            needs: l.needs,
            conditions: l.conditions,
            open_now: h.open_now,
            hours_today: h.hours_today,
            verified: l.verified,
            capacity: l.capacity,
            phones: l.phones,
            address: l.office.map(|o| o.address),
            confidential: l.confidential,
            sample: l.sample,
            languages: l.languages,
        }
    }
}

/// `GET /api/v1/search`.
pub async fn search_services(
    State(state): State<AppState>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<SearchPage>, WebError> {
    let find = parse_search(&params, jiff::Timestamp::now())?;
    let typed = params.iter().find(|(k, _)| k == "place").map(|(_, v)| v.clone());
    let (found, page, limit) = state
        .blocking(move |app| {
            app.directory
                .find(&find)
                .map(|f| (f, find.page, find.limit))
                .map_err(|e| {
                    // A misspelt place: say which one was likely meant (issue 16).
                    match (&e, typed.and_then(|t| app.directory.gazetteer.suggest(&t))) {
                        (FindError::Place(p), Some(meant)) => {
                            WebError::bad("place", format!("{p}; did you mean \"{meant}\"?"))
                        }
                        _ => WebError::from(e),
                    }
                })
        })
        .await??;
    Ok(Json(SearchPage {
        total: found.results.total,
        page,
        limit: limit.clamp(1, MAX_LIMIT),
        radius_km: found.place.as_ref().map(|_| found.radius_km),
        place: found.place.map(|p| PlaceOut {
            label: p.label,
            lat: p.point.lat,
            lon: p.point.lon,
        }),
        needs_read: found.results.needs_read,
        corrections: found.results.corrections,
        hits: found.results.hits.into_iter().map(HitOut::from).collect(),
    }))
}

/// The vocabulary of the API: needs and conditions with their labels.
#[derive(Debug, Serialize)]
pub struct Vocabulary {
    /// Needs, in the taxonomy's order.
    pub needs: Vec<NeedOut>,
    /// Conditions a service may place on help.
    pub conditions: Vec<TermOut>,
}

/// A need.
#[derive(Debug, Serialize)]
pub struct NeedOut {
    /// Code, as used by `need=`.
    pub code: String,
    /// `immediate` or `long_term`.
    pub horizon: &'static str,
    /// Labels, `{"en": …, "es": …}`.
    pub label: Labels,
    /// One plain line.
    pub description: Labels,
}

/// A condition.
#[derive(Debug, Serialize)]
pub struct TermOut {
    /// Code, as used by `without=`.
    pub code: String,
    /// Labels.
    pub label: Labels,
}

/// English and Spanish.
#[derive(Debug, Serialize)]
pub struct Labels {
    /// English.
    pub en: String,
    /// Spanish.
    pub es: String,
}

fn labels(b: &crate::domain::needs::Bilingual) -> Labels {
    Labels {
        en: b.en.clone(),
        es: b.es.clone(),
    }
}

/// `GET /api/v1/needs`: the codes `need=` and `without=` accept, with their labels.
pub async fn list_needs() -> Json<Vocabulary> {
    let t = Taxonomy::builtin();
    Json(Vocabulary {
        needs: t
            .needs
            .iter()
            .map(|n| NeedOut {
                code: n.code.clone(),
                horizon: match n.horizon {
                    crate::domain::needs::Horizon::Immediate => "immediate",
                    crate::domain::needs::Horizon::LongTerm => "long_term",
                },
                label: labels(&n.label),
                description: labels(&n.description),
            })
            .collect(),
        conditions: t
            .conditions
            .iter()
            .map(|c| TermOut {
                code: c.code.clone(),
                label: labels(&c.label),
            })
            .collect(),
    })
}

/// This API described in OpenAPI 3.0 (`src/http/openapi/v1.json`, written by hand; a test
/// holds it against the routes and real answers).
const OPENAPI: &str = include_str!("openapi/v1.json");

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// `GET /api/v1/services/{id}`: the public listing (never a confidential address).
pub async fn show_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Listing>, WebError> {
    let listing = state.blocking(move |app| app.directory.listing(&id)).await??;
    listing.map(Json).ok_or(WebError::NotFound)
}

/// Reads the search parameters; every mistake names its parameter.
pub fn parse_search(params: &[(String, String)], now: jiff::Timestamp) -> Result<Find, WebError> {
    let mut find = Find {
        text: String::new(),
        place: Whereabouts::Anywhere,
        radius_km: None,
        filters: Filters::default(),
        page: 1,
        limit: 10,
        now,
    };
    let (mut lat, mut lon, mut place) = (None, None, None);
    let taxonomy = Taxonomy::builtin();
    for (key, value) in params {
        let value = value.trim();
        let f = &mut find.filters;
        match key.as_str() {
            "q" => find.text = value.chars().take(500).collect(),
            "place" if !value.is_empty() => place = Some(value.to_owned()),
            "place" => {}
            "lat" => lat = Some(number::<f64>(key, value)?),
            "lon" => lon = Some(number::<f64>(key, value)?),
            "radius_km" => {
                let r = number::<f64>(key, value)?;
                if !(r > 0.0 && r <= MAX_RADIUS_KM) {
                    return Err(WebError::bad(
                        key,
                        format!("must be more than 0 and at most {MAX_RADIUS_KM}"),
                    ));
                }
                find.radius_km = Some(r);
            }
            "need" => {
                for code in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    if taxonomy.need(code).is_none() {
                        return Err(WebError::bad(key, format!("unknown need \"{code}\"")));
                    }
                    f.needs.push(code.to_owned());
                }
            }
            "without" => {
                for code in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    let c = Condition::from_code(code)
                        .ok_or_else(|| WebError::bad(key, format!("unknown condition \"{code}\"")))?;
                    f.without.push(c);
                }
            }
            "age" => {
                let age = number::<u32>(key, value)?;
                if age > 130 {
                    return Err(WebError::bad(key, "must be an age in years, 0 to 130"));
                }
                f.age = Some(age);
            }
            "language" => {
                if !(value.len() == 2 && value.chars().all(|c| c.is_ascii_alphabetic())) {
                    return Err(WebError::bad(
                        key,
                        "must be a two-letter language code such as es",
                    ));
                }
                f.language = Some(value.to_ascii_lowercase());
            }
            "gender" if value.is_empty() => {}
            "gender" => {
                let g = crate::domain::gender::Gender::parse(value)
                    .ok_or_else(|| WebError::bad(key, "must be women, men or trans_nonbinary"))?;
                f.gender = Some(g);
            }
            "no_conditions" => f.no_conditions = flag(key, value)?,
            "free" => f.free = flag(key, value)?,
            "open_now" => f.open_now = flag(key, value)?,
            "accepting" => f.accepting = flag(key, value)?,
            "walk_in" => f.walk_in = flag(key, value)?,
            "open_24_7" => f.open_24_7 = flag(key, value)?,
            "page" => {
                find.page = number::<usize>(key, value)?;
                if find.page == 0 || find.page > 1000 {
                    return Err(WebError::bad(key, "must be between 1 and 1000"));
                }
            }
            "limit" => {
                find.limit = number::<usize>(key, value)?;
                if find.limit == 0 || find.limit > MAX_LIMIT {
                    return Err(WebError::bad(key, format!("must be between 1 and {MAX_LIMIT}")));
                }
            }
            other => {
                return Err(WebError::bad(
                    other,
                    format!("unknown parameter; known: {}", PARAMETERS.join(", ")),
                ));
            }
        }
    }
    find.place = match (place, lat, lon) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err(WebError::bad(
                "place",
                "give either place or lat and lon, not both",
            ));
        }
        (Some(p), None, None) => Whereabouts::Typed(p),
        (None, Some(lat), Some(lon)) => Whereabouts::Point(
            Point::new(lat, lon)
                .ok_or_else(|| WebError::bad("lat", "lat must be -90..90 and lon -180..180"))?,
        ),
        (None, Some(_), None) => return Err(WebError::bad("lon", "lon is needed with lat")),
        (None, None, Some(_)) => return Err(WebError::bad("lat", "lat is needed with lon")),
        (None, None, None) => Whereabouts::Anywhere,
    };
    Ok(find)
}

fn number<T: FromStr>(key: &str, value: &str) -> Result<T, WebError> {
    value.parse().map_err(|_| {
        WebError::bad(
            key,
            format!(
                "\"{}\" is not a valid number",
                value.chars().take(40).collect::<String>()
            ),
        )
    })
}

fn flag(key: &str, value: &str) -> Result<bool, WebError> {
    match value.to_ascii_lowercase().as_str() {
        "" | "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(WebError::bad(key, "must be true or false")),
    }
}

//! The HSDS API (issue 15, part 3), at `/api/hsds/`: the directory's records as the Open
//! Referral specification serves them, so other tools can read Pathways like any HSDS
//! publisher — `/`, `/services` (paged, by organisation or change time, or searched by
//! words, postcode or point), `/services/{id}`, `/service_at_locations` (and one by id),
//! `/organizations`, `/organizations/{id}`, `/taxonomies`, `/taxonomy_terms` (Pathways' own
//! vocabularies) — lists in the spec's paging envelope. Public and anonymous like
//! `/api/v1`; a confidential service's place is redacted as in an export.

use axum::Json;
use axum::extract::{Path, Query, State};
use serde_json::{Value, json};

use super::{AppState, WebError};
use crate::domain::finding::Filters;
use crate::services::export::{HsdsPage, MAX_PER_PAGE};
use crate::services::find::{Find, FindError, MAX_LIMIT, MAX_RADIUS_KM, Whereabouts};

/// Records a page when `per_page` is not given.
const PER_PAGE: usize = 50;

/// `GET /api/hsds/`: what this API is.
pub async fn about() -> Json<Value> {
    Json(json!({
        "version": "3.1",
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.1/schema/openapi.json",
    }))
}

/// `GET /api/hsds/services[?page&per_page&organization_id&modified_after]`, or with
/// `search` (full text), `postcode` or `lat`/`lon` (with `proximity` or `radius` in metres;
/// without, the search's default radius, and services whose area covers the place) and/or
/// `taxonomy_term_id` (a need): the directory search's own results, in its order.
pub async fn list_services(
    State(state): State<AppState>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, WebError> {
    let paging = Paging::read(
        &params,
        &[
            "organization_id",
            "modified_after",
            "search",
            "postcode",
            "proximity",
            "lat",
            "lon",
            "radius",
            "taxonomy_term_id",
        ],
    )?;
    let value = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let (search, postcode) = (value("search"), value("postcode"));
    let modified_after = modified_after(value("modified_after"))?;
    // A term of Pathways' needs (`pathways-needs:{code}`, as /taxonomy_terms lists them)
    // filters the search by that need; another taxonomy's terms are not served yet.
    let need = match value("taxonomy_term_id") {
        None => None,
        Some(term) => Some(
            term.strip_prefix("pathways-needs:")
                .filter(|code| crate::domain::Taxonomy::builtin().need(code).is_some())
                .map(str::to_owned)
                .ok_or_else(|| {
                    WebError::bad(
                        "taxonomy_term_id",
                        "a term of pathways-needs (see /api/hsds/taxonomy_terms)",
                    )
                })?,
        ),
    };
    // A point instead of a postcode: `lat` and `lon` in degrees, `radius` in metres (as
    // `proximity`).
    let point = match (value("lat"), value("lon")) {
        (None, None) => None,
        (Some(lat), Some(lon)) => {
            if postcode.is_some() {
                return Err(WebError::bad("lat", "a point or a postcode, not both"));
            }
            let degrees = |t: &str| t.parse::<f64>().ok();
            Some(
                degrees(&lat)
                    .zip(degrees(&lon))
                    .and_then(|(lat, lon)| crate::geo::Point::new(lat, lon))
                    .ok_or_else(|| WebError::bad("lat", "lat and lon in degrees, a point on Earth"))?,
            )
        }
        (Some(_), None) => return Err(WebError::bad("lon", "lat and lon go together")),
        (None, Some(_)) => return Err(WebError::bad("lat", "lat and lon go together")),
    };
    if value("radius").is_some() && value("proximity").is_some() {
        return Err(WebError::bad("radius", "radius or proximity, not both"));
    }
    let (distance_name, distance) = match value("radius") {
        Some(r) => ("radius", Some(r)),
        None => ("proximity", value("proximity")),
    };
    if search.is_some() || postcode.is_some() || need.is_some() || point.is_some() {
        for alone in ["organization_id", "modified_after"] {
            if value(alone).is_some() {
                return Err(WebError::bad(
                    alone,
                    "not with search, postcode or taxonomy_term_id yet",
                ));
            }
        }
        let radius_km = match distance {
            None => None,
            Some(m) => Some(
                m.parse::<f64>()
                    .ok()
                    .map(|m| m / 1000.0)
                    .filter(|km| *km > 0.0 && *km <= MAX_RADIUS_KM)
                    .ok_or_else(|| {
                        WebError::bad(
                            distance_name,
                            format!("metres, more than 0 and at most {}", MAX_RADIUS_KM * 1000.0),
                        )
                    })?,
            ),
        };
        if paging.per_page > MAX_LIMIT {
            return Err(WebError::bad(
                "per_page",
                format!("at most {MAX_LIMIT} with search or postcode"),
            ));
        }
        let find = Find {
            text: search.unwrap_or_default(),
            place: match (point, postcode) {
                (Some(p), _) => Whereabouts::Point(p),
                (None, Some(code)) => Whereabouts::Typed(code),
                (None, None) => Whereabouts::Anywhere,
            },
            radius_km,
            filters: Filters {
                needs: need.into_iter().collect(),
                ..Filters::default()
            },
            page: paging.page,
            limit: paging.per_page,
            now: jiff::Timestamp::now(),
        };
        let page = state
            .blocking(move |app| {
                let found = app.directory.find(&find).map_err(|e| match e {
                    FindError::Place(p) => WebError::bad("postcode", p.to_string()),
                    other => WebError::from(other),
                })?;
                let mut contents = Vec::new();
                for hit in &found.results.hits {
                    contents.extend(app.directory.hsds_service(&hit.listing.id)?);
                }
                Ok::<_, WebError>(HsdsPage {
                    total_items: found.results.total,
                    page: paging.page,
                    per_page: paging.per_page,
                    contents,
                })
            })
            .await??;
        return Ok(Json(envelope(page)));
    }
    let organization = value("organization_id");
    let page = state
        .blocking(move |app| {
            app.directory.hsds_services(
                organization.as_deref(),
                modified_after,
                paging.page,
                paging.per_page,
            )
        })
        .await??;
    Ok(Json(envelope(page)))
}

/// `modified_after` as a time: RFC 3339 with an offset, or a date (midnight UTC).
fn modified_after(text: Option<String>) -> Result<Option<jiff::Timestamp>, WebError> {
    let Some(text) = text else {
        return Ok(None);
    };
    text.parse::<jiff::Timestamp>()
        .ok()
        .or_else(|| {
            let date: jiff::civil::Date = text.parse().ok()?;
            date.to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .ok()
                .map(|z| z.timestamp())
        })
        .map(Some)
        .ok_or_else(|| {
            WebError::bad(
                "modified_after",
                "a date-time such as 2026-11-01T00:00:00Z, or a date (2026-11-01, midnight UTC)",
            )
        })
}

/// `GET /api/hsds/services/{id}`: the service's full record.
pub async fn show_service(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, WebError> {
    let record = state
        .blocking(move |app| app.directory.hsds_service(&id))
        .await??;
    record.map(Json).ok_or(WebError::NotFound)
}

/// `GET /api/hsds/service_at_locations[?page&per_page&organization_id&modified_after]`:
/// each office of each service, with its location and its service, as HSDS's
/// `service_at_location_full` has them (a confidential service's place redacted).
pub async fn list_service_at_locations(
    State(state): State<AppState>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, WebError> {
    let paging = Paging::read(&params, &["organization_id", "modified_after"])?;
    let value = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let modified_after = modified_after(value("modified_after"))?;
    let organization = value("organization_id");
    let page = state
        .blocking(move |app| {
            app.directory.hsds_service_at_locations(
                organization.as_deref(),
                modified_after,
                paging.page,
                paging.per_page,
            )
        })
        .await??;
    Ok(Json(envelope(page)))
}

/// `GET /api/hsds/service_at_locations/{id}`.
pub async fn show_service_at_location(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, WebError> {
    let record = state
        .blocking(move |app| app.directory.hsds_service_at_location(&id))
        .await??;
    record.map(Json).ok_or(WebError::NotFound)
}

/// `GET /api/hsds/organizations[?page&per_page]`.
pub async fn list_organizations(
    State(state): State<AppState>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, WebError> {
    let paging = Paging::read(&params, &[])?;
    let page = state
        .blocking(move |app| app.directory.hsds_organizations(paging.page, paging.per_page))
        .await??;
    Ok(Json(envelope(page)))
}

/// `GET /api/hsds/organizations/{id}`: the organisation's record with its services.
pub async fn show_organization(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, WebError> {
    let found = state
        .blocking(move |app| {
            let Some(org) = app.directory.store.organization(&id)? else {
                return Ok::<_, crate::services::AppError>(None);
            };
            // Every service, page after page (an organisation may have more than a page).
            let mut services = Vec::new();
            for page in 1.. {
                let found = app.directory.hsds_services(Some(&id), None, page, MAX_PER_PAGE)?;
                let last = found.contents.len() < MAX_PER_PAGE;
                services.extend(found.contents);
                if last {
                    break;
                }
            }
            let mut record = org.hsds;
            record["services"] = Value::Array(services);
            Ok(Some(record))
        })
        .await??;
    found.map(Json).ok_or(WebError::NotFound)
}

/// The taxonomies Pathways reads and writes terms of (the `taxonomy` its attributes name).
const TAXONOMIES: [(&str, &str, &str); 3] = [
    (
        "pathways-needs",
        "Pathways needs",
        "What a survivor may need, immediate and long-term.",
    ),
    (
        "pathways-conditions",
        "Pathways conditions",
        "What a service may ask before it helps.",
    ),
    (
        "pathways-attributes",
        "Pathways attributes",
        "Other facts about a service (walk-in, survivor-led, …).",
    ),
];

/// `GET /api/hsds/taxonomies`.
pub async fn list_taxonomies(Query(params): Query<Vec<(String, String)>>) -> Result<Json<Value>, WebError> {
    let paging = Paging::read(&params, &[])?;
    let all: Vec<Value> = TAXONOMIES
        .iter()
        .map(|(id, name, description)| json!({"id": id, "name": name, "description": description}))
        .collect();
    Ok(Json(envelope(slice(all, paging))))
}

/// `GET /api/hsds/taxonomies/{id}`.
pub async fn show_taxonomy(Path(id): Path<String>) -> Result<Json<Value>, WebError> {
    TAXONOMIES
        .iter()
        .find(|(t, _, _)| *t == id)
        .map(|(id, name, description)| Json(json!({"id": id, "name": name, "description": description})))
        .ok_or(WebError::NotFound)
}

/// Every term of [`TAXONOMIES`], as HSDS taxonomy terms (the code is the id).
fn terms() -> Vec<Value> {
    let taxonomy = crate::domain::Taxonomy::builtin();
    let term = |taxonomy_id: &str, code: &str, name: &str, description: &str| {
        json!({"id": format!("{taxonomy_id}:{code}"), "code": code, "name": name, "description": description,
            "taxonomy": taxonomy_id, "taxonomy_id": taxonomy_id, "language": "en"})
    };
    let mut out: Vec<Value> = taxonomy
        .needs
        .iter()
        .map(|n| term("pathways-needs", &n.code, &n.label.en, &n.description.en))
        .collect();
    out.extend(
        taxonomy
            .conditions
            .iter()
            .map(|c| term("pathways-conditions", &c.code, &c.label.en, &c.label.en)),
    );
    out.extend(
        taxonomy
            .attributes
            .iter()
            .map(|a| term("pathways-attributes", &a.code, &a.label.en, &a.label.en)),
    );
    out
}

/// `GET /api/hsds/taxonomy_terms[?taxonomy_id]`.
pub async fn list_taxonomy_terms(
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<Value>, WebError> {
    let paging = Paging::read(&params, &["taxonomy_id"])?;
    let wanted = params
        .iter()
        .find(|(k, _)| k == "taxonomy_id")
        .map(|(_, v)| v.trim());
    let all: Vec<Value> = terms()
        .into_iter()
        .filter(|t| wanted.is_none_or(|w| t["taxonomy_id"] == w))
        .collect();
    Ok(Json(envelope(slice(all, paging))))
}

/// `GET /api/hsds/taxonomy_terms/{id}`.
pub async fn show_taxonomy_term(Path(id): Path<String>) -> Result<Json<Value>, WebError> {
    terms()
        .into_iter()
        .find(|t| t["id"] == id.as_str())
        .map(Json)
        .ok_or(WebError::NotFound)
}

/// One page of a list held whole.
fn slice(all: Vec<Value>, paging: Paging) -> HsdsPage {
    let total_items = all.len();
    let contents = all
        .into_iter()
        .skip((paging.page - 1) * paging.per_page)
        .take(paging.per_page)
        .collect();
    HsdsPage {
        total_items,
        page: paging.page,
        per_page: paging.per_page,
        contents,
    }
}

/// `page` and `per_page`, each checked; any other parameter but `allowed` is refused by name
/// (the spec's taxonomy and modified-after filters are not served yet, and a filter silently
/// ignored would return the wrong records).
#[derive(Clone, Copy, Debug)]
struct Paging {
    page: usize,
    per_page: usize,
}

impl Paging {
    fn read(params: &[(String, String)], allowed: &[&str]) -> Result<Paging, WebError> {
        let mut paging = Paging {
            page: 1,
            per_page: PER_PAGE,
        };
        for (key, value) in params {
            let whole = |max: usize| {
                value
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .ok_or_else(|| WebError::bad(key, format!("a whole number from 1 to {max}")))
            };
            match key.as_str() {
                "page" => paging.page = whole(1_000_000)?,
                "per_page" => paging.per_page = whole(MAX_PER_PAGE)?,
                k if allowed.contains(&k) => {}
                _ => {
                    return Err(WebError::bad(
                        key,
                        "not a parameter this API serves yet".to_owned(),
                    ));
                }
            }
        }
        Ok(paging)
    }
}

/// The HSDS API's paging envelope around a page of records.
fn envelope(page: HsdsPage) -> Value {
    let total_pages = page.total_items.div_ceil(page.per_page).max(1);
    json!({
        "total_items": page.total_items,
        "total_pages": total_pages,
        "page_number": page.page,
        "size": page.contents.len(),
        "first_page": page.page == 1,
        "last_page": page.page >= total_pages,
        "empty": page.contents.is_empty(),
        "contents": page.contents,
    })
}

//! Coverage by county (issue 13), public and about no person: `GET /coverage` (and
//! `/es/coverage`), a form, a server-drawn SVG map and its table; `GET /api/v1/coverage`
//! as JSON or CSV (`format=csv`). No JavaScript, no tiles, no third-party request.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use templates::{Choice, Lang};

use super::public::PageLang;
use super::views::pick;
use super::{AppState, WebError};
use crate::domain::Taxonomy;
use crate::domain::coverage::{NEAR_MILES, band};
use crate::geo::Counties;
use crate::services::coverage::{Coverage, CoverageError};

/// The map's width in pixels (its height follows the state's shape).
const MAP_WIDTH: f64 = 640.0;

/// One county in the API's answer.
#[derive(Debug, Serialize)]
pub struct CountyOut {
    /// FIPS code.
    pub fips: String,
    /// Name.
    pub name: String,
    /// People in its gazetteer towns (0: none known).
    pub people: u64,
    /// Miles for its median person to the nearest service (`null`: none).
    pub median_miles: Option<f64>,
    /// Share of its people within 25 miles.
    pub share_within_25_miles: f64,
    /// Services with a public office in it.
    pub offices_in_county: usize,
}

/// The API's answer.
#[derive(Debug, Serialize)]
pub struct CoverageOut {
    /// State code.
    pub state: String,
    /// Need code.
    pub need: String,
    /// What "near" means, in miles.
    pub near_miles: f64,
    /// National lines for the need (not in the distances).
    pub national_lines: usize,
    /// The counties.
    pub counties: Vec<CountyOut>,
}

fn out(c: &Coverage) -> CoverageOut {
    CoverageOut {
        state: c.state.clone(),
        need: c.need.clone(),
        near_miles: NEAR_MILES,
        national_lines: c.national_lines,
        counties: c
            .counties
            .iter()
            .map(|k| CountyOut {
                fips: k.fips.clone(),
                name: k.name.clone(),
                people: k.people,
                median_miles: k.median_miles.map(|m| (m * 10.0).round() / 10.0),
                share_within_25_miles: (k.share_near * 1000.0).round() / 1000.0,
                offices_in_county: k.offices_inside,
            })
            .collect(),
    }
}

/// The answer as CSV: a header, then a county a row (names quoted).
pub fn to_csv(c: &Coverage) -> String {
    let mut csv = String::from("fips,county,people,median_miles,share_within_25_miles,offices_in_county\n");
    for k in out(c).counties {
        let median = k.median_miles.map(|m| m.to_string()).unwrap_or_default();
        csv.push_str(&format!(
            "{},\"{}\",{},{},{},{}\n",
            k.fips,
            k.name.replace('"', "\"\""),
            k.people,
            median,
            k.share_within_25_miles,
            k.offices_in_county
        ));
    }
    csv
}

fn refused(e: CoverageError) -> WebError {
    match e {
        CoverageError::UnknownState(_) => WebError::bad("state", e.to_string()),
        CoverageError::UnknownNeed(_) => WebError::bad("need", e.to_string()),
        CoverageError::App(e) => WebError::from(e),
    }
}

/// `GET /api/v1/coverage?state=TX&need=shelter.emergency[&format=csv]`.
pub async fn coverage_api(
    State(state): State<AppState>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    if let Some((k, _)) = params
        .iter()
        .find(|(k, _)| !["state", "need", "format"].contains(&k.as_str()))
    {
        return Err(WebError::bad(
            k,
            "not a parameter of /api/v1/coverage (state, need, format)",
        ));
    }
    let get = |k: &str| params.iter().find(|(p, _)| p == k).map(|(_, v)| v.clone());
    let csv = match get("format").as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => return Err(WebError::bad("format", format!("{other:?} is not json or csv"))),
    };
    let (st, need) = (get("state").unwrap_or_default(), get("need").unwrap_or_default());
    let answer = state
        .blocking(move |app| app.directory.coverage(&st, &need))
        .await?
        .map_err(refused)?;
    if csv {
        let name = format!(
            "attachment; filename=\"coverage-{}-{}.csv\"",
            answer.state, answer.need
        );
        return Ok((
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&name).unwrap_or(HeaderValue::from_static("attachment")),
                ),
            ],
            to_csv(&answer),
        )
            .into_response());
    }
    Ok(Json(out(&answer)).into_response())
}

/// `GET /coverage?state=TX&need=shelter.emergency`: the form, and the answer once chosen.
pub async fn show_coverage(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let get = |k: &str| {
        params
            .iter()
            .find(|(p, _)| p == k)
            .map(|(_, v)| v.trim().to_owned())
    };
    let (chosen_state, chosen_need) = (get("state").unwrap_or_default(), get("need").unwrap_or_default());
    let gazetteer = state.directory.gazetteer;
    let states = gazetteer
        .states()
        .into_iter()
        .filter(|(code, _)| Counties::builtin().in_state(code).next().is_some())
        .map(|(code, name)| Choice {
            value: code.to_owned(),
            label: name.to_owned(),
            chosen: code == chosen_state,
        });
    let needs = Taxonomy::builtin().needs.iter().map(|n| Choice {
        value: n.code.clone(),
        label: pick(lang, &n.label).to_owned(),
        chosen: n.code == chosen_need,
    });
    let blank = |key: &str| Choice {
        value: String::new(),
        label: format!("— {} —", lang.t(key)),
        chosen: false,
    };
    let mut page = templates::CoveragePage {
        frame: templates::Frame::new(lang, "/coverage", &state.site.exit_url),
        action: lang.path("/coverage"),
        states: std::iter::once(blank("coverage-state")).chain(states).collect(),
        needs: std::iter::once(blank("form-need")).chain(needs).collect(),
        error: None,
        view: None,
    };
    let mut status = StatusCode::OK;
    if params.is_empty() {
        // The form alone.
    } else if chosen_state.is_empty() {
        page.error = Some(lang.t("coverage-error-state").to_owned());
        status = StatusCode::BAD_REQUEST;
    } else if chosen_need.is_empty() {
        page.error = Some(lang.t("coverage-error-need").to_owned());
        status = StatusCode::BAD_REQUEST;
    } else {
        let (st, need) = (chosen_state.clone(), chosen_need.clone());
        match state
            .blocking(move |app| app.directory.coverage(&st, &need))
            .await?
        {
            Ok(answer) => page.view = Some(view(lang, &answer)),
            Err(CoverageError::App(e)) => return Err(WebError::from(e)),
            Err(e) => {
                page.error = Some(e.to_string());
                status = StatusCode::BAD_REQUEST;
            }
        }
    }
    Ok((status, Html(templates::coverage(&page).into_string())).into_response())
}

/// The answer as the page shows it.
fn view(lang: Lang, c: &Coverage) -> templates::CoverageView {
    let need = Taxonomy::builtin()
        .need(&c.need)
        .map(|n| pick(lang, &n.label).to_owned())
        .unwrap_or_else(|| c.need.clone());
    let title = lang.tf("coverage-title", &[("need", &need), ("state", &c.state_name)]);
    let near = c.counties.iter().filter(|k| band(k.median_miles) <= 1).count();
    let far = c.counties.iter().filter(|k| band(k.median_miles) >= 3).count();
    let summary = lang.tf(
        "coverage-summary",
        &[("counties", &c.counties.len()), ("near", &near), ("far", &far)],
    );
    let national_note =
        (c.national_lines > 0).then(|| lang.plural("coverage-national", c.national_lines as u64));
    let (size, map) = draw(c);
    let rows = c
        .counties
        .iter()
        .map(|k| templates::CoverageRow {
            name: k.name.clone(),
            people: if k.people == 0 {
                "—".to_owned()
            } else {
                thousands(k.people)
            },
            median: k
                .median_miles
                .map_or_else(|| lang.t("coverage-none").to_owned(), |m| format!("{m:.0}")),
            share_near: format!("{:.0}%", k.share_near * 100.0),
            offices: k.offices_inside,
        })
        .collect();
    let query = format!("state={}&need={}", c.state, c.need);
    templates::CoverageView {
        title,
        summary,
        national_note,
        size,
        map,
        rows,
        csv_href: format!("/api/v1/coverage?{query}&format=csv"),
        json_href: format!("/api/v1/coverage?{query}"),
    }
}

/// 1234567 as "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The state's counties as SVG paths: an equirectangular projection at the state's middle
/// latitude, fitted to [`MAP_WIDTH`] (longitudes east of 0 — the Aleutians past 180° — are
/// taken west).
fn draw(c: &Coverage) -> ((u32, u32), Vec<templates::MapCounty>) {
    let counties: Vec<_> = c
        .counties
        .iter()
        .filter_map(|k| Some((Counties::builtin().get(&k.fips)?, band(k.median_miles))))
        .collect();
    let lon = |x: f64| if x > 0.0 { x - 360.0 } else { x };
    let (mut s, mut n, mut w, mut e) = (90.0f64, -90.0f64, 180.0f64, -360.0f64);
    for (county, _) in &counties {
        for &(x, y) in county.rings.iter().flatten() {
            (s, n, w, e) = (s.min(y), n.max(y), w.min(lon(x)), e.max(lon(x)));
        }
    }
    let k = ((s + n) / 2.0).to_radians().cos();
    let scale = MAP_WIDTH / ((e - w) * k).max(1e-6);
    let height = ((n - s) * scale).ceil().max(1.0);
    let map = counties
        .iter()
        .map(|(county, band)| {
            let mut d = String::new();
            for ring in &county.rings {
                for (i, &(x, y)) in ring.iter().enumerate() {
                    let (px, py) = ((lon(x) - w) * k * scale, (n - y) * scale);
                    d.push_str(&format!("{}{px:.1} {py:.1}", if i == 0 { "M" } else { "L" }));
                }
                d.push('Z');
            }
            templates::MapCounty { d, band: *band }
        })
        .collect();
    ((MAP_WIDTH as u32, height as u32), map)
}

//! `GET /staff/reports/unmet` (issue 13): unmet need by need or county, for an agency (its
//! admins) or for the network of agencies that share their counts (directory admins), small
//! cells suppressed; `format=csv` gives the same table. `POST /staff/reports/unmet/share`
//! opts an agency in or out of the network's view (its admins; audited).
//! `GET /staff/reports/gaps`: the gap report, one printable page and a CSV.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use templates::Choice;
use templates::staff::{FieldError, GapView, GapsPage, Menu, UnmetPage, UnmetRowView};

use super::{Answer, Signed, StaffForm, chrome, lang, page};
use crate::domain::Taxonomy;
use crate::domain::month::Month;
use crate::domain::staff::AgencyId;
use crate::domain::suppression::Shown;
use crate::geo::Counties;
use crate::http::AppState;
use crate::services::staff::{Session, UnmetBy, UnmetLine, UnmetScope};

/// Both report pages' form (GET: counts only, nothing secret in the address); the gap
/// report has no `by`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    by: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    format: String,
}

type QueryResult = Result<Query<ReportQuery>, axum::extract::rejection::QueryRejection>;

/// Whose counts and which period a report page was asked for, as read from its form.
struct Asked {
    /// The form, or an empty one when it was malformed.
    query: ReportQuery,
    /// The scopes the reader may choose, with their names.
    scopes: Vec<(UnmetScope, String)>,
    /// The scope asked for if the reader may read it, else their first.
    chosen: Option<UnmetScope>,
    /// The period in whole months, inclusive (the twelve to this one unless given).
    from: Month,
    to: Month,
    /// The field at fault and its message key.
    error: Option<(&'static str, &'static str)>,
}

fn code(scope: &UnmetScope) -> String {
    match scope {
        UnmetScope::Network => "network".to_owned(),
        UnmetScope::Agency(a) => a.as_str().to_owned(),
    }
}

impl Asked {
    /// Reads the form and the scopes `s` may read (refused, audited, when none).
    async fn read(state: &AppState, s: &Session, query: QueryResult) -> Result<Asked, crate::http::WebError> {
        let mut error = None;
        let query = query.map(|Query(q)| q).unwrap_or_else(|_| {
            error = Some(("from", "staff-error-form"));
            ReportQuery::default()
        });
        let actor = s.actor.clone();
        let scopes = state
            .blocking(move |app| app.staff.reports().unmet_scopes(&actor))
            .await??;
        let chosen = scopes
            .iter()
            .find(|(sc, _)| code(sc) == query.scope)
            .or(scopes.first())
            .map(|(sc, _)| sc.clone());
        let mut month = |field: &'static str, text: &str| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            let month = Month::parse(text);
            if month.is_none() {
                error = Some((field, "staff-error-month"));
            }
            month
        };
        let (to, from) = (month("to", &query.to), month("from", &query.from));
        let to = to.unwrap_or_else(|| Month::of_second(state.staff.clock().now()));
        let from = from.unwrap_or(to.plus(-11));
        if from > to && error.is_none() {
            error = Some(("from", "staff-error-months-order"));
        }
        Ok(Asked {
            query,
            scopes,
            chosen,
            from,
            to,
            error,
        })
    }

    /// The chosen scope and the period, when the form holds no mistake.
    fn question(&self) -> Option<(UnmetScope, Month, Month)> {
        let scope = self.chosen.clone().filter(|_| self.error.is_none())?;
        Some((scope, self.from, self.to))
    }

    fn scope_code(&self) -> String {
        self.chosen.as_ref().map(code).unwrap_or_default()
    }

    fn scope_choices(&self, l: templates::Lang) -> Vec<Choice> {
        let chosen = self.scope_code();
        self.scopes
            .iter()
            .map(|(sc, name)| Choice {
                value: code(sc),
                label: if *sc == UnmetScope::Network {
                    l.t("unmet-network").to_owned()
                } else {
                    name.clone()
                },
                chosen: code(sc) == chosen,
            })
            .collect()
    }

    fn field_error(&self) -> Option<FieldError> {
        self.error.map(|(field, key)| FieldError {
            field: field.to_owned(),
            message_key: key.to_owned(),
        })
    }

    fn status(&self) -> StatusCode {
        if self.error.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        }
    }
}

/// A CSV download.
fn csv(filename: &'static str, body: String) -> axum::response::Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, HeaderValue::from_static(filename)),
        ],
        body,
    )
        .into_response()
}

/// The opt-in form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareFields {
    #[serde(default)]
    agency: String,
    share: String,
}

fn cell(s: &Shown) -> String {
    match s {
        Shown::Count(n) => n.to_string(),
        Shown::UnderFive => "<5".to_owned(),
        // Published alike: a reader cannot tell a withheld count from a hidden small one.
        Shown::Withheld | Shown::Hidden => "x".to_owned(),
    }
}

/// `GET /staff/reports/unmet`.
pub async fn show_unmet(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    query: QueryResult,
) -> Answer {
    let l = lang(&headers);
    let asked = Asked::read(&state, &s, query).await?;
    let by = if asked.query.by == "county" {
        UnmetBy::County
    } else {
        UnmetBy::Need
    };
    let table = match asked.question() {
        Some((scope, start, end)) => {
            let actor = s.actor.clone();
            Some(
                state
                    .blocking(move |app| app.staff.reports().unmet(&actor, &scope, by, start, end))
                    .await??,
            )
        }
        None => None,
    };
    let label = |key: &str| -> String {
        if key == "total" {
            return l.t("unmet-total").to_owned();
        }
        match by {
            UnmetBy::Need => Taxonomy::builtin()
                .need(key)
                .map(|n| crate::http::views::pick(l, &n.label).to_owned())
                .unwrap_or_else(|| key.to_owned()),
            UnmetBy::County => Counties::builtin()
                .get(key)
                .map(|c| format!("{}, {}", c.name, c.state))
                .unwrap_or_else(|| l.t("unmet-county-unknown").to_owned()),
        }
    };
    let row = |line: &UnmetLine| UnmetRowView {
        label: label(&line.key),
        cells: line.cells.iter().map(cell).collect(),
        median_days: line.median_days.map_or_else(|| "—".to_owned(), |d| d.to_string()),
    };
    let (scope_code, from, to) = (asked.scope_code(), asked.from, asked.to);
    let by_code = if by == UnmetBy::County { "county" } else { "need" };
    if asked.query.format == "csv"
        && let Some(t) = &table
    {
        let mut body = String::from(
            "key,label,identified,sent,accepted,declined_no_capacity,declined_not_eligible,declined_unreachable,median_days\n",
        );
        for line in t.lines.iter().chain([&t.total]) {
            let r = row(line);
            body.push_str(&format!(
                "{},\"{}\",{},{}\n",
                line.key,
                r.label.replace('"', "\"\""),
                r.cells.join(","),
                line.median_days.map(|d| d.to_string()).unwrap_or_default()
            ));
        }
        return Ok(csv("attachment; filename=\"unmet-need.csv\"", body));
    }
    let sharing = match &asked.chosen {
        Some(UnmetScope::Agency(agency)) => {
            let (actor, agency) = (s.actor.clone(), agency.clone());
            let on = state
                .blocking(move |app| app.staff.reports().shares_with_network(&actor, &agency))
                .await??;
            Some((on, scope_code.clone(), s.csrf.clone()))
        }
        _ => None,
    };
    let heading = match (&asked.chosen, &table) {
        (Some(UnmetScope::Network), Some(t)) => l.plural("unmet-of-network", t.agencies as u64),
        (Some(UnmetScope::Agency(_)), _) => asked
            .scopes
            .iter()
            .find(|(sc, _)| Some(sc) == asked.chosen.as_ref())
            .map(|(_, name)| name.clone())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let model = UnmetPage {
        chrome: chrome(l, &s, Some(Menu::Unmet)),
        scopes: asked.scope_choices(l),
        by: [("need", "unmet-by-need"), ("county", "unmet-by-county")]
            .into_iter()
            .map(|(v, k)| Choice {
                value: v.to_owned(),
                label: l.t(k).to_owned(),
                chosen: v == by_code,
            })
            .collect(),
        from: from.to_string(),
        to: to.to_string(),
        error: asked.field_error(),
        heading,
        rows: table
            .as_ref()
            .map(|t| t.lines.iter().map(row).collect())
            .unwrap_or_default(),
        total: table.as_ref().map(|t| row(&t.total)),
        csv_href: format!(
            "/staff/reports/unmet?scope={scope_code}&by={by_code}&from={from}&to={to}&format=csv"
        ),
        gaps_href: format!("/staff/reports/gaps?scope={scope_code}&from={from}&to={to}"),
        sharing,
    };
    let status = asked.status();
    Ok(page(status, templates::staff::unmet(&model)))
}

/// `POST /staff/reports/unmet/share`: an agency admin opts their agency in or out.
pub async fn share_unmet(
    State(state): State<AppState>,
    Signed(s): Signed,
    StaffForm(form): StaffForm<ShareFields>,
) -> Answer {
    let actor = s.actor.clone();
    let agency = if form.agency.is_empty() {
        actor.administered_agencies().first().map(|a| (*a).clone())
    } else {
        Some(AgencyId(form.agency.clone()))
    };
    let Some(agency) = agency else {
        return Err(crate::http::WebError::NotFound);
    };
    let on = form.share == "on";
    let target = agency.clone();
    state
        .blocking(move |app| app.staff.reports().share_with_network(&actor, &target, on))
        .await??;
    Ok(Redirect::to(&format!("/staff/reports/unmet?scope={}", agency.as_str())).into_response())
}

/// `GET /staff/reports/gaps`: the gap report (printable), or `format=csv`.
pub async fn show_gaps(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    query: QueryResult,
) -> Answer {
    let l = lang(&headers);
    let asked = Asked::read(&state, &s, query).await?;
    let gaps = match asked.question() {
        Some((scope, start, end)) => {
            let actor = s.actor.clone();
            state
                .blocking(move |app| app.staff.reports().gaps(&actor, &scope, start, end))
                .await??
        }
        None => Vec::new(),
    };
    let views: Vec<GapView> = gaps
        .iter()
        .map(|g| GapView {
            county: g.county_name.clone(),
            need: Taxonomy::builtin()
                .need(&g.need)
                .map(|n| crate::http::views::pick(l, &n.label).to_owned())
                .unwrap_or_else(|| g.need.clone()),
            identified: g.identified.clone(),
            miles: g
                .median_miles
                .map_or_else(|| l.t("coverage-none").to_owned(), |m| format!("{m:.0}")),
            bar: g.median_miles.map_or(1.0, |m| (m / 200.0).clamp(0.02, 1.0)),
            listings: g.listings_in_county,
            why: [(g.far, "gaps-far"), (g.no_room, "gaps-no-room")]
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, key)| l.t(key))
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect();
    let (scope_code, from, to) = (asked.scope_code(), asked.from, asked.to);
    if asked.query.format == "csv" {
        let mut body = String::from(
            "county_fips,county,need,identified,median_miles,listings_in_county,no_service_within_25_miles,declines_for_room_outnumber_acceptances\n",
        );
        for (g, v) in gaps.iter().zip(&views) {
            body.push_str(&format!(
                "{},\"{}\",{},{},{},{},{},{}\n",
                g.county,
                v.county.replace('"', "\"\""),
                g.need,
                g.identified,
                g.median_miles.map(|m| format!("{m:.1}")).unwrap_or_default(),
                g.listings_in_county,
                g.far,
                g.no_room
            ));
        }
        return Ok(csv("attachment; filename=\"gap-report.csv\"", body));
    }
    let model = GapsPage {
        chrome: chrome(l, &s, Some(Menu::Unmet)),
        scopes: asked.scope_choices(l),
        from: from.to_string(),
        to: to.to_string(),
        error: asked.field_error(),
        gaps: views,
        csv_href: format!("/staff/reports/gaps?scope={scope_code}&from={from}&to={to}&format=csv"),
    };
    let status = asked.status();
    Ok(page(status, templates::staff::gaps(&model)))
}

//! Unmet need (issue 13): counts of needs identified, referrals sent, accepted and declined
//! by reason, and the median days to a service started, by need or by county, for an agency
//! or for the network of agencies that share theirs — small cells already suppressed.

use maud::{Markup, html};

use super::{Chrome, FieldError, error_summary, staff_page};
use crate::pages::results::Choice;

/// One row, formatted (counts as "12", "<5" or "x" for withheld).
#[derive(Clone, Debug)]
pub struct UnmetRowView {
    /// The need's label or the county's name.
    pub label: String,
    /// The six counts.
    pub cells: Vec<String>,
    /// Median days, or "—".
    pub median_days: String,
}

/// The page's view-model.
#[derive(Clone, Debug)]
pub struct UnmetPage {
    /// Frame.
    pub chrome: Chrome,
    /// Whose counts: "network" and the agencies the reader administers.
    pub scopes: Vec<Choice>,
    /// By need or by county.
    pub by: Vec<Choice>,
    /// The period, as typed.
    pub from: String,
    /// The period's end, as typed.
    pub to: String,
    /// What was wrong with the form.
    pub error: Option<FieldError>,
    /// "Counts of 3 agencies".
    pub heading: String,
    /// The rows and the total.
    pub rows: Vec<UnmetRowView>,
    /// The totals row.
    pub total: Option<UnmetRowView>,
    /// The same as CSV.
    pub csv_href: String,
    /// For an agency: whether it shares its counts with the network, its id and the form's
    /// CSRF token (to change it).
    pub sharing: Option<(bool, String, String)>,
}

/// The unmet-need page.
pub fn unmet(m: &UnmetPage) -> Markup {
    let l = m.chrome.lang;
    let columns = [
        "unmet-col-identified",
        "unmet-col-sent",
        "unmet-col-accepted",
        "unmet-col-no-capacity",
        "unmet-col-not-eligible",
        "unmet-col-unreachable",
        "unmet-col-median-days",
    ];
    staff_page(
        &m.chrome,
        "unmet-title",
        html! {
            h1 { (l.t("unmet-heading")) }
            p.lead { (l.t("unmet-lead")) }
            (error_summary(l, &m.error, &["from", "to"]))
            form method="get" action="/staff/reports/unmet" {
                div.field {
                    label for="scope" { (l.t("unmet-scope")) }
                    select #scope name="scope" {
                        @for c in &m.scopes { option value=(c.value) selected[c.chosen] { (c.label) } }
                    }
                }
                div.field {
                    label for="by" { (l.t("unmet-by")) }
                    select #by name="by" {
                        @for c in &m.by { option value=(c.value) selected[c.chosen] { (c.label) } }
                    }
                }
                div.field {
                    label for="from" { (l.t("unmet-from")) }
                    input #from type="date" name="from" value=(m.from);
                }
                div.field {
                    label for="to" { (l.t("unmet-to")) }
                    input #to type="date" name="to" value=(m.to);
                }
                button type="submit" { (l.t("unmet-show")) }
            }
            @if let Some(total) = &m.total {
                h2 { (m.heading) }
                div.table-scroll role="region" tabindex="0" aria-label=(m.heading) { table {
                    thead { tr {
                        th scope="col" { (l.t("unmet-col-key")) }
                        @for c in columns { th scope="col" { (l.t(c)) } }
                    } }
                    tbody {
                        @for r in &m.rows {
                            tr { th scope="row" { (r.label) } @for c in &r.cells { td { (c) } } td { (r.median_days) } }
                        }
                    }
                    tfoot {
                        tr { th scope="row" { (total.label) } @for c in &total.cells { td { (c) } } td { (total.median_days) } }
                    }
                } }
                p { (l.t("unmet-suppression")) }
                p { a href=(m.csv_href) { (l.t("unmet-csv")) } }
            }
            @if let Some((on, agency, csrf)) = &m.sharing {
                h2 { (l.t("unmet-sharing-heading")) }
                p { (l.t(if *on { "unmet-sharing-on" } else { "unmet-sharing-off" })) }
                form method="post" action="/staff/reports/unmet/share" {
                    input type="hidden" name="csrf" value=(csrf);
                    input type="hidden" name="agency" value=(agency);
                    input type="hidden" name="share" value=(if *on { "off" } else { "on" });
                    button type="submit" { (l.t(if *on { "unmet-sharing-stop" } else { "unmet-sharing-start" })) }
                }
            }
        },
    )
}

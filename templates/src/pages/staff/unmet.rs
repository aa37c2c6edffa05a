//! Unmet need (issue 13): counts of needs identified, referrals sent, accepted and declined
//! by reason, and the median days to a service started, by need or by county, for an agency
//! or for the network of agencies that share theirs — small cells already suppressed.

use maud::{Markup, html};

use super::{Chrome, FieldError, error_summary, staff_page};
use crate::Lang;
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
    /// The gap report of the same scope and period.
    pub gaps_href: String,
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
                (scope_field(l, &m.scopes))
                div.field {
                    label for="by" { (l.t("unmet-by")) }
                    select #by name="by" {
                        @for c in &m.by { option value=(c.value) selected[c.chosen] { (c.label) } }
                    }
                }
                (period_fields(l, &m.from, &m.to))
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
            p { a href=(m.gaps_href) { (l.t("gaps-link")) } }
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

/// One gap, formatted.
#[derive(Clone, Debug)]
pub struct GapView {
    /// "Harris County, TX".
    pub county: String,
    /// The need's label.
    pub need: String,
    /// "<5", "10".
    pub identified: String,
    /// "32", or "none".
    pub miles: String,
    /// The bar's length in [0, 1] (no service: 1).
    pub bar: f64,
    /// Services with an office in the county.
    pub listings: usize,
    /// Why it is a gap, in words.
    pub why: String,
}

/// The gap report's view-model.
#[derive(Clone, Debug)]
pub struct GapsPage {
    /// Frame.
    pub chrome: Chrome,
    /// Whose counts.
    pub scopes: Vec<Choice>,
    /// The period.
    pub from: String,
    /// The period's end.
    pub to: String,
    /// What was wrong with the form.
    pub error: Option<FieldError>,
    /// The gaps, farthest first.
    pub gaps: Vec<GapView>,
    /// The same as CSV.
    pub csv_href: String,
}

/// The gap report: one printable page for a task-force meeting.
pub fn gaps(m: &GapsPage) -> Markup {
    let l = m.chrome.lang;
    let row_height = 22.0;
    let height = (m.gaps.len() as f64 * row_height).max(row_height);
    staff_page(
        &m.chrome,
        "gaps-title",
        html! {
            h1 { (l.t("gaps-heading")) }
            p.lead { (l.t("gaps-lead")) }
            (error_summary(l, &m.error, &["from", "to"]))
            form.no-print method="get" action="/staff/reports/gaps" {
                (scope_field(l, &m.scopes))
                (period_fields(l, &m.from, &m.to))
                button type="submit" { (l.t("unmet-show")) }
            }
            p { (l.tf("gaps-period", &[("from", &m.from), ("to", &m.to)])) }
            @if m.gaps.is_empty() {
                p { (l.t("gaps-none")) }
            } @else {
                // The bars say what the table's miles column says: the table is the text.
                svg.bars width="100%" viewBox=(format!("0 0 600 {height}")) aria-hidden="true" focusable="false" {
                    @for (i, g) in m.gaps.iter().enumerate() {
                        @let y = i as f64 * row_height;
                        text x="0" y=(format!("{:.0}", y + 15.0)) font-size="11" { (g.county) " · " (g.need) }
                        rect x="300" y=(format!("{:.0}", y + 4.0)) width=(format!("{:.0}", 290.0 * g.bar)) height="14" fill="#8c510a" {}
                    }
                }
                div.table-scroll role="region" tabindex="0" aria-label=(l.t("gaps-heading")) { table {
                    thead { tr {
                        th scope="col" { (l.t("coverage-col-county")) }
                        th scope="col" { (l.t("unmet-by-need")) }
                        th scope="col" { (l.t("unmet-col-identified")) }
                        th scope="col" { (l.t("coverage-col-median")) }
                        th scope="col" { (l.t("coverage-col-offices")) }
                        th scope="col" { (l.t("gaps-col-why")) }
                    } }
                    tbody {
                        @for g in &m.gaps {
                            tr {
                                th scope="row" { (g.county) }
                                td { (g.need) }
                                td { (g.identified) }
                                td { (g.miles) }
                                td { (g.listings) }
                                td { (g.why) }
                            }
                        }
                    }
                } }
                p { (l.t("gaps-rounding")) }
                p.no-print { a href=(m.csv_href) { (l.t("unmet-csv")) } }
            }
        },
    )
}

/// Both report forms' choice of whose counts.
fn scope_field(l: Lang, scopes: &[Choice]) -> Markup {
    html! {
        div.field {
            label for="scope" { (l.t("unmet-scope")) }
            select #scope name="scope" {
                @for c in scopes { option value=(c.value) selected[c.chosen] { (c.label) } }
            }
        }
    }
}

/// Both report forms' period: first and last month.
fn period_fields(l: Lang, from: &str, to: &str) -> Markup {
    html! {
        div.field {
            label for="from" { (l.t("unmet-from")) }
            input #from type="month" name="from" value=(from) placeholder="YYYY-MM";
        }
        div.field {
            label for="to" { (l.t("unmet-to")) }
            input #to type="month" name="to" value=(to) placeholder="YYYY-MM";
        }
    }
}

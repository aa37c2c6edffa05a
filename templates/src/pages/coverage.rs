//! The coverage page (issue 13): a state and a need chosen by a GET form, then the state's
//! counties drawn as a server-rendered SVG shaded by how far their people are from the
//! nearest unconditional service, and the same numbers in a table. The table is the source
//! of truth: the map is `aria-hidden` and a sentence says what it shows.

use maud::{Markup, html};

use crate::layout::{Frame, page};
use crate::pages::results::Choice;

/// One county on the map: its outline as an SVG path and its band (0 near … 4 far or none).
#[derive(Clone, Debug)]
pub struct MapCounty {
    /// SVG path data in the map's pixels.
    pub d: String,
    /// 0–4.
    pub band: u8,
}

/// One row of the table, formatted.
#[derive(Clone, Debug)]
pub struct CoverageRow {
    /// County name.
    pub name: String,
    /// People in its towns ("4,092,459", or "—").
    pub people: String,
    /// Miles the median person goes ("12", or "none").
    pub median: String,
    /// Share within 25 miles ("87%").
    pub share_near: String,
    /// Services with an office in the county.
    pub offices: usize,
}

/// What a chosen state and need show.
#[derive(Clone, Debug)]
pub struct CoverageView {
    /// "Emergency shelter in Texas".
    pub title: String,
    /// What the map shows, in a sentence (its text alternative).
    pub summary: String,
    /// National lines, said apart.
    pub national_note: Option<String>,
    /// Map width and height in pixels.
    pub size: (u32, u32),
    /// The counties on the map.
    pub map: Vec<MapCounty>,
    /// The table.
    pub rows: Vec<CoverageRow>,
    /// The same as CSV and JSON.
    pub csv_href: String,
    /// JSON.
    pub json_href: String,
}

/// The page's view-model.
#[derive(Clone, Debug)]
pub struct CoveragePage {
    /// Frame.
    pub frame: Frame,
    /// Where the form goes (`/coverage` or `/es/coverage`).
    pub action: String,
    /// States to choose from.
    pub states: Vec<Choice>,
    /// Needs to choose from.
    pub needs: Vec<Choice>,
    /// What was wrong with the choice, if anything.
    pub error: Option<String>,
    /// The answer, once a state and a need are chosen.
    pub view: Option<CoverageView>,
}

/// The colours of the bands, light (near) to dark (far); each band also has its own word in
/// the legend and the table, so colour is never the only cue.
const BAND_FILL: [&str; 5] = ["#d9f0d3", "#a6dba0", "#f6e8c3", "#dfc27d", "#8c510a"];

/// The coverage page.
pub fn coverage(m: &CoveragePage) -> Markup {
    let l = m.frame.lang;
    page(
        &m.frame,
        "title-coverage",
        html! {
            h1 { (l.t("coverage-heading")) }
            p.lead { (l.t("coverage-lead")) }
            form.search method="get" action=(m.action) {
                @if let Some(e) = &m.error { p.error #form-error role="alert" { (e) } }
                div.field {
                    label for="state" { (l.t("coverage-state")) }
                    select #state name="state" {
                        @for c in &m.states { option value=(c.value) selected[c.chosen] { (c.label) } }
                    }
                }
                div.field {
                    label for="need" { (l.t("form-need")) }
                    select #need name="need" {
                        @for c in &m.needs { option value=(c.value) selected[c.chosen] { (c.label) } }
                    }
                }
                button type="submit" { (l.t("coverage-show")) }
            }
            @if let Some(v) = &m.view {
                h2 { (v.title) }
                p { (v.summary) }
                @if let Some(note) = &v.national_note { p { (note) } }
                ul.legend {
                    @for (band, fill) in BAND_FILL.iter().enumerate() {
                        li {
                            svg width="14" height="14" aria-hidden="true" focusable="false" {
                                rect width="14" height="14" fill=(fill) stroke="#555" {}
                            }
                            " " (l.t(&format!("coverage-band-{band}")))
                        }
                    }
                }
                svg.map viewBox=(format!("0 0 {} {}", v.size.0, v.size.1)) width=(v.size.0) height=(v.size.1)
                    aria-hidden="true" focusable="false" {
                    @for c in &v.map {
                        path d=(c.d) fill=(BAND_FILL[usize::from(c.band.min(4))]) fill-rule="evenodd" stroke="#444" stroke-width="0.5" {}
                    }
                }
                div.scroll tabindex="0" role="region" aria-label=(v.title) {
                table {
                    caption { (v.title) }
                    thead { tr {
                        th scope="col" { (l.t("coverage-col-county")) }
                        th scope="col" { (l.t("coverage-col-people")) }
                        th scope="col" { (l.t("coverage-col-median")) }
                        th scope="col" { (l.t("coverage-col-near")) }
                        th scope="col" { (l.t("coverage-col-offices")) }
                    } }
                    tbody {
                        @for r in &v.rows {
                            tr {
                                th scope="row" { (r.name) }
                                td { (r.people) }
                                td { (r.median) }
                                td { (r.share_near) }
                                td { (r.offices) }
                            }
                        }
                    }
                }
                }
                p {
                    (l.t("coverage-download")) " "
                    a href=(v.csv_href) { "CSV" } " · "
                    a href=(v.json_href) { "JSON" }
                }
                p { (l.t("coverage-method")) }
            }
        },
    )
}

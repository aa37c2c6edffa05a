//! A listing's own page (a stable GET address), and the print views of a listing and of a
//! list of results: one page of paper with a neutral heading.

use maud::{Markup, html};

use crate::components::ListingView;
use crate::layout::{Frame, page};

/// A listing page's view-model.
#[derive(Clone, Debug)]
pub struct ListingPage {
    /// Frame.
    pub frame: Frame,
    /// The listing.
    pub listing: ListingView,
    /// Its print view.
    pub print_href: String,
}

/// The listing page.
pub fn listing(m: &ListingPage) -> Markup {
    let l = m.frame.lang;
    let v = &m.listing;
    page(
        &m.frame,
        "title-listing",
        html! {
            article.listing {
                h1 { (v.name) }
                (v.summary(l))
                (v.full(l, 2))
            }
            p.actions {
                a.button href=(m.print_href) { (l.t("listing-print")) }
                a href=(l.path("/")) { (l.t("listing-new-search")) }
            }
        },
    )
}

/// A print view's view-model.
#[derive(Clone, Debug)]
pub struct PrintList {
    /// Frame.
    pub frame: Frame,
    /// "Printed 29 November 2026".
    pub printed: String,
    /// The listings.
    pub listings: Vec<ListingView>,
}

/// The print view: names, phones, addresses and hours, compact enough for one sheet.
pub fn print_list(m: &PrintList) -> Markup {
    let l = m.frame.lang;
    page(
        &m.frame,
        "title-print",
        html! {
            div.print {
                h1 { (l.t("print-heading")) }
                p.note { (m.printed) " · " (l.t("print-hint")) }
                @if m.listings.is_empty() { p { (l.t("print-empty")) } }
                // Compact on purpose: ten contacts fit one sheet in two columns.
                @for v in &m.listings {
                    section {
                        h2 { (v.name) }
                        p.org { (v.organization) }
                        p { @for (i, p) in v.phones.iter().enumerate() { @if i > 0 { " · " } (p) } }
                        @if !v.address.is_empty() { p { (v.address.join(", ")) } }
                        @if let Some(note) = &v.where_note { p { (note) } }
                        p {
                            @if v.week.is_empty() { (v.today) } @else {
                                @for (i, (days, hours)) in v.week.iter().enumerate() {
                                    @if i > 0 { "; " } (days) " " (hours)
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

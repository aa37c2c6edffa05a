//! Pieces that recur on several pages: a listing's summary, its full text, its week of
//! hours, its phones. All text arrives pre-formatted and translated; markup in imported text
//! is escaped by maud.

use maud::{Markup, Render, html};

use crate::i18n::Lang;

/// A phone number.
#[derive(Clone, Debug)]
pub struct PhoneView {
    /// As published.
    pub number: String,
    /// `tel:` target (digits and `+`).
    pub tel: String,
    /// "24-hour intake", "text", …
    pub note: Option<String>,
}

impl Render for PhoneView {
    fn render(&self) -> Markup {
        html! {
            a.tel href={ "tel:" (self.tel) } { (self.number) }
            @if let Some(note) = &self.note { " " span.note { "(" (note) ")" } }
        }
    }
}

/// A condition or reassurance in plain words.
#[derive(Clone, Debug)]
pub struct Badge {
    /// "no ID needed", "police report required".
    pub text: String,
    /// True for a condition that is a barrier (shown as a warning).
    pub barrier: bool,
}

/// One listing, every field pre-formatted in the page's language.
#[derive(Clone, Debug)]
pub struct ListingView {
    /// Listing page path (`/services/{id}` or `/es/services/{id}`).
    pub href: String,
    /// Service name.
    pub name: String,
    /// Organisation name.
    pub organization: String,
    /// A fictional sample listing.
    pub sample: bool,
    /// Not taking people now (closed, full).
    pub status_note: Option<String>,
    /// "2.3 mi" or "serves this area".
    pub distance: Option<String>,
    /// The office's city and state ("Houston, TX"); never for a confidential location.
    pub locality: Option<String>,
    /// "2 more locations" when the service has offices besides the one shown.
    pub more_locations: Option<String>,
    /// Need labels.
    pub needs: Vec<String>,
    /// Conditions and reassurances.
    pub badges: Vec<Badge>,
    /// "Open now · 9:00–17:00", "Closed today", "Hours not listed".
    pub today: String,
    /// Whether it is open now (`None`: unknown).
    pub open_now: Option<bool>,
    /// "verified 3 months ago".
    pub verified: String,
    /// "2 of 12 beds free (reported 20 Nov)".
    pub capacity: Option<String>,
    /// Phones.
    pub phones: Vec<PhoneView>,
    /// Description.
    pub description: String,
    /// Labelled facts: eligibility, how to apply, fees, languages, ages, …
    pub facts: Vec<(String, String)>,
    /// Attributes ("Walk-ins welcome").
    pub attributes: Vec<String>,
    /// Address lines (empty for a confidential location).
    pub address: Vec<String>,
    /// The address lines of its other offices (none for a confidential location).
    pub other_addresses: Vec<Vec<String>>,
    /// "Address kept private for safety. Call to arrange a meeting." and the area served.
    pub where_note: Option<String>,
    /// Website.
    pub url: Option<String>,
    /// The week: (day name, hours text).
    pub week: Vec<(String, String)>,
}

impl ListingView {
    /// The short part of a result: who, where, when, conditions, phone.
    pub fn summary(&self, lang: Lang) -> Markup {
        html! {
            p.org { (self.organization)
                @if self.sample { " · " span.sample { (lang.t("sample-listing")) } } }
            @if let Some(note) = &self.status_note { p.warn { (note) } }
            p.meta {
                @if let Some(c) = &self.locality { span.locality { (c) } " · " }
                @if let Some(m) = &self.more_locations { span { (m) } " · " }
                @if let Some(d) = &self.distance { span { (d) } " · " }
                span class=[match self.open_now { Some(true) => Some("open"), Some(false) => Some("closed"), None => None }] { (self.today) }
            }
            @if !self.needs.is_empty() { p.needs { (self.needs.join(" · ")) } }
            @if !self.badges.is_empty() {
                ul.badges { @for b in &self.badges { li class=[b.barrier.then_some("barrier")] { (b.text) } } }
            }
            @if let Some(c) = &self.capacity { p { (c) } }
            @if let Some(p) = self.phones.first() { p.call { (p) } }
            p.verified { (self.verified) }
        }
    }

    /// Everything else: description, facts, address, all phones, the week; its section
    /// headings at `level` (2 on the listing's own page, 3 inside a result).
    pub fn full(&self, lang: Lang, level: u8) -> Markup {
        html! {
            p { (self.description) }
            (self.whereabouts(lang, level))
            @if self.phones.len() > 1 {
                (heading(level, lang.t("listing-phones")))
                ul.plain { @for p in &self.phones { li { (p) } } }
            }
            @if !self.facts.is_empty() || !self.attributes.is_empty() {
                dl {
                    @for (label, value) in &self.facts { dt { (label) } dd { (value) } }
                    @if !self.attributes.is_empty() {
                        dt { (lang.t("listing-features")) } dd { (self.attributes.join(" · ")) }
                    }
                }
            }
            (self.hours(lang))
            @if let Some(url) = &self.url {
                p { a href=(url) rel="noreferrer noopener" { (lang.t("listing-website")) } }
            }
        }
    }

    /// The address, or why there is none.
    pub fn whereabouts(&self, lang: Lang, level: u8) -> Markup {
        html! {
            @if !self.address.is_empty() {
                (heading(level, lang.t("listing-address")))
                address { @for (i, line) in self.address.iter().enumerate() { @if i > 0 { br; } (line) } }
            }
            @if !self.other_addresses.is_empty() {
                (heading(level, lang.t("listing-other-addresses")))
                ul.plain { @for lines in &self.other_addresses {
                    li { address { @for (i, line) in lines.iter().enumerate() { @if i > 0 { br; } (line) } } }
                } }
            }
            @if let Some(note) = &self.where_note { p { (note) } }
        }
    }

    /// The week of opening hours as a table.
    pub fn hours(&self, lang: Lang) -> Markup {
        html! {
            @if !self.week.is_empty() {
                table.hours {
                    caption { (lang.t("listing-hours")) }
                    @for (day, text) in &self.week { tr { th scope="row" { (day) } td { (text) } } }
                }
            }
        }
    }
}

/// A section heading at level 2 or 3.
fn heading(level: u8, text: &str) -> Markup {
    html! { @if level <= 2 { h2 { (text) } } @else { h3 { (text) } } }
}

//! The results page: the filters as one form, the results with each listing expanding in
//! place, pagination and "print this list" as buttons of that same form (POST, no query in
//! the address bar).

use maud::{Markup, html};

use crate::components::ListingView;
use crate::layout::{Frame, page};

/// A choice of a select or checkbox group.
#[derive(Clone, Debug)]
pub struct Choice {
    /// Form value.
    pub value: String,
    /// Label.
    pub label: String,
    /// Chosen now.
    pub chosen: bool,
}

/// The search form's current values and choices.
#[derive(Clone, Debug)]
pub struct SearchForm {
    /// Where it posts (`/search` or `/es/search`).
    pub action: String,
    /// Where "print this list" posts.
    pub print_action: String,
    /// Words.
    pub q: String,
    /// Typed place.
    pub place: String,
    /// Distance choices (miles).
    pub radius: Vec<Choice>,
    /// Needs (the first is "any").
    pub needs: Vec<Choice>,
    /// "Leave out services that require…" conditions.
    pub without: Vec<Choice>,
    /// Yes/no filters (free, open now, …).
    pub flags: Vec<Choice>,
    /// Languages (the first is "any").
    pub languages: Vec<Choice>,
    /// Genders served (the first is "any").
    pub genders: Vec<Choice>,
    /// Age, as typed.
    pub age: String,
    /// The field a form error is about (`place`, `age`, …), marked invalid and described by
    /// the error message.
    pub invalid: Option<String>,
}

/// The results page's view-model.
#[derive(Clone, Debug)]
pub struct Results {
    /// Frame.
    pub frame: Frame,
    /// The form.
    pub form: SearchForm,
    /// What is wrong with the form, when something is.
    pub error: Option<String>,
    /// "23 services within 25 miles of Houston, TX".
    pub summary: String,
    /// "Read as: emergency shelter" and typo corrections.
    pub notes: Vec<String>,
    /// This page's listings.
    pub listings: Vec<ListingView>,
    /// This page's number.
    pub page: usize,
    /// "Page 2 of 5".
    pub page_label: Option<String>,
    /// Previous page number.
    pub previous: Option<usize>,
    /// Next page number.
    pub next: Option<usize>,
    /// No place was given: the form opens and a note asks where.
    pub ask_place: bool,
}

/// The results page.
pub fn results(m: &Results) -> Markup {
    let l = m.frame.lang;
    page(
        &m.frame,
        "title-results",
        html! {
            h1 { @if m.summary.is_empty() { (l.t("results-heading")) } @else { (m.summary) } }
            @for n in &m.notes { p.note { (n) } }
            // The form comes folded so the results are on the first screen; it opens by
            // itself when something is wrong or nothing was found.
            details.change open[m.error.is_some() || m.listings.is_empty() || m.ask_place] {
                summary { (l.t("form-change")) }
                (filters(l, &m.form, m.error.as_deref()))
            }
            section aria-label=(l.t("results-heading")) {
                @if m.listings.is_empty() && m.error.is_none() {
                    p { a href=(l.path("/hotlines")) { (l.t("nav-hotlines")) } }
                } @else if !m.listings.is_empty() {
                    // Prints the page on screen: the same form, this page's number.
                    button.secondary form="filters" type="submit" formaction=(m.form.print_action)
                        name="page" value=(m.page) { (l.t("results-print")) }
                }
                ol.results {
                    @for v in &m.listings {
                        li {
                            article {
                                h2 { a href=(v.href) { (v.name) } }
                                (v.summary(l))
                                details {
                                    summary { (l.t("results-more")) }
                                    (v.full(l, 3))
                                }
                            }
                        }
                    }
                }
                @if m.previous.is_some() || m.next.is_some() {
                    nav.pages aria-label=(l.t("results-pages")) {
                        @if let Some(p) = m.previous {
                            button.secondary form="filters" type="submit" name="page" value=(p) { (l.t("results-previous")) }
                        }
                        @if let Some(label) = &m.page_label { span { (label) } }
                        @if let Some(p) = m.next {
                            button.secondary form="filters" type="submit" name="page" value=(p) { (l.t("results-next")) }
                        }
                    }
                }
            }
        },
    )
}

fn filters(l: crate::Lang, f: &SearchForm, error: Option<&str>) -> Markup {
    html! {
        form #filters .filters method="post" action=(f.action) autocomplete="off" {
            @if let Some(e) = error { p #form-error .error role="alert" { (e) } }
            div.field {
                label for="q" { (l.t("form-q")) }
                input #q type="search" name="q" value=(f.q) autocomplete="off" maxlength="200"
                    aria-invalid=[f.flag("q")] aria-describedby=[f.described("q")];
            }
            div.field {
                label for="place" { (l.t("form-place")) }
                input #place type="text" name="place" value=(f.place) autocomplete="off" maxlength="100"
                    aria-invalid=[f.flag("place")] aria-describedby=[f.described("place")];
            }
            div.row {
                (select(l, f, "radius_mi", "form-radius", &f.radius))
                (select(l, f, "need", "form-need", &f.needs))
            }
            button.primary type="submit" { (l.t("form-search")) }
            details.more open[f.flags.iter().chain(&f.without).chain(f.languages.iter().skip(1)).chain(f.genders.iter().skip(1)).any(|c| c.chosen) || !f.age.is_empty()] {
                summary { (l.t("form-more-filters")) }
                fieldset {
                    legend { (l.t("form-show-only")) }
                    @for c in &f.flags { (checkbox(&c.value, "1", c)) }
                }
                fieldset {
                    legend { (l.t("form-without")) }
                    @for c in &f.without { (checkbox("without", &c.value, c)) }
                }
                div.row {
                    (select(l, f, "language", "form-language", &f.languages))
                    (select(l, f, "gender", "form-gender", &f.genders))
                    div.field {
                        label for="age" { (l.t("form-age")) }
                        input #age type="number" name="age" min="0" max="130" inputmode="numeric" value=(f.age)
                            aria-invalid=[f.flag("age")] aria-describedby=[f.described("age")];
                    }
                }
                button.primary type="submit" { (l.t("form-apply")) }
            }
        }
    }
}

fn select(l: crate::Lang, f: &SearchForm, name: &str, label_key: &str, choices: &[Choice]) -> Markup {
    html! {
        div.field {
            label for=(name) { (l.t(label_key)) }
            select #(name) name=(name) aria-invalid=[f.flag(name)] aria-describedby=[f.described(name)] {
                @for c in choices { option value=(c.value) selected[c.chosen] { (c.label) } }
            }
        }
    }
}

impl SearchForm {
    fn flag(&self, field: &str) -> Option<&'static str> {
        (self.invalid.as_deref() == Some(field)).then_some("true")
    }

    fn described(&self, field: &str) -> Option<&'static str> {
        (self.invalid.as_deref() == Some(field)).then_some("form-error")
    }
}

fn checkbox(name: &str, value: &str, c: &Choice) -> Markup {
    html! {
        label.check { input type="checkbox" name=(name) value=(value) checked[c.chosen]; (c.label) }
    }
}

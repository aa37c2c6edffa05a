//! The pages of words: hotlines, safety, about, and the error pages.

use maud::{Markup, html};

use crate::layout::{Frame, page};
use crate::pages::home::{Hotline, hotline_list};

/// The hotlines page's view-model.
#[derive(Clone, Debug)]
pub struct HotlinesPage {
    /// Frame.
    pub frame: Frame,
    /// National hotlines.
    pub hotlines: Vec<Hotline>,
}

/// The national hotlines.
pub fn hotlines(m: &HotlinesPage) -> Markup {
    let l = m.frame.lang;
    page(
        &m.frame,
        "title-hotlines",
        html! {
            h1 { (l.t("hotlines-heading")) }
            p.lead { (l.t("hotlines-lead")) }
            (hotline_list(l, &m.hotlines, "hotlines-national"))
            p { (l.t("hotlines-emergency")) }
        },
    )
}

/// The safety page: what quick exit does and does not do, and safer ways to browse.
pub fn safety(frame: &Frame) -> Markup {
    let l = frame.lang;
    page(
        frame,
        "title-safety",
        html! {
            h1 { (l.t("safety-heading")) }
            p.lead { (l.t("safety-lead")) }
            h2 { (l.t("safety-exit-heading")) }
            p { (l.t("safety-exit-text")) }
            h2 { (l.t("safety-history-heading")) }
            p { (l.t("safety-history-text")) }
            h2 { (l.t("safety-devices-heading")) }
            p { (l.t("safety-devices-text")) }
            h2 { (l.t("safety-browse-heading")) }
            ul {
                li { (l.t("safety-browse-private")) }
                li { (l.t("safety-browse-device")) }
                li { (l.t("safety-browse-print")) }
                li { (l.t("safety-browse-call")) }
            }
            h2 { (l.t("safety-here-heading")) }
            p { (l.t("safety-here-text")) }
        },
    )
}

/// The about page's view-model.
#[derive(Clone, Debug)]
pub struct About {
    /// Frame.
    pub frame: Frame,
    /// "182 services from 99 organisations".
    pub counts: String,
}

/// What this directory is, where its data comes from, and its limits.
pub fn about(m: &About) -> Markup {
    let l = m.frame.lang;
    page(
        &m.frame,
        "title-about",
        html! {
            h1 { (l.t("about-heading")) }
            p.lead { (l.t("about-lead")) }
            p { (m.counts) }
            h2 { (l.t("about-unconditional-heading")) }
            p { (l.t("about-unconditional-text")) }
            h2 { (l.t("about-data-heading")) }
            p { (l.t("about-data-text")) }
            p { (l.t("about-sample-text")) }
            h2 { (l.t("about-verified-heading")) }
            p { (l.t("about-verified-text")) }
            h2 { (l.t("about-credits-heading")) }
            p { (l.t("about-credits-text")) }
        },
    )
}

/// The page answered with 404: unknown, withdrawn or confidential.
pub fn not_found(frame: &Frame) -> Markup {
    let l = frame.lang;
    page(
        frame,
        "title-not-found",
        html! {
            h1 { (l.t("not-found-heading")) }
            p { (l.t("not-found-text")) }
            p { a href=(l.path("/")) { (l.t("listing-new-search")) } }
        },
    )
}

/// The page answered with a 5xx: generic words; the cause is in the log only.
pub fn server_error(frame: &Frame) -> Markup {
    let l = frame.lang;
    page(
        frame,
        "title-error",
        html! {
            h1 { (l.t("error-heading")) }
            p { (l.t("error-text")) }
            p { a href=(l.path("/hotlines")) { (l.t("nav-hotlines")) } }
        },
    )
}

/// The page answered with 429 when one address asks too fast (ANON-10).
pub fn too_many_requests(frame: &Frame) -> Markup {
    let l = frame.lang;
    page(
        frame,
        "title-busy",
        html! {
            h1 { (l.t("busy-heading")) }
            p { (l.t("busy-text")) }
            p { a href=(l.path("/hotlines")) { (l.t("nav-hotlines")) } }
        },
    )
}

//! The frame every public page shares: skip link, quick exit, language switch, the one-line
//! safety note, and the footer. One stylesheet and one small script, both from our origin.

use maud::{DOCTYPE, Markup, html};

use crate::assets;
use crate::i18n::Lang;

/// What the frame of a page needs.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The page's language.
    pub lang: Lang,
    /// Where the language switch leads.
    pub switch: Switch,
    /// The neutral site the quick exit goes to.
    pub exit_to: String,
}

/// The language switch: a link to the same page in the other language, or — on a page made
/// by a POSTed form — a button that posts the same form to the other language.
#[derive(Clone, Debug)]
pub enum Switch {
    /// A plain link.
    Link(String),
    /// A form posting these fields to `action`.
    Form {
        /// Target path.
        action: String,
        /// Hidden fields.
        fields: Vec<(String, String)>,
    },
}

impl Frame {
    /// A frame whose switch links to `path` (a site path such as `/safety`) in the other
    /// language.
    pub fn new(lang: Lang, path: &str, exit_to: &str) -> Frame {
        Frame {
            lang,
            switch: Switch::Link(lang.other().path(path)),
            exit_to: exit_to.to_owned(),
        }
    }
}

/// A whole page. `title_key` names a neutral title: never the query, never a listing's need.
pub fn page(frame: &Frame, title_key: &str, body: Markup) -> Markup {
    let l = frame.lang;
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (l.t(title_key)) " · " (l.t("site-name")) }
                link rel="stylesheet" href=(assets::stylesheet());
                // No icon: without this line a browser asks for /favicon.ico on every page
                // (the CSP's img-src then refuses the empty data: icon, so nothing is fetched).
                link rel="icon" href="data:,";
                script src=(assets::exit_script()) defer {}
            }
            body {
                a.skip href="#main" { (l.t("skip-to-content")) }
                // Quick exit is the first stop after the skip link (the stylesheet shows it on
                // the right).
                header.top {
                    a #quick-exit .exit href="/exit" data-to=(frame.exit_to) rel="noreferrer noopener" {
                        (l.t("quick-exit"))
                    }
                    a.brand href=(l.path("/")) { (l.t("site-name")) }
                    (switch(frame))
                    p.safety {
                        (l.t("safety-note")) " "
                        a href=(l.path("/safety")) { (l.t("safety-note-link")) }
                    }
                }
                main #main tabindex="-1" { (body) }
                footer {
                    nav aria-label=(l.t("footer-nav")) {
                        a href=(l.path("/")) { (l.t("nav-search")) }
                        a href=(l.path("/hotlines")) { (l.t("nav-hotlines")) }
                        a href=(l.path("/safety")) { (l.t("nav-safety")) }
                        a href=(l.path("/coverage")) { (l.t("nav-coverage")) }
                        a href=(l.path("/about")) { (l.t("nav-about")) }
                    }
                    p { (l.t("footer-sample")) }
                }
            }
        }
    }
}

fn switch(frame: &Frame) -> Markup {
    let other = frame.lang.other();
    let label = frame.lang.t("switch-language");
    html! {
        @match &frame.switch {
            Switch::Link(href) => {
                a.lang href=(href) lang=(other.code()) hreflang=(other.code()) { (label) }
            }
            Switch::Form { action, fields } => {
                form.lang method="post" action=(action) {
                    @for (name, value) in fields {
                        input type="hidden" name=(name) value=(value);
                    }
                    button type="submit" lang=(other.code()) { (label) }
                }
            }
        }
    }
}

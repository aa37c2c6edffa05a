//! The start page: the search box, the needs as large tiles, the national hotlines.

use maud::{Markup, html};

use crate::components::PhoneView;
use crate::layout::{Frame, page};

/// A national hotline.
#[derive(Clone, Debug)]
pub struct Hotline {
    /// Name.
    pub name: String,
    /// What it is for, in the page's language.
    pub description: String,
    /// Numbers to call or text.
    pub phones: Vec<PhoneView>,
}

/// A need as a tile.
#[derive(Clone, Debug)]
pub struct NeedTile {
    /// Need code (the form value).
    pub code: String,
    /// Plain label.
    pub label: String,
    /// One line.
    pub description: String,
}

/// The home page's view-model.
#[derive(Clone, Debug)]
pub struct Home {
    /// Frame.
    pub frame: Frame,
    /// Where the search form posts.
    pub action: String,
    /// Needs, in the taxonomy's order.
    pub needs: Vec<NeedTile>,
    /// National hotlines.
    pub hotlines: Vec<Hotline>,
}

/// The home page.
pub fn home(m: &Home) -> Markup {
    let l = m.frame.lang;
    page(
        &m.frame,
        "title-home",
        html! {
            h1 { (l.t("home-heading")) }
            p.lead { (l.t("home-lead")) }
            form.search method="post" action=(m.action) autocomplete="off" {
                div.field {
                    label for="q" { (l.t("form-q")) }
                    input #q type="search" name="q" autocomplete="off" maxlength="200";
                }
                div.field {
                    label for="place" { (l.t("form-place")) }
                    span.hint #place-hint { (l.t("form-place-hint")) }
                    input #place type="text" name="place" autocomplete="off" maxlength="100" aria-describedby="place-hint";
                }
                button.primary type="submit" { (l.t("form-search")) }
                h2 #needs-heading { (l.t("home-needs")) }
                ul.tiles aria-labelledby="needs-heading" {
                    @for n in &m.needs {
                        li { button type="submit" name="need" value=(n.code) {
                            strong { (n.label) } span { (n.description) }
                        } }
                    }
                }
            }
            (hotline_list(l, &m.hotlines, "home-hotlines"))
        },
    )
}

/// The hotlines as a section (home and the hotlines page).
pub fn hotline_list(l: crate::Lang, hotlines: &[Hotline], heading_key: &str) -> Markup {
    html! {
        section.hotlines aria-labelledby="hotlines-heading" {
            h2 #hotlines-heading { (l.t(heading_key)) }
            ul.plain {
                @for h in hotlines {
                    li {
                        strong { (h.name) }
                        @for p in &h.phones { br; (p) }
                        br; span.note { (h.description) }
                    }
                }
            }
        }
    }
}

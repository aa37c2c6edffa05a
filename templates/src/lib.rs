//! Pathways' server-rendered views. Depends on maud only: pages take plain, pre-formatted
//! view-models and cannot reach the application.

use maud::{DOCTYPE, Markup, html};

/// A national hotline as shown on a page.
#[derive(Clone, Debug)]
pub struct Hotline {
    /// Name.
    pub name: String,
    /// Number to dial, as shown.
    pub phone: String,
    /// `tel:` target.
    pub tel: String,
}

/// The home page's view-model.
#[derive(Clone, Debug)]
pub struct Home {
    /// National hotlines.
    pub hotlines: Vec<Hotline>,
    /// Services in the directory.
    pub services: usize,
}

/// The shared page frame with a neutral title.
pub fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
            }
            body {
                main { (body) }
            }
        }
    }
}

/// The home page.
pub fn home(model: &Home) -> Markup {
    layout(
        "Pathways",
        html! {
            h1 { "Pathways" }
            p { "A directory of " (model.services) " services. Search it through "
                a href="/api/v1/search?q=shelter&place=Houston,%20TX" { "the JSON API" } "." }
            h2 { "National hotlines" }
            ul {
                @for h in &model.hotlines {
                    li { (h.name) ": " a href={ "tel:" (h.tel) } { (h.phone) } }
                }
            }
        },
    )
}

/// The not-found page.
pub fn not_found() -> Markup {
    layout(
        "Not found — Pathways",
        html! { h1 { "Page not found" } p { a href="/" { "Go to the start page" } } },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_text_is_escaped() {
        let page = home(&Home {
            hotlines: vec![Hotline {
                name: "<script>x</script>".into(),
                phone: "988".into(),
                tel: "988".into(),
            }],
            services: 1,
        })
        .into_string();
        assert!(page.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(!page.contains("<script>x"));
    }
}

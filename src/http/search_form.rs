//! The public search form: read field by field (a field we never sent is named, not
//! ignored), echoed back into the form and its hidden copies, and turned into a `Find`
//! through the same validation as the JSON API. Distances are in miles on the pages.

use templates::{Choice, Lang, SearchForm};

use super::WebError;
use super::api::parse_search;
use super::views::{KM_PER_MILE, language_name, pick};
use crate::domain::Taxonomy;
use crate::domain::gender::Gender;
use crate::services::find::Find;

/// The yes/no filters, by field name.
pub(super) const FLAGS: [&str; 6] = [
    "no_conditions",
    "free",
    "open_now",
    "accepting",
    "walk_in",
    "open_24_7",
];
/// Distances offered, miles.
const RADII: [u32; 5] = [5, 10, 25, 50, 100];
/// The distance when none is chosen, miles.
const DEFAULT_RADIUS: u32 = 25;
/// Languages offered in the "staff speak" filter.
pub(super) const LANGUAGES: [&str; 11] = ["en", "es", "fr", "pt", "ht", "zh", "vi", "ko", "tl", "ar", "ru"];

/// What the form held, as typed.
#[derive(Clone, Debug, Default)]
pub struct SearchInput {
    /// Words.
    pub q: String,
    /// Typed place.
    pub place: String,
    /// Distance, miles, as sent.
    pub radius_mi: String,
    /// Need code or "".
    pub need: String,
    /// Condition codes to leave out.
    pub without: Vec<String>,
    /// Yes/no filters that are on.
    pub flags: Vec<&'static str>,
    /// Age, as typed.
    pub age: String,
    /// Language code or "".
    pub language: String,
    /// Gender code or "".
    pub gender: String,
    /// Page asked for.
    pub page: Option<usize>,
}

/// What is wrong with a search.
#[derive(Debug)]
pub enum FormError {
    /// Not a form at all (wrong content type, invalid UTF-8).
    Unreadable,
    /// A field the form never has.
    Field(String),
    /// An unknown place as typed, and the place likely meant.
    Place(String, Option<String>),
    /// A value that is not allowed, by field.
    Invalid(String),
    /// A failure inside (not the person's doing).
    Internal(String),
}

impl FormError {
    /// The form field the error is about, when it is about one (the API's `radius_km` is
    /// the form's `radius_mi`).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            FormError::Place(..) => Some("place"),
            FormError::Invalid(field) => match field.as_str() {
                "age" => Some("age"),
                "radius_km" | "radius_mi" => Some("radius_mi"),
                "need" => Some("need"),
                "language" => Some("language"),
                "gender" => Some("gender"),
                _ => None,
            },
            _ => None,
        }
    }

    /// What the person reads.
    pub fn message(&self, l: Lang) -> String {
        match self {
            FormError::Unreadable => l.tf("error-form", &[("field", &"—")]),
            FormError::Field(name) => l.tf("error-form", &[("field", name)]),
            FormError::Place(place, None) => l.tf("error-place", &[("place", place)]),
            FormError::Place(place, Some(meant)) => {
                l.tf("error-place-meant", &[("place", place), ("meant", meant)])
            }
            FormError::Invalid(raw) => match self.field() {
                Some("age") => l.t("error-age").to_owned(),
                Some("radius_mi") => l.t("error-radius").to_owned(),
                Some("need") => l.t("error-need").to_owned(),
                Some("language") => l.t("error-language").to_owned(),
                Some("gender") => l.t("error-gender").to_owned(),
                _ if raw == "page" => l.t("error-page").to_owned(),
                _ => l.tf("error-form", &[("field", raw)]),
            },
            FormError::Internal(_) => l.t("error-text").to_owned(),
        }
    }
}

fn clip(value: &str, max: usize) -> String {
    value.trim().chars().take(max).collect()
}

impl SearchInput {
    /// Reads the posted fields, keeping every value it can: a field the form never has, or a
    /// page that is not a number, is the problem returned beside them (so the form comes back
    /// with the words typed). Values are checked by [`SearchInput::to_find`].
    pub fn read(fields: &[(String, String)]) -> (SearchInput, Option<FormError>) {
        let mut input = SearchInput::default();
        let mut problem = None;
        for (name, value) in fields {
            match name.as_str() {
                "q" => input.q = clip(value, 200),
                "place" => input.place = clip(value, 100),
                "radius_mi" => input.radius_mi = clip(value, 10),
                "need" => input.need = clip(value, 60),
                "without" => input.without.push(clip(value, 60)),
                "age" => input.age = clip(value, 10),
                "language" => input.language = clip(value, 10),
                "gender" => input.gender = clip(value, 20),
                "page" => match value.trim().parse() {
                    Ok(page) => input.page = Some(page),
                    Err(_) => problem = Some(FormError::Invalid("page".into())),
                },
                other => match FLAGS.iter().find(|f| **f == other) {
                    Some(flag) if !input.flags.contains(flag) => input.flags.push(flag),
                    Some(_) => {}
                    None => problem = Some(FormError::Field(clip(other, 40))),
                },
            }
        }
        (input, problem)
    }

    /// The distance in miles (the default when none or a bad one was sent).
    pub fn radius_miles(&self) -> u32 {
        self.radius_mi
            .parse()
            .ok()
            .filter(|r| RADII.contains(r))
            .unwrap_or(DEFAULT_RADIUS)
    }

    /// The search, validated as the JSON API validates it.
    pub fn to_find(&self, now: jiff::Timestamp, limit: usize) -> Result<Find, FormError> {
        if !self.radius_mi.is_empty() && self.radius_mi.parse().ok().is_none_or(|r| !RADII.contains(&r)) {
            return Err(FormError::Invalid("radius_mi".into()));
        }
        let mut params: Vec<(String, String)> = vec![
            ("q".into(), self.q.clone()),
            ("place".into(), self.place.clone()),
            ("limit".into(), limit.to_string()),
            (
                "radius_km".into(),
                (f64::from(self.radius_miles()) * KM_PER_MILE).to_string(),
            ),
        ];
        let mut optional = |name: &str, value: &str| {
            if !value.is_empty() {
                params.push((name.to_owned(), value.to_owned()));
            }
        };
        optional("need", &self.need);
        optional("without", &self.without.join(","));
        optional("age", &self.age);
        optional("language", &self.language);
        optional("gender", &self.gender);
        optional("page", &self.page.map(|p| p.to_string()).unwrap_or_default());
        for flag in &self.flags {
            params.push(((*flag).to_owned(), "true".into()));
        }
        parse_search(&params, now).map_err(|e| match e {
            WebError::BadParameter { parameter, .. } => FormError::Invalid(parameter),
            other => FormError::Internal(format!("{other:?}")),
        })
    }

    /// The fields to post again (language switch): everything but the page.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("q".to_owned(), self.q.clone()),
            ("place".to_owned(), self.place.clone()),
        ];
        let mut optional = |name: &str, value: &str| {
            if !value.is_empty() {
                out.push((name.to_owned(), value.to_owned()));
            }
        };
        optional("radius_mi", &self.radius_mi);
        optional("need", &self.need);
        optional("age", &self.age);
        optional("language", &self.language);
        optional("gender", &self.gender);
        for w in &self.without {
            out.push(("without".to_owned(), w.clone()));
        }
        for f in &self.flags {
            out.push(((*f).to_owned(), "1".to_owned()));
        }
        out
    }

    /// The form as it should show again.
    pub fn form(&self, l: Lang) -> SearchForm {
        let taxonomy = Taxonomy::builtin();
        let radius = self.radius_miles();
        let choice = |value: &str, label: String, chosen: bool| Choice {
            value: value.to_owned(),
            label,
            chosen,
        };
        let mut needs = vec![choice("", l.t("need-any").to_owned(), self.need.is_empty())];
        needs.extend(
            taxonomy
                .needs
                .iter()
                .map(|n| choice(&n.code, pick(l, &n.label).to_owned(), n.code == self.need)),
        );
        let mut languages = vec![choice(
            "",
            l.t("language-any").to_owned(),
            self.language.is_empty(),
        )];
        languages.extend(
            LANGUAGES
                .iter()
                .map(|code| choice(code, language_name(l, code), *code == self.language)),
        );
        let mut genders = vec![choice("", l.t("gender-any").to_owned(), self.gender.is_empty())];
        genders.extend(
            Gender::ALL
                .iter()
                .map(|g| choice(g.code(), gender_label(l, *g).to_owned(), g.code() == self.gender)),
        );
        SearchForm {
            genders,
            action: l.path("/search"),
            print_action: l.path("/search/print"),
            q: self.q.clone(),
            place: self.place.clone(),
            radius: RADII
                .iter()
                .map(|r| choice(&r.to_string(), l.tf("radius-mi", &[("n", r)]), *r == radius))
                .collect(),
            needs,
            without: taxonomy
                .conditions
                .iter()
                .map(|c| {
                    let label = pick(l, c.plain.as_ref().unwrap_or(&c.label)).to_owned();
                    choice(&c.code, label, self.without.contains(&c.code))
                })
                .collect(),
            flags: FLAGS
                .iter()
                .map(|f| choice(f, l.t(&format!("flag-{f}")).to_owned(), self.flags.contains(f)))
                .collect(),
            languages,
            age: self.age.clone(),
            invalid: None,
        }
    }
}

/// A gender's label in the page's language.
pub fn gender_label(l: Lang, g: Gender) -> &'static str {
    match g {
        Gender::Women => l.t("gender-women"),
        Gender::Men => l.t("gender-men"),
        Gender::TransNonbinary => l.t("gender-trans-nonbinary"),
    }
}

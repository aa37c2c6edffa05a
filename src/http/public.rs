//! The public, anonymous site (SECURITY.md ANON): server-rendered pages in English at the
//! root and in Spanish under `/es`, search by POST, a stable GET address per listing, print
//! views, the quick-exit route and the static files. Nothing here reads or sets a cookie.

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use templates::{Frame, Lang, Switch};

use super::search_form::{FormError, SearchInput};
use super::views::{self, Context, pick};
use super::{AppState, WebError};
use crate::domain::{Listing, Taxonomy};
use crate::services::find::{FindError, Found};

/// Results per page. Each result carries its full listing (it expands in place), so ten
/// keep the page under 30 KB with its stylesheet; twenty weigh about 40 KB.
pub const PAGE_SIZE: usize = 10;

/// The page's language, read from the path: `/es` and `/es/…` are Spanish.
pub struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PageLang, Self::Rejection> {
        Ok(PageLang(lang_of(parts.uri.path())))
    }
}

/// The language of a path.
pub fn lang_of(path: &str) -> Lang {
    if path == "/es" || path.starts_with("/es/") {
        Lang::Es
    } else {
        Lang::En
    }
}

/// A rendered page with its status.
fn html(status: StatusCode, page: templates::Markup) -> Response {
    (status, Html(page.into_string())).into_response()
}

/// What the handlers of one request share: the state and the language.
struct Pages<'a> {
    state: &'a AppState,
    lang: Lang,
}

impl Pages<'_> {
    fn frame(&self, path: &str) -> Frame {
        Frame::new(self.lang, path, &self.state.site.exit_url)
    }

    fn context(&self) -> Context<'static> {
        Context {
            lang: self.lang,
            now: jiff::Timestamp::now(),
            gazetteer: self.state.directory.gazetteer,
        }
    }

    fn hotlines(&self, listings: Vec<Listing>) -> Vec<templates::Hotline> {
        listings
            .into_iter()
            .map(|l| templates::Hotline {
                phones: views::phones(self.lang, &l),
                description: match self.lang {
                    Lang::En => l.description,
                    // The hotlines' own words are English; Spanish readers get their needs.
                    Lang::Es => views::needs(self.lang, &l).join(" · "),
                },
                name: l.name,
            })
            .collect()
    }
}

/// `GET /`: the search box, the needs as tiles, the hotlines.
pub async fn show_home(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
) -> Result<Response, WebError> {
    let p = Pages { state: &state, lang };
    let hotlines = national_hotlines(&state).await?;
    let needs = Taxonomy::builtin()
        .needs
        .iter()
        .map(|n| templates::NeedTile {
            code: n.code.clone(),
            label: pick(lang, &n.label).to_owned(),
            description: pick(lang, &n.description).to_owned(),
        })
        .collect();
    let model = templates::Home {
        frame: p.frame("/"),
        action: lang.path("/search"),
        needs,
        hotlines: p.hotlines(hotlines),
    };
    Ok(html(StatusCode::OK, templates::home(&model)))
}

/// `POST /search`: the results page. A mistake in the form shows the form again with what
/// is wrong (400); the search is never in the address bar (ANON-4).
pub async fn search_services(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, WebError> {
    let p = Pages { state: &state, lang };
    let (input, found) = search_from_form(&state, form);
    results_page(&p, &input, found)
}

/// `GET /search` (a bookmark or a typed address): the search lives on the start page.
pub async fn search_without_form(PageLang(lang): PageLang) -> Redirect {
    Redirect::to(&lang.path("/"))
}

/// `POST /search/print`: the current page of results as a one-sheet list.
pub async fn print_results(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, WebError> {
    let p = Pages { state: &state, lang };
    match search_from_form(&state, form) {
        (_, Ok(found)) => {
            let ctx = p.context();
            let listings = found.results.hits.iter().map(|h| ctx.hit(h)).collect();
            Ok(print_page(&p, "/", listings))
        }
        (input, Err(e)) => results_page(&p, &input, Err(e)),
    }
}

/// Reads the posted form and runs its search; the form as read comes back either way, to
/// be shown again.
fn search_from_form(
    state: &AppState,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> (SearchInput, Result<Found, FormError>) {
    let (input, problem) = match form {
        Ok(Form(fields)) => SearchInput::read(&fields),
        Err(_) => (SearchInput::default(), Some(FormError::Unreadable)),
    };
    let found = match problem {
        Some(e) => Err(e),
        None => run(state, &input),
    };
    (input, found)
}

/// Runs the search on the request's own worker thread: a search is a fraction of a
/// millisecond of CPU over a memory-mapped index, and handing it to the blocking pool cost
/// more (two thread switches per page) than it protected.
/// No place and no words (a need tile pressed on the start page): not a list of every city's
/// services, but the ones that serve anyone anywhere — the national lines — while the page
/// asks where the person is (issue 16). Words without a place still search everywhere: a
/// service looked for by its name is found wherever it is.
fn asks_where(input: &SearchInput) -> bool {
    input.place.trim().is_empty() && input.q.trim().is_empty()
}

fn run(state: &AppState, input: &SearchInput) -> Result<Found, FormError> {
    let mut find = input.to_find(jiff::Timestamp::now(), PAGE_SIZE)?;
    if asks_where(input) {
        find.filters.national = true;
    }
    match state.directory.find(&find) {
        Ok(found) => Ok(found),
        Err(FindError::Place(_)) => Err(FormError::Place(
            input.place.clone(),
            state.directory.gazetteer.suggest(&input.place),
        )),
        Err(e) => Err(FormError::Internal(e.to_string())),
    }
}

fn results_page(
    p: &Pages<'_>,
    input: &SearchInput,
    found: Result<Found, FormError>,
) -> Result<Response, WebError> {
    let (status, model) = results_model(p, input, found).map_err(WebError::internal)?;
    Ok(html(status, templates::results(&model)))
}

/// The results page of a finished search, as HTML (the benchmark times this on its own).
pub fn render_results(state: &AppState, lang: Lang, fields: &[(String, String)], found: Found) -> String {
    let p = Pages { state, lang };
    let (input, _) = SearchInput::read(fields);
    results_model(&p, &input, Ok(found))
        .map(|(_, model)| templates::results(&model).into_string())
        .unwrap_or_default()
}

fn results_model(
    p: &Pages<'_>,
    input: &SearchInput,
    found: Result<Found, FormError>,
) -> Result<(StatusCode, templates::Results), String> {
    let l = p.lang;
    let mut frame = p.frame("/");
    frame.switch = Switch::Form {
        action: l.other().path("/search"),
        fields: input.fields(),
    };
    let mut form = input.form(l);
    form.invalid = found.as_ref().err().and_then(FormError::field).map(str::to_owned);
    let (status, error, found) = match found {
        Ok(found) => (StatusCode::OK, None, Some(found)),
        Err(FormError::Internal(cause)) => return Err(cause),
        Err(e) => (StatusCode::BAD_REQUEST, Some(e.message(l)), None),
    };
    let mut model = templates::Results {
        frame,
        form,
        error,
        summary: String::new(),
        notes: Vec::new(),
        listings: Vec::new(),
        page: input.page.unwrap_or(1),
        page_label: None,
        previous: None,
        next: None,
        ask_place: false,
    };
    if let Some(found) = found {
        let r = &found.results;
        let n = r.total as u64;
        model.summary = match &found.place {
            Some(place) => l.plural_tf(
                "results-near",
                n,
                &[("radius", &input.radius_miles()), ("place", &place.label)],
            ),
            None if asks_where(input) => l.plural("results-national", n),
            None => l.plural("results-anywhere", n),
        };
        if found.place.is_none() && asks_where(input) {
            model.ask_place = true;
            model.notes.push(l.t("results-ask-place").to_owned());
        }
        if r.total == 0 {
            model.notes.push(l.t("results-none").to_owned());
        }
        let taxonomy = Taxonomy::builtin();
        let read: Vec<&str> = r
            .needs_read
            .iter()
            .filter_map(|c| taxonomy.need(c))
            .map(|n| pick(l, &n.label))
            .collect();
        if !read.is_empty() && !input.q.trim().is_empty() {
            model
                .notes
                .push(l.tf("results-read-as", &[("needs", &read.join(", "))]));
        }
        for (typed, used) in &r.corrections {
            model
                .notes
                .push(l.tf("results-corrected", &[("typed", typed), ("used", used)]));
        }
        let ctx = p.context();
        model.listings = r.hits.iter().map(|h| ctx.hit(h)).collect();
        let pages = r.total.div_ceil(PAGE_SIZE).max(1);
        let page = input.page.unwrap_or(1);
        // A page past the end (results changed, or a hand-made form): say so and offer the
        // last one.
        let past_end = page > pages && r.total > 0;
        if past_end {
            model.notes.push(l.t("error-page").to_owned());
        }
        if pages > 1 || past_end {
            model.page_label = Some(l.tf("results-page", &[("page", &page), ("pages", &pages)]));
            model.previous = (page > 1).then(|| (page - 1).min(pages));
            model.next = (page < pages).then_some(page + 1);
        }
    }
    Ok((status, model))
}

/// `GET /services/{id}`: a listing's stable address.
pub async fn show_listing(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let p = Pages { state: &state, lang };
    let listing = load(&state, id).await?;
    let path = format!("/services/{}", listing.id);
    let model = templates::ListingPage {
        frame: p.frame(&path),
        listing: p.context().listing(&listing),
        print_href: lang.path(&format!("{path}/print")),
    };
    Ok(html(StatusCode::OK, templates::listing(&model)))
}

/// `GET /services/{id}/print`: a listing on one sheet.
pub async fn print_listing(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let p = Pages { state: &state, lang };
    let listing = load(&state, id).await?;
    let view = p.context().listing(&listing);
    Ok(print_page(
        &p,
        &format!("/services/{}/print", listing.id),
        vec![view],
    ))
}

async fn national_hotlines(state: &AppState) -> Result<Vec<Listing>, WebError> {
    Ok(state.blocking(|app| app.directory.national_hotlines()).await??)
}

/// A listing by its id, or "not found".
async fn load(state: &AppState, id: String) -> Result<Listing, WebError> {
    // Ids are HSDS UUIDs; anything longer is not one (and is not worth a database look-up).
    if id.len() > 100 {
        return Err(WebError::NotFound);
    }
    state
        .blocking(move |app| app.directory.listing(&id))
        .await??
        .ok_or(WebError::NotFound)
}

fn print_page(p: &Pages<'_>, path: &str, listings: Vec<templates::ListingView>) -> Response {
    let today = jiff::Timestamp::now()
        .in_tz("UTC")
        .map(|z| z.date().to_string())
        .unwrap_or_default();
    let mut frame = p.frame(path);
    if path == "/" {
        // A POSTed print view has no address of its own in the other language.
        frame.switch = Switch::Link(p.lang.other().path("/"));
    }
    let model = templates::PrintList {
        frame,
        printed: p.lang.tf("print-printed", &[("date", &today)]),
        listings,
    };
    html(StatusCode::OK, templates::print_list(&model))
}

/// `GET /hotlines`.
pub async fn show_hotlines(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
) -> Result<Response, WebError> {
    let p = Pages { state: &state, lang };
    let model = templates::HotlinesPage {
        frame: p.frame("/hotlines"),
        hotlines: p.hotlines(national_hotlines(&state).await?),
    };
    Ok(html(StatusCode::OK, templates::hotlines(&model)))
}

/// `GET /safety`.
pub async fn show_safety(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    let p = Pages { state: &state, lang };
    html(StatusCode::OK, templates::safety(&p.frame("/safety")))
}

/// `GET /about`.
pub async fn show_about(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    let p = Pages { state: &state, lang };
    let model = templates::About {
        frame: p.frame("/about"),
        counts: lang.plural("about-counts", state.directory.listing_count()),
    };
    html(StatusCode::OK, templates::about(&model))
}

/// `GET /exit`: the quick exit without JavaScript. Clears what a browser may hold for this
/// site, then sends the person to the neutral site.
pub async fn leave_site(State(state): State<AppState>) -> Response {
    let mut response = Redirect::to(&state.site.exit_url).into_response();
    response.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
    );
    response
}

/// `GET /static/{name}`: the stylesheet and the quick-exit script, from the binary.
pub async fn serve_asset(Path(name): Path<String>) -> Result<Response, WebError> {
    let asset = templates::assets::find(&name).ok_or(WebError::NotFound)?;
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type))],
        asset.body,
    )
        .into_response())
}

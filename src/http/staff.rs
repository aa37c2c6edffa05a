//! The staff side of the web layer: sign-in, enrolment, sessions and the admin pages.
//! Two extractors carry the security rules so that no handler can forget them:
//! [`Signed`] (SES-1/3/4: a live session from the `__Host-sid` cookie, its grants read afresh)
//! and [`StaffForm`] (CSRF-1: POST only, same-origin by `Sec-Fetch-Site`/`Origin`, a token
//! derived from the session — or, before sign-in, from the `__Host-pre` cookie — and unknown
//! fields refused). Decisions are the policy's (`services::policy`), through `services::staff`.
//! Public pages never reach this module, so they never set a cookie.

mod account;
mod admin;
mod auth;
mod form_body;
mod inbox;
mod listings;
mod planner;
mod tokens;
mod unmet;
mod webhooks;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};
use secrecy::zeroize::Zeroize;
use serde::de::DeserializeOwned;
use templates::Lang;
use templates::staff::{Chrome, FieldError, Menu, NoticePage, SignedIn};

pub(crate) use auth::EnrolFields;
pub(crate) use planner::SurvivorFormFields;

use super::error::SessionSlot;
use super::{AppState, WebError};
use crate::crypto::Token;
use crate::services::policy::{self, Action};
use crate::services::staff::{Session, SessionCheck, StaffError};

/// The session cookie (SES-1). `__Host-`: Secure, Path=/, no Domain — browsers enforce it.
pub const SESSION_COOKIE: &str = "__Host-sid";
/// The pre-session cookie that the sign-in and enrolment forms' CSRF tokens derive from.
pub const PRE_SESSION_COOKIE: &str = "__Host-pre";

/// The staff routes: method, path, handler. The router and the access-matrix test both read
/// this list.
pub(super) fn routes() -> Vec<(Method, &'static str, MethodRouter<AppState>)> {
    vec![
        (Method::GET, "/staff", get(account::show_staff_home)),
        (Method::GET, "/staff/login", get(auth::show_login)),
        (Method::POST, "/staff/login", post(auth::sign_in)),
        (Method::POST, "/staff/logout", post(auth::sign_out)),
        (Method::GET, "/staff/setup/{token}", get(auth::show_setup)),
        (Method::POST, "/staff/setup/{token}", post(auth::complete_setup)),
        (
            Method::GET,
            "/staff/invitations/{token}",
            get(auth::show_invitation),
        ),
        (
            Method::POST,
            "/staff/invitations/{token}",
            post(auth::accept_invitation),
        ),
        (Method::GET, "/staff/sessions", get(account::list_sessions)),
        (
            Method::POST,
            "/staff/sessions/{id}/end",
            post(account::end_session),
        ),
        (
            Method::POST,
            "/staff/sessions/end-all",
            post(account::end_all_sessions),
        ),
        (Method::GET, "/staff/people", get(admin::list_people)),
        (Method::POST, "/staff/invitations", post(admin::invite_person)),
        (
            Method::POST,
            "/staff/people/{id}/disable",
            post(admin::disable_person),
        ),
        (
            Method::POST,
            "/staff/memberships/{id}/end",
            post(admin::end_membership),
        ),
        (
            Method::POST,
            "/staff/people/{id}/enable",
            post(admin::enable_person),
        ),
        (
            Method::POST,
            "/staff/people/{id}/reset",
            post(admin::make_reset_link),
        ),
        (Method::POST, "/staff/people/{id}/roles", post(admin::add_role)),
        (
            Method::POST,
            "/staff/resets/{id}/approve",
            post(admin::approve_reset),
        ),
        (
            Method::POST,
            "/staff/resets/{id}/refuse",
            post(admin::refuse_reset),
        ),
        (
            Method::POST,
            "/staff/continuity/{id}",
            post(admin::assign_primary),
        ),
        (
            Method::POST,
            "/staff/invitations/{id}/revoke",
            post(admin::revoke_invitation),
        ),
        (Method::GET, "/staff/reset/{token}", get(auth::show_reset)),
        (Method::POST, "/staff/reset/{token}", post(auth::complete_reset)),
        (Method::GET, "/staff/agencies", get(admin::list_agencies)),
        (Method::POST, "/staff/agencies", post(admin::create_agency)),
        (Method::GET, "/staff/providers", get(admin::list_providers)),
        (Method::POST, "/staff/providers", post(admin::create_provider)),
        (Method::GET, "/staff/audit", get(admin::show_audit)),
        (Method::GET, "/staff/reports", get(planner::show_reports)),
        (Method::GET, "/staff/reports/unmet", get(unmet::show_unmet)),
        (Method::GET, "/staff/reports/gaps", get(unmet::show_gaps)),
        (
            Method::POST,
            "/staff/reports/unmet/share",
            post(unmet::share_unmet),
        ),
        (Method::GET, "/staff/survivors", get(planner::list_survivors)),
        (Method::POST, "/staff/survivors", post(planner::create_survivor)),
        (Method::GET, "/staff/survivors/{id}", get(planner::show_plan)),
        (
            Method::GET,
            "/staff/survivors/{id}/record",
            get(planner::edit_record),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/record",
            post(planner::update_record),
        ),
        (
            Method::POST,
            "/staff/agencies/{id}/settings",
            post(admin::set_agency_settings),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/needs",
            post(planner::add_need),
        ),
        (
            Method::GET,
            "/staff/survivors/{id}/needs/{need}",
            get(planner::show_need),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/needs/{need}",
            post(planner::update_need),
        ),
        (
            Method::GET,
            "/staff/survivors/{id}/needs/{need}/find",
            get(planner::find_providers),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/needs/{need}/referrals",
            post(planner::refer),
        ),
        (
            Method::POST,
            "/staff/referrals/{id}/status",
            post(planner::move_referral),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/erase",
            post(planner::erase_survivor),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/close",
            post(planner::close_plan),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/consents",
            post(planner::give_consent),
        ),
        (
            Method::POST,
            "/staff/consents/{id}/revoke",
            post(planner::revoke_consent),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/transfer",
            post(planner::transfer_survivor),
        ),
        (
            Method::POST,
            "/staff/survivors/{id}/co-advocates",
            post(planner::add_co_advocate),
        ),
        (
            Method::GET,
            "/staff/survivors/{id}/print",
            get(planner::print_copy),
        ),
        (Method::GET, "/staff/listings", get(listings::list_listings)),
        (
            Method::GET,
            "/staff/directory/export.zip",
            get(listings::export_directory),
        ),
        (Method::GET, "/staff/listings/new", get(listings::new_listing)),
        (
            Method::POST,
            "/staff/listings/new",
            post(listings::propose_listing),
        ),
        (Method::GET, "/staff/listings/{id}", get(listings::show_listing)),
        (Method::POST, "/staff/listings/{id}", post(listings::save_listing)),
        (
            Method::POST,
            "/staff/listings/{id}/confirm",
            post(listings::confirm_listing),
        ),
        (Method::GET, "/staff/referrals", get(inbox::show_inbox)),
        (
            Method::POST,
            "/staff/referrals/{id}/answer",
            post(inbox::answer_referral),
        ),
        (Method::GET, "/staff/webhooks", get(webhooks::list_webhooks)),
        (Method::POST, "/staff/webhooks", post(webhooks::register_webhook)),
        (
            Method::POST,
            "/staff/webhooks/{id}/remove",
            post(webhooks::remove_webhook),
        ),
        (Method::GET, "/staff/tokens", get(tokens::list_tokens)),
        (Method::POST, "/staff/tokens", post(tokens::create_token)),
        (
            Method::POST,
            "/staff/tokens/{id}/revoke",
            post(tokens::revoke_token),
        ),
        (Method::GET, "/staff/reviews", get(listings::list_reviews)),
        (
            Method::POST,
            "/staff/reviews/{id}/approve",
            post(listings::approve_change),
        ),
        (
            Method::POST,
            "/staff/reviews/{id}/send-back",
            post(listings::send_back_change),
        ),
    ]
}

/// The language of a staff page: the browser's first preference, Spanish or else English.
pub(super) fn lang(headers: &HeaderMap) -> Lang {
    let first = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .unwrap_or("");
    if first.trim().to_ascii_lowercase().starts_with("es") {
        Lang::Es
    } else {
        Lang::En
    }
}

/// A cookie's value from the request.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// `Set-Cookie` for a `__Host-` cookie (SES-1's flags); `None` clears it.
fn set_cookie(name: &str, value: Option<&str>) -> HeaderValue {
    let text = match value {
        Some(v) => format!("{name}={v}; Secure; HttpOnly; SameSite=Strict; Path=/"),
        None => format!("{name}=; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"),
    };
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// What a staff handler answers: a page, a redirect, or an error rendered for staff.
type Answer = Result<Response, WebError>;

/// 400 when a page is shown again for a form mistake, 200 otherwise.
fn status_of<T>(error: &Option<T>) -> StatusCode {
    if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    }
}

/// A rendered page.
fn page(status: StatusCode, markup: templates::Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// The frame of a signed-in page: the menu holds what the policy allows.
pub(super) fn chrome(lang: Lang, session: &Session, current: Option<Menu>) -> Chrome {
    let a = &session.actor;
    let mut menu = vec![Menu::Home];
    if policy::allows(a, Action::UsePlanner) {
        menu.push(Menu::Survivors);
    }
    if policy::allows(a, Action::ViewPeople) {
        menu.push(Menu::People);
    }
    if policy::allows(a, Action::ManageAgencies) {
        menu.push(Menu::Agencies);
    }
    if policy::allows(a, Action::ManageProviders) {
        menu.push(Menu::Providers);
    }
    if policy::allows(a, Action::ReadAudit) {
        menu.push(Menu::Audit);
    }
    if a.grants
        .iter()
        .any(|g| g.role == crate::domain::staff::Role::ProviderStaff)
    {
        menu.push(Menu::Listings);
        menu.push(Menu::Inbox);
    }
    if a.grants
        .iter()
        .any(|g| g.role == crate::domain::staff::Role::ProviderStaff)
        || !a.administered_agencies().is_empty()
    {
        menu.push(Menu::Webhooks);
    }
    if policy::allows(a, Action::ReviewListings) {
        menu.push(Menu::Reviews);
    }
    if a.administered_agencies()
        .iter()
        .any(|g| policy::allows(a, Action::ReadReports(g)))
    {
        menu.push(Menu::Reports);
    }
    if a.is_directory_admin() || !a.administered_agencies().is_empty() {
        menu.push(Menu::Unmet);
    }
    menu.push(Menu::Sessions);
    Chrome {
        lang,
        user: Some(SignedIn {
            name: a.name.clone(),
            csrf: session.csrf.clone(),
            menu,
            current,
        }),
    }
}

/// A page that says one thing.
fn notice(
    status: StatusCode,
    chrome: Chrome,
    heading: &str,
    text: &str,
    next: Option<(&str, &str)>,
) -> Response {
    page(
        status,
        templates::staff::notice(&NoticePage {
            chrome,
            heading_key: heading.to_owned(),
            text_key: text.to_owned(),
            next: next.map(|(k, h)| (k.to_owned(), h.to_owned())),
        }),
    )
}

/// The field and message of a form mistake, for the page that shows the form again.
pub(super) fn form_error(e: &StaffError) -> Option<FieldError> {
    match e {
        StaffError::Invalid { field, key } => Some(FieldError {
            field: (*field).to_owned(),
            message_key: (*key).to_owned(),
        }),
        _ => None,
    }
}

/// A signed-in request (SES-1/3/4). Without a live session: a redirect to the sign-in page
/// (which says when a session ended) and the dead cookie cleared.
pub(super) struct Signed(pub Session);

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Signed, Response> {
        let token = cookie(&parts.headers, SESSION_COOKIE).and_then(Token::parse);
        let check = match token {
            Some(t) => state
                .blocking(move |app| app.staff.sessions().session(&t))
                .await
                .map_err(IntoResponse::into_response)?,
            None => Ok(SessionCheck::Unknown),
        };
        let to_login = |path: &'static str| {
            let mut r = Redirect::to(path).into_response();
            r.headers_mut()
                .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, None));
            r
        };
        match check {
            Ok(SessionCheck::Valid(s)) => {
                if let Some(slot) = parts.extensions.get::<SessionSlot>() {
                    slot.fill(&s);
                }
                Ok(Signed(s))
            }
            Ok(SessionCheck::Ended) => Err(to_login("/staff/login?ended=1")),
            Ok(SessionCheck::Unknown) => Err(to_login("/staff/login")),
            Err(e) => Err(WebError::from(e).into_response()),
        }
    }
}

/// A staff form (CSRF-1): POST only, same-origin, sent as a web form whose text is UTF-8
/// without control characters (REL-5, [`form_body`]), carrying the token derived from the
/// request's session or pre-session cookie; then decoded into `T`, whose unknown fields are
/// refused (AC-4).
pub(super) struct StaffForm<T>(pub T);

/// Why a staff form was refused (nothing changed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormRefusal {
    /// Not a POST.
    Method,
    /// Sent from another site (`Sec-Fetch-Site` or `Origin`).
    CrossSite,
    /// The CSRF token is missing or wrong.
    Token,
    /// The fields do not decode (unknown, missing or malformed).
    Fields,
    /// Not sent as a web form (`application/x-www-form-urlencoded`, UTF-8).
    MediaType,
    /// A name or value is not UTF-8 once percent-decoded.
    Encoding,
    /// A name or value holds a control character other than tab, CR and LF.
    Control,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for StaffForm<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, _: &AppState) -> Result<StaffForm<T>, WebError> {
        let (parts, body) = request.into_parts();
        let refuse = |why: FormRefusal| -> WebError {
            tracing::info!(target: "pathways::http", refusal = ?why, "staff form refused");
            WebError::FormRefused(why)
        };
        if parts.method != Method::POST {
            return Err(refuse(FormRefusal::Method));
        }
        if !same_origin(&parts.headers) {
            return Err(refuse(FormRefusal::CrossSite));
        }
        if !form_body::is_form(&parts.headers) {
            return Err(refuse(FormRefusal::MediaType));
        }
        let bytes = axum::body::to_bytes(body, super::BODY_LIMIT)
            .await
            .map_err(|_| refuse(FormRefusal::Fields))?;
        decode_form(&bytes, &csrf_expected(&parts.headers))
            .map(StaffForm)
            .map_err(refuse)
    }
}

/// A staff form's body decoded into `T`: exactly one `csrf` field, equal to one of
/// `expected` (CSRF-1), then the other fields, none unknown (AC-4). Apart from the extractor
/// so the fuzz targets (`crate::fuzzing`) decode bodies exactly as requests are decoded.
pub(crate) fn decode_form<T: DeserializeOwned>(bytes: &[u8], expected: &[String]) -> Result<T, FormRefusal> {
    // The one strict decoder: UTF-8, no control characters (REL-5).
    let mut pairs = form_body::pairs(bytes)?;
    let sent: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .collect();
    let matches = match sent.as_slice() {
        [one] => expected
            .iter()
            .any(|e| crate::crypto::constant_time_eq(one.as_bytes(), e.as_bytes())),
        _ => false,
    };
    if !matches {
        return Err(FormRefusal::Token);
    }
    pairs.retain(|(k, _)| k != "csrf");
    let mut rest = serde_urlencoded::to_string(&pairs).map_err(|_| FormRefusal::Fields)?;
    let value = serde_urlencoded::from_str(&rest);
    // CRY-4: the copies made on the way may hold a password; wipe them.
    rest.zeroize();
    pairs.iter_mut().for_each(|(_, v)| v.zeroize());
    value.map_err(|_| FormRefusal::Fields)
}

/// CSRF-1's origin check: a browser that says where a request comes from must say "here".
/// `Sec-Fetch-Site` first (every current browser sends it); else `Origin` against `Host`.
fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site.as_bytes() == b"same-origin";
    }
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("");
            let authority = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                .unwrap_or("\u{0}");
            !host.is_empty() && authority.eq_ignore_ascii_case(host)
        }
    }
}

/// The tokens a form may carry: derived from the session cookie (signed-in pages) or from the
/// pre-session one (sign-in and enrolment pages). Both are secrets of this browser alone; a
/// stale session cookie next to a fresh pre-session one must not block signing in again.
fn csrf_expected(headers: &HeaderMap) -> Vec<String> {
    [SESSION_COOKIE, PRE_SESSION_COOKIE]
        .into_iter()
        .filter_map(|name| cookie(headers, name).and_then(Token::parse))
        .map(|t| t.derive("csrf"))
        .collect()
}

/// The pre-session token of a sign-in or enrolment page: the request's own, or a new one
/// to set. Returns the form's CSRF token and the cookie to set, if any.
fn pre_session(headers: &HeaderMap) -> Result<(String, Option<HeaderValue>), StaffError> {
    if let Some(t) = cookie(headers, PRE_SESSION_COOKIE).and_then(Token::parse) {
        return Ok((t.derive("csrf"), None));
    }
    let t = Token::generate()?;
    Ok((
        t.derive("csrf"),
        Some(set_cookie(PRE_SESSION_COOKIE, Some(t.expose()))),
    ))
}

/// Unix seconds as a date and time in `zone` (the viewer's agency's, or UTC).
fn when(zone: &str, unix: i64) -> String {
    crate::services::staff::local_time::local_time(unix, zone)
}

/// Unix seconds as a date in `zone`.
fn date(zone: &str, unix: i64) -> String {
    crate::services::staff::local_time::local_date(unix, zone)
}

/// The catalogue key of a role's name.
fn role_key(role: crate::domain::staff::Role) -> String {
    format!("role-{}", role.code().replace('_', "-"))
}

/// A QR code of `text` as an SVG of dark squares (no text inside: project-made markup).
fn qr_svg(text: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else {
        return String::new();
    };
    let width = code.width();
    let quiet = 4;
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let size = width + 2 * quiet;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" aria-hidden=\"true\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                *k,
                HeaderValue::from_str(v).unwrap_or_else(|_| HeaderValue::from_static("")),
            );
        }
        h
    }

    #[test]
    fn csrf_1_origin_checks() {
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "none")])));
        assert!(same_origin(&headers(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080")
        ])));
        assert!(!same_origin(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:8080")
        ])));
        assert!(!same_origin(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:8080")
        ])));
        // Neither header (an old browser or a script): the token alone decides.
        assert!(same_origin(&headers(&[])));
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let h = headers(&[("cookie", "a=1; __Host-sidx=2; __Host-sid=3")]);
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("3"));
        let set = set_cookie(SESSION_COOKIE, Some("v"));
        assert_eq!(
            set.to_str().unwrap_or(""),
            "__Host-sid=v; Secure; HttpOnly; SameSite=Strict; Path=/"
        );
    }

    #[test]
    fn the_qr_code_is_squares_only() {
        let svg = qr_svg("otpauth://totp/Pathways:a%40b.org?secret=ABC");
        assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
        assert!(!svg.contains("otpauth"), "the URI is drawn, not written");
    }
}

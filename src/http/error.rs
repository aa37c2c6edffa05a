//! The one web error. Handlers return `Result<_, WebError>`; a use-case's error converts with
//! `?`. The error does not render itself: it rides on the response, and [`render_errors`]
//! (one middleware around every route) renders it for whoever asked — JSON under `/api/`, a
//! staff page (with the signed-in menu when there is one) under `/staff`, the public page in
//! the path's language elsewhere. What the person reads is generic for failures inside; the
//! cause goes to the log, never a query, an address or a secret.

use std::sync::{Arc, OnceLock};

use axum::Json;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use templates::staff::{Chrome, NoticePage};

use super::AppState;
use super::public::lang_of;
use super::staff::{FormRefusal, chrome, lang};
use crate::services::AppError;
use crate::services::find::FindError;
use crate::services::staff::{Session, StaffError};

/// Why a request failed, as far as the person who sent it is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebError {
    /// No such record — also what a forbidden record and a malformed id answer (AC-3).
    NotFound,
    /// A single-use link that is expired, used or unknown.
    LinkGone,
    /// A parameter is wrong: which one and why (the JSON API; pages show their forms again).
    BadParameter {
        /// The parameter.
        parameter: String,
        /// What is wrong with it.
        message: String,
    },
    /// A staff form was refused before any use-case ran (CSRF-1, AC-4).
    FormRefused(FormRefusal),
    /// Too many requests from one address (ANON-10) or one API token.
    TooManyRequests,
    /// The API needs a live bearer token (PRV-2).
    Unauthorized,
    /// Something failed inside; the cause was logged when the error was made.
    Internal,
}

impl WebError {
    /// A bad parameter.
    pub fn bad(parameter: &str, message: impl Into<String>) -> WebError {
        WebError::BadParameter {
            parameter: parameter.to_owned(),
            message: message.into(),
        }
    }

    /// An internal failure: its cause's kind goes to the log now, the person reads a
    /// generic page.
    pub fn internal(cause: impl std::fmt::Debug) -> WebError {
        // LOG-2: by kind, never by text — a cause may quote what someone typed, and a newline
        // or an escape sequence in it would forge or colour a log line.
        let kind = crate::logging::kind_of(&cause);
        tracing::error!(target: "pathways::http", kind, "internal error");
        WebError::Internal
    }

    fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound | WebError::LinkGone => StatusCode::NOT_FOUND,
            WebError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            WebError::FormRefused(FormRefusal::Method) => StatusCode::METHOD_NOT_ALLOWED,
            WebError::FormRefused(FormRefusal::MediaType) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::FormRefused(FormRefusal::Fields | FormRefusal::Encoding | FormRefusal::Control) => {
                StatusCode::BAD_REQUEST
            }
            WebError::FormRefused(FormRefusal::CrossSite | FormRefusal::Token) => StatusCode::FORBIDDEN,
            WebError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StaffError> for WebError {
    fn from(e: StaffError) -> WebError {
        match e {
            // A form mistake that reaches here has no form to show it on: like a missing record.
            StaffError::NotFound | StaffError::Invalid { .. } | StaffError::NotAccepted => WebError::NotFound,
            StaffError::LinkGone => WebError::LinkGone,
            e => WebError::internal(e),
        }
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> WebError {
        WebError::internal(e)
    }
}

impl From<FindError> for WebError {
    fn from(e: FindError) -> WebError {
        match e {
            FindError::Place(p) => WebError::bad("place", p.to_string()),
            other => WebError::internal(other),
        }
    }
}

impl From<tokio::task::JoinError> for WebError {
    fn from(e: tokio::task::JoinError) -> WebError {
        WebError::internal(e)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The session of a signed-in staff request, once the `Signed` extractor has read it: error
/// pages keep the person's menu.
#[derive(Clone, Default)]
pub(super) struct SessionSlot(Arc<OnceLock<Session>>);

impl SessionSlot {
    /// Remembers the request's session.
    pub(super) fn fill(&self, session: &Session) {
        let _ = self.0.set(session.clone());
    }
}

/// Who a request came from, read from its path.
enum Audience {
    Api,
    Staff,
    Public,
}

impl Audience {
    /// By the path; an address no route serves is public (the public 404 page, with its
    /// quick exit), even under `/staff`.
    fn of(path: &str, routed: bool) -> Audience {
        if path.starts_with("/api/") {
            Audience::Api
        } else if routed && (path == "/staff" || path.starts_with("/staff/")) {
            Audience::Staff
        } else {
            Audience::Public
        }
    }
}

/// The middleware that renders every [`WebError`] for its audience.
pub(super) async fn render_errors(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let audience = Audience::of(&path, request.extensions().get::<MatchedPath>().is_some());
    let slot = SessionSlot::default();
    let staff_lang = lang(request.headers());
    if matches!(audience, Audience::Staff) {
        request.extensions_mut().insert(slot.clone());
    }
    let mut response = next.run(request).await;
    let Some(error) = response.extensions_mut().remove::<WebError>() else {
        return response;
    };
    let status = error.status();
    let mut rendered = match audience {
        Audience::Api => (status, Json(api_body(&error))).into_response(),
        Audience::Staff => {
            let chrome = match (slot.0.get(), &error) {
                // A refused form may come from another site: its page carries no session data.
                (Some(session), e) if !matches!(e, WebError::FormRefused(_)) => {
                    chrome(staff_lang, session, None)
                }
                _ => Chrome {
                    lang: staff_lang,
                    user: None,
                },
            };
            (status, Html(staff_page(&error, chrome).into_string())).into_response()
        }
        Audience::Public => {
            let frame = templates::Frame::new(lang_of(&path), "/", &state.site.exit_url);
            let page = match error {
                WebError::NotFound | WebError::LinkGone | WebError::Unauthorized => {
                    templates::not_found(&frame)
                }
                WebError::TooManyRequests => templates::too_many_requests(&frame),
                WebError::Internal | WebError::BadParameter { .. } | WebError::FormRefused(_) => {
                    templates::server_error(&frame)
                }
            };
            (status, Html(page.into_string())).into_response()
        }
    };
    if error == WebError::Unauthorized {
        rendered
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    if error == WebError::TooManyRequests {
        rendered
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    }
    // What a handler set on its way out to make the browser forget (a cleared cookie) stays.
    for name in [header::SET_COOKIE, HeaderName::from_static("clear-site-data")] {
        for value in response.headers().get_all(&name) {
            rendered.headers_mut().append(&name, value.clone());
        }
    }
    rendered
}

/// The staff side's notice page for an error.
fn staff_page(error: &WebError, chrome: Chrome) -> templates::Markup {
    let (heading, text, next) = match error {
        WebError::NotFound | WebError::Unauthorized => (
            "staff-not-found-heading",
            "staff-not-found-text",
            Some(("staff-menu-home", "/staff")),
        ),
        WebError::LinkGone => ("staff-link-invalid-heading", "staff-link-invalid-text", None),
        // What was wrong with the body, when it is more than a stale or foreign form.
        WebError::FormRefused(FormRefusal::MediaType) => ("title-error", "staff-error-form-type", None),
        WebError::FormRefused(FormRefusal::Encoding) => ("title-error", "staff-error-form-encoding", None),
        WebError::FormRefused(FormRefusal::Control) => ("title-error", "staff-error-form-control", None),
        WebError::FormRefused(_) | WebError::BadParameter { .. } => ("title-error", "staff-error-form", None),
        WebError::TooManyRequests | WebError::Internal => ("title-error", "error-text", None),
    };
    templates::staff::notice(&NoticePage {
        chrome,
        heading_key: heading.to_owned(),
        text_key: text.to_owned(),
        next: next.map(|(k, h)| (k.to_owned(), h.to_owned())),
    })
}

#[derive(Serialize)]
struct Body<'a> {
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<&'a str>,
}

/// The JSON API's error body: a code, a message, and the parameter at fault.
fn api_body(error: &WebError) -> Body<'_> {
    let (code, message, parameter) = match error {
        WebError::BadParameter { parameter, message } => {
            ("bad_parameter", message.as_str(), Some(parameter.as_str()))
        }
        WebError::NotFound | WebError::LinkGone => ("not_found", "No such record.", None),
        WebError::TooManyRequests => (
            "too_many_requests",
            "Too many requests from this address. Wait a minute and try again.",
            None,
        ),
        WebError::FormRefused(_) => ("bad_request", "The request was refused.", None),
        WebError::Unauthorized => (
            "unauthorized",
            "A live API token is needed: Authorization: Bearer <token>.",
            None,
        ),
        WebError::Internal => (
            "internal",
            "Something went wrong on our side. Please try again.",
            None,
        ),
    };
    Body {
        error: ErrorBody {
            code,
            message,
            parameter,
        },
    }
}

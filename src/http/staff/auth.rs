//! Signing in and out, and enrolment: the first admin's setup link and invitation links.
//! Sign-in and enrolment pages are pre-session: their forms' CSRF tokens derive from a
//! `__Host-pre` cookie, replaced by a fresh `__Host-sid` on sign-in (SES-2).

use std::net::SocketAddr;
use std::time::Instant;

use axum::Extension;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use templates::staff::{Chrome, EnrolPage, Enrolment, FieldError, LoginPage, RecoveryPage};

use super::{
    PRE_SESSION_COOKIE, SESSION_COOKIE, Signed, StaffForm, blocking, internal, lang, notice, page,
    pre_session, qr_svg, refusal, role_key, set_cookie,
};
use crate::crypto::Token;
use crate::crypto::totp::TotpSecret;
use crate::http::AppState;
use crate::services::staff::{EnrolForm, EnrolPass, StaffError};

fn anonymous(headers: &HeaderMap) -> Chrome {
    Chrome {
        lang: lang(headers),
        user: None,
    }
}

/// `?ended=1` after a session timed out.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    ended: Option<String>,
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginFields {
    email: String,
    password: SecretString,
    code: String,
}

/// A form without fields (its CSRF token only).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoFields {}

/// The enrolment form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    password: SecretString,
    password_again: SecretString,
    totp_secret: SecretString,
    code: String,
}

fn login_page(headers: &HeaderMap, status: StatusCode, email: &str, error_key: Option<&str>) -> Response {
    let chrome = anonymous(headers);
    let (csrf, cookie) = match pre_session(headers) {
        Ok(p) => p,
        Err(e) => return internal(chrome, &e),
    };
    let mut response = page(
        status,
        templates::staff::login(&LoginPage {
            chrome,
            csrf,
            email: email.to_owned(),
            error_key: error_key.map(str::to_owned),
        }),
    );
    if let Some(c) = cookie {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

/// `GET /staff/login`.
pub async fn show_login(headers: HeaderMap, Query(q): Query<LoginQuery>) -> Response {
    let note = q.ended.is_some().then_some("staff-error-session-ended");
    login_page(&headers, StatusCode::OK, "", note)
}

/// `POST /staff/login`: AUTH-1/3/4.
pub async fn sign_in(
    State(state): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<LoginFields>,
) -> Response {
    // AUTH-4, per address, in memory: a few attempts a minute.
    if let (Some(throttle), Some(Extension(ConnectInfo(addr)))) = (&state.login_throttle, peer)
        && !throttle.allow(addr.ip(), Instant::now())
    {
        return login_page(
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            &form.email,
            Some("staff-error-wait"),
        );
    }
    let staff = state.staff.clone();
    let email = form.email.clone();
    let outcome = blocking(move || staff.sign_in(&form.email, &form.password, &form.code)).await;
    match outcome {
        Err(r) => r,
        Ok(Ok((token, _))) => {
            let mut r = Redirect::to("/staff").into_response();
            let h = r.headers_mut();
            h.append(
                header::SET_COOKIE,
                set_cookie(SESSION_COOKIE, Some(token.expose())),
            );
            h.append(header::SET_COOKIE, set_cookie(PRE_SESSION_COOKIE, None));
            r
        }
        Ok(Err(StaffError::NotAccepted)) => login_page(
            &headers,
            StatusCode::UNAUTHORIZED,
            &email,
            Some("staff-error-not-accepted"),
        ),
        Ok(Err(e)) => internal(anonymous(&headers), &e),
    }
}

/// `POST /staff/logout`: SES-4, and the browser told to forget the site's data.
pub async fn sign_out(
    State(state): State<AppState>,
    Signed(session): Signed,
    headers: HeaderMap,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Response {
    if let Err(e) = state.staff.sign_out(&session) {
        return internal(anonymous(&headers), &e);
    }
    signed_out(&headers)
}

/// The signed-out page: cookie cleared, `Clear-Site-Data` sent.
pub(super) fn signed_out(headers: &HeaderMap) -> Response {
    let mut r = notice(
        StatusCode::OK,
        anonymous(headers),
        "staff-signed-out-heading",
        "staff-signed-out-text",
        Some(("staff-sign-in", "/staff/login")),
    );
    let h = r.headers_mut();
    h.append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, None));
    h.insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
    );
    r
}

fn link_gone(headers: &HeaderMap) -> Response {
    refusal(anonymous(headers), StaffError::LinkGone)
}

/// The single-use links that lead to a password-and-authenticator form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    /// The console's setup link: the first directory admin (AC-5).
    Setup,
    /// An invitation: a new account in the role it fixes.
    Invitation,
    /// A credential reset: new password, authenticator and recovery codes for an account.
    Reset,
}

impl Link {
    fn path(self, token: &Token) -> String {
        let base = match self {
            Link::Setup => "/staff/setup/",
            Link::Invitation => "/staff/invitations/",
            Link::Reset => "/staff/reset/",
        };
        format!("{base}{}", token.expose())
    }
}

/// What a usable link's form shows: where it posts, what it is for, and the account label
/// of the QR code.
struct EnrolView {
    action: String,
    enrolment: Enrolment,
    account: String,
}

/// The form of a link, or `None` when the link is expired, used or unknown.
fn link_view(state: &AppState, link: Link, token: &Token) -> Result<Option<EnrolView>, StaffError> {
    let action = link.path(token);
    Ok(match link {
        Link::Setup => state.staff.setup_usable(token)?.then(|| EnrolView {
            action,
            enrolment: Enrolment::Setup,
            account: "admin".to_owned(),
        }),
        Link::Invitation => state.staff.invitation(token)?.map(|inv| EnrolView {
            action,
            enrolment: Enrolment::Invitation {
                role_key: role_key(inv.role),
                organisation: inv.organisation,
                email: inv.email.clone(),
            },
            account: inv.email,
        }),
        Link::Reset => state.staff.reset_target(token)?.map(|a| EnrolView {
            action,
            enrolment: Enrolment::Reset {
                email: a.email.clone(),
            },
            account: a.email,
        }),
    })
}

/// Renders a link's form; `secret` is the one shown before (after a mistake) or new.
fn enrol_page(
    headers: &HeaderMap,
    status: StatusCode,
    view: EnrolView,
    secret: &TotpSecret,
    typed: Option<&EnrolFields>,
    error: Option<FieldError>,
) -> Response {
    let chrome = anonymous(headers);
    let (csrf, cookie) = match pre_session(headers) {
        Ok(p) => p,
        Err(e) => return internal(chrome, &e),
    };
    let text = secret.base32();
    let spaced: Vec<&str> = (0..text.len())
        .step_by(4)
        .filter_map(|i| text.get(i..(i + 4).min(text.len())))
        .collect();
    let mut response = page(
        status,
        templates::staff::enrol(&EnrolPage {
            chrome,
            csrf,
            totp_qr_svg: qr_svg(&secret.uri("Pathways", &view.account)),
            action: view.action,
            enrolment: view.enrolment,
            email: typed.map(|t| t.email.clone()).unwrap_or_default(),
            name: typed.map(|t| t.name.clone()).unwrap_or_default(),
            totp_secret: spaced.join(" "),
            error,
        }),
    );
    if let Some(c) = cookie {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

/// A link's page: its form with a new TOTP secret, or "this link cannot be used".
fn show_link(state: &AppState, headers: &HeaderMap, link: Link, token: &str) -> Response {
    let Some(token) = Token::parse(token) else {
        return link_gone(headers);
    };
    let view = match link_view(state, link, &token) {
        Ok(Some(v)) => v,
        Ok(None) => return link_gone(headers),
        Err(e) => return internal(anonymous(headers), &e),
    };
    match TotpSecret::generate() {
        Ok(secret) => enrol_page(headers, StatusCode::OK, view, &secret, None, None),
        Err(e) => internal(anonymous(headers), &e),
    }
}

/// A link's form posted: the account made or reset, its recovery codes shown once; a
/// mistake shows the form again with the same secret (the app already set up keeps working).
async fn finish_link(
    state: AppState,
    headers: HeaderMap,
    link: Link,
    token: &str,
    fields: EnrolFields,
) -> Response {
    let Some(token) = Token::parse(token) else {
        return link_gone(&headers);
    };
    let view = match link_view(&state, link, &token) {
        Ok(Some(v)) => v,
        Ok(None) => return link_gone(&headers),
        Err(e) => return internal(anonymous(&headers), &e),
    };
    let staff = state.staff.clone();
    let form = EnrolForm {
        email: fields.email.clone(),
        name: fields.name.clone(),
        password: fields.password.clone(),
        password_again: fields.password_again.clone(),
        totp_secret: fields.totp_secret.clone(),
        code: fields.code.clone(),
    };
    let token_text = token.expose().to_owned();
    let outcome = blocking(move || {
        let token = Token::parse(&token_text).ok_or(StaffError::LinkGone)?;
        match link {
            Link::Setup => staff.enrol(EnrolPass::Setup(&token), &form),
            Link::Invitation => staff.enrol(EnrolPass::Invitation(&token), &form),
            Link::Reset => staff.complete_reset(&token, &form),
        }
    })
    .await;
    match outcome {
        Err(r) => r,
        Ok(Ok(codes)) => {
            let mut r = page(
                StatusCode::OK,
                templates::staff::recovery(&RecoveryPage {
                    chrome: anonymous(&headers),
                    codes: codes.iter().map(|c| c.expose_secret().to_owned()).collect(),
                }),
            );
            r.headers_mut()
                .append(header::SET_COOKIE, set_cookie(PRE_SESSION_COOKIE, None));
            if link == Link::Reset {
                // Every session of the account ended; this browser's cookie goes too.
                r.headers_mut()
                    .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, None));
            }
            r
        }
        Ok(Err(StaffError::Invalid { field, key })) => {
            let Some(secret) = TotpSecret::from_base32(fields.totp_secret.expose_secret()) else {
                return link_gone(&headers);
            };
            let error = FieldError {
                field: field.to_owned(),
                message_key: key.to_owned(),
            };
            enrol_page(
                &headers,
                StatusCode::BAD_REQUEST,
                view,
                &secret,
                Some(&fields),
                Some(error),
            )
        }
        Ok(Err(e)) => refusal(anonymous(&headers), e),
    }
}

/// `GET /staff/setup/{token}`: the first admin's enrolment (AC-5).
pub async fn show_setup(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    show_link(&state, &headers, Link::Setup, &token)
}

/// `POST /staff/setup/{token}`.
pub async fn complete_setup(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<EnrolFields>,
) -> Response {
    finish_link(state, headers, Link::Setup, &token, form).await
}

/// `GET /staff/invitations/{token}`.
pub async fn show_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    show_link(&state, &headers, Link::Invitation, &token)
}

/// `POST /staff/invitations/{token}`.
pub async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<EnrolFields>,
) -> Response {
    finish_link(state, headers, Link::Invitation, &token, form).await
}

/// `GET /staff/reset/{token}`: a new password and authenticator for an existing account.
pub async fn show_reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    show_link(&state, &headers, Link::Reset, &token)
}

/// `POST /staff/reset/{token}`.
pub async fn complete_reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<EnrolFields>,
) -> Response {
    finish_link(state, headers, Link::Reset, &token, form).await
}

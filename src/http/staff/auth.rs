//! Signing in and out, and enrolment: the first admin's setup link and invitation links.
//! Sign-in and enrolment pages are pre-session: their forms' CSRF tokens derive from a
//! `__Host-pre` cookie, replaced by a fresh `__Host-sid` on sign-in (SES-2).

use std::time::Instant;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use templates::staff::{Chrome, EnrolPage, Enrolment, FieldError, LoginPage, RecoveryPage};

use super::{
    Answer, PRE_SESSION_COOKIE, SESSION_COOKIE, Signed, StaffForm, lang, notice, page, pre_session, qr_svg,
    role_key, set_cookie,
};
use crate::crypto::Token;
use crate::crypto::totp::TotpSecret;
use crate::http::client_address::ClientAddress;
use crate::http::{AppState, WebError};
use crate::services::staff::{EnrolForm, EnrolPass, Staff, StaffError};

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

fn login_page(headers: &HeaderMap, status: StatusCode, email: &str, error_key: Option<&str>) -> Answer {
    let chrome = anonymous(headers);
    let (csrf, cookie) = pre_session(headers)?;
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
    Ok(response)
}

/// `GET /staff/login`.
pub async fn show_login(headers: HeaderMap, Query(q): Query<LoginQuery>) -> Answer {
    let note = q.ended.is_some().then_some("staff-error-session-ended");
    login_page(&headers, StatusCode::OK, "", note)
}

/// `POST /staff/login`: AUTH-1/3/4.
pub async fn sign_in(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddress>>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<LoginFields>,
) -> Answer {
    let address = client.map(|Extension(ClientAddress(a))| a);
    // AUTH-4, per address, in memory: a few attempts a minute.
    if let (Some(throttle), Some(addr)) = (&state.login_throttle, address)
        && !throttle.allow(addr, Instant::now())
    {
        return login_page(
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            &form.email,
            Some("staff-error-wait"),
        );
    }
    let email = form.email.clone();
    let outcome = state
        .blocking(move |app| {
            app.staff.sessions().sign_in(
                &form.email,
                &form.password,
                &form.code,
                address.map(crate::http::throttle::client),
            )
        })
        .await?;
    match outcome {
        Ok((token, _)) => {
            let mut r = Redirect::to("/staff").into_response();
            let h = r.headers_mut();
            h.append(
                header::SET_COOKIE,
                set_cookie(SESSION_COOKIE, Some(token.expose())),
            );
            h.append(header::SET_COOKIE, set_cookie(PRE_SESSION_COOKIE, None));
            Ok(r)
        }
        Err(StaffError::NotAccepted) => login_page(
            &headers,
            StatusCode::UNAUTHORIZED,
            &email,
            Some("staff-error-not-accepted"),
        ),
        Err(e) => Err(WebError::from(e)),
    }
}

/// `POST /staff/logout`: SES-4, and the browser told to forget the site's data.
pub async fn sign_out(
    State(state): State<AppState>,
    Signed(session): Signed,
    headers: HeaderMap,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    state
        .blocking(move |app| app.staff.sessions().sign_out(&session))
        .await??;
    Ok(signed_out(&headers))
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

/// The form of a usable link; a link that is expired, used or unknown is gone.
async fn link_view(state: &AppState, link: Link, token: &Token) -> Result<EnrolView, WebError> {
    let action = link.path(token);
    let token = Token::parse(token.expose()).ok_or(WebError::LinkGone)?;
    let view = state
        .blocking(move |app| link_view_now(&app.staff, link, &token, action))
        .await??;
    view.ok_or(WebError::LinkGone)
}

fn link_view_now(
    staff: &Staff,
    link: Link,
    token: &Token,
    action: String,
) -> Result<Option<EnrolView>, StaffError> {
    Ok(match link {
        Link::Setup => staff.accounts().setup_usable(token)?.then(|| EnrolView {
            action,
            enrolment: Enrolment::Setup,
            account: "admin".to_owned(),
        }),
        Link::Invitation => staff.accounts().invitation(token)?.map(|inv| EnrolView {
            action,
            enrolment: Enrolment::Invitation {
                role_key: role_key(inv.role),
                organisation: inv.organisation,
                email: inv.email.clone(),
            },
            account: inv.email,
        }),
        Link::Reset => staff.accounts().reset_target(token)?.map(|a| EnrolView {
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
) -> Answer {
    let chrome = anonymous(headers);
    let (csrf, cookie) = pre_session(headers)?;
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
    Ok(response)
}

/// A link's page: its form with a new TOTP secret, or "this link cannot be used".
async fn show_link(state: &AppState, headers: &HeaderMap, link: Link, token: &str) -> Answer {
    let token = Token::parse(token).ok_or(WebError::LinkGone)?;
    let view = link_view(state, link, &token).await?;
    let secret = TotpSecret::generate().map_err(WebError::internal)?;
    enrol_page(headers, StatusCode::OK, view, &secret, None, None)
}

/// A link's form posted: the account made or reset, its recovery codes shown once; a
/// mistake shows the form again with the same secret (the app already set up keeps working).
async fn finish_link(
    state: AppState,
    headers: HeaderMap,
    link: Link,
    token: &str,
    fields: EnrolFields,
) -> Answer {
    let token = Token::parse(token).ok_or(WebError::LinkGone)?;
    let view = link_view(&state, link, &token).await?;
    let form = EnrolForm {
        email: fields.email.clone(),
        name: fields.name.clone(),
        password: fields.password.clone(),
        password_again: fields.password_again.clone(),
        totp_secret: fields.totp_secret.clone(),
        code: fields.code.clone(),
    };
    let outcome = state
        .blocking(move |app| match link {
            Link::Setup => app.staff.accounts().enrol(EnrolPass::Setup(&token), &form),
            Link::Invitation => app.staff.accounts().enrol(EnrolPass::Invitation(&token), &form),
            Link::Reset => app.staff.accounts().complete_reset(&token, &form),
        })
        .await?;
    match outcome {
        Ok(codes) => {
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
            Ok(r)
        }
        Err(StaffError::Invalid { field, key }) => {
            let secret =
                TotpSecret::from_base32(fields.totp_secret.expose_secret()).ok_or(WebError::LinkGone)?;
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
        Err(e) => Err(e.into()),
    }
}

/// `GET /staff/setup/{token}`: the first admin's enrolment (AC-5).
pub async fn show_setup(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Answer {
    show_link(&state, &headers, Link::Setup, &token).await
}

/// `POST /staff/setup/{token}`.
pub async fn complete_setup(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<EnrolFields>,
) -> Answer {
    finish_link(state, headers, Link::Setup, &token, form).await
}

/// `GET /staff/invitations/{token}`.
pub async fn show_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Answer {
    show_link(&state, &headers, Link::Invitation, &token).await
}

/// `POST /staff/invitations/{token}`.
pub async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<EnrolFields>,
) -> Answer {
    finish_link(state, headers, Link::Invitation, &token, form).await
}

/// `GET /staff/reset/{token}`: a new password and authenticator for an existing account.
pub async fn show_reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Answer {
    show_link(&state, &headers, Link::Reset, &token).await
}

/// `POST /staff/reset/{token}`.
pub async fn complete_reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<EnrolFields>,
) -> Answer {
    finish_link(state, headers, Link::Reset, &token, form).await
}

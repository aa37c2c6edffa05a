//! A provider organisation's API tokens: made (the secret shown once), listed with when each
//! was last used, revoked (PRV-2).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use secrecy::ExposeSecret;
use serde::Deserialize;
use templates::staff::{FieldError, Menu, TokenCreated, TokenRow, TokensPage};

use super::auth::NoFields;
use super::{Answer, Signed, StaffForm, chrome, form_error, lang, page, status_of, when};
use crate::http::AppState;
use crate::services::staff::Session;

async fn tokens_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    name: &str,
    error: Option<FieldError>,
) -> Answer {
    let actor = s.actor.clone();
    let tokens = state
        .blocking(move |app| app.staff.api_tokens().list(&actor))
        .await??;
    Ok(page(
        status_of(&error),
        templates::staff::tokens(&TokensPage {
            chrome: chrome(lang(headers), s, Some(Menu::Listings)),
            csrf: s.csrf.clone(),
            tokens: tokens
                .into_iter()
                .map(|t| TokenRow {
                    id: t.id,
                    name: t.name,
                    created: when(&s.time_zone, t.created_at),
                    last_used: t.last_used_at.map(|t| when(&s.time_zone, t)),
                    revoked: t.revoked_at.map(|t| when(&s.time_zone, t)),
                })
                .collect(),
            name: name.to_owned(),
            error,
        }),
    ))
}

/// `GET /staff/tokens`.
pub async fn list_tokens(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    tokens_page(&state, &s, &headers, "", None).await
}

/// The new-token form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenFields {
    #[serde(default)]
    name: String,
}

/// `POST /staff/tokens`: a new token, its secret shown this once.
pub async fn create_token(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(form): StaffForm<TokenFields>,
) -> Answer {
    let (actor, name) = (s.actor.clone(), form.name.clone());
    match state
        .blocking(move |app| app.staff.api_tokens().create(&actor, &name))
        .await?
    {
        Ok(token) => Ok(page(
            StatusCode::OK,
            templates::staff::token_created(&TokenCreated {
                chrome: chrome(lang(&headers), &s, Some(Menu::Listings)),
                name: token.name,
                secret: token.secret.expose_secret().to_owned(),
            }),
        )),
        Err(e) => match form_error(&e) {
            Some(error) => tokens_page(&state, &s, &headers, &form.name, Some(error)).await,
            None => Err(e.into()),
        },
    }
}

/// `POST /staff/tokens/{id}/revoke`: refused at once from now on.
pub async fn revoke_token(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    if id.len() > 100 {
        return Err(crate::http::WebError::NotFound);
    }
    state
        .blocking(move |app| app.staff.api_tokens().revoke(&s.actor, &id))
        .await??;
    Ok(Redirect::to("/staff/tokens").into_response())
}

//! A provider organisation's or an agency's webhooks: registered (the signing secret shown
//! once), listed with their latest deliveries and how each ended, removed (PRV-3).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use secrecy::ExposeSecret;
use serde::Deserialize;
use templates::staff::{DeliveryRow, FieldError, Menu, WebhookCreated, WebhookRow, WebhooksPage};

use super::auth::NoFields;
use super::{Answer, Signed, StaffForm, chrome, form_error, lang, page, status_of, when};
use crate::http::{AppState, WebError};
use crate::services::staff::Session;

async fn webhooks_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    url: &str,
    error: Option<FieldError>,
) -> Answer {
    let actor = s.actor.clone();
    let hooks = state
        .blocking(move |app| app.staff.webhooks().list(&actor))
        .await??;
    Ok(page(
        status_of(&error),
        templates::staff::webhooks(&WebhooksPage {
            chrome: chrome(lang(headers), s, Some(Menu::Webhooks)),
            csrf: s.csrf.clone(),
            webhooks: hooks
                .into_iter()
                .map(|h| WebhookRow {
                    id: h.id,
                    url: h.url,
                    created: when(&s.time_zone, h.created_at),
                    deliveries: h
                        .deliveries
                        .into_iter()
                        .map(|d| DeliveryRow {
                            queued: when(&s.time_zone, d.created_at),
                            state: d.state,
                            attempts: d.attempts,
                            error: d.last_error,
                        })
                        .collect(),
                })
                .collect(),
            url: url.to_owned(),
            error,
        }),
    ))
}

/// `GET /staff/webhooks`.
pub async fn list_webhooks(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    webhooks_page(&state, &s, &headers, "", None).await
}

/// The register form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlFields {
    #[serde(default)]
    url: String,
}

/// `POST /staff/webhooks`: a new endpoint, its secret shown this once.
pub async fn register_webhook(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(form): StaffForm<UrlFields>,
) -> Answer {
    let (actor, url) = (s.actor.clone(), form.url.clone());
    match state
        .blocking(move |app| app.staff.webhooks().register(&actor, &url))
        .await?
    {
        Ok(hook) => Ok(page(
            StatusCode::OK,
            templates::staff::webhook_created(&WebhookCreated {
                chrome: chrome(lang(&headers), &s, Some(Menu::Webhooks)),
                url: hook.url,
                secret: hook.secret.expose_secret().to_owned(),
            }),
        )),
        Err(e) => match form_error(&e) {
            Some(error) => webhooks_page(&state, &s, &headers, &form.url, Some(error)).await,
            None => Err(e.into()),
        },
    }
}

/// `POST /staff/webhooks/{id}/remove`.
pub async fn remove_webhook(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    if id.len() > 100 {
        return Err(WebError::NotFound);
    }
    state
        .blocking(move |app| app.staff.webhooks().remove(&s.actor, &id))
        .await??;
    Ok(Redirect::to("/staff/webhooks").into_response())
}

//! The public pages (the full bilingual site comes with the public-site issue).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::error::ApiError;

/// `GET /`: the start page with the national hotlines.
pub async fn show_home(State(state): State<AppState>) -> Result<Response, ApiError> {
    let directory = state.directory.clone();
    let (services, hotlines) = tokio::task::spawn_blocking(move || {
        let hotlines = directory
            .national_hotlines()?
            .into_iter()
            .filter_map(|l| {
                let phone = l.phones.first()?.number.clone();
                let tel = phone.chars().filter(|c| c.is_ascii_digit()).collect();
                Some(templates::Hotline {
                    name: l.name,
                    phone,
                    tel,
                })
            })
            .collect();
        Ok::<_, crate::search::SearchError>((directory.listing_count() as usize, hotlines))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    Ok(Html(templates::home(&templates::Home { hotlines, services }).into_string()).into_response())
}

/// Anything else: 404 (JSON under `/api/`, a page elsewhere).
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return ApiError::NotFound.into_response();
    }
    (StatusCode::NOT_FOUND, Html(templates::not_found().into_string())).into_response()
}

//! The public pages (the full bilingual site comes with the public-site issue).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::error::ApiError;
use crate::search::{SearchRequest, SearchResults};

/// `GET /`: the start page with the national hotlines.
pub async fn show_home(State(state): State<AppState>) -> Result<Response, ApiError> {
    let directory = state.directory.clone();
    let (services, hotlines) = tokio::task::spawn_blocking(move || {
        let mut request = SearchRequest::text("");
        request.limit = 100;
        let results: SearchResults = directory.index.search(&request)?;
        let hotlines = results
            .hits
            .into_iter()
            .filter(|h| h.listing.area.national && !h.listing.sample)
            .filter_map(|h| {
                let phone = h.listing.phones.first()?.number.clone();
                let tel = phone.chars().filter(|c| c.is_ascii_digit()).collect();
                Some(templates::Hotline {
                    name: h.listing.name,
                    phone,
                    tel,
                })
            })
            .collect();
        Ok::<_, crate::search::SearchError>((directory.index.len() as usize, hotlines))
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

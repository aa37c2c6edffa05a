//! The web layer: the only module that imports axum. One router for the pages and the JSON
//! API, security headers on every response, and logs that carry the matched route, the
//! status and the latency — never a query, an address or a user agent.

mod api;
mod error;
mod headers;
mod pages;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;

use crate::services::Directory;

pub use error::ApiError;

/// Largest request body accepted (no public route takes a large one).
const BODY_LIMIT: usize = 64 * 1024;

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    /// The directory.
    pub directory: Arc<Directory>,
}

/// The whole application as a router (tests drive it without a socket).
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::show_home))
        .route("/api/v1/search", get(api::search_services))
        .route("/api/v1/services/{id}", get(api::show_service))
        .route("/api/v1/needs", get(api::list_needs))
        .fallback(pages::not_found)
        .with_state(state)
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn(log_request))
        // Outside everything that can answer, so refusals (413) carry the headers too.
        .layer(middleware::from_fn(headers::secure))
        .layer(tower_http::compression::CompressionLayer::new())
}

/// Serves the router on `listener` until `shutdown` completes, letting requests in flight
/// finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// ANON-3: the matched route pattern, status and latency; nothing the person typed.
async fn log_request(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        target: "pathways::http",
        %method,
        route,
        status = response.status().as_u16(),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    response
}

//! Probes for a supervisor or a load balancer: `/healthz` says the process answers;
//! `/readyz` says it can serve — the database answers and the search index has caught up
//! with it. Neither carries anything but these facts, and neither is rate-limited.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::AppState;

/// `GET /healthz`: the process is up and answering.
pub async fn live() -> Response {
    Json(json!({"status": "ok"})).into_response()
}

/// `GET /readyz`: 200 when the database answers and the index is caught up with it, else
/// 503 naming which is not.
pub async fn ready(State(state): State<AppState>) -> Response {
    let checked = state.blocking(|app| app.directory.index_caught_up()).await;
    let (database, index) = match checked {
        Ok(Ok(caught_up)) => ("ok", if caught_up { "ok" } else { "behind" }),
        _ => ("unreachable", "unknown"),
    };
    let ready = database == "ok" && index == "ok";
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({
        "status": if ready { "ready" } else { "not ready" },
        "database": database,
        "index": index,
    });
    (status, Json(body)).into_response()
}

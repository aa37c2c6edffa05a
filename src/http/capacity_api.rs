//! `PUT /api/v1/services/{id}/capacity`: a provider's system reports a service's capacity
//! without a browser (PRV-2). `Authorization: Bearer <token>` with a live token of the
//! service's organisation; a JSON body `{"available": 3, "maximum": 12, "unit": "beds"}`.
//! A wrong or revoked token is 401, another organisation's service 404, a body with a
//! negative number, `available` above `maximum` or an unknown field 400 naming the field —
//! and nothing changes. Each token is rate-limited (in memory).

use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use serde::Serialize;
use serde_json::Value;

use super::{AppState, WebError};
use crate::crypto::Token;
use crate::domain::listing_edit::CapacityEdit;
use crate::services::staff::TokenRefusal;

/// Capacity updates a minute per token unless configured.
pub const CAPACITY_UPDATES_PER_MINUTE: u32 = 60;

/// The answer: the service and its capacity as now published.
#[derive(Debug, Serialize)]
pub struct CapacityOut {
    /// HSDS service id.
    pub id: String,
    /// Openings now.
    pub available: u32,
    /// Total places, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<u32>,
    /// What is counted.
    pub unit: String,
    /// The day it was reported.
    pub updated: String,
}

/// The bearer token of a request, if it carries a well-formed one.
fn bearer(headers: &HeaderMap) -> Option<Token> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| Token::parse(token.trim()))?
}

/// Reads the body: a JSON object with `available` (required), `maximum` and `unit`; every
/// mistake names its field.
fn body(bytes: &[u8]) -> Result<CapacityEdit, WebError> {
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| WebError::bad("body", format!("not JSON: {e}")))?;
    let Value::Object(map) = value else {
        return Err(WebError::bad("body", "must be a JSON object"));
    };
    if let Some(unknown) = map
        .keys()
        .find(|k| !matches!(k.as_str(), "available" | "maximum" | "unit"))
    {
        return Err(WebError::bad(
            unknown,
            "unknown field: send available, maximum and unit only",
        ));
    }
    let count = |name: &str| -> Result<Option<u32>, WebError> {
        match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| WebError::bad(name, "must be a whole number, 0 or more")),
        }
    };
    let available = count("available")?.ok_or_else(|| WebError::bad("available", "is required"))?;
    let maximum = count("maximum")?;
    let unit = match map.get("unit") {
        None | Some(Value::Null) => "places",
        Some(Value::String(u)) => u.as_str(),
        Some(_) => return Err(WebError::bad("unit", "must be text")),
    };
    CapacityEdit::new(available, maximum, unit).map_err(|e| match e.field {
        "capacity_unit" => WebError::bad("unit", "must be 1 to 40 characters"),
        _ => WebError::bad("available", "cannot be more than maximum"),
    })
}

/// `PUT /api/v1/services/{id}/capacity`.
pub async fn set_capacity(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<CapacityOut>, WebError> {
    let token = bearer(&headers).ok_or(WebError::Unauthorized)?;
    // Per token, before any work: its hash is the key (the secret never is).
    if let Some(throttle) = &state.token_throttle
        && !throttle.allow_key(token.hash(), Instant::now())
    {
        return Err(WebError::TooManyRequests);
    }
    let capacity = body(&bytes)?;
    let listing = state
        .blocking(move |app| app.staff.api_tokens().set_capacity(&token, &id, &capacity))
        .await?
        .map_err(|e| match e {
            TokenRefusal::Unauthorized => WebError::Unauthorized,
            TokenRefusal::NotFound => WebError::NotFound,
            TokenRefusal::Staff(e) => WebError::from(e),
        })?;
    let c = listing.capacity.ok_or(WebError::Internal)?;
    Ok(Json(CapacityOut {
        id: listing.id,
        available: c.available,
        maximum: c.maximum,
        unit: c.unit,
        updated: c.updated,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(body_text: &str) -> String {
        match body(body_text.as_bytes()) {
            Err(WebError::BadParameter { parameter, .. }) => parameter,
            other => panic!("{body_text}: {other:?}"),
        }
    }

    #[test]
    fn every_bad_body_names_its_field() {
        assert_eq!(named(r#"{"available": -1}"#), "available");
        assert_eq!(named(r#"{"available": 5, "maximum": 4}"#), "available");
        assert_eq!(named(r#"{"available": 1, "beds": 4}"#), "beds");
        assert_eq!(named(r#"{"maximum": 4}"#), "available");
        assert_eq!(named(r#"{"available": 1, "unit": 7}"#), "unit");
        assert_eq!(named("[1]"), "body");
        assert_eq!(named("not json"), "body");
        let ok = body(br#"{"available": 3, "maximum": 12, "unit": "beds"}"#).unwrap();
        assert_eq!(
            (ok.available, ok.maximum, ok.unit.as_str()),
            (3, Some(12), "beds")
        );
    }

    #[test]
    fn only_a_well_formed_bearer_token_is_read() {
        let t = Token::generate().unwrap();
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            format!("Bearer {}", t.expose()).parse().unwrap(),
        );
        assert_eq!(bearer(&h).map(|b| b.hash()), Some(t.hash()));
        h.insert(
            header::AUTHORIZATION,
            format!("Basic {}", t.expose()).parse().unwrap(),
        );
        assert!(bearer(&h).is_none());
        h.insert(header::AUTHORIZATION, "Bearer short".parse().unwrap());
        assert!(bearer(&h).is_none());
    }
}

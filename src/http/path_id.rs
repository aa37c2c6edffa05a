//! Typed ids from the path: a handler asks for `PathId<SurvivorId>` and gets a parsed id, or
//! the request ends here with "not found" — the same answer as for a record that does not
//! exist (AC-3), decided in this one place. Text that is not an id never reaches a use-case,
//! so it is not written into the audit log either (a denial of a real id still is).

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use super::WebError;
use crate::domain::ids::RecordId;

/// One id from the path.
pub struct PathId<T>(pub T);

/// Two ids from the path (a record and one of its parts), in the route's order.
pub struct PathIds<A, B>(pub A, pub B);

impl<T: RecordId + Send, S: Send + Sync> FromRequestParts<S> for PathId<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<PathId<T>, WebError> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::NotFound)?;
        T::parse(&text).map(PathId).ok_or(WebError::NotFound)
    }
}

impl<A: RecordId + Send, B: RecordId + Send, S: Send + Sync> FromRequestParts<S> for PathIds<A, B> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<PathIds<A, B>, WebError> {
        let Path((a, b)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::NotFound)?;
        match (A::parse(&a), B::parse(&b)) {
            (Some(a), Some(b)) => Ok(PathIds(a, b)),
            _ => Err(WebError::NotFound),
        }
    }
}

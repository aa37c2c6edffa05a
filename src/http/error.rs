//! Web errors: what the person reads versus what the log records. A bad parameter names the
//! parameter; a failure inside shows a generic message and logs the cause.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answered as JSON.
#[derive(Debug)]
pub enum ApiError {
    /// A query parameter is wrong: which one and why.
    BadParameter {
        /// The parameter.
        parameter: String,
        /// What is wrong with it.
        message: String,
    },
    /// No such record (also what a forbidden record answers).
    NotFound,
    /// Something failed inside; the cause goes to the log only.
    Internal(String),
}

#[derive(Serialize)]
struct Body<'a> {
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<&'a str>,
}

impl ApiError {
    /// A bad parameter.
    pub fn bad(parameter: &str, message: impl Into<String>) -> ApiError {
        ApiError::BadParameter {
            parameter: parameter.to_owned(),
            message: message.into(),
        }
    }

    /// An internal failure, with its cause for the log.
    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(cause.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message, parameter) = match &self {
            ApiError::BadParameter { parameter, message } => (
                StatusCode::BAD_REQUEST,
                "bad_parameter",
                message.as_str(),
                Some(parameter.as_str()),
            ),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "not_found", "No such record.", None),
            ApiError::Internal(cause) => {
                tracing::error!(target: "pathways::http", cause = cause.as_str(), "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side. Please try again.",
                    None,
                )
            }
        };
        (
            status,
            Json(Body {
                error: ErrorBody {
                    code,
                    message,
                    parameter,
                },
            }),
        )
            .into_response()
    }
}

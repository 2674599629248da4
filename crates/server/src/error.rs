//! The error every handler answers with: a status and a JSON `{"error": "..."}` body.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use velay_core::sync::ErrorBody;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    UnprocessableContent(String),
    /// An extractor's own refusal (body too large, wrong content type), with its status.
    #[error("{1}")]
    Rejected(StatusCode, String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match &self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::UnprocessableContent(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Rejected(status, _) => *status,
            AppError::Store(StoreError::Refused(_) | StoreError::Rule(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let error = match &self {
            AppError::Store(StoreError::Refused(reason)) => reason.clone(),
            AppError::Store(StoreError::Rule(refusal)) => refusal.to_string(),
            // The details go to the log, not to the client.
            AppError::Store(e) => {
                tracing::error!(error = %e, "store failure");
                "the server could not reach its store; try again later".to_string()
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal failure");
                "the server failed; try again later".to_string()
            }
            other => other.to_string(),
        };
        (status, Json(ErrorBody { error })).into_response()
    }
}

impl AppError {
    /// A blocking store task that panicked or was cancelled.
    pub fn task(e: tokio::task::JoinError) -> AppError {
        AppError::Store(StoreError::Task(e.to_string()))
    }
}

impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(r: axum::extract::rejection::QueryRejection) -> Self {
        AppError::BadRequest(r.body_text())
    }
}

impl From<axum::extract::rejection::JsonRejection> for AppError {
    fn from(r: axum::extract::rejection::JsonRejection) -> Self {
        AppError::Rejected(r.status(), r.body_text())
    }
}

/// Answers every error as JSON, including those written by layers and the router itself
/// (unknown path, wrong method, body too large, timeout), so a client always gets a message
/// it can read the same way.
pub async fn json_errors(resp: Response) -> Response {
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    // The greeter and staff pages answer their refusals as HTML pages, meant for people.
    let is_html = resp
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if !(status.is_client_error() || status.is_server_error()) || is_json || is_html {
        return resp;
    }
    let text = axum::body::to_bytes(resp.into_body(), 4096).await.unwrap_or_default();
    let mut error = String::from_utf8_lossy(&text).trim().to_string();
    if error.is_empty() {
        error = status.canonical_reason().unwrap_or("error").to_lowercase();
    }
    (status, Json(ErrorBody { error })).into_response()
}

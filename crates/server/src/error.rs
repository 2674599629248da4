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
    Internal(String),
    #[error("{0}")]
    UnprocessableContent(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match &self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::UnprocessableContent(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let error = match &self {
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
        use axum::extract::rejection::JsonRejection::*;
        match r {
            JsonDataError(e) => AppError::UnprocessableContent(e.body_text()),
            other => AppError::BadRequest(other.body_text()),
        }
    }
}

//! `POST /v1/sync/push`: a device's mutations, each applied at most once, answered in order.

use axum::extract::{DefaultBodyLimit, State};
use axum::routing::post;
use axum::{Json, Router};
use velay_core::sync::{PushRequest, PushResponse, PUSH_MAX_MUTATIONS, PUSH_PATH};

use crate::api::limits::PushingDevice;
use crate::error::AppError;
use crate::AppState;

/// A push of [`PUSH_MAX_MUTATIONS`] notes and requests, each of a few kilobytes at most.
const MAX_PUSH_BYTES: usize = 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(PUSH_PATH, post(push))
        .layer(DefaultBodyLimit::max(MAX_PUSH_BYTES))
}

async fn push(
    State(state): State<AppState>,
    // Before the body: the device and its rate are checked on the headers alone.
    PushingDevice(device): PushingDevice,
    body: Result<Json<PushRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<PushResponse>, AppError> {
    let Json(req) = body?;
    if req.mutations.is_empty() || req.mutations.len() > PUSH_MAX_MUTATIONS {
        return Err(AppError::BadRequest(format!(
            "a push carries 1 to {PUSH_MAX_MUTATIONS} mutations"
        )));
    }
    let store = state.store.clone();
    let dev = device.clone();
    let results = tokio::task::spawn_blocking(move || store.push(&dev, &req.mutations))
        .await
        .map_err(AppError::task)??;
    tracing::info!(%device, count = results.len(), "push");
    Ok(Json(PushResponse { results }))
}

//! `POST /v1/sync/push`: a device's mutations, each applied at most once, answered in order.

use axum::extract::{DefaultBodyLimit, State};
use axum::routing::post;
use axum::{Extension, Json, Router};
use velay_core::sync::{PushRequest, PushResponse, PUSH_MAX_MUTATIONS, PUSH_PATH};

use crate::api::limits;
use crate::error::AppError;
use crate::store::DeviceId;
use crate::AppState;

/// A push of [`PUSH_MAX_MUTATIONS`] notes and requests, each of a few kilobytes at most.
const MAX_PUSH_BYTES: usize = 1024 * 1024;

pub fn router(state: AppState) -> Router<AppState> {
    // The device and its rate are checked first (route_layer runs before the body is read).
    Router::new()
        .route(PUSH_PATH, post(push))
        .layer(DefaultBodyLimit::max(MAX_PUSH_BYTES))
        .route_layer(axum::middleware::from_fn_with_state(state, limits::pushes))
}

async fn push(
    State(state): State<AppState>,
    Extension(device): Extension<DeviceId>,
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

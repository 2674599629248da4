//! `GET /v1/sync/pull?cursor=N[&limit=M]`: the changes after a device's cursor.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use velay_core::sync::{PullBatch, PullQuery, PULL_MAX_CHANGES, PULL_PATH};

use crate::api::auth::Device;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(PULL_PATH, get(pull))
}

async fn pull(
    State(state): State<AppState>,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
    device: Option<Device>,
) -> Result<Json<PullBatch>, AppError> {
    let Query(q) = query?;
    let limit = match q.limit {
        Some(0) => return Err(AppError::BadRequest("limit must be at least 1".into())),
        Some(n) => n.min(PULL_MAX_CHANGES),
        None => PULL_MAX_CHANGES,
    };
    // A pull only reads, and sled serves reads from its cache in microseconds: a hop to the
    // blocking pool would cost more than the read itself.
    let batch = state
        .store
        .pull(q.cursor, limit as usize, device.as_ref().map(|Device(d)| d.as_str()))?;
    Ok(Json(batch))
}

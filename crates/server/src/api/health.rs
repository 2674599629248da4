//! `GET /health`: the server is up and reads its store.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use velay_core::sync::{Health, HEALTH_PATH};

use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(HEALTH_PATH, get(health))
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    Ok(Json(Health {
        status: "ok".into(),
        head: state.store.head()?,
    }))
}

//! `POST /v1/devices`: a device registers and receives its token, once.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use velay_core::sync::{Register, Registered, REGISTER_PATH};

use crate::api::auth::token_hash;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(REGISTER_PATH, post(register))
}

async fn register(
    State(state): State<AppState>,
    body: Result<Json<Register>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<Registered>), AppError> {
    let Json(about) = body?;
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let store = state.store.clone();
    let hash = token_hash(&token);
    let device = tokio::task::spawn_blocking(move || store.register(hash))
        .await
        .map_err(AppError::task)??;
    tracing::info!(%device, app = about.app.as_deref().unwrap_or("?"), "device registered");
    Ok((StatusCode::CREATED, Json(Registered { device, token })))
}

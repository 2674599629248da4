//! `POST /v1/devices`: a device registers and receives its token, once.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use velay_core::sync::{Register, Registered, REGISTER_PATH};

use crate::api::auth::token_hash;
use crate::api::limits;
use crate::error::AppError;
use crate::AppState;

/// A registration says which app it is, in a few words: more is refused before it is parsed.
const MAX_REGISTER_BYTES: usize = 4 * 1024;
/// How much of the `app` string goes to the log.
const LOGGED_APP_CHARS: usize = 64;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route(REGISTER_PATH, post(register))
        .layer(DefaultBodyLimit::max(MAX_REGISTER_BYTES))
        .route_layer(axum::middleware::from_fn_with_state(state, limits::registrations))
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
    let app: String = about
        .app
        .as_deref()
        .unwrap_or("?")
        .chars()
        .take(LOGGED_APP_CHARS)
        .collect();
    tracing::info!(%device, %app, "device registered");
    Ok((StatusCode::CREATED, Json(Registered { device, token })))
}

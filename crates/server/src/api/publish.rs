//! `POST /v1/admin/content`: staff publish a whole content set; the server versions what changed.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use velay_core::sync::{PublishReport, PUBLISH_PATH};
use velay_core::Content;

use crate::api::auth::Staff;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(PUBLISH_PATH, post(publish))
}

async fn publish(
    State(state): State<AppState>,
    // Before the body: a stranger's upload is not read.
    _: Staff,
    body: Result<Json<Vec<Content>>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<PublishReport>, AppError> {
    let Json(contents) = body?;
    crate::import::check(&contents).map_err(AppError::UnprocessableContent)?;
    let store = state.store.clone();
    let report = tokio::task::spawn_blocking(move || store.publish(&contents))
        .await
        .map_err(AppError::task)??;
    tracing::info!(
        changed = report.changed,
        deleted = report.deleted,
        head = report.head,
        "content published"
    );
    Ok(Json(report))
}

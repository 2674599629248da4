//! The HTTP endpoints, one module per resource, merged here.

mod health;
mod publish;
mod pull;

use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(pull::router())
        .merge(publish::router())
}

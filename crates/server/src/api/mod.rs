//! The HTTP endpoints, one module per resource, merged here.

mod auth;
mod devices;
mod health;
mod publish;
mod pull;
mod push;

use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(devices::router())
        .merge(pull::router())
        .merge(push::router())
        .merge(publish::router())
}

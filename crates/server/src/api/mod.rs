//! The HTTP endpoints, one module per resource, merged here; and the greeter and staff web pages.

pub mod auth;
mod devices;
pub mod greeter_pages;
mod health;
pub mod limits;
pub mod packs;
pub mod passwords;
mod publish;
mod pull;
mod push;
pub mod security;
mod staff_pages;

use axum::Router;

use crate::AppState;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(devices::router(state))
        .merge(pull::router())
        .merge(push::router())
        .merge(publish::router())
        .merge(packs::router())
        .merge(greeter_pages::router())
        .merge(staff_pages::router())
}

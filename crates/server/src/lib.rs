//! velay-server: the server the Velay companion syncs with.
//!
//! - [`store`]: content, devices and their mutations, meeting requests and the seats they hold,
//!   greeters' slots and rules, greeter accounts and sessions, behind [`ServerStore`] and its
//!   facets, one file each, sled by default.
//! - [`api`]: the HTTP endpoints of the sync protocol (`velay_core::sync`), one module each, and
//!   the greeter and staff web pages (server-rendered with maud). Who calls is an extractor: a
//!   device or staff ([`api::auth`]), a greeter's session and their checked forms
//!   ([`api::greeter_pages::session`]).
//! - [`connections`]: accepting connections, with a cap in all and per address, and a timer
//!   that closes the idle ones.
//! - [`error`]: the one error type every handler answers with, as JSON.
//! - [`data_dir`]: the layout of a server's data folder (store, staff token, address file).
//! - [`import`]: publishing a `routes-data` folder, into a store or to a running server, after
//!   the content check ([`velay_core::check`]) passes (or is forced).
//! - [`packs`]: the offline map pack of each site: built from a tile source, or imported, then
//!   published and served.

pub mod api;
pub mod connections;
pub mod data_dir;
pub mod error;
pub mod import;
pub mod packs;
pub mod store;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, timeout::TimeoutLayer, trace::TraceLayer,
};

pub use connections::ConnectionLimits;
pub use store::{ServerStore, SledStore};

/// The largest request body accepted: a whole content set with long GPX tracks fits in 8 MiB.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// A request that takes longer is answered 408, so a stalled client cannot hold a worker.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn ServerStore>,
    /// The staff credential that may publish content.
    pub admin_token: Arc<str>,
    /// The folder the map packs are served from (see [`packs`]).
    pub packs: Arc<std::path::Path>,
    /// The server is reached through TLS (a proxy in front): cookies are `Secure` and HSTS is
    /// sent (see [`api::security`]).
    pub behind_tls: bool,
    /// Rate limits per client address and per device (see [`api::limits`]).
    pub limits: Arc<api::limits::Limits>,
    /// Login attempts per client address, and the cap on password checks at once.
    pub logins: Arc<api::greeter_pages::login_guard::LoginGuard>,
}

/// The whole HTTP application.
pub fn app(state: AppState) -> Router {
    api::router(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            api::security::headers,
        ))
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Small answers (a pull with nothing new) go as they are: gzip would make them bigger.
        // Map packs go as they are: their tiles are compressed images, and a Range is of the file.
        .layer(
            CompressionLayer::new()
                .compress_when(SizeAbove::new(256).and(NotForContentType::const_new(api::packs::PACK_TYPE))),
        )
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::map_response(error::json_errors))
        .layer(TraceLayer::new_for_http())
}

/// Serves `app` on `listener` until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, ConnectionLimits::default(), shutdown).await
}

/// [`serve`] with other limits on connections.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    connections::serve(listener, app(state), limits, shutdown).await
}

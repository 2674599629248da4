//! velay-server: the server the Velay companion syncs with.
//!
//! - [`store`]: content, devices and their mutations, meeting requests and the seats they hold,
//!   greeter accounts and sessions, behind [`ServerStore`], sled by default.
//! - [`api`]: the HTTP endpoints of the sync protocol (`velay_core::sync`), one module each, and
//!   the greeter and staff web pages (server-rendered with maud).
//! - [`error`]: the one error type every handler answers with, as JSON.
//! - [`data_dir`]: the layout of a server's data folder (store, staff token, address file).
//! - [`import`]: publishing a `routes-data` folder, into a store or to a running server, after
//!   the content check ([`velay_core::check`]) passes (or is forced).

pub mod api;
pub mod data_dir;
pub mod error;
pub mod import;
pub mod store;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tower_http::compression::predicate::SizeAbove;
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, timeout::TimeoutLayer, trace::TraceLayer,
};

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
}

/// The whole HTTP application.
pub fn app(state: AppState) -> Router {
    api::router()
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Small answers (a pull with nothing new) go as they are: gzip would make them bigger.
        .layer(CompressionLayer::new().compress_when(SizeAbove::new(256)))
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
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown).await
}

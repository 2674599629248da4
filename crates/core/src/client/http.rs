//! The HTTP client of the sync protocol, sized for a weak rural link: what the server's own
//! `import` needs (health, publish); a device's sync, which needs its store, is in `device.rs`.

use std::time::Duration;

use crate::content::Content;
#[cfg(feature = "device")]
use crate::store::StoreError;
use crate::sync::{ErrorBody, Health, PublishReport, HEALTH_PATH, PUBLISH_PATH};

/// A TCP and TLS handshake over EDGE (about 840 ms a round trip) takes a few seconds; ten
/// leaves room for loss without keeping a dead link open long.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A whole request: a 256 KiB batch at 240 kbit/s takes about 9 s; 60 s allows for loss.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    #[error("server {url}: unreachable or cut: {source}")]
    Http { url: String, source: reqwest::Error },
    #[error("server {url} refused: {status} {message}")]
    Refused { url: String, status: u16, message: String },
    #[error("server {url} answered {count} results for {sent} mutations")]
    Mismatch { url: String, sent: usize, count: usize },
    #[cfg(feature = "device")]
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("store task failed: {0}")]
    Task(String),
}

impl SyncError {
    /// True when the server answered and said no: retrying the same request will not help.
    pub fn is_refusal(&self) -> bool {
        matches!(self, SyncError::Refused { status, .. } if *status < 500)
    }
}

/// Talks to one server.
#[derive(Clone)]
pub struct Client {
    pub(super) http: reqwest::Client,
    base: String,
    pub(super) batch_limit: Option<u32>,
}

impl Client {
    /// A client of the server at `base` (such as `http://127.0.0.1:8737`).
    pub fn new(base: &str) -> Result<Client, SyncError> {
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|source| SyncError::Http {
                url: base.into(),
                source,
            })?;
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_string(),
            batch_limit: None,
        })
    }

    /// Asks for at most `limit` changes a batch (the server's own limit applies otherwise).
    pub fn with_batch_limit(mut self, limit: u32) -> Client {
        self.batch_limit = Some(limit);
        self
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub async fn health(&self) -> Result<Health, SyncError> {
        self.send(self.http.get(self.url(HEALTH_PATH))).await
    }

    /// Publishes a whole content set with the staff token.
    pub async fn publish(&self, token: &str, contents: &[Content]) -> Result<PublishReport, SyncError> {
        self.send(self.http.post(self.url(PUBLISH_PATH)).bearer_auth(token).json(contents))
            .await
    }

    pub(super) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub(super) async fn send<T: serde::de::DeserializeOwned>(
        &self,
        req: reqwest::RequestBuilder,
    ) -> Result<T, SyncError> {
        let http = |source| SyncError::Http {
            url: self.base.clone(),
            source,
        };
        let resp = req.send().await.map_err(http)?;
        let status = resp.status();
        if !status.is_success() {
            let text = resp.text().await.unwrap_or_default();
            let message = serde_json::from_str::<ErrorBody>(&text)
                .map(|b| b.error)
                .unwrap_or(text);
            return Err(SyncError::Refused {
                url: self.base.clone(),
                status: status.as_u16(),
                message,
            });
        }
        resp.json().await.map_err(http)
    }
}

//! The HTTP client of the sync protocol, sized for a weak rural link.

use std::time::Duration;

use crate::content::Content;
use crate::store::{Store, StoreError};
use crate::sync::{ErrorBody, Health, PublishReport, PullBatch, HEALTH_PATH, PUBLISH_PATH, PULL_PATH};

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
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("store task failed: {0}")]
    Task(String),
}

/// What a pull did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PullReport {
    /// Changes applied to the store.
    pub pulled: usize,
    pub cursor: u64,
}

/// Talks to one server.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
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
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub async fn health(&self) -> Result<Health, SyncError> {
        self.send(self.http.get(self.url(HEALTH_PATH))).await
    }

    /// Pulls every change after the store's cursor, batch by batch. Each batch and its cursor
    /// are applied in one transaction, so a cut in the middle resumes where it stopped.
    pub async fn pull(&self, store: &Store) -> Result<PullReport, SyncError> {
        let mut pulled = 0;
        let mut cursor = store.cursor()?.unwrap_or(0);
        loop {
            let req = self.http.get(format!("{}?cursor={cursor}", self.url(PULL_PATH)));
            let batch: PullBatch = self.send(req).await?;
            if batch.head < cursor {
                tracing::warn!(
                    cursor,
                    head = batch.head,
                    "the server's history is not ours: pulling from zero"
                );
                store.reset_cursor()?;
                cursor = 0;
                continue;
            }
            let st = store.clone();
            pulled += tokio::task::spawn_blocking(move || st.apply(&batch.changes, batch.cursor))
                .await
                .map_err(|e| SyncError::Task(e.to_string()))??;
            cursor = batch.cursor;
            if !batch.more {
                return Ok(PullReport { pulled, cursor });
            }
        }
    }

    /// Publishes a whole content set with the staff token.
    pub async fn publish(&self, token: &str, contents: &[Content]) -> Result<PublishReport, SyncError> {
        self.send(self.http.post(self.url(PUBLISH_PATH)).bearer_auth(token).json(contents))
            .await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn send<T: serde::de::DeserializeOwned>(&self, req: reqwest::RequestBuilder) -> Result<T, SyncError> {
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

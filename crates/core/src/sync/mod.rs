//! The sync protocol, version 1, shared by the app and the server, and the client that speaks it.
//!
//! - `GET /health` answers [`Health`].
//! - `GET /v1/sync/pull?cursor=N&limit=M` answers a [`PullBatch`]: the changes after the cursor,
//!   oldest first, at most `limit` of them and about [`PULL_MAX_BYTES`], the cursor to ask from
//!   next, whether more follow, and the server's head.
//! - `POST /v1/admin/content` (staff, bearer token) publishes a whole content set
//!   (`Vec<Content>`) and answers a [`PublishReport`].
//!
//! Errors are JSON [`ErrorBody`] with a 4xx status for every client mistake.

mod client;

use serde::{Deserialize, Serialize};

use crate::Change;

pub use client::{Client, PullReport, SyncError};

pub const HEALTH_PATH: &str = "/health";
pub const PULL_PATH: &str = "/v1/sync/pull";
pub const PUBLISH_PATH: &str = "/v1/admin/content";

/// The most changes a pull batch holds, whatever the client asks.
pub const PULL_MAX_CHANGES: u32 = 1000;
/// A batch stops growing past this many bytes of changes (a single larger change still goes).
pub const PULL_MAX_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    /// The server's latest sequence number.
    pub head: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullQuery {
    pub cursor: u64,
    pub limit: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PullBatch {
    pub changes: Vec<Change>,
    /// The cursor to store once these changes are applied, and to ask from next.
    pub cursor: u64,
    pub more: bool,
    /// The server's latest sequence. A client whose cursor is past it holds a cursor from
    /// another history (a server rebuilt from scratch) and must pull again from zero.
    pub head: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishReport {
    /// Keys whose content was new or different.
    pub changed: usize,
    /// Keys that are no longer published.
    pub deleted: usize,
    pub head: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
}

//! The sync protocol, version 1, shared by the app and the server: its paths and its types.
//! The client that speaks it is [`crate::client`].
//!
//! - `GET /health` answers [`Health`].
//! - `POST /v1/devices` with a [`Register`] body registers a device: [`Registered`] holds its id and a random token,
//!   which the server keeps only hashed. Every later call sends `Authorization: Bearer TOKEN`.
//! - `GET /v1/sync/pull?cursor=N&limit=M` answers a [`PullBatch`]: the content changes after the
//!   cursor, oldest first, plus this device's own [`PrivateChange`]s, at most `limit` and about
//!   [`PULL_MAX_BYTES`] of them; the cursor to ask from next; whether more follow.
//!   Without a token it answers content only.
//! - `POST /v1/sync/push` takes a [`PushRequest`] of mutations and answers one [`PushResult`]
//!   each, in order. The server files each mutation id with its outcome: a replay gets the same
//!   outcome and changes nothing.
//! - `POST /v1/admin/content` (staff token) publishes a whole content set (`Vec<Content>`) and
//!   answers a [`PublishReport`].
//!
//! Content and private records share the server's one sequence, so one cursor covers both.
//! Errors are JSON [`ErrorBody`] with a 4xx status for every client mistake.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use crate::greeter::RequestState;
use crate::mutation::{Mutation, Outcome};
use crate::Change;

pub const HEALTH_PATH: &str = "/health";
pub const REGISTER_PATH: &str = "/v1/devices";
pub const PULL_PATH: &str = "/v1/sync/pull";
pub const PUSH_PATH: &str = "/v1/sync/push";
pub const PUBLISH_PATH: &str = "/v1/admin/content";

/// The most changes a pull batch holds, whatever the client asks.
pub const PULL_MAX_CHANGES: u32 = 1000;
/// A batch stops growing past this many bytes of changes (a single larger change still goes).
pub const PULL_MAX_BYTES: usize = 256 * 1024;
/// The most mutations one push carries.
pub const PUSH_MAX_MUTATIONS: usize = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    /// The server's latest sequence number.
    pub head: u64,
}

/// What a device says of itself when it registers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    /// The app's version, for support.
    #[serde(default)]
    pub app: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registered {
    pub device: String,
    pub token: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullQuery {
    pub cursor: u64,
    pub limit: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PullBatch {
    pub changes: Vec<Change>,
    /// This device's own records that changed after the cursor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private: Vec<PrivateChange>,
    /// The cursor to store once these changes are applied, and to ask from next.
    pub cursor: u64,
    pub more: bool,
    /// The server's latest sequence. A client whose cursor is past it holds a cursor from
    /// another history (a server rebuilt from scratch) and must pull again from zero.
    pub head: u64,
}

/// A record only its device sees, as of sequence `seq`; no record means deleted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivateChange {
    pub seq: u64,
    pub id: String,
    pub record: Option<PrivateRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PrivateRecord {
    /// A note the team received from this device.
    Feedback {
        id: Uuid,
        route: String,
        text: String,
        received_at: DateTime<Utc>,
    },
    /// A meeting request this device made, as the server and the greeter see it now.
    Request {
        id: Uuid,
        slot: String,
        party: u8,
        state: RequestState,
        /// The greeter's words with a confirmation or a refusal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
        updated_at: DateTime<Utc>,
        /// When and where the meeting is: the slot as it stood when the server accepted the
        /// request, kept whatever its availability rule becomes. Absent from older servers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meeting: Option<crate::greeter::Slot>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub mutations: Vec<Mutation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    pub results: Vec<PushResult>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResult {
    pub id: Uuid,
    #[serde(flatten)]
    pub outcome: Outcome,
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

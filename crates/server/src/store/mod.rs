//! Where the server keeps its state: published content, devices, and the mutations they pushed,
//! all versioned by one growing sequence number, behind [`ServerStore`] so that a PostgreSQL
//! store can replace the embedded sled one for a deployment that outgrows one machine.

mod sled_store;

use velay_core::mutation::Mutation;
use velay_core::sync::{PublishReport, PullBatch, PushResult};
use velay_core::Content;

pub use sled_store::SledStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sled: {0}")]
    Sled(#[from] sled::Error),
    #[error("entry {key} is damaged: {reason}")]
    Damaged { key: String, reason: String },
    #[error("store task failed: {0}")]
    Task(String),
}

/// A registered device, known by the hash of its token.
pub type DeviceId = String;

pub trait ServerStore: Send + Sync + 'static {
    /// The latest sequence number (0 for an empty store).
    fn head(&self) -> Result<u64, StoreError>;
    /// The changes after `cursor`, oldest first, at most `limit` and about
    /// [`velay_core::sync::PULL_MAX_BYTES`] of them: content, and `device`'s private records.
    fn pull(&self, cursor: u64, limit: usize, device: Option<&str>) -> Result<PullBatch, StoreError>;
    /// Makes `contents` the whole published set: new or different keys get the next sequence
    /// numbers, keys not in it are deleted, unchanged keys keep theirs.
    fn publish(&self, contents: &[Content]) -> Result<PublishReport, StoreError>;
    /// Files a new device under the SHA-256 of its token.
    fn register(&self, token_hash: [u8; 32]) -> Result<DeviceId, StoreError>;
    fn device(&self, token_hash: [u8; 32]) -> Result<Option<DeviceId>, StoreError>;
    /// Applies `device`'s mutations in order, each at most once: a mutation id seen before
    /// gets its first outcome again and changes nothing. All outcomes are on disk on return.
    fn push(&self, device: &str, mutations: &[Mutation]) -> Result<Vec<PushResult>, StoreError>;
}

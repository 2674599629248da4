//! Where the server keeps its state: published content, devices, and the mutations they pushed,
//! all versioned by one growing sequence number, behind [`ServerStore`] so that a PostgreSQL
//! store can replace the embedded sled one for a deployment that outgrows one machine.
//!
//! [`ServerStore`] is made of facets, each a trait with its sled implementation in one file:
//!
//! - [`ServerStore`] itself, the sync protocol: content, devices, pulls and pushes (`sync.rs`);
//! - [`RequestStore`]: meeting requests, the seats they hold, a greeter's answers (`requests.rs`);
//! - [`SlotStore`]: greeters' availability rules and slots, the one-off slots they add
//!   (`slots.rs`);
//! - [`AccountStore`]: greeter accounts, login attempts and sessions (`accounts.rs`).
//!
//! Beside them: the sled store's trees and its one write transaction (`sled_store.rs`), how
//! values and keys are written (`codec.rs`), checking a store (`check.rs`) and backing it up
//! (`backup.rs`).

mod accounts;
mod backup;
mod check;
mod codec;
mod requests;
mod sled_store;
mod slots;
mod sync;

use velay_core::maps::MapPack;
use velay_core::mutation::Mutation;
use velay_core::sync::{PublishReport, PullBatch, PushResult};
use velay_core::{Content, Key};

pub use accounts::{locked_until, lockout, lockout_after, Account, AccountStore, LoginAttempt, Session, FREE_ATTEMPTS};
pub use backup::{restore, BackupError, BackupReport};
pub use check::{CheckReport, OpenError};
pub use requests::{RequestRow, RequestStore};
pub use sled_store::SledStore;
pub use slots::{web_slot_id, RuleRefusal, SlotStore};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sled: {0}")]
    Sled(#[from] sled::Error),
    #[error("entry {key} is damaged: {reason}")]
    Damaged { key: String, reason: String },
    #[error("store task failed: {0}")]
    Task(String),
    /// A greeter's or staff's action the rules do not allow, with the reason to show them.
    #[error("{0}")]
    Refused(String),
    /// A greeter's change to their availability refused, as a code their pages translate.
    #[error("{0}")]
    Rule(#[from] RuleRefusal),
}

/// A registered device, known by the hash of its token.
pub type DeviceId = String;

/// The whole store: the sync protocol's methods, and the greeter pages' facets.
pub trait ServerStore: AccountStore + RequestStore + SlotStore + Send + Sync + 'static {
    /// The latest sequence number (0 for an empty store).
    fn head(&self) -> Result<u64, StoreError>;
    /// The changes after `cursor`, oldest first, at most `limit` and about
    /// [`velay_core::sync::PULL_MAX_BYTES`] of them: content, and `device`'s private records.
    fn pull(&self, cursor: u64, limit: usize, device: Option<&str>) -> Result<PullBatch, StoreError>;
    /// Makes `contents` the whole published set: new or different keys get the next sequence
    /// numbers, keys not in it are deleted, unchanged keys keep theirs.
    fn publish(&self, contents: &[Content]) -> Result<PublishReport, StoreError>;
    /// Makes `packs` the whole set of published map packs (content publishing leaves them be).
    fn publish_packs(&self, packs: &[MapPack]) -> Result<PublishReport, StoreError>;
    /// The published content under `key`, if any.
    fn published(&self, key: &Key) -> Result<Option<Content>, StoreError>;
    /// Files a new device under the SHA-256 of its token.
    fn register(&self, token_hash: [u8; 32]) -> Result<DeviceId, StoreError>;
    fn device(&self, token_hash: [u8; 32]) -> Result<Option<DeviceId>, StoreError>;
    /// Applies `device`'s mutations in order, each at most once: a mutation id seen before
    /// gets its first outcome again and changes nothing. All outcomes are on disk on return.
    fn push(&self, device: &str, mutations: &[Mutation]) -> Result<Vec<PushResult>, StoreError>;
    /// Forgets the devices registered more than [`DEVICE_EXPIRY_DAYS`] ago that never wrote
    /// anything: registrations nobody came back to use. Returns how many were forgotten. A
    /// forgotten app that comes back is told 401 and registers again; it had nothing stored.
    fn expire_devices(&self) -> Result<usize, StoreError>;
}

/// How long a device that never wrote anything is kept.
pub const DEVICE_EXPIRY_DAYS: i64 = 30;

//! The client of the sync protocol ([`crate::sync`]): the HTTP calls (`http.rs`), which the
//! server's own `import` uses to publish, and (feature `device`) a device's sync of its store:
//! registering once, pushing the outbox, pulling what changed (`device.rs`). Apart from the
//! protocol's types, so that the store, which keeps those types, and the sync, which fills the
//! store, do not import each other.

#[cfg(feature = "device")]
mod device;
mod http;

#[cfg(feature = "device")]
pub use device::{Progress, PullReport, SyncReport};
pub use http::{Client, SyncError};

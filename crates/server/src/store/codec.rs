//! How the store's values and keys are written on disk, in one place, so that every facet
//! reads and writes them alike and a damaged entry is named the same way wherever it is met.
//!
//! Values are JSON (serde_json), numbers big-endian; keys are the content's own
//! ([`velay_core::Key::to_bytes`]) or built here. Changing any of this changes the on-disk
//! format: existing stores and backups must still open.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::StoreError;

/// `meta`: the head sequence.
pub const HEAD: &[u8] = b"head";
/// `meta`: how many writes a device has filed, under `filed-by/<device>`.
pub const FILED_BY: &[u8] = b"filed-by/";
/// `meta`: the greeters whose availability rules are theirs, under `rules-by/<greeter>`.
pub const RULES_BY: &[u8] = b"rules-by/";
/// `records`: a device's private records, under `private/<device>/<id>`.
pub const PRIVATE: &[u8] = b"private/";

/// The key of `device`'s private record `id`.
pub fn private_key(device: &str, id: &str) -> Vec<u8> {
    [PRIVATE, device.as_bytes(), b"/", id.as_bytes()].concat()
}

/// The prefix of all of `device`'s private records.
pub fn private_prefix(device: &str) -> Vec<u8> {
    [PRIVATE, device.as_bytes(), b"/"].concat()
}

pub fn filed_by_key(device: &str) -> Vec<u8> {
    [FILED_BY, device.as_bytes()].concat()
}

pub fn rules_by_key(greeter: &str) -> Vec<u8> {
    [RULES_BY, greeter.as_bytes()].concat()
}

/// A stored value as JSON.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // The store's own types (no maps with non-string keys, no failing Serialize) always serialise.
    serde_json::to_vec(value).expect("a stored value serialises")
}

/// A stored value read back; one that does not decode is reported as damaged under `key`.
pub fn decode<T: DeserializeOwned>(key: &[u8], value: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(value).map_err(|e| damaged(key, &e.to_string()))
}

pub fn be_u32(key: &[u8], v: &[u8]) -> Result<u32, StoreError> {
    Ok(u32::from_be_bytes(v.try_into().map_err(|_| damaged(key, "not a u32"))?))
}

pub fn be_u64(key: &[u8], v: &[u8]) -> Result<u64, StoreError> {
    Ok(u64::from_be_bytes(v.try_into().map_err(|_| damaged(key, "not a u64"))?))
}

pub fn damaged(key: &[u8], reason: &str) -> StoreError {
    StoreError::Damaged {
        key: String::from_utf8_lossy(key).into_owned(),
        reason: reason.into(),
    }
}

//! The meta tree: schema version, cursor, the device's credential, the last successful sync;
//! and the migrations from older layouts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{seal, unseal, Op, Store, StoreError, Tree, SCHEMA_VERSION};

const SCHEMA: &[u8] = b"schema";
const CURSOR: &[u8] = b"cursor";
const CREDENTIAL: &[u8] = b"credential";
const LAST_SYNC: &[u8] = b"last_sync";

/// What the server gave this device when it registered. The token is a secret: it never
/// leaves the store but in the Authorization header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    pub device: String,
    pub token: String,
}

/// Brings the store to [`SCHEMA_VERSION`]: a new store is stamped, an older one migrated step by
/// step, a newer one refused.
pub(super) fn migrate(store: &Store) -> Result<(), StoreError> {
    let _w = store.lock();
    let raw = store.backend.get(Tree::Meta, SCHEMA)?;
    let found = match raw {
        None => {
            return store.commit(&[Op::Put(
                Tree::Meta,
                SCHEMA.to_vec(),
                seal(&SCHEMA_VERSION.to_be_bytes()),
            )]);
        }
        // Version 1 wrote meta values without a checksum.
        Some(v) if v.len() == 4 => u32::from_be_bytes([v[0], v[1], v[2], v[3]]),
        Some(v) => be_u32(unseal(&v).map_err(|r| super::damaged(SCHEMA, r))?)?,
    };
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew { found });
    }
    if found == 1 {
        // 1 → 2: seal the cursor; the new trees start empty.
        let mut ops = Vec::new();
        if let Some(c) = store.backend.get(Tree::Meta, CURSOR)? {
            ops.push(Op::Put(Tree::Meta, CURSOR.to_vec(), seal(&c)));
        }
        ops.push(Op::Put(Tree::Meta, SCHEMA.to_vec(), seal(&2u32.to_be_bytes())));
        store.commit(&ops)?;
        tracing::info!("store migrated from schema 1 to 2");
    }
    Ok(())
}

pub(super) fn cursor(store: &Store) -> Result<Option<u64>, StoreError> {
    store.get_sealed(Tree::Meta, CURSOR)?.map(|v| be_u64(&v)).transpose()
}

pub(super) fn cursor_op(cursor: u64) -> Op {
    Op::Put(Tree::Meta, CURSOR.to_vec(), seal(&cursor.to_be_bytes()))
}

pub(super) fn forget_cursor_op() -> Op {
    Op::Delete(Tree::Meta, CURSOR.to_vec())
}

impl Store {
    pub fn credential(&self) -> Result<Option<Credential>, StoreError> {
        self.get_json(Tree::Meta, CREDENTIAL)
    }

    pub fn set_credential(&self, credential: &Credential) -> Result<(), StoreError> {
        let json = serde_json::to_vec(credential).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.commit(&[Op::Put(Tree::Meta, CREDENTIAL.to_vec(), seal(&json))])
    }

    /// Forgets a credential the server no longer knows (a rebuilt server), so the device
    /// registers again.
    pub fn clear_credential(&self) -> Result<(), StoreError> {
        self.commit(&[Op::Delete(Tree::Meta, CREDENTIAL.to_vec())])
    }

    /// When a sync last went through completely.
    pub fn last_sync(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        self.get_json(Tree::Meta, LAST_SYNC)
    }

    pub fn set_last_sync(&self, at: DateTime<Utc>) -> Result<(), StoreError> {
        let json = serde_json::to_vec(&at).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.commit(&[Op::Put(Tree::Meta, LAST_SYNC.to_vec(), seal(&json))])
    }
}

fn be_u64(v: &[u8]) -> Result<u64, StoreError> {
    Ok(u64::from_be_bytes(
        v.try_into().map_err(|_| super::damaged(CURSOR, "not a u64"))?,
    ))
}

fn be_u32(v: &[u8]) -> Result<u32, StoreError> {
    Ok(u32::from_be_bytes(
        v.try_into().map_err(|_| super::damaged(SCHEMA, "not a u32"))?,
    ))
}

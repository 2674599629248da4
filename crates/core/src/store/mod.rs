//! The app's store: a sled database on the device holding the content it shows and the cursor
//! of what it has pulled. Everything the app shows offline is read from here.
//!
//! Trees: `meta` (schema version, cursor) and `content` (one entry per [`Key`]). Values carry
//! a CRC-32 so that a torn or corrupted value is reported, never shown as if it were content.

pub mod walks;

use std::path::Path;

use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use crate::{Change, Content, Key, Route, Site};

const SCHEMA_VERSION: u32 = 1;
const META_SCHEMA: &[u8] = b"schema";
const META_CURSOR: &[u8] = b"cursor";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("store at {path}: {source}")]
    Open { path: String, source: sled::Error },
    #[error("store: {0}")]
    Sled(#[from] sled::Error),
    #[error("store: the entry {key} is damaged ({reason})")]
    Damaged { key: String, reason: String },
    #[error("store: schema version {found} is newer than this app understands ({SCHEMA_VERSION}); update the app")]
    TooNew { found: u32 },
}

/// A handle on the device's store. Cheap to clone; every clone is the same database.
#[derive(Clone)]
pub struct Store {
    pub(crate) db: sled::Db,
    pub(crate) meta: sled::Tree,
    pub(crate) content: sled::Tree,
}

impl Store {
    /// Opens (or creates) the store in `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = sled::open(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        let store = Store {
            meta: db.open_tree("meta")?,
            content: db.open_tree("content")?,
            db,
        };
        match store.meta.get(META_SCHEMA)? {
            None => {
                store.meta.insert(META_SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
            }
            Some(v) => {
                let found = u32::from_be_bytes(v.as_ref().try_into().map_err(|_| damaged(META_SCHEMA, "not a u32"))?);
                if found > SCHEMA_VERSION {
                    return Err(StoreError::TooNew { found });
                }
            }
        }
        Ok(store)
    }

    /// The highest sequence applied, or `None` for a store that holds no content yet.
    pub fn cursor(&self) -> Result<Option<u64>, StoreError> {
        self.meta.get(META_CURSOR)?.map(|v| decode_cursor(&v)).transpose()
    }

    /// Fills an empty store with the app's bundled snapshot. Does nothing if the store already
    /// holds content, so a device never goes back to older content than it has.
    pub fn load_snapshot(&self, changes: &[Change]) -> Result<bool, StoreError> {
        if self.cursor()?.is_some() {
            return Ok(false);
        }
        let cursor = changes.iter().map(|c| c.seq).max().unwrap_or(0);
        self.apply(changes, cursor)?;
        Ok(true)
    }

    /// Applies a batch of changes and moves the cursor to `new_cursor`, in one transaction,
    /// then flushes to disk. Changes at or below the stored cursor are skipped, so a batch
    /// received twice is applied once. Returns how many changes were applied.
    pub fn apply(&self, changes: &[Change], new_cursor: u64) -> Result<usize, StoreError> {
        let encoded: Vec<(Vec<u8>, u64, Option<Vec<u8>>)> = changes
            .iter()
            .map(|c| {
                (
                    c.key.to_bytes(),
                    c.seq,
                    c.content
                        .as_ref()
                        .map(|content| seal(&crate::content::canonical(content))),
                )
            })
            .collect();
        let applied = (&self.meta, &self.content)
            .transaction(|(meta, content)| {
                let cursor = match meta.get(META_CURSOR)? {
                    Some(v) => decode_cursor(&v).map_err(ConflictableTransactionError::Abort)?,
                    None => 0,
                };
                let mut applied = 0;
                for (key, seq, value) in &encoded {
                    if *seq <= cursor {
                        continue;
                    }
                    match value {
                        Some(v) => content.insert(key.as_slice(), v.as_slice())?,
                        None => content.remove(key.as_slice())?,
                    };
                    applied += 1;
                }
                meta.insert(META_CURSOR, &new_cursor.max(cursor).to_be_bytes())?;
                Ok(applied)
            })
            .map_err(|e| match e {
                TransactionError::Abort(e) => e,
                TransactionError::Storage(e) => StoreError::Sled(e),
            })?;
        self.db.flush()?;
        Ok(applied)
    }

    /// Forgets the cursor so that the next pull starts from zero, keeping the content until
    /// the server's answers replace it. Used when the server's history is not the one the
    /// cursor came from (a server reset).
    pub fn reset_cursor(&self) -> Result<(), StoreError> {
        self.meta.insert(META_CURSOR, &0u64.to_be_bytes())?;
        self.db.flush()?;
        Ok(())
    }

    /// Every route, in id order.
    pub fn routes(&self) -> Result<Vec<Route>, StoreError> {
        Ok(self
            .all("route/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::Route(r) => Some(*r),
                _ => None,
            })
            .collect())
    }

    /// Every site, in id order.
    pub fn sites(&self) -> Result<Vec<Site>, StoreError> {
        Ok(self
            .all("site/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::Site(s) => Some(s),
                _ => None,
            })
            .collect())
    }

    pub fn get(&self, key: &Key) -> Result<Option<Content>, StoreError> {
        let k = key.to_bytes();
        self.content.get(&k)?.map(|v| decode_content(&k, &v)).transpose()
    }

    fn all(&self, prefix: &str) -> Result<Vec<Content>, StoreError> {
        self.content
            .scan_prefix(prefix)
            .map(|kv| {
                let (k, v) = kv?;
                decode_content(&k, &v)
            })
            .collect()
    }

    /// Bytes the store takes on disk.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.db.size_on_disk()?)
    }
}

/// Prefixes a value with its CRC-32.
fn seal(payload: &[u8]) -> Vec<u8> {
    let mut out = crc32fast::hash(payload).to_le_bytes().to_vec();
    out.extend_from_slice(payload);
    out
}

fn unseal<'a>(key: &[u8], value: &'a [u8]) -> Result<&'a [u8], StoreError> {
    let (sum, payload) = value.split_at_checked(4).ok_or_else(|| damaged(key, "too short"))?;
    let sum = u32::from_le_bytes(sum.try_into().map_err(|_| damaged(key, "too short"))?);
    if crc32fast::hash(payload) != sum {
        return Err(damaged(key, "checksum mismatch"));
    }
    Ok(payload)
}

fn decode_content(key: &[u8], value: &[u8]) -> Result<Content, StoreError> {
    serde_json::from_slice(unseal(key, value)?).map_err(|e| damaged(key, &e.to_string()))
}

fn decode_cursor(v: &[u8]) -> Result<u64, StoreError> {
    Ok(u64::from_be_bytes(
        v.try_into().map_err(|_| damaged(META_CURSOR, "not a u64"))?,
    ))
}

fn damaged(key: &[u8], reason: &str) -> StoreError {
    StoreError::Damaged {
        key: String::from_utf8_lossy(key).into_owned(),
        reason: reason.into(),
    }
}

//! Where the server keeps published content: every key's latest [`Change`] and a log by
//! sequence number, behind [`ContentStore`] so that a PostgreSQL store can replace the
//! embedded sled one for a deployment that outgrows one machine.

use std::path::Path;
use std::sync::RwLock;

use sled::transaction::ConflictableTransactionError;
use sled::Transactional;
use velay_core::content::{canonical, diff};
use velay_core::sync::{PublishReport, PullBatch, PULL_MAX_BYTES};
use velay_core::{Change, Content};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sled: {0}")]
    Sled(#[from] sled::Error),
    #[error("entry {key} is damaged: {reason}")]
    Damaged { key: String, reason: String },
    #[error("store task failed: {0}")]
    Task(String),
}

/// Published content, versioned by one growing sequence number.
pub trait ContentStore: Send + Sync + 'static {
    /// The latest sequence number (0 for an empty store).
    fn head(&self) -> Result<u64, StoreError>;
    /// The changes after `cursor`, oldest first, at most `limit` and about
    /// [`PULL_MAX_BYTES`] of them.
    fn pull(&self, cursor: u64, limit: usize) -> Result<PullBatch, StoreError>;
    /// Makes `contents` the whole published set: new or different keys get the next sequence
    /// numbers, keys not in it are deleted, unchanged keys keep theirs.
    fn publish(&self, contents: &[Content]) -> Result<PublishReport, StoreError>;
}

/// The embedded store: trees `records` (key → latest change), `log` (sequence → key) and
/// `meta` (head).
pub struct SledStore {
    db: sled::Db,
    records: sled::Tree,
    log: sled::Tree,
    meta: sled::Tree,
    /// Publishing takes it to write and pulling to read, so that a pull never sees a
    /// publish half done (a record newer than the log entry that led to it).
    lock: RwLock<()>,
}

const HEAD: &[u8] = b"head";

impl SledStore {
    pub fn open(path: &Path) -> Result<SledStore, sled::Error> {
        let db = sled::open(path)?;
        Ok(SledStore {
            records: db.open_tree("records")?,
            log: db.open_tree("log")?,
            meta: db.open_tree("meta")?,
            db,
            lock: RwLock::new(()),
        })
    }

    fn record(&self, key: &[u8]) -> Result<Option<Change>, StoreError> {
        self.records.get(key)?.map(|v| decode(key, &v)).transpose()
    }
}

impl ContentStore for SledStore {
    fn head(&self) -> Result<u64, StoreError> {
        Ok(self.meta.get(HEAD)?.map(|v| be_u64(HEAD, &v)).transpose()?.unwrap_or(0))
    }

    fn pull(&self, cursor: u64, limit: usize) -> Result<PullBatch, StoreError> {
        let _read = self.lock.read().unwrap_or_else(|e| e.into_inner());
        let head = self.head()?;
        let mut changes = Vec::new();
        let mut bytes = 0;
        let mut last = cursor;
        let mut more = false;
        for entry in self.log.range((cursor.saturating_add(1)).to_be_bytes()..) {
            let (seq, key) = entry?;
            if changes.len() >= limit || (bytes >= PULL_MAX_BYTES && !changes.is_empty()) {
                more = true;
                break;
            }
            let raw = self
                .records
                .get(&key)?
                .ok_or_else(|| damaged(&key, "in the log but not in records"))?;
            bytes += raw.len();
            changes.push(decode(&key, &raw)?);
            last = be_u64(&seq, &seq)?;
        }
        Ok(PullBatch {
            changes,
            cursor: last,
            more,
            head,
        })
    }

    fn publish(&self, contents: &[Content]) -> Result<PublishReport, StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        let mut current = Vec::new();
        for entry in self.records.iter() {
            let (k, v) = entry?;
            let change = decode(&k, &v)?;
            if let Some(content) = &change.content {
                current.push((change.key.clone(), canonical(content)));
            }
        }
        let updates = diff(&current, contents);
        let head = self.head()?;
        let mut writes: Vec<(Vec<u8>, Option<u64>, u64, Vec<u8>)> = Vec::new();
        for ((key, content), seq) in updates.iter().zip(head + 1..) {
            let k = key.to_bytes();
            let old_seq = self.record(&k)?.map(|c| c.seq);
            let change = Change {
                seq,
                key: key.clone(),
                content: content.clone(),
            };
            let value = serde_json::to_vec(&change).expect("a change serialises");
            writes.push((k, old_seq, seq, value));
        }
        let new_head = head + writes.len() as u64;
        (&self.records, &self.log, &self.meta)
            .transaction(|(records, log, meta)| {
                for (k, old_seq, seq, value) in &writes {
                    if let Some(old) = old_seq {
                        log.remove(&old.to_be_bytes())?;
                    }
                    log.insert(&seq.to_be_bytes(), k.as_slice())?;
                    records.insert(k.as_slice(), value.as_slice())?;
                }
                meta.insert(HEAD, &new_head.to_be_bytes())?;
                Ok::<_, ConflictableTransactionError<()>>(())
            })
            .map_err(|e| match e {
                sled::transaction::TransactionError::Storage(e) => StoreError::Sled(e),
                sled::transaction::TransactionError::Abort(()) => StoreError::Task("publish aborted".into()),
            })?;
        self.db.flush()?;
        let deleted = updates.iter().filter(|(_, c)| c.is_none()).count();
        Ok(PublishReport {
            changed: updates.len() - deleted,
            deleted,
            head: new_head,
        })
    }
}

fn decode(key: &[u8], value: &[u8]) -> Result<Change, StoreError> {
    serde_json::from_slice(value).map_err(|e| damaged(key, &e.to_string()))
}

fn be_u64(key: &[u8], v: &[u8]) -> Result<u64, StoreError> {
    Ok(u64::from_be_bytes(v.try_into().map_err(|_| damaged(key, "not a u64"))?))
}

fn damaged(key: &[u8], reason: &str) -> StoreError {
    StoreError::Damaged {
        key: String::from_utf8_lossy(key).into_owned(),
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use velay_core::content::{read_dir, snapshot};

    fn routes_data() -> Vec<Content> {
        read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")).expect("routes-data reads")
    }

    #[test]
    fn a_fresh_import_numbers_content_as_the_app_snapshot_does() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let contents = routes_data();
        store.publish(&contents).unwrap();
        let batch = store.pull(0, 1000).unwrap();
        assert_eq!(batch.changes, snapshot(&contents));
        assert!(!batch.more);
    }

    #[test]
    fn publishing_the_same_set_again_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let contents = routes_data();
        let first = store.publish(&contents).unwrap();
        let again = store.publish(&contents).unwrap();
        assert_eq!((again.changed, again.deleted, again.head), (0, 0, first.head));
    }

    #[test]
    fn a_renamed_route_and_a_removed_site_come_after_the_cursor_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let mut contents = routes_data();
        let head = store.publish(&contents).unwrap().head;
        let Some(Content::Route(route)) = contents.iter_mut().find(|c| matches!(c, Content::Route(_))) else {
            panic!("routes-data has a route")
        };
        route.name.en = "Renamed".into();
        let renamed = route.id.clone();
        let site_pos = contents.iter().position(|c| c.key().id == "la-chaise-dieu").unwrap();
        contents.remove(site_pos);
        store.publish(&contents).unwrap();
        let batch = store.pull(head, 1000).unwrap();
        let keys: Vec<(String, bool)> = batch
            .changes
            .iter()
            .map(|c| (c.key.id.clone(), c.is_deletion()))
            .collect();
        assert_eq!(keys, vec![(renamed, false), ("la-chaise-dieu".to_string(), true)]);
        assert_eq!(batch.cursor, head + 2);
        // Nothing is left after the new cursor, and the log holds one entry per key.
        assert!(store.pull(batch.cursor, 1000).unwrap().changes.is_empty());
        assert_eq!(store.log.len(), store.records.len());
    }

    #[test]
    fn a_small_limit_splits_the_pull_without_gap_or_repeat() {
        let dir = tempfile::tempdir().unwrap();
        let store = SledStore::open(dir.path()).unwrap();
        let contents = routes_data();
        store.publish(&contents).unwrap();
        let (mut cursor, mut seen) = (0, Vec::new());
        loop {
            let batch = store.pull(cursor, 2).unwrap();
            seen.extend(batch.changes.iter().map(|c| c.seq));
            cursor = batch.cursor;
            if !batch.more {
                break;
            }
        }
        assert_eq!(seen, (1..=contents.len() as u64).collect::<Vec<_>>());
    }
}

//! The app's store: the database on the device. It holds the content the app shows offline,
//! the sync cursor, the device's credential, the outbox of user writes and the user's own data.
//!
//! Rules it keeps:
//! - every value carries a checksum checked on read ([`seal`]);
//! - every write is one atomic batch, on disk before the call returns, so "saved" on screen
//!   means saved;
//! - content changes at or below the cursor are never applied again;
//! - an outbox entry leaves the outbox only in the batch that records its answer;
//! - what cannot be read is repaired (content) or kept aside and reported (user data), never
//!   dropped silently ([`Store::open_checked`]).

mod backend;
mod check;
mod greeters;
mod meta;
mod outbox;
mod seal;
mod user;

pub mod walks;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

pub use backend::{Backend, Op, SledBackend, Tree};
pub use check::OpenReport;
pub use greeters::{RequestStatus, RequestView};
pub use meta::Credential;
pub use seal::{seal, unseal};

use crate::sync::PrivateChange;
use crate::{Change, Content, Key, Route, Site};

/// The layout this code writes. 1: the first release (meta values unsealed). 2: every value
/// sealed, outbox and user trees.
pub const SCHEMA_VERSION: u32 = 2;

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
    #[error("{0}")]
    Invalid(String),
    /// A write the device turns down before queueing it, for the same reasons the server would.
    #[error("{0}")]
    Refused(crate::mutation::Refusal),
    #[error("store at {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

impl From<crate::mutation::InvalidRequest> for StoreError {
    fn from(e: crate::mutation::InvalidRequest) -> StoreError {
        StoreError::Refused(e.into())
    }
}

/// A handle on the device's store. Cheap to clone; every clone is the same database.
#[derive(Clone)]
pub struct Store {
    backend: Arc<dyn Backend>,
    /// Writers read, decide and commit under it, so two writers in one process never
    /// decide on the same stale read (sled's own lock keeps other processes out).
    write: Arc<Mutex<()>>,
}

impl Store {
    /// Opens (or creates) the store in `path`, migrating an older layout.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let backend = SledBackend::open(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        let store = Store {
            backend: Arc::new(backend),
            write: Arc::new(Mutex::new(())),
        };
        meta::migrate(&store)?;
        Ok(store)
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, ()> {
        self.write.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn get_sealed(&self, tree: Tree, key: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        match self.backend.get(tree, key)? {
            None => Ok(None),
            Some(v) => Ok(Some(unseal(&v).map_err(|r| damaged(key, r))?.to_vec())),
        }
    }

    pub(crate) fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        tree: Tree,
        key: &[u8],
    ) -> Result<Option<T>, StoreError> {
        self.get_sealed(tree, key)?
            .map(|v| serde_json::from_slice(&v).map_err(|e| damaged(key, &e.to_string())))
            .transpose()
    }

    pub(crate) fn scan_json<T: serde::de::DeserializeOwned>(
        &self,
        tree: Tree,
        prefix: &[u8],
    ) -> Result<Vec<T>, StoreError> {
        self.backend
            .scan(tree, prefix)?
            .into_iter()
            .map(|(k, v)| {
                let payload = unseal(&v).map_err(|r| damaged(&k, r))?;
                serde_json::from_slice(payload).map_err(|e| damaged(&k, &e.to_string()))
            })
            .collect()
    }

    pub(crate) fn commit(&self, ops: &[Op]) -> Result<(), StoreError> {
        Ok(self.backend.commit(ops)?)
    }

    /// The highest sequence applied, or `None` for a store that holds no content yet.
    pub fn cursor(&self) -> Result<Option<u64>, StoreError> {
        meta::cursor(self)
    }

    /// Fills an empty store with the app's bundled snapshot. Does nothing if the store already
    /// holds content, so a device never goes back to older content than it has.
    pub fn load_snapshot(&self, changes: &[Change]) -> Result<bool, StoreError> {
        if self.cursor()?.is_some() {
            return Ok(false);
        }
        let cursor = changes.iter().map(|c| c.seq).max().unwrap_or(0);
        self.apply(changes, &[], cursor)?;
        Ok(true)
    }

    /// Applies a pulled batch (content and the device's private records) and moves the cursor
    /// to `new_cursor`, in one atomic, durable batch. Changes at or below the stored cursor are
    /// skipped, so a batch received twice is applied once. Returns how many were applied.
    pub fn apply(&self, changes: &[Change], private: &[PrivateChange], new_cursor: u64) -> Result<usize, StoreError> {
        let _w = self.lock();
        let cursor = self.cursor()?.unwrap_or(0);
        let mut ops = Vec::new();
        for c in changes.iter().filter(|c| c.seq > cursor) {
            ops.push(match &c.content {
                Some(content) => Op::Put(
                    Tree::Content,
                    c.key.to_bytes(),
                    seal(&crate::content::canonical(content)),
                ),
                None => Op::Delete(Tree::Content, c.key.to_bytes()),
            });
        }
        ops.extend(user::private_ops(private.iter().filter(|p| p.seq > cursor)));
        let applied = ops.len();
        ops.push(meta::cursor_op(new_cursor.max(cursor)));
        self.commit(&ops)?;
        Ok(applied)
    }

    /// Forgets the cursor so that the next pull starts from zero, keeping the content until
    /// the server's answers replace it. Used when the server's history is not the one the
    /// cursor came from (a server reset).
    pub fn reset_cursor(&self) -> Result<(), StoreError> {
        self.commit(&[meta::cursor_op(0)])
    }

    /// Every route with its track, in id order.
    pub fn routes(&self) -> Result<Vec<Route>, StoreError> {
        let mut routes: Vec<Route> = self
            .scan_json::<Content>(Tree::Content, b"route/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::Route(r) => Some(*r),
                _ => None,
            })
            .collect();
        for route in &mut routes {
            let key = Key {
                kind: crate::Kind::Track,
                id: route.id.clone(),
            };
            if let Some(Content::Track(t)) = self.get(&key)? {
                route.track = t.points;
            }
        }
        Ok(routes)
    }

    /// One route with its track.
    pub fn route(&self, id: &str) -> Result<Option<Route>, StoreError> {
        let Some(Content::Route(mut route)) = self.get(&Key {
            kind: crate::Kind::Route,
            id: id.into(),
        })?
        else {
            return Ok(None);
        };
        if let Some(Content::Track(t)) = self.get(&Key {
            kind: crate::Kind::Track,
            id: id.into(),
        })? {
            route.track = t.points;
        }
        Ok(Some(*route))
    }

    /// Every site, in id order.
    pub fn sites(&self) -> Result<Vec<Site>, StoreError> {
        Ok(self
            .scan_json::<Content>(Tree::Content, b"site/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::Site(s) => Some(s),
                _ => None,
            })
            .collect())
    }

    /// The map packs the server publishes, one per site (see [`crate::maps`]).
    pub fn map_packs(&self) -> Result<Vec<crate::maps::MapPack>, StoreError> {
        Ok(self
            .scan_json::<Content>(Tree::Content, b"map-pack/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::MapPack(p) => Some(p),
                _ => None,
            })
            .collect())
    }

    /// The published timetable, decoded, or `None` before any is. A record that does not
    /// decode is [`StoreError::Damaged`], so the app says so instead of planning on it.
    pub fn timetable(&self) -> Result<Option<crate::Timetable>, StoreError> {
        let key = Key {
            kind: crate::Kind::Timetable,
            id: crate::content::BUNDLED_TIMETABLE.into(),
        };
        match self.get(&key)? {
            Some(Content::Timetable(record)) => record
                .timetable()
                .map(Some)
                .map_err(|e| damaged(&key.to_bytes(), &e.to_string())),
            _ => Ok(None),
        }
    }

    pub fn get(&self, key: &Key) -> Result<Option<Content>, StoreError> {
        self.get_json(Tree::Content, &key.to_bytes())
    }

    /// Bytes the store takes on disk.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.backend.size_on_disk()?)
    }
}

pub(crate) fn damaged(key: &[u8], reason: &str) -> StoreError {
    StoreError::Damaged {
        key: String::from_utf8_lossy(key).into_owned(),
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{read_dir, snapshot};

    fn bundled() -> Vec<Change> {
        snapshot(&read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")).unwrap())
    }

    #[test]
    fn the_home_station_and_favourites_outlive_a_restart_and_a_checked_open() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            assert_eq!(store.home_station().unwrap(), None);
            store.set_home_station("StopArea:OCE87726000").unwrap();
            store.set_home_station("StopArea:OCE87723197").unwrap();
            store.set_favourite("le-puy-aiguilhe", true).unwrap();
        }
        let (store, report) = Store::open_checked(dir.path(), bundled).unwrap();
        assert!(report.unreadable.is_empty(), "{report:?}");
        assert_eq!(store.home_station().unwrap().as_deref(), Some("StopArea:OCE87723197"));
        assert_eq!(store.favourites().unwrap(), ["le-puy-aiguilhe"]);
    }

    #[test]
    fn a_batch_received_twice_is_applied_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let changes = bundled();
        let n = changes.len();
        assert_eq!(store.apply(&changes, &[], n as u64).unwrap(), n);
        assert_eq!(store.apply(&changes, &[], n as u64).unwrap(), 0);
        assert_eq!(store.cursor().unwrap(), Some(n as u64));
        assert!(!store.load_snapshot(&changes).unwrap(), "a store with content keeps it");
    }

    #[test]
    fn the_bundled_snapshot_gives_a_timetable_ready_to_plan_with() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(
            store.timetable().unwrap().is_none(),
            "an empty store has no timetable yet"
        );
        store.load_snapshot(&bundled()).unwrap();
        let tt = store.timetable().unwrap().expect("the snapshot holds the timetable");
        assert!(
            tt.stop_by_id("StopArea:OCE87734699").is_some(),
            "Le Puy-en-Velay is in it"
        );
        assert!(tt.info().has_sample);
    }

    #[test]
    fn a_damaged_timetable_record_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut changes = bundled();
        for c in &mut changes {
            if let Some(Content::Timetable(t)) = &mut c.content {
                let n = t.bytes.len();
                t.bytes.truncate(n / 2);
            }
        }
        store.load_snapshot(&changes).unwrap();
        let err = store.timetable().expect_err("a cut record does not decode");
        assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
    }

    #[test]
    fn a_store_from_the_first_release_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        {
            // Schema 1: meta values without checksums.
            let db = sled::open(dir.path()).unwrap();
            let meta = db.open_tree("meta").unwrap();
            meta.insert("schema", &1u32.to_be_bytes()).unwrap();
            meta.insert("cursor", &7u64.to_be_bytes()).unwrap();
            db.flush().unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.cursor().unwrap(), Some(7));
        drop(store);
        assert_eq!(
            Store::open(dir.path()).unwrap().cursor().unwrap(),
            Some(7),
            "migrating twice is harmless"
        );
    }

    #[test]
    fn a_store_from_a_newer_app_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        {
            let db = sled::open(dir.path()).unwrap();
            db.open_tree("meta")
                .unwrap()
                .insert("schema", seal(&99u32.to_be_bytes()))
                .unwrap();
            db.flush().unwrap();
        }
        let err = Store::open(dir.path()).err().unwrap();
        assert!(err.to_string().contains("newer than this app"), "{err}");
    }

    #[test]
    fn a_timetable_stored_by_an_older_app_is_replaced_by_the_bundled_one() {
        let dir = tempfile::tempdir().unwrap();
        let changes = bundled();
        let key = Key {
            kind: crate::Kind::Timetable,
            id: crate::content::BUNDLED_TIMETABLE.into(),
        };
        {
            let (store, _) = Store::open_checked(dir.path(), || changes.clone()).unwrap();
            let Some(Content::Timetable(mut old)) = store.get(&key).unwrap() else {
                panic!("the snapshot holds the timetable")
            };
            old.bytes[..8].copy_from_slice(b"VELAYTT1");
            store
                .commit(&[Op::Put(
                    Tree::Content,
                    key.to_bytes(),
                    seal(&crate::content::canonical(&Content::Timetable(old))),
                )])
                .unwrap();
            assert!(store.timetable().is_err(), "the old layout does not load");
        }
        let (store, report) = Store::open_checked(dir.path(), || changes.clone()).unwrap();
        assert!(report.content_repaired && report.snapshot_loaded, "{report:?}");
        assert!(store.timetable().unwrap().is_some());
    }

    #[test]
    fn damaged_content_is_reloaded_and_damaged_user_data_is_kept_aside_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let changes = bundled();
        let good_note;
        {
            let (store, report) = Store::open_checked(dir.path(), || changes.clone()).unwrap();
            assert!(report.snapshot_loaded && !report.lost_anything());
            good_note = store
                .enqueue(crate::mutation::Op::Feedback {
                    route: "puy-ville-haute".into(),
                    text: "ok".into(),
                })
                .unwrap();
            store
                .enqueue(crate::mutation::Op::Feedback {
                    route: "puy-ville-haute".into(),
                    text: "x".into(),
                })
                .unwrap();
        }
        {
            // Flip bytes in one route and in the second outbox entry, as a bad flash cell would.
            let db = crate::sled_open::open_waiting(dir.path()).unwrap();
            let content = db.open_tree("content").unwrap();
            let (k, mut v) = content
                .scan_prefix("route/")
                .next()
                .unwrap()
                .map(|(k, v)| (k, v.to_vec()))
                .unwrap();
            v[10] ^= 0xff;
            content.insert(k, v).unwrap();
            let outbox = db.open_tree("outbox").unwrap();
            let (k, mut v) = outbox.iter().nth(1).unwrap().map(|(k, v)| (k, v.to_vec())).unwrap();
            v[20] ^= 0xff;
            outbox.insert(k, v).unwrap();
            db.flush().unwrap();
        }
        let (store, report) = Store::open_checked(dir.path(), || changes.clone()).unwrap();
        assert!(report.content_repaired && report.snapshot_loaded);
        assert_eq!(report.unreadable.len(), 1, "{report:?}");
        assert!(report.unreadable[0].starts_with("outbox/"));
        assert_eq!(
            store.routes().unwrap().len(),
            changes.iter().filter(|c| c.key.kind == crate::Kind::Route).count()
        );
        let pending = store.pending().unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].mutation.id, good_note.mutation.id);
        assert_eq!(
            store.quarantined().unwrap().len(),
            1,
            "the damaged entry is kept, not dropped"
        );
    }

    #[test]
    fn a_store_that_cannot_be_opened_is_moved_aside_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("conf"), b"\xff\xfe not a sled config").unwrap();
        std::fs::write(path.join("db"), vec![0xAB; 4096]).unwrap();
        let (store, report) = Store::open_checked(&path, bundled).unwrap();
        let aside = report.moved_aside.expect("the damaged folder is kept");
        assert!(aside.exists());
        assert!(report.snapshot_loaded);
        assert!(!store.routes().unwrap().is_empty());
    }

    #[test]
    fn a_snapshot_left_half_written_by_a_kill_does_not_cost_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let id = {
            let (store, _) = Store::open_checked(&path, bundled).unwrap();
            let entry = store
                .enqueue(crate::mutation::Op::Feedback {
                    route: "puy-ville-haute".into(),
                    text: "saved before the kill".into(),
                })
                .unwrap();
            entry.mutation.id
        };
        // What sled leaves when it is killed in the middle of writing a snapshot: a file named
        // for a later log position than any finished snapshot, cut short.
        let unfinished = path.join("snap.7FFFFFFFFFFFFFFF.generating");
        std::fs::write(&unfinished, b"half a snapshot").unwrap();
        let (store, report) = Store::open_checked(&path, bundled).unwrap();
        assert_eq!(report, OpenReport::default(), "nothing set aside, nothing repaired");
        assert!(!unfinished.exists());
        let ids: Vec<_> = store.outbox().unwrap().iter().map(|e| e.mutation.id).collect();
        assert_eq!(ids, vec![id]);
    }
}

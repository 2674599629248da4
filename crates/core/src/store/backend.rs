//! The narrow interface the store needs from an embedded database: read a key, scan a prefix,
//! and commit a batch of writes across trees atomically and durably. sled implements it; another
//! engine (redb) could replace it without touching the rules above it.

use std::path::Path;

/// The trees of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tree {
    /// Schema version, cursor, device credential, last sync.
    Meta,
    /// Content by key (`route/…`, `site/…`).
    Content,
    /// Mutations waiting for the server's answer.
    Outbox,
    /// Mutations the server answered, with their outcome.
    Done,
    /// The user's own data: favourites, private records the server sent back.
    User,
    /// Recorded walks, point by point.
    Walks,
    /// Entries that failed their checks, kept as they were so nothing is dropped silently.
    Quarantine,
}

impl Tree {
    pub const ALL: [Tree; 7] = [
        Tree::Meta,
        Tree::Content,
        Tree::Outbox,
        Tree::Done,
        Tree::User,
        Tree::Walks,
        Tree::Quarantine,
    ];

    fn name(self) -> &'static str {
        match self {
            Tree::Meta => "meta",
            Tree::Content => "content",
            Tree::Outbox => "outbox",
            Tree::Done => "done",
            Tree::User => "user",
            Tree::Walks => "walks",
            Tree::Quarantine => "quarantine",
        }
    }

    fn index(self) -> usize {
        Tree::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// One write of a batch.
#[derive(Clone, Debug)]
pub enum Op {
    Put(Tree, Vec<u8>, Vec<u8>),
    Delete(Tree, Vec<u8>),
}

/// A key and its value, as a scan returns them.
pub type Entry = (Vec<u8>, Vec<u8>);

pub trait Backend: Send + Sync {
    fn get(&self, tree: Tree, key: &[u8]) -> Result<Option<Vec<u8>>, sled::Error>;
    fn scan(&self, tree: Tree, prefix: &[u8]) -> Result<Vec<Entry>, sled::Error>;
    /// Applies every op or none, and returns only once they are on disk.
    fn commit(&self, ops: &[Op]) -> Result<(), sled::Error>;
    fn size_on_disk(&self) -> Result<u64, sled::Error>;
}

pub struct SledBackend {
    db: sled::Db,
    trees: Vec<sled::Tree>,
}

/// How long to wait for the lock of a store that was just closed.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

impl SledBackend {
    pub fn open(path: &Path) -> Result<SledBackend, sled::Error> {
        let db = open_waiting(path)?;
        let trees = Tree::ALL
            .iter()
            .map(|t| db.open_tree(t.name()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SledBackend { db, trees })
    }

    fn tree(&self, tree: Tree) -> &sled::Tree {
        &self.trees[tree.index()]
    }
}

/// Opens a sled database, waiting a little for its file lock: sled's flusher thread keeps a
/// closed database alive for a few milliseconds, so reopening at once (an app restarted, a
/// CLI run right after another) would otherwise fail with "could not acquire lock".
///
/// A process killed while sled writes a snapshot leaves a partial `snap.<lsn>.generating`
/// file, and sled 0.34 then reads it as the newest snapshot and refuses to open
/// ("Read corrupted data", spacejam/sled#1527 and #1533). Such a file is never a finished
/// snapshot (sled renames it once it is synced), and the previous snapshot and the log are
/// intact: it is removed and the open tried again.
pub fn open_waiting(path: &Path) -> Result<sled::Db, sled::Error> {
    let start = std::time::Instant::now();
    let mut repaired = false;
    loop {
        match sled::open(path) {
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock") && start.elapsed() < LOCK_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(sled::Error::Corruption { .. }) if !repaired && remove_unfinished_snapshots(path)? > 0 => {
                repaired = true;
            }
            other => return other,
        }
    }
}

/// Removes the snapshots sled began and never finished; returns how many there were.
fn remove_unfinished_snapshots(path: &Path) -> Result<usize, sled::Error> {
    let mut removed = 0;
    for entry in std::fs::read_dir(path)? {
        let file = entry?.path();
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            tracing::warn!(file = %file.display(), "removing a snapshot left unfinished by a crash");
            std::fs::remove_file(&file)?;
            removed += 1;
        }
    }
    Ok(removed)
}

impl Backend for SledBackend {
    fn get(&self, tree: Tree, key: &[u8]) -> Result<Option<Vec<u8>>, sled::Error> {
        Ok(self.tree(tree).get(key)?.map(|v| v.to_vec()))
    }

    fn scan(&self, tree: Tree, prefix: &[u8]) -> Result<Vec<Entry>, sled::Error> {
        self.tree(tree)
            .scan_prefix(prefix)
            .map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())))
            .collect()
    }

    fn commit(&self, ops: &[Op]) -> Result<(), sled::Error> {
        use sled::transaction::{ConflictableTransactionError, TransactionError, Transactional};
        let result = self.trees[..].transaction(|views| {
            for op in ops {
                match op {
                    Op::Put(t, k, v) => {
                        views[t.index()].insert(k.as_slice(), v.as_slice())?;
                    }
                    Op::Delete(t, k) => {
                        views[t.index()].remove(k.as_slice())?;
                    }
                }
            }
            Ok::<_, ConflictableTransactionError<()>>(())
        });
        match result {
            Ok(()) => {}
            Err(TransactionError::Storage(e)) => return Err(e),
            Err(TransactionError::Abort(())) => unreachable!("the batch never aborts"),
        }
        self.db.flush()?;
        Ok(())
    }

    fn size_on_disk(&self) -> Result<u64, sled::Error> {
        self.db.size_on_disk()
    }
}

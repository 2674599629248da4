//! The narrow interface the store needs from an embedded database: read a key, scan a prefix,
//! and commit a batch of writes across trees atomically and durably. sled implements it; another
//! engine (redb) could replace it without touching the rules above it.

use std::path::Path;

use crate::sled_open::open_waiting;

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

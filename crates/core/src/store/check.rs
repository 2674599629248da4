//! Opening a store that may be damaged (a flat battery mid-write, a bad flash cell): content is
//! repaired from the bundled snapshot (the next sync brings what is newer); user data that fails
//! its checks is moved to the quarantine tree, as it was, and reported.

use std::path::{Path, PathBuf};

use super::{meta, unseal, Op, Store, StoreError, Tree};
use crate::mutation::Entry;
use crate::Change;

/// What opening found and did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// The database could not be opened at all: its folder was moved here, kept for support,
    /// and a new store made.
    pub moved_aside: Option<PathBuf>,
    /// Some content failed its checks; all content was reloaded from the bundled snapshot.
    pub content_repaired: bool,
    /// User entries that could not be read, each as `tree/key: reason`, kept in quarantine.
    pub unreadable: Vec<String>,
    /// The bundled snapshot was loaded (first launch, or a repair).
    pub snapshot_loaded: bool,
}

impl OpenReport {
    /// True when the user should be told something.
    pub fn lost_anything(&self) -> bool {
        self.moved_aside.is_some() || !self.unreadable.is_empty()
    }
}

/// Whether a stored content value reads, a timetable's compact record included: a record of
/// an older layout (an app updated since it last synced) is reloaded like damaged content.
fn content_reads(payload: &[u8]) -> bool {
    match serde_json::from_slice::<crate::Content>(payload) {
        Ok(crate::Content::Timetable(t)) => t.timetable().is_ok(),
        Ok(_) => true,
        Err(_) => false,
    }
}

impl Store {
    /// Opens the store, checks every value, repairs what it can and fills an empty store from
    /// `snapshot` (the app's bundled content; empty for the CLI). The snapshot is made only when
    /// it is needed, on the first launch or after a repair: reading it takes time at every start.
    pub fn open_checked(
        path: &Path,
        snapshot: impl FnOnce() -> Vec<Change>,
    ) -> Result<(Store, OpenReport), StoreError> {
        let mut report = OpenReport::default();
        let store = match Store::open(path) {
            Ok(store) => store,
            Err(e @ StoreError::TooNew { .. }) => return Err(e),
            Err(e) => {
                let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
                let aside = path.with_file_name(format!(
                    "{}.damaged-{stamp}",
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "store".into())
                ));
                tracing::error!(error = %e, aside = %aside.display(), "the store cannot be opened: moving it aside");
                std::fs::rename(path, &aside).map_err(|source| StoreError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                report.moved_aside = Some(aside);
                Store::open(path)?
            }
        };
        let _w = store.lock();
        let mut ops = Vec::new();
        let content_ok = store.cursor().is_ok()
            && store
                .backend
                .scan(Tree::Content, b"")?
                .iter()
                .all(|(_, v)| unseal(v).is_ok_and(content_reads));
        if !content_ok {
            ops.extend(
                store
                    .backend
                    .scan(Tree::Content, b"")?
                    .into_iter()
                    .map(|(k, _)| Op::Delete(Tree::Content, k)),
            );
            ops.push(meta::forget_cursor_op());
            report.content_repaired = true;
        }
        for tree in [Tree::Outbox, Tree::Done, Tree::User, Tree::Walks] {
            for (key, value) in store.backend.scan(tree, b"")? {
                let problem = match unseal(&value) {
                    Err(reason) => Some(reason.to_string()),
                    Ok(payload) if matches!(tree, Tree::Outbox | Tree::Done) => {
                        serde_json::from_slice::<Entry>(payload).err().map(|e| e.to_string())
                    }
                    Ok(_) => None,
                };
                if let Some(reason) = problem {
                    let name = format!("{tree:?}/{}", hex(&key)).to_lowercase();
                    report.unreadable.push(format!("{name}: {reason}"));
                    ops.push(Op::Delete(tree, key));
                    ops.push(Op::Put(Tree::Quarantine, name.into_bytes(), value));
                }
            }
        }
        store.commit(&ops)?;
        drop(_w);
        if !report.unreadable.is_empty() {
            tracing::error!(entries = ?report.unreadable, "user data failed its checks and was set aside");
        }
        if store.cursor()?.is_none() {
            report.snapshot_loaded = store.load_snapshot(&snapshot())?;
        }
        Ok((store, report))
    }

    /// The raw entries set aside by [`Store::open_checked`], for support.
    pub fn quarantined(&self) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        Ok(self
            .backend
            .scan(Tree::Quarantine, b"")?
            .into_iter()
            .map(|(k, v)| (String::from_utf8_lossy(&k).into_owned(), v))
            .collect())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

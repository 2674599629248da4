//! Opening a store that may be damaged, and reading all of it to say what is.
//!
//! sled panics on some damaged files (a flipped byte in a page) and fails with an I/O error on
//! others: both are caught here and said plainly, with what to do, instead of a backtrace or a
//! guess that another server holds the store.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use velay_core::sync::PrivateChange;
use velay_core::Change;

use super::accounts::{Account, Session};
use super::codec::{be_u32, be_u64, damaged, decode, PRIVATE};
use super::requests::RequestRow;
use super::sled_store::SledStore;
use super::sync::Filed;
use super::StoreError;

/// Why a store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("the store {0} is in use by another process: is a server running on this data folder?")]
    InUse(PathBuf),
    #[error(
        "the store {path} is damaged ({what}). `velay-server store check` says what is damaged; \
         `velay-server store restore --from <backup>` puts back the last backup"
    )]
    Damaged { path: PathBuf, what: String },
    #[error("opening the store {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// What reading every entry found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Each tree's name and its number of entries.
    pub trees: Vec<(String, usize)>,
    /// The damaged entries, at most [`CheckReport::LISTED`] of them.
    pub damaged: Vec<String>,
    pub damaged_count: usize,
}

impl CheckReport {
    pub const LISTED: usize = 20;

    pub fn is_sound(&self) -> bool {
        self.damaged_count == 0
    }

    fn found(&mut self, what: String) {
        self.damaged_count += 1;
        if self.damaged.len() < Self::LISTED {
            self.damaged.push(what);
        }
    }
}

/// Runs `f`, turning a panic inside sled into an error that says what it was.
pub(super) fn without_panic<T>(path: &Path, f: impl FnOnce() -> Result<T, OpenError>) -> Result<T, OpenError> {
    // sled's panic would print a backtrace: the caller reports it in words instead.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    result.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "sled stopped on it".into());
        Err(OpenError::Damaged {
            path: path.to_path_buf(),
            what,
        })
    })
}

/// What sled's error on opening means.
pub(super) fn open_error(path: &Path, e: sled::Error) -> OpenError {
    let path = path.to_path_buf();
    match e {
        sled::Error::Io(e) if e.to_string().contains("could not acquire lock") => OpenError::InUse(path),
        sled::Error::Io(source)
            if matches!(
                source.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            OpenError::Io { path, source }
        }
        sled::Error::Corruption { at: Some(at), .. } => OpenError::Damaged {
            path,
            what: format!("sled read corrupted data at {at:?}"),
        },
        sled::Error::Corruption { at: None, .. } => OpenError::Damaged {
            path,
            what: "sled read corrupted data".into(),
        },
        other => OpenError::Damaged {
            path,
            what: other.to_string(),
        },
    }
}

impl SledStore {
    /// Opens the store at `path`, saying plainly if it is damaged or in use.
    pub fn open_reporting(path: &Path) -> Result<SledStore, OpenError> {
        without_panic(path, || SledStore::open(path).map_err(|e| open_error(path, e)))
    }

    /// Reads every entry of every tree and decodes it as the server would.
    pub fn check(&self, path: &Path) -> Result<CheckReport, OpenError> {
        without_panic(path, || {
            let mut report = CheckReport::default();
            let head = self.head_or_damaged(&mut report);
            let trees: [(&str, &sled::Tree, Entry); 9] = [
                ("records", &self.records, record),
                ("log", &self.log, |k, _| be_u64(k, k).map(|_| ())),
                ("meta", &self.meta, |_, _| Ok(())),
                ("devices", &self.devices, |k, v| utf8(k, v)),
                ("mutations", &self.mutations, |k, v| decode::<Filed>(k, v).map(|_| ())),
                ("requests", &self.requests, |k, v| {
                    decode::<RequestRow>(k, v).map(|_| ())
                }),
                ("seats", &self.seats, |k, v| be_u32(k, v).map(|_| ())),
                ("accounts", &self.accounts, |k, v| decode::<Account>(k, v).map(|_| ())),
                ("sessions", &self.sessions, |k, v| decode::<Session>(k, v).map(|_| ())),
            ];
            for (name, tree, entry) in trees {
                let mut count = 0;
                for item in tree.iter() {
                    count += 1;
                    match item {
                        Ok((k, v)) => {
                            if let Err(e) = entry(&k, &v) {
                                report.found(format!("{name}: {e}"));
                            }
                        }
                        Err(e) => report.found(format!("{name}: {e}")),
                    }
                }
                report.trees.push((name.to_string(), count));
            }
            self.log_points_at_records(head, &mut report);
            Ok(report)
        })
    }

    fn head_or_damaged(&self, report: &mut CheckReport) -> u64 {
        match crate::ServerStore::head(self) {
            Ok(head) => head,
            Err(e) => {
                report.found(format!("meta: {e}"));
                u64::MAX
            }
        }
    }

    /// Each log entry names a record that is there, at a sequence number not past the head.
    fn log_points_at_records(&self, head: u64, report: &mut CheckReport) {
        for (k, v) in self.log.iter().flatten() {
            let Ok(seq) = be_u64(&k, &k) else { continue };
            if seq > head {
                report.found(format!("log: sequence {seq} is past the head {head}"));
            }
            if !matches!(self.records.contains_key(&v), Ok(true)) {
                report.found(format!(
                    "log: sequence {seq} names {} which is missing",
                    String::from_utf8_lossy(&v)
                ));
            }
        }
    }
}

/// How one tree's entries are checked.
type Entry = fn(&[u8], &[u8]) -> Result<(), StoreError>;

fn record(k: &[u8], v: &[u8]) -> Result<(), StoreError> {
    if k.starts_with(PRIVATE) {
        decode::<PrivateChange>(k, v).map(|_| ())
    } else {
        decode::<Change>(k, v).map(|_| ())
    }
}

fn utf8(k: &[u8], v: &[u8]) -> Result<(), StoreError> {
    std::str::from_utf8(v).map(|_| ()).map_err(|_| damaged(k, "not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_that_does_not_decode_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let store = SledStore::open_reporting(&path).unwrap();
        assert!(store.check(&path).unwrap().is_sound());
        store.records.insert("route/broken", &b"{not json"[..]).unwrap();
        store.seats.insert("slot/x", &b"12345"[..]).unwrap();
        store.log.insert(7u64.to_be_bytes(), &b"route/gone"[..]).unwrap();
        let report = store.check(&path).unwrap();
        assert_eq!(report.damaged_count, 4, "{:?}", report.damaged);
        let all = report.damaged.join("\n");
        assert!(all.contains("records: entry route/broken is damaged"), "{all}");
        assert!(all.contains("seats: entry slot/x is damaged: not a u32"), "{all}");
        assert!(all.contains("sequence 7 is past the head 0"), "{all}");
        assert!(all.contains("sequence 7 names route/gone which is missing"), "{all}");
    }
}

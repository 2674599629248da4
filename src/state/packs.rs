//! The sites' map packs on this device: which are stored, the downloads under way (progress,
//! pause, cancel, resume), and the stored packs opened for the map's tiles (served by
//! `tiles.rs`). Which packs are published is content (`content.rs`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use dioxus::core::spawn_forever;
use dioxus::prelude::*;
use velay_core::maps::download::{self, DownloadError, Stored};
use velay_core::maps::{MapPack, PackReader};

/// A download this run of the app started.
#[derive(Clone, Debug, PartialEq)]
pub enum Transfer {
    Running { done: u64, total: u64 },
    Paused { done: u64, total: u64 },
    Failed(String),
}

/// What the app keeps about packs while it runs.
#[derive(Clone)]
pub struct Packs {
    pub dir: PathBuf,
    pub transfers: Signal<HashMap<String, Transfer>>,
    /// Bumped when a pack is stored or deleted, so that maps and lists look again.
    pub version: Signal<u64>,
    stops: Arc<Mutex<HashMap<String, Arc<AtomicBool>>>>,
    readers: Arc<Mutex<HashMap<String, Arc<PackReader>>>>,
}

impl Packs {
    pub fn new(dir: PathBuf) -> Packs {
        Packs {
            dir,
            transfers: Signal::new(HashMap::new()),
            version: Signal::new(0),
            stops: Default::default(),
            readers: Default::default(),
        }
    }
}

/// One site's pack as the lists show it.
#[derive(Clone, Debug, PartialEq)]
pub struct PackLine {
    pub pack: MapPack,
    pub stored: Stored,
    pub transfer: Option<Transfer>,
}

impl Packs {
    /// The record of the pack stored for `site`, whole and checked, if any.
    pub fn stored(&self, site: &str) -> Option<MapPack> {
        self.version.read();
        download::stored_record(&self.dir, site)
    }

    /// Starts or resumes the download of `site`'s pack.
    pub fn download(&self, server: &str, pack: MapPack) {
        let site = pack.site.clone();
        let stop = Arc::new(AtomicBool::new(false));
        self.stops
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(site.clone(), stop.clone());
        let (server, dir) = (server.to_string(), self.dir.clone());
        let mut transfers = self.transfers;
        let mut version = self.version;
        let readers = self.readers.clone();
        transfers.write().insert(
            site.clone(),
            Transfer::Running {
                done: 0,
                total: pack.bytes,
            },
        );
        spawn_forever(async move {
            let (tx, mut rx) = tokio::sync::watch::channel((0u64, pack.bytes));
            let job = {
                let pack = pack.clone();
                tokio::spawn(async move {
                    download::download(&server, &pack, &dir, &stop, |done, total| {
                        let _ = tx.send((done, total));
                    })
                    .await
                })
            };
            let site2 = site.clone();
            let progress = async move {
                while rx.changed().await.is_ok() {
                    let (done, total) = *rx.borrow();
                    transfers
                        .write()
                        .insert(site2.clone(), Transfer::Running { done, total });
                }
            };
            let (result, ()) = tokio::join!(job, progress);
            let result = result.unwrap_or_else(|e| {
                Err(DownloadError::Io {
                    path: PathBuf::new(),
                    source: std::io::Error::other(e),
                })
            });
            match result {
                Ok(_) => {
                    transfers.write().remove(&site);
                    readers.lock().unwrap_or_else(|e| e.into_inner()).remove(&site);
                }
                // Paused: what came is kept. Cancelled (no transfer any more): nothing to say.
                Err(DownloadError::Stopped) => {
                    let done = match transfers.peek().get(&site) {
                        Some(Transfer::Running { done, .. }) => Some(*done),
                        _ => None,
                    };
                    if let Some(done) = done {
                        transfers.write().insert(
                            site.clone(),
                            Transfer::Paused {
                                done,
                                total: pack.bytes,
                            },
                        );
                    }
                }
                Err(e) if transfers.peek().contains_key(&site) => {
                    transfers.write().insert(site.clone(), Transfer::Failed(e.to_string()));
                }
                Err(_) => {} // cancelled meanwhile
            }
            *version.write() += 1;
        });
    }

    /// Pauses a download: what came is kept, and a resume asks only for the rest.
    pub fn pause(&self, site: &str) {
        if let Some(stop) = self.stops.lock().unwrap_or_else(|e| e.into_inner()).get(site) {
            stop.store(true, Ordering::Relaxed);
        }
    }

    /// Stops a download and forgets what came of it, or deletes a stored pack. A download still
    /// writing keeps its file open until it sees the stop; on Linux the name is gone at once.
    pub fn delete(&self, site: &str) {
        self.pause(site);
        let mut transfers = self.transfers;
        transfers.write().remove(site);
        self.readers.lock().unwrap_or_else(|e| e.into_inner()).remove(site);
        if let Err(e) = download::delete(&self.dir, site) {
            tracing::warn!("deleting the map of {site}: {e}");
        }
        let mut version = self.version;
        *version.write() += 1;
    }

    /// Bytes the stored packs take.
    pub fn size(&self) -> u64 {
        self.version.read();
        download::size_on_disk(&self.dir)
    }

    /// The stored pack of `site`, opened on the first tile asked of it and kept: a download or a
    /// delete of that pack forgets it (see `download`, `delete`).
    pub(crate) async fn reader(&self, site: &str) -> Option<Arc<PackReader>> {
        if let Some(r) = self.readers.lock().unwrap_or_else(|e| e.into_inner()).get(site) {
            return Some(r.clone());
        }
        // Only a pack that came whole and checked has its record beside it.
        download::stored_record(&self.dir, site)?;
        let reader = Arc::new(PackReader::open(&download::pack_path(&self.dir, site)).await.ok()?);
        self.readers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(site.to_string(), reader.clone());
        Some(reader)
    }
}

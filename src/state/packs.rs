//! The sites' map packs on this device: which are published and stored, the downloads under
//! way (progress, pause, cancel, resume), and the stored packs opened for the map's tiles
//! (served by `tiles.rs`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use dioxus::core::spawn_forever;
use dioxus::prelude::*;
use velay_core::maps::download::{self, DownloadError, Stored};
use velay_core::maps::{MapPack, PackReader};

use super::AppState;

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

impl AppState {
    /// Every published pack, with what this device holds of it.
    pub fn pack_lines(&self) -> Vec<PackLine> {
        self.content_version.read();
        self.packs.version.read();
        let transfers = self.packs.transfers.read();
        self.store()
            .map_packs()
            .unwrap_or_default()
            .into_iter()
            .map(|pack| PackLine {
                stored: download::stored(&self.packs.dir, &pack),
                transfer: transfers.get(&pack.site).cloned(),
                pack,
            })
            .collect()
    }

    /// The pack of `site`, if one is published.
    pub fn pack_line(&self, site: &str) -> Option<PackLine> {
        self.pack_lines().into_iter().find(|l| l.pack.site == site)
    }

    /// The record of the pack stored for `site`, whole and checked, if any.
    pub fn stored_pack(&self, site: &str) -> Option<MapPack> {
        self.packs.version.read();
        download::stored_record(&self.packs.dir, site)
    }

    /// Starts or resumes the download of `site`'s pack.
    pub fn download_pack(&self, pack: MapPack) {
        let site = pack.site.clone();
        let stop = Arc::new(AtomicBool::new(false));
        self.packs
            .stops
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(site.clone(), stop.clone());
        let (server, dir) = (self.server.clone(), self.packs.dir.clone());
        let mut transfers = self.packs.transfers;
        let mut version = self.packs.version;
        let readers = self.packs.readers.clone();
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
    pub fn pause_pack(&self, site: &str) {
        if let Some(stop) = self.packs.stops.lock().unwrap_or_else(|e| e.into_inner()).get(site) {
            stop.store(true, Ordering::Relaxed);
        }
    }

    /// Stops a download and forgets what came of it, or deletes a stored pack. A download still
    /// writing keeps its file open until it sees the stop; on Linux the name is gone at once.
    pub fn delete_pack(&self, site: &str) {
        self.pause_pack(site);
        let mut transfers = self.packs.transfers;
        transfers.write().remove(site);
        self.packs
            .readers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(site);
        if let Err(e) = download::delete(&self.packs.dir, site) {
            tracing::warn!("deleting the map of {site}: {e}");
        }
        let mut version = self.packs.version;
        *version.write() += 1;
    }

    /// Bytes the stored packs take.
    pub fn packs_size(&self) -> u64 {
        self.packs.version.read();
        download::size_on_disk(&self.packs.dir)
    }

    /// The stored pack of `site`, opened on the first tile asked of it and kept: a download or a
    /// delete of that pack forgets it (see `download_pack`, `delete_pack`).
    pub(crate) async fn reader(&self, site: &str) -> Option<Arc<PackReader>> {
        if let Some(r) = self.packs.readers.lock().unwrap_or_else(|e| e.into_inner()).get(site) {
            return Some(r.clone());
        }
        // Only a pack that came whole and checked has its record beside it.
        download::stored_record(&self.packs.dir, site)?;
        let reader = Arc::new(
            PackReader::open(&download::pack_path(&self.packs.dir, site))
                .await
                .ok()?,
        );
        self.packs
            .readers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(site.to_string(), reader.clone());
        Some(reader)
    }
}

//! Downloading a site's map pack onto the device, and the packs kept there.
//!
//! Packs are files beside the store, in a folder of their own (`<data>/maps/`), not sled values:
//! a pack is tens of megabytes read tile by tile, which a memory-mapped file does best. While it
//! comes, a pack is `<site>.<sha256>.part`; a cut, a pause or a restart keeps that file, and the
//! next download asks the server only for the rest (HTTP Range, `If-Range` on the checksum, so a
//! pack rebuilt meanwhile starts again). Complete, it is checked (size, SHA-256, PMTiles header)
//! before it becomes `<site>.pmtiles` with its record beside it (`<site>.json`); a file that fails
//! the check is deleted, never shown.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::pack::read_pack;
use super::{MapPack, PackError};

/// Where the server serves a pack.
pub fn pack_url(server: &str, site: &str) -> String {
    format!("{}/v1/packs/{site}.pmtiles", server.trim_end_matches('/'))
}

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("the server cannot be reached: {0}")]
    Network(#[from] reqwest::Error),
    #[error("the server answered {0}")]
    Status(u16),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// Paused or cancelled: what came is kept (a pause) unless the caller deletes it.
    #[error("stopped")]
    Stopped,
    /// The file came whole but is not the published pack: deleted.
    #[error(transparent)]
    Refused(#[from] PackError),
    #[error("the server sent {got} bytes where the pack has {expected}")]
    Size { expected: u64, got: u64 },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> DownloadError + '_ {
    move |source| DownloadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A site's pack on the device.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    None,
    /// Part of the published version: bytes so far.
    Partial(u64),
    /// Whole and checked; `current` is false when the server has published another since.
    Whole {
        record: MapPack,
        current: bool,
    },
}

/// The folder of packs under a data folder.
pub fn maps_dir(data: &Path) -> PathBuf {
    data.join("maps")
}

fn part_path(dir: &Path, pack: &MapPack) -> PathBuf {
    dir.join(format!("{}.{}.part", pack.site, pack.sha256))
}

/// The path of a site's stored pack, whole or not.
pub fn pack_path(dir: &Path, site: &str) -> PathBuf {
    dir.join(format!("{site}.pmtiles"))
}

fn record_path(dir: &Path, site: &str) -> PathBuf {
    dir.join(format!("{site}.json"))
}

/// What the device holds of `published` (the server's current record).
pub fn stored(dir: &Path, published: &MapPack) -> Stored {
    if let Some(record) = stored_record(dir, &published.site) {
        let current = record.sha256 == published.sha256;
        if current || !part_path(dir, published).exists() {
            return Stored::Whole { record, current };
        }
    }
    match std::fs::metadata(part_path(dir, published)) {
        Ok(m) => Stored::Partial(m.len()),
        Err(_) => Stored::None,
    }
}

/// The record of the pack stored for `site`, if one is whole.
pub fn stored_record(dir: &Path, site: &str) -> Option<MapPack> {
    if !pack_path(dir, site).exists() {
        return None;
    }
    serde_json::from_slice(&std::fs::read(record_path(dir, site)).ok()?).ok()
}

/// Bytes the packs take, parts included.
pub fn size_on_disk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

/// Removes everything stored of `site`'s pack: the pack, its record and any part.
pub fn delete(dir: &Path, site: &str) -> std::io::Result<()> {
    let prefix = format!("{site}.");
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix)
            && (name.ends_with(".part") || name.ends_with(".pmtiles") || name.ends_with(".json"))
        {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Fetches `pack` from `server` into `dir`, resuming a part already there; calls `progress`
/// with the bytes held and the pack's size as they grow; stops (keeping the part) when `stop`
/// is set. Returns the stored pack's path once it is whole and checked.
pub async fn download(
    server: &str,
    pack: &MapPack,
    dir: &Path,
    stop: &AtomicBool,
    mut progress: impl FnMut(u64, u64),
) -> Result<PathBuf, DownloadError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    // A part of another version of this site's pack is of no use.
    let part = part_path(dir, pack);
    if let Ok(entries) = std::fs::read_dir(dir) {
        let prefix = format!("{}.", pack.site);
        for e in entries.flatten() {
            let (name, path) = (e.file_name().to_string_lossy().into_owned(), e.path());
            if name.starts_with(&prefix) && name.ends_with(".part") && path != part {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .read_timeout(Duration::from_secs(30))
        .build()?;
    let mut have = std::fs::metadata(&part).map_or(0, |m| m.len());
    if have > pack.bytes {
        std::fs::remove_file(&part).map_err(io(&part))?;
        have = 0;
    }
    progress(have, pack.bytes);
    if have < pack.bytes {
        let mut request = http.get(pack_url(server, &pack.site));
        if have > 0 {
            request = request
                .header(reqwest::header::RANGE, format!("bytes={have}-"))
                .header(reqwest::header::IF_RANGE, format!("\"{}\"", pack.sha256));
        }
        let mut response = request.send().await?;
        let mut file = match response.status().as_u16() {
            206 => std::fs::OpenOptions::new()
                .append(true)
                .open(&part)
                .map_err(io(&part))?,
            200 => {
                have = 0; // the whole file again: the server's pack is not the one the part began
                std::fs::File::create(&part).map_err(io(&part))?
            }
            code => return Err(DownloadError::Status(code)),
        };
        while let Some(chunk) = response.chunk().await? {
            file.write_all(&chunk).map_err(io(&part))?;
            have += chunk.len() as u64;
            if have > pack.bytes {
                break;
            }
            progress(have, pack.bytes);
            if stop.load(Ordering::Relaxed) {
                file.flush().map_err(io(&part))?;
                return Err(DownloadError::Stopped);
            }
        }
        file.sync_all().map_err(io(&part))?;
    }
    if have != pack.bytes {
        std::fs::remove_file(&part).map_err(io(&part))?;
        return Err(DownloadError::Size {
            expected: pack.bytes,
            got: have,
        });
    }
    if let Err(e) = read_pack(&part, Some(&pack.sha256)).await {
        std::fs::remove_file(&part).map_err(io(&part))?;
        return Err(e.into());
    }
    let path = pack_path(dir, &pack.site);
    let record = record_path(dir, &pack.site);
    // The pack first: a cut between the two leaves the old record, and the pack is fetched again.
    std::fs::rename(&part, &path).map_err(io(&path))?;
    let json = serde_json::to_vec(pack).expect("a pack record serialises");
    std::fs::write(&record, json).map_err(io(&record))?;
    Ok(path)
}

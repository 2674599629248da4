//! The files of a GTFS feed, from a folder or a zip archive, held in memory by name.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::timetable::error::Warnings;
use crate::timetable::FeedError;

/// The GTFS files the importer reads; others (shapes, fares) are never loaded.
pub(crate) const KNOWN_FILES: &[&str] = &[
    "agency.txt",
    "stops.txt",
    "routes.txt",
    "trips.txt",
    "stop_times.txt",
    "calendar.txt",
    "calendar_dates.txt",
    "frequencies.txt",
    "transfers.txt",
    "feed_info.txt",
];

/// A single file larger than this is refused: the national French TER stop_times.txt is about
/// 100 MB, so 1 GB leaves room while stopping a zip bomb.
const MAX_FILE_BYTES: u64 = 1 << 30;

/// The feed's files, by name (`stops.txt`).
#[derive(Default)]
pub(crate) struct FeedFiles {
    files: HashMap<&'static str, Vec<u8>>,
}

impl FeedFiles {
    pub(crate) fn get(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(Vec::as_slice)
    }

    /// Keeps a file if its name is one the importer reads; `name` may carry folders.
    pub(crate) fn insert(&mut self, name: &str, bytes: Vec<u8>) {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        if let Some(known) = KNOWN_FILES.iter().find(|k| **k == base) {
            self.files.insert(known, bytes);
        }
    }

    /// Removes NUL bytes, which no name or id means to hold and which would otherwise be kept
    /// inside names shown on screen, with a warning naming the first line that had one.
    pub(crate) fn strip_nul(&mut self, warn: &mut Warnings) {
        for (name, bytes) in &mut self.files {
            let Some(first) = memchr::memchr(0, bytes) else {
                continue;
            };
            let line = memchr::memchr_iter(b'\n', &bytes[..first]).count() as u64 + 1;
            let count = memchr::memchr_iter(0, bytes).count();
            bytes.retain(|&b| b != 0);
            warn.push(
                name,
                line,
                format!("{count} NUL byte(s) removed, the first on this line"),
            );
        }
    }

    /// Reads a feed folder, or a zip archive when `path` is a file.
    pub(crate) fn read_path(path: &Path) -> Result<FeedFiles, FeedError> {
        let io = |source| FeedError::Io {
            path: path.display().to_string(),
            source,
        };
        if path.is_dir() {
            let mut files = FeedFiles::default();
            for name in KNOWN_FILES {
                let file = path.join(name);
                if file.is_file() {
                    let bytes = std::fs::read(&file).map_err(|source| FeedError::Io {
                        path: file.display().to_string(),
                        source,
                    })?;
                    files.insert(name, bytes);
                }
            }
            Ok(files)
        } else {
            let bytes = std::fs::read(path).map_err(io)?;
            FeedFiles::from_zip(&path.display().to_string(), &bytes)
        }
    }

    /// Reads the known files out of a zip archive, at its root or in one folder.
    pub(crate) fn from_zip(path: &str, bytes: &[u8]) -> Result<FeedFiles, FeedError> {
        let zip_err = |e: zip::result::ZipError| FeedError::Zip {
            path: path.to_string(),
            reason: e.to_string(),
        };
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zip_err)?;
        let mut files = FeedFiles::default();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).map_err(zip_err)?;
            let name = entry.name().to_string();
            let base = name.rsplit('/').next().unwrap_or(&name);
            if !entry.is_file() || !KNOWN_FILES.contains(&base) {
                continue;
            }
            let mut bytes = Vec::new();
            (&mut entry)
                .take(MAX_FILE_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| FeedError::Zip {
                    path: format!("{path}: {name}"),
                    reason: e.to_string(),
                })?;
            files.insert(&name, bytes);
        }
        Ok(files)
    }
}

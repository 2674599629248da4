//! The app's log: what the app and the core warn about (a sync that failed, a store entry set
//! aside, a setting not understood, a choice that could not be kept), written to
//! `<data>/logs/velay.log` so that a person can attach it to a problem report (the Sync page
//! shows where it is), and to stderr for whoever started the app from a terminal.
//!
//! The file stays small: at start, one over [`MAX_BYTES`] becomes `velay.log.1`, replacing the
//! one before.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::Level;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// A log over this size at start is set aside for a new one.
pub const MAX_BYTES: u64 = 1 << 20;

/// Where the log of the app whose data is in `data_dir` goes.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("logs").join("velay.log")
}

/// Starts logging. Returns the log file, or `None` when it cannot be written (the app then logs
/// to stderr only, and says so there).
pub fn init(data_dir: &Path) -> Option<PathBuf> {
    let path = path(data_dir);
    let file = match open(&path) {
        Ok(file) => Some(file),
        Err(e) => {
            eprintln!("velay: no log file at {}: {e}", path.display());
            None
        }
    };
    let filter = Targets::new()
        .with_target("velay", Level::INFO)
        .with_target("velay_core", Level::INFO)
        .with_default(Level::WARN);
    let to_file = file.as_ref().map(|f| f.try_clone()).and_then(Result::ok).map(|f| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(Mutex::new(f))
    });
    let to_stderr = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(io::stderr);
    // Only fails when a logger is already set: then that one is kept.
    let _ = tracing_subscriber::registry()
        .with(to_file)
        .with(to_stderr)
        .with(filter)
        .try_init();
    file.map(|_| path)
}

/// Opens the log for appending, setting aside one grown too large.
fn open(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_BYTES) {
        std::fs::rename(path, path.with_extension("log.1"))?;
    }
    OpenOptions::new().create(true).append(true).open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_log_grown_too_large_is_set_aside_at_start_and_a_small_one_goes_on() {
        let tmp = tempfile::tempdir().unwrap();
        let log = path(tmp.path());
        open(&log).unwrap().write_all(b"first run\n").unwrap();
        open(&log).unwrap().write_all(b"second run\n").unwrap();
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "first run\nsecond run\n");

        std::fs::write(&log, vec![b'x'; MAX_BYTES as usize + 1]).unwrap();
        open(&log).unwrap().write_all(b"third run\n").unwrap();
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "third run\n");
        assert_eq!(
            std::fs::metadata(log.with_extension("log.1")).unwrap().len(),
            MAX_BYTES + 1
        );
    }
}

//! Opening a sled database, for the device's store and the server's alike: waiting for the
//! lock of one just closed, and getting past the unfinished snapshot a crash can leave.

use std::path::Path;

/// How long to wait for the lock of a store that was just closed.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

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

//! A backup of the store in one file, and putting one back.
//!
//! The file holds every tree of the store, each entry as it is on disk, and ends with the
//! SHA-256 of all before it, so that a cut or damaged backup is refused before anything is
//! replaced:
//!
//! ```text
//! VELAYBK1
//! per tree:  u8 name length, name, then per entry u8 1, u32 key length, key,
//!            u32 value length, value (big-endian lengths), then u8 0
//! end:       u8 0, then the 32 bytes of SHA-256
//! ```
//!
//! A restore builds the store anew beside the old one, then swaps the folders: the old one is
//! kept aside, never deleted.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::check::{open_error, without_panic, OpenError};
use super::sled_store::SledStore;

const MAGIC: &[u8; 8] = b"VELAYBK1";
/// No tree of ours has a name this long: a longer one means the file is not a backup.
const MAX_NAME: usize = 64;
/// The largest entry a backup may hold (a whole content set's record is far smaller).
const MAX_ENTRY: usize = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error("{path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("{0} is not a backup of this server's store, or it is damaged: {1}")]
    NotABackup(PathBuf, String),
    #[error("reading the store: {0}")]
    Store(#[from] sled::Error),
}

/// What a backup or a restore wrote.
#[derive(Debug)]
pub struct BackupReport {
    pub trees: usize,
    pub entries: u64,
    pub bytes: u64,
    /// Where a restore put the store it replaced.
    pub kept_aside: Option<PathBuf>,
}

fn file_error(path: &Path) -> impl Fn(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::File {
        path: path.to_path_buf(),
        source,
    }
}

/// A writer that hashes what goes through it.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl SledStore {
    /// Writes every tree to `to`, whole or not at all (a temporary file renamed at the end).
    /// Writers wait while it runs, so the backup is one moment of the store.
    pub fn backup(&self, to: &Path) -> Result<BackupReport, BackupError> {
        let _still = self.lock.write().unwrap_or_else(|e| e.into_inner());
        let partial = to.with_extension("partial");
        let err = file_error(&partial);
        let file = File::create(&partial).map_err(&err)?;
        let mut out = Hashing {
            inner: BufWriter::new(file),
            hash: Sha256::new(),
            bytes: 0,
        };
        out.write_all(MAGIC).map_err(&err)?;
        let (mut trees, mut entries) = (0, 0);
        for name in self.db.tree_names() {
            let tree = self.db.open_tree(&name)?;
            out.write_all(&[name.len() as u8]).map_err(&err)?;
            out.write_all(&name).map_err(&err)?;
            for item in tree.iter() {
                let (k, v) = item?;
                out.write_all(&[1]).map_err(&err)?;
                for part in [&k, &v] {
                    out.write_all(&(part.len() as u32).to_be_bytes()).map_err(&err)?;
                    out.write_all(part).map_err(&err)?;
                }
                entries += 1;
            }
            out.write_all(&[0]).map_err(&err)?;
            trees += 1;
        }
        out.write_all(&[0]).map_err(&err)?;
        let digest = out.hash.clone().finalize();
        let bytes = out.bytes + 32;
        let mut inner = out.inner.into_inner().map_err(|e| err(e.into_error()))?;
        inner.write_all(&digest).map_err(&err)?;
        inner.sync_all().map_err(&err)?;
        std::fs::rename(&partial, to).map_err(file_error(to))?;
        Ok(BackupReport {
            trees,
            entries,
            bytes,
            kept_aside: None,
        })
    }
}

/// Checks the backup `from` whole, builds a store from it beside `store`, then puts it in
/// the place of `store` (kept aside as `store.before-restore-<time>`). The server must be
/// stopped.
pub fn restore(from: &Path, store: &Path) -> Result<BackupReport, BackupError> {
    verify(from)?;
    if store.exists() {
        // Refuse while a server holds it; a damaged one is what a restore is for.
        match without_panic(store, || sled::open(store).map_err(|e| open_error(store, e))) {
            Err(OpenError::InUse(p)) => return Err(OpenError::InUse(p).into()),
            Err(OpenError::Io { path, source }) if source.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(OpenError::Io { path, source }.into())
            }
            _ => {}
        }
    }
    let building = store.with_extension("restoring");
    if building.exists() {
        std::fs::remove_dir_all(&building).map_err(file_error(&building))?;
    }
    let mut report = load(from, &building)?;
    if store.exists() {
        let aside = store.with_extension(format!(
            "before-restore-{}",
            chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
        ));
        std::fs::rename(store, &aside).map_err(file_error(store))?;
        report.kept_aside = Some(aside);
    }
    std::fs::rename(&building, store).map_err(file_error(store))?;
    Ok(report)
}

/// Reads the whole file once and checks its SHA-256, before anything is written.
fn verify(from: &Path) -> Result<(), BackupError> {
    let not = |why: &str| BackupError::NotABackup(from.to_path_buf(), why.into());
    let mut file = File::open(from).map_err(file_error(from))?;
    let len = file.metadata().map_err(file_error(from))?.len();
    if len < (MAGIC.len() + 1 + 32) as u64 {
        return Err(not("too short"));
    }
    let mut hash = Sha256::new();
    let mut body = (&mut file).take(len - 32);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = body.read(&mut chunk).map_err(file_error(from))?;
        if n == 0 {
            break;
        }
        hash.update(&chunk[..n]);
    }
    let mut expected = [0u8; 32];
    file.read_exact(&mut expected).map_err(file_error(from))?;
    if hash.finalize().as_slice() != expected {
        return Err(not("its checksum does not match (cut short or changed)"));
    }
    Ok(())
}

/// Builds a new store at `to` from the (verified) backup `from`.
fn load(from: &Path, to: &Path) -> Result<BackupReport, BackupError> {
    let not = |why: &str| BackupError::NotABackup(from.to_path_buf(), why.into());
    let mut input = BufReader::new(File::open(from).map_err(file_error(from))?);
    let mut magic = [0u8; 8];
    input.read_exact(&mut magic).map_err(file_error(from))?;
    if &magic != MAGIC {
        return Err(not("it does not start as one"));
    }
    let db = sled::open(to)?;
    let (mut trees, mut entries) = (0, 0);
    loop {
        let name_len = read_u8(&mut input).map_err(file_error(from))? as usize;
        if name_len == 0 {
            break;
        }
        if name_len > MAX_NAME {
            return Err(not("a tree's name is too long"));
        }
        let name = read_bytes(&mut input, name_len).map_err(file_error(from))?;
        let tree = db.open_tree(&name)?;
        while read_u8(&mut input).map_err(file_error(from))? == 1 {
            let mut part = || -> Result<Vec<u8>, BackupError> {
                let len = u32::from_be_bytes(read_array(&mut input).map_err(file_error(from))?) as usize;
                if len > MAX_ENTRY {
                    return Err(not("an entry is too large"));
                }
                read_bytes(&mut input, len).map_err(file_error(from))
            };
            let (k, v) = (part()?, part()?);
            tree.insert(k, v)?;
            entries += 1;
        }
        trees += 1;
    }
    db.flush()?;
    let bytes = std::fs::metadata(from).map_err(file_error(from))?.len();
    Ok(BackupReport {
        trees,
        entries,
        bytes,
        kept_aside: None,
    })
}

fn read_u8(r: &mut impl Read) -> std::io::Result<u8> {
    Ok(read_array::<1>(r)?[0])
}

fn read_array<const N: usize>(r: &mut impl Read) -> std::io::Result<[u8; N]> {
    let mut buf = [0u8; N];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

fn read_bytes(r: &mut impl Read, len: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

//! A server's data folder:
//!
//! ```text
//! store/        the sled store
//! admin-token   the staff token, made at first start unless VELAY_ADMIN_TOKEN is set (mode 600)
//! server.json   the address a running server listens on, so `import` can reach it
//! packs/        the map packs served to the app: <site>.pmtiles and its credit <site>.json
//! tile-cache/   tiles fetched for packs, one folder per source, kept so that a build resumes
//! ```

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

pub const ADMIN_TOKEN_ENV: &str = "VELAY_ADMIN_TOKEN";

/// The shortest staff token accepted, from the environment or the file: an empty or short one
/// (a file cut by a crash, a typo) would let anyone in as staff.
pub const MIN_ADMIN_TOKEN_CHARS: usize = 16;

pub struct DataDir {
    root: PathBuf,
}

/// What a running server writes about itself.
#[derive(Debug, Serialize, Deserialize)]
pub struct Running {
    pub url: String,
    pub pid: u32,
}

impl DataDir {
    pub fn new(root: &Path) -> anyhow::Result<DataDir> {
        std::fs::create_dir_all(root).with_context(|| format!("creating the data folder {}", root.display()))?;
        Ok(DataDir {
            root: root.to_path_buf(),
        })
    }

    pub fn store_path(&self) -> PathBuf {
        self.root.join("store")
    }

    /// The folder of map packs, made if missing.
    pub fn packs_dir(&self) -> anyhow::Result<PathBuf> {
        let dir = self.root.join("packs");
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(dir)
    }

    /// Where tiles from the source `template` are kept: a folder named by the template's hash.
    pub fn tile_cache(&self, template: &str) -> PathBuf {
        use sha2::{Digest, Sha256};
        let hash = Sha256::digest(template.as_bytes());
        let name: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        self.root.join("tile-cache").join(name)
    }

    /// The staff token: the environment's if set, else the folder's, made on first use and
    /// written atomically (a crash leaves either no file or the whole token). A token shorter
    /// than [`MIN_ADMIN_TOKEN_CHARS`] from either source is refused.
    pub fn admin_token(&self) -> anyhow::Result<String> {
        if let Ok(token) = std::env::var(ADMIN_TOKEN_ENV) {
            let token = token.trim();
            anyhow::ensure!(
                token.chars().count() >= MIN_ADMIN_TOKEN_CHARS,
                "{ADMIN_TOKEN_ENV} must be at least {MIN_ADMIN_TOKEN_CHARS} characters"
            );
            return Ok(token.to_string());
        }
        let path = self.root.join("admin-token");
        match std::fs::read_to_string(&path) {
            Ok(token) => {
                let token = token.trim();
                anyhow::ensure!(
                    token.chars().count() >= MIN_ADMIN_TOKEN_CHARS,
                    "{} holds {} characters, and a staff token needs at least {MIN_ADMIN_TOKEN_CHARS}: \
                     delete the file to have a new token made, or set {ADMIN_TOKEN_ENV}",
                    path.display(),
                    token.chars().count()
                );
                return Ok(token.to_string());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        }
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness for the staff token: {e}"))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        write_private(&path, &token).with_context(|| format!("writing {}", path.display()))?;
        Ok(token)
    }

    pub fn write_running(&self, running: &Running) -> anyhow::Result<()> {
        let path = self.root.join("server.json");
        std::fs::write(&path, serde_json::to_vec(running)?).with_context(|| format!("writing {}", path.display()))
    }

    pub fn read_running(&self) -> Option<Running> {
        serde_json::from_slice(&std::fs::read(self.root.join("server.json")).ok()?).ok()
    }

    pub fn clear_running(&self) {
        let _ = std::fs::remove_file(self.root.join("server.json"));
    }
}

/// Writes `text` to `path` readable by the owner only, through a temporary file synced and
/// then renamed, so that `path` never exists half-written.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        // The rename itself reaches the disk with the folder's entry.
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_or_short_token_file_is_refused_and_a_new_one_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path()).unwrap();
        let made = data.admin_token().unwrap();
        assert_eq!(made.len(), 48);
        assert_eq!(data.admin_token().unwrap(), made, "read back as written");
        assert!(!dir.path().join("admin-token.tmp").exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("admin-token"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        for short in ["", "\n", "0123456789abcde"] {
            std::fs::write(dir.path().join("admin-token"), short).unwrap();
            let err = data.admin_token().unwrap_err().to_string();
            assert!(err.contains("at least 16") && err.contains("delete the file"), "{err}");
        }
    }
}

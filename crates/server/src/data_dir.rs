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

    /// The staff token: the environment's if set, else the folder's, made on first use.
    pub fn admin_token(&self) -> anyhow::Result<String> {
        if let Ok(token) = std::env::var(ADMIN_TOKEN_ENV) {
            anyhow::ensure!(token.len() >= 16, "{ADMIN_TOKEN_ENV} must be at least 16 characters");
            return Ok(token);
        }
        let path = self.root.join("admin-token");
        if let Ok(token) = std::fs::read_to_string(&path) {
            return Ok(token.trim().to_string());
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

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?
        .write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

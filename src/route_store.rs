//! What the route screens read from and write to the store: one route, a route exported as
//! GPX, a GPX file imported. Kept beside `state.rs` so screens never hold the store themselves.

use std::path::{Path, PathBuf};

use velay_core::route::GpxFile;
use velay_core::{Lang, Route};

use dioxus::prelude::*;

use crate::state::AppState;

impl AppState {
    /// One route by id, read again whenever content changes.
    pub fn route(&self, id: &str) -> Result<Option<Route>, String> {
        self.content_version.read();
        self.store().route(id).map_err(|e| e.to_string())
    }

    /// Writes `route` as GPX into the user's downloads folder (their home when there is
    /// none); returns the file's path, or the error to show.
    pub fn export_route(&self, route: &Route, lang: Lang) -> Result<String, String> {
        let dir = export_dir();
        let path = dir.join(format!("{}.gpx", route.id));
        let name = path.display().to_string();
        let bytes = GpxFile::from_route(route, lang)
            .to_bytes(&name)
            .map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&dir)
            .and_then(|_| std::fs::write(&path, bytes))
            .map_err(|e| format!("{name}: {e}"))?;
        Ok(name)
    }

    /// Reads the GPX file at `path` into the store. A file that cannot be read changes nothing;
    /// the error names it.
    pub fn import_gpx(&self, path: &Path) -> Result<GpxFile, String> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
        let id = self.store().import_gpx(&name, &bytes).map_err(|e| e.to_string())?;
        self.imported()?
            .into_iter()
            .find(|(i, _)| *i == id)
            .map(|(_, file)| file)
            .ok_or_else(|| format!("{name}: not found after import"))
    }

    /// Every GPX file imported, oldest first.
    pub fn imported(&self) -> Result<Vec<(u64, GpxFile)>, String> {
        self.store().imported().map_err(|e| e.to_string())
    }
}

pub(crate) fn export_dir() -> PathBuf {
    dirs::download_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
}

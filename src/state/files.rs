//! What goes to and comes from files the person sees: a route exported as GPX, a GPX file
//! imported into the store, a meeting or a kept day written as `.ics`. Exports go to the
//! downloads folder (the home folder when there is none).

use std::path::{Path, PathBuf};

use velay_core::greeter::meeting_ics;
use velay_core::mutation::Refusal;
use velay_core::route::GpxFile;
use velay_core::store::RequestView;
use velay_core::trip::Trip;
use velay_core::{Lang, Route};

use super::{AppError, AppState};

impl AppState {
    /// Writes `route` as GPX; returns the file's path.
    pub fn export_route(&self, route: &Route, lang: Lang) -> Result<String, AppError> {
        let path = export_dir().join(format!("{}.gpx", route.id));
        let bytes = GpxFile::from_route(route, lang).to_bytes(&path.display().to_string())?;
        write_export(&path, &bytes)
    }

    /// Reads the GPX file at `path` into the store. A file that cannot be read changes nothing;
    /// the error names it.
    pub fn import_gpx(&self, path: &Path) -> Result<GpxFile, AppError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| AppError::read(&name, e))?;
        self.store.import_gpx(&name, &bytes)?;
        // What the store keeps is the file as read: reading it again cannot fail.
        Ok(GpxFile::read(&name, &bytes)?)
    }

    /// Every GPX file imported, oldest first.
    pub fn imported(&self) -> Result<Vec<(u64, GpxFile)>, AppError> {
        Ok(self.store.imported()?)
    }

    /// Writes the meeting as `.ics`, at the date, time and place the request keeps; returns the
    /// file's path.
    pub fn export_meeting(&self, request: &RequestView, lang: Lang) -> Result<String, AppError> {
        let gone = || AppError::Refused(Refusal::NoSuchSlot);
        let slot = request.meeting.as_ref().ok_or_else(gone)?;
        let greeters = self.greeters()?;
        let greeter = greeters.iter().find(|g| g.id == slot.greeter).ok_or_else(gone)?;
        let ics = meeting_ics(&request.id.to_string(), slot, greeter, lang);
        write_export(&export_dir().join(format!("velay-{}.ics", slot.id)), ics.as_bytes())
    }

    /// Writes the day as one `.ics` (rides, the walk, the meetings); returns the file's path.
    pub fn export_trip(&self, trip: &Trip, lang: Lang) -> Result<String, AppError> {
        let meetings: Vec<_> = self
            .meetings_on(trip)?
            .into_iter()
            .map(|m| (m.request.to_string(), m.slot, m.greeter))
            .collect();
        let ics = trip.ics(lang, &meetings);
        let path = export_dir().join(format!("velay-{}-{}.ics", trip.date, trip.route));
        write_export(&path, ics.as_bytes())
    }
}

/// Where exports go: the downloads folder, or the home folder when there is none.
fn export_dir() -> PathBuf {
    dirs::download_dir()
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Writes an export, making its folder if needed; returns the path as shown to the person.
fn write_export(path: &Path, bytes: &[u8]) -> Result<String, AppError> {
    let name = path.display().to_string();
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, bytes))
        .map_err(|e| AppError::write(&name, e))?;
    Ok(name)
}

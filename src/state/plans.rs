//! What the planning screens read from the store: the timetable, decoded once per content
//! version (about 43 µs) and kept with its planner, and the home station the person last chose
//! (kept in the store).

use std::sync::Arc;

use dioxus::prelude::*;
use velay_core::{Planner, Timetable};

use super::{AppError, AppState};

impl AppState {
    /// The timetable, read again whenever content changes; `Ok(None)` before any is published.
    /// A record that does not decode is an error shown on screen, never a panic.
    pub fn timetable(&self) -> Result<Option<Arc<Timetable>>, AppError> {
        Ok(self.planner()?.map(|p| p.shared_timetable().clone()))
    }

    /// The planner over [`AppState::timetable`], made with it and kept as long as it is.
    pub fn planner(&self) -> Result<Option<Arc<Planner>>, AppError> {
        self.planner_at((self.content_version)())
    }

    /// Decodes the timetable ahead of the first planning screen, subscribing nobody.
    pub fn preload_timetable(&self) {
        let _ = self.planner_at(*self.content_version.peek());
    }

    fn planner_at(&self, version: u64) -> Result<Option<Arc<Planner>>, AppError> {
        let mut cache = self.timetable_cache.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((v, planner)) = cache.as_ref() {
            if *v == version {
                return Ok(Some(planner.clone()));
            }
        }
        let loaded = self.store.timetable()?.map(|tt| Arc::new(Planner::new(tt)));
        *cache = loaded.clone().map(|planner| (version, planner));
        Ok(loaded)
    }

    /// The home station (a GTFS stop id) the person last chose, if any.
    pub fn chosen_home(&self) -> Option<String> {
        (self.home)()
    }

    /// Keeps the choice for this session and, in the store, for the next ones. A store that
    /// cannot write it leaves the choice for this session only, and says so in the log.
    pub fn choose_home(&mut self, stop: String) {
        if let Err(e) = self.store.set_home_station(&stop) {
            tracing::warn!("the home station was not kept: {e}");
        }
        self.home.set(Some(stop));
    }
}

//! What the server publishes, as the screens read it from the store: routes, sites, greeters
//! and the slots their availability rules make, and the sites' map packs with what this device
//! holds of each. Each read subscribes the screen to content
//! changes, so a sync that brings new content shows at once.

use chrono::NaiveDateTime;
use dioxus::prelude::*;
use velay_core::greeter::{Greeter, Slot};
use velay_core::maps::download;
use velay_core::{Route, Site};

use super::packs::PackLine;
use super::{AppError, AppState};

impl AppState {
    /// Every route. A damaged store is an error shown on screen, never an empty list.
    pub fn routes(&self) -> Result<Vec<Route>, AppError> {
        self.content_version.read();
        Ok(self.store.routes()?)
    }

    /// One route by id.
    pub fn route(&self, id: &str) -> Result<Option<Route>, AppError> {
        self.content_version.read();
        Ok(self.store.route(id)?)
    }

    pub fn sites(&self) -> Result<Vec<Site>, AppError> {
        self.content_version.read();
        Ok(self.store.sites()?)
    }

    pub fn greeters(&self) -> Result<Vec<Greeter>, AppError> {
        self.content_version.read();
        Ok(self.store.greeters()?)
    }

    /// The slots offered from today in the Velay: those the greeters' availability rules make
    /// in the coming weeks, worked out offline from the synced rules, and the one-off ones. Those
    /// that have started today are included; the screens keep them out with `upcoming`.
    pub fn slots(&self) -> Result<Vec<Slot>, AppError> {
        self.content_version.read();
        Ok(self.store.slots(self.clock.today())?)
    }

    /// The wall-clock time in the Velay, which decides which slots have started.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.local_now()
    }

    /// Every published pack, with what this device holds of it.
    pub fn pack_lines(&self) -> Result<Vec<PackLine>, AppError> {
        self.content_version.read();
        self.packs.version.read();
        let transfers = self.packs.transfers.read();
        Ok(self
            .store
            .map_packs()?
            .into_iter()
            .map(|pack| PackLine {
                stored: download::stored(&self.packs.dir, &pack),
                transfer: transfers.get(&pack.site).cloned(),
                pack,
            })
            .collect())
    }

    /// The pack of `site`, if one is published.
    pub fn pack_line(&self, site: &str) -> Result<Option<PackLine>, AppError> {
        Ok(self.pack_lines()?.into_iter().find(|l| l.pack.site == site))
    }
}

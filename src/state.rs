//! What every screen shares: the language, the sync status, and read access to the store.
//! Screens get it with [`use_app`]; only this module and the sync loop touch the store.

use chrono::{DateTime, Local};
use dioxus::prelude::*;
use velay_core::{Lang, Route, Site, Store};

/// Where the last sync attempt left us.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    /// No attempt yet: the bundled or previously pulled content is shown.
    NotYet,
    Syncing,
    /// The server answered; content is as of that moment.
    Synced {
        at: DateTime<Local>,
    },
    /// The server could not be reached; `since` is the last success, if any.
    Offline {
        since: Option<DateTime<Local>>,
    },
}

impl SyncStatus {
    pub fn last_success(&self) -> Option<DateTime<Local>> {
        match self {
            SyncStatus::Synced { at } => Some(*at),
            SyncStatus::Offline { since } => *since,
            _ => None,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub lang: Signal<Lang>,
    pub sync: Signal<SyncStatus>,
    /// Bumped whenever a sync changes content, so that screens read the store again.
    pub content_version: Signal<u64>,
    store: Store,
}

impl AppState {
    pub fn new(store: Store, lang: Lang) -> AppState {
        AppState {
            lang: Signal::new(lang),
            sync: Signal::new(SyncStatus::NotYet),
            content_version: Signal::new(0),
            store,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Every route, read again whenever content changes. A damaged store is an error shown
    /// on screen, never an empty list.
    pub fn routes(&self) -> Result<Vec<Route>, String> {
        self.content_version.read();
        self.store.routes().map_err(|e| e.to_string())
    }

    pub fn sites(&self) -> Result<Vec<Site>, String> {
        self.content_version.read();
        self.store.sites().map_err(|e| e.to_string())
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>()
}

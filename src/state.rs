//! What every screen shares: the language, the sync status, and the store behind methods that
//! say what a screen needs. Screens get it with [`use_app`]; only this module and the sync loop
//! touch the store.

use std::sync::Arc;

use chrono::{DateTime, Local};
use dioxus::prelude::*;
use tokio::sync::Notify;
use velay_core::mutation::{Entry, Op};
use velay_core::store::OpenReport;
use velay_core::sync::Progress;
use velay_core::{Lang, Route, Site, Store};

/// Where the last sync attempt left us.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    /// No attempt yet: the bundled or previously pulled content is shown.
    NotYet,
    /// A sync is running; a long pull reports how far it has come.
    Syncing(Option<Progress>),
    /// The server answered; content is as of that moment.
    Synced { at: DateTime<Local> },
    /// The server could not be reached; `since` is the last success, if any.
    Offline { since: Option<DateTime<Local>> },
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
    /// Bumped whenever the outbox changes (a write queued, an answer filed).
    pub outbox_version: Signal<u64>,
    /// What opening the store found; shown until the user has seen it.
    pub open_report: Signal<OpenReport>,
    /// The server this app syncs with.
    pub server: String,
    /// The home station the person last picked to plan from (see `plan_store.rs`).
    pub(crate) home: Signal<Option<String>>,
    pub(crate) timetable_cache: crate::plan_store::TimetableCache,
    sync_now: Arc<Notify>,
    store: Store,
}

impl AppState {
    pub fn new(store: Store, lang: Lang, server: String, open_report: OpenReport) -> AppState {
        AppState {
            lang: Signal::new(lang),
            sync: Signal::new(SyncStatus::NotYet),
            content_version: Signal::new(0),
            outbox_version: Signal::new(0),
            open_report: Signal::new(open_report),
            server,
            // A home station that cannot be read is asked again, not an error.
            home: Signal::new(store.home_station().ok().flatten()),
            timetable_cache: Default::default(),
            sync_now: Arc::new(Notify::new()),
            store,
        }
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Wakes the sync loop now instead of at its next turn.
    pub fn request_sync(&self) {
        self.sync_now.notify_one();
    }

    pub(crate) fn sync_requested(&self) -> Arc<Notify> {
        self.sync_now.clone()
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

    /// Every user write with its state, oldest first.
    pub fn outbox(&self) -> Result<Vec<Entry>, String> {
        self.outbox_version.read();
        self.store.outbox().map_err(|e| e.to_string())
    }

    /// Queues a user write: on disk when this returns, then sent at once if possible.
    pub fn queue(&mut self, op: Op) -> Result<Entry, String> {
        let entry = self.store.enqueue(op).map_err(|e| e.to_string())?;
        *self.outbox_version.write() += 1;
        self.request_sync();
        Ok(entry)
    }

    /// The last sync that went all the way through, from the store (it survives restarts).
    pub fn last_sync(&self) -> Option<DateTime<Local>> {
        self.sync.read();
        self.store.last_sync().ok().flatten().map(|t| t.with_timezone(&Local))
    }

    /// Bytes the store takes on the device.
    pub fn data_size(&self) -> u64 {
        self.content_version.read();
        self.outbox_version.read();
        self.store.size_on_disk().unwrap_or(0)
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>()
}

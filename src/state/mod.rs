//! What every screen shares: the language, the sync status, and the store behind methods that
//! say what a screen needs. Screens get it with [`use_app`]; only this folder and the sync loop
//! touch the store. Each facet of the state has its file:
//!
//! - [`content`]: what the server publishes, as the screens read it (routes, sites, greeters,
//!   their slots);
//! - [`requests`]: the traveller's writes (the outbox, meeting requests and cancellations);
//! - [`plans`]: the timetable, decoded once per content version, and the home station;
//! - [`trips`]: the days kept on the device;
//! - [`files`]: what goes to and comes from files (GPX in and out, `.ics` exports);
//! - [`packs`]: the sites' offline map packs and their downloads;
//! - [`error`]: [`AppError`], why any of these did not happen, said in the person's language.

use std::sync::{Arc, Mutex};

use chrono::DateTime;
use chrono_tz::Tz;
use dioxus::prelude::*;
use tokio::sync::Notify;
use velay_core::client::Progress;
use velay_core::clock::Clock;
use velay_core::store::OpenReport;
use velay_core::{Lang, Planner, Store};

mod content;
mod error;
mod files;
pub mod packs;
mod plans;
mod requests;
mod route_filters;
mod trips;

pub use error::AppError;
pub use packs::{PackLine, Transfer};
pub use route_filters::Filters;

/// Where the last sync attempt left us, in this run of the app. The last sync that went
/// through, kept in the store across runs, is [`AppState::last_sync`].
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    /// No attempt yet in this run: the content shown is the bundled one or the last synced.
    NotYet,
    /// A sync is running; a long pull reports how far it has come.
    Syncing(Option<Progress>),
    /// The server answered; content is as of that moment.
    Synced { at: DateTime<Tz> },
    /// The server could not be reached at the last try.
    Offline { tried: DateTime<Tz> },
}

/// What `main` hands to the UI: the opened store and the configuration.
#[derive(Clone)]
pub struct Boot {
    pub store: Store,
    pub config: crate::config::Config,
    pub open_report: OpenReport,
    /// Where the log goes, shown so that a person can attach it to a problem report.
    pub log_file: Option<std::path::PathBuf>,
}

#[derive(Clone)]
pub struct AppState {
    pub lang: Signal<Lang>,
    pub sync: Signal<SyncStatus>,
    /// Bumped whenever a sync changes content, so that screens read the store again.
    pub content_version: Signal<u64>,
    /// Bumped whenever a day is kept or deleted.
    pub trips_version: Signal<u64>,
    /// Bumped whenever the outbox changes (a write queued, an answer filed).
    pub outbox_version: Signal<u64>,
    /// What opening the store found; shown until the user has seen it.
    pub open_report: Signal<OpenReport>,
    /// The server this app syncs with.
    pub server: String,
    /// Where the app's log goes, if it could be opened.
    pub log_file: Option<std::path::PathBuf>,
    /// The territory's clock: every "now" and "today" on screen reads it.
    pub clock: Clock,
    /// The walk being followed, if any: it goes on while other pages are shown.
    pub following: crate::following::Following,
    /// What the routes list is narrowed to, kept while the app runs.
    pub route_filters: Signal<Filters>,
    /// The day and the route last planned, kept while the app runs.
    pub plan_date: Signal<Option<chrono::NaiveDate>>,
    pub plan_route: Signal<Option<String>>,
    /// The home station the person last picked to plan from (see `plans.rs`).
    pub(crate) home: Signal<Option<String>>,
    timetable_cache: TimetableCache,
    /// The sites' map packs on this device, and the downloads under way.
    pub packs: packs::Packs,
    sync_now: Arc<Notify>,
    store: Store,
}

impl AppState {
    /// The state of an app started with `boot`: in the language the person forced, or last
    /// chose, or their system's.
    pub fn new(boot: &Boot) -> AppState {
        let (store, config) = (boot.store.clone(), &boot.config);
        let lang = config
            .lang_forced
            .unwrap_or_else(|| store.language().ok().flatten().unwrap_or(config.lang_default));
        AppState {
            lang: Signal::new(lang),
            sync: Signal::new(SyncStatus::NotYet),
            content_version: Signal::new(0),
            outbox_version: Signal::new(0),
            trips_version: Signal::new(0),
            open_report: Signal::new(boot.open_report.clone()),
            server: config.server.clone(),
            log_file: boot.log_file.clone(),
            clock: config.clock,
            following: crate::following::Following::new(config.position.clone()),
            route_filters: Signal::new(Default::default()),
            plan_date: Signal::new(None),
            plan_route: Signal::new(None),
            // A home station that cannot be read is asked again, not an error.
            home: Signal::new(store.home_station().ok().flatten()),
            timetable_cache: Default::default(),
            packs: packs::Packs::new(velay_core::maps::download::maps_dir(&config.data_dir)),
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

    /// "Sync now": says at once that it is trying, then the loop says how it went.
    pub fn sync_now(&mut self) {
        if !matches!(*self.sync.peek(), SyncStatus::Syncing(_)) {
            self.sync.set(SyncStatus::Syncing(None));
        }
        self.request_sync();
    }

    pub(crate) fn sync_requested(&self) -> Arc<Notify> {
        self.sync_now.clone()
    }

    /// The last sync that went all the way through, from the store (it survives restarts), in
    /// the territory's zone.
    pub fn last_sync(&self) -> Option<DateTime<Tz>> {
        self.sync.read();
        self.store
            .last_sync()
            .ok()
            .flatten()
            .map(|t| t.with_timezone(&velay_core::clock::ZONE))
    }

    /// Speaks `lang` from now on, and at the next launch. A store that cannot keep it keeps the
    /// choice for this run only, and says so in the log.
    pub fn choose_lang(&mut self, lang: Lang) {
        if let Err(e) = self.store.set_language(lang) {
            tracing::warn!("the language was not kept: {e}");
        }
        self.lang.set(lang);
    }

    /// Bytes the app keeps on the device: the store and the map packs beside it.
    pub fn data_size(&self) -> u64 {
        self.content_version.read();
        self.outbox_version.read();
        self.store.size_on_disk().unwrap_or(0) + self.packs.size()
    }
}

/// The timetable last decoded, with its planner (whose caches are made on first use and kept
/// with it), and the content version it was read at; a sync that changes content bumps the
/// version and the next read decodes the record again.
#[derive(Clone, Default)]
pub struct TimetableCache(Arc<Mutex<Option<Versioned>>>);

/// A timetable's planner and the content version the timetable was decoded at.
type Versioned = (u64, Arc<Planner>);

pub fn use_app() -> AppState {
    use_context::<AppState>()
}

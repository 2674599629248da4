//! The timetable: every train and bus the app knows, imported from a GTFS feed and kept as one
//! compact record. Data only: the planner plans over it and keeps its own caches and buffers.
//!
//! Words, as GTFS uses them:
//! - a *stop* is where a traveller boards or leaves a vehicle (a platform, a bus stop); a
//!   *station* groups stops;
//! - a *line* (a GTFS "route") is what a traveller sees on the front of the vehicle: TER P28,
//!   a bus number; it is not a walking [`crate::Route`];
//! - a *trip* is one run of a vehicle along a line, calling at stops at given times;
//! - a *service* is the set of days a trip runs on; a *service day* is one of those days, and a
//!   trip's times count from its noon minus 12 h, so a trip that leaves at "24:40:00" belongs
//!   to the day before the calendar's date of its departure (see [`clock`]);
//! - a *footpath* is a walk between two stops, timed by [`walk_secs`].
//!
//! Import ([`Timetable::import`]) reads a zip or a folder, checks every reference and time, and
//! fails with a [`FeedError`] that names the file and line, or warns when the feed is still
//! usable. The result is indexed by integers ([`StopIdx`], [`TripIdx`]), with times as seconds
//! and service days as bitsets; [`Timetable::to_bytes`] makes it one record for the store or
//! sync, and [`Timetable::from_bytes`] loads it back in a few milliseconds.

mod calendar;
pub(crate) mod clock;
mod error;
mod files;
mod import;
mod model;
pub(crate) mod network;
mod parse;
mod read;
mod record;
mod stop_times;
mod table;
mod walking;

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub use error::{FeedError, RecordError, Warning};
pub use import::{ImportOptions, Imported, DEFAULT_CHANGE_SECS};
pub use model::{line_names, FeedInfo, Line, LineIdx, Mode, Stop, StopIdx, StopKind, Trip, TripIdx};
pub use parse::format_time;
pub use walking::{straight_m, walk_secs, DETOUR_FACTOR, MAX_ACCESS_M, MAX_TRANSFER_M, WALK_SPEED_M_PER_S};

pub(crate) use calendar::Services;
pub(crate) use network::Network;
pub(crate) use walking::stops_near;

/// What the record holds: everything but derived caches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Record {
    pub(crate) info: FeedInfo,
    pub(crate) stops: Vec<Stop>,
    pub(crate) lines: Vec<Line>,
    pub(crate) trips: Vec<Trip>,
    pub(crate) services: Services,
    pub(crate) net: Network,
}

/// A timetable, as data: it knows nothing of routing, which a planner does over it.
#[derive(Debug)]
pub struct Timetable {
    pub(crate) rec: Record,
    pub(crate) tz: Tz,
    /// For each station, the stops it groups; built on first use.
    children: OnceLock<network::Csr<StopIdx>>,
}

impl Timetable {
    pub(crate) fn new(rec: Record, tz: Tz) -> Timetable {
        Timetable {
            rec,
            tz,
            children: OnceLock::new(),
        }
    }

    /// Imports a GTFS feed from a folder of `.txt` files or a zip archive, leniently
    /// ([`ImportOptions::default`]).
    pub fn import(path: impl AsRef<Path>) -> Result<Imported, FeedError> {
        Timetable::import_with(path, ImportOptions::default())
    }

    /// [`Timetable::import`] with options.
    pub fn import_with(path: impl AsRef<Path>, options: ImportOptions) -> Result<Imported, FeedError> {
        import::import(files::FeedFiles::read_path(path.as_ref())?, options)
    }

    /// Imports a GTFS feed from the bytes of a zip archive, leniently.
    pub fn import_zip(bytes: &[u8]) -> Result<Imported, FeedError> {
        import::import(files::FeedFiles::from_zip("feed.zip", bytes)?, ImportOptions::default())
    }

    /// Imports a GTFS feed from its files given by name (`stops.txt`) and content, leniently.
    pub fn import_files<'a>(files: impl IntoIterator<Item = (&'a str, Vec<u8>)>) -> Result<Imported, FeedError> {
        Timetable::import_files_with(files, ImportOptions::default())
    }

    /// [`Timetable::import_files`] with options.
    pub fn import_files_with<'a>(
        files: impl IntoIterator<Item = (&'a str, Vec<u8>)>,
        options: ImportOptions,
    ) -> Result<Imported, FeedError> {
        let mut feed = files::FeedFiles::default();
        for (name, bytes) in files {
            feed.insert(name, bytes);
        }
        import::import(feed, options)
    }

    /// The timetable as one record, for the store or a sync payload.
    pub fn to_bytes(&self) -> Vec<u8> {
        record::to_bytes(&self.rec)
    }

    /// Loads a record made by [`Timetable::to_bytes`], checking it throughout.
    pub fn from_bytes(bytes: &[u8]) -> Result<Timetable, RecordError> {
        record::from_bytes(bytes)
    }

    pub fn info(&self) -> &FeedInfo {
        &self.rec.info
    }

    /// The wall-clock date and time now where the feed runs, whatever the device's own zone:
    /// "today" and "now" on a departures board are the territory's.
    pub fn local_now(&self) -> chrono::NaiveDateTime {
        chrono::Utc::now().with_timezone(&self.tz).naive_local()
    }

    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    pub fn stops(&self) -> &[Stop] {
        &self.rec.stops
    }

    /// # Panics
    /// When `idx` does not come from this timetable.
    pub fn stop(&self, idx: StopIdx) -> &Stop {
        &self.rec.stops[idx.ix()]
    }

    /// The stop with this GTFS `stop_id`.
    pub fn stop_by_id(&self, id: &str) -> Option<StopIdx> {
        self.rec
            .stops
            .iter()
            .position(|s| s.id == id)
            .map(|i| StopIdx(i as u32))
    }

    pub fn lines(&self) -> &[Line] {
        &self.rec.lines
    }

    pub fn line(&self, idx: LineIdx) -> &Line {
        &self.rec.lines[idx.0 as usize]
    }

    pub fn trip(&self, idx: TripIdx) -> &Trip {
        &self.rec.trips[idx.0 as usize]
    }

    pub fn trip_count(&self) -> usize {
        self.rec.trips.len()
    }

    /// The stop itself and, for a station, the stops it groups: where a traveller "at" it can be.
    pub fn stop_and_children(&self, idx: StopIdx) -> Vec<StopIdx> {
        let mut out = vec![idx];
        if idx.ix() < self.rec.stops.len() {
            out.extend_from_slice(self.children(idx));
        }
        out
    }

    /// The stops a station groups (none for a plain stop). `idx` must be a stop of the feed.
    pub(crate) fn children(&self, idx: StopIdx) -> &[StopIdx] {
        let rows = self.children.get_or_init(|| {
            let mut rows = vec![Vec::new(); self.rec.stops.len()];
            for (i, stop) in self.rec.stops.iter().enumerate() {
                if let Some(parent) = stop.parent.filter(|p| p.ix() < rows.len()) {
                    rows[parent.ix()].push(StopIdx(i as u32));
                }
            }
            network::Csr::from_rows(rows)
        });
        rows.row(idx.ix())
    }

    /// The timetable's first and last day when `date` lies outside them (or the days it covers
    /// when it covers none): what "no journey" and "no day" say to explain themselves.
    pub fn outside(&self, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let (first, last) = (self.rec.info.start?, self.rec.info.end?);
        (!(first..=last).contains(&date)).then_some((first, last))
    }

    /// Whether any trip runs on `date` (a date outside the calendar has none).
    pub fn has_service_on(&self, date: NaiveDate) -> bool {
        let s = &self.rec.services;
        s.index(date)
            .is_some_and(|d| self.rec.net.run_service.iter().any(|&svc| s.runs(svc, d)))
    }

    pub(crate) fn network(&self) -> &Network {
        &self.rec.net
    }
}

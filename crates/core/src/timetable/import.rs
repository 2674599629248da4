//! GTFS import: from the feed's files to a [`Timetable`], checking every reference on the way.

use crate::timetable::calendar::Services;
use crate::timetable::error::Warnings;
use crate::timetable::files::FeedFiles;
use crate::timetable::network::Network;
use crate::timetable::read::{self, Ids};
use crate::timetable::{stop_times, walking, FeedError, FeedInfo, Record, Timetable};

/// Seconds to change from one vehicle to another at the same stop, unless `transfers.txt` says
/// otherwise: enough to cross a small station's platform or step from a train to a bus.
pub const DEFAULT_CHANGE_SECS: u32 = 120;

/// How strictly a feed is read.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Refuse the feed for a trip whose times cannot be used, instead of skipping it with a
    /// warning: for the tourist office's own feeds, which must be whole.
    pub strict: bool,
}

/// A timetable just imported, with what was odd but usable in the feed.
#[derive(Debug)]
pub struct Imported {
    pub timetable: Timetable,
    pub warnings: Vec<crate::timetable::Warning>,
}

fn require<'f>(files: &'f FeedFiles, file: &'static str, why: &'static str) -> Result<&'f [u8], FeedError> {
    files.get(file).ok_or(FeedError::MissingFile { file, why })
}

pub(crate) fn import(mut files: FeedFiles, options: ImportOptions) -> Result<Imported, FeedError> {
    let mut warn = Warnings::default();
    files.strip_nul(&mut warn);
    let files = &files;
    let agency = require(files, "agency.txt", "it gives the feed's time zone")?;
    let stops = require(files, "stops.txt", "it lists the stops every trip calls at")?;
    let routes = require(files, "routes.txt", "it lists the lines trips belong to")?;
    let trips = require(files, "trips.txt", "it lists the trips")?;
    let times = require(
        files,
        "stop_times.txt",
        "it holds the time of every trip at every stop, so without it no journey can be planned",
    )?;
    if files.get("calendar.txt").is_none() && files.get("calendar_dates.txt").is_none() {
        return Err(FeedError::MissingFile {
            file: "calendar.txt",
            why: "neither it nor calendar_dates.txt is in the feed, so no trip has a day to run on",
        });
    }
    let mut ids = Ids::default();
    let (zone, agencies) = read::agency(agency)?;
    let stops = read::stops(stops, &mut ids, &mut warn)?;
    let lines = read::routes(routes, &mut ids)?;
    let mut rules = Vec::new();
    if let Some(bytes) = files.get("calendar.txt") {
        rules = read::calendar(bytes, &mut ids, &mut warn)?;
    }
    let mut exceptions = Vec::new();
    if let Some(bytes) = files.get("calendar_dates.txt") {
        exceptions = read::calendar_dates(bytes, &mut ids, &mut warn)?;
    }
    let trips = read::trips(trips, &mut ids, &mut warn)?;
    let stop_times::Runs {
        runs,
        rows: n_times,
        skipped,
        first_skipped,
    } = stop_times::runs(
        times,
        files.get("frequencies.txt"),
        &ids,
        &trips,
        options.strict,
        &mut warn,
    )?;

    let empty: Vec<&str> = [
        ("agency.txt", agencies),
        ("stops.txt", stops.len()),
        ("routes.txt", lines.len()),
        ("trips.txt", trips.len()),
        ("stop_times.txt", n_times),
    ]
    .into_iter()
    .filter(|(_, n)| *n == 0)
    .map(|(f, _)| f)
    .collect();
    if !empty.is_empty() {
        return Err(FeedError::Empty {
            files: empty.join(", "),
        });
    }
    let zone = zone.unwrap_or_default();
    let tz: chrono_tz::Tz = zone.parse().map_err(|_| FeedError::UnknownTimeZone(zone.clone()))?;

    let services = Services::build(ids.services.len() as u32, &rules, &exceptions);
    if runs.is_empty() && skipped > 0 {
        return Err(FeedError::NoUsableTrip {
            skipped,
            first: first_skipped.unwrap_or_default(),
        });
    }
    if runs.is_empty() {
        warn.push(
            "stop_times.txt",
            0,
            "no trip calls at two stops or more: nothing can be planned",
        );
    }
    let transfers = match files.get("transfers.txt") {
        Some(bytes) => read::transfers(bytes, &ids, &stops, &mut warn)?,
        None => Default::default(),
    };
    let mut change_secs = vec![DEFAULT_CHANGE_SECS; stops.len()];
    for (&(a, b), &transfer) in &transfers {
        match transfer {
            _ if a != b => {}
            read::Transfer::Secs(secs) => change_secs[a.ix()] = secs,
            read::Transfer::Timed => change_secs[a.ix()] = 0,
            read::Transfer::Walk | read::Transfer::Never => {}
        }
    }
    let footpaths = walking::footpaths(&stops, &transfers, &change_secs);
    let net = Network::build(stops.len(), runs, footpaths, change_secs);

    let (publisher, version) = match files.get("feed_info.txt") {
        Some(bytes) => read::feed_info(bytes)?,
        None => Default::default(),
    };
    let info = FeedInfo {
        publisher,
        version,
        start: services.first_date(),
        end: services.last_date(),
        timezone: zone,
        has_sample: lines.iter().any(|l| l.sample),
    };
    let record = Record {
        info,
        stops,
        lines,
        trips,
        services,
        net,
    };
    Ok(Imported {
        timetable: Timetable::new(record, tz),
        warnings: warn.finish(),
    })
}

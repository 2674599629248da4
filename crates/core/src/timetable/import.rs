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

/// A timetable just imported, with what was odd but usable in the feed.
#[derive(Debug)]
pub struct Imported {
    pub timetable: Timetable,
    pub warnings: Vec<crate::timetable::Warning>,
}

fn require<'f>(files: &'f FeedFiles, file: &'static str, why: &'static str) -> Result<&'f [u8], FeedError> {
    files.get(file).ok_or(FeedError::MissingFile { file, why })
}

pub(crate) fn import(files: &FeedFiles) -> Result<Imported, FeedError> {
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
    let mut warn = Warnings::default();
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
    let (runs, n_times) = stop_times::runs(times, files.get("frequencies.txt"), &ids, &trips, &mut warn)?;

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

    let (services, cut) = Services::build(ids.services.len() as u32, &rules, &exceptions);
    if cut {
        warn.push(
            "calendar.txt",
            0,
            "the calendar spans more than five years; later days are left out",
        );
    }
    if runs.is_empty() {
        warn.push(
            "stop_times.txt",
            0,
            "no trip calls at two stops or more: nothing can be planned",
        );
    }
    let transfers = match files.get("transfers.txt") {
        Some(bytes) => read::transfers(bytes, &ids, &mut warn)?,
        None => Default::default(),
    };
    let mut change_secs = vec![DEFAULT_CHANGE_SECS; stops.len()];
    for (&(a, b), &secs) in &transfers {
        if a == b && secs != u32::MAX {
            change_secs[a.ix()] = secs;
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

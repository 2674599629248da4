//! Reading the small GTFS files (agency, stops, routes, calendars, trips, transfers, feed info)
//! into the timetable's types, with the ids each later file refers to.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::timetable::calendar::{Exception, WeeklyRule};
use crate::timetable::error::Warnings;
use crate::timetable::table::Table;
use crate::timetable::{FeedError, Line, LineIdx, Mode, Stop, StopIdx, StopKind, Trip};

/// Ids seen so far, to resolve references in later files.
#[derive(Default)]
pub(crate) struct Ids {
    pub(crate) stops: FxHashMap<String, StopIdx>,
    pub(crate) lines: FxHashMap<String, LineIdx>,
    pub(crate) services: FxHashMap<String, u32>,
    pub(crate) trips: FxHashMap<String, u32>,
}

impl Ids {
    pub(crate) fn service(&mut self, id: &str) -> u32 {
        if let Some(&known) = self.services.get(id) {
            return known;
        }
        let next = self.services.len() as u32;
        self.services.insert(id.to_string(), next);
        next
    }
}

/// The time zones named in `agency.txt`, and how many agencies it lists.
pub(crate) fn agency(bytes: &[u8]) -> Result<(Option<String>, usize), FeedError> {
    let mut t = Table::new("agency.txt", bytes)?;
    let tz = t.column("agency_timezone")?;
    let (mut zone, mut rows) = (None, 0);
    t.for_each(|row| {
        rows += 1;
        let value = row.required(tz, "agency_timezone")?;
        zone.get_or_insert_with(|| value.to_string());
        Ok(())
    })?;
    Ok((zone, rows))
}

pub(crate) fn stops(bytes: &[u8], ids: &mut Ids, warn: &mut Warnings) -> Result<Vec<Stop>, FeedError> {
    let mut t = Table::new("stops.txt", bytes)?;
    let id = t.column("stop_id")?;
    let (name, lat, lon) = (t.optional("stop_name"), t.optional("stop_lat"), t.optional("stop_lon"));
    let (kind, parent) = (t.optional("location_type"), t.optional("parent_station"));
    let mut stops = Vec::new();
    let mut parents: Vec<(usize, String, u64)> = Vec::new();
    t.for_each(|row| {
        let stop_id = row.required(id, "stop_id")?;
        let code: u8 = row.number(kind, "location_type", 0)?;
        let kind = StopKind::from_gtfs(code).ok_or_else(|| row.bad("location_type", row.opt(kind), "0 to 4"))?;
        let index = StopIdx(stops.len() as u32);
        if ids.stops.insert(stop_id.to_string(), index).is_some() {
            return Err(FeedError::Invalid {
                file: row.file,
                line: row.line(),
                reason: format!("stop_id {stop_id:?} appears twice"),
            });
        }
        let stop = Stop {
            id: stop_id.to_string(),
            name: row.opt(name).to_string(),
            lat: row.degrees(lat, "stop_lat", 90.0)?,
            lon: row.degrees(lon, "stop_lon", 180.0)?,
            kind,
            parent: None,
        };
        if !row.opt(parent).is_empty() {
            parents.push((stops.len(), row.opt(parent).to_string(), row.from));
        }
        stops.push(stop);
        Ok(())
    })?;
    let lines = t.into_lines();
    for (child, parent_id, from) in parents {
        match ids.stops.get(&parent_id) {
            Some(&p) => {
                stops[child].parent = Some(p);
                if !stops[child].has_position() && stops[p.ix()].has_position() {
                    (stops[child].lat, stops[child].lon) = (stops[p.ix()].lat, stops[p.ix()].lon);
                }
            }
            None => warn.push(
                "stops.txt",
                lines.of_record_after(from),
                format!("parent_station {parent_id:?} is not a stop; ignored"),
            ),
        }
    }
    Ok(stops)
}

pub(crate) fn routes(bytes: &[u8], ids: &mut Ids) -> Result<Vec<Line>, FeedError> {
    let mut t = Table::new("routes.txt", bytes)?;
    let id = t.column("route_id")?;
    let kind = t.column("route_type")?;
    let (short, long) = (t.optional("route_short_name"), t.optional("route_long_name"));
    let sample = t.optional("velay_sample");
    let mut lines = Vec::new();
    t.for_each(|row| {
        let route_id = row.required(id, "route_id")?;
        let code: u16 = row.number(Some(kind), "route_type", 0)?;
        row.required(kind, "route_type")?;
        ids.lines.insert(route_id.to_string(), LineIdx(lines.len() as u32));
        lines.push(Line {
            id: route_id.to_string(),
            short_name: row.opt(short).to_string(),
            long_name: row.opt(long).to_string(),
            mode: Mode::from_route_type(code),
            sample: row.opt(sample) == "1",
        });
        Ok(())
    })?;
    Ok(lines)
}

/// `calendar.txt`: weekly rules. A file with no header at all is skipped with a warning.
pub(crate) fn calendar(bytes: &[u8], ids: &mut Ids, warn: &mut Warnings) -> Result<Vec<WeeklyRule>, FeedError> {
    let mut t = Table::new("calendar.txt", bytes)?;
    if t.is_blank() {
        warn.push(
            "calendar.txt",
            0,
            "the file is empty; only calendar_dates.txt gives service days",
        );
        return Ok(Vec::new());
    }
    let id = t.column("service_id")?;
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let days = DAYS.iter().map(|d| t.column(d)).collect::<Result<Vec<_>, _>>()?;
    let (start, end) = (t.column("start_date")?, t.column("end_date")?);
    let mut rules = Vec::new();
    t.for_each(|row| {
        let service = ids.service(row.required(id, "service_id")?);
        let mut weekdays = 0u8;
        for (i, (&col, name)) in days.iter().zip(DAYS).enumerate() {
            match row.get(col) {
                "1" => weekdays |= 1 << i,
                "0" | "" => {}
                other => return Err(row.bad(name, other, "0 or 1")),
            }
        }
        rules.push(WeeklyRule {
            service,
            weekdays,
            start: row.date(start, "start_date")?,
            end: row.date(end, "end_date")?,
        });
        Ok(())
    })?;
    Ok(rules)
}

pub(crate) fn calendar_dates(bytes: &[u8], ids: &mut Ids, warn: &mut Warnings) -> Result<Vec<Exception>, FeedError> {
    let mut t = Table::new("calendar_dates.txt", bytes)?;
    if t.is_blank() {
        warn.push("calendar_dates.txt", 0, "the file is empty");
        return Ok(Vec::new());
    }
    let (id, date, kind) = (t.column("service_id")?, t.column("date")?, t.column("exception_type")?);
    let mut exceptions = Vec::new();
    t.for_each(|row| {
        let service = ids.service(row.required(id, "service_id")?);
        let added = match row.required(kind, "exception_type")? {
            "1" => true,
            "2" => false,
            other => return Err(row.bad("exception_type", other, "1 (added) or 2 (removed)")),
        };
        exceptions.push(Exception {
            service,
            date: row.date(date, "date")?,
            added,
        });
        Ok(())
    })?;
    Ok(exceptions)
}

pub(crate) fn trips(bytes: &[u8], ids: &mut Ids, warn: &mut Warnings) -> Result<Vec<Trip>, FeedError> {
    let mut t = Table::new("trips.txt", bytes)?;
    let (route, service, id) = (t.column("route_id")?, t.column("service_id")?, t.column("trip_id")?);
    let headsign = t.optional("trip_headsign");
    let mut trips = Vec::new();
    let known_services = ids.services.len();
    t.for_each(|row| {
        let route_id = row.required(route, "route_id")?;
        let line = *ids
            .lines
            .get(route_id)
            .ok_or_else(|| row.unknown("route_id", route_id, "route in routes.txt"))?;
        let service_id = row.required(service, "service_id")?;
        let service = ids.service(service_id);
        if service as usize >= known_services {
            warn.push(
                row.file,
                row.line(),
                format!("service {service_id:?} has no days in the calendars; the trip never runs"),
            );
        }
        let trip_id = row.required(id, "trip_id")?;
        if ids.trips.insert(trip_id.to_string(), trips.len() as u32).is_some() {
            return Err(FeedError::Invalid {
                file: row.file,
                line: row.line(),
                reason: format!("trip_id {trip_id:?} appears twice"),
            });
        }
        trips.push(Trip {
            id: trip_id.to_string(),
            line,
            headsign: row.opt(headsign).to_string(),
            service,
        });
        Ok(())
    })?;
    Ok(trips)
}

/// What `transfers.txt` says about going from one stop to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Transfer {
    /// Type 0, a recommended transfer point: possible, timed by the walking model.
    Walk,
    /// Type 1, a timed transfer: the vehicle waits, so no change time is added; between two
    /// stops, the walk itself still takes its time.
    Timed,
    /// Type 2: at least these seconds.
    Secs(u32),
    /// Type 3: not possible.
    Never,
}

/// `transfers.txt`, by pair of stops.
///
/// A row that names a station applies to every stop of that station, as the GTFS reference
/// says; a row naming the stops themselves wins over it. Rows that apply to given trips or
/// lines only, and the in-seat transfers of types 4 and 5 (staying aboard when a vehicle
/// becomes another trip), are left out with one counted warning each: the planner has no
/// such rules, and applying them to every vehicle would be wrong.
pub(crate) fn transfers(
    bytes: &[u8],
    ids: &Ids,
    stops: &[Stop],
    warn: &mut Warnings,
) -> Result<HashMap<(StopIdx, StopIdx), Transfer>, FeedError> {
    let mut t = Table::new("transfers.txt", bytes)?;
    if t.is_blank() {
        return Ok(HashMap::new());
    }
    let (from, to) = (t.column("from_stop_id")?, t.column("to_stop_id")?);
    let (kind, min) = (t.optional("transfer_type"), t.optional("min_transfer_time"));
    let narrower: Vec<_> = ["from_trip_id", "to_trip_id", "from_route_id", "to_route_id"]
        .into_iter()
        .filter_map(|c| t.optional(c))
        .collect();
    let mut children: HashMap<StopIdx, Vec<StopIdx>> = HashMap::new();
    for (i, s) in stops.iter().enumerate() {
        if let Some(p) = s.parent {
            children.entry(p).or_default().push(StopIdx(i as u32));
        }
    }
    let expand = |s: StopIdx| -> Vec<StopIdx> {
        match (stops[s.ix()].kind, children.get(&s)) {
            (StopKind::Station, Some(kids)) => kids.clone(),
            _ => vec![s],
        }
    };
    let mut by_station = HashMap::new();
    let mut by_stop = HashMap::new();
    let (mut narrow, mut in_seat) = ((0, 0), (0, 0));
    t.for_each(|row| {
        let code = row.number::<u8>(kind, "transfer_type", 0)?;
        let transfer = match code {
            0 => Transfer::Walk,
            1 => Transfer::Timed,
            // A change of more than a day is a typo; capping it keeps time sums small.
            2 => match row.number::<u32>(min, "min_transfer_time", u32::MAX)? {
                u32::MAX => Transfer::Walk,
                secs => Transfer::Secs(secs.min(24 * 3600)),
            },
            3 => Transfer::Never,
            4 | 5 => {
                in_seat = (in_seat.0 + 1, if in_seat.1 == 0 { row.line() } else { in_seat.1 });
                return Ok(());
            }
            _ => return Err(row.bad("transfer_type", row.opt(kind), "0 to 5")),
        };
        if narrower.iter().any(|&c| !row.get(c).is_empty()) {
            narrow = (narrow.0 + 1, if narrow.1 == 0 { row.line() } else { narrow.1 });
            return Ok(());
        }
        let (a, b) = (row.get(from), row.get(to));
        let (Some(&a), Some(&b)) = (ids.stops.get(a), ids.stops.get(b)) else {
            warn.push(row.file, row.line(), "a transfer between unknown stops; ignored");
            return Ok(());
        };
        let (xs, ys) = (expand(a), expand(b));
        if xs == [a] && ys == [b] {
            by_stop.insert((a, b), transfer);
        } else {
            for &x in &xs {
                for &y in &ys {
                    by_station.insert((x, y), transfer);
                }
            }
        }
        Ok(())
    })?;
    if narrow.0 > 0 {
        warn.push(
            "transfers.txt",
            narrow.1,
            format!(
                "{} transfer(s) for given trips or lines only are not used (the first on this line)",
                narrow.0
            ),
        );
    }
    if in_seat.0 > 0 {
        warn.push(
            "transfers.txt",
            in_seat.1,
            format!(
                "{} in-seat transfer(s) (types 4 and 5) are not used: the planner has travellers change vehicle",
                in_seat.0
            ),
        );
    }
    by_station.extend(by_stop);
    Ok(by_station)
}

/// `feed_info.txt`: publisher and version, when present.
pub(crate) fn feed_info(bytes: &[u8]) -> Result<(String, String), FeedError> {
    let mut t = Table::new("feed_info.txt", bytes)?;
    if t.is_blank() {
        return Ok(Default::default());
    }
    let (name, version) = (t.optional("feed_publisher_name"), t.optional("feed_version"));
    let mut out = None;
    t.for_each(|row| {
        out.get_or_insert_with(|| (row.opt(name).to_string(), row.opt(version).to_string()));
        Ok(())
    })?;
    Ok(out.unwrap_or_default())
}

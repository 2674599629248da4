//! Walking between stops, and between a stop and any point (a route's start or end).
//!
//! Nobody walks in a straight line, and the feed has no street map, so a walk's length is the
//! straight-line (haversine) distance times [`DETOUR_FACTOR`], walked at [`WALK_SPEED_M_PER_S`].
//! A street graph would be more exact but is not in the feed and would not fit the phone.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use geo::{Distance, Haversine, Point};

use crate::timetable::network::Csr;
use crate::timetable::read::Transfer;
use crate::timetable::{Stop, StopIdx, StopKind};

/// The walked distance over the straight-line one. 1.3 is the usual circuity of pedestrian
/// networks in towns and villages (between 1.2 in a grid and 1.4 in hilly old towns).
pub const DETOUR_FACTOR: f64 = 1.3;

/// 4 km/h, the flat speed of DIN 33466 used for route times ([`crate::route::Figures`]), so a
/// change on foot and a walk on a route are timed alike.
pub const WALK_SPEED_M_PER_S: f64 = 4000.0 / 3600.0;

/// Two stops at most this far apart in a straight line are linked by a footpath
/// (about 15 minutes on foot with the detour).
pub const MAX_TRANSFER_M: f64 = 800.0;

/// A point (a route's start or end) reaches the stops at most this far in a straight line
/// (about 40 minutes on foot): a trailhead is often a village away from the station.
pub const MAX_ACCESS_M: f64 = 2000.0;

/// The straight-line distance in metres between two points given in degrees.
pub fn straight_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    Haversine.distance(Point::new(a.1, a.0), Point::new(b.1, b.0))
}

/// The seconds to walk between two points given in degrees (latitude, longitude).
///
/// # Units
/// Degrees in, seconds out: haversine distance × [`DETOUR_FACTOR`] / [`WALK_SPEED_M_PER_S`].
///
/// # Examples
/// ```
/// use velay_core::timetable::walk_secs;
/// // Le Puy-en-Velay station to its bus station, next door: about 80 m, under two minutes.
/// let secs = walk_secs((45.042808, 3.892596), (45.0424, 3.8917));
/// assert!((60..120).contains(&secs));
/// ```
pub fn walk_secs(a: (f64, f64), b: (f64, f64)) -> u32 {
    (straight_m(a, b) * DETOUR_FACTOR / WALK_SPEED_M_PER_S).round() as u32
}

/// A degree of latitude is about 111 km; cells of 0.01° hold every neighbour within 800 m in
/// the 3 × 3 cells around a stop, wherever in France (cells get narrower in longitude, so the
/// longitude cell is widened by the cosine of the latitude).
fn cell(lat: f64, lon: f64) -> (i32, i32) {
    let lon_scale = lat.to_radians().cos().max(0.2);
    ((lat / 0.01).floor() as i32, (lon * lon_scale / 0.01).floor() as i32)
}

/// Stops that vehicles call at, near a point, with the seconds to walk there.
pub(crate) fn stops_near(stops: &[Stop], at: (f64, f64), max_m: f64) -> Vec<(StopIdx, u32)> {
    stops
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == StopKind::Stop && s.has_position())
        .filter(|(_, s)| straight_m(at, (s.lat, s.lon)) <= max_m)
        .map(|(i, s)| (StopIdx(i as u32), walk_secs(at, (s.lat, s.lon))))
        .collect()
}

/// Footpaths between stops: every pair within [`MAX_TRANSFER_M`], plus the feed's own
/// `transfers` (which win over the estimate: a time given, a timed transfer, a recommended
/// point walked at the model's time, or no way at all), then closed transitively: when a→b
/// and b→c can be walked, a→c is a footpath too, as long as the whole walk stays within the
/// longest direct footpath. Neither the planner nor the walk-only option ever chains two
/// footpaths, so they rely on this closure.
///
/// A footpath the feed gives no time for takes at least the change time of the stop it leaves
/// (`change_secs`): stepping off, finding the way and crossing the road to a stop 20 s away
/// takes no less than changing at the same stop, and a change that tight would be missed. A
/// timed transfer (the vehicle waits) and a time the feed gives are taken as they are.
pub(crate) fn footpaths(
    stops: &[Stop],
    given: &HashMap<(StopIdx, StopIdx), Transfer>,
    change_secs: &[u32],
) -> Csr<(StopIdx, u32)> {
    let n = stops.len();
    let mut direct: Vec<HashMap<StopIdx, u32>> = vec![HashMap::new(); n];
    let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
    for (i, s) in stops.iter().enumerate() {
        if s.kind == StopKind::Stop && s.has_position() {
            grid.entry(cell(s.lat, s.lon)).or_default().push(i);
        }
    }
    for (&(cy, cx), members) in &grid {
        for &a in members {
            for (dy, dx) in (-1..=1).flat_map(|dy| (-1..=1).map(move |dx| (dy, dx))) {
                for &b in grid.get(&(cy + dy, cx + dx)).map_or(&[][..], Vec::as_slice) {
                    let (sa, sb) = (&stops[a], &stops[b]);
                    if a != b && straight_m((sa.lat, sa.lon), (sb.lat, sb.lon)) <= MAX_TRANSFER_M {
                        direct[a].insert(StopIdx(b as u32), walk_secs((sa.lat, sa.lon), (sb.lat, sb.lon)));
                    }
                }
            }
        }
    }
    for (&(from, to), &transfer) in given {
        if from == to {
            continue;
        }
        let (a, b) = (&stops[from.ix()], &stops[to.ix()]);
        let walk = || {
            if a.has_position() && b.has_position() {
                walk_secs((a.lat, a.lon), (b.lat, b.lon))
            } else {
                change_secs[from.ix()]
            }
        };
        match transfer {
            Transfer::Never => {
                direct[from.ix()].remove(&to);
            }
            Transfer::Secs(secs) => {
                direct[from.ix()].insert(to, secs);
            }
            // Stops a day's walk or more apart have a wrong position: no footpath, rather than
            // one no traveller takes and the record check refuses.
            Transfer::Walk | Transfer::Timed => {
                let secs = walk();
                if secs <= 24 * 3600 {
                    direct[from.ix()].insert(to, secs);
                }
            }
        }
    }
    let limit = direct
        .iter()
        .flat_map(|m| m.values().copied())
        .max()
        .unwrap_or(0)
        .max(walk_secs((0.0, 0.0), (MAX_TRANSFER_M / 111_195.0, 0.0)));
    let rows = (0..n).map(|from| {
        let mut row = closure(&direct, from, limit);
        for (to, secs) in &mut row {
            let exact = matches!(
                given.get(&(StopIdx(from as u32), *to)),
                Some(Transfer::Secs(_) | Transfer::Timed)
            );
            if !exact {
                *secs = (*secs).max(change_secs[from]);
            }
        }
        row
    });
    Csr::from_rows(rows.collect())
}

/// Dijkstra from `from` over the direct footpaths, up to `limit` seconds.
fn closure(direct: &[HashMap<StopIdx, u32>], from: usize, limit: u32) -> Vec<(StopIdx, u32)> {
    if direct[from].is_empty() {
        return Vec::new();
    }
    let mut best: HashMap<usize, u32> = HashMap::from([(from, 0)]);
    let mut heap = BinaryHeap::from([Reverse((0u32, from))]);
    while let Some(Reverse((secs, at))) = heap.pop() {
        if best.get(&at).is_some_and(|&b| b < secs) {
            continue;
        }
        for (&to, &step) in &direct[at] {
            let t = secs.saturating_add(step);
            if t <= limit && best.get(&to.ix()).is_none_or(|&b| t < b) {
                best.insert(to.ix(), t);
                heap.push(Reverse((t, to.ix())));
            }
        }
    }
    let mut row: Vec<(StopIdx, u32)> = best
        .into_iter()
        .filter(|&(to, _)| to != from)
        .map(|(to, secs)| (StopIdx(to as u32), secs))
        .collect();
    row.sort();
    row
}

//! A plain time-dependent Dijkstra over stops, the baseline the planner is measured against
//! (issue 5, item 9) and a second check of its answers in tests.
//!
//! It is the textbook algorithm, neither crippled nor tuned: a binary heap of stops keyed by
//! the time one is ready to board there; settling a stop looks, for every pattern through it
//! and every service day, for the next run leaving it (a linear scan of the runs in order), and
//! rides that run to every later stop, then walks the same footpaths as RAPTOR. It stops when
//! the next stop in the heap cannot beat the best arrival at the target. Labels are allocated
//! per query, as a plain implementation would.
//!
//! Taking only the next run per pattern is exact because patterns are overtaking-free (see
//! [`crate::timetable::network`]); [`super::reference`] tries every run instead and does not
//! rely on it.
//!
//! A test oracle, not part of the public API: compiled for the crate's own tests and with the
//! `oracles` feature, which the integration tests and benchmarks that use it require.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::days::days_around;
use super::{Place, Planner};
use crate::timetable::network::{Network, ALIGHT, BOARD};
use crate::timetable::{clock, StopIdx, Timetable};

/// The earliest arrival at `to` leaving `from` at `time` on `date`, with any number of
/// transfers, or `None` when it cannot be reached. Same model as [`Planner::plan`]: the same
/// footpaths, change times, and walks to and from points.
pub fn earliest_arrival(
    planner: &Planner,
    from: &Place,
    to: &Place,
    date: NaiveDate,
    time: NaiveTime,
) -> Option<DateTime<Tz>> {
    let tt = planner.timetable();
    let reference = clock::reference(tt.tz, date);
    let start = clock::local_instant(tt.tz, date, time) - reference;
    let ends = planner.ends(from, to);
    let net = tt.network();
    let services = &tt.rec.services;
    let days = days_around(tt, date, 1);
    let n = net.change_secs.len();
    let mut egress = vec![None::<u32>; n];
    for &(s, secs) in &ends.egress {
        egress[s.ix()] = Some(egress[s.ix()].map_or(secs, |e| e.min(secs)));
    }
    let mut best = ends.direct.map_or(i64::MAX, |w| start + w as i64);
    let mut ready = vec![i64::MAX; n];
    let mut heap = BinaryHeap::new();
    for &(s, secs) in &ends.access {
        let t = start + secs as i64;
        if t < ready[s.ix()] {
            ready[s.ix()] = t;
            heap.push(Reverse((t, s.0)));
        }
    }
    while let Some(Reverse((t, s))) = heap.pop() {
        if t >= best {
            break;
        }
        if t > ready[s as usize] {
            continue;
        }
        for &(p, pos) in net.stop_patterns.row(s as usize) {
            let pat = &net.patterns[p as usize];
            if net.pattern_flags(pat)[pos as usize] & BOARD == 0 {
                continue;
            }
            for day in &days {
                let Some(index) = day.index else { continue };
                let offset = day.offset as i64;
                // The next run leaving this stop at `t` or later on that day.
                let Some(r) = (0..pat.n_runs).find(|&r| {
                    net.dep[Network::time_ix(pat, r, pos)] as i64 + offset >= t
                        && services.runs(net.run_service[(pat.first_run + r) as usize], index)
                }) else {
                    continue;
                };
                for later in pos + 1..pat.n_stops {
                    if net.pattern_flags(pat)[later as usize] & ALIGHT == 0 {
                        continue;
                    }
                    let q = net.pattern_stops(pat)[later as usize];
                    let arr = net.arr[Network::time_ix(pat, r, later)] as i64 + offset;
                    if let Some(e) = egress[q.ix()] {
                        best = best.min(arr + e as i64);
                    }
                    let mut relax = |stop: usize, at: i64| {
                        if at < ready[stop] {
                            ready[stop] = at;
                            heap.push(Reverse((at, stop as u32)));
                        }
                    };
                    relax(q.ix(), arr + net.change_secs[q.ix()] as i64);
                    for &(w, secs) in net.footpaths.row(q.ix()) {
                        relax(w.ix(), arr + secs as i64);
                    }
                }
            }
        }
    }
    (best != i64::MAX).then(|| clock::to_local(tt.tz, reference + best))
}

/// The walking links both searches use, `(from, to, seconds)`, and each stop's change time: for
/// the benchmark to hand the very same links to another planner (pynigiri, as `transfers.txt`).
pub fn walking_links(tt: &Timetable) -> (Vec<(StopIdx, StopIdx, u32)>, Vec<u32>) {
    let net = tt.network();
    let links = (0..net.footpaths.rows())
        .flat_map(|from| {
            net.footpaths
                .row(from)
                .iter()
                .map(move |&(to, secs)| (StopIdx(from as u32), to, secs))
        })
        .collect();
    (links, net.change_secs.clone())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use crate::planner::{reference, Place, Planner};
    use crate::timetable::{StopIdx, Timetable};

    #[test]
    fn the_plain_dijkstra_finds_what_the_search_over_every_run_finds() {
        let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../routes-data/gtfs");
        let tt = Planner::new(Timetable::import(feed).unwrap().timetable);
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let n = tt.timetable().stops().len();
        for i in 0..300 {
            let from = Place::Stop(StopIdx(((i * 7) % n) as u32));
            let to = Place::Stop(StopIdx(((i * 13 + 5) % n) as u32));
            let time = NaiveTime::from_hms_opt(5 + (i % 17) as u32, ((i * 11) % 60) as u32, 0).unwrap();
            assert_eq!(
                super::earliest_arrival(&tt, &from, &to, date, time),
                reference::earliest_arrival(&tt, &from, &to, date, time),
                "{from:?} -> {to:?} at {time}"
            );
        }
    }
}

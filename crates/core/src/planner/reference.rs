//! A plain earliest-arrival search, slow but plainly right, to check the planner against and to
//! measure it by: Dijkstra over stops, where leaving a stop means taking any trip that leaves it
//! later and getting off at any stop after. No rounds, no patterns scanned in order, no pruning
//! beyond Dijkstra's own; every trip of the three service days is tried.
//!
//! A test oracle, not part of the public API: compiled for the crate's own tests and with the
//! `oracles` feature, which the integration tests and benchmarks that use it require.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::days::days_around;
use super::{Place, Planner};
use crate::timetable::clock;
use crate::timetable::network::{Network, ALIGHT, BOARD};

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
    let start = (clock::local_instant(tt.tz, date, time) - reference) as i32;
    let ends = planner.ends(from, to);
    let net = tt.network();
    let services = &tt.rec.services;
    let days = days_around(tt, date, 1);
    let n = net.change_secs.len();
    let mut egress = vec![None::<u32>; n];
    for &(s, secs) in &ends.egress {
        egress[s.ix()] = Some(egress[s.ix()].map_or(secs, |e| e.min(secs)));
    }
    let mut best = ends.direct.map_or(i64::MAX, |w| start as i64 + w as i64);
    let mut ready = vec![i64::MAX; n];
    let mut heap = BinaryHeap::new();
    for &(s, secs) in &ends.access {
        let t = start as i64 + secs as i64;
        if t < ready[s.ix()] {
            ready[s.ix()] = t;
            heap.push(Reverse((t, s.0)));
        }
    }
    while let Some(Reverse((t, s))) = heap.pop() {
        if t > ready[s as usize] || t >= best {
            continue;
        }
        for &(p, pos) in net.stop_patterns.row(s as usize) {
            let pat = &net.patterns[p as usize];
            let stops = net.pattern_stops(pat);
            let flags = net.pattern_flags(pat);
            if flags[pos as usize] & BOARD == 0 {
                continue;
            }
            for day in &days {
                let Some(index) = day.index else { continue };
                for r in 0..pat.n_runs {
                    let dep = net.dep[Network::time_ix(pat, r, pos)] as i64 + day.offset as i64;
                    if dep < t || !services.runs(net.run_service[(pat.first_run + r) as usize], index) {
                        continue;
                    }
                    for later in pos + 1..pat.n_stops {
                        if flags[later as usize] & ALIGHT == 0 {
                            continue;
                        }
                        let q = stops[later as usize];
                        let arr = net.arr[Network::time_ix(pat, r, later)] as i64 + day.offset as i64;
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
    }
    (best != i64::MAX).then(|| clock::to_local(tt.tz, reference + best))
}

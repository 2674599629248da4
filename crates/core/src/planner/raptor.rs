//! RAPTOR, the round-based earliest-arrival search of Delling, Pajor & Werneck (2012), on a
//! [`Network`]. Round *k* finds the earliest arrival at every stop with at most *k* rides;
//! the rounds where the target improves are the Pareto options over arrival and transfers.
//!
//! Each stop has two labels: the earliest arrival by a ride (from which one may walk on or
//! stop), and the earliest time one is ready to board there (a ride's arrival plus the stop's
//! change time, or the end of a walk). Keeping them apart keeps change times exact.

use crate::timetable::network::{Network, Pattern, ALIGHT, BOARD};
use crate::timetable::{Services, StopIdx};

use super::days::{Day, INF};
use super::ends::Ends;
use super::raw::{walk, End, RawJourney};
use super::rounds::{reconstruct, Ready, Ride, Round};

/// The labels of a search, kept from one query to the next so that a query allocates nothing
/// once they have grown to the network's size. Labels are reset per query with a fill, which
/// for a few hundred stops costs less than tracking what was touched.
#[derive(Default)]
pub(crate) struct Labels {
    best_arr: Vec<i32>,
    best_ready: Vec<i32>,
    egress: Vec<u32>,
    from_pos: Vec<u32>,
    improved_flag: Vec<bool>,
    marked_flag: Vec<bool>,
    marked: Vec<StopIdx>,
    queue: Vec<u32>,
    improved: Vec<StopIdx>,
    /// Per-round labels, only filled when journeys are to be rebuilt ([`search`]).
    rounds: Vec<Round>,
}

impl Labels {
    fn reset(&mut self, n: usize, patterns: usize) {
        for v in [&mut self.best_arr, &mut self.best_ready] {
            v.clear();
            v.resize(n, INF);
        }
        self.egress.clear();
        self.egress.resize(n, u32::MAX);
        for v in [&mut self.improved_flag, &mut self.marked_flag] {
            v.clear();
            v.resize(n, false);
        }
        self.from_pos.clear();
        self.from_pos.resize(patterns, u32::MAX);
        self.marked.clear();
        self.queue.clear();
        self.improved.clear();
    }
}

/// The earliest arrival at the target from `start`, for each number of rides up to
/// `max_rides` that improves on fewer rides: the Pareto options, fewest rides first.
pub(crate) fn search(
    net: &Network,
    services: &Services,
    days: &[Day],
    start: i32,
    ends: &Ends,
    max_rides: usize,
    space: &mut Labels,
) -> Vec<RawJourney> {
    let mut found = Vec::new();
    if let Some(secs) = ends.direct {
        let walk = walk(End::Origin, End::Target, start, start.saturating_add(secs as i32));
        found.push(RawJourney {
            legs: if secs > 0 { vec![walk] } else { vec![] },
            departure: start,
            arrival: walk.arr,
        });
    }
    run(net, services, days, start, ends, max_rides, space, Some(&mut found));
    found
}

/// Only the earliest arrival at the target, `INF` when there is none: the same rounds as
/// [`search`] without the per-round labels journeys are rebuilt from.
pub(crate) fn earliest(
    net: &Network,
    services: &Services,
    days: &[Day],
    start: i32,
    ends: &Ends,
    max_rides: usize,
    space: &mut Labels,
) -> i32 {
    run(net, services, days, start, ends, max_rides, space, None)
}

/// The rounds. Pruning, all exact: a stop is marked only when its ready time improves and is
/// before the best arrival at the target so far (nothing boarded from it can arrive earlier),
/// a run is boarded only when it leaves before that arrival, and a search ends when no stop is
/// marked or the rides run out.
#[allow(clippy::too_many_arguments)]
fn run(
    net: &Network,
    services: &Services,
    days: &[Day],
    start: i32,
    ends: &Ends,
    max_rides: usize,
    space: &mut Labels,
    mut found: Option<&mut Vec<RawJourney>>,
) -> i32 {
    let n = net.change_secs.len();
    space.reset(n, net.patterns.len());
    for &(s, secs) in &ends.egress {
        space.egress[s.ix()] = space.egress[s.ix()].min(secs);
    }
    let mut target = ends.direct.map_or(INF, |secs| start.saturating_add(secs as i32));
    let record = found.is_some();
    if record {
        if space.rounds.is_empty() {
            space.rounds.push(Round::default());
        }
        space.rounds[0].clear(n);
    }
    for &(s, secs) in &ends.access {
        let t = start.saturating_add(secs as i32);
        if t < space.best_ready[s.ix()] && t < target {
            space.best_ready[s.ix()] = t;
            if record {
                space.rounds[0].ready[s.ix()] = Some((t, Ready::Origin(secs)));
            }
            if !space.marked_flag[s.ix()] {
                space.marked_flag[s.ix()] = true;
                space.marked.push(s);
            }
        }
    }
    for k in 1..=max_rides {
        let Labels {
            best_arr,
            best_ready,
            egress,
            from_pos,
            improved_flag,
            marked_flag,
            marked,
            queue,
            improved,
            rounds,
        } = space;
        queue.clear();
        for s in marked.drain(..) {
            marked_flag[s.ix()] = false;
            for &(p, pos) in net.stop_patterns.row(s.ix()) {
                if from_pos[p as usize] == u32::MAX {
                    queue.push(p);
                }
                from_pos[p as usize] = from_pos[p as usize].min(pos);
            }
        }
        if record && rounds.len() <= k {
            rounds.resize_with(k + 1, Round::default);
        }
        let mut round = rounds.get_mut(k).filter(|_| record);
        if let Some(r) = round.as_deref_mut() {
            r.clear(n);
        }
        for &p in queue.iter() {
            let first = std::mem::replace(&mut from_pos[p as usize], u32::MAX);
            let pat = &net.patterns[p as usize];
            // Days in time order. A later day is scanned only when an earlier one missed a
            // stop (no run of that day could be boarded there): otherwise every run of the later
            // day arrives after the one already boarded, provided the pattern spans less than
            // the gap between the two days (checked, as days of 23 or 25 hours exist).
            let (min_t, max_t) = (
                net.arr[Network::time_ix(pat, 0, 0)],
                pat.last_dep
                    .max(net.arr[Network::time_ix(pat, pat.n_runs.saturating_sub(1), pat.n_stops.saturating_sub(1))]),
            );
            let mut needed = true;
            for (i, day) in days.iter().enumerate() {
                if !needed {
                    break;
                }
                let fifo_next = days
                    .get(i + 1)
                    .is_some_and(|next| max_t.saturating_sub(min_t) < next.offset.saturating_sub(day.offset));
                needed = true;
                let Some(index) = day.index else { continue };
                // A pattern that has left before the start, or whose first departure (its first
                // run at its first stop: runs never overtake and times never go back) is not
                // before the best arrival so far, has nothing to offer on that day.
                let first_dep = net.dep[Network::time_ix(pat, 0, 0)].saturating_add(day.offset);
                if first_dep >= target {
                    break;
                }
                if pat.last_dep.saturating_add(day.offset) < start {
                    continue;
                }
                let scan = Scan {
                    net,
                    services,
                    pat,
                    p,
                    day: index,
                    offset: day.offset,
                };
                let missed = scan.run(
                    first,
                    best_ready,
                    best_arr,
                    target,
                    round.as_deref_mut(),
                    improved,
                    improved_flag,
                );
                needed = missed || !fifo_next;
            }
        }
        let mut reached = None;
        for &s in improved.iter() {
            improved_flag[s.ix()] = false;
            let arr = best_arr[s.ix()];
            if egress[s.ix()] != u32::MAX {
                let t = arr.saturating_add(egress[s.ix()] as i32);
                if t < target {
                    target = t;
                    reached = Some((s, egress[s.ix()]));
                }
            }
        }
        for &s in improved.iter() {
            let arr = best_arr[s.ix()];
            let mut relax = |q: StopIdx, t: i32, how: Ready| {
                if t < best_ready[q.ix()] && t < target {
                    best_ready[q.ix()] = t;
                    if let Some(r) = round.as_deref_mut() {
                        r.ready[q.ix()] = Some((t, how));
                    }
                    if !marked_flag[q.ix()] {
                        marked_flag[q.ix()] = true;
                        marked.push(q);
                    }
                }
            };
            relax(s, arr.saturating_add(net.change_secs[s.ix()] as i32), Ready::Change);
            for &(q, secs) in net.footpaths.row(s.ix()) {
                relax(q, arr.saturating_add(secs as i32), Ready::Walk(s, secs));
            }
        }
        improved.clear();
        if let (Some(found), Some((s, secs))) = (found.as_deref_mut(), reached) {
            found.push(reconstruct(net, &rounds[..=k], k, s, secs, target));
        }
        if marked.is_empty() {
            break;
        }
    }
    target
}

/// One pattern scanned on one service day; [`Scan::run`] says whether some stop that could be
/// boarded from had no run of the day to board.
struct Scan<'a> {
    net: &'a Network,
    services: &'a Services,
    pat: &'a Pattern,
    p: u32,
    day: u32,
    offset: i32,
}

impl Scan<'_> {
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        first: u32,
        best_ready: &[i32],
        best_arr: &mut [i32],
        target: i32,
        mut round: Option<&mut Round>,
        improved: &mut Vec<StopIdx>,
        improved_flag: &mut [bool],
    ) -> bool {
        let (net, pat) = (self.net, self.pat);
        let mut missed = false;
        let stops = net.pattern_stops(pat);
        let flags = net.pattern_flags(pat);
        let mut current: Option<(u32, u32)> = None;
        for pos in first..pat.n_stops {
            let s = stops[pos as usize];
            if let Some((run, board)) = current {
                if flags[pos as usize] & ALIGHT != 0 {
                    let arr = net.arr[Network::time_ix(pat, run, pos)].saturating_add(self.offset);
                    if arr < best_arr[s.ix()] && arr < target {
                        best_arr[s.ix()] = arr;
                        if let Some(round) = round.as_deref_mut() {
                            round.ride[s.ix()] = Some(Ride {
                                arr,
                                pattern: self.p,
                                run,
                                offset: self.offset,
                                board,
                            });
                        }
                        if !improved_flag[s.ix()] {
                            improved_flag[s.ix()] = true;
                            improved.push(s);
                        }
                    }
                }
            }
            let ready = best_ready[s.ix()];
            // Boarding at `ready` or later cannot beat the target (covers unreached stops, `INF`).
            if flags[pos as usize] & BOARD == 0 || ready >= target {
                continue;
            }
            let catchable = match current {
                None => true,
                Some((run, _)) => ready < net.dep[Network::time_ix(pat, run, pos)].saturating_add(self.offset),
            };
            if catchable {
                if let Some(run) = self.earliest_run(pos, ready.saturating_sub(self.offset), current.map(|c| c.0)) {
                    current = Some((run, pos));
                }
            }
            missed |= current.is_none();
        }
        missed
    }

    /// The first run leaving position `pos` at `t` or later that runs on the day, among the
    /// runs before `before` (the one already boarded).
    fn earliest_run(&self, pos: u32, t: i32, before: Option<u32>) -> Option<u32> {
        let (net, pat) = (self.net, self.pat);
        let end = before.unwrap_or(pat.n_runs);
        let (mut lo, mut hi) = (0, end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if net.dep[Network::time_ix(pat, mid, pos)] < t {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..end).find(|&r| {
            self.services
                .runs(net.run_service[(pat.first_run + r) as usize], self.day)
        })
    }
}

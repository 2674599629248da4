//! The planner's view of a timetable: trips grouped into patterns, times as plain integers in
//! flat arrays, and the footpaths between stops.
//!
//! A *pattern* is a sequence of stops that some trips all serve in that order, with trips sorted
//! so that none overtakes another: the earliest trip to leave any stop of the pattern is also
//! the earliest to reach every later stop. This is what RAPTOR's route scan needs. A *run* is one
//! trip's times along its pattern (a trip from `frequencies.txt` gives many runs).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::timetable::{LineIdx, StopIdx, TripIdx};

/// A traveller may board at this position of a pattern.
pub(crate) const BOARD: u8 = 1;
/// A traveller may get off at this position of a pattern.
pub(crate) const ALIGHT: u8 = 2;

/// Compressed rows: the items of row `i` are `items[start[i]..start[i + 1]]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Csr<T> {
    pub(crate) start: Vec<u32>,
    pub(crate) items: Vec<T>,
}

impl<T> Default for Csr<T> {
    fn default() -> Self {
        Csr {
            start: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T> Csr<T> {
    pub(crate) fn from_rows(rows: Vec<Vec<T>>) -> Csr<T> {
        let mut start = Vec::with_capacity(rows.len() + 1);
        let mut items = Vec::new();
        start.push(0);
        for row in rows {
            items.extend(row);
            start.push(items.len() as u32);
        }
        Csr { start, items }
    }

    #[inline]
    pub(crate) fn row(&self, i: usize) -> &[T] {
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }

    pub(crate) fn rows(&self) -> usize {
        self.start.len().saturating_sub(1)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Pattern {
    pub(crate) line: LineIdx,
    /// Its stops are `stops[first_stop..first_stop + n_stops]`, with `flags` alongside.
    pub(crate) first_stop: u32,
    pub(crate) n_stops: u32,
    /// Its runs are `runs[first_run..first_run + n_runs]`, in FIFO order.
    pub(crate) first_run: u32,
    pub(crate) n_runs: u32,
    /// The times of run `r` (0-based within the pattern) at position `i` are at index
    /// `first_time + r * n_stops + i` of `arr` and `dep`.
    pub(crate) first_time: u32,
    /// The latest departure of any run at any stop, to skip a pattern that has left.
    pub(crate) last_dep: i32,
}

/// What runs of one pattern share: line, stops, and where one may board or get off.
type PatternKey<'r> = (LineIdx, &'r [StopIdx], &'r [u8]);

/// One run before patterns are made: a trip's stops and times.
pub(crate) struct RunInput {
    pub(crate) trip: TripIdx,
    pub(crate) line: LineIdx,
    pub(crate) service: u32,
    pub(crate) stops: Vec<StopIdx>,
    pub(crate) flags: Vec<u8>,
    pub(crate) arr: Vec<i32>,
    pub(crate) dep: Vec<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Network {
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) stops: Vec<StopIdx>,
    pub(crate) flags: Vec<u8>,
    pub(crate) runs: Vec<TripIdx>,
    /// The service of each run, beside `runs`.
    pub(crate) run_service: Vec<u32>,
    pub(crate) arr: Vec<i32>,
    pub(crate) dep: Vec<i32>,
    /// For each stop, the (pattern, position) pairs that serve it.
    pub(crate) stop_patterns: Csr<(u32, u32)>,
    /// For each stop, the stops reached on foot and in how many seconds.
    pub(crate) footpaths: Csr<(StopIdx, u32)>,
    /// For each stop, the seconds needed to change from one vehicle to another there.
    pub(crate) change_secs: Vec<u32>,
}

impl Network {
    /// Groups runs into overtaking-free patterns.
    pub(crate) fn build(
        n_stops: usize,
        mut runs: Vec<RunInput>,
        footpaths: Csr<(StopIdx, u32)>,
        change_secs: Vec<u32>,
    ) -> Network {
        let mut groups: HashMap<PatternKey, Vec<usize>> = HashMap::new();
        runs.sort_by_key(|r| (r.dep.first().copied(), r.trip));
        for (i, run) in runs.iter().enumerate() {
            groups.entry((run.line, &run.stops, &run.flags)).or_default().push(i);
        }
        let mut keys: Vec<_> = groups.keys().copied().collect();
        keys.sort();
        let mut net = Network {
            footpaths,
            change_secs,
            ..Network::default()
        };
        for key in keys {
            // Greedy split: a run joins the first sub-pattern whose last run it never overtakes.
            let mut subs: Vec<Vec<usize>> = Vec::new();
            for &i in &groups[&key] {
                let fits = |sub: &Vec<usize>| {
                    let last = &runs[*sub.last().unwrap_or(&i)];
                    (0..last.arr.len()).all(|s| runs[i].arr[s] >= last.arr[s] && runs[i].dep[s] >= last.dep[s])
                };
                match subs.iter_mut().find(|s| fits(s)) {
                    Some(sub) => sub.push(i),
                    None => subs.push(vec![i]),
                }
            }
            for sub in subs {
                net.push_pattern(key.0, key.1, key.2, sub.iter().map(|&i| &runs[i]));
            }
        }
        net.index_stops(n_stops);
        net
    }

    fn push_pattern<'r>(
        &mut self,
        line: LineIdx,
        stops: &[StopIdx],
        flags: &[u8],
        runs: impl Iterator<Item = &'r RunInput>,
    ) {
        let mut pattern = Pattern {
            line,
            first_stop: self.stops.len() as u32,
            n_stops: stops.len() as u32,
            first_run: self.runs.len() as u32,
            n_runs: 0,
            first_time: self.arr.len() as u32,
            last_dep: i32::MIN,
        };
        self.stops.extend_from_slice(stops);
        self.flags.extend_from_slice(flags);
        for run in runs {
            self.runs.push(run.trip);
            self.run_service.push(run.service);
            self.arr.extend_from_slice(&run.arr);
            self.dep.extend_from_slice(&run.dep);
            pattern.last_dep = pattern.last_dep.max(run.dep.iter().copied().max().unwrap_or(i32::MIN));
            pattern.n_runs += 1;
        }
        self.patterns.push(pattern);
    }

    fn index_stops(&mut self, n_stops: usize) {
        let mut rows = vec![Vec::new(); n_stops];
        for (p, pattern) in self.patterns.iter().enumerate() {
            for (pos, stop) in self.pattern_stops(pattern).iter().enumerate() {
                rows[stop.ix()].push((p as u32, pos as u32));
            }
        }
        self.stop_patterns = Csr::from_rows(rows);
    }

    #[inline]
    pub(crate) fn pattern_stops(&self, p: &Pattern) -> &[StopIdx] {
        &self.stops[p.first_stop as usize..(p.first_stop + p.n_stops) as usize]
    }

    #[inline]
    pub(crate) fn pattern_flags(&self, p: &Pattern) -> &[u8] {
        &self.flags[p.first_stop as usize..(p.first_stop + p.n_stops) as usize]
    }

    /// Index in `arr`/`dep` of run `r` (within the pattern) at position `pos`.
    #[inline]
    pub(crate) fn time_ix(p: &Pattern, r: u32, pos: u32) -> usize {
        (p.first_time + r * p.n_stops + pos) as usize
    }

    /// The same network with time running backwards: stops in reverse order, times negated,
    /// boarding and alighting swapped, footpaths reversed. The earliest arrival in it is the
    /// latest departure in this one, so one search serves both questions.
    pub(crate) fn reversed(&self) -> Network {
        let mut runs = Vec::with_capacity(self.runs.len());
        for p in &self.patterns {
            let stops: Vec<StopIdx> = self.pattern_stops(p).iter().rev().copied().collect();
            let flags: Vec<u8> = self
                .pattern_flags(p)
                .iter()
                .rev()
                .map(|f| (f & BOARD) << 1 | (f & ALIGHT) >> 1)
                .collect();
            for r in 0..p.n_runs {
                let run = (p.first_run + r) as usize;
                let n = p.n_stops;
                runs.push(RunInput {
                    trip: self.runs[run],
                    line: p.line,
                    service: self.run_service[run],
                    stops: stops.clone(),
                    flags: flags.clone(),
                    arr: (0..n).rev().map(|i| -self.dep[Self::time_ix(p, r, i)]).collect(),
                    dep: (0..n).rev().map(|i| -self.arr[Self::time_ix(p, r, i)]).collect(),
                });
            }
        }
        let n_stops = self.change_secs.len();
        Network::build(n_stops, runs, self.incoming_footpaths(), self.change_secs.clone())
    }

    /// The footpaths turned around: for each stop, the stops that walk to it, and in how long.
    pub(crate) fn incoming_footpaths(&self) -> Csr<(StopIdx, u32)> {
        let mut back = vec![Vec::new(); self.change_secs.len()];
        for from in 0..self.footpaths.rows() {
            for &(to, secs) in self.footpaths.row(from) {
                back[to.ix()].push((StopIdx(from as u32), secs));
            }
        }
        Csr::from_rows(back)
    }
}

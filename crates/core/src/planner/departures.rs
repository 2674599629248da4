//! A departures board: what leaves a stop from a given time, as on the screen in a station.

use chrono::{DateTime, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use super::days::days_around;
use super::Planner;
use crate::timetable::network::{Network, BOARD};
use crate::timetable::{clock, LineIdx, Mode, StopIdx, TripIdx};

/// One departure on the board.
#[derive(Clone, Debug, PartialEq)]
pub struct Departure {
    /// The stop it leaves from (one of a station's stops when the board is a station's).
    pub stop: StopIdx,
    pub time: DateTime<Tz>,
    pub line: LineIdx,
    pub trip: TripIdx,
    pub mode: Mode,
    /// Where it goes: the trip's headsign, else the name of its last stop.
    pub headsign: String,
    /// True when the time is a sample, not an operator's ([`crate::timetable::Line::sample`]).
    pub sample: bool,
}

/// A board looks this far ahead: a rural stop may see its next bus tomorrow morning.
const HORIZON_SECS: i32 = 24 * 3600;

impl Planner {
    /// The next `limit` departures from a stop (or any stop of a station) from `from` on
    /// `date`, over the next 24 hours, in order. Trips that only end there are not departures.
    pub fn departures(&self, stop: StopIdx, date: NaiveDate, from: NaiveTime, limit: usize) -> Vec<Departure> {
        let tt = self.timetable();
        if stop.ix() >= tt.stops().len() {
            return Vec::new();
        }
        let reference = clock::reference(tt.tz, date);
        let start = (clock::local_instant(tt.tz, date, from) - reference) as i32;
        let net = tt.network();
        let days = days_around(tt, date, 1);
        let mut found = Vec::new();
        for s in tt.stop_and_children(stop) {
            for &(p, pos) in net.stop_patterns.row(s.ix()) {
                let pat = &net.patterns[p as usize];
                let last_stop = pos + 1 == pat.n_stops;
                if last_stop || net.pattern_flags(pat)[pos as usize] & BOARD == 0 {
                    continue;
                }
                let last = net.pattern_stops(pat)[pat.n_stops as usize - 1];
                for day in &days {
                    let Some(index) = day.index else { continue };
                    for r in 0..pat.n_runs {
                        let t = net.dep[Network::time_ix(pat, r, pos)].saturating_add(day.offset);
                        let run = (pat.first_run + r) as usize;
                        if (start..start.saturating_add(HORIZON_SECS)).contains(&t)
                            && tt.rec.services.runs(net.run_service[run], index)
                        {
                            found.push((t, s, net.runs[run], last));
                        }
                    }
                }
            }
        }
        found.sort_by_key(|&(t, s, trip, _)| (t, trip, s));
        found.dedup_by_key(|d| (d.0, d.2));
        found.truncate(limit);
        found
            .into_iter()
            .map(|(t, s, trip, last)| {
                let info = tt.trip(trip);
                let line = tt.line(info.line);
                Departure {
                    stop: s,
                    time: clock::to_local(tt.tz, reference + t as i64),
                    line: info.line,
                    trip,
                    mode: line.mode,
                    headsign: if info.headsign.is_empty() {
                        tt.stop(last).name.clone()
                    } else {
                        info.headsign.clone()
                    },
                    sample: line.sample,
                }
            })
            .collect()
    }
}

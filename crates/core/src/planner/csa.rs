//! The Connection Scan Algorithm (Dibbelt, Pajor, Strasser & Wagner, 2013), for the one
//! question it answers fastest: the earliest arrival, whatever the number of rides. Every hop of
//! every run between two consecutive stops is a *connection*; one pass over them in order of
//! departure, from the start time until one leaves after the best arrival at the target, finds
//! it. No queue and no rounds: a query touches only the connections of the hours it spans.
//!
//! A query asks about one date, and the next one usually about the same: the connections of
//! the runs that run on that date (and on the days before and after, for trips past midnight and
//! journeys into the next day) are gathered once per date into a [`DayTable`], in the date's
//! seconds, so that the scan never meets a run that does not run.
//!
//! The labels mean what RAPTOR's do: the time one is ready to board at a stop (a ride's arrival
//! plus the stop's change time, or the end of a walk), with the same footpaths and walks to the
//! target. Each label also counts the rides of the journey that set it; when the journey
//! found needs more rides than the query allows, the caller asks RAPTOR, whose rounds bound
//! them (the earliest arrival by more rides says nothing of the earliest by fewer).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;

use crate::timetable::network::{Csr, Network, ALIGHT, BOARD};
use crate::timetable::{clock, Timetable};

use super::days::{days_around, Day, INF};
use super::ends::Ends;

/// One hop of one run, from a stop to the next one of its pattern, in seconds from the
/// reference of the run's service day. Where one may not get on, `from` is the stop "nowhere"
/// (the one after the last), where no one is ever ready to board; where one may not get off,
/// `to` is, where every arrival is too late: the scan then needs no test of pickup and
/// drop-off flags.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Connection {
    dep: i32,
    arr: i32,
    from: u32,
    to: u32,
    /// The run, as an index into [`Network::runs`] (in a [`DayTable`], its slot for its day).
    run: u32,
}

/// Every connection of a network, by departure (then arrival, so that a run's hops of no
/// duration keep their order).
#[derive(Debug, Default)]
pub(crate) struct Connections {
    all: Vec<Connection>,
}

impl Connections {
    pub(crate) fn build(net: &Network) -> Connections {
        let mut all = Vec::with_capacity(net.dep.len());
        let nowhere = net.change_secs.len() as u32;
        for p in &net.patterns {
            let (stops, flags) = (net.pattern_stops(p), net.pattern_flags(p));
            for r in 0..p.n_runs {
                for pos in 1..p.n_stops {
                    let (board, alight) = (flags[pos as usize - 1] & BOARD != 0, flags[pos as usize] & ALIGHT != 0);
                    // A hop where one may neither get on nor off changes no label: a run is
                    // followed by its stamp, not hop by hop.
                    if !board && !alight {
                        continue;
                    }
                    all.push(Connection {
                        dep: net.dep[Network::time_ix(p, r, pos - 1)],
                        arr: net.arr[Network::time_ix(p, r, pos)],
                        from: if board { stops[pos as usize - 1].0 } else { nowhere },
                        to: if alight { stops[pos as usize].0 } else { nowhere },
                        run: p.first_run + r,
                    });
                }
            }
        }
        all.sort_by_key(|c| (c.dep, c.arr));
        Connections { all }
    }
}

/// The connections a search on one date may take, by departure in the date's seconds (from its
/// noon minus 12 h, as everywhere in the planner); `run` is then the run's slot for its day.
pub(crate) struct DayTable {
    /// The planner (see [`super::Planner`]'s `id`) and date it was made for.
    key: (u64, NaiveDate),
    pub(crate) reference: i64,
    /// The Unix time of the date's local midnight and the zone's offset that day, when the
    /// clocks do not change that day: a time of day is then that many seconds later, and an
    /// instant of the day its UTC time plus the offset, with no time-zone lookup.
    midnight: Option<(i64, <Tz as TimeZone>::Offset)>,
    pub(crate) days: Vec<Day>,
    run_slots: usize,
    conns: Vec<Connection>,
    /// For each stop, the connections one may board there, by departure: a scan starts at the
    /// first one leaving a stop the traveller can be at, skipping the wait before it.
    boarding: Csr<u32>,
}

impl DayTable {
    /// The table for `date`, from `cache` when it holds that date's for the planner `id`, else
    /// made from `all` (the timetable's connections) and kept there.
    pub(crate) fn cached<'c>(
        cache: &'c mut Option<DayTable>,
        id: u64,
        tt: &Timetable,
        all: &Connections,
        date: NaiveDate,
    ) -> &'c DayTable {
        if cache.as_ref().is_none_or(|table| table.key != (id, date)) {
            return cache.insert(DayTable::build((id, date), tt, all));
        }
        // Filled and current here: the closure never runs.
        cache.get_or_insert_with(|| DayTable::build((id, date), tt, all))
    }

    fn build(key: (u64, NaiveDate), tt: &Timetable, all: &Connections) -> DayTable {
        let date = key.1;
        let (net, services) = (tt.network(), &tt.rec.services);
        let days = days_around(tt, date, 1);
        let n_runs = net.runs.len();
        let nowhere = net.change_secs.len() as u32;
        let mut conns = Vec::new();
        for (slot, day) in days.iter().enumerate() {
            let Some(index) = day.index else { continue };
            conns.extend(
                all.all
                    .iter()
                    .filter(|c| services.runs(net.run_service[c.run as usize], index))
                    .map(|c| Connection {
                        dep: c.dep.saturating_add(day.offset),
                        arr: c.arr.saturating_add(day.offset),
                        run: (slot * n_runs) as u32 + c.run,
                        ..*c
                    }),
            );
        }
        // Each day's part is sorted already: the stable sort merges the runs.
        conns.sort_by_key(|c| (c.dep, c.arr));
        let midnight = |d: NaiveDate| {
            let t = clock::local_instant(tt.tz, d, NaiveTime::MIN);
            (clock::to_local(tt.tz, t).time() == NaiveTime::MIN).then_some(t)
        };
        let next = date.succ_opt().and_then(midnight);
        let mut boarding = vec![Vec::new(); net.change_secs.len()];
        for (i, c) in conns.iter().enumerate() {
            if c.from != nowhere {
                boarding[c.from as usize].push(i as u32);
            }
        }
        DayTable {
            boarding: Csr::from_rows(boarding),
            key,
            reference: clock::reference(tt.tz, date),
            midnight: midnight(date)
                .filter(|&m| next == Some(m + 86_400))
                .map(|m| (m, *clock::to_local(tt.tz, m).offset())),
            run_slots: n_runs * days.len(),
            days,
            conns,
        }
    }

    /// The Unix time of `time` on the table's date, read as [`clock::local_instant`] does.
    pub(crate) fn instant(&self, tz: Tz, time: NaiveTime) -> i64 {
        match self.midnight {
            Some((m, _)) => m + time.num_seconds_from_midnight() as i64,
            None => clock::local_instant(tz, self.key.1, time),
        }
    }

    /// An instant as a date and time in the zone, as [`clock::to_local`] gives it.
    pub(crate) fn local(&self, tz: Tz, unix: i64) -> DateTime<Tz> {
        match (self.midnight, DateTime::from_timestamp(unix, 0)) {
            (Some((m, offset)), Some(at)) if (m..m + 86_400).contains(&unix) => {
                DateTime::from_naive_utc_and_offset(at.naive_utc(), offset)
            }
            _ => clock::to_local(tz, unix),
        }
    }
}

/// What a scan found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// The earliest arrival (`INF`: the target cannot be reached), by a journey of at most the
    /// rides allowed.
    Arrival(i32),
    /// The earliest arrival needs more rides than allowed: ask RAPTOR.
    TooManyRides,
}

/// A time and the rides taken to be there, in one integer ordered by time, then rides: one
/// comparison says whether a label improves another.
type Label = i64;

const UNREACHED: Label = Label::MAX;

fn label(t: i32, rides: u8) -> Label {
    (t as i64) << 8 | rides as i64
}

/// The time of a label (`INF` for none).
fn time_of(l: Label) -> i32 {
    (l >> 8).min(INF as i64) as i32
}

fn rides_of(l: Label) -> u8 {
    (l & 0xff) as u8
}

/// The first label at time `t`, also a duration to add to a label.
fn before(t: i32) -> Label {
    (t as i64) << 8
}

/// Labels kept from one query to the next, so that a query allocates nothing.
#[derive(Default)]
pub(crate) struct Labels {
    /// When one is ready to board at each stop.
    ready: Vec<Label>,
    /// The earliest arrival by a ride at each stop: a later one walks nowhere new.
    arrived: Vec<Label>,
    egress: Vec<u32>,
    /// Per run and service day: the stamp of the last query that boarded it, with the rides
    /// taken once on it.
    runs: Vec<(u32, u8)>,
    stamp: u32,
}

impl Labels {
    /// Labels for `stops` stops and one more: the stop "nowhere" of a [`DayTable`], never
    /// ready to board from and already arrived at, so that nothing happens there.
    fn reset(&mut self, stops: usize, run_slots: usize) {
        for v in [&mut self.ready, &mut self.arrived] {
            v.clear();
            v.resize(stops + 1, UNREACHED);
        }
        self.arrived[stops] = Label::MIN;
        self.egress.clear();
        self.egress.resize(stops + 1, u32::MAX);
        if self.runs.len() != run_slots || self.stamp == u32::MAX {
            self.runs.clear();
            self.runs.resize(run_slots, (0, 0));
            self.stamp = 0;
        }
        self.stamp += 1;
    }

    #[inline]
    fn relax(&mut self, stop: usize, l: Label) {
        if l < self.ready[stop] {
            self.ready[stop] = l;
        }
    }
}

/// The earliest arrival at the target from `start` (in the table's seconds).
pub(crate) fn earliest(
    net: &Network,
    table: &DayTable,
    start: i32,
    ends: &Ends,
    max_rides: usize,
    labels: &mut Labels,
) -> Found {
    labels.reset(net.change_secs.len(), table.run_slots);
    for &(s, secs) in &ends.egress {
        labels.egress[s.ix()] = labels.egress[s.ix()].min(secs);
    }
    let mut target = ends
        .direct
        .map_or(UNREACHED, |w| label(start.saturating_add(w as i32), 0));
    let conns = &table.conns;
    // Until a run is boarded at a stop one walked to, no connection changes anything.
    let mut first = conns.len();
    for &(s, secs) in &ends.access {
        let t = start.saturating_add(secs as i32);
        labels.relax(s.ix(), label(t, 0));
        let row = table.boarding.row(s.ix());
        if let Some(&i) = row.get(row.partition_point(|&i| conns[i as usize].dep < t)) {
            first = first.min(i as usize);
        }
    }
    let mut target_time = time_of(target);
    for c in &conns[first..] {
        // Nothing leaving after the best arrival can improve it.
        if c.dep >= target_time {
            break;
        }
        let (run, from) = (c.run as usize, c.from as usize);
        // Ready by the departure: at it, whatever the rides. (Labels are 40-bit numbers in an
        // i64: no sum below overflows.)
        let ready = labels.ready[from];
        let on = &mut labels.runs[run];
        if ready <= before(c.dep) | 0xff {
            let rides = rides_of(ready).saturating_add(1);
            *on = if on.0 == labels.stamp {
                (on.0, on.1.min(rides))
            } else {
                (labels.stamp, rides)
            };
        } else if on.0 != labels.stamp {
            continue;
        }
        let (to, rides) = (c.to as usize, on.1);
        let arrival = label(c.arr, rides);
        if arrival >= labels.arrived[to] || arrival >= target {
            continue;
        }
        labels.arrived[to] = arrival;
        let egress = labels.egress[to];
        if egress != u32::MAX {
            target = target.min(arrival + before(egress as i32));
            target_time = time_of(target);
        }
        labels.relax(to, arrival + before(net.change_secs[to] as i32));
        for &(q, secs) in net.footpaths.row(to) {
            labels.relax(q.ix(), arrival + before(secs as i32));
        }
    }
    if target == UNREACHED {
        Found::Arrival(INF)
    } else if rides_of(target) as usize > max_rides {
        Found::TooManyRides
    } else {
        Found::Arrival(time_of(target))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::{Connections, DayTable};
    use crate::timetable::{clock, Timetable};

    /// Every minute of an ordinary day and of both days the clocks change in Paris reads, both
    /// ways, as the time-zone lookup reads it.
    #[test]
    fn a_time_of_day_reads_as_the_time_zone_says() {
        let tt = Timetable::import(concat!(env!("CARGO_MANIFEST_DIR"), "/../../routes-data/gtfs"))
            .unwrap()
            .timetable;
        let (mut cache, all) = (None, Connections::build(tt.network()));
        for (y, m, d) in [(2026, 12, 1), (2026, 3, 29), (2026, 10, 25), (2027, 3, 28)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let table = DayTable::cached(&mut cache, 0, &tt, &all, date);
            assert_eq!(table.midnight.is_some(), (m, d) == (12, 1), "{date}");
            for minute in 0..24 * 60 {
                let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap();
                assert_eq!(
                    table.instant(tt.tz, time),
                    clock::local_instant(tt.tz, date, time),
                    "{date} {time}"
                );
            }
        }
    }
}

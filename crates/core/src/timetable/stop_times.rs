//! Reading `stop_times.txt` and `frequencies.txt` into runs: each trip's stops in order with
//! a time at every stop (times left empty between timepoints are interpolated).

use crate::timetable::error::Warnings;
use crate::timetable::network::{RunInput, ALIGHT, BOARD};
use crate::timetable::read::Ids;
use crate::timetable::table::{Lines, Table};
use crate::timetable::{FeedError, StopIdx, Trip, TripIdx};

/// A trip from `frequencies.txt` running every few minutes all day gives at most this many runs
/// per frequency row, so a headway of one second cannot blow up the timetable.
const MAX_RUNS_PER_FREQUENCY: u32 = 2000;

/// One row of `frequencies.txt`: start, end and headway, in seconds.
type Frequency = (u32, u32, u32);

/// How many skipped trips a warning names; the rest are counted.
const NAMED_SKIPS: usize = 5;

/// One row of `stop_times.txt`.
struct Call {
    /// Where the row starts in the file, for its line in messages.
    from: u64,
    seq: u32,
    stop: StopIdx,
    arr: Option<u32>,
    dep: Option<u32>,
    flags: u8,
}

/// Reads every stop time, grouped by trip. Returns the calls, how many rows were read, and the
/// file's line counter.
fn read<'a>(bytes: &'a [u8], ids: &Ids, n_trips: usize) -> Result<(Vec<Vec<Call>>, usize, Lines<'a>), FeedError> {
    let mut t = Table::new("stop_times.txt", bytes)?;
    let (trip, stop, seq) = (t.column("trip_id")?, t.column("stop_id")?, t.column("stop_sequence")?);
    let (arr, dep) = (t.column("arrival_time")?, t.column("departure_time")?);
    let (pickup, drop_off) = (t.optional("pickup_type"), t.optional("drop_off_type"));
    let mut calls: Vec<Vec<Call>> = (0..n_trips).map(|_| Vec::new()).collect();
    let mut rows = 0;
    // Rows come grouped by trip in practice: the last trip found is tried before the map.
    let mut last: (String, u32) = (String::new(), 0);
    t.for_each(|row| {
        rows += 1;
        let trip_id = row.required(trip, "trip_id")?;
        let trip = if trip_id == last.0 {
            last.1
        } else {
            let found = *ids
                .trips
                .get(trip_id)
                .ok_or_else(|| row.unknown("trip_id", trip_id, "trip in trips.txt"))?;
            last = (trip_id.to_string(), found);
            found
        };
        let stop_id = row.required(stop, "stop_id")?;
        let stop = *ids
            .stops
            .get(stop_id)
            .ok_or_else(|| row.unknown("stop_id", stop_id, "stop in stops.txt"))?;
        row.required(seq, "stop_sequence")?;
        let seq = row.number(Some(seq), "stop_sequence", 0u32)?;
        let (mut arr, mut dep) = (row.time(arr, "arrival_time")?, row.time(dep, "departure_time")?);
        // Either time alone stands for both.
        arr = arr.or(dep);
        dep = dep.or(arr);
        let mut flags = 0;
        if row.number::<u8>(pickup, "pickup_type", 0)? != 1 {
            flags |= BOARD;
        }
        if row.number::<u8>(drop_off, "drop_off_type", 0)? != 1 {
            flags |= ALIGHT;
        }
        calls[trip as usize].push(Call {
            from: row.from,
            seq,
            stop,
            arr,
            dep,
            flags,
        });
        Ok(())
    })?;
    Ok((calls, rows, t.into_lines()))
}

/// `frequencies.txt`: for each trip, its (start, end, headway) in seconds.
fn frequencies(bytes: &[u8], ids: &Ids, n_trips: usize) -> Result<Vec<Vec<Frequency>>, FeedError> {
    let mut out = vec![Vec::new(); n_trips];
    let mut t = Table::new("frequencies.txt", bytes)?;
    if t.is_blank() {
        return Ok(out);
    }
    let (trip, start, end) = (t.column("trip_id")?, t.column("start_time")?, t.column("end_time")?);
    let headway = t.column("headway_secs")?;
    t.for_each(|row| {
        let trip_id = row.required(trip, "trip_id")?;
        let trip = *ids
            .trips
            .get(trip_id)
            .ok_or_else(|| row.unknown("trip_id", trip_id, "trip in trips.txt"))?;
        let s = row
            .time(start, "start_time")?
            .ok_or_else(|| row.bad("start_time", "", "a time HH:MM:SS"))?;
        let e = row
            .time(end, "end_time")?
            .ok_or_else(|| row.bad("end_time", "", "a time HH:MM:SS"))?;
        let h: u32 = row.number(Some(headway), "headway_secs", 0)?;
        if h == 0 {
            return Err(row.bad("headway_secs", row.get(headway), "a positive number of seconds"));
        }
        out[trip as usize].push((s, e, h));
        Ok(())
    })?;
    Ok(out)
}

/// Why a trip was left out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Skip {
    OneStop,
    NoEndTime,
    Backwards,
}

impl Skip {
    const ALL: [Skip; 3] = [Skip::NoEndTime, Skip::Backwards, Skip::OneStop];

    fn reason(self) -> &'static str {
        match self {
            Skip::OneStop => "it calls at one stop only",
            Skip::NoEndTime => "it has no time at its first or last stop",
            Skip::Backwards => "its times go backwards",
        }
    }

    /// Whether a strict import refuses the feed for it, rather than skipping the trip.
    fn refused_when_strict(self) -> bool {
        self != Skip::OneStop
    }
}

/// The runs read from the stop times.
pub(crate) struct Runs {
    pub(crate) runs: Vec<RunInput>,
    /// Stop-time rows read.
    pub(crate) rows: usize,
    /// Trips left out because their stop times cannot be used.
    pub(crate) skipped: usize,
    /// The first of them, its line and why, for a refusal when no trip is left.
    pub(crate) first_skipped: Option<String>,
}

/// Reads the stop times (and frequencies, when given) into runs, one per trip, or one per
/// departure of a frequency-based trip.
///
/// A trip whose times cannot be used (none at its first or last stop, or going backwards) is
/// skipped, as nigiri and partridge do, and counted in one warning per reason naming the first
/// few with their lines; with `strict`, the first one refuses the feed instead.
pub(crate) fn runs(
    stop_times: &[u8],
    freq: Option<&[u8]>,
    ids: &Ids,
    trips: &[Trip],
    strict: bool,
    warn: &mut Warnings,
) -> Result<Runs, FeedError> {
    let (mut calls, rows, lines) = read(stop_times, ids, trips.len())?;
    let freqs = match freq {
        Some(bytes) => frequencies(bytes, ids, trips.len())?,
        None => vec![Vec::new(); trips.len()],
    };
    let mut runs = Vec::new();
    // Each with where its first row starts: lines are counted only for the few named.
    let mut skipped: Vec<(Skip, &str, u64)> = Vec::new();
    for (t, trip) in trips.iter().enumerate() {
        let calls = &mut calls[t];
        calls.sort_by_key(|c| c.seq);
        let line = || calls.first().map_or(0, |c| lines.of_record_after(c.from));
        let times = match calls.len() {
            0 => continue,
            1 => Err(Skip::OneStop),
            _ => match interpolate(calls) {
                None => Err(Skip::NoEndTime),
                Some(times) if times.windows(2).any(|w| w[1].0 < w[0].1) || times.iter().any(|(a, d)| d < a) => {
                    Err(Skip::Backwards)
                }
                Some(times) => Ok(times),
            },
        };
        let times = match times {
            Ok(times) => times,
            Err(why) if strict && why.refused_when_strict() => {
                return Err(FeedError::Invalid {
                    file: "stop_times.txt",
                    line: line(),
                    reason: format!("trip {:?}: {}", trip.id, why.reason()),
                });
            }
            Err(why) => {
                skipped.push((why, &trip.id, calls.first().map_or(0, |c| c.from)));
                continue;
            }
        };
        let base = RunInput {
            trip: TripIdx(t as u32),
            line: trip.line,
            service: trip.service,
            stops: calls.iter().map(|c| c.stop).collect(),
            flags: calls.iter().map(|c| c.flags).collect(),
            arr: times.iter().map(|t| t.0 as i32).collect(),
            dep: times.iter().map(|t| t.1 as i32).collect(),
        };
        if freqs[t].is_empty() {
            runs.push(base);
            continue;
        }
        for &(start, end, headway) in &freqs[t] {
            let first = base.dep[0];
            let mut at = start;
            let mut n = 0;
            while at < end && n < MAX_RUNS_PER_FREQUENCY {
                let shift = at as i32 - first;
                runs.push(RunInput {
                    trip: base.trip,
                    line: base.line,
                    service: base.service,
                    stops: base.stops.clone(),
                    flags: base.flags.clone(),
                    arr: base.arr.iter().map(|a| a + shift).collect(),
                    dep: base.dep.iter().map(|d| d + shift).collect(),
                });
                at = at.saturating_add(headway);
                n += 1;
            }
        }
    }
    for why in Skip::ALL {
        let of_kind: Vec<&(Skip, &str, u64)> = skipped.iter().filter(|s| s.0 == why).collect();
        let Some(first) = of_kind.first() else { continue };
        let mut named: Vec<String> = of_kind
            .iter()
            .take(NAMED_SKIPS)
            .map(|(_, id, from)| format!("{id:?} (line {})", lines.of_record_after(*from)))
            .collect();
        if of_kind.len() > NAMED_SKIPS {
            named.push(format!("and {} more", of_kind.len() - NAMED_SKIPS));
        }
        warn.push(
            "stop_times.txt",
            lines.of_record_after(first.2),
            format!(
                "{} trip(s) skipped because {}: {}",
                of_kind.len(),
                why.reason(),
                named.join(", ")
            ),
        );
    }
    Ok(Runs {
        runs,
        rows,
        skipped: skipped.iter().filter(|s| s.0 != Skip::OneStop).count(),
        first_skipped: skipped
            .iter()
            .find(|s| s.0 != Skip::OneStop)
            .map(|(why, id, from)| format!("trip {id:?} (line {}): {}", lines.of_record_after(*from), why.reason())),
    })
}

/// Fills the times left empty between two timepoints, in proportion to the stops between them
/// (the feed gives no distances we could trust more). `None` when the first or last is empty.
fn interpolate(calls: &[Call]) -> Option<Vec<(u32, u32)>> {
    let known: Vec<usize> = (0..calls.len()).filter(|&i| calls[i].arr.is_some()).collect();
    if known.first() != Some(&0) || known.last() != Some(&(calls.len() - 1)) {
        return None;
    }
    let mut times = vec![(0, 0); calls.len()];
    for w in known.windows(2) {
        let (a, b) = (w[0], w[1]);
        let from = calls[a].dep?;
        let to = calls[b].arr?;
        for (k, slot) in times.iter_mut().enumerate().take(b).skip(a + 1) {
            let t = from as i64 + (to as i64 - from as i64) * (k - a) as i64 / (b - a) as i64;
            *slot = (t.max(0) as u32, t.max(0) as u32);
        }
    }
    for &i in &known {
        times[i] = (calls[i].arr?, calls[i].dep?);
    }
    Some(times)
}

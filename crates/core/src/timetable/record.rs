//! The timetable as one byte record, for the store and for sync: a short magic, then the
//! timetable in postcard (serde's compact varint encoding). Loading checks every index, so a
//! damaged record is an error, never a panic later in the planner.

use crate::timetable::network::Network;
use crate::timetable::{Record, RecordError, Timetable};

/// The first bytes of a record; the digit changes whenever the layout does.
pub(crate) const MAGIC: &[u8; 8] = b"VELAYTT2";

pub(crate) fn to_bytes(record: &Record) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    // Serialising plain structs of numbers and strings into a Vec cannot fail.
    out.extend(postcard::to_allocvec(record).unwrap_or_default());
    out
}

pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Timetable, RecordError> {
    let body = bytes
        .strip_prefix(MAGIC)
        .ok_or(RecordError::WrongFormat { expected: "VELAYTT2" })?;
    let record: Record = postcard::from_bytes(body).map_err(|e| RecordError::Corrupt(e.to_string()))?;
    check(&record).map_err(RecordError::Corrupt)?;
    let tz = record
        .info
        .timezone
        .parse()
        .map_err(|_| RecordError::UnknownTimeZone(record.info.timezone.clone()))?;
    Ok(Timetable::new(record, tz))
}

/// Every index in range and every slice inside its array.
fn check(r: &Record) -> Result<(), String> {
    let stops = r.stops.len();
    let in_range = |what: &str, i: usize, n: usize| {
        if i < n {
            Ok(())
        } else {
            Err(format!("{what} {i} out of {n}"))
        }
    };
    for s in &r.stops {
        if let Some(p) = s.parent {
            in_range("parent stop", p.ix(), stops)?;
        }
    }
    let services = r.services.count();
    r.services.check()?;
    for t in &r.trips {
        in_range("line", t.line.0 as usize, r.lines.len())?;
        if services > 0 {
            in_range("service", t.service as usize, services)?;
        }
    }
    check_network(&r.net, stops, r.trips.len(), r.lines.len(), services)
}

fn check_network(n: &Network, stops: usize, trips: usize, lines: usize, services: usize) -> Result<(), String> {
    if n.flags.len() != n.stops.len() || n.run_service.len() != n.runs.len() || n.arr.len() != n.dep.len() {
        return Err("network arrays differ in length".into());
    }
    if n.change_secs.len() != stops || n.stop_patterns.rows() != stops || n.footpaths.rows() != stops {
        return Err("per-stop tables do not cover every stop".into());
    }
    for p in &n.patterns {
        let end_stop = p.first_stop as u64 + p.n_stops as u64;
        let end_run = p.first_run as u64 + p.n_runs as u64;
        let end_time = p.first_time as u64 + p.n_runs as u64 * p.n_stops as u64;
        if end_stop > n.stops.len() as u64 || end_run > n.runs.len() as u64 || end_time > n.arr.len() as u64 {
            return Err("a pattern reaches past its arrays".into());
        }
        if p.line.0 as usize >= lines {
            return Err("a pattern names an unknown line".into());
        }
    }
    // Bounded times keep every sum in the planner far from overflow.
    const MAX_ABS_TIME: i32 = 10 * 24 * 3600;
    if n.arr
        .iter()
        .chain(&n.dep)
        .chain(n.patterns.iter().map(|p| &p.last_dep))
        .any(|t| t.abs() > MAX_ABS_TIME)
    {
        return Err("a time lies more than ten days from its service day".into());
    }
    if n.change_secs
        .iter()
        .chain(n.footpaths.items.iter().map(|(_, s)| s))
        .any(|&s| s > 24 * 3600)
    {
        return Err("a change or a walk takes more than a day".into());
    }
    for s in &n.stops {
        if s.ix() >= stops {
            return Err(format!("stop {} out of {stops}", s.0));
        }
    }
    if n.runs.iter().any(|t| t.0 as usize >= trips) || n.run_service.iter().any(|&s| s as usize >= services.max(1)) {
        return Err("a run names an unknown trip or service".into());
    }
    for csr_ok in [
        csr_fits(&n.stop_patterns.start, n.stop_patterns.items.len()),
        csr_fits(&n.footpaths.start, n.footpaths.items.len()),
    ] {
        csr_ok?;
    }
    if n.stop_patterns
        .items
        .iter()
        .any(|&(p, pos)| n.patterns.get(p as usize).is_none_or(|pat| pos >= pat.n_stops))
    {
        return Err("a stop names an unknown pattern".into());
    }
    if n.footpaths.items.iter().any(|(s, _)| s.ix() >= stops) {
        return Err("a footpath leads to an unknown stop".into());
    }
    Ok(())
}

fn csr_fits(start: &[u32], items: usize) -> Result<(), String> {
    if start.first() != Some(&0) || start.windows(2).any(|w| w[0] > w[1]) || start.last().copied() != Some(items as u32)
    {
        return Err("an index table is out of order".into());
    }
    Ok(())
}

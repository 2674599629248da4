//! The timetable record decoder on any bytes: a record loads or is refused with a
//! `RecordError`, never a panic; and, as `record.rs` promises, a record that loads is checked
//! well enough that the planner and the departures board never panic on it either.

#![no_main]

use chrono::{NaiveDate, NaiveTime};
use libfuzzer_sys::fuzz_target;
use velay_core::planner::{Place, Planner, Query, When};
use velay_core::timetable::StopIdx;
use velay_core::Timetable;

fuzz_target!(|data: &[u8]| {
    let Ok(tt) = Timetable::from_bytes(data) else {
        return;
    };
    let n = tt.stops().len() as u32;
    if n == 0 {
        return;
    }
    let date = tt
        .info()
        .start
        .unwrap_or(NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"));
    let eight = NaiveTime::from_hms_opt(8, 0, 0).expect("a time");
    let (first, last) = (StopIdx(0), StopIdx(n - 1));
    let _ = tt.has_service_on(date);
    // A record is re-encoded as it was read.
    Timetable::from_bytes(&tt.to_bytes()).expect("a loaded record encodes to one that loads");
    let planner = Planner::new(tt);
    let _ = planner.departures(first, date, eight, 5);
    for when in [When::DepartAt(eight), When::ArriveBy(eight)] {
        let _ = planner.plan(&Query::new(Place::Stop(first), Place::Stop(last), date, when));
    }
});

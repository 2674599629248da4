//! Service days across the daylight-saving changes of 2026 in Europe/Paris: the last Sunday of
//! March (29th, clocks go from 02:00 to 03:00) and of October (25th, from 03:00 back to 02:00).

mod support;

use chrono::{NaiveDate, NaiveTime};
use support::with_file;
use velay_core::planner::{Place, Planner, Query, When};
use velay_core::Timetable;

fn feed() -> Planner {
    let times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
                 T1,08:54:00,08:54:00,SE,1\nT1,10:25:00,10:25:00,PUY,2\n\
                 B1,23:40:00,23:40:00,GR,1\nB1,24:45:00,24:45:00,EST,2\n";
    Planner::new(
        Timetable::import_files(with_file("stop_times.txt", times))
            .unwrap()
            .timetable,
    )
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn first(planner: &Planner, from: &str, to: &str, date: NaiveDate, h: u32, m: u32) -> (String, String) {
    let tt = planner.timetable();
    let q = Query::new(
        Place::Stop(tt.stop_by_id(from).unwrap()),
        Place::Stop(tt.stop_by_id(to).unwrap()),
        date,
        When::DepartAt(NaiveTime::from_hms_opt(h, m, 0).unwrap()),
    );
    let j = &planner.plan(&q)[0];
    (j.departure.to_rfc3339(), j.arrival.to_rfc3339())
}

#[test]
fn the_morning_train_keeps_its_clock_time_on_both_sides_of_the_change_in_march() {
    let tt = feed();
    let before = first(&tt, "SE", "PUY", day(3, 28), 6, 0);
    assert_eq!(
        before,
        ("2026-03-28T08:54:00+01:00".into(), "2026-03-28T10:25:00+01:00".into())
    );
    let on = first(&tt, "SE", "PUY", day(3, 29), 6, 0);
    assert_eq!(
        on,
        ("2026-03-29T08:54:00+02:00".into(), "2026-03-29T10:25:00+02:00".into())
    );
}

#[test]
fn the_morning_train_keeps_its_clock_time_on_both_sides_of_the_change_in_october() {
    let tt = feed();
    assert_eq!(
        first(&tt, "SE", "PUY", day(10, 24), 6, 0).0,
        "2026-10-24T08:54:00+02:00"
    );
    assert_eq!(
        first(&tt, "SE", "PUY", day(10, 25), 6, 0).0,
        "2026-10-25T08:54:00+01:00"
    );
}

#[test]
fn a_bus_past_midnight_into_the_change_day_counts_from_its_own_service_day() {
    let tt = feed();
    // Saturday 28 March, 24:45 is Sunday 00:45, still winter time.
    let (dep, arr) = first(&tt, "GR", "EST", day(3, 28), 23, 0);
    assert_eq!(
        (dep.as_str(), arr.as_str()),
        ("2026-03-28T23:40:00+01:00", "2026-03-29T00:45:00+01:00")
    );
    // Saturday 24 October, 24:45 is Sunday 00:45, still summer time.
    let (_, arr) = first(&tt, "GR", "EST", day(10, 24), 23, 0);
    assert_eq!(arr, "2026-10-25T00:45:00+02:00");
}

#[test]
fn asking_for_a_time_the_clocks_skip_means_an_hour_later() {
    let tt = feed();
    let board = tt.departures(
        tt.timetable().stop_by_id("SE").unwrap(),
        day(3, 29),
        NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        1,
    );
    assert_eq!(board[0].time.to_rfc3339(), "2026-03-29T08:54:00+02:00");
}

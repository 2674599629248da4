//! Real public feeds from the team's shared data: imported, planned, and checked against the
//! plain reference search; incomplete ones refused with a message that says what is missing.

mod support;

use chrono::{NaiveDate, NaiveTime};
use support::shared_data;
use velay_core::planner::{reference, Place, Planner, Query, When};
use velay_core::timetable::StopKind;
use velay_core::Timetable;

/// Plans from many stop pairs and times and compares the earliest arrival with the reference.
fn plans_like_the_reference(tt: Timetable, date: NaiveDate, pairs: usize) -> usize {
    let planner = Planner::new(tt);
    let tt = planner.timetable();
    let stops: Vec<_> = (0..tt.stops().len() as u32)
        .map(velay_core::timetable::StopIdx)
        .filter(|&s| tt.stop(s).kind == StopKind::Stop)
        .collect();
    let mut reached = 0;
    for i in 0..pairs {
        // A fixed spread of pairs and hours, the same on every run.
        let from = stops[(i * 7919) % stops.len()];
        let to = stops[(i * 104_729 + 13) % stops.len()];
        let time = NaiveTime::from_hms_opt(5 + (i % 17) as u32, ((i * 13) % 60) as u32, 0).unwrap();
        let (from, to) = (Place::Stop(from), Place::Stop(to));
        let mut q = Query::new(from, to, date, When::DepartAt(time));
        q.max_transfers = 12;
        let planned = planner.plan(&q).iter().map(|j| j.arrival).min();
        let expected = reference::earliest_arrival(&planner, &from, &to, date, time);
        assert_eq!(planned, expected, "query {i}: {q:?}");
        assert_eq!(
            planner.earliest_arrival(&q),
            expected,
            "earliest arrival, query {i}: {q:?}"
        );
        reached += planned.is_some() as usize;
    }
    reached
}

#[test]
fn the_cairns_buses_plan_like_the_reference_search() {
    let imported = Timetable::import(shared_data("gtfs/cairns_gtfs.zip")).expect("Cairns imports");
    let tt = imported.timetable;
    assert_eq!(tt.stops().len(), 416);
    assert_eq!(tt.info().timezone, "Australia/Brisbane");
    let monday = NaiveDate::from_ymd_opt(2014, 6, 2).unwrap();
    assert!(tt.has_service_on(monday));
    let reached = plans_like_the_reference(tt, monday, 120);
    assert!(reached > 60, "most pairs are connected on a weekday: {reached}");
}

#[test]
fn the_sample_feed_with_frequencies_plans_like_the_reference_search() {
    let tt = Timetable::import(shared_data("gtfs/sample_gtfs.zip"))
        .unwrap()
        .timetable;
    let wednesday = NaiveDate::from_ymd_opt(2008, 6, 4).unwrap();
    assert!(plans_like_the_reference(tt, wednesday, 60) > 10);
}

#[test]
fn trimet_with_its_transfers_plans_like_the_reference_search() {
    let imported = Timetable::import(shared_data("gtfs/trimet-vermont-2018-02-06")).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let tt = imported.timetable;
    let tuesday = NaiveDate::from_ymd_opt(2018, 2, 6).unwrap();
    assert!(plans_like_the_reference(tt, tuesday, 80) > 20);
}

#[test]
fn hebrew_names_survive_the_import() {
    let tt = Timetable::import(shared_data("gtfs/israel-public-transportation-route-2126"))
        .unwrap()
        .timetable;
    assert!(tt
        .stops()
        .iter()
        .any(|s| s.name.chars().any(|c| ('\u{0590}'..='\u{05FF}').contains(&c))));
}

#[test]
fn an_empty_feed_is_refused_naming_the_files_with_no_rows() {
    let err = Timetable::import(shared_data("gtfs/empty")).unwrap_err().to_string();
    assert!(
        err.contains("empty") && err.contains("stop_times.txt") && err.contains("trips.txt"),
        "{err}"
    );
}

#[test]
fn the_national_ter_feed_without_stop_times_is_refused_saying_so() {
    let err = Timetable::import(shared_data("gtfs/sncf-ter-2023-12-18-no-stop_times"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("stop_times.txt is missing"), "{err}");
}

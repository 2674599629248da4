//! What the importer does with imperfect files: reads what GTFS allows, refuses the rest with
//! the file and line at fault, and never panics, whatever the bytes.

mod support;

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use support::{mini_feed, with_file};
use velay_core::planner::{Place, Planner, Query, When};
use velay_core::Timetable;

fn import(files: Vec<(&'static str, Vec<u8>)>) -> Result<Timetable, String> {
    Timetable::import_files(files)
        .map(|i| i.timetable)
        .map_err(|e| e.to_string())
}

#[test]
fn a_bom_crlf_quotes_and_missing_optional_columns_are_read() {
    let stops = "\u{feff}stop_id,stop_name,stop_lat,stop_lon\r\n\
                 SE,\"Saint-Étienne, Châteaucreux\",45.443366,4.399722\r\n\
                 PUY,\"Le \"\"Puy\"\"\",45.042808,3.892596\r\n\
                 GR,Le Puy gare routière,45.0424,3.8917\r\nEST,Les Estables,44.9036,4.1556\r\n";
    let tt = import(with_file("stops.txt", stops)).expect("imports");
    assert_eq!(
        tt.stop(tt.stop_by_id("SE").unwrap()).name,
        "Saint-Étienne, Châteaucreux"
    );
    assert_eq!(tt.stop(tt.stop_by_id("PUY").unwrap()).name, "Le \"Puy\"");
}

#[test]
fn a_bad_time_names_the_file_and_line() {
    let times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
                 T1,08:54:00,08:54:00,SE,1\nT1,10:75:00,10:75:00,PUY,2\n";
    let err = import(with_file("stop_times.txt", times)).unwrap_err();
    assert!(
        err.contains("stop_times.txt, line 3") && err.contains("10:75:00"),
        "{err}"
    );
}

#[test]
fn an_unknown_stop_names_the_file_line_and_id() {
    let times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
                 T1,08:54:00,08:54:00,SE,1\nT1,10:25:00,10:25:00,LYON,2\n";
    let err = import(with_file("stop_times.txt", times)).unwrap_err();
    assert!(
        err.contains("stop_times.txt, line 3") && err.contains("\"LYON\""),
        "{err}"
    );
}

#[test]
fn a_missing_required_column_or_file_is_named() {
    let err = import(with_file("stops.txt", "stop_name,stop_lat,stop_lon\nX,45,3\n")).unwrap_err();
    assert!(err.contains("stops.txt") && err.contains("`stop_id`"), "{err}");
    let files: Vec<_> = mini_feed()
        .into_iter()
        .filter(|(n, _)| *n != "trips.txt")
        .map(|(n, c)| (n, c.into_bytes()))
        .collect();
    let err = import(files).unwrap_err();
    assert!(err.contains("trips.txt is missing"), "{err}");
}

#[test]
fn text_that_is_not_utf8_names_the_file_and_line() {
    let mut stops = b"stop_id,stop_name,stop_lat,stop_lon\nSE,Saint-".to_vec();
    stops.extend([0xC9, b't']); // "É" in Latin-1
    stops.extend(b"ienne,45.44,4.39\nPUY,Le Puy,45.04,3.89\n");
    let err = import(with_file("stops.txt", stops)).unwrap_err();
    assert!(err.contains("stops.txt, line 2") && err.contains("UTF-8"), "{err}");
}

#[test]
fn a_trip_whose_service_has_no_days_is_a_warning_not_an_error() {
    let trips = "route_id,service_id,trip_id\nP28,ALL,T1\nBUS,NEVER,B1\n";
    let imported = Timetable::import_files(with_file("trips.txt", trips)).expect("still usable");
    assert!(
        imported.warnings.iter().any(|w| w.to_string().contains("NEVER")),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn a_damaged_record_is_an_error_not_a_panic() {
    let tt = import(with_file(
        "agency.txt",
        "agency_name,agency_url,agency_timezone\nA,http://a,Europe/Paris\n",
    ))
    .unwrap();
    let bytes = tt.to_bytes();
    assert!(Timetable::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Timetable::from_bytes(b"not a record").is_err());
}

fn plan_anything(tt: Timetable) {
    let n = tt.stops().len() as u32;
    let planner = Planner::new(tt);
    for (a, b) in [(0, n.saturating_sub(1)), (n / 2, 0)] {
        let (from, to) = (
            Place::Stop(velay_core::timetable::StopIdx(a)),
            Place::Stop(velay_core::timetable::StopIdx(b)),
        );
        let date = NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
        let t = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
        planner.plan(&Query::new(from, to, date, When::DepartAt(t)));
        planner.plan(&Query::new(from, to, date, When::ArriveBy(t)));
        planner.departures(velay_core::timetable::StopIdx(a), date, t, 10);
    }
}

const FILES: [&str; 10] = [
    "agency.txt",
    "stops.txt",
    "routes.txt",
    "trips.txt",
    "stop_times.txt",
    "calendar.txt",
    "calendar_dates.txt",
    "frequencies.txt",
    "transfers.txt",
    "feed_info.txt",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_in_any_feed_file_never_make_the_import_panic(
        file in 0usize..FILES.len(),
        bytes in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        if let Ok(tt) = import(with_file(FILES[file], bytes)) {
            plan_anything(tt);
        }
    }

    #[test]
    fn a_few_changed_bytes_in_a_valid_file_never_make_the_import_panic(
        file in 0usize..6,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        let (name, content) = mini_feed().swap_remove(file);
        let mut bytes = content.into_bytes();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Ok(tt) = import(with_file(name, bytes)) {
            plan_anything(tt);
        }
    }

    #[test]
    fn arbitrary_bytes_as_a_record_never_make_loading_panic(
        tail in prop::collection::vec(any::<u8>(), 0..400),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = b"VELAYTT2".to_vec();
        bytes.extend(tail);
        let _ = Timetable::from_bytes(&bytes);
        let tt = import(mini_feed().into_iter().map(|(n, c)| (n, c.into_bytes())).collect()).unwrap();
        let record = tt.to_bytes();
        let mut damaged = record.clone();
        let i = cut.index(damaged.len());
        damaged[i] = damaged[i].wrapping_add(1);
        if let Ok(loaded) = Timetable::from_bytes(&damaged) {
            plan_anything(loaded);
        }
    }
}

//! Classes of real GTFS files that the importer once got wrong, each reproduced by a small feed
//! of our own: long calendars, trips with no times, station-level transfers, transfer types,
//! CRLF line numbers, walks between stops, files separated by TABs and NUL bytes in names.

mod support;

use chrono::{NaiveDate, NaiveTime};
use support::{mini_feed, shared_data, with_file};
use velay_core::planner::{Place, Planner, Query, When};
use velay_core::timetable::{ImportOptions, Imported};
use velay_core::Timetable;

fn import(files: Vec<(&'static str, Vec<u8>)>) -> Result<Imported, String> {
    Timetable::import_files(files).map_err(|e| e.to_string())
}

fn strict(files: Vec<(&'static str, Vec<u8>)>) -> Result<Imported, String> {
    Timetable::import_files_with(files, ImportOptions { strict: true }).map_err(|e| e.to_string())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(h: u32, m: u32) -> When {
    When::DepartAt(NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

/// The arrival of the earliest journey, as HH:MM on `day`, or "none" that day.
fn arrival(planner: &Planner, from: &str, to: &str, day: NaiveDate, when: When) -> String {
    let tt = planner.timetable();
    let q = Query::new(
        Place::Stop(tt.stop_by_id(from).unwrap()),
        Place::Stop(tt.stop_by_id(to).unwrap()),
        day,
        when,
    );
    planner
        .plan(&q)
        .into_iter()
        .find(|j| j.arrival.date_naive() == day)
        .map_or("none".into(), |j| j.arrival.format("%H:%M").to_string())
}

fn warnings(imported: &Imported) -> String {
    imported
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

// 1. Calendars longer than five years.

#[test]
fn a_placeholder_calendar_until_2099_runs_today() {
    let calendar = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
                    ALL,1,1,1,1,1,1,1,20000101,20991231\n";
    let tt = Planner::new(import(with_file("calendar.txt", calendar)).unwrap().timetable);
    assert_eq!(arrival(&tt, "SE", "PUY", date(2026, 12, 1), at(8, 0)), "10:25");
    assert_eq!(arrival(&tt, "SE", "PUY", date(2099, 12, 31), at(8, 0)), "10:25");
    assert_eq!(tt.timetable().info().end, Some(date(2099, 12, 31)));
}

#[test]
fn a_feed_valid_from_2007_to_2025_still_runs_in_2024() {
    let calendar = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
                    OLD,1,1,1,1,1,1,1,20070101,20070630\n\
                    ALL,1,1,1,1,1,1,1,20070101,20251231\n";
    let tt = Planner::new(import(with_file("calendar.txt", calendar)).unwrap().timetable);
    assert_eq!(arrival(&tt, "SE", "PUY", date(2024, 3, 12), at(8, 0)), "10:25");
    assert_eq!(arrival(&tt, "SE", "PUY", date(2026, 3, 12), at(8, 0)), "none");
}

// 2. Trips that cannot be used.

const WITH_A_BROKEN_TRIP: &str = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
     T1,08:54:00,08:54:00,SE,1\nT1,10:25:00,10:25:00,PUY,2\n\
     B1,10:40:00,10:40:00,GR,1\nB1,11:45:00,11:45:00,EST,2\n\
     B2,12:40:00,12:40:00,GR,1\nB2,,,EST,2\n";

fn with_broken_trip() -> Vec<(&'static str, Vec<u8>)> {
    let mut files = with_file("stop_times.txt", WITH_A_BROKEN_TRIP);
    files.retain(|(n, _)| *n != "trips.txt");
    files.push((
        "trips.txt",
        b"route_id,service_id,trip_id\nP28,ALL,T1\nBUS,ALL,B1\nBUS,ALL,B2\n".to_vec(),
    ));
    files
}

#[test]
fn a_trip_with_no_time_at_its_last_stop_is_skipped_and_named_with_its_line() {
    let imported = import(with_broken_trip()).expect("the feed is still usable");
    let said = warnings(&imported);
    assert!(
        said.contains("stop_times.txt, line 6") && said.contains("1 trip(s) skipped") && said.contains("\"B2\""),
        "{said}"
    );
    assert_eq!(
        arrival(
            &Planner::new(imported.timetable),
            "SE",
            "PUY",
            date(2026, 12, 1),
            at(8, 0)
        ),
        "10:25"
    );
}

#[test]
fn a_strict_import_refuses_the_same_trip_naming_its_line() {
    let err = strict(with_broken_trip()).unwrap_err();
    assert!(
        err.contains("stop_times.txt, line 6") && err.contains("\"B2\"") && err.contains("no time"),
        "{err}"
    );
}

#[test]
fn a_feed_with_no_usable_trip_left_is_refused() {
    let times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
                 T1,08:54:00,,SE,1\nT1,,,PUY,2\nB1,,,GR,1\nB1,11:45:00,11:45:00,EST,2\n";
    let err = import(with_file("stop_times.txt", times)).unwrap_err();
    assert!(
        err.contains("no trip can be used") && err.contains("\"T1\" (line 2)"),
        "{err}"
    );
}

#[test]
fn many_skipped_trips_make_one_warning_that_names_five_and_counts_the_rest() {
    let mut times = String::from(WITH_A_BROKEN_TRIP);
    let mut trips = String::from("route_id,service_id,trip_id\nP28,ALL,T1\nBUS,ALL,B1\nBUS,ALL,B2\n");
    for i in 0..20 {
        times.push_str(&format!("X{i},09:00:00,09:00:00,GR,1\nX{i},08:00:00,08:00:00,EST,2\n"));
        trips.push_str(&format!("BUS,ALL,X{i}\n"));
    }
    let mut files = with_file("stop_times.txt", times);
    files.retain(|(n, _)| *n != "trips.txt");
    files.push(("trips.txt", trips.into_bytes()));
    let imported = import(files).unwrap();
    let backwards: Vec<String> = imported
        .warnings
        .iter()
        .map(|w| w.to_string())
        .filter(|w| w.contains("go backwards"))
        .collect();
    assert_eq!(backwards.len(), 1, "{backwards:?}");
    assert!(
        backwards[0].contains("20 trip(s)") && backwards[0].contains("and 15 more"),
        "{backwards:?}"
    );
}

// 3 and 4. transfers.txt as the GTFS reference reads it.

/// A station with two platforms: a train arrives on A at 10:25, buses leave from B at 10:27
/// and 10:29, each to its own stop.
fn station_feed(transfers: &str) -> Vec<(&'static str, Vec<u8>)> {
    let stops = "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n\
                 SE,Saint-Étienne,45.443366,4.399722,0,\n\
                 PUYS,Le Puy-en-Velay,45.042808,3.892596,1,\n\
                 A,Le Puy quai A,45.042808,3.892596,0,PUYS\n\
                 B,Le Puy quai B,45.042850,3.892650,0,PUYS\n\
                 X,Espaly,45.0500,3.8700,0,\n\
                 Y,Espaly haut,45.0520,3.8680,0,\n";
    let times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
                 T1,08:54:00,08:54:00,SE,1\nT1,10:25:00,10:25:00,A,2\n\
                 B1,10:27:00,10:27:00,B,1\nB1,10:40:00,10:40:00,X,2\n\
                 B2,10:29:00,10:29:00,B,1\nB2,10:50:00,10:50:00,Y,2\n";
    let mut files = with_file("stops.txt", stops);
    files.retain(|(n, _)| !["stop_times.txt", "trips.txt"].contains(n));
    files.push(("stop_times.txt", times.as_bytes().to_vec()));
    files.push((
        "trips.txt",
        b"route_id,service_id,trip_id\nP28,ALL,T1\nBUS,ALL,B1\nBUS,ALL,B2\n".to_vec(),
    ));
    if !transfers.is_empty() {
        files.push(("transfers.txt", transfers.as_bytes().to_vec()));
    }
    files
}

#[test]
fn a_station_level_change_time_reaches_its_platforms() {
    let day = date(2026, 12, 1);
    let tt = Planner::new(import(station_feed("")).unwrap().timetable);
    assert_eq!(
        arrival(&tt, "SE", "X", day, at(8, 0)),
        "10:40",
        "two minutes by default"
    );
    let three_minutes = "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nPUYS,PUYS,2,180\n";
    let tt = Planner::new(import(station_feed(three_minutes)).unwrap().timetable);
    assert_eq!(
        arrival(&tt, "SE", "X", day, at(8, 0)),
        "10:55",
        "the 10:27 is missed: the 10:29, then a walk"
    );
    assert_eq!(arrival(&tt, "SE", "Y", day, at(8, 0)), "10:50", "the 10:29 is caught");
}

#[test]
fn a_row_naming_the_platforms_wins_over_the_station_row() {
    let rows = "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n\
                PUYS,PUYS,2,180\nA,B,2,60\n";
    let tt = Planner::new(import(station_feed(rows)).unwrap().timetable);
    assert_eq!(arrival(&tt, "SE", "X", date(2026, 12, 1), at(8, 0)), "10:40");
}

#[test]
fn a_recommended_or_timed_transfer_between_two_stops_is_not_a_walk_in_no_time() {
    // Le Puy station to its bus station, 80 m apart: type 0 and 1 once meant 0 seconds.
    let times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
                 T1,08:54:00,08:54:00,SE,1\nT1,10:25:00,10:25:00,PUY,2\n\
                 B1,10:25:30,10:25:30,GR,1\nB1,11:45:00,11:45:00,EST,2\n";
    let day = date(2026, 12, 1);
    for kind in [0, 1] {
        let mut files = with_file("stop_times.txt", times);
        files.push((
            "transfers.txt",
            format!("from_stop_id,to_stop_id,transfer_type\nPUY,GR,{kind}\n").into_bytes(),
        ));
        let tt = Planner::new(import(files).unwrap().timetable);
        assert_eq!(
            arrival(&tt, "SE", "EST", day, at(8, 0)),
            "none",
            "type {kind}: 30 s is too short to walk 80 m"
        );
    }
}

#[test]
fn trip_specific_and_in_seat_transfers_are_counted_not_applied() {
    let rows = "from_stop_id,to_stop_id,transfer_type,min_transfer_time,from_trip_id,to_trip_id\n\
                A,B,3,,T1,B2\nA,B,4,,T1,B1\n";
    let imported = import(station_feed(rows)).unwrap();
    let said = warnings(&imported);
    assert!(
        said.contains("for given trips or lines only") && said.contains("in-seat"),
        "{said}"
    );
    assert_eq!(
        arrival(
            &Planner::new(imported.timetable),
            "SE",
            "X",
            date(2026, 12, 1),
            at(8, 0)
        ),
        "10:40",
        "changing from A to B is still possible"
    );
}

// 5. Line numbers an editor shows.

#[test]
fn errors_in_crlf_files_name_the_line_an_editor_shows() {
    let times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\r\n\
                 T1,08:54:00,08:54:00,SE,1\r\nT1,10:25:00,10:25:00,PUY,2\r\n\
                 B1,10:40:00,10:40:00,GR,1\r\n\r\nB1,1l:45:00,11:45:00,EST,2\r\n";
    let err = import(with_file("stop_times.txt", times)).unwrap_err();
    assert!(err.contains("stop_times.txt, line 6"), "{err}");
    let quoted = "stop_id,stop_name,stop_lat,stop_lon\r\n\
                  SE,\"Saint-Étienne\r\nChâteaucreux\",45.443366,4.399722\r\n\
                  PUY,Le Puy,north,3.892596\r\n";
    let err = import(with_file("stops.txt", quoted)).unwrap_err();
    assert!(err.contains("stops.txt, line 4"), "{err}");
}

// 7. One walk, never two footpaths end to end.

#[test]
fn walking_between_stops_never_chains_two_footpaths() {
    // Three stops 700 m apart on a line north: W1–W2 and W2–W3 are footpaths, W1–W3 is not.
    let stops = "stop_id,stop_name,stop_lat,stop_lon\n\
                 SE,Saint-Étienne,45.443366,4.399722\nPUY,Le Puy,45.042808,3.892596\n\
                 GR,Gare routière,45.0424,3.8917\nEST,Les Estables,44.9036,4.1556\n\
                 W1,Sud,45.0000,3.9000\nW2,Centre,45.0063,3.9000\nW3,Nord,45.0126,3.9000\n";
    let tt = Planner::new(import(with_file("stops.txt", stops)).unwrap().timetable);
    let day = date(2026, 12, 1);
    let one = arrival(&tt, "W1", "W2", day, at(10, 0));
    assert_eq!(one, "10:13", "700 m × 1.3 at 4 km/h: 13 min 39 s");
    assert_eq!(arrival(&tt, "W1", "W3", day, at(10, 0)), "none");
}

// 8. Files that are not quite CSV.

#[test]
fn a_tab_separated_file_is_named_as_such() {
    let stops = "stop_id\tstop_name\tstop_lat\tstop_lon\nSE\tSaint-Étienne\t45.443366\t4.399722\n";
    let err = import(with_file("stops.txt", stops)).unwrap_err();
    assert!(
        err.contains("stops.txt") && err.contains("TABs") && err.contains("commas"),
        "{err}"
    );
}

#[test]
fn the_real_tab_separated_sncf_extract_is_named_as_such() {
    let folder = shared_data("gtfs/sncf-ter-aura-2024-04-derived");
    let times = std::fs::read(folder.join("stop_times_0.txt")).unwrap();
    let err = import(with_file("stop_times.txt", times)).unwrap_err();
    assert!(err.contains("stop_times.txt") && err.contains("TABs"), "{err}");
}

#[test]
fn a_nul_byte_in_a_name_is_removed_with_a_warning() {
    let stops = "stop_id,stop_name,stop_lat,stop_lon\n\
                 SE,Saint-Étienne,45.443366,4.399722\nPUY,Le Puy\0-en-Velay,45.042808,3.892596\n\
                 GR,Le Puy gare routière,45.0424,3.8917\nEST,Les Estables,44.9036,4.1556\n";
    let imported = import(with_file("stops.txt", stops)).unwrap();
    let tt = &imported.timetable;
    assert_eq!(tt.stop(tt.stop_by_id("PUY").unwrap()).name, "Le Puy-en-Velay");
    let said = warnings(&imported);
    assert!(said.contains("stops.txt, line 3") && said.contains("NUL"), "{said}");
}

#[test]
fn the_mini_feed_still_imports_without_a_warning() {
    let files = mini_feed().into_iter().map(|(n, c)| (n, c.into_bytes())).collect();
    let imported = strict(files).unwrap();
    assert!(imported.warnings.is_empty(), "{}", warnings(&imported));
}

//! A station groups stops: asking for it means any of them, and walks link stops nearby.

mod support;

use chrono::{NaiveDate, NaiveTime};
use support::with_file;
use velay_core::planner::{Place, Planner, Query, When};
use velay_core::timetable::{Mode, StopKind};
use velay_core::Timetable;

#[test]
fn a_station_means_any_of_its_platforms_and_a_bus_stop_next_door_is_a_short_walk() {
    let stops = "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n\
                 SE,Saint-Étienne,45.443366,4.399722,0,\n\
                 PUY_AREA,Le Puy-en-Velay,45.042808,3.892596,1,\n\
                 PUY,Le Puy-en-Velay quai 1,,,0,PUY_AREA\n\
                 GR,Le Puy gare routière,45.0424,3.8917,0,\n\
                 EST,Les Estables,44.9036,4.1556,0,\n";
    let planner = Planner::new(
        Timetable::import_files(with_file("stops.txt", stops))
            .unwrap()
            .timetable,
    );
    let tt = planner.timetable();
    let platform = tt.stop(tt.stop_by_id("PUY").unwrap());
    assert_eq!(platform.kind, StopKind::Stop);
    assert_eq!(
        (platform.lat, platform.lon),
        (45.042808, 3.892596),
        "a platform without a position takes its station's"
    );

    let station = Place::Stop(tt.stop_by_id("PUY_AREA").unwrap());
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let from_se = Query::new(
        Place::Stop(tt.stop_by_id("SE").unwrap()),
        station,
        date,
        When::DepartAt(NaiveTime::from_hms_opt(8, 0, 0).unwrap()),
    );
    assert_eq!(planner.plan(&from_se)[0].arrival.format("%H:%M").to_string(), "10:25");

    let to_estables = Query::new(
        Place::Stop(tt.stop_by_id("SE").unwrap()),
        Place::Stop(tt.stop_by_id("EST").unwrap()),
        date,
        When::DepartAt(NaiveTime::from_hms_opt(8, 0, 0).unwrap()),
    );
    let j = &planner.plan(&to_estables)[0];
    let modes: Vec<_> = j.legs.iter().map(|l| l.mode).collect();
    assert_eq!(modes, [Mode::Rail, Mode::Walk, Mode::Bus]);
    let walk = &j.legs[1];
    // 80 m is about a minute on foot; a change on foot still takes the change time.
    assert_eq!(
        (walk.arrival - walk.departure).num_seconds(),
        120,
        "80 m on foot, as a change"
    );
}

/// The mini feed with a bus stop `GR` 20 m from the station, a bus leaving it a minute after
/// the train arrives and the next at 10:40, and `extra` files (such as transfers.txt).
fn tight_change(extra: &[(&'static str, &str)]) -> Timetable {
    let replaced = [
        (
            "stops.txt",
            "stop_id,stop_name,stop_lat,stop_lon
\
             SE,Saint-Étienne,45.443366,4.399722
\
             PUY,Le Puy-en-Velay,45.042808,3.892596
\
             GR,Le Puy gare routière,45.04265,3.89252
\
             EST,Les Estables,44.9036,4.1556
",
        ),
        (
            "trips.txt",
            "route_id,service_id,trip_id\nP28,ALL,T1\nBUS,ALL,B1\nBUS,ALL,B2\n",
        ),
        (
            "stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence
\
             T1,08:54:00,08:54:00,SE,1\nT1,10:25:00,10:25:00,PUY,2\n\
             B1,10:26:00,10:26:00,GR,1\nB1,11:31:00,11:31:00,EST,2\n\
             B2,10:40:00,10:40:00,GR,1\nB2,11:45:00,11:45:00,EST,2\n",
        ),
    ];
    let mut files: Vec<(&str, Vec<u8>)> = support::mini_feed()
        .into_iter()
        .filter(|(n, _)| !replaced.iter().any(|(r, _)| r == n))
        .map(|(n, c)| (n, c.into_bytes()))
        .collect();
    files.extend(replaced.iter().chain(extra).map(|&(n, c)| (n, c.as_bytes().to_vec())));
    Timetable::import_files(files).unwrap().timetable
}

#[test]
fn a_change_on_foot_is_never_tighter_than_a_change_at_one_stop_unless_the_feed_says_so() {
    let arrival = |tt: Timetable| {
        let planner = Planner::new(tt);
        let tt = planner.timetable();
        let q = Query::new(
            Place::Stop(tt.stop_by_id("SE").unwrap()),
            Place::Stop(tt.stop_by_id("EST").unwrap()),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            When::DepartAt(NaiveTime::from_hms_opt(8, 0, 0).unwrap()),
        );
        planner.plan(&q)[0].arrival.format("%H:%M").to_string()
    };
    // 20 m, under half a minute on foot, but a minute is too tight a change: the 10:40 bus.
    assert_eq!(arrival(tight_change(&[])), "11:45");
    // The feed says the change takes 45 s: the 10:26 bus.
    let transfers = "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nPUY,GR,2,45\n";
    assert_eq!(arrival(tight_change(&[("transfers.txt", transfers)])), "11:31");
}

#[test]
fn a_walk_from_a_point_reaches_the_nearby_stops() {
    let planner = Planner::new(
        Timetable::import_files(support::mini_feed().into_iter().map(|(n, c)| (n, c.into_bytes())))
            .unwrap()
            .timetable,
    );
    let tt = planner.timetable();
    // The cathedral of Le Puy, 600 m from the station.
    let cathedral = Place::Point {
        lat: 45.0458,
        lon: 3.8853,
    };
    let q = Query::new(
        cathedral,
        Place::Stop(tt.stop_by_id("EST").unwrap()),
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        When::DepartAt(NaiveTime::from_hms_opt(10, 0, 0).unwrap()),
    );
    let j = &planner.plan(&q)[0];
    assert_eq!(j.legs[0].mode, Mode::Walk);
    assert_eq!(j.legs[0].from, cathedral);
    assert_eq!(
        j.legs[0].arrival, j.legs[1].departure,
        "the walk ends when the bus leaves"
    );
    assert_eq!(j.arrival.format("%H:%M").to_string(), "11:45");
}

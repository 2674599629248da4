//! A station groups stops: asking for it means any of them, and walks link stops nearby.

mod support;

use chrono::{NaiveDate, NaiveTime};
use support::with_file;
use velay_core::planner::{Place, Query, When};
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
    let tt = Timetable::import_files(with_file("stops.txt", stops))
        .unwrap()
        .timetable;
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
    assert_eq!(tt.plan(&from_se)[0].arrival.format("%H:%M").to_string(), "10:25");

    let to_estables = Query::new(
        Place::Stop(tt.stop_by_id("SE").unwrap()),
        Place::Stop(tt.stop_by_id("EST").unwrap()),
        date,
        When::DepartAt(NaiveTime::from_hms_opt(8, 0, 0).unwrap()),
    );
    let j = &tt.plan(&to_estables)[0];
    let modes: Vec<_> = j.legs.iter().map(|l| l.mode).collect();
    assert_eq!(modes, [Mode::Rail, Mode::Walk, Mode::Bus]);
    let walk = &j.legs[1];
    assert!((walk.arrival - walk.departure).num_seconds() < 120, "80 m on foot");
}

#[test]
fn a_walk_from_a_point_reaches_the_nearby_stops() {
    let tt = Timetable::import_files(support::mini_feed().into_iter().map(|(n, c)| (n, c.into_bytes())))
        .unwrap()
        .timetable;
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
    let j = &tt.plan(&q)[0];
    assert_eq!(j.legs[0].mode, Mode::Walk);
    assert_eq!(j.legs[0].from, cathedral);
    assert_eq!(
        j.legs[0].arrival, j.legs[1].departure,
        "the walk ends when the bus leaves"
    );
    assert_eq!(j.arrival.format("%H:%M").to_string(), "11:45");
}

//! Helpers shared by the timetable tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// A file of the team's shared real data (`../shared/data` beside the project).
pub fn shared_data(path: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path);
    assert!(
        p.exists(),
        "the shared test data is missing: {} (expected the team's shared/data folder beside the project)",
        p.display()
    );
    p
}

/// A small valid feed in the Velay: two lines meeting at Le Puy, a bus stop next to the station.
pub fn mini_feed() -> Vec<(&'static str, String)> {
    vec![
        (
            "agency.txt",
            "agency_name,agency_url,agency_timezone\nTER,https://ter.sncf.com,Europe/Paris\n".into(),
        ),
        (
            "stops.txt",
            "stop_id,stop_name,stop_lat,stop_lon\n\
             SE,Saint-Étienne,45.443366,4.399722\n\
             PUY,Le Puy-en-Velay,45.042808,3.892596\n\
             GR,Le Puy gare routière,45.0424,3.8917\n\
             EST,Les Estables,44.9036,4.1556\n"
                .into(),
        ),
        (
            "routes.txt",
            "route_id,route_short_name,route_type\nP28,P28,2\nBUS,M,3\n".into(),
        ),
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
             ALL,1,1,1,1,1,1,1,20260101,20271231\n"
                .into(),
        ),
        (
            "trips.txt",
            "route_id,service_id,trip_id\nP28,ALL,T1\nBUS,ALL,B1\n".into(),
        ),
        (
            "stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
             T1,08:54:00,08:54:00,SE,1\nT1,10:25:00,10:25:00,PUY,2\n\
             B1,10:40:00,10:40:00,GR,1\nB1,11:45:00,11:45:00,EST,2\n"
                .into(),
        ),
    ]
}

/// The mini feed with one file replaced.
pub fn with_file(name: &'static str, content: impl Into<Vec<u8>>) -> Vec<(&'static str, Vec<u8>)> {
    let mut files: Vec<(&str, Vec<u8>)> = mini_feed().into_iter().map(|(n, c)| (n, c.into_bytes())).collect();
    files.retain(|(n, _)| *n != name);
    files.push((name, content.into()));
    files
}

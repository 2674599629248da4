//! Inputs the fuzzers (`fuzz/`, docs/fuzzing.md) found to break the code, each kept in
//! `tests/fuzz_regressions/` and run here through the same steps as its fuzz target, so that
//! the bug stays fixed without nightly or libFuzzer.

use std::path::Path;

use velay_core::mutation::{Outcome, Refusal};
use velay_core::sync::{PushRequest, PushResponse, PushResult};
use velay_core::Timetable;

fn input(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `push_body` target: the server's answer to a push is one the app can read.
fn answer_reads_back(body: &[u8]) {
    let req: PushRequest = serde_json::from_slice(body).expect("the body is a push");
    let results = req
        .mutations
        .iter()
        .map(|m| PushResult {
            id: m.id,
            outcome: match m.op.validate() {
                Ok(()) => Outcome::Accepted,
                Err(invalid) => Outcome::Refused {
                    reason: Refusal::from(invalid),
                },
            },
        })
        .collect();
    let response = PushResponse { results };
    let json = serde_json::to_vec(&response).expect("serialises");
    let read: PushResponse = serde_json::from_slice(&json).expect("the app reads the server's answer");
    assert_eq!(read, response);
}

#[test]
fn a_request_with_a_wrong_language_code_is_refused_with_an_answer_the_app_can_read() {
    // The wrong code was written under `code`, the refusal's own tag: a duplicate key, so the
    // app could not read the answer to its push and the server not its own stored outcome.
    answer_reads_back(&input("push_body-language-code.json"));
}

/// The `gtfs_folder` and `gtfs_zip` targets: a feed that imports makes a record that loads.
fn record_loads_back(files: &[(&str, &str)]) {
    let files = files.iter().map(|(name, text)| (*name, text.as_bytes().to_vec()));
    let imported = Timetable::import_files(files).expect("the feed imports");
    Timetable::from_bytes(&imported.timetable.to_bytes()).expect("its record loads back");
}

#[test]
fn a_transfer_between_stops_a_continent_apart_does_not_make_a_record_that_will_not_load() {
    // transfers.txt asked to walk between stops whose positions are days apart on foot: the
    // import kept the walk, and the record check then refused the timetable it had made.
    record_loads_back(&[
        ("agency.txt", "agency_name,agency_url,agency_timezone\nTER,https://ter.sncf.com,Europe/Paris\n"),
        (
            "stops.txt",
            "stop_id,stop_name,stop_lat,stop_lon\npuy,Le Puy,45.042808,3.892596\nfar,Far away,-45.0,-170.0\n",
        ),
        ("routes.txt", "route_id,route_short_name,route_type\nP28,P28,2\n"),
        ("trips.txt", "route_id,service_id,trip_id\nP28,daily,t1\n"),
        (
            "stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,08:00:00,08:00:00,puy,1\nt1,09:00:00,09:00:00,far,2\n",
        ),
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\ndaily,1,1,1,1,1,1,1,20261201,20261231\n",
        ),
        ("transfers.txt", "from_stop_id,to_stop_id,transfer_type\npuy,far,0\n"),
    ]);
}

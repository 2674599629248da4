//! The `plan` and `departures` subcommands, run as a user runs them: the built binary.

use std::process::{Command, Output};

use serde_json::Value;

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_velay-cli"))
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON object")
}

/// The same command as JSON and as text.
fn json_and_text(args: &[&str]) -> (Value, String) {
    let v = json(&cli(&[args, &["--json"]].concat()));
    (v, String::from_utf8_lossy(&cli(args).stdout).to_string())
}

fn shared(path: &str) -> String {
    let p = format!("{}/../../../shared/data/gtfs/{path}", env!("CARGO_MANIFEST_DIR"));
    assert!(
        std::path::Path::new(&p).exists(),
        "the shared test data is missing: {p}"
    );
    p
}

#[test]
fn a_visitor_plans_saint_etienne_to_le_puy_and_gets_the_real_morning_train_as_json() {
    let out = cli(&[
        "plan",
        "--from",
        "StopArea:OCE87726000",
        "--to",
        "StopArea:OCE87734699",
        "--date",
        "2026-12-01",
        "--depart",
        "08:30",
        "--json",
    ]);
    let v = json(&out);
    let first = &v["journeys"][0];
    assert_eq!(first["departure"], "2026-12-01T08:54:00+01:00");
    assert_eq!(first["arrival"], "2026-12-01T10:25:00+01:00");
    assert_eq!(first["transfers"], 0);
    let leg = &first["legs"][0];
    assert_eq!(leg["mode"], "rail");
    assert_eq!(leg["from"], "StopArea:OCE87726000");
    assert_eq!(leg["to"], "StopArea:OCE87734699");
    assert_eq!(leg["route"], "P28");
    assert_eq!(leg["trip"], "OCESN889954");
    let keys: Vec<_> = leg.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 7);
}

#[test]
fn arriving_by_a_time_gives_the_latest_departure_and_walks_have_no_route() {
    let out = cli(&[
        "plan",
        "--from",
        "VELAY:LES_ESTABLES",
        "--to",
        "StopArea:OCE87723197",
        "--date",
        "2026-12-01",
        "--arrive-by",
        "23:00",
        "--json",
    ]);
    let v = json(&out);
    let first = &v["journeys"][0];
    assert_eq!(first["departure"], "2026-12-01T18:15:00+01:00");
    let walk = first["legs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["mode"] == "walk")
        .expect("a walk to the station");
    assert!(walk["route"].is_null() && walk["trip"].is_null());
}

#[test]
fn a_day_outside_the_timetable_says_which_days_it_covers() {
    let args = [
        "plan",
        "--from",
        "StopArea:OCE87726000",
        "--to",
        "StopArea:OCE87734699",
        "--date",
        "2099-01-07",
        "--depart",
        "08:30",
    ];
    let (v, text) = json_and_text(&args);
    assert_eq!(v["journeys"], serde_json::json!([]));
    assert_eq!(v["none_because"]["code"], "outside_timetable");
    assert!(
        text.starts_with("No journey on 2099-01-07: the timetable covers ") && text.contains(" only"),
        "{text}"
    );
}

#[test]
fn a_journey_beyond_the_cap_on_changes_says_how_many_it_needs() {
    let feed = shared("sample_gtfs.zip");
    let args = [
        "plan",
        "--feed",
        &feed,
        "--from",
        "STAGECOACH",
        "--to",
        "FUR_CREEK_RES",
        "--date",
        "2008-06-04",
        "--depart",
        "06:00",
        "--max-transfers",
        "0",
    ];
    let (v, text) = json_and_text(&args);
    assert_eq!(v["journeys"], serde_json::json!([]), "{v}");
    assert_eq!(v["none_because"]["code"], "too_many_changes");
    assert!(
        text.contains("needs 2 changes") && text.contains("--max-transfers"),
        "{text}"
    );
}

#[test]
fn a_zip_feed_plans_with_frequencies_and_its_own_time_zone() {
    let feed = shared("sample_gtfs.zip");
    let out = cli(&[
        "plan",
        "--feed",
        &feed,
        "--from",
        "STAGECOACH",
        "--to",
        "FUR_CREEK_RES",
        "--date",
        "2008-06-04",
        "--depart",
        "06:00",
        "--json",
    ]);
    let v = json(&out);
    let first = &v["journeys"][0];
    assert_eq!(first["arrival"], "2008-06-04T09:20:00-07:00");
    assert_eq!(first["departure"], "2008-06-04T07:30:00-07:00");
    assert_eq!(first["transfers"], 2);
}

#[test]
fn the_departures_board_lists_the_next_trains_as_json() {
    let out = cli(&[
        "departures",
        "--stop",
        "StopArea:OCE87734699",
        "--date",
        "2026-12-01",
        "--from",
        "17:00",
        "--json",
    ]);
    let v = json(&out);
    let list = v["departures"].as_array().unwrap();
    assert_eq!(list[0]["time"], "2026-12-01T17:34:00+01:00");
    assert_eq!(list[0]["route"], "P28");
    assert!(
        list.iter().any(|d| d["sample"] == true),
        "the sample P85 coach is on the board"
    );
}

#[test]
fn an_unknown_stop_fails_with_a_clear_message() {
    let out = cli(&[
        "plan",
        "--from",
        "NOWHERE",
        "--to",
        "StopArea:OCE87734699",
        "--date",
        "2026-12-01",
        "--depart",
        "08:30",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOWHERE"));
}

#[test]
fn a_bad_date_or_time_fails_with_a_clear_message() {
    let out = cli(&[
        "plan",
        "--from",
        "A",
        "--to",
        "B",
        "--date",
        "2026-13-01",
        "--depart",
        "08:30",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2026-13-01"));
    let out = cli(&["departures", "--stop", "A", "--date", "2026-12-01", "--from", "25h"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("25h"));
}

#[test]
fn a_feed_without_stop_times_is_refused_with_what_is_missing() {
    let feed = shared("sncf-ter-2023-12-18-no-stop_times");
    let out = cli(&[
        "departures",
        "--feed",
        &feed,
        "--stop",
        "X",
        "--date",
        "2024-01-08",
        "--from",
        "08:00",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("stop_times.txt is missing"));
}

#[test]
fn a_feeds_warnings_go_to_stderr_and_to_the_log_file_while_stdout_stays_json() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    std::fs::create_dir(&feed).unwrap();
    let files = [
        (
            "agency.txt",
            "agency_id,agency_name,agency_url,agency_timezone\nA,Sample,https://example.org,Europe/Paris\n",
        ),
        (
            "stops.txt",
            "stop_id,stop_name,stop_lat,stop_lon\nS1,Le Puy,45.0386,3.8857\nS2,Brives,45.0514,3.9126\n",
        ),
        (
            "routes.txt",
            "route_id,agency_id,route_short_name,route_long_name,route_type\nR,A,1,Ligne 1,3\n",
        ),
        ("trips.txt", "route_id,service_id,trip_id\nR,W,T1\nR,W,T2\n"),
        (
            "stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
             T1,08:00:00,08:00:00,S1,1\nT1,08:10:00,08:10:00,S2,2\n\
             T2,09:00:00,09:00:00,S2,1\nT2,09:10:00,09:10:00,S1,2\n",
        ),
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
             W,1,1,1,1,1,1,1,20240101,20341231\n",
        ),
        // An in-seat transfer, which the planner does not use: the import warns.
        (
            "transfers.txt",
            "from_stop_id,to_stop_id,from_trip_id,to_trip_id,transfer_type\nS2,S2,T1,T2,4\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(feed.join(name), text).unwrap();
    }
    let log = tmp.path().join("velay-cli.log");
    let out = cli(&[
        "--log",
        log.to_str().unwrap(),
        "departures",
        "--feed",
        feed.to_str().unwrap(),
        "--stop",
        "S1",
        "--date",
        "2026-05-01",
        "--from",
        "07:00",
        "--json",
    ]);
    let v = json(&out);
    assert_eq!(v["departures"][0]["time"], "2026-05-01T08:00:00+02:00");
    let warning = "in-seat transfer(s) (types 4 and 5) are not used";
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("WARN") && stderr.contains(warning), "{stderr}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.contains(warning) && logged.contains("transfers.txt, line 2"),
        "{logged}"
    );
}

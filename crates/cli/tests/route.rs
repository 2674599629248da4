//! `velay-cli route` as a script uses it: the real binary on real GPX files.

use std::path::PathBuf;
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_velay-cli"))
        .args(args)
        .output()
        .expect("velay-cli runs")
}

fn shared(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/gpx")
        .join(path);
    assert!(
        p.exists(),
        "{} is missing: the team's shared GPX files sit beside the project",
        p.display()
    );
    p.display().to_string()
}

#[test]
fn route_info_prints_the_figures_of_a_real_track_as_one_json_object() {
    let out = cli(&[
        "route",
        "info",
        &shared("regional/stevenson-J1-le-puy-to-le-cros.gpx"),
        "--json",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let length = v["length_m"].as_f64().unwrap();
    assert!((15_000.0..35_000.0).contains(&length), "{v}");
    assert!(v["ascent_m"].as_f64().unwrap() > 100.0 && v["descent_m"].as_f64().is_some());
    assert!(v["duration_min"].as_u64().unwrap() > 180);
    assert!(v["points"].as_u64().unwrap() > 50);
    assert!(v["name"].is_string());
    let bbox: Vec<f64> = serde_json::from_value(v["bbox"].clone()).unwrap();
    // [min_lon, min_lat, max_lon, max_lat] around the Velay.
    assert!(bbox[0] < bbox[2] && bbox[1] < bbox[3], "{bbox:?}");
    assert!(
        (3.5..4.2).contains(&bbox[0]) && (44.7..45.1).contains(&bbox[1]),
        "{bbox:?}"
    );
}

#[test]
fn route_info_leaves_the_jump_between_two_tracks_out_and_says_so() {
    // CalTopo's export: two tracks 4.96 km apart; gpxpy measures 10,980 m in all.
    let file = shared("georust-gpx/caltopo-export.gpx");
    let out = cli(&["route", "info", &file, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let length = v["length_m"].as_f64().unwrap();
    assert!((10_900.0..11_100.0).contains(&length), "{v}");
    assert!(v["gaps"].as_str().unwrap().contains("not counted as walked"), "{v}");
    let text = String::from_utf8_lossy(&cli(&["route", "info", &file]).stdout).to_string();
    assert!(text.contains("gap"), "{text}");
}

#[test]
fn route_info_on_a_bad_file_fails_with_the_reason_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.gpx");
    std::fs::write(&bad, "shopping list: lentils, verveine").unwrap();
    let out = cli(&["route", "info", bad.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.gpx") && err.contains("not a GPX file"), "{err}");
    let out = cli(&["route", "info", dir.path().join("missing.gpx").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.gpx"));
}

#[test]
fn a_bundled_route_exports_as_gpx_that_reads_back_with_its_points_of_interest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mezenc.gpx");
    let data = dir.path().join("store");
    let out = cli(&[
        "--data",
        data.to_str().unwrap(),
        "route",
        "export",
        "estables-mezenc",
        file.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("version=\"1.1\"") && text.contains("Summit of Mont Mézenc"),
        "{text}"
    );
    assert!(text.contains("not surveyed"));
    let out = cli(&["route", "info", file.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "Mont Mézenc from Les Estables");
    assert!(v["ascent_m"].as_f64().unwrap() > 300.0);

    let out = cli(&[
        "--data",
        data.to_str().unwrap(),
        "route",
        "export",
        "nowhere",
        file.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no route \"nowhere\""));
}

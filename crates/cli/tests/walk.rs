//! A walk recorded by a process that dies: every point it said was saved is there when the
//! store is opened again.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use velay_core::route::GpxFile;
use velay_core::Store;

#[test]
fn a_walk_killed_mid_recording_keeps_every_point_it_reported_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let mut child = Command::new(env!("CARGO_BIN_EXE_velay-cli"))
        .args([
            "--data",
            data.to_str().unwrap(),
            "walk",
            "record",
            "puy-ville-haute",
            "--interval-ms",
            "20",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("velay-cli starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let walk: u64 = lines
        .next()
        .unwrap()
        .unwrap()
        .strip_prefix("walk ")
        .expect("the walk's id first")
        .parse()
        .unwrap();
    let mut saved = 0u32;
    for line in lines.by_ref() {
        saved = line.unwrap().parse::<u32>().unwrap() + 1;
        if saved == 30 {
            break;
        }
    }
    // SIGKILL: no destructor, no flush, no goodbye.
    child.kill().unwrap();
    child.wait().unwrap();

    let store = Store::open(&data).expect("the store opens after the kill");
    let points = store.walk_points(walk).unwrap();
    assert!(
        points.len() as u32 >= saved && points.len() as u32 <= saved + 1,
        "{} points kept, {saved} reported saved",
        points.len()
    );
    assert!(points.windows(2).all(|w| w[0].time_ms < w[1].time_ms));
    drop(store);

    let file = dir.path().join("walk.gpx");
    let out = Command::new(env!("CARGO_BIN_EXE_velay-cli"))
        .args([
            "--data",
            data.to_str().unwrap(),
            "walk",
            "export",
            &walk.to_string(),
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let gpx = GpxFile::read("walk.gpx", &std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(gpx.line().len(), points.len());
    assert!(gpx.tracks[0].segments[0].iter().all(|p| p.time_ms.is_some()));
}

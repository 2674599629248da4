//! The greeter commands on a store holding the bundled content: list greeters, ask for a slot
//! (queued at once, on disk), list the requests with their state.

use std::process::Command;

use velay_core::content::{read_dir, snapshot};
use velay_core::Store;

fn cli(data: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_velay-cli"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("velay-cli runs");
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_traveller_lists_greeters_queues_a_request_offline_and_sees_it_waiting_to_send() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data");
        let store = Store::open(&data).unwrap();
        store.load_snapshot(&snapshot(&read_dir(&root).unwrap())).unwrap();
    }
    // The traveller lives on Tuesday 1 December 2026: slots are worked out from the rules.
    let before = ["--now", "2026-12-01T09:00:00"];
    let (ok, out, err) = cli(&data, &[&["greeters", "--json"][..], &before].concat());
    assert!(ok, "{err}");
    let greeters: serde_json::Value = serde_json::from_str(&out).unwrap();
    let greeters = greeters.as_array().unwrap();
    assert!(greeters.len() >= 8);
    assert!(greeters.iter().all(|g| g["fictional"] == true));
    assert!(greeters
        .iter()
        .all(|g| !g["availability"].as_array().unwrap().is_empty()));
    let slot = greeters[0]["slots"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(slot, "bernard-mercredi-20261202", "Bernard's first Wednesday morning");
    let dates: Vec<&str> = greeters
        .iter()
        .flat_map(|g| g["slots"].as_array().unwrap())
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert!(
        dates.iter().all(|d| ("2026-12-01".."2027-01-26").contains(d)),
        "eight weeks: {dates:?}"
    );

    let (ok, _, err) = cli(
        &data,
        &[
            &["request", "--slot", &slot, "--party", "9", "--email", "a@example.org"][..],
            &before,
        ]
        .concat(),
    );
    assert!(!ok && err.contains("1 to 6"), "{err}");
    let (ok, _, err) = cli(
        &data,
        &[
            &["request", "--slot", &slot, "--party", "2", "--email", "not-an-address"][..],
            &before,
        ]
        .concat(),
    );
    assert!(!ok && err.contains("e-mail"), "{err}");
    let (ok, out, err) = cli(
        &data,
        &[
            "request",
            "--slot",
            &slot,
            "--party",
            "2",
            "--email",
            "anne@example.org",
            "--json",
            before[0],
            before[1],
        ],
    );
    assert!(ok, "{err}");
    let queued: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(queued["status"], "waiting_to_send");

    let (ok, out, _) = cli(&data, &["requests", "--json"]);
    assert!(ok);
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1, "only the valid request was queued");
    assert_eq!(all[0]["id"], queued["id"]);
    assert_eq!(all[0]["status"], "waiting_to_send");

    // The same slot again, or a slot asked for after its start, queues nothing.
    let again = [
        "request",
        "--slot",
        &slot,
        "--party",
        "2",
        "--email",
        "anne@example.org",
    ];
    let (ok, _, err) = cli(&data, &[&again[..], &before].concat());
    assert!(!ok && err.contains("already"), "{err}");
    let other = greeters[1]["slots"][0]["id"].as_str().unwrap();
    let late = [
        "request",
        "--slot",
        other,
        "--party",
        "2",
        "--email",
        "anne@example.org",
        "--now",
        "2027-01-30T09:00:00",
    ];
    let (ok, _, err) = cli(&data, &late);
    assert!(!ok && err.contains("started"), "{err}");
    let (_, out, _) = cli(&data, &["requests", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1);
}

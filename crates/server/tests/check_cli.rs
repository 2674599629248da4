//! `velay-server check` and the check `import` runs first, as the tourist office uses them:
//! on the tiny invented folder of the core's tests (`crates/core/tests/fixtures/check`, one
//! route no one can reach, one slot no one can keep) and on the real routes-data.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/check")
}

fn routes_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")
}

fn server(args: &[&str], dir: &Path, more: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_velay-server"))
        .args(args)
        .arg(dir)
        .args(more)
        .output()
        .expect("velay-server runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The fixture without its unreachable route and with its dawn slot moved to mid-morning:
/// content that passes, with one warning.
fn passing_copy(to: &Path) -> PathBuf {
    copy_dir(&fixture(), to);
    std::fs::remove_dir_all(to.join("routes/lost-valley")).unwrap();
    let greeter = to.join("greeters/anne.toml");
    let toml = std::fs::read_to_string(&greeter).unwrap();
    std::fs::write(&greeter, toml.replace("start = \"05:00:00\"", "start = \"10:30:00\"")).unwrap();
    to.to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

#[test]
fn check_prints_the_matrix_and_exits_non_zero_naming_the_route_no_one_can_reach() {
    let out = server(&["check"], &fixture(), &["--date", "2026-12-01"]);
    let stdout = text(&out.stdout);
    println!("{stdout}");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(stdout.contains("Days checked: weekday Tue 2026-12-01, Saturday Sat 2026-12-05, Sunday Sun 2026-12-06"));
    assert!(stdout.contains("    polignac-loop"), "{stdout}");
    let failures = stdout.split("Failures (2):").nth(1).expect("a list of failures");
    assert!(
        failures.contains(
            "route lost-valley (The lost valley): no one can get there and back without a car on any day checked"
        ),
        "{failures}"
    );
    assert!(failures.contains("slot anne-20261202-dawn"), "{failures}");
    assert!(stdout
        .trim_end()
        .ends_with("Result: FAILED, 2 failure(s), 1 warning(s)"));
}

#[test]
fn content_that_passes_exits_zero_and_says_its_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let content = passing_copy(&dir.path().join("content"));
    let out = server(&["check"], &content, &["--date", "2026-12-01"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("route polignac-loop: nobody can do it on a Sunday (2026-12-06)"));
    assert!(stdout.trim_end().ends_with("Result: passed (1 warning(s))"));
}

#[test]
fn check_json_gives_every_cell_and_every_finding_with_its_message() {
    let out = server(&["check"], &fixture(), &["--date", "2026-12-01", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(report["passed"], false);
    let route = report["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["route"] == "polignac-loop")
        .unwrap();
    assert_eq!(route["cells"].as_array().unwrap().len(), 5 * 3);
    let lyon_tuesday = &route["cells"][0];
    assert_eq!(lyon_tuesday["origin"], "lyon");
    assert_eq!(lyon_tuesday["day"], "weekday");
    assert_eq!(lyon_tuesday["reach"]["outcome"], "fits");
    assert_eq!(lyon_tuesday["reach"]["minutes"], 340);
    let codes: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["severity"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("failure", "route_unreachable"),
            ("warning", "route_not_on_day"),
            ("failure", "slot_unreachable")
        ]
    );
    assert!(report["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("lost-valley"));
}

#[test]
fn import_refuses_content_that_fails_the_check_and_publishes_it_when_forced() {
    let data = tempfile::tempdir().unwrap();
    let refused = server(&["import"], &fixture(), &["--data", data.path().to_str().unwrap()]);
    let stderr = text(&refused.stderr);
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty(), "nothing published, nothing reported");
    assert!(
        stderr.contains("the content check failed; nothing was published"),
        "{stderr}"
    );
    assert!(stderr.contains("route lost-valley (The lost valley)"), "{stderr}");
    assert!(!data.path().join("store").exists(), "the store was not even opened");

    let forced = server(
        &["import"],
        &fixture(),
        &["--data", data.path().to_str().unwrap(), "--force"],
    );
    let stderr = text(&forced.stderr);
    assert!(forced.status.success(), "{stderr}");
    assert!(stderr.contains("content check failed, published anyway (--force): route lost-valley"));
    let report: serde_json::Value = serde_json::from_slice(&forced.stdout).expect("import prints one JSON object");
    assert!(report["changed"].as_u64().unwrap() > 0, "{report}");
}

#[test]
fn import_publishes_content_that_passes_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let content = passing_copy(&dir.path().join("content"));
    let data = dir.path().join("data");
    let out = server(&["import"], &content, &["--data", data.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["changed"].as_u64().unwrap() > 0);
}

/// The matrix of the bundled content, printed for whoever runs the tests.
#[test]
fn check_runs_on_routes_data_and_le_puy_is_reachable_from_le_puy_on_a_weekday() {
    // The bundled content passes, in winter and in summer: every route can be reached and left
    // without a car, every greeter slot kept, every place near its stop, every sample labelled.
    for date in ["2026-12-01", "2027-07-05"] {
        let out = server(&["check"], &routes_data(), &["--date", date]);
        println!("{}", text(&out.stdout));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{date}: {}\n{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }

    let json = server(&["check"], &routes_data(), &["--date", "2026-12-01", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sites = report["sites"].as_array().unwrap();
    assert_eq!(sites.len(), 4);
    for site in sites {
        let cells = site["cells"].as_array().unwrap();
        for origin in ["lyon", "saint-etienne", "clermont-ferrand", "le-puy", "stay"] {
            for day in ["weekday", "saturday", "sunday"] {
                let n = cells
                    .iter()
                    .filter(|c| c["origin"] == origin && c["day"] == day)
                    .count();
                assert_eq!(n, 1, "{} from {origin} on a {day}", site["site"]);
            }
        }
    }
    let le_puy = sites.iter().find(|s| s["site"] == "le-puy").unwrap();
    let cell = le_puy["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["origin"] == "le-puy" && c["day"] == "weekday")
        .unwrap();
    assert_eq!(cell["reach"]["outcome"], "fits", "{cell}");
}

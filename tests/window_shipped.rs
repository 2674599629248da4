//! The app as a user gets it: `scripts/run.sh`, the README's run command, started as a person
//! starts it (no cargo variables, the data in the default folder, a French locale), on a
//! display of our own. It must open styled: the stylesheet loaded, the tab bar fixed at the
//! bottom of the window, the header in the app's green. `scripts/test.sh` builds the release
//! binaries first, so the build that run.sh asks for finds nothing to do.

mod support;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::window::{pixel, Display, Screen};
use support::{free_port, wait_for};

/// The run command's whole process group (the script, its server, the app), ended when dropped.
struct Group(Child);

impl Drop for Group {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        for signal in ["-TERM", "-KILL"] {
            let _ = Command::new("kill").args([signal, "--", &group]).status();
            std::thread::sleep(Duration::from_millis(500));
        }
        let _ = self.0.wait();
    }
}

#[test]
fn the_app_started_by_the_readme_run_command_is_styled_and_syncs() {
    let display = Display::start();
    let tmp = tempfile::tempdir().unwrap();
    let port = free_port();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let probe = tmp.path().join("shown.json");
    let mut cmd = Command::new(repo.join("scripts/run.sh"));
    cmd.current_dir(repo).process_group(0);
    // What cargo sets for a test (CARGO_MANIFEST_DIR above all, which Dioxus reads to find its
    // assets) is not in a user's shell.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy().into_owned();
        let cargo_set = name.starts_with("CARGO_") && name != "CARGO_HOME";
        if cargo_set || name.starts_with("VELAY_") || name.starts_with("RUST_") || name == "OUT_DIR" {
            cmd.env_remove(&name);
        }
    }
    let log = |name: &str| Stdio::from(std::fs::File::create(tmp.path().join(name)).unwrap());
    let child = cmd
        .env("DISPLAY", display.name())
        .env("LANG", "fr_FR.UTF-8")
        .env("XDG_DATA_HOME", tmp.path().join("home-data"))
        .env("VELAY_BIND", format!("127.0.0.1:{port}"))
        .env("VELAY_SERVER_DATA", tmp.path().join("server"))
        .env("VELAY_PROBE", &probe)
        .stdout(log("run.out"))
        .stderr(log("run.err"))
        .spawn()
        .expect("scripts/run.sh starts");
    let _run = Group(child);
    let screen = || Screen::read(&probe);

    wait_for(
        "the app, synced with the server run.sh started",
        Duration::from_secs(600),
        || {
            let text = screen().text;
            text.contains("Itinéraires") && text.contains("À jour à")
        },
    );
    let shown = screen();
    assert!(
        shown.css_rules > 50,
        "the page has {} stylesheet rules: the app shipped without its stylesheet",
        shown.css_rules
    );
    let (position, top, height) = shown.tab_bar.clone().expect("a tab bar");
    assert_eq!(position, "fixed", "the tab bar is not styled");
    assert_eq!(top + height, 800, "the tab bar is not at the bottom of the window");
    // The store went to the platform's data folder, as for anyone who sets nothing.
    assert!(tmp.path().join("home-data/velay/store").is_dir());
    // And the log beside it, where the Sync page says it is.
    let log = tmp.path().join("home-data/velay/logs/velay.log");
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        logged.contains("INFO velay: the app starts"),
        "{}: {logged}",
        log.display()
    );

    let shot = display.screenshot("check-shipped.png");
    let green = pixel(&shot, 4, 4);
    assert!(
        green.1 > green.0 + 30 && green.1 > green.2 + 10,
        "the header is not the app's green: {green:?}"
    );
    let tab_bar = pixel(&shot, 2, 798);
    assert!(
        tab_bar.0 > 240 && tab_bar.1 > 240 && tab_bar.2 > 240,
        "no white tab bar at the bottom: {tab_bar:?}"
    );
}

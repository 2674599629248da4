//! The map as a hiker meets it, in the real window (under Xvfb): a route's page before its
//! site's pack is on the device (the track on a plain background and a note that says which
//! pack to download), the pack downloaded from the sync page, then, with the server stopped,
//! the same page drawn on the stored tiles. The tiles are generated ones
//! (scripts/maps/sample_tiles.py), packed by `velay-server tiles build` as an operator would.
//! The screenshot goes to target/screenshots/ (and to docs/ with VELAY_UPDATE_DOCS=1).

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use support::window::{launch_app, launch_app_with, pixel, Display, Screen};
use support::{bin, copy_routes_data, free_port, import, wait_for, Running, Server};

/// The sample tile server, on a free port.
fn sample_tiles() -> (Running, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/maps/sample_tiles.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs the sample tile server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().trim_start_matches("serving on ").to_string();
    (Running(child), url)
}

/// A pixel of the map, away from the track, is the sample tiles' green (not the plain
/// background's beige nor Leaflet's grey).
fn on_tiles((r, g, b): (u8, u8, u8)) -> bool {
    g > r + 10 && g > b + 10
}

#[test]
fn the_map_draws_the_track_on_plain_ground_then_on_the_stored_pack_with_the_server_stopped() {
    let display = Display::start();
    let tmp = tempfile::tempdir().unwrap();
    let content = copy_routes_data(&tmp.path().join("routes-data"));
    let data = tmp.path().join("server");
    import(&content, &data);
    let (_tiles, tiles_url) = sample_tiles();
    let built = Command::new(bin("velay-server"))
        .args([
            "tiles",
            "build",
            "--site",
            "mezenc-gerbier",
            "--rate",
            "500",
            "--contact",
            "tests@example.org",
        ])
        .args([
            "--name",
            "Sample tiles",
            "--attribution",
            "Sample tiles, not a map",
            "--licence",
            "none",
        ])
        .arg("--source")
        .arg(format!("{tiles_url}/{{z}}/{{x}}/{{y}}.png"))
        .arg("--content")
        .arg(&content)
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let port = free_port();
    let server = Server::start(&data, &format!("127.0.0.1:{port}"));

    let (app, probe) = launch_app(&display, tmp.path(), &server.url, Some("/route/estables-mezenc"));
    let screen = || Screen::read(&probe);
    wait_for(
        "the route page with its map and the note",
        Duration::from_secs(60),
        || {
            let s = screen();
            s.at.contains_key("route-map") && s.text.contains("Sans la carte de ce site sur l'appareil")
        },
    );
    std::thread::sleep(Duration::from_secs(1));
    let (_, y) = screen().at["route-map"];
    let shot = display.screenshot("check-map-plain.png");
    assert!(
        !on_tiles(pixel(&shot, 120, y as u32 - 110)),
        "no tiles before the pack is stored"
    );

    // The pack, from the sync page: its size first, then stored.
    display.click_still(&probe, "tab-sync");
    wait_for("the offline maps", Duration::from_secs(20), || {
        screen().at.contains_key("pack-download-mezenc-gerbier")
    });
    assert!(
        screen().text.contains("Mézenc et Gerbier de Jonc\n"),
        "{}",
        screen().text
    );
    assert!(
        screen().text.contains(" ko\nTélécharger"),
        "the size before the download: {}",
        screen().text
    );
    display.click_still(&probe, "pack-download-mezenc-gerbier");
    wait_for("the pack on the device", Duration::from_secs(30), || {
        screen().at.contains_key("pack-delete-mezenc-gerbier") && screen().text.contains("Sur l'appareil")
    });
    drop(app);
    drop(server);

    // No server now: the map shows the stored tiles.
    let (_app, probe) = launch_app(
        &display,
        tmp.path(),
        support::window::NOWHERE,
        Some("/route/estables-mezenc"),
    );
    let screen = || Screen::read(&probe);
    wait_for("the route page again", Duration::from_secs(60), || {
        screen().at.contains_key("route-map")
    });
    assert!(!screen().text.contains("Sans la carte de ce site"), "{}", screen().text);
    std::thread::sleep(Duration::from_secs(2));
    let shot = display.screenshot("screen-route-map-fr.png");
    let (_, y2) = screen().at["route-map"];
    assert_eq!(y, y2, "the map is where it was");
    assert!(
        on_tiles(pixel(&shot, 120, y as u32 - 110)),
        "the stored tiles under the track: {:?}",
        pixel(&shot, 120, y as u32 - 110)
    );
    assert!(
        screen().text.contains("Sample tiles, not a map"),
        "the credit is on the map: {}",
        screen().text
    );
    drop(_app);

    // The same page in English, for the README.
    let env = [("VELAY_LANG", Some("en"))];
    let (_app, probe) = launch_app_with(
        &display,
        tmp.path(),
        support::window::NOWHERE,
        Some("/route/estables-mezenc"),
        &env,
    );
    wait_for("the route page in English", Duration::from_secs(60), || {
        let s = Screen::read(&probe);
        s.at.contains_key("route-map") && s.text.contains("Map\n")
    });
    std::thread::sleep(Duration::from_secs(2));
    let shot = display.screenshot("screen-route-map-en.png");
    assert!(on_tiles(pixel(&shot, 120, y as u32 - 110)));
}

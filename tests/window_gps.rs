//! Following with a real GPS stack, end to end: gpsd's own `gpsfake` replays an NMEA log as a
//! live receiver (a walker who starts on the Polignac route, strays 300 m south of it, and comes
//! back), the app follows it through gpsd (`VELAY_POSITION=gpsd:127.0.0.1:PORT`) in the real
//! window under Xvfb, and the off-route banner shows on top of every page while the walker is
//! away, saying which way the track is.

mod support;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::window::{launch_app_with, Display, Screen, NOWHERE};
use support::{free_port, wait_for};

/// About 300 m of latitude, in degrees.
const AWAY_DEG: f64 = 0.0027;

/// One NMEA sentence with its checksum (the XOR of every byte between `$` and `*`).
fn sentence(body: &str) -> String {
    let sum = body.bytes().fold(0u8, |acc, b| acc ^ b);
    format!("${body}*{sum:02X}\r\n")
}

/// Degrees as NMEA writes them: "4502.5680", "N" and "00353.5560", "E".
fn nmea_angle(value: f64, width: usize, pos: &str, neg: &str) -> (String, String) {
    let a = value.abs();
    let degrees = a.trunc();
    let minutes = (a - degrees) * 60.0;
    let hemisphere = if value >= 0.0 { pos } else { neg };
    (
        format!("{:0width$}{:07.4}", degrees as u32, minutes, width = width),
        hemisphere.to_string(),
    )
}

/// An RMC and a GGA sentence for a fix at `second` seconds after 10:00 UTC on 5 June 2026.
fn fix_sentences(lat: f64, lon: f64, second: u32) -> String {
    let time = format!("10{:02}{:02}.00", second / 60, second % 60);
    let (la, ns) = nmea_angle(lat, 2, "N", "S");
    let (lo, ew) = nmea_angle(lon, 3, "E", "W");
    sentence(&format!("GPRMC,{time},A,{la},{ns},{lo},{ew},1.0,270.0,050626,,,A"))
        + &sentence(&format!("GPGGA,{time},{la},{ns},{lo},{ew},1,08,1.0,620.0,M,50.0,M,,"))
}

/// The points of a bundled route's track, (lat, lon), read from its GPX file.
fn track(route: &str) -> Vec<(f64, f64)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("routes-data/routes/{route}/track.gpx"));
    let gpx = std::fs::read_to_string(&path).expect("the route's GPX file");
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("a trkpt has lat and lon") + name.len() + 2;
        let end = start + tag[start..].find('"').expect("a closing quote");
        tag[start..end].parse().expect("a number")
    };
    gpx.split("<trkpt ")
        .skip(1)
        .map(|tag| (attr(tag, "lat"), attr(tag, "lon")))
        .collect()
}

/// The walk as a receiver logs it, a fix a second: the first 240 m of the track (points 0 to
/// 6, about 40 m apart, heading west from Le Puy station), then off it to the south, 300 m away
/// and walking on parallel to it, then back on the track from point 16 and on to point 35.
fn nmea_log(track: &[(f64, f64)]) -> String {
    let mut fixes: Vec<(f64, f64)> = track[..=6].to_vec();
    let (lat6, lon6) = track[6];
    fixes.push((lat6 - AWAY_DEG / 3.0, lon6));
    fixes.push((lat6 - 2.0 * AWAY_DEG / 3.0, lon6));
    fixes.extend(track[6..=16].iter().map(|&(lat, lon)| (lat - AWAY_DEG, lon)));
    let (lat16, lon16) = track[16];
    fixes.push((lat16 - 2.0 * AWAY_DEG / 3.0, lon16));
    fixes.push((lat16 - AWAY_DEG / 3.0, lon16));
    fixes.extend_from_slice(&track[16..=35]);
    fixes
        .iter()
        .zip(0..)
        .map(|(&(lat, lon), second)| fix_sentences(lat, lon, second))
        .collect()
}

/// `gpsfake` and the gpsd it starts, in a process group of their own, ended together.
struct Gpsfake(Child);

impl Gpsfake {
    /// Replays `log` over and over as a receiver, gpsd listening on 127.0.0.1:`port`; a
    /// quarter of a second between sentences (half a second between fixes).
    fn start(log: &Path, port: u16) -> Gpsfake {
        let found = Command::new("gpsfake")
            .arg("--help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        assert!(
            found.is_ok_and(|s| s.success()),
            "gpsfake is missing: it comes with gpsd's clients (Debian 12: apt-get install gpsd \
             gpsd-clients); scripts/deps.sh installs them"
        );
        assert!(
            Path::new("/usr/sbin/gpsd").exists() || Command::new("gpsd").arg("-V").output().is_ok(),
            "gpsd is missing: gpsfake runs it (Debian 12: apt-get install gpsd); scripts/deps.sh installs it"
        );
        let child = Command::new("gpsfake")
            .args(["-q", "-c", "0.25", "-P", &port.to_string()])
            .arg(log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("gpsfake starts");
        Gpsfake(child)
    }
}

impl Drop for Gpsfake {
    fn drop(&mut self) {
        // The whole group: gpsfake's gpsd too, which would otherwise keep the port.
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.wait();
    }
}

/// "Le tracé est à 310 m au nord" read back: (310, "au nord").
fn way_back(text: &str) -> Option<(u32, String)> {
    let rest = text.split("Le tracé est à ").nth(1)?;
    let (metres, rest) = rest.split_once(" m ")?;
    Some((metres.parse().ok()?, rest.lines().next()?.trim().to_string()))
}

#[test]
fn a_walker_who_strays_300_m_is_warned_on_every_page_through_gpsd_and_the_warning_lifts_when_back() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("walk.nmea");
    std::fs::write(&log, nmea_log(&track("puy-polignac"))).unwrap();
    let port = free_port();
    let _gpsfake = Gpsfake::start(&log, port);

    let display = Display::start();
    let gpsd = format!("gpsd:127.0.0.1:{port}");
    let env = [("VELAY_LANG", Some("fr")), ("VELAY_POSITION", Some(gpsd.as_str()))];
    let (_app, probe) = launch_app_with(&display, tmp.path(), NOWHERE, Some("/route/puy-polignac/follow"), &env);
    let screen = || Screen::read(&probe);

    wait_for(
        "the receiver's first fix on the follow page",
        Duration::from_secs(60),
        || {
            let text = screen().text;
            text.contains("Récepteur GPS") && text.contains("Parcouru")
        },
    );
    let text = screen().text;
    assert!(
        text.contains(&format!("127.0.0.1:{port}")) && !text.contains("Rejeu du tracé"),
        "{text}"
    );

    wait_for(
        "the off-route banner on the follow page",
        Duration::from_secs(60),
        || screen().at.contains_key("off-route-banner"),
    );
    let shown = screen();
    assert!(
        shown.text.contains("Vous vous êtes écarté de l'itinéraire"),
        "{}",
        shown.text
    );
    // About 300 m, as the winding track bends towards or away from the walker; northwards (the
    // nearest point of the winding track lies north or a little to its east or west).
    let (metres, way) = way_back(&shown.text).unwrap_or_else(|| panic!("no way back in {}", shown.text));
    assert!(
        (250..=350).contains(&metres) && ["au nord", "au nord-ouest", "au nord-est"].contains(&way.as_str()),
        "{}",
        shown.text
    );
    display.screenshot("screenshot-off-route.png");

    // The walker, still away, checks the plan page: the banner is there too, on top.
    display.click_still(&probe, "tab-plan");
    // (Should the walker be back already, the receiver's log plays again: half a minute a round.)
    wait_for("the plan page, with the banner on top", Duration::from_secs(45), || {
        let shown = screen();
        shown.text.contains("Préparer une journée sans voiture") && shown.at.contains_key("off-route-banner")
    });
    let shown = screen();
    let (_, y) = shown.at["off-route-banner"];
    assert!(y < 200, "the banner stands at the top of the page, at y = {y}");
    assert!(
        !shown.text.contains("Parcouru"),
        "this is the plan page: {}",
        shown.text
    );

    // Back on the track, the banner goes away, on the page the walker is on.
    wait_for(
        "the banner to lift once back on the track",
        Duration::from_secs(60),
        || {
            let shown = screen();
            shown.text.contains("Préparer une journée sans voiture") && !shown.at.contains_key("off-route-banner")
        },
    );
    assert!(!screen().text.contains("Vous vous êtes écarté"));
}

#[test]
fn the_nmea_log_is_well_formed() {
    // The checksum of a sentence from the NMEA 0183 standard's examples.
    assert_eq!(
        sentence("GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,"),
        "$GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,*76\r\n"
    );
    assert_eq!(nmea_angle(45.0428, 2, "N", "S"), ("4502.5680".into(), "N".into()));
    assert_eq!(nmea_angle(3.8926, 3, "E", "W"), ("00353.5560".into(), "E".into()));
}

//! The plan page in the real desktop window (under Xvfb), offline: a car-free day from the
//! default home station to a route and back, from the timetable bundled in the app: the way
//! there, the walk, the way back and the margin, or why not and the nearest day that works;
//! then a station's departures board.
//! The screenshot goes to target/screenshots/ (and to docs/ with VELAY_UPDATE_DOCS=1).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use support::{wait_for, Running};

/// An X server of our own, on a display number nobody uses.
struct Display {
    number: u32,
    _xvfb: Running,
}

impl Display {
    fn start() -> Display {
        let number = (400..700)
            .map(|n| n + std::process::id() % 300)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .expect("a free X display number");
        let xvfb = Command::new("Xvfb")
            .args([&format!(":{number}"), "-screen", "0", "400x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts (Debian package xvfb; scripts/test.sh installs it)");
        let xvfb = Running(xvfb);
        wait_for("Xvfb to listen", Duration::from_secs(10), || {
            Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
        });
        Display { number, _xvfb: xvfb }
    }

    fn name(&self) -> String {
        format!(":{}", self.number)
    }

    /// Takes a screenshot of the whole screen and checks that it is not blank.
    fn screenshot(&self, name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        let status = Command::new("import")
            .args(["-display", &self.name(), "-window", "root"])
            .arg(&path)
            .status()
            .expect("ImageMagick's import runs (Debian package imagemagick)");
        assert!(status.success(), "the screenshot failed");
        let colours = Command::new("identify")
            .args(["-format", "%k"])
            .arg(&path)
            .output()
            .unwrap();
        let colours: u32 = String::from_utf8_lossy(&colours.stdout).trim().parse().unwrap_or(0);
        assert!(
            colours > 50,
            "the screenshot has {colours} colours: the window looks blank"
        );
        if std::env::var_os("VELAY_UPDATE_DOCS").is_some() {
            std::fs::copy(&path, Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name)).unwrap();
        }
        path
    }
}

/// The app, offline (nothing listens on its server's port), opened on `page`.
fn app(display: &Display, dir: &Path, page: &str) -> (Running, PathBuf) {
    let probe = dir.join("shown.txt");
    let child = Command::new(env!("CARGO_BIN_EXE_velay"))
        .env("DISPLAY", display.name())
        .env("VELAY_DATA", dir.join("app"))
        .env("VELAY_SERVER", "http://127.0.0.1:9")
        .env("VELAY_LANG", "fr")
        .env("VELAY_PROBE", &probe)
        .env("VELAY_START_PAGE", page)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts");
    (Running(child), probe)
}

#[test]
fn a_visitor_plans_a_car_free_day_to_the_mezenc_then_reads_a_departures_board_with_no_network() {
    let display = Display::start();
    let tmp = tempfile::tempdir().unwrap();
    let (plan, probe) = app(&display, tmp.path(), "/plan/estables-mezenc");
    let shown = || std::fs::read_to_string(&probe).unwrap_or_default();
    let planned = |text: &str| text.contains("La marche") && text.contains("Marge :");
    let not_that_day = |text: &str| text.contains("Impossible ce jour-là") && text.contains("Choisir ce jour");
    wait_for("the plan page", Duration::from_secs(60), || {
        let text = shown();
        text.contains("Préparer une journée sans voiture") && (planned(&text) || not_that_day(&text))
    });
    let text = shown();
    if planned(&text) {
        assert!(text.contains("Les Estables – Bourg"), "the route's stop: {text}");
        assert!(text.contains("Lyon Part Dieu"), "the default home station: {text}");
        assert!(text.contains("Aller") && text.contains("Retour"), "{text}");
        assert!(
            text.contains("horaires d'exemple"),
            "the Mézenc bus is a sample: {text}"
        );
    } else {
        assert!(text.contains("Le jour le plus proche qui marche"), "{text}");
    }
    std::thread::sleep(Duration::from_millis(500));
    display.screenshot("screenshot-plan.png");
    drop(plan);

    // Then a stop's board, one display for both: two tests would race for a display number.
    let tmp = tempfile::tempdir().unwrap();
    let (_app, probe) = app(&display, tmp.path(), "/departures/StopArea:OCE87734699");
    let shown = || std::fs::read_to_string(&probe).unwrap_or_default();
    wait_for("the departures board", Duration::from_secs(60), || {
        let text = shown();
        text.contains("Départs · Le Puy-en-Velay")
            && (text.contains("Aucun départ dans les 24 heures.")
                || text.contains("Saint-Étienne")
                || text.contains("Estables"))
    });
    std::thread::sleep(Duration::from_millis(500));
    display.screenshot("screenshot-departures.png");
}

//! The real desktop app in a real window (under Xvfb): on first launch with no server it shows
//! the bundled routes; when the server appears it syncs by itself; a route renamed and imported
//! on the server shows up in the running window without a restart. Screenshots go to
//! target/screenshots/ (and to docs/ with VELAY_UPDATE_DOCS=1).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use support::{copy_routes_data, import, rename_route, wait_for, Running, Server};

/// An X server of our own, on a display number nobody uses.
struct Display {
    number: u32,
    _xvfb: Running,
}

impl Display {
    fn start() -> Display {
        let number = (100..400)
            .map(|n| n + std::process::id() % 300)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .expect("a free X display number");
        let xvfb = Command::new("Xvfb")
            .args([
                format!(":{number}").as_str(),
                "-screen",
                "0",
                "400x800x24",
                "-nolisten",
                "tcp",
            ])
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

    /// Clicks the centre of the element marked `data-testid="{id}"`. With no window manager the
    /// window sits at the screen's origin, so page coordinates are screen coordinates.
    fn click(&self, screen: &Screen, id: &str) {
        let (x, y) = *screen
            .at
            .get(id)
            .unwrap_or_else(|| panic!("no element {id:?} on screen: {}", screen.text));
        self.xdotool(&["mousemove", &x.to_string(), &y.to_string(), "click", "1"]);
        std::thread::sleep(Duration::from_millis(300));
    }

    fn type_text(&self, text: &str) {
        self.xdotool(&["type", "--delay", "40", text]);
    }

    fn xdotool(&self, args: &[&str]) {
        let status = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", self.name())
            .status()
            .expect("xdotool runs (Debian package xdotool; scripts/test.sh installs it)");
        assert!(status.success(), "xdotool {args:?} failed");
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

#[test]
fn the_window_shows_bundled_routes_offline_then_follows_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    let display = Display::start();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let probe = tmp.path().join("shown.txt");
    let app = Command::new(env!("CARGO_BIN_EXE_velay"))
        .env("DISPLAY", display.name())
        .env("VELAY_DATA", tmp.path().join("app"))
        .env("VELAY_SERVER", format!("http://127.0.0.1:{port}"))
        .env("VELAY_SYNC_INTERVAL_SECS", "1")
        .env("VELAY_LANG", "fr")
        .env("VELAY_PROBE", &probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts");
    let _app = Running(app);
    let screen = || Screen::read(&probe);
    let shown = || screen().text;

    // First launch, nothing listening: the bundled routes, and the app says it is offline.
    wait_for("the bundled routes list", Duration::from_secs(60), || {
        let text = shown();
        text.contains("Itinéraires")
            && text.contains("Le Puy : Ville-Haute, Aiguilhe et Espaly")
            && text.contains("Hors ligne")
    });
    assert!(shown().contains("Tracé d'exemple, non relevé sur le terrain"));
    display.screenshot("routes-offline.png");

    // The server comes up: the app finds it by itself.
    let content = copy_routes_data(&tmp.path().join("routes-data"));
    let data = tmp.path().join("server");
    import(&content, &data);
    let _server = Server::start(&data, &format!("127.0.0.1:{port}"));
    wait_for("the app to sync", Duration::from_secs(30), || {
        shown().contains("À jour à")
    });
    display.screenshot("routes.png");

    // A rename published on the server appears in the running window.
    rename_route(
        &content,
        "puy-ville-haute",
        "Le Puy, les rochers volcaniques",
        "Le Puy, the volcanic rocks",
    );
    import(&content, &data);
    wait_for("the new name in the window", Duration::from_secs(30), || {
        shown().contains("Le Puy, les rochers volcaniques")
    });
    assert!(!shown().contains("Le Puy : Ville-Haute, Aiguilhe et Espaly"));
    display.screenshot("routes-renamed.png");

    // The sync screen: a note typed in the window is saved, sent, and received by the server.
    display.click(&screen(), "tab-sync");
    wait_for("the sync screen", Duration::from_secs(10), || {
        shown().contains("Envois") && shown().contains("Rien à envoyer.")
    });
    display.click(&screen(), "note-text");
    display.type_text("Panneau tombe au carrefour de la Borne");
    display.click(&screen(), "note-send");
    wait_for("the note saved on the device", Duration::from_secs(10), || {
        shown().contains("Enregistré sur l'appareil")
    });
    wait_for("the server's answer", Duration::from_secs(30), || {
        let text = shown();
        text.contains("Panneau tombe au carrefour de la Borne") && text.contains("reçu ·")
    });
    display.screenshot("sync.png");
}

/// What the app's probe says the window shows.
#[derive(Default)]
struct Screen {
    text: String,
    at: std::collections::HashMap<String, (i32, i32)>,
}

impl Screen {
    fn read(path: &Path) -> Screen {
        let Ok(raw) = std::fs::read_to_string(path) else {
            return Screen::default();
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&raw) else {
            return Screen::default();
        };
        let at = json["at"]
            .as_object()
            .map(|o| {
                o.iter()
                    .filter_map(|(k, v)| Some((k.clone(), (v[0].as_i64()? as i32, v[1].as_i64()? as i32))))
                    .collect()
            })
            .unwrap_or_default();
        Screen {
            text: json["text"].as_str().unwrap_or_default().to_string(),
            at,
        }
    }
}

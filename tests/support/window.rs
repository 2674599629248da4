//! The real desktop window for tests: an Xvfb display of our own, the app started on it, what
//! it shows (read through the app's `VELAY_PROBE` file), clicks and typing with xdotool, and
//! screenshots checked not to be blank (copied to docs/ with `VELAY_UPDATE_DOCS=1`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::{wait_for, Running};

/// An X server of our own, on a display number nobody uses.
pub struct Display {
    number: u32,
    _xvfb: Running,
}

impl Display {
    pub fn start() -> Display {
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

    pub fn name(&self) -> String {
        format!(":{}", self.number)
    }

    /// Clicks the centre of the element marked `data-testid="{id}"`. With no window manager the
    /// window sits at the screen's origin, so page coordinates are screen coordinates.
    pub fn click(&self, screen: &Screen, id: &str) {
        let (x, y) = *screen
            .at
            .get(id)
            .unwrap_or_else(|| panic!("no element {id:?} on screen: {}", screen.text));
        self.xdotool(&["mousemove", &x.to_string(), &y.to_string(), "click", "1"]);
        std::thread::sleep(Duration::from_millis(300));
    }

    /// Clicks the element once it has stopped moving: a page still laying itself out (a list
    /// narrowing, a form scrolling into view) would take the click somewhere else.
    pub fn click_still(&self, probe: &Path, id: &str) {
        let mut last = None;
        wait_for(
            &format!("{id:?} to stand still on screen"),
            Duration::from_secs(20),
            || {
                let at = Screen::read(probe).at.get(id).copied();
                let still = at.is_some() && at == last;
                last = at;
                if !still {
                    std::thread::sleep(Duration::from_millis(400));
                }
                still
            },
        );
        // Out of view (under the tab bar, or scrolled past): page the window to it first. The
        // tabs themselves sit in the bar, always in view.
        for _ in 0..12 {
            if id.starts_with("tab-") {
                break;
            }
            match Screen::read(probe).at.get(id) {
                Some(&(_, y)) if y > 740 => self.key("Page_Down"),
                Some(&(_, y)) if y < 70 => self.key("Page_Up"),
                _ => break,
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        self.click(&Screen::read(probe), id);
    }

    /// Clicks the element until `done` holds of the screen (three tries, five seconds each): a
    /// webview slowed down by a loaded machine may miss a click made while it lays out.
    pub fn click_until(&self, probe: &Path, id: &str, done: impl Fn(&Screen) -> bool) {
        for _ in 0..3 {
            self.click_still(probe, id);
            let start = std::time::Instant::now();
            while start.elapsed() < Duration::from_secs(5) {
                if done(&Screen::read(probe)) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        panic!("clicking {id:?} did nothing: {}", Screen::read(probe).text);
    }

    /// Presses a key, such as "End" to scroll to the bottom of the page.
    pub fn key(&self, key: &str) {
        self.xdotool(&["key", key]);
        std::thread::sleep(Duration::from_millis(300));
    }

    pub fn type_text(&self, text: &str) {
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

    /// Takes a screenshot of the whole screen and checks that it is not blank; with
    /// `VELAY_UPDATE_DOCS` set, copies it to docs/ unless its name starts with "check-".
    pub fn screenshot(&self, name: &str) -> PathBuf {
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
        // "check-" shots are for the test's own eyes; the others illustrate docs/ and the README.
        if std::env::var_os("VELAY_UPDATE_DOCS").is_some() && !name.starts_with("check-") {
            std::fs::copy(&path, Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name)).unwrap();
        }
        path
    }
}

/// The colour of one pixel of a screenshot, as ImageMagick names it ("srgb(47,107,79)").
pub fn pixel(shot: &Path, x: u32, y: u32) -> (u8, u8, u8) {
    let out = Command::new("convert")
        .arg(shot)
        .args([
            "-format",
            &format!("%[fx:int(255*p{{{x},{y}}}.r)],%[fx:int(255*p{{{x},{y}}}.g)],%[fx:int(255*p{{{x},{y}}}.b)]"),
            "info:",
        ])
        .output()
        .expect("ImageMagick's convert runs (Debian package imagemagick)");
    let text = String::from_utf8_lossy(&out.stdout);
    let rgb: Vec<u8> = text.trim().split(',').filter_map(|c| c.parse().ok()).collect();
    assert_eq!(rgb.len(), 3, "no pixel at {x},{y} of {}: {text:?}", shot.display());
    (rgb[0], rgb[1], rgb[2])
}

/// What the app's probe says the window shows.
#[derive(Default)]
pub struct Screen {
    pub text: String,
    pub at: std::collections::HashMap<String, (i32, i32)>,
    /// The value of each marked form field (a select's chosen option).
    pub values: std::collections::HashMap<String, String>,
    /// How many stylesheet rules the page has loaded: none when the app ships unstyled.
    pub css_rules: u64,
    /// The tab bar's computed `position` and its top edge and height, in pixels.
    pub tab_bar: Option<(String, i64, i64)>,
    /// How far the page is scrolled down, in pixels.
    pub scroll_y: i64,
    /// Controls drawn less than 44 px tall, by name and height.
    pub small: Vec<String>,
}

impl Screen {
    pub fn read(path: &Path) -> Screen {
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
        let values = json["values"]
            .as_object()
            .map(|o| {
                o.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let tab_bar = json["tab_bar"].as_object().map(|bar| {
            (
                bar["position"].as_str().unwrap_or_default().to_string(),
                bar["top"].as_i64().unwrap_or(-1),
                bar["height"].as_i64().unwrap_or(-1),
            )
        });
        Screen {
            text: json["text"].as_str().unwrap_or_default().to_string(),
            at,
            values,
            css_rules: json["css_rules"].as_u64().unwrap_or(0),
            tab_bar,
            scroll_y: json["scroll_y"].as_i64().unwrap_or(0),
            small: json["small"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| Some(v.as_str()?.to_string())).collect())
                .unwrap_or_default(),
        }
    }
}

/// The app on `display`, its store in `dir`, syncing with `server`, opened on `page` (its first
/// page when `None`), in French. Returns the process and the file its probe writes.
pub fn launch_app(display: &Display, dir: &Path, server: &str, page: Option<&str>) -> (Running, PathBuf) {
    launch_app_with(display, dir, server, page, &[("VELAY_LANG", Some("fr"))])
}

/// The same, with more of the environment set (`Some`) or taken away (`None`): `VELAY_NOW` to
/// live on another day, no `VELAY_LANG` to speak the language kept in the store.
pub fn launch_app_with(
    display: &Display,
    dir: &Path,
    server: &str,
    page: Option<&str>,
    env: &[(&str, Option<&str>)],
) -> (Running, PathBuf) {
    let probe = dir.join("shown.json");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_velay"));
    cmd.env("DISPLAY", display.name())
        .env("VELAY_DATA", dir.join("app"))
        .env("VELAY_SERVER", server)
        .env("VELAY_SYNC_INTERVAL_SECS", "1")
        .env("VELAY_PROBE", &probe)
        .env_remove("VELAY_LANG")
        .env_remove("VELAY_NOW")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (name, value) in env {
        match value {
            Some(v) => cmd.env(name, v),
            None => cmd.env_remove(name),
        };
    }
    if let Some(page) = page {
        cmd.env("VELAY_START_PAGE", page);
    }
    (Running(cmd.spawn().expect("the app starts")), probe)
}

/// A server address where nothing listens: the app is offline.
pub const NOWHERE: &str = "http://127.0.0.1:9";

//! What the end-to-end tests share: the project's real binaries, started as processes on
//! loopback with temporary folders, and stopped when the test ends.

#![allow(dead_code)] // each test file uses its own part of this module

pub mod window;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The folder cargo put the workspace's binaries in (`target/debug`): the test runs from
/// `target/debug/deps`.
pub fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    exe.parent()
        .and_then(Path::parent)
        .expect("tests run from target/<profile>/deps")
        .to_path_buf()
}

/// A binary of another workspace package. `scripts/test.sh` builds them before the tests.
pub fn bin(name: &str) -> PathBuf {
    let path = bin_dir().join(name);
    assert!(
        path.exists(),
        "{} is missing: build it first with `cargo build -p {name}` (scripts/test.sh does)",
        path.display()
    );
    path
}

/// A copy of routes-data that a test may change.
pub fn copy_routes_data(to: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("routes-data");
    copy_dir(&from, to);
    to.to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("creating a test folder");
    for entry in std::fs::read_dir(from).expect("reading routes-data") {
        let path = entry.expect("an entry").path();
        let dest = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copying a content file");
        }
    }
}

/// Changes one route's name in a routes-data folder, in both languages.
pub fn rename_route(content: &Path, id: &str, fr: &str, en: &str) {
    let path = content.join("routes").join(id).join("route.toml");
    let text = std::fs::read_to_string(&path).expect("the route's metadata");
    let mut doc: toml::Table = text.parse().expect("route.toml is TOML");
    let mut name = toml::Table::new();
    name.insert("fr".into(), fr.into());
    name.insert("en".into(), en.into());
    doc.insert("name".into(), toml::Value::Table(name));
    std::fs::write(&path, toml::to_string(&doc).expect("TOML writes")).expect("writing route.toml");
}

/// Runs `velay-server import CONTENT --data DATA --force` and returns its JSON report.
///
/// `--force`: these tests are about syncing, not about the content, and they publish content
/// they changed (renamed routes, a day of their own); the check's own tests are
/// `crates/server/tests/check_cli.rs` and `crates/core/tests/content_check.rs`.
pub fn import(content: &Path, data: &Path) -> serde_json::Value {
    let out = Command::new(bin("velay-server"))
        .args(["import", "--force"])
        .arg(content)
        .arg("--data")
        .arg(data)
        .output()
        .expect("velay-server runs");
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("import prints one JSON object")
}

/// A child process killed when dropped, so a failing test leaves nothing running.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A real `velay-server serve` on loopback.
pub struct Server {
    pub url: String,
    _process: Running,
}

impl Server {
    /// Starts the server on `bind` (port 0 for any free port) and waits until it listens.
    pub fn start(data: &Path, bind: &str) -> Server {
        let mut child = Command::new(bin("velay-server"))
            .args(["serve", "--bind", bind, "--data"])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("velay-server starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let process = Running(child);
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server prints its address");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server { url, _process: process }
    }
}

/// A port on 127.0.0.1 that was free a moment ago: nothing listens there until a test starts
/// something on it.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on loopback")
}

/// Waits until `check` holds, or fails the test after `timeout` with `what`.
pub fn wait_for(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < timeout,
            "gave up after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

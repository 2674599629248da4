//! A device killed with SIGKILL at random points, while it writes notes into its outbox and
//! while it applies a pull: the store always reopens, every note it said was saved is still
//! there, and once a sync goes through the server holds each note exactly once.
//!
//! `VELAY_KILL_RUNS` sets the number of iterations (200 by default, the CI figure).

mod support;

use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use support::{bin, copy_routes_data, import, rename_route, Server};
use velay_core::client::Client;
use velay_core::sync::PrivateRecord;
use velay_core::Store;

/// xorshift: the test needs varied kill times, not good randomness.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Runs the CLI with `args`, kills it with SIGKILL after `after`, and returns what it printed.
fn run_and_kill(data: &std::path::Path, args: &[&str], after: Duration) -> String {
    let mut child = Command::new(bin("velay-cli"))
        .arg("--data")
        .arg(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("velay-cli starts");
    std::thread::sleep(after);
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let mut out = String::new();
    let _ = child.stdout.take().map(|mut s| s.read_to_string(&mut out));
    out
}

#[test]
fn a_device_killed_at_random_points_keeps_every_saved_note_and_sends_each_once() {
    let runs: u64 = std::env::var("VELAY_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let tmp = tempfile::tempdir().unwrap();
    let content = copy_routes_data(&tmp.path().join("routes-data"));
    let server_data = tmp.path().join("server");
    import(&content, &server_data);
    let server = Server::start(&server_data, "127.0.0.1:0");
    let device = tmp.path().join("device");
    let mut dice = Dice(0x5eed_1e55 ^ runs);
    let mut saved = BTreeSet::new();
    let mut kills_in_sync = 0;

    for i in 0..runs {
        // Writing the outbox.
        let printed = run_and_kill(
            &device,
            &[
                "note",
                "--route",
                "puy-ville-haute",
                "--text",
                &format!("note {i}"),
                "--repeat",
                "20",
            ],
            Duration::from_millis(60 + dice.below(160)),
        );
        saved.extend(
            printed
                .lines()
                .filter_map(|l| l.strip_prefix("queued "))
                .map(str::to_string),
        );

        // Applying a pull, sometimes with new content waiting on the server.
        if i % 10 == 0 {
            let name = format!("Le Puy, version {i}");
            rename_route(&content, "puy-ville-haute", &name, &name);
            import(&content, &server_data);
        }
        let printed = run_and_kill(
            &device,
            &["sync", "--server", &server.url, "--json"],
            Duration::from_millis(80 + dice.below(270)),
        );
        if printed.is_empty() {
            kills_in_sync += 1;
        }

        // The store reopens, nothing set aside, and every saved note is there.
        let (store, report) = Store::open_checked(&device, Vec::new).expect("the store reopens after SIGKILL");
        if let Some(aside) = &report.moved_aside {
            let why = Store::open(aside).err().map(|e| e.to_string());
            panic!("iteration {i}: the store was moved aside ({why:?}): {report:?}");
        }
        assert!(
            !report.lost_anything() && !report.content_repaired,
            "iteration {i}: {report:?}"
        );
        let ids: BTreeSet<String> = store
            .outbox()
            .unwrap()
            .iter()
            .map(|e| e.mutation.id.to_string())
            .collect();
        let lost: Vec<_> = saved.difference(&ids).collect();
        assert!(lost.is_empty(), "iteration {i}: notes said saved are gone: {lost:?}");
        let routes = store.routes().unwrap();
        assert!(routes.len() <= 1 || routes.windows(2).all(|w| w[0].id != w[1].id));
    }

    // A sync that is left to finish sends everything, once.
    let out = Command::new(bin("velay-cli"))
        .arg("--data")
        .arg(&device)
        .args(["sync", "--server", &server.url, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open(&device).unwrap();
    assert!(store.pending().unwrap().is_empty());
    let outbox: BTreeSet<String> = store
        .outbox()
        .unwrap()
        .iter()
        .map(|e| e.mutation.id.to_string())
        .collect();
    assert!(saved.is_subset(&outbox));
    // Each accepted note moved the server's sequence by one, and nothing else did: a note
    // applied twice would show here.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let head = rt.block_on(Client::new(&server.url).unwrap().health()).unwrap().head;
    let contents = velay_core::content::read_dir(&content).unwrap().len() as u64;
    let imports = runs.div_ceil(10);
    assert_eq!(
        head,
        contents + imports + outbox.len() as u64,
        "the server applied a note twice or lost one"
    );
    let private: BTreeSet<String> = store
        .private_records()
        .unwrap()
        .iter()
        .filter_map(|r| match r {
            PrivateRecord::Feedback { id, .. } => Some(id.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(private, outbox, "the server holds exactly the device's notes");
    // The last published name arrived.
    let last = (runs - 1) / 10 * 10;
    assert!(store
        .routes()
        .unwrap()
        .iter()
        .any(|r| r.name.fr == format!("Le Puy, version {last}")));
    println!(
        "{runs} iterations, {} notes saved, {kills_in_sync} syncs killed before they finished",
        saved.len()
    );
}

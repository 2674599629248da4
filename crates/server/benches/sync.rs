//! Sync figures, each beside a baseline measured in the same run:
//!
//! - bytes on the wire (both ways, HTTP headers included, gzip as the app asks) for a sync with
//!   nothing new, and for one after one content change; baseline: the first sync from zero;
//! - time of that one-change sync through a proxy emulating EDGE (240 kbit/s, 840 ms round trip,
//!   2% loss), on a new connection as after a phone wakes; baseline: the same on loopback;
//! - pull throughput and latency of the release server binary under a bounded load (a fixed
//!   number of keep-alive connections, each waiting for its answer); baseline: `/health`.
//!
//! Run: `cargo bench -p velay-server --bench sync`. Figures go to docs/benchmarks.md.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use netsim::{Fault, Link, Proxy};
use velay_core::client::Client;
use velay_core::content::read_dir;
use velay_core::Store;

const CONNECTIONS: usize = 16;
const LOAD_SECONDS: u64 = 5;

#[tokio::main]
async fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let content_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data");
    let mut server = Command::new(env!("CARGO_BIN_EXE_velay-server"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(tmp.path().join("server"))
        .arg("--seed")
        .arg(&content_dir)
        .env("VELAY_ADMIN_TOKEN", "bench-admin-token-0123456789")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().trim_start_matches("listening on ").to_string();
    let addr = url.trim_start_matches("http://").parse().unwrap();

    // Bytes on the wire.
    let proxy = Proxy::start(addr, Link::LOOPBACK, || Fault::Pass).await.unwrap();
    let store = Store::open(&tmp.path().join("device")).unwrap();
    let client = Client::new(&proxy.url()).unwrap();
    client.sync(&store, |_| {}).await.unwrap();
    let (full_up, full_down, _) = proxy.stats.take();
    client.sync(&store, |_| {}).await.unwrap();
    let (idle_up, idle_down, _) = proxy.stats.take();
    let mut contents = read_dir(&content_dir).unwrap();
    let changed = rename_first_route(&mut contents, "Le Puy : Ville-Haute et rochers (bench)");
    Client::new(&url)
        .unwrap()
        .publish("bench-admin-token-0123456789", &contents)
        .await
        .unwrap();
    let report = client.sync(&store, |_| {}).await.unwrap();
    assert_eq!(report.pulled, 1, "one change: {changed}");
    let (delta_up, delta_down, _) = proxy.stats.take();
    println!("## Bytes on the wire (HTTP included, gzip)");
    println!("| sync | up | down | total |\n|---|---|---|---|");
    println!(
        "| first sync from zero (baseline) | {full_up} | {full_down} | {} |",
        full_up + full_down
    );
    println!(
        "| nothing new (target ≤ 1024 both ways) | {idle_up} | {idle_down} | {} |",
        idle_up + idle_down
    );
    println!(
        "| one route renamed (target ≤ 2048) | {delta_up} | {delta_down} | {} |",
        delta_up + delta_down
    );

    // One-change sync over EDGE, on a new connection each time.
    let mut edge = Vec::new();
    let mut lo = Vec::new();
    for i in 0..5 {
        for (link, times) in [(Link::EDGE, &mut edge), (Link::LOOPBACK, &mut lo)] {
            let p = Proxy::start(addr, link, || Fault::Pass).await.unwrap();
            let c = Client::new(&p.url()).unwrap();
            rename_first_route(&mut contents, &format!("Le Puy (bench {i} {link:?})"));
            Client::new(&url)
                .unwrap()
                .publish("bench-admin-token-0123456789", &contents)
                .await
                .unwrap();
            let t = Instant::now();
            c.sync(&store, |_| {}).await.unwrap();
            times.push(t.elapsed());
        }
    }
    println!("\n## One-change sync on a new connection (5 runs)");
    println!("| link | median | max |\n|---|---|---|");
    println!(
        "| loopback (baseline) | {:?} | {:?} |",
        median(&mut lo),
        lo.iter().max().unwrap()
    );
    println!(
        "| EDGE 240 kbit/s, 840 ms RTT, 2% loss (target ≤ 5 s) | {:?} | {:?} |",
        median(&mut edge),
        edge.iter().max().unwrap()
    );

    // Throughput under a bounded load.
    let head = report.cursor + 10;
    println!("\n## Server throughput, {CONNECTIONS} keep-alive connections, {LOAD_SECONDS} s each, release build");
    println!("| request | requests/s | p50 | p99 |\n|---|---|---|---|");
    for (name, path) in [
        ("GET /health (baseline)", "/health".to_string()),
        ("GET /v1/sync/pull, nothing new", format!("/v1/sync/pull?cursor={head}")),
    ] {
        let (rps, p50, p99) = load(&url, &path).await;
        println!("| {name} | {rps:.0} | {p50:?} | {p99:?} |");
    }
    let _ = server.kill();
    let _ = server.wait();
}

fn rename_first_route(contents: &mut [velay_core::Content], name: &str) -> String {
    for c in contents.iter_mut() {
        if let velay_core::Content::Route(r) = c {
            r.name.fr = name.to_string();
            return r.id.clone();
        }
    }
    panic!("routes-data has a route")
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// `CONNECTIONS` tasks, each sending its next request when the last is answered.
async fn load(url: &str, path: &str) -> (f64, Duration, Duration) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()
        .unwrap();
    let target = format!("{url}{path}");
    let stop = Instant::now() + Duration::from_secs(LOAD_SECONDS);
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (http, target) = (http.clone(), target.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < stop {
                    let t = Instant::now();
                    let resp = http
                        .get(&target)
                        .header("accept-encoding", "gzip")
                        .send()
                        .await
                        .unwrap();
                    assert!(resp.status().is_success());
                    resp.bytes().await.unwrap();
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort();
    let rps = all.len() as f64 / LOAD_SECONDS as f64;
    (rps, all[all.len() / 2], all[all.len() * 99 / 100])
}

//! Peak memory and time of importing a feed, each feed in a fresh process (this same binary,
//! run again with `VELAY_IMPORT_FEED`), from the kernel's own count: VmHWM, the resident set's
//! high-water mark in /proc/self/status, beside the process's baseline before the import, and
//! the same for a process that only reads the feed's files (the baseline). Linux only.
//!
//! Feeds: Cairns (37,790 stop times) and, once `python3 scripts/bench/aura_feed.py` has
//! assembled it, SNCF's TER in Auvergne-Rhône-Alpes (120,586 stop times).
//! Run: `cargo bench -p velay-core --bench import_memory`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// In the child: read (and, unless `read_only`, import) the feed, then print one line.
fn child(feed: &Path, read_only: bool) {
    let before = vm_hwm_kib().unwrap_or(0);
    let t = Instant::now();
    let (took, what) = if read_only {
        let bytes: usize = walk(feed).iter().map(|p| std::fs::read(p).map_or(0, |b| b.len())).sum();
        (t.elapsed(), format!("read {bytes} bytes"))
    } else {
        let imported = velay_core::Timetable::import(feed).expect("the feed imports");
        let took = t.elapsed();
        let tt = imported.timetable;
        let record = tt.to_bytes().len();
        (
            took,
            format!(
                "imported {} stops, {} trips; its record takes {record} bytes",
                tt.stops().len(),
                tt.trip_count()
            ),
        )
    };
    let after = vm_hwm_kib().unwrap_or(0);
    println!(
        "peak RSS {:.1} MB (process before: {:.1} MB), {took:.1?}: {what}",
        after as f64 / 1024.0,
        before as f64 / 1024.0
    );
}

fn walk(feed: &Path) -> Vec<PathBuf> {
    if feed.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(feed)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        files
    } else {
        vec![feed.to_path_buf()]
    }
}

fn main() {
    if let Some(feed) = std::env::var_os("VELAY_IMPORT_FEED") {
        child(Path::new(&feed), std::env::var_os("VELAY_READ_ONLY").is_some());
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let feeds = [
        ("cairns", root.join("../../../shared/data/gtfs/cairns_gtfs.zip")),
        ("aura", root.join("../../target/bench-feeds/aura")),
    ];
    let me = std::env::current_exe().expect("the benchmark knows its own path");
    for (name, path) in feeds {
        if !path.exists() {
            println!(
                "{name}: {} is missing (the AURA feed: python3 scripts/bench/aura_feed.py)",
                path.display()
            );
            continue;
        }
        for (label, read_only) in [("import", false), ("baseline, files read only", true)] {
            let mut cmd = Command::new(&me);
            cmd.env("VELAY_IMPORT_FEED", &path);
            if read_only {
                cmd.env("VELAY_READ_ONLY", "1");
            }
            let out = cmd.output().expect("the benchmark runs itself");
            let line = String::from_utf8_lossy(&out.stdout);
            println!("{name} {label}: {}", line.trim());
        }
    }
}

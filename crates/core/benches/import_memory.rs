//! Peak memory of importing the Cairns feed, from the kernel's own count (VmHWM, the resident
//! set's high-water mark in /proc/self/status), beside the baseline of the process before it.
//! Linux only. Run: `cargo bench -p velay-core --bench import_memory`.

use std::path::PathBuf;
use std::time::Instant;

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/gtfs/cairns_gtfs.zip");
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("the shared test data is missing: {}: {e}", path.display()));
    let before = vm_hwm_kib();
    let t = Instant::now();
    let imported = velay_core::Timetable::import_zip(&bytes).expect("Cairns imports");
    let took = t.elapsed();
    let after = vm_hwm_kib();
    let record = imported.timetable.to_bytes();
    match (before, after) {
        (Some(b), Some(a)) => println!(
            "import cairns: peak RSS {a} KiB (baseline before the import, zip in memory: {b} KiB; +{} KiB), {took:?}, record {} bytes",
            a - b,
            record.len()
        ),
        _ => println!("import cairns: {took:?}; no /proc/self/status here to read peak memory from"),
    }
}

//! Snapping one position fix onto a 20,000-point track: through the track's index (a grid of
//! cells, with an R-tree for fixes far off), beside a linear scan of every segment, in the same
//! run.
//!
//! `cargo bench -p velay-core --bench snap`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use velay_core::follow::TrackIndex;
use velay_core::route::TrackPoint;

/// A winding 20,000-point track of about 100 km around Le Puy (a point every 5 m), crossing
/// itself, like a long recorded walk.
fn long_track() -> Vec<TrackPoint> {
    (0..20_000)
        .map(|i| {
            let t = i as f64 / 20_000.0 * std::f64::consts::TAU;
            let r = 0.05 + 0.02 * (7.0 * t).sin();
            TrackPoint(45.04 + r * (3.0 * t).sin(), 3.88 + 1.4 * r * (2.0 * t).cos(), None)
        })
        .collect()
}

fn snap(c: &mut Criterion) {
    let track = long_track();
    let index = TrackIndex::new(&track);
    // Fixes a few metres off the track at 64 places along it, visited in turn. The track goes
    // over its own path twice (t and π − t give the same point), so each fix is as near to
    // another leg as to its own, give or take rounding: with progress, about half the fixes
    // have their nearest segment on the other leg, and must stay on their own.
    let fixes: Vec<(f64, f64, f64)> = (0..64)
        .map(|k| {
            let i = k * 311 % track.len();
            let along = index.along().cumulative()[i];
            (track[i].lat() + 3e-5, track[i].lon() - 2e-5, along)
        })
        .collect();
    paired(&index, &fixes);
    let mut group = c.benchmark_group("snap one fix, 20,000-point track");
    let mut k = 0;
    group.bench_function("R-tree index, with progress", |b| {
        b.iter(|| {
            k = if k + 1 == fixes.len() { 0 } else { k + 1 };
            let (lat, lon, along) = fixes[k];
            index.snap(black_box(lat), black_box(lon), 5.0, Some(along))
        })
    });
    group.bench_function("R-tree index, first fix (no progress yet)", |b| {
        b.iter(|| {
            k = if k + 1 == fixes.len() { 0 } else { k + 1 };
            let (lat, lon, _) = fixes[k];
            index.snap(black_box(lat), black_box(lon), 5.0, None)
        })
    });
    group.bench_function("linear scan of every segment", |b| {
        b.iter(|| {
            k = if k + 1 == fixes.len() { 0 } else { k + 1 };
            let (lat, lon, _) = fixes[k];
            index.snap_by_scan(black_box(lat), black_box(lon))
        })
    });
    group.finish();
}

/// The index against the scan, in turns a fraction of a millisecond long: one scan, then every
/// fix through the index with progress, then without, round after round. On a shared machine
/// the speed drifts by a fifth over seconds, and criterion times each function seconds apart;
/// in turns, a drift falls on both sides of each ratio alike. Prints the medians over the
/// rounds of each time and of the ratios.
fn paired(index: &TrackIndex, fixes: &[(f64, f64, f64)]) {
    const ROUNDS: usize = 2_000;
    const SWEEPS: usize = 16;
    let per_snap = |t: Duration| t.as_secs_f64() / (SWEEPS * fixes.len()) as f64;
    let mut rounds = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let (lat, lon, _) = fixes[round % fixes.len()];
        let start = Instant::now();
        black_box(index.snap_by_scan(black_box(lat), black_box(lon)));
        let scan = start.elapsed();
        let start = Instant::now();
        for &(lat, lon, along) in fixes.iter().cycle().take(SWEEPS * fixes.len()) {
            black_box(index.snap(black_box(lat), black_box(lon), 5.0, Some(along)));
        }
        let with_progress = per_snap(start.elapsed());
        let start = Instant::now();
        for &(lat, lon, _) in fixes.iter().cycle().take(SWEEPS * fixes.len()) {
            black_box(index.snap(black_box(lat), black_box(lon), 5.0, None));
        }
        let first_fix = per_snap(start.elapsed());
        rounds.push((scan.as_secs_f64(), with_progress, first_fix));
    }
    // The median and the 10th percentile of a column.
    let spread = |f: fn(&(f64, f64, f64)) -> f64| {
        let mut v: Vec<f64> = rounds.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[v.len() / 10])
    };
    println!(
        "paired, {ROUNDS} rounds, medians: scan {:.1} µs; index with progress {:.1} ns, first fix {:.1} ns",
        spread(|r| r.0 * 1e6).0,
        spread(|r| r.1 * 1e9).0,
        spread(|r| r.2 * 1e9).0,
    );
    let (with_progress, first_fix) = (spread(|r| r.0 / r.1), spread(|r| r.0 / r.2));
    println!(
        "paired ratio scan / index over rounds: with progress median {:.0}x (10th percentile {:.0}x), first fix median {:.0}x (10th percentile {:.0}x)",
        with_progress.0, with_progress.1, first_fix.0, first_fix.1,
    );
}

criterion_group!(benches, snap);
criterion_main!(benches);

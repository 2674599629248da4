//! Snapping one position fix onto a 20,000-point track: through the track's index (a grid of
//! cells, with an R-tree for fixes far off), beside a linear scan of every segment, in the same
//! run.
//!
//! `cargo bench -p velay-core --bench snap`

use std::hint::black_box;

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
    let mut group = c.benchmark_group("snap one fix, 20,000-point track");
    let mut k = 0;
    group.bench_function("R-tree index, with progress", |b| {
        b.iter(|| {
            k = (k + 1) % fixes.len();
            let (lat, lon, along) = fixes[k];
            index.snap(black_box(lat), black_box(lon), 5.0, Some(along))
        })
    });
    group.bench_function("R-tree index, first fix (no progress yet)", |b| {
        b.iter(|| {
            k = (k + 1) % fixes.len();
            let (lat, lon, _) = fixes[k];
            index.snap(black_box(lat), black_box(lon), 5.0, None)
        })
    });
    group.bench_function("linear scan of every segment", |b| {
        b.iter(|| {
            k = (k + 1) % fixes.len();
            let (lat, lon, _) = fixes[k];
            index.snap_by_scan(black_box(lat), black_box(lon))
        })
    });
    group.finish();
}

criterion_group!(benches, snap);
criterion_main!(benches);

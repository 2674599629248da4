//! Reading and analysing a real GPX file: what importing one costs on the device.
//!
//! `cargo bench -p velay-core --bench routes`

use std::path::PathBuf;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use velay_core::route::{profile, simplify_for_display, BoundingBox, Figures, GpxFile, DISPLAY_TOLERANCE_M};

/// The largest real file in the team's shared data: a 36 kB lake loop with elevations.
const LARGE: &str = "gpxpy/cerknicko-jezero.gpx";

fn shared(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/gpx")
        .join(path);
    std::fs::read(&p)
        .unwrap_or_else(|e| panic!("{}: {e} (the team's shared data sits beside the project)", p.display()))
}

fn parse_and_analyse(c: &mut Criterion) {
    let bytes = shared(LARGE);
    let points = GpxFile::read(LARGE, &bytes).unwrap().line().len();
    c.bench_function(
        &format!("parse {LARGE} ({} bytes, {points} points)", bytes.len()),
        |b| b.iter(|| GpxFile::read(LARGE, black_box(&bytes)).unwrap()),
    );
    let line = GpxFile::read(LARGE, &bytes).unwrap().line();
    c.bench_function("analyse: figures, bbox, profile, simplified line", |b| {
        b.iter(|| {
            let line = black_box(&line);
            (
                Figures::of(line),
                BoundingBox::of(line),
                profile(line),
                simplify_for_display(line, DISPLAY_TOLERANCE_M),
            )
        })
    });
}

criterion_group!(benches, parse_and_analyse);
criterion_main!(benches);

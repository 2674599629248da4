//! Timetable and planner benchmarks, each beside a plain baseline measured in the same run:
//!
//! - importing the Cairns feed (416 stops, 37,790 stop times) vs. only reading its CSV rows;
//! - loading the bundled timetable record vs. importing the bundled GTFS text it was made from;
//! - earliest-arrival queries over 1,000 random origin-destination pairs on the bundled feed:
//!   RAPTOR vs. the reference Dijkstra search, with the median and 90th percentile per query.
//!
//! Run: `cargo bench -p velay-core --bench timetable`. Figures go to docs/benchmarks.md.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveTime};
use criterion::{criterion_group, criterion_main, Criterion};
use velay_core::planner::{reference, Place, Query, When};
use velay_core::timetable::StopIdx;
use velay_core::Timetable;

fn shared(path: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path);
    assert!(p.exists(), "the shared test data is missing: {}", p.display());
    p
}

fn bundled_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../routes-data/gtfs")
}

/// The baseline for an import: every row of every file read through the csv crate, nothing built.
fn read_rows_only(zip_bytes: &[u8]) -> usize {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut fields = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        if !entry.name().ends_with(".txt") || entry.name().ends_with("shapes.txt") {
            continue;
        }
        let mut reader = csv::Reader::from_reader(entry);
        for record in reader.records() {
            fields += record.unwrap().len();
        }
    }
    fields
}

fn import(c: &mut Criterion) {
    let bytes = std::fs::read(shared("gtfs/cairns_gtfs.zip")).unwrap();
    let mut g = c.benchmark_group("import cairns");
    g.sample_size(10);
    g.bench_function("Timetable::import_zip", |b| {
        b.iter(|| Timetable::import_zip(black_box(&bytes)).unwrap())
    });
    g.bench_function("baseline: csv rows only", |b| {
        b.iter(|| read_rows_only(black_box(&bytes)))
    });
    g.finish();
}

fn load(c: &mut Criterion) {
    let tt = Timetable::import(bundled_dir()).unwrap().timetable;
    let record = tt.to_bytes();
    println!(
        "bundled record: {} bytes, {} stops, {} trips",
        record.len(),
        tt.stops().len(),
        tt.trip_count()
    );
    let mut g = c.benchmark_group("load bundled");
    g.bench_function("Timetable::from_bytes", |b| {
        b.iter(|| Timetable::from_bytes(black_box(&record)).unwrap())
    });
    g.bench_function("baseline: import the GTFS text", |b| {
        b.iter(|| Timetable::import(bundled_dir()).unwrap())
    });
    g.finish();
}

/// 1,000 origin-destination pairs and departure times, the same on every run (a fixed LCG).
fn queries(tt: &Timetable) -> Vec<Query> {
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let n = tt.stops().len() as u64;
    let mut state = 0x5eed_u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    (0..1000)
        .map(|_| {
            let (a, b) = (next() % n, next() % n);
            let minutes = 5 * 60 + next() % (15 * 60);
            let time = NaiveTime::from_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0).unwrap();
            let mut q = Query::new(
                Place::Stop(StopIdx(a as u32)),
                Place::Stop(StopIdx(b as u32)),
                date,
                When::DepartAt(time),
            );
            q.max_transfers = 8;
            q
        })
        .collect()
}

fn time_of(mut f: impl FnMut()) -> Duration {
    // The best of five runs, so one query's figure is not a scheduler hiccup.
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn percentiles(mut d: Vec<Duration>) -> (Duration, Duration) {
    d.sort();
    (d[d.len() / 2], d[d.len() * 9 / 10])
}

fn query(c: &mut Criterion) {
    let tt = Timetable::import(bundled_dir()).unwrap().timetable;
    let qs = queries(&tt);
    let when = |q: &Query| match q.when {
        When::DepartAt(t) => t,
        When::ArriveBy(t) => t,
    };
    // Per-query figures, to report the median and 90th percentile over the 1,000 pairs.
    let raptor: Vec<_> = qs
        .iter()
        .map(|q| {
            time_of(|| {
                black_box(tt.earliest_arrival(q));
            })
        })
        .collect();
    let plan: Vec<_> = qs.iter().map(|q| time_of(|| drop(black_box(tt.plan(q))))).collect();
    let brute: Vec<_> = qs
        .iter()
        .map(|q| {
            time_of(|| {
                black_box(reference::earliest_arrival(&tt, &q.from, &q.to, q.date, when(q)));
            })
        })
        .collect();
    let agree = qs
        .iter()
        .filter(|q| tt.earliest_arrival(q) == reference::earliest_arrival(&tt, &q.from, &q.to, q.date, when(q)))
        .count();
    let reached = qs.iter().filter(|q| tt.earliest_arrival(q).is_some()).count();
    for (name, d) in [
        ("RAPTOR earliest arrival", raptor),
        ("plan (Pareto + latest departure)", plan),
        ("baseline: reference Dijkstra", brute),
    ] {
        let (median, p90) = percentiles(d);
        println!("per query over 1,000 pairs, {name}: median {median:?}, p90 {p90:?}");
    }
    println!("answers equal to the reference: {agree}/1000; pairs with a journey: {reached}/1000");

    let mut g = c.benchmark_group("1,000 queries, bundled feed");
    g.sample_size(20);
    g.bench_function("RAPTOR earliest arrival", |b| {
        b.iter(|| qs.iter().filter_map(|q| tt.earliest_arrival(q)).count())
    });
    g.bench_function("plan", |b| {
        b.iter(|| qs.iter().map(|q| tt.plan(q).len()).sum::<usize>())
    });
    g.bench_function("baseline: reference Dijkstra", |b| {
        b.iter(|| {
            qs.iter()
                .filter_map(|q| reference::earliest_arrival(&tt, &q.from, &q.to, q.date, when(q)))
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, import, load, query);
criterion_main!(benches);

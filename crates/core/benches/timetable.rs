//! Timetable and planner benchmarks, each beside a plain baseline measured in the same run:
//!
//! - importing the Cairns feed (416 stops, 37,790 stop times) and the largest real feed we have,
//!   SNCF's TER in Auvergne-Rhône-Alpes (9,364 stops, 120,586 stop times, assembled by
//!   `scripts/bench/aura_feed.py`), vs. only reading their CSV rows;
//! - loading the bundled timetable record vs. importing the bundled GTFS text it was made from;
//! - earliest-arrival queries over 1,000 random origin-destination pairs on the bundled feed and
//!   on Cairns: the planner's earliest-arrival query (a connection scan over the date's
//!   connections, made once per date), RAPTOR's rounds alone (what `plan` runs), and a plain
//!   time-dependent Dijkstra (`velay_core::planner::dijkstra`, a test oracle), with the median and 90th
//!   percentile per query, and the first query of a date (which makes the date's table). All
//!   must agree on every pair, or the benchmark stops; the pairs, answers and journeys go to
//!   `target/planner-bench/*_queries.csv` for `scripts/bench/pynigiri_compare.py` and
//!   `scripts/bench/pynigiri_disagreements.py`.
//!
//! Run: `python3 scripts/bench/aura_feed.py && cargo bench -p velay-core --features oracles --bench timetable`
//! (without the assembled AURA feed, its part is skipped with a note). Figures go to
//! docs/benchmarks.md.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, Criterion};
use velay_core::planner::{dijkstra, Place, Planner, Query, SearchSpace, When};
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

/// The AURA feed assembled by scripts/bench/aura_feed.py, when it has been.
fn aura_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-feeds/aura");
    if dir.join("stop_times.txt").is_file() {
        Some(dir)
    } else {
        println!("no AURA feed: run `python3 scripts/bench/aura_feed.py` to benchmark it too");
        None
    }
}

/// The baseline for importing a folder: every row of every file read through the csv crate.
fn read_dir_rows_only(dir: &std::path::Path) -> usize {
    let mut fields = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let mut reader = csv::Reader::from_path(&path).unwrap();
            for record in reader.records() {
                fields += record.unwrap().len();
            }
        }
    }
    fields
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
    if let Some(dir) = aura_dir() {
        let mut g = c.benchmark_group("import aura");
        g.sample_size(10);
        g.bench_function("Timetable::import", |b| {
            b.iter(|| Timetable::import(black_box(&dir)).unwrap())
        });
        g.bench_function("baseline: csv rows only", |b| {
            b.iter(|| read_dir_rows_only(black_box(&dir)))
        });
        g.finish();
    }
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

/// A feed the queries run on, with the day they ask about.
struct Feed {
    name: &'static str,
    planner: Planner,
    date: NaiveDate,
    /// Draw the pairs among the stops served that day only: the AURA feed lists every French
    /// TER stop but holds the stop times of one region, so most of its stops see no train.
    served_only: bool,
}

fn feeds() -> Vec<Feed> {
    let cairns = Timetable::import(shared("gtfs/cairns_gtfs.zip")).unwrap().timetable;
    let aura = aura_dir().map(|dir| Feed {
        name: "aura",
        planner: Planner::new(Timetable::import(dir).unwrap().timetable),
        date: NaiveDate::from_ymd_opt(2024, 1, 9).unwrap(), // a Tuesday of SNCF's calendar
        served_only: true,
    });
    let mut feeds = vec![
        Feed {
            name: "bundled",
            planner: Planner::new(Timetable::import(bundled_dir()).unwrap().timetable),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), // a Tuesday
            served_only: false,
        },
        Feed {
            name: "cairns",
            planner: Planner::new(cairns),
            date: NaiveDate::from_ymd_opt(2014, 6, 3).unwrap(), // a Tuesday the feed serves
            served_only: false,
        },
    ];
    feeds.extend(aura);
    // `VELAY_BENCH_FEEDS=aura` (names, comma-separated) runs the queries on those feeds only.
    if let Ok(only) = std::env::var("VELAY_BENCH_FEEDS") {
        feeds.retain(|f| only.split(',').any(|n| n == f.name));
    }
    feeds
}

/// 1,000 origin-destination pairs and departure times (05:00-20:00), the same on every run
/// (a fixed LCG).
fn queries(planner: &Planner, date: NaiveDate, served_only: bool) -> Vec<Query> {
    let tt = planner.timetable();
    assert!(tt.has_service_on(date), "no service on {date}");
    let pool: Vec<u32> = (0..tt.stops().len() as u32)
        .filter(|&s| !served_only || planner.is_served_on(StopIdx(s), date))
        .collect();
    let n = pool.len() as u64;
    let mut state = 0x5eed_u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    (0..1000)
        .map(|_| {
            let (a, b) = (pool[(next() % n) as usize], pool[(next() % n) as usize]);
            let minutes = 5 * 60 + next() % (15 * 60);
            let time = NaiveTime::from_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0).unwrap();
            let mut q = Query::new(
                Place::Stop(StopIdx(a)),
                Place::Stop(StopIdx(b)),
                date,
                When::DepartAt(time),
            );
            q.max_transfers = MAX_TRANSFERS;
            q
        })
        .collect()
}

/// Eight rides at most, as nigiri's default (7 transfers), so pynigiri answers the same question.
const MAX_TRANSFERS: usize = 7;

/// Each query's time (see [`time_of`]), in the queries' order.
fn per_query(qs: &[Query], mut search: impl FnMut(&Query)) -> Vec<Duration> {
    qs.iter().map(|q| time_of(|| search(q))).collect()
}

/// One query's time: the best of five batches of eight runs, so that a scheduler hiccup does
/// not make the figure, nor the clock's own reading (some 25 ns here, most of a sub-µs query).
fn time_of(mut f: impl FnMut()) -> Duration {
    const RUNS: u32 = 8;
    (0..5)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..RUNS {
                f();
            }
            t.elapsed() / RUNS
        })
        .min()
        .unwrap()
}

fn percentiles(mut d: Vec<Duration>) -> (Duration, Duration) {
    d.sort();
    (d[d.len() / 2], d[d.len() * 9 / 10])
}

fn departure(q: &Query) -> NaiveTime {
    match q.when {
        When::DepartAt(t) | When::ArriveBy(t) => t,
    }
}

fn dijkstra(planner: &Planner, q: &Query) -> Option<DateTime<Tz>> {
    dijkstra::earliest_arrival(planner, &q.from, &q.to, q.date, departure(q))
}

/// Writes the queries and our answers for scripts/bench/pynigiri_compare.py.
fn export(feed: &Feed, qs: &[Query], answers: &[Option<DateTime<Tz>>]) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/planner-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let tt = feed.planner.timetable();
    let id = |p: &Place| match p {
        Place::Stop(s) => tt.stop(*s).id.clone(),
        Place::Point { .. } => unreachable!("the benchmark asks between stops"),
    };
    // The legs of `plan`'s earliest option, for scripts/bench/pynigiri_disagreements.py:
    // "dep from -trip-> arr to" or "dep from -walk-> arr to", joined by "; ", quoted.
    let legs = |q: &Query| {
        let Some(j) = feed.planner.plan(q).into_iter().next() else {
            return String::new();
        };
        let legs: Vec<String> = j
            .legs
            .iter()
            .map(|l| {
                format!(
                    "{} {} -{}-> {} {}",
                    l.departure.format("%H:%M:%S"),
                    id(&l.from),
                    l.trip.map_or("walk".to_string(), |t| tt.trip(t).id.clone()),
                    l.arrival.format("%H:%M:%S"),
                    id(&l.to)
                )
            })
            .collect();
        legs.join("; ")
    };
    let mut out = String::from("from,to,date,departure,arrival,journey\n");
    for (q, a) in qs.iter().zip(answers) {
        let arrival = a.map(|a| a.naive_local().format("%Y-%m-%dT%H:%M:%S").to_string());
        out += &format!(
            "{},{},{},{},{},\"{}\"\n",
            id(&q.from),
            id(&q.to),
            q.date,
            departure(q).format("%H:%M:%S"),
            arrival.unwrap_or_default(),
            legs(q)
        );
    }
    let path = dir.join(format!("{}_queries.csv", feed.name));
    std::fs::write(&path, out).unwrap();
    // The same walking links and change times, to be given to pynigiri as transfers.txt.
    let (links, change) = dijkstra::walking_links(tt);
    let mut out = String::from("from,to,secs\n");
    for (i, secs) in change.iter().enumerate() {
        let s = &tt.stop(StopIdx(i as u32)).id;
        out += &format!("{s},{s},{secs}\n");
    }
    for (a, b, secs) in links {
        out += &format!("{},{},{secs}\n", tt.stop(a).id, tt.stop(b).id);
    }
    std::fs::write(dir.join(format!("{}_walking.csv", feed.name)), out).unwrap();
    println!("queries and answers written to {}", path.display());
}

fn query(c: &mut Criterion) {
    for feed in feeds() {
        let planner = &feed.planner;
        let tt = planner.timetable();
        let qs = queries(planner, feed.date, feed.served_only);
        // Every answer checked against the plain Dijkstra before anything is timed. The Dijkstra
        // counts no rides: where the capped searches differ from it, they must agree with it
        // once the cap is lifted (the journey needed more than MAX_TRANSFERS changes).
        let mut space = SearchSpace::new();
        let answers: Vec<_> = qs.iter().map(|q| planner.earliest_arrival(q)).collect();
        let mut beyond_cap = 0;
        for (i, (q, a)) in qs.iter().zip(&answers).enumerate() {
            let (plain, rounds) = (dijkstra(planner, q), planner.earliest_arrival_by_rounds(&mut space, q));
            let agree = *a == rounds
                && (rounds == plain || {
                    let mut uncapped = q.clone();
                    uncapped.max_transfers = 64;
                    beyond_cap += 1;
                    planner.earliest_arrival(&uncapped) == plain
                        && planner.earliest_arrival_by_rounds(&mut space, &uncapped) == plain
                });
            assert!(agree, "{}: the searches disagree on query {i}: {q:?}", feed.name);
        }
        let reached = answers.iter().filter(|a| a.is_some()).count();
        println!(
            "{}: {} stops, {} trips; connection scan, RAPTOR and the plain Dijkstra agree on 1000/1000 pairs \
             ({beyond_cap} once more than {MAX_TRANSFERS} changes are allowed, as the Dijkstra counts none); \
             {reached} have a journey on {}",
            feed.name,
            tt.stops().len(),
            tt.trip_count(),
            feed.date
        );
        export(&feed, &qs, &answers);

        // Per-query figures, to report the median and 90th percentile over the 1,000 pairs.
        // The searches' buffers (and the date's connections) are kept across queries, as a
        // caller asking many would; the first query of a date is timed on its own.
        let scan = per_query(&qs, |q| {
            black_box(planner.earliest_arrival_in(&mut space, q));
        });
        let rounds = per_query(&qs, |q| {
            black_box(planner.earliest_arrival_by_rounds(&mut space, q));
        });
        let plain = per_query(&qs, |q| {
            black_box(dijkstra(planner, q));
        });
        let first = per_query(&qs[..100], |q| {
            black_box(planner.earliest_arrival_in(&mut SearchSpace::new(), q));
        });
        let plan = per_query(&qs, |q| drop(black_box(planner.plan(q))));
        let (sm, s90) = percentiles(scan);
        let (rm, r90) = percentiles(rounds);
        let (dm, d90) = percentiles(plain);
        let (fm, f90) = percentiles(first);
        let (pm, p90) = percentiles(plan);
        let name = feed.name;
        println!("{name}, per query: earliest arrival (connection scan) median {sm:?}, p90 {s90:?}");
        println!("{name}, per query: RAPTOR earliest arrival median {rm:?}, p90 {r90:?}");
        println!("{name}, per query: baseline plain Dijkstra median {dm:?}, p90 {d90:?}");
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        println!(
            "{name}, ratio Dijkstra / connection scan: median {:.1}x, p90 {:.1}x; Dijkstra / RAPTOR: median {:.1}x, p90 {:.1}x",
            ratio(dm, sm),
            ratio(d90, s90),
            ratio(dm, rm),
            ratio(d90, r90)
        );
        println!("{name}, first query of a date (its connections gathered): median {fm:?}, p90 {f90:?}");
        println!("{name}, per query: plan (Pareto + latest departure) median {pm:?}, p90 {p90:?}");

        let mut g = c.benchmark_group(format!("1,000 queries, {} feed", feed.name));
        g.sample_size(10);
        g.bench_function("earliest arrival (connection scan)", |b| {
            b.iter(|| {
                qs.iter()
                    .filter_map(|q| planner.earliest_arrival_in(&mut space, q))
                    .count()
            })
        });
        g.bench_function("RAPTOR earliest arrival", |b| {
            b.iter(|| {
                qs.iter()
                    .filter_map(|q| planner.earliest_arrival_by_rounds(&mut space, q))
                    .count()
            })
        });
        g.bench_function("baseline: plain Dijkstra", |b| {
            b.iter(|| qs.iter().filter_map(|q| dijkstra(planner, q)).count())
        });
        g.finish();
    }
}

criterion_group!(benches, import, load, query);
criterion_main!(benches);

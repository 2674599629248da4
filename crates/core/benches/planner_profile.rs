//! The Cairns queries of the `timetable` bench run once each, with nothing else timed: a target
//! for a profiler that counts instructions, where criterion's repetitions would drown them.
//! Run: `cargo bench -p velay-core --features oracles --bench planner_profile --no-run`, then
//! `valgrind --tool=callgrind <the printed binary> [bundled|cairns] [raptor|dijkstra]` and
//! `callgrind_annotate callgrind.out.*`. Cairns and RAPTOR by default.

use chrono::{NaiveDate, NaiveTime};
use velay_core::planner::{Place, Planner, Query, SearchSpace, When};
use velay_core::timetable::StopIdx;
use velay_core::Timetable;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let bundled = args.iter().any(|a| a == "bundled");
    let dijkstra = args.iter().any(|a| a == "dijkstra");
    let (path, date) = if bundled {
        (
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../routes-data/gtfs"),
            (2026, 12, 1),
        )
    } else {
        (
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/gtfs/cairns_gtfs.zip"),
            (2014, 6, 3),
        )
    };
    let planner = Planner::new(Timetable::import(path).expect("the feed imports").timetable);
    let tt = planner.timetable();
    let date = NaiveDate::from_ymd_opt(date.0, date.1, date.2).expect("a date");
    let n = tt.stops().len() as u64;
    let mut state = 0x5eed_u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    let (mut reached, mut space) = (0, SearchSpace::new());
    for _ in 0..1000 {
        let (a, b) = (next() % n, next() % n);
        let minutes = 5 * 60 + next() % (15 * 60);
        let time = NaiveTime::from_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0).expect("a time");
        let mut q = Query::new(
            Place::Stop(StopIdx(a as u32)),
            Place::Stop(StopIdx(b as u32)),
            date,
            When::DepartAt(time),
        );
        q.max_transfers = 7;
        let arrival = if dijkstra {
            velay_core::planner::dijkstra::earliest_arrival(&planner, &q.from, &q.to, date, time)
        } else {
            planner.earliest_arrival_in(&mut space, &q)
        };
        reached += arrival.is_some() as usize;
    }
    println!("{reached} of 1000 reached");
}

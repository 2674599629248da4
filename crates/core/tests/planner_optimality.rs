//! On random small feeds, the planner's earliest arrival is the plain reference search's, for
//! every query; its options form a Pareto front; its legs follow each other.

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use velay_core::planner::{reference, Journey, Place, Planner, Query, When};
use velay_core::timetable::StopIdx;
use velay_core::Timetable;

/// A random line: its stops (indices, distinct) and trips (start minute, minutes per hop, dwell).
#[derive(Clone, Debug)]
struct LineSpec {
    stops: Vec<usize>,
    trips: Vec<(u32, Vec<u32>, u32, bool)>,
}

fn line(n_stops: usize) -> impl Strategy<Value = LineSpec> {
    (
        Just((0..n_stops).collect::<Vec<_>>()).prop_shuffle(),
        2..=n_stops.min(5),
    )
        .prop_flat_map(|(order, len)| {
            let stops = order[..len].to_vec();
            let trip = (
                300u32..1200,
                prop::collection::vec(1u32..40, len - 1),
                0u32..3,
                any::<bool>(),
            );
            (Just(stops), prop::collection::vec(trip, 1..5)).prop_map(|(stops, trips)| LineSpec { stops, trips })
        })
}

fn feed() -> impl Strategy<Value = (Vec<(f64, f64)>, Vec<LineSpec>)> {
    (3usize..9).prop_flat_map(|n| {
        // Stops in a 3 km box near Le Puy, so some are within walking distance of others.
        let coords = prop::collection::vec((0.0f64..0.027, 0.0f64..0.038), n);
        (coords, prop::collection::vec(line(n), 1..5))
    })
}

fn hms(minutes: u32) -> String {
    format!("{:02}:{:02}:00", minutes / 60, minutes % 60)
}

fn build(coords: &[(f64, f64)], lines: &[LineSpec]) -> Planner {
    let mut stops = String::from("stop_id,stop_name,stop_lat,stop_lon\n");
    for (i, (dlat, dlon)) in coords.iter().enumerate() {
        stops += &format!("S{i},Stop {i},{},{}\n", 45.03 + dlat, 3.87 + dlon);
    }
    let (mut routes, mut trips) = (
        String::from("route_id,route_type\n"),
        String::from("route_id,service_id,trip_id\n"),
    );
    let mut times = String::from("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
    for (l, spec) in lines.iter().enumerate() {
        routes += &format!("L{l},3\n");
        for (t, (start, hops, dwell, weekdays_only)) in spec.trips.iter().enumerate() {
            let service = if *weekdays_only { "WD" } else { "ALL" };
            trips += &format!("L{l},{service},L{l}T{t}\n");
            let mut at = *start;
            for (k, stop) in spec.stops.iter().enumerate() {
                let dep = if k == 0 || k + 1 == spec.stops.len() {
                    at
                } else {
                    at + dwell
                };
                times += &format!("L{l}T{t},{},{},S{stop},{}\n", hms(at), hms(dep), k + 1);
                at = dep + hops.get(k).copied().unwrap_or(0);
            }
        }
    }
    let calendar = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
                    ALL,1,1,1,1,1,1,1,20260101,20261231\nWD,1,1,1,1,1,0,0,20260101,20261231\n";
    let files = [
        (
            "agency.txt",
            "agency_name,agency_url,agency_timezone\nA,http://a,Europe/Paris\n".to_string(),
        ),
        ("stops.txt", stops),
        ("routes.txt", routes),
        ("trips.txt", trips),
        ("stop_times.txt", times),
        ("calendar.txt", calendar.to_string()),
    ];
    let tt = Timetable::import_files(files.into_iter().map(|(n, c)| (n, c.into_bytes())))
        .expect("a generated feed imports")
        .timetable;
    Planner::new(tt)
}

fn consistent(j: &Journey) -> bool {
    j.legs
        .windows(2)
        .all(|w| w[0].to == w[1].from && w[0].arrival <= w[1].departure)
        && j.legs.iter().all(|l| l.departure <= l.arrival)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_planner_finds_the_same_earliest_arrival_as_the_reference_search(
        (coords, lines) in feed(),
        queries in prop::collection::vec((0usize..9, 0usize..9, 240u32..1300, any::<bool>(), 0usize..3), 1..8),
    ) {
        let tt = build(&coords, &lines);
        let n = coords.len();
        for (a, b, minute, saturday, few_transfers) in queries {
            let date = if saturday { NaiveDate::from_ymd_opt(2026, 6, 13) } else { NaiveDate::from_ymd_opt(2026, 6, 10) };
            let date = date.unwrap();
            let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap();
            let (from, to) = (Place::Stop(StopIdx((a % n) as u32)), Place::Stop(StopIdx((b % n) as u32)));
            let mut q = Query::new(from, to, date, When::DepartAt(time));
            q.max_transfers = 20;
            let journeys = tt.plan(&q);
            let planned = journeys.iter().map(|j| j.arrival).min();
            prop_assert_eq!(planned, reference::earliest_arrival(&tt, &from, &to, date, time), "{:?}", q);
            // The earliest-arrival query (a connection scan) agrees, also when few transfers
            // are allowed (it then falls back to RAPTOR's rounds when its journey has more).
            prop_assert_eq!(tt.earliest_arrival(&q), planned, "{:?}", q);
            let mut few = q.clone();
            few.max_transfers = few_transfers;
            let bounded = tt.plan(&few).iter().map(|j| j.arrival).min();
            prop_assert_eq!(tt.earliest_arrival(&few), bounded, "{:?}", few);
            for j in &journeys {
                prop_assert!(consistent(j), "{:?}", j);
            }
            // Pareto: a later arrival must come with fewer rides (walking all the way is none).
            let rides = |j: &Journey| j.legs.iter().filter(|l| !l.is_walk()).count();
            for w in journeys.windows(2) {
                prop_assert!(w[0].arrival < w[1].arrival && rides(&w[0]) > rides(&w[1]), "{:?}", journeys);
            }
            // Arriving by the earliest arrival, the latest departure is no earlier than asked.
            if let Some(arrival) = planned {
                let by = arrival.naive_local();
                if by.date() == date {
                    let mut back = Query::new(from, to, date, When::ArriveBy(by.time()));
                    back.max_transfers = 20;
                    let latest = tt.plan(&back).iter().map(|j| j.departure).max();
                    prop_assert!(latest.is_some_and(|d| d.naive_local().time() >= time), "{:?}", back);
                }
            }
        }
    }
}

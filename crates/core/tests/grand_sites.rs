//! Every Grand Site is a day out without a car, planned as the app plans it
//! ([`Planner::plan_day`](velay_core::planner::Planner::plan_day)) on the bundled feed and the bundled routes: there by train or bus
//! from 06:00, the route walked at its estimated time, and home the same day by 23:59.
//!
//! The promise, on the days of an ordinary week (30 November to 6 December 2026) and two public
//! holidays (Wednesday 11 November, Friday 25 December 2026):
//! - from a stay in Le Puy (its station, the bus station next door), every site every day, the
//!   gorges de l'Allier from a stay in Langeac;
//! - from Lyon Part-Dieu or Saint-Étienne, Le Puy, La Chaise-Dieu and the Mézenc as a day out on
//!   weekdays and Saturdays.
//!
//! A site is reached on a day when at least one of its routes is. The table (`cargo test -p
//! velay-core --test grand_sites -- --nocapture`) gives, for each site, home and day, how many of
//! the site's routes work and the longest time on site (from arrival to the way back).

use std::fmt::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveTime};
use velay_core::day::{DayOutcome, DayRequest, Walk};
use velay_core::planner::Planner;
use velay_core::{Route, Timetable};

const LE_PUY: &str = "StopArea:OCE87734699";
const LANGEAC: &str = "StopArea:OCE87734319";
const LYON: &str = "StopArea:OCE87723197";
const SAINT_ETIENNE: &str = "StopArea:OCE87726000";

fn bundled() -> (Planner, Vec<Route>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data");
    let imported = Timetable::import(root.join("gtfs")).expect("the bundled feed imports");
    let routes = velay_core::content::routes(&velay_core::content::read_dir(&root).expect("routes-data reads"));
    (Planner::new(imported.timetable), routes)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// Monday 30 November to Sunday 6 December 2026, then two public holidays.
fn days() -> Vec<(String, NaiveDate)> {
    let week = (0..7).map(|i| {
        let d = date(2026, 11, 30) + chrono::Duration::days(i);
        (d.format("%a").to_string(), d)
    });
    week.chain([
        ("11 Nov".to_string(), date(2026, 11, 11)),
        ("25 Dec".to_string(), date(2026, 12, 25)),
    ])
    .collect()
}

fn is_holiday(d: NaiveDate) -> bool {
    d == date(2026, 11, 11) || d == date(2026, 12, 25)
}

/// The route walked as the planner walks it: from its first point to its last, at its time.
fn walk_of(route: &Route) -> Walk {
    let (first, last) = (
        route.track.first().expect("a track"),
        route.track.last().expect("a track"),
    );
    Walk {
        start: (first.lat(), first.lon()),
        end: (last.lat(), last.lon()),
        minutes: route.figures.duration_min,
    }
}

/// On `day`, the site's routes that work from `home`, and the longest time on site in minutes.
fn reach(planner: &Planner, routes: &[&Route], home: &str, day: NaiveDate) -> (usize, i64) {
    let home = planner.timetable().stop_by_id(home).expect("a stop of the feed");
    let mut works = 0;
    let mut on_site = 0;
    for route in routes {
        let mut request = DayRequest::new(home, day, walk_of(route));
        request.leave_after = NaiveTime::from_hms_opt(6, 0, 0).unwrap();
        if let DayOutcome::Possible(plan) = planner.plan_day(&request) {
            works += 1;
            on_site = on_site.max((plan.back.departure - plan.outbound.arrival).num_minutes());
        }
    }
    (works, on_site)
}

#[test]
fn every_grand_site_is_a_day_out_without_a_car() {
    let (tt, routes) = bundled();
    let sites = [
        ("le-puy", "Le Puy"),
        ("la-chaise-dieu", "La Chaise-Dieu"),
        ("mezenc-gerbier", "Mézenc-Gerbier"),
        ("gorges-allier", "Gorges de l'Allier"),
    ];
    // (home, its name, the sites it must reach, on which days)
    let stay = |_: NaiveDate| true;
    let day_out = |d: NaiveDate| d.weekday() != chrono::Weekday::Sun && !is_holiday(d);
    type Home<'a> = (&'a str, &'a str, &'a [&'a str], &'a dyn Fn(NaiveDate) -> bool);
    let homes: [Home; 4] = [
        (
            LE_PUY,
            "stay in Le Puy",
            &["le-puy", "la-chaise-dieu", "mezenc-gerbier"],
            &stay,
        ),
        (LANGEAC, "stay in Langeac", &["gorges-allier"], &stay),
        (
            LYON,
            "Lyon Part-Dieu",
            &["le-puy", "la-chaise-dieu", "mezenc-gerbier"],
            &day_out,
        ),
        (
            SAINT_ETIENNE,
            "Saint-Étienne",
            &["le-puy", "la-chaise-dieu", "mezenc-gerbier"],
            &day_out,
        ),
    ];
    let days = days();
    let mut table = format!("{:<20} {:<16}", "site", "from");
    for (name, _) in &days {
        write!(table, " {name:>10}").unwrap();
    }
    let mut missed = Vec::new();
    for (site, site_name) in sites {
        let of_site: Vec<&Route> = routes.iter().filter(|r| r.site == site).collect();
        assert!(!of_site.is_empty(), "{site} has routes");
        for (home, home_name, targets, promised) in &homes {
            if !targets.contains(&site) {
                continue;
            }
            write!(table, "\n{site_name:<20} {home_name:<16}").unwrap();
            for (day_name, day) in &days {
                let (works, on_site) = reach(&tt, &of_site, home, *day);
                let cell = if works == 0 {
                    "-".to_string()
                } else {
                    format!("{works}/{} {}h{:02}", of_site.len(), on_site / 60, on_site % 60)
                };
                write!(table, " {cell:>10}").unwrap();
                if works == 0 && promised(*day) {
                    missed.push(format!("{site_name} from {home_name} on {day_name} {day}"));
                }
            }
        }
    }
    println!("{table}\n(routes that work / routes of the site, longest time on site; - none)");
    assert!(
        missed.is_empty(),
        "not reachable without a car:\n{}\n{table}",
        missed.join("\n")
    );
}

/// The Gerbier de Jonc itself, not only Les Estables, every day of the year from Le Puy: the
/// shuttle no longer runs in July and August only.
#[test]
fn the_gerbier_de_jonc_is_a_day_out_from_le_puy_every_day_of_the_year() {
    let (tt, routes) = bundled();
    let gerbier: Vec<&Route> = routes
        .iter()
        .filter(|r| r.start_stop.id == "VELAY:GERBIER" || r.end_stop.id == "VELAY:GERBIER")
        .collect();
    assert!(!gerbier.is_empty(), "a route at the Gerbier");
    for (name, day) in days().into_iter().chain([
        ("a winter Sunday".to_string(), date(2027, 1, 17)),
        ("Easter Monday".to_string(), date(2027, 3, 29)),
    ]) {
        let (works, _) = reach(&tt, &gerbier, LE_PUY, day);
        assert!(works > 0, "the Gerbier from Le Puy on {name} {day}");
    }
}

//! Every sample greeter's slots keep the promise made to a car-free visitor: staying at the
//! site's base (Le Puy-en-Velay, or Langeac for the gorges de l'Allier), they reach the meeting
//! point by train, bus or on foot before the meeting starts, and leave it after it ends for a
//! ride home the same day, on every day the greeter's rules offer, all year round.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveTime};
use velay_core::greeter::{Availability, Greeter};
use velay_core::planner::{Place, Planner, Query, When};
use velay_core::Content;

const LE_PUY: &str = "StopArea:OCE87734699";
const LANGEAC: &str = "StopArea:OCE87734319";

/// Where a visitor of each Grand Site stays.
fn base(site: &str) -> &'static str {
    match site {
        "gorges-allier" => LANGEAC,
        "le-puy" | "la-chaise-dieu" | "mezenc-gerbier" => LE_PUY,
        other => panic!("no base known for the site {other}"),
    }
}

fn bundled() -> (Planner, Vec<Greeter>, Vec<Availability>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data");
    let contents = velay_core::content::read_dir(&root).expect("routes-data reads");
    let (mut tt, mut greeters, mut rules) = (None, Vec::new(), Vec::new());
    for c in contents {
        match c {
            Content::Timetable(t) => tt = Some(t.timetable().expect("the bundled feed decodes")),
            Content::Greeter(g) => greeters.push(*g),
            Content::Availability(a) => rules.push(a),
            _ => {}
        }
    }
    (Planner::new(tt.expect("a bundled feed")), greeters, rules)
}

/// Every day of 2027, a whole year of the feed: each weekday of each season, and the public
/// holidays, when the weekday buses stop.
fn days_to_check() -> Vec<NaiveDate> {
    let year = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    year.iter_days().take_while(|d| d.year() == 2027).collect()
}

#[test]
fn every_sample_greeter_slot_can_be_reached_and_left_from_the_sites_base() {
    let (tt, greeters, rules) = bundled();
    assert!(!rules.is_empty(), "the sample greeters offer availability rules");
    let mut problems = Vec::new();
    // Per rule: the days it fits, and the least time to spare before the start and after the end.
    let mut fits: BTreeMap<String, (usize, i64, i64)> = BTreeMap::new();
    for rule in &rules {
        let greeter = greeters.iter().find(|g| g.id == rule.greeter).expect("its greeter");
        assert!(greeter.fictional, "{}: sample greeters are fictional", greeter.id);
        let point = greeter
            .meeting_points
            .iter()
            .find(|p| p.id == rule.meeting_point)
            .expect("its meeting point");
        let home = tt
            .timetable()
            .stop_by_id(base(&greeter.site))
            .expect("the base is a stop of the feed");
        let meeting = Place::Point {
            lat: point.lat,
            lon: point.lon,
        };
        let days: Vec<NaiveDate> = days_to_check().into_iter().filter(|d| rule.offers(*d)).collect();
        assert!(!days.is_empty(), "{}: offers no day in the days checked", rule.key_id());
        for date in days {
            let slot = rule.slot_on(date).unwrap();
            let arrive = tt
                .earliest_arrival(&Query::new(
                    Place::Stop(home),
                    meeting,
                    date,
                    When::DepartAt(NaiveTime::from_hms_opt(5, 0, 0).unwrap()),
                ))
                .filter(|a| a.date_naive() == date)
                .map(|a| a.time());
            let leave = tt
                .plan(&Query::new(
                    meeting,
                    Place::Stop(home),
                    date,
                    When::ArriveBy(NaiveTime::from_hms_opt(23, 59, 0).unwrap()),
                ))
                .into_iter()
                .filter(|j| j.departure.date_naive() == date)
                .map(|j| j.departure.time())
                .max();
            let end = slot.end().time();
            match (arrive, leave) {
                (Some(a), Some(l)) if a <= slot.start && l >= end && slot.end().date() == date => {
                    let entry = fits.entry(rule.key_id()).or_insert((0, i64::MAX, i64::MAX));
                    entry.0 += 1;
                    entry.1 = entry.1.min((slot.start - a).num_minutes());
                    entry.2 = entry.2.min((l - end).num_minutes());
                }
                _ => problems.push(format!(
                    "{} on {date} ({}) {}–{} at {}: there by {arrive:?}, last ride back {leave:?}",
                    rule.key_id(),
                    date.weekday(),
                    slot.start.format("%H:%M"),
                    end.format("%H:%M"),
                    point.name.en,
                )),
            }
        }
    }
    for (rule, (days, before, after)) in &fits {
        eprintln!("{rule}: fits on all {days} days it offers in 2027; at least {before} min early, {after} min to spare after");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

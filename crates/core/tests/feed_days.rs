//! The bundled trains run on the days SNCF runs them: each train's days of the week in
//! routes-data/gtfs match SNCF's own calendar for its number, in the national TER feed of
//! 2023-12-18 kept in the team's shared data (trips.txt gives each trip's train number as
//! `trip_headsign` and its `service_id`, calendar_dates.txt the dates, 18 December 2023 to 17 March
//! 2024).
//!
//! The rule, the same as `weekly_pattern` in scripts/gtfs/build_feed.py: over the window's weeks
//! (Monday to Sunday) in which the train runs on at least one day that is not a French public
//! holiday, the train runs on a day of the week when it runs on at least half of those days,
//! public holidays left out. On a public holiday a bundled train follows its Sunday pattern.

mod support;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use support::shared_data;

/// The national feed's thirteen weeks, Monday to Sunday (its feed_info.txt).
const WINDOW: (&str, &str) = ("20231218", "20240317");

/// Monday first; `true` when the train runs on that day of the week.
type Week = [bool; 7];

fn bundled_feed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data/gtfs")
}

/// The rows of a CSV file as maps from column name to value.
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            header.iter().cloned().zip(r.iter().map(str::to_string)).collect()
        })
        .collect()
}

fn ymd(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y%m%d").unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// The eleven French public holidays of a year, as the app counts them.
fn public_holidays(year: i32) -> Vec<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .expect("a year")
        .iter_days()
        .take_while(|d| d.year() == year)
        .filter(|d| velay_core::holidays::is_public_holiday(*d))
        .collect()
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// The days of the week a train runs on, by the rule above, from the dates SNCF runs it on.
fn weekly_pattern(dates: &BTreeSet<NaiveDate>) -> Week {
    let (lo, hi) = (ymd(WINDOW.0), ymd(WINDOW.1));
    let off: HashSet<NaiveDate> = [lo.year(), hi.year()].into_iter().flat_map(public_holidays).collect();
    let weeks: BTreeSet<NaiveDate> = dates
        .iter()
        .filter(|d| (lo..=hi).contains(*d) && !off.contains(*d))
        .map(|&d| monday_of(d))
        .collect();
    std::array::from_fn(|w| {
        let days: Vec<NaiveDate> = weeks
            .iter()
            .map(|&m| m + Duration::days(w as i64))
            .filter(|d| !off.contains(d))
            .collect();
        let runs = days.iter().filter(|d| dates.contains(d)).count();
        !days.is_empty() && 2 * runs >= days.len()
    })
}

fn show(week: &Week) -> String {
    week.iter()
        .zip("MTWTFSS".chars())
        .map(|(&on, c)| if on { c } else { '.' })
        .collect()
}

/// For each train number, the dates the national calendar runs it on.
fn national_dates() -> HashMap<String, BTreeSet<NaiveDate>> {
    let national = shared_data("gtfs/sncf-ter-2023-12-18-no-stop_times");
    let mut services: HashMap<String, BTreeSet<NaiveDate>> = HashMap::new();
    let calendar = rows(&national.join("calendar_dates.txt"));
    for added in ["1", "2"] {
        for r in calendar.iter().filter(|r| r["exception_type"] == added) {
            let dates = services.entry(r["service_id"].clone()).or_default();
            if added == "1" {
                dates.insert(ymd(&r["date"]));
            } else {
                dates.remove(&ymd(&r["date"]));
            }
        }
    }
    let mut out: HashMap<String, BTreeSet<NaiveDate>> = HashMap::new();
    for t in rows(&national.join("trips.txt")) {
        let dates = services.get(&t["service_id"]).cloned().unwrap_or_default();
        out.entry(t["trip_headsign"].clone()).or_default().extend(dates);
    }
    out
}

/// A service of a GTFS feed: its weekly rule (flags, first and last date) and its exceptions.
#[derive(Default)]
struct Service {
    rule: Option<(Week, NaiveDate, NaiveDate)>,
    exceptions: HashMap<NaiveDate, bool>,
}

impl Service {
    fn runs(&self, date: NaiveDate) -> bool {
        if let Some(&added) = self.exceptions.get(&date) {
            return added;
        }
        self.rule.is_some_and(|(week, first, last)| {
            (first..=last).contains(&date) && week[date.weekday().num_days_from_monday() as usize]
        })
    }
}

fn services(feed: &Path) -> HashMap<String, Service> {
    let mut out: HashMap<String, Service> = HashMap::new();
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    for r in rows(&feed.join("calendar.txt")) {
        let week = DAYS.map(|d| r[d] == "1");
        out.entry(r["service_id"].clone()).or_default().rule = Some((week, ymd(&r["start_date"]), ymd(&r["end_date"])));
    }
    for r in rows(&feed.join("calendar_dates.txt")) {
        out.entry(r["service_id"].clone())
            .or_default()
            .exceptions
            .insert(ymd(&r["date"]), r["exception_type"] == "1");
    }
    out
}

/// The bundled SNCF trips: trip id, train number (`trip_short_name`) and service id.
fn bundled_trains(feed: &Path) -> Vec<(String, String, String)> {
    let sncf: HashSet<String> = rows(&feed.join("routes.txt"))
        .into_iter()
        .filter(|r| r["agency_id"] == "SNCF")
        .map(|r| r["route_id"].clone())
        .collect();
    rows(&feed.join("trips.txt"))
        .into_iter()
        .filter(|t| sncf.contains(&t["route_id"]))
        .map(|t| {
            (
                t["trip_id"].clone(),
                t["trip_short_name"].clone(),
                t["service_id"].clone(),
            )
        })
        .collect()
}

/// How a bundled service runs on the feed's days: the days of the week on ordinary dates (none
/// a public holiday), or the first date that breaks the weekly pattern or the holiday rule.
fn bundled_pattern(service: &Service, first: NaiveDate, last: NaiveDate) -> Result<Week, String> {
    let off: HashSet<NaiveDate> = (first.year()..=last.year()).flat_map(public_holidays).collect();
    let mut week: [Option<bool>; 7] = [None; 7];
    for date in first.iter_days().take_while(|d| *d <= last) {
        if off.contains(&date) {
            continue;
        }
        let w = date.weekday().num_days_from_monday() as usize;
        let runs = service.runs(date);
        match week[w] {
            None => week[w] = Some(runs),
            Some(before) if before != runs => return Err(format!("{date} breaks its weekly pattern")),
            Some(_) => {}
        }
    }
    let week = week.map(|w| w.unwrap_or(false));
    for h in off.iter().filter(|h| (first..=last).contains(*h)) {
        if service.runs(*h) != week[6] {
            return Err(format!(
                "on the public holiday {h} it does not follow its Sunday pattern"
            ));
        }
    }
    Ok(week)
}

fn feed_dates(feed: &Path) -> (NaiveDate, NaiveDate) {
    let info = rows(&feed.join("feed_info.txt"));
    (ymd(&info[0]["feed_start_date"]), ymd(&info[0]["feed_end_date"]))
}

/// Every bundled train whose days differ from SNCF's, as "number: bundled X, SNCF Y".
fn mismatches(feed: &Path) -> Vec<String> {
    let national = national_dates();
    let services = services(feed);
    let (first, last) = feed_dates(feed);
    let mut out = BTreeSet::new();
    for (trip, number, service) in bundled_trains(feed) {
        let sncf = match national.get(&number) {
            Some(dates) => show(&weekly_pattern(dates)),
            None if number.is_empty() => format!("no train number on the SNCF trip {trip}"),
            None => "absent from the national calendar".to_string(),
        };
        let bundled = match services.get(&service) {
            Some(s) => bundled_pattern(s, first, last).map(|w| show(&w)).unwrap_or_else(|e| e),
            None => format!("service {service} has no days"),
        };
        if bundled != sncf {
            out.insert(format!("train {number}: bundled {bundled}, SNCF {sncf}"));
        }
    }
    out.into_iter().collect()
}

#[test]
fn every_bundled_train_runs_on_the_days_of_the_week_sncf_runs_it() {
    let feed = bundled_feed();
    let trains = bundled_trains(&feed);
    assert!(trains.len() >= 100, "{} bundled trains", trains.len());
    let wrong = mismatches(&feed);
    assert!(
        wrong.is_empty(),
        "{} of {} bundled trains run on other days than SNCF's calendar (Monday first):\n{}",
        wrong.len(),
        trains.len(),
        wrong.join("\n")
    );
}

#[test]
fn each_train_number_is_bundled_once() {
    let mut seen = HashSet::new();
    for (trip, number, _) in bundled_trains(&bundled_feed()) {
        assert!(!number.is_empty(), "the SNCF trip {trip} has no train number");
        assert!(seen.insert(number.clone()), "train {number} is bundled twice");
    }
}

/// The examples a local checked against SNCF's calendar.
#[test]
fn the_rule_reads_sncf_s_calendar_as_a_local_would() {
    let national = national_dates();
    let pattern = |n: &str| show(&weekly_pattern(&national[n]));
    assert_eq!(pattern("873700"), "M......", "P37 05:23 from Le Puy, Mondays only");
    assert_eq!(pattern("873727"), "....F..", "P37 18:58 from Clermont, Fridays only");
    assert_eq!(pattern("873710"), "......S", "P37 19:50 from Le Puy, Sundays only");
    assert_eq!(pattern("889951"), "MTWTF..", "P28 04:33 from Le Puy, Monday to Friday");
    assert_eq!(
        pattern("873994"),
        "MTWTF.S",
        "P17 19:23 from Luc, every day but Saturday"
    );
    assert_eq!(pattern("873990"), "MTWTFSS", "P17 10:11 from Luc, every day");
    assert_eq!(pattern("886755"), "....FSS", "C18 23:24 from Lyon, Friday to Sunday");
    // Renumbered on 10 February 2024: each number keeps the days it ran while it existed.
    assert_eq!(pattern("873995"), "MTWTFSS");
    assert_eq!(pattern("877957"), "MTWTFSS");
}

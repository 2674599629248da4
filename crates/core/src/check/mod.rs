//! The content check: what the tourist office runs on a `routes-data` folder before
//! publishing it, and what `velay-server import` runs first, refusing content that fails.
//!
//! Words: an *origin* is a station a visitor leaves from in the morning and comes back to at
//! night ([`ORIGINS`]: Lyon Part-Dieu, Saint-Étienne, Clermont-Ferrand, Le Puy-en-Velay), or a
//! *stay* at the site's base ([`base_of`]); a *day type* is a weekday, a Saturday or a Sunday,
//! each checked on one date ([`representative_days`]); a *cell* is what one origin gets on one
//! day: a way there and back, planned by the car-free day planner between [`LEAVE_AFTER`] and
//! [`HOME_BY`], and the *time on site* between arriving at the route's start (or the meeting
//! point) and leaving its end; a [`Finding`] is a failure, which refuses the content, or a
//! warning, which is only said.
//!
//! What is checked:
//! - each route from each origin on each day type, the matrix ([`check_routes`]): a route that
//!   no one can reach and leave on any day fails;
//! - each upcoming greeter slot from each origin on its date ([`check_slots`]): a slot no one can
//!   keep fails; slots already started are skipped;
//! - the days of an ordinary week on which each route's and meeting point's stops are served;
//! - places ([`check_places`]): stops exist under the same name, routes start and end near
//!   them, meeting points are as far from them as they say;
//! - sample labels ([`labels`]): what is invented says so.
//!
//! - [`dates`]: the days checked; [`reach`]: the matrix; [`places`]; [`labels`];
//!   `table`: the report as an aligned plain-text table (its `Display`).

pub mod dates;
mod finding;
pub mod labels;
pub mod places;
pub mod reach;
mod table;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::clock::Clock;
use crate::content::{ContentError, TimetableRecord};
use crate::greeter::{Greeter, Slot};
use crate::planner::Planner;
use crate::timetable::{RecordError, StopIdx};
use crate::Content;

pub use dates::{is_public_holiday, ordinary_week, representative_days, CheckedDay, DayType};
pub use finding::{Finding, Severity};
pub use places::{check_places, walk_minutes_range, CHECK_WALK_M_PER_MIN, ROUTE_END_MAX_M};
pub use reach::{
    base_of, check_routes, check_slots, Cell, Origin, Reach, RouteRow, SlotCell, SlotCheck, SlotRow, HOME_BY,
    LEAVE_AFTER, ORIGINS, STAY,
};

/// A content folder as the check reads it: its files, for what only they say (the GPX
/// metadata, the feed's agencies and descriptions), and the content made of them.
#[derive(Clone, Debug)]
pub struct Folder {
    pub files: BTreeMap<String, Vec<u8>>,
    pub contents: Vec<Content>,
}

impl Folder {
    /// Reads a content folder from disk, as `import` does.
    pub fn read(dir: &Path) -> Result<Folder, ContentError> {
        Folder::from_files(crate::content::dir_files(dir)?)
    }

    /// Reads content from its files, by path relative to the folder.
    pub fn from_files(files: BTreeMap<String, Vec<u8>>) -> Result<Folder, ContentError> {
        let contents = crate::content::read_files(&files)?;
        Ok(Folder { files, contents })
    }
}

/// When the check stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The days checked are the first ordinary ones on or after this date.
    pub reference: NaiveDate,
    /// Slots that have started by then are past, and skipped. Wall-clock, in the territory.
    pub now: NaiveDateTime,
}

impl Options {
    /// Standing at the start of `date`: what a `--date` asks for.
    pub fn on(date: NaiveDate) -> Options {
        Options {
            reference: date,
            now: date.and_time(NaiveTime::MIN),
        }
    }

    /// Standing now, by the territory's clock.
    pub fn now(clock: &Clock) -> Options {
        Options {
            reference: clock.today(),
            now: clock.local_now(),
        }
    }
}

/// The days of an ordinary week a stop is served, Monday first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StopDays {
    /// What names the stop and why: `route puy-ville-haute (start)`.
    pub item: String,
    pub stop: String,
    /// The feed's name of the stop; empty when the feed has no such stop.
    pub name: String,
    pub days: [bool; 7],
}

/// A site's line of the matrix: in each cell, the best of its routes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SiteRow {
    pub site: String,
    pub name: String,
    pub cells: Vec<Cell>,
}

/// Everything the check found, for the table ([`std::fmt::Display`]) or JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub reference: NaiveDate,
    pub leave_after: NaiveTime,
    pub home_by: NaiveTime,
    pub origins: [Origin; 4],
    pub days: [CheckedDay; 3],
    /// The ordinary week [`StopDays`] are read on, Monday to Sunday.
    pub week: [NaiveDate; 7],
    pub sites: Vec<SiteRow>,
    pub routes: Vec<RouteRow>,
    pub served: Vec<StopDays>,
    pub slots: Vec<SlotRow>,
    pub skipped_slots: Vec<String>,
    #[serde(serialize_with = "finding::with_messages")]
    pub findings: Vec<Finding>,
    /// No failures (warnings allowed).
    pub passed: bool,
}

impl Report {
    pub fn failures(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_failure())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_failure())
    }

    /// The cell of a site (the best of its routes) from an origin key on a day type.
    pub fn site_cell(&self, site: &str, origin: &str, day: DayType) -> Option<&Cell> {
        let row = self.sites.iter().find(|s| s.site == site)?;
        row.cells.iter().find(|c| c.origin == origin && c.day == day)
    }
}

/// Why the check could not run at all (as opposed to content that fails it).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    #[error("the content has no timetable (gtfs/*.txt): there is nothing to plan with")]
    NoTimetable,
    #[error("the timetable record does not load: {0}")]
    Record(#[from] RecordError),
}

/// Runs every check on a content folder. The timetable is decoded once and every plan reuses it.
pub fn check(folder: &Folder, options: &Options) -> Result<Report, CheckError> {
    let contents = &folder.contents;
    let record: &TimetableRecord = contents
        .iter()
        .find_map(|c| match c {
            Content::Timetable(t) => Some(t),
            _ => None,
        })
        .ok_or(CheckError::NoTimetable)?;
    let planner = Planner::new(record.timetable()?);
    let tt = planner.timetable();
    let routes = crate::content::routes(contents);
    let greeters: Vec<Greeter> = contents
        .iter()
        .filter_map(|c| match c {
            Content::Greeter(g) => Some((**g).clone()),
            _ => None,
        })
        .collect();
    let one_offs: Vec<Slot> = contents
        .iter()
        .filter_map(|c| match c {
            Content::Slot(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let rules: Vec<crate::greeter::Availability> = contents
        .iter()
        .filter_map(|c| match c {
            Content::Availability(a) => Some(a.clone()),
            _ => None,
        })
        .collect();
    // The rules' slots of the weeks a visitor is offered from the reference day, and every
    // one-off date (those already past are reported as skipped).
    let slots: Vec<Slot> = rules
        .iter()
        .flat_map(|r| r.expand(options.now.date(), crate::greeter::WINDOW_DAYS))
        .chain(one_offs)
        .collect();

    let mut findings: Vec<Finding> = ORIGINS
        .iter()
        .filter(|o| tt.stop_by_id(o.stop_id).is_none())
        .map(|o| Finding::OriginMissing {
            name: o.name.into(),
            stop: o.stop_id.into(),
        })
        .collect();
    findings.extend(check_places(tt, &routes, &greeters));
    findings.extend(labels::check_content_labels(&routes, &greeters, &folder.files));
    findings.extend(labels::check_feed_labels(&folder.files));
    let days = representative_days(options.reference);
    let (route_rows, route_findings) = check_routes(&planner, &routes, &days);
    findings.extend(route_findings);
    let slot_check = check_slots(&planner, &greeters, &slots, options.now);
    findings.extend(slot_check.findings);

    let week = ordinary_week(options.reference);
    let mut served = Vec::new();
    for route in &routes {
        let same = route.start_stop.id == route.end_stop.id;
        for (role, stop) in [("start", &route.start_stop), ("end", &route.end_stop)] {
            if role == "end" && same {
                continue;
            }
            let role = if same { "start and end" } else { role };
            served.push(stop_days(
                &planner,
                format!("route {} ({role})", route.id),
                &stop.id,
                &week,
            ));
        }
    }
    for g in &greeters {
        for p in &g.meeting_points {
            served.push(stop_days(
                &planner,
                format!("greeter {}, {}", g.id, p.id),
                &p.stop.id,
                &week,
            ));
        }
    }

    let sites = contents
        .iter()
        .filter_map(|c| match c {
            Content::Site(s) => Some(site_row(s, &route_rows, &days)),
            _ => None,
        })
        .collect();
    let passed = !findings.iter().any(Finding::is_failure);
    Ok(Report {
        reference: options.reference,
        leave_after: LEAVE_AFTER,
        home_by: HOME_BY,
        origins: ORIGINS,
        days,
        week,
        sites,
        routes: route_rows,
        served,
        slots: slot_check.rows,
        skipped_slots: slot_check.skipped,
        findings,
        passed,
    })
}

fn stop_days(planner: &Planner, item: String, stop: &str, week: &[NaiveDate; 7]) -> StopDays {
    let tt = planner.timetable();
    let idx: Option<StopIdx> = tt.stop_by_id(stop);
    StopDays {
        item,
        stop: stop.into(),
        name: idx.map(|i| tt.stop(i).name.clone()).unwrap_or_default(),
        days: week.map(|d| idx.is_some_and(|i| planner.is_served_on(i, d))),
    }
}

/// A site's cells: for each origin and day, its best route's (see [`Reach`]'s order).
fn site_row(site: &crate::Site, routes: &[RouteRow], days: &[CheckedDay]) -> SiteRow {
    let own: Vec<&RouteRow> = routes.iter().filter(|r| r.site == site.id).collect();
    let keys = ORIGINS.iter().map(|o| o.key).chain(std::iter::once(STAY));
    let cells = keys
        .flat_map(|origin| days.iter().map(move |d| (origin, d)))
        .map(|(origin, d)| {
            let best = own
                .iter()
                .flat_map(|r| r.cells.iter())
                .filter(|c| c.origin == origin && c.day == d.day)
                .max_by_key(|c| c.reach.rank())
                .map_or(Reach::NoWayThere, |c| c.reach.clone());
            Cell {
                origin,
                day: d.day,
                date: d.date,
                reach: best,
            }
        })
        .collect();
    SiteRow {
        site: site.id.clone(),
        name: site.name.en.clone(),
        cells,
    }
}

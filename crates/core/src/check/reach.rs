//! Reachability: whether a visitor from an origin gets to a place and back on a day, planned
//! with the car-free day planner ([`Planner::plan_date`]), and how long they have there.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

use crate::day::{DayRequest, NotPossible, Walk};
use crate::greeter::{Greeter, Slot};
use crate::planner::Planner;
use crate::timetable::StopIdx;
use crate::Route;

use super::dates::{CheckedDay, DayType};
use super::finding::Finding;

/// A car-free day leaves its origin at this time or later: the first trains leave before
/// six, and a visitor who must be up at four is not on holiday.
pub const LEAVE_AFTER: NaiveTime = NaiveTime::from_hms_opt(6, 0, 0).expect("06:00 is a time");
/// …and is back by this time, a quarter past midnight the next night: the last trains from the
/// Velay reach Lyon and Saint-Étienne just after midnight. (The app's own plans ask for
/// 05:00 to 23:59, [`DayRequest::new`]; the check uses the bar issue 12 measured with.)
pub const HOME_BY: NaiveTime = NaiveTime::from_hms_opt(0, 15, 0).expect("00:15 is a time");

/// A station a visitor comes from for the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// A short stable name, used in JSON: `lyon`, `saint-etienne`, `clermont-ferrand`,
    /// `le-puy`, and `stay` for a stay at the site's base.
    pub key: &'static str,
    pub name: &'static str,
    /// Its GTFS `stop_id` in the bundled feed.
    pub stop_id: &'static str,
}

/// The stations visitors arrive from: the region's two big cities, Auvergne's, and the
/// Velay's own station.
pub const ORIGINS: [Origin; 4] = [
    Origin {
        key: "lyon",
        name: "Lyon Part-Dieu",
        stop_id: "StopArea:OCE87723197",
    },
    Origin {
        key: "saint-etienne",
        name: "Saint-Étienne Châteaucreux",
        stop_id: "StopArea:OCE87726000",
    },
    Origin {
        key: "clermont-ferrand",
        name: "Clermont-Ferrand",
        stop_id: "StopArea:OCE87734004",
    },
    Origin {
        key: "le-puy",
        name: "Le Puy-en-Velay",
        stop_id: "StopArea:OCE87734699",
    },
];

/// The key of the fifth column: a visitor staying at the site's base ([`base_of`]).
pub const STAY: &str = "stay";

/// Where a visitor who sleeps near a site stays: Langeac for the gorges of the Allier, Le Puy
/// for the others (issue 12's targets). Its key is [`STAY`].
pub fn base_of(site: &str) -> Origin {
    let (name, stop_id) = match site {
        "gorges-allier" => ("Langeac", "StopArea:OCE87734319"),
        _ => ("Le Puy-en-Velay", "StopArea:OCE87734699"),
    };
    Origin {
        key: STAY,
        name,
        stop_id,
    }
}

/// What a visitor gets on one day from one origin.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Reach {
    /// There and back, with the time between enough for the visit (the route's walk, or the
    /// whole meeting). Times are wall-clock in the territory.
    Fits {
        arrive: NaiveDateTime,
        leave: NaiveDateTime,
        /// Minutes between arriving and leaving: the time on site.
        minutes: u32,
        /// Some ride is on a line whose times are a sample.
        sample_times: bool,
    },
    /// There and back, but not around the visit: too little time, or there after the meeting
    /// starts, or the last way back before it ends.
    DoesNotFit {
        arrive: NaiveDateTime,
        leave: NaiveDateTime,
        minutes: u32,
        sample_times: bool,
    },
    /// Nothing gets there from the origin that day.
    NoWayThere,
    /// Something gets there, but nothing comes back that day after the first arrival.
    NoWayBack,
}

impl Reach {
    pub fn fits(&self) -> bool {
        matches!(self, Reach::Fits { .. })
    }

    /// The time on site, when there is a way there and back.
    pub fn minutes(&self) -> Option<u32> {
        match self {
            Reach::Fits { minutes, .. } | Reach::DoesNotFit { minutes, .. } => Some(*minutes),
            Reach::NoWayThere | Reach::NoWayBack => None,
        }
    }

    /// An order from worst to best: nothing, there only, there and back but short, fits; and
    /// within each, more time on site is better.
    pub(super) fn rank(&self) -> (u8, u32) {
        match self {
            Reach::NoWayThere => (0, 0),
            Reach::NoWayBack => (1, 0),
            Reach::DoesNotFit { minutes, .. } => (2, *minutes),
            Reach::Fits { minutes, .. } => (3, *minutes),
        }
    }
}

/// One cell of the matrix: from an origin, on a kind of day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    /// An [`Origin::key`].
    pub origin: &'static str,
    pub day: DayType,
    pub date: NaiveDate,
    pub reach: Reach,
}

/// A route's line of the matrix.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteRow {
    pub route: String,
    pub site: String,
    /// Its English name.
    pub name: String,
    /// The route's estimated walking time: the time on site it needs.
    pub walk_minutes: u32,
    /// Where a visitor staying near the site sleeps (the `stay` column).
    pub base: Origin,
    /// One per origin (the four, then `stay`) and kind of day, in that order.
    pub cells: Vec<Cell>,
}

/// A greeter's slot, checked from each origin on its own date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlotRow {
    pub slot: String,
    pub greeter: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub minutes: u16,
    pub meeting_point: String,
    pub base: Origin,
    /// One per origin, the four then `stay`.
    pub cells: Vec<SlotCell>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlotCell {
    pub origin: &'static str,
    pub reach: Reach,
}

/// The slots checked, those skipped, and what was found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SlotCheck {
    pub rows: Vec<SlotRow>,
    /// Slots that had started at the check's "now": never offered, so not checked.
    pub skipped: Vec<String>,
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

/// A way there and back between two points, the time on site between arriving and leaving.
struct Visit {
    arrive: NaiveDateTime,
    leave: NaiveDateTime,
    sample_times: bool,
}

/// Plans a day from `home` to `start` and back from `end` on `date`, with the bar
/// [`LEAVE_AFTER`]–[`HOME_BY`], staying as long as the timetable allows (a walk of zero
/// minutes: the caller judges whether the time on site is enough).
fn visit(
    planner: &Planner,
    home: StopIdx,
    start: (f64, f64),
    end: (f64, f64),
    date: NaiveDate,
) -> Result<Visit, Reach> {
    let mut request = DayRequest::new(home, date, Walk { start, end, minutes: 0 });
    request.leave_after = LEAVE_AFTER;
    request.home_by = HOME_BY;
    let tt = planner.timetable();
    match planner.plan_date(&request) {
        Ok(plan) => Ok(Visit {
            arrive: plan.walk_start.naive_local(),
            leave: plan.back.departure.naive_local(),
            sample_times: plan.outbound.uses_sample_times(tt) || plan.back.uses_sample_times(tt),
        }),
        // With no walk, "the walk ends too late" means the last way back leaves before the
        // first arrival: there, but not back the same day.
        Err(NotPossible::NoWayBack | NotPossible::WalkEndsTooLate { .. }) => Err(Reach::NoWayBack),
        Err(NotPossible::NoWayThere | NotPossible::DayPassed | NotPossible::OutsideTimetable { .. }) => {
            Err(Reach::NoWayThere)
        }
    }
}

impl Visit {
    fn minutes(&self) -> u32 {
        (self.leave - self.arrive).num_minutes().max(0) as u32
    }

    /// [`Reach::Fits`] when `fits` says so, else [`Reach::DoesNotFit`].
    fn judged(self, fits: impl FnOnce(&Visit) -> bool) -> Reach {
        let (arrive, leave, minutes, sample_times) = (self.arrive, self.leave, self.minutes(), self.sample_times);
        if fits(&self) {
            Reach::Fits {
                arrive,
                leave,
                minutes,
                sample_times,
            }
        } else {
            Reach::DoesNotFit {
                arrive,
                leave,
                minutes,
                sample_times,
            }
        }
    }
}

/// The origins of a row: the four stations, then a stay at `base`.
fn columns(base: Origin) -> impl Iterator<Item = Origin> {
    ORIGINS.into_iter().chain(std::iter::once(base))
}

/// Each route from each origin on each day, and what that says about the route: unreachable
/// (a failure), never from some origins or never on some days (warnings).
pub fn check_routes(planner: &Planner, routes: &[Route], days: &[CheckedDay]) -> (Vec<RouteRow>, Vec<Finding>) {
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    for route in routes {
        let (Some(first), Some(last)) = (route.track.first(), route.track.last()) else {
            continue;
        };
        let (start, end) = ((first.lat(), first.lon()), (last.lat(), last.lon()));
        let base = base_of(&route.site);
        let mut cells = Vec::new();
        for origin in columns(base) {
            let home = planner.timetable().stop_by_id(origin.stop_id);
            for day in days {
                let reach = match home {
                    Some(home) => match visit(planner, home, start, end, day.date) {
                        Ok(v) => v.judged(|v| v.minutes() >= route.figures.duration_min),
                        Err(reach) => reach,
                    },
                    None => Reach::NoWayThere,
                };
                cells.push(Cell {
                    origin: origin.key,
                    day: day.day,
                    date: day.date,
                    reach,
                });
            }
        }
        let row = RouteRow {
            route: route.id.clone(),
            site: route.site.clone(),
            name: route.name.en.clone(),
            walk_minutes: route.figures.duration_min,
            base,
            cells,
        };
        findings.extend(route_findings(&row, days));
        rows.push(row);
    }
    (rows, findings)
}

fn route_findings(row: &RouteRow, days: &[CheckedDay]) -> Vec<Finding> {
    let fits = |origin: Option<&str>, day: Option<DayType>| {
        row.cells
            .iter()
            .any(|c| c.reach.fits() && origin.is_none_or(|o| c.origin == o) && day.is_none_or(|d| c.day == d))
    };
    if !fits(None, None) {
        return vec![Finding::RouteUnreachable {
            route: row.route.clone(),
            name: row.name.clone(),
            base: row.base.name.into(),
        }];
    }
    let mut out = Vec::new();
    let never: Vec<String> = ORIGINS
        .iter()
        .filter(|o| !fits(Some(o.key), None))
        .map(|o| o.name.to_string())
        .collect();
    if !never.is_empty() {
        out.push(Finding::RouteNeverFrom {
            route: row.route.clone(),
            origins: never,
        });
    }
    for day in days.iter().filter(|d| !fits(None, Some(d.day))) {
        out.push(Finding::RouteNotOnDay {
            route: row.route.clone(),
            day: day.day,
            date: day.date,
        });
    }
    out
}

/// Each slot that has not started at `now` (a wall-clock time in the territory), from each
/// origin and from a stay at its greeter's site's base, on its own date: can a visitor be at
/// the meeting point by the start and leave it after the end? A slot no one can keep is a
/// failure. Slots whose greeter or meeting point is unknown are left to
/// [`crate::content::validate`].
///
/// It takes dated slots, whatever made them: written in a greeter's file or expanded from
/// recurring rules.
pub fn check_slots(planner: &Planner, greeters: &[Greeter], slots: &[Slot], now: NaiveDateTime) -> SlotCheck {
    let mut out = SlotCheck::default();
    for slot in slots {
        if slot.has_started(now) {
            out.skipped.push(slot.id.clone());
            continue;
        }
        let Some(greeter) = greeters.iter().find(|g| g.id == slot.greeter) else {
            continue;
        };
        let Some(point) = greeter.meeting_points.iter().find(|p| p.id == slot.meeting_point) else {
            continue;
        };
        let at = (point.lat, point.lon);
        let (starts, ends) = (slot.starts_at(), slot.end());
        let base = base_of(&greeter.site);
        let cells: Vec<SlotCell> = columns(base)
            .map(|origin| SlotCell {
                origin: origin.key,
                reach: match planner.timetable().stop_by_id(origin.stop_id) {
                    Some(home) => match visit(planner, home, at, at, slot.date) {
                        Ok(v) => v.judged(|v| v.arrive <= starts && v.leave >= ends),
                        Err(reach) => reach,
                    },
                    None => Reach::NoWayThere,
                },
            })
            .collect();
        if !cells.iter().any(|c| c.reach.fits()) {
            let stay = cells.last().map(|c| &c.reach);
            out.findings.push(Finding::SlotUnreachable {
                slot: slot.id.clone(),
                greeter: greeter.name.clone(),
                date: slot.date,
                start: slot.start,
                end: ends.time(),
                point: point.name.en.clone(),
                base: base.name.into(),
                why: stay.map_or_else(String::new, |r| why_not(r, starts, ends)),
            });
        }
        out.rows.push(SlotRow {
            slot: slot.id.clone(),
            greeter: slot.greeter.clone(),
            date: slot.date,
            start: slot.start,
            minutes: slot.minutes,
            meeting_point: point.id.clone(),
            base,
            cells,
        });
    }
    out
}

/// Why a visit does not fit a meeting from `starts` to `ends`, in words.
fn why_not(reach: &Reach, starts: NaiveDateTime, ends: NaiveDateTime) -> String {
    let hm = |t: NaiveDateTime| format!("{:02}:{:02}", t.hour(), t.minute());
    match reach {
        Reach::NoWayThere => "no train or bus gets there that day".into(),
        Reach::NoWayBack => "nothing comes back from there that day after the first arrival".into(),
        Reach::DoesNotFit { arrive, .. } if *arrive > starts => {
            format!("the first arrival is at {}, after the start", hm(*arrive))
        }
        Reach::DoesNotFit { leave, .. } if *leave < ends => {
            format!("the last way back leaves at {}, before the end", hm(*leave))
        }
        Reach::DoesNotFit { .. } | Reach::Fits { .. } => "it fits".into(),
    }
}

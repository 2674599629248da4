//! A car-free day: leave home by train or bus, walk a route, and be home the same evening.
//!
//! Words: the *outbound* journey goes from the home station to the walk's start; the *walk*
//! takes the route's estimated time; the *way back* is the last journey that still brings the
//! walker home that day; the *margin* is the time left between the end of the walk and the
//! way back's departure (the time to spare on the route, or for lunch).

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use crate::planner::{Journey, Place, Query, When};
use crate::timetable::{StopIdx, Timetable};

/// A walk, as a route gives it: where it starts and ends, and how long it takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Walk {
    /// Latitude and longitude in degrees.
    pub start: (f64, f64),
    pub end: (f64, f64),
    pub minutes: u32,
}

/// What a visitor asks: from home, on a day, for a walk.
#[derive(Clone, Debug, PartialEq)]
pub struct DayRequest {
    /// The home station (or stop).
    pub home: StopIdx,
    pub date: NaiveDate,
    pub walk: Walk,
    /// Not before this time in the morning.
    pub leave_after: NaiveTime,
    /// Home by this time in the evening.
    pub home_by: NaiveTime,
    /// Never plan a departure before this moment (now, for the app, in the feed's zone): on its
    /// day the outbound journey leaves after it, and no earlier day is suggested.
    pub not_before: Option<NaiveDateTime>,
}

impl DayRequest {
    /// A day leaving from 05:00 and home by 23:59.
    pub fn new(home: StopIdx, date: NaiveDate, walk: Walk) -> DayRequest {
        DayRequest {
            home,
            date,
            walk,
            leave_after: NaiveTime::from_hms_opt(5, 0, 0).unwrap_or(NaiveTime::MIN),
            home_by: NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN),
            not_before: None,
        }
    }
}

/// A day that works.
#[derive(Clone, Debug, PartialEq)]
pub struct DayPlan {
    pub date: NaiveDate,
    pub outbound: Journey,
    pub walk_start: DateTime<Tz>,
    pub walk_end: DateTime<Tz>,
    pub back: Journey,
    /// From the end of the walk to the way back's departure; never negative.
    pub margin: Duration,
}

/// Why a day does not work.
#[derive(Clone, Debug, PartialEq)]
pub enum NotPossible {
    /// The day is over, or before the request's `not_before`.
    DayPassed,
    /// No train or bus reaches the walk's start that day.
    NoWayThere,
    /// The walk's start is reached, but nothing leaves its end for home that day.
    NoWayBack,
    /// The walk would end after the last way back has left.
    WalkEndsTooLate {
        walk_end: DateTime<Tz>,
        last_departure: DateTime<Tz>,
    },
}

impl fmt::Display for NotPossible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotPossible::DayPassed => write!(f, "that day has passed"),
            NotPossible::NoWayThere => write!(f, "no train or bus reaches the start of the walk that day"),
            NotPossible::NoWayBack => write!(f, "nothing leaves the end of the walk for home that day"),
            NotPossible::WalkEndsTooLate {
                walk_end,
                last_departure,
            } => write!(
                f,
                "the walk would end at {}, after the last way home has left at {}",
                walk_end.format("%H:%M"),
                last_departure.format("%H:%M")
            ),
        }
    }
}

/// The answer: a plan, or why not and the nearest day within [`SEARCH_DAYS`] that works.
#[derive(Clone, Debug, PartialEq)]
pub enum DayOutcome {
    Possible(DayPlan),
    NotPossible { why: NotPossible, nearest: Option<DayPlan> },
}

/// How many days before and after the asked one are tried when it does not work.
pub const SEARCH_DAYS: i64 = 14;

impl Timetable {
    /// Plans a car-free day: the earliest outbound journey to the walk's start after
    /// `leave_after` (and after `not_before` on that day), the walk at its estimated time, and
    /// the latest way back from its end that is home by `home_by` and leaves after the walk
    /// ends, all on the same date. When that fails, says why and gives the nearest date (later
    /// first on a tie, never before `not_before`) within [`SEARCH_DAYS`].
    pub fn plan_day(&self, request: &DayRequest) -> DayOutcome {
        match self.try_day(request, request.date) {
            Ok(plan) => DayOutcome::Possible(plan),
            Err(why) => {
                let nearest = (1..=SEARCH_DAYS)
                    .flat_map(|n| [n, -n])
                    .filter_map(|n| request.date.checked_add_signed(Duration::days(n)))
                    .filter(|d| request.not_before.is_none_or(|now| *d >= now.date()))
                    .find_map(|d| self.try_day(request, d).ok());
                DayOutcome::NotPossible { why, nearest }
            }
        }
    }

    fn try_day(&self, r: &DayRequest, date: NaiveDate) -> Result<DayPlan, NotPossible> {
        let leave_after = match r.not_before {
            Some(now) if date < now.date() => return Err(NotPossible::DayPassed),
            Some(now) if date == now.date() => r.leave_after.max(now.time()),
            _ => r.leave_after,
        };
        let home = Place::Stop(r.home);
        let (lat, lon) = r.walk.start;
        let there = Query::new(home, Place::Point { lat, lon }, date, When::DepartAt(leave_after));
        let outbound = self
            .plan(&there)
            .into_iter()
            .find(|j| j.arrival.date_naive() == date)
            .ok_or(NotPossible::NoWayThere)?;
        let walk_start = outbound.arrival;
        let walk_end = walk_start + Duration::minutes(r.walk.minutes as i64);
        let (lat, lon) = r.walk.end;
        let home_again = Query::new(Place::Point { lat, lon }, home, date, When::ArriveBy(r.home_by));
        let back = self
            .plan(&home_again)
            .into_iter()
            .find(|j| j.departure.date_naive() == date)
            .ok_or(NotPossible::NoWayBack)?;
        if back.departure < walk_end {
            return Err(NotPossible::WalkEndsTooLate {
                walk_end,
                last_departure: back.departure,
            });
        }
        Ok(DayPlan {
            date,
            margin: back.departure - walk_end,
            outbound,
            walk_start,
            walk_end,
            back,
        })
    }
}

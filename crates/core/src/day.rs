//! A car-free day: leave home by train or bus, walk a route, and be home the same evening.
//!
//! Words: the *outbound* journey goes from the home station to the walk's start; the *walk*
//! takes the route's estimated time; the *way back* is the last journey that still brings the
//! walker home that day; the *margin* is the time left between the end of the walk and the
//! way back's departure (the time to spare on the route, or for lunch).

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use crate::planner::{Journey, Place, Planner, Query, When};
use crate::timetable::StopIdx;

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
    /// Home by this time in the evening. A time earlier than `leave_after`, such as 00:15, is
    /// after midnight: the way back may then leave late in the evening and arrive the next day.
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
    /// The timetable does not cover the day: its trains and buses are known from `first` to
    /// `last` only.
    OutsideTimetable { first: NaiveDate, last: NaiveDate },
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
            NotPossible::OutsideTimetable { first, last } => {
                write!(f, "the timetable covers {first} to {last} only")
            }
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

impl Planner {
    /// Plans a car-free day: the earliest outbound journey to the walk's start after
    /// `leave_after` (and after `not_before` on that day), the walk at its estimated time, and
    /// the latest way back from its end that is home by `home_by` and leaves after the walk
    /// ends, all on the same date (the way back may arrive after midnight when `home_by` says
    /// so). When that fails, says why and gives the nearest date (later first on a tie, never
    /// before `not_before`) within [`SEARCH_DAYS`].
    pub fn plan_day(&self, request: &DayRequest) -> DayOutcome {
        match self.plan_date(request) {
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

    /// [`Planner::plan_day`] on the request's date alone, without looking for the nearest day
    /// that works: for many days checked in a row (the content check, [`crate::check`]).
    pub fn plan_date(&self, request: &DayRequest) -> Result<DayPlan, NotPossible> {
        self.try_day(request, request.date)
    }

    fn try_day(&self, r: &DayRequest, date: NaiveDate) -> Result<DayPlan, NotPossible> {
        let leave_after = match r.not_before {
            Some(now) if date < now.date() => return Err(NotPossible::DayPassed),
            Some(now) if date == now.date() => r.leave_after.max(now.time()),
            _ => r.leave_after,
        };
        if let Some((first, last)) = self.timetable().outside(date) {
            return Err(NotPossible::OutsideTimetable { first, last });
        }
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
        // Home by 00:15 is asked on the next day; the way back still leaves on `date` (or after
        // midnight, when it is a walk home from a route ending at the home station).
        let back_date = if r.home_by < r.leave_after {
            date.succ_opt().ok_or(NotPossible::NoWayBack)?
        } else {
            date
        };
        let home_again = Query::new(Place::Point { lat, lon }, home, back_date, When::ArriveBy(r.home_by));
        let back = self
            .plan(&home_again)
            .into_iter()
            .find(|j| (date..=back_date).contains(&j.departure.date_naive()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::Timetable;

    /// Home at A; a walk around B, an hour away by a train that runs every day. The last train
    /// back leaves B at 23:30 and reaches A at 00:10, after midnight.
    fn late_train_feed() -> Planner {
        let files = [
            (
                "agency.txt",
                "agency_name,agency_url,agency_timezone\nTER,https://example.org,Europe/Paris\n",
            ),
            (
                "stops.txt",
                "stop_id,stop_name,stop_lat,stop_lon\nA,Home,45.0,3.0\nB,Walk,45.5,3.0\n",
            ),
            ("routes.txt", "route_id,route_short_name,route_type\nR,R,2\n"),
            (
                "calendar.txt",
                "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
                 ALL,1,1,1,1,1,1,1,20260101,20271231\n",
            ),
            (
                "trips.txt",
                "route_id,service_id,trip_id\nR,ALL,OUT\nR,ALL,BACK\nR,ALL,LATE\n",
            ),
            (
                "stop_times.txt",
                "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n\
                 OUT,08:00:00,08:00:00,A,1\nOUT,09:00:00,09:00:00,B,2\n\
                 BACK,22:00:00,22:00:00,B,1\nBACK,23:00:00,23:00:00,A,2\n\
                 LATE,23:30:00,23:30:00,B,1\nLATE,24:10:00,24:10:00,A,2\n",
            ),
        ];
        Planner::new(
            Timetable::import_files(files.map(|(name, text)| (name, text.as_bytes().to_vec())))
                .expect("the feed imports")
                .timetable,
        )
    }

    fn request(tt: &Planner, at: (f64, f64), home_by: NaiveTime) -> DayRequest {
        let home = tt.timetable().stop_by_id("A").expect("stop A");
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
        let mut r = DayRequest::new(
            home,
            date,
            Walk {
                start: at,
                end: at,
                minutes: 60,
            },
        );
        r.leave_after = NaiveTime::from_hms_opt(6, 0, 0).expect("06:00");
        r.home_by = home_by;
        r
    }

    #[test]
    fn home_by_a_quarter_past_midnight_takes_the_last_train_that_arrives_after_midnight() {
        let tt = late_train_feed();
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("a time");
        let by_midnight = tt.plan_date(&request(&tt, (45.5, 3.0), hm(23, 59))).expect("a day");
        assert_eq!(by_midnight.back.departure.format("%H:%M").to_string(), "22:00");
        let late = tt.plan_date(&request(&tt, (45.5, 3.0), hm(0, 15))).expect("a day");
        assert_eq!(late.back.departure.format("%H:%M").to_string(), "23:30");
        assert_eq!(late.back.arrival.format("%d %H:%M").to_string(), "02 00:10");
        assert_eq!(late.margin.num_minutes(), 23 * 60 + 30 - (9 * 60 + 60));
    }

    #[test]
    fn a_day_the_timetable_does_not_cover_says_which_days_it_does() {
        let tt = late_train_feed();
        let mut r = request(&tt, (45.5, 3.0), NaiveTime::from_hms_opt(23, 59, 0).expect("23:59"));
        r.date = NaiveDate::from_ymd_opt(2030, 5, 6).expect("a date");
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        let last = NaiveDate::from_ymd_opt(2027, 12, 31).expect("a date");
        assert_eq!(tt.plan_date(&r), Err(NotPossible::OutsideTimetable { first, last }));
    }

    #[test]
    fn a_walk_from_the_home_station_ends_with_a_walk_home_even_after_midnight() {
        let tt = late_train_feed();
        let quarter_past = NaiveTime::from_hms_opt(0, 15, 0).expect("00:15");
        let plan = tt
            .plan_date(&request(&tt, (45.0, 3.0), quarter_past))
            .expect("a day at home");
        assert!(plan.outbound.legs.iter().all(|l| l.is_walk()));
        assert!(plan.back.legs.iter().all(|l| l.is_walk()));
        assert_eq!(plan.outbound.arrival.format("%H:%M").to_string(), "06:00");
        assert_eq!(plan.back.departure.format("%d %H:%M").to_string(), "02 00:15");
    }
}

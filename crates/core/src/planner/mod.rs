//! The planner: journeys between stops and places, offline, on a [`Timetable`].
//!
//! Words: a *leg* is one part of a journey, a ride on one trip or a walk; a *journey* is legs
//! one after the other, from a place to another; a *transfer* is a change from one trip to
//! another, on the spot or after a walk (a *footpath*, see [`crate::timetable::walk_secs`]).

mod departures;
mod ends;
mod journey;
mod raptor;
pub mod reference;

use chrono::{NaiveDate, NaiveTime};

use crate::timetable::{clock, Mode, Timetable};
use raptor::{End, RawJourney};

pub use departures::Departure;
pub use journey::{Journey, Leg, Place};

/// At most this many transfers by default: a sixth train or bus is not a plan anyone wants.
pub const DEFAULT_MAX_TRANSFERS: usize = 4;

/// When the traveller wants to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Leave at this time or later, and arrive as early as possible.
    DepartAt(NaiveTime),
    /// Arrive by this time, and leave as late as possible.
    ArriveBy(NaiveTime),
}

/// A journey asked for: from, to, the day, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub from: Place,
    pub to: Place,
    /// The calendar date the time is read on, in the timetable's time zone.
    pub date: NaiveDate,
    pub when: When,
    pub max_transfers: usize,
}

impl Query {
    pub fn new(from: Place, to: Place, date: NaiveDate, when: When) -> Query {
        Query {
            from,
            to,
            date,
            when,
            max_transfers: DEFAULT_MAX_TRANSFERS,
        }
    }
}

impl Timetable {
    /// Plans journeys with RAPTOR: for [`When::DepartAt`], the earliest arrival; for
    /// [`When::ArriveBy`], the latest departure (a RAPTOR run with time reversed). Returns the
    /// Pareto options over time and number of transfers: each option has fewer transfers than
    /// every option that is better on time. Depart-at options come earliest arrival first,
    /// arrive-by options latest departure first. Empty when nothing fits.
    ///
    /// Walking: between stops along footpaths, and between a [`Place::Point`] and the stops
    /// within [`crate::timetable::MAX_ACCESS_M`], timed by [`crate::timetable::walk_secs`].
    /// Trips of the day before that run past midnight and trips of the day after are used too.
    ///
    /// # Units
    /// Stops by index, points in degrees, dates and times in the timetable's time zone; legs
    /// come back with zoned date-times.
    ///
    /// # Examples
    /// ```
    /// use chrono::{NaiveDate, NaiveTime};
    /// use velay_core::planner::{Place, Query, When};
    /// use velay_core::Timetable;
    ///
    /// let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../routes-data/gtfs");
    /// let tt = Timetable::import(feed).unwrap().timetable;
    /// let saint_etienne = tt.stop_by_id("StopArea:OCE87726000").unwrap();
    /// let le_puy = tt.stop_by_id("StopArea:OCE87734699").unwrap();
    /// let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(); // a Tuesday
    /// let when = When::DepartAt(NaiveTime::from_hms_opt(8, 30, 0).unwrap());
    /// let journeys = tt.plan(&Query::new(Place::Stop(saint_etienne), Place::Stop(le_puy), date, when));
    /// assert_eq!(journeys[0].arrival.format("%H:%M").to_string(), "10:25");
    /// ```
    ///
    /// # References
    /// D. Delling, T. Pajor, R. F. Werneck, "Round-Based Public Transit Routing", ALENEX 2012
    /// (Transportation Science 49(3), 2015).
    pub fn plan(&self, query: &Query) -> Vec<Journey> {
        let reference = clock::reference(self.tz, query.date);
        let rides = query.max_transfers.saturating_add(1);
        let ends = self.ends(&query.from, &query.to);
        let mut journeys: Vec<Journey> = match query.when {
            When::DepartAt(time) => {
                let start = (clock::local_instant(self.tz, query.date, time) - reference) as i32;
                let days = self.days_around(query.date, 1);
                raptor::search(self.network(), &self.rec.services, &days, start, &ends, rides)
                    .into_iter()
                    .map(|raw| self.journey(raw, reference, query, start))
                    .collect()
            }
            When::ArriveBy(time) => {
                let end = (clock::local_instant(self.tz, query.date, time) - reference) as i32;
                let days = self.days_around(query.date, -1);
                let back = raptor::Ends {
                    access: ends.egress,
                    egress: ends.access,
                    direct: ends.direct,
                };
                raptor::search(self.reversed_network(), &self.rec.services, &days, -end, &back, rides)
                    .into_iter()
                    .map(|raw| self.journey(forwards(raw), reference, query, end))
                    .collect()
            }
        };
        match query.when {
            When::DepartAt(_) => journeys.sort_by_key(|j| (j.arrival, j.transfers())),
            When::ArriveBy(_) => journeys.sort_by_key(|j| (std::cmp::Reverse(j.departure), j.transfers())),
        }
        journeys
    }

    /// A raw journey in seconds since `reference` made into legs with zoned times. The first
    /// walk is moved to end when the first ride leaves, and the last to start when the last ride
    /// arrives, so nobody waits at a stop for nothing; `asked` is the time of a journey with no legs.
    fn journey(&self, raw: RawJourney, reference: i64, query: &Query, asked: i32) -> Journey {
        let mut legs = raw.legs;
        let n = legs.len();
        if n >= 2 && legs[0].trip.is_none() {
            let shift = legs[1].dep - legs[0].arr;
            legs[0].dep += shift;
            legs[0].arr += shift;
        }
        if n >= 2 && legs[n - 1].trip.is_none() {
            let shift = legs[n - 2].arr - legs[n - 1].dep;
            legs[n - 1].dep += shift;
            legs[n - 1].arr += shift;
        }
        let place = |end: End| match end {
            End::Origin => query.from,
            End::Target => query.to,
            End::Stop(s) => Place::Stop(s),
        };
        let at = |t: i32| clock::to_local(self.tz, reference + t as i64);
        let legs: Vec<Leg> = legs
            .iter()
            .map(|l| {
                let line = l.trip.map(|t| self.trip(t).line);
                Leg {
                    mode: line.map_or(Mode::Walk, |line| self.line(line).mode),
                    from: place(l.from),
                    to: place(l.to),
                    departure: at(l.dep),
                    arrival: at(l.arr),
                    line,
                    trip: l.trip,
                }
            })
            .collect();
        Journey {
            departure: legs.first().map_or(at(asked), |l| l.departure),
            arrival: legs.last().map_or(at(asked), |l| l.arrival),
            legs,
        }
    }
}

/// A journey found with time reversed, turned to run forwards.
fn forwards(raw: RawJourney) -> RawJourney {
    let flip = |e: End| match e {
        End::Origin => End::Target,
        End::Target => End::Origin,
        stop => stop,
    };
    let legs = raw
        .legs
        .iter()
        .rev()
        .map(|l| raptor::RawLeg {
            trip: l.trip,
            from: flip(l.to),
            to: flip(l.from),
            dep: -l.arr,
            arr: -l.dep,
        })
        .collect();
    RawJourney {
        legs,
        arrival: -raw.arrival,
    }
}

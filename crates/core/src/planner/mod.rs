//! The planner: journeys between stops and places, offline, on a [`Timetable`].
//!
//! Words: a *leg* is one part of a journey, a ride on one trip or a walk; a *journey* is legs
//! one after the other, from a place to another; a *transfer* is a change from one trip to
//! another, on the spot or after a walk (a *footpath*, see [`crate::timetable::walk_secs`]).

pub(crate) mod csa;
mod departures;
#[doc(hidden)]
pub mod dijkstra;
mod ends;
mod journey;
mod none;
mod raptor;
mod raw;
pub mod reference;
mod served;

use chrono::{NaiveDate, NaiveTime};

use crate::timetable::{clock, Mode, Timetable};
use raptor::{End, RawJourney};

pub use raptor::SearchSpace;

pub use departures::Departure;
pub use journey::{Journey, Leg, Place};
pub use none::NoJourney;

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
    /// Pareto options over time and number of rides (hence transfers): each option has fewer
    /// rides than every option that is better on time; walking all the way, when it can be
    /// done, is the option with none. Depart-at options come earliest arrival first,
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
        let search = Search::new(self, query);
        let rides = query.max_transfers.saturating_add(1);
        let mut raw: Vec<RawJourney> = match query.when {
            When::DepartAt(time) => {
                let start = (clock::local_instant(self.tz, query.date, time) - reference) as i32;
                // Each option is then made to leave as late as it can and still arrive as early.
                let options = search.forwards(start, rides);
                options
                    .into_iter()
                    .map(|o| {
                        let later = search
                            .backwards(o.arrival, o.rides())
                            .into_iter()
                            .max_by_key(|b| b.departure);
                        later.filter(|b| b.departure >= o.departure).unwrap_or(o)
                    })
                    .collect()
            }
            When::ArriveBy(time) => {
                let end = (clock::local_instant(self.tz, query.date, time) - reference) as i32;
                let options = search.backwards(end, rides);
                options
                    .into_iter()
                    .map(|o| {
                        let earlier = search
                            .forwards(o.departure, o.rides())
                            .into_iter()
                            .min_by_key(|f| f.arrival);
                        earlier.filter(|f| f.arrival <= o.arrival).unwrap_or(o)
                    })
                    .collect()
            }
        };
        match query.when {
            When::DepartAt(_) => raw.sort_by_key(|j| (j.arrival, j.rides())),
            When::ArriveBy(_) => raw.sort_by_key(|j| (std::cmp::Reverse(j.departure), j.rides())),
        }
        raw.dedup_by_key(|j| (j.departure, j.arrival, j.rides()));
        raw.into_iter().map(|r| self.journey(r, reference, query)).collect()
    }

    /// Only the earliest arrival from `from` leaving at `time`, with any number of transfers up
    /// to `max_transfers`, without the journeys' legs: one connection scan (Dibbelt et al. 2013), or a
    /// forward RAPTOR search when the journey it finds has more transfers than allowed. For a
    /// countdown ("the last bus leaves in 40 min"), or many checks in a row (a greeter's slots).
    ///
    /// Its buffers and the date's connections are kept in the timetable for the next call; a
    /// call made while another thread is in one gets buffers of its own.
    pub fn earliest_arrival(&self, query: &Query) -> Option<chrono::DateTime<chrono_tz::Tz>> {
        match self.scratch().0.try_lock() {
            Ok(mut space) => self.earliest_arrival_in(&mut space, query),
            Err(_) => self.earliest_arrival_in(&mut SearchSpace::new(), query),
        }
    }

    /// [`Timetable::earliest_arrival`] in buffers the caller keeps: many queries in a row
    /// (a departures board, a benchmark) then allocate nothing for the search's labels.
    pub fn earliest_arrival_in(
        &self,
        space: &mut SearchSpace,
        query: &Query,
    ) -> Option<chrono::DateTime<chrono_tz::Tz>> {
        let When::DepartAt(time) = query.when else { return None };
        let rides = query.max_transfers.saturating_add(1);
        let net = self.network();
        self.ends_into(&query.from, &query.to, &mut space.ends);
        let table = csa::DayTable::cached(&mut space.day, self, query.date);
        let start = (table.instant(self.tz, time) - table.reference) as i32;
        let arrival = match csa::earliest(net, table, start, &space.ends, rides, &mut space.csa) {
            csa::Found::Arrival(t) => t,
            csa::Found::TooManyRides => {
                let (days, ends) = (table.days.clone(), space.ends.clone());
                let arrival = raptor::earliest(net, &self.rec.services, &days, start, &ends, rides, space);
                let table = space.day.as_ref()?;
                return (arrival != raptor::INF).then(|| table.local(self.tz, table.reference + arrival as i64));
            }
        };
        (arrival != raptor::INF).then(|| table.local(self.tz, table.reference + arrival as i64))
    }

    /// The earliest arrival by RAPTOR's rounds alone, as [`Timetable::plan`] searches: for the
    /// benchmark to set beside the connection scan, and for tests.
    #[doc(hidden)]
    pub fn earliest_arrival_by_rounds(
        &self,
        space: &mut SearchSpace,
        query: &Query,
    ) -> Option<chrono::DateTime<chrono_tz::Tz>> {
        let When::DepartAt(time) = query.when else { return None };
        let reference = clock::reference(self.tz, query.date);
        let start = (clock::local_instant(self.tz, query.date, time) - reference) as i32;
        let ends = self.ends(&query.from, &query.to);
        let days = self.days_around(query.date, 1);
        let rides = query.max_transfers.saturating_add(1);
        let arrival = raptor::earliest(self.network(), &self.rec.services, &days, start, &ends, rides, space);
        (arrival != raptor::INF).then(|| clock::to_local(self.tz, reference + arrival as i64))
    }

    /// A raw journey in seconds since `reference` made into legs with zoned times.
    fn journey(&self, raw: RawJourney, reference: i64, query: &Query) -> Journey {
        let place = |end: End| match end {
            End::Origin => query.from,
            End::Target => query.to,
            End::Stop(s) => Place::Stop(s),
        };
        let at = |t: i32| clock::to_local(self.tz, reference + t as i64);
        let legs: Vec<Leg> = raw
            .legs
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
            departure: at(raw.departure),
            arrival: at(raw.arrival),
            legs,
        }
    }
}

/// The two searches of one query: forwards from a departure, backwards from an arrival.
struct Search<'t> {
    tt: &'t Timetable,
    ends: raptor::Ends,
    back: raptor::Ends,
    days: Vec<raptor::Day>,
    back_days: Vec<raptor::Day>,
    space: std::cell::RefCell<SearchSpace>,
}

impl<'t> Search<'t> {
    fn new(tt: &'t Timetable, query: &Query) -> Search<'t> {
        let ends = tt.ends(&query.from, &query.to);
        let back = raptor::Ends {
            access: ends.egress.clone(),
            egress: ends.access.clone(),
            direct: ends.direct,
        };
        Search {
            tt,
            ends,
            back,
            days: tt.days_around(query.date, 1),
            back_days: tt.days_around(query.date, -1),
            space: std::cell::RefCell::new(SearchSpace::new()),
        }
    }

    fn forwards(&self, start: i32, rides: usize) -> Vec<RawJourney> {
        raptor::search(
            self.tt.network(),
            &self.tt.rec.services,
            &self.days,
            start,
            &self.ends,
            rides,
            &mut self.space.borrow_mut(),
        )
        .into_iter()
        .map(|r| r.normalized(start))
        .collect()
    }

    /// The latest departures arriving by `end`, found on the reversed network.
    fn backwards(&self, end: i32, rides: usize) -> Vec<RawJourney> {
        let net = self.tt.reversed_network();
        raptor::search(
            net,
            &self.tt.rec.services,
            &self.back_days,
            -end,
            &self.back,
            rides,
            &mut self.space.borrow_mut(),
        )
        .into_iter()
        .map(|r| forwards(r).normalized(end))
        .collect()
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
            dep: l.arr.saturating_neg(),
            arr: l.dep.saturating_neg(),
        })
        .collect();
    RawJourney {
        legs,
        departure: raw.arrival.saturating_neg(),
        arrival: raw.departure.saturating_neg(),
    }
}

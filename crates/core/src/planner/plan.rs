//! Journeys with RAPTOR: the Pareto options over time and rides, each then made to leave as
//! late (or arrive as early) as it can, with zoned times.

use std::cell::RefCell;

use super::days::{days_around, Day};
use super::ends::Ends;
use super::raptor;
use super::raw::{End, RawJourney, RawLeg};
use super::{Journey, Leg, Place, Planner, Query, When};
use crate::timetable::{clock, Mode};

impl Planner {
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
    /// use velay_core::planner::{Place, Planner, Query, When};
    /// use velay_core::Timetable;
    ///
    /// let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../routes-data/gtfs");
    /// let planner = Planner::new(Timetable::import(feed).unwrap().timetable);
    /// let tt = planner.timetable();
    /// let saint_etienne = tt.stop_by_id("StopArea:OCE87726000").unwrap();
    /// let le_puy = tt.stop_by_id("StopArea:OCE87734699").unwrap();
    /// let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(); // a Tuesday
    /// let when = When::DepartAt(NaiveTime::from_hms_opt(8, 30, 0).unwrap());
    /// let journeys = planner.plan(&Query::new(Place::Stop(saint_etienne), Place::Stop(le_puy), date, when));
    /// assert_eq!(journeys[0].arrival.format("%H:%M").to_string(), "10:25");
    /// ```
    ///
    /// # References
    /// D. Delling, T. Pajor, R. F. Werneck, "Round-Based Public Transit Routing", ALENEX 2012
    /// (Transportation Science 49(3), 2015).
    pub fn plan(&self, query: &Query) -> Vec<Journey> {
        let tz = self.timetable().tz;
        let reference = clock::reference(tz, query.date);
        let search = Search::new(self, query);
        let rides = query.max_transfers.saturating_add(1);
        let mut raw: Vec<RawJourney> = match query.when {
            When::DepartAt(time) => {
                let start = (clock::local_instant(tz, query.date, time) - reference) as i32;
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
                let end = (clock::local_instant(tz, query.date, time) - reference) as i32;
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

    /// A raw journey in seconds since `reference` made into legs with zoned times.
    fn journey(&self, raw: RawJourney, reference: i64, query: &Query) -> Journey {
        let place = |end: End| match end {
            End::Origin => query.from,
            End::Target => query.to,
            End::Stop(s) => Place::Stop(s),
        };
        let tt = self.timetable();
        let at = |t: i32| clock::to_local(tt.tz, reference + t as i64);
        let legs: Vec<Leg> = raw
            .legs
            .iter()
            .map(|l| {
                let line = l.trip.map(|t| tt.trip(t).line);
                Leg {
                    mode: line.map_or(Mode::Walk, |line| tt.line(line).mode),
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
struct Search<'p> {
    planner: &'p Planner,
    ends: Ends,
    back: Ends,
    days: Vec<Day>,
    back_days: Vec<Day>,
    labels: RefCell<raptor::Labels>,
}

impl<'p> Search<'p> {
    fn new(planner: &'p Planner, query: &Query) -> Search<'p> {
        let tt = planner.timetable();
        let ends = planner.ends(&query.from, &query.to);
        Search {
            planner,
            back: ends.reversed(),
            ends,
            days: days_around(tt, query.date, 1),
            back_days: days_around(tt, query.date, -1),
            labels: RefCell::new(raptor::Labels::default()),
        }
    }

    fn forwards(&self, start: i32, rides: usize) -> Vec<RawJourney> {
        let tt = self.planner.timetable();
        raptor::search(
            tt.network(),
            &tt.rec.services,
            &self.days,
            start,
            &self.ends,
            rides,
            &mut self.labels.borrow_mut(),
        )
        .into_iter()
        .map(|r| r.normalized(start))
        .collect()
    }

    /// The latest departures arriving by `end`, found on the reversed network.
    fn backwards(&self, end: i32, rides: usize) -> Vec<RawJourney> {
        raptor::search(
            self.planner.reversed_network(),
            &self.planner.timetable().rec.services,
            &self.back_days,
            -end,
            &self.back,
            rides,
            &mut self.labels.borrow_mut(),
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
        .map(|l| RawLeg {
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

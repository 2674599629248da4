//! Only the earliest arrival, without the journeys' legs: a connection scan, or RAPTOR's
//! rounds when the scan's journey has more rides than allowed.

use chrono::DateTime;
use chrono_tz::Tz;

use super::days::INF;
use super::{csa, raptor, Planner, Query, SearchSpace, When};

impl Planner {
    /// Only the earliest arrival from `from` leaving at `time`, with any number of transfers up
    /// to `max_transfers`, without the journeys' legs: one connection scan (Dibbelt et al. 2013),
    /// or a forward RAPTOR search when the journey it finds has more transfers than allowed. For
    /// a countdown ("the last bus leaves in 40 min"), or many checks in a row (a greeter's slots).
    ///
    /// Its buffers and the date's connections are kept in the planner for the next call; a
    /// call made while another thread is in one gets buffers of its own.
    pub fn earliest_arrival(&self, query: &Query) -> Option<DateTime<Tz>> {
        match self.scratch.try_lock() {
            Ok(mut space) => self.earliest_arrival_in(&mut space, query),
            Err(_) => self.earliest_arrival_in(&mut SearchSpace::new(), query),
        }
    }

    /// [`Planner::earliest_arrival`] in buffers the caller keeps: many queries in a row
    /// (a departures board, a benchmark) then allocate nothing for the search's labels.
    pub fn earliest_arrival_in(&self, space: &mut SearchSpace, query: &Query) -> Option<DateTime<Tz>> {
        let When::DepartAt(time) = query.when else { return None };
        let rides = query.max_transfers.saturating_add(1);
        let tt = self.timetable();
        let net = tt.network();
        self.ends_into(&query.from, &query.to, &mut space.ends);
        let table = csa::DayTable::cached(&mut space.day, self.id, tt, self.connections(), query.date);
        let start = (table.instant(tt.tz, time) - table.reference) as i32;
        let arrival = match csa::earliest(net, table, start, &space.ends, rides, &mut space.csa) {
            csa::Found::Arrival(t) => t,
            csa::Found::TooManyRides => raptor::earliest(
                net,
                &tt.rec.services,
                &table.days,
                start,
                &space.ends,
                rides,
                &mut space.raptor,
            ),
        };
        (arrival != INF).then(|| table.local(tt.tz, table.reference + arrival as i64))
    }

    /// The earliest arrival by RAPTOR's rounds alone, as [`Planner::plan`] searches: for the
    /// benchmark to set beside the connection scan, and for tests.
    #[cfg(any(test, feature = "oracles"))]
    pub fn earliest_arrival_by_rounds(&self, space: &mut SearchSpace, query: &Query) -> Option<DateTime<Tz>> {
        use crate::timetable::clock;
        let When::DepartAt(time) = query.when else { return None };
        let tt = self.timetable();
        let reference = clock::reference(tt.tz, query.date);
        let start = (clock::local_instant(tt.tz, query.date, time) - reference) as i32;
        let ends = self.ends(&query.from, &query.to);
        let days = super::days::days_around(tt, query.date, 1);
        let rides = query.max_transfers.saturating_add(1);
        let arrival = raptor::earliest(
            tt.network(),
            &tt.rec.services,
            &days,
            start,
            &ends,
            rides,
            &mut space.raptor,
        );
        (arrival != INF).then(|| clock::to_local(tt.tz, reference + arrival as i64))
    }
}

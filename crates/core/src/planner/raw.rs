//! A journey as the search finds it: legs in the search's seconds, between the query's ends
//! and stops (rebuilt from RAPTOR's rounds by [`super::rounds`]). The planner then gives them
//! zoned times.

use crate::timetable::{StopIdx, TripIdx};

/// One end of a leg in a search: the query's origin or target, or a stop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum End {
    Origin,
    Target,
    Stop(StopIdx),
}

/// A leg in the search's seconds: a ride on a trip, or a walk when `trip` is `None`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawLeg {
    pub(crate) trip: Option<TripIdx>,
    pub(crate) from: End,
    pub(crate) to: End,
    pub(crate) dep: i32,
    pub(crate) arr: i32,
}

#[derive(Clone, Debug)]
pub(crate) struct RawJourney {
    pub(crate) legs: Vec<RawLeg>,
    pub(crate) departure: i32,
    pub(crate) arrival: i32,
}

impl RawJourney {
    pub(crate) fn rides(&self) -> usize {
        self.legs.iter().filter(|l| l.trip.is_some()).count()
    }

    /// Puts walks where a traveller would take them: the first walk ends when the first ride
    /// leaves (nobody waits at a stop for nothing), every other walk starts when the leg before
    /// it ends. Departure and arrival then follow the legs; `asked` is used when there are none.
    pub(crate) fn normalized(mut self, asked: i32) -> RawJourney {
        let n = self.legs.len();
        for i in 0..n {
            if self.legs[i].trip.is_some() {
                continue;
            }
            let secs = self.legs[i].arr.saturating_sub(self.legs[i].dep);
            if i == 0 && n > 1 {
                self.legs[0].arr = self.legs[1].dep;
                self.legs[0].dep = self.legs[0].arr.saturating_sub(secs);
            } else if i > 0 {
                self.legs[i].dep = self.legs[i - 1].arr;
                self.legs[i].arr = self.legs[i].dep.saturating_add(secs);
            }
        }
        self.departure = self.legs.first().map_or(asked, |l| l.dep);
        self.arrival = self.legs.last().map_or(asked, |l| l.arr);
        self
    }
}

/// A walk from `from` to `to`, leaving at `dep` and arriving at `arr`.
pub(crate) fn walk(from: End, to: End, dep: i32, arr: i32) -> RawLeg {
    RawLeg {
        trip: None,
        from,
        to,
        dep,
        arr,
    }
}

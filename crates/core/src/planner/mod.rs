//! The planner: journeys between stops and places, offline, on a [`Timetable`] it shares.
//!
//! Words: a *leg* is one part of a journey, a ride on one trip or a walk; a *journey* is legs
//! one after the other, from a place to another; a *transfer* is a change from one trip to
//! another, on the spot or after a walk (a *footpath*, see [`crate::timetable::walk_secs`]).
//!
//! As in nigiri, the timetable is data and knows nothing of routing: a [`Planner`] holds it
//! behind an [`Arc`], with what the searches derive from it (the network with time reversed,
//! the footpaths into each stop, every connection in order of departure) and a
//! [`SearchSpace`] for callers who keep none. Its questions:
//! - [`Planner::plan`]: journeys, the Pareto options over time and changes (RAPTOR);
//! - [`Planner::earliest_arrival`]: only the earliest arrival (a connection scan);
//! - [`Planner::departures`]: a stop's departures board;
//! - [`Planner::is_served_on`]: whether any trip calls at a stop on a date;
//! - [`Planner::why_no_journey`]: why `plan` found nothing;
//! - [`Planner::plan_day`]: a car-free day there and back ([`crate::day`]).
//!
//! Files: the two searches, `raptor.rs` (with its rounds' labels, `rounds.rs`) and `csa.rs`,
//! share only the planner's words and never import each other: its clock and service days
//! (`days.rs`), where a search starts and ends (`ends.rs`), journeys in the search's seconds
//! (`raw.rs`), and the buffers a caller keeps (`space.rs`). The test oracles, a plain Dijkstra
//! and a search over every run, are compiled only with the `oracles` feature.

mod csa;
mod days;
mod departures;
#[cfg(any(test, feature = "oracles"))]
pub mod dijkstra;
mod earliest;
mod ends;
mod journey;
mod none;
mod plan;
mod raptor;
mod raw;
#[cfg(any(test, feature = "oracles"))]
pub mod reference;
mod rounds;
mod served;
mod space;

use std::sync::{Arc, Mutex, OnceLock};

use chrono::{NaiveDate, NaiveTime};

use crate::timetable::network::{Csr, Network};
use crate::timetable::{StopIdx, Timetable};

pub use departures::Departure;
pub use journey::{Journey, Leg, Place};
pub use none::NoJourney;
pub use space::SearchSpace;

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

/// The planner over one timetable: what its searches derive from the timetable, made on first
/// use and kept, and buffers for callers who keep none. Cheap to make; keep one as long as the
/// timetable (the app caches it where it caches the timetable) so that those caches are made
/// once. Share it across threads: a search that finds the buffers in use gets buffers of its
/// own.
pub struct Planner {
    tt: Arc<Timetable>,
    /// Distinct for every planner made in this process: what a [`SearchSpace`]'s table of a
    /// date's connections is keyed on, with the date, so that a search space may go from one
    /// planner to another.
    id: u64,
    /// The network with time running backwards, for arrive-by searches.
    reversed: OnceLock<Network>,
    /// For each stop, the footpaths that lead to it, so that finding the stops one walks to a
    /// target from costs its row, not a pass over every footpath.
    incoming: OnceLock<Csr<(StopIdx, u32)>>,
    /// Every run's hops in order of departure, for earliest-arrival scans.
    connections: OnceLock<csa::Connections>,
    /// Search buffers for [`Planner::earliest_arrival`], kept with the date last asked about.
    scratch: Mutex<SearchSpace>,
}

impl std::fmt::Debug for Planner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Planner").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Planner {
    /// A planner over `timetable` (a [`Timetable`] or an `Arc` of one); nothing is derived yet.
    pub fn new(timetable: impl Into<Arc<Timetable>>) -> Planner {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Planner {
            tt: timetable.into(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            reversed: OnceLock::new(),
            incoming: OnceLock::new(),
            connections: OnceLock::new(),
            scratch: Mutex::new(SearchSpace::new()),
        }
    }

    /// The timetable planned on.
    pub fn timetable(&self) -> &Timetable {
        &self.tt
    }

    /// The timetable planned on, to share.
    pub fn shared_timetable(&self) -> &Arc<Timetable> {
        &self.tt
    }

    fn reversed_network(&self) -> &Network {
        self.reversed.get_or_init(|| self.tt.network().reversed())
    }

    fn incoming_footpaths(&self) -> &Csr<(StopIdx, u32)> {
        self.incoming.get_or_init(|| self.tt.network().incoming_footpaths())
    }

    fn connections(&self) -> &csa::Connections {
        self.connections
            .get_or_init(|| csa::Connections::build(self.tt.network()))
    }
}

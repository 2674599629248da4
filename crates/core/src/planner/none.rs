//! Why a search found no journey, so that "no journey" always comes with its reason.

use std::fmt;

use chrono::NaiveDate;

use super::{Planner, Query};

/// The most changes tried when looking for a journey beyond the query's cap: more than any
/// real trip in a region needs, few enough to stay quick.
const MOST_CHANGES_TRIED: usize = 12;

/// Why [`Planner::plan`] found nothing for a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoJourney {
    /// The date lies outside the days the timetable covers.
    OutsideTimetable { first: NaiveDate, last: NaiveDate },
    /// The timetable covers the date, but no trip runs on it.
    NoServiceThatDay,
    /// A journey exists, but with more changes than the query allows.
    TooManyChanges { needed: usize, allowed: usize },
    /// No journey within the day, however many changes.
    NotConnected,
}

impl fmt::Display for NoJourney {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoJourney::OutsideTimetable { first, last } => {
                write!(f, "the timetable covers {first} to {last} only")
            }
            NoJourney::NoServiceThatDay => write!(f, "no train or bus runs that day"),
            NoJourney::TooManyChanges { needed, allowed } => write!(
                f,
                "the journey needs {needed} changes and {allowed} are allowed: allow more with --max-transfers"
            ),
            NoJourney::NotConnected => write!(f, "no train, bus or walk connects them that day"),
        }
    }
}

impl NoJourney {
    /// A short stable code, for JSON.
    pub fn code(&self) -> &'static str {
        match self {
            NoJourney::OutsideTimetable { .. } => "outside_timetable",
            NoJourney::NoServiceThatDay => "no_service_that_day",
            NoJourney::TooManyChanges { .. } => "too_many_changes",
            NoJourney::NotConnected => "not_connected",
        }
    }
}

impl Planner {
    /// Says why `query` has no journey. Meant for after [`Planner::plan`] came back empty:
    /// it plans again with up to [`MOST_CHANGES_TRIED`] changes to tell a cap from a gap.
    pub fn why_no_journey(&self, query: &Query) -> NoJourney {
        let tt = self.timetable();
        if let Some((first, last)) = tt.outside(query.date) {
            return NoJourney::OutsideTimetable { first, last };
        }
        if !tt.has_service_on(query.date) {
            return NoJourney::NoServiceThatDay;
        }
        if query.max_transfers < MOST_CHANGES_TRIED {
            let mut wider = query.clone();
            wider.max_transfers = MOST_CHANGES_TRIED;
            if let Some(needed) = self.plan(&wider).iter().map(|j| j.transfers()).min() {
                return NoJourney::TooManyChanges {
                    needed,
                    allowed: query.max_transfers,
                };
            }
        }
        NoJourney::NotConnected
    }
}

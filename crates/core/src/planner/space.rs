//! A search's buffers, which a caller asking many questions keeps from one to the next.

use super::csa::{self, DayTable};
use super::ends::Ends;
use super::raptor;

/// The buffers of the planner's searches, kept from one query to the next so that a query
/// allocates nothing once they have grown to the network's size: RAPTOR's labels, the
/// connection scan's, the connections of the date last asked about, and the last query's ends.
/// A [`super::Planner`] keeps one for callers who keep none.
#[derive(Default)]
pub struct SearchSpace {
    pub(crate) raptor: raptor::Labels,
    pub(crate) csa: csa::Labels,
    pub(crate) day: Option<DayTable>,
    pub(crate) ends: Ends,
}

impl SearchSpace {
    pub fn new() -> SearchSpace {
        SearchSpace::default()
    }
}

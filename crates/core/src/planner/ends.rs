//! Where a search starts and ends: the stops a [`Place`] stands for, and the walks to them.

use super::{Place, Planner};
use crate::timetable::{stops_near, straight_m, walk_secs, StopIdx, Timetable, MAX_ACCESS_M};

/// Where a search starts and ends, in stops and seconds of walking.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ends {
    /// Stops reached on foot from the origin.
    pub(crate) access: Vec<(StopIdx, u32)>,
    /// Stops from which one walks to the target.
    pub(crate) egress: Vec<(StopIdx, u32)>,
    /// Walking all the way, when it can be done.
    pub(crate) direct: Option<u32>,
}

impl Ends {
    /// The same ends with time running backwards: one leaves from the target.
    pub(crate) fn reversed(&self) -> Ends {
        Ends {
            access: self.egress.clone(),
            egress: self.access.clone(),
            direct: self.direct,
        }
    }
}

/// The stops one can be at when "at" a place, with the walk from it, added to `out`.
fn around(tt: &Timetable, place: &Place, out: &mut Vec<(StopIdx, u32)>) {
    match *place {
        Place::Stop(s) if s.ix() < tt.stops().len() => {
            out.push((s, 0));
            out.extend(tt.children(s).iter().map(|&c| (c, 0)));
        }
        Place::Stop(_) => {}
        Place::Point { lat, lon } => out.extend(stops_near(tt.stops(), (lat, lon), MAX_ACCESS_M)),
    }
}

/// A point's coordinates; a stop's only when it is not a stop (walking between stops goes
/// through footpaths, which the feed's transfers may have overridden).
fn position(place: &Place) -> Option<(f64, f64)> {
    match *place {
        Place::Point { lat, lon } => Some((lat, lon)),
        Place::Stop(_) => None,
    }
}

impl Planner {
    /// Access, egress and the direct walk between two places, time running forwards.
    pub(crate) fn ends(&self, from: &Place, to: &Place) -> Ends {
        let mut ends = Ends::default();
        self.ends_into(from, to, &mut ends);
        ends
    }

    /// [`Planner::ends`] in vectors the caller keeps, so that many queries allocate nothing.
    pub(crate) fn ends_into(&self, from: &Place, to: &Place, ends: &mut Ends) {
        let tt = self.timetable();
        let net = tt.network();
        let Ends { access, egress, direct } = ends;
        access.clear();
        around(tt, from, access);
        let at_from = access.len();
        if matches!(from, Place::Stop(_)) {
            for i in 0..access.len() {
                let s = access[i].0;
                access.extend_from_slice(net.footpaths.row(s.ix()));
            }
        }
        egress.clear();
        around(tt, to, egress);
        let at_to = egress.len();
        if let Place::Stop(_) = to {
            let incoming = self.incoming_footpaths();
            for i in 0..egress.len() {
                let target = egress[i].0;
                egress.extend_from_slice(incoming.row(target.ix()));
            }
        }
        // One walk, never two footpaths end to end: a stop the origin stands for with any way
        // to the target, or any way from the origin with a stop the target stands for.
        let meet = |access: &[(StopIdx, u32)], egress: &[(StopIdx, u32)]| {
            access
                .iter()
                .filter_map(|&(s, a)| egress.iter().filter(|e| e.0 == s).map(|e| a + e.1).min())
                .min()
        };
        let via_stop = match (meet(&access[..at_from], egress), meet(access, &egress[..at_to])) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let straight = match (position(from), position(to)) {
            (Some(a), Some(b)) if straight_m(a, b) <= MAX_ACCESS_M => Some(walk_secs(a, b)),
            _ => None,
        };
        *direct = match (via_stop, straight) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

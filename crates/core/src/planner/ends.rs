//! Where a search starts and ends: the stops a [`Place`] stands for, and the walks to them.

use crate::planner::raptor::{Day, Ends};
use crate::planner::Place;
use crate::timetable::{clock, stops_near, walk_secs, StopIdx, Timetable, MAX_ACCESS_M};

impl Timetable {
    /// The stops one can be at when "at" a place, with the walk from it, added to `out`.
    fn around(&self, place: &Place, out: &mut Vec<(StopIdx, u32)>) {
        match *place {
            Place::Stop(s) if s.ix() < self.stops().len() => {
                out.push((s, 0));
                out.extend(self.children(s).iter().map(|&c| (c, 0)));
            }
            Place::Stop(_) => {}
            Place::Point { lat, lon } => out.extend(stops_near(self.stops(), (lat, lon), MAX_ACCESS_M)),
        }
    }

    /// Access, egress and the direct walk between two places, time running forwards.
    pub(crate) fn ends(&self, from: &Place, to: &Place) -> Ends {
        let mut ends = Ends::default();
        self.ends_into(from, to, &mut ends);
        ends
    }

    /// [`Timetable::ends`] in vectors the caller keeps, so that many queries allocate nothing.
    pub(crate) fn ends_into(&self, from: &Place, to: &Place, ends: &mut Ends) {
        let net = self.network();
        let Ends { access, egress, direct } = ends;
        access.clear();
        self.around(from, access);
        let at_from = access.len();
        if matches!(from, Place::Stop(_)) {
            for i in 0..access.len() {
                let s = access[i].0;
                access.extend_from_slice(net.footpaths.row(s.ix()));
            }
        }
        egress.clear();
        self.around(to, egress);
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
        let straight = match (self.position(from), self.position(to)) {
            (Some(a), Some(b)) if crate::timetable::straight_m(a, b) <= MAX_ACCESS_M => Some(walk_secs(a, b)),
            _ => None,
        };
        *direct = match (via_stop, straight) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// A point's coordinates; a stop's only when it is not a stop (walking between stops goes
    /// through footpaths, which the feed's transfers may have overridden).
    fn position(&self, place: &Place) -> Option<(f64, f64)> {
        match *place {
            Place::Point { lat, lon } => Some((lat, lon)),
            Place::Stop(_) => None,
        }
    }

    /// The service days a search on `date` may use: the day before (trips past midnight), the
    /// day itself, and the day after, shifted to the seconds of `date`'s noon minus 12 h,
    /// earliest offset first.
    pub(crate) fn days_around(&self, date: chrono::NaiveDate, sign: i32) -> Vec<Day> {
        let base = clock::reference(self.tz, date);
        let mut days: Vec<Day> = [date.pred_opt(), Some(date), date.succ_opt()]
            .into_iter()
            .flatten()
            .map(|d| Day {
                offset: sign * (clock::reference(self.tz, d) - base) as i32,
                index: self.rec.services.index(d),
            })
            .collect();
        // In time order, as the search expects; backwards, the day after comes first.
        days.sort_by_key(|d| d.offset);
        days
    }
}

//! Snapping a position onto a track quickly, through spatial indexes of its segments: a grid
//! for fixes near the track, an R-tree for the rest.

use rstar::primitives::{GeomWithData, Line};
use rstar::RTree;

use super::grid::{box_d2, Grid, Projection};
use crate::route::{project_on_segment, Along, OnTrack, TrackPoint};

/// How much farther than the nearest part of the track another part may be and still be
/// considered, when the walker's progress so far says they are there. Covers the width of a
/// path walked out and back along both sides, and a receiver's error.
const CANDIDATE_SLACK_M: f64 = 25.0;

/// Metres of offset one metre of jump along the track is worth. At 0.25 a part of the track
/// 1 km away from the walker's progress must be 250 m nearer to win: an out-and-back path or a
/// loop's shared start and end never makes the walker jump, while walking on moves them on.
const CONTINUITY_WEIGHT: f64 = 0.25;

/// How far along from the progress the nearest part of the track may be and still be taken
/// at once as its continuation.
const CONTINUES_M: f64 = 20.0;

type Segment = GeomWithData<Line<[f64; 2]>, usize>;

/// A track's segments in a grid and an R-tree (rstar), in a local plane, for snapping fixes.
pub struct TrackIndex {
    along: Along,
    tree: RTree<Segment>,
    grid: Grid,
    /// Entry `i`: the segment at `i / per_metre` metres along the track, an entry per segment.
    /// Finds the segment at the walker's progress in a step or two; a binary search over every
    /// segment took a fifth of a snap's time.
    by_along: Vec<u32>,
    /// Entries of `by_along` per metre: one over the track's mean segment length.
    per_metre: f64,
}

/// Metres along the track, either side of the walker's progress, looked at (at most) first
/// when the nearest part of the track does not continue it: a part there that costs less than
/// CONTINUITY_WEIGHT times this wins over any part farther along.
const NEAR_PROGRESS_M: f64 = 50.0;

/// Metres a place along the track may be off by rounding (far more than it is), when the
/// distance along from the progress bounds which segments can matter.
const ALONG_ROUNDING_M: f64 = 1e-6;

/// Rings of grid cells searched before asking the R-tree: a fix within about 100 m of the
/// track (4 cells of 25 m) is settled by the grid.
const GRID_RINGS: i64 = 4;

impl TrackIndex {
    pub fn new(track: &[TrackPoint]) -> TrackIndex {
        let along = Along::new(track);
        let segments = along
            .xy()
            .windows(2)
            .enumerate()
            .map(|(i, w)| GeomWithData::new(Line::new(w[0], w[1]), i))
            .collect();
        let per_metre = along.segments() as f64 / along.length_m();
        let cumulative = along.cumulative();
        let mut s = 0;
        let by_along = (0..along.segments())
            .map(|i| {
                while s + 1 < along.segments() && cumulative[s + 1] <= i as f64 / per_metre {
                    s += 1;
                }
                s as u32
            })
            .collect();
        TrackIndex {
            tree: RTree::bulk_load(segments),
            grid: Grid::new(along.xy()),
            along,
            by_along,
            per_metre,
        }
    }

    pub fn along(&self) -> &Along {
        &self.along
    }

    /// Where a position falls on the track. With no `previous` progress, on the nearest part of
    /// the track. With one, among the parts nearly as near as the nearest (within
    /// [`CANDIDATE_SLACK_M`] or twice the accuracy), on the one that best continues it, so that
    /// an out-and-back path or a loop does not make the walker jump to its other leg.
    ///
    /// # Units
    /// Degrees in; metres out (and for `accuracy_m` and `previous_m`).
    ///
    /// # Examples
    /// ```
    /// use velay_core::follow::TrackIndex;
    /// use velay_core::route::TrackPoint;
    /// // Out from Le Puy station 1 km north and back the same way.
    /// let track = [TrackPoint(45.0428, 3.8926, None), TrackPoint(45.0518, 3.8926, None), TrackPoint(45.0428, 3.8926, None)];
    /// let index = TrackIndex::new(&track);
    /// // Halfway up: on the way out after 300 m, on the way back after 1,700 m.
    /// let out = index.snap(45.0473, 3.8926, 5.0, Some(300.0)).unwrap();
    /// let back = index.snap(45.0473, 3.8926, 5.0, Some(1_700.0)).unwrap();
    /// assert!((out.along_m - 500.0).abs() < 5.0 && (back.along_m - 1_500.0).abs() < 5.0);
    /// ```
    pub fn snap(&self, lat: f64, lon: f64, accuracy_m: f64, previous_m: Option<f64>) -> Option<OnTrack> {
        let p = self.along.plane().to_xy(lat, lon);
        // The fix's place on the segment at the walker's progress, where they most likely are:
        // its distance bounds the search for the nearest segment to a cell or two.
        let at_progress = previous_m.and_then(|previous| self.at_progress(p, previous));
        let nearest = self.nearest(p, at_progress)?;
        let Some(previous) = previous_m else {
            return Some(nearest);
        };
        // The nearest part of the track continues the progress (within a few fixes' walk).
        // Another part could only win by being a few metres farther and as close to the
        // progress: the same place, for the walker.
        if (nearest.along_m - previous).abs() <= CONTINUES_M {
            return Some(nearest);
        }
        let slack_min = CANDIDATE_SLACK_M.max(2.0 * accuracy_m);
        // The walker is not where the nearest part of the track would put them: first the track
        // around their progress, which nearly always settles the rule.
        if let Some(cheapest) = at_progress.and_then(|start| self.cheapest_near(p, previous, slack_min, start)) {
            return Some(cheapest);
        }
        // Else weigh every part nearly as near. Through the grid when that neighbourhood is a few
        // cells wide (nearly always); else one best-first walk of the tree, nearest first, which
        // stops as soon as a farther segment could no longer win.
        let cost = |on: &OnTrack| on.offset_m + CONTINUITY_WEIGHT * (on.along_m - previous).abs();
        let slack = nearest.offset_m + slack_min;
        let (mut chosen, mut chosen_cost) = (nearest, cost(&nearest));
        let by_grid = self.grid.within(p, slack, 2 * GRID_RINGS, |s| {
            let on = self.along.on_segment(s, p);
            let c = cost(&on);
            if on.offset_m < slack && (c < chosen_cost || (c == chosen_cost && s < chosen.segment)) {
                (chosen, chosen_cost) = (on, c);
            }
        });
        if by_grid.is_some() {
            return Some(chosen);
        }
        let mut segments = self.tree.nearest_neighbor_iter_with_distance_2(&p);
        let (first, _) = segments.next()?;
        let mut chosen = self.along.on_segment(first.data, p);
        let mut chosen_cost = cost(&chosen);
        for (segment, d2) in segments {
            if d2.sqrt() >= chosen_cost.min(slack) {
                break;
            }
            let on = self.along.on_segment(segment.data, p);
            let c = cost(&on);
            if c < chosen_cost {
                (chosen, chosen_cost) = (on, c);
            }
        }
        Some(chosen)
    }

    /// Where the plane point `p` falls on the nearest segment: through the grid for a point near
    /// the track, else the R-tree. `seed`, a projection already made, may be the answer and
    /// bounds the search. `None` for a track of fewer than two points.
    fn nearest(&self, p: [f64; 2], seed: Option<Projection>) -> Option<OnTrack> {
        match self.grid.nearest(self.along.xy(), p, GRID_RINGS, seed) {
            Some(on) => Some(self.on_segment(on.segment, on.t, on.d2)),
            None => Some(self.along.on_segment(self.tree.nearest_neighbor(&p)?.data, p)),
        }
    }

    /// `p` projected on the segment at `previous` metres along the track, found through
    /// `by_along`. `None` for a track of fewer than two points.
    fn at_progress(&self, p: [f64; 2], previous: f64) -> Option<Projection> {
        let (segments, cumulative) = (self.along.segments(), self.along.cumulative());
        let at = ((previous * self.per_metre) as usize).min(segments.saturating_sub(1));
        let mut s = *self.by_along.get(at)? as usize;
        while s + 1 < segments && cumulative[s + 1] <= previous {
            s += 1;
        }
        let (t, d2) = project_on_segment(self.along.xy()[s], self.along.xy()[s + 1], p);
        Some(Projection { segment: s, t, d2 })
    }

    /// The rule's answer when the nearest part of the track does not continue the walker's
    /// progress, if the track around the progress settles it: the cheapest segment less than
    /// `slack_min` off (the lowest index among equals), if it costs less than `enough` below.
    /// Every other candidate of the rule then costs more: one farther off costs at least
    /// `slack_min`, one farther along than [`NEAR_PROGRESS_M`] more than CONTINUITY_WEIGHT times
    /// that, the nearest of all included.
    ///
    /// Looks from `start`, the segment at the progress, outwards; each way, until the distance
    /// along alone would cost more than the cheapest so far. A segment is projected only if its
    /// bounding box is near enough for it to be cheaper.
    fn cheapest_near(&self, p: [f64; 2], previous: f64, slack_min: f64, start: Projection) -> Option<OnTrack> {
        if !previous.is_finite() {
            return None;
        }
        let (xy, cumulative) = (self.along.xy(), self.along.cumulative());
        let enough = (CONTINUITY_WEIGHT * NEAR_PROGRESS_M).min(slack_min);
        // Squared offsets below this may be less than `slack_min` once rooted: a hair over its
        // square, for rounding.
        let candidate_d2 = slack_min * slack_min * (1.0 + 1e-12);
        // The cheapest candidate so far, and the cost to beat (or match, with a lower index): its
        // own, at most `enough`. Its square, a hair over, rules out segments by bounding box.
        let mut cheapest: (Option<OnTrack>, f64, f64) = (None, enough, enough * enough * (1.0 + 1e-9));
        let weigh = |(cheapest, bar, bar_d2): &mut (Option<OnTrack>, f64, f64), on: Projection| {
            if on.d2 < candidate_d2 {
                let on = self.on_segment(on.segment, on.t, on.d2);
                let c = on.offset_m + CONTINUITY_WEIGHT * (on.along_m - previous).abs();
                let cheaper = c < *bar || (c == *bar && cheapest.is_some_and(|best| on.segment < best.segment));
                if on.offset_m < slack_min && cheaper {
                    (*cheapest, *bar, *bar_d2) = (Some(on), c, c * c * (1.0 + 1e-9));
                }
            }
        };
        weigh(&mut cheapest, start);
        // Segment `s`, at least `gap` metres along from the progress; false once no segment
        // farther that way can be cheaper.
        let mut look = |s: usize, gap: f64| {
            if CONTINUITY_WEIGHT * (gap - ALONG_ROUNDING_M) > cheapest.1 {
                return false;
            }
            let (a, b) = (xy[s], xy[s + 1]);
            if box_d2(a, b, p) <= cheapest.2 {
                let (t, d2) = project_on_segment(a, b, p);
                weigh(&mut cheapest, Projection { segment: s, t, d2 });
            }
            true
        };
        for (s, &from) in (start.segment + 1..).zip(&cumulative[start.segment + 1..self.along.segments()]) {
            if !look(s, from - previous) {
                break;
            }
        }
        for s in (0..start.segment).rev() {
            if !look(s, previous - cumulative[s + 1]) {
                break;
            }
        }
        cheapest.0
    }

    /// Where a point falls on segment `segment`, from its projection there (`t` along it, `d2`
    /// its squared distance): what [`Along::on_segment`] gives, without projecting again.
    fn on_segment(&self, segment: usize, t: f64, d2: f64) -> OnTrack {
        let cumulative = self.along.cumulative();
        let (from, to) = (cumulative[segment], cumulative[segment + 1]);
        OnTrack {
            along_m: from + t * (to - from),
            offset_m: d2.sqrt(),
            segment,
        }
    }

    /// The nearest part of the track by looking at every segment: the plain baseline the
    /// index is measured against (see `benches/snap.rs`).
    pub fn snap_by_scan(&self, lat: f64, lon: f64) -> Option<OnTrack> {
        self.along.locate(lat, lon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A loop from Le Puy station: 1 km north, 1 km east, back south and west to the start.
    fn square() -> Vec<TrackPoint> {
        let corners = [
            (45.0428, 3.8926),
            (45.0518, 3.8926),
            (45.0518, 3.9053),
            (45.0428, 3.9053),
            (45.0428, 3.8926),
        ];
        corners.iter().map(|&(lat, lon)| TrackPoint(lat, lon, None)).collect()
    }

    #[test]
    fn the_index_finds_the_same_place_as_a_full_scan() {
        let index = TrackIndex::new(&square());
        for (lat, lon) in [(45.045, 3.893), (45.052, 3.90), (45.047, 3.906), (45.0425, 3.899)] {
            let a = index.snap(lat, lon, 5.0, None).unwrap();
            let b = index.snap_by_scan(lat, lon).unwrap();
            assert!((a.along_m - b.along_m).abs() < 1e-6 && (a.offset_m - b.offset_m).abs() < 1e-6);
        }
    }

    #[test]
    fn a_walker_setting_off_on_a_loop_is_at_its_start_not_its_end() {
        let index = TrackIndex::new(&square());
        let start = index.snap(45.0428, 3.8926, 5.0, Some(0.0)).unwrap();
        assert!(start.along_m < 1.0, "{start:?}");
        let end = index.snap(45.0428, 3.8926, 5.0, Some(3_900.0)).unwrap();
        assert!(end.along_m > 3_900.0, "{end:?}");
    }

    #[test]
    fn a_walker_far_from_their_progress_still_snaps_to_where_they_are() {
        let index = TrackIndex::new(&square());
        // On the east side, while progress says the start: they took a short cut.
        let on = index.snap(45.047, 3.9053, 5.0, Some(0.0)).unwrap();
        assert!((on.along_m - 2_532.0).abs() < 10.0, "{on:?}");
    }

    /// The rule `snap` implements, by looking at every segment.
    fn snap_by_rule(index: &TrackIndex, lat: f64, lon: f64, accuracy_m: f64, previous: f64) -> OnTrack {
        let along = index.along();
        let p = along.plane().to_xy(lat, lon);
        let all: Vec<OnTrack> = (0..along.segments()).map(|s| along.on_segment(s, p)).collect();
        let nearest = *all.iter().min_by(|a, b| a.offset_m.total_cmp(&b.offset_m)).unwrap();
        if (nearest.along_m - previous).abs() <= CONTINUES_M {
            return nearest;
        }
        let slack = nearest.offset_m + CANDIDATE_SLACK_M.max(2.0 * accuracy_m);
        let cost = |on: &OnTrack| on.offset_m + CONTINUITY_WEIGHT * (on.along_m - previous).abs();
        *all.iter()
            .filter(|on| on.offset_m < slack || on.segment == nearest.segment)
            .min_by(|a, b| cost(a).total_cmp(&cost(b)))
            .unwrap()
    }

    /// Out 1 km north and back the same way, the way back 4 m east of the way out, as on the
    /// two sides of a road.
    fn two_sided_out_and_back() -> Vec<TrackPoint> {
        let out = (0..=100).map(|i| TrackPoint(45.0428 + i as f64 * 9e-5, 3.8926, None));
        let back = (0..=100)
            .rev()
            .map(|i| TrackPoint(45.0428 + i as f64 * 9e-5, 3.89265, None));
        out.chain(back).collect()
    }

    #[test]
    fn a_walker_nearer_the_other_leg_stays_on_their_own() {
        let index = TrackIndex::new(&two_sided_out_and_back());
        let length = index.along().length_m();
        // 300 m up, 1 m east of the way out: nearest to the way out, where the walker is going.
        let out = index.snap(45.0455, 3.892613, 5.0, Some(295.0)).unwrap();
        assert!((out.along_m - 300.0).abs() < 2.0 && out.offset_m < 1.5, "{out:?}");
        // The same fix on the way back: the way back, 3 m off, not the way out, 1 m off.
        let back = index.snap(45.0455, 3.892613, 5.0, Some(length - 305.0)).unwrap();
        assert!(
            (back.along_m - (length - 300.0)).abs() < 2.0 && back.offset_m > 2.5,
            "{back:?}"
        );
        for (on, previous) in [(out, 295.0), (back, length - 305.0)] {
            let want = snap_by_rule(&index, 45.0455, 3.892613, 5.0, previous);
            assert_eq!(on, want);
        }
    }

    proptest::proptest! {
        /// Near the progress on a two-sided out-and-back path, where the nearer side is as often
        /// the wrong one as not, the stretch around the progress gives the place the rule gives.
        #[test]
        fn snapping_near_the_progress_follows_the_rule(
            k in 0usize..202, east in -1e-4..1.5e-4f64, north in -5e-5..5e-5f64, back in -40.0..40.0f64,
            accuracy in 2.0..20.0f64,
        ) {
            let track = two_sided_out_and_back();
            let index = TrackIndex::new(&track);
            let previous = (index.along().cumulative()[k] + back).max(0.0);
            let (lat, lon) = (track[k].lat() + north, 3.8926 + east);
            let got = index.snap(lat, lon, accuracy, Some(previous)).unwrap();
            let want = snap_by_rule(&index, lat, lon, accuracy, previous);
            proptest::prop_assert_eq!(got, want);
        }

        /// With no progress, on an out-and-back path whose two legs coincide (every segment as
        /// near as another, but for rounding), the indexes find the segment a full scan finds.
        #[test]
        fn a_first_fix_is_where_a_full_scan_puts_it(
            k in 0usize..400, dlat in -2e-4..2e-4f64, dlon in -2e-4..2e-4f64,
        ) {
            let out: Vec<TrackPoint> = (0..200).map(|i| TrackPoint(45.04 + i as f64 * 5e-5, 3.88 + (i as f64 / 9.0).sin() * 3e-4, None)).collect();
            let track: Vec<TrackPoint> = out.iter().chain(out.iter().rev()).copied().collect();
            let index = TrackIndex::new(&track);
            let (lat, lon) = (track[k].lat() + dlat, track[k].lon() + dlon);
            proptest::prop_assert_eq!(index.snap(lat, lon, 5.0, None), index.snap_by_scan(lat, lon));
        }

        /// Whatever the walker's progress, the indexes give the place the rule gives.
        #[test]
        fn snapping_with_progress_follows_the_rule(
            k in 0usize..400, dlat in -2e-4..2e-4f64, dlon in -2e-4..2e-4f64, back in -300.0..300.0f64,
        ) {
            // An out-and-back along a winding path: the hard case for progress.
            let out: Vec<TrackPoint> = (0..200).map(|i| TrackPoint(45.04 + i as f64 * 5e-5, 3.88 + (i as f64 / 9.0).sin() * 3e-4, None)).collect();
            let track: Vec<TrackPoint> = out.iter().chain(out.iter().rev()).copied().collect();
            let index = TrackIndex::new(&track);
            let at = track[k];
            let previous = (index.along().cumulative()[k] + back).max(0.0);
            let (lat, lon) = (at.lat() + dlat, at.lon() + dlon);
            let got = index.snap(lat, lon, 5.0, Some(previous)).unwrap();
            let want = snap_by_rule(&index, lat, lon, 5.0, previous);
            let cost = |on: &OnTrack| on.offset_m + CONTINUITY_WEIGHT * (on.along_m - previous).abs();
            proptest::prop_assert!((cost(&got) - cost(&want)).abs() < 1e-6, "{got:?} vs {want:?}");
        }
    }
}

//! Snapping a position onto a track quickly, through spatial indexes of its segments: a grid
//! for fixes near the track, an R-tree for the rest.

use rstar::primitives::{GeomWithData, Line};
use rstar::RTree;

use super::grid::Grid;
use crate::route::{Along, OnTrack, TrackPoint};

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
}

/// Metres along the track, either side of the walker's progress, looked at first when the
/// nearest part of the track does not continue it.
const NEAR_PROGRESS_M: f64 = 50.0;

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
        TrackIndex {
            tree: RTree::bulk_load(segments),
            grid: Grid::new(along.xy()),
            along,
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
        let segment = match self.grid.nearest(self.along.xy(), p, GRID_RINGS) {
            Some(s) => s,
            None => self.tree.nearest_neighbor(&p)?.data,
        };
        let nearest = self.along.on_segment(segment, p);
        let Some(previous) = previous_m else {
            return Some(nearest);
        };
        let cost = |on: &OnTrack| on.offset_m + CONTINUITY_WEIGHT * (on.along_m - previous).abs();
        // The usual case: the nearest part of the track continues the progress (within a few
        // fixes' walk). Another part could only win by being a few metres farther and as close
        // to the progress: the same place, for the walker. No second search.
        if (nearest.along_m - previous).abs() <= CONTINUES_M {
            return Some(nearest);
        }
        // The walker is not where the nearest part of the track would put them: weigh every part
        // nearly as near. Through the grid when that neighbourhood is a few cells wide (nearly
        // always); else one best-first walk of the tree, nearest first, which stops as soon as a
        // farther segment could no longer win.
        let slack = nearest.offset_m + CANDIDATE_SLACK_M.max(2.0 * accuracy_m);
        let (mut chosen, mut chosen_cost) = (nearest, cost(&nearest));
        // First the stretch of track around the progress (a binary search and a few segments):
        // any part farther along costs more than CONTINUITY_WEIGHT × NEAR_PROGRESS_M, so a
        // candidate here that costs less is the answer the full search would give.
        let cumulative = self.along.cumulative();
        let lo = cumulative
            .partition_point(|&d| d < previous - NEAR_PROGRESS_M)
            .saturating_sub(1);
        let hi = cumulative
            .partition_point(|&d| d <= previous + NEAR_PROGRESS_M)
            .min(self.along.segments());
        for s in lo..hi {
            let on = self.along.on_segment(s, p);
            let c = cost(&on);
            if on.offset_m < slack && c < chosen_cost {
                (chosen, chosen_cost) = (on, c);
            }
        }
        if chosen_cost <= CONTINUITY_WEIGHT * NEAR_PROGRESS_M {
            return Some(chosen);
        }
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

    proptest::proptest! {
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

//! A lighter line for drawing a track on a phone's screen.

use geo::{Coord, LineString, SimplifyIdx};

use super::{Along, TrackPoint};

/// Points closer than this to the simplified line may be dropped. On a phone a 10 km route
/// fills about 350 pixels, some 30 m a pixel: 5 m keeps every bend anyone could see.
pub const DISPLAY_TOLERANCE_M: f64 = 5.0;

/// The track's own points that suffice to draw it within `tolerance_m` metres, first and last
/// always kept. Ramer–Douglas–Peucker, through [`geo::SimplifyIdx`], in a local plane so the
/// tolerance is in metres whatever the latitude.
///
/// # Units
/// Degrees in and out; `tolerance_m` in metres.
///
/// # Examples
/// ```
/// use velay_core::route::{simplify_for_display, TrackPoint};
/// // Three points in a line from Prades towards Saint-Arcons: the middle one goes.
/// let track = [
///     TrackPoint(45.0435, 3.5873, None),
///     TrackPoint(45.0574, 3.5720, None),
///     TrackPoint(45.0713, 3.5567, None),
/// ];
/// assert_eq!(simplify_for_display(&track, 5.0).len(), 2);
/// ```
///
/// # References
/// D. H. Douglas and T. K. Peucker, "Algorithms for the reduction of the number of points
/// required to represent a digitized line or its caricature", Cartographica 10(2), 1973.
pub fn simplify_for_display(track: &[TrackPoint], tolerance_m: f64) -> Vec<TrackPoint> {
    let along = Along::new(track);
    let line: LineString<f64> = along.xy().iter().map(|&[x, y]| Coord { x, y }).collect();
    line.simplify_idx(tolerance_m).into_iter().map(|i| track[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dense_straight_track_keeps_its_ends_and_corner() {
        // 100 points east then 100 north: an L.
        let mut track: Vec<TrackPoint> = (0..100)
            .map(|i| TrackPoint(45.0, 3.8 + i as f64 * 1e-4, None))
            .collect();
        track.extend((1..100).map(|i| TrackPoint(45.0 + i as f64 * 1e-4, 3.8099, None)));
        let simple = simplify_for_display(&track, DISPLAY_TOLERANCE_M);
        assert_eq!(simple.len(), 3, "{simple:?}");
        assert_eq!(simple[0], track[0]);
        assert_eq!(simple[2], *track.last().unwrap());
    }
}

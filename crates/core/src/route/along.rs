//! Distance along a track: how far each of its points is from the start, and where any other
//! point (a point of interest, a position fix) falls on it.

use geo::{Distance, Geodesic};

use super::plane::{project_on_segment, LocalPlane};
use super::{Route, TrackPoint};

/// A track measured for travelling along it: the geodesic distance from the start of each of
/// its points, and its points in a [`LocalPlane`] for projections.
///
/// # Units
/// Degrees in, metres out.
///
/// # Examples
/// ```
/// use velay_core::route::{Along, TrackPoint};
/// // From Le Puy-en-Velay station towards the cathedral.
/// let track = [TrackPoint(45.0428, 3.8926, None), TrackPoint(45.0458, 3.8851, None)];
/// let along = Along::new(&track);
/// // A point of interest halfway, 20 m to the side, falls halfway along.
/// let on = along.locate(45.0444, 3.8890).unwrap();
/// assert!((on.along_m - along.length_m() / 2.0).abs() < 30.0);
/// ```
#[derive(Clone, Debug)]
pub struct Along {
    plane: LocalPlane,
    xy: Vec<[f64; 2]>,
    cumulative: Vec<f64>,
}

/// Where a point falls on a track.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OnTrack {
    /// Distance from the start of the track, following it, metres.
    pub along_m: f64,
    /// Distance from the point to the track, metres.
    pub offset_m: f64,
    /// The segment it falls on: between track points `segment` and `segment + 1`.
    pub segment: usize,
}

impl Along {
    pub fn new(track: &[TrackPoint]) -> Along {
        let plane = centre(track);
        let xy = track.iter().map(|p| plane.to_xy(p.lat(), p.lon())).collect();
        let mut cumulative = Vec::with_capacity(track.len());
        let mut total = 0.0;
        for (i, p) in track.iter().enumerate() {
            if i > 0 {
                total += Geodesic.distance(track[i - 1].point(), p.point());
            }
            cumulative.push(total);
        }
        Along { plane, xy, cumulative }
    }

    /// The track's geodesic length.
    pub fn length_m(&self) -> f64 {
        self.cumulative.last().copied().unwrap_or(0.0)
    }

    /// Distance from the start of each track point.
    pub fn cumulative(&self) -> &[f64] {
        &self.cumulative
    }

    pub fn plane(&self) -> &LocalPlane {
        &self.plane
    }

    /// The track's points in the plane.
    pub fn xy(&self) -> &[[f64; 2]] {
        &self.xy
    }

    /// How many segments the track has.
    pub fn segments(&self) -> usize {
        self.xy.len().saturating_sub(1)
    }

    /// Where the plane point `p` falls on segment `segment`.
    pub fn on_segment(&self, segment: usize, p: [f64; 2]) -> OnTrack {
        let (t, d2) = project_on_segment(self.xy[segment], self.xy[segment + 1], p);
        let (from, to) = (self.cumulative[segment], self.cumulative[segment + 1]);
        OnTrack {
            along_m: from + t * (to - from),
            offset_m: d2.sqrt(),
            segment,
        }
    }

    /// Where a point falls on the track: its projection on the nearest segment (the first
    /// one, should several be as near). `None` for a track of fewer than two points.
    ///
    /// This scans every segment, which suits a route's few points of interest; following a
    /// walker uses [`crate::follow::TrackIndex`] instead.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<OnTrack> {
        let p = self.plane.to_xy(lat, lon);
        (0..self.segments())
            .map(|s| self.on_segment(s, p))
            .min_by(|a, b| a.offset_m.total_cmp(&b.offset_m))
    }

    /// The point at `along_m` from the start, in degrees, clamped to the track.
    pub fn point_at(&self, along_m: f64) -> Option<(f64, f64)> {
        let last = self.xy.len().checked_sub(1)?;
        let i = self.cumulative.partition_point(|&d| d <= along_m).clamp(1, last.max(1));
        if last == 0 {
            return Some(self.plane.to_lat_lon(self.xy[0]));
        }
        let (from, to) = (self.cumulative[i - 1], self.cumulative[i]);
        let t = if to > from {
            ((along_m - from) / (to - from)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (a, b) = (self.xy[i - 1], self.xy[i]);
        Some(
            self.plane
                .to_lat_lon([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]),
        )
    }
}

/// A plane centred on the middle of the track's bounding box.
fn centre(track: &[TrackPoint]) -> LocalPlane {
    match super::BoundingBox::of(track) {
        Some(b) => LocalPlane::new((b.min_lat + b.max_lat) / 2.0, (b.min_lon + b.max_lon) / 2.0),
        None => LocalPlane::new(0.0, 0.0),
    }
}

impl Route {
    /// Each point of interest's distance from the start along the track, in the order of
    /// [`Route::pois`] (projected onto the nearest part of the track).
    pub fn poi_distances(&self) -> Vec<f64> {
        let along = Along::new(&self.track);
        self.pois
            .iter()
            .map(|p| along.locate(p.lat, p.lon).map_or(0.0, |on| on.along_m))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn north_south() -> Vec<TrackPoint> {
        // 2 km due north of Langeac station, then back to its middle.
        vec![
            TrackPoint(45.1007, 3.4905, None),
            TrackPoint(45.1187, 3.4905, None),
            TrackPoint(45.1097, 3.4905, None),
        ]
    }

    #[test]
    fn cumulative_distances_grow_by_each_segment() {
        let along = Along::new(&north_south());
        let c = along.cumulative();
        assert_eq!(c[0], 0.0);
        assert!((c[1] - 2000.0).abs() < 5.0, "{}", c[1]);
        assert!((c[2] - 3000.0).abs() < 5.0, "{}", c[2]);
    }

    #[test]
    fn a_point_of_interest_beside_the_path_falls_where_the_walker_passes_it() {
        let along = Along::new(&north_south());
        // 1 km north, 50 m east: first passed after about 1 km.
        let on = along.locate(45.1097, 3.4911).unwrap();
        assert!((on.along_m - 1000.0).abs() < 5.0, "{on:?}");
        assert!((on.offset_m - 47.0).abs() < 3.0, "{on:?}");
    }

    #[test]
    fn the_point_halfway_is_halfway() {
        let along = Along::new(&north_south());
        let (lat, lon) = along.point_at(1000.0).unwrap();
        assert!((lat - 45.1097).abs() < 1e-4 && (lon - 3.4905).abs() < 1e-9);
        let (lat, _) = along.point_at(10_000.0).unwrap();
        assert!((lat - 45.1097).abs() < 1e-6, "clamped to the end");
    }
}

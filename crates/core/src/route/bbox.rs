//! The bounding box of a track: what a map must show to hold all of it.

use serde::{Deserialize, Serialize};

use super::TrackPoint;

/// The smallest box, in degrees, that holds every point of a track. Field order follows GeoJSON
/// (west, south, east, north), which is also what [`BoundingBox::to_array`] gives.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoundingBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl BoundingBox {
    /// The box of `track`, or `None` when it has no point.
    ///
    /// # Units
    /// Degrees.
    ///
    /// # Examples
    /// ```
    /// use velay_core::route::{BoundingBox, TrackPoint};
    /// // Les Estables to the summit of Mont Mézenc.
    /// let b = BoundingBox::of(&[TrackPoint(44.9036, 4.1556, None), TrackPoint(44.9154, 4.1833, None)]).unwrap();
    /// assert_eq!(b.to_array(), [4.1556, 44.9036, 4.1833, 44.9154]);
    /// ```
    pub fn of(track: &[TrackPoint]) -> Option<BoundingBox> {
        let first = track.first()?;
        let start = BoundingBox {
            min_lon: first.lon(),
            min_lat: first.lat(),
            max_lon: first.lon(),
            max_lat: first.lat(),
        };
        Some(track.iter().fold(start, |b, p| BoundingBox {
            min_lon: b.min_lon.min(p.lon()),
            min_lat: b.min_lat.min(p.lat()),
            max_lon: b.max_lon.max(p.lon()),
            max_lat: b.max_lat.max(p.lat()),
        }))
    }

    /// `[min_lon, min_lat, max_lon, max_lat]`, the GeoJSON order.
    pub fn to_array(&self) -> [f64; 4] {
        [self.min_lon, self.min_lat, self.max_lon, self.max_lat]
    }
}

//! The elevation profile of a track: elevation against distance walked.

use serde::{Deserialize, Serialize};

use super::{Along, TrackPoint};

/// One point of an elevation profile.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfilePoint {
    /// Distance from the start along the track, metres.
    pub distance_m: f64,
    /// Elevation, metres above sea level.
    pub elevation_m: f64,
}

/// The elevation profile of `track`: one point per track point that has an elevation, at its
/// distance along the track. Points without elevation are left out rather than guessed, so a
/// track with none gives an empty profile and the app draws no plot.
///
/// # Units
/// Degrees in, metres out.
///
/// # Examples
/// ```
/// use velay_core::route::{profile, TrackPoint};
/// // Les Estables (1,344 m) towards Mont Mézenc (1,753 m), with a point of unknown elevation.
/// let track = [
///     TrackPoint(44.9036, 4.1556, Some(1344.0)),
///     TrackPoint(44.9100, 4.1700, None),
///     TrackPoint(44.9154, 4.1833, Some(1753.0)),
/// ];
/// let p = profile(&track);
/// assert_eq!(p.len(), 2);
/// assert!(p[1].distance_m > 2000.0 && p[1].elevation_m == 1753.0);
/// ```
pub fn profile(track: &[TrackPoint]) -> Vec<ProfilePoint> {
    let along = Along::new(track);
    track
        .iter()
        .zip(along.cumulative())
        .filter_map(|(p, &distance_m)| {
            p.ele().map(|elevation_m| ProfilePoint {
                distance_m,
                elevation_m,
            })
        })
        .collect()
}

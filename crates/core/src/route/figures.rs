//! The figures a walker reads before setting off: length, climb, and how long it takes.

use geo::{Distance, Geodesic};
use serde::{Deserialize, Serialize};

use super::climb::climb;
#[cfg(doc)]
use super::climb::{ELEVATION_NOISE_M, ELEVATION_SMOOTHING_M};
use crate::route::TrackPoint;

/// Length, climb and estimated walking time of a track.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub length_m: f64,
    pub ascent_m: f64,
    pub descent_m: f64,
    pub duration_min: u32,
}

impl Figures {
    /// Computes the figures of a track.
    ///
    /// # Units
    /// Degrees in; metres and minutes out. Length is geodesic (WGS 84 ellipsoid,
    /// Karney's method through `geo`).
    ///
    /// # Walking time
    /// DIN 33466, the rule of the German and Austrian alpine clubs: 4 km/h on the flat,
    /// 300 m/h up, 500 m/h down; the larger of the horizontal and vertical times plus half
    /// of the smaller.
    ///
    /// # Climb
    /// Elevations are first averaged over [`ELEVATION_SMOOTHING_M`] either side along the
    /// track (weighted by closeness), then a change counts once it reaches
    /// [`ELEVATION_NOISE_M`] from the last one counted. Averaging over distance rather than
    /// over neighbouring points, as gpxpy does, keeps the summits of a sparse track. The walking
    /// time takes this climb, so a noisy recording adds no phantom minutes.
    ///
    /// # Examples
    /// ```
    /// use velay_core::route::{Figures, TrackPoint};
    /// // Le Puy-en-Velay station to the cathedral, in a straight line: about 700 m.
    /// let track = [TrackPoint(45.0428, 3.8926, Some(630.0)), TrackPoint(45.0458, 3.8851, Some(680.0))];
    /// let f = Figures::of(&track);
    /// assert!((f.length_m - 680.0).abs() < 30.0);
    /// assert_eq!(f.ascent_m, 50.0);
    /// ```
    ///
    /// # References
    /// DIN 33466:2020-02, "Wanderwege"; C. F. F. Karney, "Algorithms for geodesics", 2013.
    pub fn of(track: &[TrackPoint]) -> Figures {
        Figures::of_stretches([track])
    }

    /// The figures of a walk in several stretches, such as the days of a trek: each stretch is
    /// measured on its own and the figures added, so that the jump from the end of one to the
    /// start of the next is not walked.
    pub fn of_stretches<'a>(stretches: impl IntoIterator<Item = &'a [TrackPoint]>) -> Figures {
        let (mut length_m, mut ascent_m, mut descent_m) = (0.0, 0.0, 0.0);
        for track in stretches {
            length_m += track
                .windows(2)
                .map(|w| Geodesic.distance(w[0].point(), w[1].point()))
                .sum::<f64>();
            let (up, down) = climb(track);
            ascent_m += up;
            descent_m += down;
        }
        Figures {
            length_m: length_m.round(),
            ascent_m: ascent_m.round(),
            descent_m: descent_m.round(),
            duration_min: walking_minutes(length_m, ascent_m, descent_m).round() as u32,
        }
    }
}

/// The DIN 33466 walking time of a stretch, in minutes (see [`Figures::of`]).
///
/// # Units
/// Metres in, minutes out.
pub fn walking_minutes(length_m: f64, ascent_m: f64, descent_m: f64) -> f64 {
    let flat_h = length_m / 4000.0;
    let vertical_h = ascent_m / 300.0 + descent_m / 500.0;
    (flat_h.max(vertical_h) + flat_h.min(vertical_h) / 2.0) * 60.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_flat_kilometres_take_two_and_a_half_hours() {
        // 10 km due north near Le Puy: 0.0899 degrees of latitude.
        let track = [
            TrackPoint(45.0, 3.88, Some(600.0)),
            TrackPoint(45.0899, 3.88, Some(600.0)),
        ];
        let f = Figures::of(&track);
        assert!((f.length_m - 10_000.0).abs() < 20.0, "{}", f.length_m);
        assert_eq!(f.duration_min, 150);
    }
}

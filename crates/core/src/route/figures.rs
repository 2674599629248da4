//! The figures a walker reads before setting off: length, climb, and how long it takes.

use geo::{Distance, Geodesic, Point};
use serde::{Deserialize, Serialize};

use crate::route::TrackPoint;

/// Elevation changes smaller than this are treated as noise from the receiver or the model
/// and do not count as ascent or descent. 5 m keeps a flat riverside walk flat while still
/// counting a real 20 m climb.
pub const ELEVATION_NOISE_M: f64 = 5.0;

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
        let length_m: f64 = track
            .windows(2)
            .map(|w| Geodesic.distance(Point::new(w[0].lon(), w[0].lat()), Point::new(w[1].lon(), w[1].lat())))
            .sum();
        let (ascent_m, descent_m) = climb(track.iter().filter_map(|p| p.ele()));
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

/// The ascent and descent counted from the start up to each track point, with the same noise
/// threshold as [`Figures::of`]; a point with no elevation carries the count before it.
pub fn cumulative_climb(track: &[TrackPoint]) -> Vec<(f64, f64)> {
    let mut reference: Option<f64> = None;
    let (mut up, mut down) = (0.0, 0.0);
    let mut out = Vec::with_capacity(track.len());
    for p in track {
        if let Some(e) = p.ele() {
            match reference {
                None => reference = Some(e),
                Some(r) if e - r >= ELEVATION_NOISE_M => {
                    up += e - r;
                    reference = Some(e);
                }
                Some(r) if r - e >= ELEVATION_NOISE_M => {
                    down += r - e;
                    reference = Some(e);
                }
                Some(_) => {}
            }
        }
        out.push((up, down));
    }
    out
}

/// Total ascent and descent, counting a change only once it exceeds [`ELEVATION_NOISE_M`]
/// from the last counted elevation (a hysteresis, so that jitter around a level adds nothing).
fn climb(elevations: impl Iterator<Item = f64>) -> (f64, f64) {
    let mut reference: Option<f64> = None;
    let (mut up, mut down) = (0.0, 0.0);
    for e in elevations {
        let Some(r) = reference else {
            reference = Some(e);
            continue;
        };
        let d = e - r;
        if d >= ELEVATION_NOISE_M {
            up += d;
            reference = Some(e);
        } else if d <= -ELEVATION_NOISE_M {
            down -= d;
            reference = Some(e);
        }
    }
    (up, down)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_below_the_threshold_adds_no_climb() {
        let (up, down) = climb([600.0, 602.0, 599.0, 601.0, 600.5].into_iter());
        assert_eq!((up, down), (0.0, 0.0));
    }

    #[test]
    fn a_real_climb_counts_once() {
        let (up, down) = climb([600.0, 610.0, 630.0, 628.0, 650.0, 640.0].into_iter());
        assert_eq!((up, down), (50.0, 10.0));
    }

    #[test]
    fn the_climb_counted_along_ends_at_the_total() {
        let track: Vec<TrackPoint> = [600.0, 610.0, 630.0, 628.0, 650.0, 640.0]
            .iter()
            .map(|&e| TrackPoint(45.0, 3.8, Some(e)))
            .collect();
        let along = cumulative_climb(&track);
        assert_eq!(along.last(), Some(&(50.0, 10.0)));
        assert_eq!(along[2], (30.0, 0.0));
    }

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

//! The walker's progress along a route, fix after fix, and the alerts that go with it.

use serde::{Deserialize, Serialize};

use super::{Fix, TrackIndex};
use crate::route::{cumulative_climb, walking_minutes, Route};

/// A fix counts as off the route when it is farther from the track than this or 2.5 times its
/// accuracy, whichever is larger: a walker is never told they are lost because the receiver
/// said it was unsure.
pub const OFF_ROUTE_MIN_M: f64 = 25.0;
/// How many off-route fixes in a row raise the alert: one noisy fix never does.
pub const OFF_ROUTE_FIXES: u32 = 3;
/// Below this much walked (and a minute), the pace is the DIN estimate, not the walker's.
const PACE_LEARNING_M: f64 = 200.0;

/// The distance beyond which a fix of accuracy `accuracy_m` is off the route, metres.
pub fn off_route_threshold_m(accuracy_m: f64) -> f64 {
    OFF_ROUTE_MIN_M.max(2.5 * accuracy_m)
}

/// Something the walker should be told once, when it happens.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum FollowEvent {
    /// [`OFF_ROUTE_FIXES`] fixes in a row were off the route; the last one this far from it.
    OffRoute { distance_m: f64 },
    /// A fix is on the route again after an [`FollowEvent::OffRoute`].
    BackOnRoute,
}

/// The next point of interest ahead.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextPoi {
    /// Its index in [`Route::pois`].
    pub index: usize,
    /// How far ahead along the track, metres.
    pub distance_m: f64,
}

/// Where the walker stands on the route.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub done_m: f64,
    pub left_m: f64,
    /// At the pace the walker has shown so far on this route (the DIN 33466 estimate until
    /// they have walked a little), counting the climbs still ahead.
    pub time_left_min: f64,
    /// When they should reach the end, milliseconds since 1970 UTC.
    pub eta_ms: i64,
    pub next_poi: Option<NextPoi>,
    /// Distance from the last fix to the track, metres.
    pub offset_m: f64,
    /// Which way the track is from the last fix: the bearing to the point of the track it was
    /// measured to, degrees clockwise from true north (0 to 360). `None` when the fix is on the
    /// track (within a metre), where no direction makes sense.
    pub bearing_to_track_deg: Option<f64>,
    pub off_route: bool,
}

/// The eight points of the compass, for saying which way to go in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compass {
    North,
    NorthEast,
    East,
    SouthEast,
    South,
    SouthWest,
    West,
    NorthWest,
}

impl Compass {
    /// The point nearest a bearing in degrees clockwise from north (any value, wrapped).
    ///
    /// # Examples
    /// ```
    /// use velay_core::follow::Compass;
    /// assert_eq!(Compass::from_bearing(44.0), Compass::NorthEast);
    /// assert_eq!(Compass::from_bearing(350.0), Compass::North);
    /// assert_eq!(Compass::from_bearing(-90.0), Compass::West);
    /// ```
    pub fn from_bearing(deg: f64) -> Compass {
        const POINTS: [Compass; 8] = [
            Compass::North,
            Compass::NorthEast,
            Compass::East,
            Compass::SouthEast,
            Compass::South,
            Compass::SouthWest,
            Compass::West,
            Compass::NorthWest,
        ];
        let sector = (deg.rem_euclid(360.0) / 45.0).round() as usize % 8;
        POINTS[sector]
    }
}

impl Progress {
    /// The hook for the last bus or train home from the route's end stop: given the time now
    /// and that departure (from the planner), "leave by HH:MM to catch the HH:MM", with an
    /// alert once the margin is under `alert_below_min`. See [`super::departure_margin`].
    pub fn last_departure_margin(
        &self,
        now: super::TimeOfDay,
        last_departure: super::TimeOfDay,
        buffer_min: u32,
        alert_below_min: u32,
    ) -> super::DepartureMargin {
        super::departure_margin(now, self.time_left_min, last_departure, buffer_min, alert_below_min)
    }
}

/// Follows one walker along one route.
pub struct Follower {
    index: TrackIndex,
    /// DIN minutes from the start to each track point, and in all.
    minutes_at: Vec<f64>,
    total_minutes: f64,
    /// Points of interest by distance along: (along, index in the route).
    pois: Vec<(f64, usize)>,
    done_m: Option<f64>,
    /// The first fix on the route: its time, and where it was along the track.
    started: Option<(i64, f64)>,
    off_count: u32,
    off_route: bool,
}

impl Follower {
    pub fn new(route: &Route) -> Follower {
        let index = TrackIndex::new(&route.track);
        let climb = cumulative_climb(&route.track);
        let minutes_at: Vec<f64> = index
            .along()
            .cumulative()
            .iter()
            .zip(&climb)
            .map(|(&d, &(up, down))| walking_minutes(d, up, down))
            .collect();
        let total_minutes = minutes_at.last().copied().unwrap_or(0.0);
        let mut pois: Vec<(f64, usize)> = route.poi_distances().into_iter().zip(0..).collect();
        pois.sort_by(|a, b| a.0.total_cmp(&b.0));
        Follower {
            index,
            minutes_at,
            total_minutes,
            pois,
            done_m: None,
            started: None,
            off_count: 0,
            off_route: false,
        }
    }

    /// Takes one fix: where the walker now is, and the event it raises, if any. A fix off
    /// the route does not move the progress.
    pub fn update(&mut self, fix: &Fix) -> (Progress, Option<FollowEvent>) {
        // Before any progress, the walker is expected at the start: on a loop, where start and
        // end are the same place, the first fix must not read as arrived.
        let expected = self.done_m.unwrap_or(0.0);
        let snapped = self.index.snap(fix.lat, fix.lon, fix.accuracy_m, Some(expected));
        let offset_m = snapped.map_or(f64::INFINITY, |s| s.offset_m);
        let bearing = snapped
            .filter(|s| s.offset_m >= 1.0)
            .and_then(|s| self.bearing_to(fix, s.along_m));
        let mut event = None;
        if offset_m > off_route_threshold_m(fix.accuracy_m) {
            self.off_count += 1;
            if self.off_count == OFF_ROUTE_FIXES && !self.off_route {
                self.off_route = true;
                event = Some(FollowEvent::OffRoute { distance_m: offset_m });
            }
        } else {
            self.off_count = 0;
            if self.off_route {
                self.off_route = false;
                event = Some(FollowEvent::BackOnRoute);
            }
            if let Some(s) = snapped {
                self.done_m = Some(s.along_m);
                if self.started.is_none() {
                    self.started = Some((fix.time_ms, s.along_m));
                }
            }
        }
        (self.progress(fix.time_ms, offset_m, bearing), event)
    }

    /// The bearing from `fix` to the point `along_m` along the track, degrees clockwise from
    /// north, in the track's local plane (x east, y north): over the few hundred metres a
    /// walker strays, the same as the geodesic bearing to a fraction of a degree.
    fn bearing_to(&self, fix: &Fix, along_m: f64) -> Option<f64> {
        let along = self.index.along();
        let (lat, lon) = along.point_at(along_m)?;
        let [x0, y0] = along.plane().to_xy(fix.lat, fix.lon);
        let [x1, y1] = along.plane().to_xy(lat, lon);
        Some((x1 - x0).atan2(y1 - y0).to_degrees().rem_euclid(360.0))
    }

    fn progress(&self, now_ms: i64, offset_m: f64, bearing_to_track_deg: Option<f64>) -> Progress {
        let length = self.index.along().length_m();
        let done_m = self.done_m.unwrap_or(0.0);
        let minutes_here = self.minutes_at_along(done_m);
        let time_left_min = (self.total_minutes - minutes_here).max(0.0) * self.pace_factor(now_ms, done_m);
        Progress {
            done_m,
            left_m: (length - done_m).max(0.0),
            time_left_min,
            eta_ms: now_ms + (time_left_min * 60_000.0) as i64,
            next_poi: self
                .pois
                .iter()
                .find(|(along, _)| *along >= done_m)
                .map(|&(along, index)| NextPoi {
                    index,
                    distance_m: along - done_m,
                }),
            offset_m,
            bearing_to_track_deg,
            off_route: self.off_route,
        }
    }

    /// How much slower (above 1) or faster than the DIN estimate the walker has been since
    /// their first fix on the route; 1 until they have walked [`PACE_LEARNING_M`] and a minute.
    fn pace_factor(&self, now_ms: i64, done_m: f64) -> f64 {
        let Some((t0, along0)) = self.started else {
            return 1.0;
        };
        let elapsed_min = (now_ms - t0) as f64 / 60_000.0;
        let expected_min = self.minutes_at_along(done_m) - self.minutes_at_along(along0);
        let walked = done_m - along0;
        if walked < PACE_LEARNING_M || elapsed_min < 1.0 || expected_min <= 0.0 {
            return 1.0;
        }
        (elapsed_min / expected_min).clamp(0.3, 4.0)
    }

    /// DIN minutes from the start to `along_m`, interpolated between track points.
    fn minutes_at_along(&self, along_m: f64) -> f64 {
        let c = self.index.along().cumulative();
        let i = c.partition_point(|&d| d <= along_m);
        if i == 0 {
            return 0.0;
        }
        if i >= c.len() {
            return self.total_minutes;
        }
        let t = if c[i] > c[i - 1] {
            (along_m - c[i - 1]) / (c[i] - c[i - 1])
        } else {
            0.0
        };
        self.minutes_at[i - 1] + t * (self.minutes_at[i] - self.minutes_at[i - 1])
    }

    pub fn length_m(&self) -> f64 {
        self.index.along().length_m()
    }
}

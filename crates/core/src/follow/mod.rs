//! Following a route on foot, with no network.
//!
//! A *fix* is one position reading from a receiver: where, how sure (its accuracy radius), and
//! when. A [`PositionSource`] gives fixes: the phone's GPS on mobile (later), and on desktop a
//! [`GpxReplay`] or a [`SimulatedWalk`] (which can be told to stray from the path); a real
//! receiver on Linux speaks through gpsd ([`GpsdSource`], async: its fixes come when the
//! receiver has them). Each fix is snapped onto the route by a [`TrackIndex`];
//! a [`Follower`] turns the snapped fixes into [`Progress`] (distance done and left, time left
//! at the walker's own pace, the next point of interest) and [`FollowEvent`]s (off the route,
//! back on it). [`departure_margin`] says when to leave to catch the last bus or train home.

mod departure;
mod follower;
mod gpsd;
mod grid;
mod index;
mod source;

use serde::{Deserialize, Serialize};

pub use departure::{departure_margin, DepartureMargin, TimeOfDay};
pub use follower::{off_route_threshold_m, Compass, FollowEvent, Follower, NextPoi, Progress, OFF_ROUTE_FIXES};
pub use gpsd::{parse_gpsd_line, GpsdError, GpsdLine, GpsdSource, GPSD_DEFAULT_ADDR};
pub use index::TrackIndex;
pub use source::{GpxReplay, PositionSource, SimulatedWalk, Timed, DEFAULT_PACE_M_S};

/// One position reading.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    /// Degrees (WGS 84).
    pub lat: f64,
    pub lon: f64,
    /// The receiver's horizontal accuracy: the radius, in metres, it is fairly sure of.
    pub accuracy_m: f64,
    /// Milliseconds since 1970-01-01 UTC.
    pub time_ms: i64,
}

#[cfg(test)]
mod tests;

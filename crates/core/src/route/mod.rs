//! A route: a walking itinerary of a few hours, from a place reached by train or bus and back
//! to one. Its track comes from a GPX file; its figures are computed from the track.
//!
//! - [`Figures`]: length, climb (counted as in [`cumulative_climb`]) and walking time;
//!   [`BoundingBox`]; [`simplify_for_display`]; [`profile`]: the elevation profile;
//!   [`Along`]: distances along the track and where a point (a point of interest, a position
//!   fix) falls on it.
//! - [`gpx_file`]: GPX in and out.

mod along;
mod bbox;
mod climb;
mod figures;
pub mod gpx_file;
mod plane;
mod profile;
mod simplify;

use serde::{Deserialize, Serialize};

use crate::Text;

pub use along::{Along, OnTrack};
pub use bbox::BoundingBox;
pub use climb::{cumulative_climb, ELEVATION_NOISE_M, ELEVATION_SMOOTHING_M};
pub use figures::{walking_minutes, Figures};
pub use gpx_file::{
    read_track, Gaps, GpxError, GpxFile, GpxPoint, GpxTrack, Stretches, MAX_GPX_BYTES, MAX_JOINED_GAP_M,
};
pub(crate) use plane::project_on_segment;
pub use plane::LocalPlane;
pub use profile::{profile, ProfilePoint};
pub use simplify::{simplify_for_display, DISPLAY_TOLERANCE_M};

/// A walking itinerary, as published to the app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub id: String,
    /// The id of the [`crate::Site`] it belongs to.
    pub site: String,
    pub name: Text,
    pub summary: Text,
    pub difficulty: Difficulty,
    pub themes: Vec<Theme>,
    /// True when the track was drawn by hand rather than surveyed on the ground:
    /// the app says "sample track, not surveyed".
    pub sample: bool,
    /// The stop (train station or bus stop) within a short walk of the start, where the
    /// walker arrives; its id is the one in the bundled GTFS feed, for the planner.
    pub start_stop: StopRef,
    /// The stop within a short walk of the end, where the walker leaves from.
    pub end_stop: StopRef,
    pub pois: Vec<Poi>,
    /// The points, as read from the GPX. Published apart, as a [`Track`] record, so that an
    /// edit to a route's words does not resend its points over a weak link; the store joins
    /// them back when it reads a route.
    #[serde(skip)]
    pub track: Vec<TrackPoint>,
    pub figures: Figures,
}

/// The points of a route's track, published as their own record (see [`Route::track`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Track {
    /// The id of the route it belongs to.
    pub id: String,
    pub points: Vec<TrackPoint>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Moderate,
    Hard,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Heritage,
    Nature,
    Water,
    Food,
    NightVisit,
}

/// A transit stop named by a route: its GTFS `stop_id` and the name people read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopRef {
    pub id: String,
    pub name: String,
}

/// A point of interest along a route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Poi {
    pub name: Text,
    pub text: Text,
    pub lat: f64,
    pub lon: f64,
}

/// One point of a track: latitude and longitude in degrees, elevation in metres when known.
/// Serialised as a short array to keep sync payloads small.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackPoint(pub f64, pub f64, pub Option<f64>);

impl TrackPoint {
    /// The point as a `geo` point: x is longitude, y latitude.
    pub fn point(&self) -> geo::Point<f64> {
        geo::Point::new(self.1, self.0)
    }
    pub fn lat(&self) -> f64 {
        self.0
    }
    pub fn lon(&self) -> f64 {
        self.1
    }
    pub fn ele(&self) -> Option<f64> {
        self.2
    }
}

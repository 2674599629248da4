//! A route: a walking itinerary of a few hours, from a place reached by train or bus and back
//! to one. Its track comes from a GPX file; its figures are computed from the track.

mod figures;
mod gpx_read;

use serde::{Deserialize, Serialize};

use crate::Text;

pub use figures::{Figures, ELEVATION_NOISE_M};
pub use gpx_read::{read_track, GpxError, MAX_GPX_BYTES};

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

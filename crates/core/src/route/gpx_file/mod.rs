//! GPX in and out, through the `gpx` crate: what a file holds ([`GpxFile`]), reading it from
//! any GPX 1.0 or 1.1 file people actually have ([`GpxFile::read`]), and writing it back as
//! GPX 1.1 ([`GpxFile::to_bytes`]) so that reading what was written gives the same file.

mod read;
mod tidy;
mod write;

use serde::{Deserialize, Serialize};

use super::TrackPoint;

pub use read::{read_track, MAX_GPX_BYTES};

/// Why a GPX file could not be read or written. Every message names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GpxError {
    #[error("{file}: not a GPX file we can read: {reason}")]
    Malformed { file: String, reason: String },
    #[error("{file}: the GPX holds no track or route points")]
    Empty { file: String },
    #[error("{file}: {bytes} bytes is more than the {max} bytes a GPX file may have")]
    TooLarge { file: String, bytes: usize, max: usize },
    #[error("{file}: cannot write GPX: {reason}")]
    Write { file: String, reason: String },
}

/// What a GPX file holds, as far as walking goes: its name, its tracks (recorded lines) and
/// routes (planned lines), tracks first, and its waypoints (named places).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GpxFile {
    pub name: Option<String>,
    pub description: Option<String>,
    pub tracks: Vec<GpxTrack>,
    pub waypoints: Vec<GpxPoint>,
}

/// One line of a GPX file: a `<trk>` with its segments, or a `<rte>` (one segment).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GpxTrack {
    pub name: Option<String>,
    /// True for a `<rte>`, written back as one.
    pub is_route: bool,
    pub segments: Vec<Vec<GpxPoint>>,
}

/// A point of a GPX file: a track or route point, or a waypoint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GpxPoint {
    pub lat: f64,
    pub lon: f64,
    /// Metres above sea level, when the file gives it.
    pub ele: Option<f64>,
    /// Milliseconds since 1970-01-01 UTC, when the file gives a time.
    pub time_ms: Option<i64>,
    pub name: Option<String>,
    pub description: Option<String>,
}

impl GpxPoint {
    pub fn new(lat: f64, lon: f64, ele: Option<f64>) -> GpxPoint {
        GpxPoint {
            lat,
            lon,
            ele,
            ..GpxPoint::default()
        }
    }

    pub fn to_track_point(&self) -> TrackPoint {
        TrackPoint(self.lat, self.lon, self.ele)
    }
}

impl GpxFile {
    /// Every point of the tracks, in order, as one line; when the file has no track, the
    /// points of its routes. A walk is one line: segments are joined, as a walker's pause
    /// in recording does not move the path.
    pub fn line(&self) -> Vec<TrackPoint> {
        let points = |routes: bool| -> Vec<TrackPoint> {
            self.tracks
                .iter()
                .filter(|t| t.is_route == routes)
                .flat_map(|t| t.segments.iter().flatten())
                .map(GpxPoint::to_track_point)
                .collect()
        };
        let tracks = points(false);
        if tracks.is_empty() {
            points(true)
        } else {
            tracks
        }
    }

    /// How many track and route points the file has.
    pub fn point_count(&self) -> usize {
        self.tracks.iter().flat_map(|t| &t.segments).map(Vec::len).sum()
    }

    /// The name to show: the file's, else its first track's.
    pub fn display_name(&self) -> Option<&str> {
        self.name
            .as_deref()
            .or_else(|| self.tracks.iter().find_map(|t| t.name.as_deref()))
    }
}

#[cfg(test)]
mod tests;

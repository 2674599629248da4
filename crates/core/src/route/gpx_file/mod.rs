//! GPX in and out, through the `gpx` crate: what a file holds ([`GpxFile`]), reading it from
//! any GPX 1.0 or 1.1 file people actually have ([`GpxFile::read`]), and writing it back as
//! GPX 1.1 ([`GpxFile::to_bytes`]) so that reading what was written gives the same file; and
//! what there is to walk in it ([`GpxFile::stretches`]): its segments, without the jumps
//! between them.

mod read;
mod stretches;
mod tidy;
mod write;

use serde::{Deserialize, Serialize};

use super::TrackPoint;

pub use read::{read_track, MAX_GPX_BYTES};
pub use stretches::{Gaps, Stretches, MAX_JOINED_GAP_M};

/// Why a GPX file could not be read or written. Every message names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GpxError {
    #[error("{file}: not a GPX file we can read: {reason}")]
    Malformed { file: String, reason: String },
    #[error("{file}: the GPX holds no track or route points")]
    Empty { file: String },
    /// Fewer than two points to walk: a single fix, or waypoints only.
    #[error("{file}: nothing to walk: {}", found(*.track_points, *.route_points, *.waypoints))]
    NothingToWalk {
        file: String,
        track_points: usize,
        route_points: usize,
        waypoints: usize,
    },
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
    /// The points walked, in order, as one line to draw or replay: those of the tracks, or of
    /// the routes when the tracks have fewer than two points. Segments are joined here, jumps
    /// included; the figures come from [`GpxFile::stretches`], which leaves the jumps out.
    pub fn line(&self) -> Vec<TrackPoint> {
        self.walked_segments()
            .into_iter()
            .flatten()
            .map(GpxPoint::to_track_point)
            .collect()
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

/// What a file with nothing to walk holds: "1 track point and no route".
fn found(track_points: usize, route_points: usize, waypoints: usize) -> String {
    let tracks = match track_points {
        0 => "no track".to_string(),
        1 => "1 track point".to_string(),
        n => format!("{n} track points"),
    };
    let routes = match route_points {
        0 => "no route".to_string(),
        1 => "1 route point".to_string(),
        n => format!("{n} route points"),
    };
    match waypoints {
        0 => format!("{tracks} and {routes}"),
        1 => format!("{tracks} and {routes}, only 1 waypoint"),
        n => format!("{tracks} and {routes}, only {n} waypoints"),
    }
}

#[cfg(test)]
mod tests;

//! What there is to walk in a GPX file. A stretch is a part walked without a jump: segments
//! a few metres apart (a recording paused and resumed) make one stretch, segments farther
//! apart (the days of a trek, a recording resumed after a ride) make several, and the straight
//! line between two stretches is not walked.

use std::fmt;

use geo::{Distance, Geodesic};

use super::{GpxError, GpxFile, GpxPoint};
use crate::route::{Figures, TrackPoint};

/// Segments whose ends are at most this far apart are joined into one stretch. A receiver that
/// paused resumes within a few tens of metres of where it stopped (its fix drifts 5 to 30 m
/// under trees or between walls); a new day or a bus ride starts kilometres away. The real
/// Cerknica lake recording has gaps of 9, 19 and 25 m (joined) and of 1.4, 2.3 and 5.4 km
/// (not walked).
pub const MAX_JOINED_GAP_M: f64 = 50.0;

/// The stretches of a GPX file, in the file's order (see [`GpxFile::stretches`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Stretches {
    parts: Vec<Vec<TrackPoint>>,
    segments: usize,
}

/// Said with the figures of a file whose segments are not all joined: how many segments it
/// has, and how many jumps between them were not counted as walked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gaps {
    pub segments: usize,
    pub gaps: usize,
}

impl GpxFile {
    /// The file's stretches: the segments of its tracks, or of its routes when its tracks
    /// have fewer than two points, joined where they are at most [`MAX_JOINED_GAP_M`] apart.
    pub fn stretches(&self) -> Stretches {
        let segments = self.walked_segments();
        let mut parts: Vec<Vec<TrackPoint>> = Vec::new();
        for segment in &segments {
            let points = segment.iter().map(GpxPoint::to_track_point);
            match parts.last_mut() {
                Some(last) if joins(last, segment) => last.extend(points),
                _ => parts.push(points.collect()),
            }
        }
        Stretches {
            parts,
            segments: segments.len(),
        }
    }

    /// The stretches, or [`GpxError::NothingToWalk`] naming what the file holds when it has
    /// fewer than two track or route points to walk.
    pub fn walkable(&self, file: &str) -> Result<Stretches, GpxError> {
        let stretches = self.stretches();
        if stretches.point_count() >= 2 {
            return Ok(stretches);
        }
        let count = |routes: bool| -> usize {
            self.tracks
                .iter()
                .filter(|t| t.is_route == routes)
                .flat_map(|t| &t.segments)
                .map(Vec::len)
                .sum()
        };
        Err(GpxError::NothingToWalk {
            file: file.into(),
            track_points: count(false),
            route_points: count(true),
            waypoints: self.waypoints.len(),
        })
    }

    /// The non-empty segments walked: those of the tracks, or of the routes when the tracks
    /// have fewer than two points between them (a single fix is no track) and the routes have
    /// more.
    pub(super) fn walked_segments(&self) -> Vec<&[GpxPoint]> {
        let segments = |routes: bool| -> Vec<&[GpxPoint]> {
            self.tracks
                .iter()
                .filter(|t| t.is_route == routes)
                .flat_map(|t| &t.segments)
                .filter(|s| !s.is_empty())
                .map(Vec::as_slice)
                .collect()
        };
        let points = |segments: &[&[GpxPoint]]| segments.iter().map(|s| s.len()).sum::<usize>();
        let tracks = segments(false);
        if points(&tracks) >= 2 {
            return tracks;
        }
        let routes = segments(true);
        if points(&routes) > points(&tracks) {
            routes
        } else {
            tracks
        }
    }
}

/// True when `next` starts close enough to where `stretch` ends to be the same walk.
fn joins(stretch: &[TrackPoint], next: &[GpxPoint]) -> bool {
    match (stretch.last(), next.first()) {
        (Some(end), Some(start)) => Geodesic.distance(end.point(), start.to_track_point().point()) <= MAX_JOINED_GAP_M,
        _ => false,
    }
}

impl Stretches {
    /// Each stretch's points, in order; none is empty.
    pub fn parts(&self) -> &[Vec<TrackPoint>] {
        &self.parts
    }

    /// How many points there are in all.
    pub fn point_count(&self) -> usize {
        self.parts.iter().map(Vec::len).sum()
    }

    /// Length, climb and time, summed over the stretches: the jumps between them add nothing.
    pub fn figures(&self) -> Figures {
        Figures::of_stretches(self.parts.iter().map(Vec::as_slice))
    }

    /// The jumps left out of the figures, to be said with them; `None` when there are none.
    pub fn gaps(&self) -> Option<Gaps> {
        (self.parts.len() > 1).then(|| Gaps {
            segments: self.segments,
            gaps: self.parts.len() - 1,
        })
    }
}

impl fmt::Display for Gaps {
    /// "3 segments; 2 gaps of more than 50 m not counted as walked".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gaps = if self.gaps == 1 { "gap" } else { "gaps" };
        write!(
            f,
            "{} segments; {} {gaps} of more than {MAX_JOINED_GAP_M} m not counted as walked",
            self.segments, self.gaps
        )
    }
}

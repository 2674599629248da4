//! Reading a GPX file (1.0 or 1.1), as exporters actually write them, through the `gpx` crate.

use super::{GpxError, GpxFile, GpxPoint, GpxTrack};
use crate::route::TrackPoint;

/// Larger files are refused before parsing: a day's walk recorded every second is about 2 MB.
pub const MAX_GPX_BYTES: usize = 16 * 1024 * 1024;

impl GpxFile {
    /// Reads a GPX file. `file` names it in errors. Accepts GPX 1.0 and 1.1, several tracks
    /// and segments, route-only and waypoint-only files, missing or empty elevations,
    /// extensions, a UTF-8 byte order mark and a bare `<gpx>` root with no version (read as
    /// 1.1, else as 1.0). Refuses, with a message naming the file: anything over
    /// [`MAX_GPX_BYTES`], what is not GPX, and a file with no point at all.
    pub fn read(file: &str, bytes: &[u8]) -> Result<GpxFile, GpxError> {
        if bytes.len() > MAX_GPX_BYTES {
            return Err(GpxError::TooLarge {
                file: file.into(),
                bytes: bytes.len(),
                max: MAX_GPX_BYTES,
            });
        }
        // The xml reader stops at a UTF-8 byte order mark, which some exporters write.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let gpx = match with_version(bytes, "1.1") {
            None => parse(bytes),
            // A bare root says no version: most such files are GPX 1.1, but some are 1.0 (an
            // `<author>` or `<time>` at the top). The 1.1 error is the one reported.
            Some(v11) => {
                parse(&v11).or_else(|first| with_version(bytes, "1.0").and_then(|v10| parse(&v10).ok()).ok_or(first))
            }
        }
        .map_err(|e| malformed(file, &e))?;
        let mut tracks = Vec::with_capacity(gpx.tracks.len() + gpx.routes.len());
        for t in &gpx.tracks {
            tracks.push(GpxTrack {
                name: text(&t.name),
                is_route: false,
                segments: t
                    .segments
                    .iter()
                    .map(|s| points(file, &s.points))
                    .collect::<Result<_, _>>()?,
            });
        }
        for r in &gpx.routes {
            tracks.push(GpxTrack {
                name: text(&r.name),
                is_route: true,
                segments: vec![points(file, &r.points)?],
            });
        }
        let metadata = gpx.metadata.as_ref();
        let read = GpxFile {
            name: metadata.and_then(|m| text(&m.name)),
            description: metadata.and_then(|m| text(&m.description)),
            tracks,
            waypoints: points(file, &gpx.waypoints)?,
        };
        if read.point_count() == 0 && read.waypoints.is_empty() {
            return Err(GpxError::Empty { file: file.into() });
        }
        Ok(read)
    }
}

/// Reads the line of a GPX file (see [`GpxFile::line`]); a file with fewer than two track or
/// route points is [`GpxError::NothingToWalk`].
pub fn read_track(file: &str, bytes: &[u8]) -> Result<Vec<TrackPoint>, GpxError> {
    let read = GpxFile::read(file, bytes)?;
    read.walkable(file)?;
    Ok(read.line())
}

/// Reads the bytes as they are, else tidied (see [`super::tidy`]); the error is the first one.
fn parse(bytes: &[u8]) -> Result<gpx::Gpx, gpx::errors::GpxError> {
    // Tidy only when needed: most files read as they are, and tidying rewrites them.
    gpx::read(bytes).or_else(|first| {
        super::tidy::tidy(bytes)
            .ok()
            .and_then(|tidy| gpx::read(tidy.as_slice()).ok())
            .ok_or(first)
    })
}

fn points(file: &str, waypoints: &[gpx::Waypoint]) -> Result<Vec<GpxPoint>, GpxError> {
    waypoints.iter().map(|w| point(file, w)).collect()
}

fn point(file: &str, w: &gpx::Waypoint) -> Result<GpxPoint, GpxError> {
    let p = w.point();
    let (lat, lon) = (p.y(), p.x());
    if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0) {
        return Err(GpxError::Malformed {
            file: file.into(),
            reason: format!("a point at lat {lat}, lon {lon} is not on Earth"),
        });
    }
    let time_ms = w.time.map(|t| {
        let t: time::OffsetDateTime = t.into();
        // Past the year 292 million, only a corrupt file: saturate rather than wrap.
        i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
    });
    Ok(GpxPoint {
        lat,
        lon,
        // "NaN" and "inf" parse as numbers; they are no elevation.
        ele: w.elevation.filter(|e| e.is_finite()),
        time_ms,
        name: text(&w.name),
        description: text(&w.description),
    })
}

/// Empty names (`<name></name>`) are no name.
fn text(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// The `gpx` crate's message with its cause (the XML reader's line and column).
fn malformed(file: &str, e: &gpx::errors::GpxError) -> GpxError {
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        reason.push_str(": ");
        reason.push_str(&s.to_string());
        source = s.source();
    }
    GpxError::Malformed {
        file: file.into(),
        reason,
    }
}

/// Some exporters write a bare `<gpx>` root with no `version`, which the `gpx` crate refuses.
/// The bytes with `version` set on such a root; `None` when the root has one already.
fn with_version(bytes: &[u8], version: &str) -> Option<Vec<u8>> {
    let start = bytes.windows(4).position(|w| w == b"<gpx")?;
    let after = start + 4;
    let len = bytes[after..].iter().position(|&b| b == b'>')?;
    let tag = &bytes[after..after + len];
    let is_root = tag.first().is_none_or(|b| b.is_ascii_whitespace() || *b == b'/');
    if !is_root || tag.windows(8).any(|w| w == b"version=") {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    out.extend_from_slice(&bytes[..after]);
    out.extend_from_slice(format!(" version=\"{version}\"").as_bytes());
    out.extend_from_slice(&bytes[after..]);
    Some(out)
}

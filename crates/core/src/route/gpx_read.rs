//! Reading a track out of a GPX file (1.0 or 1.1), through the `gpx` crate.

use std::borrow::Cow;

use crate::route::TrackPoint;

/// Larger files are refused before parsing: a day's walk recorded every second is about 2 MB.
pub const MAX_GPX_BYTES: usize = 16 * 1024 * 1024;

/// Why a GPX file could not give a track. Every message names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GpxError {
    #[error("{file}: not a GPX file we can read: {reason}")]
    Malformed { file: String, reason: String },
    #[error("{file}: the GPX holds no track or route points")]
    Empty { file: String },
    #[error("{file}: {bytes} bytes is more than the {max} bytes a GPX file may have")]
    TooLarge { file: String, bytes: usize, max: usize },
}

/// Reads every track point of every track and segment in order; a file with no track falls
/// back to its route points. `file` names the file in errors.
pub fn read_track(file: &str, bytes: &[u8]) -> Result<Vec<TrackPoint>, GpxError> {
    if bytes.len() > MAX_GPX_BYTES {
        return Err(GpxError::TooLarge {
            file: file.into(),
            bytes: bytes.len(),
            max: MAX_GPX_BYTES,
        });
    }
    // The xml reader stops at a UTF-8 byte order mark, which some exporters write.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let bytes = with_version(bytes);
    let gpx = gpx::read(bytes.as_ref()).map_err(|e| GpxError::Malformed {
        file: file.into(),
        reason: e.to_string(),
    })?;
    let from_tracks: Vec<TrackPoint> = gpx
        .tracks
        .iter()
        .flat_map(|t| &t.segments)
        .flat_map(|s| &s.points)
        .map(to_point)
        .collect();
    let points = if from_tracks.is_empty() {
        gpx.routes.iter().flat_map(|r| &r.points).map(to_point).collect()
    } else {
        from_tracks
    };
    if points.is_empty() {
        return Err(GpxError::Empty { file: file.into() });
    }
    Ok(points)
}

/// Some exporters write a bare `<gpx>` root with no `version`, which the `gpx` crate refuses;
/// such files are otherwise GPX 1.1, so we read them as that.
fn with_version(bytes: &[u8]) -> Cow<'_, [u8]> {
    let Some(start) = bytes.windows(4).position(|w| w == b"<gpx") else {
        return Cow::Borrowed(bytes);
    };
    let after = start + 4;
    let Some(len) = bytes[after..].iter().position(|&b| b == b'>') else {
        return Cow::Borrowed(bytes);
    };
    let tag = &bytes[after..after + len];
    let is_root = tag.first().is_none_or(|b| b.is_ascii_whitespace() || *b == b'/');
    if !is_root || tag.windows(8).any(|w| w == b"version=") {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    out.extend_from_slice(&bytes[..after]);
    out.extend_from_slice(b" version=\"1.1\"");
    out.extend_from_slice(&bytes[after..]);
    Cow::Owned(out)
}

fn to_point(w: &gpx::Waypoint) -> TrackPoint {
    let p = w.point();
    TrackPoint(p.y(), p.x(), w.elevation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(path: &str) -> Vec<u8> {
        let full = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/gpx/");
        std::fs::read(format!("{full}{path}")).expect("shared test data is present")
    }

    #[test]
    fn reads_a_bare_root_with_a_byte_order_mark() {
        let points = read_track("J1", &shared("regional/stevenson-J1-le-puy-to-le-cros.gpx"))
            .expect("the Stevenson day 1 track reads");
        assert!(points.len() > 50, "{} points", points.len());
        // It starts in Le Puy-en-Velay.
        assert!((points[0].lat() - 45.04).abs() < 0.05 && (points[0].lon() - 3.88).abs() < 0.05);
    }

    #[test]
    fn a_route_only_file_gives_its_route_points() {
        let points = read_track("route.gpx", &shared("gpxpy/route.gpx")).expect("reads");
        assert!(!points.is_empty());
    }

    #[test]
    fn garbage_is_a_clear_error_naming_the_file() {
        let err = read_track("notes.gpx", b"this is not xml").unwrap_err();
        assert!(err.to_string().starts_with("notes.gpx: not a GPX file"), "{err}");
        let err = read_track("empty.gpx", b"<gpx version=\"1.1\" creator=\"x\"></gpx>").unwrap_err();
        assert!(matches!(err, GpxError::Empty { .. }), "{err}");
    }
}

//! Writing GPX 1.1, through the `gpx` crate.

use super::{GpxError, GpxFile, GpxPoint};
use crate::route::Route;
use crate::Lang;

/// Said in the metadata of every exported track that was drawn by hand, in the file's language.
pub fn sample_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Tracé d'exemple dessiné à la main, non relevé sur le terrain.",
        Lang::En => "Sample track drawn by hand, not surveyed.",
    }
}

impl GpxFile {
    /// Writes the file as GPX 1.1. `file` names it in errors.
    ///
    /// Reading the bytes back with [`GpxFile::read`] gives an equal `GpxFile`: points,
    /// elevations, times (to the millisecond), names and descriptions are kept.
    pub fn to_bytes(&self, file: &str) -> Result<Vec<u8>, GpxError> {
        let mut gpx = gpx::Gpx {
            version: gpx::GpxVersion::Gpx11,
            creator: Some("Velay companion".into()),
            ..Default::default()
        };
        if self.name.is_some() || self.description.is_some() {
            gpx.metadata = Some(gpx::Metadata {
                name: self.name.clone(),
                description: self.description.clone(),
                ..Default::default()
            });
        }
        gpx.waypoints = self
            .waypoints
            .iter()
            .map(|p| waypoint(file, p))
            .collect::<Result<_, _>>()?;
        for t in &self.tracks {
            if t.is_route {
                let mut route = gpx::Route::new();
                route.name = t.name.clone();
                for p in t.segments.iter().flatten() {
                    route.points.push(waypoint(file, p)?);
                }
                gpx.routes.push(route);
            } else {
                let mut track = gpx::Track::new();
                track.name = t.name.clone();
                for s in &t.segments {
                    let mut segment = gpx::TrackSegment::new();
                    segment.points = s.iter().map(|p| waypoint(file, p)).collect::<Result<_, _>>()?;
                    track.segments.push(segment);
                }
                gpx.tracks.push(track);
            }
        }
        let mut out = Vec::new();
        gpx::write(&gpx, &mut out).map_err(|e| GpxError::Write {
            file: file.into(),
            reason: e.to_string(),
        })?;
        Ok(out)
    }

    /// A bundled route as a GPX file: its track, and its points of interest as waypoints, with
    /// names and texts in `lang`. A hand-drawn track says so in the description.
    pub fn from_route(route: &Route, lang: Lang) -> GpxFile {
        let mut description = route.summary.get(lang).to_string();
        if route.sample {
            description = format!("{description} {}", sample_note(lang));
        }
        GpxFile {
            name: Some(route.name.get(lang).to_string()),
            description: Some(description),
            tracks: vec![super::GpxTrack {
                name: Some(route.name.get(lang).to_string()),
                is_route: false,
                segments: vec![route
                    .track
                    .iter()
                    .map(|p| GpxPoint::new(p.lat(), p.lon(), p.ele()))
                    .collect()],
            }],
            waypoints: route
                .pois
                .iter()
                .map(|p| GpxPoint {
                    name: Some(p.name.get(lang).to_string()),
                    description: Some(p.text.get(lang).to_string()),
                    ..GpxPoint::new(p.lat, p.lon, None)
                })
                .collect(),
        }
    }
}

fn waypoint(file: &str, p: &GpxPoint) -> Result<gpx::Waypoint, GpxError> {
    let mut w = gpx::Waypoint::new(geo::Point::new(p.lon, p.lat));
    w.elevation = p.ele;
    w.name = p.name.clone();
    w.description = p.description.clone();
    if let Some(ms) = p.time_ms {
        let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).map_err(|e| {
            GpxError::Write {
                file: file.into(),
                reason: format!("time {ms} ms: {e}"),
            }
        })?;
        w.time = Some(t.into());
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::read_dir;
    use crate::Content;

    #[test]
    fn a_french_export_of_a_drawn_track_says_so_in_french_only() {
        let route = read_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data"))
            .unwrap()
            .into_iter()
            .find_map(|c| match c {
                Content::Route(r) if r.sample => Some(r),
                _ => None,
            })
            .expect("a drawn route");
        let fr = GpxFile::from_route(&route, Lang::Fr).description.unwrap();
        assert!(fr.ends_with("non relevé sur le terrain."), "{fr}");
        assert!(!fr.contains("Sample"), "{fr}");
        let en = GpxFile::from_route(&route, Lang::En).description.unwrap();
        assert!(en.ends_with("not surveyed."), "{en}");
    }
}

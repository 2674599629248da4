//! GPX files as people have them: every real export in the team's shared data, and the broken
//! ones a walker might pick by mistake.

use std::path::PathBuf;

use proptest::prelude::*;

use super::*;

/// The team's shared real GPX files, next to the project.
fn shared_gpx_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/gpx");
    assert!(
        dir.is_dir(),
        "{} is missing: these tests read the team's real GPX files from shared/data/gpx beside the project",
        dir.display()
    );
    dir
}

fn shared(path: &str) -> Vec<u8> {
    let path = shared_gpx_dir().join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn every_shared_file() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(shared_gpx_dir()).unwrap() {
        for f in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = f.unwrap().path();
            files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    files.sort();
    assert!(files.len() >= 18, "{} files", files.len());
    files
}

#[test]
fn every_real_export_reads_and_survives_an_export_and_a_new_import() {
    for (name, bytes) in every_shared_file() {
        if name.ends_with("empty_name_tag.gpx") {
            // One empty track: nothing to walk, and it says so.
            let err = GpxFile::read(&name, &bytes).unwrap_err();
            assert!(
                matches!(err, GpxError::Empty { .. }) && err.to_string().starts_with(&name),
                "{err}"
            );
            continue;
        }
        let read = GpxFile::read(&name, &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(read.point_count() + read.waypoints.len() > 0, "{name}");
        let written = read.to_bytes(&name).unwrap();
        let again = GpxFile::read(&name, &written).unwrap_or_else(|e| panic!("{name} re-read: {e}"));
        assert_eq!(again, read, "{name}");
    }
}

#[test]
fn a_bare_root_with_a_byte_order_mark_reads() {
    let points =
        read_track("J1", &shared("regional/stevenson-J1-le-puy-to-le-cros.gpx")).expect("the Stevenson day 1 reads");
    assert!(points.len() > 50, "{} points", points.len());
    // It starts in Le Puy-en-Velay, with elevations.
    assert!((points[0].lat() - 45.04).abs() < 0.05 && (points[0].lon() - 3.88).abs() < 0.05);
    assert!(points.iter().all(|p| p.ele().is_some()));
    let file = GpxFile::read("bom", &shared("gpxpy/unicode_with_bom.gpx")).expect("a BOM is skipped");
    assert!(file.point_count() + file.waypoints.len() > 0);
}

#[test]
fn a_route_only_file_gives_its_route_points() {
    let file = GpxFile::read("route.gpx", &shared("gpxpy/route.gpx")).expect("reads");
    assert!(file.tracks.iter().all(|t| t.is_route));
    assert_eq!(file.line().len(), file.point_count());
    assert!(file.point_count() > 2);
}

#[test]
fn gpx_1_0_and_1_1_with_every_field_keep_names_elevations_times_and_waypoints() {
    for path in ["gpxpy/gpx1.0_with_all_fields.gpx", "gpxpy/gpx1.1_with_all_fields.gpx"] {
        let file = GpxFile::read(path, &shared(path)).unwrap_or_else(|e| panic!("{e}"));
        assert!(file.name.is_some(), "{path}");
        assert!(!file.waypoints.is_empty(), "{path}");
        let points: Vec<&GpxPoint> = file.tracks.iter().flat_map(|t| t.segments.iter().flatten()).collect();
        assert!(points.iter().any(|p| p.ele.is_some() && p.time_ms.is_some()), "{path}");
        assert!(file.tracks.iter().any(|t| t.is_route) && file.tracks.iter().any(|t| !t.is_route));
    }
}

#[test]
fn a_track_without_elevations_reads_with_none() {
    let file = GpxFile::read("no-ele", &shared("gpxpy/cerknicko-jezero-without-elevations.gpx")).unwrap();
    let line = file.line();
    assert!(line.len() > 100 && line.iter().all(|p| p.ele().is_none()));
}

#[test]
fn extensions_and_empty_segments_are_passed_over() {
    GpxFile::read("garmin", &shared("gpxpy/gpx_with_garmin_extension.gpx")).expect("extensions are skipped");
    let file = GpxFile::read("empty-seg", &shared("gpxpy/track-with-empty-segment.gpx")).unwrap();
    assert!(file.tracks[0].segments.iter().any(Vec::is_empty));
    assert!(file.point_count() > 0);
}

#[test]
fn several_tracks_and_segments_join_into_one_line_in_order() {
    let xml = br#"<?xml version="1.0"?>
<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>Morning</name>
  <trkseg><trkpt lat="45.0" lon="3.8"><ele>600</ele></trkpt><trkpt lat="45.1" lon="3.8"/></trkseg>
  <trkseg><trkpt lat="45.2" lon="3.8"><ele></ele></trkpt></trkseg>
 </trk>
 <trk><name>Afternoon</name><trkseg><trkpt lat="45.3" lon="3.8"/></trkseg></trk>
</gpx>"#;
    let file = GpxFile::read("two-tracks.gpx", xml).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(file.tracks.len(), 2);
    assert_eq!(file.display_name(), Some("Morning"));
    let lats: Vec<f64> = file.line().iter().map(|p| p.lat()).collect();
    assert_eq!(lats, [45.0, 45.1, 45.2, 45.3]);
    assert_eq!(file.line()[0].ele(), Some(600.0));
    assert_eq!(file.line()[2].ele(), None);
}

#[test]
fn a_file_that_is_not_gpx_is_a_clear_error_naming_the_file() {
    let err = GpxFile::read("notes.gpx", b"this is not xml").unwrap_err();
    assert!(err.to_string().starts_with("notes.gpx: not a GPX file"), "{err}");
    let err = GpxFile::read("page.gpx", b"<html><body>hello</body></html>").unwrap_err();
    assert!(err.to_string().starts_with("page.gpx: "), "{err}");
    let err = GpxFile::read("cut.gpx", &shared("gpxpy/route.gpx")[..900]).unwrap_err();
    assert!(matches!(err, GpxError::Malformed { .. }), "{err}");
    let err = GpxFile::read("empty.gpx", b"").unwrap_err();
    assert!(err.to_string().starts_with("empty.gpx: "), "{err}");
    let err = GpxFile::read("nothing.gpx", b"<gpx version=\"1.1\" creator=\"x\"></gpx>").unwrap_err();
    assert!(matches!(err, GpxError::Empty { .. }), "{err}");
    let err = read_track("one.gpx", b"<gpx version=\"1.1\"><wpt lat=\"45\" lon=\"3\"/></gpx>").unwrap_err();
    assert!(matches!(err, GpxError::Empty { .. }), "{err}");
}

#[test]
fn an_oversized_file_is_refused_before_reading() {
    let big = vec![b' '; MAX_GPX_BYTES + 1];
    let err = GpxFile::read("huge.gpx", &big).unwrap_err();
    assert!(matches!(err, GpxError::TooLarge { .. }));
    assert!(err.to_string().starts_with("huge.gpx: "), "{err}");
}

fn name() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[A-Za-z0-9éèàçô'&<>\"]([A-Za-z0-9éèàçô'&<> ]{0,20}[A-Za-z0-9])?")
}

fn gpx_point() -> impl Strategy<Value = GpxPoint> {
    (
        -90.0..=90.0f64,
        -180.0..180.0f64, // the gpx crate reads longitudes in [-180, 180)
        proptest::option::of(-400.0..9000.0f64),
        proptest::option::of(0i64..4_102_444_800_000),
        name(),
        name(),
    )
        .prop_map(|(lat, lon, ele, time_ms, name, description)| GpxPoint {
            lat,
            lon,
            ele,
            time_ms,
            name,
            description,
        })
}

fn gpx_file() -> impl Strategy<Value = GpxFile> {
    let track =
        (name(), any::<bool>(), proptest::collection::vec(gpx_point(), 1..20)).prop_map(|(name, is_route, points)| {
            GpxTrack {
                name,
                is_route,
                segments: vec![points],
            }
        });
    (
        name(),
        name(),
        proptest::collection::vec(track, 1..3),
        proptest::collection::vec(gpx_point(), 0..3),
    )
        .prop_map(|(name, description, mut tracks, waypoints)| {
            tracks.sort_by_key(|t| t.is_route);
            GpxFile {
                name,
                description,
                tracks,
                waypoints,
            }
        })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = GpxFile::read("random.gpx", &bytes);
    }

    #[test]
    fn arbitrary_text_after_a_gpx_root_never_panics(body in "[<>/=\" a-z0-9.\\-]{0,400}") {
        let xml = format!("<gpx version=\"1.1\"><trk><trkseg><trkpt lat=\"45\" lon=\"3\">{body}");
        let _ = GpxFile::read("random.gpx", xml.as_bytes());
    }

    #[test]
    fn import_of_export_keeps_points_names_elevations_and_times(file in gpx_file()) {
        let bytes = file.to_bytes("generated.gpx").unwrap();
        let again = GpxFile::read("generated.gpx", &bytes).unwrap();
        prop_assert_eq!(again, file);
    }
}

//! GPX files as people have them: every real export in the team's shared data, and the broken
//! ones a walker might pick by mistake.

use std::path::PathBuf;

use proptest::prelude::*;

use super::*;
use crate::route::Figures;

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

/// Three days of a trek, 8 km apart: the first day recorded in two segments, the device paused
/// for lunch 20 m from where it stopped. Each day walks 2 km due north.
const TREK: &[u8] = br#"<?xml version="1.0"?>
<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>Day 1</name>
  <trkseg>
   <trkpt lat="45.000" lon="3.80"><ele>600</ele></trkpt>
   <trkpt lat="45.009" lon="3.80"><ele>650</ele></trkpt>
  </trkseg>
  <trkseg>
   <trkpt lat="45.00918" lon="3.80"><ele>650</ele></trkpt>
   <trkpt lat="45.018" lon="3.80"><ele>700</ele></trkpt>
  </trkseg>
 </trk>
 <trk><name>Day 2</name><trkseg>
  <trkpt lat="45.000" lon="3.90"><ele>1000</ele></trkpt>
  <trkpt lat="45.009" lon="3.90"><ele>1025</ele></trkpt>
  <trkpt lat="45.018" lon="3.90"><ele>1050</ele></trkpt>
 </trkseg></trk>
 <trk><name>Day 3</name><trkseg>
  <trkpt lat="45.000" lon="4.00"><ele>500</ele></trkpt>
  <trkpt lat="45.018" lon="4.00"><ele>520</ele></trkpt>
 </trkseg></trk>
</gpx>"#;

#[test]
fn a_trek_of_three_days_is_not_joined_by_straight_lines() {
    let file = GpxFile::read("trek.gpx", TREK).unwrap_or_else(|e| panic!("{e}"));
    let stretches = file.stretches();
    // The lunch pause is walked through; the evenings are not.
    assert_eq!(stretches.parts().len(), 3);
    let f = stretches.figures();
    // 3 x 2 km (0.018 degrees of latitude is 2 001 m here) and the 20 m of the pause.
    assert!((f.length_m - 6_020.0).abs() < 20.0, "{f:?}");
    // 100 m up on day 1, 50 m on day 2, 20 m on day 3; no descent at all.
    assert_eq!((f.ascent_m, f.descent_m), (170.0, 0.0), "{f:?}");
    // Joined, the evening jumps added 15.8 km, 300 m up and 550 m down.
    let joined = Figures::of(&file.line());
    assert!(joined.length_m > 20_000.0 && joined.descent_m > 500.0, "{joined:?}");
    let gaps = stretches.gaps().expect("the jumps are said");
    assert_eq!(
        gaps.to_string(),
        "4 segments; 2 gaps of more than 50 m not counted as walked"
    );
}

#[test]
fn a_recording_paused_a_few_metres_away_is_one_walk_and_says_nothing() {
    let xml = br#"<gpx version="1.1"><trk>
     <trkseg><trkpt lat="45.000" lon="3.80"/><trkpt lat="45.009" lon="3.80"/></trkseg>
     <trkseg><trkpt lat="45.0093" lon="3.80"/><trkpt lat="45.018" lon="3.80"/></trkseg>
    </trk></gpx>"#;
    let stretches = GpxFile::read("paused.gpx", xml).unwrap().stretches();
    // 33 m apart: within MAX_JOINED_GAP_M, and counted as walked.
    assert_eq!(stretches.parts().len(), 1);
    assert_eq!(stretches.gaps(), None);
    assert!((stretches.figures().length_m - 2_001.0).abs() < 5.0);
}

#[test]
fn a_bare_root_with_gpx_1_0_children_reads_as_gpx_1_0() {
    // As older exporters write it: no version, no namespace, 1.0 fields at the top.
    let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<gpx>
 <name>Le Puy to Aiguilhe</name>
 <author>A walker</author>
 <email>walker@example.org</email>
 <url>https://example.org/aiguilhe</url>
 <time>2024-05-01T08:00:00Z</time>
 <trk><trkseg>
  <trkpt lat="45.0428" lon="3.8926"><ele>630</ele><time>2024-05-01T08:00:00Z</time></trkpt>
  <trkpt lat="45.0499" lon="3.8810"><ele>680</ele><time>2024-05-01T08:20:00Z</time></trkpt>
 </trkseg></trk>
</gpx>"#;
    let file = GpxFile::read("aiguilhe.gpx", xml).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(file.name.as_deref(), Some("Le Puy to Aiguilhe"));
    assert_eq!(file.line().len(), 2);
    assert_eq!(file.tracks[0].segments[0][1].time_ms, Some(1_714_551_600_000));
}

#[test]
fn a_bare_root_that_is_neither_1_1_nor_1_0_still_gives_the_1_1_reason() {
    let err = GpxFile::read("odd.gpx", b"<gpx><author>x</author><metadata/></gpx>").unwrap_err();
    assert!(matches!(err, GpxError::Malformed { .. }), "{err}");
    assert!(err.to_string().contains("author"), "{err}");
}

#[test]
fn a_single_track_point_does_not_hide_the_route() {
    let xml = br#"<gpx version="1.1">
     <trk><trkseg><trkpt lat="45.0428" lon="3.8926"/></trkseg></trk>
     <rte><rtept lat="45.0428" lon="3.8926"/><rtept lat="45.0458" lon="3.8851"/><rtept lat="45.0499" lon="3.8810"/></rte>
    </gpx>"#;
    let file = GpxFile::read("start-and-plan.gpx", xml).unwrap();
    assert_eq!(file.line().len(), 3);
    assert_eq!(file.walkable("start-and-plan.gpx").unwrap().point_count(), 3);
    assert!(file.stretches().figures().length_m > 1_000.0);
}

#[test]
fn a_single_track_point_and_no_route_says_what_it_found() {
    let xml = br#"<gpx version="1.1"><trk><trkseg><trkpt lat="45.0428" lon="3.8926"/></trkseg></trk></gpx>"#;
    let err = read_track("fix.gpx", xml).unwrap_err();
    assert_eq!(err.to_string(), "fix.gpx: nothing to walk: 1 track point and no route");
    let xml = br#"<gpx version="1.1"><rte><rtept lat="45.0428" lon="3.8926"/></rte></gpx>"#;
    let err = GpxFile::read("plan.gpx", xml)
        .unwrap()
        .walkable("plan.gpx")
        .unwrap_err();
    assert_eq!(err.to_string(), "plan.gpx: nothing to walk: no track and 1 route point");
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
    assert!(matches!(err, GpxError::NothingToWalk { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "one.gpx: nothing to walk: no track and no route, only 1 waypoint"
    );
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

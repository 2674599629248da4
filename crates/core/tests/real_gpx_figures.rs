//! The figures of real GPX files, as a walker importing them would read them, checked against
//! what the files themselves and gpxpy say. Reference numbers come from gpxpy 1.6.2
//! (`GPX.get_uphill_downhill()`, `GPX.length_2d()`) and from geographiclib 2.x
//! (`Geodesic.WGS84.Inverse`, Karney's method, as `geo::Geodesic` uses) run on the same files.

use std::path::PathBuf;

use velay_core::route::{Figures, GpxFile};

fn shared(path: &str) -> GpxFile {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/gpx")
        .join(path);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the team's shared GPX files sit beside the project)",
            p.display()
        )
    });
    GpxFile::read(path, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn figures(path: &str) -> Figures {
    let f = shared(path).walkable(path).unwrap_or_else(|e| panic!("{e}")).figures();
    println!("{path}: {f:?}");
    f
}

#[test]
fn two_caltopo_tracks_5_km_apart_are_not_walked_between() {
    let file = shared("georust-gpx/caltopo-export.gpx");
    let stretches = file.stretches();
    let f = stretches.figures();
    // Per track, geographiclib: 10 987 m; gpxpy's length_2d 10 980 m. Joined by the
    // 4 959 m jump between the tracks it was 15 946 m (+45 %), with 401 m of climb where
    // gpxpy counts 2 m.
    assert!((f.length_m - 10_987.0).abs() < 5.0, "{f:?}");
    assert!(f.ascent_m < 10.0, "{f:?}");
    assert!((f.descent_m - 514.0).abs() < 10.0, "{f:?}");
    assert_eq!(
        stretches.gaps().map(|g| g.to_string()).as_deref(),
        Some("2 segments; 1 gap of more than 50 m not counted as walked")
    );
}

#[test]
fn a_lake_walk_recorded_in_seven_pieces_counts_only_what_was_walked() {
    for path in [
        "gpxpy/cerknicko-jezero.gpx",
        "gpxpy/cerknicko-jezero-without-elevations.gpx",
    ] {
        let stretches = shared(path).stretches();
        let f = stretches.figures();
        // Seven non-empty segments, 4 577 m walked (geographiclib; gpxpy 4 580 m), and the
        // three pauses of 9, 19 and 25 m walked through: 4 630 m. Joined by the jumps of
        // 1.4, 2.3 and 5.4 km it was 13 676 m (+199 %).
        assert!((f.length_m - 4_630.0).abs() < 10.0, "{path}: {f:?}");
        assert_eq!(
            stretches.gaps().map(|g| g.to_string()).as_deref(),
            Some("7 segments; 3 gaps of more than 50 m not counted as walked"),
            "{path}"
        );
    }
}

#[test]
fn a_file_with_one_track_point_and_two_routes_is_walked_along_its_routes() {
    // gpxpy's GPX 1.0 and 1.1 samples: a track of one point, routes of 3 and 2 points.
    for path in ["gpxpy/gpx1.0_with_all_fields.gpx", "gpxpy/gpx1.1_with_all_fields.gpx"] {
        let file = shared(path);
        assert_eq!(file.line().len(), 5, "{path}");
        assert!(file.walkable(path).is_ok(), "{path}");
    }
}

#[test]
fn a_summit_between_far_apart_points_keeps_its_height() {
    // Kilimanjaro in 9 points 6.7 km apart: 1 819.3 m to the summit at 5 868.4 m and down to
    // 1 637.9 m. gpxpy, averaging each point with its neighbours, counts 3 004 m up and
    // 3 185 m down; the file climbs 4 049.1 m and descends 4 230.5 m.
    let f = figures("georust-gpx/outdooractive-export.gpx");
    assert_eq!((f.ascent_m, f.descent_m), (4049.0, 4231.0));
}

#[test]
fn the_stevenson_first_day_climbs_about_what_smoothing_tools_say() {
    // One point every 220 m, elevations read from a model along a drawn line. gpxpy:
    // 742 m up, 424 m down. Unsmoothed, with the 5 m threshold alone, we counted 955 m up
    // (1.29 x) and 632 m down (1.49 x).
    let f = figures("regional/stevenson-J1-le-puy-to-le-cros.gpx");
    assert!((742.0..=742.0 * 1.2).contains(&f.ascent_m), "{f:?}");
    assert!((424.0..=424.0 * 1.35).contains(&f.descent_m), "{f:?}");
}

#[test]
fn a_dense_mountain_recording_keeps_its_climb() {
    // Mojstrovka, a point every 10 m: 1 615 m at the Vrsic pass to 2 057 m and back down to
    // 1 644 m. gpxpy: 446 m up, 418 m down; unsmoothed we counted 467 and 436.
    let f = figures("gpxpy/Mojstrovka.gpx");
    assert!((f.ascent_m / 446.0 - 1.0).abs() <= 0.1, "{f:?}");
    assert!((f.descent_m / 418.0 - 1.0).abs() <= 0.1, "{f:?}");
}

#[test]
fn a_flat_walk_with_a_noisy_model_stays_nearly_flat() {
    // GPSies, a point every 166 m between 297 and 317 m, starting and ending at 305 m.
    // gpxpy: 34 m up and down; unsmoothed we counted 75 m.
    let f = figures("georust-gpx/gpsies_example.gpx");
    assert!(f.ascent_m <= 55.0 && f.descent_m <= 55.0, "{f:?}");
}

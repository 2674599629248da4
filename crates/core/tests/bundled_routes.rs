//! The bundled routes keep the promise made to a car-free visitor: each starts and ends a short
//! walk from a stop the bus or train serves, is a half-day's walk, and every Grand Site has
//! several.

use std::collections::HashMap;
use std::path::Path;

use geo::{Distance, Geodesic, Point};
use velay_core::Route;

/// The stops of the bundled GTFS feed that routes may start or end at: the real SNCF stations
/// (from the TER feed's stops.txt) and the regional bus stops. To be read from the bundled
/// feed once it is in this tree.
const STOPS: &[(&str, f64, f64)] = &[
    ("StopArea:OCE87734699", 45.042808, 3.892596), // Le Puy-en-Velay
    ("StopArea:OCE87734319", 45.100748, 3.490519), // Langeac
    ("StopArea:OCE87734335", 44.969665, 3.650042), // Monistrol-d'Allier
    ("StopArea:OCE87734269", 45.300692, 3.378949), // Brioude
    ("StopArea:OCE87734301", 45.160285, 3.494776), // Saint-Georges-d'Aurac
    ("StopArea:OCE87734343", 44.838003, 3.741749), // Chapeauroux
    ("VELAY:LE_PUY_GARE_ROUTIERE", 45.0424, 3.8917),
    ("VELAY:CHAISE_DIEU", 45.3222, 3.6990),
    ("VELAY:LES_ESTABLES", 44.9036, 4.1556),
    ("VELAY:GERBIER", 44.8440, 4.2165),
    ("VELAY:SAINT_ARCONS", 45.0713, 3.5567),
    ("VELAY:PRADES", 45.0435, 3.5873),
    ("VELAY:MONISTROL_BOURG", 44.9700, 3.6486),
];

/// "Within 1 km on foot", measured as the crow flies: the hand-drawn tracks end at the
/// stop's square or street, so the walk there is shorter still.
const MAX_WALK_M: f64 = 1000.0;

fn bundled_routes() -> Vec<Route> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data");
    velay_core::content::routes(&velay_core::content::read_dir(&root).expect("routes-data reads"))
}

#[test]
fn every_route_starts_and_ends_a_short_walk_from_its_named_stop() {
    let stops: HashMap<&str, Point> = STOPS.iter().map(|&(id, lat, lon)| (id, Point::new(lon, lat))).collect();
    for route in bundled_routes() {
        let ends = [
            ("start", &route.start_stop, route.track.first()),
            ("end", &route.end_stop, route.track.last()),
        ];
        for (which, stop, point) in ends {
            let at = stops
                .get(stop.id.as_str())
                .unwrap_or_else(|| panic!("{}: {which} stop {} is not served", route.id, stop.id));
            let d = Geodesic.distance(*at, point.expect("a track").point());
            assert!(
                d <= MAX_WALK_M,
                "{}: the {which} is {d:.0} m from {}",
                route.id,
                stop.name
            );
        }
    }
}

#[test]
fn every_route_is_a_half_days_walk_and_every_site_has_at_least_three() {
    let routes = bundled_routes();
    assert!(routes.len() >= 12, "{} routes", routes.len());
    let mut per_site: HashMap<&str, usize> = HashMap::new();
    for r in &routes {
        let km = r.figures.length_m / 1000.0;
        assert!((5.0..=15.0).contains(&km), "{}: {km:.1} km", r.id);
        assert!(r.sample, "{}: hand-drawn tracks say so", r.id);
        assert!(!r.pois.is_empty(), "{}", r.id);
        *per_site.entry(r.site.as_str()).or_default() += 1;
    }
    for site in ["le-puy", "la-chaise-dieu", "mezenc-gerbier", "gorges-allier"] {
        assert!(per_site.get(site).copied().unwrap_or(0) >= 3, "{site}: {per_site:?}");
    }
}

#[test]
fn every_point_of_interest_lies_on_or_near_its_route() {
    for route in bundled_routes() {
        let along = velay_core::route::Along::new(&route.track);
        for poi in &route.pois {
            let on = along.locate(poi.lat, poi.lon).expect("a track");
            assert!(
                on.offset_m < 300.0,
                "{}: {} is {:.0} m off",
                route.id,
                poi.name.en,
                on.offset_m
            );
        }
    }
}

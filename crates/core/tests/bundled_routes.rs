//! The bundled routes keep the promise made to a car-free visitor: each starts and ends a short
//! walk from the stop it names, as the bundled timetable places that stop; each is a half-day's
//! walk on paths a walker can take; its points of interest are on the way; and every Grand Site
//! has several.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use geo::{Distance, Geodesic, Point};
use velay_core::planner::Planner;
use velay_core::route::{read_track, Along, TrackPoint};
use velay_core::{Content, Route, Timetable};

/// "Within 1 km on foot", measured as the crow flies: the hand-drawn tracks end at the
/// stop's square or street, so the walk there is shorter still.
const MAX_WALK_M: f64 = 1000.0;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")
}

fn bundled_content() -> Vec<Content> {
    velay_core::content::read_dir(&root()).expect("routes-data reads")
}

fn bundled_routes() -> Vec<Route> {
    velay_core::content::routes(&bundled_content())
}

/// The bundled feed, as the app and the server import it: its stops.txt places the stops.
fn bundled_timetable() -> Timetable {
    Timetable::import(root().join("gtfs"))
        .expect("the bundled feed imports")
        .timetable
}

#[test]
fn every_route_starts_and_ends_a_short_walk_from_the_stop_it_names_in_the_feed() {
    let tt = bundled_timetable();
    for route in bundled_routes() {
        let ends = [
            ("start", &route.start_stop, route.track.first()),
            ("end", &route.end_stop, route.track.last()),
        ];
        for (which, named, point) in ends {
            let stop = tt
                .stop_by_id(&named.id)
                .map(|i| tt.stop(i))
                .unwrap_or_else(|| panic!("{}: {which} stop {} is not in gtfs/stops.txt", route.id, named.id));
            // The feed may name a stop more fully ("Les Estables – Bourg"), never otherwise.
            assert!(
                stop.name.starts_with(&named.name),
                "{}: the {which} stop is {:?} in the feed, {:?} in route.toml",
                route.id,
                stop.name,
                named.name
            );
            let at = Point::new(stop.lon, stop.lat);
            let d = Geodesic.distance(at, point.expect("a track").point());
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
fn every_route_is_a_half_days_walk_and_every_grand_site_has_at_least_three() {
    let content = bundled_content();
    let routes = velay_core::content::routes(&content);
    assert!(routes.len() >= 19, "{} routes", routes.len());
    let mut per_site: HashMap<&str, usize> = HashMap::new();
    for r in &routes {
        let km = r.figures.length_m / 1000.0;
        assert!((5.0..=15.0).contains(&km), "{}: {km:.1} km", r.id);
        assert!(r.sample, "{}: hand-drawn tracks say so", r.id);
        assert!(!r.pois.is_empty(), "{}", r.id);
        *per_site.entry(r.site.as_str()).or_default() += 1;
    }
    let sites: Vec<&str> = content
        .iter()
        .filter_map(|c| match c {
            Content::Site(s) => Some(s.id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(sites, ["le-puy", "la-chaise-dieu", "mezenc-gerbier", "gorges-allier"]);
    for site in sites {
        assert!(per_site.get(site).copied().unwrap_or(0) >= 3, "{site}: {per_site:?}");
    }
}

/// A week of the summer season, without a public holiday: Monday 6 to Sunday 12 July 2026.
fn a_summer_week() -> impl Iterator<Item = NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 7, 6).unwrap().iter_days().take(7)
}

/// True when something leaves `stop_id` on each day of the summer week.
fn served_every_day(planner: &Planner, stop_id: &str) -> bool {
    let Some(stop) = planner.timetable().stop_by_id(stop_id) else {
        return false;
    };
    a_summer_week().all(|date| {
        planner
            .departures(stop, date, NaiveTime::MIN, 1)
            .first()
            .is_some_and(|d| d.time.date_naive() == date)
    })
}

/// Served, not yet reachable: whether a visitor can get there and back on each day is the
/// content check's matrix; this says at least that a stop is not a dead one on some weekday.
#[test]
fn every_grand_site_has_three_walks_from_stops_served_every_day_of_the_week() {
    let tt = Planner::new(bundled_timetable());
    assert_eq!(a_summer_week().last().unwrap().weekday(), Weekday::Sun);
    let mut per_site: HashMap<String, Vec<String>> = HashMap::new();
    for r in bundled_routes() {
        if served_every_day(&tt, &r.start_stop.id) && served_every_day(&tt, &r.end_stop.id) {
            per_site.entry(r.site.clone()).or_default().push(r.id.clone());
        }
    }
    for site in ["le-puy", "la-chaise-dieu", "mezenc-gerbier", "gorges-allier"] {
        let n = per_site.get(site).map_or(0, Vec::len);
        assert!(n >= 3, "{site}: {n} routes served every day: {per_site:?}");
    }
}

#[test]
fn every_point_of_interest_lies_on_or_near_its_route() {
    for route in bundled_routes() {
        let along = Along::new(&route.track);
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

/// The steepest climb or descent of a track over any stretch of at least `span_m`, as a
/// fraction (0.2 is 20 %).
fn steepest(track: &[TrackPoint], span_m: f64) -> f64 {
    let along: Vec<(f64, f64)> = track
        .iter()
        .scan((0.0, None::<TrackPoint>), |(d, prev), p| {
            if let Some(q) = prev {
                *d += Geodesic.distance(q.point(), p.point());
            }
            *prev = Some(*p);
            Some((*d, p.ele().unwrap_or(f64::NAN)))
        })
        .collect();
    let mut worst: f64 = 0.0;
    for (i, &(d0, e0)) in along.iter().enumerate() {
        if let Some(&(d1, e1)) = along[i..].iter().find(|(d, _)| d - d0 >= span_m) {
            worst = worst.max(((e1 - e0) / (d1 - d0)).abs());
        }
    }
    worst
}

#[test]
fn no_track_climbs_a_slope_no_path_takes() {
    // A steep hiking path, such as the zigzags up the Gerbier de Jonc, climbs about 20 % over
    // 100 m; scree straight up the dome would be 80 %.
    for route in bundled_routes() {
        let s = steepest(&route.track, 100.0);
        assert!(s <= 0.30, "{}: {:.0} % over 100 m", route.id, s * 100.0);
    }
}

#[test]
fn the_gerbier_summit_is_reached_by_a_path_of_switchbacks() {
    let route = bundled_routes().into_iter().find(|r| r.id == "mezenc-gerbier").unwrap();
    // The summit, 1 551 m (IGN, as Wikipedia gives it).
    let summit = Point::new(4.2200, 44.8444);
    let top = route
        .track
        .iter()
        .position(|p| Geodesic.distance(p.point(), summit) < 30.0)
        .expect("the track reaches the summit");
    // Back down the track to the stop at the foot of the dome.
    let stop = Point::new(4.2165, 44.8440);
    let foot = route.track[..top]
        .iter()
        .rposition(|p| Geodesic.distance(p.point(), stop) < 30.0)
        .expect("the way up starts at the stop");
    let path = &route.track[foot..=top];
    let length: f64 = path
        .windows(2)
        .map(|w| Geodesic.distance(w[0].point(), w[1].point()))
        .sum();
    let climb = path.last().unwrap().ele().unwrap() - path[0].ele().unwrap();
    assert!(
        (650.0..=900.0).contains(&length),
        "{length:.0} m from the stop to the summit"
    );
    assert!((120.0..=150.0).contains(&climb), "{climb:.0} m of climb");
    assert!(steepest(path, 50.0) <= 0.35, "{:.0} %", steepest(path, 50.0) * 100.0);
}

/// The real first day of the GR 70 (Le Puy to Le Cros), from the team's shared test data: its
/// licence is unclear, so it is read here to check our own drawing against, never shipped.
fn real_gr70_day_one() -> Vec<TrackPoint> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/gpx/regional/stevenson-J1-le-puy-to-le-cros.gpx");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the team's shared test data is expected beside the project)",
            path.display()
        )
    });
    read_track("stevenson-J1", &bytes).expect("the real GR 70 day 1 reads")
}

#[test]
fn the_stevenson_route_follows_the_real_gr_70_out_of_le_puy_to_coubon() {
    let route = bundled_routes()
        .into_iter()
        .find(|r| r.id == "puy-stevenson-coubon")
        .unwrap();
    let real = real_gr70_day_one();
    let gr70 = Along::new(&real);
    let near = route
        .track
        .iter()
        .filter(|p| gr70.locate(p.lat(), p.lon()).expect("a track").offset_m <= 150.0)
        .count();
    let share = near as f64 / route.track.len() as f64;
    assert!(
        share >= 0.9,
        "{:.0} % of the track within 150 m of the GR 70",
        share * 100.0
    );
    // It turns back at the Loire at Coubon, south-east of Le Puy, not at Brives-Charensac.
    let turn = route.track.iter().min_by(|a, b| a.lat().total_cmp(&b.lat())).unwrap();
    let coubon = Point::new(3.9170, 44.9972);
    assert!(Geodesic.distance(turn.point(), coubon) < 300.0, "{turn:?}");
}

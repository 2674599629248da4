//! Places: every stop the content names is in the feed under the same name, a route starts
//! and ends near the stops it names, and a meeting point is as far from its stop as it says.

use crate::greeter::Greeter;
use crate::route::StopRef;
use crate::timetable::straight_m;
use crate::{Route, Timetable};

use super::finding::Finding;

/// A route's first and last points lie at most this far, in a straight line, from the stops
/// it names (about 15 minutes on foot), as routes-data/README.md promises.
pub const ROUTE_END_MAX_M: f64 = 1000.0;

/// The pace a meeting point's `walk_minutes` is checked at: 4.5 km/h, in metres per minute.
pub const CHECK_WALK_M_PER_MIN: f64 = 4500.0 / 60.0;

/// The minutes on foot a meeting point `distance_m` from its stop (in a straight line) may
/// say: at least the straight line at 4.5 km/h, less one minute for rounding (nobody walks
/// through houses); at most twice that plus three minutes (streets wind, a station has a
/// forecourt and a road to cross).
///
/// # Examples
/// ```
/// use velay_core::check::walk_minutes_range;
/// // 291 m: at least 2 minutes, at most 11; "1 min" is too short.
/// assert_eq!(walk_minutes_range(291.0), (2, 11));
/// ```
pub fn walk_minutes_range(distance_m: f64) -> (u32, u32) {
    let straight = distance_m / CHECK_WALK_M_PER_MIN;
    let min = (straight.floor() as u32).saturating_sub(1);
    let max = (2.0 * straight).ceil() as u32 + 3;
    (min, max)
}

/// The stop a piece of content names, if the feed has it under that name; findings otherwise.
fn named_stop<'t>(
    tt: &'t Timetable,
    item: &str,
    stop: &StopRef,
    out: &mut Vec<Finding>,
) -> Option<&'t crate::timetable::Stop> {
    let Some(idx) = tt.stop_by_id(&stop.id) else {
        out.push(Finding::UnknownStop {
            item: item.into(),
            stop: stop.id.clone(),
        });
        return None;
    };
    let feed = tt.stop(idx);
    if feed.name != stop.name {
        out.push(Finding::StopNameDiffers {
            item: item.into(),
            stop: stop.id.clone(),
            content: stop.name.clone(),
            feed: feed.name.clone(),
        });
    }
    feed.has_position().then_some(feed)
}

/// The place findings of routes and greeters' meeting points.
pub fn check_places(tt: &Timetable, routes: &[Route], greeters: &[Greeter]) -> Vec<Finding> {
    let mut out = Vec::new();
    for route in routes {
        let item = format!("route {}", route.id);
        let ends = [
            ("start", &route.start_stop, route.track.first()),
            ("end", &route.end_stop, route.track.last()),
        ];
        for (end, stop, point) in ends {
            let Some(feed) = named_stop(tt, &item, stop, &mut out) else {
                continue;
            };
            let Some(point) = point else { continue };
            let distance_m = straight_m((point.lat(), point.lon()), (feed.lat, feed.lon));
            if distance_m > ROUTE_END_MAX_M {
                out.push(Finding::FarFromStop {
                    item: item.clone(),
                    end: end.into(),
                    stop: stop.id.clone(),
                    name: feed.name.clone(),
                    distance_m,
                    max_m: ROUTE_END_MAX_M,
                });
            }
        }
    }
    for greeter in greeters {
        for point in &greeter.meeting_points {
            let item = format!("greeter {}, meeting point {}", greeter.id, point.id);
            let Some(feed) = named_stop(tt, &item, &point.stop, &mut out) else {
                continue;
            };
            let distance_m = straight_m((point.lat, point.lon), (feed.lat, feed.lon));
            let (min, max) = walk_minutes_range(distance_m);
            if !(min..=max).contains(&u32::from(point.walk_minutes)) {
                out.push(Finding::WalkMinutes {
                    item,
                    stop: point.stop.id.clone(),
                    stated: point.walk_minutes,
                    distance_m,
                    min,
                    max,
                });
            }
        }
    }
    // Duplicates come from a stop named at both ends of a route.
    out.dedup();
    out
}

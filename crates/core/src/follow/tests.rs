//! Following as a walker lives it: on a loop, out and back, with a noisy receiver, stopping
//! for lunch, straying from the path.

use std::time::Duration;

use super::*;
use crate::route::{Difficulty, Figures, GpxPoint, Poi, Route, StopRef, TrackPoint};
use crate::Text;

fn route(track: Vec<TrackPoint>, pois: &[(f64, f64)]) -> Route {
    let stop = StopRef {
        id: "StopArea:OCE87734699".into(),
        name: "Le Puy-en-Velay".into(),
    };
    Route {
        id: "test".into(),
        site: "le-puy".into(),
        name: Text::default(),
        summary: Text::default(),
        difficulty: Difficulty::Easy,
        themes: vec![],
        sample: true,
        start_stop: stop.clone(),
        end_stop: stop,
        pois: pois
            .iter()
            .map(|&(lat, lon)| Poi {
                name: Text::default(),
                text: Text::default(),
                lat,
                lon,
            })
            .collect(),
        figures: Figures::of(&track),
        track,
    }
}

/// 2 km due north of Langeac station and back the same way, flat.
fn out_and_back() -> Route {
    let track = vec![
        TrackPoint(45.1007, 3.4905, Some(500.0)),
        TrackPoint(45.1097, 3.4905, Some(500.0)),
        TrackPoint(45.1187, 3.4905, Some(500.0)),
        TrackPoint(45.1097, 3.4905, Some(500.0)),
        TrackPoint(45.1007, 3.4905, Some(500.0)),
    ];
    // A chapel 1 km north, passed twice; a viewpoint at the far end.
    route(track, &[(45.1097, 3.4907), (45.1187, 3.4905)])
}

fn fix(lat: f64, lon: f64, accuracy_m: f64, minute: i64) -> Fix {
    Fix {
        lat,
        lon,
        accuracy_m,
        time_ms: 1_700_000_000_000 + minute * 60_000,
    }
}

fn bundled(id: &str) -> Route {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data");
    crate::content::routes(&crate::content::read_dir(&root).expect("routes-data reads"))
        .into_iter()
        .find(|r| r.id == id)
        .expect("the route is bundled")
}

#[test]
fn a_simulated_walk_round_a_loop_goes_from_start_to_end_without_an_alarm() {
    let route = bundled("puy-ville-haute");
    let mut follower = Follower::new(&route);
    let mut walk = SimulatedWalk::new(&route.track, 1.1, Duration::from_secs(5), 4.0, 7);
    let mut last = None;
    let mut furthest: f64 = 0.0;
    while let Some(t) = walk.next_fix() {
        let (progress, event) = follower.update(&t.fix);
        assert_eq!(event, None, "at {:.0} m", progress.done_m);
        assert!(
            progress.done_m + 60.0 >= furthest,
            "jumped back from {furthest} to {}",
            progress.done_m
        );
        furthest = furthest.max(progress.done_m);
        last = Some(progress);
    }
    let last = last.unwrap();
    assert!(last.left_m < 10.0, "{last:?}");
    assert!(last.time_left_min < 1.0, "{last:?}");
}

#[test]
fn on_the_way_back_of_an_out_and_back_path_progress_does_not_jump_to_the_way_out() {
    let route = out_and_back();
    let mut follower = Follower::new(&route);
    let mut minute = 0;
    for lat in [45.1007, 45.1052, 45.1097, 45.1142, 45.1187, 45.1142, 45.1097, 45.1052] {
        follower.update(&fix(lat, 3.49052, 5.0, minute));
        minute += 7;
    }
    let (p, _) = follower.update(&fix(45.1030, 3.49052, 5.0, minute));
    assert!((p.done_m - 3_740.0).abs() < 20.0, "{p:?}");
    assert!(p.left_m < 300.0);
}

#[test]
fn one_wild_fix_raises_no_alarm_but_three_in_a_row_do_and_coming_back_is_told() {
    let route = out_and_back();
    let mut follower = Follower::new(&route);
    follower.update(&fix(45.1007, 3.4905, 5.0, 0));
    // 100 m east of the path, once: nothing.
    let (p, event) = follower.update(&fix(45.1030, 3.4918, 5.0, 1));
    assert_eq!(event, None);
    assert!(!p.off_route);
    assert!(p.done_m < 1.0, "an off-route fix does not move progress: {p:?}");
    follower.update(&fix(45.1040, 3.4905, 5.0, 2));
    // Then three in a row: the alert, once.
    let events: Vec<_> = (3..7)
        .map(|m| follower.update(&fix(45.1050, 3.4920, 5.0, m)).1)
        .collect();
    assert!(
        matches!(events[..], [None, None, Some(FollowEvent::OffRoute { .. }), None]),
        "{events:?}"
    );
    let (p, event) = follower.update(&fix(45.1060, 3.4906, 5.0, 8));
    assert_eq!(event, Some(FollowEvent::BackOnRoute));
    assert!(!p.off_route);
}

#[test]
fn a_poor_fix_is_given_room_before_it_counts_as_off_route() {
    assert_eq!(off_route_threshold_m(4.0), 25.0);
    assert_eq!(off_route_threshold_m(30.0), 75.0);
    let route = out_and_back();
    let mut follower = Follower::new(&route);
    // 60 m east of the path, with a 30 m accuracy, three times: still on route.
    for m in 0..4 {
        let (p, event) = follower.update(&fix(45.1030 + m as f64 * 0.0005, 3.49126, 30.0, m));
        assert_eq!(event, None);
        assert!(!p.off_route && p.offset_m > 50.0, "{p:?}");
    }
}

#[test]
fn time_left_follows_the_walkers_own_pace() {
    let route = out_and_back();
    let mut follower = Follower::new(&route);
    let (p, _) = follower.update(&fix(45.1007, 3.4905, 5.0, 0));
    // DIN: 4 km flat is one hour.
    assert!((p.time_left_min - 60.0).abs() < 1.0, "{p:?}");
    // 1 km in 30 minutes: half the DIN pace, so the 3 km left take 90 minutes.
    let (p, _) = follower.update(&fix(45.1097, 3.4905, 5.0, 30));
    assert!((p.time_left_min - 90.0).abs() < 2.0, "{p:?}");
    assert_eq!(
        p.eta_ms,
        fix(0.0, 0.0, 0.0, 30).time_ms + (p.time_left_min * 60_000.0) as i64
    );
}

#[test]
fn the_next_point_of_interest_is_the_next_one_ahead() {
    let route = out_and_back();
    let mut follower = Follower::new(&route);
    let (p, _) = follower.update(&fix(45.1007, 3.4905, 5.0, 0));
    let next = p.next_poi.unwrap();
    assert_eq!(next.index, 0);
    assert!((next.distance_m - 1_000.0).abs() < 5.0, "{next:?}");
    let (p, _) = follower.update(&fix(45.1120, 3.4905, 5.0, 15));
    assert_eq!(p.next_poi.unwrap().index, 1);
}

#[test]
fn a_gpx_replay_keeps_the_recorded_rhythm_at_the_chosen_speed() {
    let points: Vec<GpxPoint> = (0..4)
        .map(|i| GpxPoint {
            time_ms: Some(1_000_000 + i * 10_000),
            ..GpxPoint::new(45.0 + i as f64 * 1e-4, 3.9, None)
        })
        .collect();
    let mut replay = GpxReplay::new(&points, 10.0, 0);
    assert_eq!(replay.next_fix().unwrap().wait, Duration::ZERO);
    assert_eq!(replay.next_fix().unwrap().wait, Duration::from_secs(1));
    replay.set_speed(100.0);
    let t = replay.next_fix().unwrap();
    assert_eq!((t.wait, t.fix.time_ms), (Duration::from_millis(100), 1_020_000));
    assert!(replay.next_fix().is_some() && replay.next_fix().is_none());
}

#[test]
fn a_drawn_route_with_no_times_replays_at_walking_pace() {
    let route = out_and_back();
    let points: Vec<GpxPoint> = route
        .track
        .iter()
        .map(|p| GpxPoint::new(p.lat(), p.lon(), p.ele()))
        .collect();
    let mut replay = GpxReplay::new(&points, 1.0, 0);
    replay.next_fix();
    let t = replay.next_fix().unwrap();
    // 1 km at 4 km/h: 15 minutes.
    assert!((t.wait.as_secs_f64() - 900.0).abs() < 2.0, "{t:?}");
}

#[test]
fn the_first_fix_at_the_start_of_a_loop_is_the_start_not_the_arrival() {
    let route = bundled("chaise-dieu-abbaye");
    let start = route.track[0];
    let (p, _) = Follower::new(&route).update(&fix(start.lat(), start.lon(), 5.0, 0));
    assert!(p.done_m < 1.0 && p.left_m > 5_000.0, "{p:?}");
}

#[test]
fn a_walker_half_way_is_told_when_to_leave_for_the_last_bus_and_warned_when_it_gets_tight() {
    let route = out_and_back();
    let mut follower = Follower::new(&route);
    follower.update(&fix(45.1007, 3.4905, 5.0, 0));
    // 2 km done in 30 minutes (DIN pace): 30 minutes left.
    let (p, _) = follower.update(&fix(45.1187, 3.4905, 5.0, 30));
    assert!((p.time_left_min - 30.0).abs() < 1.0, "{p:?}");
    let bus = TimeOfDay::hm(17, 42);
    let relaxed = p.last_departure_margin(TimeOfDay::hm(15, 0), bus, 5, 30);
    assert_eq!(relaxed.leave_by.map(TimeOfDay::hhmm).as_deref(), Some("17:07"));
    assert!(!relaxed.alert);
    let tight = p.last_departure_margin(TimeOfDay::hm(16, 50), bus, 5, 30);
    assert_eq!(tight.margin_min, 17);
    assert!(tight.alert);
}

#[test]
fn a_walker_off_the_path_is_told_which_way_the_track_is() {
    // The path runs due north; the walker is about 200 m east of it, then west of it.
    let route = out_and_back();
    let mut follower = Follower::new(&route);
    follower.update(&fix(45.1007, 3.4905, 5.0, 0));
    let mut last = None;
    for m in 1..4 {
        last = Some(follower.update(&fix(45.1050, 3.4930, 5.0, m)).0);
    }
    let p = last.unwrap();
    assert!(p.off_route && (p.offset_m - 197.0).abs() < 5.0, "{p:?}");
    let bearing = p.bearing_to_track_deg.expect("a direction when off the path");
    assert!((bearing - 270.0).abs() < 1.0, "the track is due west: {bearing}");
    assert_eq!(Compass::from_bearing(bearing), Compass::West);
    // South-east of the start: the track's start is to the north-west.
    let (p, _) = follower.update(&fix(45.0990, 3.4930, 5.0, 5));
    assert_eq!(
        p.bearing_to_track_deg.map(Compass::from_bearing),
        Some(Compass::NorthWest),
        "{p:?}"
    );
    // On the path, no direction.
    let (p, _) = follower.update(&fix(45.1060, 3.4905, 5.0, 6));
    assert_eq!(p.bearing_to_track_deg, None, "{p:?}");
}

#[test]
fn a_simulated_walker_told_to_step_off_the_path_raises_the_alert_and_stepping_back_lowers_it() {
    let route = bundled("puy-polignac");
    let mut follower = Follower::new(&route);
    let mut walk = SimulatedWalk::new(&route.track, 1.1, Duration::from_secs(5), 3.0, 11);
    let mut events = Vec::new();
    let mut offsets = Vec::new();
    for i in 0..60 {
        match i {
            20 => walk.set_deviation_m(300.0),
            40 => walk.set_deviation_m(0.0),
            _ => {}
        }
        let Some(t) = walk.next_fix() else { break };
        let (p, e) = follower.update(&t.fix);
        offsets.push(p.offset_m);
        events.extend(e);
    }
    assert!(
        matches!(events[..], [FollowEvent::OffRoute { .. }, FollowEvent::BackOnRoute]),
        "{events:?}"
    );
    // Walking parallel to the path, 300 m to its right: less from where the winding path
    // through town bends towards the walker, but always well beyond the threshold.
    let away = &offsets[25..40];
    assert!(away.iter().all(|&o| o > 75.0 && o < 320.0), "{away:?}");
    assert!(offsets[45..].iter().all(|&o| o < 25.0), "{:?}", &offsets[45..]);
}

//! Following a route: where the walker is, how far and how long is left, the next point of
//! interest, and a word when they are back on the path (the off-route alert itself is the
//! frame's, on every page: `off_route.rs`). The walk itself runs in the app (`following.rs`),
//! so that it goes on while the walker looks at another page. Below, the controls of the
//! position source: the replay's speed, the simulation's detours, or gpsd's address.

use chrono::TimeZone;
use dioxus::prelude::*;
use velay_core::clock::ZONE;
use velay_core::follow::{departure_margin, FollowEvent, Progress, TimeOfDay};
use velay_core::{Lang, Route};

use super::last_departure::{ALERT_BELOW_MIN, BUFFER_MIN};
use super::{use_site_map, LastDeparture, ProfilePlot, RouteMap, Walker};
use crate::following::PositionChoice;
use crate::i18n::{distance, duration, km, step_off, t, Msg};
use crate::nav::Page;
use crate::state::use_app;
use velay_core::maps::MapPack;

/// Replay speeds offered, as multiples of walking in real time.
const SPEEDS: [f64; 4] = [1.0, 10.0, 60.0, 300.0];
/// How far the simulation's walker can be sent off the path, metres: under the off-route
/// threshold (no alert), and well beyond it.
const DETOURS: [f64; 3] = [20.0, 120.0, 300.0];

#[component]
pub fn FollowScreen(id: String) -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let mut walk = state.following;
    // Read from the store once per route (and content change), not at each position tick.
    let reader = state.clone();
    let route = use_memo(use_reactive((&id,), move |(id,)| reader.route(&id)))();
    // The walk belongs to the app: coming back to its page finds it where it was.
    let starter = state.clone();
    use_effect(use_reactive!(|id| {
        let mut walk = walk;
        if walk.follows(&id) {
            return;
        }
        if let Ok(Some(r)) = starter.route(&id) {
            walk.start(r, starter.clock);
        }
    }));
    let Some(route) = route? else {
        return rsx! { p { class: "empty", {t(lang, Msg::RouteNotFound)} } };
    };
    let back_id = route.id.clone();
    let restart_route = route.clone();
    let now = state.clock.local_now();
    // The last way home is planned again when the route, the day, the home station or the
    // timetable changes, not at each position tick.
    let planning = state.clone();
    let last_departure = use_memo(use_reactive((&id, &now.date()), move |(id, date)| {
        let planner = planning.planner().ok().flatten()?;
        let route = planning.route(&id).ok().flatten()?;
        let home = crate::planning::home_or_default(planner.timetable(), planning.chosen_home().as_deref())?;
        crate::planning::last_departure_home(&planner, &route, &home, date)
    }))();
    let progress = (walk.progress)();
    let margin = last_departure.map(|dep| {
        let now = TimeOfDay(chrono::Timelike::num_seconds_from_midnight(&now.time()));
        match progress {
            Some(p) => p.last_departure_margin(now, dep, BUFFER_MIN, ALERT_BELOW_MIN),
            None => departure_margin(
                now,
                f64::from(route.figures.duration_min),
                dep,
                BUFFER_MIN,
                ALERT_BELOW_MIN,
            ),
        }
    });
    let (mut speed, mut paused, mut deviation) = (walk.speed, walk.paused, walk.deviation_m);
    let clock = state.clock;
    let source = (walk.source)();
    let timed = !matches!(source, PositionChoice::Gpsd { .. });
    let (pack, map_note) = use_site_map(&route.site, lang);
    rsx! {
        button { class: "back", onclick: move |_| { navigator().push(Page::RouteDetailScreen { id: back_id.clone() }); },
            {t(lang, Msg::Back)}
        }
        LastDeparture { margin, lang }
        FollowView { route, progress, position: (walk.position)(), accuracy_m: (walk.accuracy_m)(), heading: (walk.heading)(),
            event: (walk.event)(), lang, pack, map_note }
        section { class: "replay",
            match &source {
                PositionChoice::Replay => rsx! {
                    h3 { {t(lang, Msg::Replay)} }
                    p { class: "note", {t(lang, Msg::ReplayNote)} }
                },
                PositionChoice::Simulate => rsx! {
                    h3 { {t(lang, Msg::Simulation)} }
                    p { class: "note", {t(lang, Msg::SimulationNote)} }
                    div { class: "deviation",
                        for m in DETOURS {
                            button {
                                key: "{m}",
                                "data-testid": "step-off-{m}",
                                class: if deviation() == m { "active" } else { "" },
                                onclick: move |_| deviation.set(m),
                                {step_off(lang, m)}
                            }
                        }
                        button {
                            "data-testid": "back-on-path",
                            class: if deviation() == 0.0 { "active" } else { "" },
                            onclick: move |_| deviation.set(0.0),
                            {t(lang, Msg::BackOnPath)}
                        }
                    }
                },
                PositionChoice::Gpsd { addr } => rsx! {
                    h3 { {t(lang, Msg::Receiver)} }
                    p { class: "note", "{t(lang, Msg::ReceiverNote)} {addr}" }
                    if (walk.source_error)().is_some() {
                        p { class: "error", role: "status", {t(lang, Msg::ReceiverUnreachable)} }
                    }
                },
            }
            if timed {
                div { class: "speeds", "{t(lang, Msg::Speed)} ",
                    for s in SPEEDS {
                        button {
                            key: "{s}",
                            class: if speed() == s { "active" } else { "" },
                            onclick: move |_| speed.set(s),
                            "×{s}"
                        }
                    }
                }
            }
            div { class: "actions",
                if timed {
                    button { onclick: move |_| paused.toggle(),
                        if paused() { {t(lang, Msg::Resume)} } else { {t(lang, Msg::Pause)} }
                    }
                }
                button { onclick: move |_| walk.start(restart_route.clone(), clock), {t(lang, Msg::Restart)} }
            }
        }
    }
}

/// What the walker sees, from plain data, so that it renders in tests.
#[component]
pub fn FollowView(
    route: Route,
    progress: Option<Progress>,
    position: Option<(f64, f64)>,
    /// How sure the last fix is, metres, and the way the walker heads, degrees from north.
    accuracy_m: Option<f64>,
    heading: Option<f64>,
    event: Option<FollowEvent>,
    lang: Lang,
    pack: Option<MapPack>,
    map_note: Option<String>,
) -> Element {
    // Off the route, the frame's alert says so on every page; here, only the way back.
    let back = !progress.is_some_and(|p| p.off_route) && event == Some(FollowEvent::BackOnRoute);
    let length = route.figures.length_m.max(1.0);
    let next = progress.and_then(|p| p.next_poi).and_then(|n| {
        route
            .pois
            .get(n.index)
            .map(|poi| (poi.name.get(lang).to_string(), distance(lang, n.distance_m)))
    });
    rsx! {
        section { class: "follow", "data-route": "{route.id}",
            if back {
                div { class: "banner ok", role: "status", {t(lang, Msg::BackOnRoute)} }
            }
            h2 { "{t(lang, Msg::FollowTitle)} · {route.name.get(lang)}" }
            match progress {
                None => rsx! { p { class: "waiting", {t(lang, Msg::WaitingForPosition)} } },
                Some(p) => rsx! {
                    div { class: "progress-bar",
                        div { class: "filled", style: "width: {100.0 * p.done_m / length:.1}%" }
                    }
                    dl { class: "follow-figures",
                        div { dt { {t(lang, Msg::Done)} } dd { {km(lang, p.done_m)} } }
                        div { dt { {t(lang, Msg::Left)} } dd { {km(lang, p.left_m)} } }
                        div { dt { {t(lang, Msg::TimeLeft)} } dd { {duration(lang, p.time_left_min.round() as u32)} } }
                        div { dt { {t(lang, Msg::ExpectedAt)} } dd { {clock(p.eta_ms)} } }
                    }
                    if p.left_m < 20.0 {
                        p { class: "arrived", {t(lang, Msg::Arrived)} }
                    }
                },
            }
            if let Some((name, at)) = next {
                p { class: "next-poi", "{t(lang, Msg::NextPoi)} " strong { {name} } " · {at}" }
            }
            RouteMap { route: route.clone(), lang, pack, note: map_note, following: true,
                walker: position.map(|(lat, lon)| Walker { lat, lon, accuracy_m: accuracy_m.unwrap_or(10.0), heading }) }
            ProfilePlot { route: route.clone(), lang, done_m: progress.map(|p| p.done_m) }
            if route.sample {
                p { class: "sample", {t(lang, Msg::SampleTrack)} }
            }
        }
    }
}

/// "16:40" in the territory's zone, as every other time on screen.
fn clock(ms: i64) -> String {
    ZONE.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::routes::tests::bundled;
    use velay_core::follow::{Fix, Follower};

    fn walked(route: &Route, fixes: &[(f64, f64)]) -> (Progress, Option<FollowEvent>) {
        let mut follower = Follower::new(route);
        let mut last = None;
        let mut event = None;
        for (i, &(lat, lon)) in fixes.iter().enumerate() {
            let (p, e) = follower.update(&Fix {
                lat,
                lon,
                accuracy_m: 5.0,
                time_ms: 1_700_000_000_000 + i as i64 * 60_000,
            });
            last = Some(p);
            event = e.or(event);
        }
        (last.unwrap(), event)
    }

    fn polignac() -> Route {
        bundled().0.into_iter().find(|r| r.id == "puy-polignac").unwrap()
    }

    #[test]
    fn a_walker_on_the_path_sees_done_left_and_the_next_point_of_interest() {
        let route = polignac();
        let p = route.track[20];
        let (progress, event) = walked(
            &route,
            &[(route.track[0].lat(), route.track[0].lon()), (p.lat(), p.lon())],
        );
        for lang in Lang::ALL {
            let html = dioxus_ssr::render_element(rsx! {
                FollowView { route: route.clone(), progress: Some(progress), position: Some((p.lat(), p.lon())), event, lang }
            });
            assert!(
                html.contains(t(lang, Msg::Done)) && html.contains(&km(lang, progress.done_m)),
                "{html}"
            );
            assert!(html.contains(&km(lang, progress.left_m)));
            let escaped = |s: &str| s.replace('\'', "&#39;");
            assert!(html.contains(&escaped(t(lang, Msg::NextPoi))), "{html}");
            assert!(html.contains(&escaped(route.pois[0].name.get(lang))), "{html}");
            assert!(html.contains("class=\"here\""));
            assert!(!html.contains("banner off"));
        }
    }

    #[test]
    fn off_the_path_the_page_leaves_the_alert_to_the_frame_and_coming_back_is_told() {
        let route = polignac();
        let start = (route.track[0].lat(), route.track[0].lon());
        // 300 m south of the station, three times.
        let away = (start.0 - 0.0027, start.1);
        let (progress, event) = walked(&route, &[start, away, away, away]);
        assert!(progress.off_route && matches!(event, Some(FollowEvent::OffRoute { .. })));
        let html = dioxus_ssr::render_element(rsx! {
            FollowView { route: route.clone(), progress: Some(progress), position: Some(away), event, lang: Lang::En }
        });
        assert!(
            !html.contains("You have left the route") && !html.contains("Back on the route"),
            "the frame's banner says it, once: {html}"
        );
        let (progress, event) = walked(&route, &[start, away, away, away, start]);
        assert_eq!(event, Some(FollowEvent::BackOnRoute));
        let html = dioxus_ssr::render_element(rsx! {
            FollowView { route, progress: Some(progress), position: Some(start), event, lang: Lang::Fr }
        });
        assert!(
            html.contains("banner ok") && html.contains("De retour sur l&#39;itinéraire"),
            "{html}"
        );
    }

    #[test]
    fn before_the_first_fix_the_page_waits_for_a_position() {
        let html = dioxus_ssr::render_element(rsx! {
            FollowView { route: polignac(), progress: None, position: None, event: None, lang: Lang::En }
        });
        assert!(html.contains("Waiting for a position"));
    }
}

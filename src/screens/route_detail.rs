//! A route's page: its track and elevation profile drawn, its figures, its points of interest,
//! the stops at either end, how to get there and back today, and the ways out: follow it,
//! plan the day, see a stop's departures, export it as GPX.

use dioxus::prelude::*;
use velay_core::{Lang, Route};

use super::{use_site_map, Attribution, GettingThere, ProfilePlot, RouteMap};
use crate::i18n::{distance, duration, km, t, Msg};
use crate::nav::Page;
use crate::planning::{home_or_default, plan_day, stop_name};
use crate::state::{use_app, AppError};
use velay_core::maps::MapPack;

#[component]
pub fn RouteDetailScreen(id: String) -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let mut saved = use_signal(|| None::<Result<String, AppError>>);
    let Some(route) = state.route(&id)? else {
        return rsx! { p { class: "empty", {t(lang, Msg::RouteNotFound)} } };
    };
    let site = state
        .sites()
        .ok()
        .and_then(|sites| sites.into_iter().find(|s| s.id == route.site))
        .map(|s| s.name.get(lang).to_string())
        .unwrap_or_default();
    let export = {
        let route = route.clone();
        let state = state.clone();
        move |_| saved.set(Some(state.export_route(&route, lang)))
    };
    let follow_id = route.id.clone();
    let plan_id = route.id.clone();
    let getting_there = state.planner().ok().flatten().and_then(|tt| {
        let home = home_or_default(tt.timetable(), state.chosen_home().as_deref())?;
        let now = state.clock.local_now();
        let today = plan_day(&tt, &route, &home, now.date(), now, lang);
        Some((stop_name(tt.timetable(), &home).unwrap_or(home), today))
    });
    let mut stops = vec![route.start_stop.clone()];
    if route.end_stop.id != route.start_stop.id {
        stops.push(route.end_stop.clone());
    }
    let mut plan_route = state.plan_route;
    let (pack, map_note) = use_site_map(&route.site, lang);
    rsx! {
        button { class: "back", onclick: move |_| crate::nav::go_back(), {t(lang, Msg::Back)} }
        // What a walker standing at the start wants first.
        div { class: "actions top",
            button { class: "primary", "data-testid": "follow",
                onclick: move |_| { navigator().push(Page::FollowScreen { id: follow_id.clone() }); },
                {t(lang, Msg::FollowRoute)}
            }
            button { "data-testid": "plan-day",
                onclick: move |_| {
                    plan_route.set(Some(plan_id.clone()));
                    navigator().push(Page::PlanRouteScreen { id: plan_id.clone() });
                },
                {t(lang, Msg::FullPlan)}
            }
        }
        RouteDetail { route, site, lang, pack, map_note }
        if let Some((home, today)) = getting_there {
            GettingThere { home, today, lang }
            Attribution { lang }
        }
        div { class: "actions",
            for stop in stops {
                button { key: "{stop.id}", class: "departures-link",
                    onclick: move |_| { navigator().push(Page::DeparturesScreen { stop: stop.id.clone() }); },
                    "{t(lang, Msg::DeparturesLink)} {stop.name}"
                }
            }
            button { onclick: export, {t(lang, Msg::ExportGpx)} }
        }
        match saved() {
            Some(Ok(path)) => rsx! { p { class: "saved", role: "status", "{t(lang, Msg::SavedTo)} {path}" } },
            Some(Err(e)) => rsx! { p { class: "error", role: "alert", {e.text(lang)} } },
            None => rsx! {},
        }
    }
}

/// The page itself, from plain data, so that it renders in tests without a store.
#[component]
pub fn RouteDetail(route: Route, site: String, lang: Lang, pack: Option<MapPack>, map_note: Option<String>) -> Element {
    let f = route.figures;
    let distances = route.poi_distances();
    let pois: Vec<(usize, String, String, String)> = route
        .pois
        .iter()
        .zip(&distances)
        .enumerate()
        .map(|(i, (p, d))| {
            (
                i + 1,
                p.name.get(lang).to_string(),
                p.text.get(lang).to_string(),
                distance(lang, *d),
            )
        })
        .collect();
    rsx! {
        article { class: "route-detail", "data-route": "{route.id}",
            div { class: "site", {site} }
            h2 { {route.name.get(lang)} }
            p { class: "figures",
                span { {km(lang, f.length_m)} }
                span { {duration(lang, f.duration_min)} }
                span { "{t(lang, Msg::Ascent)} {f.ascent_m:.0} m" }
                span { "{t(lang, Msg::Descent)} {f.descent_m:.0} m" }
                span { class: "difficulty", {t(lang, Msg::Difficulty(route.difficulty))} }
            }
            if route.sample {
                p { class: "sample", {t(lang, Msg::SampleTrack)} }
            }
            p { class: "summary", {route.summary.get(lang)} }
            h3 { {t(lang, Msg::Map)} }
            RouteMap { route: route.clone(), lang, pack, note: map_note, walker: None }
            ul { class: "stops",
                li { class: "start", "{t(lang, Msg::StartStop)} {route.start_stop.name}" }
                li { class: "end", "{t(lang, Msg::EndStop)} {route.end_stop.name}" }
            }
            h3 { {t(lang, Msg::Profile)} }
            ProfilePlot { route: route.clone(), lang, done_m: None }
            h3 { {t(lang, Msg::PointsOfInterest)} }
            ol { class: "pois",
                for (n, name, text, at) in pois {
                    li { key: "{n}",
                        strong { {name} }
                        span { class: "at", " · {at}" }
                        p { {text} }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::routes::tests::bundled;

    #[test]
    fn a_route_page_draws_its_track_profile_and_stops_and_says_it_is_a_sample() {
        let (routes, _) = bundled();
        let route = routes.into_iter().find(|r| r.id == "estables-mezenc").unwrap();
        for lang in Lang::ALL {
            let html = dioxus_ssr::render_element(rsx! {
                RouteDetail { route: route.clone(), site: "Mézenc".to_string(), lang, pack: None, map_note: None }
            });
            assert!(html.contains("<svg") && html.contains("class=\"track\""), "{html}");
            assert!(html.contains("class=\"elevation\""));
            assert_eq!(html.matches("class=\"poi\"").count(), route.pois.len());
            assert_eq!(html.matches("class=\"poi-mark\"").count(), route.pois.len());
            assert!(html.contains("Les Estables – Bourg"));
            assert!(html.contains(&t(lang, Msg::SampleTrack).replace('\'', "&#39;")));
            assert!(html.contains(t(lang, Msg::Profile)));
            assert!(html.contains(&km(lang, route.figures.length_m)));
            // The summit, about 3 km along.
            assert!(html.contains(route.pois[1].name.get(lang)));
        }
    }

    #[test]
    fn a_track_with_no_elevation_says_so_instead_of_a_flat_plot() {
        let (routes, _) = bundled();
        let mut route = routes[0].clone();
        route.track.iter_mut().for_each(|p| p.2 = None);
        let html = dioxus_ssr::render_element(rsx! {
            RouteDetail { route, site: String::new(), lang: Lang::En, pack: None, map_note: None }
        });
        assert!(html.contains("This track has no elevations."));
    }
}

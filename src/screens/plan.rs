//! Plan a car-free day: from a home station on a date to a route and back, the outbound legs,
//! the walk, the way back and the margin; when the day does not work, why, and a button to the
//! nearest day that does.

use chrono::{NaiveDate, Timelike};
use dioxus::prelude::*;
use velay_core::Lang;

use super::{DatePicker, JourneyLegs};
use crate::i18n::{day, duration, t, Msg};
use crate::nav::Page;
use crate::planning::{home_or_default, plan_day, stations, trip_for, DayAnswer, DayView};
use crate::screens::Attribution;
use crate::state::{use_app, AppError};

/// `/plan`: the first route is picked until the person picks another.
#[component]
pub fn PlanScreen() -> Element {
    rsx! { PlanPage { route: None } }
}

/// `/plan/:id`: the plan page with a route already picked, from the route's own page.
#[component]
pub fn PlanRouteScreen(id: String) -> Element {
    rsx! { PlanPage { route: Some(id) } }
}

#[component]
fn PlanPage(route: Option<String>) -> Element {
    let mut state = use_app();
    let lang = (state.lang)();
    // The territory's now, not the device's: today's plan leaves after it.
    let now = state.clock.local_now();
    // The day and the route last planned, kept by the app; a day gone by is today again.
    let mut date = state.plan_date;
    let day_shown = date().filter(|d| *d >= now.date()).unwrap_or(now.date());
    let mut picked = state.plan_route;
    let (Some(tt), routes) = (state.planner()?, state.routes()?) else {
        return rsx! { p { class: "empty", {t(lang, Msg::NoTimetable)} } };
    };
    let Some(route) = routes
        .iter()
        .find(|r| Some(&r.id) == picked().or(route.clone()).as_ref())
        .or(routes.first())
        .cloned()
    else {
        return rsx! { p { class: "empty", {t(lang, Msg::NoRoutes)} } };
    };
    let home = home_or_default(tt.timetable(), state.chosen_home().as_deref()).unwrap_or_default();
    // Planned again when the route, the home station, the day, the language, the minute or the
    // timetable changes; not at each render (a tap on "keep", a sync that changed nothing).
    let minute = now.with_second(0).unwrap_or(now);
    let planning = state.clone();
    let (route_id, from) = (route.id.clone(), home.clone());
    let answer = use_memo(use_reactive(
        (&route_id, &from, &day_shown, &lang, &minute),
        move |(route_id, from, day, lang, minute)| {
            let (Ok(Some(planner)), Ok(Some(route))) = (planning.planner(), planning.route(&route_id)) else {
                return None;
            };
            plan_day(&planner, &route, &from, day, minute, lang)
        },
    ))();
    let possible = matches!(answer, Some(DayAnswer::Possible(_)));
    let mut kept = use_signal(|| None::<Result<NaiveDate, AppError>>);
    let keep = {
        let (tt, route, home, mut state) = (tt.clone(), route.clone(), home.clone(), state.clone());
        move |_| {
            let saved = trip_for(&tt, &route, &home, day_shown, now)
                .ok_or(AppError::NoWayThere)
                .and_then(|trip| state.save_trip(&trip))
                .map(|_| day_shown);
            kept.set(Some(saved));
        }
    };
    let choices: Vec<(String, String)> = routes
        .iter()
        .map(|r| (r.id.clone(), r.name.get(lang).to_string()))
        .collect();
    rsx! {
        section { class: "plan", "data-route": "{route.id}",
            h2 { {t(lang, Msg::PlanTitle)} }
            div { class: "plan-form",
                label { {t(lang, Msg::HomeStation)}
                    select { "data-testid": "home",
                        onchange: move |e| state.choose_home(e.value()),
                        for s in stations(tt.timetable()) {
                            option { key: "{s.id}", value: "{s.id}", selected: s.id == home, {s.name} }
                        }
                    }
                }
                div { class: "date-field",
                    span { {t(lang, Msg::Date)} }
                    DatePicker { date: day_shown, min: now.date(), lang, on_pick: move |d| date.set(Some(d)) }
                }
                label { {t(lang, Msg::NoteRoute)}
                    select { onchange: move |e| picked.set(Some(e.value())),
                        for (id, name) in choices {
                            option { key: "{id}", value: "{id}", selected: id == route.id, {name} }
                        }
                    }
                }
            }
            match answer {
                Some(answer) => rsx! { DayPlan { answer, lang, on_pick: move |d| date.set(Some(d)) } },
                None => rsx! { p { class: "empty", {t(lang, Msg::NoWayToday)} } },
            }
            // Once kept, the button gives way to where the day went, right where the tap was.
            match kept() {
                Some(Ok(d)) if d == day_shown => rsx! {
                    p { class: "saved", role: "status", "data-testid": "day-kept",
                        "{t(lang, Msg::DayKept)} "
                        Link { class: "big-link", to: Page::TripsScreen {}, "data-testid": "my-trips", {t(lang, Msg::MyTrips)} }
                    }
                },
                Some(Err(e)) => rsx! { p { class: "error", role: "alert", {e.text(lang)} } },
                _ if possible => rsx! {
                    div { class: "actions",
                        button { class: "primary", "data-testid": "keep-day", onclick: keep, {t(lang, Msg::KeepDay)} }
                    }
                },
                _ => rsx! {},
            }
            Attribution { lang }
        }
    }
}

/// The answer for one day, from plain data, so that it renders in tests.
#[component]
pub fn DayPlan(answer: DayAnswer, lang: Lang, on_pick: EventHandler<NaiveDate>) -> Element {
    match answer {
        DayAnswer::Possible(view) => rsx! { DayParts { view, lang } },
        DayAnswer::NotPossible { why, nearest } => rsx! {
            div { class: "not-possible", role: "status",
                p { strong { {t(lang, Msg::NotPossible)} } " {why}" }
                match nearest {
                    Some(view) => {
                        let date = view.date;
                        rsx! {
                            p { class: "nearest", "{t(lang, Msg::NearestDay)} " strong { {day(lang, date)} } }
                            button { class: "primary", "data-testid": "nearest-day", onclick: move |_| on_pick.call(date),
                                {t(lang, Msg::PlanThisDay)}
                            }
                        }
                    }
                    None => rsx! { p { {t(lang, Msg::NoDayNearby)} } },
                }
            }
        },
    }
}

/// The three parts of a day that works, and the margin.
#[component]
pub fn DayParts(view: DayView, lang: Lang) -> Element {
    rsx! {
        div { class: "day-plan",
            p { class: "day", {day(lang, view.date)} }
            h3 { {t(lang, Msg::Outbound)} }
            JourneyLegs { journey: view.outbound, lang }
            h3 { {t(lang, Msg::TheWalk)} }
            p { class: "walk-time", "{view.walk_start} → {view.walk_end} · {duration(lang, view.walk_minutes)}" }
            h3 { {t(lang, Msg::WayBack)} }
            JourneyLegs { journey: view.back, lang }
            p { class: "margin", "{t(lang, Msg::Margin)} {duration(lang, view.margin_minutes)}" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planning::tests::{bundled_planner, date, midnight, route, LYON};

    #[component]
    fn Harness(answer: DayAnswer, lang: Lang) -> Element {
        rsx! { DayPlan { answer, lang, on_pick: move |_| {} } }
    }

    fn render(answer: DayAnswer, lang: Lang) -> String {
        let mut dom = VirtualDom::new_with_props(Harness, HarnessProps { answer, lang });
        dom.rebuild_in_place();
        dioxus_ssr::render(&dom)
    }

    fn escaped(s: &str) -> String {
        s.replace('\'', "&#39;")
    }

    #[test]
    fn a_tuesday_plan_shows_the_way_there_the_walk_the_way_back_and_the_margin_in_both_languages() {
        let tt = bundled_planner();
        for lang in Lang::ALL {
            let answer = plan_day(
                &tt,
                &route("estables-mezenc"),
                LYON,
                date(2026, 12, 1),
                midnight(2026, 11, 26),
                lang,
            )
            .unwrap();
            let DayAnswer::Possible(view) = &answer else {
                panic!("{answer:?}")
            };
            let html = render(answer.clone(), lang);
            for msg in [Msg::Outbound, Msg::TheWalk, Msg::WayBack, Msg::Margin] {
                assert!(html.contains(t(lang, msg)), "{msg:?} in {html}");
            }
            assert!(html.contains(&escaped(t(lang, Msg::SampleTimes))), "{html}");
            assert!(html.contains("Lyon Part Dieu"), "{html}");
            assert!(html.contains(&view.walk_start) && html.contains(&duration(lang, view.margin_minutes)));
            assert!(html.contains(&day(lang, date(2026, 12, 1))));
            assert!(!html.contains("not-possible"));
        }
    }

    #[test]
    fn a_sunday_without_buses_says_why_and_offers_the_nearest_day_as_a_button() {
        let tt = bundled_planner();
        for lang in Lang::ALL {
            let answer = plan_day(
                &tt,
                &route("estables-mezenc"),
                LYON,
                date(2026, 11, 29),
                midnight(2026, 11, 26),
                lang,
            )
            .unwrap();
            let html = render(answer, lang);
            assert!(html.contains(&escaped(t(lang, Msg::NotPossible))), "{html}");
            assert!(html.contains(&escaped(t(lang, Msg::NoWayThere))), "{html}");
            assert!(html.contains(&day(lang, date(2026, 11, 30))), "{html}");
            assert!(
                html.contains(t(lang, Msg::PlanThisDay)) && html.contains("<button"),
                "{html}"
            );
        }
    }
}

//! My trips: the car-free days the visitor kept, offline, each with its rides, the walk, the
//! greeters' meetings of that day and the last way home; opened, followed, exported as one
//! `.ics`, deleted (after asking).

use dioxus::prelude::*;
use uuid::Uuid;
use velay_core::trip::{PartKind, Trip};
use velay_core::Lang;

use crate::i18n::{day, day_time, t, Msg};
use crate::nav::Page;
use crate::state::use_app;

/// A kept day, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct TripView {
    pub id: Uuid,
    pub route: String,
    pub title: String,
    pub day: String,
    /// One line for each ride and walk, in order.
    pub parts: Vec<String>,
    /// The greeters' meetings that day.
    pub meetings: Vec<String>,
}

/// The lines of a kept day, in `lang`.
pub fn trip_view(trip: &Trip, meetings: Vec<String>, lang: Lang) -> TripView {
    let here = |p: &Option<String>, start: bool| {
        p.clone()
            .unwrap_or_else(|| t(lang, if start { Msg::WalkStart } else { Msg::WalkEnd }).to_string())
    };
    let parts = trip
        .parts
        .iter()
        .map(|p| {
            let times = format!("{} → {}", p.departure.format("%H:%M"), p.arrival.format("%H:%M"));
            match &p.kind {
                PartKind::Route => format!("{times} · {} {}", t(lang, Msg::TheWalk), trip.route_name.get(lang)),
                PartKind::Walk => format!(
                    "{times} · {} · {} → {}",
                    t(lang, Msg::ModeWalk),
                    here(&p.from, false),
                    here(&p.to, true)
                ),
                PartKind::Ride { rail, line, sample } => format!(
                    "{times} · {} {line} · {} → {}{}",
                    t(lang, if *rail { Msg::ModeRail } else { Msg::ModeBus }),
                    here(&p.from, false),
                    here(&p.to, true),
                    if *sample {
                        format!(" ({})", t(lang, Msg::SampleTimes))
                    } else {
                        String::new()
                    }
                ),
            }
        })
        .collect();
    TripView {
        id: trip.id,
        route: trip.route.clone(),
        title: trip.route_name.get(lang).to_string(),
        day: format!("{} · {} {}", day(lang, trip.date), t(lang, Msg::FromHome), trip.home),
        parts,
        meetings,
    }
}

#[component]
pub fn TripsScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let mut notice = use_signal(|| None::<String>);
    let trips = state.trips()?;
    let mut views: Vec<TripView> = Vec::with_capacity(trips.len());
    for trip in &trips {
        let meetings = state
            .meetings_on(trip)?
            .iter()
            .map(|m| {
                format!(
                    "{} {} · {}",
                    t(lang, Msg::MeetingWith),
                    m.greeter.name,
                    day_time(lang, m.slot.starts_at())
                )
            })
            .collect();
        views.push(trip_view(trip, meetings, lang));
    }
    let on_export = {
        let state = state.clone();
        move |id: Uuid| {
            let Some(trip) = trips.iter().find(|t| t.id == id) else {
                return;
            };
            notice.set(Some(match state.export_trip(trip, lang) {
                Ok(path) => format!("{} {path}", t(lang, Msg::SavedTo)),
                Err(e) => e.text(lang),
            }));
        }
    };
    let on_delete = {
        let mut state = state.clone();
        move |id: Uuid| notice.set(state.delete_trip(id).err().map(|e| e.text(lang)))
    };
    rsx! {
        section { class: "trips",
            h2 { {t(lang, Msg::MyTrips)} }
            if let Some(n) = notice() { p { class: "notice", role: "status", "data-testid": "trip-notice", "{n}" } }
            TripList { trips: views, lang, on_export, on_delete }
        }
    }
}

/// The list, from plain data, so that it renders in tests.
#[component]
pub fn TripList(
    trips: Vec<TripView>,
    lang: Lang,
    on_export: EventHandler<Uuid>,
    on_delete: EventHandler<Uuid>,
) -> Element {
    let mut asking = use_signal(|| None::<Uuid>);
    if trips.is_empty() {
        return rsx! { p { class: "empty", {t(lang, Msg::NoTrips)} } };
    }
    rsx! {
        ul { class: "trip-list",
            for trip in trips {
                li { key: "{trip.id}", class: "trip", "data-testid": "trip",
                    h3 { {trip.title.clone()} }
                    p { class: "day", {trip.day.clone()} }
                    ol { class: "parts",
                        for (i, part) in trip.parts.iter().enumerate() {
                            li { key: "{i}", {part.clone()} }
                        }
                    }
                    for (i, m) in trip.meetings.iter().enumerate() {
                        p { key: "{i}", class: "meeting", {m.clone()} }
                    }
                    div { class: "actions",
                        button { class: "primary", "data-testid": "trip-follow",
                            onclick: {
                                let route = trip.route.clone();
                                move |_| { navigator().push(Page::FollowScreen { id: route.clone() }); }
                            },
                            {t(lang, Msg::FollowRoute)}
                        }
                        button { "data-testid": "trip-export", onclick: move |_| on_export.call(trip.id), {t(lang, Msg::ExportIcs)} }
                        if asking() == Some(trip.id) {
                            div { class: "confirm-cancel", role: "alertdialog", "data-testid": "confirm-delete",
                                p { {t(lang, Msg::DeleteTripQuestion)} }
                                button { class: "action danger", "data-testid": "delete-yes",
                                    onclick: move |_| { asking.set(None); on_delete.call(trip.id) },
                                    {t(lang, Msg::DeleteYes)}
                                }
                                button { class: "action", "data-testid": "delete-no", onclick: move |_| asking.set(None), {t(lang, Msg::DeleteNo)} }
                            }
                        } else {
                            button { class: "danger", "data-testid": "trip-delete", onclick: move |_| asking.set(Some(trip.id)),
                                {t(lang, Msg::DeleteTrip)}
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planning::tests::{bundled_planner, date, route, LYON};
    use crate::planning::trip_for;

    fn kept(lang: Lang) -> TripView {
        let tt = bundled_planner();
        let now = date(2026, 12, 1).and_hms_opt(6, 0, 0).unwrap();
        let trip = trip_for(&tt, &route("estables-mezenc"), LYON, date(2026, 12, 1), now).expect("a Tuesday works");
        trip_view(
            &trip,
            vec!["Rencontre avec Paul · mardi 1 décembre 2026, 14:00".into()],
            lang,
        )
    }

    fn render(trips: Vec<TripView>, lang: Lang) -> String {
        #[component]
        fn Harness(trips: Vec<TripView>, lang: Lang) -> Element {
            rsx! { TripList { trips, lang, on_export: move |_| {}, on_delete: move |_| {} } }
        }
        let mut dom = VirtualDom::new_with_props(Harness, HarnessProps { trips, lang });
        dom.rebuild_in_place();
        dioxus_ssr::render(&dom)
    }

    #[test]
    fn a_kept_day_shows_its_rides_the_walk_and_the_meeting_with_follow_export_and_delete() {
        for lang in Lang::ALL {
            let view = kept(lang);
            assert!(view.parts.iter().any(|p| p.contains(t(lang, Msg::TheWalk))), "{view:?}");
            assert!(
                view.parts.iter().any(|p| p.contains(t(lang, Msg::ModeRail))),
                "{view:?}"
            );
            assert!(view.day.contains(&day(lang, date(2026, 12, 1))), "{view:?}");
            let html = render(vec![view], lang);
            for id in ["trip-follow", "trip-export", "trip-delete"] {
                assert!(html.contains(id), "{id} in {html}");
            }
            assert!(html.contains("Rencontre avec Paul"), "{html}");
            assert!(!html.contains("confirm-delete"), "delete asks only once tapped: {html}");
        }
    }

    #[test]
    fn with_no_day_kept_the_page_says_so() {
        let html = render(vec![], Lang::En);
        assert!(html.contains(t(Lang::En, Msg::NoTrips)), "{html}");
    }
}

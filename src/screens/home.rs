//! The home page: the four Grands Sites, each with its routes, today's way there and back from
//! the home station, and the greeters who live by it; and, plainly, that all of it works with
//! no network.

use dioxus::prelude::*;
use velay_core::{Lang, Planner, Route};

use crate::i18n::{colon, day, duration, km, next_day, no_day_trip, size, t, today_there_and_back, Msg};
use crate::nav::Page;
use crate::planning::{home_or_default, plan_day, stop_name, DayAnswer};
use crate::state::use_app;
use crate::state::Filters;

/// One route on a site's card.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteLine {
    pub id: String,
    pub name: String,
    pub figures: String,
}

/// How a site can be reached today from the home station.
#[derive(Clone, Debug, PartialEq)]
pub enum Today {
    /// The earliest way there on one of its routes, and the last way back after the walk.
    Possible {
        route: String,
        leave: String,
        arrive: String,
        back: String,
    },
    /// No route of the site works today; the first day one does.
    NextDay(String),
    /// No timetable, or no day within two weeks.
    Unknown,
    /// Still being worked out.
    Pending,
}

/// A Grand Site, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteCard {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub routes: Vec<RouteLine>,
    pub today: Today,
    /// Greeters by id and first name.
    pub greeters: Vec<(String, String)>,
    /// Its offline map: size and whether it is on the device, when one is published.
    pub map: Option<String>,
}

#[component]
pub fn HomeScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let (sites, routes, greeters) = (state.sites()?, state.routes()?, state.greeters()?);
    let tt = state.timetable().ok().flatten();
    let home = tt
        .as_ref()
        .and_then(|tt| home_or_default(tt, state.chosen_home().as_deref()));
    let home_name = match (&tt, &home) {
        (Some(tt), Some(h)) => stop_name(tt, h).unwrap_or_default(),
        _ => String::new(),
    };
    // Planning every site's day takes longer than drawing the page: the page comes first (it
    // is the app's first screen), the lines for today follow from a worker thread.
    let planner = state.clone();
    let todays = use_resource(move || {
        let lang = (planner.lang)();
        let tt = planner.planner().ok().flatten();
        let routes = planner.routes().unwrap_or_default();
        let home = tt
            .as_ref()
            .and_then(|tt| home_or_default(tt.timetable(), planner.chosen_home().as_deref()));
        let now = planner.clock.local_now();
        async move {
            let (Some(tt), Some(home)) = (tt, home) else {
                return Default::default();
            };
            tokio::task::spawn_blocking(move || todays(&tt, &routes, &home, now, lang))
                .await
                .unwrap_or_default()
        }
    });
    let todays = todays.read().clone();
    let packs = state.pack_lines()?;
    let cards: Vec<SiteCard> = sites
        .iter()
        .map(|site| {
            let of_site = routes_of(&routes, &site.id, lang);
            SiteCard {
                id: site.id.clone(),
                name: site.name.get(lang).to_string(),
                summary: site.summary.get(lang).to_string(),
                routes: of_site
                    .iter()
                    .map(|r| RouteLine {
                        id: r.id.clone(),
                        name: r.name.get(lang).to_string(),
                        figures: format!(
                            "{} · {}",
                            km(lang, r.figures.length_m),
                            duration(lang, r.figures.duration_min)
                        ),
                    })
                    .collect(),
                today: match &todays {
                    Some(found) => found.get(&site.id).cloned().unwrap_or(Today::Unknown),
                    None => Today::Pending,
                },
                greeters: greeters
                    .iter()
                    .filter(|g| g.site == site.id)
                    .map(|g| (g.id.clone(), g.name.clone()))
                    .collect(),
                map: packs
                    .iter()
                    .find(|l| l.pack.site == site.id)
                    .map(|line| map_line(lang, line)),
            }
        })
        .collect();
    let mut filters = state.route_filters;
    let on_site = move |site: String| {
        filters.set(Filters {
            site: Some(site),
            ..Filters::default()
        });
        navigator().push(Page::RoutesScreen {});
    };
    rsx! { HomeView { cards, home: home_name, lang, on_site } }
}

/// "Offline map: 34.0 MB, on this device".
fn map_line(lang: Lang, line: &crate::state::PackLine) -> String {
    use velay_core::maps::download::Stored;
    let state = match (&line.transfer, &line.stored) {
        (Some(_), _) | (None, Stored::Partial(_)) => t(lang, Msg::PackPaused),
        (None, Stored::Whole { current: true, .. }) => t(lang, Msg::PackStored),
        (None, Stored::Whole { current: false, .. }) => t(lang, Msg::PackOutdated),
        (None, Stored::None) => t(lang, Msg::PackDownload),
    };
    format!(
        "{}{} {} · {state}",
        t(lang, Msg::OfflineMaps),
        colon(lang),
        size(lang, line.pack.bytes)
    )
}

/// A site's routes, by name in `lang`.
fn routes_of<'a>(routes: &'a [Route], site: &str, lang: Lang) -> Vec<&'a Route> {
    let mut of_site: Vec<&Route> = routes.iter().filter(|r| r.site == site).collect();
    of_site.sort_by(|a, b| a.name.get(lang).cmp(b.name.get(lang)));
    of_site
}

/// Today's way to each site, by site id.
fn todays(
    tt: &Planner,
    routes: &[Route],
    home: &str,
    now: chrono::NaiveDateTime,
    lang: Lang,
) -> std::collections::HashMap<String, Today> {
    let mut sites: Vec<&str> = routes.iter().map(|r| r.site.as_str()).collect();
    sites.sort();
    sites.dedup();
    sites
        .into_iter()
        .map(|site| {
            (
                site.to_string(),
                today(tt, &routes_of(routes, site, lang), home, now, lang),
            )
        })
        .collect()
}

/// Today's best way to a site: the route whose way there arrives first, else the nearest day.
fn today(tt: &Planner, routes: &[&Route], home: &str, now: chrono::NaiveDateTime, lang: Lang) -> Today {
    let answers: Vec<(&Route, DayAnswer)> = routes
        .iter()
        .filter_map(|r| Some((*r, plan_day(tt, r, home, now.date(), now, lang)?)))
        .collect();
    let possible = answers
        .iter()
        .filter_map(|(r, a)| match a {
            DayAnswer::Possible(v) => Some((r, v)),
            DayAnswer::NotPossible { .. } => None,
        })
        .min_by(|a, b| a.1.outbound.arrival.cmp(&b.1.outbound.arrival));
    if let Some((route, view)) = possible {
        return Today::Possible {
            route: route.name.get(lang).to_string(),
            leave: view.outbound.departure.clone(),
            arrive: view.outbound.arrival.clone(),
            back: view.back.departure.clone(),
        };
    }
    answers
        .iter()
        .filter_map(|(_, a)| match a {
            DayAnswer::NotPossible { nearest: Some(v), .. } => Some(v.date),
            _ => None,
        })
        .min()
        .map_or(Today::Unknown, |d| Today::NextDay(day(lang, d)))
}

/// The page, from plain data, so that it renders in tests.
#[component]
pub fn HomeView(cards: Vec<SiteCard>, home: String, lang: Lang, on_site: EventHandler<String>) -> Element {
    rsx! {
        section { class: "home",
            p { class: "offline-ready", role: "note", {t(lang, Msg::WorksOffline)} }
            p { class: "home-links",
                Link { class: "big-link", to: Page::TripsScreen {}, "data-testid": "home-trips", {t(lang, Msg::MyTrips)} }
            }
            for card in cards {
                article { key: "{card.id}", class: "site-card", "data-testid": "site-{card.id}",
                    h2 { {card.name.clone()} }
                    p { class: "summary", {card.summary} }
                    p { class: "today",
                        match card.today {
                            Today::Possible { route, leave, arrive, back } => rsx! {
                                {today_there_and_back(lang, &home, &route, &leave, &arrive, &back)}
                            },
                            Today::NextDay(d) => rsx! { {next_day(lang, &d)} },
                            Today::Unknown => rsx! { {no_day_trip(lang, &home)} },
                            Today::Pending => rsx! { span { class: "pending", {t(lang, Msg::Planning)} } },
                        }
                    }
                    ul { class: "site-routes",
                        for r in card.routes {
                            li { key: "{r.id}",
                                Link { class: "route-line", to: Page::RouteDetailScreen { id: r.id.clone() },
                                    span { class: "name", {r.name} }
                                    span { class: "at", {r.figures} }
                                }
                            }
                        }
                    }
                    if !card.greeters.is_empty() {
                        p { class: "site-greeters", "{t(lang, Msg::GreetersTitle)}{colon(lang)}"
                            for (i, (id, name)) in card.greeters.into_iter().enumerate() {
                                span { key: "{id}",
                                    if i > 0 { ", " }
                                    Link { to: Page::GreeterScreen { id: id.clone() }, {name} }
                                }
                            }
                        }
                    }
                    if let Some(map) = card.map {
                        p { class: "site-map",
                            Link { to: Page::SyncScreen {}, "data-testid": "site-map-{card.id}", {map} }
                        }
                    }
                    button { class: "site-all", "data-testid": "site-all-{card.id}",
                        onclick: {
                            let id = card.id.clone();
                            move |_| on_site.call(id.clone())
                        },
                        {t(lang, Msg::AllRoutesOfSite)}
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

    fn card(today: Today) -> SiteCard {
        SiteCard {
            id: "la-chaise-dieu".into(),
            name: "La Chaise-Dieu".into(),
            summary: "L'abbaye".into(),
            routes: vec![RouteLine {
                id: "chaise-dieu-abbaye".into(),
                name: "L'abbaye".into(),
                figures: "8,1 km · 2 h 40".into(),
            }],
            today,
            greeters: vec![("bernard".into(), "Bernard".into())],
            map: Some("Cartes hors ligne : 34,0 Mo · Télécharger".into()),
        }
    }

    fn render(cards: Vec<SiteCard>, lang: Lang) -> String {
        #[component]
        fn Harness(cards: Vec<SiteCard>, lang: Lang) -> Element {
            rsx! { HomeView { cards, home: "Lyon Part Dieu".to_string(), lang, on_site: move |_| {} } }
        }
        let mut dom = VirtualDom::new_with_props(Harness, HarnessProps { cards, lang });
        dom.rebuild_in_place();
        dioxus_ssr::render(&dom)
    }

    #[test]
    fn a_tuesday_morning_every_site_says_how_to_get_there_and_back_from_lyon() {
        let tt = bundled_planner();
        let now = date(2026, 12, 1).and_hms_opt(6, 0, 0).unwrap();
        let chaise = route("chaise-dieu-abbaye");
        let Today::Possible {
            leave, arrive, back, ..
        } = today(&tt, &[&chaise], LYON, now, Lang::Fr)
        else {
            panic!("La Chaise-Dieu is reached from Lyon on a Tuesday")
        };
        assert!(
            leave.as_str() >= "06:00" && arrive > leave && back > arrive,
            "{leave} {arrive} {back}"
        );
        let html = render(
            vec![card(Today::Possible {
                route: "L'abbaye".into(),
                leave,
                arrive,
                back,
            })],
            Lang::Fr,
        );
        assert!(html.contains("Aujourd&#39;hui depuis Lyon Part Dieu"), "{html}");
        // Route and greeter names are router links, drawn in the window tests.
        assert!(html.contains("class=\"site-greeters\""), "{html}");
        assert!(html.contains(t(Lang::Fr, Msg::AllRoutesOfSite)), "{html}");
    }

    #[test]
    fn late_in_the_evening_a_site_gives_the_next_day_that_works() {
        let tt = bundled_planner();
        let now = date(2026, 12, 1).and_hms_opt(21, 0, 0).unwrap();
        let chaise = route("chaise-dieu-abbaye");
        let found = today(&tt, &[&chaise], LYON, now, Lang::En);
        assert_eq!(found, Today::NextDay("Wednesday 2 December 2026".into()));
        let html = render(vec![card(found)], Lang::En);
        assert!(
            html.contains("No longer possible today; next day: Wednesday 2 December 2026."),
            "{html}"
        );
        assert!(
            html.contains(&t(Lang::En, Msg::WorksOffline).replace('\'', "&#39;")),
            "{html}"
        );
    }
}

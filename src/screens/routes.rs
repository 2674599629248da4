//! The routes list: every itinerary with its site, length, time and climb, narrowed by
//! filters (site, length, walking time, difficulty); a route opens its page.

use dioxus::prelude::*;
use velay_core::route::Difficulty;
use velay_core::{Lang, Route, Site};

use crate::i18n::{duration, km, t, Msg};
use crate::nav::Page;
use crate::state::{use_app, AppError, Filters};

/// Lengths a walker may cap the list at, km.
const LENGTHS_KM: [u32; 4] = [6, 8, 10, 15];
/// Walking times a walker may cap the list at, minutes.
const TIMES_MIN: [u32; 4] = [90, 120, 180, 240];

#[component]
pub fn RoutesScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let filters = state.route_filters;
    // Read from the store when content changes, not at each filter change.
    let content = use_memo(move || Ok::<_, AppError>((state.routes()?, state.sites()?)));
    let content = content.read();
    let (routes, sites) = content.as_ref().map_err(Clone::clone)?;
    let current = filters();
    let mut shown: Vec<Route> = routes.iter().filter(|r| current.matches(r, lang)).cloned().collect();
    // By Grand Site, in the order the sites are listed, then by name.
    let site_rank = |id: &str| sites.iter().position(|s| s.id == id).unwrap_or(usize::MAX);
    shown.sort_by(|a, b| (site_rank(&a.site), a.name.get(lang)).cmp(&(site_rank(&b.site), b.name.get(lang))));
    rsx! {
        FilterBar { sites: sites.clone(), filters, lang }
        RouteList { routes: shown, sites: sites.clone(), lang, filtered: current.is_active() }
    }
}

/// The four filters, as selects.
#[component]
pub fn FilterBar(sites: Vec<Site>, filters: Signal<Filters>, lang: Lang) -> Element {
    let current = filters();
    let value = |v: Option<String>| v.unwrap_or_default();
    rsx! {
        div { class: "search",
            input {
                r#type: "search",
                "data-testid": "route-search",
                placeholder: t(lang, Msg::SearchRoutes),
                "aria-label": t(lang, Msg::SearchRoutes),
                // Set once, not at every render: a value written back while the person types
                // drops the keys pressed in between.
                initial_value: "{current.query}",
                oninput: move |e| filters.write().query = e.value(),
            }
            if current.is_active() {
                button { class: "reset", "data-testid": "reset-filters",
                    onclick: move |_| {
                        filters.set(Filters::default());
                        document::eval("document.querySelector('[data-testid=route-search]').value = ''");
                    },
                    {t(lang, Msg::ResetFilters)}
                }
            }
        }
        div { class: "filters",
            label {
                span { {t(lang, Msg::FilterSite)} }
                select {
                    value: value(current.site.clone()),
                    onchange: move |e| filters.write().site = Some(e.value()).filter(|v| !v.is_empty()),
                    option { value: "", {t(lang, Msg::Any)} }
                    for site in sites {
                        option { key: "{site.id}", value: "{site.id}", selected: current.site.as_deref() == Some(site.id.as_str()), {site.name.get(lang)} }
                    }
                }
            }
            label {
                span { {t(lang, Msg::FilterLength)} }
                select {
                    onchange: move |e| filters.write().max_km = e.value().parse().ok(),
                    option { value: "", {t(lang, Msg::Any)} }
                    for k in LENGTHS_KM {
                        option { key: "{k}", value: "{k}", selected: current.max_km == Some(k), "{t(lang, Msg::UpTo)} {k} km" }
                    }
                }
            }
            label {
                span { {t(lang, Msg::FilterTime)} }
                select {
                    onchange: move |e| filters.write().max_minutes = e.value().parse().ok(),
                    option { value: "", {t(lang, Msg::Any)} }
                    for m in TIMES_MIN {
                        option { key: "{m}", value: "{m}", selected: current.max_minutes == Some(m), "{t(lang, Msg::UpTo)} {duration(lang, m)}" }
                    }
                }
            }
            label {
                span { {t(lang, Msg::FilterDifficulty)} }
                select {
                    onchange: move |e| filters.write().difficulty = difficulty(&e.value()),
                    option { value: "", {t(lang, Msg::Any)} }
                    for (code, d) in [("easy", Difficulty::Easy), ("moderate", Difficulty::Moderate), ("hard", Difficulty::Hard)] {
                        option { key: "{code}", value: code, selected: current.difficulty == Some(d), {t(lang, Msg::Difficulty(d))} }
                    }
                }
            }
        }
    }
}

fn difficulty(code: &str) -> Option<Difficulty> {
    match code {
        "easy" => Some(Difficulty::Easy),
        "moderate" => Some(Difficulty::Moderate),
        "hard" => Some(Difficulty::Hard),
        _ => None,
    }
}

/// The list itself, from plain data, so that it renders in tests without a store.
#[component]
pub fn RouteList(routes: Vec<Route>, sites: Vec<Site>, lang: Lang, #[props(default)] filtered: bool) -> Element {
    let site_name = |id: &str| {
        sites
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.get(lang).to_string())
            .unwrap_or_default()
    };
    rsx! {
        section { class: "routes",
            h2 { {t(lang, Msg::RoutesTitle)} }
            if routes.is_empty() {
                p { class: "empty", {t(lang, if filtered { Msg::NoMatch } else { Msg::NoRoutes })} }
            }
            ul {
                for route in routes {
                    RouteCard { key: "{route.id}", site: site_name(&route.site), route, lang }
                }
            }
            p { class: "import-link",
                Link { to: Page::ImportScreen {}, "data-testid": "import-gpx", {t(lang, Msg::ImportTitle)} }
            }
        }
    }
}

#[component]
fn RouteCard(route: Route, site: String, lang: Lang) -> Element {
    let f = route.figures;
    let id = route.id.clone();
    rsx! {
        li {
            class: "route",
            "data-route": "{route.id}",
            "data-testid": "route-{route.id}",
            role: "link",
            tabindex: "0",
            onclick: {
                let id = id.clone();
                move |_| {
                    navigator().push(Page::RouteDetailScreen { id: id.clone() });
                }
            },
            // A card is a link: the keyboard opens it as a tap does.
            onkeydown: move |e: KeyboardEvent| {
                if e.key() == Key::Enter {
                    navigator().push(Page::RouteDetailScreen { id: id.clone() });
                }
            },
            div { class: "site", {site} }
            h3 { {route.name.get(lang)} }
            p { class: "figures",
                span { {km(lang, f.length_m)} }
                span { {duration(lang, f.duration_min)} }
                span { "{t(lang, Msg::Ascent)} {f.ascent_m:.0} m" }
                span { class: "difficulty", {t(lang, Msg::Difficulty(route.difficulty))} }
            }
            p { class: "summary", {route.summary.get(lang)} }
            p { class: "themes",
                for theme in route.themes.iter() {
                    span { class: "theme", {t(lang, Msg::Theme(*theme))} }
                }
            }
            if route.sample {
                p { class: "sample", {t(lang, Msg::SampleTrack)} }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn bundled() -> (Vec<Route>, Vec<Site>) {
        let contents: Vec<velay_core::Content> = crate::snapshot::changes()
            .expect("the bundled content reads")
            .into_iter()
            .filter_map(|c| c.content)
            .collect();
        let sites = contents
            .iter()
            .filter_map(|c| match c {
                velay_core::Content::Site(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        (velay_core::content::routes(&contents), sites)
    }

    #[test]
    fn the_list_shows_every_bundled_route_with_its_figures_in_both_languages() {
        let (routes, sites) = bundled();
        for lang in Lang::ALL {
            let html = dioxus_ssr::render_element(rsx! {
                RouteList { routes: routes.clone(), sites: sites.clone(), lang }
            });
            assert!(html.contains(t(lang, Msg::RoutesTitle)));
            for route in &routes {
                assert!(
                    html.contains(&route.name.get(lang).replace('\'', "&#39;")),
                    "{lang:?}: {}",
                    route.name.get(lang)
                );
                assert!(html.contains(&km(lang, route.figures.length_m)));
            }
            assert!(html.contains(t(lang, Msg::SampleTrack).replace('\'', "&#39;").as_str()));
        }
    }

    #[test]
    fn an_empty_list_says_so() {
        let html = dioxus_ssr::render_element(rsx! {
            RouteList { routes: vec![], sites: vec![], lang: Lang::En }
        });
        assert!(html.contains("No routes yet."));
    }

    #[test]
    fn filters_narrow_the_list_by_site_length_time_and_difficulty() {
        let (routes, _) = bundled();
        let count = |f: &Filters| routes.iter().filter(|r| f.matches(r, Lang::Fr)).count();
        assert_eq!(count(&Filters::default()), routes.len());
        let chaise = Filters {
            site: Some("la-chaise-dieu".into()),
            ..Filters::default()
        };
        assert!(routes
            .iter()
            .filter(|r| chaise.matches(r, Lang::Fr))
            .all(|r| r.site == "la-chaise-dieu"));
        assert!(count(&chaise) >= 3);
        let short = Filters {
            max_km: Some(6),
            ..Filters::default()
        };
        assert!(routes
            .iter()
            .filter(|r| short.matches(r, Lang::Fr))
            .all(|r| r.figures.length_m <= 6000.0));
        assert!(count(&short) > 0 && count(&short) < routes.len());
        let quick = Filters {
            max_minutes: Some(90),
            difficulty: Some(Difficulty::Easy),
            ..Filters::default()
        };
        assert!(routes
            .iter()
            .filter(|r| quick.matches(r, Lang::Fr))
            .all(|r| r.figures.duration_min <= 90 && r.difficulty == Difficulty::Easy));
    }

    #[test]
    fn a_search_finds_routes_by_words_of_their_name_in_the_language_shown() {
        let (routes, _) = bundled();
        let search = |query: &str, lang| {
            let f = Filters {
                query: query.into(),
                ..Filters::default()
            };
            routes
                .iter()
                .filter(|r| f.matches(r, lang))
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
        };
        assert!(search("mézenc", Lang::Fr).contains(&"estables-mezenc"));
        assert!(search("MÉZENC estables", Lang::Fr).contains(&"estables-mezenc"));
        assert!(search("mezenc", Lang::Fr).contains(&"estables-mezenc"));
        assert!(search("danse macabre", Lang::Fr)
            .iter()
            .all(|id| id.starts_with("chaise-dieu")));
        assert!(!search("danse macabre", Lang::Fr).is_empty());
        assert!(search("zzz", Lang::En).is_empty());
    }

    #[test]
    fn a_filter_that_leaves_nothing_says_so() {
        let html = dioxus_ssr::render_element(rsx! {
            RouteList { routes: vec![], sites: vec![], lang: Lang::Fr, filtered: true }
        });
        assert!(html.contains("Aucun itinéraire ne correspond à ces filtres."));
    }
}

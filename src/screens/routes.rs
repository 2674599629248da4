//! The routes list: every itinerary with its site, length, time and climb.

use dioxus::prelude::*;
use velay_core::{Lang, Route, Site};

use crate::i18n::{duration, km, t, Msg};
use crate::state::use_app;

#[component]
pub fn RoutesScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let (routes, sites) = match (state.routes(), state.sites()) {
        (Ok(r), Ok(s)) => (r, s),
        (Err(e), _) | (_, Err(e)) => {
            return rsx! {
                p { class: "error", role: "alert", "{t(lang, Msg::StoreError)} {e}" }
            }
        }
    };
    rsx! {
        RouteList { routes, sites, lang }
    }
}

/// The list itself, from plain data, so that it renders in tests without a store.
#[component]
pub fn RouteList(routes: Vec<Route>, sites: Vec<Site>, lang: Lang) -> Element {
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
                p { class: "empty", {t(lang, Msg::NoRoutes)} }
            }
            ul {
                for route in routes {
                    RouteCard { key: "{route.id}", site: site_name(&route.site), route, lang }
                }
            }
        }
    }
}

#[component]
fn RouteCard(route: Route, site: String, lang: Lang) -> Element {
    let f = route.figures;
    rsx! {
        li { class: "route", "data-route": "{route.id}",
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
mod tests {
    use super::*;

    fn bundled() -> (Vec<Route>, Vec<Site>) {
        let (mut routes, mut sites) = (Vec::new(), Vec::new());
        for change in crate::snapshot::changes().expect("the bundled content reads") {
            match change.content {
                Some(velay_core::Content::Route(r)) => routes.push(*r),
                Some(velay_core::Content::Site(s)) => sites.push(s),
                _ => {}
            }
        }
        (routes, sites)
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
}

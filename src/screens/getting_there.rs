//! On a route's page, "how to get there and back today": the best way there from the home
//! station and the last way back from the route's end.

use dioxus::prelude::*;
use velay_core::Lang;

use super::JourneyLegs;
use crate::i18n::{t, Msg};
use crate::planning::JourneyView;

/// From plain data, so that it renders in tests; the route's page adds the links.
#[component]
pub fn GettingThere(home: String, there: Option<JourneyView>, back: Option<JourneyView>, lang: Lang) -> Element {
    rsx! {
        section { class: "getting-there",
            h3 { {t(lang, Msg::GetThereToday)} }
            p { class: "home", "{t(lang, Msg::HomeStation)} · {home}" }
            h4 { {t(lang, Msg::Outbound)} }
            match there {
                Some(journey) => rsx! { JourneyLegs { journey, lang } },
                None => rsx! { p { class: "empty", {t(lang, Msg::NoWayToday)} } },
            }
            h4 { {t(lang, Msg::LastWayBack)} }
            match back {
                Some(journey) => rsx! { JourneyLegs { journey, lang } },
                None => rsx! { p { class: "empty", {t(lang, Msg::NoLastDeparture)} } },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planning::tests::{bundled_timetable, date, route, LYON};
    use crate::planning::{last_way_back, way_there};
    use chrono::NaiveTime;

    #[test]
    fn a_route_page_shows_the_best_way_there_and_the_last_way_back_from_lyon() {
        let tt = bundled_timetable();
        let route = route("estables-mezenc");
        let morning = NaiveTime::from_hms_opt(6, 0, 0).unwrap();
        for lang in Lang::ALL {
            let there = way_there(&tt, &route, LYON, date(2026, 12, 1), morning, lang);
            let back = last_way_back(&tt, &route, LYON, date(2026, 12, 1), lang);
            assert!(there.is_some() && back.is_some());
            let html = dioxus_ssr::render_element(rsx! {
                GettingThere { home: "Lyon Part Dieu".to_string(), there, back, lang }
            });
            assert!(
                html.contains(&t(lang, Msg::GetThereToday).replace('\'', "&#39;")),
                "{html}"
            );
            assert!(
                html.contains(t(lang, Msg::LastWayBack)) && html.contains("class=\"leg ride\""),
                "{html}"
            );
            assert!(!html.contains(&t(lang, Msg::NoWayToday).replace('\'', "&#39;")));
        }
    }

    #[test]
    fn a_day_without_buses_says_there_is_no_way_today() {
        let html = dioxus_ssr::render_element(rsx! {
            GettingThere { home: "Lyon Part Dieu".to_string(), there: None, back: None, lang: Lang::En }
        });
        assert!(html.contains("No way there today.") && html.contains("No more departures home today."));
    }
}

//! On a route's page, "how to get there and back today": the day planned from now on, so that
//! the way back never leaves before the walk can end; when today no longer works, why, and the
//! next day that does, with its times.

use dioxus::prelude::*;
use velay_core::Lang;

use super::DayParts;
use crate::i18n::{day, t, Msg};
use crate::planning::DayAnswer;

/// From plain data, so that it renders in tests; the route's page adds the links.
#[component]
pub fn GettingThere(home: String, today: Option<DayAnswer>, lang: Lang) -> Element {
    rsx! {
        section { class: "getting-there", "data-testid": "getting-there",
            h3 { {t(lang, Msg::GetThereToday)} }
            p { class: "home", "{t(lang, Msg::HomeStation)} · {home}" }
            match today {
                Some(DayAnswer::Possible(view)) => rsx! { DayParts { view, lang } },
                Some(DayAnswer::NotPossible { why, nearest }) => rsx! {
                    p { class: "not-possible", role: "status",
                        strong { {t(lang, Msg::NotPossibleToday)} } " {why}"
                    }
                    match nearest {
                        Some(view) => rsx! {
                            h4 { "{t(lang, Msg::NextDayThatWorks)} {day(lang, view.date)}" }
                            DayParts { view, lang }
                        },
                        None => rsx! { p { {t(lang, Msg::NoDayNearby)} } },
                    }
                },
                None => rsx! { p { class: "empty", {t(lang, Msg::NoWayToday)} } },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planning::plan_day;
    use crate::planning::tests::{bundled_planner, date, route, LYON};
    use chrono::NaiveDateTime;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        date(2026, 12, d).and_hms_opt(h, m, 0).unwrap()
    }

    /// The page's "today" at `now`, for La Chaise-Dieu from Lyon.
    fn shown(now: NaiveDateTime, lang: Lang) -> String {
        let tt = bundled_planner();
        let today = plan_day(&tt, &route("chaise-dieu-abbaye"), LYON, now.date(), now, lang);
        dioxus_ssr::render_element(rsx! {
            GettingThere { home: "Lyon Part Dieu".to_string(), today, lang }
        })
    }

    #[test]
    fn in_the_morning_the_page_shows_the_way_there_the_walk_and_a_way_back_after_it() {
        let tt = bundled_planner();
        let now = at(1, 6, 0);
        for lang in Lang::ALL {
            let today = plan_day(&tt, &route("chaise-dieu-abbaye"), LYON, now.date(), now, lang);
            let Some(DayAnswer::Possible(view)) = today.clone() else {
                panic!("{today:?}")
            };
            // Times are "HH:MM" on one day: the way back leaves once the walk is over.
            assert!(view.back.departure >= view.walk_end, "{view:?}");
            assert!(view.outbound.departure.as_str() >= "06:00", "{view:?}");
            let html = dioxus_ssr::render_element(rsx! {
                GettingThere { home: "Lyon Part Dieu".to_string(), today, lang }
            });
            assert!(
                html.contains(t(lang, Msg::WayBack)) && html.contains("class=\"leg ride\""),
                "{html}"
            );
            assert!(!html.contains("not-possible"), "{html}");
        }
    }

    #[test]
    fn late_in_the_day_the_page_says_today_is_over_and_shows_the_next_day_that_works() {
        for lang in Lang::ALL {
            let html = shown(at(1, 18, 35), lang);
            assert!(html.contains("not-possible"), "{html}");
            assert!(
                html.contains(&t(lang, Msg::NotPossibleToday).replace('\'', "&#39;")),
                "{html}"
            );
            assert!(html.contains(t(lang, Msg::NextDayThatWorks)), "{html}");
            assert!(html.contains(&day(lang, date(2026, 12, 2))), "{html}");
        }
    }
}

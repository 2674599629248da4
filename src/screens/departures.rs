//! A stop's departures board: the next trains and buses from now, or from a time the person
//! picks, with line, destination and time, and which times are only a sample.

use chrono::NaiveTime;
use dioxus::prelude::*;
use velay_core::Lang;

use crate::i18n::{t, Msg};
use crate::nav::Page;
use crate::planning::{departures, nearby_stops, stop_name, DepartureView};
use crate::screens::Attribution;
use crate::state::use_app;

/// Other stops this close are named under the board, with a link to theirs: buses often leave
/// from a bus station beside the train station.
const NEARBY_M: f64 = 400.0;

/// A board shows this many departures: a screenful on a phone.
const BOARD_ROWS: usize = 12;

#[component]
pub fn DeparturesScreen(stop: String) -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let mut from = use_signal(|| None::<NaiveTime>);
    let Some(tt) = state.planner()? else {
        return rsx! { p { class: "empty", {t(lang, Msg::NoTimetable)} } };
    };
    let now = state.clock.local_now();
    let time = from().unwrap_or(now.time());
    let shown = time.format("%H:%M").to_string();
    let (Some(name), Some(rows)) = (
        stop_name(tt.timetable(), &stop),
        departures(&tt, &stop, now.date(), time, BOARD_ROWS, lang),
    ) else {
        return rsx! { p { class: "empty", {t(lang, Msg::PageNotFound)} } };
    };
    let nearby = nearby_stops(&tt, &stop, now.date(), NEARBY_M);
    rsx! {
        button { class: "back", onclick: move |_| crate::nav::go_back(), {t(lang, Msg::Back)} }
        div { class: "board-time",
            label { "{t(lang, Msg::FromTime)} "
                input { r#type: "time", value: "{shown}",
                    onchange: move |e| from.set(NaiveTime::parse_from_str(&e.value(), "%H:%M").ok()),
                }
            }
            button { onclick: move |_| from.set(None), {t(lang, Msg::Now)} }
        }
        if !nearby.is_empty() {
            section { class: "nearby",
                h3 { {t(lang, Msg::AlsoNearby)} }
                for s in nearby {
                    button { key: "{s.id}", class: "departures-link", "data-testid": "nearby-{s.id}",
                        onclick: {
                            let id = s.id.clone();
                            move |_| { navigator().push(Page::DeparturesScreen { stop: id.clone() }); }
                        },
                        "{s.name} · {s.walk_minutes} min {t(lang, Msg::OnFoot)}"
                    }
                }
            }
        }
        DeparturesBoard { stop: name, rows, lang }
        Attribution { lang }
    }
}

/// The board, from plain data, so that it renders in tests.
#[component]
pub fn DeparturesBoard(stop: String, rows: Vec<DepartureView>, lang: Lang) -> Element {
    rsx! {
        section { class: "departures",
            h2 { "{t(lang, Msg::DeparturesTitle)} · {stop}" }
            if rows.is_empty() {
                p { class: "empty", {t(lang, Msg::NoDepartures)} }
            }
            table { class: "board",
                tbody {
                    for (i, d) in rows.into_iter().enumerate() {
                        tr { key: "{i}",
                            td { class: "time", {d.time}
                                if d.tomorrow {
                                    div { class: "tomorrow", {t(lang, Msg::Tomorrow)} }
                                }
                            }
                            td { class: "line", "{d.mode} " strong { {d.line} } }
                            td { class: "headsign",
                                {d.headsign}
                                if d.sample {
                                    " "
                                    span { class: "sample-times", {t(lang, Msg::SampleTimes)} }
                                }
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
    use crate::planning::tests::{bundled_planner, date};

    #[test]
    fn le_puy_station_board_lists_trains_and_sample_buses_with_their_destinations() {
        let tt = bundled_planner();
        let stop = "StopArea:OCE87734699";
        let from = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
        for lang in Lang::ALL {
            let rows = departures(&tt, stop, date(2026, 12, 1), from, 12, lang).unwrap();
            assert!(!rows.is_empty());
            // In time order, tomorrow's first trains after today's last.
            let order = |d: &DepartureView| (d.tomorrow, d.time.clone());
            assert!(rows.windows(2).all(|w| order(&w[0]) <= order(&w[1])), "{rows:?}");
            let html = dioxus_ssr::render_element(rsx! {
                DeparturesBoard { stop: stop_name(tt.timetable(), stop).unwrap(), rows: rows.clone(), lang }
            });
            assert!(
                html.contains(t(lang, Msg::DeparturesTitle)) && html.contains("Le Puy-en-Velay"),
                "{html}"
            );
            assert!(
                html.contains(&rows[0].time) && html.contains(&rows[0].headsign),
                "{html}"
            );
            assert_eq!(
                html.matches("class=\"sample-times\"").count(),
                rows.iter().filter(|r| r.sample).count()
            );
        }
    }

    #[test]
    fn a_board_with_nothing_left_says_so() {
        let html = dioxus_ssr::render_element(rsx! {
            DeparturesBoard { stop: "Alleyras".to_string(), rows: vec![], lang: Lang::Fr }
        });
        assert!(html.contains("Aucun départ dans les 24 heures."), "{html}");
    }
}

//! Picking a day, in the app's language whatever the system's locale: the day written out
//! ("samedi 5 décembre 2026"), a step back and forward, and a month laid out from Monday (as
//! calendars are in France and the UK) with cells a finger can hit. The webview's own date
//! field follows the process locale (US order and Sunday first under `LANG=C`), so the app
//! draws its own.

use chrono::{Datelike, Duration, NaiveDate};
use dioxus::prelude::*;
use velay_core::Lang;

use crate::i18n::{day, month, t, Msg};

/// The weekday initials, Monday first.
fn initials(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Fr => ["L", "M", "M", "J", "V", "S", "D"],
        Lang::En => ["M", "T", "W", "T", "F", "S", "S"],
    }
}

/// The days of `first`'s month in weeks from Monday; `None` pads before the 1st and after the last.
pub fn weeks(first: NaiveDate) -> Vec<[Option<NaiveDate>; 7]> {
    let first = first.with_day(1).unwrap_or(first);
    let pad = first.weekday().num_days_from_monday() as usize;
    let mut cells: Vec<Option<NaiveDate>> = vec![None; pad];
    let mut d = first;
    while d.month() == first.month() {
        cells.push(Some(d));
        d += Duration::days(1);
    }
    cells.resize(cells.len().div_ceil(7) * 7, None);
    cells.chunks(7).map(|w| std::array::from_fn(|i| w[i])).collect()
}

fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let months = d.year() * 12 + d.month0() as i32 + n;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

/// A day and the controls to change it; days before `min` cannot be picked.
#[component]
pub fn DatePicker(date: NaiveDate, min: NaiveDate, lang: Lang, on_pick: EventHandler<NaiveDate>) -> Element {
    let mut open = use_signal(|| false);
    let mut shown_month = use_signal(|| date.with_day(1).unwrap_or(date));
    let previous = date - Duration::days(1);
    let next = date + Duration::days(1);
    let month_first = shown_month();
    rsx! {
        div { class: "date-picker",
            div { class: "date-step",
                button { class: "step", "data-testid": "day-before", disabled: previous < min,
                    "aria-label": t(lang, Msg::DayBefore),
                    onclick: move |_| on_pick.call(previous),
                    "‹"
                }
                button { class: "date-shown", "data-testid": "date", "aria-expanded": "{open()}",
                    onclick: move |_| {
                        shown_month.set(date.with_day(1).unwrap_or(date));
                        open.toggle();
                    },
                    {day(lang, date)}
                }
                button { class: "step", "data-testid": "day-after",
                    "aria-label": t(lang, Msg::DayAfter),
                    onclick: move |_| on_pick.call(next),
                    "›"
                }
            }
            if open() {
                div { class: "month", role: "dialog",
                    div { class: "month-head",
                        button { class: "step", disabled: add_months(month_first, -1) < min.with_day(1).unwrap_or(min),
                            "aria-label": t(lang, Msg::MonthBefore),
                            onclick: move |_| shown_month.set(add_months(month_first, -1)),
                            "‹"
                        }
                        strong { "{month(lang, month_first.month0())} {month_first.year()}" }
                        button { class: "step", "aria-label": t(lang, Msg::MonthAfter),
                            onclick: move |_| shown_month.set(add_months(month_first, 1)),
                            "›"
                        }
                    }
                    table {
                        thead { tr { for (i, d) in initials(lang).into_iter().enumerate() { th { key: "{i}", {d} } } } }
                        tbody {
                            for (w, week) in weeks(month_first).into_iter().enumerate() {
                                tr { key: "{w}",
                                    for (i, cell) in week.into_iter().enumerate() {
                                        td { key: "{i}",
                                            if let Some(d) = cell {
                                                button {
                                                    class: if d == date { "cell on" } else { "cell" },
                                                    "data-testid": "day-{d}",
                                                    "aria-label": day(lang, d),
                                                    disabled: d < min,
                                                    onclick: move |_| {
                                                        open.set(false);
                                                        on_pick.call(d);
                                                    },
                                                    "{d.day()}"
                                                }
                                            }
                                        }
                                    }
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

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_is_laid_out_from_monday() {
        // 1 December 2026 is a Tuesday: one empty cell before it.
        let weeks = weeks(date(2026, 12, 17));
        assert_eq!(weeks[0][0], None);
        assert_eq!(weeks[0][1], Some(date(2026, 12, 1)));
        assert_eq!(weeks.last().unwrap().iter().flatten().last(), Some(&date(2026, 12, 31)));
        assert_eq!(weeks.iter().flatten().flatten().count(), 31);
    }

    #[test]
    fn the_day_is_written_in_the_language_chosen_whatever_the_locale() {
        for (lang, text) in [
            (Lang::Fr, "samedi 5 décembre 2026"),
            (Lang::En, "Saturday 5 December 2026"),
        ] {
            #[component]
            fn Harness(lang: Lang) -> Element {
                rsx! { DatePicker { date: date(2026, 12, 5), min: date(2026, 12, 1), lang, on_pick: move |_| {} } }
            }
            let mut dom = VirtualDom::new_with_props(Harness, HarnessProps { lang });
            dom.rebuild_in_place();
            let html = dioxus_ssr::render(&dom);
            assert!(html.contains(text), "{html}");
            assert!(
                !html.contains("12/05/2026") && !html.contains("type=\"date\""),
                "{html}"
            );
        }
    }

    #[test]
    fn months_step_across_the_year() {
        assert_eq!(add_months(date(2026, 12, 1), 1), date(2027, 1, 1));
        assert_eq!(add_months(date(2027, 1, 1), -1), date(2026, 12, 1));
    }
}

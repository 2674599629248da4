//! While following a route: "leave by 16:05 to catch the 17:42", the last departure home from
//! the route's end today, turning to an alert when the margin shrinks.

use dioxus::prelude::*;
use velay_core::follow::DepartureMargin;
use velay_core::Lang;

use crate::i18n::{duration, leave_by, t, Msg};

/// Kept free before the departure: finding the stop, buying a ticket.
pub const BUFFER_MIN: u32 = 5;
/// Below this many minutes to spare, the line turns into an alert.
pub const ALERT_BELOW_MIN: u32 = 30;

/// From plain data, so that it renders in tests. `None`: no departure home is left today.
#[component]
pub fn LastDeparture(margin: Option<DepartureMargin>, lang: Lang) -> Element {
    let Some(m) = margin else {
        return rsx! { p { class: "last-departure none", {t(lang, Msg::NoLastDeparture)} } };
    };
    let departure = m.departure.hhmm();
    let leave = m.leave_by.map(|l| l.hhmm()).unwrap_or_else(|| "00:00".into());
    let spare = duration(lang, m.margin_min.max(0) as u32);
    rsx! {
        p {
            class: if m.alert { "last-departure alert" } else { "last-departure" },
            role: if m.alert { "alert" } else { "status" },
            strong { "{t(lang, Msg::LastDepartureHome)} · " }
            {leave_by(lang, &leave, &departure)}
            " ({spare})"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planning::last_departure_home;
    use crate::planning::tests::{bundled_timetable, date, route, LYON};
    use velay_core::follow::{departure_margin, TimeOfDay};

    #[test]
    fn a_walker_at_the_mezenc_is_told_when_to_leave_for_the_last_bus_and_alerted_when_late() {
        let tt = bundled_timetable();
        let bus = last_departure_home(&tt, &route("estables-mezenc"), LYON, date(2026, 12, 1)).expect("a last bus");
        let relaxed = departure_margin(TimeOfDay::hm(11, 0), 60.0, bus, BUFFER_MIN, ALERT_BELOW_MIN);
        let html = dioxus_ssr::render_element(rsx! { LastDeparture { margin: Some(relaxed), lang: Lang::En } });
        assert!(html.contains(&format!("to catch the {}", bus.hhmm())), "{html}");
        assert!(!html.contains("alert"), "{html}");
        let late = departure_margin(TimeOfDay(bus.0 - 70 * 60), 60.0, bus, BUFFER_MIN, ALERT_BELOW_MIN);
        let html = dioxus_ssr::render_element(rsx! { LastDeparture { margin: Some(late), lang: Lang::Fr } });
        assert!(
            html.contains("last-departure alert") && html.contains("Partez avant"),
            "{html}"
        );
        assert!(html.contains(&bus.hhmm()));
    }

    #[test]
    fn with_no_departure_left_the_walker_is_told_so() {
        let html = dioxus_ssr::render_element(rsx! { LastDeparture { margin: None, lang: Lang::Fr } });
        assert!(html.contains("Plus de départ pour rentrer aujourd&#39;hui."), "{html}");
    }
}

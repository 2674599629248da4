//! While following a route: "leave by 16:05 to catch the 17:42", the last departure home from
//! the route's end today, turning to an alert when the margin shrinks.

use dioxus::prelude::*;
use velay_core::follow::DepartureMargin;
use velay_core::Lang;

use crate::i18n::{departure_missed, duration, leave_by, t, Msg};

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
    let departure = m.departure.clock();
    let leave = m.leave_by.map(|l| l.clock());
    // Past the time to leave, or with no such time today: the walker is told they will miss it,
    // not to leave at a time already gone.
    let advice = match (&leave, u32::try_from(m.margin_min)) {
        (Some(leave), Ok(spare)) => leave_by(lang, leave, &departure, &duration(lang, spare)),
        _ => departure_missed(lang, &departure, leave.as_deref()),
    };
    rsx! {
        p {
            class: if m.alert { "last-departure alert" } else { "last-departure" },
            role: if m.alert { "alert" } else { "status" },
            strong { "{t(lang, Msg::LastDepartureHome)} · " }
            {advice}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planning::last_departure_home;
    use crate::planning::tests::{bundled_planner, date, route, LYON};
    use velay_core::follow::{departure_margin, TimeOfDay};

    #[test]
    fn a_walker_at_the_mezenc_is_told_when_to_leave_for_the_last_bus_and_alerted_when_late() {
        let tt = bundled_planner();
        let bus = last_departure_home(&tt, &route("estables-mezenc"), LYON, date(2026, 12, 1)).expect("a last bus");
        let relaxed = departure_margin(TimeOfDay::hm(11, 0), 60.0, bus, BUFFER_MIN, ALERT_BELOW_MIN);
        let html = dioxus_ssr::render_element(rsx! { LastDeparture { margin: Some(relaxed), lang: Lang::En } });
        assert!(html.contains(&format!("to catch the {}", bus.clock())), "{html}");
        assert!(!html.contains("alert"), "{html}");
        let late = departure_margin(TimeOfDay(bus.0 - 70 * 60), 60.0, bus, BUFFER_MIN, ALERT_BELOW_MIN);
        let html = dioxus_ssr::render_element(rsx! { LastDeparture { margin: Some(late), lang: Lang::Fr } });
        assert!(
            html.contains("last-departure alert") && html.contains("Partez avant"),
            "{html}"
        );
        assert!(html.contains(&bus.clock()));
    }

    /// The line shown at `now` with `walk_min` minutes still to walk to a last bus at `bus`.
    fn shown(now: TimeOfDay, walk_min: f64, bus: TimeOfDay, lang: Lang) -> String {
        let margin = departure_margin(now, walk_min, bus, BUFFER_MIN, ALERT_BELOW_MIN);
        dioxus_ssr::render_element(rsx! { LastDeparture { margin: Some(margin), lang } })
    }

    #[test]
    fn a_walker_past_the_time_to_leave_is_told_they_will_miss_it() {
        // At 17:00 with an hour still to walk: they needed to set off by 16:37.
        let html = shown(TimeOfDay::hm(17, 0), 60.0, TimeOfDay::hm(17, 42), Lang::En);
        assert!(
            html.contains("last-departure alert") && html.contains("role=\"alert\""),
            "{html}"
        );
        assert!(
            html.contains("will not reach the 17:42 in time: you needed to set off by 16:37"),
            "{html}"
        );
        assert!(!html.contains("Leave by"), "{html}");
        // Ten hours of walking left before a 06:00 bus: the time to leave was before midnight.
        let html = shown(TimeOfDay::hm(0, 10), 600.0, TimeOfDay::hm(6, 0), Lang::Fr);
        assert!(
            html.contains("vous n&#39;arriverez plus à temps pour celui de 06:00."),
            "{html}"
        );
        assert!(!html.contains("00:00"), "{html}");
    }

    #[test]
    fn the_time_to_spare_says_what_it_is() {
        let (now, bus) = (TimeOfDay::hm(14, 10), TimeOfDay::hm(18, 5));
        let html = shown(now, 75.0, bus, Lang::Fr);
        assert!(
            html.contains("Partez avant 16:45 pour prendre celui de 18:05 (2 h 35 de marge)"),
            "{html}"
        );
        let html = shown(now, 75.0, bus, Lang::En);
        assert!(
            html.contains("Leave by 16:45 to catch the 18:05 (2 h 35 min to spare)"),
            "{html}"
        );
        // A bus at GTFS's 24:45 reads as a clock shows it.
        let html = shown(TimeOfDay::hm(23, 0), 30.0, TimeOfDay::hm(24, 45), Lang::En);
        assert!(
            html.contains("Leave by 00:10 to catch the 00:45 (1 h 10 min to spare)"),
            "{html}"
        );
    }

    #[test]
    fn with_no_departure_left_the_walker_is_told_so() {
        let html = dioxus_ssr::render_element(rsx! { LastDeparture { margin: None, lang: Lang::Fr } });
        assert!(html.contains("Plus de départ pour rentrer aujourd&#39;hui."), "{html}");
    }
}

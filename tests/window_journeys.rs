//! The visitors' journeys in the real desktop window (under Xvfb), with clicks and no network,
//! on fixed days (`VELAY_NOW`): a hiker following the Mézenc route who checks the plan page and
//! comes back to the same walk; a Lyon visitor who looks at La Chaise-Dieu late in the day, is
//! told today is over, and plans a Saturday with the app's own date picker; and a visitor whose
//! language choice is kept for the next launch.

mod support;

use std::time::Duration;

use support::wait_for;
use support::window::{launch_app_with, Display, Screen, NOWHERE};

/// The distance done on the follow page, in km ("Parcouru\n1,2 km").
fn done_km(text: &str) -> Option<f64> {
    let after = text.split("Parcouru\n").nth(1)?;
    let figure = after.split(" km").next()?;
    figure.trim().replace(',', ".").parse().ok()
}

#[test]
fn the_visitors_journeys_with_clicks_and_no_network() {
    let display = Display::start();

    // A hiker at Les Estables, a Tuesday morning, starts following the route.
    let tmp = tempfile::tempdir().unwrap();
    let env = [("VELAY_LANG", Some("fr")), ("VELAY_NOW", Some("2026-12-01T10:30"))];
    let (hiker, probe) = launch_app_with(&display, tmp.path(), NOWHERE, Some("/route/estables-mezenc"), &env);
    let screen = || Screen::read(&probe);
    wait_for("the route's page", Duration::from_secs(60), || {
        screen().text.contains("Suivre cet itinéraire")
    });
    display.click(&screen(), "follow");
    wait_for("the walk to move on", Duration::from_secs(60), || {
        done_km(&screen().text).is_some_and(|km| km > 0.2)
    });
    let walked = done_km(&screen().text).unwrap();

    // She checks the plan page, then finds the route again with the search: the walk went on.
    display.click(&screen(), "tab-plan");
    wait_for("the plan page", Duration::from_secs(20), || {
        screen().text.contains("Préparer une journée sans voiture")
    });
    display.click(&screen(), "tab-routes");
    wait_for("the routes list", Duration::from_secs(20), || {
        screen().at.contains_key("route-search")
    });
    display.click(&screen(), "route-search");
    display.type_text("mezenc estables");
    display.type_text(" ");
    wait_for("the search to narrow the list", Duration::from_secs(20), || {
        let shown = screen();
        shown.at.contains_key("route-estables-mezenc") && !shown.at.contains_key("route-puy-ville-haute")
    });
    display.click(&screen(), "route-estables-mezenc");
    wait_for("the route's page", Duration::from_secs(20), || {
        screen().at.contains_key("follow")
    });
    assert_eq!(screen().scroll_y, 0, "the page opens at its top");
    display.click(&screen(), "follow");
    wait_for("the follow page", Duration::from_secs(20), || {
        done_km(&screen().text).is_some()
    });
    let now = done_km(&screen().text).unwrap();
    assert!(now >= walked, "the walk started again: {walked} km, then {now} km");
    drop(hiker);

    // A Lyon visitor at 18:35: today is over for La Chaise-Dieu, and the page says so.
    let tmp = tempfile::tempdir().unwrap();
    let env = [("VELAY_LANG", Some("fr")), ("VELAY_NOW", Some("2026-12-01T18:35"))];
    let (visitor, probe) = launch_app_with(&display, tmp.path(), NOWHERE, Some("/route/chaise-dieu-abbaye"), &env);
    let screen = || Screen::read(&probe);
    wait_for("today's answer on the route's page", Duration::from_secs(60), || {
        screen().text.contains("Y aller et revenir aujourd'hui")
    });
    let text = screen().text;
    assert!(text.contains("Plus possible aujourd'hui"), "{text}");
    assert!(
        text.contains("Prochain jour possible : mercredi 2 décembre 2026"),
        "{text}"
    );
    assert_eq!(screen().scroll_y, 0, "the page opens at its top");

    // She plans a Saturday with the app's picker, in French whatever the system's locale.
    display.click(&screen(), "plan-day");
    wait_for("the plan page on today", Duration::from_secs(20), || {
        screen().text.contains("mardi 1 décembre 2026")
    });
    display.click(&screen(), "date");
    wait_for("the month", Duration::from_secs(10), || {
        screen().at.contains_key("day-2026-12-05")
    });
    let month = screen();
    assert!(month.text.contains("décembre 2026"), "{}", month.text);
    let (_, y_monday) = month.at["day-2026-12-07"];
    let (x_sunday, _) = month.at["day-2026-12-06"];
    let (x_monday, _) = month.at["day-2026-12-07"];
    assert!(x_monday < x_sunday, "weeks start on Monday");
    assert!(y_monday > month.at["day-2026-12-06"].1, "Monday 7 opens a new week");
    display.click(&month, "day-2026-12-05");
    wait_for("Saturday's plan", Duration::from_secs(20), || {
        let text = screen().text;
        text.contains("samedi 5 décembre 2026")
            && (text.contains("La marche") || text.contains("Impossible ce jour-là"))
    });
    display.click(&screen(), "day-after");
    wait_for("Sunday", Duration::from_secs(10), || {
        screen().text.contains("dimanche 6 décembre 2026")
    });
    assert!(!screen().text.contains("12/06/2026"));
    display.screenshot("screenshot-plan-saturday.png");

    // English, chosen in the app, is kept for the next launch.
    display.click(&screen(), "lang");
    wait_for("English", Duration::from_secs(10), || {
        screen().text.contains("Plan a car-free day")
    });
    drop(visitor);
    let env = [("VELAY_LANG", None), ("VELAY_NOW", Some("2026-12-01T18:35"))];
    let (_visitor, probe) = launch_app_with(&display, tmp.path(), NOWHERE, None, &env);
    wait_for("the routes list in English", Duration::from_secs(60), || {
        Screen::read(&probe).text.contains("Routes")
    });
    assert!(!Screen::read(&probe).text.contains("Itinéraires"));
}

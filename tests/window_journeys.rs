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
    display.click_still(&probe, "follow");
    wait_for("the walk to move on", Duration::from_secs(60), || {
        done_km(&screen().text).is_some_and(|km| km > 0.2)
    });
    let walked = done_km(&screen().text).unwrap();

    // She checks the plan page, then finds the route again with the search: the walk went on.
    display.click_still(&probe, "tab-plan");
    wait_for("the plan page", Duration::from_secs(20), || {
        screen().text.contains("Préparer une journée sans voiture")
    });
    display.click_still(&probe, "tab-routes");
    wait_for("the routes list", Duration::from_secs(20), || {
        screen().at.contains_key("route-search")
    });
    display.click_still(&probe, "route-search");
    display.type_text("mezenc estables");
    display.type_text(" ");
    wait_for("the search to narrow the list", Duration::from_secs(20), || {
        let shown = screen();
        shown.at.contains_key("route-estables-mezenc") && !shown.at.contains_key("route-puy-ville-haute")
    });
    display.click_until(&probe, "route-estables-mezenc", |s| s.at.contains_key("follow"));
    assert_eq!(screen().scroll_y, 0, "the page opens at its top");
    display.click_still(&probe, "follow");
    wait_for("the follow page", Duration::from_secs(20), || {
        done_km(&screen().text).is_some()
    });
    let now = done_km(&screen().text).unwrap();
    assert!(now >= walked, "the walk started again: {walked} km, then {now} km");
    drop(hiker);

    // A traveller asks Bernard for a meeting with no network: his rules make the slots of the
    // coming weeks on the device, one that has started is not offered, the form opens under the
    // slot, one request goes out however often Send is tapped, and the request reads as who,
    // when and where; cancelling asks first. It is Wednesday 2 December, 11:00.
    let tmp = tempfile::tempdir().unwrap();
    let env = [("VELAY_LANG", Some("fr")), ("VELAY_NOW", Some("2026-12-02T11:00"))];
    let (traveller, probe) = launch_app_with(&display, tmp.path(), NOWHERE, Some("/greeter/bernard"), &env);
    let screen = || Screen::read(&probe);
    wait_for("Bernard's slots", Duration::from_secs(60), || {
        screen().at.contains_key("ask-bernard-samedi-20261205")
    });
    assert!(
        !screen().at.contains_key("slot-bernard-mercredi-20261202"),
        "this morning's 10:30 slot has started at 11:00"
    );
    assert!(
        screen().at.contains_key("slot-bernard-mercredi-20261209"),
        "next Wednesday's is offered"
    );
    assert!(
        screen().text.contains("samedi 5 décembre 2026, 14:00"),
        "{}",
        screen().text
    );
    display.click_still(&probe, "ask-bernard-samedi-20261205");
    wait_for("the form, in view", Duration::from_secs(10), || {
        screen().at.get("email").is_some_and(|&(_, y)| (60..740).contains(&y))
            && screen()
                .at
                .get("send-request")
                .is_some_and(|&(_, y)| (60..740).contains(&y))
    });
    display.click_still(&probe, "email");
    display.type_text("anne@example.org");
    display.click_still(&probe, "send-request");
    wait_for("the request saved on the device", Duration::from_secs(10), || {
        screen().at.contains_key("request-queued")
    });
    display.click_still(&probe, "send-request");
    std::thread::sleep(Duration::from_millis(500));
    display.click_still(&probe, "tab-greeters");
    wait_for("the directory", Duration::from_secs(10), || {
        screen().at.contains_key("my-requests")
    });
    display.click_still(&probe, "my-requests");
    wait_for("my requests", Duration::from_secs(10), || {
        screen().at.contains_key("request")
    });
    let shown = screen();
    assert!(shown.text.contains("samedi 5 décembre 2026, 14:00"), "{}", shown.text);
    assert!(shown.text.contains("Place de l'Écho"), "{}", shown.text);
    assert!(
        !shown.text.contains("bernard-samedi-20261205"),
        "no slot id on screen: {}",
        shown.text
    );
    if shown.at.contains_key("cancel-request") {
        display.click_still(&probe, "cancel-request");
        wait_for("the question", Duration::from_secs(10), || {
            screen().at.contains_key("confirm-cancel")
        });
        display.click_still(&probe, "cancel-no");
        wait_for("the request kept", Duration::from_secs(10), || {
            screen().at.contains_key("cancel-request")
        });
    }
    display.screenshot("check-my-requests.png");
    drop(traveller);
    let store = velay_core::Store::open(&tmp.path().join("app").join("store")).unwrap();
    let requests = store
        .outbox()
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.mutation.op, velay_core::mutation::Op::RequestMeeting { .. }))
        .count();
    assert_eq!(requests, 1, "two taps on Send made {requests} requests");

    // A Lyon visitor at 18:35: today is over for La Chaise-Dieu, and the page says so.
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let home = home.to_str().unwrap();
    let env = [
        ("VELAY_LANG", Some("fr")),
        ("VELAY_NOW", Some("2026-12-01T18:35")),
        ("HOME", Some(home)),
    ];
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
    display.click_still(&probe, "plan-day");
    wait_for("the plan page on today", Duration::from_secs(20), || {
        screen().text.contains("mardi 1 décembre 2026")
    });
    display.click_still(&probe, "date");
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
    display.click_still(&probe, "day-2026-12-05");
    wait_for("Saturday's plan", Duration::from_secs(20), || {
        let text = screen().text;
        text.contains("samedi 5 décembre 2026")
            && (text.contains("La marche") || text.contains("Impossible ce jour-là"))
    });
    display.click_still(&probe, "day-after");
    wait_for("Sunday", Duration::from_secs(10), || {
        screen().text.contains("dimanche 6 décembre 2026")
    });
    assert!(!screen().text.contains("12/06/2026"));
    display.screenshot("check-plan-saturday.png");

    // Sunday has no bus: she takes the nearest day that works and keeps it.
    display.click_still(&probe, "nearest-day");
    wait_for("a day that works", Duration::from_secs(20), || {
        screen().at.contains_key("keep-day")
    });
    display.click_still(&probe, "keep-day");
    wait_for("the day kept", Duration::from_secs(10), || {
        screen().at.contains_key("my-trips")
    });
    display.click_still(&probe, "my-trips");
    wait_for("my trips", Duration::from_secs(10), || screen().at.contains_key("trip"));
    let text = screen().text;
    assert!(
        text.contains("La Chaise-Dieu") && text.contains("Lyon Part Dieu"),
        "{text}"
    );
    display.click_still(&probe, "trip-export");
    wait_for("the calendar file", Duration::from_secs(10), || {
        screen().text.contains(".ics")
    });
    let ics = std::fs::read_dir(tmp.path().join("home"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with(".ics"))
        .expect("the .ics where the app said");
    let ics = std::fs::read_to_string(ics.path()).unwrap();
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("La Chaise-Dieu"), "{ics}");
    display.click_still(&probe, "trip-delete");
    wait_for("the question", Duration::from_secs(10), || {
        screen().at.contains_key("confirm-delete")
    });
    display.click_still(&probe, "delete-no");
    wait_for("the day still kept", Duration::from_secs(10), || {
        screen().at.contains_key("trip-delete")
    });
    display.click_still(&probe, "tab-plan");
    wait_for("the plan page", Duration::from_secs(10), || {
        screen().at.contains_key("lang")
    });

    // English, chosen in the app, is kept for the next launch.
    display.click_still(&probe, "lang");
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

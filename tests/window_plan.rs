//! The plan page in the real desktop window (under Xvfb), offline: a car-free day from the
//! default home station to a route and back, from the timetable bundled in the app: the way
//! there, the walk, the way back and the margin, or why not and the nearest day that works;
//! the same from a home station kept in the store; then a station's departures board.
//! The screenshot goes to target/screenshots/ (and to docs/ with VELAY_UPDATE_DOCS=1).

mod support;

use std::time::Duration;

use support::wait_for;
use support::window::{launch_app, Display, Screen, NOWHERE};

#[test]
fn a_visitor_plans_a_car_free_day_to_the_mezenc_then_reads_a_departures_board_with_no_network() {
    let display = Display::start();
    let tmp = tempfile::tempdir().unwrap();
    let (plan, probe) = launch_app(&display, tmp.path(), NOWHERE, Some("/plan/estables-mezenc"));
    let shown = || Screen::read(&probe).text;
    let planned = |text: &str| text.contains("La marche") && text.contains("Marge :");
    let not_that_day = |text: &str| text.contains("Impossible ce jour-là") && text.contains("Choisir ce jour");
    wait_for("the plan page", Duration::from_secs(60), || {
        let text = shown();
        text.contains("Préparer une journée sans voiture") && (planned(&text) || not_that_day(&text))
    });
    let screen = Screen::read(&probe);
    assert_eq!(
        screen.values.get("home").map(String::as_str),
        Some("StopArea:OCE87723197"),
        "Lyon Part-Dieu by default"
    );
    let text = screen.text;
    if planned(&text) {
        assert!(text.contains("Les Estables – Bourg"), "the route's stop: {text}");
        assert!(text.contains("Lyon Part Dieu"), "the default home station: {text}");
        assert!(text.contains("Aller") && text.contains("Retour"), "{text}");
        assert!(
            text.contains("horaires d'exemple"),
            "the Mézenc bus is a sample: {text}"
        );
    } else {
        assert!(text.contains("Le jour le plus proche qui marche"), "{text}");
    }
    std::thread::sleep(Duration::from_millis(500));
    display.screenshot("check-plan.png");
    drop(plan);

    // The home station chosen on an earlier day is kept in the store: the next launch plans
    // from it.
    let tmp = tempfile::tempdir().unwrap();
    let store = velay_core::store::Store::open(&tmp.path().join("app").join("store")).unwrap();
    store.set_home_station("StopArea:OCE87726000").unwrap();
    drop(store);
    let (plan, probe) = launch_app(&display, tmp.path(), NOWHERE, Some("/plan/estables-mezenc"));
    wait_for(
        "the plan page from the kept home station",
        Duration::from_secs(60),
        || {
            let screen = Screen::read(&probe);
            let home = screen.values.get("home").map(String::as_str);
            home == Some("StopArea:OCE87726000") && (planned(&screen.text) || not_that_day(&screen.text))
        },
    );
    drop(plan);

    // Then a stop's board, one display for both: two tests would race for a display number.
    let tmp = tempfile::tempdir().unwrap();
    let (_app, probe) = launch_app(&display, tmp.path(), NOWHERE, Some("/departures/StopArea:OCE87734699"));
    let shown = || Screen::read(&probe).text;
    wait_for("the departures board", Duration::from_secs(60), || {
        let text = shown();
        text.contains("Départs · Le Puy-en-Velay")
            && (text.contains("Aucun départ dans les 24 heures.")
                || text.contains("Saint-Étienne")
                || text.contains("Estables"))
    });
    // The buses to the Grands Sites leave from the bus station next door: the board says so.
    assert!(shown().contains("Le Puy-en-Velay – Gare routière"), "{}", shown());
    std::thread::sleep(Duration::from_millis(500));
    display.screenshot("check-departures.png");
}

//! The route screens in the real desktop window (under Xvfb), offline: a route's page with its
//! drawn track and elevation profile, then following it with the replay moving the walker on.
//! Screenshots go to target/screenshots/ (and to docs/ with VELAY_UPDATE_DOCS=1).

mod support;

use std::time::Duration;

use support::wait_for;
use support::window::{launch_app, Display, Screen, NOWHERE};

#[test]
fn a_hiker_opens_a_route_then_follows_it_in_the_window_with_no_network() {
    let display = Display::start();

    let tmp = tempfile::tempdir().unwrap();
    let (detail, probe) = launch_app(&display, tmp.path(), NOWHERE, Some("/route/estables-mezenc"));
    let shown = || Screen::read(&probe).text;
    wait_for("the route's page", Duration::from_secs(60), || {
        let text = shown();
        text.contains("Le mont Mézenc depuis Les Estables") && text.contains("Profil altimétrique")
    });
    let text = shown();
    assert!(text.contains("Tracé d'exemple, non relevé sur le terrain"), "{text}");
    assert!(
        text.contains("Sommet du mont Mézenc") && text.contains("Les Estables – Bourg"),
        "{text}"
    );
    assert!(
        text.contains("Suivre cet itinéraire") && text.contains("Exporter en GPX"),
        "{text}"
    );
    std::thread::sleep(Duration::from_millis(500));
    display.screenshot("check-route-detail.png");
    drop(detail);

    let tmp = tempfile::tempdir().unwrap();
    let (_follow, probe) = launch_app(&display, tmp.path(), NOWHERE, Some("/route/puy-ville-haute/follow"));
    let shown = || Screen::read(&probe).text;
    wait_for("the replay to move the walker on", Duration::from_secs(60), || {
        let text = shown();
        text.contains("Parcouru") && text.contains("Prochain point d'intérêt") && !text.contains("Parcouru\n0,0 km")
    });
    let text = shown();
    assert!(text.contains("Reste") && text.contains("Temps restant"), "{text}");
    assert!(
        !text.contains("Vous vous êtes écarté"),
        "replaying the route's own track never leaves it: {text}"
    );
    display.screenshot("check-follow.png");
}

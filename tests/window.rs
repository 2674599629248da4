//! The real desktop app in a real window (under Xvfb): on first launch with no server it shows
//! the bundled routes; when the server appears it syncs by itself; a route renamed and imported
//! on the server shows up in the running window without a restart. Screenshots go to
//! target/screenshots/ (and to docs/ with VELAY_UPDATE_DOCS=1).

mod support;

use std::time::Duration;

use support::window::{launch_app, Display, Screen};
use support::{copy_routes_data, free_port, import, rename_route, wait_for, Server};

#[test]
fn the_window_shows_bundled_routes_offline_then_follows_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    let display = Display::start();
    let port = free_port();
    let (_app, probe) = launch_app(&display, tmp.path(), &format!("http://127.0.0.1:{port}"), None);
    let screen = || Screen::read(&probe);
    let shown = || screen().text;

    // First launch, nothing listening: the home page from bundled content, offline; then the
    // routes list.
    wait_for("the home page", Duration::from_secs(60), || {
        let text = shown();
        text.contains("Tout marche sans réseau")
            && text.contains("Le Puy : Ville-Haute, Aiguilhe et Espaly")
            && text.contains("Hors ligne")
    });
    display.screenshot("check-home.png");
    display.click(&screen(), "tab-routes");
    wait_for("the bundled routes list", Duration::from_secs(20), || {
        screen().at.contains_key("route-search")
    });
    assert!(shown().contains("Tracé d'exemple, non relevé sur le terrain"));
    display.screenshot("check-routes-offline.png");

    // The server comes up: the app finds it by itself.
    let content = copy_routes_data(&tmp.path().join("routes-data"));
    let data = tmp.path().join("server");
    import(&content, &data);
    let _server = Server::start(&data, &format!("127.0.0.1:{port}"));
    wait_for("the app to sync", Duration::from_secs(30), || {
        shown().contains("À jour à")
    });
    display.screenshot("screenshot-routes.png");

    // A rename published on the server appears in the running window.
    rename_route(
        &content,
        "puy-ville-haute",
        "Le Puy, les rochers volcaniques",
        "Le Puy, the volcanic rocks",
    );
    import(&content, &data);
    wait_for("the new name in the window", Duration::from_secs(30), || {
        shown().contains("Le Puy, les rochers volcaniques")
    });
    assert!(!shown().contains("Le Puy : Ville-Haute, Aiguilhe et Espaly"));
    display.screenshot("screenshot-routes-renamed.png");

    // The sync screen: a note typed in the window is saved, sent, and received by the server.
    display.click(&screen(), "tab-sync");
    wait_for("the sync screen", Duration::from_secs(10), || {
        shown().contains("Envois") && shown().contains("Rien à envoyer.")
    });
    display.click(&screen(), "note-text");
    display.type_text("Panneau tombe au carrefour de la Borne");
    display.click(&screen(), "note-send");
    wait_for("the note saved on the device", Duration::from_secs(10), || {
        shown().contains("Enregistré sur l'appareil")
    });
    wait_for("the server's answer", Duration::from_secs(30), || {
        let text = shown();
        text.contains("Panneau tombe au carrefour de la Borne") && text.contains("reçu ·")
    });
    display.screenshot("screenshot-sync.png");
}

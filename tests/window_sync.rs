//! Sync as the person sees it, in the real window (under Xvfb), at the app's own pace (a sync
//! every 30 s, backing off while the server is away): offline, the sync screen says the server
//! could not be reached and when it last tried; when the server comes back the app finds it
//! within seconds, not at the end of its backoff; relaunched offline, it says its content is the
//! synced one.

mod support;

use std::time::{Duration, Instant};

use support::window::{launch_app_with, Display, Screen, NOWHERE};
use support::{copy_routes_data, free_port, import, wait_for, Server};

#[test]
fn when_the_server_comes_back_the_app_syncs_within_seconds_not_at_the_end_of_its_backoff() {
    let display = Display::start();
    let tmp = tempfile::tempdir().unwrap();
    let port = free_port();
    let env = [("VELAY_LANG", Some("fr")), ("VELAY_SYNC_INTERVAL_SECS", None)];
    let (_app, probe) = launch_app_with(
        &display,
        tmp.path(),
        &format!("http://127.0.0.1:{port}"),
        Some("/sync"),
        &env,
    );
    let screen = || Screen::read(&probe);
    wait_for("the sync screen, offline", Duration::from_secs(60), || {
        screen()
            .text
            .contains("Hors ligne : serveur injoignable, dernier essai à")
    });
    // "Sync now" with no server: the screen still says why, in words.
    display.click_still(&probe, "sync-now");
    std::thread::sleep(Duration::from_secs(2));
    assert!(screen().text.contains("serveur injoignable"), "{}", screen().text);

    // The server comes up while the app waits out its backoff (30 to 60 s after a failure).
    let content = copy_routes_data(&tmp.path().join("routes-data"));
    let data = tmp.path().join("server");
    import(&content, &data);
    let _server = Server::start(&data, &format!("127.0.0.1:{port}"));
    let back = Instant::now();
    wait_for("the app to find the server again", Duration::from_secs(15), || {
        screen().text.contains("À jour à")
    });
    eprintln!("synced {:?} after the server came back", back.elapsed());
    drop(_app);

    // Relaunched with no server, the badge says the content is the synced one, not the bundle.
    let env = [("VELAY_LANG", Some("fr"))];
    let (_app, probe) = launch_app_with(&display, tmp.path(), NOWHERE, None, &env);
    wait_for("the badge after a relaunch", Duration::from_secs(60), || {
        Screen::read(&probe).text.contains("Hors ligne · synchronisé")
    });
    assert!(!Screen::read(&probe).text.contains("contenu embarqué"));
}

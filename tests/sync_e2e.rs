//! The app's core against the real server binary on loopback: a first pull brings all of
//! routes-data, and a route renamed and imported again arrives alone, once.

mod support;

use std::process::Command;

use support::{bin, copy_routes_data, free_port, import, rename_route, Server};
use velay_core::client::Client;
use velay_core::content::read_dir;
use velay_core::mutation::{EntryState, Op};
use velay_core::store::Credential;
use velay_core::{Content, Store};

#[tokio::test]
async fn a_renamed_route_reaches_a_synced_store_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let content = copy_routes_data(&tmp.path().join("routes-data"));
    let published = read_dir(&content).unwrap().len() as u64;
    let data = tmp.path().join("server");

    let first_import = import(&content, &data);
    assert_eq!(first_import["changed"], published);
    let server = Server::start(&data, "127.0.0.1:0");

    let store = Store::open(&tmp.path().join("app")).unwrap();
    let client = Client::new(&server.url).unwrap();
    let first = client.pull(&store).await.unwrap();
    assert_eq!((first.pulled as u64, first.cursor), (published, published));
    let before: Vec<Content> = all(&store);

    let route_id = "puy-ville-haute";
    rename_route(&content, route_id, "Le Puy, boucle renommée", "Le Puy, renamed loop");
    // The server holds the store, so import goes through it over HTTP.
    let second_import = import(&content, &data);
    assert_eq!(
        (second_import["changed"].as_u64(), second_import["deleted"].as_u64()),
        (Some(1), Some(0))
    );

    let second = client.pull(&store).await.unwrap();
    assert_eq!((second.pulled, second.cursor), (1, published + 1));
    let after = all(&store);
    let changed: Vec<_> = after.iter().filter(|c| !before.contains(c)).map(Content::key).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].id, route_id);
    let renamed = store.routes().unwrap().into_iter().find(|r| r.id == route_id).unwrap();
    assert_eq!(renamed.name.en, "Le Puy, renamed loop");
    assert_eq!(after.len(), before.len());

    let third = client.pull(&store).await.unwrap();
    assert_eq!((third.pulled, third.cursor), (0, published + 1));
}

#[test]
fn the_cli_syncs_headlessly_and_prints_one_json_object() {
    let tmp = tempfile::tempdir().unwrap();
    let content = copy_routes_data(&tmp.path().join("routes-data"));
    let data = tmp.path().join("server");
    let published = import(&content, &data)["changed"].as_u64().unwrap();
    let server = Server::start(&data, "127.0.0.1:0");

    let cli = |args: &[&str]| {
        let out = Command::new(bin("velay-cli"))
            .arg("--data")
            .arg(tmp.path().join("cli"))
            .args(args)
            .output()
            .expect("velay-cli runs");
        assert!(
            out.status.success(),
            "velay-cli {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("one JSON value")
    };
    let report = cli(&["sync", "--server", &server.url, "--json"]);
    assert_eq!(
        (report["pulled"].as_u64(), report["cursor"].as_u64()),
        (Some(published), Some(published))
    );
    let again = cli(&["sync", "--server", &server.url, "--json"]);
    assert_eq!(again["pulled"], 0);
    let routes = cli(&["routes", "--json", "--lang", "en"]);
    assert!(routes
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["name"] == "Le Puy: upper town, Aiguilhe and Espaly"));
}

#[test]
fn a_sync_with_no_server_fails_clearly_and_keeps_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let port = free_port();
    let out = Command::new(bin("velay-cli"))
        .arg("--data")
        .arg(tmp.path().join("cli"))
        .args(["sync", "--server", &format!("http://127.0.0.1:{port}"), "--json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unreachable"), "{stderr}");
    assert!(Store::open(&tmp.path().join("cli"))
        .unwrap()
        .routes()
        .unwrap()
        .is_empty());
}

/// A registered device that loses the network: its note was never sent, and says so.
#[tokio::test]
async fn a_write_made_with_no_connection_stays_queued_not_sent() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("app")).unwrap();
    store
        .set_credential(&Credential {
            device: "d".into(),
            token: "t".into(),
        })
        .unwrap();
    store
        .enqueue(Op::Feedback {
            route: "puy-polignac".into(),
            text: "Balisage effacé".into(),
        })
        .unwrap();
    let port = free_port();
    let client = Client::new(&format!("http://127.0.0.1:{port}")).unwrap();
    assert!(client.sync(&store, |_| {}).await.is_err());
    let outbox = store.outbox().unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].state, EntryState::Queued);
}

fn all(store: &Store) -> Vec<Content> {
    let mut v: Vec<Content> = store.sites().unwrap().into_iter().map(Content::Site).collect();
    v.extend(store.routes().unwrap().into_iter().map(|r| Content::Route(Box::new(r))));
    v
}

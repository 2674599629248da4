//! In a real browser: headless Chromium (Debian's) logs in to the greeter pages and confirms a
//! request that a traveller made through the app's core; the core's next sync shows it
//! confirmed. The browser is driven by `scripts/browser/confirm_request.mjs` (playwright-core,
//! installed by `scripts/deps.sh`), which screenshots the page into `target/screenshots/`; with
//! `VELAY_UPDATE_SCREENSHOTS` set it refreshes `docs/screenshot-greeter.png` too.
//!
//! Without node, playwright-core or chromium the test says so and passes, unless
//! `VELAY_REQUIRE_BROWSER` is set, as `scripts/test.sh` does, where it fails.

mod support;

use std::path::Path;
use std::process::Command;

use support::greeters::{account, publish_slot, PASSWORD};
use support::{device_store, TestServer};
use velay_core::client::Client;
use velay_core::greeter::Contact;
use velay_core::mutation::Op;
use velay_core::store::RequestStatus;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_greeter_confirms_in_chromium_a_request_made_in_the_app_and_the_app_sees_it_confirmed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("scripts/browser/confirm_request.mjs");
    let ready = root.join("scripts/browser/node_modules/playwright-core").exists()
        && Path::new("/usr/bin/chromium").exists()
        && Command::new("node").arg("--version").output().is_ok();
    if !ready {
        let msg = "node, playwright-core or chromium is missing: run scripts/deps.sh";
        assert!(std::env::var_os("VELAY_REQUIRE_BROWSER").is_none(), "{msg}");
        eprintln!("skipped: {msg}");
        return;
    }
    let server = TestServer::start().await;
    let slot = publish_slot(&server, "martine", 6);
    account(&server, "martine");
    let (_d, store) = device_store();
    let client = Client::new(&server.url()).unwrap();
    let id = store
        .enqueue(Op::RequestMeeting {
            slot,
            party: 3,
            language: "en".into(),
            message: "We arrive by the 10:12 train from Lyon. Could we see the lace-makers?".into(),
            contact: Contact::Phone("+33 6 12 34 56 78".into()),
        })
        .unwrap()
        .mutation
        .id;
    client.sync(&store, |_| {}).await.unwrap();
    assert_eq!(store.requests().unwrap()[0].status, RequestStatus::Pending);

    let shots = root.join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("greeter.png");
    let for_docs = shot.clone();
    let url = server.url();
    let out = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(&script)
            .args([url.as_str(), "martine", PASSWORD, &id.to_string()])
            .arg(&shot)
            .output()
            .expect("node runs")
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "the browser run failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    assert!(for_docs.exists(), "the screenshot was taken");
    if std::env::var_os("VELAY_UPDATE_SCREENSHOTS").is_some() {
        std::fs::copy(&for_docs, root.join("docs/screenshot-greeter.png")).unwrap();
    }

    client.sync(&store, |_| {}).await.unwrap();
    let view = &store.requests().unwrap()[0];
    assert_eq!(view.status, RequestStatus::Confirmed);
    assert!(view.reply.as_deref().unwrap().contains("place du Plot"));
}

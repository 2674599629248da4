//! The sync protocol end to end: a device store and the real server on loopback.

mod support;

use netsim::{Fault, Link, Proxy};
use support::{device_store, TestServer};
use velay_core::client::Client;
use velay_core::mutation::{EntryState, Op};
use velay_core::sync::{PushRequest, PushResponse, PUSH_PATH};
use velay_server::ServerStore;

#[tokio::test]
async fn a_pull_from_zero_brings_all_content_and_a_second_brings_nothing() {
    let server = TestServer::start().await;
    let (_d, store) = device_store();
    let client = Client::new(&server.url()).unwrap();
    let report = client.sync(&store, |_| {}).await.unwrap();
    assert_eq!(report.pulled, server.contents.len());
    assert_eq!(report.cursor, server.store.head().unwrap());
    assert!(store.last_sync().unwrap().is_some());
    assert_eq!(client.sync(&store, |_| {}).await.unwrap().pulled, 0);
}

#[tokio::test]
async fn a_pull_cut_in_the_middle_resumes_with_no_gap_and_no_repeat() {
    let server = TestServer::start().await;
    let (_d, store) = device_store();
    // The first connection is cut partway through the second batch's answer.
    let mut first = true;
    let proxy = Proxy::start(server.addr, Link::LOOPBACK, move || {
        let f = if first { Fault::CutResponse(2500) } else { Fault::Pass };
        first = false;
        f
    })
    .await
    .unwrap();
    let client = Client::new(&proxy.url()).unwrap().with_batch_limit(2);
    let mut seen = Vec::new();
    let err = client.sync(&store, |p| seen.push(p.cursor)).await;
    assert!(err.is_err(), "the cut shows as an error");
    let cursor_after_cut = store.cursor().unwrap().unwrap_or(0);
    assert!(cursor_after_cut < server.store.head().unwrap());
    let report = client.sync(&store, |p| seen.push(p.cursor)).await.unwrap();
    assert_eq!(
        report.pulled as u64 + cursor_after_cut,
        server.store.head().unwrap(),
        "every change once"
    );
    let tracks = server
        .contents
        .iter()
        .filter(|c| matches!(c, velay_core::Content::Track(_)))
        .count();
    let routes = store.routes().unwrap();
    let timetable = store
        .timetable()
        .unwrap()
        .expect("the timetable record came through the cut pull");
    assert!(timetable.trip_count() > 0);
    assert_eq!(
        routes.len()
            + store.sites().unwrap().len()
            + tracks
            + store.greeters().unwrap().len()
            + store.one_off_slots().unwrap().len()
            + store.rules().unwrap().len()
            + 1,
        server.contents.len()
    );
    assert!(routes.iter().all(|r| r.track.len() > 1), "every route has its track");
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "the cursor only moves forward: {seen:?}"
    );
}

#[tokio::test]
async fn a_push_replayed_five_times_over_http_has_one_effect_and_the_same_answer() {
    let server = TestServer::start().await;
    let (_d, store) = device_store();
    let client = Client::new(&server.url()).unwrap();
    let credential = client.ensure_registered(&store).await.unwrap();
    let entry = store
        .enqueue(Op::Feedback {
            route: "puy-ville-haute".into(),
            text: "Merci".into(),
        })
        .unwrap();
    let body = PushRequest {
        mutations: vec![entry.mutation.clone()],
    };
    let http = reqwest::Client::new();
    let mut answers = Vec::new();
    let head_before = server.store.head().unwrap();
    for _ in 0..5 {
        let resp = http
            .post(format!("{}{PUSH_PATH}", server.url()))
            .bearer_auth(&credential.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        answers.push(resp.json::<PushResponse>().await.unwrap());
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(server.store.head().unwrap(), head_before + 1, "one record, once");
    // The client's own sync then files the same answer, and the note comes back as private.
    let report = client.sync(&store, |_| {}).await.unwrap();
    assert_eq!((report.pushed, report.refused), (1, 0));
    assert!(matches!(store.outbox().unwrap()[0].state, EntryState::Accepted { .. }));
    assert_eq!(store.private_records().unwrap().len(), 1);
}

#[tokio::test]
async fn a_note_on_an_unknown_route_is_refused_with_its_reason() {
    let server = TestServer::start().await;
    let (_d, store) = device_store();
    store
        .enqueue(Op::Feedback {
            route: "atlantis".into(),
            text: "?".into(),
        })
        .unwrap();
    let report = Client::new(&server.url()).unwrap().sync(&store, |_| {}).await.unwrap();
    assert_eq!((report.pushed, report.refused), (0, 1));
    let EntryState::Refused { reason, .. } = &store.outbox().unwrap()[0].state else {
        panic!("refused")
    };
    assert_eq!(*reason, velay_core::mutation::Refusal::NoSuchRoute, "{reason}");
}

#[tokio::test]
async fn a_device_forgotten_by_a_rebuilt_server_registers_again_and_loses_nothing() {
    let first = TestServer::start().await;
    let (_d, store) = device_store();
    Client::new(&first.url()).unwrap().sync(&store, |_| {}).await.unwrap();
    let old = store.credential().unwrap().unwrap();
    first.stop().await;
    let second = TestServer::start().await;
    store
        .enqueue(Op::Feedback {
            route: "puy-ville-haute".into(),
            text: "Toujours là".into(),
        })
        .unwrap();
    let report = Client::new(&second.url()).unwrap().sync(&store, |_| {}).await.unwrap();
    assert_eq!(report.pushed, 1);
    assert_ne!(store.credential().unwrap().unwrap(), old);
}

#[tokio::test]
async fn a_device_forgotten_after_a_month_of_reading_only_registers_again_on_its_next_sync() {
    // The server's clock is a month and a day ahead: the device registered "then" never wrote.
    let month_on = velay_core::clock::Clock::system().local_now() + chrono::Duration::days(31);
    let server = TestServer::start_on(velay_core::clock::Clock::starting_at(month_on)).await;
    let (_d, store) = device_store();
    let client = Client::new(&server.url()).unwrap();
    let first = client.ensure_registered(&store).await.unwrap();
    client.sync(&store, |_| {}).await.unwrap();
    assert_eq!(server.store.expire_devices().unwrap(), 1);

    let report = client.sync(&store, |_| {}).await.unwrap();
    let again = store.credential().unwrap().unwrap();
    assert_ne!(again.device, first.device, "a new registration");
    assert_eq!(report.refused, 0);
    // And it writes as before.
    store
        .enqueue(Op::Feedback {
            route: "puy-ville-haute".into(),
            text: "Back".into(),
        })
        .unwrap();
    assert_eq!(client.sync(&store, |_| {}).await.unwrap().pushed, 1);
}

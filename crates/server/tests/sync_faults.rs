//! Exactly-once under a hostile network: a proxy between device and server refuses, delays and
//! cuts connections, and answers 503 before or after the server saw the request. Whatever
//! happens, once a sync goes through, the server holds each accepted note once and the device's
//! outbox holds every note with the server's answer.
//!
//! `VELAY_FAULT_RUNS` sets the number of runs (500 by default, the CI figure);
//! `VELAY_FAULT_SEED` replays a failing run's sequence.

mod support;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use netsim::{Fault, Link, Proxy};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use support::{device_store, TestServer};
use velay_core::client::Client;
use velay_core::mutation::{EntryState, Op};
use velay_core::sync::PrivateRecord;
use velay_server::ServerStore;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn fault(rng: &mut StdRng) -> Fault {
    match rng.random_range(0..100) {
        0..40 => Fault::Pass,
        40..50 => Fault::Delay(Duration::from_millis(rng.random_range(1..40))),
        50..60 => Fault::Refuse,
        60..70 => Fault::CutRequest(rng.random_range(0..700)),
        70..85 => Fault::CutResponse(rng.random_range(0..4000)),
        85..92 => Fault::ErrorBefore,
        _ => Fault::ErrorAfter,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_random_faults_every_note_reaches_the_server_exactly_once() {
    let runs = env_u64("VELAY_FAULT_RUNS", 500);
    let seed = env_u64("VELAY_FAULT_SEED", 20261126);
    println!("{runs} runs, seed {seed}");
    // Hundreds of phones from one address, registering one after the other: no real address
    // does that, so the registration rate is lifted here.
    let quota = governor::Quota::per_second(std::num::NonZeroU32::new(10_000).unwrap());
    let limits = velay_server::api::limits::Limits::new(quota, quota);
    let server = TestServer::start_with(velay_core::clock::Clock::system(), limits).await;
    let rng = Arc::new(Mutex::new(StdRng::seed_from_u64(seed)));
    let plan_rng = rng.clone();
    let proxy = Proxy::start(server.addr, Link::LOOPBACK, move || {
        fault(&mut plan_rng.lock().unwrap())
    })
    .await
    .unwrap();
    let mut faults_seen = 0;

    for run in 0..runs {
        let (_dir, store) = device_store();
        let client = Client::new(&proxy.url()).unwrap();
        let (notes, unknown) = {
            let mut r = rng.lock().unwrap();
            (r.random_range(1..5usize), r.random_range(0..2usize))
        };
        let mut valid = BTreeSet::new();
        let mut invalid = BTreeSet::new();
        for i in 0..notes {
            let e = store
                .enqueue(Op::Feedback {
                    route: "puy-ville-haute".into(),
                    text: format!("run {run} note {i}"),
                })
                .unwrap();
            valid.insert(e.mutation.id);
        }
        for i in 0..unknown {
            let e = store
                .enqueue(Op::Feedback {
                    route: "nowhere".into(),
                    text: format!("run {run} stray {i}"),
                })
                .unwrap();
            invalid.insert(e.mutation.id);
        }
        let mut attempts = 0;
        loop {
            attempts += 1;
            match client.sync(&store, |_| {}).await {
                Ok(_) if store.pending().unwrap().is_empty() => break,
                Ok(_) => {}
                Err(_) => faults_seen += 1,
            }
            // A note written while the network misbehaves joins the next attempt.
            if attempts == 2 {
                let e = store
                    .enqueue(Op::Feedback {
                        route: "puy-ville-haute".into(),
                        text: format!("run {run} late"),
                    })
                    .unwrap();
                valid.insert(e.mutation.id);
            }
            assert!(attempts < 200, "run {run}: no sync went through in 200 attempts");
        }

        // The device: every note is there, with the right answer, none left waiting.
        let outbox = store.outbox().unwrap();
        assert_eq!(
            outbox.len(),
            valid.len() + invalid.len(),
            "run {run}: an outbox entry was lost"
        );
        for e in &outbox {
            let accepted = matches!(e.state, EntryState::Accepted { .. });
            assert_eq!(accepted, valid.contains(&e.mutation.id), "run {run}: {e:?}");
        }
        // The server: each accepted note once, and nothing else from this device.
        let device = store.credential().unwrap().unwrap().device;
        let theirs = server.store.pull(0, 1_000_000, Some(&device)).unwrap();
        let ids: Vec<_> = theirs
            .private
            .iter()
            .map(|p| match &p.record {
                Some(PrivateRecord::Feedback { id, .. }) => *id,
                other => panic!("run {run}: not a note: {other:?}"),
            })
            .collect();
        assert_eq!(
            ids.len(),
            valid.len(),
            "run {run}: the server holds {} notes for {} sent",
            ids.len(),
            valid.len()
        );
        assert_eq!(ids.into_iter().collect::<BTreeSet<_>>(), valid, "run {run}");
        // And the device received its own records back, once each.
        assert_eq!(store.private_records().unwrap().len(), valid.len(), "run {run}");
    }
    println!("{faults_seen} failed sync attempts recovered from");
    assert!(
        faults_seen > runs / 4,
        "the proxy injected too few faults to prove anything ({faults_seen})"
    );
}

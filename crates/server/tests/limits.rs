//! What one client may consume, on the real server over loopback: registrations per address,
//! pushes per device, body sizes per route, and the token checked before a push's body.

mod support;

use support::TestServer;
use velay_core::sync::{PUSH_PATH, REGISTER_PATH};

async fn register(client: &reqwest::Client, server: &TestServer) -> (u16, String) {
    let resp = client
        .post(format!("{}{REGISTER_PATH}", server.url()))
        .json(&serde_json::json!({ "app": "limits test" }))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let retry = resp
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body: serde_json::Value = resp.json().await.unwrap();
    match status {
        201 => (201, body["token"].as_str().unwrap().to_string()),
        429 => {
            assert!(!retry.is_empty(), "a 429 says when to come back");
            assert!(
                body["error"].as_str().unwrap().contains("too many registrations"),
                "{body}"
            );
            (429, String::new())
        }
        other => panic!("{other}: {body}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_address_registering_a_thousand_devices_at_once_gets_about_three_hundred() {
    let server = TestServer::start_crowd().await;
    let client = reqwest::Client::new();
    let started = std::time::Instant::now();
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let (client, server_url) = (client.clone(), server.url());
            tokio::spawn(async move {
                let resp = client
                    .post(format!("{server_url}{REGISTER_PATH}"))
                    .json(&serde_json::json!({}))
                    .send()
                    .await
                    .unwrap();
                resp.status().as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let created = statuses.iter().filter(|&&s| s == 201).count();
    let refused = statuses.iter().filter(|&&s| s == 429).count();
    assert_eq!(created + refused, 1000, "{statuses:?}");
    // The burst, plus what refills (2 a second) while the thousand are answered: a loaded
    // machine takes longer, and more refills meanwhile.
    let refilled = (started.elapsed().as_secs_f64() * 2.0).ceil() as usize;
    assert!(
        (300..=300 + refilled + 1).contains(&created),
        "{created} registered, {refilled} refilled"
    );
    // And the next ones wait: of ten more at once, only those refilled since go in.
    let since = std::time::Instant::now();
    let next = futures_util::future::join_all((0..10).map(|_| register(&client, &server))).await;
    let more = next.iter().filter(|(status, _)| *status == 201).count();
    let refilled = (since.elapsed().as_secs_f64() * 2.0).ceil() as usize;
    assert!(
        more <= refilled + 1 && more < 10,
        "{more} of 10 more registered, {refilled} refilled"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_device_pushing_as_fast_as_it_can_is_slowed_and_another_device_is_not() {
    let server = TestServer::start().await;
    let client = reqwest::Client::new();
    let (_, greedy) = register(&client, &server).await;
    let (_, other) = register(&client, &server).await;
    let push = |token: String, i: usize| {
        let (client, url) = (client.clone(), format!("{}{PUSH_PATH}", server.url()));
        async move {
            let body = serde_json::json!({ "mutations": [{
                "id": uuid::Uuid::now_v7(),
                "at": chrono::Utc::now(),
                "op": { "type": "feedback", "route": "puy-ville-haute", "text": format!("note {i}") }
            }]});
            client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let mut accepted = 0;
    let mut refused = 0;
    for i in 0..200 {
        match push(greedy.clone(), i).await {
            200 => accepted += 1,
            429 => refused += 1,
            other => panic!("push {i}: {other}"),
        }
    }
    assert!(accepted >= 60 && refused > 0, "{accepted} accepted, {refused} refused");
    assert_eq!(push(other, 0).await, 200, "another device pushes as usual");
}

#[tokio::test]
async fn a_push_with_an_unknown_token_is_refused_before_its_body_is_read() {
    let server = TestServer::start().await;
    let huge = vec![b' '; 4 * 1024 * 1024];
    let resp = reqwest::Client::new()
        .post(format!("{}{PUSH_PATH}", server.url()))
        .bearer_auth("0".repeat(64))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await;
    // The server may answer and close before the whole body is sent.
    if let Ok(resp) = resp {
        assert_eq!(resp.status().as_u16(), 401, "a body over the push limit would be 413");
    }
}

#[tokio::test]
async fn a_registration_larger_than_a_few_kilobytes_is_refused_with_a_json_message() {
    let server = TestServer::start().await;
    let resp = reqwest::Client::new()
        .post(format!("{}{REGISTER_PATH}", server.url()))
        .json(&serde_json::json!({ "app": "x".repeat(64 * 1024) }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 413);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert!(body["error"].is_string(), "{body}");
}

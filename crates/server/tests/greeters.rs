//! Meeting requests end to end over HTTP: the capacity rule under concurrency, the greeter's
//! pages (login, answers, slots) and who may see and do what.

mod support;

use std::time::Instant;

use support::greeters::{
    account, csrf, get, http, login, login_page, post, publish_slot, publish_slots_at, staff_post, PASSWORD,
};
use support::{device_store, TestServer, ADMIN};
use uuid::Uuid;
use velay_core::client::Client;
use velay_core::clock::Clock;
use velay_core::greeter::Contact;
use velay_core::mutation::{InvalidRequest, Mutation, Op, Outcome, Refusal};
use velay_core::store::RequestStatus;
use velay_core::sync::{PushRequest, PushResponse, Registered, PUSH_PATH, REGISTER_PATH};
use velay_server::store::{AccountStore, RequestStore, SlotStore};
use velay_server::ServerStore;

fn request(slot: &str, party: u8) -> Op {
    Op::RequestMeeting {
        slot: slot.into(),
        party,
        language: "fr".into(),
        message: "Nous arrivons par le train de 10 h.".into(),
        contact: Contact::Email("anne@example.org".into()),
    }
}

async fn register(http: &reqwest::Client, server: &TestServer) -> String {
    http.post(format!("{}{REGISTER_PATH}", server.url()))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap()
        .json::<Registered>()
        .await
        .unwrap()
        .token
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_travellers_asking_at_once_for_the_last_seats_never_overfill_the_slot() {
    let server = TestServer::start_crowd().await;
    let slot = publish_slot(&server, "martine", 6);
    let http = reqwest::Client::new();
    // Four seats already go to an earlier group: two are left.
    let early = register(&http, &server).await;
    let first = Mutation::new(request(&slot, 4));
    let resp: PushResponse = http
        .post(format!("{}{PUSH_PATH}", server.url()))
        .bearer_auth(&early)
        .json(&PushRequest { mutations: vec![first] })
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(resp.results[0].outcome, Outcome::Accepted);
    let mut tokens = Vec::new();
    for _ in 0..200 {
        tokens.push(register(&http, &server).await);
    }
    let pushes = tokens.into_iter().map(|token| {
        let http = http.clone();
        let url = format!("{}{PUSH_PATH}", server.url());
        let m = Mutation::new(request(&slot, 1));
        tokio::spawn(async move {
            let resp = http
                .post(url)
                .bearer_auth(token)
                .json(&PushRequest { mutations: vec![m] })
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 200);
            resp.json::<PushResponse>().await.unwrap().results[0].outcome.clone()
        })
    });
    let mut outcomes = Vec::new();
    for p in pushes.collect::<Vec<_>>() {
        outcomes.push(p.await.unwrap());
    }
    let accepted = outcomes.iter().filter(|o| **o == Outcome::Accepted).count();
    assert_eq!(accepted, 2, "exactly the two seats left are given");
    for o in outcomes.iter().filter(|o| **o != Outcome::Accepted) {
        assert!(
            matches!(
                o,
                Outcome::Refused {
                    reason: Refusal::SlotFull { left: 0, capacity: 6 }
                }
            ),
            "{o:?}"
        );
    }
    let seats: u32 = server
        .store
        .greeter_requests("martine")
        .unwrap()
        .iter()
        .filter(|r| r.slot == slot && r.state.holds_seats())
        .map(|r| u32::from(r.party))
        .sum();
    assert_eq!(seats, 6, "pending + confirmed seats equal the capacity, never more");
}

#[tokio::test]
async fn two_travellers_ask_offline_for_the_last_seat_and_the_second_sees_slot_full_at_next_sync() {
    let server = TestServer::start().await;
    let slot = publish_slot(&server, "helene", 1);
    let client = Client::new(&server.url()).unwrap();
    let (_a, anne) = device_store();
    let (_b, ben) = device_store();
    anne.enqueue(request(&slot, 1)).unwrap();
    ben.enqueue(request(&slot, 1)).unwrap();
    assert_eq!(anne.requests().unwrap()[0].status, RequestStatus::WaitingToSend);
    client.sync(&anne, |_| {}).await.unwrap();
    client.sync(&ben, |_| {}).await.unwrap();
    assert_eq!(anne.requests().unwrap()[0].status, RequestStatus::Pending);
    let refused = &ben.requests().unwrap()[0];
    assert_eq!(refused.status, RequestStatus::Refused);
    assert_eq!(refused.refusal, Some(Refusal::SlotFull { left: 0, capacity: 1 }));
    assert_eq!(refused.reply, None);
    // Anne cancels: the seat is free again and Ben's next try is accepted.
    let id = anne.requests().unwrap()[0].id;
    anne.enqueue(Op::CancelRequest { request: id }).unwrap();
    client.sync(&anne, |_| {}).await.unwrap();
    assert_eq!(anne.requests().unwrap()[0].status, RequestStatus::Cancelled);
    ben.enqueue(request(&slot, 1)).unwrap();
    client.sync(&ben, |_| {}).await.unwrap();
    assert_eq!(ben.requests().unwrap()[1].status, RequestStatus::Pending);
}

#[tokio::test]
async fn a_greeter_confirms_a_request_and_the_travellers_next_sync_shows_confirmed() {
    let server = TestServer::start().await;
    let slot = publish_slot(&server, "martine", 4);
    account(&server, "martine");
    let client = Client::new(&server.url()).unwrap();
    let (_d, store) = device_store();
    let id = store.enqueue(request(&slot, 2)).unwrap().mutation.id;
    client.sync(&store, |_| {}).await.unwrap();
    let cookie = login(&server, "martine", PASSWORD).await.unwrap();
    let (status, page) = get(&server, &cookie, "/greeter/requests").await;
    assert_eq!(status, 200);
    assert!(page.contains(&id.to_string()) && page.contains("anne@example.org"));
    // The greeter reads when and where, not the slot's id.
    let when = (chrono::Utc::now().date_naive() + chrono::Duration::days(7)).to_string();
    assert!(
        page.contains(&format!("{when} 14:00 · 180 min · Place du Plot")),
        "{page}"
    );
    let path = format!("/greeter/requests/{id}/answer");
    let form = [
        ("csrf", csrf(&page)),
        ("decision", "confirm".into()),
        ("message", "À samedi, devant la gare !".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&server, &cookie, &path, &form).await.0, 303);
    client.sync(&store, |_| {}).await.unwrap();
    let view = &store.requests().unwrap()[0];
    assert_eq!(view.status, RequestStatus::Confirmed);
    assert_eq!(view.reply.as_deref(), Some("À samedi, devant la gare !"));
}

#[tokio::test]
async fn a_greeter_never_sees_nor_answers_another_greeters_requests() {
    let server = TestServer::start().await;
    let slot = publish_slot(&server, "martine", 4);
    account(&server, "martine");
    account(&server, "thomas");
    let (_d, store) = device_store();
    let id = store.enqueue(request(&slot, 2)).unwrap().mutation.id;
    Client::new(&server.url()).unwrap().sync(&store, |_| {}).await.unwrap();
    let thomas = login(&server, "thomas", PASSWORD).await.unwrap();
    let (_, page) = get(&server, &thomas, "/greeter/requests").await;
    assert!(!page.contains(&id.to_string()), "thomas sees martine's request");
    let token = csrf(&page);
    let (status, body) = post(
        &server,
        &thomas,
        &format!("/greeter/requests/{id}/answer"),
        &[("csrf", &token), ("decision", "decline"), ("message", "")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("no request"), "{body}");
    let rows = server.store.greeter_requests("martine").unwrap();
    assert_eq!(rows[0].state.as_str(), "pending", "nothing changed");
}

#[tokio::test]
async fn every_greeter_page_refuses_without_login_and_a_post_without_the_csrf_token_changes_nothing() {
    let server = TestServer::start().await;
    let slot = publish_slot(&server, "martine", 4);
    account(&server, "martine");
    let (_d, store) = device_store();
    let id = store.enqueue(request(&slot, 2)).unwrap().mutation.id;
    Client::new(&server.url()).unwrap().sync(&store, |_| {}).await.unwrap();
    let head = server.store.head().unwrap();
    for path in ["/greeter/requests", "/greeter/slots", "/greeter"] {
        let resp = http().get(format!("{}{path}", server.url())).send().await.unwrap();
        assert_eq!(resp.status(), 303, "{path}");
        assert_eq!(resp.headers()["location"], "/greeter/login");
    }
    let answer = format!("/greeter/requests/{id}/answer");
    for path in [
        answer.as_str(),
        "/greeter/slots",
        "/greeter/slots/x/remove",
        "/greeter/logout",
    ] {
        let (status, _) = post(&server, "velay_greeter=forged", path, &[("decision", "confirm")]).await;
        assert_eq!(status, 303, "{path} answered without a session");
    }
    let cookie = login(&server, "martine", PASSWORD).await.unwrap();
    let (status, body) = post(&server, &cookie, &answer, &[("csrf", "wrong"), ("decision", "confirm")]).await;
    assert_eq!(status, 403);
    assert!(body.contains("CSRF"));
    assert_eq!(server.store.head().unwrap(), head, "nothing was stored");
}

/// Login CSRF: another site's form can make a browser post a login, but not with the login
/// page's token, so the browser is not logged in to an account of the attacker's choosing.
#[tokio::test]
async fn a_login_without_the_login_page_s_token_is_refused_even_with_the_right_password() {
    let server = TestServer::start().await;
    account(&server, "martine");
    let (cookie, token) = login_page(&server).await;
    let other = login_page(&server).await.1;
    let attempts: [(Option<&str>, &str); 4] = [
        (None, token.as_str()),                  // no cookie: a form from another site
        (Some(cookie.as_str()), ""),             // no token in the form
        (Some(cookie.as_str()), other.as_str()), // another page's token
        (Some("velay_login="), ""),              // an empty cookie and token
    ];
    for (cookie, token) in attempts {
        let mut post = http().post(format!("{}/greeter/login", server.url()));
        if let Some(c) = cookie {
            post = post.header("cookie", c);
        }
        let resp = post
            .form(&[("csrf", token), ("greeter", "martine"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 403, "{cookie:?} {token:?}");
        let sets: Vec<_> = resp.headers().get_all("set-cookie").iter().collect();
        assert!(
            sets.iter().all(|c| !c.to_str().unwrap().starts_with("velay_greeter=")),
            "no session: {sets:?}"
        );
        let body = resp.text().await.unwrap();
        assert!(
            body.contains("try again") && body.contains(r#"name="csrf""#),
            "a fresh form: {body}"
        );
    }
    // The page's own token works.
    assert!(login(&server, "martine", PASSWORD).await.is_ok());
}

/// A session nobody logged out of leaves the store once expired: the next login sweeps it.
#[tokio::test]
async fn a_login_removes_the_sessions_that_expired_without_a_logout() {
    let server = TestServer::start().await;
    account(&server, "martine");
    let session = |hours: i64| velay_server::store::Session {
        greeter: "martine".into(),
        csrf: "0".repeat(64),
        expires: chrono::Utc::now() + chrono::Duration::hours(hours),
        idle_until: None,
    };
    let (old, live) = ([1u8; 32], [2u8; 32]);
    server.store.set_session(old, Some(&session(-1))).unwrap();
    server.store.set_session(live, Some(&session(5))).unwrap();
    login(&server, "martine", PASSWORD).await.unwrap();
    assert_eq!(
        server.store.purge_sessions().unwrap(),
        0,
        "the login removed the expired one"
    );
    assert!(server.store.session(old).unwrap().is_none());
    assert!(server.store.session(live).unwrap().is_some(), "a live session stays");
}

#[tokio::test]
async fn repeated_wrong_passwords_are_slowed_then_the_account_waits() {
    let server = TestServer::start().await;
    account(&server, "paul");
    let started = Instant::now();
    for _ in 0..5 {
        assert_eq!(login(&server, "paul", "guess").await.unwrap_err(), 401);
    }
    assert!(started.elapsed().as_secs() >= 5, "each wrong password takes a second");
    // Even the right password waits now.
    assert_eq!(login(&server, "paul", PASSWORD).await.unwrap_err(), 429);
    assert_eq!(login(&server, "nobody", PASSWORD).await.unwrap_err(), 401);
}

/// Sends `n` logins for `greeter` at once, each through its own login page, and returns the
/// status of each answer.
async fn logins_at_once(server: &TestServer, greeter: &str, password: &str, n: usize) -> Vec<u16> {
    let mut forms = Vec::new();
    for _ in 0..n {
        forms.push(login_page(server).await);
    }
    let client = http();
    let url = format!("{}/greeter/login", server.url());
    let sends = forms.into_iter().map(|(cookie, token)| {
        let (client, url) = (client.clone(), url.clone());
        let (greeter, password) = (greeter.to_string(), password.to_string());
        tokio::spawn(async move {
            client
                .post(url)
                .header("cookie", cookie)
                .form(&[("csrf", token.as_str()), ("greeter", &greeter), ("password", &password)])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    });
    let mut statuses = Vec::new();
    for send in sends.collect::<Vec<_>>() {
        statuses.push(send.await.unwrap());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_guesses_at_once_check_no_more_than_five_passwords_before_the_account_waits() {
    let server = TestServer::start_crowd().await;
    account(&server, "paul");
    // Waves of 100 concurrent guesses until the account is seen waiting: passwords checked (401)
    // are counted before their check, so no wave slips more than the free attempts past it.
    let (mut checked, mut busy, mut waves) = (0, 0, 0);
    loop {
        waves += 1;
        let statuses = logins_at_once(&server, "paul", "guess", 100).await;
        assert!(statuses.iter().all(|s| [401, 429, 503].contains(s)), "{statuses:?}");
        checked += statuses.iter().filter(|&&s| s == 401).count();
        busy += statuses.iter().filter(|&&s| s == 503).count();
        if statuses.contains(&429) {
            break;
        }
        assert!(waves < 20, "the account never waited: {checked} passwords checked");
    }
    assert!(checked <= 5, "{checked} passwords were checked before the first wait");
    assert!(busy > 0, "more guesses at once than cores: some are refused at once");
    let account = AccountStore::account(&*server.store, "paul").unwrap().unwrap();
    assert_eq!(account.failed as usize, checked, "every check was counted");
    assert_eq!(
        login(&server, "paul", PASSWORD).await.unwrap_err(),
        429,
        "even the right one waits"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_logins_at_once_hash_no_more_passwords_at_a_time_than_there_are_cores() {
    let server = TestServer::start_crowd().await;
    account(&server, "paul");
    let started = Instant::now();
    let statuses = logins_at_once(&server, "paul", PASSWORD, 200).await;
    let ok = statuses.iter().filter(|&&s| s == 303).count();
    let busy = statuses.iter().filter(|&&s| s == 503).count();
    assert!(statuses.iter().all(|s| [303, 503].contains(s)), "{statuses:?}");
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    // Each hash takes tens of milliseconds: a burst sent in a few milliseconds finds at most
    // `cores` of them running; the others are refused at once rather than queued.
    assert!(
        ok >= 1 && busy >= 200 - 20 * cores,
        "{ok} logged in, {busy} refused as busy"
    );
    assert!(started.elapsed().as_secs() < 30);
    assert!(
        login(&server, "paul", PASSWORD).await.is_ok(),
        "afterwards, a login goes through"
    );
}

#[tokio::test]
async fn a_greeter_adds_and_removes_a_slot_and_bad_input_gets_a_clear_message_and_stores_nothing() {
    let server = TestServer::start().await;
    account(&server, "sylvie");
    let cookie = login(&server, "sylvie", PASSWORD).await.unwrap();
    let (_, page) = get(&server, &cookie, "/greeter/slots").await;
    let token = csrf(&page);
    let date = (chrono::Utc::now().date_naive() + chrono::Duration::days(10)).to_string();
    let head = server.store.head().unwrap();
    let bad = [
        (("capacity", "9"), "capacity is 1 to 6"),
        (("minutes", "30"), "120 to 240"),
        (("date", "demain"), "Unreadable date"),
        (("meeting_point", "ailleurs"), "not one of"),
        (("date", "2020-01-01"), "past"),
    ];
    for ((field, value), message) in bad {
        let mut form = vec![
            ("csrf", token.as_str()),
            ("date", date.as_str()),
            ("start", "14:00"),
            ("minutes", "180"),
            ("capacity", "4"),
            ("meeting_point", "estables-bourg"),
        ];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let (status, body) = post(&server, &cookie, "/greeter/slots", &form).await;
        assert_eq!(status, 422, "{field}={value}");
        assert!(body.contains(message), "{field}={value}: {body}");
    }
    assert_eq!(server.store.head().unwrap(), head, "no bad slot was stored");
    let form = [
        ("csrf", token.as_str()),
        ("date", date.as_str()),
        ("start", "14:00"),
        ("minutes", "180"),
        ("capacity", "4"),
        ("meeting_point", "estables-bourg"),
    ];
    assert_eq!(post(&server, &cookie, "/greeter/slots", &form).await.0, 303);
    let (_, page) = get(&server, &cookie, "/greeter/slots").await;
    assert!(page.contains("Église des Estables / Les Estables church"), "{page}");
    let slots = server.store.greeter_slots("sylvie").unwrap();
    let added = slots
        .iter()
        .find(|(s, _)| s.date.to_string() == date)
        .unwrap()
        .0
        .id
        .clone();
    // The new slot reaches devices as content.
    let (_d, store) = device_store();
    Client::new(&server.url()).unwrap().sync(&store, |_| {}).await.unwrap();
    let today = Clock::system().today();
    assert!(store.slots(today).unwrap().iter().any(|s| s.id == added));
    let path = format!("/greeter/slots/{added}/remove");
    assert_eq!(post(&server, &cookie, &path, &[("csrf", &token)]).await.0, 303);
    Client::new(&server.url()).unwrap().sync(&store, |_| {}).await.unwrap();
    assert!(!store.slots(today).unwrap().iter().any(|s| s.id == added));
}

#[tokio::test]
async fn staff_create_a_greeter_account_only_with_the_staff_token_and_a_good_password() {
    let server = TestServer::start().await;
    let (status, body) = staff_post(
        &server,
        &[
            ("token", "nope"),
            ("greeter", "claire"),
            ("password", "long enough pass"),
        ],
    )
    .await;
    assert_eq!(status, 401);
    assert!(body.contains("Wrong staff token"));
    let (status, body) = staff_post(
        &server,
        &[("token", ADMIN), ("greeter", "claire"), ("password", "short")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("too short"));
    let (status, _) = staff_post(
        &server,
        &[("token", ADMIN), ("greeter", "ghost"), ("password", "long enough pass")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(server.store.account("claire").unwrap().is_none(), "nothing stored");
    let (status, body) = staff_post(
        &server,
        &[
            ("token", ADMIN),
            ("greeter", "claire"),
            ("password", "long enough pass"),
        ],
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let stored = server.store.account("claire").unwrap().unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$"));
    assert!(login(&server, "claire", "long enough pass").await.is_ok());
    let (status, _) = staff_post(
        &server,
        &[
            ("token", ADMIN),
            ("greeter", "claire"),
            ("password", "another long one"),
        ],
    )
    .await;
    assert_eq!(status, 409);
    let _ = Uuid::nil();
}

#[tokio::test]
async fn a_malformed_or_impossible_request_pushed_by_a_device_is_refused_with_its_reason_and_stores_nothing() {
    let server = TestServer::start().await;
    let slot = publish_slot(&server, "yves", 3);
    let http = reqwest::Client::new();
    let token = register(&http, &server).await;
    let head = server.store.head().unwrap();
    let bad = [
        (request("no-such-slot", 1), Refusal::NoSuchSlot),
        (request(&slot, 4), Refusal::SlotFull { left: 3, capacity: 3 }),
        (request(&slot, 0), InvalidRequest::PartySize { party: 0, max: 6 }.into()),
        (
            Op::RequestMeeting {
                slot: slot.clone(),
                party: 1,
                language: "fr".into(),
                message: String::new(),
                contact: Contact::Phone("call me".into()),
            },
            InvalidRequest::Phone {
                number: "call me".into(),
            }
            .into(),
        ),
        (
            Op::CancelRequest {
                request: Uuid::now_v7(),
            },
            Refusal::NoSuchRequest,
        ),
    ];
    for (op, reason) in bad {
        let resp: PushResponse = http
            .post(format!("{}{PUSH_PATH}", server.url()))
            .bearer_auth(&token)
            .json(&PushRequest {
                mutations: vec![Mutation::new(op)],
            })
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(resp.results[0].outcome, Outcome::Refused { reason });
    }
    // A request body that is not a mutation at all is a 4xx, not a 500.
    let resp = http
        .post(format!("{}{PUSH_PATH}", server.url()))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(r#"{"mutations":[{"id":"x","op":{"type":"request_meeting","party":"many"}}]}"#)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_client_error());
    assert_eq!(server.store.head().unwrap(), head, "nothing was stored");
}

async fn push_one(server: &TestServer, token: &str, op: Op) -> Outcome {
    let resp: PushResponse = reqwest::Client::new()
        .post(format!("{}{PUSH_PATH}", server.url()))
        .bearer_auth(token)
        .json(&PushRequest {
            mutations: vec![Mutation::new(op)],
        })
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    resp.results[0].outcome.clone()
}

fn paris(day: u32, h: u32, m: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 12, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

#[tokio::test]
async fn a_request_for_a_slot_that_started_five_minutes_ago_is_refused_as_started_and_a_later_one_is_accepted() {
    // Saturday 12 December 2026, 14:05 in the Velay: the date is the same in UTC, so comparing
    // dates let this morning's and this afternoon's slots through.
    let server = TestServer::start_on(Clock::starting_at(paris(12, 14, 5))).await;
    let slots = publish_slots_at(
        &server,
        "yves",
        3,
        &[paris(12, 14, 0), paris(12, 9, 30), paris(12, 16, 0)],
    );
    let token = register(&reqwest::Client::new(), &server).await;
    let started = Outcome::Refused {
        reason: Refusal::SlotStarted,
    };
    assert_eq!(push_one(&server, &token, request(&slots[0], 2)).await, started);
    assert_eq!(push_one(&server, &token, request(&slots[1], 2)).await, started);
    assert_eq!(
        push_one(&server, &token, request(&slots[2], 2)).await,
        Outcome::Accepted
    );
    let held: Vec<String> = server
        .store
        .greeter_requests("yves")
        .unwrap()
        .into_iter()
        .map(|r| r.slot)
        .collect();
    assert_eq!(
        held,
        vec![slots[2].clone()],
        "no seat is held in a slot that has started"
    );
}

#[tokio::test]
async fn just_after_midnight_in_the_velay_yesterdays_slot_is_refused_though_it_is_still_yesterday_in_utc() {
    // 00:30 on Sunday 13 December in Paris is 23:30 on Saturday in UTC.
    let server = TestServer::start_on(Clock::starting_at(paris(13, 0, 30))).await;
    let slots = publish_slots_at(&server, "yves", 3, &[paris(12, 20, 0)]);
    let token = register(&reqwest::Client::new(), &server).await;
    assert_eq!(
        push_one(&server, &token, request(&slots[0], 1)).await,
        Outcome::Refused {
            reason: Refusal::SlotStarted
        }
    );
}

#[tokio::test]
async fn staff_cannot_publish_a_capacity_below_the_seats_already_held() {
    let server = TestServer::start().await;
    let slot = publish_slot(&server, "martine", 6);
    let http = reqwest::Client::new();
    let token = register(&http, &server).await;
    let resp: PushResponse = http
        .post(format!("{}{PUSH_PATH}", server.url()))
        .bearer_auth(&token)
        .json(&PushRequest {
            mutations: vec![Mutation::new(request(&slot, 4))],
        })
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(resp.results[0].outcome, Outcome::Accepted);
    let head = server.store.head().unwrap();
    // The office's next import gives the slot 2 places: four travellers were promised one.
    let mut contents = server.store.pull(0, 100_000, None).unwrap().changes;
    contents.retain(|c| c.content.is_some());
    let mut contents: Vec<_> = contents.into_iter().filter_map(|c| c.content).collect();
    contents.retain(|c| !matches!(c, velay_core::Content::MapPack(_)));
    for c in &mut contents {
        if let velay_core::Content::Slot(s) = c {
            if s.id == slot {
                s.capacity = 2;
            }
        }
    }
    let resp = http
        .post(format!("{}{}", server.url(), velay_core::sync::PUBLISH_PATH))
        .bearer_auth(ADMIN)
        .json(&contents)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);
    let said = resp.text().await.unwrap();
    assert!(said.contains(&format!("{slot} (capacity 2, 4 seats held)")), "{said}");
    assert_eq!(server.store.head().unwrap(), head, "nothing was published");
    // Keeping four places or more goes through.
    for c in &mut contents {
        if let velay_core::Content::Slot(s) = c {
            if s.id == slot {
                s.capacity = 4;
            }
        }
    }
    assert!(server.store.publish(&contents).is_ok());
}

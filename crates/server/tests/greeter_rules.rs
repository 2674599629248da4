//! Availability rules over HTTP: travellers ask for the slots a greeter's rules make, the
//! capacity rule holds on them, the greeter edits their rules on their page (and only theirs,
//! and only with the form's token), and a request already made keeps its slot whatever the
//! rule becomes. The server lives on Tuesday 1 December 2026, 09:00 in the Velay.

mod support;

use support::greeters::{account, csrf, get, login, post, PASSWORD};
use support::{device_store, TestServer};
use velay_core::client::Client;
use velay_core::clock::Clock;
use velay_core::greeter::Contact;
use velay_core::mutation::{Mutation, Op, Outcome, Refusal};
use velay_core::store::RequestStatus;
use velay_core::sync::{PushRequest, PushResponse, Registered, PUSH_PATH, REGISTER_PATH};
use velay_server::store::SlotStore;
use velay_server::ServerStore;

fn tuesday_1_december() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

async fn server() -> TestServer {
    TestServer::start_on(Clock::starting_at(tuesday_1_december())).await
}

fn request(slot: &str, party: u8) -> Op {
    Op::RequestMeeting {
        slot: slot.into(),
        party,
        language: "en".into(),
        message: "We come by the 9:00 bus.".into(),
        contact: Contact::Email("ben@example.org".into()),
    }
}

async fn token(server: &TestServer) -> String {
    reqwest::Client::new()
        .post(format!("{}{REGISTER_PATH}", server.url()))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap()
        .json::<Registered>()
        .await
        .unwrap()
        .token
}

async fn push(server: &TestServer, token: &str, op: Op) -> Outcome {
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

/// Martine's Saturday-morning rule, as its form on her page sends it, with `changes`.
fn saturday_form<'a>(token: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("csrf", token),
        ("sat", "on"),
        ("start", "10:00"),
        ("minutes", "150"),
        ("capacity", "6"),
        ("meeting_point", "place-du-plot"),
        ("season_from", ""),
        ("season_to", ""),
        ("off", ""),
        ("holidays_off", "on"),
    ];
    for (k, v) in changes {
        form.retain(|(key, _)| key != k);
        if !v.is_empty() || k.starts_with("season") || *k == "off" {
            form.push((k, v));
        }
    }
    form
}

#[tokio::test]
async fn a_traveller_asks_offline_for_a_slot_a_rule_makes_and_the_greeter_reads_when_and_where() {
    let server = server().await;
    let client = Client::new(&server.url()).unwrap();
    let (_d, device) = device_store();
    client.sync(&device, |_| {}).await.unwrap();
    let now = tuesday_1_december();
    // The device works the slots out from the rules it pulled: Martine's Saturday mornings.
    let offered = device.slots(now.date()).unwrap();
    let saturday = offered
        .iter()
        .find(|s| s.id == "martine-samedi-matin-20261205")
        .expect("Saturday 5 December is offered");
    assert_eq!(saturday.start.to_string(), "10:00:00");
    assert!(offered.iter().all(|s| s.date >= now.date()), "nothing from the past");
    device.request_meeting(request(&saturday.id, 2), now).unwrap();
    client.sync(&device, |_| {}).await.unwrap();
    assert_eq!(device.requests().unwrap()[0].status, RequestStatus::Pending);
    account(&server, "martine");
    let cookie = login(&server, "martine", PASSWORD).await.unwrap();
    let (_, page) = get(&server, &cookie, "/greeter/requests").await;
    assert!(
        page.contains("sam. / Sat 2026-12-05 10:00 · 150 min · Place du Plot"),
        "{page}"
    );
}

#[tokio::test]
async fn the_capacity_rule_holds_on_a_slot_a_rule_makes_and_a_day_it_does_not_offer_is_no_slot() {
    let server = server().await;
    let token = token(&server).await;
    let slot = "martine-samedi-matin-20261212"; // 6 seats
    assert_eq!(push(&server, &token, request(slot, 4)).await, Outcome::Accepted);
    assert_eq!(
        push(&server, &token, request(slot, 3)).await,
        Outcome::Refused {
            reason: Refusal::SlotFull { left: 2, capacity: 6 }
        }
    );
    assert_eq!(push(&server, &token, request(slot, 2)).await, Outcome::Accepted);
    assert_eq!(
        push(&server, &token, request(slot, 1)).await,
        Outcome::Refused {
            reason: Refusal::SlotFull { left: 0, capacity: 6 }
        }
    );
    let held = server.store.greeter_slots("martine").unwrap();
    assert_eq!(held.iter().find(|(s, _)| s.id == slot).unwrap().1, 6);
    let no_slot = Outcome::Refused {
        reason: Refusal::NoSuchSlot,
    };
    for other in [
        "martine-samedi-matin-20261213", // a Sunday
        "martine-samedi-matin-20270130", // past the eight weeks
        "martine-dimanche-20261213",     // no such rule
        "thomas-samedi-matin-20261212",  // another greeter's name on Martine's rule
    ] {
        assert_eq!(push(&server, &token, request(other, 1)).await, no_slot, "{other}");
    }
    assert_eq!(
        push(&server, &token, request("martine-samedi-matin-20261128", 1)).await,
        Outcome::Refused {
            reason: Refusal::SlotStarted
        },
        "last Saturday's"
    );
}

#[tokio::test]
async fn a_greeter_moves_a_rule_on_their_page_and_a_request_already_made_keeps_its_slot() {
    let server = server().await;
    let client = Client::new(&server.url()).unwrap();
    let (_d, device) = device_store();
    client.sync(&device, |_| {}).await.unwrap();
    let slot = "martine-samedi-matin-20261212";
    device.request_meeting(request(slot, 2), tuesday_1_december()).unwrap();
    client.sync(&device, |_| {}).await.unwrap();
    account(&server, "martine");
    let cookie = login(&server, "martine", PASSWORD).await.unwrap();
    let (status, page) = get(&server, &cookie, "/greeter/slots").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"data-testid="rule-samedi-matin""#), "{page}");
    assert!(
        page.contains(&format!(r#"data-testid="slot-{slot}""#)),
        "the slot is listed"
    );
    // Saturday afternoons at the station from now on, two seats at most.
    let token = csrf(&page);
    let form = saturday_form(
        &token,
        &[("start", "14:00"), ("meeting_point", "gare-du-puy"), ("capacity", "2")],
    );
    let (status, body) = post(&server, &cookie, "/greeter/rules/samedi-matin", &form).await;
    assert_eq!(status, 303, "{body}");
    let rule = &server.store.greeter_rules("martine").unwrap()[1];
    assert_eq!(
        (rule.id.as_str(), rule.start.to_string().as_str()),
        ("samedi-matin", "14:00:00")
    );
    // Devices work out the new slots; the traveller's request keeps the morning at the Plot.
    client.sync(&device, |_| {}).await.unwrap();
    let moved = device.slots(tuesday_1_december().date()).unwrap();
    let moved = moved.iter().find(|s| s.id == slot).unwrap();
    assert_eq!(
        (moved.start.to_string().as_str(), moved.meeting_point.as_str()),
        ("14:00:00", "gare-du-puy")
    );
    let kept = device.requests().unwrap()[0].meeting.clone().unwrap();
    assert_eq!(
        (kept.start.to_string().as_str(), kept.meeting_point.as_str()),
        ("10:00:00", "place-du-plot")
    );
    let (_, requests) = get(&server, &cookie, "/greeter/requests").await;
    assert!(
        requests.contains("2026-12-12 10:00 · 150 min · Place du Plot"),
        "{requests}"
    );
    // The two seats held stay counted on that date: one seat fewer would leave them over.
    let form = saturday_form(&token, &[("start", "14:00"), ("capacity", "1")]);
    let (status, body) = post(&server, &cookie, "/greeter/rules/samedi-matin", &form).await;
    assert_eq!(status, 422);
    assert!(body.contains("2 seats are already held on 2026-12-12"), "{body}");
    // Staff publishing routes-data again leave Martine's own rules as she set them.
    server.store.publish(&server.contents).unwrap();
    let rule = &server.store.greeter_rules("martine").unwrap()[1];
    assert_eq!(rule.start.to_string(), "14:00:00");
}

#[tokio::test]
async fn a_greeter_cannot_change_nor_delete_another_greeters_rule() {
    let server = server().await;
    account(&server, "thomas");
    let before = server.store.greeter_rules("martine").unwrap();
    let head = server.store.head().unwrap();
    let cookie = login(&server, "thomas", PASSWORD).await.unwrap();
    let (_, page) = get(&server, &cookie, "/greeter/slots").await;
    assert!(!page.contains("samedi-matin"), "Thomas sees only his own rules");
    let token = csrf(&page);
    let (status, body) = post(
        &server,
        &cookie,
        "/greeter/rules/samedi-matin",
        &saturday_form(&token, &[("meeting_point", "cathedrale")]),
    )
    .await;
    assert_eq!(status, 404);
    assert!(body.contains("You have no rule"), "{body}");
    let (status, _) = post(
        &server,
        &cookie,
        "/greeter/rules/samedi-matin/delete",
        &[("csrf", &token)],
    )
    .await;
    assert_eq!(status, 404);
    // Nor take a day off in her slot.
    let (status, _) = post(
        &server,
        &cookie,
        "/greeter/slots/martine-samedi-matin-20261212/remove",
        &[("csrf", &token)],
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(server.store.greeter_rules("martine").unwrap(), before);
    assert_eq!(server.store.head().unwrap(), head, "nothing was published");
}

#[tokio::test]
async fn a_rule_form_without_the_session_or_its_csrf_token_changes_nothing() {
    let server = server().await;
    account(&server, "martine");
    let head = server.store.head().unwrap();
    let form = saturday_form("", &[("start", "15:00")]);
    for path in [
        "/greeter/rules",
        "/greeter/rules/samedi-matin",
        "/greeter/rules/samedi-matin/delete",
    ] {
        let (status, _) = post(&server, "velay_greeter=forged", path, &form).await;
        assert_eq!(status, 303, "{path}: to the login page");
    }
    let cookie = login(&server, "martine", PASSWORD).await.unwrap();
    for token in ["", "wrong"] {
        for path in [
            "/greeter/rules",
            "/greeter/rules/samedi-matin",
            "/greeter/rules/samedi-matin/delete",
        ] {
            let (status, body) = post(&server, &cookie, path, &saturday_form(token, &[("start", "15:00")])).await;
            assert_eq!(status, 403, "{path}");
            assert!(body.contains("CSRF"), "{body}");
        }
    }
    assert_eq!(server.store.head().unwrap(), head, "nothing was stored");
}

#[tokio::test]
async fn a_rule_form_with_a_mistake_comes_back_filled_in_with_the_reason_in_both_languages() {
    let server = server().await;
    account(&server, "martine");
    let cookie = login(&server, "martine", PASSWORD).await.unwrap();
    let (_, page) = get(&server, &cookie, "/greeter/slots").await;
    let token = csrf(&page);
    let head = server.store.head().unwrap();
    // The fields changed, and the reason in French and in English.
    type Mistake<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let mistakes: [Mistake; 9] = [
        (&[("sat", "")], "Cochez au moins un jour", "Tick at least one day"),
        (
            &[("minutes", "90")],
            "dure de 120 à 240 minutes, pas 90",
            "lasts 120 to 240 minutes, not 90",
        ),
        (
            &[("capacity", "8")],
            "De 1 à 6 personnes, pas 8",
            "1 to 6 people, not 8",
        ),
        (&[("start", "25:00")], "Heure illisible", "Unreadable time"),
        (
            &[("start", "05:30")],
            "commence entre 06:00 et 21:00",
            "starts between 06:00 and 21:00",
        ),
        (
            &[("season_from", "13-01"), ("season_to", "10-31")],
            "Saison illisible",
            "Unreadable season",
        ),
        (
            &[("season_from", "04-01")],
            "un premier et un dernier jour",
            "a first and a last day",
        ),
        (&[("off", "demain")], "Absence illisible", "Unreadable day off"),
        (
            &[("meeting_point", "ailleurs")],
            "n'est pas l'un de vos lieux",
            "is not one of your meeting points",
        ),
    ];
    for (changes, fr, en) in mistakes {
        let (status, body) = post(&server, &cookie, "/greeter/rules", &saturday_form(&token, changes)).await;
        assert_eq!(status, 422, "{changes:?}");
        assert!(body.contains(fr) && body.contains(en), "{changes:?}: {body}");
        // The reason sits inside the form that was sent, which keeps what was typed.
        let form = body.find(r#"data-testid="new-rule""#).unwrap();
        let error = body.find(r#"data-testid="rule-error""#).unwrap();
        assert!(form < error, "{changes:?}: the reason is in the new rule's form");
        let (field, value) = changes[0];
        if !value.is_empty() && field != "meeting_point" && field != "off" {
            assert!(
                body[form..].contains(&format!(r#"value="{value}""#)),
                "{changes:?} kept"
            );
        }
    }
    assert_eq!(server.store.head().unwrap(), head, "nothing was stored");
}

#[tokio::test]
async fn a_greeter_adds_a_rule_takes_a_day_off_and_deletes_the_rule_and_devices_follow() {
    let server = server().await;
    let client = Client::new(&server.url()).unwrap();
    let (_d, device) = device_store();
    account(&server, "claire");
    let cookie = login(&server, "claire", PASSWORD).await.unwrap();
    let (_, page) = get(&server, &cookie, "/greeter/slots").await;
    let token = csrf(&page);
    // Fridays at 14:00 at Langeac station, in winter, away over the new year.
    let form = [
        ("csrf", token.as_str()),
        ("fri", "on"),
        ("start", "14:00"),
        ("minutes", "120"),
        ("capacity", "3"),
        ("meeting_point", "gare-langeac"),
        ("season_from", "11-01"),
        ("season_to", "03-31"),
        ("off", "2026-12-31/2027-01-02"),
    ];
    let (status, body) = post(&server, &cookie, "/greeter/rules", &form).await;
    assert_eq!(status, 303, "{body}");
    let rule = server
        .store
        .greeter_rules("claire")
        .unwrap()
        .into_iter()
        .find(|r| r.id == "vendredi-1400")
        .expect("the new rule, named after its day and time");
    assert!(!rule.public_holidays_off, "left unticked");
    client.sync(&device, |_| {}).await.unwrap();
    let today = tuesday_1_december().date();
    let fridays: Vec<String> = device
        .slots(today)
        .unwrap()
        .into_iter()
        .filter(|s| s.id.starts_with("claire-vendredi-1400-"))
        .map(|s| s.id)
        .collect();
    assert_eq!(
        fridays.len(),
        7,
        "8 Fridays in the window but New Year's day: {fridays:?}"
    );
    assert!(!fridays.contains(&"claire-vendredi-1400-20270101".to_string()));
    // A traveller asks for one Friday; Claire is away another.
    let token_device = self::token(&server).await;
    let asked = "claire-vendredi-1400-20261211";
    assert_eq!(push(&server, &token_device, request(asked, 2)).await, Outcome::Accepted);
    let away = "claire-vendredi-1400-20261218";
    let (status, body) = post(
        &server,
        &cookie,
        &format!("/greeter/slots/{away}/remove"),
        &[("csrf", &token)],
    )
    .await;
    assert_eq!(status, 303, "{body}");
    let (status, body) = post(
        &server,
        &cookie,
        &format!("/greeter/slots/{asked}/remove"),
        &[("csrf", &token)],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Travellers hold seats on 2026-12-11"), "{body}");
    client.sync(&device, |_| {}).await.unwrap();
    let ids: Vec<String> = device.slots(today).unwrap().into_iter().map(|s| s.id).collect();
    assert!(!ids.contains(&away.to_string()) && ids.contains(&asked.to_string()));
    // The rule goes; the request made for one of its Fridays keeps it.
    let (status, _) = post(
        &server,
        &cookie,
        "/greeter/rules/vendredi-1400/delete",
        &[("csrf", &token)],
    )
    .await;
    assert_eq!(status, 303);
    client.sync(&device, |_| {}).await.unwrap();
    assert!(!device.slots(today).unwrap().iter().any(|s| s.id == asked));
    let (_, requests) = get(&server, &cookie, "/greeter/requests").await;
    assert!(
        requests.contains("ven. / Fri 2026-12-11 14:00 · 120 min · Gare de Langeac"),
        "{requests}"
    );
}

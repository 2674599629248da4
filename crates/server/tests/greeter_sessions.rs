//! When a greeter's sessions end: at a new login in the same browser, after half an hour
//! unused, and, all of them, when the password changes (by the greeter or reset by staff).
//! Real server on loopback, pages driven over HTTP as a browser would.

mod support;

use support::greeters::{account, csrf, get, http, login, login_page, post, session_cookie, staff_post, PASSWORD};
use support::{TestServer, ADMIN};
use velay_server::store::AccountStore;

/// Whether the session cookie still opens the greeter's pages.
async fn opens(server: &TestServer, cookie: &str) -> bool {
    get(server, cookie, "/greeter/requests").await.0 == 200
}

#[tokio::test]
async fn a_login_ends_the_session_the_browser_had_before() {
    let server = TestServer::start().await;
    account(&server, "martine");
    let before = login(&server, "martine", PASSWORD).await.unwrap();
    let elsewhere = login(&server, "martine", PASSWORD).await.unwrap();
    // The same browser logs in again, sending its earlier session cookie.
    let (form_cookie, token) = login_page(&server).await;
    let resp = http()
        .post(format!("{}/greeter/login", server.url()))
        .header("cookie", format!("{form_cookie}; {before}"))
        .form(&[("csrf", token.as_str()), ("greeter", "martine"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 303);
    let after = session_cookie(&resp);
    let after = after.split(';').next().unwrap().to_string();
    assert_ne!(after, before, "a new session id");
    assert!(!opens(&server, &before).await, "the browser's earlier session ended");
    assert!(opens(&server, &after).await);
    assert!(
        opens(&server, &elsewhere).await,
        "another device's session is left alone"
    );
}

#[tokio::test]
async fn a_session_unused_for_half_an_hour_ends() {
    let server = TestServer::start().await;
    account(&server, "martine");
    let cookie = login(&server, "martine", PASSWORD).await.unwrap();
    assert!(opens(&server, &cookie).await);
    // Half an hour passes with the page left open: the session's idle end is behind us.
    let id = cookie.split_once('=').unwrap().1;
    let hash: [u8; 32] = sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(id)).into();
    let mut session = server.store.session(hash).unwrap().unwrap();
    let idle_until = session.idle_until.expect("a new session has an idle end");
    let now = chrono::Utc::now();
    assert!(idle_until > now + chrono::Duration::minutes(29) && idle_until <= now + chrono::Duration::minutes(30));
    session.idle_until = Some(now - chrono::Duration::seconds(1));
    server.store.set_session(hash, Some(&session)).unwrap();
    let (status, _) = get(&server, &cookie, "/greeter/requests").await;
    assert_eq!(status, 303, "sent to the login page");
    assert!(server.store.session(hash).unwrap().is_none());
}

#[tokio::test]
async fn changing_the_password_ends_every_session_and_only_the_new_one_opens() {
    let server = TestServer::start().await;
    account(&server, "martine");
    let here = login(&server, "martine", PASSWORD).await.unwrap();
    let there = login(&server, "martine", PASSWORD).await.unwrap();
    let (_, page) = get(&server, &here, "/greeter/password").await;
    let token = csrf(&page);
    let change = |current: &'static str, new: &'static str, again: &'static str| {
        let (token, here) = (token.clone(), here.clone());
        let server = &server;
        async move {
            let form = [
                ("csrf", token.as_str()),
                ("current", current),
                ("new", new),
                ("again", again),
            ];
            post(server, &here, "/greeter/password", &form).await
        }
    };
    let (status, body) = change("wrong one", "a new long password", "a new long password").await;
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("Wrong current password"));
    let (status, body) = change(PASSWORD, "a new long password", "a new long passwort").await;
    assert_eq!((status, body.contains("differ")), (422, true));
    let (status, body) = change(PASSWORD, "short", "short").await;
    assert_eq!((status, body.contains("too short")), (422, true));
    assert!(
        opens(&server, &here).await && opens(&server, &there).await,
        "refusals change nothing"
    );

    let (status, body) = change(PASSWORD, "a new long password", "a new long password").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Password changed"));
    assert!(
        !opens(&server, &here).await && !opens(&server, &there).await,
        "every session ended"
    );
    assert_eq!(login(&server, "martine", PASSWORD).await.unwrap_err(), 401);
    assert!(login(&server, "martine", "a new long password").await.is_ok());
}

#[tokio::test]
async fn a_password_change_without_the_session_token_is_refused() {
    let server = TestServer::start().await;
    account(&server, "martine");
    let cookie = login(&server, "martine", PASSWORD).await.unwrap();
    let form = [
        ("csrf", "f".repeat(64)),
        ("current", PASSWORD.to_string()),
        ("new", "a new long password".to_string()),
        ("again", "a new long password".to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(post(&server, &cookie, "/greeter/password", &form).await.0, 403);
    assert!(
        login(&server, "martine", PASSWORD).await.is_ok(),
        "the password is unchanged"
    );
}

#[tokio::test]
async fn staff_replace_a_password_only_when_asked_and_it_ends_the_sessions() {
    let server = TestServer::start().await;
    account(&server, "martine");
    let session = login(&server, "martine", PASSWORD).await.unwrap();
    let new = ("password", "given by the office");
    let (status, body) = staff_post(&server, &[("token", ADMIN), ("greeter", "martine"), new]).await;
    assert_eq!(status, 409, "an existing account is not replaced unasked");
    assert!(body.contains("tick"), "{body}");
    assert!(opens(&server, &session).await);

    let (status, body) = staff_post(
        &server,
        &[("token", "wrong"), ("greeter", "martine"), new, ("reset", "on")],
    )
    .await;
    assert_eq!(status, 401, "{body}");
    let (status, body) = staff_post(
        &server,
        &[("token", ADMIN), ("greeter", "claire"), new, ("reset", "on")],
    )
    .await;
    assert_eq!(status, 422, "claire is published but has no account: {body}");

    let (status, body) = staff_post(
        &server,
        &[("token", ADMIN), ("greeter", "martine"), new, ("reset", "on")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("their sessions ended"));
    assert!(!opens(&server, &session).await);
    assert_eq!(login(&server, "martine", PASSWORD).await.unwrap_err(), 401);
    assert!(login(&server, "martine", "given by the office").await.is_ok());
    assert_eq!(server.store.account("martine").unwrap().unwrap().failed, 0);
}

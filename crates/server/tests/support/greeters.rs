//! Helpers for the greeter tests: a slot a week ahead, greeter accounts, a logged-in browser
//! session over plain HTTP (cookies and CSRF tokens read by hand).

use chrono::{Duration, NaiveDateTime, NaiveTime, Utc};
use velay_core::greeter::Slot;
use velay_core::Content;
use velay_server::store::{Account, AccountStore};
use velay_server::ServerStore;

use super::TestServer;

pub const PASSWORD: &str = "correct horse battery";

/// Publishes routes-data plus a slot of `greeter` a week from today, and returns its id: the
/// sample slots' dates pass, this one never does.
pub fn publish_slot(server: &TestServer, greeter: &str, capacity: u8) -> String {
    let date = Utc::now().date_naive() + Duration::days(7);
    let start = NaiveTime::from_hms_opt(14, 0, 0).unwrap();
    let ids = publish_slots_at(server, greeter, capacity, &[date.and_time(start)]);
    ids[0].clone()
}

/// Publishes routes-data plus slots of `greeter` starting at `starts` (local times in the
/// territory), and returns their ids.
pub fn publish_slots_at(server: &TestServer, greeter: &str, capacity: u8, starts: &[NaiveDateTime]) -> Vec<String> {
    let greeter_profile = server
        .contents
        .iter()
        .find_map(|c| match c {
            Content::Greeter(g) if g.id == greeter => Some(g.clone()),
            _ => None,
        })
        .expect("a sample greeter");
    let mut contents = server.contents.clone();
    let mut ids = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        // The first keeps the id the tests have always used.
        let id = match i {
            0 => format!("test-{greeter}-{capacity}"),
            _ => format!("test-{greeter}-{capacity}-{i}"),
        };
        contents.push(Content::Slot(Slot {
            id: id.clone(),
            greeter: greeter.into(),
            date: start.date(),
            start: start.time(),
            minutes: 180,
            capacity,
            meeting_point: greeter_profile.meeting_points[0].id.clone(),
        }));
        ids.push(id);
    }
    server.store.publish(&contents).unwrap();
    ids
}

/// Files an account for `greeter` straight into the store, with [`PASSWORD`].
pub fn account(server: &TestServer, greeter: &str) {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::encode_b64(format!("salt-of-{greeter}-0123456789").as_bytes()).unwrap();
    let hash = argon2::Argon2::default()
        .hash_password(PASSWORD.as_bytes(), &salt)
        .unwrap()
        .to_string();
    AccountStore::create_account(
        &*server.store,
        &Account {
            greeter: greeter.into(),
            password_hash: hash,
            failed: 0,
            last_failed: None,
        },
    )
    .unwrap();
}

/// A plain HTTP client that does not follow redirects.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Opens the login page: the `Cookie` header value of its form token, and the token.
pub async fn login_page(server: &TestServer) -> (String, String) {
    let resp = http()
        .get(format!("{}/greeter/login", server.url()))
        .send()
        .await
        .unwrap();
    let set = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/greeter/login"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_string();
    (cookie, csrf(&resp.text().await.unwrap()))
}

/// Logs in as a browser would, through the login page; returns the `Cookie` header value of
/// the session.
pub async fn login(server: &TestServer, greeter: &str, password: &str) -> Result<String, reqwest::StatusCode> {
    let (form_cookie, token) = login_page(server).await;
    let resp = http()
        .post(format!("{}/greeter/login", server.url()))
        .header("cookie", form_cookie)
        .form(&[("csrf", token.as_str()), ("greeter", greeter), ("password", password)])
        .send()
        .await
        .unwrap();
    if resp.status() != 303 {
        return Err(resp.status());
    }
    let set = session_cookie(&resp);
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    Ok(set.split(';').next().unwrap().to_string())
}

/// The `Set-Cookie` of the session a login answer starts (beside the spent form token's).
pub fn session_cookie(resp: &reqwest::Response) -> String {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_string())
        .find(|c| c.starts_with("velay_greeter="))
        .expect("a session cookie")
}

/// A page's HTML, as the logged-in greeter sees it.
pub async fn get(server: &TestServer, cookie: &str, path: &str) -> (u16, String) {
    let resp = http()
        .get(format!("{}{path}", server.url()))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

/// Posts a form as the logged-in greeter.
pub async fn post(server: &TestServer, cookie: &str, path: &str, form: &[(&str, &str)]) -> (u16, String) {
    let resp = http()
        .post(format!("{}{path}", server.url()))
        .header("cookie", cookie)
        .form(form)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

/// Posts the staff's account form (the staff token is one of its fields).
pub async fn staff_post(server: &TestServer, form: &[(&str, &str)]) -> (u16, String) {
    let resp = http()
        .post(format!("{}/staff/greeters", server.url()))
        .form(form)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

/// The CSRF token a page's forms carry.
pub fn csrf(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a form with a CSRF token") + 19;
    html[at..at + 64].to_string()
}

#[allow(dead_code)]
pub fn head(server: &TestServer) -> u64 {
    server.store.head().unwrap()
}

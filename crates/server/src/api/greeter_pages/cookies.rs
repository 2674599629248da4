//! The greeter pages' two cookies, built in one place so that each has the same attributes
//! wherever it is set or ended: `HttpOnly` (no script reads it), `SameSite=Strict` (no other
//! site's form sends it), a path, a lifetime, and `Secure` when the server is reached through
//! TLS ([`crate::AppState::behind_tls`]; on plain-HTTP loopback a `Secure` cookie would never be
//! sent back). They are read and set with axum-extra's `CookieJar`.

use axum_extra::extract::cookie::{Cookie, SameSite};
use cookie::time::Duration;

/// The session cookie: a random id, whose SHA-256 names the session in the store.
pub const SESSION: &str = "velay_greeter";
/// The login form's CSRF cookie, sent only to the login URL.
pub const LOGIN: &str = "velay_login";
const LOGIN_PATH: &str = "/greeter/login";

fn cookie(name: &'static str, value: String, path: &'static str, max_age: Duration, secure: bool) -> Cookie<'static> {
    Cookie::build((name, value))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path(path)
        .max_age(max_age)
        .secure(secure)
        .build()
}

/// A new session's cookie, for `seconds`.
pub fn session(id: String, seconds: i64, secure: bool) -> Cookie<'static> {
    cookie(SESSION, id, "/", Duration::seconds(seconds), secure)
}

/// The session cookie ended (logged out, or the password changed).
pub fn session_ended(secure: bool) -> Cookie<'static> {
    cookie(SESSION, String::new(), "/", Duration::ZERO, secure)
}

/// A login page's form token, for `seconds`.
pub fn login(token: String, seconds: i64, secure: bool) -> Cookie<'static> {
    cookie(LOGIN, token, LOGIN_PATH, Duration::seconds(seconds), secure)
}

/// The login form's token spent.
pub fn login_spent(secure: bool) -> Cookie<'static> {
    cookie(LOGIN, String::new(), LOGIN_PATH, Duration::ZERO, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_read_as_they_always_did() {
        assert_eq!(
            session("ab12".into(), 43200, false).to_string(),
            "velay_greeter=ab12; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200"
        );
        assert_eq!(
            login_spent(false).to_string(),
            "velay_login=; HttpOnly; SameSite=Strict; Path=/greeter/login; Max-Age=0"
        );
        assert!(session_ended(true).to_string().contains("; Secure"));
    }
}

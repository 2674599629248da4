//! Logging in and out, and the session every greeter page needs.
//!
//! A session ends after 12 hours, or 30 minutes unused, or when its greeter's password
//! changes; a login ends the session the browser had before. The session cookie holds 256 random bits, is `HttpOnly` (no script reads it) and
//! `SameSite=Strict` (no other site's form sends it); the store keeps only its SHA-256. It is
//! not `Secure` because the server speaks plain HTTP on loopback; behind TLS the proxy adds it.
//! Wrong passwords count per account: past [`FREE_ATTEMPTS`] the account waits, longer each
//! time ([`crate::store::lockout`]), and every wrong answer itself takes a second. They count
//! per client address too, and only so many passwords are checked at once
//! ([`super::login_guard`]). Every count is taken before the password is checked.
//!
//! The login form has its own CSRF token, before any session exists: the login page sets it in
//! a cookie (`HttpOnly`, `SameSite=Strict`, sent only to the login URL) and in the form, and a
//! login is tried only when the two match. Another site cannot make a browser log in to an
//! account of its choosing (login CSRF): its form carries no such cookie.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::extract::{ConnectInfo, Form, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use chrono::Utc;
use maud::{html, Markup};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::layout::{ok, page, refusal};
use crate::api::auth::token_hash;
use crate::api::passwords;
use crate::error::AppError;
use crate::store::{LoginAttempt, Session};
use crate::AppState;

pub const COOKIE: &str = "velay_greeter";
/// The login form's CSRF cookie.
pub const LOGIN_COOKIE: &str = "velay_login";
/// How long a login page may stay open before its form is refused.
const LOGIN_FORM_MINUTES: i64 = 60;
/// A session lasts a working day at most.
const SESSION_HOURS: i64 = 12;
/// A session unused this long ends: a page left open on a shared computer.
const IDLE_MINUTES: i64 = 30;
/// How long a wrong password's answer waits, whatever the lockout.
pub(super) const WRONG_PASSWORD_DELAY: Duration = Duration::from_secs(1);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/greeter", get(home))
        .route("/greeter/login", get(login_page).post(login))
        .route("/greeter/logout", post(logout))
}

async fn home(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    Ok(match current(&state, &headers)? {
        Some(_) => Redirect::to("/greeter/requests").into_response(),
        None => to_login(),
    })
}

/// The logged-in greeter and the session's CSRF token.
pub struct LoggedIn {
    pub greeter: String,
    pub csrf: String,
    pub(super) hash: [u8; 32],
}

/// The session named by the request's cookie, if valid.
pub fn current(state: &AppState, headers: &HeaderMap) -> Result<Option<LoggedIn>, AppError> {
    let Some(id) = cookie(headers, COOKIE) else {
        return Ok(None);
    };
    let hash = token_hash(&id);
    let Some(mut session) = state.store.session(hash)? else {
        return Ok(None);
    };
    // Each use moves the idle end on; written at most once a minute.
    let now = Utc::now();
    let idle = chrono::Duration::minutes(IDLE_MINUTES);
    if session
        .idle_until
        .is_none_or(|t| t - now < idle - chrono::Duration::minutes(1))
    {
        session.idle_until = Some(now + idle);
        state.store.set_session(hash, Some(&session))?;
    }
    Ok(Some(LoggedIn {
        greeter: session.greeter,
        csrf: session.csrf,
        hash,
    }))
}

/// Where a request without a session goes: a GET to the login page, anything else refused.
pub fn to_login() -> Response {
    Redirect::to("/greeter/login").into_response()
}

impl LoggedIn {
    /// Checks a form's CSRF token against the session's, in constant time.
    pub fn check_csrf(&self, given: &str) -> bool {
        same_token(given, &self.csrf)
    }
}

/// Whether a token a form carries is the expected one, in constant time.
fn same_token(given: &str, expected: &str) -> bool {
    bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// A form of the greeter pages: each carries the session's CSRF token.
pub trait WithCsrf {
    fn csrf(&self) -> &str;
}

/// What every greeter POST checks first: a session, a readable form, its CSRF token. Gives the
/// greeter and the form, or the response to send instead (the login page, or `page` with the
/// refusal).
pub fn checked_post<F: WithCsrf>(
    state: &AppState,
    headers: &HeaderMap,
    form: Result<Form<F>, axum::extract::rejection::FormRejection>,
    title: &str,
    page: fn(&AppState, &LoggedIn) -> Result<Markup, AppError>,
) -> Result<Result<(LoggedIn, F), Response>, AppError> {
    let Some(me) = current(state, headers)? else {
        return Ok(Err(to_login()));
    };
    let Ok(Form(form)) = form else {
        let body = page(state, &me)?;
        return Ok(Err(refusal(
            StatusCode::BAD_REQUEST,
            title,
            "Formulaire illisible / Unreadable form",
            body,
        )));
    };
    if !me.check_csrf(form.csrf()) {
        let message = "Jeton CSRF absent ou faux / CSRF token missing or wrong";
        return Ok(Err(refusal(StatusCode::FORBIDDEN, title, message, page(state, &me)?)));
    }
    Ok(Ok((me, form)))
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn random_hex() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

fn login_form(token: &str) -> Markup {
    html! {
        form method="post" action="/greeter/login" {
            input type="hidden" name="csrf" value=(token);
            label { "Identifiant / Login " input name="greeter" autocomplete="username" required; }
            label { "Mot de passe / Password " input type="password" name="password" autocomplete="current-password" required; }
            button type="submit" data-testid="login" { "Se connecter / Log in" }
        }
    }
}

/// A login page's response: `page` with a fresh form token, set in its cookie too.
fn with_login_token(page: impl FnOnce(&str) -> Response) -> Result<Response, AppError> {
    let token = random_hex()?;
    let cookie = format!(
        "{LOGIN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/greeter/login; Max-Age={}",
        LOGIN_FORM_MINUTES * 60
    );
    let mut response = page(&token);
    let value = header::HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    response.headers_mut().append(header::SET_COOKIE, value);
    Ok(response)
}

async fn login_page() -> Result<Response, AppError> {
    with_login_token(|token| ok(page(LOGIN_TITLE, login_form(token))))
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    greeter: String,
    #[serde(default)]
    password: String,
}

const LOGIN_TITLE: &str = "Connexion / Log in";

/// A wait in words, both languages.
pub(super) fn too_many(wait_secs: i64) -> String {
    let wait = wait_secs.max(1);
    format!("Trop d'essais : réessayez dans {wait} s / Too many attempts: try again in {wait} s")
}

async fn login(
    State(state): State<AppState>,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let refuse = |status: StatusCode, message: &str| {
        with_login_token(|token| refusal(status, LOGIN_TITLE, message, login_form(token)))
    };
    let Ok(Form(form)) = form else {
        return refuse(StatusCode::BAD_REQUEST, "Formulaire illisible / Unreadable form");
    };
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_token(&form.csrf, &expected) {
        let message =
            "Formulaire expiré ou venu d'ailleurs : réessayez / Form expired or sent from elsewhere: try again";
        return refuse(StatusCode::FORBIDDEN, message);
    }
    let wrong = "Identifiant ou mot de passe incorrect / Wrong login or password";
    let greeter = form.greeter.trim().to_string();
    // Behind no proxy, the peer's address; a test calling the router directly has none.
    let address = client.map_or(IpAddr::from([0, 0, 0, 0]), |Extension(ConnectInfo(a))| a.ip());
    let guard = &state.logins;
    if let Err(until) = guard.count(address, Utc::now()) {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            &too_many((until - Utc::now()).num_seconds()),
        );
    }
    let Some(turn) = guard.try_hash() else {
        guard.uncount(address);
        tracing::warn!(%address, "login refused: as many passwords as cores are being checked");
        let mut answer = refuse(StatusCode::SERVICE_UNAVAILABLE, passwords::BUSY)?;
        answer
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        return Ok(answer);
    };
    let phc = match state.store.count_login_attempt(&greeter, Utc::now())? {
        LoginAttempt::Check { password_hash } => password_hash,
        LoginAttempt::Locked { until } => {
            guard.uncount(address);
            return refuse(
                StatusCode::TOO_MANY_REQUESTS,
                &too_many((until - Utc::now()).num_seconds()),
            );
        }
        LoginAttempt::NoAccount => {
            drop(turn);
            // Same delay as a wrong password: the answer does not tell which accounts exist.
            tokio::time::sleep(WRONG_PASSWORD_DELAY).await;
            return refuse(StatusCode::UNAUTHORIZED, wrong);
        }
    };
    let good = passwords::verify(phc, form.password).await?;
    drop(turn);
    if !good {
        tracing::warn!(%greeter, %address, "wrong greeter password");
        tokio::time::sleep(WRONG_PASSWORD_DELAY).await;
        return refuse(StatusCode::UNAUTHORIZED, wrong);
    }
    state.store.login_succeeded(&greeter)?;
    guard.uncount(address);
    // The browser's earlier session, if any, ends: a session id known before the login (set by
    // someone else on a shared computer) never becomes a logged-in one.
    if let Some(earlier) = cookie(&headers, COOKIE) {
        state.store.set_session(token_hash(&earlier), None)?;
    }
    let id = random_hex()?;
    let session = Session {
        greeter,
        csrf: random_hex()?,
        expires: Utc::now() + chrono::Duration::hours(SESSION_HOURS),
        idle_until: Some(Utc::now() + chrono::Duration::minutes(IDLE_MINUTES)),
    };
    state.store.set_session(token_hash(&id), Some(&session))?;
    // Each login sweeps the sessions that ended without a logout.
    match state.store.purge_sessions() {
        Ok(0) => {}
        Ok(n) => tracing::info!(sessions = n, "expired greeter sessions removed"),
        Err(e) => tracing::warn!(error = %e, "could not remove expired greeter sessions"),
    }
    let cookie = format!(
        "{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
        SESSION_HOURS * 3600
    );
    // The form's token has done its work.
    let spent = format!("{LOGIN_COOKIE}=; HttpOnly; SameSite=Strict; Path=/greeter/login; Max-Age=0");
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie), (header::SET_COOKIE, spent)]),
        Redirect::to("/greeter/requests"),
    )
        .into_response())
}

/// A form with nothing but its CSRF token (a button: log out, remove a slot).
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

impl WithCsrf for CsrfForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    let Some(me) = current(&state, &headers)? else {
        return Ok(to_login());
    };
    if !me.check_csrf(&form.csrf) {
        return Ok((StatusCode::FORBIDDEN, "CSRF token missing or wrong").into_response());
    }
    state.store.set_session(me.hash, None)?;
    let clear = format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/greeter/login")).into_response())
}

/// The navigation and logout button of a logged-in page.
pub fn nav(me: &LoggedIn) -> Markup {
    html! {
        nav {
            a href="/greeter/requests" { "Demandes / Requests" }
            a href="/greeter/slots" { "Créneaux / Slots" }
            a href="/greeter/password" { "Mot de passe / Password" }
            form.inline method="post" action="/greeter/logout" {
                input type="hidden" name="csrf" value=(me.csrf);
                button type="submit" { "Se déconnecter / Log out" }
            }
        }
        p { "Connecté·e : " strong data-testid="who" { (me.greeter) } }
    }
}

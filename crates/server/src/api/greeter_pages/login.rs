//! Logging in and out.
//!
//! A session ends after 12 hours, or 30 minutes unused, or when its greeter's password
//! changes; a login ends the session the browser had before. The session cookie holds 256
//! random bits (see [`super::cookies`]); the store keeps only its SHA-256.
//! Wrong passwords count per account: past [`crate::store::FREE_ATTEMPTS`] the account waits,
//! longer each time ([`crate::store::lockout`]), and every wrong answer itself takes a second.
//! They count per client address too, and only so many passwords are checked at once
//! ([`super::login_guard`]). Every count is taken before the password is checked.
//!
//! The login form has its own CSRF token, before any session exists: the login page sets it in
//! a cookie (sent only to the login URL) and in the form, and a login is tried only when the
//! two match. Another site cannot make a browser log in to an account of its choosing (login
//! CSRF): its form carries no such cookie.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::extract::{ConnectInfo, Form, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use axum_extra::extract::cookie::CookieJar;
use chrono::Utc;
use maud::{html, Markup};
use serde::Deserialize;

use super::cookies;
use super::layout::{ok, page, refusal};
use super::session::{same_token, to_login, GreeterSession, IDLE_MINUTES};
use crate::api::auth::token_hash;
use crate::api::passwords;
use crate::error::AppError;
use crate::store::{LoginAttempt, Session};
use crate::AppState;

/// How long a login page may stay open before its form is refused.
const LOGIN_FORM_MINUTES: i64 = 60;
/// A session lasts a working day at most.
const SESSION_HOURS: i64 = 12;
/// How long a wrong password's answer waits, whatever the lockout.
pub(super) const WRONG_PASSWORD_DELAY: Duration = Duration::from_secs(1);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/greeter", get(home))
        .route("/greeter/login", get(login_page).post(login))
        .route("/greeter/logout", post(logout))
}

async fn home(me: Option<GreeterSession>) -> Response {
    match me {
        Some(_) => Redirect::to("/greeter/requests").into_response(),
        None => to_login(),
    }
}

fn random_hex() -> Result<String, AppError> {
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
fn with_login_token(state: &AppState, page: impl FnOnce(&str) -> Response) -> Result<Response, AppError> {
    let token = random_hex()?;
    let page = page(&token);
    let jar = CookieJar::new().add(cookies::login(token, LOGIN_FORM_MINUTES * 60, state.behind_tls));
    Ok((jar, page).into_response())
}

async fn login_page(State(state): State<AppState>) -> Result<Response, AppError> {
    with_login_token(&state, |token| ok(page(LOGIN_TITLE, login_form(token))))
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
    jar: CookieJar,
    form: Result<Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let refuse = |status: StatusCode, message: &str| {
        with_login_token(&state, |token| refusal(status, LOGIN_TITLE, message, login_form(token)))
    };
    let Ok(Form(form)) = form else {
        return refuse(StatusCode::BAD_REQUEST, "Formulaire illisible / Unreadable form");
    };
    let expected = jar.get(cookies::LOGIN).map_or("", |c| c.value());
    if expected.is_empty() || !same_token(&form.csrf, expected) {
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
    if let Some(earlier) = jar.get(cookies::SESSION) {
        state.store.set_session(token_hash(earlier.value()), None)?;
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
    let jar = jar
        .add(cookies::session(id, SESSION_HOURS * 3600, state.behind_tls))
        // The form's token has done its work.
        .add(cookies::login_spent(state.behind_tls));
    Ok((jar, Redirect::to("/greeter/requests")).into_response())
}

/// The logout button's form: its CSRF token only.
#[derive(Deserialize)]
struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// Logging out is refused in words, not with a page: the button is on every page.
async fn logout(
    State(state): State<AppState>,
    me: GreeterSession,
    Form(form): Form<LogoutForm>,
) -> Result<Response, AppError> {
    if !me.check_csrf(&form.csrf) {
        return Ok((StatusCode::FORBIDDEN, "CSRF token missing or wrong").into_response());
    }
    state.store.set_session(me.hash, None)?;
    let jar = CookieJar::new().add(cookies::session_ended(state.behind_tls));
    Ok((jar, Redirect::to("/greeter/login")).into_response())
}

/// The navigation and logout button of a logged-in page.
pub fn nav(me: &GreeterSession) -> Markup {
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

//! `/greeter/password`: a greeter changes their password. The current one is asked and counted
//! like a login (a stolen session cannot guess it), and the change ends every session of theirs,
//! this one too: whoever else was logged in with the old password is out.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use axum_extra::extract::cookie::CookieJar;
use chrono::Utc;
use maud::{html, Markup};
use serde::Deserialize;

use super::cookies;
use super::layout::{ok, page, refusal};
use super::login::{nav, too_many, WRONG_PASSWORD_DELAY};
use super::session::{to_login, CsrfForm, GreeterForm, GreeterSession};
use crate::api::passwords::{self, MIN_PASSWORD_CHARS};
use crate::error::AppError;
use crate::store::LoginAttempt;
use crate::AppState;

const TITLE: &str = "Mot de passe / Password";

pub fn router() -> Router<AppState> {
    Router::new().route("/greeter/password", get(form_page).post(change))
}

fn body(_: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
    Ok(html! {
        (nav(me))
        form method="post" action="/greeter/password" {
            input type="hidden" name="csrf" value=(me.csrf);
            label { "Mot de passe actuel / Current password " input type="password" name="current" autocomplete="current-password" required; }
            label { "Nouveau / New (" (MIN_PASSWORD_CHARS) "+) " input type="password" name="new" autocomplete="new-password" required; }
            label { "Encore / Again " input type="password" name="again" autocomplete="new-password" required; }
            button type="submit" data-testid="change-password" { "Changer / Change" }
        }
        p { "Toutes vos sessions seront fermées / All your sessions will be ended." }
    })
}

async fn form_page(State(state): State<AppState>, me: GreeterSession) -> Result<Response, AppError> {
    Ok(ok(page(TITLE, body(&state, &me)?)))
}

#[derive(Deserialize)]
struct ChangeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    again: String,
}

impl GreeterForm for ChangeForm {
    const TITLE: &'static str = TITLE;
    fn page(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
        body(state, me)
    }
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

async fn change(State(state): State<AppState>, CsrfForm(me, form): CsrfForm<ChangeForm>) -> Result<Response, AppError> {
    let refuse = |status, message: &str| -> Result<Response, AppError> {
        Ok(refusal(status, TITLE, message, body(&state, &me)?))
    };
    if form.new != form.again {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Les deux nouveaux mots de passe diffèrent / The two new passwords differ",
        );
    }
    if let Some(message) = passwords::too_short(&form.new) {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, &message);
    }
    let Some(turn) = state.logins.try_hash() else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE, passwords::BUSY);
    };
    let phc = match state.store.count_login_attempt(&me.greeter, Utc::now())? {
        LoginAttempt::Check { password_hash } => password_hash,
        LoginAttempt::Locked { until } => {
            return refuse(
                StatusCode::TOO_MANY_REQUESTS,
                &too_many((until - Utc::now()).num_seconds()),
            )
        }
        LoginAttempt::NoAccount => return Ok(to_login()),
    };
    if !passwords::verify(phc, form.current).await? {
        drop(turn);
        tracing::warn!(greeter = %me.greeter, "wrong current password at a password change");
        tokio::time::sleep(WRONG_PASSWORD_DELAY).await;
        return refuse(
            StatusCode::UNAUTHORIZED,
            "Mot de passe actuel incorrect / Wrong current password",
        );
    }
    state.store.login_succeeded(&me.greeter)?;
    let hash = passwords::hash(form.new).await?;
    drop(turn);
    state.store.set_password(&me.greeter, &hash)?;
    tracing::info!(greeter = %me.greeter, "greeter password changed; their sessions ended");
    let done = page(
        TITLE,
        html! {
            p.notice role="status" data-testid="message" {
                "Mot de passe changé ; toutes vos sessions sont fermées / Password changed; all your sessions are ended."
            }
            p { a href="/greeter/login" { "Se reconnecter / Log in again" } }
        },
    );
    let jar = CookieJar::new().add(cookies::session_ended(state.behind_tls));
    Ok((jar, ok(done)).into_response())
}

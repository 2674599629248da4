//! `/staff/greeters`: staff create a greeter's account, or replace its password (which ends its
//! sessions). The staff token is typed into the form
//! (or sent as `Authorization: Bearer`) on every submission: it is the login, and since no
//! other site knows it, it also stands as the form's CSRF token.

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use serde::Deserialize;

use super::greeter_pages::page;
use crate::api::auth::{is_admin_token, Staff};
use crate::api::passwords::{self, MIN_PASSWORD_CHARS};
use crate::error::AppError;
use crate::store::{Account, StoreError};
use crate::AppState;

const TITLE: &str = "Comptes des greeters / Greeter accounts";

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/greeters", get(form_page).post(create))
}

fn form() -> Markup {
    html! {
        form method="post" action="/staff/greeters" {
            label { "Jeton staff / Staff token " input type="password" name="token" required; }
            label { "Greeter (identifiant publié / published id) " input name="greeter" required; }
            label { "Mot de passe / Password (" (MIN_PASSWORD_CHARS) "+) " input type="password" name="password" required; }
            label { input type="checkbox" name="reset" value="on"; " Remplacer le mot de passe d'un compte existant (ses sessions sont fermées) / Replace an existing account's password (its sessions are ended)" }
            button type="submit" { "Créer ou remplacer / Create or replace" }
        }
    }
}

fn answer(status: StatusCode, message: Option<(&str, &str)>) -> Response {
    let markup = page(
        TITLE,
        html! {
            @if let Some((class, text)) = message { p class=(class) role="alert" data-testid="message" { (text) } }
            (form())
        },
    );
    (status, axum::response::Html(markup.into_string())).into_response()
}

async fn form_page() -> Response {
    answer(StatusCode::OK, None)
}

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    greeter: String,
    #[serde(default)]
    password: String,
    /// Ticked: replace the password of an existing account (and end its sessions).
    reset: Option<String>,
}

async fn create(
    State(state): State<AppState>,
    by_header: Result<Staff, AppError>,
    form: Result<Form<CreateForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let Ok(Form(f)) = form else {
        return Ok(answer(
            StatusCode::BAD_REQUEST,
            Some(("error", "Formulaire illisible / Unreadable form")),
        ));
    };
    if !(by_header.is_ok() || is_admin_token(&f.token, &state.admin_token)) {
        return Ok(answer(
            StatusCode::UNAUTHORIZED,
            Some(("error", "Jeton staff incorrect / Wrong staff token")),
        ));
    }
    let greeter = f.greeter.trim().to_string();
    if state.store.greeter(&greeter)?.is_none() {
        let msg = format!("Aucun greeter publié « {greeter} » / No published greeter {greeter:?}");
        return Ok(answer(StatusCode::UNPROCESSABLE_ENTITY, Some(("error", &msg))));
    }
    if let Some(msg) = passwords::too_short(&f.password) {
        return Ok(answer(StatusCode::UNPROCESSABLE_ENTITY, Some(("error", &msg))));
    }
    // Hashing shares the login's cap on argon2 runs at once.
    let Some(turn) = state.logins.try_hash() else {
        return Ok(answer(
            StatusCode::SERVICE_UNAVAILABLE,
            Some(("error", passwords::BUSY)),
        ));
    };
    let hash = passwords::hash(f.password).await?;
    drop(turn);
    if f.reset.is_some() {
        return Ok(if state.store.set_password(&greeter, &hash)? {
            tracing::info!(%greeter, "greeter password reset by staff; their sessions ended");
            let msg = format!(
                "Mot de passe de {greeter} remplacé, ses sessions fermées / {greeter}'s password replaced, their sessions ended"
            );
            answer(StatusCode::OK, Some(("notice", &msg)))
        } else {
            let msg = format!("{greeter} n'a pas encore de compte / {greeter} has no account yet");
            answer(StatusCode::UNPROCESSABLE_ENTITY, Some(("error", &msg)))
        });
    }
    let account = Account {
        greeter: greeter.clone(),
        password_hash: hash,
        failed: 0,
        last_failed: None,
    };
    match state.store.create_account(&account) {
        Ok(()) => {
            tracing::info!(%greeter, "greeter account created");
            let msg = format!("Compte créé pour {greeter} / Account created for {greeter}");
            Ok(answer(StatusCode::CREATED, Some(("notice", &msg))))
        }
        Err(StoreError::Refused(reason)) => {
            let msg = format!(
                "{reason} : cochez « remplacer » pour lui donner un nouveau mot de passe / tick \"replace\" to give it a new password"
            );
            Ok(answer(StatusCode::CONFLICT, Some(("error", &msg))))
        }
        Err(e) => Err(e.into()),
    }
}

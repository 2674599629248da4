//! `/staff/greeters`: staff create a greeter's account. The staff token is typed into the form
//! (or sent as `Authorization: Bearer`) on every submission: it is the login, and since no
//! other site knows it, it also stands as the form's CSRF token.

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHasher};
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::greeter_pages::page;
use crate::api::auth;
use crate::error::AppError;
use crate::store::{Account, StoreError};
use crate::AppState;

const TITLE: &str = "Comptes des greeters / Greeter accounts";
/// The shortest password accepted: long enough that the lockout makes guessing hopeless.
pub const MIN_PASSWORD_CHARS: usize = 10;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/greeters", get(form_page).post(create))
}

fn form() -> Markup {
    html! {
        form method="post" action="/staff/greeters" {
            label { "Jeton staff / Staff token " input type="password" name="token" required; }
            label { "Greeter (identifiant publié / published id) " input name="greeter" required; }
            label { "Mot de passe / Password (" (MIN_PASSWORD_CHARS) "+) " input type="password" name="password" required; }
            button type="submit" { "Créer le compte / Create the account" }
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
}

async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<CreateForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, AppError> {
    let Ok(Form(f)) = form else {
        return Ok(answer(
            StatusCode::BAD_REQUEST,
            Some(("error", "Formulaire illisible / Unreadable form")),
        ));
    };
    let by_header = auth::staff(&headers, &state.admin_token).is_ok();
    let by_form = bool::from(f.token.as_bytes().ct_eq(state.admin_token.as_bytes()));
    if !(by_header || by_form) {
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
    if f.password.chars().count() < MIN_PASSWORD_CHARS {
        let msg = format!(
            "Mot de passe trop court ({MIN_PASSWORD_CHARS} caractères au moins) / Password too short (at least {MIN_PASSWORD_CHARS} characters)"
        );
        return Ok(answer(StatusCode::UNPROCESSABLE_ENTITY, Some(("error", &msg))));
    }
    let password = f.password;
    // Hashing shares the login's cap on argon2 runs at once.
    let Some(turn) = state.logins.try_hash() else {
        let busy = "Serveur occupé : réessayez dans un instant / Server busy: try again in a moment";
        return Ok(answer(StatusCode::SERVICE_UNAVAILABLE, Some(("error", busy))));
    };
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let hash = tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| e.to_string())?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(AppError::task)?
    .map_err(|e| AppError::Internal(format!("argon2: {e}")))?;
    drop(turn);
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
        Err(StoreError::Refused(reason)) => Ok(answer(StatusCode::CONFLICT, Some(("error", &reason)))),
        Err(e) => Err(e.into()),
    }
}

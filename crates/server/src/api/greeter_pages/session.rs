//! The session every greeter page needs, and the form every greeter POST sends, as extractors.
//!
//! - [`GreeterSession`]: the logged-in greeter, from the session cookie. Without a valid
//!   session a page is answered with a redirect to the login page. Each use moves the
//!   session's idle end on (see [`super::login`] for how long sessions last).
//! - [`CsrfForm`]: a form posted by a logged-in greeter, checked before the handler runs: the
//!   session first (no body is read for a stranger), then the form, then its CSRF token
//!   against the session's, in constant time. A refused form is answered with its page again
//!   and the reason on top. (Forms posted from another origin are refused earlier still, by
//!   [`crate::api::security`].)

use axum::extract::{Form, FromRequest, FromRequestParts, OptionalFromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use chrono::Utc;
use maud::Markup;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use super::cookies;
use super::layout::refusal;
use crate::api::auth::token_hash;
use crate::error::AppError;
use crate::AppState;

/// A session unused this long ends: a page left open on a shared computer.
pub(super) const IDLE_MINUTES: i64 = 30;

/// The logged-in greeter and the session's CSRF token.
pub struct GreeterSession {
    pub greeter: String,
    pub csrf: String,
    /// The SHA-256 of the session's id: how the store knows it.
    pub(super) hash: [u8; 32],
}

impl OptionalFromRequestParts<AppState> for GreeterSession {
    type Rejection = AppError;

    /// The session named by the request's cookie, if valid.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<GreeterSession>, AppError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(id) = jar.get(cookies::SESSION) else {
            return Ok(None);
        };
        let hash = token_hash(id.value());
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
        Ok(Some(GreeterSession {
            greeter: session.greeter,
            csrf: session.csrf,
            hash,
        }))
    }
}

impl FromRequestParts<AppState> for GreeterSession {
    /// The login page, or the store's failure.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<GreeterSession, Response> {
        match <GreeterSession as OptionalFromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(Some(me)) => Ok(me),
            Ok(None) => Err(to_login()),
            Err(e) => Err(e.into_response()),
        }
    }
}

impl GreeterSession {
    /// Whether a form's CSRF token is the session's, in constant time.
    pub fn check_csrf(&self, given: &str) -> bool {
        same_token(given, &self.csrf)
    }
}

/// Whether a token a form carries is the expected one, in constant time.
pub(super) fn same_token(given: &str, expected: &str) -> bool {
    bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// Where a request without a session goes: the login page.
pub fn to_login() -> Response {
    Redirect::to("/greeter/login").into_response()
}

/// A form of a greeter page: it carries the session's CSRF token, and says which page it is on,
/// to be shown again when the form is refused.
pub trait GreeterForm: DeserializeOwned + Send {
    /// The title of the page the form is on.
    const TITLE: &'static str;
    /// The body of the page the form is on.
    fn page(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError>;
    fn csrf(&self) -> &str;
}

/// A greeter form `T`, read and checked: the greeter who posted it and the form.
pub struct CsrfForm<T>(pub GreeterSession, pub T);

impl<T: GreeterForm> FromRequest<AppState> for CsrfForm<T> {
    /// The login page, or the form's page with the reason it was refused.
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<CsrfForm<T>, Response> {
        let (mut parts, body) = request.into_parts();
        let me = <GreeterSession as FromRequestParts<AppState>>::from_request_parts(&mut parts, state).await?;
        let refuse = |status: StatusCode, message: &str| match T::page(state, &me) {
            Ok(page) => refusal(status, T::TITLE, message, page),
            Err(e) => e.into_response(),
        };
        let Ok(Form(form)) = Form::<T>::from_request(Request::from_parts(parts, body), state).await else {
            return Err(refuse(
                StatusCode::BAD_REQUEST,
                "Formulaire illisible / Unreadable form",
            ));
        };
        if !me.check_csrf(form.csrf()) {
            let message = "Jeton CSRF absent ou faux / CSRF token missing or wrong";
            return Err(refuse(StatusCode::FORBIDDEN, message));
        }
        Ok(CsrfForm(me, form))
    }
}

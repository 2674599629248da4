//! The greeters' web pages, rendered on the server (maud), under `/greeter/*`: log in, see the
//! meeting requests made for your slots, confirm or decline them with a message, edit the
//! availability rules your slots come from, take a day off, add a one-off slot, change
//! your password. French first,
//! English beside, as the greeters of the Velay read them.
//!
//! Every page needs a session ([`session::GreeterSession`]); without one a request is sent to
//! the login page ([`login`]). Every POST carries the session's CSRF token, checked with the
//! form ([`session::CsrfForm`]). A greeter only ever sees and acts on requests for their own
//! slots: the store checks the owner on every answer.

mod cookies;
mod layout;
mod login;
pub mod login_guard;
mod password;
mod requests;
mod rule_forms;
mod rules;
pub mod session;
mod slots;

use axum::Router;

use crate::AppState;

pub use layout::{page, CSS};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(login::router())
        .merge(requests::router())
        .merge(slots::router())
        .merge(rule_forms::router())
        .merge(password::router())
}

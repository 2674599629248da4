//! The greeters' web pages, rendered on the server (maud), under `/greeter/*`: log in, see the
//! meeting requests made for your slots, confirm or decline them with a message, edit the
//! availability rules your slots come from, take a day off, add a one-off slot, change
//! your password. French first,
//! English beside, as the greeters of the Velay read them.
//!
//! Every page needs a session ([`session`]); without one a GET is sent to the login page and a
//! POST is refused. Every POST carries the session's CSRF token. A greeter only ever sees and
//! acts on requests for their own slots: the store checks the owner on every answer.

mod layout;
pub mod login_guard;
mod password;
mod requests;
mod rules;
pub mod session;
mod slots;

use axum::Router;

use crate::AppState;

pub use layout::{page, CSS};

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(session::router())
        .merge(requests::router())
        .merge(slots::router())
        .merge(rules::router())
        .merge(password::router())
}

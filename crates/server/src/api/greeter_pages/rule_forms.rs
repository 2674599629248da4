//! Storing a greeter's availability rules: adding, changing and deleting one from the forms of
//! the slots page ([`super::rules`] reads them and draws them). A form that cannot be stored
//! comes back inside the page with what was typed and why.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use maud::Markup;
use velay_core::greeter::Availability;

use super::layout::page;
use super::rules::{Editing, FormProblem, RuleForm, Target};
use super::session::{CsrfForm, GreeterForm, GreeterSession};
use super::slots::{page_body, SlotsButton, TITLE};
use crate::error::AppError;
use crate::store::{RuleRefusal, StoreError};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/greeter/rules", post(add))
        .route("/greeter/rules/{id}", post(save))
        .route("/greeter/rules/{id}/delete", post(delete))
}

impl GreeterForm for RuleForm {
    const TITLE: &'static str = TITLE;
    fn page(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
        slots_page(state, me)
    }
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The id of a new rule: its first day in French and its time (`samedi-1400`), numbered if the
/// greeter already has one of that name. Readable in a slot id, and never reused by another
/// rule of the greeter while the first stands.
fn new_id(rule: &Availability, taken: &[Availability]) -> String {
    const NAMES: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
    let first = rule
        .weekdays
        .iter()
        .next()
        .map_or(0, |d| d.num_days_from_monday() as usize);
    let base = format!("{}-{}", NAMES[first], rule.start.format("%H%M"));
    (1..)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base}-{n}"),
        })
        .find(|id| !taken.iter().any(|r| r.id == *id))
        .expect("some number is free")
}

/// The page again with `form` and its problem inside the form that was sent.
fn sent_back(
    state: &AppState,
    me: &GreeterSession,
    status: StatusCode,
    target: Target,
    form: RuleForm,
    problem: &FormProblem,
) -> Result<Response, AppError> {
    let editing = Editing {
        target,
        form,
        problem: problem.text(),
    };
    let markup = page(TITLE, page_body(state, me, Some(&editing))?);
    Ok((status, Html(markup.into_string())).into_response())
}

/// What the store answered a change of the greeter's rules with.
fn stored(
    state: &AppState,
    me: &GreeterSession,
    target: Target,
    form: RuleForm,
    answer: Result<(), StoreError>,
) -> Result<Response, AppError> {
    match answer {
        Ok(()) => Ok(Redirect::to("/greeter/slots").into_response()),
        Err(StoreError::Rule(r)) => {
            let status = match r {
                RuleRefusal::NoSuchRule(_) => StatusCode::NOT_FOUND,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            sent_back(state, me, status, target, form, &FormProblem::Refused(r))
        }
        Err(e) => Err(e.into()),
    }
}

fn slots_page(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
    page_body(state, me, None)
}

async fn add(State(state): State<AppState>, CsrfForm(me, form): CsrfForm<RuleForm>) -> Result<Response, AppError> {
    let mut rule = match form.read(&me.greeter, "new") {
        Ok(rule) => rule,
        Err(p) => return sent_back(&state, &me, StatusCode::UNPROCESSABLE_ENTITY, Target::New, form, &p),
    };
    rule.id = new_id(&rule, &state.store.greeter_rules(&me.greeter)?);
    let store = state.store.clone();
    let to_store = rule.clone();
    let answer = tokio::task::spawn_blocking(move || store.save_rule(&to_store, None))
        .await
        .map_err(AppError::task)?;
    if answer.is_ok() {
        tracing::info!(greeter = %me.greeter, rule = %rule.id, "availability rule added");
    }
    stored(&state, &me, Target::New, form, answer)
}

async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(me, form): CsrfForm<RuleForm>,
) -> Result<Response, AppError> {
    let target = Target::Rule(id.clone());
    let rule = match form.read(&me.greeter, &id) {
        Ok(rule) => rule,
        Err(p) => return sent_back(&state, &me, StatusCode::UNPROCESSABLE_ENTITY, target, form, &p),
    };
    let store = state.store.clone();
    let answer = tokio::task::spawn_blocking(move || store.save_rule(&rule, Some(&id)))
        .await
        .map_err(AppError::task)?;
    stored(&state, &me, target, form, answer)
}

async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(me, _): CsrfForm<SlotsButton>,
) -> Result<Response, AppError> {
    let (store, greeter, rule) = (state.store.clone(), me.greeter.clone(), id.clone());
    let answer = tokio::task::spawn_blocking(move || store.remove_rule(&greeter, &rule))
        .await
        .map_err(AppError::task)?;
    // The rule's own form carries the reason: with what it holds now.
    let form = state
        .store
        .greeter_rules(&me.greeter)?
        .iter()
        .find(|r| r.id == id)
        .map(RuleForm::of)
        .unwrap_or_default();
    stored(&state, &me, Target::Rule(id), form, answer)
}

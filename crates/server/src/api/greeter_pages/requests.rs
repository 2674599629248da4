//! A greeter's meeting requests: the list, and confirming or declining one with a message.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{response::IntoResponse, Router};
use maud::{html, Markup};
use serde::Deserialize;
use uuid::Uuid;
use velay_core::greeter::Contact;
use velay_core::sync::RequestState;

use super::layout::{ok, page, refusal};
use super::login::nav;
use super::rules::place_name;
use super::session::{CsrfForm, GreeterForm, GreeterSession};
use super::slots::{day_label, meeting_points};
use crate::error::AppError;
use crate::store::{RequestRow, StoreError};
use crate::AppState;

const TITLE: &str = "Mes demandes / My requests";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/greeter/requests", get(list))
        .route("/greeter/requests/{id}/answer", post(answer))
}

fn state_label(state: RequestState) -> &'static str {
    match state {
        RequestState::Pending => "En attente / Pending",
        RequestState::Confirmed => "Confirmée / Confirmed",
        RequestState::Declined => "Déclinée / Declined",
        RequestState::Cancelled => "Annulée / Cancelled",
    }
}

fn body(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
    let rows = state.store.greeter_requests(&me.greeter)?;
    let slots = state.store.greeter_slots(&me.greeter)?;
    let points = meeting_points(state, &me.greeter)?;
    // When and where the traveller asks to meet: as the slot stood when they asked, whatever
    // the rule that made it has become since (rows from before rules: as published now).
    let slot_line = |r: &RequestRow| {
        let now = || slots.iter().find(|(s, _)| s.id == r.slot).map(|(s, _)| s);
        match r.meeting.as_ref().or_else(now) {
            Some(s) => format!(
                "{} {} · {} min · {}",
                day_label(s.date),
                s.start.format("%H:%M"),
                s.minutes,
                place_name(&points, &s.meeting_point)
            ),
            None => format!("{} (retiré / withdrawn)", r.slot),
        }
    };
    Ok(html! {
        (nav(me))
        @if rows.is_empty() {
            p data-testid="no-requests" { "Aucune demande pour l'instant. / No requests yet." }
        }
        @for r in &rows {
            section.request data-testid={"request-" (r.id)} {
                p {
                    span.state data-testid="state" { (state_label(r.state)) } " · "
                    "Créneau / Slot " strong data-testid="slot" { (slot_line(r)) } " · "
                    (r.party) " pers. · langue / language " (r.language)
                }
                @if !r.message.is_empty() { blockquote { (r.message) } }
                p { "Contact : "
                    @match &r.contact {
                        Contact::Email(e) => a href=(r.contact.href()) { (e) },
                        Contact::Phone(p) => a href=(r.contact.href()) { (p) },
                    }
                }
                @if let Some(a) = &r.answer { p { "Votre réponse / Your answer : " em { (a) } } }
                @if r.state.holds_seats() {
                    form method="post" action={"/greeter/requests/" (r.id) "/answer"} {
                        input type="hidden" name="csrf" value=(me.csrf);
                        label { "Message au voyageur / Message to the traveller"
                            br; textarea name="message" rows="2" cols="40" maxlength="1000" {} }
                        @if r.state == RequestState::Pending {
                            button.confirm type="submit" name="decision" value="confirm" data-testid="confirm" { "Confirmer / Confirm" }
                        }
                        button.decline type="submit" name="decision" value="decline" data-testid="decline" { "Décliner / Decline" }
                    }
                }
            }
        }
    })
}

async fn list(State(state): State<AppState>, me: GreeterSession) -> Result<Response, AppError> {
    Ok(ok(page(TITLE, body(&state, &me)?)))
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    message: String,
}

impl GreeterForm for AnswerForm {
    const TITLE: &'static str = TITLE;
    fn page(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
        body(state, me)
    }
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

async fn answer(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(me, form): CsrfForm<AnswerForm>,
) -> Result<Response, AppError> {
    let confirm = match form.decision.as_str() {
        "confirm" => true,
        "decline" => false,
        _ => {
            let msg = "Choisissez confirmer ou décliner / Choose confirm or decline";
            return Ok(refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                TITLE,
                msg,
                body(&state, &me)?,
            ));
        }
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return Ok(refusal(
            StatusCode::NOT_FOUND,
            TITLE,
            "Demande inconnue / Unknown request",
            body(&state, &me)?,
        ));
    };
    let store = state.store.clone();
    let greeter = me.greeter.clone();
    let answered = tokio::task::spawn_blocking(move || store.answer(&greeter, id, confirm, &form.message))
        .await
        .map_err(AppError::task)?;
    match answered {
        Ok(row) => {
            tracing::info!(greeter = %me.greeter, request = %row.id, state = row.state.as_str(), "answered");
            Ok(Redirect::to("/greeter/requests").into_response())
        }
        Err(StoreError::Refused(reason)) => Ok(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            TITLE,
            &reason,
            body(&state, &me)?,
        )),
        Err(e) => Err(e.into()),
    }
}

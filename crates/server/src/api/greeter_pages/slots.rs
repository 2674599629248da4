//! A greeter's slots page: their availability rules (see [`super::rules`]), the slots of the
//! coming weeks with the seats taken, a day taken off or a one-off slot withdrawn while no one
//! holds seats in it, and a one-off slot added on a date of their choice.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{Datelike, NaiveDate, NaiveTime};
use maud::{html, Markup};
use serde::Deserialize;
use velay_core::greeter::{split_slot_id, MeetingPoint, Slot, MAX_MINUTES, MAX_PARTY, MIN_MINUTES};

use super::layout::{ok, page, refusal};
use super::login::nav;
use super::rules::{place_name, refusal_text, section, Editing};
use super::session::{CsrfForm, GreeterForm, GreeterSession};
use crate::error::AppError;
use crate::store::{web_slot_id, StoreError};
use crate::AppState;

pub(super) const TITLE: &str = "Mes créneaux / My slots";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/greeter/slots", get(list).post(add))
        .route("/greeter/slots/{id}/remove", post(remove))
}

/// A greeter's meeting points, to name them on their pages.
pub(super) fn meeting_points(state: &AppState, greeter: &str) -> Result<Vec<MeetingPoint>, AppError> {
    Ok(state
        .store
        .greeter(greeter)?
        .map(|g| g.meeting_points)
        .unwrap_or_default())
}

/// A date with its day of the week in both languages: `sam. / Sat 2026-12-12`.
pub(super) fn day_label(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "lun. / Mon",
        "mar. / Tue",
        "mer. / Wed",
        "jeu. / Thu",
        "ven. / Fri",
        "sam. / Sat",
        "dim. / Sun",
    ];
    format!("{} {date}", DAYS[date.weekday().num_days_from_monday() as usize])
}

fn body(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
    page_body(state, me, None)
}

/// The page, with `editing` (a rule's form sent back with its problem) if any.
pub(super) fn page_body(state: &AppState, me: &GreeterSession, editing: Option<&Editing>) -> Result<Markup, AppError> {
    let rules = state.store.greeter_rules(&me.greeter)?;
    let slots = state.store.greeter_slots(&me.greeter)?;
    let points = meeting_points(state, &me.greeter)?;
    Ok(html! {
        (nav(me))
        (section(&rules, &points, me, editing))
        h2 { "Créneaux des huit semaines à venir / Slots of the coming eight weeks" }
        table {
            tr { th { "Date" } th { "Début / Start" } th { "Durée / Length" } th { "Places / Seats" } th { "Lieu / Place" } th {} }
            @for (s, taken) in &slots {
                @let by_rule = split_slot_id(&s.id).is_some_and(|(key, _)| rules.iter().any(|r| r.key_id() == key));
                tr data-testid={"slot-" (s.id)} {
                    td { (day_label(s.date)) } td { (s.start.format("%H:%M")) } td { (s.minutes) " min" }
                    td { (taken) " / " (s.capacity) } td { (place_name(&points, &s.meeting_point)) }
                    td { form method="post" action={"/greeter/slots/" (s.id) "/remove"} {
                        input type="hidden" name="csrf" value=(me.csrf);
                        @if by_rule {
                            button type="submit" data-testid={"day-off-" (s.id)} { "Absent ce jour / Away that day" }
                        } @else {
                            button type="submit" { "Retirer / Remove" }
                        }
                    } }
                }
            }
        }
        h2 { "Ajouter un créneau ponctuel / Add a one-off slot" }
        form method="post" action="/greeter/slots" {
            input type="hidden" name="csrf" value=(me.csrf);
            label { "Date " input type="date" name="date" required; }
            label { "Début / Start " input type="time" name="start" required; }
            label { "Durée (min) / Length (min) " input type="number" name="minutes" min=(MIN_MINUTES) max=(MAX_MINUTES) value="120" required; }
            label { "Places / Seats " input type="number" name="capacity" min="1" max=(MAX_PARTY) value="4" required; }
            label { "Lieu / Meeting point "
                select name="meeting_point" { @for p in &points { option value=(p.id) { (p.name.fr) " / " (p.name.en) } } }
            }
            button type="submit" data-testid="add-slot" { "Ajouter / Add" }
        }
    })
}

async fn list(State(state): State<AppState>, me: GreeterSession) -> Result<Response, AppError> {
    Ok(ok(page(TITLE, body(&state, &me)?)))
}

#[derive(Deserialize)]
struct SlotForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    meeting_point: String,
}

impl GreeterForm for SlotForm {
    const TITLE: &'static str = TITLE;
    fn page(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
        body(state, me)
    }
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// A button of the slots page (remove a slot, delete a rule): its CSRF token only.
#[derive(Deserialize)]
pub(super) struct SlotsButton {
    #[serde(default)]
    csrf: String,
}

impl GreeterForm for SlotsButton {
    const TITLE: &'static str = TITLE;
    fn page(state: &AppState, me: &GreeterSession) -> Result<Markup, AppError> {
        body(state, me)
    }
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// Reads the form into a slot, or says in both languages what is wrong.
fn read_slot(greeter: &str, f: &SlotForm) -> Result<Slot, String> {
    let date = NaiveDate::parse_from_str(f.date.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "Date illisible / Unreadable date: {:?} (AAAA-MM-JJ / YYYY-MM-DD)",
            f.date
        )
    })?;
    let start = NaiveTime::parse_from_str(f.start.trim(), "%H:%M")
        .map_err(|_| format!("Heure illisible / Unreadable time: {:?} (HH:MM)", f.start))?;
    let minutes: u16 = f
        .minutes
        .trim()
        .parse()
        .map_err(|_| format!("Durée en minutes / Length in minutes: {:?}", f.minutes))?;
    let capacity: u8 = f
        .capacity
        .trim()
        .parse()
        .map_err(|_| format!("Nombre de places / Number of seats: {:?}", f.capacity))?;
    Ok(Slot {
        id: web_slot_id(greeter, date, start),
        greeter: greeter.into(),
        date,
        start,
        minutes,
        capacity,
        meeting_point: f.meeting_point.trim().into(),
    })
}

async fn add(State(state): State<AppState>, CsrfForm(me, form): CsrfForm<SlotForm>) -> Result<Response, AppError> {
    let slot = match read_slot(&me.greeter, &form) {
        Ok(s) => s,
        Err(msg) => {
            return Ok(refusal(
                StatusCode::UNPROCESSABLE_ENTITY,
                TITLE,
                &msg,
                body(&state, &me)?,
            ))
        }
    };
    let store = state.store.clone();
    let added = tokio::task::spawn_blocking(move || store.add_slot(&slot))
        .await
        .map_err(AppError::task)?;
    after_change(&state, &me, added)
}

async fn remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(me, _): CsrfForm<SlotsButton>,
) -> Result<Response, AppError> {
    let store = state.store.clone();
    let greeter = me.greeter.clone();
    let removed = tokio::task::spawn_blocking(move || store.remove_slot(&greeter, &id))
        .await
        .map_err(AppError::task)?;
    after_change(&state, &me, removed)
}

/// Back to the slots page once a change is stored; the page again with the reason if refused.
fn after_change(state: &AppState, me: &GreeterSession, stored: Result<(), StoreError>) -> Result<Response, AppError> {
    match stored {
        Ok(()) => Ok(Redirect::to("/greeter/slots").into_response()),
        Err(StoreError::Refused(reason)) => Ok(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            TITLE,
            &reason,
            body(state, me)?,
        )),
        Err(StoreError::Rule(r)) => Ok(refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            TITLE,
            &refusal_text(&r),
            body(state, me)?,
        )),
        Err(e) => Err(e.into()),
    }
}

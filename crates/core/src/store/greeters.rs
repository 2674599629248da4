//! Greeters, their slots, and the traveller's meeting requests as the app shows them: each
//! request joins its outbox entry (waiting to send, sent) with the private record the server
//! sends back (pending, confirmed, declined, cancelled).
//!
//! Slots are worked out here, offline, from the availability rules the store holds (see
//! [`crate::greeter::availability`]), exactly as the server works them out.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Store, StoreError, Tree};
use crate::greeter::{find_slot, offered, rule_slot, Availability, Contact, Greeter, Slot};
use crate::mutation::{Entry, EntryState, Op, Refusal};
use crate::sync::{PrivateRecord, RequestState};
use crate::Content;

/// Where a meeting request stands, from the traveller's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// On the device, not sent yet.
    WaitingToSend,
    /// Sent; the server's answer has not come back yet.
    Sent,
    Pending,
    Confirmed,
    Declined,
    Cancelled,
    /// The server refused it (the slot is full, or gone).
    Refused,
}

impl RequestStatus {
    /// Whether the request still stands: on its way, or holding seats. A request that stands
    /// can be cancelled, and its slot cannot be asked for again from this device.
    pub fn stands(self) -> bool {
        matches!(self, Self::WaitingToSend | Self::Sent | Self::Pending | Self::Confirmed)
    }
}

/// One of the traveller's requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: Uuid,
    pub slot: String,
    pub party: u8,
    pub language: String,
    pub contact: Contact,
    pub status: RequestStatus,
    /// When it reached that status.
    pub at: DateTime<Utc>,
    /// What the traveller wrote to the greeter.
    pub message: String,
    /// What the greeter wrote back with their answer, if anything.
    pub reply: Option<String>,
    /// Why the server refused it, when it did.
    pub refusal: Option<Refusal>,
    /// When and where: the slot as the server kept it with the request, or, before the server
    /// has answered, as it is published now; `None` if neither knows it any more.
    pub meeting: Option<Slot>,
}

impl Store {
    /// Every greeter, in id order.
    pub fn greeters(&self) -> Result<Vec<Greeter>, StoreError> {
        Ok(self
            .scan_json::<Content>(Tree::Content, b"greeter/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::Greeter(g) => Some(*g),
                _ => None,
            })
            .collect())
    }

    /// Every availability rule, in content order.
    pub fn rules(&self) -> Result<Vec<Availability>, StoreError> {
        Ok(self
            .scan_json::<Content>(Tree::Content, b"availability/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::Availability(a) => Some(a),
                _ => None,
            })
            .collect())
    }

    /// The slots published on a single date, past ones included.
    pub fn one_off_slots(&self) -> Result<Vec<Slot>, StoreError> {
        Ok(self
            .scan_json::<Content>(Tree::Content, b"slot/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::Slot(s) => Some(s),
                _ => None,
            })
            .collect())
    }

    /// The slots offered from `today` (the territory's date, see [`crate::clock`]): those the
    /// rules make in the coming weeks and the one-off slots from today on, by start time. A slot
    /// of today that has started is in the list; [`Slot::has_started`] says so.
    pub fn slots(&self, today: NaiveDate) -> Result<Vec<Slot>, StoreError> {
        Ok(offered(&self.rules()?, &self.one_off_slots()?, today))
    }

    /// The slot named `id` on whatever date, a one-off or one a rule makes: to show what a
    /// request was for.
    pub fn slot(&self, id: &str) -> Result<Option<Slot>, StoreError> {
        Ok(named(id, &self.rules()?, &self.one_off_slots()?))
    }

    /// Queues a meeting request after the checks the device can make alone: the form's
    /// ([`Op::validate`]), the slot is offered and has not started at `now` (local time in the
    /// territory, see [`crate::clock`]), and no request of this device for it still stands.
    pub fn request_meeting(&self, op: Op, now: NaiveDateTime) -> Result<Entry, StoreError> {
        op.validate()?;
        let Op::RequestMeeting { slot, .. } = &op else {
            return self.enqueue(op);
        };
        let Some(published) = find_slot(slot, &self.rules()?, &self.one_off_slots()?, now.date()) else {
            return Err(StoreError::Refused(Refusal::NoSuchSlot));
        };
        if published.has_started(now) {
            return Err(StoreError::Refused(Refusal::SlotStarted));
        }
        self.enqueue(op)
    }

    /// The traveller's meeting requests, oldest first, each with its latest status.
    pub fn requests(&self) -> Result<Vec<RequestView>, StoreError> {
        let entries = self.outbox()?;
        let records = self.private_records()?;
        let (rules, one_offs) = (self.rules()?, self.one_off_slots()?);
        let mut out = Vec::new();
        for entry in &entries {
            let Op::RequestMeeting {
                slot,
                party,
                language,
                contact,
                message,
            } = &entry.mutation.op
            else {
                continue;
            };
            let (mut status, mut at, refusal) = match &entry.state {
                EntryState::Queued => (RequestStatus::WaitingToSend, entry.mutation.at, None),
                EntryState::Sent { at } => (RequestStatus::Sent, *at, None),
                EntryState::Accepted { at } => (RequestStatus::Pending, *at, None),
                EntryState::Refused { at, reason } => (RequestStatus::Refused, *at, Some(reason.clone())),
            };
            let mut reply = None;
            let mut meeting = None;
            let record = records.iter().find_map(|r| match r {
                PrivateRecord::Request {
                    id,
                    state,
                    message,
                    updated_at,
                    meeting: kept,
                    ..
                } if *id == entry.mutation.id => Some((*state, message.clone(), *updated_at, kept.clone())),
                _ => None,
            });
            if let Some((state, msg, updated, kept)) = record {
                meeting = kept;
                status = match state {
                    RequestState::Pending => RequestStatus::Pending,
                    RequestState::Confirmed => RequestStatus::Confirmed,
                    RequestState::Declined => RequestStatus::Declined,
                    RequestState::Cancelled => RequestStatus::Cancelled,
                };
                at = updated;
                reply = msg;
            }
            // A cancellation still on its way shows at once: the traveller has withdrawn.
            let cancel = entries.iter().find(|e| {
                matches!(e.mutation.op, Op::CancelRequest { request } if request == entry.mutation.id)
                    && matches!(e.state, EntryState::Queued | EntryState::Sent { .. })
            });
            if let Some(c) = cancel {
                status = RequestStatus::Cancelled;
                at = c.mutation.at;
            }
            out.push(RequestView {
                id: entry.mutation.id,
                slot: slot.clone(),
                party: *party,
                language: language.clone(),
                contact: contact.clone(),
                status,
                at,
                message: message.clone(),
                reply,
                refusal,
                meeting: meeting.or_else(|| named(slot, &rules, &one_offs)),
            });
        }
        Ok(out)
    }
}

/// The slot named `id`: a one-off, or one a rule makes, on whatever date.
fn named(id: &str, rules: &[Availability], one_offs: &[Slot]) -> Option<Slot> {
    one_offs
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .or_else(|| rule_slot(id, rules))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::PrivateChange;

    #[test]
    fn a_request_shows_waiting_then_sent_then_the_greeters_answer() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let entry = store
            .enqueue(Op::RequestMeeting {
                slot: "martine-20261128".into(),
                party: 2,
                language: "fr".into(),
                message: "Bonjour".into(),
                contact: Contact::Email("anne@example.org".into()),
            })
            .unwrap();
        let id = entry.mutation.id;
        assert_eq!(store.requests().unwrap()[0].status, RequestStatus::WaitingToSend);
        store.mark_sent(&[id], Utc::now()).unwrap();
        assert_eq!(store.requests().unwrap()[0].status, RequestStatus::Sent);
        store
            .record_outcomes(&[(id, crate::mutation::Outcome::Accepted)], Utc::now())
            .unwrap();
        assert_eq!(store.requests().unwrap()[0].status, RequestStatus::Pending);
        let record = PrivateRecord::Request {
            id,
            slot: "martine-20261128".into(),
            party: 2,
            state: RequestState::Confirmed,
            message: Some("À samedi !".into()),
            updated_at: Utc::now(),
            meeting: None,
        };
        let change = PrivateChange {
            seq: 5,
            id: id.to_string(),
            record: Some(record),
        };
        store.apply(&[], &[change], 5).unwrap();
        let view = &store.requests().unwrap()[0];
        assert_eq!(view.status, RequestStatus::Confirmed);
        assert_eq!(view.message, "Bonjour");
        assert_eq!(view.reply.as_deref(), Some("À samedi !"));
        store.enqueue(Op::CancelRequest { request: id }).unwrap();
        assert_eq!(store.requests().unwrap()[0].status, RequestStatus::Cancelled);
    }

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, day)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    /// A store holding one slot of Thomas's, on 12 December 2026 at 14:00.
    fn store_with_a_slot() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let slot = Slot {
            id: "thomas-20261212".into(),
            greeter: "thomas".into(),
            date: at(12, 0, 0).date(),
            start: at(12, 14, 0).time(),
            minutes: 180,
            capacity: 4,
            meeting_point: "gare".into(),
        };
        let content = Content::Slot(slot);
        let change = crate::Change {
            seq: 1,
            key: content.key(),
            content: Some(content),
        };
        store.apply(&[change], &[], 1).unwrap();
        (dir, store)
    }

    fn ask(slot: &str) -> Op {
        Op::RequestMeeting {
            slot: slot.into(),
            party: 2,
            language: "fr".into(),
            message: "Bonjour".into(),
            contact: Contact::Email("anne@example.org".into()),
        }
    }

    #[test]
    fn a_second_tap_on_send_asks_nothing_twice_while_the_first_request_stands() {
        let (_dir, store) = store_with_a_slot();
        let first = store.request_meeting(ask("thomas-20261212"), at(1, 9, 0)).unwrap();
        let again = store.request_meeting(ask("thomas-20261212"), at(1, 9, 0));
        assert!(
            matches!(again, Err(StoreError::Refused(Refusal::AlreadyRequested))),
            "{again:?}"
        );
        assert!(matches!(
            store.enqueue(ask("thomas-20261212")),
            Err(StoreError::Refused(Refusal::AlreadyRequested))
        ));
        assert_eq!(store.requests().unwrap().len(), 1);
        // Once withdrawn, the traveller may ask again.
        store
            .enqueue(Op::CancelRequest {
                request: first.mutation.id,
            })
            .unwrap();
        assert!(store.request_meeting(ask("thomas-20261212"), at(1, 9, 0)).is_ok());
        assert_eq!(store.requests().unwrap().len(), 2);
    }

    #[test]
    fn a_slot_whose_start_has_passed_is_never_queued() {
        let (_dir, store) = store_with_a_slot();
        for now in [at(12, 14, 0), at(12, 16, 0), at(13, 9, 0)] {
            let late = store.request_meeting(ask("thomas-20261212"), now);
            assert!(
                matches!(late, Err(StoreError::Refused(Refusal::SlotStarted))),
                "{now}: {late:?}"
            );
        }
        let unknown = store.request_meeting(ask("nobody-20261212"), at(1, 9, 0));
        assert!(matches!(unknown, Err(StoreError::Refused(Refusal::NoSuchSlot))));
        assert!(store.outbox().unwrap().is_empty());
        assert!(store.request_meeting(ask("thomas-20261212"), at(12, 13, 59)).is_ok());
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use crate::greeter::Availability;
    use crate::sync::PrivateChange;

    fn at(month: u32, day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn saturdays_at(hour: u32) -> Availability {
        toml::from_str(&format!(
            r#"id = "samedi"
greeter = "thomas"
weekdays = ["sat"]
start = "{hour}:00"
minutes = 180
capacity = 4
meeting_point = "cathedrale""#
        ))
        .unwrap()
    }

    fn publish(store: &Store, rule: Availability, seq: u64) {
        let content = Content::Availability(rule);
        let change = crate::Change {
            seq,
            key: content.key(),
            content: Some(content),
        };
        store.apply(&[change], &[], seq).unwrap();
    }

    fn ask(slot: &str) -> Op {
        Op::RequestMeeting {
            slot: slot.into(),
            party: 2,
            language: "fr".into(),
            message: "Bonjour".into(),
            contact: Contact::Email("anne@example.org".into()),
        }
    }

    #[test]
    fn a_rules_slots_are_worked_out_offline_and_a_request_keeps_the_slot_it_was_made_for() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        publish(&store, saturdays_at(14), 1);
        let today = at(12, 1, 9, 0);
        let slots = store.slots(today.date()).unwrap();
        assert_eq!(slots.len(), 8, "eight Saturdays in the coming eight weeks");
        assert_eq!(slots[1].id, "thomas-samedi-20261212");
        let entry = store.request_meeting(ask("thomas-samedi-20261212"), today).unwrap();
        let asked = |s: &Store| s.requests().unwrap()[0].meeting.clone().unwrap();
        assert_eq!(
            asked(&store).start.to_string(),
            "14:00:00",
            "before any answer, as published"
        );
        // The server accepts it and keeps the slot as it stood; then Thomas moves his
        // Saturdays to the morning.
        let kept = slots[1].clone();
        let record = PrivateRecord::Request {
            id: entry.mutation.id,
            slot: kept.id.clone(),
            party: 2,
            state: RequestState::Pending,
            message: None,
            updated_at: Utc::now(),
            meeting: Some(kept),
        };
        let private = PrivateChange {
            seq: 2,
            id: entry.mutation.id.to_string(),
            record: Some(record),
        };
        store.apply(&[], &[private], 2).unwrap();
        publish(&store, saturdays_at(10), 3);
        assert_eq!(store.slots(today.date()).unwrap()[1].start.to_string(), "10:00:00");
        assert_eq!(
            asked(&store).start.to_string(),
            "14:00:00",
            "the request keeps its afternoon"
        );
    }

    #[test]
    fn a_day_the_rule_does_not_offer_or_beyond_eight_weeks_is_no_slot_and_a_past_one_has_started() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        publish(&store, saturdays_at(14), 1);
        let today = at(12, 1, 9, 0);
        for (slot, refusal) in [
            ("thomas-samedi-20261211", Refusal::NoSuchSlot),
            ("thomas-samedi-20270130", Refusal::NoSuchSlot),
            ("thomas-dimanche-20261213", Refusal::NoSuchSlot),
            ("thomas-samedi-20261128", Refusal::SlotStarted),
        ] {
            let answer = store.request_meeting(ask(slot), today);
            assert!(
                matches!(&answer, Err(StoreError::Refused(r)) if *r == refusal),
                "{slot}: {answer:?}"
            );
        }
        assert!(store.request_meeting(ask("thomas-samedi-20270123"), today).is_ok());
        assert!(store.outbox().unwrap().len() == 1);
    }
}

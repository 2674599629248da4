//! Greeters, their slots, and the traveller's meeting requests as the app shows them: each
//! request joins its outbox entry (waiting to send, sent) with the private record the server
//! sends back (pending, confirmed, declined, cancelled).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Store, StoreError, Tree};
use crate::greeter::{Contact, Greeter, Slot};
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

    /// Every published slot, by date and start time.
    pub fn slots(&self) -> Result<Vec<Slot>, StoreError> {
        let mut slots: Vec<Slot> = self
            .scan_json::<Content>(Tree::Content, b"slot/")?
            .into_iter()
            .filter_map(|c| match c {
                Content::Slot(s) => Some(s),
                _ => None,
            })
            .collect();
        slots.sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
        Ok(slots)
    }

    /// Queues a meeting request after the checks the device can make alone: the form's
    /// ([`Op::validate`]), the slot is published and has not started at `now` (local time in the
    /// territory, see [`crate::clock`]), and no request of this device for it still stands.
    pub fn request_meeting(&self, op: Op, now: NaiveDateTime) -> Result<Entry, StoreError> {
        op.validate()?;
        let Op::RequestMeeting { slot, .. } = &op else {
            return self.enqueue(op);
        };
        let slots = self.slots()?;
        let Some(published) = slots.iter().find(|s| s.id == *slot) else {
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
            let record = records.iter().find_map(|r| match r {
                PrivateRecord::Request {
                    id,
                    state,
                    message,
                    updated_at,
                    ..
                } if *id == entry.mutation.id => Some((*state, message.clone(), *updated_at)),
                _ => None,
            });
            if let Some((state, msg, updated)) = record {
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
            });
        }
        Ok(out)
    }
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

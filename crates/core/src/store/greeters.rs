//! Greeters, their slots, and the traveller's meeting requests as the app shows them: each
//! request joins its outbox entry (waiting to send, sent) with the private record the server
//! sends back (pending, confirmed, declined, cancelled).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Store, StoreError, Tree};
use crate::greeter::{Contact, Greeter, Slot};
use crate::mutation::{EntryState, Op};
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
    /// The greeter's message, or the server's reason for a refusal.
    pub message: Option<String>,
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
                ..
            } = &entry.mutation.op
            else {
                continue;
            };
            let (mut status, mut at, mut message) = match &entry.state {
                EntryState::Queued => (RequestStatus::WaitingToSend, entry.mutation.at, None),
                EntryState::Sent { at } => (RequestStatus::Sent, *at, None),
                EntryState::Accepted { at } => (RequestStatus::Pending, *at, None),
                EntryState::Refused { at, reason } => (RequestStatus::Refused, *at, Some(reason.clone())),
            };
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
                message = msg;
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
                message,
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
                contact: Contact::Email("anne@example.fr".into()),
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
        assert_eq!(view.message.as_deref(), Some("À samedi !"));
        store.enqueue(Op::CancelRequest { request: id }).unwrap();
        assert_eq!(store.requests().unwrap()[0].status, RequestStatus::Cancelled);
    }
}

//! Meeting requests on the server, and the rule they keep: the seats held by a slot's pending
//! and confirmed requests never exceed its capacity. Seats are counted per slot id; a slot an
//! availability rule makes keeps its id when the rule changes (see
//! [`velay_core::greeter::availability`]), so its seats stay counted, and each request keeps a
//! copy of the slot as it was when accepted.
//!
//! Every decision that adds or frees seats (a request, a cancellation, a greeter's answer) runs
//! under the store's write lock and commits the request row, the slot's seat count and the
//! device's private record in one sled transaction. A push batch may hold several requests for
//! the same slot, so its decisions read through a [`Batch`] of what it has decided but not yet
//! committed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use velay_core::greeter::{Contact, Slot};
use velay_core::mutation::{Mutation, Op, Outcome, Refusal};
use velay_core::sync::{PrivateChange, PrivateRecord, RequestState};

use super::codec::{decode, encode, private_key};
use super::sled_store::{SledStore, Write};
use super::{ServerStore, StoreError};

/// What the greeter pages do with meeting requests. Travellers make and cancel theirs by
/// pushing mutations ([`ServerStore::push`]).
pub trait RequestStore {
    /// A greeter's requests, newest first.
    fn greeter_requests(&self, greeter: &str) -> Result<Vec<RequestRow>, StoreError>;
    /// Confirms or declines one of the greeter's own requests, with a message for the
    /// traveller. Declining frees its seats. The device sees the change at its next pull.
    fn answer(&self, greeter: &str, id: Uuid, confirm: bool, message: &str) -> Result<RequestRow, StoreError>;
}

/// A meeting request as the server keeps it: who asked (the device), for which slot and
/// greeter, and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: Uuid,
    pub device: String,
    pub slot: String,
    pub greeter: String,
    pub party: u8,
    pub language: String,
    pub message: String,
    pub contact: Contact,
    pub state: RequestState,
    pub answer: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The sequence of the device's private record for it.
    pub seq: u64,
    /// When and where: the slot as it stood when the request was accepted, kept whatever its
    /// availability rule becomes (rows filed before rules existed have none).
    #[serde(default)]
    pub meeting: Option<Slot>,
}

/// What a push batch has decided and not yet committed.
#[derive(Default)]
pub(super) struct Batch {
    seats: HashMap<String, u32>,
    requests: HashMap<Uuid, RequestRow>,
}

impl SledStore {
    /// The seats held in `slot`, counting what `batch` decided.
    fn seats_of(&self, slot: &str, batch: Option<&Batch>) -> Result<u32, StoreError> {
        match batch.and_then(|b| b.seats.get(slot)) {
            Some(n) => Ok(*n),
            None => self.held_seats(slot),
        }
    }

    fn request_row(&self, id: Uuid, batch: Option<&Batch>) -> Result<Option<RequestRow>, StoreError> {
        if let Some(row) = batch.and_then(|b| b.requests.get(&id)) {
            return Ok(Some(row.clone()));
        }
        self.requests
            .get(id.as_bytes())?
            .map(|v| decode(id.as_bytes(), &v))
            .transpose()
    }

    /// The writes that file `row` with its new state at `seq`: its row, its slot's seats and
    /// the device's private record (replacing the older one in the log).
    fn row_writes(&self, row: &RequestRow, old_seq: Option<u64>, seats: u32) -> Vec<Write> {
        let record = PrivateRecord::Request {
            id: row.id,
            slot: row.slot.clone(),
            party: row.party,
            state: row.state,
            message: row.answer.clone(),
            updated_at: row.updated_at,
            meeting: row.meeting.clone(),
        };
        let change = PrivateChange {
            seq: row.seq,
            id: row.id.to_string(),
            record: Some(record),
        };
        vec![
            Write::Record {
                key: private_key(&row.device, &row.id.to_string()),
                old_seq,
                seq: row.seq,
                value: encode(&change),
            },
            Write::Request {
                id: *row.id.as_bytes(),
                value: encode(row),
            },
            Write::Seats {
                slot: row.slot.as_bytes().to_vec(),
                seats,
            },
        ]
    }

    /// A traveller's request: accepted as pending while the slot has seats for the whole group.
    pub(super) fn decide_request(
        &self,
        device: &str,
        m: &Mutation,
        seq: u64,
        batch: &mut Batch,
    ) -> Result<(Outcome, Vec<Write>), StoreError> {
        let Op::RequestMeeting {
            slot,
            party,
            language,
            message,
            contact,
        } = &m.op
        else {
            unreachable!("decide_request is called for meeting requests only")
        };
        let refuse = |reason: Refusal| Ok((Outcome::Refused { reason }, vec![]));
        let Some(published) = self.offered_slot(slot)? else {
            return refuse(Refusal::NoSuchSlot);
        };
        // The start as the territory's clocks read it: comparing dates in UTC let a slot of
        // this morning be booked all afternoon.
        if published.has_started(self.clock.local_now()) {
            return refuse(Refusal::SlotStarted);
        }
        let taken = self.seats_of(slot, Some(batch))?;
        let left = u32::from(published.capacity).saturating_sub(taken);
        if u32::from(*party) > left {
            return refuse(Refusal::SlotFull {
                left,
                capacity: published.capacity,
            });
        }
        let now = Utc::now();
        let row = RequestRow {
            id: m.id,
            device: device.into(),
            slot: slot.clone(),
            greeter: published.greeter.clone(),
            party: *party,
            language: language.clone(),
            message: message.clone(),
            contact: contact.clone(),
            state: RequestState::Pending,
            answer: None,
            created_at: now,
            updated_at: now,
            seq,
            meeting: Some(published),
        };
        let seats = taken + u32::from(*party);
        batch.seats.insert(slot.clone(), seats);
        batch.requests.insert(row.id, row.clone());
        Ok((Outcome::Accepted, self.row_writes(&row, None, seats)))
    }

    /// A traveller withdraws their own request; its seats are free again.
    pub(super) fn decide_cancel(
        &self,
        device: &str,
        request: Uuid,
        seq: u64,
        batch: &mut Batch,
    ) -> Result<(Outcome, Vec<Write>), StoreError> {
        let row = self.request_row(request, Some(batch))?;
        // Another device's request reads as unknown: its existence is not this device's business.
        let Some(mut row) = row.filter(|r| r.device == device) else {
            return Ok((
                Outcome::Refused {
                    reason: Refusal::NoSuchRequest,
                },
                vec![],
            ));
        };
        if !row.state.holds_seats() {
            return Ok((
                Outcome::Refused {
                    reason: Refusal::AlreadyDone { state: row.state },
                },
                vec![],
            ));
        }
        let seats = self
            .seats_of(&row.slot, Some(batch))?
            .saturating_sub(u32::from(row.party));
        let old_seq = row.seq;
        row.state = RequestState::Cancelled;
        row.updated_at = Utc::now();
        row.seq = seq;
        batch.seats.insert(row.slot.clone(), seats);
        batch.requests.insert(row.id, row.clone());
        Ok((Outcome::Accepted, self.row_writes(&row, Some(old_seq), seats)))
    }
}

impl RequestStore for SledStore {
    fn greeter_requests(&self, greeter: &str) -> Result<Vec<RequestRow>, StoreError> {
        let mut rows = Vec::new();
        for entry in self.requests.iter() {
            let (k, v) = entry?;
            let row: RequestRow = decode(&k, &v)?;
            if row.greeter == greeter {
                rows.push(row);
            }
        }
        rows.sort_by_key(|r| std::cmp::Reverse(r.created_at));
        Ok(rows)
    }

    fn answer(&self, greeter: &str, id: Uuid, confirm: bool, message: &str) -> Result<RequestRow, StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        let refused = |m: String| Err(StoreError::Refused(m));
        let Some(mut row) = self.request_row(id, None)?.filter(|r| r.greeter == greeter) else {
            return refused(format!("there is no request {id} for you"));
        };
        if message.chars().count() > velay_core::greeter::MAX_MESSAGE_CHARS {
            return refused("the message is too long (1000 characters at most)".into());
        }
        let next = match (row.state, confirm) {
            (RequestState::Pending, true) => RequestState::Confirmed,
            (RequestState::Pending | RequestState::Confirmed, false) => RequestState::Declined,
            (state, _) => return refused(format!("the request is already {}", state.as_str())),
        };
        let mut seats = self.seats_of(&row.slot, None)?;
        if next == RequestState::Declined {
            seats = seats.saturating_sub(u32::from(row.party));
        }
        let head = self.head()?;
        let old_seq = row.seq;
        row.state = next;
        row.answer = Some(message.trim().to_string()).filter(|m| !m.is_empty());
        row.updated_at = Utc::now();
        row.seq = head + 1;
        self.commit(&self.row_writes(&row, Some(old_seq), seats), head + 1)?;
        Ok(row)
    }
}

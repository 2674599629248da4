//! The embedded store, on sled: its trees, opening them, and the one transaction every write
//! goes through. What each facet keeps and does is in its own file: the sync protocol's
//! content, devices and pushes ([`super::sync`]), meeting requests ([`super::requests`]),
//! slots and availability rules ([`super::slots`]), accounts and sessions
//! ([`super::accounts`]); how values and keys are written is [`super::codec`]. Trees:
//!
//! - `records`: each key's latest state: a content [`Change`] under `route/…` or `site/…`, a
//!   device's [`PrivateChange`] under `private/<device>/<id>`;
//! - `log`: sequence number → key, one entry per key (its latest change);
//! - `meta`: the head sequence, the count of writes each device filed, and the greeters whose
//!   availability rules are theirs (see [`super::slots`]);
//! - `devices`: SHA-256 of a token → device id;
//! - `mutations`: mutation id → the device that sent it and its outcome;
//! - `requests`, `seats`: meeting requests and the seats they hold per slot;
//! - `accounts`, `sessions`: greeter accounts and their sessions.

use std::path::Path;
use std::sync::RwLock;

use sled::transaction::{ConflictableTransactionError, TransactionError, Transactional};
use velay_core::clock::Clock;
use velay_core::sync::PrivateChange;
use velay_core::Change;

use super::codec::{be_u32, decode, HEAD, PRIVATE};
use super::StoreError;

pub struct SledStore {
    pub(super) db: sled::Db,
    pub(super) records: sled::Tree,
    pub(super) log: sled::Tree,
    pub(super) meta: sled::Tree,
    pub(super) devices: sled::Tree,
    pub(super) mutations: sled::Tree,
    pub(super) requests: sled::Tree,
    pub(super) seats: sled::Tree,
    pub(super) accounts: sled::Tree,
    pub(super) sessions: sled::Tree,
    /// Writers (publish, push, a greeter's answer) take it to write and pulls to read, so that
    /// a pull never sees a write half done, two pushes of the same mutation id never both apply
    /// it, and two requests for the last seat are decided one after the other.
    pub(super) lock: RwLock<()>,
    /// The territory's clock: a slot whose start (local time in Europe/Paris) has passed on it
    /// is refused. A test sets another one with [`SledStore::with_clock`].
    pub(super) clock: Clock,
}

/// One write of a batch, applied in a single transaction with the new head.
pub(super) enum Write {
    Record {
        key: Vec<u8>,
        old_seq: Option<u64>,
        seq: u64,
        value: Vec<u8>,
    },
    Mutation {
        id: [u8; 16],
        value: Vec<u8>,
    },
    /// A meeting request's server-side row.
    Request {
        id: [u8; 16],
        value: Vec<u8>,
    },
    /// The seats pending and confirmed requests hold in a slot.
    Seats {
        slot: Vec<u8>,
        seats: u32,
    },
    /// A marker in `meta` (whose rules a greeter has made theirs).
    Meta {
        key: Vec<u8>,
        value: Vec<u8>,
    },
}

impl SledStore {
    pub fn open(path: &Path) -> Result<SledStore, sled::Error> {
        let db = velay_core::sled_open::open_waiting(path)?;
        Ok(SledStore {
            records: db.open_tree("records")?,
            log: db.open_tree("log")?,
            meta: db.open_tree("meta")?,
            devices: db.open_tree("devices")?,
            mutations: db.open_tree("mutations")?,
            requests: db.open_tree("requests")?,
            seats: db.open_tree("seats")?,
            accounts: db.open_tree("accounts")?,
            sessions: db.open_tree("sessions")?,
            db,
            lock: RwLock::new(()),
            clock: Clock::system(),
        })
    }

    /// The same store, reading "now" on `clock`: a test lives on the day it chooses.
    pub fn with_clock(mut self, clock: Clock) -> SledStore {
        self.clock = clock;
        self
    }

    pub(super) fn seq_of(&self, key: &[u8]) -> Result<Option<u64>, StoreError> {
        let Some(raw) = self.records.get(key)? else {
            return Ok(None);
        };
        if key.starts_with(PRIVATE) {
            Ok(Some(decode::<PrivateChange>(key, &raw)?.seq))
        } else {
            Ok(Some(decode::<Change>(key, &raw)?.seq))
        }
    }

    /// The seats pending and confirmed requests hold in `slot`, as committed.
    pub(super) fn held_seats(&self, slot: &str) -> Result<u32, StoreError> {
        Ok(match self.seats.get(slot.as_bytes())? {
            Some(v) => be_u32(slot.as_bytes(), &v)?,
            None => 0,
        })
    }

    /// Writes a batch and the new head in one transaction, then flushes.
    pub(super) fn commit(&self, writes: &[Write], new_head: u64) -> Result<(), StoreError> {
        (
            &self.records,
            &self.log,
            &self.meta,
            &self.mutations,
            &self.requests,
            &self.seats,
        )
            .transaction(|(records, log, meta, mutations, requests, seats)| {
                for w in writes {
                    match w {
                        Write::Record {
                            key,
                            old_seq,
                            seq,
                            value,
                        } => {
                            if let Some(old) = old_seq {
                                log.remove(&old.to_be_bytes())?;
                            }
                            log.insert(&seq.to_be_bytes(), key.as_slice())?;
                            records.insert(key.as_slice(), value.as_slice())?;
                        }
                        Write::Mutation { id, value } => {
                            mutations.insert(id, value.as_slice())?;
                        }
                        Write::Request { id, value } => {
                            requests.insert(id, value.as_slice())?;
                        }
                        Write::Seats { slot, seats: n } => {
                            seats.insert(slot.as_slice(), &n.to_be_bytes())?;
                        }
                        Write::Meta { key, value } => {
                            meta.insert(key.as_slice(), value.as_slice())?;
                        }
                    }
                }
                meta.insert(HEAD, &new_head.to_be_bytes())?;
                Ok::<_, ConflictableTransactionError<()>>(())
            })
            .map_err(|e| match e {
                TransactionError::Storage(e) => StoreError::Sled(e),
                TransactionError::Abort(()) => StoreError::Task("transaction aborted".into()),
            })?;
        self.db.flush()?;
        Ok(())
    }
}

//! Where the server keeps its state: published content, devices, and the mutations they pushed,
//! all versioned by one growing sequence number, behind [`ServerStore`] so that a PostgreSQL
//! store can replace the embedded sled one for a deployment that outgrows one machine.

mod accounts;
mod backup;
mod check;
mod greeters;
mod sled_store;
mod slots;

use velay_core::greeter::Availability;
use velay_core::maps::MapPack;
use velay_core::mutation::Mutation;
use velay_core::sync::{PublishReport, PullBatch, PushResult};
use velay_core::{Content, Key};

pub use accounts::{locked_until, lockout, lockout_after, Account, LoginAttempt, Session, FREE_ATTEMPTS};
pub use backup::{restore, BackupError, BackupReport};
pub use check::{CheckReport, OpenError};
pub use greeters::RequestRow;
pub use sled_store::SledStore;
pub use slots::RuleRefusal;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sled: {0}")]
    Sled(#[from] sled::Error),
    #[error("entry {key} is damaged: {reason}")]
    Damaged { key: String, reason: String },
    #[error("store task failed: {0}")]
    Task(String),
    /// A greeter's or staff's action the rules do not allow, with the reason to show them.
    #[error("{0}")]
    Refused(String),
    /// A greeter's change to their availability refused, as a code their pages translate.
    #[error("{0}")]
    Rule(#[from] RuleRefusal),
}

/// A registered device, known by the hash of its token.
pub type DeviceId = String;

pub trait ServerStore: GreeterStore + Send + Sync + 'static {
    /// The latest sequence number (0 for an empty store).
    fn head(&self) -> Result<u64, StoreError>;
    /// The changes after `cursor`, oldest first, at most `limit` and about
    /// [`velay_core::sync::PULL_MAX_BYTES`] of them: content, and `device`'s private records.
    fn pull(&self, cursor: u64, limit: usize, device: Option<&str>) -> Result<PullBatch, StoreError>;
    /// Makes `contents` the whole published set: new or different keys get the next sequence
    /// numbers, keys not in it are deleted, unchanged keys keep theirs.
    fn publish(&self, contents: &[Content]) -> Result<PublishReport, StoreError>;
    /// Makes `packs` the whole set of published map packs (content publishing leaves them be).
    fn publish_packs(&self, packs: &[MapPack]) -> Result<PublishReport, StoreError>;
    /// The published content under `key`, if any.
    fn published(&self, key: &Key) -> Result<Option<Content>, StoreError>;
    /// Files a new device under the SHA-256 of its token.
    fn register(&self, token_hash: [u8; 32]) -> Result<DeviceId, StoreError>;
    fn device(&self, token_hash: [u8; 32]) -> Result<Option<DeviceId>, StoreError>;
    /// Applies `device`'s mutations in order, each at most once: a mutation id seen before
    /// gets its first outcome again and changes nothing. All outcomes are on disk on return.
    fn push(&self, device: &str, mutations: &[Mutation]) -> Result<Vec<PushResult>, StoreError>;
    /// Forgets the devices registered more than [`DEVICE_EXPIRY_DAYS`] ago that never wrote
    /// anything: registrations nobody came back to use. Returns how many were forgotten. A
    /// forgotten app that comes back is told 401 and registers again; it had nothing stored.
    fn expire_devices(&self) -> Result<usize, StoreError>;
}

/// How long a device that never wrote anything is kept.
pub const DEVICE_EXPIRY_DAYS: i64 = 30;

/// What the greeter and staff pages need: accounts, sessions, requests, availability rules and
/// slots. A refusal the person can act on is [`StoreError::Refused`] with its reason, or
/// [`StoreError::Rule`] for a change to the availability.
pub trait GreeterStore {
    /// Files a new account; refused if the greeter already has one.
    fn create_account(&self, account: &Account) -> Result<(), StoreError>;
    fn account(&self, greeter: &str) -> Result<Option<Account>, StoreError>;
    /// Replaces an account (its failed-login count after a login attempt).
    fn update_account(&self, account: &Account) -> Result<(), StoreError>;
    /// Decides whether a login may check its password and, if so, counts it as a failure
    /// first, in one atomic step: concurrent guesses are all counted, and no more than
    /// [`FREE_ATTEMPTS`] are checked before the account waits.
    fn count_login_attempt(
        &self,
        greeter: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<LoginAttempt, StoreError>;
    /// The password was right: the account's failures are forgotten.
    fn login_succeeded(&self, greeter: &str) -> Result<(), StoreError>;
    /// Files (`Some`) or ends (`None`) the session whose id hashes to `hash`.
    fn set_session(&self, hash: [u8; 32], session: Option<&Session>) -> Result<(), StoreError>;
    /// The session, unless unknown or expired.
    fn session(&self, hash: [u8; 32]) -> Result<Option<Session>, StoreError>;
    /// Removes expired sessions; says how many.
    fn purge_sessions(&self) -> Result<usize, StoreError>;
    /// Gives `greeter`'s account a new password hash, forgets its failed logins, and ends
    /// every session of theirs. False when they have no account.
    fn set_password(&self, greeter: &str, password_hash: &str) -> Result<bool, StoreError>;
    /// A greeter's requests, newest first.
    fn greeter_requests(&self, greeter: &str) -> Result<Vec<RequestRow>, StoreError>;
    /// Confirms or declines one of the greeter's own requests.
    fn answer(&self, greeter: &str, id: uuid::Uuid, confirm: bool, message: &str) -> Result<RequestRow, StoreError>;
    /// The greeter's slots from today on, those their rules make in the coming weeks and the
    /// one-off ones, with the seats held in each, by start.
    fn greeter_slots(&self, greeter: &str) -> Result<Vec<(velay_core::greeter::Slot, u32)>, StoreError>;
    /// Publishes a one-off slot.
    fn add_slot(&self, slot: &velay_core::greeter::Slot) -> Result<(), StoreError>;
    /// Withdraws a slot no request holds seats in: a one-off is unpublished, a rule's slot
    /// becomes a day off of its rule.
    fn remove_slot(&self, greeter: &str, id: &str) -> Result<(), StoreError>;
    /// The greeter's availability rules, by id.
    fn greeter_rules(&self, greeter: &str) -> Result<Vec<Availability>, StoreError>;
    /// Files a new rule (`replacing: None`) or one in place of the greeter's rule `replacing`
    /// (same id). From then on the greeter's rules are theirs: publishing routes-data again
    /// leaves them alone.
    fn save_rule(&self, rule: &Availability, replacing: Option<&str>) -> Result<(), StoreError>;
    /// Withdraws one of the greeter's rules; requests made for its slots keep them.
    fn remove_rule(&self, greeter: &str, id: &str) -> Result<(), StoreError>;
    /// The published greeter profile, if any.
    fn greeter(&self, id: &str) -> Result<Option<velay_core::greeter::Greeter>, StoreError>;
}

impl GreeterStore for SledStore {
    fn create_account(&self, account: &Account) -> Result<(), StoreError> {
        self.put_account(account, true)
    }
    fn account(&self, greeter: &str) -> Result<Option<Account>, StoreError> {
        self.get_account(greeter)
    }
    fn update_account(&self, account: &Account) -> Result<(), StoreError> {
        self.put_account(account, false)
    }
    fn count_login_attempt(
        &self,
        greeter: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<LoginAttempt, StoreError> {
        self.count_attempt(greeter, now)
    }
    fn login_succeeded(&self, greeter: &str) -> Result<(), StoreError> {
        self.clear_failures(greeter)
    }
    fn set_session(&self, hash: [u8; 32], session: Option<&Session>) -> Result<(), StoreError> {
        self.put_session(hash, session)
    }
    fn session(&self, hash: [u8; 32]) -> Result<Option<Session>, StoreError> {
        self.get_session(hash)
    }
    fn purge_sessions(&self) -> Result<usize, StoreError> {
        self.purge_expired_sessions()
    }
    fn set_password(&self, greeter: &str, password_hash: &str) -> Result<bool, StoreError> {
        self.replace_password(greeter, password_hash)
    }
    fn greeter_requests(&self, greeter: &str) -> Result<Vec<RequestRow>, StoreError> {
        self.requests_for(greeter)
    }
    fn answer(&self, greeter: &str, id: uuid::Uuid, confirm: bool, message: &str) -> Result<RequestRow, StoreError> {
        self.answer_request(greeter, id, confirm, message)
    }
    fn greeter_slots(&self, greeter: &str) -> Result<Vec<(velay_core::greeter::Slot, u32)>, StoreError> {
        self.slots_of(greeter)
    }
    fn add_slot(&self, slot: &velay_core::greeter::Slot) -> Result<(), StoreError> {
        self.add_web_slot(slot)
    }
    fn remove_slot(&self, greeter: &str, id: &str) -> Result<(), StoreError> {
        self.remove_slot_of(greeter, id)
    }
    fn greeter_rules(&self, greeter: &str) -> Result<Vec<Availability>, StoreError> {
        self.rules_of(greeter)
    }
    fn save_rule(&self, rule: &Availability, replacing: Option<&str>) -> Result<(), StoreError> {
        SledStore::save_rule(self, rule, replacing)
    }
    fn remove_rule(&self, greeter: &str, id: &str) -> Result<(), StoreError> {
        SledStore::remove_rule(self, greeter, id)
    }
    fn greeter(&self, id: &str) -> Result<Option<velay_core::greeter::Greeter>, StoreError> {
        self.published_greeter(id)
    }
}

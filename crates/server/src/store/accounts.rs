//! Greeter accounts, their web sessions, and the slots greeters manage on their pages.
//!
//! An account holds an argon2id hash (PHC string) of the greeter's password and the count of
//! failed logins since the last success, so that repeated wrong passwords lock the account for
//! a while that doubles each time ([`lockout`]), across restarts. A session is filed under the
//! SHA-256 of its random id, as device tokens are: a leaked store holds no usable cookie.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use velay_core::greeter::Slot;
use velay_core::{Change, Content, Key, Kind};

use super::sled_store::{decode, SledStore, Write};
use super::StoreError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub greeter: String,
    /// argon2id, PHC string format.
    pub password_hash: String,
    pub failed: u32,
    pub last_failed: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub greeter: String,
    /// The token every form of this session carries (CSRF).
    pub csrf: String,
    pub expires: DateTime<Utc>,
}

/// Failed logins allowed before the account waits.
pub const FREE_ATTEMPTS: u32 = 5;

/// How long an account with `failed` consecutive wrong passwords waits after the last one:
/// nothing for the first [`FREE_ATTEMPTS`], then 30 s doubling up to 15 minutes. A lockout that
/// ends by itself was chosen over a permanent one, which a stranger could use to lock a greeter
/// out of their own requests.
pub fn lockout(failed: u32) -> Duration {
    if failed < FREE_ATTEMPTS {
        return Duration::zero();
    }
    let doublings = (failed - FREE_ATTEMPTS).min(5);
    Duration::seconds(30 * (1 << doublings)).min(Duration::minutes(15))
}

impl SledStore {
    pub(super) fn put_account(&self, account: &Account, must_be_new: bool) -> Result<(), StoreError> {
        let value = serde_json::to_vec(account).expect("an account serialises");
        if must_be_new {
            let swapped =
                self.accounts
                    .compare_and_swap(account.greeter.as_bytes(), None as Option<&[u8]>, Some(value))?;
            if swapped.is_err() {
                return Err(StoreError::Refused(format!(
                    "{} already has an account",
                    account.greeter
                )));
            }
        } else {
            self.accounts.insert(account.greeter.as_bytes(), value)?;
        }
        self.db.flush()?;
        Ok(())
    }

    pub(super) fn get_account(&self, greeter: &str) -> Result<Option<Account>, StoreError> {
        self.accounts
            .get(greeter.as_bytes())?
            .map(|v| decode(greeter.as_bytes(), &v))
            .transpose()
    }

    pub(super) fn put_session(&self, hash: [u8; 32], session: Option<&Session>) -> Result<(), StoreError> {
        match session {
            Some(s) => {
                self.sessions
                    .insert(hash, serde_json::to_vec(s).expect("a session serialises"))?;
            }
            None => {
                self.sessions.remove(hash)?;
            }
        }
        self.db.flush()?;
        Ok(())
    }

    /// Removes the sessions that have expired (and any that no longer decode): logging out is
    /// optional, and a session nobody ends would otherwise stay on disk for ever.
    pub(super) fn purge_expired_sessions(&self) -> Result<usize, StoreError> {
        let now = Utc::now();
        let mut gone = 0;
        for entry in self.sessions.iter() {
            let (key, value) = entry?;
            let expired = decode::<Session>(&key, &value).map_or(true, |s| s.expires <= now);
            if expired {
                self.sessions.remove(key)?;
                gone += 1;
            }
        }
        if gone > 0 {
            self.db.flush()?;
        }
        Ok(gone)
    }

    pub(super) fn get_session(&self, hash: [u8; 32]) -> Result<Option<Session>, StoreError> {
        let found: Option<Session> = self.sessions.get(hash)?.map(|v| decode(&hash, &v)).transpose()?;
        Ok(found.filter(|s| s.expires > Utc::now()))
    }

    /// Publishes a slot a greeter adds, under [`super::greeters::WEB_SLOT_PREFIX`].
    pub(super) fn add_web_slot(&self, slot: &Slot) -> Result<(), StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        let greeter = self.records.get(
            Key {
                kind: Kind::Greeter,
                id: slot.greeter.clone(),
            }
            .to_bytes(),
        )?;
        let greeter = match greeter.map(|v| decode::<Change>(b"greeter", &v)).transpose()? {
            Some(Change {
                content: Some(Content::Greeter(g)),
                ..
            }) => g,
            _ => return Err(StoreError::Refused(format!("there is no greeter {}", slot.greeter))),
        };
        slot.check(Some(&greeter)).map_err(StoreError::Refused)?;
        if slot.has_started(self.clock.local_now()) {
            return Err(StoreError::Refused("that date and time are past".into()));
        }
        if self.published_slot(&slot.id)?.is_some() {
            return Err(StoreError::Refused("you already offer a slot at that time".into()));
        }
        self.write_slot(&slot.id, Some(Content::Slot(slot.clone())))
    }

    /// Withdraws one of a greeter's slots, if no pending or confirmed request holds seats in it.
    pub(super) fn remove_slot_of(&self, greeter: &str, id: &str) -> Result<(), StoreError> {
        let _write = self.lock.write().unwrap_or_else(|e| e.into_inner());
        match self.published_slot(id)? {
            Some(s) if s.greeter == greeter => {}
            _ => return Err(StoreError::Refused(format!("there is no slot {id} of yours"))),
        }
        if self.seats_of(id, None)? > 0 {
            return Err(StoreError::Refused(
                "travellers hold seats in this slot: decline their requests first".into(),
            ));
        }
        self.write_slot(id, None)
    }

    fn write_slot(&self, id: &str, content: Option<Content>) -> Result<(), StoreError> {
        let key = Key {
            kind: Kind::Slot,
            id: id.into(),
        };
        let head = super::ServerStore::head(self)?;
        let k = key.to_bytes();
        let change = Change {
            seq: head + 1,
            key,
            content,
        };
        let write = Write::Record {
            old_seq: self.seq_of(&k)?,
            key: k,
            seq: head + 1,
            value: serde_json::to_vec(&change).expect("a change serialises"),
        };
        self.commit(&[write], head + 1)
    }

    /// Every published slot of a greeter with the seats its requests hold, by date.
    pub(super) fn slots_of(&self, greeter: &str) -> Result<Vec<(Slot, u32)>, StoreError> {
        let mut out = Vec::new();
        for entry in self.records.scan_prefix(b"slot/") {
            let (k, v) = entry?;
            if let Some(Content::Slot(s)) = decode::<Change>(&k, &v)?.content {
                if s.greeter == greeter {
                    let seats = self.seats_of(&s.id, None)?;
                    out.push((s, seats));
                }
            }
        }
        out.sort_by_key(|a| (a.0.date, a.0.start));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_passwords_past_five_make_the_account_wait_longer_each_time() {
        assert_eq!(lockout(4), Duration::zero());
        assert_eq!(lockout(5), Duration::seconds(30));
        assert_eq!(lockout(6), Duration::seconds(60));
        assert_eq!(lockout(40), Duration::minutes(15));
    }
}

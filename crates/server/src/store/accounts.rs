//! Greeter accounts and their web sessions.
//!
//! An account holds an argon2id hash (PHC string) of the greeter's password and the count of
//! failed logins since the last success, so that repeated wrong passwords lock the account for
//! a while that doubles each time ([`lockout`]), across restarts. A session is filed under the
//! SHA-256 of its random id, as device tokens are: a leaked store holds no usable cookie.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::sled_store::{decode, SledStore};
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

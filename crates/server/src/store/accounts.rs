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
    /// The session ends then unless used before: each use moves it on (see the greeter pages).
    /// Absent in sessions of older servers, which end at `expires` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_until: Option<DateTime<Utc>>,
}

impl Session {
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.expires > now && self.idle_until.is_none_or(|t| t > now)
    }
}

/// Failed logins allowed before the account waits.
pub const FREE_ATTEMPTS: u32 = 5;

/// How long an account with `failed` consecutive wrong passwords waits after the last one:
/// nothing for the first [`FREE_ATTEMPTS`], then 30 s doubling up to 15 minutes. A lockout that
/// ends by itself was chosen over a permanent one, which a stranger could use to lock a greeter
/// out of their own requests.
pub fn lockout(failed: u32) -> Duration {
    lockout_after(FREE_ATTEMPTS, failed)
}

/// The wait after `failed` wrong passwords when the first `free` cost nothing: 30 s, doubling
/// up to 15 minutes. Shared by accounts and client addresses.
pub fn lockout_after(free: u32, failed: u32) -> Duration {
    if failed < free {
        return Duration::zero();
    }
    let doublings = (failed - free).min(5);
    Duration::seconds(30 * (1 << doublings)).min(Duration::minutes(15))
}

/// What a login may do, decided and counted in one step by
/// [`super::GreeterStore::count_login_attempt`].
#[derive(Clone, Debug, PartialEq)]
pub enum LoginAttempt {
    NoAccount,
    /// The account waits until then; nothing was counted.
    Locked {
        until: DateTime<Utc>,
    },
    /// Counted as a failure until [`super::GreeterStore::login_succeeded`] says otherwise:
    /// check the password against this hash.
    Check {
        password_hash: String,
    },
}

/// Until when `account` waits at `now`, if it does.
pub fn locked_until(account: &Account, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let until = account.last_failed? + lockout(account.failed);
    (account.failed >= FREE_ATTEMPTS && until > now).then_some(until)
}

impl SledStore {
    /// See [`super::GreeterStore::count_login_attempt`]: one atomic update of the account's
    /// record, so that concurrent guesses are all counted.
    pub(super) fn count_attempt(&self, greeter: &str, now: DateTime<Utc>) -> Result<LoginAttempt, StoreError> {
        let key = greeter.as_bytes();
        let before = self.accounts.fetch_and_update(key, |old| {
            let old = old?;
            let Ok(mut account) = serde_json::from_slice::<Account>(old) else {
                return Some(old.to_vec());
            };
            if locked_until(&account, now).is_some() {
                return Some(old.to_vec());
            }
            account.failed += 1;
            account.last_failed = Some(now);
            Some(serde_json::to_vec(&account).expect("an account serialises"))
        })?;
        let Some(before) = before else {
            return Ok(LoginAttempt::NoAccount);
        };
        let account: Account = decode(key, &before)?;
        if let Some(until) = locked_until(&account, now) {
            return Ok(LoginAttempt::Locked { until });
        }
        self.db.flush()?;
        Ok(LoginAttempt::Check {
            password_hash: account.password_hash,
        })
    }

    /// See [`super::GreeterStore::login_succeeded`].
    pub(super) fn clear_failures(&self, greeter: &str) -> Result<(), StoreError> {
        self.accounts.fetch_and_update(greeter.as_bytes(), |old| {
            let old = old?;
            let Ok(mut account) = serde_json::from_slice::<Account>(old) else {
                return Some(old.to_vec());
            };
            account.failed = 0;
            account.last_failed = None;
            Some(serde_json::to_vec(&account).expect("an account serialises"))
        })?;
        self.db.flush()?;
        Ok(())
    }

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

    /// See [`super::GreeterStore::set_password`].
    pub(super) fn replace_password(&self, greeter: &str, password_hash: &str) -> Result<bool, StoreError> {
        let Some(mut account) = self.get_account(greeter)? else {
            return Ok(false);
        };
        account.password_hash = password_hash.to_string();
        account.failed = 0;
        account.last_failed = None;
        self.accounts.insert(
            greeter.as_bytes(),
            serde_json::to_vec(&account).expect("an account serialises"),
        )?;
        for entry in self.sessions.iter() {
            let (key, value) = entry?;
            if decode::<Session>(&key, &value).is_ok_and(|s| s.greeter == greeter) {
                self.sessions.remove(key)?;
            }
        }
        self.db.flush()?;
        Ok(true)
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
            let expired = decode::<Session>(&key, &value).map_or(true, |s| !s.is_live(now));
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
        Ok(found.filter(|s| s.is_live(Utc::now())))
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

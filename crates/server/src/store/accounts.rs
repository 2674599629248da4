//! Greeter accounts and their web sessions.
//!
//! An account holds an argon2id hash (PHC string) of the greeter's password and the count of
//! failed logins since the last success, so that repeated wrong passwords lock the account for
//! a while that doubles each time ([`lockout`]), across restarts. A session is filed under the
//! SHA-256 of its random id, as device tokens are: a leaked store holds no usable cookie.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::codec::{decode, encode};
use super::sled_store::SledStore;
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
/// [`AccountStore::count_login_attempt`].
#[derive(Clone, Debug, PartialEq)]
pub enum LoginAttempt {
    NoAccount,
    /// The account waits until then; nothing was counted.
    Locked {
        until: DateTime<Utc>,
    },
    /// Counted as a failure until [`AccountStore::login_succeeded`] says otherwise:
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

/// Greeter accounts and their sessions, for the greeter and staff pages.
pub trait AccountStore {
    /// Files a new account; refused if the greeter already has one.
    fn create_account(&self, account: &Account) -> Result<(), StoreError>;
    fn account(&self, greeter: &str) -> Result<Option<Account>, StoreError>;
    /// Decides whether a login may check its password and, if so, counts it as a failure
    /// first, in one atomic update of the account's record: concurrent guesses are all
    /// counted, and no more than [`FREE_ATTEMPTS`] are checked before the account waits.
    fn count_login_attempt(&self, greeter: &str, now: DateTime<Utc>) -> Result<LoginAttempt, StoreError>;
    /// The password was right: the account's failures are forgotten.
    fn login_succeeded(&self, greeter: &str) -> Result<(), StoreError>;
    /// Files (`Some`) or ends (`None`) the session whose id hashes to `hash`.
    fn set_session(&self, hash: [u8; 32], session: Option<&Session>) -> Result<(), StoreError>;
    /// The session, unless unknown or expired.
    fn session(&self, hash: [u8; 32]) -> Result<Option<Session>, StoreError>;
    /// Removes the sessions that have expired (and any that no longer decode): logging out is
    /// optional, and a session nobody ends would otherwise stay on disk for ever. Says how many.
    fn purge_sessions(&self) -> Result<usize, StoreError>;
    /// Gives `greeter`'s account a new password hash, forgets its failed logins, and ends
    /// every session of theirs. False when they have no account.
    fn set_password(&self, greeter: &str, password_hash: &str) -> Result<bool, StoreError>;
}

impl AccountStore for SledStore {
    fn create_account(&self, account: &Account) -> Result<(), StoreError> {
        let swapped =
            self.accounts
                .compare_and_swap(account.greeter.as_bytes(), None as Option<&[u8]>, Some(encode(account)))?;
        if swapped.is_err() {
            return Err(StoreError::Refused(format!(
                "{} already has an account",
                account.greeter
            )));
        }
        self.db.flush()?;
        Ok(())
    }

    fn account(&self, greeter: &str) -> Result<Option<Account>, StoreError> {
        self.accounts
            .get(greeter.as_bytes())?
            .map(|v| decode(greeter.as_bytes(), &v))
            .transpose()
    }

    fn count_login_attempt(&self, greeter: &str, now: DateTime<Utc>) -> Result<LoginAttempt, StoreError> {
        let key = greeter.as_bytes();
        let before = self.accounts.fetch_and_update(key, |old| {
            let old = old?;
            let Ok(mut account) = decode::<Account>(greeter.as_bytes(), old) else {
                return Some(old.to_vec());
            };
            if locked_until(&account, now).is_some() {
                return Some(old.to_vec());
            }
            account.failed += 1;
            account.last_failed = Some(now);
            Some(encode(&account))
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

    fn login_succeeded(&self, greeter: &str) -> Result<(), StoreError> {
        self.accounts.fetch_and_update(greeter.as_bytes(), |old| {
            let old = old?;
            let Ok(mut account) = decode::<Account>(greeter.as_bytes(), old) else {
                return Some(old.to_vec());
            };
            account.failed = 0;
            account.last_failed = None;
            Some(encode(&account))
        })?;
        self.db.flush()?;
        Ok(())
    }

    fn set_session(&self, hash: [u8; 32], session: Option<&Session>) -> Result<(), StoreError> {
        match session {
            Some(s) => {
                self.sessions.insert(hash, encode(s))?;
            }
            None => {
                self.sessions.remove(hash)?;
            }
        }
        self.db.flush()?;
        Ok(())
    }

    fn session(&self, hash: [u8; 32]) -> Result<Option<Session>, StoreError> {
        let found: Option<Session> = self.sessions.get(hash)?.map(|v| decode(&hash, &v)).transpose()?;
        Ok(found.filter(|s| s.is_live(Utc::now())))
    }

    fn purge_sessions(&self) -> Result<usize, StoreError> {
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

    fn set_password(&self, greeter: &str, password_hash: &str) -> Result<bool, StoreError> {
        let Some(mut account) = self.account(greeter)? else {
            return Ok(false);
        };
        account.password_hash = password_hash.to_string();
        account.failed = 0;
        account.last_failed = None;
        self.accounts.insert(greeter.as_bytes(), encode(&account))?;
        for entry in self.sessions.iter() {
            let (key, value) = entry?;
            if decode::<Session>(&key, &value).is_ok_and(|s| s.greeter == greeter) {
                self.sessions.remove(key)?;
            }
        }
        self.db.flush()?;
        Ok(true)
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

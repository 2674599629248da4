//! What stands between a password guesser and the password hash: a count of attempts per
//! client address, and a cap on how many hashes are checked at once.
//!
//! Attempts are counted before the hash is checked, under one lock, so concurrent guesses
//! cannot slip past the count (the account's own count is kept the same way by the store,
//! [`crate::store::AccountStore::count_login_attempt`]). Each argon2 check takes about 19 MiB
//! and a core for a moment: past as many at once as the machine has cores, a login is refused
//! at once with 503 rather than queued, so that a burst of logins can neither exhaust memory
//! nor hold sockets open.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::store::lockout_after;

/// Wrong passwords allowed from one address, over all accounts, before it waits: a household
/// or an office behind one address holds several greeters.
pub const FREE_ADDRESS_ATTEMPTS: u32 = 20;
/// Addresses idle this long are forgotten, once the table is large.
const FORGET_AFTER_HOURS: i64 = 24;
/// The table is swept of idle addresses past this many entries.
const SWEEP_AT: usize = 10_000;

/// The count of one address.
#[derive(Clone, Copy, Debug)]
struct Tries {
    failed: u32,
    last: DateTime<Utc>,
}

pub struct LoginGuard {
    hashing: Semaphore,
    by_address: Mutex<HashMap<IpAddr, Tries>>,
}

impl Default for LoginGuard {
    fn default() -> LoginGuard {
        LoginGuard::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }
}

impl LoginGuard {
    /// A guard checking at most `concurrent_hashes` passwords at once.
    pub fn new(concurrent_hashes: usize) -> LoginGuard {
        LoginGuard {
            hashing: Semaphore::new(concurrent_hashes.max(1)),
            by_address: Mutex::new(HashMap::new()),
        }
    }

    /// A turn to check a password hash, or `None` when as many are being checked as allowed.
    pub fn try_hash(&self) -> Option<SemaphorePermit<'_>> {
        self.hashing.try_acquire().ok()
    }

    /// Counts an attempt from `address`, unless it must wait: then says until when.
    pub fn count(&self, address: IpAddr, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        let mut table = self.by_address.lock().unwrap_or_else(|e| e.into_inner());
        if table.len() >= SWEEP_AT {
            table.retain(|_, t| now - t.last < Duration::hours(FORGET_AFTER_HOURS));
        }
        let tries = table.entry(address).or_insert(Tries { failed: 0, last: now });
        let until = tries.last + lockout_after(FREE_ADDRESS_ATTEMPTS, tries.failed);
        if tries.failed >= FREE_ADDRESS_ATTEMPTS && until > now {
            return Err(until);
        }
        tries.failed += 1;
        tries.last = now;
        Ok(())
    }

    /// Takes back an attempt counted by [`LoginGuard::count`] that turned out right, or that
    /// was never checked.
    pub fn uncount(&self, address: IpAddr) {
        let mut table = self.by_address.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tries) = table.get_mut(&address) {
            tries.failed = tries.failed.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_waits_after_twenty_wrong_passwords_and_longer_each_time() {
        let guard = LoginGuard::new(1);
        let (ip, now) = (IpAddr::from([192, 0, 2, 7]), Utc::now());
        for _ in 0..FREE_ADDRESS_ATTEMPTS {
            assert!(guard.count(ip, now).is_ok());
        }
        assert_eq!(guard.count(ip, now), Err(now + Duration::seconds(30)));
        let later = now + Duration::seconds(31);
        assert!(guard.count(ip, later).is_ok(), "the wait is over");
        assert_eq!(
            guard.count(ip, later),
            Err(later + Duration::seconds(60)),
            "and doubles"
        );
        assert!(
            guard.count(IpAddr::from([192, 0, 2, 8]), now).is_ok(),
            "another address"
        );
    }

    #[test]
    fn no_more_hashes_at_once_than_allowed() {
        let guard = LoginGuard::new(2);
        let (a, b) = (guard.try_hash(), guard.try_hash());
        assert!(a.is_some() && b.is_some() && guard.try_hash().is_none());
        drop(a);
        assert!(guard.try_hash().is_some());
    }
}

//! Keeps the store in step with the server by itself: a pull every interval while the server
//! answers, backing off (doubling, up to 8×, with jitter) while it does not.

use std::time::{Duration, SystemTime};

use chrono::Local;
use dioxus::prelude::*;
use velay_core::sync::Client;

use crate::state::{AppState, SyncStatus};

pub async fn run(mut state: AppState, server: String, interval: Duration) {
    let client = match Client::new(&server) {
        Ok(c) => c,
        Err(e) => {
            log_failure(&e.to_string());
            state.sync.set(SyncStatus::Offline { since: None });
            return;
        }
    };
    let mut failures: u32 = 0;
    loop {
        if failures == 0 && state.sync.peek().last_success().is_none() {
            state.sync.set(SyncStatus::Syncing);
        }
        match client.pull(state.store()).await {
            Ok(report) => {
                failures = 0;
                state.sync.set(SyncStatus::Synced { at: Local::now() });
                if report.pulled > 0 {
                    *state.content_version.write() += 1;
                }
            }
            Err(e) => {
                failures = failures.saturating_add(1);
                if failures == 1 {
                    log_failure(&e.to_string());
                }
                let since = state.sync.peek().last_success();
                state.sync.set(SyncStatus::Offline { since });
            }
        }
        tokio::time::sleep(wait(interval, failures)).await;
    }
}

/// The pause before the next attempt. Jitter spreads the retries of many phones that lost the
/// same cell tower; the clock's nanoseconds are random enough for that.
fn wait(interval: Duration, failures: u32) -> Duration {
    if failures == 0 {
        return interval;
    }
    let factor = 2u32.pow(failures.min(3));
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let jitter = 0.5 + f64::from(nanos % 1000) / 2000.0;
    (interval * factor).mul_f64(jitter)
}

fn log_failure(message: &str) {
    eprintln!("velay: sync: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_eight_times_and_stays_jittered() {
        let base = Duration::from_secs(10);
        assert_eq!(wait(base, 0), base);
        for failures in 1..10 {
            let w = wait(base, failures);
            let cap = base * 2u32.pow(failures.min(3));
            assert!(w <= cap && w >= cap / 2, "{failures}: {w:?}");
        }
    }
}

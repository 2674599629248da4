//! Keeps the device and the server in step by itself: a sync (push the outbox, pull what
//! changed) every interval while the server answers; while it does not, full attempts back off
//! (doubling, up to 8×, with jitter) but a cheap look at the server's health every few seconds
//! brings the sync back within seconds of the network's return. At once when the user asks or
//! writes something.

use std::time::{Duration, SystemTime};

use dioxus::prelude::*;
use velay_core::client::Client;

use crate::state::{AppState, SyncStatus};

/// How often an offline app looks whether the server answers again: a refused connection costs
/// nothing, and a walker who regains signal sees their request leave within these seconds.
const LOOK_AGAIN: Duration = Duration::from_secs(3);

pub async fn run(mut state: AppState, interval: Duration) {
    let client = match Client::new(&state.server) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("no sync with {}: {e}", state.server);
            state.sync.set(SyncStatus::Offline {
                tried: state.clock.now(),
            });
            return;
        }
    };
    let wake = state.sync_requested();
    let mut failures: u32 = 0;
    loop {
        if matches!(*state.sync.peek(), SyncStatus::NotYet) {
            state.sync.set(SyncStatus::Syncing(None));
        }
        let mut sync = state.sync;
        let result = client
            .sync(state.store(), move |p| {
                if p.head > p.cursor {
                    sync.set(SyncStatus::Syncing(Some(p)));
                }
            })
            .await;
        match result {
            Ok(report) => {
                if failures > 0 || report.pulled + report.pushed + report.refused > 0 {
                    tracing::info!(
                        pulled = report.pulled,
                        pushed = report.pushed,
                        refused = report.refused,
                        "synced with {}",
                        state.server
                    );
                }
                failures = 0;
                state.sync.set(SyncStatus::Synced { at: state.clock.now() });
                if report.pulled > 0 {
                    *state.content_version.write() += 1;
                }
                if report.pushed + report.refused > 0 || report.pulled > 0 {
                    *state.outbox_version.write() += 1;
                }
            }
            Err(e) => {
                failures = failures.saturating_add(1);
                if failures == 1 {
                    tracing::warn!("sync failed, trying again while offline: {e}");
                }
                state.sync.set(SyncStatus::Offline {
                    tried: state.clock.now(),
                });
                // Entries may have moved to "sent" if the link dropped after sending.
                *state.outbox_version.write() += 1;
            }
        }
        let pause = wait(interval, failures);
        if failures == 0 {
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = wake.notified() => {}
            }
        } else {
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = wake.notified() => {}
                _ = answers_again(&client) => {}
            }
        }
    }
}

/// Returns once the server answers its health check.
async fn answers_again(client: &Client) {
    loop {
        tokio::time::sleep(LOOK_AGAIN).await;
        if client.health().await.is_ok() {
            return;
        }
    }
}

/// The pause before the next full attempt. Jitter spreads the retries of many phones that lost
/// the same cell tower; the clock's nanoseconds are random enough for that.
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

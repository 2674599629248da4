//! A device's sync: registering once, pushing the outbox, pulling what changed into the store,
//! each step kept in the store so that a cut link or a killed app resumes where it stopped.

use chrono::Utc;

use super::http::{Client, SyncError};
use crate::store::{Credential, Store};
use crate::sync::{
    PullBatch, PushRequest, PushResponse, Register, Registered, PULL_PATH, PUSH_MAX_MUTATIONS, PUSH_PATH, REGISTER_PATH,
};

/// What a pull did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PullReport {
    /// Content changes and private records applied to the store.
    pub pulled: usize,
    pub cursor: u64,
}

/// What a whole sync did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub pulled: usize,
    /// Mutations the server accepted.
    pub pushed: usize,
    /// Mutations the server refused (each with its reason in the outbox).
    pub refused: usize,
    pub cursor: u64,
}

/// How far a long pull has come, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub cursor: u64,
    pub head: u64,
}

impl Client {
    /// Registers this store's device once; later calls return the stored credential.
    pub async fn ensure_registered(&self, store: &Store) -> Result<Credential, SyncError> {
        if let Some(c) = store.credential()? {
            return Ok(c);
        }
        let body = Register {
            app: Some(env!("CARGO_PKG_VERSION").to_string()),
        };
        let r: Registered = self.send(self.http.post(self.url(REGISTER_PATH)).json(&body)).await?;
        let credential = Credential {
            device: r.device,
            token: r.token,
        };
        store.set_credential(&credential)?;
        Ok(credential)
    }

    /// A whole sync: register if needed, push the outbox, then pull (so the records the push
    /// made come back in the same sync). Records the time when all of it went through.
    pub async fn sync(&self, store: &Store, mut progress: impl FnMut(Progress)) -> Result<SyncReport, SyncError> {
        let mut credential = self.ensure_registered(store).await?;
        let (pushed, refused) = match self.push(store, &credential).await {
            Err(SyncError::Refused { status: 401, .. }) => {
                tracing::warn!("the server does not know this device: registering again");
                store.clear_credential()?;
                credential = self.ensure_registered(store).await?;
                self.push(store, &credential).await?
            }
            other => other?,
        };
        let pull = match self.pull_with(store, Some(&credential), &mut progress).await {
            // A device that never wrote anything is forgotten by the server after a month:
            // with nothing to push, the pull is the first to hear it.
            Err(SyncError::Refused { status: 401, .. }) => {
                tracing::warn!("the server does not know this device: registering again");
                store.clear_credential()?;
                credential = self.ensure_registered(store).await?;
                self.pull_with(store, Some(&credential), &mut progress).await?
            }
            other => other?,
        };
        store.set_last_sync(Utc::now())?;
        Ok(SyncReport {
            pulled: pull.pulled,
            pushed,
            refused,
            cursor: pull.cursor,
        })
    }

    /// Sends every waiting outbox entry, in batches, and files the answers.
    /// Returns how many were accepted and refused.
    pub async fn push(&self, store: &Store, credential: &Credential) -> Result<(usize, usize), SyncError> {
        let (mut accepted, mut refused) = (0, 0);
        let pending = store.pending()?;
        for chunk in pending.chunks(PUSH_MAX_MUTATIONS) {
            let mutations: Vec<_> = chunk.iter().map(|e| e.mutation.clone()).collect();
            let ids: Vec<_> = mutations.iter().map(|m| m.id).collect();
            let req = self
                .http
                .post(self.url(PUSH_PATH))
                .bearer_auth(&credential.token)
                .json(&PushRequest { mutations });
            let resp: PushResponse = match self.send(req).await {
                Ok(resp) => resp,
                // No connection: nothing left the device, the entries are still only queued.
                Err(SyncError::Http { source, url }) if source.is_connect() => {
                    return Err(SyncError::Http { source, url });
                }
                // The request may have reached the server: "sent, no answer" until one comes.
                Err(e) => {
                    store.mark_sent(&ids, Utc::now())?;
                    return Err(e);
                }
            };
            if resp.results.len() != ids.len() || resp.results.iter().zip(&ids).any(|(r, id)| r.id != *id) {
                return Err(SyncError::Mismatch {
                    url: self.base().to_string(),
                    sent: ids.len(),
                    count: resp.results.len(),
                });
            }
            let outcomes: Vec<_> = resp.results.into_iter().map(|r| (r.id, r.outcome)).collect();
            for (_, o) in &outcomes {
                match o {
                    crate::mutation::Outcome::Accepted => accepted += 1,
                    crate::mutation::Outcome::Refused { .. } => refused += 1,
                }
            }
            store.record_outcomes(&outcomes, Utc::now())?;
        }
        Ok((accepted, refused))
    }

    /// Pulls every content change after the store's cursor, without a device credential.
    pub async fn pull(&self, store: &Store) -> Result<PullReport, SyncError> {
        self.pull_with(store, None, &mut |_| {}).await
    }

    /// Pulls batch by batch. Each batch and its cursor are applied in one transaction, so a
    /// cut in the middle resumes where it stopped.
    async fn pull_with(
        &self,
        store: &Store,
        credential: Option<&Credential>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<PullReport, SyncError> {
        let mut pulled = 0;
        let mut cursor = store.cursor()?.unwrap_or(0);
        loop {
            let limit = self.batch_limit.map(|l| format!("&limit={l}")).unwrap_or_default();
            let mut req = self.http.get(format!("{}?cursor={cursor}{limit}", self.url(PULL_PATH)));
            if let Some(c) = credential {
                req = req.bearer_auth(&c.token);
            }
            let batch: PullBatch = self.send(req).await?;
            if batch.head < cursor {
                tracing::warn!(
                    cursor,
                    head = batch.head,
                    "the server's history is not ours: pulling from zero"
                );
                store.reset_cursor()?;
                cursor = 0;
                continue;
            }
            let st = store.clone();
            let (more, head, new_cursor) = (batch.more, batch.head, batch.cursor);
            pulled += tokio::task::spawn_blocking(move || st.apply(&batch.changes, &batch.private, batch.cursor))
                .await
                .map_err(|e| SyncError::Task(e.to_string()))??;
            cursor = new_cursor;
            progress(Progress { cursor, head });
            if !more {
                return Ok(PullReport { pulled, cursor });
            }
        }
    }
}

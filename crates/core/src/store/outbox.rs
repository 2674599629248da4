//! The outbox: user writes waiting for the server's answer, and the answered ones.
//!
//! An entry is written (and on disk) before the UI says "saved". Sending marks it `sent`; the
//! server's answer moves it from `outbox` to `done` in one batch, so a crash at any point leaves
//! it in exactly one of the two, and resending an unanswered one is harmless (same id, same
//! answer).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{seal, Op, Store, StoreError, Tree};
use crate::mutation::{Entry, EntryState, Mutation, Op as UserOp, Outcome, Refusal};

impl Store {
    /// Queues a user write; returns once it is on disk. A meeting request for a slot this
    /// device already asked for, and whose request still stands, is refused with
    /// [`Refusal::AlreadyRequested`]: a second tap on "Send" asks nothing twice.
    pub fn enqueue(&self, op: UserOp) -> Result<Entry, StoreError> {
        op.validate()?;
        let _w = self.lock();
        if let UserOp::RequestMeeting { slot, .. } = &op {
            let live = self
                .requests()?
                .into_iter()
                .any(|r| r.slot == *slot && r.status.stands());
            if live {
                return Err(StoreError::Refused(Refusal::AlreadyRequested));
            }
        }
        let entry = Entry {
            mutation: Mutation::new(op),
            state: EntryState::Queued,
        };
        self.commit(&[put(Tree::Outbox, &entry)?])?;
        Ok(entry)
    }

    /// The writes still waiting for an answer, oldest first.
    pub fn pending(&self) -> Result<Vec<Entry>, StoreError> {
        self.scan_json(Tree::Outbox, b"")
    }

    /// Every entry, waiting or answered, oldest first: what the sync screen lists.
    pub fn outbox(&self) -> Result<Vec<Entry>, StoreError> {
        let mut all = self.pending()?;
        all.extend(self.scan_json::<Entry>(Tree::Done, b"")?);
        all.sort_by_key(|e| e.mutation.id);
        Ok(all)
    }

    /// Marks entries as sent, before they go on the wire.
    pub fn mark_sent(&self, ids: &[Uuid], at: DateTime<Utc>) -> Result<(), StoreError> {
        let _w = self.lock();
        let mut ops = Vec::new();
        for id in ids {
            if let Some(mut entry) = self.get_json::<Entry>(Tree::Outbox, id.as_bytes())? {
                entry.state = EntryState::Sent { at };
                ops.push(put(Tree::Outbox, &entry)?);
            }
        }
        self.commit(&ops)
    }

    /// Records the server's answers: each answered entry leaves the outbox in the same batch
    /// that files it as done. Answers for ids no longer waiting are ignored.
    pub fn record_outcomes(&self, outcomes: &[(Uuid, Outcome)], at: DateTime<Utc>) -> Result<usize, StoreError> {
        let _w = self.lock();
        let mut ops = Vec::new();
        for (id, outcome) in outcomes {
            let Some(mut entry) = self.get_json::<Entry>(Tree::Outbox, id.as_bytes())? else {
                continue;
            };
            entry.state = match outcome {
                Outcome::Accepted => EntryState::Accepted { at },
                Outcome::Refused { reason } => EntryState::Refused {
                    at,
                    reason: reason.clone(),
                },
            };
            ops.push(Op::Delete(Tree::Outbox, id.as_bytes().to_vec()));
            ops.push(put(Tree::Done, &entry)?);
        }
        let answered = ops.len() / 2;
        self.commit(&ops)?;
        Ok(answered)
    }
}

fn put(tree: Tree, entry: &Entry) -> Result<Op, StoreError> {
    let json = serde_json::to_vec(entry).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(Op::Put(tree, entry.mutation.id.as_bytes().to_vec(), seal(&json)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feedback(text: &str) -> UserOp {
        UserOp::Feedback {
            route: "puy-ville-haute".into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_note_waits_in_the_outbox_until_answered_then_moves_to_done() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let a = store.enqueue(feedback("Balisage absent après Aiguilhe")).unwrap();
        let b = store.enqueue(feedback("Merci !")).unwrap();
        assert_eq!(store.pending().unwrap().len(), 2);
        store.mark_sent(&[a.mutation.id, b.mutation.id], Utc::now()).unwrap();
        assert!(matches!(store.pending().unwrap()[0].state, EntryState::Sent { .. }));
        let answered = store
            .record_outcomes(
                &[
                    (a.mutation.id, Outcome::Accepted),
                    (
                        b.mutation.id,
                        Outcome::Refused {
                            reason: Refusal::NoSuchRoute,
                        },
                    ),
                ],
                Utc::now(),
            )
            .unwrap();
        assert_eq!(answered, 2);
        assert!(store.pending().unwrap().is_empty());
        let all = store.outbox().unwrap();
        assert!(matches!(all[0].state, EntryState::Accepted { .. }));
        assert!(matches!(all[1].state, EntryState::Refused { .. }));
        // The same answers again change nothing.
        assert_eq!(
            store
                .record_outcomes(&[(a.mutation.id, Outcome::Accepted)], Utc::now())
                .unwrap(),
            0
        );
    }

    #[test]
    fn an_empty_note_is_refused_before_it_is_queued() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(store.enqueue(feedback("   ")).is_err());
        assert!(store.pending().unwrap().is_empty());
    }

    #[test]
    fn a_queued_note_survives_closing_and_reopening_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let id = Store::open(dir.path())
            .unwrap()
            .enqueue(feedback("Chemin boueux"))
            .unwrap()
            .mutation
            .id;
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.pending().unwrap()[0].mutation.id, id);
    }

    #[test]
    fn a_request_an_older_server_refused_with_an_english_sentence_still_reads_after_the_update() {
        let dir = tempfile::tempdir().unwrap();
        let id = Uuid::now_v7();
        // An entry as the previous release filed it in `done`: the reason a bare sentence.
        let old = format!(
            r#"{{"mutation":{{"id":"{id}","at":"2026-11-20T09:58:00Z","op":{{"type":"request_meeting","slot":"martine-20261128","party":2,"language":"fr","message":"Bonjour","contact":{{"type":"email","value":"anne@example.org"}}}}}},"state":{{"state":"refused","at":"2026-11-20T10:00:00Z","reason":"slot full: 0 of 6 seats left, the group is 2"}}}}"#
        );
        {
            let store = Store::open(dir.path()).unwrap();
            let put = Op::Put(Tree::Done, id.as_bytes().to_vec(), seal(old.as_bytes()));
            store.commit(&[put]).unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        let all = store.outbox().unwrap();
        assert_eq!(all.len(), 1);
        let EntryState::Refused { reason, .. } = &all[0].state else {
            panic!("{:?}", all[0].state);
        };
        assert_eq!(
            *reason,
            Refusal::Other {
                reason: "slot full: 0 of 6 seats left, the group is 2".into()
            }
        );
        let view = &store.requests().unwrap()[0];
        assert_eq!(view.refusal.as_ref(), Some(reason));
        assert_eq!(view.message, "Bonjour");
    }
}

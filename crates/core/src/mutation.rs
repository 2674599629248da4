//! A mutation: one write a user makes on the device that the server must receive exactly once
//! (a note about a route today; a meeting request with the greeters). It waits in the device's
//! *outbox* until the server has answered it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One user write, named by an id the device makes (UUIDv7: unique without asking the server,
/// and ordered by time, so the outbox sends in the order the user wrote).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub op: Op,
}

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Op {
    /// A note to the team about a route: a path blocked, a sign missing, a thank-you.
    Feedback { route: String, text: String },
}

/// The longest note accepted, in characters: a paragraph typed on a phone.
pub const MAX_FEEDBACK_CHARS: usize = 2000;

impl Mutation {
    pub fn new(op: Op) -> Mutation {
        Mutation {
            id: Uuid::now_v7(),
            at: Utc::now(),
            op,
        }
    }
}

impl Op {
    /// Checks what the device can check alone, before queueing: the server checks again.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Op::Feedback { route, text } => {
                if route.is_empty() {
                    return Err("a note needs the route it is about".into());
                }
                let chars = text.trim().chars().count();
                if chars == 0 {
                    return Err("the note is empty".into());
                }
                if chars > MAX_FEEDBACK_CHARS {
                    return Err(format!("the note has {chars} characters; at most {MAX_FEEDBACK_CHARS}"));
                }
                Ok(())
            }
        }
    }
}

/// The server's answer to one mutation. The same id always gets the same outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Accepted,
    Refused { reason: String },
}

/// Where an outbox entry stands, as the UI shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryState {
    /// Saved on the device, not yet sent.
    Queued,
    /// Sent at least once; no answer received yet.
    Sent {
        at: DateTime<Utc>,
    },
    Accepted {
        at: DateTime<Utc>,
    },
    Refused {
        at: DateTime<Utc>,
        reason: String,
    },
}

/// An outbox entry with its state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub mutation: Mutation,
    pub state: EntryState,
}

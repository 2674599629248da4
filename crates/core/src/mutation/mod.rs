//! A mutation: one write a user makes on the device that the server must receive exactly once
//! (a note about a route, a meeting request to a greeter, its cancellation). It waits in the device's
//! *outbox* until the server has answered it.
//!
//! - `refusal`: why a write is turned down ([`Refusal`], [`InvalidRequest`]), as codes the
//!   apps translate.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::greeter::{is_plausible, Contact, MAX_MESSAGE_CHARS, MAX_PARTY};

pub mod refusal;

pub use refusal::{InvalidRequest, Refusal};

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
    /// A traveller asks a greeter for a slot. The mutation id is the request's id.
    RequestMeeting {
        slot: String,
        /// How many people come, the traveller included: 1 to [`MAX_PARTY`].
        party: u8,
        /// The language the traveller would like to speak (ISO 639-1).
        language: String,
        message: String,
        contact: Contact,
    },
    /// The traveller withdraws a request they made (by its id).
    CancelRequest { request: Uuid },
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
    pub fn validate(&self) -> Result<(), InvalidRequest> {
        match self {
            Op::Feedback { route, text } => {
                if route.is_empty() {
                    return Err(InvalidRequest::NoRoute);
                }
                let chars = text.trim().chars().count();
                if chars == 0 {
                    return Err(InvalidRequest::EmptyNote);
                }
                if chars > MAX_FEEDBACK_CHARS {
                    return Err(InvalidRequest::NoteTooLong {
                        chars,
                        max: MAX_FEEDBACK_CHARS,
                    });
                }
                Ok(())
            }
            Op::RequestMeeting {
                slot,
                party,
                language,
                message,
                contact,
            } => {
                if slot.is_empty() {
                    return Err(InvalidRequest::NoSlot);
                }
                if *party == 0 || *party > MAX_PARTY {
                    return Err(InvalidRequest::PartySize {
                        party: *party,
                        max: MAX_PARTY,
                    });
                }
                if language.len() != 2 || !language.chars().all(|c| c.is_ascii_lowercase()) {
                    return Err(InvalidRequest::LanguageCode {
                        code: refusal::echoed(language),
                    });
                }
                let chars = message.chars().count();
                if chars > MAX_MESSAGE_CHARS {
                    return Err(InvalidRequest::MessageTooLong {
                        chars,
                        max: MAX_MESSAGE_CHARS,
                    });
                }
                match contact {
                    _ if is_plausible(contact) => Ok(()),
                    Contact::Email(e) => Err(InvalidRequest::Email {
                        address: refusal::echoed(e),
                    }),
                    Contact::Phone(p) => Err(InvalidRequest::Phone {
                        number: refusal::echoed(p),
                    }),
                }
            }
            Op::CancelRequest { .. } => Ok(()),
        }
    }
}

/// The server's answer to one mutation. The same id always gets the same outcome.
///
/// On the wire a refusal carries its code under `refusal` and its English sentence under
/// `reason`, the one field older apps read: a device not yet updated still gets an answer it
/// can parse, and this version reads the code (or, from an older server, the sentence alone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "OutcomeWire", into = "OutcomeWire")]
pub enum Outcome {
    Accepted,
    Refused { reason: Refusal },
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
enum OutcomeWire {
    Accepted,
    Refused {
        /// Written as the English sentence, read as a sentence or (from this branch's first
        /// builds) a code.
        #[serde(serialize_with = "refusal::as_text", deserialize_with = "refusal::typed_or_text")]
        reason: Refusal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        refusal: Option<Refusal>,
    },
}

impl From<Outcome> for OutcomeWire {
    fn from(o: Outcome) -> OutcomeWire {
        match o {
            Outcome::Accepted => OutcomeWire::Accepted,
            Outcome::Refused { reason } => OutcomeWire::Refused {
                reason: reason.clone(),
                refusal: Some(reason),
            },
        }
    }
}

impl From<OutcomeWire> for Outcome {
    fn from(o: OutcomeWire) -> Outcome {
        match o {
            OutcomeWire::Accepted => Outcome::Accepted,
            // A code this version does not know keeps the sentence, which says more.
            OutcomeWire::Refused { reason, refusal } => Outcome::Refused {
                reason: match refusal {
                    Some(Refusal::Unknown) | None => reason,
                    Some(r) => r,
                },
            },
        }
    }
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
        #[serde(deserialize_with = "refusal::typed_or_text")]
        reason: Refusal,
    },
}

/// An outbox entry with its state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub mutation: Mutation,
    pub state: EntryState,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(party: u8, contact: Contact, message: &str) -> Op {
        Op::RequestMeeting {
            slot: "martine-20261128".into(),
            party,
            language: "fr".into(),
            message: message.into(),
            contact,
        }
    }

    #[test]
    fn a_meeting_request_needs_a_group_of_one_to_six_a_contact_and_a_short_message() {
        let email = || Contact::Email("anne@example.org".into());
        assert!(request(2, email(), "Bonjour !").validate().is_ok());
        assert_eq!(
            request(0, email(), "").validate(),
            Err(InvalidRequest::PartySize { party: 0, max: 6 })
        );
        assert!(request(0, email(), "")
            .validate()
            .unwrap_err()
            .to_string()
            .contains("1 to 6"));
        assert!(matches!(
            request(7, email(), "").validate(),
            Err(InvalidRequest::PartySize { .. })
        ));
        assert_eq!(
            request(2, Contact::Email("anne".into()), "").validate(),
            Err(InvalidRequest::Email { address: "anne".into() })
        );
        assert!(request(2, Contact::Phone("+33 1 99 00 00 00".into()), "")
            .validate()
            .is_ok());
        assert_eq!(
            request(2, email(), &"x".repeat(1001)).validate(),
            Err(InvalidRequest::MessageTooLong { chars: 1001, max: 1000 })
        );
    }

    #[test]
    fn a_megabyte_of_contact_is_refused_with_only_its_start_echoed() {
        let huge = "x".repeat(1 << 20);
        let Err(InvalidRequest::Email { address }) = request(2, Contact::Email(huge), "").validate() else {
            panic!("refused")
        };
        assert_eq!(address.len(), 80, "a megabyte is not echoed back nor stored");
    }
}

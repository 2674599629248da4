//! Why a write is turned down, as codes rather than sentences. A *refusal* is the server's
//! answer to a mutation it will not apply (the slot is full, its start has passed); an *invalid
//! request* is what a form, the device's outbox or the server finds wrong in the mutation
//! itself (a group of seven, a phone number with letters).
//!
//! Both travel and are stored as JSON with a stable snake_case code, so that each app
//! translates them into its user's language; their `Display` is English, for logs and the CLI.
//! Free text from the server was rejected: a French screen showed "slot full: 0 of 6 seats
//! left" to a French visitor, and no app can translate a sentence it did not write.

use serde::{Deserialize, Deserializer, Serialize};

use crate::greeter::RequestState;

/// What is wrong with a mutation on its own, whoever checks it: see [`super::Op::validate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InvalidRequest {
    #[error("a note needs the route it is about")]
    NoRoute,
    #[error("the note is empty")]
    EmptyNote,
    #[error("the note has {chars} characters; at most {max}")]
    NoteTooLong { chars: usize, max: usize },
    #[error("a request needs the slot it asks for")]
    NoSlot,
    /// The group size as read from a form was not a number at all.
    #[error("{text:?} is not a number of people")]
    PartyUnreadable { text: String },
    #[error("a group is 1 to {max} people, not {party}")]
    PartySize { party: u8, max: u8 },
    #[error("{code:?} is not a language code such as fr or en")]
    LanguageCode {
        /// Written as `language`: inside a [`Refusal`], `code` is the refusal's own tag, and a
        /// second `code` key made the whole push answer unreadable.
        #[serde(rename = "language")]
        code: String,
    },
    #[error("the message has {chars} characters; at most {max}")]
    MessageTooLong { chars: usize, max: usize },
    /// A form left both the e-mail and the phone empty.
    #[error("a request needs an e-mail address or a phone number")]
    NoContact,
    #[error("{address:?} is not an e-mail address (name@example.org)")]
    Email { address: String },
    #[error("{number:?} is not a phone number (+33 1 99 00 00 00)")]
    Phone { number: String },
}

/// At most this many characters of a wrong value are echoed in an [`InvalidRequest`]: enough to
/// show the typo, never a megabyte sent back and stored with the refusal.
pub const ECHOED_CHARS: usize = 80;

/// The start of a wrong value, for a refusal.
pub fn echoed(value: &str) -> String {
    value.chars().take(ECHOED_CHARS).collect()
}

/// Why the server refused a mutation. The same mutation id always gets the same refusal.
///
/// Stored in devices' outboxes: a code is never renamed nor reused. A code this version does
/// not know (from a newer server) reads as [`Refusal::Unknown`]; the free text older servers
/// sent reads as [`Refusal::Other`], so that no stored entry becomes unreadable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Refusal {
    /// A note about a route the server does not publish (any more).
    #[error("there is no such route")]
    NoSuchRoute,
    /// A request for a slot the server does not publish (any more).
    #[error("there is no such slot")]
    NoSuchSlot,
    /// The slot's start (a date and time in Europe/Paris) has passed.
    #[error("the slot has already started")]
    SlotStarted,
    /// Not enough seats for the whole group.
    #[error("slot full: {left} of {capacity} seats left")]
    SlotFull { left: u32, capacity: u8 },
    /// A cancellation of a request this device never made.
    #[error("there is no such request")]
    NoSuchRequest,
    /// A cancellation of a request that no longer holds seats.
    #[error("the request is already {}", state.as_str())]
    AlreadyDone { state: RequestState },
    /// This device already has a request for the slot that is waiting, pending or confirmed:
    /// a second tap on "Send" asks nothing twice.
    #[error("a request for this slot is already on its way or accepted")]
    AlreadyRequested,
    /// The mutation id was first used by another device.
    #[error("this mutation id was already used by another device")]
    IdTaken,
    /// The device has filed as many writes as the server keeps for one device.
    #[error("this device has sent {limit} writes, the most the server keeps for one device")]
    QuotaReached { limit: u32 },
    #[error("{0}")]
    Invalid(InvalidRequest),
    /// The English sentence an older server gave instead of a code, kept as it was.
    #[error("{reason}")]
    Other { reason: String },
    /// A refusal whose code this version does not know (serde wants it last).
    #[serde(other)]
    #[error("refused for a reason this version does not know")]
    Unknown,
}

impl From<InvalidRequest> for Refusal {
    fn from(e: InvalidRequest) -> Refusal {
        Refusal::Invalid(e)
    }
}

/// Writes a refusal as its English sentence, for apps that read only that.
pub(crate) fn as_text<S: serde::Serializer>(r: &Refusal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(r)
}

/// Reads a refusal as codes carry it now, or as the bare string of older servers.
pub(crate) fn typed_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Refusal, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Typed(Refusal),
        Text(String),
    }
    Ok(match Either::deserialize(d)? {
        Either::Typed(r) => r,
        Either::Text(reason) => Refusal::Other { reason },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mutation::{EntryState, Outcome};

    #[test]
    fn a_refusal_travels_as_a_stable_code_with_its_figures() {
        let full = Outcome::Refused {
            reason: Refusal::SlotFull { left: 1, capacity: 6 },
        };
        let json = serde_json::to_value(&full).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "outcome": "refused",
                "reason": "slot full: 1 of 6 seats left",
                "refusal": {"code": "slot_full", "left": 1, "capacity": 6}
            })
        );
        assert_eq!(serde_json::from_value::<Outcome>(json).unwrap(), full);
        let invalid = Outcome::Refused {
            reason: InvalidRequest::PartySize { party: 7, max: 6 }.into(),
        };
        let json = serde_json::to_value(&invalid).unwrap();
        assert_eq!(json["refusal"]["code"], "invalid");
        assert_eq!(json["refusal"]["problem"], "party_size");
        assert_eq!(serde_json::from_value::<Outcome>(json).unwrap(), invalid);
        let done = Refusal::AlreadyDone {
            state: RequestState::Declined,
        };
        assert_eq!(done.to_string(), "the request is already declined");
        let back: Refusal = serde_json::from_str(&serde_json::to_string(&done).unwrap()).unwrap();
        assert_eq!(back, done);
    }

    #[test]
    fn an_app_not_yet_updated_still_reads_the_new_servers_refusal_as_its_sentence() {
        /// The answer as the previous release declared it.
        #[derive(Deserialize, Debug, PartialEq)]
        #[serde(tag = "outcome", rename_all = "snake_case")]
        enum OldOutcome {
            Accepted,
            Refused { reason: String },
        }
        let new = Outcome::Refused {
            reason: Refusal::SlotStarted,
        };
        let old: OldOutcome = serde_json::from_str(&serde_json::to_string(&new).unwrap()).unwrap();
        assert_eq!(
            old,
            OldOutcome::Refused {
                reason: "the slot has already started".into()
            }
        );
        let accepted: OldOutcome = serde_json::from_str(&serde_json::to_string(&Outcome::Accepted).unwrap()).unwrap();
        assert_eq!(accepted, OldOutcome::Accepted);
    }

    #[test]
    fn an_outbox_entry_refused_by_an_older_server_still_reads_with_its_sentence() {
        let old = r#"{"state":"refused","at":"2026-11-20T10:00:00Z","reason":"slot full: 0 of 6 seats left, the group is 2"}"#;
        let EntryState::Refused { reason, .. } = serde_json::from_str::<EntryState>(old).unwrap() else {
            panic!("not refused");
        };
        assert_eq!(
            reason,
            Refusal::Other {
                reason: "slot full: 0 of 6 seats left, the group is 2".into()
            }
        );
        assert_eq!(reason.to_string(), "slot full: 0 of 6 seats left, the group is 2");
        let old: Outcome = serde_json::from_str(r#"{"outcome":"refused","reason":"there is no route \"x\""}"#).unwrap();
        assert!(matches!(
            old,
            Outcome::Refused {
                reason: Refusal::Other { .. }
            }
        ));
        // Written again, it keeps its sentence.
        let again: Outcome = serde_json::from_str(&serde_json::to_string(&old).unwrap()).unwrap();
        assert_eq!(again, old);
    }

    #[test]
    fn a_code_from_a_newer_server_reads_as_unknown_instead_of_losing_the_answer() {
        let newer: Outcome = serde_json::from_str(
            r#"{"outcome":"refused","reason":{"code":"greeter_on_holiday","until":"2027-01-04"}}"#,
        )
        .unwrap();
        assert_eq!(
            newer,
            Outcome::Refused {
                reason: Refusal::Unknown
            }
        );
        // With the sentence beside it, as servers write it now, the sentence is kept.
        let newer: Outcome = serde_json::from_str(
            r#"{"outcome":"refused","reason":"the greeter is on holiday","refusal":{"code":"greeter_on_holiday"}}"#,
        )
        .unwrap();
        assert_eq!(
            newer,
            Outcome::Refused {
                reason: Refusal::Other {
                    reason: "the greeter is on holiday".into()
                }
            }
        );
    }
}

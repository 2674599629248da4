//! The body of `POST /v1/sync/push`, read as the server's `Json<PushRequest>` extractor reads
//! it (serde_json), then checked as the server checks each mutation before it decides
//! (`Op::validate`), and the outcome written and read back as the server answers and the app
//! reads it. No server is started: this is the part of a push that any bytes reach.

#![no_main]

use libfuzzer_sys::fuzz_target;
use velay_core::mutation::{Outcome, Refusal};
use velay_core::sync::{PushRequest, PushResponse, PushResult, PUSH_MAX_MUTATIONS};

fuzz_target!(|data: &[u8]| {
    let Ok(req) = serde_json::from_slice::<PushRequest>(data) else {
        return;
    };
    if req.mutations.is_empty() || req.mutations.len() > PUSH_MAX_MUTATIONS {
        return;
    }
    let results: Vec<PushResult> = req
        .mutations
        .iter()
        .map(|m| PushResult {
            id: m.id,
            outcome: match m.op.validate() {
                Ok(()) => Outcome::Accepted,
                Err(invalid) => Outcome::Refused {
                    reason: Refusal::from(invalid),
                },
            },
        })
        .collect();
    let response = PushResponse { results };
    let body = serde_json::to_vec(&response).expect("a push response serialises");
    let read: PushResponse = serde_json::from_slice(&body).expect("the app reads the server's answer");
    assert_eq!(read, response, "an outcome reads back as it was written");
    // The server files each mutation as it came; it must write back as it was read.
    let again = serde_json::to_vec(&req).expect("a push request serialises");
    serde_json::from_slice::<PushRequest>(&again).expect("a push request reads back");
});

//! Inputs the fuzzers (`fuzz/`, docs/fuzzing.md) found to break the code, each kept in
//! `tests/fuzz_regressions/` and run here through the same steps as its fuzz target, so that
//! the bug stays fixed without nightly or libFuzzer.

use std::path::Path;

use velay_core::mutation::{Outcome, Refusal};
use velay_core::sync::{PushRequest, PushResponse, PushResult};

fn input(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `push_body` target: the server's answer to a push is one the app can read.
fn answer_reads_back(body: &[u8]) {
    let req: PushRequest = serde_json::from_slice(body).expect("the body is a push");
    let results = req
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
    let json = serde_json::to_vec(&response).expect("serialises");
    let read: PushResponse = serde_json::from_slice(&json).expect("the app reads the server's answer");
    assert_eq!(read, response);
}

#[test]
fn a_request_with_a_wrong_language_code_is_refused_with_an_answer_the_app_can_read() {
    // The wrong code was written under `code`, the refusal's own tag: a duplicate key, so the
    // app could not read the answer to its push and the server not its own stored outcome.
    answer_reads_back(&input("push_body-language-code.json"));
}

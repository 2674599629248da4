//! What `GET /v1/sync/pull` takes and gives: the query string, read as axum's `Query`
//! extractor reads it (serde_urlencoded) into a `PullQuery`; and the JSON `PullBatch` it
//! answers, read as the app's sync client reads it (serde_json). The pull has no request body;
//! its answer is the JSON any bytes from the network reach in the app. Input starting with `?`
//! is a query string, anything else a batch.

#![no_main]

use libfuzzer_sys::fuzz_target;
use velay_core::sync::{PullBatch, PullQuery};

fuzz_target!(|data: &[u8]| {
    if let Some(query) = data.strip_prefix(b"?") {
        let _ = serde_urlencoded::from_bytes::<PullQuery>(query);
        return;
    }
    let Ok(batch) = serde_json::from_slice::<PullBatch>(data) else {
        return;
    };
    // The server writes what the app reads: a batch must read back from its own JSON.
    let again = serde_json::to_vec(&batch).expect("a pull batch serialises");
    serde_json::from_slice::<PullBatch>(&again).expect("a pull batch reads back");
});

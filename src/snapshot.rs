//! The content bundled in the app at build time (see build.rs), as the changes a server seeded
//! from the same routes-data would send, so the first launch needs no network.

use std::collections::BTreeMap;

use velay_core::content::{read_files, snapshot, ContentError};
use velay_core::Change;

include!(concat!(env!("OUT_DIR"), "/snapshot_files.rs"));

/// The bundled content, numbered from sequence 1.
pub fn changes() -> Result<Vec<Change>, ContentError> {
    let files: BTreeMap<String, Vec<u8>> = FILES.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
    Ok(snapshot(&read_files(&files)?))
}

//! The timetable as content: one record, [`TimetableRecord`], holding the compact bytes of
//! [`crate::Timetable::to_bytes`], so it travels and is versioned like a site or a route.
//!
//! The bytes are base64 in the canonical JSON: about a third larger than raw, against four
//! times larger for a JSON array of numbers (rejected), and still one short, deterministic string.

use std::collections::BTreeMap;

use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::timetable::{FeedError, RecordError};
use crate::Timetable;

/// The id of the one timetable routes-data publishes.
pub const BUNDLED_TIMETABLE: &str = "bundled";

/// One timetable, as published: its id and its record bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimetableRecord {
    pub id: String,
    #[serde(serialize_with = "to_base64", deserialize_with = "from_base64")]
    pub bytes: Vec<u8>,
}

impl TimetableRecord {
    /// Decodes the record; a damaged one is an error, never a panic.
    pub fn timetable(&self) -> Result<Timetable, RecordError> {
        Timetable::from_bytes(&self.bytes)
    }
}

/// Imports the GTFS files under `gtfs/` of a content folder, if there are any, strictly.
pub(crate) fn from_files(files: &BTreeMap<String, Vec<u8>>) -> Result<Option<TimetableRecord>, FeedError> {
    let feed: Vec<(&str, Vec<u8>)> = files
        .iter()
        .filter(|(path, _)| path.starts_with("gtfs/") && path.ends_with(".txt"))
        .map(|(path, bytes)| (path.as_str(), bytes.clone()))
        .collect();
    if feed.is_empty() {
        return Ok(None);
    }
    // The tourist office's own feed must be whole: a trip with unusable times is refused, not
    // skipped, so that no train silently goes missing from every phone.
    let imported = Timetable::import_files_with(feed, crate::timetable::ImportOptions { strict: true })?;
    Ok(Some(TimetableRecord {
        id: BUNDLED_TIMETABLE.into(),
        bytes: imported.timetable.to_bytes(),
    }))
}

fn to_base64<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn from_base64<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    let text = String::deserialize(d)?;
    base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(serde::de::Error::custom)
}

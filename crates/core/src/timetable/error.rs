//! What can go wrong while importing a feed or loading a timetable record.

use std::fmt;

/// Why a GTFS feed could not be imported. Every message names the file, and the line when
/// one line is at fault, so whoever publishes the feed can fix it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    #[error("cannot read {path}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: not a zip archive we can read: {reason}")]
    Zip { path: String, reason: String },
    #[error("{file} is missing: {why}")]
    MissingFile { file: &'static str, why: &'static str },
    #[error("{file}: the required column `{column}` is missing from the header")]
    MissingColumn { file: &'static str, column: &'static str },
    #[error("{file}: the columns are separated by {separator}; GTFS files must be separated by commas")]
    NotCommaSeparated {
        file: &'static str,
        separator: &'static str,
    },
    #[error("{file}, line {line}: not valid UTF-8 text")]
    NotUtf8 { file: &'static str, line: u64 },
    #[error("{file}, line {line}: cannot read the CSV: {reason}")]
    Csv {
        file: &'static str,
        line: u64,
        reason: String,
    },
    #[error("{file}, line {line}: `{column}` is empty but required")]
    EmptyValue {
        file: &'static str,
        line: u64,
        column: &'static str,
    },
    #[error("{file}, line {line}: `{column}` = {value:?} is not {expected}")]
    BadValue {
        file: &'static str,
        line: u64,
        column: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("{file}, line {line}: `{column}` = {id:?} names no {what} in the feed")]
    UnknownId {
        file: &'static str,
        line: u64,
        column: &'static str,
        id: String,
        what: &'static str,
    },
    #[error("{file}, line {line}: {reason}")]
    Invalid {
        file: &'static str,
        line: u64,
        reason: String,
    },
    #[error("stop_times.txt: no trip can be used; all {skipped} were skipped, the first being {first}")]
    NoUsableTrip { skipped: usize, first: String },
    #[error("the feed is empty: {files} hold a header but no rows, so there is nothing to plan with")]
    Empty { files: String },
    #[error("agency.txt: unknown time zone {0:?} (an IANA name such as Europe/Paris is expected)")]
    UnknownTimeZone(String),
}

/// Something odd in a feed that still leaves it usable: a trip with no service, an unknown
/// parent station. The importer says what it did about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: &'static str,
    /// 0 when the warning is about the file as a whole.
    pub line: u64,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}, line {}: {}", self.file, self.line, self.message)
        }
    }
}

/// At most this many warnings are kept; a feed with a systematic fault would otherwise give
/// one per row. The last one says how many were left out.
pub(crate) const MAX_WARNINGS: usize = 200;

/// Collects warnings up to [`MAX_WARNINGS`].
#[derive(Default)]
pub(crate) struct Warnings {
    list: Vec<Warning>,
    dropped: usize,
}

impl Warnings {
    pub(crate) fn push(&mut self, file: &'static str, line: u64, message: impl Into<String>) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(Warning {
                file,
                line,
                message: message.into(),
            });
        } else {
            self.dropped += 1;
        }
    }

    pub(crate) fn finish(mut self) -> Vec<Warning> {
        if self.dropped > 0 {
            self.list.push(Warning {
                file: "feed",
                line: 0,
                message: format!("{} more warnings left out", self.dropped),
            });
        }
        self.list
    }
}

/// Why a timetable record (the bytes made by [`crate::timetable::Timetable::to_bytes`]) could
/// not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    #[error("not a timetable record of this version (expected it to start with {expected:?})")]
    WrongFormat { expected: &'static str },
    #[error("the timetable record is damaged: {0}")]
    Corrupt(String),
    #[error("the timetable record names an unknown time zone {0:?}")]
    UnknownTimeZone(String),
}

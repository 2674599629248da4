//! One GTFS file read as a table through the `csv` crate: columns found by header name, so
//! their order and any extra or missing optional column do not matter; a UTF-8 byte order
//! mark, CRLF line ends and quoted fields are handled; every error names the file and the line
//! an editor shows.
//!
//! Lines are counted here from the bytes, not taken from the `csv` crate, whose record
//! positions fall one short after CRLF line ends (BurntSushi/rust-csv, `Position` with
//! `\r\n`): a record starts at the first byte after the reader's last position that ends no
//! line.

use std::cell::Cell;
use std::collections::HashMap;

use crate::timetable::parse;
use crate::timetable::FeedError;

/// A column's position in the header.
#[derive(Clone, Copy)]
pub(crate) struct Col(usize);

pub(crate) struct Table<'a> {
    pub(crate) file: &'static str,
    reader: csv::Reader<&'a [u8]>,
    header: HashMap<String, usize>,
    lines: Lines<'a>,
}

/// Line numbers from byte offsets, counted forwards through the file only as far as a line is
/// asked for: a file read without an error or warning is never counted at all.
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    /// Bytes before `counted` hold `newlines` line feeds.
    counted: Cell<usize>,
    newlines: Cell<u64>,
}

impl Lines<'_> {
    /// The 1-based line of the record that starts after the reader's position `from`: blank
    /// lines and the rest of a CRLF are skipped first.
    pub(crate) fn of_record_after(&self, from: u64) -> u64 {
        let from = (from as usize).min(self.bytes.len());
        let skip = self.bytes[from..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        self.at(from + skip)
    }

    /// The 1-based line on which the byte at `offset` stands. Offsets mostly grow while
    /// reading; an earlier one starts the count again.
    fn at(&self, offset: usize) -> u64 {
        let offset = offset.min(self.bytes.len());
        if offset < self.counted.get() {
            self.counted.set(0);
            self.newlines.set(0);
        }
        let more = memchr::memchr_iter(b'\n', &self.bytes[self.counted.get()..offset]).count() as u64;
        self.newlines.set(self.newlines.get() + more);
        self.counted.set(offset);
        self.newlines.get() + 1
    }
}

impl<'a> Table<'a> {
    pub(crate) fn new(file: &'static str, bytes: &'a [u8]) -> Result<Table<'a>, FeedError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        // Fields are trimmed when read (`Row::get`), not by the reader, whose trimming copies
        // every record: a third of the time of reading 120,000 stop times.
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let lines = Lines {
            bytes,
            counted: Cell::new(0),
            newlines: Cell::new(0),
        };
        let headers = reader
            .headers()
            .map_err(|e| csv_error(file, &e, lines.of_record_after(0)))?;
        if let Some(sep) = other_separator(headers) {
            return Err(FeedError::NotCommaSeparated { file, separator: sep });
        }
        let header = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_string(), i))
            .collect();
        Ok(Table {
            file,
            reader,
            header,
            lines,
        })
    }

    /// True when the file has not even a header line (a 0-byte file).
    pub(crate) fn is_blank(&self) -> bool {
        self.header.is_empty() || self.header.keys().all(|k| k.is_empty())
    }

    pub(crate) fn column(&self, name: &'static str) -> Result<Col, FeedError> {
        self.optional(name).ok_or(FeedError::MissingColumn {
            file: self.file,
            column: name,
        })
    }

    pub(crate) fn optional(&self, name: &str) -> Option<Col> {
        self.header.get(name).copied().map(Col)
    }

    /// The line counter, to name the lines of rows kept by their `from` after reading.
    pub(crate) fn into_lines(self) -> Lines<'a> {
        self.lines
    }

    /// Visits every row in order; stops at the first error, from the CSV or from `each`.
    pub(crate) fn for_each(
        &mut self,
        mut each: impl FnMut(&Row<'_>) -> Result<(), FeedError>,
    ) -> Result<(), FeedError> {
        let file = self.file;
        let mut record = csv::StringRecord::new();
        loop {
            let from = self.reader.position().byte();
            match self.reader.read_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {
                    if record.iter().all(|f| f.trim_ascii().is_empty()) {
                        continue;
                    }
                    each(&Row {
                        file,
                        from,
                        lines: &self.lines,
                        record: &record,
                    })?;
                }
                Err(e) => return Err(csv_error(file, &e, self.lines.of_record_after(from))),
            }
        }
    }
}

/// A header read as one column holding TABs or semicolons: a file separated by something other
/// than the commas GTFS requires.
fn other_separator(headers: &csv::StringRecord) -> Option<&'static str> {
    if headers.len() != 1 {
        return None;
    }
    let only = headers.get(0).unwrap_or("");
    [("\t", "TABs"), (";", "semicolons")]
        .into_iter()
        .find(|(c, _)| only.contains(c))
        .map(|(_, name)| name)
}

/// The error for a record that cannot be read, starting on `line`.
fn csv_error(file: &'static str, e: &csv::Error, line: u64) -> FeedError {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => FeedError::NotUtf8 { file, line },
        _ => FeedError::Csv {
            file,
            line,
            reason: e.to_string(),
        },
    }
}

/// One row, with the file and where it starts, to name its line in errors.
pub(crate) struct Row<'r> {
    pub(crate) file: &'static str,
    /// The reader's position before the row: see [`Lines::of_record_after`].
    pub(crate) from: u64,
    lines: &'r Lines<'r>,
    record: &'r csv::StringRecord,
}

impl<'r> Row<'r> {
    /// The row's line, as an editor numbers it.
    pub(crate) fn line(&self) -> u64 {
        self.lines.of_record_after(self.from)
    }

    /// The value of a column without surrounding spaces, empty when the row is shorter than
    /// the header.
    pub(crate) fn get(&self, col: Col) -> &'r str {
        self.record.get(col.0).map_or("", str::trim_ascii)
    }

    /// The value of an optional column, empty when the column is absent.
    pub(crate) fn opt(&self, col: Option<Col>) -> &'r str {
        col.map_or("", |c| self.get(c))
    }

    /// The value of a required column, which must not be empty.
    pub(crate) fn required(&self, col: Col, name: &'static str) -> Result<&'r str, FeedError> {
        let value = self.get(col);
        if value.is_empty() {
            Err(FeedError::EmptyValue {
                file: self.file,
                line: self.line(),
                column: name,
            })
        } else {
            Ok(value)
        }
    }

    /// Builds the error for a value that does not parse.
    pub(crate) fn bad(&self, column: &'static str, value: &str, expected: &'static str) -> FeedError {
        FeedError::BadValue {
            file: self.file,
            line: self.line(),
            column,
            value: value.chars().take(80).collect(),
            expected,
        }
    }

    pub(crate) fn unknown(&self, column: &'static str, id: &str, what: &'static str) -> FeedError {
        FeedError::UnknownId {
            file: self.file,
            line: self.line(),
            column,
            id: id.chars().take(80).collect(),
            what,
        }
    }

    /// A GTFS time (`25:10:00`) in seconds since the service day's noon minus 12 h.
    pub(crate) fn time(&self, col: Col, name: &'static str) -> Result<Option<u32>, FeedError> {
        let value = self.get(col);
        if value.is_empty() {
            return Ok(None);
        }
        parse::time(value)
            .map(Some)
            .ok_or_else(|| self.bad(name, value, "a time HH:MM:SS"))
    }

    pub(crate) fn date(&self, col: Col, name: &'static str) -> Result<chrono::NaiveDate, FeedError> {
        let value = self.required(col, name)?;
        parse::date(value).ok_or_else(|| self.bad(name, value, "a date YYYYMMDD"))
    }

    /// A small whole number, or `default` when the column is absent or empty.
    pub(crate) fn number<T: std::str::FromStr>(
        &self,
        col: Option<Col>,
        name: &'static str,
        default: T,
    ) -> Result<T, FeedError> {
        let value = self.opt(col);
        if value.is_empty() {
            return Ok(default);
        }
        value
            .parse()
            .map_err(|_| self.bad(name, value, "a whole number in range"))
    }

    pub(crate) fn degrees(&self, col: Option<Col>, name: &'static str, max: f64) -> Result<f64, FeedError> {
        let value = self.opt(col);
        if value.is_empty() {
            return Ok(f64::NAN);
        }
        match value.parse::<f64>() {
            Ok(v) if v.abs() <= max => Ok(v),
            _ => Err(self.bad(name, value, "a coordinate in degrees")),
        }
    }
}

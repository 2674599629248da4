//! The GTFS importer on a feed given file by file, as from a folder. The input holds the files
//! the way `head` prints several files, so real files make seeds and the fuzzer can reach each
//! file's parser:
//!
//! ```text
//! ==> stops.txt <==
//! stop_id,stop_name,stop_lat,stop_lon
//! ...
//! ==> trips.txt <==
//! ...
//! ```
//!
//! A feed imports or is refused with a `FeedError`, never a panic; an imported timetable
//! encodes to a record that loads back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use velay_core::timetable::{ImportOptions, Timetable};

const HEAD: &[u8] = b"==> ";
const TAIL: &[u8] = b" <==\n";

/// The files in `data`, by name; bytes before the first header are no file.
fn files(data: &[u8]) -> Vec<(&str, Vec<u8>)> {
    // Where each header starts: at the very beginning or right after a line end.
    let starts: Vec<usize> = (0..data.len())
        .filter(|&i| data[i..].starts_with(HEAD) && (i == 0 || data[i - 1] == b'\n'))
        .collect();
    let mut out = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(data.len());
        let section = &data[start + HEAD.len()..end];
        let Some(name_len) = section.windows(TAIL.len()).position(|w| w == TAIL) else {
            continue;
        };
        let Ok(name) = std::str::from_utf8(&section[..name_len]) else {
            continue;
        };
        out.push((name, section[name_len + TAIL.len()..].to_vec()));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let files = files(data);
    // Strict on odd inputs, to reach the refusals lenient mode turns into warnings.
    let strict = data.first() == Some(&b'!');
    if let Ok(imported) = Timetable::import_files_with(files, ImportOptions { strict }) {
        let record = imported.timetable.to_bytes();
        Timetable::from_bytes(&record).expect("an imported timetable's record loads back");
    }
});

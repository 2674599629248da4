//! The GTFS importer on the bytes of a zip archive: a feed imports or is refused with a
//! `FeedError`, never a panic; an imported timetable encodes to a record that loads back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use velay_core::timetable::Timetable;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = Timetable::import_zip(data) {
        let record = imported.timetable.to_bytes();
        Timetable::from_bytes(&record).expect("an imported timetable's record loads back");
    }
});

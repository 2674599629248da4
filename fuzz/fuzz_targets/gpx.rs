//! The GPX reader on any bytes: a file either reads or is refused with a `GpxError`, never a
//! panic; and a file that reads writes back to bytes that read as the same file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use velay_core::route::gpx_file::GpxFile;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = GpxFile::read("fuzz.gpx", data) else {
        return;
    };
    // What the app does with a file it has read: its line, and its figures when walkable.
    let _ = file.line();
    if let Ok(stretches) = file.walkable("fuzz.gpx") {
        let _ = stretches.figures();
        let _ = stretches.gaps();
    }
    // `to_bytes` promises that reading its bytes back gives an equal file.
    if let Ok(written) = file.to_bytes("fuzz.gpx") {
        let again = GpxFile::read("fuzz.gpx", &written).expect("a written file reads back");
        assert_eq!(again, file, "a written file reads back the same");
    }
});

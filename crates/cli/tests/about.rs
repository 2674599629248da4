//! `velay-cli about` on a store holding the bundled content: it names the timetable's source,
//! its licence and version, and says which lines, tracks and greeters are samples.

use std::process::Command;

use velay_core::content::{read_dir, snapshot};
use velay_core::Store;

#[test]
fn about_names_the_source_the_licence_and_every_sample() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let empty = Command::new(env!("CARGO_BIN_EXE_velay-cli"))
        .arg("--data")
        .arg(dir.path().join("empty"))
        .arg("about")
        .output()
        .unwrap();
    assert!(empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stdout).contains("none in this store yet"));
    {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data");
        let store = Store::open(&data).unwrap();
        store.load_snapshot(&snapshot(&read_dir(&root).unwrap())).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_velay-cli"))
        .arg("--data")
        .arg(&data)
        .arg("about")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    for words in [
        "SNCF open data, ODbL 1.0",
        "version:",
        "P28",
        "SAMPLE times",
        "sample track",
        "fictional",
    ] {
        assert!(text.contains(words), "{words:?} missing from:\n{text}");
    }
    let sample_line = text.lines().find(|l| l.contains("SAMPLE times")).unwrap();
    assert!(
        !sample_line.contains("P28"),
        "a real line listed as a sample: {sample_line}"
    );
}

//! Embeds routes-data in the app: writes `$OUT_DIR/snapshot_files.rs`, a list of every content
//! file with its bytes, so the first launch has all content with no network.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    // Read at run time, not with env!(): a build script compiled in another checkout (a copied
    // target/) would otherwise bundle that checkout's routes-data.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("routes-data");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Every file of routes-data, by its path inside it.\npub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = path
            .strip_prefix(&root)
            .expect("under routes-data")
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(code, "    ({rel:?}, include_bytes!({:?})),", path.display().to_string())
            .expect("writing to a String");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("snapshot_files.rs");
    std::fs::write(out, code).expect("writing the snapshot file list");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

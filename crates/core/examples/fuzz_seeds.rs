//! Real inputs for the fuzzers' seed corpora (`fuzz/`, `scripts/fuzz/seed.sh`), made by the
//! code that makes them in the app and the server:
//!
//! ```sh
//! cargo run -p velay-core --example fuzz_seeds -- record FEED OUT       # a timetable record
//! cargo run -p velay-core --example fuzz_seeds -- pull ROUTES_DATA DIR  # pull batches (JSON)
//! ```

use std::path::Path;

use velay_core::sync::PullBatch;
use velay_core::Timetable;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["record", feed, out] => {
            let imported = Timetable::import(feed)?;
            std::fs::write(out, imported.timetable.to_bytes())?;
        }
        ["pull", routes_data, dir] => {
            let contents = velay_core::content::read_dir(Path::new(routes_data))?;
            let changes = velay_core::content::snapshot(&contents);
            std::fs::create_dir_all(dir)?;
            // One batch per change, as a small limit would pull them, and a deletion.
            for (i, change) in changes.iter().enumerate() {
                let mut deleted = change.clone();
                deleted.content = None;
                let batch = PullBatch {
                    changes: vec![change.clone(), deleted],
                    private: Vec::new(),
                    cursor: change.seq,
                    more: i + 1 < changes.len(),
                    head: changes.len() as u64,
                };
                std::fs::write(
                    Path::new(dir).join(format!("change-{i:03}.json")),
                    serde_json::to_vec(&batch)?,
                )?;
            }
        }
        _ => return Err("usage: fuzz_seeds record FEED OUT | fuzz_seeds pull ROUTES_DATA DIR".into()),
    }
    Ok(())
}

//! `velay-cli about`: where the content in the store comes from, under which licence, and what
//! is a sample; the same facts as the app's "About the data" page.

use velay_core::timetable::line_names;
use velay_core::Store;

pub fn run(store: &Store) -> anyhow::Result<()> {
    println!("velay-cli {}", env!("CARGO_PKG_VERSION"));
    match store.timetable()? {
        None => println!("Timetable: none in this store yet (run `velay-cli sync`)."),
        Some(tt) => {
            let info = tt.info();
            println!("Timetable: {}", info.publisher);
            println!("  version: {}", info.version);
            if let (Some(start), Some(end)) = (info.start, info.end) {
                println!("  days covered: {start} to {end} ({})", info.timezone);
            }
            let names = |sample: bool| line_names(tt.lines(), sample).join(", ");
            println!(
                "  operator times (TER trains: SNCF open data, ODbL 1.0): {}",
                names(false)
            );
            println!("  SAMPLE times, made up, check with the operator: {}", names(true));
        }
    }
    let routes = store.routes()?;
    let drawn = routes.iter().filter(|r| r.sample).count();
    println!("Routes: {} ({drawn} with a sample track, not surveyed)", routes.len());
    let greeters = store.greeters()?;
    let fictional = greeters.iter().filter(|g| g.fictional).count();
    println!("Greeters: {} ({fictional} fictional sample profiles)", greeters.len());
    Ok(())
}

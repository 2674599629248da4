//! `velay-cli walk`: record a simulated walk along a route into the store, list the walks,
//! export one as GPX. Recording is how the tests kill an app mid-walk and count what is kept.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, Context};
use velay_core::follow::{PositionSource, SimulatedWalk};
use velay_core::route::GpxPoint;
use velay_core::Store;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Walk a route (simulated, with a noisy receiver), recording each fix into the store and
    /// printing its sequence number once it is on disk.
    Record {
        route_id: String,
        /// Real milliseconds between fixes.
        #[arg(long, default_value_t = 1000)]
        interval_ms: u64,
    },
    /// List the recorded walks.
    List,
    /// Write a recorded walk as a GPX 1.1 file.
    Export { walk_id: u64, file: PathBuf },
}

pub fn run(data: &Path, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Record { route_id, interval_ms } => {
            let route = crate::route::find_route(data, &route_id)?;
            let store = open(data)?;
            let now_ms = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
            let walk = store.start_walk(route.name.get(velay_core::Lang::Fr), Some(&route.id), now_ms)?;
            println!("walk {walk}");
            // Fixes 5 s of walking apart, played as fast as asked.
            let mut source =
                SimulatedWalk::new(&route.track, 1.2, Duration::from_secs(5), 4.0, walk).starting_at(now_ms);
            source.set_speed(5000.0 / interval_ms.max(1) as f64);
            let mut out = std::io::stdout().lock();
            while let Some(timed) = source.next_fix() {
                std::thread::sleep(timed.wait);
                let f = timed.fix;
                let point = GpxPoint {
                    time_ms: Some(f.time_ms),
                    ..GpxPoint::new(f.lat, f.lon, None)
                };
                let seq = store.record_point(walk, &point)?;
                writeln!(out, "{seq}")?;
                out.flush()?;
            }
            Ok(())
        }
        Command::List => {
            for w in open(data)?.walks()? {
                println!("{}", serde_json::to_string(&w)?);
            }
            Ok(())
        }
        Command::Export { walk_id, file } => {
            let gpx = open(data)?
                .walk_gpx(walk_id)?
                .ok_or_else(|| anyhow!("no walk {walk_id}"))?;
            let name = file.display().to_string();
            std::fs::write(&file, gpx.to_bytes(&name)?).with_context(|| format!("writing {name}"))?;
            Ok(())
        }
    }
}

fn open(data: &Path) -> anyhow::Result<Store> {
    Store::open(data).with_context(|| format!("opening the store in {}", data.display()))
}

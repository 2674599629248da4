//! `velay-cli departures`: the departures board of a stop.

use std::path::PathBuf;

use serde::Serialize;
use velay_core::Planner;

use crate::feed;

#[derive(clap::Args)]
pub struct Args {
    /// A GTFS feed, zip or folder (default: the bundled routes-data/gtfs).
    #[arg(long)]
    feed: Option<PathBuf>,
    /// The stop_id (a station means all of its stops).
    #[arg(long)]
    stop: String,
    /// The day, YYYY-MM-DD.
    #[arg(long)]
    date: String,
    /// From this time, HH:MM.
    #[arg(long)]
    from: String,
    /// At most this many departures (over the next 24 hours).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print one JSON object instead of lines of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Output {
    stop: String,
    departures: Vec<DepartureOut>,
}

#[derive(Serialize)]
struct DepartureOut {
    time: String,
    stop: String,
    mode: &'static str,
    route: String,
    trip: String,
    headsign: String,
    sample: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let date = feed::date(&args.date)?;
    let from = feed::time(&args.from)?;
    let planner = Planner::new(feed::load(args.feed)?);
    let tt = planner.timetable();
    let stop = feed::stop(tt, &args.stop)?;
    let board = planner.departures(stop, date, from, args.limit);
    if args.json {
        let out = Output {
            stop: args.stop,
            departures: board
                .iter()
                .map(|d| DepartureOut {
                    time: feed::iso(&d.time),
                    stop: tt.stop(d.stop).id.clone(),
                    mode: d.mode.as_str(),
                    route: tt.line(d.line).display_name().to_string(),
                    trip: tt.trip(d.trip).id.clone(),
                    headsign: d.headsign.clone(),
                    sample: d.sample,
                })
                .collect(),
        };
        println!("{}", serde_json::to_string(&out)?);
    } else {
        println!("{} — {date} from {}", tt.stop(stop).name, from.format("%H:%M"));
        for d in &board {
            let sample = if d.sample { "  (sample)" } else { "" };
            println!(
                "  {}  {:<6} {:<14} {}{sample}",
                d.time.format("%H:%M"),
                d.mode.as_str(),
                tt.line(d.line).display_name(),
                d.headsign
            );
        }
    }
    Ok(())
}

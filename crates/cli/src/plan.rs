//! `velay-cli plan`: journeys between two stops on a day, leaving at or arriving by a time.

use std::path::PathBuf;

use serde::Serialize;
use velay_core::planner::{Journey, Place, Planner, Query, When};
use velay_core::Timetable;

use crate::feed;

#[derive(clap::Args)]
pub struct Args {
    /// A GTFS feed, zip or folder (default: the bundled routes-data/gtfs).
    #[arg(long)]
    feed: Option<PathBuf>,
    /// The stop_id to leave from (a station means any of its stops).
    #[arg(long)]
    from: String,
    /// The stop_id to go to.
    #[arg(long)]
    to: String,
    /// The day, YYYY-MM-DD, in the feed's time zone.
    #[arg(long)]
    date: String,
    /// Leave at HH:MM or later, arriving as early as possible.
    #[arg(long, required_unless_present = "arrive_by", conflicts_with = "arrive_by")]
    depart: Option<String>,
    /// Arrive by HH:MM, leaving as late as possible.
    #[arg(long)]
    arrive_by: Option<String>,
    /// At most this many changes.
    #[arg(long, default_value_t = velay_core::planner::DEFAULT_MAX_TRANSFERS)]
    max_transfers: usize,
    /// Print one JSON object instead of lines of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Output {
    journeys: Vec<JourneyOut>,
    /// Why there is none, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    none_because: Option<Why>,
}

#[derive(Serialize)]
struct Why {
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
struct JourneyOut {
    departure: String,
    arrival: String,
    transfers: usize,
    legs: Vec<LegOut>,
}

#[derive(Serialize)]
struct LegOut {
    mode: &'static str,
    from: Option<String>,
    to: Option<String>,
    departure: String,
    arrival: String,
    route: Option<String>,
    trip: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let date = feed::date(&args.date)?;
    let when = match (&args.depart, &args.arrive_by) {
        (Some(t), _) => When::DepartAt(feed::time(t)?),
        (None, Some(t)) => When::ArriveBy(feed::time(t)?),
        (None, None) => anyhow::bail!("say when: --depart HH:MM or --arrive-by HH:MM"),
    };
    let planner = Planner::new(feed::load(args.feed)?);
    let tt = planner.timetable();
    let from = Place::Stop(feed::stop(tt, &args.from)?);
    let to = Place::Stop(feed::stop(tt, &args.to)?);
    let mut query = Query::new(from, to, date, when);
    query.max_transfers = args.max_transfers;
    let journeys = planner.plan(&query);
    let why = journeys.is_empty().then(|| planner.why_no_journey(&query));
    if args.json {
        let out = Output {
            journeys: journeys.iter().map(|j| journey_out(tt, j)).collect(),
            none_because: why.map(|w| Why {
                code: w.code(),
                message: w.to_string(),
            }),
        };
        println!("{}", serde_json::to_string(&out)?);
    } else if let Some(why) = why {
        println!("No journey on {date}: {why}.");
    } else {
        for j in &journeys {
            print_text(tt, j);
        }
    }
    Ok(())
}

fn stop_id(tt: &Timetable, place: &Place) -> Option<String> {
    match place {
        Place::Stop(s) => Some(tt.stop(*s).id.clone()),
        Place::Point { .. } => None,
    }
}

fn journey_out(tt: &Timetable, j: &Journey) -> JourneyOut {
    JourneyOut {
        departure: feed::iso(&j.departure),
        arrival: feed::iso(&j.arrival),
        transfers: j.transfers(),
        legs: j
            .legs
            .iter()
            .map(|l| LegOut {
                mode: l.mode.as_str(),
                from: stop_id(tt, &l.from),
                to: stop_id(tt, &l.to),
                departure: feed::iso(&l.departure),
                arrival: feed::iso(&l.arrival),
                route: l.line.map(|line| tt.line(line).display_name().to_string()),
                trip: l.trip.map(|t| tt.trip(t).id.clone()),
            })
            .collect(),
    }
}

fn print_text(tt: &Timetable, j: &Journey) {
    let sample = if j.uses_sample_times(tt) {
        "  (sample times)"
    } else {
        ""
    };
    println!(
        "{} -> {}, {} transfer(s){sample}",
        j.departure.format("%a %d %b %H:%M"),
        j.arrival.format("%H:%M"),
        j.transfers()
    );
    for l in &j.legs {
        let name = |p: &Place| match p {
            Place::Stop(s) => tt.stop(*s).name.clone(),
            Place::Point { lat, lon } => format!("{lat:.5}, {lon:.5}"),
        };
        let what = l.line.map_or("walk".to_string(), |line| {
            format!("{} {}", l.mode.as_str(), tt.line(line).display_name())
        });
        println!(
            "  {} {} -> {} {}  {what}",
            l.departure.format("%H:%M"),
            name(&l.from),
            l.arrival.format("%H:%M"),
            name(&l.to)
        );
    }
}

//! Finding and loading the timetable the `plan` and `departures` subcommands read.

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{NaiveDate, NaiveTime};
use velay_core::timetable::StopIdx;
use velay_core::Timetable;

/// The feed given with `--feed`, else the bundled `routes-data/gtfs` of the source tree this
/// binary was built from, else `routes-data/gtfs` under the current folder.
pub fn path(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| {
        let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data/gtfs");
        if built.is_dir() {
            built
        } else {
            PathBuf::from("routes-data/gtfs")
        }
    })
}

/// Imports the feed; its warnings go to stderr, so stdout stays clean JSON.
pub fn load(given: Option<PathBuf>) -> anyhow::Result<Timetable> {
    let path = path(given);
    let imported = Timetable::import(&path).with_context(|| format!("importing the GTFS feed {}", path.display()))?;
    for w in &imported.warnings {
        tracing::warn!("{w}");
    }
    Ok(imported.timetable)
}

pub fn stop(tt: &Timetable, id: &str) -> anyhow::Result<StopIdx> {
    tt.stop_by_id(id)
        .with_context(|| format!("no stop with id {id:?} in the feed (stop ids are the feed's stops.txt stop_id)"))
}

pub fn date(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| format!("{text:?} is not a date like 2026-06-10"))
}

pub fn time(text: &str) -> anyhow::Result<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").with_context(|| format!("{text:?} is not a time like 07:30"))
}

/// Local time with its offset, as in `2026-06-10T07:04:00+02:00`.
pub fn iso<Tz: chrono::TimeZone>(t: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

//! Where the app keeps its store, which server it syncs with, and in which language it speaks.
//! Each can be set from the environment, which is how the tests and `scripts/run.sh` drive it.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDateTime;
use velay_core::clock::Clock;
use velay_core::Lang;

use crate::following::PositionChoice;

pub const DEFAULT_SERVER: &str = "http://127.0.0.1:8737";

#[derive(Clone, Debug)]
pub struct Config {
    /// `VELAY_DATA`, else the platform's data folder (`~/.local/share/velay` on Linux).
    pub data_dir: PathBuf,
    /// `VELAY_SERVER`.
    pub server: String,
    /// `VELAY_SYNC_INTERVAL_SECS`: how often to look for new content while online (30 s);
    /// failures back off from it up to 8 times as long.
    pub sync_interval: Duration,
    /// `VELAY_LANG`, which wins over the language chosen in the app.
    pub lang_forced: Option<Lang>,
    /// The system locale (`LANG`): the language until one is chosen in the app.
    pub lang_default: Lang,
    /// `VELAY_PROBE`: a file where the app writes the text it shows, for tests.
    pub probe: Option<PathBuf>,
    /// The territory's clock; `VELAY_NOW=2027-07-03T09:30` starts it at that moment in Paris
    /// (for a demonstration or a test on another day), after which it runs on.
    pub clock: Clock,
    /// `VELAY_POSITION`: where the walker's positions come from (`replay`, the default;
    /// `simulate`; `gpsd` or `gpsd:HOST:PORT`).
    pub position: PositionChoice,
}

impl Config {
    pub fn from_env() -> Config {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let data_dir = data_dir();
        let secs = var("VELAY_SYNC_INTERVAL_SECS")
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(30)
            .max(1);

        Config {
            data_dir,
            server: var("VELAY_SERVER").unwrap_or_else(|| DEFAULT_SERVER.to_string()),
            sync_interval: Duration::from_secs(secs),
            lang_forced: var("VELAY_LANG").map(|l| Lang::from_locale(&l)),
            lang_default: Lang::from_locale(&var("LANG").unwrap_or_default()),
            probe: var("VELAY_PROBE").map(PathBuf::from),
            clock: var("VELAY_NOW").map_or_else(Clock::system, |at| clock_from(&at)),
            position: PositionChoice::parse(var("VELAY_POSITION").as_deref()),
        }
    }
}

/// Where the app keeps its data: `VELAY_DATA`, or `velay` in the platform's data folder.
pub fn data_dir() -> PathBuf {
    std::env::var_os("VELAY_DATA")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("velay"))
}

/// A clock from `VELAY_NOW`; one that does not read as a date and time is said and ignored.
fn clock_from(at: &str) -> Clock {
    match NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M") {
        Ok(at) => Clock::starting_at(at),
        Err(e) => {
            tracing::warn!("VELAY_NOW {at:?} is not a time such as 2027-07-03T09:30 ({e}); using the real time");
            Clock::system()
        }
    }
}

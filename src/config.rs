//! Where the app keeps its store, which server it syncs with, and in which language it speaks.
//! Each can be set from the environment, which is how the tests and `scripts/run.sh` drive it.

use std::path::PathBuf;
use std::time::Duration;

use velay_core::Lang;

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
    /// `VELAY_LANG`, else the system locale (`LANG`).
    pub lang: Lang,
    /// `VELAY_PROBE`: a file where the app writes the text it shows, for tests.
    pub probe: Option<PathBuf>,
}

impl Config {
    pub fn from_env() -> Config {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let data_dir = var("VELAY_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("velay"));
        let secs = var("VELAY_SYNC_INTERVAL_SECS")
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(30)
            .max(1);
        let locale = var("VELAY_LANG").or_else(|| var("LANG")).unwrap_or_default();
        Config {
            data_dir,
            server: var("VELAY_SERVER").unwrap_or_else(|| DEFAULT_SERVER.to_string()),
            sync_interval: Duration::from_secs(secs),
            lang: Lang::from_locale(&locale),
            probe: var("VELAY_PROBE").map(PathBuf::from),
        }
    }
}

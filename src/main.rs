//! The Velay companion, desktop build: opens the store on the device (filling it from the
//! bundled snapshot on first launch) and shows the app in a phone-sized window.

mod app;
mod config;
mod following;
mod i18n;
mod logging;
mod nav;
mod planning;
mod probe;
mod refusals;
mod screens;
mod snapshot;
mod state;
mod sync_loop;
mod tiles;

use anyhow::Context;
use dioxus::desktop::{Config as WindowConfig, LogicalSize, WindowBuilder};
use velay_core::store::OpenReport;
use velay_core::Store;

use crate::app::App;
use crate::config::Config;
use crate::state::Boot;

/// The stylesheet, compiled into the binary: a webview app started as a user starts it (not
/// through cargo) finds no `assets/` folder beside it, and Dioxus's `asset!` would then look for
/// a bundle that a plain `cargo build` never writes. In the page's head it also applies before
/// the first paint, so the window never shows the page unstyled.
const STYLESHEET: &str = include_str!("../assets/main.css");

/// WebKitGTK composites pages on the GPU, or, with none (a virtual display, a small laptop's
/// fallback), on a software OpenGL that it sets up in every web process; and GTK sets up OpenGL
/// for the window itself. The app's pages are flat 2D: drawn without either they look the same,
/// and the app starts with about 70 MB less memory and its window about 50 ms sooner
/// (scripts/bench/startup.py). Set before any thread starts, as `set_var` requires; a value the
/// person set is kept.
fn prefer_flat_drawing() {
    #[cfg(target_os = "linux")]
    for (name, value) in [("WEBKIT_DISABLE_COMPOSITING_MODE", "1"), ("GDK_GL", "disable")] {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
}

fn main() -> anyhow::Result<()> {
    prefer_flat_drawing();
    let log_file = logging::init(&config::data_dir());
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "the app starts");
    let config = Config::from_env();
    let (store, open_report) = open_store(&config)?;
    let window = WindowBuilder::new()
        .with_title("Velay")
        .with_inner_size(LogicalSize::new(400.0, 800.0));
    dioxus::LaunchBuilder::desktop()
        .with_cfg(
            WindowConfig::new()
                .with_window(window)
                .with_menu(None)
                .with_custom_head(format!("<style>{STYLESHEET}</style>"))
                .with_data_directory(config.data_dir.join("webview")),
        )
        .with_context(Boot {
            store,
            config,
            open_report,
            log_file,
        })
        .launch(App);
    Ok(())
}

/// Opens the store, checking it, and on first launch fills it with the bundled content.
fn open_store(config: &Config) -> anyhow::Result<(Store, OpenReport)> {
    let path = config.data_dir.join("store");
    // Read only on the first launch or after a repair. Content that does not read is a build
    // that tests would have failed; the app then starts empty and fills itself at the next sync.
    let snapshot = || {
        snapshot::changes().unwrap_or_else(|e| {
            tracing::error!("the bundled content does not read: {e}");
            Vec::new()
        })
    };
    let (store, report) =
        Store::open_checked(&path, snapshot).with_context(|| format!("opening the store in {}", path.display()))?;
    if report.lost_anything() {
        tracing::warn!("the store lost entries when it was opened: {report:?}");
    }
    Ok((store, report))
}

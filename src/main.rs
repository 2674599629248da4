//! The Velay companion, desktop build: opens the store on the device (filling it from the
//! bundled snapshot on first launch) and shows the app in a phone-sized window.

mod app;
mod config;
mod greeter_store;
mod i18n;
mod nav;
mod plan_store;
mod planning;
mod probe;
mod route_store;
mod screens;
mod snapshot;
mod state;
mod sync_loop;

use anyhow::Context;
use dioxus::desktop::{Config as WindowConfig, LogicalSize, WindowBuilder};
use velay_core::store::OpenReport;
use velay_core::Store;

use crate::app::{App, Boot};
use crate::config::Config;

fn main() -> anyhow::Result<()> {
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
                .with_data_directory(config.data_dir.join("webview")),
        )
        .with_context(Boot {
            store,
            config,
            open_report,
        })
        .launch(App);
    Ok(())
}

/// Opens the store, checking it, and on first launch fills it with the bundled content.
fn open_store(config: &Config) -> anyhow::Result<(Store, OpenReport)> {
    let path = config.data_dir.join("store");
    let snapshot = snapshot::changes().context("reading the bundled content")?;
    let (store, report) =
        Store::open_checked(&path, &snapshot).with_context(|| format!("opening the store in {}", path.display()))?;
    if report.lost_anything() {
        eprintln!("velay: store: {report:?}");
    }
    Ok((store, report))
}

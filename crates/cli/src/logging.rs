//! Where the CLI's warnings go, its own and the core's (a feed's rows left out, a store entry
//! set aside): stderr, so that stdout stays clean JSON, and with `--log FILE` that file too.

use std::fs::OpenOptions;
use std::path::Path;
use std::sync::Mutex;

use anyhow::Context;
use tracing::Level;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

pub fn init(file: Option<&Path>) -> anyhow::Result<()> {
    let file = file
        .map(|path| {
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("opening the log {}", path.display()))
        })
        .transpose()?;
    let filter = Targets::new()
        .with_target("velay_cli", Level::INFO)
        .with_target("velay_core", Level::INFO)
        .with_default(Level::WARN);
    let to_stderr = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .without_time()
        .with_target(false)
        .with_writer(std::io::stderr);
    let to_file = file.map(|f| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(Mutex::new(f))
    });
    tracing_subscriber::registry()
        .with(to_stderr)
        .with(to_file)
        .with(filter)
        .try_init()
        .context("starting the log")
}

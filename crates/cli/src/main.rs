//! `velay-cli`: the Velay companion without a window, on a store of its own.
//! Each subcommand lives in its own module; this file only parses and dispatches.

mod about;
mod departures;
mod feed;
mod greeters;
mod logging;
mod note;
mod outbox;
mod plan;
mod route;
mod routes;
mod sync;
mod walk;

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use velay_core::Store;

#[derive(Parser)]
#[command(version, about = "The Velay companion, headless")]
struct Cli {
    /// The store folder (created if missing).
    #[arg(long, global = true, default_value = ".velay/cli")]
    data: PathBuf,
    /// Also append the warnings to this file, to attach to a problem report.
    #[arg(long, global = true, value_name = "FILE")]
    log: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Pull what changed on the server into the store.
    Sync(sync::Args),
    /// List the routes in the store.
    Routes(routes::Args),
    /// Queue a note about a route for the team.
    Note(note::Args),
    /// List user writes with their state.
    Outbox(outbox::Args),
    /// Plan journeys between two stops of a GTFS feed.
    Plan(plan::Args),
    /// Show the departures from a stop of a GTFS feed.
    Departures(departures::Args),
    /// Look into a GPX file, or export a route as one.
    #[command(subcommand)]
    Route(route::Command),
    /// List the greeters, their availability and the slots of the coming weeks.
    Greeters(greeters::GreetersArgs),
    /// Ask a greeter for a slot: queued, sent at the next sync.
    Request(greeters::RequestArgs),
    /// List meeting requests with their state.
    Requests(greeters::ListArgs),
    /// Record a walk into the store, list walks, export one.
    #[command(subcommand)]
    Walk(walk::Command),
    /// Where the content comes from, its licences, and what is a sample.
    About,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    logging::init(cli.log.as_deref())?;
    let open = || -> anyhow::Result<Store> {
        let (store, report) = Store::open_checked(&cli.data, Vec::new)
            .with_context(|| format!("opening the store in {}", cli.data.display()))?;
        if let Some(aside) = &report.moved_aside {
            tracing::warn!("the store could not be opened; it was kept in {}", aside.display());
        }
        for entry in &report.unreadable {
            tracing::warn!("unreadable entry set aside: {entry}");
        }
        Ok(store)
    };
    match cli.command {
        Command::Sync(args) => sync::run(&open()?, args).await,
        Command::Routes(args) => routes::run(&open()?, args),
        Command::Note(args) => note::run(&open()?, args),
        Command::Outbox(args) => outbox::run(&open()?, args),
        Command::Plan(args) => plan::run(args),
        Command::Departures(args) => departures::run(args),
        Command::Route(command) => route::run(&cli.data, command),
        Command::Walk(command) => walk::run(&cli.data, command),
        Command::Greeters(args) => greeters::list(&open()?, args),
        Command::Request(args) => greeters::request(&open()?, args),
        Command::Requests(args) => greeters::requests(&open()?, args),
        Command::About => about::run(&open()?),
    }
}

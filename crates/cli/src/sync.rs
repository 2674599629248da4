//! `velay-cli sync`: pull what changed on the server.

use anyhow::Context;
use velay_core::sync::Client;
use velay_core::Store;

#[derive(clap::Args)]
pub struct Args {
    /// The server's address, such as http://127.0.0.1:8737.
    #[arg(long)]
    server: String,
    /// Print one JSON object instead of a sentence.
    #[arg(long)]
    json: bool,
}

pub async fn run(store: &Store, args: Args) -> anyhow::Result<()> {
    let report = Client::new(&args.server)?.pull(store).await.context("syncing")?;
    if args.json {
        println!(
            "{}",
            serde_json::json!({ "pulled": report.pulled, "cursor": report.cursor })
        );
    } else {
        println!("{} changes pulled; cursor {}", report.pulled, report.cursor);
    }
    Ok(())
}

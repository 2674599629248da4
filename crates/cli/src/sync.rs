//! `velay-cli sync`: register if needed, push the outbox, pull what changed.

use anyhow::Context;
use velay_core::client::Client;
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
    let report = Client::new(&args.server)?
        .sync(store, |_| {})
        .await
        .context("syncing")?;
    if args.json {
        let out = serde_json::json!({
            "pulled": report.pulled, "pushed": report.pushed, "refused": report.refused, "cursor": report.cursor,
        });
        println!("{out}");
    } else {
        println!(
            "{} changes pulled, {} notes accepted, {} refused; cursor {}",
            report.pulled, report.pushed, report.refused, report.cursor
        );
    }
    Ok(())
}

//! `velay-cli`: the Velay companion without a window, on a store of its own.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use velay_core::sync::Client;
use velay_core::{Lang, Store};

#[derive(Parser)]
#[command(version, about = "The Velay companion, headless")]
struct Cli {
    /// The store folder (created if missing).
    #[arg(long, global = true, default_value = ".velay/cli")]
    data: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Pull what changed on the server into the store.
    Sync {
        #[arg(long)]
        server: String,
        /// Print one JSON object instead of a sentence.
        #[arg(long)]
        json: bool,
    },
    /// List the routes in the store.
    Routes {
        #[arg(long)]
        json: bool,
        /// Language of the names: fr or en.
        #[arg(long, default_value = "fr")]
        lang: String,
    },
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let store = Store::open(&cli.data).with_context(|| format!("opening the store in {}", cli.data.display()))?;
    match cli.command {
        Command::Sync { server, json } => {
            let report = Client::new(&server)?.pull(&store).await.context("syncing")?;
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "pulled": report.pulled, "cursor": report.cursor })
                );
            } else {
                println!("{} changes pulled; cursor {}", report.pulled, report.cursor);
            }
        }
        Command::Routes { json, lang } => {
            let lang = Lang::from_locale(&lang);
            let routes = store.routes()?;
            if json {
                let list: Vec<_> = routes
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id, "site": r.site, "name": r.name.get(lang),
                            "length_m": r.figures.length_m, "duration_min": r.figures.duration_min,
                        })
                    })
                    .collect();
                println!("{}", serde_json::Value::Array(list));
            } else {
                for r in routes {
                    println!("{}\t{}\t{:.1} km", r.id, r.name.get(lang), r.figures.length_m / 1000.0);
                }
            }
        }
    }
    Ok(())
}

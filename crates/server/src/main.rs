//! `velay-server`: serve the sync API, check a content folder, or import one.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use velay_core::check::Options;
use velay_server::data_dir::{DataDir, Running};
use velay_server::import::ImportOptions;
use velay_server::{AppState, SledStore};

#[derive(Parser)]
#[command(version, about = "The Velay companion's sync server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sync API until Ctrl-C or SIGTERM.
    Serve {
        /// The data folder (store, staff token).
        #[arg(long)]
        data: PathBuf,
        /// The address to listen on; port 0 picks a free one (printed on stdout).
        #[arg(long, default_value = "127.0.0.1:8737")]
        bind: SocketAddr,
        /// Publish this content folder before serving.
        #[arg(long)]
        seed: Option<PathBuf>,
    },
    /// Check a content folder before publishing: each route and greeter slot reachable and
    /// returnable without a car from Lyon, Saint-Étienne, Clermont-Ferrand and Le Puy, places
    /// near their stops, samples labelled. Prints the matrix; exits 1 when something fails.
    Check {
        /// The content folder.
        dir: PathBuf,
        /// Plan on the first ordinary Tuesday, Saturday and Sunday from this date
        /// (YYYY-MM-DD; slots before it are past). Default: today in Europe/Paris.
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Print the report as JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Publish a content folder (routes-data): new sequence numbers only for what changed.
    /// Runs the content check first and refuses content that fails it.
    Import {
        /// The content folder.
        dir: PathBuf,
        /// The server's data folder.
        #[arg(long)]
        data: PathBuf,
        /// Publish even when the content check fails (what failed is printed on stderr).
        #[arg(long)]
        force: bool,
        /// The content check's date (see `check --date`). Default: today in Europe/Paris.
        #[arg(long)]
        date: Option<NaiveDate>,
    },
}

/// When the check stands: the date asked for, or now in the territory.
fn check_options(date: Option<NaiveDate>) -> Options {
    date.map_or_else(|| Options::now(&velay_core::clock::Clock::system()), Options::on)
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Serve { data, bind, seed } => serve(&data, bind, seed).await.map(|()| ExitCode::SUCCESS),
        Command::Check { dir, date, json } => {
            let (_, report) = velay_server::import::check_folder(&dir, &check_options(date))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!("{report}");
            }
            Ok(if report.passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Import { dir, data, force, date } => {
            let options = ImportOptions {
                force,
                check: check_options(date),
            };
            let imported = velay_server::import::import(&dir, &DataDir::new(&data)?, &options).await?;
            for failure in imported.check.failures() {
                eprintln!("content check failed, published anyway (--force): {failure}");
            }
            println!("{}", serde_json::to_string(&imported.published)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn serve(data: &std::path::Path, bind: SocketAddr, seed: Option<PathBuf>) -> anyhow::Result<()> {
    let data = DataDir::new(data)?;
    let store = SledStore::open(&data.store_path()).with_context(|| {
        format!(
            "opening the store {} (is another server using it?)",
            data.store_path().display()
        )
    })?;
    if let Some(dir) = seed {
        let contents = velay_core::content::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?;
        let report = velay_server::ServerStore::publish(&store, &contents)?;
        tracing::info!(
            changed = report.changed,
            deleted = report.deleted,
            head = report.head,
            "seeded"
        );
    }
    let state = AppState {
        store: Arc::new(store),
        admin_token: data.admin_token()?.into(),
    };
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("binding {bind}"))?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");
    data.write_running(&Running {
        url: url.clone(),
        pid: std::process::id(),
    })?;
    // Tests and scripts read this line to learn the port.
    println!("listening on {url}");
    tracing::info!(%url, "serving");
    let result = velay_server::serve(listener, state, shutdown_signal()).await;
    data.clear_running();
    tracing::info!("stopped");
    Ok(result?)
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

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
use velay_server::{AppState, ConnectionLimits, SledStore};

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
        /// Clients reach the server through TLS (a proxy in front of it): cookies are sent
        /// `Secure` and browsers are told to keep to HTTPS (HSTS).
        #[arg(long)]
        behind_tls: bool,
        /// Connections open at once (default 768, under the usual limit of 1,024 open files).
        #[arg(long)]
        max_connections: Option<usize>,
        /// Connections open at once from one client address (default 64). Behind a proxy every
        /// client has the proxy's address: raise it to the proxy's pool of connections.
        #[arg(long)]
        connections_per_address: Option<usize>,
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
    /// Offline map packs: one per site, served to the app.
    #[command(subcommand)]
    Tiles(Tiles),
    /// The store: check it, back it up, restore a backup (with the server stopped).
    #[command(subcommand)]
    Store(StoreCommand),
}

#[derive(Subcommand)]
enum StoreCommand {
    /// Read every entry of the store and say what is damaged; exits 1 when something is.
    Check {
        /// The server's data folder.
        #[arg(long)]
        data: PathBuf,
    },
    /// Write the whole store to one file (checked by SHA-256 when restored).
    Backup {
        /// The server's data folder.
        #[arg(long)]
        data: PathBuf,
        /// The backup file to write.
        #[arg(long)]
        to: PathBuf,
    },
    /// Put a backup in the place of the store; the store it replaces is kept aside.
    Restore {
        /// The server's data folder.
        #[arg(long)]
        data: PathBuf,
        /// The backup file to read.
        #[arg(long)]
        from: PathBuf,
    },
}

#[derive(Subcommand)]
enum Tiles {
    /// Fetch the tiles within 1 km of a site's routes and publish them as its pack. Polite: one
    /// request at a time, a rate limit, HTTP caching honoured; run again to resume after a cut.
    Build {
        /// The server's data folder.
        #[arg(long)]
        data: PathBuf,
        /// The site's id (le-puy, chaise-dieu, mezenc-gerbier, gorges-allier).
        #[arg(long)]
        site: String,
        /// The content folder the routes are read from.
        #[arg(long, default_value = "routes-data")]
        content: PathBuf,
        /// An XYZ URL template ({z}, {x}, {y}); default IGN's Plan IGN v2 (Etalab 2.0). Another
        /// source needs --name, --attribution and --licence, and a licence that allows it.
        #[arg(long)]
        source: Option<String>,
        #[arg(long, requires_all = ["attribution", "licence"])]
        name: Option<String>,
        #[arg(long)]
        attribution: Option<String>,
        #[arg(long)]
        licence: Option<String>,
        /// The zooms, low-high.
        #[arg(long, default_value = "12-16", value_parser = velay_server::packs::parse_zooms)]
        zooms: std::ops::RangeInclusive<u8>,
        /// Who the tile server can reach about these requests (an e-mail or a URL), sent in
        /// the User-Agent.
        #[arg(long)]
        contact: String,
        /// Requests per second at most.
        #[arg(long, default_value_t = 8.0)]
        rate: f64,
        /// Seconds one tile may take.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
        /// Tries after the first for a tile answered with a 5xx, a 429, late or cut.
        #[arg(long, default_value_t = 3)]
        retries: u32,
    },
    /// Say how many tiles a site's pack needs at each zoom, before fetching any.
    Plan {
        #[arg(long)]
        site: String,
        #[arg(long, default_value = "routes-data")]
        content: PathBuf,
        #[arg(long, default_value = "12-16", value_parser = velay_server::packs::parse_zooms)]
        zooms: std::ops::RangeInclusive<u8>,
    },
    /// Take a PMTiles archive made elsewhere as a site's pack.
    Import {
        file: PathBuf,
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        site: String,
        /// Where its tiles come from, the credit the map shows, and their licence.
        #[arg(long)]
        name: String,
        #[arg(long)]
        attribution: String,
        #[arg(long)]
        licence: String,
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
        Command::Serve {
            data,
            bind,
            seed,
            behind_tls,
            max_connections,
            connections_per_address,
        } => {
            let all = ConnectionLimits::default();
            let connections = ConnectionLimits {
                max_connections: max_connections.unwrap_or(all.max_connections).max(1),
                per_address: connections_per_address.unwrap_or(all.per_address).max(1),
                ..all
            };
            serve(&data, bind, seed, behind_tls, connections)
                .await
                .map(|()| ExitCode::SUCCESS)
        }
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
        Command::Tiles(tiles) => {
            tiles_command(tiles).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Store(command) => store_command(command),
    }
}

fn store_command(command: StoreCommand) -> anyhow::Result<ExitCode> {
    match command {
        StoreCommand::Check { data } => {
            let path = DataDir::new(&data)?.store_path();
            let store = SledStore::open_reporting(&path)?;
            let report = store.check(&path)?;
            for (tree, entries) in &report.trees {
                println!("{tree:>10}: {entries} entries");
            }
            if report.is_sound() {
                println!("the store {} is sound", path.display());
                return Ok(ExitCode::SUCCESS);
            }
            for damage in &report.damaged {
                println!("damaged: {damage}");
            }
            println!(
                "{} damaged entries in {}: restore the last backup with `velay-server store restore`",
                report.damaged_count,
                path.display()
            );
            Ok(ExitCode::FAILURE)
        }
        StoreCommand::Backup { data, to } => {
            let path = DataDir::new(&data)?.store_path();
            let report = SledStore::open_reporting(&path)?.backup(&to)?;
            println!(
                "backed up {} entries of {} trees to {} ({} bytes)",
                report.entries,
                report.trees,
                to.display(),
                report.bytes
            );
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Restore { data, from } => {
            let path = DataDir::new(&data)?.store_path();
            let report = velay_server::store::restore(&from, &path)?;
            println!(
                "restored {} entries of {} trees from {}",
                report.entries,
                report.trees,
                from.display()
            );
            if let Some(aside) = report.kept_aside {
                println!("the store it replaced is kept in {}", aside.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn tiles_command(tiles: Tiles) -> anyhow::Result<()> {
    use velay_server::packs::{self, Credit, Polite, Source};
    let data = match &tiles {
        Tiles::Build { data, .. } | Tiles::Import { data, .. } => DataDir::new(data)?,
        Tiles::Plan { site, content, zooms } => {
            let tiles = packs::needed(content, site, zooms.clone())?;
            for z in zooms.clone() {
                println!("zoom {z}: {} tiles", tiles.iter().filter(|t| t.z == z).count());
            }
            println!("in all: {} tiles", tiles.len());
            return Ok(());
        }
    };
    match tiles {
        Tiles::Build {
            site,
            content,
            source,
            name,
            attribution,
            licence,
            zooms,
            contact,
            rate,
            timeout,
            retries,
            ..
        } => {
            let source = match (source, name, attribution, licence) {
                (None, ..) => Source::ign_plan(),
                (Some(template), Some(name), Some(attribution), Some(licence)) => Source {
                    template,
                    name,
                    attribution,
                    licence,
                },
                (Some(_), ..) => anyhow::bail!("a --source needs --name, --attribution and --licence"),
            };
            anyhow::ensure!(
                ["{z}", "{x}", "{y}"].iter().all(|p| source.template.contains(p)),
                "the source must hold {{z}}, {{x}} and {{y}}"
            );
            let polite = Polite {
                per_second: rate,
                timeout: std::time::Duration::from_secs(timeout),
                retries,
                ..Polite::new(&contact)
            };
            let built = packs::build(&data, &content, &site, &source, zooms, &polite).await?;
            println!("{}", serde_json::to_string(&built)?);
        }
        Tiles::Plan { .. } => {} // answered above, with no data folder
        Tiles::Import {
            file,
            site,
            name,
            attribution,
            licence,
            ..
        } => {
            let credit = Credit {
                source: name,
                attribution,
                licence,
            };
            let pack = packs::import(&data, &site, &file, &credit).await?;
            println!("{}", serde_json::to_string(&pack)?);
        }
    }
    publish_packs(&data).await
}

/// Publishes the data folder's packs: through the running server if one holds the store, else
/// straight into it.
async fn publish_packs(data: &DataDir) -> anyhow::Result<()> {
    if let Some(running) = data.read_running() {
        let url = format!("{}/v1/admin/packs", running.url);
        let answer = reqwest::Client::new()
            .post(&url)
            .bearer_auth(data.admin_token()?)
            .send()
            .await;
        match answer {
            Ok(a) if a.status().is_success() => {
                eprintln!("published through the running server {}", running.url);
                return Ok(());
            }
            Ok(a) => anyhow::bail!(
                "the running server {} refused to publish the packs: HTTP {}",
                running.url,
                a.status()
            ),
            Err(_) => {} // no server there any more: straight into the store
        }
    }
    let store = SledStore::open(&data.store_path())
        .with_context(|| format!("opening the store {}", data.store_path().display()))?;
    let report = velay_server::packs::publish(&store, &data.packs_dir()?).await?;
    eprintln!(
        "map packs published: {} changed, {} removed",
        report.changed, report.deleted
    );
    Ok(())
}

/// An error from the first reads of the store, said as damage when sled found corrupted data
/// where opening it did not look.
fn damaged(e: anyhow::Error, path: &std::path::Path) -> anyhow::Error {
    let corrupted = e
        .chain()
        .any(|c| matches!(c.downcast_ref::<sled::Error>(), Some(sled::Error::Corruption { .. })));
    match corrupted {
        true => velay_server::store::OpenError::Damaged {
            path: path.to_path_buf(),
            what: e.to_string(),
        }
        .into(),
        false => e,
    }
}

async fn serve(
    data: &std::path::Path,
    bind: SocketAddr,
    seed: Option<PathBuf>,
    behind_tls: bool,
    connections: ConnectionLimits,
) -> anyhow::Result<()> {
    let data = DataDir::new(data)?;
    let store_path = data.store_path();
    let store = SledStore::open_reporting(&store_path)?;
    if let Some(dir) = seed {
        let contents = velay_core::content::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?;
        let report =
            velay_server::ServerStore::publish(&store, &contents).map_err(|e| damaged(e.into(), &store_path))?;
        tracing::info!(
            changed = report.changed,
            deleted = report.deleted,
            head = report.head,
            "seeded"
        );
    }
    let packs_dir = data.packs_dir()?;
    let report = velay_server::packs::publish(&store, &packs_dir)
        .await
        .map_err(|e| damaged(e, &store_path))?;
    tracing::info!(
        changed = report.changed,
        deleted = report.deleted,
        "map packs published"
    );
    let state = AppState {
        store: Arc::new(store),
        admin_token: data.admin_token()?.into(),
        packs: packs_dir.into(),
        logins: Default::default(),
        limits: Default::default(),
        behind_tls,
    };
    tokio::spawn(expire_devices_hourly(state.store.clone()));
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
    let result = velay_server::serve_with(listener, state, connections, shutdown_signal()).await;
    data.clear_running();
    tracing::info!("stopped");
    Ok(result?)
}

/// Forgets, once an hour, the devices registered a month ago that never wrote anything.
async fn expire_devices_hourly(store: Arc<dyn velay_server::ServerStore>) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        let store = store.clone();
        match tokio::task::spawn_blocking(move || store.expire_devices()).await {
            Ok(Ok(0)) => {}
            Ok(Ok(forgotten)) => tracing::info!(forgotten, "devices that never wrote forgotten"),
            Ok(Err(e)) => tracing::error!(error = %e, "forgetting idle devices"),
            Err(e) => tracing::error!(error = %e, "forgetting idle devices"),
        }
    }
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

//! Publishing a `routes-data` folder: straight into the store when no server holds it, or to
//! the running server over HTTP (sled lets one process open a store at a time). The content
//! check ([`velay_core::check`]) runs first, and content that fails it is refused unless forced.

use std::path::Path;

use anyhow::Context;
use velay_core::check::{Folder, Report};
use velay_core::client::Client;
use velay_core::sync::PublishReport;
use velay_core::Content;

use crate::data_dir::DataDir;
use crate::store::{ServerStore, SledStore};

/// Checks a content set before it is published. The message names the first problem.
pub fn check(contents: &[Content]) -> Result<(), String> {
    if contents.is_empty() {
        return Err("an empty content set would unpublish every site and route; refused".into());
    }
    velay_core::content::validate(contents)
}

/// How an import treats the content check.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions {
    /// Publish even when the content check fails (its failures are still reported).
    pub force: bool,
    /// When the check stands: the days it plans on, and which slots are past.
    pub check: velay_core::check::Options,
}

/// Content refused by the check, with what failed.
#[derive(Debug, thiserror::Error)]
#[error(
    "the content check failed; nothing was published (`--force` publishes anyway, \
     `velay-server check DIR` prints the whole report):\n{}",
    failures(.0)
)]
pub struct Refused(pub Box<Report>);

fn failures(report: &Report) -> String {
    let list: Vec<String> = report.failures().map(|f| format!("  - {f}")).collect();
    list.join("\n")
}

/// What an import did: what it published, and the check it ran first.
#[derive(Debug)]
pub struct Imported {
    pub published: PublishReport,
    pub check: Report,
}

/// Reads a content folder and runs the content check on it.
pub fn check_folder(content_dir: &Path, options: &velay_core::check::Options) -> anyhow::Result<(Folder, Report)> {
    let folder =
        Folder::read(content_dir).with_context(|| format!("reading the content folder {}", content_dir.display()))?;
    let report = velay_core::check::check(&folder, options)
        .with_context(|| format!("checking the content folder {}", content_dir.display()))?;
    Ok((folder, report))
}

/// Reads `content_dir`, checks it, and publishes it into the server whose data folder is
/// `data`; content that fails the check is refused ([`Refused`]) unless `options.force`.
pub async fn import(content_dir: &Path, data: &DataDir, options: &ImportOptions) -> anyhow::Result<Imported> {
    let (folder, check) = check_folder(content_dir, &options.check)?;
    if !check.passed && !options.force {
        return Err(Refused(Box::new(check)).into());
    }
    let published = publish(&folder.contents, data).await?;
    Ok(Imported { published, check })
}

async fn publish(contents: &[Content], data: &DataDir) -> anyhow::Result<PublishReport> {
    if let Some(running) = data.read_running() {
        let client = Client::new(&running.url)?;
        if client.health().await.is_ok() {
            tracing::info!(url = %running.url, "a server holds the store: publishing through it");
            return Ok(client.publish(&data.admin_token()?, contents).await?);
        }
    }
    let store = SledStore::open(&data.store_path()).with_context(|| {
        format!(
            "opening the store {} (is a server using it?)",
            data.store_path().display()
        )
    })?;
    Ok(store.publish(contents)?)
}

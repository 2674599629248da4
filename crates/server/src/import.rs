//! Publishing a `routes-data` folder: straight into the store when no server holds it, or to
//! the running server over HTTP (sled lets one process open a store at a time).

use std::path::Path;

use anyhow::Context;
use velay_core::sync::{Client, PublishReport};
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

/// Reads `content_dir` and publishes it into the server whose data folder is `data`.
pub async fn import(content_dir: &Path, data: &DataDir) -> anyhow::Result<PublishReport> {
    let contents = velay_core::content::read_dir(content_dir)
        .with_context(|| format!("reading the content folder {}", content_dir.display()))?;
    if let Some(running) = data.read_running() {
        let client = Client::new(&running.url)?;
        if client.health().await.is_ok() {
            tracing::info!(url = %running.url, "a server holds the store: publishing through it");
            return Ok(client.publish(&data.admin_token()?, &contents).await?);
        }
    }
    let store = SledStore::open(&data.store_path()).with_context(|| {
        format!(
            "opening the store {} (is a server using it?)",
            data.store_path().display()
        )
    })?;
    Ok(store.publish(&contents)?)
}

//! Map packs: one PMTiles archive per Grand Site, built from a tile source the operator names
//! ([`fetch`]) or imported whole, kept in the data folder's `packs/`, published as
//! [`MapPack`] records, and served to the app by `api::packs` (with HTTP Range, so that a cut
//! download resumes).
//!
//! Beside each `<site>.pmtiles` a `<site>.json` says where its tiles come from and under which
//! licence: the record is made from the two.

pub mod fetch;

use std::collections::BTreeSet;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};
use velay_core::maps::{covering, read_pack, write_pack, Bounds, MapPack, Tile, MARGIN_M};
use velay_core::sync::PublishReport;

use crate::data_dir::DataDir;
use crate::store::ServerStore;
pub use fetch::{FetchReport, Polite, Source};

/// What the map must say of a pack's tiles, kept beside it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Credit {
    pub source: String,
    pub attribution: String,
    pub licence: String,
}

/// What a build did.
#[derive(Debug, Serialize)]
pub struct Built {
    pub pack: MapPack,
    pub fetch: FetchReport,
}

/// A site id is a slug; anything else is refused before it becomes a path.
fn check_site(site: &str) -> anyhow::Result<()> {
    let slug = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    anyhow::ensure!(
        !site.is_empty() && site.len() <= 64 && site.chars().all(slug),
        "{site:?} is not a site id (a-z, 0-9 and -)"
    );
    Ok(())
}

/// The zooms of `12-16`.
pub fn parse_zooms(text: &str) -> Result<RangeInclusive<u8>, String> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let parse = |s: &str| {
        s.trim()
            .parse::<u8>()
            .map_err(|_| format!("{text:?}: zooms are like 12-16"))
    };
    let (a, b) = (parse(a)?, parse(b)?);
    if a > b || b > 20 {
        return Err(format!("{text:?}: zooms go from low to high, 20 at most"));
    }
    Ok(a..=b)
}

/// Fetches the tiles within [`MARGIN_M`] of `site`'s routes (read from the content folder) at
/// `zooms`, then writes and publishes the site's pack. A tile that cannot be fetched stops the
/// pack (not the fetch): what was stored stays, and the same command resumes.
pub async fn build(
    data: &DataDir,
    content_dir: &Path,
    site: &str,
    source: &Source,
    zooms: RangeInclusive<u8>,
    polite: &Polite,
) -> anyhow::Result<Built> {
    let (lines, tiles) = corridor(content_dir, site, zooms.clone())?;
    let cache = data.tile_cache(&source.template);
    let fetch = fetch::fetch(&cache, source, &tiles, polite).await?;
    if fetch.failed_count > 0 {
        anyhow::bail!(
            "{} of {} tiles could not be fetched (the {} stored are kept: run the same command to resume): {}",
            fetch.failed_count,
            fetch.needed,
            fetch.fetched + fetch.kept + fetch.revalidated,
            fetch.failed.join("; ")
        );
    }
    let bounds = Bounds::of(lines.iter().flatten().copied())
        .ok_or_else(|| anyhow::anyhow!("the routes of the site {site:?} have no points"))?
        .grown(MARGIN_M);
    let stored: Vec<_> = tiles
        .iter()
        .filter_map(|&t| fetch::stored(&cache, t).map(|img| (t, img)))
        .collect();
    anyhow::ensure!(
        !stored.is_empty(),
        "the source has none of the {} tiles: check its URL template",
        tiles.len()
    );
    let credit = Credit {
        source: source.name.clone(),
        attribution: source.attribution.clone(),
        licence: source.licence.clone(),
    };
    let path = data.packs_dir()?.join(format!("{site}.pmtiles"));
    let metadata = serde_json::json!({
        "name": format!("Velay: {site}"),
        "attribution": credit.attribution,
        "description": format!("{} ({})", credit.source, credit.licence),
    });
    let zooms_pair = (*zooms.start(), *zooms.end());
    tokio::task::spawn_blocking({
        let path = path.clone();
        move || write_pack(&path, stored, bounds, zooms_pair, &metadata)
    })
    .await??;
    write_credit(&path, &credit)?;
    let pack = record(site, &path, &credit).await?;
    Ok(Built { pack, fetch })
}

/// The tiles `site`'s pack needs at `zooms`.
pub fn needed(content_dir: &Path, site: &str, zooms: RangeInclusive<u8>) -> anyhow::Result<BTreeSet<Tile>> {
    Ok(corridor(content_dir, site, zooms)?.1)
}

/// A route's track as `(lat, lon)` points.
type Line = Vec<(f64, f64)>;

/// The site's routes as lines, and the tiles within [`MARGIN_M`] of them.
fn corridor(content_dir: &Path, site: &str, zooms: RangeInclusive<u8>) -> anyhow::Result<(Vec<Line>, BTreeSet<Tile>)> {
    check_site(site)?;
    let contents = velay_core::content::read_dir(content_dir)
        .with_context(|| format!("reading the content folder {}", content_dir.display()))?;
    let lines: Vec<Line> = velay_core::content::routes(&contents)
        .into_iter()
        .filter(|r| r.site == site)
        .map(|r| r.track.iter().map(|p| (p.lat(), p.lon())).collect())
        .collect();
    anyhow::ensure!(
        !lines.is_empty(),
        "no route of the content folder belongs to the site {site:?}"
    );
    let tiles = covering(&lines, MARGIN_M, zooms);
    Ok((lines, tiles))
}

/// Takes a PMTiles archive made elsewhere as `site`'s pack, after checking it.
pub async fn import(data: &DataDir, site: &str, file: &Path, credit: &Credit) -> anyhow::Result<MapPack> {
    check_site(site)?;
    read_pack(file, None)
        .await
        .with_context(|| format!("checking {}", file.display()))?;
    let path = data.packs_dir()?.join(format!("{site}.pmtiles"));
    let tmp = path.with_extension("pmtiles.part");
    std::fs::copy(file, &tmp).with_context(|| format!("copying {} to {}", file.display(), tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
    write_credit(&path, credit)?;
    record(site, &path, credit).await
}

fn write_credit(pack: &Path, credit: &Credit) -> anyhow::Result<()> {
    let path = pack.with_extension("json");
    std::fs::write(&path, serde_json::to_vec_pretty(credit)?).with_context(|| format!("writing {}", path.display()))
}

async fn record(site: &str, path: &Path, credit: &Credit) -> anyhow::Result<MapPack> {
    let info = read_pack(path, None).await?;
    Ok(MapPack {
        site: site.into(),
        bytes: info.bytes,
        sha256: info.sha256,
        min_zoom: info.min_zoom,
        max_zoom: info.max_zoom,
        bounds: [info.bounds.west, info.bounds.south, info.bounds.east, info.bounds.north],
        tiles: info.tiles,
        source: credit.source.clone(),
        attribution: credit.attribution.clone(),
        licence: credit.licence.clone(),
    })
}

/// The packs in the data folder, each checked and with its credit; one that does not read is
/// left out, with a warning.
pub async fn scan(dir: &Path) -> anyhow::Result<Vec<MapPack>> {
    let mut packs = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(packs);
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(site) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".pmtiles"))
        else {
            continue;
        };
        let credit: Credit = match std::fs::read(path.with_extension("json")).map(|b| serde_json::from_slice(&b)) {
            Ok(Ok(c)) => c,
            _ => {
                tracing::warn!(pack = %path.display(), "no readable credit beside it: not published");
                continue;
            }
        };
        match record(site, &path, &credit).await {
            Ok(pack) if check_site(site).is_ok() => packs.push(pack),
            Ok(_) => tracing::warn!(pack = %path.display(), "not a site id: not published"),
            Err(e) => tracing::warn!(pack = %path.display(), "does not read, not published: {e:#}"),
        }
    }
    Ok(packs)
}

/// Publishes the packs in the data folder: new or rebuilt ones get a new record, removed ones
/// are unpublished.
pub async fn publish(store: &dyn ServerStore, dir: &Path) -> anyhow::Result<PublishReport> {
    let packs = scan(dir).await?;
    Ok(store.publish_packs(&packs)?)
}

//! Map packs: one PMTiles v3 archive per Grand Site, and the content record that publishes it.

use std::io::Read;
use std::path::Path;

use pmtiles::{AsyncPmTilesReader, MmapBackend, NoCache, PmTilesWriter, TileCoord, TileType};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Bounds, Tile};

/// A site's map pack as the server publishes it: what the app shows before a download (size,
/// zooms, area), what it checks after (checksum), and what the map must credit (licence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPack {
    /// The site's id; a site has one pack.
    pub site: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file, in hex: the app refuses a download that does not match.
    pub sha256: String,
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// West, south, east, north, in degrees.
    pub bounds: [f64; 4],
    /// How many tiles it holds.
    pub tiles: u64,
    /// Where the tiles come from, by name ("Plan IGN v2").
    pub source: String,
    /// The credit shown on the map at all times ("© IGN").
    pub attribution: String,
    /// The licence the tiles are under ("Licence Ouverte / Etalab 2.0").
    pub licence: String,
}

impl MapPack {
    /// The file name the server serves it under, and the app stores it as.
    pub fn file_name(&self) -> String {
        format!("{}.pmtiles", self.site)
    }
}

/// What a pack file holds, read from its header and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct PackInfo {
    pub bytes: u64,
    pub sha256: String,
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub bounds: Bounds,
    pub tiles: u64,
    /// "png", "jpeg" or "webp".
    pub tile_type: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: not a PMTiles v3 archive of raster tiles: {reason}")]
    Invalid { path: String, reason: String },
    #[error("{path}: checksum {found} where {expected} was published: the file is damaged or not the published one")]
    Checksum {
        path: String,
        expected: String,
        found: String,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PackError + '_ {
    move |source| PackError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes `tiles` (each with its image bytes, PNG, JPEG or WebP alike) as a PMTiles archive at
/// `path`, through a temporary file renamed at the end, so that a cut never leaves half a pack.
pub fn write_pack(
    path: &Path,
    tiles: impl IntoIterator<Item = (Tile, Vec<u8>)>,
    bounds: Bounds,
    zooms: (u8, u8),
    metadata: &serde_json::Value,
) -> Result<(), PackError> {
    let invalid = |reason: String| PackError::Invalid {
        path: path.display().to_string(),
        reason,
    };
    let mut tiles = tiles
        .into_iter()
        .map(|(t, data)| {
            coord(t)
                .map(|c| (c, data))
                .ok_or_else(|| invalid(format!("no tile {t:?} on the grid")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Hilbert order (the archive's) is the order PMTiles readers read fastest.
    tiles.sort_by_key(|(c, _)| pmtiles::TileId::from(*c).value());
    let tile_type = tiles.first().map(|(_, data)| sniff(data)).unwrap_or(TileType::Png);
    let tmp = path.with_extension("pmtiles.part");
    let file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    let (lon, lat) = ((bounds.west + bounds.east) / 2.0, (bounds.south + bounds.north) / 2.0);
    let mut writer = PmTilesWriter::new(tile_type)
        .min_zoom(zooms.0)
        .max_zoom(zooms.1)
        .bounds(bounds.west, bounds.south, bounds.east, bounds.north)
        .center(lon, lat)
        .center_zoom(zooms.0.max(zooms.1.saturating_sub(2)))
        .metadata(metadata.to_string())
        .create(file)
        .map_err(|e| invalid(e.to_string()))?;
    for (c, data) in &tiles {
        writer.add_tile(*c, data).map_err(|e| invalid(e.to_string()))?;
    }
    writer.finalize().map_err(|e| invalid(e.to_string()))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}

/// The tile as PMTiles numbers it; `None` for one outside the grid of its zoom.
fn coord(t: Tile) -> Option<TileCoord> {
    TileCoord::new(t.z, t.x, t.y).ok()
}

/// The kind of image, by its first bytes.
fn sniff(data: &[u8]) -> TileType {
    match data {
        [0x89, b'P', b'N', b'G', ..] => TileType::Png,
        [0xFF, 0xD8, 0xFF, ..] => TileType::Jpeg,
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => TileType::Webp,
        _ => TileType::Unknown,
    }
}

/// True when `data` is a PNG, JPEG or WebP image (by its first bytes): a tile server's error
/// page sent with status 200 is not a tile.
pub fn is_image(data: &[u8]) -> bool {
    sniff(data) != TileType::Unknown
}

/// The SHA-256 of a file, in hex.
pub fn sha256_file(path: &Path) -> Result<String, PackError> {
    let mut file = std::fs::File::open(path).map_err(io(path))?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(io(path))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
    }
    Ok(hex(&hash.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads and checks a pack: a PMTiles v3 archive of raster tiles, whose checksum is `expected`
/// when one is given.
pub async fn read_pack(path: &Path, expected: Option<&str>) -> Result<PackInfo, PackError> {
    let sha256 = {
        let p = path.to_path_buf();
        tokio::task::spawn_blocking(move || sha256_file(&p))
            .await
            .map_err(|e| PackError::Io {
                path: path.display().to_string(),
                source: std::io::Error::other(e),
            })??
    };
    if let Some(expected) = expected.filter(|e| !e.eq_ignore_ascii_case(&sha256)) {
        return Err(PackError::Checksum {
            path: path.display().to_string(),
            expected: expected.into(),
            found: sha256,
        });
    }
    let reader = PackReader::open(path).await?;
    let header = reader.reader.get_header();
    let tile_type = match header.tile_type {
        TileType::Png => "png",
        TileType::Jpeg => "jpeg",
        TileType::Webp => "webp",
        other => {
            return Err(PackError::Invalid {
                path: path.display().to_string(),
                reason: format!("its tiles are {other:?}, not images a raster map shows"),
            })
        }
    };
    let bytes = std::fs::metadata(path).map_err(io(path))?.len();
    Ok(PackInfo {
        bytes,
        sha256,
        min_zoom: header.min_zoom,
        max_zoom: header.max_zoom,
        bounds: Bounds {
            west: header.min_longitude,
            south: header.min_latitude,
            east: header.max_longitude,
            north: header.max_latitude,
        },
        tiles: header.n_addressed_tiles().map_or(0, |n| n.get()),
        tile_type,
    })
}

/// Reads tiles out of a stored pack.
pub struct PackReader {
    reader: AsyncPmTilesReader<MmapBackend, NoCache>,
}

impl PackReader {
    /// Opens a pack; the file must not change while it is open (packs are replaced by rename).
    pub async fn open(path: &Path) -> Result<PackReader, PackError> {
        let reader = AsyncPmTilesReader::new_with_path(path)
            .await
            .map_err(|e| PackError::Invalid {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
        Ok(PackReader { reader })
    }

    /// One tile's image, or `None` when the pack does not hold it.
    pub async fn tile(&self, tile: Tile) -> Option<Vec<u8>> {
        self.reader
            .get_tile(coord(tile)?)
            .await
            .ok()
            .flatten()
            .map(|b| b.to_vec())
    }

    /// The MIME type of its tiles.
    pub fn content_type(&self) -> &'static str {
        self.reader.get_header().tile_type.content_type()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 13, 10, 26, 10, 1, 2, 3];

    #[tokio::test]
    async fn a_written_pack_reads_back_with_its_tiles_zooms_and_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("le-puy.pmtiles");
        let tiles: Vec<(Tile, Vec<u8>)> = (0..4u32)
            .map(|i| {
                (
                    Tile {
                        z: 12,
                        x: 2092 + i,
                        y: 1472,
                    },
                    [PNG, &[i as u8]].concat(),
                )
            })
            .collect();
        let bounds = Bounds {
            west: 3.8,
            south: 45.0,
            east: 3.95,
            north: 45.1,
        };
        write_pack(
            &path,
            tiles.clone(),
            bounds,
            (12, 12),
            &serde_json::json!({"attribution": "© IGN"}),
        )
        .unwrap();
        let info = read_pack(&path, None).await.unwrap();
        assert_eq!(
            (info.min_zoom, info.max_zoom, info.tiles, info.tile_type),
            (12, 12, 4, "png")
        );
        assert_eq!(info.bytes, std::fs::metadata(&path).unwrap().len());
        assert!(read_pack(&path, Some(&info.sha256)).await.is_ok());
        let reader = PackReader::open(&path).await.unwrap();
        for (tile, data) in &tiles {
            assert_eq!(reader.tile(*tile).await.as_ref(), Some(data));
        }
        assert_eq!(reader.tile(Tile { z: 12, x: 1, y: 1 }).await, None);
        assert!(!dir.path().join("le-puy.pmtiles.part").exists());
    }

    #[tokio::test]
    async fn a_damaged_pack_is_refused_by_checksum_and_by_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pmtiles");
        let bounds = Bounds {
            west: 3.8,
            south: 45.0,
            east: 3.95,
            north: 45.1,
        };
        write_pack(
            &path,
            vec![(Tile { z: 12, x: 1, y: 1 }, PNG.to_vec())],
            bounds,
            (12, 12),
            &serde_json::json!({}),
        )
        .unwrap();
        let good = read_pack(&path, None).await.unwrap().sha256;
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
        assert!(matches!(
            read_pack(&path, Some(&good)).await,
            Err(PackError::Checksum { .. })
        ));
        std::fs::write(&path, b"<html>not found</html>").unwrap();
        assert!(matches!(read_pack(&path, None).await, Err(PackError::Invalid { .. })));
    }
}

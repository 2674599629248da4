//! Offline maps: the tiles that cover a site's routes, and the packs that carry them.
//!
//! A *tile* is one 256-pixel square of the Web Mercator grid (OpenStreetMap's "slippy map"
//! numbering: zoom `z`, column `x` from the west, row `y` from the north). A *pack* is one
//! PMTiles v3 archive per Grand Site holding every tile within a margin of its routes at a range
//! of zooms; the server builds and publishes it as a [`MapPack`] record, and the app downloads it
//! whole so that the map works with no signal.

#[cfg(feature = "device")]
pub mod download;
mod pack;
mod tiles;

pub use pack::{is_image, read_pack, sha256_file, write_pack, MapPack, PackError, PackInfo, PackReader};
pub use tiles::{covering, tile_of, Bounds, Tile};

/// The margin kept around a route, in metres: a walker who strays or looks around still has a
/// map under them.
pub const MARGIN_M: f64 = 1_000.0;

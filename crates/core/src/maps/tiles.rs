//! Tile arithmetic on the Web Mercator grid, and the set of tiles a route's corridor needs.

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

/// One tile: zoom, column from the west, row from the north.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tile {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

/// A box in degrees: west, south, east, north.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bounds {
    /// The smallest box holding every `(lat, lon)` point; `None` for no points.
    pub fn of(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Bounds> {
        points.into_iter().fold(None, |b: Option<Bounds>, (lat, lon)| {
            Some(match b {
                None => Bounds {
                    west: lon,
                    south: lat,
                    east: lon,
                    north: lat,
                },
                Some(b) => Bounds {
                    west: b.west.min(lon),
                    south: b.south.min(lat),
                    east: b.east.max(lon),
                    north: b.north.max(lat),
                },
            })
        })
    }

    /// The box grown by `metres` on every side.
    pub fn grown(&self, metres: f64) -> Bounds {
        let (dlat, dlon) = degrees(metres, (self.south + self.north) / 2.0);
        Bounds {
            west: self.west - dlon,
            south: (self.south - dlat).max(-LAT_MAX),
            east: self.east + dlon,
            north: (self.north + dlat).min(LAT_MAX),
        }
    }
}

/// Web Mercator stops short of the poles.
const LAT_MAX: f64 = 85.051_128_78;
/// Metres per degree of latitude (and of longitude at the equator), on the sphere maps use.
const M_PER_DEG: f64 = 111_319.490_8;

/// A distance in metres as degrees of latitude and of longitude, at latitude `lat`.
fn degrees(metres: f64, lat: f64) -> (f64, f64) {
    let dlat = metres / M_PER_DEG;
    let dlon = metres / (M_PER_DEG * lat.to_radians().cos().max(1e-6));
    (dlat, dlon)
}

/// The tile holding the point at zoom `z`.
pub fn tile_of(lat: f64, lon: f64, z: u8) -> Tile {
    let n = f64::from(1u32 << z);
    let lat = lat.clamp(-LAT_MAX, LAT_MAX).to_radians();
    let x = ((lon + 180.0) / 360.0 * n).floor();
    let y = ((1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0 * n).floor();
    let last = n - 1.0;
    Tile {
        z,
        x: x.clamp(0.0, last) as u32,
        y: y.clamp(0.0, last) as u32,
    }
}

impl Tile {
    /// The tile's box in degrees.
    pub fn bounds(&self) -> Bounds {
        let n = f64::from(1u32 << self.z);
        let lon = |x: f64| x / n * 360.0 - 180.0;
        let lat = |y: f64| (std::f64::consts::PI * (1.0 - 2.0 * y / n)).sinh().atan().to_degrees();
        Bounds {
            west: lon(f64::from(self.x)),
            east: lon(f64::from(self.x) + 1.0),
            north: lat(f64::from(self.y)),
            south: lat(f64::from(self.y) + 1.0),
        }
    }
}

/// Every tile, at each zoom of `zooms`, within `margin_m` metres of a line (a route's track as
/// `(lat, lon)` points): a corridor along each route rather than the box around all of them, so
/// that a site whose routes lie apart does not carry the country between them.
pub fn covering(lines: &[Vec<(f64, f64)>], margin_m: f64, zooms: RangeInclusive<u8>) -> BTreeSet<Tile> {
    let mut out = BTreeSet::new();
    for line in lines {
        // Points no further apart than a quarter of the margin: the corridor has no gaps.
        let step = (margin_m / 4.0).max(10.0);
        let mut samples = Vec::new();
        for pair in line.windows(2) {
            let ((lat0, lon0), (lat1, lon1)) = (pair[0], pair[1]);
            let (dlat, dlon) = degrees(1.0, lat0);
            let metres = ((lat1 - lat0) / dlat).hypot((lon1 - lon0) / dlon);
            let parts = (metres / step).ceil().max(1.0) as usize;
            for i in 0..parts {
                let f = i as f64 / parts as f64;
                samples.push((lat0 + (lat1 - lat0) * f, lon0 + (lon1 - lon0) * f));
            }
        }
        samples.extend(line.last().copied());
        for z in zooms.clone() {
            for &(lat, lon) in &samples {
                let b = Bounds {
                    west: lon,
                    south: lat,
                    east: lon,
                    north: lat,
                }
                .grown(margin_m);
                let (nw, se) = (tile_of(b.north, b.west, z), tile_of(b.south, b.east, z));
                for x in nw.x..=se.x {
                    for y in nw.y..=se.y {
                        out.insert(Tile { z, x, y });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn le_puy_cathedral_is_in_the_tile_every_map_puts_it_in() {
        // Notre-Dame du Puy, 45.0458 N 3.8855 E: at zoom 16 in tile 33475/23563 (the same
        // arithmetic as the OpenStreetMap wiki's "Slippy map tilenames").
        let t = tile_of(45.0458, 3.8855, 16);
        assert_eq!((t.x, t.y), (33475, 23563));
        let b = t.bounds();
        assert!(b.west <= 3.8855 && 3.8855 < b.east && b.south < 45.0458 && 45.0458 <= b.north);
        assert_eq!(tile_of(45.0458, 3.8855, 0), Tile { z: 0, x: 0, y: 0 });
    }

    #[test]
    fn a_point_s_corridor_holds_the_tiles_its_margin_touches_and_no_more() {
        let line = vec![(45.0458, 3.8855), (45.0458, 3.8855)];
        let tiles = covering(&[line], 1_000.0, 12..=16);
        for z in 12..=16u8 {
            let b = Bounds {
                west: 3.8855,
                south: 45.0458,
                east: 3.8855,
                north: 45.0458,
            }
            .grown(1_000.0);
            let (nw, se) = (tile_of(b.north, b.west, z), tile_of(b.south, b.east, z));
            let expected = u64::from(se.x - nw.x + 1) * u64::from(se.y - nw.y + 1);
            assert_eq!(tiles.iter().filter(|t| t.z == z).count() as u64, expected, "zoom {z}");
        }
    }

    #[test]
    fn a_long_line_leaves_no_gap_in_its_corridor() {
        // 20 km due east in one segment: every column between its ends is covered at zoom 16.
        let line = vec![(45.0, 3.7), (45.0, 3.954)];
        let tiles = covering(&[line], 500.0, 16..=16);
        let (a, b) = (tile_of(45.0, 3.7, 16), tile_of(45.0, 3.954, 16));
        for x in a.x..=b.x {
            assert!(tiles.contains(&Tile { z: 16, x, y: a.y }), "column {x}");
        }
    }
}

//! The map's tiles, read out of the stored packs: the webview asks `/tiles/<site>/<z>/<x>/<y>`
//! and nothing comes from the network.

use dioxus::desktop::wry::http::{Response, StatusCode};
use dioxus::prelude::*;
use velay_core::maps::Tile;

use crate::state::AppState;

/// `/tiles/<site>/<z>/<x>/<y>`, read: a site id and a tile on the grid.
fn parse(path: &str) -> Option<(String, Tile)> {
    let mut parts = path.trim_matches('/').split('/');
    let (_, site, z, x, y) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let slug = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    if parts.next().is_some() || site.is_empty() || site.len() > 64 || !site.chars().all(slug) {
        return None;
    }
    let z: u8 = z.parse().ok().filter(|z| *z <= 24)?;
    let (x, y): (u32, u32) = (x.parse().ok()?, y.trim_end_matches(".png").parse().ok()?);
    let n = 1u64 << z;
    (u64::from(x) < n && u64::from(y) < n).then(|| (site.to_string(), Tile { z, x, y }))
}

/// Serves the map's tiles out of the stored packs, from the app's root.
pub fn use_tile_handler(state: AppState) {
    dioxus::desktop::use_asset_handler("tiles", move |request, responder| {
        let state = state.clone();
        let path = request.uri().path().to_string();
        spawn(async move {
            let found = match parse(&path) {
                Some((site, tile)) => match state.packs.reader(&site).await {
                    Some(reader) => reader.tile(tile).await.map(|img| (reader.content_type(), img)),
                    None => None,
                },
                None => None,
            };
            let response = match found {
                Some((kind, img)) => Response::builder()
                    .header("Content-Type", kind)
                    .header("Cache-Control", "max-age=3600")
                    .body(img),
                // No pack, or no such tile in it: the map keeps its plain background there.
                None => Response::builder().status(StatusCode::NOT_FOUND).body(Vec::new()),
            };
            if let Ok(response) = response {
                responder.respond(response);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_paths_read_only_as_a_site_and_a_tile_on_the_grid() {
        assert_eq!(
            parse("/tiles/le-puy/14/8368/5890"),
            Some((
                "le-puy".into(),
                Tile {
                    z: 14,
                    x: 8368,
                    y: 5890
                }
            ))
        );
        assert_eq!(parse("/tiles/le-puy/1/2/0"), None, "x outside zoom 1's grid");
        assert_eq!(parse("/tiles/../14/1/1"), None);
        assert_eq!(parse("/tiles/le-puy/14/1"), None);
        assert_eq!(parse("/tiles/le-puy/14/1/1/9"), None);
        assert_eq!(parse("/tiles/Le_Puy/14/1/1"), None);
    }
}

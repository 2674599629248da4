//! A route on a real map: Leaflet (bundled, BSD-2-Clause) over the tiles of the site's stored
//! pack, the track, its points of interest and stops, and during a walk the walker. With no pack
//! on the device the same map draws on a plain background and says which pack to download:
//! never blank, never an error. The map's own behaviour is in `assets/route_map.js`.

use dioxus::prelude::*;
use serde_json::json;
use velay_core::route::{simplify_for_display, DISPLAY_TOLERANCE_M};
use velay_core::{Lang, Route};

use super::TrackMap;
use crate::i18n::{colon, size, t, Msg};
use crate::nav::Page;
use crate::state::use_app;
use velay_core::maps::MapPack;

const LEAFLET_JS: &str = include_str!("../../assets/vendor/leaflet/leaflet.js");
const LEAFLET_CSS: &str = include_str!("../../assets/vendor/leaflet/leaflet.css");
const MAP_JS: &str = include_str!("../../assets/route_map.js");

/// Loads Leaflet and the map's script into the window, once: a moment after the first screen,
/// so that the first route page opened draws its map at once and startup is not slowed.
pub async fn load_map_script() {
    let loaded = document::eval("return !!(window.L && window.velayMap);")
        .join::<bool>()
        .await;
    if !matches!(loaded, Ok(true)) {
        let css = serde_json::to_string(LEAFLET_CSS).unwrap_or_default();
        // Guarded again in the page: two pages may ask at once, and the second must not load it
        // over the first's maps.
        let code = format!("if (!window.velayMap) {{\n{LEAFLET_JS}\n;{MAP_JS}\n;velayMap.css({css});\n}}");
        let _ = document::eval(&code).await;
    }
}

/// The profile the map points at, drawn by [`super::ProfilePlot`] with this id.
pub fn profile_id(route: &str) -> String {
    format!("profile-{route}")
}

/// The walker on the map: where, how sure the fix is (metres), and the way they head (degrees
/// from north), when known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Walker {
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: f64,
    pub heading: Option<f64>,
}

/// What the map draws, as the script takes it.
fn options(route: &Route, lang: Lang, tiles: Option<&velay_core::maps::MapPack>, following: bool) -> serde_json::Value {
    let simple = simplify_for_display(&route.track, DISPLAY_TOLERANCE_M);
    // Distances along the drawn line, scaled to the route's length so that both ends agree
    // with the profile.
    let mut along = vec![0.0];
    for pair in simple.windows(2) {
        let d = velay_core::route::LocalPlane::new(pair[0].lat(), pair[0].lon()).to_xy(pair[1].lat(), pair[1].lon());
        along.push(along.last().copied().unwrap_or(0.0) + d[0].hypot(d[1]));
    }
    let scale = route.figures.length_m / along.last().copied().filter(|l| *l > 0.0).unwrap_or(1.0);
    let track: Vec<[f64; 3]> = simple
        .iter()
        .zip(&along)
        .map(|(p, d)| [p.lat(), p.lon(), d * scale])
        .collect();
    let pois: Vec<serde_json::Value> = route
        .pois
        .iter()
        .enumerate()
        .map(|(i, p)| json!([p.lat, p.lon, i + 1, p.name.get(lang)]))
        .collect();
    let mut stops = Vec::new();
    if let (Some(first), Some(last)) = (route.track.first(), route.track.last()) {
        stops.push(json!([
            first.lat(),
            first.lon(),
            format!("{} {}", t(lang, Msg::StartStop), route.start_stop.name),
            "#2f6b4f"
        ]));
        stops.push(json!([
            last.lat(),
            last.lon(),
            format!("{} {}", t(lang, Msg::EndStop), route.end_stop.name),
            "#a4471c"
        ]));
    }
    json!({
        "id": format!("map-{}", route.id),
        "track": track,
        "pois": pois,
        "stops": stops,
        "following": following,
        "profile": { "id": profile_id(&route.id), "left": 44.0, "width": 360.0, "length": route.figures.length_m },
        "labels": { "north": t(lang, Msg::MapNorth), "recentre": t(lang, Msg::MapRecentre) },
        "tiles": tiles.map(|p| json!({
            "url": format!("/tiles/{}/{{z}}/{{x}}/{{y}}", p.site),
            "min": p.min_zoom,
            "max": p.max_zoom,
            "bounds": [[p.bounds[1], p.bounds[0]], [p.bounds[3], p.bounds[2]]],
            "attribution": format!("{} · {}", p.attribution, p.source),
        })),
    })
}

/// The stored pack of `site` to draw on, or the note that says which to download.
pub fn use_site_map(site: &str, lang: Lang) -> (Option<MapPack>, Option<String>) {
    let state = use_app();
    let stored = state.packs.stored(site);
    // The note is a hint beside the map: a store that cannot list packs just gives no size.
    let note = match (&stored, state.pack_line(site).ok().flatten()) {
        (Some(_), _) => None,
        (None, Some(line)) => {
            Some(format!("{} ({}) :", t(lang, Msg::PackNeeded), size(lang, line.pack.bytes)).replace(" :", colon(lang)))
        }
        (None, None) => Some(t(lang, Msg::PackMissing).to_string()),
    };
    (stored, note)
}

/// The map, from plain data (see [`use_site_map`]), so that a page renders in tests without a
/// store. Inside, the track drawn as SVG stands until the map is up (and in those tests).
#[component]
pub fn RouteMap(
    route: Route,
    lang: Lang,
    pack: Option<MapPack>,
    note: Option<String>,
    walker: Option<Walker>,
    /// On the follow page: the map follows the walker until they move it.
    #[props(default)]
    following: bool,
) -> Element {
    let id = format!("map-{}", route.id);
    let mut opts = options(&route, lang, pack.as_ref(), following);
    // For scripts/bench/map.py: when the page was mounted, and whether to time panning.
    let mounted_at = use_hook(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    });
    opts["mountedAt"] = json!(mounted_at);
    opts["bench"] = json!(std::env::var_os("VELAY_MAP_BENCH").is_some());
    let opts = opts.to_string();
    // Made again when what it draws changes: a pack stored or deleted, the language.
    use_effect(use_reactive!(|opts| {
        spawn(async move {
            load_map_script().await;
            let _ = document::eval(&format!("velayMap.create({opts});")).await;
        });
    }));
    let map_id = id.clone();
    use_effect(use_reactive!(|walker| {
        if let Some(w) = walker {
            let heading = w.heading.map_or("null".to_string(), |h| format!("{h:.0}"));
            let call = format!(
                "velayMap.position({:?}, {}, {}, {}, {heading});",
                map_id,
                w.lat,
                w.lon,
                w.accuracy_m.max(3.0)
            );
            document::eval(&call);
        }
    }));
    let position = walker.map(|w| (w.lat, w.lon));
    rsx! {
        div { class: "route-map", id: "{id}", "data-testid": "route-map", tabindex: "0",
            aria_label: "{t(lang, Msg::Map)}: {route.name.get(lang)}",
            TrackMap { route: route.clone(), position }
        }
        input { r#type: "hidden", id: "{id}-timing", "data-testid": "map-timing" }
        if let Some(note) = note {
            p { class: "map-note", "data-testid": "map-note",
                {note} " "
                Link { to: Page::SyncScreen {}, "data-testid": "map-note-link", {t(lang, Msg::OfflineMaps)} }
            }
        }
    }
}

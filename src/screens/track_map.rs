//! A route drawn as SVG on a plain background: its track, its points of interest numbered, its
//! start and end, and where the walker is. Needs no tiles, so it is never blank offline.

use dioxus::prelude::*;
use velay_core::route::{simplify_for_display, BoundingBox, LocalPlane, DISPLAY_TOLERANCE_M};
use velay_core::Route;

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 260.0;
const MARGIN: f64 = 16.0;

/// Fits a route's plane into the drawing, north up, keeping its proportions.
struct Frame {
    plane: LocalPlane,
    scale: f64,
    offset: [f64; 2],
}

impl Frame {
    fn of(route: &Route) -> Option<Frame> {
        let b = BoundingBox::of(&route.track)?;
        let plane = LocalPlane::new((b.min_lat + b.max_lat) / 2.0, (b.min_lon + b.max_lon) / 2.0);
        let [x0, y0] = plane.to_xy(b.min_lat, b.min_lon);
        let [x1, y1] = plane.to_xy(b.max_lat, b.max_lon);
        let scale = ((WIDTH - 2.0 * MARGIN) / (x1 - x0).max(1.0)).min((HEIGHT - 2.0 * MARGIN) / (y1 - y0).max(1.0));
        // Centre the drawing in the frame.
        let offset = [
            WIDTH / 2.0 - scale * (x0 + x1) / 2.0,
            HEIGHT / 2.0 + scale * (y0 + y1) / 2.0,
        ];
        Some(Frame { plane, scale, offset })
    }

    /// SVG coordinates (y down) of a point in degrees.
    fn at(&self, lat: f64, lon: f64) -> (f64, f64) {
        let [x, y] = self.plane.to_xy(lat, lon);
        (self.offset[0] + self.scale * x, self.offset[1] - self.scale * y)
    }
}

#[component]
pub fn TrackMap(route: Route, position: Option<(f64, f64)>) -> Element {
    let Some(frame) = Frame::of(&route) else {
        return rsx! {};
    };
    let line: String = simplify_for_display(&route.track, DISPLAY_TOLERANCE_M)
        .iter()
        .map(|p| {
            let (x, y) = frame.at(p.lat(), p.lon());
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let first = route.track.first().map(|p| frame.at(p.lat(), p.lon()));
    let last = route.track.last().map(|p| frame.at(p.lat(), p.lon()));
    let pois: Vec<(usize, f64, f64)> = route
        .pois
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = frame.at(p.lat, p.lon);
            (i + 1, x, y)
        })
        .collect();
    let here = position.map(|(lat, lon)| frame.at(lat, lon));
    rsx! {
        svg {
            class: "track-map",
            view_box: "0 0 {WIDTH} {HEIGHT}",
            width: "100%",
            role: "img",
            rect { x: "0", y: "0", width: "{WIDTH}", height: "{HEIGHT}", class: "paper" }
            polyline { class: "track", points: "{line}" }
            if let Some((x, y)) = last {
                circle { class: "end", cx: "{x:.1}", cy: "{y:.1}", r: "8" }
            }
            if let Some((x, y)) = first {
                circle { class: "start", cx: "{x:.1}", cy: "{y:.1}", r: "5" }
            }
            for (n, x, y) in pois {
                g { key: "{n}", class: "poi",
                    circle { cx: "{x:.1}", cy: "{y:.1}", r: "8" }
                    text { x: "{x:.1}", y: "{y + 4.0:.1}", text_anchor: "middle", "{n}" }
                }
            }
            if let Some((x, y)) = here {
                circle { class: "here", cx: "{x:.1}", cy: "{y:.1}", r: "7" }
            }
        }
    }
}

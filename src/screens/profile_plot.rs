//! A route's elevation profile as SVG: elevation against distance, with its points of interest
//! marked where the walker passes them.

use dioxus::prelude::*;
use velay_core::route::profile;
use velay_core::{Lang, Route};

use crate::i18n::{km, t, Msg};

const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 140.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 18.0;
const TOP: f64 = 8.0;
/// More points than pixels is wasted work for the webview.
const MAX_POINTS: usize = 360;

#[component]
pub fn ProfilePlot(route: Route, lang: Lang, done_m: Option<f64>) -> Element {
    let series = profile(&route.track);
    let length = route.figures.length_m.max(1.0);
    if series.len() < 2 {
        return rsx! {
            p { class: "no-elevation", {t(lang, Msg::NoElevation)} }
        };
    }
    let (lo, hi) = series.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.elevation_m), hi.max(p.elevation_m))
    });
    // At least 50 m of height, so a flat walk looks flat.
    let (lo, hi) = if hi - lo < 50.0 {
        ((lo + hi) / 2.0 - 25.0, (lo + hi) / 2.0 + 25.0)
    } else {
        (lo, hi)
    };
    let x = move |d: f64| LEFT + (WIDTH - LEFT - 4.0) * (d / length).clamp(0.0, 1.0);
    let y = move |e: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - (e - lo) / (hi - lo));
    let step = series.len().div_ceil(MAX_POINTS);
    let mut points: Vec<String> = series
        .iter()
        .step_by(step)
        .map(|p| format!("{:.1},{:.1}", x(p.distance_m), y(p.elevation_m)))
        .collect();
    if let Some(p) = series.last() {
        points.push(format!("{:.1},{:.1}", x(p.distance_m), y(p.elevation_m)));
    }
    let base = HEIGHT - BOTTOM;
    let area = format!("{:.1},{base} {} {:.1},{base}", x(0.0), points.join(" "), x(length));
    let marks: Vec<(usize, f64)> = route
        .poi_distances()
        .into_iter()
        .enumerate()
        .map(|(i, d)| (i + 1, x(d)))
        .collect();
    let done = done_m.map(x);
    rsx! {
        svg {
            class: "profile",
            id: super::route_map::profile_id(&route.id),
            view_box: "0 0 {WIDTH} {HEIGHT}",
            width: "100%",
            role: "img",
            polygon { class: "ground", points: "{area}" }
            polyline { class: "elevation", points: "{points.join(\" \")}" }
            text { class: "axis", x: "{LEFT - 4.0}", y: "{TOP + 8.0}", text_anchor: "end", "{hi:.0} m" }
            text { class: "axis", x: "{LEFT - 4.0}", y: "{base}", text_anchor: "end", "{lo:.0} m" }
            text { class: "axis", x: "{LEFT}", y: "{HEIGHT - 4.0}", "0" }
            text { class: "axis", x: "{WIDTH - 4.0}", y: "{HEIGHT - 4.0}", text_anchor: "end", {km(lang, length)} }
            for (n, mx) in marks {
                g { key: "{n}", class: "poi-mark",
                    line { x1: "{mx:.1}", x2: "{mx:.1}", y1: "{TOP}", y2: "{base}" }
                    text { x: "{mx:.1}", y: "{TOP + 10.0}", text_anchor: "middle", "{n}" }
                }
            }
            // Where the map points (set by assets/route_map.js when either is touched).
            line { class: "pointed", y1: "{TOP}", y2: "{base}", visibility: "hidden" }
            if let Some(dx) = done {
                line { class: "done", x1: "{dx:.1}", x2: "{dx:.1}", y1: "{TOP}", y2: "{base}" }
            }
        }
    }
}

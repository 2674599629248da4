//! Importing a GPX file from a path on the device, and the tracks imported so far.

use dioxus::prelude::*;
use velay_core::route::GpxFile;
use velay_core::Lang;

use crate::i18n::{duration, km, t, Msg};
use crate::state::{use_app, AppError};

#[component]
pub fn ImportScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let mut path = use_signal(String::new);
    let mut outcome = use_signal(|| None::<Result<GpxFile, AppError>>);
    // Bumped after an import so that the list is read again.
    let mut imports = use_signal(|| 0u32);
    imports.read();
    let imported = state.imported();
    let import = move |_| {
        let p = path.peek().trim().to_string();
        if p.is_empty() {
            return;
        }
        outcome.set(Some(state.import_gpx(std::path::Path::new(&p))));
        *imports.write() += 1;
    };
    rsx! {
        section { class: "import",
            h2 { {t(lang, Msg::ImportTitle)} }
            label { r#for: "gpx-path", {t(lang, Msg::ImportPath)} }
            input {
                id: "gpx-path",
                r#type: "text",
                placeholder: "/home/…/walk.gpx",
                initial_value: "{path}",
                oninput: move |e| path.set(e.value()),
            }
            button { class: "primary", onclick: import, {t(lang, Msg::ImportButton)} }
            match outcome() {
                Some(Ok(file)) => rsx! {
                    p { class: "saved", role: "status", "{t(lang, Msg::Imported)} " }
                    TrackSummary { file, lang }
                },
                Some(Err(e)) => rsx! { p { class: "error", role: "alert", {e.text(lang)} } },
                None => rsx! {},
            }
            h3 { {t(lang, Msg::ImportedTracks)} }
            match imported {
                Ok(list) => rsx! {
                    ul { class: "imported",
                        for (id, file) in list.into_iter().rev() {
                            li { key: "{id}", TrackSummary { file, lang } }
                        }
                    }
                },
                Err(e) => rsx! { p { class: "error", role: "alert", {e.text(lang)} } },
            }
        }
    }
}

/// An imported track's name and figures.
#[component]
pub fn TrackSummary(file: GpxFile, lang: Lang) -> Element {
    let line = file.line();
    let stretches = file.stretches();
    // Figures per stretch: the jumps between a trek's days or a device's pauses are not walked.
    let f = stretches.figures();
    let gaps = stretches
        .gaps()
        .map(|g| crate::i18n::gaps_left_out(lang, g.segments, g.gaps));
    let name = file.display_name().unwrap_or("GPX").to_string();
    rsx! {
        div { class: "track-summary",
            strong { {name} }
            p { class: "figures",
                span { {km(lang, f.length_m)} }
                span { {duration(lang, f.duration_min)} }
                span { "{t(lang, Msg::Ascent)} {f.ascent_m:.0} m" }
                span { "{line.len()} {t(lang, Msg::Points)}" }
            }
            if let Some(gaps) = gaps {
                p { class: "note", {gaps} }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_imported_track_shows_its_name_and_figures() {
        let bytes = br#"<gpx version="1.1"><trk><name>Aiguilhe</name><trkseg>
            <trkpt lat="45.0428" lon="3.8926"><ele>630</ele></trkpt>
            <trkpt lat="45.0499" lon="3.8810"><ele>680</ele></trkpt></trkseg></trk></gpx>"#;
        let file = GpxFile::read("aiguilhe.gpx", bytes).unwrap();
        let html = dioxus_ssr::render_element(rsx! { TrackSummary { file, lang: Lang::Fr } });
        assert!(
            html.contains("Aiguilhe") && html.contains("2 points") && html.contains("D+ 50 m"),
            "{html}"
        );
    }

    #[test]
    fn a_two_day_trek_is_not_joined_by_a_straight_line_and_says_so() {
        // Day 1 around Le Puy, day 2 from Le Monastier, 17 km away: 0.9 km walked, not 18.
        let bytes = br#"<gpx version="1.1"><trk><name>Trek</name>
            <trkseg><trkpt lat="45.0428" lon="3.8926"/><trkpt lat="45.0468" lon="3.8926"/></trkseg>
            <trkseg><trkpt lat="44.9390" lon="3.9940"/><trkpt lat="44.9430" lon="3.9940"/></trkseg></trk></gpx>"#;
        let file = GpxFile::read("trek.gpx", bytes).unwrap();
        let html = dioxus_ssr::render_element(rsx! { TrackSummary { file, lang: Lang::En } });
        assert!(html.contains("0.9 km"), "{html}");
        assert!(
            html.contains("2 segments; 1 gap of more than 50 m is not counted as walked."),
            "{html}"
        );
    }
}

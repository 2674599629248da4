//! Offline maps: each site's pack with its size before download, a progress bar, pause, resume,
//! cancel and delete, on the sync page (the app's settings); a site's card on the home page
//! links here with its pack's size and state.

use dioxus::prelude::*;
use velay_core::maps::download::Stored;
use velay_core::Lang;

use crate::i18n::{size, t, Msg};
use crate::state::use_app;
use crate::state::{PackLine, Transfer};

/// Every published pack.
#[component]
pub fn OfflineMaps() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let lines = state.pack_lines()?;
    let names: Vec<(String, String)> = state
        .sites()?
        .into_iter()
        .map(|s| (s.id, s.name.get(lang).to_string()))
        .collect();
    rsx! {
        section { class: "offline-maps", "data-testid": "offline-maps",
            h3 { {t(lang, Msg::OfflineMaps)} }
            p { class: "hint", {t(lang, Msg::OfflineMapsIntro)} }
            if lines.is_empty() {
                p { class: "empty", {t(lang, Msg::NoPacks)} }
            }
            for line in lines {
                PackRow {
                    key: "{line.pack.site}",
                    name: names.iter().find(|(id, _)| *id == line.pack.site).map(|(_, n)| n.clone()).unwrap_or(line.pack.site.clone()),
                    line,
                    lang,
                }
            }
        }
    }
}

#[component]
fn PackRow(name: String, line: PackLine, lang: Lang) -> Element {
    let state = use_app();
    let site = line.pack.site.clone();
    let pack = line.pack.clone();
    let total = pack.bytes;
    let (status, done) = match (&line.transfer, &line.stored) {
        (Some(Transfer::Running { done, total }), _) => {
            (format!("{} / {}", size(lang, *done), size(lang, *total)), Some(*done))
        }
        (Some(Transfer::Paused { done, .. }), _) => (
            format!("{} · {}", t(lang, Msg::PackPaused), size(lang, *done)),
            Some(*done),
        ),
        (Some(Transfer::Failed(why)), _) => (format!("{} {why}", t(lang, Msg::PackFailed)), None),
        (None, Stored::Whole { current: true, .. }) => (t(lang, Msg::PackStored).to_string(), None),
        (None, Stored::Whole { current: false, .. }) => (t(lang, Msg::PackOutdated).to_string(), None),
        (None, Stored::Partial(n)) => (format!("{} · {}", t(lang, Msg::PackPaused), size(lang, *n)), Some(*n)),
        (None, Stored::None) => (String::new(), None),
    };
    let running = matches!(line.transfer, Some(Transfer::Running { .. }));
    let partial = matches!(line.transfer, Some(Transfer::Paused { .. })) || matches!(line.stored, Stored::Partial(_));
    let whole = matches!(line.stored, Stored::Whole { .. });
    let outdated = matches!(line.stored, Stored::Whole { current: false, .. });
    let (s1, s2, s3) = (state.clone(), state.clone(), state.clone());
    let (p1, site2, site3, site4) = (pack.clone(), site.clone(), site.clone(), site.clone());
    rsx! {
        div { class: "pack", "data-testid": "pack-{site}",
            div { class: "pack-head",
                strong { {name} }
                span { class: "pack-size", {size(lang, total)} }
            }
            if let Some(done) = done {
                progress { max: "{total}", value: "{done}", "data-testid": "pack-progress-{site}" }
            }
            if !status.is_empty() {
                p { class: "pack-status", "data-testid": "pack-status-{site}", {status} }
            }
            div { class: "pack-actions",
                if running {
                    button { "data-testid": "pack-pause-{site}", onclick: move |_| s1.packs.pause(&site2), {t(lang, Msg::PackPause)} }
                } else if !whole || outdated {
                    button { class: "primary", "data-testid": "pack-download-{site}",
                        onclick: move |_| s1.packs.download(&s1.server, p1.clone()),
                        {t(lang, if partial { Msg::PackResume } else if outdated { Msg::PackUpdate } else { Msg::PackDownload })}
                    }
                }
                if running || partial {
                    button { "data-testid": "pack-cancel-{site}", onclick: move |_| s2.packs.delete(&site3), {t(lang, Msg::PackCancel)} }
                } else if whole {
                    button { "data-testid": "pack-delete-{site}", onclick: move |_| s3.packs.delete(&site4), {t(lang, Msg::PackDelete)} }
                }
            }
        }
    }
}

//! The bar at the top: the app's name, where sync stands, and the language switch.

use dioxus::prelude::*;
use velay_core::Lang;

use crate::i18n::{t, Msg};
use crate::state::{use_app, SyncStatus};

#[component]
pub fn Header() -> Element {
    let mut state = use_app();
    let lang = (state.lang)();
    let status = (state.sync)();
    let other = match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    rsx! {
        header { class: "bar",
            h1 { {t(lang, Msg::AppName)} }
            SyncBadge { status, lang }
            button {
                class: "lang",
                title: other.code(),
                onclick: move |_| state.lang.set(other),
                {other.code().to_uppercase()}
            }
        }
    }
}

/// "Offline · bundled content", "Syncing…" or "Up to date at 14:02".
#[component]
pub fn SyncBadge(status: SyncStatus, lang: Lang) -> Element {
    let (class, text) = match &status {
        SyncStatus::NotYet => ("sync", t(lang, Msg::BundledContent).to_string()),
        SyncStatus::Syncing(_) => ("sync busy", t(lang, Msg::Syncing).to_string()),
        SyncStatus::Synced { at } => ("sync ok", format!("{} {}", t(lang, Msg::SyncedAt), at.format("%H:%M"))),
        SyncStatus::Offline { since: None } => (
            "sync off",
            format!("{} · {}", t(lang, Msg::Offline), t(lang, Msg::BundledContent)),
        ),
        SyncStatus::Offline { since: Some(at) } => (
            "sync off",
            format!("{} · {}", t(lang, Msg::Offline), at.format("%H:%M")),
        ),
    };
    rsx! {
        span { class, role: "status", {text} }
    }
}

//! The bar at the top: the app's name, where sync stands, and the language switch.

use chrono::NaiveDateTime;
use dioxus::prelude::*;
use velay_core::Lang;

use crate::i18n::{language_name, moment, t, Msg};
use crate::state::{use_app, SyncStatus};

#[component]
pub fn Header() -> Element {
    let mut state = use_app();
    let lang = (state.lang)();
    let status = (state.sync)();
    let last = state.last_sync().map(|t| t.naive_local());
    let now = state.clock.local_now();
    let other = match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    rsx! {
        header { class: "bar",
            h1 { {t(lang, Msg::AppName)} }
            SyncBadge { status, last, now, lang }
            button {
                class: "lang",
                "data-testid": "lang",
                "aria-label": language_name(lang, other.code()),
                onclick: move |_| state.choose_lang(other),
                {other.code().to_uppercase()}
            }
        }
    }
}

/// "Up to date at 14:02", "Syncing…", "Offline · synced 30 November, 14:02", or "bundled
/// content" when this device has never synced: `last` is the last sync that went through, kept
/// in the store across runs, and `now` the territory's.
#[component]
pub fn SyncBadge(status: SyncStatus, last: Option<NaiveDateTime>, now: NaiveDateTime, lang: Lang) -> Element {
    let content = match last {
        Some(at) => format!("{} {}", t(lang, Msg::SyncedOn), moment(lang, at, now)),
        None => t(lang, Msg::BundledContent).to_string(),
    };
    let (class, text) = match &status {
        SyncStatus::NotYet => ("sync", content),
        SyncStatus::Syncing(_) => ("sync busy", t(lang, Msg::Syncing).to_string()),
        SyncStatus::Synced { at } => ("sync ok", format!("{} {}", t(lang, Msg::SyncedAt), at.format("%H:%M"))),
        SyncStatus::Offline { .. } => ("sync off", format!("{} · {content}", t(lang, Msg::Offline))),
    };
    rsx! {
        span { class, role: "status", {text} }
    }
}

//! Sync and settings: whether the server answers, the last sync, each user write and where it
//! stands, "sync now", the data kept on the device, the server address, the language.

use dioxus::prelude::*;
use velay_core::mutation::{Entry, EntryState, Op};
use velay_core::{Lang, Route};

use crate::i18n::{moment, size, t, unreachable, Msg};
use crate::state::{use_app, SyncStatus};

#[component]
pub fn SyncScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let status = (state.sync)();
    let now = state.clock.local_now();
    let last = state.last_sync().map(|t| moment(lang, t.naive_local(), now));
    let outbox = state.outbox();
    let routes = state.routes().unwrap_or_default();
    let data_size = state.data_size();
    let server = state.server.clone();
    let mut for_button = state.clone();
    rsx! {
        section { class: "sync-screen",
            h2 { {t(lang, Msg::SyncTitle)} }
            dl { class: "facts",
                dt { {t(lang, Msg::Server)} }
                dd { "{server}" }
                dt { {t(lang, Msg::Status)} }
                dd { "data-testid": "connection", {connection(lang, &status)} }
                dt { {t(lang, Msg::LastSync)} }
                dd { {last.unwrap_or_else(|| t(lang, Msg::Never).to_string())} }
                dt { {t(lang, Msg::DataSize)} }
                dd { {size(lang, data_size)} }
            }
            if let SyncStatus::Syncing(Some(p)) = status {
                label { class: "progress",
                    {t(lang, Msg::Received)}
                    progress { max: "{p.head}", value: "{p.cursor}" }
                }
            }
            button {
                class: "primary",
                "data-testid": "sync-now",
                onclick: move |_| for_button.sync_now(),
                {t(lang, Msg::SyncNow)}
            }
            div { class: "language",
                span { {t(lang, Msg::Language)} }
                for l in Lang::ALL {
                    button {
                        class: if l == lang { "chip on" } else { "chip" },
                        onclick: {
                            let mut state = state.clone();
                            move |_| state.choose_lang(l)
                        },
                        {l.code().to_uppercase()}
                    }
                }
            }
            h3 { {t(lang, Msg::Outbox)} }
            match outbox {
                Ok(entries) => rsx! { OutboxList { entries, routes: routes.clone(), lang } },
                Err(e) => rsx! { p { class: "error", role: "alert", "{t(lang, Msg::StoreError)} {e}" } },
            }
            NoteForm { routes, lang }
        }
    }
}

fn connection(lang: Lang, status: &SyncStatus) -> String {
    match status {
        SyncStatus::Synced { .. } => t(lang, Msg::Online).to_string(),
        SyncStatus::Syncing(_) => t(lang, Msg::Syncing).to_string(),
        SyncStatus::Offline { tried } => unreachable(lang, &tried.format("%H:%M").to_string()),
        SyncStatus::NotYet => t(lang, Msg::Offline).to_string(),
    }
}

/// Each user write, newest first, with its state and when it got there.
#[component]
pub fn OutboxList(entries: Vec<Entry>, routes: Vec<Route>, lang: Lang) -> Element {
    if entries.is_empty() {
        return rsx! { p { class: "empty", {t(lang, Msg::OutboxEmpty)} } };
    }
    let route_name = |id: &str| routes.iter().find(|r| r.id == id).map(|r| r.name.get(lang).to_string());
    rsx! {
        ul { class: "outbox",
            for entry in entries.iter().rev() {
                li { key: "{entry.mutation.id}", class: "entry",
                    {
                        let (what, text) = match &entry.mutation.op {
                            Op::Feedback { route, text } => {
                                let name = route_name(route).unwrap_or_else(|| route.clone());
                                (format!("{} {name}", t(lang, Msg::NoteAbout)), text.clone())
                            }
                            Op::RequestMeeting { slot, party, .. } => {
                                (format!("{} · {slot}", t(lang, Msg::RequestTitle)), format!("{party} pers."))
                            }
                            Op::CancelRequest { request } => (t(lang, Msg::CancelRequest).to_string(), request.to_string()),
                        };
                        rsx! {
                            div { class: "what", "{what}" }
                            div { class: "text", "{text}" }
                        }
                    }
                    EntryBadge { state: entry.state.clone(), lang }
                }
            }
        }
    }
}

#[component]
fn EntryBadge(state: EntryState, lang: Lang) -> Element {
    let local = |at: &chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono::Local).format("%d/%m %H:%M").to_string();
    let (class, text) = match &state {
        EntryState::Queued => ("state queued", t(lang, Msg::StateQueued).to_string()),
        EntryState::Sent { at } => ("state sent", format!("{} · {}", t(lang, Msg::StateSent), local(at))),
        EntryState::Accepted { at } => (
            "state accepted",
            format!("{} · {}", t(lang, Msg::StateAccepted), local(at)),
        ),
        EntryState::Refused { at, reason } => (
            "state refused",
            format!("{} · {} · {reason}", t(lang, Msg::StateRefused), local(at)),
        ),
    };
    rsx! { div { class, {text} } }
}

/// A note to the team about a route. Saved on the device before it says so.
#[component]
fn NoteForm(routes: Vec<Route>, lang: Lang) -> Element {
    let mut state = use_app();
    let mut route = use_signal(|| routes.first().map(|r| r.id.clone()).unwrap_or_default());
    let mut text = use_signal(String::new);
    // The textarea is left uncontrolled (a value bound on every keystroke drops fast typing);
    // a new key after sending gives an empty one.
    let mut generation = use_signal(|| 0u32);
    let mut outcome = use_signal(|| None::<Result<(), String>>);
    rsx! {
        // A div, not a form: a submitted form would make the webview load a new page.
        div { class: "note-form",
            h3 { {t(lang, Msg::NoteTitle)} }
            label { {t(lang, Msg::NoteRoute)}
                select { onchange: move |e| route.set(e.value()),
                    for r in routes.iter() {
                        option { value: "{r.id}", selected: r.id == route(), {r.name.get(lang)} }
                    }
                }
            }
            label { {t(lang, Msg::NoteText)}
                for g in [generation()] {
                    textarea {
                        key: "{g}",
                        rows: "3",
                        "data-testid": "note-text",
                        oninput: move |e| text.set(e.value()),
                    }
                }
            }
            button {
                r#type: "button",
                class: "primary",
                "data-testid": "note-send",
                onclick: move |_| {
                    let result = state.queue(Op::Feedback { route: route(), text: text() }).map(|_| ());
                    if result.is_ok() {
                        text.set(String::new());
                        generation += 1;
                    }
                    outcome.set(Some(result));
                },
                {t(lang, Msg::NoteSend)}
            }
            match outcome() {
                Some(Ok(())) => rsx! { p { class: "note-saved", role: "status", {t(lang, Msg::NoteSaved)} } },
                Some(Err(e)) => rsx! { p { class: "error", role: "alert", {e} } },
                None => rsx! {},
            }
        }
    }
}

/// Tells the user, once, what opening the store had to repair or set aside.
#[component]
pub fn StoreNotice() -> Element {
    let mut state = use_app();
    let lang = (state.lang)();
    let report = (state.open_report)();
    if !report.content_repaired && report.unreadable.is_empty() && report.moved_aside.is_none() {
        return rsx! {};
    }
    rsx! {
        div { class: "notice", role: "alert",
            if report.content_repaired {
                p { {t(lang, Msg::StoreRepaired)} }
            }
            if !report.unreadable.is_empty() || report.moved_aside.is_some() {
                p { {t(lang, Msg::StoreSetAside)} }
                ul {
                    for entry in report.unreadable.iter() {
                        li { "{entry}" }
                    }
                    if let Some(aside) = report.moved_aside.as_ref() {
                        li { "{aside.display()}" }
                    }
                }
            }
            button { onclick: move |_| state.open_report.set(Default::default()), {t(lang, Msg::Dismiss)} }
        }
    }
}

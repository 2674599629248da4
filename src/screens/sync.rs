//! Sync and settings: whether the server answers, the last sync, each user write and where it
//! stands, "sync now", the data kept on the device, the server address, the language.

use dioxus::prelude::*;
use velay_core::greeter::{Greeter, Slot};
use velay_core::mutation::{Entry, EntryState, Op};
use velay_core::{Lang, Route};

use crate::i18n::{colon, day_month, moment, people, size, t, unreachable, Msg};
use crate::refusals::refusal;
use crate::state::{use_app, AppError, SyncStatus};

#[component]
pub fn SyncScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let status = (state.sync)();
    let now = state.clock.local_now();
    let last = state.last_sync().map(|t| moment(lang, t.naive_local(), now));
    let entries = state.outbox()?;
    let routes = state.routes()?;
    // Entries are described by name: without them, a request reads "a slot no longer offered".
    // Each request's slot as the request keeps it, past or since changed by its rule.
    let greeters = state.greeters()?;
    let slots: Vec<Slot> = state.requests()?.into_iter().filter_map(|r| r.meeting).collect();
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
            Link { class: "big-link", to: crate::nav::Page::AboutScreen {}, "data-testid": "about-link", {t(lang, Msg::AboutData)} }
            h3 { {t(lang, Msg::Outbox)} }
            OutboxList { entries, routes: routes.clone(), greeters, slots, lang }
            NoteForm { routes, lang }
            super::OfflineMaps {}
            // Last on the page: where the log is, to attach to a problem report.
            if let Some(log) = &state.log_file {
                p { class: "log-file", "data-testid": "log-file",
                    "{t(lang, Msg::LogFile)}{colon(lang)}{log.display()}"
                }
            }
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

/// Each user write, newest first, described in words (never by its id), with its state and
/// when it got there.
#[component]
pub fn OutboxList(
    entries: Vec<Entry>,
    routes: Vec<Route>,
    #[props(default)] greeters: Vec<Greeter>,
    #[props(default)] slots: Vec<Slot>,
    lang: Lang,
) -> Element {
    if entries.is_empty() {
        return rsx! { p { class: "empty", {t(lang, Msg::OutboxEmpty)} } };
    }
    rsx! {
        ul { class: "outbox",
            for entry in entries.iter().rev() {
                li { key: "{entry.mutation.id}", class: "entry",
                    {
                        let (what, text) = describe(lang, entry, &entries, &routes, &greeters, &slots);
                        rsx! {
                            div { class: "what", "{what}" }
                            if !text.is_empty() { div { class: "text", "{text}" } }
                        }
                    }
                    EntryBadge { state: entry.state.clone(), lang }
                }
            }
        }
    }
}

/// What an entry is, and what it says: "Demande de rencontre avec Thomas, samedi 12 décembre"
/// and "2 personnes · Bonjour…"; "Note sur l'itinéraire Le Puy, ville haute" and the note.
fn describe(
    lang: Lang,
    entry: &Entry,
    entries: &[Entry],
    routes: &[Route],
    greeters: &[Greeter],
    slots: &[Slot],
) -> (String, String) {
    let meeting = |slot_id: &str| {
        let slot = slots.iter().find(|s| s.id == slot_id);
        let who = slot.and_then(|s| greeters.iter().find(|g| g.id == s.greeter));
        match (slot, who) {
            (Some(s), Some(g)) => format!("{}, {}", g.name, day_month(lang, s.date)),
            _ => t(lang, Msg::SlotGone).to_string(),
        }
    };
    match &entry.mutation.op {
        Op::Feedback { route, text } => {
            let name = routes
                .iter()
                .find(|r| r.id == *route)
                .map(|r| r.name.get(lang).to_string())
                .unwrap_or_else(|| route.clone());
            (format!("{} {name}", t(lang, Msg::NoteAboutRoute)), text.clone())
        }
        Op::RequestMeeting {
            slot, party, message, ..
        } => {
            let text = match message.trim() {
                "" => people(lang, *party),
                m => format!("{} · {m}", people(lang, *party)),
            };
            (format!("{} {}", t(lang, Msg::RequestTo), meeting(slot)), text)
        }
        Op::CancelRequest { request } => {
            let slot = entries.iter().find_map(|e| match &e.mutation.op {
                Op::RequestMeeting { slot, .. } if e.mutation.id == *request => Some(slot.as_str()),
                _ => None,
            });
            let what = slot.map_or_else(|| t(lang, Msg::SlotGone).to_string(), meeting);
            (format!("{} {what}", t(lang, Msg::CancellationOf)), String::new())
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
            format!(
                "{} · {} · {}",
                t(lang, Msg::StateRefused),
                local(at),
                refusal(lang, reason)
            ),
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
    let mut outcome = use_signal(|| None::<Result<(), AppError>>);
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
                    let op = Op::Feedback { route: route(), text: text() };
                    let result = match op.validate() {
                        Ok(()) => state.queue(op).map(|_| ()),
                        Err(e) => Err(AppError::Refused(e.into())),
                    };
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
                Some(Err(e)) => rsx! { p { class: "error", role: "alert", {e.text(lang)} } },
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refusals::tests::every_refusal;
    use crate::screens::greeters::tests::bundled;
    use crate::screens::my_requests::tests::visible;
    use velay_core::greeter::Contact;
    use velay_core::mutation::{Mutation, Refusal};

    fn entry(op: Op, state: EntryState) -> Entry {
        Entry {
            mutation: Mutation::new(op),
            state,
        }
    }

    fn render(entries: Vec<Entry>, greeters: Vec<Greeter>, slots: Vec<Slot>, lang: Lang) -> String {
        #[component]
        fn Harness(entries: Vec<Entry>, greeters: Vec<Greeter>, slots: Vec<Slot>, lang: Lang) -> Element {
            rsx! { OutboxList { entries, routes: vec![], greeters, slots, lang } }
        }
        let mut dom = VirtualDom::new_with_props(
            Harness,
            HarnessProps {
                entries,
                greeters,
                slots,
                lang,
            },
        );
        dom.rebuild_in_place();
        visible(&dioxus_ssr::render(&dom))
    }

    /// A bundled greeter's slot, moved to Saturday 12 December 2026.
    fn fixture() -> (Vec<Greeter>, Slot) {
        let (greeters, slots, _) = bundled();
        let mut slot = slots[0].clone();
        slot.date = chrono::NaiveDate::from_ymd_opt(2026, 12, 12).unwrap();
        (greeters, slot)
    }

    fn ask(slot: &Slot) -> Op {
        Op::RequestMeeting {
            slot: slot.id.clone(),
            party: 2,
            language: "fr".into(),
            message: "Bonjour".into(),
            contact: Contact::Email("anne@example.org".into()),
        }
    }

    #[test]
    fn an_outbox_entry_says_what_it_is_by_name_and_date_never_by_id() {
        let (greeters, slot) = fixture();
        let name = greeters.iter().find(|g| g.id == slot.greeter).unwrap().name.clone();
        let request = entry(ask(&slot), EntryState::Queued);
        let cancel = entry(
            Op::CancelRequest {
                request: request.mutation.id,
            },
            EntryState::Queued,
        );
        let ids = [request.mutation.id.to_string(), cancel.mutation.id.to_string()];
        let text = render(vec![request, cancel], greeters.clone(), vec![slot.clone()], Lang::Fr);
        assert!(
            text.contains(&format!("Demande de rencontre avec {name}, samedi 12 décembre")),
            "{text}"
        );
        assert!(text.contains(&format!("Annulation de la rencontre avec {name}, samedi 12 décembre")));
        assert!(text.contains("2 personnes · Bonjour"));
        let text_en = render(
            vec![entry(ask(&slot), EntryState::Queued)],
            greeters,
            vec![slot.clone()],
            Lang::En,
        );
        assert!(text_en.contains(&format!("Meeting request to {name}, Saturday 12 December")));
        for id in ids.iter().chain([&slot.id]) {
            assert!(!text.contains(id.as_str()), "{id} on screen");
        }
    }

    #[test]
    fn a_refused_entry_reads_its_reason_in_the_chosen_language_and_no_other() {
        let (greeters, slot) = fixture();
        let at = chrono::Utc::now();
        for r in every_refusal() {
            let refused = entry(ask(&slot), EntryState::Refused { at, reason: r.clone() });
            for (lang, other) in [(Lang::Fr, Lang::En), (Lang::En, Lang::Fr)] {
                let text = render(vec![refused.clone()], greeters.clone(), vec![slot.clone()], lang);
                assert!(text.contains(&refusal(lang, &r)), "{lang:?} {r:?}: {text}");
                assert!(!text.contains(&refusal(other, &r)), "{lang:?} {r:?}");
                if lang == Lang::Fr {
                    assert!(!text.contains(&r.to_string()), "{r:?}: the server's English");
                }
            }
        }
        // An entry an older server refused with an English sentence still shows, and says so.
        let old = entry(
            ask(&slot),
            EntryState::Refused {
                at,
                reason: Refusal::Other {
                    reason: "slot full: 0 of 6 seats left, the group is 2".into(),
                },
            },
        );
        let text = render(vec![old], greeters, vec![slot], Lang::Fr);
        assert!(text.contains("qui a répondu en anglais"), "{text}");
    }
}

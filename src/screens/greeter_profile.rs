//! A greeter's profile: the bio, meeting points near a stop, the slots offered, and the request
//! form for the chosen slot (group size, language, message, an e-mail or a phone), checked
//! before it is queued. Once queued the request shows at once on "My requests".

use dioxus::prelude::*;
use velay_core::greeter::{Contact, Greeter, Slot, MAX_PARTY};
use velay_core::mutation::Op;
use velay_core::Lang;

use crate::i18n::{duration, t, Msg};
use crate::nav::Page;
use crate::planning::{self, SlotFit};
use crate::state::use_app;

#[component]
pub fn GreeterScreen(id: String) -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let chosen = use_signal(|| None::<String>);
    let (greeters, slots) = match (state.greeters(), state.slots()) {
        (Ok(g), Ok(s)) => (g, s),
        (Err(e), _) | (_, Err(e)) => {
            return rsx! { p { class: "error", role: "alert", "{t(lang, Msg::StoreError)} {e}" } }
        }
    };
    let Some(greeter) = greeters.into_iter().find(|g| g.id == id) else {
        return rsx! { p { {t(lang, Msg::GreeterNotFound)} } Link { to: Page::GreetersScreen {}, {t(lang, Msg::Back)} } };
    };
    let slots: Vec<Slot> = slots.into_iter().filter(|s| s.greeter == greeter.id).collect();
    // Each slot checked against the trains and buses from the visitor's home station.
    let timetable = state.timetable().ok().flatten();
    let home = timetable
        .as_ref()
        .and_then(|tt| planning::home_or_default(tt, state.chosen_home().as_deref()));
    let (fits, home_name) = match (&timetable, &home) {
        (Some(tt), Some(home)) => (
            slots
                .iter()
                .filter_map(|s| {
                    let point = greeter.meeting_points.iter().find(|p| p.id == s.meeting_point)?;
                    Some((s.id.clone(), planning::slot_fit(tt, home, s, point, lang)?))
                })
                .collect(),
            planning::stop_name(tt, home).unwrap_or_default(),
        ),
        _ => (Vec::new(), String::new()),
    };
    rsx! {
        GreeterProfile { greeter: greeter.clone(), slots: slots.clone(), lang, chosen, fits, home_name }
        if let Some(slot) = chosen().and_then(|c| slots.iter().find(|s| s.id == c).cloned()) {
            RequestForm { slot, languages: greeter.languages.clone(), lang }
        }
    }
}

/// The profile and its slots; pure apart from the `chosen` signal, so it renders in tests.
#[component]
pub fn GreeterProfile(
    greeter: Greeter,
    slots: Vec<Slot>,
    lang: Lang,
    chosen: Signal<Option<String>>,
    /// For each slot id, whether it fits a car-free day from `home_name`.
    #[props(default)]
    fits: Vec<(String, SlotFit)>,
    #[props(default)] home_name: String,
) -> Element {
    rsx! {
        section { class: "greeter-profile",
            Link { to: Page::GreetersScreen {}, {t(lang, Msg::Back)} }
            div { class: "illustration", dangerous_inner_html: "{greeter.illustration}" }
            h2 { "{greeter.name}" }
            if greeter.fictional { p { class: "badge", {t(lang, Msg::Fictional)} } }
            p { class: "bio", {greeter.bio.get(lang).to_string()} }
            ul { class: "points",
                for p in greeter.meeting_points.iter() {
                    li { {p.name.get(lang).to_string()} " — {p.walk_minutes} min " {t(lang, Msg::MeetingNear)} " {p.stop.name}" }
                }
            }
            h3 { {t(lang, Msg::Slots)} }
            if slots.is_empty() { p { class: "empty", {t(lang, Msg::NoSlots)} } }
            if !home_name.is_empty() && !slots.is_empty() {
                p { class: "fit-from", {t(lang, Msg::SlotFitFrom)} " {home_name}" }
            }
            ul { class: "slots",
                for s in slots {
                    li { key: "{s.id}", "data-testid": "slot-{s.id}",
                        {format!("{} {} · ", s.date.format("%d/%m/%Y"), s.start.format("%H:%M"))}
                        {duration(lang, u32::from(s.minutes))}
                        " · {s.capacity} " {t(lang, Msg::SeatsUpTo)} " "
                        button { class: "chip", "data-testid": "ask-{s.id}",
                            onclick: move |_| chosen.set(Some(s.id.clone())),
                            {t(lang, Msg::AskThisSlot)}
                        }
                        if let Some((_, fit)) = fits.iter().find(|(id, _)| *id == s.id) {
                            p { class: if fit.fits { "fit yes" } else { "fit no" }, "{fit.text}" }
                        }
                    }
                }
            }
        }
    }
}

/// Reads the form's fields into a request, or says what is wrong.
pub fn read_request(
    slot: &str,
    party: &str,
    language: &str,
    email: &str,
    phone: &str,
    message: &str,
) -> Result<Op, String> {
    let party: u8 = party.trim().parse().map_err(|_| format!("1 – {MAX_PARTY}"))?;
    let contact = match (email.trim(), phone.trim()) {
        ("", "") => return Err("e-mail / téléphone ?".into()),
        ("", p) => Contact::Phone(p.into()),
        (e, _) => Contact::Email(e.into()),
    };
    let op = Op::RequestMeeting {
        slot: slot.into(),
        party,
        language: language.into(),
        message: message.trim().into(),
        contact,
    };
    op.validate()?;
    Ok(op)
}

#[component]
fn RequestForm(slot: Slot, languages: Vec<String>, lang: Lang) -> Element {
    let mut state = use_app();
    let mut party = use_signal(|| "2".to_string());
    let mut language = use_signal(|| languages.first().cloned().unwrap_or_else(|| "fr".into()));
    let mut email = use_signal(String::new);
    let mut phone = use_signal(String::new);
    let mut message = use_signal(String::new);
    let mut outcome = use_signal(|| None::<Result<(), String>>);
    let slot_id = slot.id.clone();
    rsx! {
        form { class: "request-form", "data-testid": "request-form",
            onsubmit: move |e| {
                e.prevent_default();
                let op = read_request(&slot_id, &party(), &language(), &email(), &phone(), &message());
                outcome.set(Some(op.and_then(|op| state.request_meeting(op))));
            },
            h3 { {t(lang, Msg::RequestTitle)} {format!(" · {} {}", slot.date.format("%d/%m"), slot.start.format("%H:%M"))} }
            label { {t(lang, Msg::Party)}
                input { r#type: "number", min: "1", max: "{MAX_PARTY}", value: "{party}", oninput: move |e| party.set(e.value()) }
            }
            label { {t(lang, Msg::LanguageWanted)}
                select { onchange: move |e| language.set(e.value()),
                    for l in languages { option { value: "{l}", "{l}" } }
                }
            }
            label { {t(lang, Msg::Email)} input { r#type: "email", "data-testid": "email", value: "{email}", oninput: move |e| email.set(e.value()) } }
            label { {t(lang, Msg::Phone)} input { r#type: "tel", value: "{phone}", oninput: move |e| phone.set(e.value()) } }
            label { {t(lang, Msg::YourMessage)} textarea { maxlength: "1000", value: "{message}", oninput: move |e| message.set(e.value()) } }
            button { class: "primary", r#type: "submit", "data-testid": "send-request", {t(lang, Msg::SendRequest)} }
            match outcome() {
                Some(Ok(())) => rsx! {
                    p { class: "notice", role: "status", {t(lang, Msg::RequestSaved)} " "
                        Link { to: Page::MyRequestsScreen {}, {t(lang, Msg::MyRequests)} }
                    }
                },
                Some(Err(e)) => rsx! { p { class: "error", role: "alert", "data-testid": "request-error", "{e}" } },
                None => rsx! {},
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_form_refuses_a_bad_group_size_contact_or_message_before_queueing() {
        assert!(read_request("s", "2", "fr", "anne@example.fr", "", "Bonjour").is_ok());
        assert!(read_request("s", "2", "fr", "", "+33 4 71 00 00 00", "").is_ok());
        assert!(read_request("s", "7", "fr", "anne@example.fr", "", "")
            .unwrap_err()
            .contains("1 to 6"));
        assert!(read_request("s", "deux", "fr", "anne@example.fr", "", "").is_err());
        assert!(read_request("s", "2", "fr", "", "", "").is_err());
        assert!(read_request("s", "2", "fr", "anne@", "", "")
            .unwrap_err()
            .contains("e-mail"));
        assert!(read_request("s", "2", "fr", "anne@example.fr", "", &"x".repeat(1001)).is_err());
    }
}

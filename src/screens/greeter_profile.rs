//! A greeter's profile: the bio, meeting points near a stop, the slots still to come, and the
//! request form for the chosen slot (group size, language, message, an e-mail or a phone),
//! opened right under that slot and checked before it is queued. Once queued, the form says
//! what was saved, its button stays off (a second tap asks nothing twice), and the request
//! shows at once on "My requests". A slot that has started is never shown.

use chrono::NaiveDateTime;
use dioxus::prelude::*;
use velay_core::greeter::{Contact, Greeter, Slot, MAX_PARTY};
use velay_core::mutation::{InvalidRequest, Op};
use velay_core::Lang;

use crate::i18n::{day_time, duration, language_name, request_queued, t, Msg};
use crate::nav::Page;
use crate::planning::{self, SlotFit};
use crate::refusals::invalid;
use crate::screens::greeters::upcoming;
use crate::state::use_app;

#[component]
pub fn GreeterScreen(id: String) -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let chosen = use_signal(|| None::<String>);
    let (greeters, slots) = (state.greeters()?, state.slots()?);
    let Some(greeter) = greeters.into_iter().find(|g| g.id == id) else {
        return rsx! { p { {t(lang, Msg::GreeterNotFound)} } Link { class: "back", to: Page::GreetersScreen {}, {t(lang, Msg::Back)} } };
    };
    let now = state.now();
    let slots: Vec<Slot> = upcoming(slots.into_iter().filter(|s| s.greeter == greeter.id).collect(), now);
    // The slots this device has asked for and whose request still stands: not offered twice.
    let asked: Vec<String> = state
        .requests()?
        .into_iter()
        .filter(|r| r.status.stands())
        .map(|r| r.slot)
        .collect();
    // Each slot checked against the trains and buses from the visitor's home station.
    let timetable = state.planner().ok().flatten();
    let home = timetable
        .as_ref()
        .and_then(|tt| planning::home_or_default(tt.timetable(), state.chosen_home().as_deref()));
    let (fits, home_name) = match (&timetable, &home) {
        (Some(tt), Some(home)) => (
            slots
                .iter()
                .filter_map(|s| {
                    let point = greeter.meeting_points.iter().find(|p| p.id == s.meeting_point)?;
                    Some((s.id.clone(), planning::slot_fit(tt, home, s, point, lang)?))
                })
                .collect(),
            planning::stop_name(tt.timetable(), home).unwrap_or_default(),
        ),
        _ => (Vec::new(), String::new()),
    };
    let form = chosen().and_then(|c| slots.iter().find(|s| s.id == c).cloned()).map(|slot| {
        rsx! {
            RequestForm { key: "{slot.id}", slot, greeter_name: greeter.name.clone(), languages: greeter.languages.clone(), lang }
        }
    });
    rsx! {
        GreeterProfile { greeter: greeter.clone(), slots, lang, now, chosen, fits, home_name, asked, form }
    }
}

/// The profile and the slots that have not started at `now` (wall-clock time in the Velay), with
/// `form` opened under the chosen one; pure apart from the `chosen` signal, so it renders in
/// tests.
#[component]
pub fn GreeterProfile(
    greeter: Greeter,
    slots: Vec<Slot>,
    lang: Lang,
    now: NaiveDateTime,
    chosen: Signal<Option<String>>,
    /// For each slot id, whether it fits a car-free day from `home_name`.
    #[props(default)]
    fits: Vec<(String, SlotFit)>,
    #[props(default)] home_name: String,
    /// Slots this device already asked for, whose request still stands.
    #[props(default)]
    asked: Vec<String>,
    /// The request form, shown right under the chosen slot.
    form: Option<Element>,
) -> Element {
    // Filtered here too, so that no caller can offer a slot that has started.
    let slots = upcoming(slots, now);
    let current = chosen();
    rsx! {
        section { class: "greeter-profile",
            button { class: "back", onclick: move |_| crate::nav::go_back(), {t(lang, Msg::Back)} }
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
                        class: if current.as_deref() == Some(s.id.as_str()) { "slot chosen" } else { "slot" },
                        span { class: "when", {day_time(lang, s.starts_at())} }
                        " · "
                        {duration(lang, u32::from(s.minutes))}
                        " · {s.capacity} " {t(lang, Msg::SeatsUpTo)} " "
                        if asked.contains(&s.id) {
                            span { class: "chip asked", "data-testid": "asked-{s.id}", {t(lang, Msg::AlreadyAsked)} }
                        } else {
                            button { class: if current.as_deref() == Some(s.id.as_str()) { "chip on" } else { "chip" },
                                "data-testid": "ask-{s.id}",
                                "aria-expanded": current.as_deref() == Some(s.id.as_str()),
                                onclick: { let id = s.id.clone(); move |_| chosen.set(Some(id.clone())) },
                                {t(lang, Msg::AskThisSlot)}
                            }
                        }
                        if let Some((_, fit)) = fits.iter().find(|(id, _)| *id == s.id) {
                            p { class: if fit.fits { "fit yes" } else { "fit no" }, "{fit.text}" }
                        }
                        // Still shown once the slot is asked: the form then says what was queued.
                        if current.as_deref() == Some(s.id.as_str()) {
                            {form.clone()}
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
) -> Result<Op, InvalidRequest> {
    let party: u8 = party.trim().parse().map_err(|_| InvalidRequest::PartyUnreadable {
        text: party.trim().into(),
    })?;
    let contact = match (email.trim(), phone.trim()) {
        ("", "") => return Err(InvalidRequest::NoContact),
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

/// The form for one slot, and what queueing it answered.
#[component]
fn RequestForm(slot: Slot, greeter_name: String, languages: Vec<String>, lang: Lang) -> Element {
    let mut state = use_app();
    let mut outcome = use_signal(|| None::<Result<String, String>>);
    let (when, name) = (day_time(lang, slot.starts_at()), greeter_name.clone());
    rsx! {
        RequestFields {
            slot,
            greeter_name,
            languages,
            lang,
            outcome: outcome(),
            on_send: move |op: Op| {
                // Once queued, a second tap is ignored even before the button turns off.
                if matches!(*outcome.peek(), Some(Ok(_))) {
                    return;
                }
                let party = match &op {
                    Op::RequestMeeting { party, .. } => *party,
                    _ => 0,
                };
                let result = state
                    .request_meeting(op)
                    .map(|()| request_queued(lang, &name, &when, party))
                    .map_err(|e| e.text(lang));
                outcome.set(Some(result));
            },
        }
    }
}

/// The request form's fields; `outcome` is what queueing answered (the confirmation, or why
/// not), already in `lang`. Pure apart from the fields' own signals, so it renders in tests.
#[component]
pub fn RequestFields(
    slot: Slot,
    greeter_name: String,
    languages: Vec<String>,
    lang: Lang,
    outcome: Option<Result<String, String>>,
    on_send: EventHandler<Op>,
) -> Element {
    let mut party = use_signal(|| "2".to_string());
    let mut language = use_signal(|| languages.first().cloned().unwrap_or_else(|| "fr".into()));
    let mut email = use_signal(String::new);
    let mut phone = use_signal(String::new);
    let mut message = use_signal(String::new);
    let mut problem = use_signal(|| None::<InvalidRequest>);
    let queued = matches!(outcome, Some(Ok(_)));
    let slot_id = slot.id.clone();
    rsx! {
        // The app checks the fields itself, in the visitor's language: no browser bubble in the
        // process locale's.
        form { class: "request-form", "data-testid": "request-form", novalidate: true,
            // Opened under the slot tapped; brought into view in case that was near the bottom.
            onmounted: move |_| {
                document::eval(
                    "document.querySelector('[data-testid=request-form]')?.scrollIntoView({behavior: 'smooth', block: 'nearest'})",
                );
            },
            onsubmit: move |e| {
                e.prevent_default();
                if queued {
                    return;
                }
                match read_request(&slot_id, &party(), &language(), &email(), &phone(), &message()) {
                    Ok(op) => {
                        problem.set(None);
                        on_send.call(op);
                    }
                    Err(e) => problem.set(Some(e)),
                }
            },
            h3 { {t(lang, Msg::RequestTo)} " {greeter_name}" }
            p { class: "when", {day_time(lang, slot.starts_at())} }
            // The fields are set once, not at every render: a value written back while the person
            // types drops the keys pressed in between.
            fieldset { disabled: queued,
                label { {t(lang, Msg::Party)}
                    input { r#type: "number", min: "1", max: "{MAX_PARTY}", initial_value: "{party}", oninput: move |e| party.set(e.value()) }
                }
                label { {t(lang, Msg::LanguageWanted)}
                    select { onchange: move |e| language.set(e.value()),
                        for l in languages { option { value: "{l}", {language_name(lang, &l)} } }
                    }
                }
                label { {t(lang, Msg::Email)} input { r#type: "email", "data-testid": "email", initial_value: "{email}", oninput: move |e| email.set(e.value()) } }
                label { {t(lang, Msg::Phone)} input { r#type: "tel", initial_value: "{phone}", oninput: move |e| phone.set(e.value()) } }
                label { {t(lang, Msg::YourMessage)} textarea { maxlength: "1000", initial_value: "{message}", oninput: move |e| message.set(e.value()) } }
            }
            button { class: "primary", r#type: "submit", "data-testid": "send-request", disabled: queued,
                {t(lang, Msg::SendRequest)}
            }
            if let Some(e) = problem() {
                p { class: "error", role: "alert", "data-testid": "request-error", {invalid(lang, &e)} }
            }
            match outcome {
                Some(Ok(text)) => rsx! {
                    p { class: "notice", role: "status", "data-testid": "request-queued",
                        onmounted: move |_| {
                            document::eval(
                                "document.querySelector('[data-testid=request-queued]')?.scrollIntoView({behavior: 'smooth', block: 'nearest'})",
                            );
                        },
                        "{text} "
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
    use crate::refusals::refusal;
    use crate::screens::greeters::tests::bundled;
    use chrono::NaiveDate;
    use velay_core::mutation::Refusal;

    #[test]
    fn the_request_form_refuses_a_bad_group_size_contact_or_message_before_queueing() {
        assert!(read_request("s", "2", "fr", "anne@example.org", "", "Bonjour").is_ok());
        assert!(read_request("s", "2", "fr", "", "+33 1 99 00 00 00", "").is_ok());
        assert_eq!(
            read_request("s", "7", "fr", "anne@example.org", "", ""),
            Err(InvalidRequest::PartySize { party: 7, max: 6 })
        );
        assert!(matches!(
            read_request("s", "deux", "fr", "anne@example.org", "", ""),
            Err(InvalidRequest::PartyUnreadable { .. })
        ));
        assert_eq!(read_request("s", "2", "fr", "", "", ""), Err(InvalidRequest::NoContact));
        assert!(matches!(
            read_request("s", "2", "fr", "anne@", "", ""),
            Err(InvalidRequest::Email { .. })
        ));
        assert!(read_request("s", "2", "fr", "anne@example.org", "", &"x".repeat(1001)).is_err());
    }

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    /// A bundled greeter with two slots on Saturday 12 December 2026, at 09:30 and 14:00.
    fn thomas() -> (Greeter, Vec<Slot>) {
        let (greeters, _, _) = bundled();
        let g = greeters.into_iter().next().unwrap();
        let slot = |id: &str, h: u32, m: u32| Slot {
            id: id.into(),
            greeter: g.id.clone(),
            date: at(12, h, m).date(),
            start: at(12, h, m).time(),
            minutes: 180,
            capacity: 4,
            meeting_point: g.meeting_points[0].id.clone(),
        };
        let slots = vec![slot("morning", 9, 30), slot("afternoon", 14, 0)];
        (g, slots)
    }

    #[derive(Props, Clone, PartialEq)]
    struct ProfileAt {
        greeter: Greeter,
        slots: Vec<Slot>,
        now: NaiveDateTime,
        lang: Lang,
        fits: Vec<(String, SlotFit)>,
        chosen: Option<String>,
        asked: Vec<String>,
    }

    #[allow(non_snake_case)]
    fn Profile(p: ProfileAt) -> Element {
        let chosen = use_signal(|| p.chosen.clone());
        let form = p
            .chosen
            .as_ref()
            .map(|_| rsx! { p { "data-testid": "the-form", "FORM" } });
        rsx! {
            GreeterProfile {
                greeter: p.greeter, slots: p.slots, lang: p.lang, now: p.now, chosen,
                fits: p.fits, home_name: "Lyon Part-Dieu".to_string(), asked: p.asked, form,
            }
        }
    }

    fn render_profile(props: ProfileAt) -> String {
        let mut dom = VirtualDom::new_with_props(Profile, props);
        dom.rebuild_in_place();
        dioxus_ssr::render(&dom)
    }

    #[test]
    fn a_slot_that_has_started_is_neither_listed_nor_offered_nor_said_to_fit() {
        let (greeter, slots) = thomas();
        let fit = |id: &str| {
            (
                id.to_string(),
                SlotFit {
                    fits: true,
                    text: crate::i18n::slot_fits(Lang::Fr, "08:40", "19:10"),
                },
            )
        };
        let html = render_profile(ProfileAt {
            greeter,
            slots,
            now: at(12, 9, 45),
            lang: Lang::Fr,
            fits: vec![fit("morning"), fit("afternoon")],
            chosen: None,
            asked: vec![],
        });
        assert!(
            !html.contains("slot-morning") && !html.contains("ask-morning"),
            "{html}"
        );
        assert!(html.contains("ask-afternoon"));
        assert!(html.contains("samedi 12 décembre 2026, 14:00"));
        assert!(!html.contains("09:30"));
        assert_eq!(
            html.matches("✓ Possible").count(),
            1,
            "only the afternoon's fit is shown"
        );
    }

    #[test]
    fn the_form_opens_right_under_the_slot_tapped_and_a_slot_already_asked_is_not_offered_again() {
        let (greeter, slots) = thomas();
        let html = render_profile(ProfileAt {
            greeter,
            slots,
            now: at(1, 9, 0),
            lang: Lang::En,
            fits: vec![],
            chosen: Some("afternoon".into()),
            asked: vec!["morning".into()],
        });
        let afternoon = html.find("data-testid=\"slot-afternoon\"").unwrap();
        let form = html.find("the-form").unwrap();
        assert!(form > afternoon, "the form is inside the afternoon's item");
        assert!(html[afternoon..form].find("</li>").is_none(), "and before it closes");
        assert!(!html.contains("ask-morning"));
        assert!(html.contains("data-testid=\"asked-morning\""));
        assert!(html.contains(t(Lang::En, Msg::AlreadyAsked)));
        // Just sent: the slot is now asked, and its form stays open to say what was queued.
        let (greeter, slots) = thomas();
        let html = render_profile(ProfileAt {
            greeter,
            slots,
            now: at(1, 9, 0),
            lang: Lang::En,
            fits: vec![],
            chosen: Some("afternoon".into()),
            asked: vec!["afternoon".into()],
        });
        assert!(html.contains("the-form") && !html.contains("ask-afternoon"));
    }

    #[derive(Props, Clone, PartialEq)]
    struct FieldsAt {
        slot: Slot,
        lang: Lang,
        outcome: Option<Result<String, String>>,
    }

    #[allow(non_snake_case)]
    fn Fields(p: FieldsAt) -> Element {
        rsx! {
            RequestFields {
                slot: p.slot, greeter_name: "Thomas".to_string(), languages: vec!["fr".to_string()],
                lang: p.lang, outcome: p.outcome, on_send: |_| {},
            }
        }
    }

    fn render_fields(props: FieldsAt) -> String {
        let mut dom = VirtualDom::new_with_props(Fields, props);
        dom.rebuild_in_place();
        dioxus_ssr::render(&dom)
    }

    #[test]
    fn once_sent_the_form_says_what_was_queued_and_send_is_off_so_a_second_tap_asks_nothing() {
        let (_, slots) = thomas();
        let slot = slots[1].clone();
        let before = render_fields(FieldsAt {
            slot: slot.clone(),
            lang: Lang::Fr,
            outcome: None,
        });
        assert!(before.contains("Demande de rencontre avec Thomas"));
        assert!(before.contains("samedi 12 décembre 2026, 14:00"));
        assert!(!before.contains("disabled"));
        let said = request_queued(Lang::Fr, "Thomas", &day_time(Lang::Fr, slot.starts_at()), 2);
        assert_eq!(
            said,
            "Demande enregistrée : rencontre avec Thomas, samedi 12 décembre 2026, 14:00, 2 personnes. \
             Elle partira dès qu'une connexion le permettra."
        );
        let after = render_fields(FieldsAt {
            slot,
            lang: Lang::Fr,
            outcome: Some(Ok(said.clone())),
        });
        assert!(after.contains(&said.replace('\'', "&#39;")), "{after}");
        let button = after.split("data-testid=\"send-request\"").next().unwrap();
        assert!(
            button.ends_with("disabled=true ") || after.contains("disabled=true"),
            "{after}"
        );
    }

    #[test]
    fn a_refusal_before_queueing_is_said_in_french_on_the_french_form_and_in_english_on_the_english_one() {
        let (_, slots) = thomas();
        for (lang, other) in [(Lang::Fr, Lang::En), (Lang::En, Lang::Fr)] {
            for r in [Refusal::SlotStarted, Refusal::AlreadyRequested, Refusal::NoSuchSlot] {
                let html = render_fields(FieldsAt {
                    slot: slots[1].clone(),
                    lang,
                    outcome: Some(Err(refusal(lang, &r))),
                });
                let shown = refusal(lang, &r).replace('\'', "&#39;");
                assert!(html.contains(&shown), "{lang:?} {r:?}");
                assert!(!html.contains(&refusal(other, &r).replace('\'', "&#39;")));
                assert!(!html.contains(&r.to_string()), "{lang:?}: no server English");
            }
        }
    }
}

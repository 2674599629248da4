//! "My requests": each meeting request as the traveller thinks of it: with whom, when (weekday,
//! date, time), where, for how many, where it stands in words and since when, what they wrote
//! and what the greeter answered, each apart. A confirmed meeting goes to the calendar as `.ics`;
//! cancelling asks first and sits apart from the calendar button; the contact left is a
//! `mailto:` or `tel:` link. No slot id or request id is ever shown.

use dioxus::prelude::*;
use velay_core::greeter::Greeter;
use velay_core::store::{RequestStatus, RequestView};
use velay_core::Lang;

use crate::i18n::{day_time, people, t, Msg};
use crate::refusals::refusal;
use crate::state::use_app;

#[component]
pub fn MyRequestsScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let mut notice = use_signal(|| None::<String>);
    let (requests, greeters) = (state.requests()?, state.greeters()?);
    let on_cancel = {
        let mut state = state.clone();
        move |id| notice.set(state.cancel_request(id).err().map(|e| e.text(lang)))
    };
    let on_export = {
        let state = state.clone();
        move |r: RequestView| {
            notice.set(Some(
                state
                    .export_meeting(&r, lang)
                    .map(|p| format!("{} {p}", t(lang, Msg::SavedTo)))
                    .unwrap_or_else(|e| e.text(lang)),
            ))
        }
    };
    rsx! {
        section { class: "my-requests",
            h2 { {t(lang, Msg::MyRequests)} }
            if let Some(n) = notice() { p { class: "notice", role: "status", "{n}" } }
            RequestList { requests, greeters, lang, on_cancel, on_export }
        }
    }
}

/// The requests, newest first; pure apart from its handlers and which one asks to cancel, so it
/// renders in tests.
#[component]
pub fn RequestList(
    requests: Vec<RequestView>,
    greeters: Vec<Greeter>,
    lang: Lang,
    on_cancel: EventHandler<uuid::Uuid>,
    on_export: EventHandler<RequestView>,
    /// The request whose cancellation is being asked (a test may open it).
    #[props(default)]
    asking: Option<uuid::Uuid>,
) -> Element {
    let mut asking = use_signal(|| asking);
    if requests.is_empty() {
        return rsx! { p { class: "empty", {t(lang, Msg::NoRequests)} } };
    }
    rsx! {
        ul { class: "request-list",
            for r in requests.into_iter().rev() {
                li { key: "{r.id}", class: "request", "data-testid": "request",
                    RequestCard { request: r.clone(), greeters: greeters.clone(), lang }
                    div { class: "request-actions",
                        if r.status == RequestStatus::Confirmed {
                            button { class: "action", "data-testid": "export-ics",
                                onclick: { let r = r.clone(); move |_| on_export.call(r.clone()) },
                                {t(lang, Msg::ExportIcs)}
                            }
                        }
                        if r.status.stands() {
                            if asking() == Some(r.id) {
                                div { class: "confirm-cancel", role: "alertdialog", "data-testid": "confirm-cancel",
                                    p { strong { {t(lang, Msg::CancelAsk)} } }
                                    button { class: "action danger", "data-testid": "cancel-yes",
                                        onclick: { let id = r.id; move |_| { asking.set(None); on_cancel.call(id) } },
                                        {t(lang, Msg::CancelYes)}
                                    }
                                    button { class: "action", "data-testid": "cancel-no",
                                        onclick: move |_| asking.set(None),
                                        {t(lang, Msg::CancelNo)}
                                    }
                                }
                            } else {
                                button { class: "action danger cancel", "data-testid": "cancel-request",
                                    onclick: { let id = r.id; move |_| asking.set(Some(id)) },
                                    {t(lang, Msg::CancelRequest)}
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One request in words: who, when, where, how many, its state, the two messages. When and
/// where are the slot's as the request keeps it, even if the greeter's rule has changed since.
#[component]
fn RequestCard(request: RequestView, greeters: Vec<Greeter>, lang: Lang) -> Element {
    let r = request;
    let slot = r.meeting.as_ref();
    let greeter = slot.and_then(|s| greeters.iter().find(|g| g.id == s.greeter));
    let who = greeter.map(|g| g.name.clone());
    let when = slot.map(|s| day_time(lang, s.starts_at()));
    let place = slot.zip(greeter).and_then(|(s, g)| {
        let p = g.meeting_points.iter().find(|p| p.id == s.meeting_point)?;
        Some(format!(
            "{} — {} min {} {}",
            p.name.get(lang),
            p.walk_minutes,
            t(lang, Msg::MeetingNear),
            p.stop.name
        ))
    });
    let since = r.at.with_timezone(&chrono::Local).format("%d/%m %H:%M").to_string();
    rsx! {
        h3 { class: "who",
            {t(lang, Msg::MeetingWith)} " "
            {who.unwrap_or_else(|| t(lang, Msg::SlotGone).to_string())}
        }
        dl { class: "facts",
            if let Some(when) = when {
                dt { {t(lang, Msg::MeetingWhen)} }
                dd { class: "when", "{when}" }
            }
            if let Some(place) = place {
                dt { {t(lang, Msg::MeetingPlace)} }
                dd { class: "where", "{place}" }
            }
            dt { {t(lang, Msg::Party)} }
            dd { {people(lang, r.party)} }
            dt { {t(lang, Msg::Status)} }
            dd {
                span { class: "state", "data-testid": "request-state", {t(lang, Msg::RequestStatus(r.status))} }
                " · " {t(lang, Msg::Since)} " {since}"
            }
        }
        if let Some(why) = &r.refusal {
            p { class: "error", "data-testid": "request-refusal", {refusal(lang, why)} }
        }
        if !r.message.is_empty() {
            div { class: "message mine",
                p { class: "label", {t(lang, Msg::YourMessage)} }
                blockquote { "{r.message}" }
            }
        }
        if let Some(reply) = &r.reply {
            div { class: "message reply", "data-testid": "greeter-reply",
                p { class: "label", {t(lang, Msg::GreeterReply)} }
                blockquote { "{reply}" }
            }
        }
        p { a { href: "{r.contact.href()}", {contact_text(&r)} } }
    }
}

fn contact_text(r: &RequestView) -> String {
    match &r.contact {
        velay_core::greeter::Contact::Email(e) => e.clone(),
        velay_core::greeter::Contact::Phone(p) => p.clone(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::refusals::tests::every_refusal;
    use crate::screens::greeters::tests::bundled;
    use velay_core::greeter::{Contact, Slot};
    use velay_core::mutation::Refusal;

    /// The text a person reads: the HTML without its tags and attributes.
    pub(crate) fn visible(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&#39;", "'")
    }

    fn view(status: RequestStatus, contact: Contact, slot: &Slot) -> RequestView {
        RequestView {
            id: uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 + status as u128),
            slot: slot.id.clone(),
            party: 2,
            language: "fr".into(),
            contact,
            status,
            at: chrono::Utc::now(),
            message: "Nous arrivons par le train de 10 h.".into(),
            reply: (status == RequestStatus::Confirmed).then(|| "À samedi, devant la gare !".into()),
            refusal: (status == RequestStatus::Refused).then_some(Refusal::SlotStarted),
            meeting: Some(slot.clone()),
        }
    }

    #[derive(Props, Clone, PartialEq)]
    struct ListAt {
        requests: Vec<RequestView>,
        greeters: Vec<Greeter>,
        lang: Lang,
        asking: Option<uuid::Uuid>,
    }

    #[allow(non_snake_case)]
    fn Harness(p: ListAt) -> Element {
        rsx! {
            RequestList {
                requests: p.requests, greeters: p.greeters, lang: p.lang,
                on_cancel: |_| {}, on_export: |_| {}, asking: p.asking,
            }
        }
    }

    fn render(props: ListAt) -> String {
        let mut dom = VirtualDom::new_with_props(Harness, props);
        dom.rebuild_in_place();
        dioxus_ssr::render(&dom)
    }

    /// A bundled greeter, one of their slots moved to Saturday 12 December 2026 at 14:00.
    fn fixture() -> (Vec<Greeter>, Slot) {
        let (greeters, slots, _) = bundled();
        let mut slot = slots[0].clone();
        slot.date = chrono::NaiveDate::from_ymd_opt(2026, 12, 12).unwrap();
        slot.start = chrono::NaiveTime::from_hms_opt(14, 0, 0).unwrap();
        (greeters, slot)
    }

    #[test]
    fn each_request_says_who_when_where_its_state_and_both_messages_and_never_an_id() {
        let (greeters, slot) = fixture();
        let greeter = greeters.iter().find(|g| g.id == slot.greeter).unwrap().clone();
        let point = greeter
            .meeting_points
            .iter()
            .find(|p| p.id == slot.meeting_point)
            .unwrap()
            .clone();
        let requests = vec![
            view(
                RequestStatus::WaitingToSend,
                Contact::Phone("+33 1 99 00 00 00".into()),
                &slot,
            ),
            view(
                RequestStatus::Confirmed,
                Contact::Email("anne@example.org".into()),
                &slot,
            ),
            view(
                RequestStatus::Declined,
                Contact::Email("anne@example.org".into()),
                &slot,
            ),
            view(RequestStatus::Refused, Contact::Email("anne@example.org".into()), &slot),
        ];
        for (lang, when) in [
            (Lang::Fr, "samedi 12 décembre 2026, 14:00"),
            (Lang::En, "Saturday 12 December 2026, 14:00"),
        ] {
            let html = render(ListAt {
                requests: requests.clone(),
                greeters: greeters.clone(),
                lang,
                asking: None,
            });
            let text = visible(&html);
            assert_eq!(text.matches(&greeter.name).count(), 4, "{text}");
            assert_eq!(text.matches(when).count(), 4, "{lang:?}");
            assert!(text.contains(point.name.get(lang)));
            assert!(text.contains(&people(lang, 2)));
            for s in [
                RequestStatus::WaitingToSend,
                RequestStatus::Confirmed,
                RequestStatus::Declined,
                RequestStatus::Refused,
            ] {
                assert!(text.contains(t(lang, Msg::RequestStatus(s))), "{lang:?} {s:?}");
            }
            assert!(text.contains(&refusal(lang, &Refusal::SlotStarted)));
            assert_eq!(text.matches("Nous arrivons par le train de 10 h.").count(), 4);
            assert_eq!(text.matches(t(lang, Msg::GreeterReply)).count(), 1);
            assert!(text.contains("À samedi, devant la gare !"));
            assert_eq!(html.matches("data-testid=\"export-ics\"").count(), 1);
            assert_eq!(
                html.matches("data-testid=\"cancel-request\"").count(),
                2,
                "the waiting and the confirmed one, not the declined nor the refused"
            );
            assert!(html.contains("href=\"mailto:anne@example.org\""));
            assert!(html.contains("href=\"tel:+33199000000\""));
            assert!(!html.contains(&slot.id), "no slot id, even in attributes");
            assert!(!html.contains("0190"), "no request id");
        }
    }

    #[test]
    fn cancelling_asks_first_with_yes_and_no_apart_from_the_calendar_button() {
        let (greeters, slot) = fixture();
        let confirmed = view(
            RequestStatus::Confirmed,
            Contact::Email("anne@example.org".into()),
            &slot,
        );
        for lang in Lang::ALL {
            let closed = render(ListAt {
                requests: vec![confirmed.clone()],
                greeters: greeters.clone(),
                lang,
                asking: None,
            });
            assert!(!closed.contains("confirm-cancel"));
            let (export, cancel) = (
                closed.find("export-ics").unwrap(),
                closed.find("cancel-request").unwrap(),
            );
            assert!(export < cancel);
            let button = closed[..cancel].rfind("<button").unwrap();
            assert!(
                closed[button..cancel].contains("danger"),
                "the cancel button looks apart"
            );
            let open = render(ListAt {
                requests: vec![confirmed.clone()],
                greeters: greeters.clone(),
                lang,
                asking: Some(confirmed.id),
            });
            let text = visible(&open);
            assert!(text.contains(t(lang, Msg::CancelAsk)), "{text}");
            assert!(text.contains(t(lang, Msg::CancelYes)) && text.contains(t(lang, Msg::CancelNo)));
            assert!(
                !open.contains("data-testid=\"cancel-request\""),
                "one tap does not cancel"
            );
        }
        assert_eq!(t(Lang::Fr, Msg::CancelAsk), "Annuler cette rencontre ?");
        assert_eq!(t(Lang::En, Msg::CancelAsk), "Cancel this meeting?");
    }

    #[test]
    fn a_refused_request_reads_its_reason_in_french_on_the_french_screen_and_in_english_on_the_english_one() {
        let (greeters, slot) = fixture();
        for r in every_refusal() {
            let mut refused = view(RequestStatus::Refused, Contact::Email("anne@example.org".into()), &slot);
            refused.refusal = Some(r.clone());
            for (lang, other) in [(Lang::Fr, Lang::En), (Lang::En, Lang::Fr)] {
                let text = visible(&render(ListAt {
                    requests: vec![refused.clone()],
                    greeters: greeters.clone(),
                    lang,
                    asking: None,
                }));
                assert!(text.contains(&refusal(lang, &r)), "{lang:?} {r:?}: {text}");
                assert!(!text.contains(&refusal(other, &r)), "{lang:?} {r:?}");
                if lang == Lang::Fr {
                    assert!(!text.contains(&r.to_string()), "{r:?}: the server's English");
                }
            }
        }
    }
}

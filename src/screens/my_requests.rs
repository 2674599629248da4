//! "My requests": each meeting request with where it stands (waiting to send, sent, pending,
//! confirmed, declined, cancelled, refused) and since when; cancel; a confirmed meeting goes to
//! the calendar as `.ics`; the contact left is a `mailto:` or `tel:` link.

use dioxus::prelude::*;
use velay_core::store::{RequestStatus, RequestView};
use velay_core::Lang;

use crate::i18n::{t, Msg};
use crate::state::use_app;

#[component]
pub fn MyRequestsScreen() -> Element {
    let state = use_app();
    let lang = (state.lang)();
    let mut notice = use_signal(|| None::<String>);
    let requests = match state.requests() {
        Ok(r) => r,
        Err(e) => return rsx! { p { class: "error", role: "alert", "{t(lang, Msg::StoreError)} {e}" } },
    };
    let on_cancel = {
        let mut state = state.clone();
        move |id| notice.set(state.cancel_request(id).err())
    };
    let on_export = {
        let state = state.clone();
        move |r: RequestView| {
            notice.set(Some(
                state
                    .export_meeting(&r, lang)
                    .map(|p| format!("{} {p}", t(lang, Msg::SavedTo)))
                    .unwrap_or_else(|e| e),
            ))
        }
    };
    rsx! {
        section { class: "my-requests",
            h2 { {t(lang, Msg::MyRequests)} }
            if let Some(n) = notice() { p { class: "notice", role: "status", "{n}" } }
            RequestList { requests, lang, on_cancel, on_export }
        }
    }
}

/// The requests, newest first; pure apart from its handlers, so it renders in tests.
#[component]
pub fn RequestList(
    requests: Vec<RequestView>,
    lang: Lang,
    on_cancel: EventHandler<uuid::Uuid>,
    on_export: EventHandler<RequestView>,
) -> Element {
    if requests.is_empty() {
        return rsx! { p { class: "empty", {t(lang, Msg::NoRequests)} } };
    }
    rsx! {
        ul { class: "request-list",
            for r in requests.into_iter().rev() {
                li { key: "{r.id}", "data-testid": "request-{r.id}",
                    span { class: "state", "data-testid": "request-state", {t(lang, Msg::RequestStatus(r.status))} }
                    {format!(" · {} · {} · {} pers.", r.at.with_timezone(&chrono::Local).format("%d/%m %H:%M"), r.slot, r.party)}
                    if let Some(m) = &r.message { blockquote { "{m}" } }
                    p { a { href: "{r.contact.href()}", {contact_text(&r)} } }
                    if matches!(r.status, RequestStatus::WaitingToSend | RequestStatus::Sent | RequestStatus::Pending | RequestStatus::Confirmed) {
                        button { class: "chip", "data-testid": "cancel-request",
                            onclick: { let id = r.id; move |_| on_cancel.call(id) },
                            {t(lang, Msg::CancelRequest)}
                        }
                    }
                    if r.status == RequestStatus::Confirmed {
                        button { class: "chip", "data-testid": "export-ics",
                            onclick: { let r = r.clone(); move |_| on_export.call(r.clone()) },
                            {t(lang, Msg::ExportIcs)}
                        }
                    }
                }
            }
        }
    }
}

fn contact_text(r: &RequestView) -> String {
    match &r.contact {
        velay_core::greeter::Contact::Email(e) => e.clone(),
        velay_core::greeter::Contact::Phone(p) => p.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use velay_core::greeter::Contact;

    fn view(status: RequestStatus, contact: Contact) -> RequestView {
        RequestView {
            id: uuid::Uuid::from_u128(status as u128 + 1),
            slot: "martine-20261128".into(),
            party: 2,
            language: "fr".into(),
            contact,
            status,
            at: chrono::Utc::now(),
            message: (status == RequestStatus::Confirmed).then(|| "À samedi !".into()),
        }
    }

    #[test]
    fn each_request_shows_its_state_and_a_confirmed_one_offers_the_calendar_and_a_mailto_link() {
        let requests = vec![
            view(RequestStatus::WaitingToSend, Contact::Phone("+33 4 71 00 00 00".into())),
            view(RequestStatus::Confirmed, Contact::Email("anne@example.fr".into())),
            view(RequestStatus::Declined, Contact::Email("anne@example.fr".into())),
        ];
        #[component]
        fn Harness(requests: Vec<RequestView>, lang: Lang) -> Element {
            rsx! { RequestList { requests, lang, on_cancel: |_| {}, on_export: |_| {} } }
        }
        for lang in Lang::ALL {
            let mut dom = VirtualDom::new_with_props(
                Harness,
                HarnessProps {
                    requests: requests.clone(),
                    lang,
                },
            );
            dom.rebuild_in_place();
            let html = dioxus_ssr::render(&dom);
            for s in [
                RequestStatus::WaitingToSend,
                RequestStatus::Confirmed,
                RequestStatus::Declined,
            ] {
                assert!(
                    html.contains(t(lang, Msg::RequestStatus(s)).replace('\'', "&#39;").as_str()),
                    "{lang:?} {s:?}"
                );
            }
            assert_eq!(html.matches("data-testid=\"export-ics\"").count(), 1);
            assert_eq!(
                html.matches("data-testid=\"cancel-request\"").count(),
                2,
                "not the declined one"
            );
            assert!(html.contains("href=\"mailto:anne@example.fr\""));
            assert!(html.contains("href=\"tel:+33471000000\""));
            assert!(html.contains("À samedi !"));
        }
    }
}

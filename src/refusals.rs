//! What the server's refusals and the forms' validation errors say to the traveller, in French
//! and in English.
//!
//! A *refusal* ([`Refusal`]) is the server's answer to a write it will not apply, or the
//! device's own answer before queueing one: the slot is full, it has started, it is gone, the
//! request was already asked or already answered. An *invalid request* ([`InvalidRequest`]) is
//! what a form finds wrong in what was typed: a group of seven, a phone number with letters.
//! Both arrive as codes; this module is the only place that turns them into sentences, so a
//! French screen never shows the English the server logs.

use velay_core::mutation::{InvalidRequest, Refusal};
use velay_core::sync::RequestState;
use velay_core::Lang;

/// The refusal `r` as a sentence in `lang`.
pub fn refusal(lang: Lang, r: &Refusal) -> String {
    use Lang::{En, Fr};
    match (r, lang) {
        (Refusal::NoSuchRoute, Fr) => "Cet itinéraire n'est plus publié.".into(),
        (Refusal::NoSuchRoute, En) => "This route is no longer published.".into(),
        (Refusal::NoSuchSlot, Fr) => "Ce créneau n'est plus proposé.".into(),
        (Refusal::NoSuchSlot, En) => "This slot is no longer offered.".into(),
        (Refusal::SlotStarted, Fr) => "Ce créneau a déjà commencé : choisissez-en un autre.".into(),
        (Refusal::SlotStarted, En) => "This slot has already started: choose another one.".into(),
        (Refusal::SlotFull { left: 0, .. }, Fr) => "Ce créneau est complet.".into(),
        (Refusal::SlotFull { left: 0, .. }, En) => "This slot is full.".into(),
        (Refusal::SlotFull { left, capacity }, Fr) => {
            format!("Plus assez de places : il en reste {left} sur {capacity} pour ce créneau.")
        }
        (Refusal::SlotFull { left, capacity }, En) => {
            format!("Not enough seats: {left} of {capacity} are left in this slot.")
        }
        (Refusal::NoSuchRequest, Fr) => "Cette demande est inconnue du serveur.".into(),
        (Refusal::NoSuchRequest, En) => "The server does not know this request.".into(),
        (Refusal::AlreadyDone { state }, lang) => already(lang, *state),
        (Refusal::AlreadyRequested, Fr) => {
            "Vous avez déjà demandé ce créneau : votre demande est dans « Mes demandes ».".into()
        }
        (Refusal::AlreadyRequested, En) => "You have already asked for this slot: see \u{201c}My requests\u{201d}.".into(),
        (Refusal::IdTaken, Fr) => "Le serveur a déjà reçu cet envoi d'un autre appareil.".into(),
        (Refusal::IdTaken, En) => "The server already had this write from another device.".into(),
        (Refusal::QuotaReached { limit }, Fr) => format!(
            "Le serveur garde au plus {} envois par appareil, et cet appareil les a faits : écrivez à l'office de tourisme.",
            crate::i18n::count(Fr, u64::from(*limit))
        ),
        (Refusal::QuotaReached { limit }, En) => format!(
            "The server keeps at most {} writes from one device, and this one has sent them: write to the tourist office.",
            crate::i18n::count(En, u64::from(*limit))
        ),
        (Refusal::Invalid(e), lang) => invalid(lang, e),
        // An older server's sentence is English: said so, and kept, since it is all there is.
        (Refusal::Other { reason }, Fr) => format!("Refusé par le serveur, qui a répondu en anglais : « {reason} »"),
        (Refusal::Other { reason }, En) => format!("Refused by the server: {reason}"),
        (_, Fr) => "Refusé par le serveur, pour une raison que cette version de l'application ne connaît pas : mettez-la à jour.".into(),
        (_, En) => "Refused by the server, for a reason this version of the app does not know: update it.".into(),
    }
}

fn already(lang: Lang, state: RequestState) -> String {
    use Lang::{En, Fr};
    match (state, lang) {
        (RequestState::Pending, Fr) => "Cette demande attend déjà la réponse du greeter.".into(),
        (RequestState::Pending, En) => "This request is already waiting for the greeter.".into(),
        (RequestState::Confirmed, Fr) => "Cette demande est déjà confirmée.".into(),
        (RequestState::Confirmed, En) => "This request is already confirmed.".into(),
        (RequestState::Declined, Fr) => "Le greeter avait déjà décliné cette demande.".into(),
        (RequestState::Declined, En) => "The greeter had already declined this request.".into(),
        (RequestState::Cancelled, Fr) => "Cette demande était déjà annulée.".into(),
        (RequestState::Cancelled, En) => "This request was already cancelled.".into(),
    }
}

/// The validation error `e` as a sentence in `lang`, for a form or an outbox entry.
pub fn invalid(lang: Lang, e: &InvalidRequest) -> String {
    use Lang::{En, Fr};
    match (e, lang) {
        (InvalidRequest::NoRoute, Fr) => "Choisissez l'itinéraire dont parle la note.".into(),
        (InvalidRequest::NoRoute, En) => "Choose the route the note is about.".into(),
        (InvalidRequest::EmptyNote, Fr) => "La note est vide.".into(),
        (InvalidRequest::EmptyNote, En) => "The note is empty.".into(),
        (InvalidRequest::NoteTooLong { chars, max }, Fr) => {
            format!("La note fait {chars} caractères ; {max} au plus.")
        }
        (InvalidRequest::NoteTooLong { chars, max }, En) => {
            format!("The note has {chars} characters; {max} at most.")
        }
        (InvalidRequest::NoSlot, Fr) => "Choisissez d'abord un créneau.".into(),
        (InvalidRequest::NoSlot, En) => "Choose a slot first.".into(),
        (InvalidRequest::PartyUnreadable { .. }, Fr) => "Indiquez le nombre de personnes en chiffres.".into(),
        (InvalidRequest::PartyUnreadable { .. }, En) => "Give the number of people in figures.".into(),
        (InvalidRequest::PartySize { party, max }, Fr) => {
            format!("Un groupe compte de 1 à {max} personnes, pas {party}.")
        }
        (InvalidRequest::PartySize { party, max }, En) => {
            format!("A group is 1 to {max} people, not {party}.")
        }
        (InvalidRequest::LanguageCode { .. }, Fr) => "Choisissez une langue dans la liste.".into(),
        (InvalidRequest::LanguageCode { .. }, En) => "Choose a language from the list.".into(),
        (InvalidRequest::MessageTooLong { chars, max }, Fr) => {
            format!("Le message fait {chars} caractères ; {max} au plus.")
        }
        (InvalidRequest::MessageTooLong { chars, max }, En) => {
            format!("The message has {chars} characters; {max} at most.")
        }
        (InvalidRequest::NoContact, Fr) => {
            "Laissez une adresse e-mail ou un numéro de téléphone, pour que le greeter vous réponde.".into()
        }
        (InvalidRequest::NoContact, En) => {
            "Leave an e-mail address or a phone number so the greeter can answer.".into()
        }
        (InvalidRequest::Email { address }, Fr) => {
            format!("« {address} » n'est pas une adresse e-mail (nom@example.org).")
        }
        (InvalidRequest::Email { address }, En) => {
            format!("\u{201c}{address}\u{201d} is not an e-mail address (name@example.com).")
        }
        (InvalidRequest::Phone { number }, Fr) => {
            format!("« {number} » n'est pas un numéro de téléphone (+33 1 99 00 00 00).")
        }
        (InvalidRequest::Phone { number }, En) => {
            format!("\u{201c}{number}\u{201d} is not a phone number (+33 1 99 00 00 00).")
        }
        (_, Fr) => "Cette demande n'est pas valable.".into(),
        (_, En) => "This request is not valid.".into(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One of each refusal the server or the device makes, with the invalid requests inside.
    pub(crate) fn every_refusal() -> Vec<Refusal> {
        let mut all = vec![
            Refusal::NoSuchRoute,
            Refusal::NoSuchSlot,
            Refusal::SlotStarted,
            Refusal::SlotFull { left: 0, capacity: 6 },
            Refusal::SlotFull { left: 1, capacity: 6 },
            Refusal::NoSuchRequest,
            Refusal::AlreadyRequested,
            Refusal::IdTaken,
            Refusal::QuotaReached { limit: 10_000 },
            Refusal::Unknown,
        ];
        for state in [
            RequestState::Pending,
            RequestState::Confirmed,
            RequestState::Declined,
            RequestState::Cancelled,
        ] {
            all.push(Refusal::AlreadyDone { state });
        }
        all.extend(every_invalid().into_iter().map(Refusal::Invalid));
        all
    }

    pub(crate) fn every_invalid() -> Vec<InvalidRequest> {
        vec![
            InvalidRequest::NoRoute,
            InvalidRequest::EmptyNote,
            InvalidRequest::NoteTooLong { chars: 2001, max: 2000 },
            InvalidRequest::NoSlot,
            InvalidRequest::PartyUnreadable { text: "deux".into() },
            InvalidRequest::PartySize { party: 7, max: 6 },
            InvalidRequest::LanguageCode { code: "fra".into() },
            InvalidRequest::MessageTooLong { chars: 1001, max: 1000 },
            InvalidRequest::NoContact,
            InvalidRequest::Email {
                address: "anne@".into(),
            },
            InvalidRequest::Phone {
                number: "appelez-moi".into(),
            },
        ]
    }

    #[test]
    fn every_refusal_has_its_own_sentence_in_each_language_and_never_the_servers_english() {
        for r in every_refusal() {
            let (fr, en) = (refusal(Lang::Fr, &r), refusal(Lang::En, &r));
            assert_ne!(fr, en, "{r:?}");
            assert_ne!(en, r.to_string(), "{r:?}: the app writes its own sentence");
        }
        let mut seen: Vec<String> = every_refusal().iter().map(|r| refusal(Lang::Fr, r)).collect();
        let n = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), n, "two refusals read the same");
    }
}

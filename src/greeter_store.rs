//! What the greeter screens read from and write to the store: greeters, the slots their
//! availability rules make in the coming weeks, the traveller's requests (each with the slot
//! it keeps), and a confirmed meeting written out as an `.ics` file. Kept beside `state.rs` so
//! screens never hold the store themselves.

use chrono::NaiveDateTime;
use uuid::Uuid;
use velay_core::greeter::{meeting_ics, Greeter, Slot};
use velay_core::mutation::{Op, Refusal};
use velay_core::store::{RequestView, StoreError};
use velay_core::Lang;

use dioxus::prelude::*;

use crate::state::AppState;

/// Why a request or a cancellation was not queued: a refusal the traveller can act on (shown
/// in their language, see [`crate::refusals`]), or a store that cannot be written.
#[derive(Clone, Debug, PartialEq)]
pub enum QueueError {
    Refused(Refusal),
    Store(String),
}

impl From<StoreError> for QueueError {
    fn from(e: StoreError) -> QueueError {
        match e {
            StoreError::Refused(r) => QueueError::Refused(r),
            e => QueueError::Store(e.to_string()),
        }
    }
}

impl QueueError {
    /// The error as the traveller reads it.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            QueueError::Refused(r) => crate::refusals::refusal(lang, r),
            QueueError::Store(e) => format!("{} {e}", crate::i18n::t(lang, crate::i18n::Msg::StoreError)),
        }
    }
}

impl AppState {
    /// The wall-clock time in the Velay, which decides which slots have started.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.local_now()
    }

    pub fn greeters(&self) -> Result<Vec<Greeter>, String> {
        self.content_version.read();
        self.store().greeters().map_err(|e| e.to_string())
    }

    /// The slots offered from today in the Velay: those the greeters' availability rules make
    /// in the coming weeks, worked out offline from the synced rules, and the one-off ones. Those
    /// that have started today are included; the screens keep them out with `upcoming`.
    pub fn slots(&self) -> Result<Vec<Slot>, String> {
        self.content_version.read();
        self.store().slots(self.clock.today()).map_err(|e| e.to_string())
    }

    /// The traveller's requests, read again when the outbox or private records change.
    pub fn requests(&self) -> Result<Vec<RequestView>, String> {
        self.outbox_version.read();
        self.content_version.read();
        self.store().requests().map_err(|e| e.to_string())
    }

    /// Queues a request after the checks the server makes: the form's, the slot has not
    /// started, and no request of this device for that slot still stands.
    pub fn request_meeting(&mut self, op: Op) -> Result<(), QueueError> {
        self.store().request_meeting(op, self.now())?;
        *self.outbox_version.write() += 1;
        self.request_sync();
        Ok(())
    }

    pub fn cancel_request(&mut self, request: Uuid) -> Result<(), String> {
        self.queue(Op::CancelRequest { request }).map(|_| ())
    }

    /// Writes the meeting as `.ics` next to exported routes, at the date, time and place the
    /// request keeps; returns the file's path.
    pub fn export_meeting(&self, request: &RequestView, lang: Lang) -> Result<String, String> {
        let gone = || crate::i18n::t(lang, crate::i18n::Msg::SlotGone).to_string();
        let slot = request.meeting.as_ref().ok_or_else(gone)?;
        let greeters = self.greeters()?;
        let greeter = greeters.iter().find(|g| g.id == slot.greeter).ok_or_else(gone)?;
        let ics = meeting_ics(&request.id.to_string(), slot, greeter, lang);
        let dir = crate::route_store::export_dir();
        let path = dir.join(format!("velay-{}.ics", slot.id));
        std::fs::create_dir_all(&dir)
            .and_then(|_| std::fs::write(&path, ics))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path.display().to_string())
    }
}

//! What the greeter screens read from and write to the store: greeters, slots, the
//! traveller's requests, and a confirmed meeting written out as an `.ics` file. Kept beside
//! `state.rs` so screens never hold the store themselves.

use uuid::Uuid;
use velay_core::greeter::{meeting_ics, Greeter, Slot};
use velay_core::mutation::Op;
use velay_core::store::RequestView;
use velay_core::Lang;

use dioxus::prelude::*;

use crate::state::AppState;

impl AppState {
    pub fn greeters(&self) -> Result<Vec<Greeter>, String> {
        self.content_version.read();
        self.store().greeters().map_err(|e| e.to_string())
    }

    pub fn slots(&self) -> Result<Vec<Slot>, String> {
        self.content_version.read();
        self.store().slots().map_err(|e| e.to_string())
    }

    /// The traveller's requests, read again when the outbox or private records change.
    pub fn requests(&self) -> Result<Vec<RequestView>, String> {
        self.outbox_version.read();
        self.content_version.read();
        self.store().requests().map_err(|e| e.to_string())
    }

    /// Queues a request after the same checks the server makes; the error is for the form.
    pub fn request_meeting(&mut self, op: Op) -> Result<(), String> {
        op.validate()?;
        self.queue(op).map(|_| ())
    }

    pub fn cancel_request(&mut self, request: Uuid) -> Result<(), String> {
        self.queue(Op::CancelRequest { request }).map(|_| ())
    }

    /// Writes the meeting as `.ics` next to exported routes; returns the file's path.
    pub fn export_meeting(&self, request: &RequestView, lang: Lang) -> Result<String, String> {
        let slots = self.slots()?;
        let slot = slots.iter().find(|s| s.id == request.slot).ok_or("the slot is gone")?;
        let greeters = self.greeters()?;
        let greeter = greeters
            .iter()
            .find(|g| g.id == slot.greeter)
            .ok_or("the greeter is gone")?;
        let ics = meeting_ics(&request.id.to_string(), slot, greeter, lang);
        let dir = crate::route_store::export_dir();
        let path = dir.join(format!("velay-{}.ics", slot.id));
        std::fs::create_dir_all(&dir)
            .and_then(|_| std::fs::write(&path, ics))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path.display().to_string())
    }
}

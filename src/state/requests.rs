//! The traveller's writes: the outbox (every write with where it stands), meeting requests
//! checked as the server would check them, and cancellations. A write is on disk when these
//! return, and the sync loop is woken to send it.

use dioxus::prelude::*;
use uuid::Uuid;
use velay_core::mutation::{Entry, Op};
use velay_core::store::RequestView;

use super::{AppError, AppState};

impl AppState {
    /// Every user write with its state, oldest first.
    pub fn outbox(&self) -> Result<Vec<Entry>, AppError> {
        self.outbox_version.read();
        Ok(self.store.outbox()?)
    }

    /// Queues a user write: on disk when this returns, then sent at once if possible.
    pub fn queue(&mut self, op: Op) -> Result<Entry, AppError> {
        let entry = self.store.enqueue(op)?;
        self.queued();
        Ok(entry)
    }

    /// The traveller's requests, read again when the outbox or private records change.
    pub fn requests(&self) -> Result<Vec<RequestView>, AppError> {
        self.outbox_version.read();
        self.content_version.read();
        Ok(self.store.requests()?)
    }

    /// Queues a request after the checks the server makes: the form's, the slot has not
    /// started, and no request of this device for that slot still stands. A refusal is
    /// [`AppError::Refused`], said in the traveller's words.
    pub fn request_meeting(&mut self, op: Op) -> Result<(), AppError> {
        self.store.request_meeting(op, self.now())?;
        self.queued();
        Ok(())
    }

    pub fn cancel_request(&mut self, request: Uuid) -> Result<(), AppError> {
        self.queue(Op::CancelRequest { request }).map(|_| ())
    }

    /// A write was queued: screens showing the outbox read it again, and it goes now if it can.
    fn queued(&mut self) {
        *self.outbox_version.write() += 1;
        self.request_sync();
    }
}

//! The days the visitor kept on the device, and the greeters' meetings that fall on one.

use uuid::Uuid;
use velay_core::greeter::{Greeter, Slot};
use velay_core::trip::Trip;

use dioxus::prelude::*;

use super::{AppError, AppState};

impl AppState {
    /// The days kept on the device, by date; read again when one is kept or deleted.
    pub fn trips(&self) -> Result<Vec<Trip>, AppError> {
        self.trips_version.read();
        Ok(self.store.trips()?)
    }

    /// Keeps a planned day; on disk when it returns.
    pub fn save_trip(&mut self, trip: &Trip) -> Result<(), AppError> {
        self.store.save_trip(trip)?;
        *self.trips_version.write() += 1;
        Ok(())
    }

    pub fn delete_trip(&mut self, id: Uuid) -> Result<(), AppError> {
        self.store.delete_trip(id)?;
        *self.trips_version.write() += 1;
        Ok(())
    }

    /// The greeters' meetings on the trip's day that still stand (asked, pending or confirmed),
    /// each with the slot as its request keeps it, whatever the greeter's rule says now.
    pub fn meetings_on(&self, trip: &Trip) -> Result<Vec<Meeting>, AppError> {
        let greeters = self.greeters()?;
        Ok(self
            .requests()?
            .into_iter()
            .filter(|r| r.status.stands())
            .filter_map(|r| {
                let slot = r.meeting.filter(|s| s.date == trip.date)?;
                let greeter = greeters.iter().find(|g| g.id == slot.greeter)?.clone();
                Some(Meeting {
                    request: r.id,
                    slot,
                    greeter,
                })
            })
            .collect())
    }
}

/// A meeting with a greeter, as a kept day shows it and its calendar file carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct Meeting {
    pub request: Uuid,
    pub slot: Slot,
    pub greeter: Greeter,
}

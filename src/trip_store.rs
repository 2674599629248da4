//! What the trips screen reads from and writes to the store: the days the visitor kept, and a
//! kept day written out as one `.ics` with the greeters' meetings of that day. Kept beside
//! `state.rs` so screens never hold the store themselves.

use uuid::Uuid;
use velay_core::store::RequestStatus;
use velay_core::trip::Trip;
use velay_core::Lang;

use dioxus::prelude::*;

use crate::state::AppState;

impl AppState {
    /// The days kept on the device, by date; read again when one is kept or deleted.
    pub fn trips(&self) -> Result<Vec<Trip>, String> {
        self.trips_version.read();
        self.store().trips().map_err(|e| e.to_string())
    }

    /// Keeps a planned day; on disk when it returns.
    pub fn save_trip(&mut self, trip: &Trip) -> Result<(), String> {
        self.store().save_trip(trip).map_err(|e| e.to_string())?;
        *self.trips_version.write() += 1;
        Ok(())
    }

    pub fn delete_trip(&mut self, id: Uuid) -> Result<(), String> {
        self.store().delete_trip(id).map_err(|e| e.to_string())?;
        *self.trips_version.write() += 1;
        Ok(())
    }

    /// The greeters' meetings on the trip's day that still stand (asked, pending or confirmed),
    /// as (request id, slot, greeter).
    pub fn meetings_on(&self, trip: &Trip) -> Vec<(String, velay_core::greeter::Slot, velay_core::greeter::Greeter)> {
        let (Ok(requests), Ok(greeters)) = (self.requests(), self.greeters()) else {
            return Vec::new();
        };
        requests
            .into_iter()
            .filter(|r| {
                matches!(
                    r.status,
                    RequestStatus::WaitingToSend
                        | RequestStatus::Sent
                        | RequestStatus::Pending
                        | RequestStatus::Confirmed
                )
            })
            .filter_map(|r| {
                // The slot as the request keeps it, whatever its greeter's rule says now.
                let slot = r.meeting.filter(|s| s.date == trip.date)?;
                let greeter = greeters.iter().find(|g| g.id == slot.greeter)?.clone();
                Some((r.id.to_string(), slot, greeter))
            })
            .collect()
    }

    /// Writes the day as one `.ics` (rides, the walk, the meetings) next to exported routes;
    /// returns the file's path.
    pub fn export_trip(&self, trip: &Trip, lang: Lang) -> Result<String, String> {
        let ics = trip.ics(lang, &self.meetings_on(trip));
        let dir = crate::route_store::export_dir();
        let path = dir.join(format!("velay-{}-{}.ics", trip.date, trip.route));
        std::fs::create_dir_all(&dir)
            .and_then(|_| std::fs::write(&path, ics))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path.display().to_string())
    }
}

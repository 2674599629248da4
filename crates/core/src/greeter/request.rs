//! Where a traveller's meeting request stands on the server, as the greeter decided it and as
//! the device learns it in its private records.

use serde::{Deserialize, Serialize};

/// Where a meeting request stands on the server. Pending and confirmed requests hold seats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RequestState {
    Pending,
    Confirmed,
    Declined,
    Cancelled,
}

impl RequestState {
    pub fn holds_seats(self) -> bool {
        matches!(self, RequestState::Pending | RequestState::Confirmed)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RequestState::Pending => "pending",
            RequestState::Confirmed => "confirmed",
            RequestState::Declined => "declined",
            RequestState::Cancelled => "cancelled",
        }
    }
}

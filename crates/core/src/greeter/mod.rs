//! Greeters: volunteer locals who show their corner of the Velay to travellers, free of charge.
//!
//! A *greeter* publishes a profile (languages, themes, the Grand Site they live by, meeting
//! points near a bus or train stop) and *slots*: a date, a start time, a duration of 2 to 4
//! hours and a capacity of at most 6 people, as the greeter networks' charter asks. Most slots
//! are made by the greeter's *availability*, recurring rules ("Saturdays at 14:00, April to
//! October") that expand into the dated slots of the coming weeks ([`availability`]); a few are
//! one-off dates. A traveller asks for a slot with a *meeting request* (see
//! [`crate::mutation::Op::RequestMeeting`]); the server keeps the seats of pending and
//! confirmed requests within the slot's capacity.

pub mod availability;
mod contact;
mod ics;
mod request;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::Text;

pub use crate::holidays::{easter_sunday, is_public_holiday};
pub use availability::{
    find_slot, offered, rule_slot, slot_id, split_slot_id, Availability, DaysOff, MonthDay, RuleError, Season,
    Weekdays, WINDOW_DAYS,
};
pub use contact::{is_plausible, Contact};
pub use ics::{meeting_event, meeting_ics};
pub use request::RequestState;

/// The most people one meeting takes: the greeter networks' rule, so it stays a meeting.
pub const MAX_PARTY: u8 = 6;
/// Shortest and longest meeting, in minutes.
pub const MIN_MINUTES: u16 = 120;
pub const MAX_MINUTES: u16 = 240;
/// The longest message a traveller or a greeter writes, in characters.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// What a greeter likes to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GreeterTheme {
    Heritage,
    Nature,
    /// Crafts and know-how: lace, stone, wood, farming.
    Crafts,
    Food,
}

impl GreeterTheme {
    pub const ALL: [GreeterTheme; 4] = [Self::Heritage, Self::Nature, Self::Crafts, Self::Food];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Heritage => "heritage",
            Self::Nature => "nature",
            Self::Crafts => "crafts",
            Self::Food => "food",
        }
    }
}

/// A place to meet, a short walk from a stop so that no one needs a car.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingPoint {
    pub id: String,
    pub name: Text,
    /// The GTFS stop_id of the nearest stop, and its name.
    pub stop: crate::route::StopRef,
    /// Minutes on foot from that stop.
    pub walk_minutes: u16,
    pub lat: f64,
    pub lon: f64,
}

/// A greeter's public profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Greeter {
    pub id: String,
    /// The first name the greeter goes by.
    pub name: String,
    /// Sample profiles are invented, and say so in their bio: no real person is described.
    pub fictional: bool,
    /// ISO 639-1 codes: "fr", "en", "de", "it", "es", "oc"…
    pub languages: Vec<String>,
    pub themes: Vec<GreeterTheme>,
    /// The Grand Site cluster the greeter lives by.
    pub site: String,
    pub bio: Text,
    pub meeting_points: Vec<MeetingPoint>,
    /// An SVG drawing (a landscape or an object, never a portrait of a real person).
    pub illustration: String,
}

/// A time a greeter offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub id: String,
    /// Left out in a greeter's file, where it is the file's greeter.
    #[serde(default)]
    pub greeter: String,
    pub date: NaiveDate,
    /// Local time in Europe/Paris.
    pub start: NaiveTime,
    pub minutes: u16,
    pub capacity: u8,
    /// One of the greeter's meeting points.
    pub meeting_point: String,
}

impl Slot {
    /// Checks the charter's limits; `greeter` is the slot's greeter, if known.
    pub fn check(&self, greeter: Option<&Greeter>) -> Result<(), String> {
        if !(MIN_MINUTES..=MAX_MINUTES).contains(&self.minutes) {
            return Err(format!(
                "slot {}: a meeting lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {}",
                self.id, self.minutes
            ));
        }
        if self.capacity == 0 || self.capacity > MAX_PARTY {
            return Err(format!(
                "slot {}: capacity is 1 to {MAX_PARTY}, not {}",
                self.id, self.capacity
            ));
        }
        if let Some(g) = greeter {
            if g.id != self.greeter {
                return Err(format!("slot {}: belongs to {}, not {}", self.id, self.greeter, g.id));
            }
            if !g.meeting_points.iter().any(|p| p.id == self.meeting_point) {
                return Err(format!(
                    "slot {}: {:?} is not one of {}'s meeting points",
                    self.id, self.meeting_point, g.id
                ));
            }
        }
        Ok(())
    }

    /// When the meeting starts: a wall-clock time in the territory (see [`crate::clock::ZONE`]).
    pub fn starts_at(&self) -> NaiveDateTime {
        self.date.and_time(self.start)
    }

    /// Whether the meeting has started at `now`, a wall-clock time in the territory such as
    /// [`crate::clock::Clock::local_now`]. A slot that has started is never offered nor
    /// accepted: the traveller could not be there.
    pub fn has_started(&self, now: NaiveDateTime) -> bool {
        self.starts_at() <= now
    }

    /// When the meeting ends, as a local time on its date.
    pub fn end(&self) -> NaiveDateTime {
        self.date.and_time(self.start) + chrono::Duration::minutes(i64::from(self.minutes))
    }
}

impl Greeter {
    /// Checks a profile as a whole: a sample says it is fictional in both bios.
    pub fn check(&self) -> Result<(), String> {
        let name = format!("greeter {}", self.id);
        if self.name.trim().is_empty() || self.languages.is_empty() || self.themes.is_empty() {
            return Err(format!("{name}: needs a name, languages and themes"));
        }
        if self.meeting_points.is_empty() {
            return Err(format!("{name}: needs at least one meeting point"));
        }
        if self.fictional && !(mentions_fiction(&self.bio.fr) && mentions_fiction(&self.bio.en)) {
            return Err(format!("{name}: a fictional profile says so in its bio, in fr and en"));
        }
        if !self.illustration.trim_start().starts_with("<svg") {
            return Err(format!("{name}: the illustration is an inline SVG drawing"));
        }
        Ok(())
    }
}

fn mentions_fiction(bio: &str) -> bool {
    let b = bio.to_lowercase();
    b.contains("fictif") || b.contains("fictive") || b.contains("fictional")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(minutes: u16, capacity: u8) -> Slot {
        Slot {
            id: "s".into(),
            greeter: "g".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            start: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            minutes,
            capacity,
            meeting_point: "p".into(),
        }
    }

    #[test]
    fn a_slot_follows_the_greeter_charter_two_to_four_hours_and_six_people_at_most() {
        assert!(slot(120, 6).check(None).is_ok());
        assert!(slot(90, 6).check(None).unwrap_err().contains("120 to 240"));
        assert!(slot(300, 6).check(None).is_err());
        assert!(slot(180, 7).check(None).unwrap_err().contains("1 to 6"));
        assert!(slot(180, 0).check(None).is_err());
        assert_eq!(slot(150, 2).end().to_string(), "2026-12-05 16:30:00");
    }

    #[test]
    fn a_slot_at_two_has_started_at_two_and_not_a_minute_before_whatever_the_date_in_utc() {
        let s = slot(120, 6);
        let at = |d: u32, h: u32, m: u32| {
            NaiveDate::from_ymd_opt(2026, 12, d)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        assert!(!s.has_started(at(5, 13, 59)));
        assert!(s.has_started(at(5, 14, 0)));
        assert!(s.has_started(at(5, 14, 1)));
        assert!(!s.has_started(at(4, 23, 30)));
        assert!(s.has_started(at(6, 0, 30)));
    }
}

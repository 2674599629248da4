//! Journeys and legs, as the app and the CLI show them.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::timetable::{LineIdx, Mode, StopIdx, Timetable, TripIdx};

/// A place a journey starts or ends at: a stop (or a station, meaning any of its stops), or a
/// point such as a walking route's start, reached on foot from the stops around it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Place {
    Stop(StopIdx),
    /// Degrees (WGS 84).
    Point {
        lat: f64,
        lon: f64,
    },
}

/// One part of a journey: a ride on one trip, or a walk.
#[derive(Clone, Debug, PartialEq)]
pub struct Leg {
    pub mode: Mode,
    pub from: Place,
    pub to: Place,
    pub departure: DateTime<Tz>,
    pub arrival: DateTime<Tz>,
    /// The line ridden, `None` for a walk.
    pub line: Option<LineIdx>,
    pub trip: Option<TripIdx>,
}

impl Leg {
    pub fn is_walk(&self) -> bool {
        self.trip.is_none()
    }
}

/// A way from one place to another: legs one after the other, each starting where the last
/// ended, at or after its arrival.
#[derive(Clone, Debug, PartialEq)]
pub struct Journey {
    pub legs: Vec<Leg>,
    /// When the traveller leaves and arrives; for a journey with no legs (already there),
    /// both are the asked time.
    pub departure: DateTime<Tz>,
    pub arrival: DateTime<Tz>,
}

impl Journey {
    /// Rides on more than one trip mean changes: the number of rides minus one.
    pub fn transfers(&self) -> usize {
        self.legs.iter().filter(|l| !l.is_walk()).count().saturating_sub(1)
    }

    /// Seconds spent walking.
    pub fn walking_secs(&self) -> i64 {
        self.legs
            .iter()
            .filter(|l| l.is_walk())
            .map(|l| (l.arrival - l.departure).num_seconds())
            .sum()
    }

    /// Whether any ride is on a line whose times are only a sample.
    pub fn uses_sample_times(&self, timetable: &Timetable) -> bool {
        self.legs
            .iter()
            .filter_map(|l| l.line)
            .any(|l| timetable.line(l).sample)
    }
}

//! The territory's clock: "now" and "today" as they are in the Velay (Europe/Paris), whatever
//! zone the device is set to. Every screen that says "today", "leave by" or "from now" reads
//! this one clock, so that two screens never disagree about the day, and a visitor whose phone
//! still runs on another zone is never offered a bus that has already left.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The zone of the territory, of its timetables and of its greeters' slots.
pub const ZONE: Tz = chrono_tz::Europe::Paris;

/// The real time, or the real time shifted so that it read a chosen moment when the clock was
/// made: a demonstration or a test can live on a Saturday in July while time still runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    offset: Duration,
}

impl Clock {
    /// The device's clock, read in the territory's zone.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `at` (a wall-clock time in the territory) now, and runs on from there.
    pub fn starting_at(at: NaiveDateTime) -> Clock {
        let at = ZONE
            .from_local_datetime(&at)
            .earliest()
            .map_or_else(|| at.and_utc(), |t| t.with_timezone(&Utc));
        Clock {
            offset: at - Utc::now(),
        }
    }

    pub fn now(&self) -> DateTime<Tz> {
        (Utc::now() + self.offset).with_timezone(&ZONE)
    }

    /// The wall-clock date and time in the territory.
    pub fn local_now(&self) -> NaiveDateTime {
        self.now().naive_local()
    }

    pub fn today(&self) -> NaiveDate {
        self.local_now().date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_started_on_a_saturday_in_july_reads_it_in_paris_and_runs_on() {
        let at = NaiveDate::from_ymd_opt(2027, 7, 3)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let clock = Clock::starting_at(at);
        let now = clock.local_now();
        assert!(now >= at && now - at < Duration::seconds(5), "{now}");
        assert_eq!(clock.now().offset().to_string(), "CEST");
        assert_eq!(clock.today(), at.date());
    }

    #[test]
    fn the_system_clock_is_the_same_instant_as_the_device_in_another_zone() {
        let clock = Clock::system();
        let gap = clock.now().with_timezone(&Utc) - Utc::now();
        assert!(gap.num_seconds().abs() < 5);
        assert_eq!(clock.now().timezone(), ZONE);
    }
}

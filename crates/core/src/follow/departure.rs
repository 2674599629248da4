//! The hook for the last bus or train home: "leave by 16:05 to catch the 17:42".
//!
//! The planner (built apart) finds the last departure from the route's end stop; this module
//! only needs its time, so following works, and is tested, without it.

use serde::{Deserialize, Serialize};

/// A time of the service day: seconds since midnight, local time. May pass 24:00, as GTFS
/// times do for a bus leaving after midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TimeOfDay(pub u32);

impl TimeOfDay {
    pub fn hm(hours: u32, minutes: u32) -> TimeOfDay {
        TimeOfDay(hours * 3600 + minutes * 60)
    }

    /// "17:42". Seconds are dropped, as on a timetable; past midnight it reads as GTFS writes
    /// it, "25:10".
    pub fn hhmm(self) -> String {
        format!("{:02}:{:02}", self.0 / 3600, self.0 / 60 % 60)
    }

    /// The time a clock shows, for people: "01:10" for a bus at GTFS's 25:10.
    pub fn clock(self) -> String {
        TimeOfDay(self.0 % (24 * 3600)).hhmm()
    }
}

/// How the walker stands against the last departure home.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartureMargin {
    /// The last departure from the end stop.
    pub departure: TimeOfDay,
    /// The latest time to set off again from where the walker is, walking at their pace, to
    /// reach the stop `buffer` minutes before the departure. `None` when that was before
    /// midnight of the service day.
    pub leave_by: Option<TimeOfDay>,
    /// Minutes from now to `leave_by`; negative once it has passed.
    pub margin_min: i64,
    /// The margin is below the alert threshold: the walker should be told.
    pub alert: bool,
}

/// "Leave by `leave_by` to catch the `departure`": given the time now, the walking time left
/// to the end stop, and the last departure from it.
///
/// `buffer_min` is kept free before the departure (finding the stop, buying a ticket);
/// `alert_below_min` raises [`DepartureMargin::alert`] when the margin shrinks below it.
///
/// # Units
/// Times of day; minutes.
///
/// # Examples
/// ```
/// use velay_core::follow::{departure_margin, TimeOfDay};
/// // At 15:00, 1 h 30 of walking left, the last bus at 17:42, 5 minutes to spare at the stop.
/// let m = departure_margin(TimeOfDay::hm(15, 0), 90.0, TimeOfDay::hm(17, 42), 5, 30);
/// assert_eq!(m.leave_by.unwrap().hhmm(), "16:07");
/// assert_eq!((m.margin_min, m.alert), (67, false));
/// ```
pub fn departure_margin(
    now: TimeOfDay,
    time_left_min: f64,
    departure: TimeOfDay,
    buffer_min: u32,
    alert_below_min: u32,
) -> DepartureMargin {
    // Rounded up: a walker told 16:07 must not find they needed 16:06:30.
    let needed_s = (time_left_min.max(0.0) * 60.0).ceil() as i64 + i64::from(buffer_min) * 60;
    let leave_by_s = i64::from(departure.0) - needed_s;
    let leave_by_s = leave_by_s - leave_by_s.rem_euclid(60);
    let margin_min = (leave_by_s - i64::from(now.0)).div_euclid(60);
    DepartureMargin {
        departure,
        leave_by: u32::try_from(leave_by_s).ok().map(TimeOfDay),
        margin_min,
        alert: margin_min < i64::from(alert_below_min),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walker_with_time_to_spare_gets_no_alert() {
        let m = departure_margin(TimeOfDay::hm(14, 10), 75.0, TimeOfDay::hm(18, 5), 5, 30);
        assert_eq!(m.leave_by, Some(TimeOfDay::hm(16, 45)));
        assert_eq!(m.margin_min, 155);
        assert!(!m.alert);
    }

    #[test]
    fn a_slow_afternoon_raises_the_alert_once_the_margin_is_short() {
        // 17:10 train; still 1 h 20 of walking at 15:30: leave by 15:45, 15 minutes away.
        let m = departure_margin(TimeOfDay::hm(15, 30), 80.0, TimeOfDay::hm(17, 10), 5, 30);
        assert_eq!(m.leave_by.unwrap().hhmm(), "15:45");
        assert_eq!(m.margin_min, 15);
        assert!(m.alert);
    }

    #[test]
    fn a_missed_departure_has_a_negative_margin() {
        let m = departure_margin(TimeOfDay::hm(17, 0), 60.0, TimeOfDay::hm(17, 42), 5, 30);
        assert_eq!(m.leave_by.unwrap().hhmm(), "16:37");
        assert_eq!(m.margin_min, -23);
        assert!(m.alert);
    }

    #[test]
    fn a_departure_after_midnight_reads_as_gtfs_writes_it() {
        assert_eq!(TimeOfDay(25 * 3600 + 10 * 60).hhmm(), "25:10");
        assert_eq!(TimeOfDay(25 * 3600 + 10 * 60).clock(), "01:10");
        assert_eq!(TimeOfDay::hm(17, 42).clock(), "17:42");
        let m = departure_margin(TimeOfDay::hm(0, 10), 600.0, TimeOfDay::hm(6, 0), 5, 30);
        assert_eq!(m.leave_by, None);
    }
}

//! From service days and GTFS times to instants, in the feed's time zone.
//!
//! GTFS counts a trip's times from "noon minus 12 h" of its service day, not from midnight: on
//! the 23-hour and 25-hour days when daylight saving time starts or ends, the two differ by an
//! hour, and only noon minus 12 h gives every time on that day its published wall-clock reading
//! after 03:00. Times are then plain seconds, and "25:10:00" is 1:10 the next morning.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// The Unix time (seconds) of a service day's noon minus 12 h.
pub(crate) fn reference(tz: Tz, day: NaiveDate) -> i64 {
    let noon = day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
    // Noon is never skipped nor repeated by a DST change anywhere today; fall back to UTC if it were.
    let at = tz
        .from_local_datetime(&noon)
        .earliest()
        .map_or_else(|| noon.and_utc().timestamp(), |t| t.timestamp());
    at - 12 * 3600
}

/// The Unix time of a wall-clock time on a day. A time that does not exist (skipped when the
/// clocks go forward, 02:30 on the last Sunday of March in Paris) is read an hour later; one
/// that happens twice (when they go back) is the first.
pub(crate) fn local_instant(tz: Tz, day: NaiveDate, time: NaiveTime) -> i64 {
    let local = day.and_time(time);
    match tz.from_local_datetime(&local).earliest() {
        Some(t) => t.timestamp(),
        None => tz
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map_or_else(|| local.and_utc().timestamp(), |t| t.timestamp()),
    }
}

/// An instant as a date and time in the zone.
pub(crate) fn to_local(tz: Tz, unix: i64) -> DateTime<Tz> {
    DateTime::from_timestamp(unix, 0)
        .unwrap_or(DateTime::UNIX_EPOCH)
        .with_timezone(&tz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_day_clocks_go_forward_a_trip_at_eight_leaves_at_eight_summer_time() {
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let at = to_local(tz, reference(tz, day) + 8 * 3600);
        assert_eq!(at.to_rfc3339(), "2026-03-29T08:00:00+02:00");
        let two_thirty = local_instant(tz, day, NaiveTime::from_hms_opt(2, 30, 0).unwrap());
        assert_eq!(to_local(tz, two_thirty).to_rfc3339(), "2026-03-29T03:30:00+02:00");
    }
}

//! The days the check plans on: an ordinary weekday, Saturday and Sunday, chosen from a
//! reference date the same way every time, so that two runs on the same content agree.
//!
//! *Ordinary* means not a French public holiday: on a holiday, the feed runs its Sunday
//! services (see routes-data/gtfs/README.md), so a holiday Tuesday would be a second Sunday.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// A kind of day, as timetables differ: weekdays, Saturdays, Sundays and holidays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DayType {
    /// Represented by a Tuesday: Mondays and Fridays carry extra trains (the week's first and
    /// last), which would make the week look better served than it is.
    Weekday,
    Saturday,
    Sunday,
}

impl DayType {
    pub const ALL: [DayType; 3] = [DayType::Weekday, DayType::Saturday, DayType::Sunday];

    /// The day of the week that stands for this kind of day.
    pub fn weekday(self) -> Weekday {
        match self {
            DayType::Weekday => Weekday::Tue,
            DayType::Saturday => Weekday::Sat,
            DayType::Sunday => Weekday::Sun,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DayType::Weekday => "weekday",
            DayType::Saturday => "Saturday",
            DayType::Sunday => "Sunday",
        }
    }
}

impl std::fmt::Display for DayType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One day planned on: its kind and its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CheckedDay {
    pub day: DayType,
    pub date: NaiveDate,
}

/// The next ordinary Tuesday, Saturday and Sunday on or after `reference`.
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use velay_core::check::{representative_days, DayType};
///
/// // From Monday 13 July 2026: Tuesday 14 July is Bastille Day, so the weekday is the 21st.
/// let days = representative_days(NaiveDate::from_ymd_opt(2026, 7, 13).unwrap());
/// assert_eq!(days[0].day, DayType::Weekday);
/// assert_eq!(days[0].date.to_string(), "2026-07-21");
/// assert_eq!(days[1].date.to_string(), "2026-07-18");
/// assert_eq!(days[2].date.to_string(), "2026-07-19");
/// ```
pub fn representative_days(reference: NaiveDate) -> [CheckedDay; 3] {
    DayType::ALL.map(|day| CheckedDay {
        day,
        date: next_ordinary(reference, day.weekday()),
    })
}

/// The ordinary week the check reads a stop's service on: the seven days from the first Monday
/// on or after `reference`, a public holiday replaced by the same day of the next week that
/// is not one.
pub fn ordinary_week(reference: NaiveDate) -> [NaiveDate; 7] {
    let monday = next_weekday(reference, Weekday::Mon);
    std::array::from_fn(|i| {
        let mut date = monday + Duration::days(i as i64);
        while is_public_holiday(date) {
            date += Duration::weeks(1);
        }
        date
    })
}

fn next_weekday(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Duration::days(i64::from(ahead))
}

/// The first `weekday` on or after `from` that is not a public holiday.
pub fn next_ordinary(from: NaiveDate, weekday: Weekday) -> NaiveDate {
    let mut date = next_weekday(from, weekday);
    while is_public_holiday(date) {
        date += Duration::weeks(1);
    }
    date
}

pub use crate::holidays::{easter_sunday, is_public_holiday};

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_falls_where_the_calendar_says() {
        assert_eq!(easter_sunday(2026), d(2026, 4, 5));
        assert_eq!(easter_sunday(2027), d(2027, 3, 28));
        assert_eq!(easter_sunday(2024), d(2024, 3, 31));
    }

    #[test]
    fn whit_monday_and_ascension_are_holidays_and_the_tuesday_after_is_not() {
        assert!(is_public_holiday(d(2026, 5, 14)), "Ascension 2026");
        assert!(is_public_holiday(d(2026, 5, 25)), "Whit Monday 2026");
        assert!(is_public_holiday(d(2027, 3, 29)), "Easter Monday 2027");
        assert!(!is_public_holiday(d(2026, 5, 26)));
    }

    #[test]
    fn a_holiday_tuesday_gives_way_to_the_next_ordinary_one() {
        // 14 July 2026 is a Tuesday.
        let days = representative_days(d(2026, 7, 13));
        assert_eq!(days[0].date, d(2026, 7, 21));
        assert_eq!(days[1].date, d(2026, 7, 18));
        assert_eq!(days[2].date, d(2026, 7, 19));
        // Christmas 2026 is a Friday: the week's Friday is the next one.
        let week = ordinary_week(d(2026, 12, 21));
        assert_eq!(week[4], d(2027, 1, 8), "1 January 2027 is a Friday too");
        assert_eq!(week[0], d(2026, 12, 21));
    }
}

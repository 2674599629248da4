//! French public holidays (*jours fériés*), the eleven of metropolitan France: a greeter's rule
//! may leave them out, on them the region's weekday buses do not run either, and the content
//! check plans on ordinary days only. The feed's script (`scripts/gtfs/build_feed.py`) writes
//! the same list into the timetable.
//!
//! Fixed: 1 January, 1 May, 8 May, 14 July, 15 August, 1 November, 11 November, 25 December.
//! Moving with Easter: Easter Monday, Ascension (Easter + 39 days) and Whit Monday (+ 50), as
//! the Code du travail (article L3133-1) lists them. Alsace-Moselle's two extra days (Good
//! Friday, 26 December) are left out: no greeter of the Velay lives under that local law.

use chrono::{Datelike, Duration, NaiveDate};

/// Whether `date` is a public holiday in metropolitan France.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use velay_core::holidays::is_public_holiday;
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
/// assert!(is_public_holiday(day(7, 14)));
/// assert!(is_public_holiday(day(3, 29))); // Easter Monday 2027
/// assert!(!is_public_holiday(day(3, 30)));
/// ```
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = matches!(
        (date.month(), date.day()),
        (1, 1) | (5, 1) | (5, 8) | (7, 14) | (8, 15) | (11, 1) | (11, 11) | (12, 25)
    );
    fixed || {
        let easter = easter_sunday(date.year());
        [1, 39, 50].iter().any(|&after| date == easter + Duration::days(after))
    }
}

/// Easter Sunday of `year` in the Gregorian calendar.
///
/// # References
///
/// The anonymous Gregorian algorithm ("Meeus/Jones/Butcher"), J. Meeus, *Astronomical
/// Algorithms*, 2nd ed., 1998, chapter 8.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("the algorithm gives a day of March or April")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_falls_where_the_calendars_put_it() {
        for (y, m, d) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(y), day(y, m, d), "{y}");
        }
    }

    #[test]
    fn the_eleven_holidays_of_2026_are_those_the_bundled_feed_stops_its_weekday_buses_on() {
        let holidays: Vec<NaiveDate> = day(2026, 1, 1)
            .iter_days()
            .take_while(|d| d.year() == 2026)
            .filter(|d| is_public_holiday(*d))
            .collect();
        let expected = [
            (1, 1),
            (4, 6),
            (5, 1),
            (5, 8),
            (5, 14),
            (5, 25),
            (7, 14),
            (8, 15),
            (11, 1),
            (11, 11),
            (12, 25),
        ]
        .map(|(m, d)| day(2026, m, d));
        assert_eq!(holidays, expected);
        // Easter Sunday and Whit Sunday are Sundays anyway, not holidays of their own.
        assert!(!is_public_holiday(day(2026, 4, 5)));
        assert!(!is_public_holiday(day(2026, 5, 24)));
    }
}

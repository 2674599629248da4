//! GTFS times and dates, as written in the files.

use chrono::NaiveDate;

/// Trips may run past midnight of their service day ("25:10:00"), but not for a week: longer
/// times are refused as a typo rather than stretched over the calendar.
pub(crate) const MAX_TIME_SECS: u32 = 7 * 24 * 3600;

/// Reads `H:MM:SS` or `HH:MM:SS` (hours may pass 24) into seconds since the service day's
/// noon minus 12 h.
pub(crate) fn time(text: &str) -> Option<u32> {
    // By bytes: this runs once or twice per stop time, hundreds of thousands of times.
    let b = text.as_bytes();
    let h_len = b.len().checked_sub(6)?;
    if !(1..=3).contains(&h_len) || b[h_len] != b':' || b[h_len + 3] != b':' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits
            .iter()
            .try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let (h, m, s) = (
        number(&b[..h_len])?,
        number(&b[h_len + 1..h_len + 3])?,
        number(&b[h_len + 4..])?,
    );
    if m > 59 || s > 59 {
        return None;
    }
    let secs = h * 3600 + m * 60 + s;
    (secs <= MAX_TIME_SECS).then_some(secs)
}

/// Reads a GTFS date, `YYYYMMDD`.
pub(crate) fn date(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y = text[0..4].parse().ok()?;
    let m = text[4..6].parse().ok()?;
    let d = text[6..8].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Formats seconds since the service day's noon minus 12 h as `HH:MM:SS` (hours may pass 24).
pub fn format_time(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_past_midnight_are_just_larger_numbers() {
        assert_eq!(time("25:10:00"), Some(25 * 3600 + 600));
        assert_eq!(time("7:04:00"), Some(7 * 3600 + 240));
        assert_eq!(time("08:60:00"), None);
        assert_eq!(time("08:00"), None);
        assert_eq!(time("ab:00:00"), None);
        assert_eq!(time("999:00:00"), None);
        assert_eq!(format_time(25 * 3600 + 600), "25:10:00");
    }

    #[test]
    fn dates_are_eight_digits() {
        assert_eq!(date("20260329"), NaiveDate::from_ymd_opt(2026, 3, 29));
        assert_eq!(date("20260230"), None);
        assert_eq!(date("2026-03-29"), None);
    }
}

//! Services: the sets of days on which trips run, from `calendar.txt` (weekly patterns over a
//! date range) and `calendar_dates.txt` (days added or removed, such as public holidays),
//! kept as one bitset of days per service.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The calendar covers at most this many days from its first; longer ranges (some feeds say
/// "until 2099") are cut, with a warning. Five years is more than any published timetable.
pub(crate) const MAX_DAYS: i64 = 5 * 366;

/// Every service's days, as bits: bit `d` of service `s` says whether it runs `d` days after
/// `first_day`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Services {
    /// `first_day` as days since 0001-01-01 (chrono's `num_days_from_ce`).
    pub(crate) first_day: i32,
    pub(crate) days: u32,
    /// `u64` words per service.
    pub(crate) words: u32,
    pub(crate) bits: Vec<u64>,
}

/// One weekly pattern from `calendar.txt`: `weekdays` bit 0 is Monday.
pub(crate) struct WeeklyRule {
    pub(crate) service: u32,
    pub(crate) weekdays: u8,
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
}

/// One exception from `calendar_dates.txt`.
pub(crate) struct Exception {
    pub(crate) service: u32,
    pub(crate) date: NaiveDate,
    pub(crate) added: bool,
}

impl Services {
    /// Builds the bitsets. Returns the services and whether the date range had to be cut.
    pub(crate) fn build(count: u32, rules: &[WeeklyRule], exceptions: &[Exception]) -> (Services, bool) {
        let dates = rules
            .iter()
            .flat_map(|r| [r.start, r.end])
            .chain(exceptions.iter().map(|e| e.date));
        let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else {
            return (Services::default(), false);
        };
        let span = (last - first).num_days() + 1;
        let cut = span > MAX_DAYS;
        let days = span.min(MAX_DAYS) as u32;
        let words = days.div_ceil(64);
        let mut services = Services {
            first_day: first.num_days_from_ce(),
            days,
            words,
            bits: vec![0; words as usize * count as usize],
        };
        for rule in rules {
            let mut day = rule.start;
            while day <= rule.end {
                if rule.weekdays & (1 << day.weekday().num_days_from_monday()) != 0 {
                    services.set(rule.service, day, true);
                }
                match day.succ_opt() {
                    Some(next) if services.index(next).is_some() => day = next,
                    _ => break,
                }
            }
        }
        for e in exceptions {
            services.set(e.service, e.date, e.added);
        }
        (services, cut)
    }

    /// Days since the calendar's first day, when `day` lies inside it.
    pub(crate) fn index(&self, day: NaiveDate) -> Option<u32> {
        let d = day.num_days_from_ce() - self.first_day;
        (0..self.days as i32).contains(&d).then_some(d as u32)
    }

    fn set(&mut self, service: u32, day: NaiveDate, on: bool) {
        if let Some(d) = self.index(day) {
            let word = service as usize * self.words as usize + d as usize / 64;
            if on {
                self.bits[word] |= 1 << (d % 64);
            } else {
                self.bits[word] &= !(1 << (d % 64));
            }
        }
    }

    /// Whether `service` runs on the calendar's day number `day`.
    #[inline]
    pub(crate) fn runs(&self, service: u32, day: u32) -> bool {
        let word = service as usize * self.words as usize + day as usize / 64;
        day < self.days && self.bits.get(word).is_some_and(|w| w & (1 << (day % 64)) != 0)
    }

    pub(crate) fn first_date(&self) -> Option<NaiveDate> {
        (self.days > 0)
            .then(|| NaiveDate::from_num_days_from_ce_opt(self.first_day))
            .flatten()
    }

    pub(crate) fn last_date(&self) -> Option<NaiveDate> {
        (self.days > 0)
            .then(|| NaiveDate::from_num_days_from_ce_opt(self.first_day + self.days as i32 - 1))
            .flatten()
    }

    /// The number of services the bitsets hold.
    pub(crate) fn count(&self) -> usize {
        if self.words == 0 {
            0
        } else {
            self.bits.len() / self.words as usize
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_weekday_service_stops_on_a_public_holiday() {
        let rules = [WeeklyRule {
            service: 0,
            weekdays: 0b0011111,
            start: d(2026, 1, 1),
            end: d(2026, 12, 31),
        }];
        let holiday = [Exception {
            service: 0,
            date: d(2026, 5, 1),
            added: false,
        }];
        let (s, cut) = Services::build(1, &rules, &holiday);
        assert!(!cut);
        let on = |day| s.runs(0, s.index(day).unwrap());
        assert!(on(d(2026, 4, 30)), "a Thursday");
        assert!(!on(d(2026, 5, 1)), "Labour Day, a Friday");
        assert!(!on(d(2026, 5, 2)), "a Saturday");
        assert!(s.index(d(2027, 1, 1)).is_none());
    }
}

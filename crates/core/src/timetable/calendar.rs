//! Services: the sets of days on which trips run, from `calendar.txt` (weekly patterns over a
//! date range) and `calendar_dates.txt` (days added or removed, such as public holidays).
//!
//! Kept sparse, so that every day a feed covers can be asked, however long its range: each
//! service keeps its weekly rule as it is (a few bytes, even for the placeholder range
//! 20000101–20991231 common in real feeds) and, only over the days its exceptions touch, a
//! bitset of the days it runs. A day inside that window is read from the bits; any other day
//! from the weekly rule.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Every service's days. Days are numbered from `first_day`, the feed's earliest date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Services {
    /// The feed's earliest date, as days since 0001-01-01 (chrono's `num_days_from_ce`).
    pub(crate) first_day: i32,
    /// How many days from `first_day` to the feed's last date, both included.
    pub(crate) days: u32,
    /// Each service's weekly rule (none: `weekdays` is 0).
    pub(crate) weekly: Vec<Weekly>,
    /// Each service's window of exceptions.
    pub(crate) windows: Vec<Window>,
    /// The windows' bits, one after the other: bit `i` of a window says whether the service
    /// runs on the window's `start + i`.
    pub(crate) bits: Vec<u64>,
}

/// A weekly rule in day numbers: runs on the `weekdays` (bit 0 is Monday) from `start` to `end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Weekly {
    pub(crate) weekdays: u8,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// The days `start .. start + len` of a service, read from `bits[offset..]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Window {
    pub(crate) start: u32,
    pub(crate) len: u32,
    /// In `u64` words.
    pub(crate) offset: u32,
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

/// Monday = 0, from a day number since 0001-01-01 (which was a Monday).
fn weekday_of(days_from_ce: i64) -> u32 {
    (days_from_ce - 1).rem_euclid(7) as u32
}

impl Services {
    /// Builds the services. A service given two weekly rules (GTFS allows one) keeps the
    /// first as its rule and has the days of the others written into its window.
    pub(crate) fn build(count: u32, rules: &[WeeklyRule], exceptions: &[Exception]) -> Services {
        let dates = rules
            .iter()
            .flat_map(|r| [r.start, r.end])
            .chain(exceptions.iter().map(|e| e.date));
        let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else {
            return Services {
                weekly: vec![Weekly::default(); count as usize],
                windows: vec![Window::default(); count as usize],
                ..Services::default()
            };
        };
        let first_day = first.num_days_from_ce();
        let day = |d: NaiveDate| (d.num_days_from_ce() - first_day) as u32;
        let n = count as usize;
        let mut weekly = vec![Weekly::default(); n];
        // Each service's extra rules and exceptions, and the span of days they touch.
        let mut extra: Vec<Vec<&WeeklyRule>> = vec![Vec::new(); n];
        let mut span: Vec<Option<(u32, u32)>> = vec![None; n];
        let widen = |span: &mut Option<(u32, u32)>, a: u32, b: u32| {
            *span = Some(span.map_or((a, b), |(s, e)| (s.min(a), e.max(b))));
        };
        let mut has_rule = vec![false; n];
        for r in rules.iter().filter(|r| (r.service as usize) < n && r.start <= r.end) {
            let s = r.service as usize;
            if !has_rule[s] {
                has_rule[s] = true;
                weekly[s] = Weekly {
                    weekdays: r.weekdays,
                    start: day(r.start),
                    end: day(r.end),
                };
            } else {
                extra[s].push(r);
                widen(&mut span[s], day(r.start), day(r.end));
            }
        }
        let mut by_service: Vec<Vec<&Exception>> = vec![Vec::new(); n];
        for e in exceptions.iter().filter(|e| (e.service as usize) < n) {
            widen(&mut span[e.service as usize], day(e.date), day(e.date));
            by_service[e.service as usize].push(e);
        }
        let mut services = Services {
            first_day,
            days: day(last) + 1,
            weekly,
            windows: vec![Window::default(); n],
            bits: Vec::new(),
        };
        for s in 0..n {
            let Some((start, end)) = span[s] else { continue };
            let len = end - start + 1;
            services.windows[s] = Window {
                start,
                len,
                offset: services.bits.len() as u32,
            };
            services.bits.resize(services.bits.len() + len.div_ceil(64) as usize, 0);
            for d in start..=end {
                let on = services.weekly_runs(s, d)
                    || extra[s]
                        .iter()
                        .any(|r| (day(r.start)..=day(r.end)).contains(&d) && services.weekday_in(r.weekdays, d));
                services.set(s, d, on);
            }
            for e in &by_service[s] {
                services.set(s, day(e.date), e.added);
            }
        }
        services
    }

    /// Days since the calendar's first day, when `day` lies inside it.
    pub(crate) fn index(&self, day: NaiveDate) -> Option<u32> {
        let d = day.num_days_from_ce() - self.first_day;
        (0..self.days as i32).contains(&d).then_some(d as u32)
    }

    fn weekday_in(&self, weekdays: u8, day: u32) -> bool {
        weekdays & (1 << weekday_of(self.first_day as i64 + day as i64)) != 0
    }

    fn weekly_runs(&self, service: usize, day: u32) -> bool {
        let w = self.weekly[service];
        w.weekdays != 0 && (w.start..=w.end).contains(&day) && self.weekday_in(w.weekdays, day)
    }

    fn set(&mut self, service: usize, day: u32, on: bool) {
        let w = self.windows[service];
        let i = day.wrapping_sub(w.start);
        if i < w.len {
            let word = w.offset as usize + i as usize / 64;
            if on {
                self.bits[word] |= 1 << (i % 64);
            } else {
                self.bits[word] &= !(1 << (i % 64));
            }
        }
    }

    /// Whether `service` runs on the calendar's day number `day`.
    #[inline]
    pub(crate) fn runs(&self, service: u32, day: u32) -> bool {
        let s = service as usize;
        let Some(w) = self.windows.get(s) else { return false };
        let i = day.wrapping_sub(w.start);
        if i < w.len {
            let word = w.offset as usize + i as usize / 64;
            self.bits.get(word).is_some_and(|b| b & (1 << (i % 64)) != 0)
        } else {
            self.weekly_runs(s, day)
        }
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

    /// The number of services.
    pub(crate) fn count(&self) -> usize {
        self.weekly.len()
    }

    /// Every window inside the bits and every rule inside the calendar: what a record loaded
    /// from bytes must hold before the planner reads it.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.windows.len() != self.weekly.len() {
            return Err("service rules and windows differ in number".into());
        }
        for w in &self.windows {
            let end = w.offset as u64 + (w.len as u64).div_ceil(64);
            if end > self.bits.len() as u64 {
                return Err(format!("a service window ends at word {end} of {}", self.bits.len()));
            }
        }
        Ok(())
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
        let s = Services::build(1, &rules, &holiday);
        let on = |day| s.runs(0, s.index(day).unwrap());
        assert!(on(d(2026, 4, 30)), "a Thursday");
        assert!(!on(d(2026, 5, 1)), "Labour Day, a Friday");
        assert!(!on(d(2026, 5, 2)), "a Saturday");
        assert!(s.index(d(2027, 1, 1)).is_none());
    }

    fn runs_on(s: &Services, service: u32, day: NaiveDate) -> bool {
        s.index(day).is_some_and(|i| s.runs(service, i))
    }

    #[test]
    fn a_placeholder_range_of_a_hundred_years_runs_today_and_costs_no_bits() {
        let rules = [WeeklyRule {
            service: 0,
            weekdays: 0b0011111,
            start: d(2000, 1, 1),
            end: d(2099, 12, 31),
        }];
        let s = Services::build(1, &rules, &[]);
        assert!(runs_on(&s, 0, d(2026, 12, 1)), "a Tuesday");
        assert!(!runs_on(&s, 0, d(2026, 12, 5)), "a Saturday");
        assert!(runs_on(&s, 0, d(2099, 12, 31)), "a Thursday, the last day");
        assert!(s.bits.is_empty());
        assert_eq!(s.last_date(), Some(d(2099, 12, 31)));
    }

    #[test]
    fn a_feed_valid_for_eighteen_years_keeps_every_one_of_them() {
        // The first service ends early; the second, from 2007 to 2025, must still run in 2024.
        let rules = [
            WeeklyRule {
                service: 0,
                weekdays: 0b1111111,
                start: d(2007, 1, 1),
                end: d(2007, 6, 30),
            },
            WeeklyRule {
                service: 1,
                weekdays: 0b1111111,
                start: d(2007, 1, 1),
                end: d(2025, 12, 31),
            },
        ];
        let added = [Exception {
            service: 0,
            date: d(2024, 7, 14),
            added: true,
        }];
        let s = Services::build(2, &rules, &added);
        assert!(runs_on(&s, 1, d(2024, 3, 12)));
        assert!(runs_on(&s, 0, d(2024, 7, 14)), "the day added in 2024");
        assert!(!runs_on(&s, 0, d(2024, 7, 15)));
        assert!(!runs_on(&s, 1, d(2026, 1, 1)), "after the feed's last day");
    }

    #[test]
    fn a_service_given_two_weekly_rules_runs_on_both() {
        let rules = [
            WeeklyRule {
                service: 0,
                weekdays: 0b0000001,
                start: d(2026, 1, 1),
                end: d(2026, 12, 31),
            },
            WeeklyRule {
                service: 0,
                weekdays: 0b1000000,
                start: d(2026, 7, 1),
                end: d(2026, 8, 31),
            },
        ];
        let s = Services::build(1, &rules, &[]);
        assert!(runs_on(&s, 0, d(2026, 3, 2)), "a Monday, from the first rule");
        assert!(runs_on(&s, 0, d(2026, 7, 5)), "a Sunday in July, from the second");
        assert!(!runs_on(&s, 0, d(2026, 3, 1)), "a Sunday in March");
        assert!(s.check().is_ok());
    }
}

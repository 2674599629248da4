//! Availability: when a greeter is free to meet, written once as a recurring *rule* ("Saturdays
//! at 14:00, April to October, not on public holidays, not from 1 to 15 August") instead of
//! dates that pass. A rule *expands* into the dated [`Slot`]s a traveller asks for, for the
//! [`WINDOW_DAYS`] ahead, the same way on the server and offline in the app, so sample content
//! never runs dry.
//!
//! A slot a rule makes is named `<greeter>-<rule>-<yyyymmdd>` ([`slot_id`]), e.g.
//! `paul-samedi-20261212`: the same date of the same rule always has the same id, whatever the
//! rule's hours become. The seats a request holds, counted per slot id on the server, therefore
//! stay with their slot, and a request keeps a copy of the slot it was made for (see
//! [`crate::sync::PrivateRecord::Request`]) so that a rule changed later does not move it.
//! Ids that put the time or a counter in the name were rejected: changing the time would have
//! orphaned the seats already held.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{is_public_holiday, Greeter, Slot, MAX_MINUTES, MAX_PARTY, MIN_MINUTES};

/// How far ahead rules are expanded: the coming eight weeks, today included. Long enough to plan
/// a stay, short enough that a greeter's plans are still true; a request for a date further
/// ahead is refused as no such slot, on the device and on the server alike.
pub const WINDOW_DAYS: u32 = 56;

/// The earliest and latest start of a meeting a rule offers, local time. Besides being the
/// hours people meet at, they keep every rule clear of the night of a daylight-saving change
/// (02:00–03:00), where a wall-clock time is missing or happens twice.
pub const EARLIEST_START: NaiveTime = match NaiveTime::from_hms_opt(6, 0, 0) {
    Some(t) => t,
    None => panic!("06:00 is a time"),
};
pub const LATEST_START: NaiveTime = match NaiveTime::from_hms_opt(21, 0, 0) {
    Some(t) => t,
    None => panic!("21:00 is a time"),
};

/// The longest rule id: with the greeter's id and the date, a slot id stays within the 64
/// characters of a content id.
pub const MAX_RULE_ID_CHARS: usize = 24;

/// The most periods of days off a rule lists.
pub const MAX_DAYS_OFF: usize = 60;

/// What is wrong with a rule, or with the text a rule is read from. The messages are English,
/// for logs and the content check; the greeter pages translate the variants.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    #[error("{0:?} is not a rule id: 1 to {MAX_RULE_ID_CHARS} characters of a-z, 0-9 and -, and with its greeter's id at most 55")]
    Id(String),
    #[error("a rule offers at least one day of the week")]
    NoWeekday,
    #[error("{0:?} is not a day of the week (mon, tue, wed, thu, fri, sat, sun)")]
    Weekday(String),
    #[error("a meeting starts between 06:00 and 21:00, not at {0}")]
    Start(NaiveTime),
    #[error("a meeting lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {0}")]
    Minutes(u16),
    #[error("a meeting takes 1 to {MAX_PARTY} people, not {0}")]
    Capacity(u8),
    #[error("{point:?} is not one of {greeter}'s meeting points")]
    MeetingPoint { greeter: String, point: String },
    #[error("the rule belongs to {rule}, not to {greeter}")]
    Greeter { rule: String, greeter: String },
    #[error("{0:?} is not a month and day (MM-DD, such as 07-01)")]
    MonthDay(String),
    #[error("{0:?} is not a date or a period (YYYY-MM-DD, or YYYY-MM-DD/YYYY-MM-DD)")]
    DaysOff(String),
    #[error("at most {MAX_DAYS_OFF} periods of days off")]
    TooManyDaysOff,
}

/// A set of days of the week, written as `["mon", "sat"]`, Monday first whatever the order
/// given (so that the same set is always the same content).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Weekdays(u8);

impl Weekdays {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn with(self, day: Weekday) -> Weekdays {
        Weekdays(self.0 | (1 << day.num_days_from_monday()))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The days, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        Self::ALL.into_iter().filter(move |d| self.contains(*d))
    }

    /// The short code a rule file uses for `day`: `mon` … `sun`.
    pub fn code(day: Weekday) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][day.num_days_from_monday() as usize]
    }

    fn parse_day(code: &str) -> Result<Weekday, RuleError> {
        Self::ALL
            .into_iter()
            .find(|d| Self::code(*d) == code)
            .ok_or_else(|| RuleError::Weekday(code.into()))
    }
}

impl FromIterator<Weekday> for Weekdays {
    fn from_iter<I: IntoIterator<Item = Weekday>>(days: I) -> Weekdays {
        days.into_iter().fold(Weekdays::default(), Weekdays::with)
    }
}

impl Serialize for Weekdays {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Self::code))
    }
}

impl<'de> Deserialize<'de> for Weekdays {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Weekdays, D::Error> {
        let codes = Vec::<String>::deserialize(d)?;
        codes
            .iter()
            .map(|c| Self::parse_day(c))
            .collect::<Result<Weekdays, _>>()
            .map_err(serde::de::Error::custom)
    }
}

/// A day of the year without its year, `MM-DD`: where a season starts or ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    month: u32,
    day: u32,
}

impl MonthDay {
    /// The day, if it exists in some year (29 February does).
    pub fn new(month: u32, day: u32) -> Option<MonthDay> {
        NaiveDate::from_ymd_opt(2000, month, day).map(|_| MonthDay { month, day })
    }

    pub fn of(date: NaiveDate) -> MonthDay {
        MonthDay {
            month: date.month(),
            day: date.day(),
        }
    }
}

impl FromStr for MonthDay {
    type Err = RuleError;
    fn from_str(s: &str) -> Result<MonthDay, RuleError> {
        let bad = || RuleError::MonthDay(s.into());
        let (m, d) = s.trim().split_once('-').ok_or_else(bad)?;
        let two_digits = |x: &str| x.len() == 2 && x.chars().all(|c| c.is_ascii_digit());
        if !two_digits(m) || !two_digits(d) {
            return Err(bad());
        }
        MonthDay::new(m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?).ok_or_else(bad)
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

/// When in the year a rule holds, both ends included. A season whose start comes after its end
/// wraps the new year: `from = "11-01", to = "03-31"` is the winter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Season {
    #[serde(with = "as_text")]
    pub from: MonthDay,
    #[serde(with = "as_text")]
    pub to: MonthDay,
}

impl Season {
    pub fn contains(&self, date: NaiveDate) -> bool {
        let day = MonthDay::of(date);
        if self.from <= self.to {
            self.from <= day && day <= self.to
        } else {
            day >= self.from || day <= self.to
        }
    }
}

/// Days a greeter is away: one date (`2026-12-25`) or a period, both ends included
/// (`2027-08-01/2027-08-15`, ISO 8601's interval notation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DaysOff {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DaysOff {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }
}

impl FromStr for DaysOff {
    type Err = RuleError;
    fn from_str(s: &str) -> Result<DaysOff, RuleError> {
        let bad = || RuleError::DaysOff(s.into());
        let date = |x: &str| NaiveDate::parse_from_str(x.trim(), "%Y-%m-%d").map_err(|_| bad());
        let (first, last) = match s.split_once('/') {
            Some((a, b)) => (date(a)?, date(b)?),
            None => (date(s)?, date(s)?),
        };
        if first > last {
            return Err(bad());
        }
        Ok(DaysOff { first, last })
    }
}

impl fmt::Display for DaysOff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.first == self.last {
            true => write!(f, "{}", self.first),
            false => write!(f, "{}/{}", self.first, self.last),
        }
    }
}

impl Serialize for DaysOff {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DaysOff {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DaysOff, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// Serde through `Display` and `FromStr`, for the types a rule file writes as text.
mod as_text {
    use super::*;

    pub fn serialize<T: fmt::Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: FromStr,
        T::Err: fmt::Display,
        D: Deserializer<'de>,
    {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

/// One recurring offer of a greeter: on `weekdays`, at `start` for `minutes`, up to `capacity`
/// people at `meeting_point`, within `season` (all year without one), except the days `off`
/// and, if `public_holidays_off`, the French public holidays ([`is_public_holiday`]).
///
/// In a greeter's file:
///
/// ```toml
/// [[availability]]
/// id = "samedi"
/// weekdays = ["sat"]
/// start = "14:00"
/// minutes = 150
/// capacity = 4
/// meeting_point = "gare-du-puy"
/// season = { from = "04-01", to = "10-31" }
/// off = ["2027-08-01/2027-08-15"]
/// public_holidays_off = true
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// Names the rule among its greeter's, and every slot it makes: never changes once
    /// published, whatever else in the rule does.
    pub id: String,
    /// Left out in a greeter's file, where it is the file's greeter.
    #[serde(default)]
    pub greeter: String,
    pub weekdays: Weekdays,
    /// Local time in Europe/Paris.
    pub start: NaiveTime,
    pub minutes: u16,
    pub capacity: u8,
    /// One of the greeter's meeting points.
    pub meeting_point: String,
    /// All year when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<Season>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub off: Vec<DaysOff>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub public_holidays_off: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Availability {
    /// The content id the rule is published under: `<greeter>-<rule>`, unique across greeters
    /// because every slot id begins with it.
    pub fn key_id(&self) -> String {
        format!("{}-{}", self.greeter, self.id)
    }

    /// Checks the rule against the greeter networks' charter (see [`Slot::check`]), and that
    /// `greeter`, when given, is the rule's and has its meeting point.
    pub fn check(&self, greeter: Option<&Greeter>) -> Result<(), RuleError> {
        let slug = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        let id_fits = !self.id.is_empty()
            && self.id.chars().count() <= MAX_RULE_ID_CHARS
            && self.id.chars().all(slug)
            && self.key_id().len() + "-yyyymmdd".len() <= 64;
        if !id_fits {
            return Err(RuleError::Id(self.id.clone()));
        }
        if self.weekdays.is_empty() {
            return Err(RuleError::NoWeekday);
        }
        if !(EARLIEST_START..=LATEST_START).contains(&self.start) {
            return Err(RuleError::Start(self.start));
        }
        if !(MIN_MINUTES..=MAX_MINUTES).contains(&self.minutes) {
            return Err(RuleError::Minutes(self.minutes));
        }
        if self.capacity == 0 || self.capacity > MAX_PARTY {
            return Err(RuleError::Capacity(self.capacity));
        }
        if self.off.len() > MAX_DAYS_OFF {
            return Err(RuleError::TooManyDaysOff);
        }
        if let Some(bad) = self.off.iter().find(|o| o.first > o.last) {
            return Err(RuleError::DaysOff(bad.to_string()));
        }
        if let Some(g) = greeter {
            if g.id != self.greeter {
                return Err(RuleError::Greeter {
                    rule: self.greeter.clone(),
                    greeter: g.id.clone(),
                });
            }
            if !g.meeting_points.iter().any(|p| p.id == self.meeting_point) {
                return Err(RuleError::MeetingPoint {
                    greeter: g.id.clone(),
                    point: self.meeting_point.clone(),
                });
            }
        }
        Ok(())
    }

    /// Whether the rule offers a meeting on `date`.
    pub fn offers(&self, date: NaiveDate) -> bool {
        self.weekdays.contains(date.weekday())
            && self.season.is_none_or(|s| s.contains(date))
            && !self.off.iter().any(|o| o.contains(date))
            && !(self.public_holidays_off && is_public_holiday(date))
    }

    /// The slot the rule makes on `date`, if it offers one that day.
    pub fn slot_on(&self, date: NaiveDate) -> Option<Slot> {
        self.offers(date).then(|| Slot {
            id: slot_id(&self.greeter, &self.id, date),
            greeter: self.greeter.clone(),
            date,
            start: self.start,
            minutes: self.minutes,
            capacity: self.capacity,
            meeting_point: self.meeting_point.clone(),
        })
    }

    /// The slots the rule makes on the `days` dates from `from` on, in date order. Dates, not
    /// hours: a day of a daylight-saving change is one date like any other, and its slot
    /// starts at the rule's wall-clock time.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime, Weekday};
    /// use velay_core::greeter::Availability;
    ///
    /// let rule = Availability {
    ///     id: "samedi".into(),
    ///     greeter: "martine".into(),
    ///     weekdays: [Weekday::Sat].into_iter().collect(),
    ///     start: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
    ///     minutes: 150,
    ///     capacity: 4,
    ///     meeting_point: "gare-du-puy".into(),
    ///     season: None,
    ///     off: vec!["2026-12-26".parse().unwrap()],
    ///     public_holidays_off: false,
    /// };
    /// let tuesday = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    /// let ids: Vec<String> = rule.expand(tuesday, 28).into_iter().map(|s| s.id).collect();
    /// assert_eq!(ids, ["martine-samedi-20261205", "martine-samedi-20261212", "martine-samedi-20261219"]);
    /// ```
    pub fn expand(&self, from: NaiveDate, days: u32) -> Vec<Slot> {
        from.iter_days()
            .take(days as usize)
            .filter_map(|date| self.slot_on(date))
            .collect()
    }
}

/// The id of the slot rule `rule` of `greeter` makes on `date`: `<greeter>-<rule>-<yyyymmdd>`.
pub fn slot_id(greeter: &str, rule: &str, date: NaiveDate) -> String {
    format!("{greeter}-{rule}-{}", date.format("%Y%m%d"))
}

/// Splits a slot id made by a rule into the rule's content id ([`Availability::key_id`]) and
/// the date; `None` for an id no rule makes.
pub fn split_slot_id(id: &str) -> Option<(&str, NaiveDate)> {
    let (key, date) = id.rsplit_once('-')?;
    if key.is_empty() || date.len() != 8 || !date.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((key, NaiveDate::parse_from_str(date, "%Y%m%d").ok()?))
}

/// Whether `date` lies in the expansion window that starts `today`.
pub fn in_window(date: NaiveDate, today: NaiveDate) -> bool {
    today <= date && date < today + Duration::days(i64::from(WINDOW_DAYS))
}

/// The slot named `id` that one of `rules` makes, on whatever date: to show the slot of a
/// request, which may lie in the past.
pub fn rule_slot(id: &str, rules: &[Availability]) -> Option<Slot> {
    let (key, date) = split_slot_id(id)?;
    rules.iter().find(|r| r.key_id() == key)?.slot_on(date)
}

/// Every slot offered from `today` on: those `rules` make in the [`WINDOW_DAYS`] from `today`,
/// and the `one_offs` dated today or later, by start time then id. A slot of today that has
/// started is still in the list: [`Slot::has_started`] decides, at the minute, what is offered.
pub fn offered(rules: &[Availability], one_offs: &[Slot], today: NaiveDate) -> Vec<Slot> {
    let mut slots: Vec<Slot> = rules
        .iter()
        .flat_map(|r| r.expand(today, WINDOW_DAYS))
        .chain(one_offs.iter().filter(|s| s.date >= today).cloned())
        .collect();
    slots.sort_by(|a, b| (a.starts_at(), &a.id).cmp(&(b.starts_at(), &b.id)));
    slots
}

/// The slot named `id` as a request for it is judged from `today`: a one-off slot whatever its
/// date, or one a rule makes on a date before the window's end. A slot of the past is found, so
/// that [`Slot::has_started`] refuses it as started; one beyond the window is not offered yet.
pub fn find_slot(id: &str, rules: &[Availability], one_offs: &[Slot], today: NaiveDate) -> Option<Slot> {
    if let Some(s) = one_offs.iter().find(|s| s.id == id) {
        return Some(s.clone());
    }
    rule_slot(id, rules).filter(|s| s.date < today + Duration::days(i64::from(WINDOW_DAYS)))
}

#[cfg(test)]
mod tests;

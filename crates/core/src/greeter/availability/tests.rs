use chrono::{NaiveDateTime, TimeZone};

use super::*;
use crate::clock::ZONE;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// Martine's Saturday afternoons at the station, all year.
fn saturdays() -> Availability {
    toml::from_str(
        r#"
id = "samedi"
greeter = "martine"
weekdays = ["sat"]
start = "14:00"
minutes = 150
capacity = 4
meeting_point = "gare-du-puy"
"#,
    )
    .unwrap()
}

fn dates(slots: &[Slot]) -> Vec<NaiveDate> {
    slots.iter().map(|s| s.date).collect()
}

#[test]
fn a_rule_on_tuesdays_and_saturdays_makes_a_slot_on_each_of_those_days_and_no_other() {
    let mut rule = saturdays();
    rule.weekdays = [Weekday::Sat, Weekday::Tue].into_iter().collect();
    // Tuesday 1 December 2026, two weeks.
    let slots = rule.expand(day(2026, 12, 1), 14);
    assert_eq!(
        dates(&slots),
        [day(2026, 12, 1), day(2026, 12, 5), day(2026, 12, 8), day(2026, 12, 12)]
    );
    let s = &slots[1];
    assert_eq!(s.id, "martine-samedi-20261205");
    assert_eq!(
        (s.greeter.as_str(), s.start, s.minutes, s.capacity),
        ("martine", at(14, 0), 150, 4)
    );
    assert_eq!(s.meeting_point, "gare-du-puy");
    assert_eq!(s.end().to_string(), "2026-12-05 16:30:00");
    // Written back, the days come Monday first whatever order they were given in.
    assert!(serde_json::to_string(&rule)
        .unwrap()
        .contains(r#""weekdays":["tue","sat"]"#));
}

#[test]
fn a_winter_season_wraps_the_new_year_and_a_summer_one_does_not() {
    let mut rule = saturdays();
    rule.weekdays = Weekdays::ALL.into_iter().collect();
    rule.season = Some(
        toml::from_str(
            r#"from = "11-01"
to = "03-31""#,
        )
        .unwrap(),
    );
    let year = rule.expand(day(2026, 6, 1), 365);
    assert_eq!(year.first().unwrap().date, day(2026, 11, 1));
    assert_eq!(year.last().unwrap().date, day(2027, 3, 31));
    assert_eq!(year.len(), 30 + 31 + 31 + 28 + 31, "every day from November to March");
    assert!(year.iter().any(|s| s.date == day(2026, 12, 31)) && year.iter().any(|s| s.date == day(2027, 1, 1)));

    rule.season = Some(Season {
        from: "07-01".parse().unwrap(),
        to: "08-31".parse().unwrap(),
    });
    let summer = rule.expand(day(2027, 1, 1), 365);
    assert_eq!(
        (summer[0].date, summer.last().unwrap().date),
        (day(2027, 7, 1), day(2027, 8, 31))
    );
    assert_eq!(summer.len(), 62);
}

#[test]
fn days_off_and_public_holidays_make_no_slot() {
    let mut rule = saturdays();
    rule.weekdays = Weekdays::ALL.into_iter().collect();
    rule.off = vec!["2027-08-01/2027-08-10".parse().unwrap(), "2027-08-20".parse().unwrap()];
    rule.public_holidays_off = true;
    let august = dates(&rule.expand(day(2027, 7, 31), 32));
    let expected: Vec<NaiveDate> = day(2027, 7, 31)
        .iter_days()
        .take(32)
        .filter(|d| !(day(2027, 8, 1)..=day(2027, 8, 10)).contains(d))
        .filter(|d| *d != day(2027, 8, 20) && *d != day(2027, 8, 15))
        .collect();
    assert_eq!(august, expected);
    assert!(
        rule.offers(day(2027, 7, 13)) && !rule.offers(day(2027, 7, 14)),
        "14 July is a holiday"
    );
    rule.public_holidays_off = false;
    assert!(rule.offers(day(2027, 7, 14)) && rule.offers(day(2027, 8, 15)));
}

#[test]
fn on_the_days_the_clocks_change_a_slot_starts_at_its_wall_clock_time() {
    let mut rule = saturdays();
    rule.weekdays = [Weekday::Sun].into_iter().collect();
    rule.start = at(10, 0);
    // The clocks go back on Sunday 25 October 2026 and forward on Sunday 28 March 2027.
    for change in [day(2026, 10, 25), day(2027, 3, 28)] {
        let week = rule.expand(change - Duration::days(7), 15);
        assert_eq!(
            dates(&week),
            [change - Duration::days(7), change, change + Duration::days(7)]
        );
        let slot = &week[1];
        assert_eq!(slot.starts_at(), change.and_time(at(10, 0)));
        // One real instant, an hour apart from the week before's in UTC terms.
        let utc = |s: &Slot| ZONE.from_local_datetime(&s.starts_at()).single().unwrap().naive_utc();
        let gap = utc(&week[1]) - utc(&week[0]);
        assert_ne!(gap.num_hours() % 24, 0, "{change}: {gap}");
        assert!(!slot.has_started(change.and_time(at(9, 59))));
        assert!(slot.has_started(change.and_time(at(10, 0))));
    }
    // No rule starts in the night, where such a day has an hour missing or twice.
    rule.start = at(2, 30);
    assert_eq!(rule.check(None), Err(RuleError::Start(at(2, 30))));
}

#[test]
fn a_dates_slot_keeps_its_id_when_the_rule_changes_and_the_id_leads_back_to_the_rule() {
    let before = saturdays();
    let mut after = saturdays();
    after.start = at(10, 0);
    after.minutes = 240;
    after.capacity = 2;
    after.meeting_point = "place-du-plot".into();
    let ids = |r: &Availability| -> Vec<String> { r.expand(day(2026, 12, 1), 56).into_iter().map(|s| s.id).collect() };
    assert_eq!(ids(&before), ids(&after));
    assert_eq!(ids(&before).len(), 8);
    let id = "martine-samedi-20261212";
    assert_eq!(split_slot_id(id), Some(("martine-samedi", day(2026, 12, 12))));
    let found = rule_slot(id, &[after.clone()]).unwrap();
    assert_eq!(
        (found.start, found.meeting_point.as_str()),
        (at(10, 0), "place-du-plot")
    );
    // A greeter whose id has a hyphen splits the same way: the date is always the last part.
    let mut jp = saturdays();
    jp.greeter = "jean-paul".into();
    let slot = rule_slot("jean-paul-samedi-20261212", &[jp]).unwrap();
    assert_eq!(slot.greeter, "jean-paul");
    // A day the rule does not offer, or a one-off slot's id, leads nowhere.
    assert_eq!(rule_slot("martine-samedi-20261211", &[after.clone()]), None);
    for not_a_rule_slot in [
        "martine-20261128",
        "w-martine-20261212-1400",
        "samedi-2026-12-12",
        "-20261212",
    ] {
        assert_eq!(rule_slot(not_a_rule_slot, &[after.clone()]), None, "{not_a_rule_slot}");
    }
}

fn now(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_time(at(h, m))
}

#[test]
fn slots_are_offered_from_today_for_eight_weeks_and_one_that_has_started_is_not_asked_for() {
    let rule = saturdays();
    let today = day(2026, 12, 5); // a Saturday
    let one_off = Slot {
        id: "martine-20261128".into(),
        date: day(2026, 11, 28),
        ..rule.slot_on(today).unwrap()
    };
    let offered = offered(std::slice::from_ref(&rule), std::slice::from_ref(&one_off), today);
    assert_eq!(offered.first().unwrap().date, today, "nothing from before today");
    assert_eq!(offered.len(), 8, "eight Saturdays in the 56 days from today");
    assert_eq!(offered.last().unwrap().date, day(2027, 1, 23));
    assert!(!in_window(day(2027, 1, 30), today) && in_window(day(2027, 1, 29), today));
    // At 14:00 today's slot has started: it is never offered, and a request for it is refused
    // as started, like a request for last week's.
    let at_two = now(today, 14, 0);
    let still: Vec<&Slot> = offered.iter().filter(|s| !s.has_started(at_two)).collect();
    assert_eq!(still.len(), 7);
    let rules = [rule];
    for started in ["martine-samedi-20261205", "martine-samedi-20261128", "martine-20261128"] {
        let found = find_slot(started, &rules, std::slice::from_ref(&one_off), today).unwrap();
        assert!(found.has_started(at_two), "{started}");
    }
    // A Saturday past the window is not offered yet.
    assert_eq!(find_slot("martine-samedi-20270130", &rules, &[], today), None);
    assert!(find_slot("martine-samedi-20270123", &rules, &[], today).is_some());
}

#[test]
fn a_rule_outside_the_charter_is_refused_with_what_is_wrong() {
    let ok = saturdays();
    assert_eq!(ok.check(None), Ok(()));
    let with = |f: &dyn Fn(&mut Availability)| {
        let mut r = saturdays();
        f(&mut r);
        r.check(None)
    };
    assert_eq!(with(&|r| r.minutes = 90), Err(RuleError::Minutes(90)));
    assert_eq!(with(&|r| r.minutes = 300), Err(RuleError::Minutes(300)));
    assert_eq!(with(&|r| r.capacity = 7), Err(RuleError::Capacity(7)));
    assert_eq!(with(&|r| r.capacity = 0), Err(RuleError::Capacity(0)));
    assert_eq!(with(&|r| r.weekdays = Weekdays::default()), Err(RuleError::NoWeekday));
    assert_eq!(with(&|r| r.start = at(22, 0)), Err(RuleError::Start(at(22, 0))));
    assert!(matches!(with(&|r| r.id = "Samedi".into()), Err(RuleError::Id(_))));
    assert!(matches!(with(&|r| r.id = "a".repeat(25)), Err(RuleError::Id(_))));
    assert_eq!("12-32".parse::<MonthDay>(), Err(RuleError::MonthDay("12-32".into())));
    assert!("02-29".parse::<MonthDay>().is_ok());
    assert!("7-1".parse::<MonthDay>().is_err());
    assert_eq!(
        "2027-08-15/2027-08-01".parse::<DaysOff>(),
        Err(RuleError::DaysOff("2027-08-15/2027-08-01".into()))
    );
    let bad_day = toml::from_str::<Availability>(
        r#"id = "x"
weekdays = ["samedi"]
start = "14:00"
minutes = 120
capacity = 2
meeting_point = "p""#,
    );
    assert!(bad_day.unwrap_err().to_string().contains("not a day of the week"));
}

#[test]
fn a_rule_reads_from_its_file_and_writes_back_the_same() {
    let rule: Availability = toml::from_str(
        r#"
id = "ete"
weekdays = ["sat", "mon"]
start = "10:30"
minutes = 180
capacity = 6
meeting_point = "gerbier"
season = { from = "07-01", to = "08-31" }
off = ["2027-08-01/2027-08-15", "2027-07-20"]
public_holidays_off = true
"#,
    )
    .unwrap();
    assert_eq!(rule.start, at(10, 30));
    assert_eq!(rule.weekdays.iter().collect::<Vec<_>>(), [Weekday::Mon, Weekday::Sat]);
    let json = serde_json::to_string(&rule).unwrap();
    assert!(json.contains(r#""season":{"from":"07-01","to":"08-31"}"#), "{json}");
    assert!(
        json.contains(r#""off":["2027-08-01/2027-08-15","2027-07-20"]"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Availability>(&json).unwrap(), rule);
    // A plain rule writes no season, days off nor holidays at all.
    let plain = serde_json::to_string(&saturdays()).unwrap();
    assert!(!plain.contains("season") && !plain.contains("off"), "{plain}");
}

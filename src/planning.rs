//! The timetable and the planner as the screens show them: plain, comparable data (names and
//! "HH:MM" times, already in the person's language), made from a [`Timetable`] (or the
//! [`Planner`] over it, for journeys and boards) and a route.
//! Screens render these and nothing else, so each renders in a test from the bundled feed.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use velay_core::day::{DayOutcome, DayPlan, DayRequest, NotPossible, Walk};
use velay_core::follow::TimeOfDay;
use velay_core::greeter::{MeetingPoint, Slot};
use velay_core::planner::{Journey, Place, Query, When};
use velay_core::timetable::{straight_m, walk_secs, Mode, StopIdx, StopKind};
use velay_core::trip::Trip;
use velay_core::{Lang, Planner, Route, Timetable};

use crate::i18n::{slot_fits, slot_too_early, slot_too_late, t, walk_ends_too_late, Msg};

/// Where a visitor starts from when they have not chosen: a main station a train brings them
/// from, before any local stop (Lyon Part-Dieu, then Le Puy-en-Velay).
pub const DEFAULT_HOMES: [&str; 2] = ["StopArea:OCE87723197", "StopArea:OCE87734699"];

/// One stop a person can pick, by its GTFS id.
#[derive(Clone, Debug, PartialEq)]
pub struct Station {
    pub id: String,
    pub name: String,
}

/// One leg, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct LegView {
    pub mode: &'static str,
    pub walk: bool,
    /// The line's short name, empty for a walk.
    pub line: String,
    pub from: String,
    pub to: String,
    pub departure: String,
    pub arrival: String,
    pub sample: bool,
}

/// A journey, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneyView {
    pub departure: String,
    pub arrival: String,
    pub legs: Vec<LegView>,
}

/// A car-free day that works, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct DayView {
    pub date: NaiveDate,
    pub outbound: JourneyView,
    pub walk_start: String,
    pub walk_end: String,
    pub walk_minutes: u32,
    pub back: JourneyView,
    pub margin_minutes: u32,
}

/// The answer to "plan this day", ready to show.
#[derive(Clone, Debug, PartialEq)]
pub enum DayAnswer {
    Possible(DayView),
    /// Why not, in words, and the nearest day that works.
    NotPossible {
        why: String,
        nearest: Option<DayView>,
    },
}

/// One row of a departures board.
#[derive(Clone, Debug, PartialEq)]
pub struct DepartureView {
    pub time: String,
    pub mode: &'static str,
    pub line: String,
    pub headsign: String,
    pub sample: bool,
    /// It leaves the next day: a board looks 24 hours ahead.
    pub tomorrow: bool,
}

/// The stops a person can start from, by name: stations and stops outside any station.
pub fn stations(tt: &Timetable) -> Vec<Station> {
    let mut out: Vec<Station> = tt
        .stops()
        .iter()
        .filter(|s| s.parent.is_none() && matches!(s.kind, StopKind::Stop | StopKind::Station))
        .map(|s| Station {
            id: s.id.clone(),
            name: s.name.clone(),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The home station: the person's choice if the feed has it, else a default one, else the first.
pub fn home_or_default(tt: &Timetable, chosen: Option<&str>) -> Option<String> {
    chosen
        .into_iter()
        .chain(DEFAULT_HOMES)
        .find(|id| tt.stop_by_id(id).is_some())
        .map(str::to_string)
        .or_else(|| stations(tt).first().map(|s| s.id.clone()))
}

/// A route as the planner walks it: from its first point to its last, at its estimated time.
pub fn walk_of(route: &Route) -> Option<Walk> {
    let (first, last) = (route.track.first()?, route.track.last()?);
    Some(Walk {
        start: (first.lat(), first.lon()),
        end: (last.lat(), last.lon()),
        minutes: route.figures.duration_min,
    })
}

/// Plans a car-free day from `home` (a stop id) on `date` for `route`, never leaving before
/// `now` (the territory's) nor suggesting a day already past. `None` when the home stop or the
/// route's track is unknown.
pub fn plan_day(
    planner: &Planner,
    route: &Route,
    home: &str,
    date: NaiveDate,
    now: NaiveDateTime,
    lang: Lang,
) -> Option<DayAnswer> {
    let tt = planner.timetable();
    let mut request = DayRequest::new(tt.stop_by_id(home)?, date, walk_of(route)?);
    request.not_before = Some(now);
    Some(match planner.plan_day(&request) {
        DayOutcome::Possible(plan) => DayAnswer::Possible(day_view(tt, &plan, lang)),
        DayOutcome::NotPossible { why, nearest } => DayAnswer::NotPossible {
            why: match why {
                NotPossible::DayPassed => t(lang, Msg::DayPassed).to_string(),
                NotPossible::OutsideTimetable { first, last } => crate::i18n::outside_timetable(lang, first, last),
                NotPossible::NoWayThere => t(lang, Msg::NoWayThere).to_string(),
                NotPossible::NoWayBack => t(lang, Msg::NoWayBack).to_string(),
                NotPossible::WalkEndsTooLate {
                    walk_end,
                    last_departure,
                } => walk_ends_too_late(lang, &hhmm(&walk_end), &hhmm(&last_departure)),
            },
            nearest: nearest.map(|plan| day_view(tt, &plan, lang)),
        },
    })
}

/// The day on `date` from `home` to `route`, planned as [`plan_day`] does, to keep on the
/// device; `None` when that day does not work.
pub fn trip_for(planner: &Planner, route: &Route, home: &str, date: NaiveDate, now: NaiveDateTime) -> Option<Trip> {
    let tt = planner.timetable();
    let mut request = DayRequest::new(tt.stop_by_id(home)?, date, walk_of(route)?);
    request.not_before = Some(now);
    match planner.plan_day(&request) {
        DayOutcome::Possible(plan) if plan.date == date => Some(Trip::of_day(tt, &plan, route, &stop_name(tt, home)?)),
        _ => None,
    }
}

/// The time of the last ride home from the route's end on `date`, for the follow screen's
/// "leave by" line: the departure of its first ride (the walk to the stop is the walker's).
pub fn last_departure_home(planner: &Planner, route: &Route, home: &str, date: NaiveDate) -> Option<TimeOfDay> {
    let journey = last_back(planner, route, home, date)?;
    let ride = journey.legs.iter().find(|l| !l.is_walk())?;
    let t = ride.departure.time();
    Some(TimeOfDay(t.num_seconds_from_midnight()))
}

fn last_back(planner: &Planner, route: &Route, home: &str, date: NaiveDate) -> Option<Journey> {
    let (lat, lon) = walk_of(route)?.end;
    let home_by = NaiveTime::from_hms_opt(23, 59, 0)?;
    let q = Query::new(
        Place::Point { lat, lon },
        Place::Stop(planner.timetable().stop_by_id(home)?),
        date,
        When::ArriveBy(home_by),
    );
    planner
        .plan(&q)
        .into_iter()
        .find(|j| j.departure.date_naive() == date && !j.legs.iter().all(|l| l.is_walk()))
}

/// Whether a greeter's slot fits a car-free day from `home`, in words: the earliest arrival at
/// its meeting point that day and the last ride home after it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotFit {
    pub fits: bool,
    pub text: String,
}

/// Checks `slot` at `point` against the timetable for a visitor coming from `home` (a stop id).
/// `None` when the home stop is unknown.
pub fn slot_fit(planner: &Planner, home: &str, slot: &Slot, point: &MeetingPoint, lang: Lang) -> Option<SlotFit> {
    let home = planner.timetable().stop_by_id(home)?;
    let meeting = Place::Point {
        lat: point.lat,
        lon: point.lon,
    };
    let first_ride = NaiveTime::from_hms_opt(5, 0, 0)?;
    let home_by = NaiveTime::from_hms_opt(23, 59, 0)?;
    // Only a time is needed, for many slots in a row: the earliest-arrival query, not journeys.
    let arrive = planner
        .earliest_arrival(&Query::new(
            Place::Stop(home),
            meeting,
            slot.date,
            When::DepartAt(first_ride),
        ))
        .filter(|a| a.date_naive() == slot.date)
        .map(|a| a.time());
    let leave = planner
        .plan(&Query::new(
            meeting,
            Place::Stop(home),
            slot.date,
            When::ArriveBy(home_by),
        ))
        .into_iter()
        .filter(|j| j.departure.date_naive() == slot.date)
        .map(|j| j.departure.time())
        .max();
    // In seconds from midnight: a slot may end after midnight, where a NaiveTime would wrap.
    let end = slot.start.num_seconds_from_midnight() + u32::from(slot.minutes) * 60;
    let hm = |t: NaiveTime| t.format("%H:%M").to_string();
    Some(match (arrive, leave) {
        (Some(a), _) if a > slot.start => SlotFit {
            fits: false,
            text: slot_too_early(lang, &hm(a)),
        },
        (Some(a), Some(l)) if l.num_seconds_from_midnight() >= end => SlotFit {
            fits: true,
            text: slot_fits(lang, &hm(a), &hm(l)),
        },
        (Some(_), Some(l)) => SlotFit {
            fits: false,
            text: slot_too_late(lang, &hm(l)),
        },
        _ => SlotFit {
            fits: false,
            text: t(lang, Msg::SlotNoService).to_string(),
        },
    })
}

/// The next `limit` departures from `stop` (a GTFS id) from `from` on `date`.
pub fn departures(
    planner: &Planner,
    stop: &str,
    date: NaiveDate,
    from: NaiveTime,
    limit: usize,
    lang: Lang,
) -> Option<Vec<DepartureView>> {
    let tt = planner.timetable();
    let idx = tt.stop_by_id(stop)?;
    Some(
        planner
            .departures(idx, date, from, limit)
            .into_iter()
            .map(|d| DepartureView {
                time: hhmm(&d.time),
                mode: mode_name(lang, d.mode),
                line: tt.line(d.line).display_name().to_string(),
                headsign: d.headsign,
                sample: d.sample,
                tomorrow: d.time.date_naive() > date,
            })
            .collect(),
    )
}

/// A stop a short walk from another, where other lines leave from.
#[derive(Clone, Debug, PartialEq)]
pub struct NearbyStop {
    pub id: String,
    pub name: String,
    pub walk_minutes: u32,
}

/// The stops within `max_m` of `stop` (a GTFS id) that have departures of their own in the next
/// day, nearest first: at Le Puy, the buses to the Grands Sites leave from the bus station
/// beside the train station, and the train station's board says so.
pub fn nearby_stops(planner: &Planner, stop: &str, date: NaiveDate, max_m: f64) -> Vec<NearbyStop> {
    let tt = planner.timetable();
    let Some(idx) = tt.stop_by_id(stop) else {
        return Vec::new();
    };
    let here = tt.stop(idx);
    if !here.has_position() {
        return Vec::new();
    }
    let mut near: Vec<(f64, NearbyStop)> = tt
        .stops()
        .iter()
        .filter(|s| s.id != here.id && s.parent.is_none() && s.has_position())
        .filter_map(|s| {
            let m = straight_m((here.lat, here.lon), (s.lat, s.lon));
            // Distance first: a board is drawn often, and only the few stops near it are
            // worth asking the timetable about.
            if m > max_m {
                return None;
            }
            let other = tt.stop_by_id(&s.id)?;
            let leaves = !planner.departures(other, date, NaiveTime::MIN, 1).is_empty();
            leaves.then(|| {
                (
                    m,
                    NearbyStop {
                        id: s.id.clone(),
                        name: s.name.clone(),
                        walk_minutes: walk_secs((here.lat, here.lon), (s.lat, s.lon)).div_ceil(60),
                    },
                )
            })
        })
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0));
    near.into_iter().map(|(_, s)| s).collect()
}

/// A stop's name, by its GTFS id.
pub fn stop_name(tt: &Timetable, stop: &str) -> Option<String> {
    tt.stop_by_id(stop).map(|s| tt.stop(s).name.clone())
}

fn day_view(tt: &Timetable, plan: &DayPlan, lang: Lang) -> DayView {
    DayView {
        date: plan.date,
        outbound: journey_view(tt, &plan.outbound, lang),
        walk_start: hhmm(&plan.walk_start),
        walk_end: hhmm(&plan.walk_end),
        walk_minutes: (plan.walk_end - plan.walk_start).num_minutes().max(0) as u32,
        back: journey_view(tt, &plan.back, lang),
        margin_minutes: plan.margin.num_minutes().max(0) as u32,
    }
}

fn journey_view(tt: &Timetable, j: &Journey, lang: Lang) -> JourneyView {
    // A point a journey leaves from is where the walk ended; one it goes to, where it starts.
    let name = |p: &Place, point: Msg| match p {
        Place::Stop(s) => stop_label(tt, *s),
        Place::Point { .. } => t(lang, point).to_string(),
    };
    JourneyView {
        departure: hhmm(&j.departure),
        arrival: hhmm(&j.arrival),
        legs: j
            .legs
            .iter()
            .map(|l| {
                let line = l.line.map(|x| tt.line(x));
                LegView {
                    mode: mode_name(lang, l.mode),
                    walk: l.is_walk(),
                    line: line.map(|x| x.display_name().to_string()).unwrap_or_default(),
                    from: name(&l.from, Msg::WalkEnd),
                    to: name(&l.to, Msg::WalkStart),
                    departure: hhmm(&l.departure),
                    arrival: hhmm(&l.arrival),
                    sample: line.is_some_and(|x| x.sample),
                }
            })
            .collect(),
    }
}

fn stop_label(tt: &Timetable, s: StopIdx) -> String {
    tt.stop(s).name.clone()
}

fn mode_name(lang: Lang, mode: Mode) -> &'static str {
    t(
        lang,
        match mode {
            Mode::Walk => Msg::ModeWalk,
            Mode::Rail => Msg::ModeRail,
            Mode::Bus | Mode::Trolleybus => Msg::ModeBus,
            _ => Msg::ModeOther,
        },
    )
}

fn hhmm<T: chrono::Timelike>(t: &T) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use velay_core::Content;

    /// The timetable the app bundles, as the store would give it.
    pub(crate) fn bundled_timetable() -> Timetable {
        crate::snapshot::changes()
            .unwrap()
            .into_iter()
            .find_map(|c| match c.content {
                Some(Content::Timetable(t)) => Some(t.timetable().unwrap()),
                _ => None,
            })
            .expect("the snapshot holds the timetable")
    }

    /// The planner over the timetable the app bundles.
    pub(crate) fn bundled_planner() -> Planner {
        Planner::new(bundled_timetable())
    }

    pub(crate) fn route(id: &str) -> Route {
        crate::screens::routes::tests::bundled()
            .0
            .into_iter()
            .find(|r| r.id == id)
            .unwrap()
    }

    pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The start of a day, as "now" for a plan.
    pub(crate) fn midnight(y: i32, m: u32, d: u32) -> NaiveDateTime {
        date(y, m, d).and_time(NaiveTime::MIN)
    }

    pub(crate) const LYON: &str = "StopArea:OCE87723197";

    fn slot_at_le_puy_station(start: (u32, u32), minutes: u16) -> (Slot, MeetingPoint) {
        let point: MeetingPoint = toml::from_str(
            r#"id = "gare"
name = { fr = "Gare du Puy", en = "Le Puy station" }
stop = { id = "StopArea:OCE87734699", name = "Le Puy-en-Velay" }
walk_minutes = 1
lat = 45.0428
lon = 3.8926"#,
        )
        .unwrap();
        let slot = Slot {
            id: "test".into(),
            greeter: "test".into(),
            date: date(2026, 12, 1),
            start: NaiveTime::from_hms_opt(start.0, start.1, 0).unwrap(),
            minutes,
            capacity: 4,
            meeting_point: "gare".into(),
        };
        (slot, point)
    }

    #[test]
    fn a_greeter_slot_is_checked_against_the_trains_from_home() {
        let tt = bundled_planner();
        let (afternoon, point) = slot_at_le_puy_station((14, 0), 120);
        let fit = slot_fit(&tt, LYON, &afternoon, &point, Lang::Fr).unwrap();
        assert!(fit.fits && fit.text.starts_with("✓ Possible"), "{fit:?}");
        let (dawn, point) = slot_at_le_puy_station((6, 0), 120);
        let fit = slot_fit(&tt, LYON, &dawn, &point, Lang::En).unwrap();
        assert!(!fit.fits && fit.text.contains("Too early"), "{fit:?}");
        let (night, point) = slot_at_le_puy_station((21, 30), 150);
        let fit = slot_fit(&tt, LYON, &night, &point, Lang::En).unwrap();
        assert!(!fit.fits && fit.text.contains("Too late"), "{fit:?}");
    }

    #[test]
    fn a_day_beyond_the_timetable_says_which_days_it_covers_in_each_language() {
        let tt = bundled_planner();
        let (first, last) = (tt.timetable().info().start.unwrap(), tt.timetable().info().end.unwrap());
        let later = last + chrono::Duration::days(400);
        for (lang, says) in [
            (Lang::Fr, "les horaires connus vont du "),
            (Lang::En, "the timetable runs from "),
        ] {
            let answer = plan_day(&tt, &route("puy-polignac"), LYON, later, midnight(2026, 11, 26), lang).unwrap();
            let DayAnswer::NotPossible { why, nearest: None } = answer else {
                panic!("{answer:?}")
            };
            assert!(why.starts_with(says), "{why}");
            assert!(
                why.contains(&crate::i18n::date(lang, first)) && why.contains(&crate::i18n::date(lang, last)),
                "{why}"
            );
        }
    }

    #[test]
    fn a_visitor_from_lyon_goes_to_the_mezenc_and_back_on_a_tuesday_on_sample_buses() {
        let tt = bundled_planner();
        let today = midnight(2026, 11, 26);
        let answer = plan_day(&tt, &route("estables-mezenc"), LYON, date(2026, 12, 1), today, Lang::En).unwrap();
        let DayAnswer::Possible(day) = answer else {
            panic!("{answer:?}")
        };
        assert!(day.outbound.legs.iter().any(|l| l.mode == "Train"), "{day:?}");
        assert!(
            day.outbound.legs.iter().any(|l| l.sample),
            "the Mézenc bus times are a sample"
        );
        let (there, back) = (&day.outbound.legs.last().unwrap().to, &day.back.legs[0].from);
        assert!(there.contains("Estables") || there == "start of the walk", "{there}");
        assert!(back.contains("Estables") || back == "end of the walk", "{back}");
        assert!(day.walk_minutes > 60 && day.margin_minutes > 0, "{day:?}");
    }

    #[test]
    fn a_sunday_at_les_estables_says_why_and_offers_the_monday() {
        let tt = bundled_planner();
        let answer = plan_day(
            &tt,
            &route("estables-mezenc"),
            LYON,
            date(2026, 11, 29),
            midnight(2026, 11, 26),
            Lang::Fr,
        );
        let Some(DayAnswer::NotPossible { why, nearest }) = answer else {
            panic!("{answer:?}")
        };
        assert!(why.contains("aucun train ni car"), "{why}");
        assert_eq!(nearest.unwrap().date, date(2026, 11, 30));
    }

    #[test]
    fn le_puy_station_s_board_points_to_the_bus_station_next_door() {
        let tt = bundled_planner();
        let near = nearby_stops(&tt, "StopArea:OCE87734699", date(2026, 12, 1), 400.0);
        let bus_station = near
            .iter()
            .find(|s| s.id == "VELAY:LE_PUY_GARE_ROUTIERE")
            .expect("the bus station is beside the train station");
        assert!(bus_station.walk_minutes <= 3, "{bus_station:?}");
    }

    #[test]
    fn home_falls_back_to_lyon_unless_the_person_chose_another_known_station() {
        let tt = bundled_timetable();
        assert_eq!(home_or_default(&tt, None).as_deref(), Some(LYON));
        assert_eq!(home_or_default(&tt, Some("nowhere")).as_deref(), Some(LYON));
        let puy = "StopArea:OCE87734699";
        assert_eq!(home_or_default(&tt, Some(puy)).as_deref(), Some(puy));
        assert!(stations(&tt).iter().any(|s| s.id == puy));
    }
}

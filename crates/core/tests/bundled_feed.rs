//! The timetable the app ships (routes-data/gtfs): real trains, sample buses.

use chrono::{NaiveDate, NaiveTime};
use velay_core::planner::{Journey, Place, Planner, Query, When};
use velay_core::timetable::Mode;
use velay_core::Timetable;

fn bundled() -> Timetable {
    let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/../../routes-data/gtfs");
    let imported = Timetable::import(feed).expect("the bundled feed imports");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    imported.timetable
}

fn stop(tt: &Timetable, id: &str) -> Place {
    Place::Stop(
        tt.stop_by_id(id)
            .unwrap_or_else(|| panic!("{id} is in the bundled feed")),
    )
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn describe(tt: &Timetable, j: &Journey) -> String {
    j.legs
        .iter()
        .map(|l| {
            let name = |p: &Place| match p {
                Place::Stop(s) => tt.stop(*s).name.clone(),
                Place::Point { lat, lon } => format!("({lat}, {lon})"),
            };
            format!(
                "{} {} {} -> {} {}",
                l.mode.as_str(),
                l.departure.format("%H:%M"),
                name(&l.from),
                l.arrival.format("%H:%M"),
                name(&l.to)
            )
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

const SAINT_ETIENNE: &str = "StopArea:OCE87726000";
const LE_PUY: &str = "StopArea:OCE87734699";
const LYON: &str = "StopArea:OCE87723197";

#[test]
fn a_visitor_from_saint_etienne_reaches_le_puy_by_the_morning_train() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let q = Query::new(
        stop(tt, SAINT_ETIENNE),
        stop(tt, LE_PUY),
        date(2026, 12, 1),
        When::DepartAt(at(8, 30)),
    );
    let journeys = planner.plan(&q);
    let first = &journeys[0];
    assert_eq!(first.transfers(), 0, "{}", describe(tt, first));
    assert_eq!(first.departure.to_rfc3339(), "2026-12-01T08:54:00+01:00");
    assert_eq!(first.arrival.to_rfc3339(), "2026-12-01T10:25:00+01:00");
    let leg = &first.legs[0];
    assert_eq!(leg.mode, Mode::Rail);
    assert_eq!(tt.trip(leg.trip.unwrap()).id, "OCESN889954");
    assert_eq!(tt.line(leg.line.unwrap()).short_name, "P28");
}

#[test]
fn arriving_in_le_puy_by_noon_means_leaving_saint_etienne_at_8_54() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let q = Query::new(
        stop(tt, SAINT_ETIENNE),
        stop(tt, LE_PUY),
        date(2026, 12, 1),
        When::ArriveBy(at(12, 0)),
    );
    let journeys = planner.plan(&q);
    assert_eq!(
        journeys[0].departure.to_rfc3339(),
        "2026-12-01T08:54:00+01:00",
        "{}",
        describe(tt, &journeys[0])
    );
}

#[test]
fn a_visitor_from_lyon_reaches_les_estables_by_train_a_short_walk_and_the_sample_bus() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let q = Query::new(
        stop(tt, LYON),
        stop(tt, "VELAY:LES_ESTABLES"),
        date(2026, 12, 1),
        When::DepartAt(at(6, 0)),
    );
    let j = &planner.plan(&q)[0];
    let modes: Vec<_> = j.legs.iter().map(|l| l.mode).collect();
    assert_eq!(
        modes,
        [Mode::Rail, Mode::Rail, Mode::Walk, Mode::Bus],
        "{}",
        describe(tt, j)
    );
    // The 10:50 bus, 25 minutes after the 10:25 train from Saint-Étienne.
    assert_eq!(j.arrival.format("%H:%M").to_string(), "11:55");
    // Leaves Lyon as late as still makes that bus: the 07:54, not a train hours earlier.
    assert_eq!(j.departure.format("%H:%M").to_string(), "07:54");
    assert!(j.uses_sample_times(tt));
    assert!(tt.info().has_sample);
}

#[test]
fn the_way_home_from_les_estables_arrives_as_early_as_the_last_bus_allows() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let q = Query::new(
        stop(tt, "VELAY:LES_ESTABLES"),
        stop(tt, LYON),
        date(2026, 12, 1),
        When::ArriveBy(at(23, 0)),
    );
    let j = &planner.plan(&q)[0];
    // On a Tuesday the last train from Le Puy is the 19:39 (the 18:36 runs at weekends only),
    // and the last bus from Les Estables, at 18:15, meets it.
    assert_eq!(j.departure.format("%H:%M").to_string(), "18:15", "{}", describe(tt, j));
    assert_eq!(j.arrival.format("%H:%M").to_string(), "22:06", "{}", describe(tt, j));
}

#[test]
fn on_christmas_day_buses_and_trains_keep_their_sunday_timetable() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let christmas = date(2026, 12, 25); // a Friday
    let to_estables = |from: NaiveTime| {
        let q = Query::new(
            stop(tt, LE_PUY),
            stop(tt, "VELAY:LES_ESTABLES"),
            christmas,
            When::DepartAt(from),
        );
        planner.plan(&q)[0].arrival.to_rfc3339()
    };
    // The every-day 09:00 bus runs; the Monday-to-Saturday 10:50 does not: the next is the
    // Saturday's first.
    assert_eq!(to_estables(at(6, 0)), "2026-12-25T10:05:00+01:00");
    assert_eq!(to_estables(at(9, 30)), "2026-12-26T10:05:00+01:00");
    let board = planner.departures(tt.stop_by_id(LE_PUY).unwrap(), christmas, at(6, 0), 50);
    let today: Vec<_> = board.iter().filter(|d| d.time.date_naive() == christmas).collect();
    let trains: Vec<&str> = today.iter().map(|d| tt.trip(d.trip).id.as_str()).collect();
    // The Monday-to-Saturday sample coach to Langeac does not run either: trains only.
    assert!(
        !today.is_empty() && today.iter().all(|d| d.mode == Mode::Rail),
        "{trains:?}"
    );
    // The 18:36 to Saint-Étienne runs at weekends and on holidays; the 07:39 on weekdays only.
    assert!(trains.contains(&"OCESN889969"), "{trains:?}");
    assert!(!trains.contains(&"OCESN889953"), "{trains:?}");
}

#[test]
fn the_friday_night_bus_to_la_chaise_dieu_arrives_after_midnight() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let friday = date(2026, 11, 27);
    let q = Query::new(
        stop(tt, "VELAY:LE_PUY_GARE_ROUTIERE"),
        stop(tt, "VELAY:CHAISE_DIEU"),
        friday,
        When::DepartAt(at(23, 0)),
    );
    let j = &planner.plan(&q)[0];
    assert_eq!(j.departure.to_rfc3339(), "2026-11-27T23:40:00+01:00");
    assert_eq!(j.arrival.to_rfc3339(), "2026-11-28T00:45:00+01:00");
}

#[test]
fn the_departures_board_at_le_puy_lists_trains_and_buses_in_order() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let board = planner.departures(
        tt.stop_by_id("VELAY:LE_PUY_GARE_ROUTIERE").unwrap(),
        date(2026, 12, 1),
        at(8, 0),
        10,
    );
    let first = &board[0];
    assert_eq!(first.time.format("%H:%M").to_string(), "08:45");
    assert_eq!(first.headsign, "La Chaise-Dieu – Abbaye");
    assert!(first.sample);
    assert!(board.windows(2).all(|w| w[0].time <= w[1].time));
    let station = planner.departures(tt.stop_by_id(LE_PUY).unwrap(), date(2026, 12, 1), at(8, 0), 3);
    assert_eq!(station[0].time.format("%H:%M").to_string(), "08:07");
    assert_eq!(tt.line(station[0].line).short_name, "P37");
}

#[test]
fn a_cevenol_leaving_the_data_says_its_known_calls_end_at_luc() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let langeac = tt.stop_by_id("StopArea:OCE87734319").unwrap();
    let board = planner.departures(langeac, date(2026, 12, 1), at(8, 0), 3);
    let first = &board[0];
    assert_eq!(first.time.format("%H:%M").to_string(), "08:11");
    assert_eq!(tt.trip(first.trip).id, "OCESN873991");
    assert_eq!(first.headsign, "Luc, continues towards Nîmes (times not bundled)");
    assert!(!first.sample);
}

#[test]
fn the_bundled_record_loads_back_to_the_same_plans() {
    let planner = Planner::new(bundled());
    let tt = planner.timetable();
    let bytes = tt.to_bytes();
    let loaded = Timetable::from_bytes(&bytes).expect("the record loads");
    let q = Query::new(
        stop(tt, LYON),
        stop(tt, "VELAY:PRADES"),
        date(2026, 12, 1),
        When::DepartAt(at(6, 0)),
    );
    assert_eq!(planner.plan(&q), Planner::new(loaded).plan(&q));
    assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
}

mod car_free_day {
    use super::*;
    use velay_core::day::{DayOutcome, DayRequest, NotPossible, Walk};

    /// A three-hour loop from the village of Les Estables (the bus stop's square).
    fn estables_loop() -> Walk {
        Walk {
            start: (44.9036, 4.1556),
            end: (44.9036, 4.1556),
            minutes: 180,
        }
    }

    #[test]
    fn a_sunday_at_les_estables_is_not_possible_and_the_monday_is_offered() {
        let planner = Planner::new(bundled());
        let tt = planner.timetable();
        let home = tt.stop_by_id(SAINT_ETIENNE).unwrap();
        let outcome = planner.plan_day(&DayRequest::new(home, date(2026, 11, 29), estables_loop()));
        let DayOutcome::NotPossible { why, nearest } = outcome else {
            panic!("the Mézenc bus does not run on Sundays")
        };
        assert_eq!(why, NotPossible::NoWayThere, "{why}");
        let monday = nearest.expect("a day within two weeks works");
        assert_eq!(monday.date, date(2026, 11, 30));
        assert_eq!(monday.outbound.arrival.format("%H:%M").to_string(), "10:05");
        assert!(monday.outbound.uses_sample_times(tt));
        assert_eq!(monday.walk_end.format("%H:%M").to_string(), "13:05");
        assert_eq!(
            monday.back.legs.first().unwrap().departure.format("%H:%M").to_string(),
            "18:15"
        );
        assert_eq!(monday.margin.num_minutes(), 310);
    }

    #[test]
    fn a_walk_too_long_for_the_last_bus_says_when_it_leaves() {
        let planner = Planner::new(bundled());
        let tt = planner.timetable();
        let home = tt.stop_by_id(SAINT_ETIENNE).unwrap();
        let mut walk = estables_loop();
        walk.minutes = 9 * 60;
        let outcome = planner.plan_day(&DayRequest::new(home, date(2026, 12, 1), walk));
        let DayOutcome::NotPossible { why, .. } = outcome else {
            panic!("10:05 + 9 h is after the 18:15 bus")
        };
        let NotPossible::WalkEndsTooLate {
            walk_end,
            last_departure,
        } = why
        else {
            panic!("{why}")
        };
        assert_eq!(walk_end.format("%H:%M").to_string(), "19:05");
        assert_eq!(last_departure.format("%H:%M").to_string(), "18:15");
    }

    /// `now` in Paris, on the first of December 2026.
    fn on_dec_1st_at(h: u32, m: u32) -> chrono::NaiveDateTime {
        date(2026, 12, 1).and_time(at(h, m))
    }

    #[test]
    fn today_s_plan_never_leaves_before_now_nor_comes_back_before_the_walk_ends() {
        let planner = Planner::new(bundled());
        let tt = planner.timetable();
        let home = tt.stop_by_id(SAINT_ETIENNE).unwrap();
        let mut request = DayRequest::new(home, date(2026, 12, 1), estables_loop());
        request.not_before = Some(on_dec_1st_at(6, 0));
        let DayOutcome::Possible(plan) = planner.plan_day(&request) else {
            panic!("at 06:00 the day is still open")
        };
        assert!(plan.outbound.departure.naive_local() >= on_dec_1st_at(6, 0));
        assert!(plan.back.departure >= plan.walk_end);

        // At one in the afternoon the morning's bus has gone: today does not work any more, and
        // the nearest day offered is tomorrow, never a day already past.
        request.not_before = Some(on_dec_1st_at(13, 0));
        let DayOutcome::NotPossible { nearest, .. } = planner.plan_day(&request) else {
            panic!("the only bus to Les Estables has left")
        };
        let nearest = nearest.expect("another day works");
        assert_eq!(nearest.date, date(2026, 12, 2));
        assert!(nearest.back.departure >= nearest.walk_end);
    }

    #[test]
    fn a_day_already_past_is_said_to_be_past_and_the_nearest_day_is_ahead() {
        let planner = Planner::new(bundled());
        let tt = planner.timetable();
        let home = tt.stop_by_id(SAINT_ETIENNE).unwrap();
        let mut request = DayRequest::new(home, date(2026, 11, 30), estables_loop());
        request.not_before = Some(on_dec_1st_at(13, 0));
        let DayOutcome::NotPossible { why, nearest } = planner.plan_day(&request) else {
            panic!("Monday 30 November is past on 1 December")
        };
        assert_eq!(why, NotPossible::DayPassed);
        assert!(nearest.expect("a day ahead works").date >= date(2026, 12, 2));
    }
}

/// "Now" is Paris time whatever the machine's zone: a departures board read on a phone or a
/// server set to UTC still starts at the territory's clock.
#[test]
fn now_is_the_territory_s_clock_not_the_machine_s() {
    let tt = bundled();
    let paris = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .naive_local();
    let now = tt.local_now();
    assert!((now - paris).num_seconds().abs() <= 2, "{now} vs {paris}");
}

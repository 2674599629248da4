//! A trip: a car-free day the visitor planned and kept on the device, to find it again with no
//! network, follow its route, and put it in their calendar.
//!
//! Words: a trip's *parts* are, in order, the rides and short walks of the way there, the walk
//! of the route itself, and the rides and walks of the way back, each with its times in the
//! territory's zone. Names are kept as they were when the day was planned, so that a trip
//! reads the same after the timetable changes; the app warns when the timetable no longer has
//! that day.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::day::DayPlan;
use crate::greeter::{meeting_event, Greeter, Slot};
use crate::planner::{Journey, Place};
use crate::timetable::{Mode, Timetable};
use crate::{Lang, Text};

/// What a part of a trip is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PartKind {
    /// A train or a bus: its line's short name, and whether its times are only a sample.
    Ride { rail: bool, line: String, sample: bool },
    /// On foot between a stop and the route, or between two stops.
    Walk,
    /// The route itself.
    Route,
}

/// One part of the day, from a place to a place. `None` places are the route's start or end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    #[serde(flatten)]
    pub kind: PartKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub departure: NaiveDateTime,
    pub arrival: NaiveDateTime,
}

/// A day kept on the device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trip {
    pub id: Uuid,
    pub saved_at: DateTime<Utc>,
    pub date: NaiveDate,
    /// The route walked, by id and by name.
    pub route: String,
    pub route_name: Text,
    /// The home station's name.
    pub home: String,
    pub parts: Vec<Part>,
}

impl Trip {
    /// The trip of a planned day on `route`, from the stop named `home`.
    pub fn of_day(tt: &Timetable, plan: &DayPlan, route: &crate::Route, home: &str) -> Trip {
        let mut parts = parts_of(tt, &plan.outbound);
        parts.push(Part {
            kind: PartKind::Route,
            from: None,
            to: None,
            departure: plan.walk_start.naive_local(),
            arrival: plan.walk_end.naive_local(),
        });
        parts.extend(parts_of(tt, &plan.back));
        Trip {
            id: Uuid::now_v7(),
            saved_at: Utc::now(),
            date: plan.date,
            route: route.id.clone(),
            route_name: route.name.clone(),
            home: home.to_string(),
            parts,
        }
    }

    /// When the day starts and ends: the first departure and the last arrival.
    pub fn span(&self) -> Option<(NaiveDateTime, NaiveDateTime)> {
        Some((self.parts.first()?.departure, self.parts.last()?.arrival))
    }

    /// The day as calendar events (RFC 5545), in Paris time: each ride and the route's walk,
    /// and the greeters' `meetings` that day (each by its request's id, slot and greeter). The
    /// short walks between a stop and the route are left out: they are in the ride's and the
    /// walk's times.
    pub fn ics(&self, lang: Lang, meetings: &[(String, Slot, Greeter)]) -> String {
        let at = |dt| CalendarDateTime::WithTimezone {
            date_time: dt,
            tzid: "Europe/Paris".into(),
        };
        let mut calendar = Calendar::new();
        for (n, part) in self.parts.iter().enumerate() {
            let summary = match (&part.kind, lang) {
                (PartKind::Walk, _) => continue,
                (PartKind::Route, Lang::Fr) => format!("Marche : {}", self.route_name.get(lang)),
                (PartKind::Route, Lang::En) => format!("Walk: {}", self.route_name.get(lang)),
                (PartKind::Ride { rail, line, .. }, Lang::Fr) => {
                    format!(
                        "{} {line} → {}",
                        if *rail { "Train" } else { "Car" },
                        place(lang, &part.to, false)
                    )
                }
                (PartKind::Ride { rail, line, .. }, Lang::En) => {
                    format!(
                        "{} {line} → {}",
                        if *rail { "Train" } else { "Bus" },
                        place(lang, &part.to, false)
                    )
                }
            };
            let sample = matches!(part.kind, PartKind::Ride { sample: true, .. });
            let mut event = Event::new();
            event
                .uid(&format!("{}-{n}", self.id))
                .summary(&summary)
                .location(&match part.kind {
                    PartKind::Route => self.route_name.get(lang).to_string(),
                    _ => place(lang, &part.from, true),
                })
                .starts(at(part.departure))
                .ends(at(part.arrival));
            if sample {
                event.description(match lang {
                    Lang::Fr => "Horaires d'exemple : à vérifier auprès du transporteur.",
                    Lang::En => "Sample times: check with the operator.",
                });
            }
            calendar.push(event.done());
        }
        for (uid, slot, greeter) in meetings {
            calendar.push(meeting_event(uid, slot, greeter, lang));
        }
        calendar.done().to_string()
    }
}

/// A place of a part by its name, or the route's start (`from_side`) or end.
fn place(lang: Lang, name: &Option<String>, from_side: bool) -> String {
    match (name, lang, from_side) {
        (Some(n), _, _) => n.clone(),
        (None, Lang::Fr, true) => "fin de la marche".into(),
        (None, Lang::Fr, false) => "départ de la marche".into(),
        (None, Lang::En, true) => "end of the walk".into(),
        (None, Lang::En, false) => "start of the walk".into(),
    }
}

fn parts_of(tt: &Timetable, journey: &Journey) -> Vec<Part> {
    let name = |p: &Place| match p {
        Place::Stop(s) => Some(tt.stop(*s).name.clone()),
        Place::Point { .. } => None,
    };
    journey
        .legs
        .iter()
        .map(|leg| {
            let line = leg.line.map(|l| tt.line(l));
            Part {
                kind: match line {
                    Some(l) if !leg.is_walk() => PartKind::Ride {
                        rail: leg.mode == Mode::Rail,
                        line: l.display_name().to_string(),
                        sample: l.sample,
                    },
                    _ => PartKind::Walk,
                },
                from: name(&leg.from),
                to: name(&leg.to),
                departure: leg.departure.naive_local(),
                arrival: leg.arrival.naive_local(),
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::read_dir;
    use crate::day::{DayOutcome, DayRequest, Walk};
    use crate::planner::Planner;
    use crate::Content;

    fn bundled() -> Vec<Content> {
        read_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")).unwrap()
    }

    /// A Tuesday from Lyon to the Mézenc, kept as a trip.
    pub(crate) fn a_kept_day() -> Trip {
        let contents = bundled();
        let tt = contents
            .iter()
            .find_map(|c| match c {
                Content::Timetable(t) => Some(t.timetable().unwrap()),
                _ => None,
            })
            .unwrap();
        let route = contents
            .iter()
            .find_map(|c| match c {
                Content::Route(r) if r.id == "estables-mezenc" => Some(r.clone()),
                _ => None,
            })
            .unwrap();
        // The square of Les Estables, where the route starts and ends (its track is a record
        // of its own).
        let walk = Walk {
            start: (44.9036, 4.1556),
            end: (44.9036, 4.1556),
            minutes: route.figures.duration_min,
        };
        let planner = Planner::new(tt);
        let lyon = planner.timetable().stop_by_id("StopArea:OCE87723197").unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let DayOutcome::Possible(plan) = planner.plan_day(&DayRequest::new(lyon, date, walk)) else {
            panic!("a Tuesday at the Mézenc works")
        };
        Trip::of_day(planner.timetable(), &plan, &route, "Lyon Part Dieu")
    }

    #[test]
    fn a_kept_day_holds_the_rides_there_the_walk_and_the_rides_back_in_order() {
        let trip = a_kept_day();
        let route = trip.parts.iter().position(|p| p.kind == PartKind::Route).unwrap();
        assert!(trip.parts[..route]
            .iter()
            .any(|p| matches!(p.kind, PartKind::Ride { .. })));
        assert!(trip.parts[route + 1..]
            .iter()
            .any(|p| matches!(p.kind, PartKind::Ride { .. })));
        assert!(trip.parts.windows(2).all(|w| w[0].arrival <= w[1].departure));
        let back = serde_json::from_str::<Trip>(&serde_json::to_string(&trip).unwrap()).unwrap();
        assert_eq!(back, trip);
    }

    #[test]
    fn a_kept_day_exports_as_one_calendar_with_an_event_for_each_ride_and_the_walk() {
        let trip = a_kept_day();
        let ics = trip.ics(Lang::Fr, &[]);
        let rides = trip
            .parts
            .iter()
            .filter(|p| matches!(p.kind, PartKind::Ride { .. }))
            .count();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), rides + 1, "{ics}");
        assert!(
            ics.contains("SUMMARY:Marche : Le mont Mézenc depuis Les Estables"),
            "{ics}"
        );
        assert!(ics.contains("DTSTART;TZID=Europe/Paris:20261201T"), "{ics}");
        assert!(ics.contains("Horaires d'exemple"), "the Mézenc bus is a sample: {ics}");
    }
}

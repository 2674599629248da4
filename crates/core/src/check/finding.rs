//! What the check finds. A *failure* refuses the content (the command exits non-zero and
//! `import` publishes nothing without `--force`); a *warning* is said and lets it through.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::dates::DayType;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Failure,
    Warning,
}

/// One thing wrong with the content, naming the route, slot, stop or line at fault.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Finding {
    /// No origin, nor a stay at the site's base, gets a visitor there and back on any day checked.
    #[error(
        "route {route} ({name}): no one can get there and back without a car on any day checked, \
         from any origin or a stay at {base}"
    )]
    RouteUnreachable { route: String, name: String, base: String },
    /// Some origins never work; others do.
    #[error("route {route}: no same-day return from {} on any day checked", .origins.join(", "))]
    RouteNeverFrom { route: String, origins: Vec<String> },
    /// A kind of day on which no origin works.
    #[error("route {route}: nobody can do it on a {day} ({date}), from any origin or a stay at the site's base")]
    RouteNotOnDay {
        route: String,
        day: DayType,
        date: NaiveDate,
    },
    /// An upcoming slot that no visitor can be at by its start and leave after its end.
    #[error(
        "slot {slot} ({greeter}, {date} {}–{} at {point}): no one can be there by the start and \
         leave after the end; from a stay at {base}: {why}",
        .start.format("%H:%M"),
        .end.format("%H:%M")
    )]
    SlotUnreachable {
        slot: String,
        greeter: String,
        date: NaiveDate,
        start: NaiveTime,
        end: NaiveTime,
        point: String,
        base: String,
        why: String,
    },
    /// A stop the content names is not in the feed.
    #[error("{item}: stop {stop} is not in the feed")]
    UnknownStop { item: String, stop: String },
    #[error("{item}: stop {stop} is called {content:?} here but {feed:?} in the feed")]
    StopNameDiffers {
        item: String,
        stop: String,
        content: String,
        feed: String,
    },
    /// A route's start or end is too far from the stop it names.
    #[error("{item}: its {end} lies {distance_m:.0} m from its stop {stop} ({name}), more than {max_m:.0} m")]
    FarFromStop {
        item: String,
        end: String,
        stop: String,
        name: String,
        distance_m: f64,
        max_m: f64,
    },
    /// A meeting point's minutes on foot from its stop do not match the distance.
    #[error(
        "{item}: said to be {stated} min on foot from {stop}, but it lies {distance_m:.0} m away \
         in a straight line: between {min} and {max} min"
    )]
    WalkMinutes {
        item: String,
        stop: String,
        stated: u16,
        distance_m: f64,
        min: u32,
        max: u32,
    },
    /// Something invented that does not say so, or says so in one place and not another.
    #[error("{item}: {what}")]
    Unlabelled { item: String, what: String },
    /// One of the origins the matrix plans from is not in the feed.
    #[error("origin {name} ({stop}) is not in the feed: nothing can be planned from it")]
    OriginMissing { name: String, stop: String },
}

impl Finding {
    pub fn severity(&self) -> Severity {
        match self {
            Finding::RouteNeverFrom { .. } | Finding::RouteNotOnDay { .. } => Severity::Warning,
            _ => Severity::Failure,
        }
    }

    pub fn is_failure(&self) -> bool {
        self.severity() == Severity::Failure
    }
}

/// A finding as JSON gives it: its severity and message beside its fields.
#[derive(Serialize)]
pub(super) struct FindingOut<'a> {
    severity: Severity,
    message: String,
    #[serde(flatten)]
    finding: &'a Finding,
}

pub(super) fn with_messages<S: serde::Serializer>(findings: &[Finding], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(findings.iter().map(|f| FindingOut {
        severity: f.severity(),
        message: f.to_string(),
        finding: f,
    }))
}

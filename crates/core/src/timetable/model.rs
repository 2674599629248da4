//! The things a timetable is made of, as the planner and the app see them: stops, lines, trips.
//! Each is addressed by a small integer index, never by its GTFS id, once imported.

use serde::{Deserialize, Serialize};

/// The index of a [`Stop`] in its [`crate::timetable::Timetable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct StopIdx(pub u32);

/// The index of a [`Line`] (a GTFS route) in its timetable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LineIdx(pub u32);

/// The index of a [`Trip`] in its timetable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TripIdx(pub u32);

impl StopIdx {
    pub(crate) fn ix(self) -> usize {
        self.0 as usize
    }
}

/// What a GTFS `stops.txt` row stands for (its `location_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopKind {
    /// A place where vehicles stop (0, the default): a platform, a bus stop.
    Stop,
    /// A station grouping stops (1); trips never call at it directly.
    Station,
    /// An entrance or exit of a station (2).
    Entrance,
    /// A node inside a station (3).
    Node,
    /// A boarding area on a platform (4).
    BoardingArea,
}

impl StopKind {
    pub(crate) fn from_gtfs(code: u8) -> Option<StopKind> {
        Some(match code {
            0 => StopKind::Stop,
            1 => StopKind::Station,
            2 => StopKind::Entrance,
            3 => StopKind::Node,
            4 => StopKind::BoardingArea,
            _ => return None,
        })
    }
}

/// A stop: where a traveller boards or leaves a vehicle, or a station grouping such stops.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    /// The feed's `stop_id`, such as `StopArea:OCE87734699` or `VELAY:LES_ESTABLES`.
    pub id: String,
    pub name: String,
    /// Degrees (WGS 84); NaN when the feed gives no position (allowed for nodes and boarding areas).
    pub lat: f64,
    pub lon: f64,
    pub kind: StopKind,
    /// The station this stop belongs to, if any.
    pub parent: Option<StopIdx>,
}

impl Stop {
    pub fn has_position(&self) -> bool {
        self.lat.is_finite() && self.lon.is_finite()
    }
}

/// How a leg is travelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    Tram,
    Metro,
    Rail,
    Bus,
    Ferry,
    CableTram,
    AerialLift,
    Funicular,
    Trolleybus,
    Monorail,
    Walk,
    Other,
}

impl Mode {
    /// From a GTFS `route_type`, basic (0-12) or extended (100-1700, the European HVT codes).
    pub fn from_route_type(code: u16) -> Mode {
        match code {
            0 | 900..=999 => Mode::Tram,
            12 | 405 => Mode::Monorail,
            1 | 400..=499 => Mode::Metro,
            2 | 100..=199 => Mode::Rail,
            3 | 200..=299 | 700..=799 => Mode::Bus,
            4 | 1000..=1099 | 1200..=1299 => Mode::Ferry,
            5 => Mode::CableTram,
            6 | 1300..=1399 => Mode::AerialLift,
            7 | 1400..=1499 => Mode::Funicular,
            11 | 800..=899 => Mode::Trolleybus,
            _ => Mode::Other,
        }
    }

    /// The word used in JSON: `rail`, `bus`, `walk`...
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Tram => "tram",
            Mode::Metro => "metro",
            Mode::Rail => "rail",
            Mode::Bus => "bus",
            Mode::Ferry => "ferry",
            Mode::CableTram => "cable_tram",
            Mode::AerialLift => "aerial_lift",
            Mode::Funicular => "funicular",
            Mode::Trolleybus => "trolleybus",
            Mode::Monorail => "monorail",
            Mode::Walk => "walk",
            Mode::Other => "other",
        }
    }
}

/// A line: what GTFS calls a route (`routes.txt`), such as the TER P28 Saint-Étienne – Le Puy.
/// Named apart from [`crate::Route`], which is a walking itinerary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub id: String,
    pub short_name: String,
    pub long_name: String,
    pub mode: Mode,
    /// True when its times are a sample, not an operator's timetable (the bundled buses): the app
    /// says so. Read from the optional `velay_sample` column of `routes.txt`.
    pub sample: bool,
}

impl Line {
    /// The name to show in a list: the short name, else the long one.
    pub fn display_name(&self) -> &str {
        if self.short_name.is_empty() {
            &self.long_name
        } else {
            &self.short_name
        }
    }
}

/// The names of the `lines` whose times are a sample (`sample`) or an operator's, sorted, each
/// once: what a page about the data lists.
pub fn line_names(lines: &[Line], sample: bool) -> Vec<&str> {
    let mut names: Vec<&str> = lines
        .iter()
        .filter(|l| l.sample == sample)
        .map(Line::display_name)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// A trip: one run of a vehicle along a line, on the service days of its service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trip {
    pub id: String,
    pub line: LineIdx,
    pub headsign: String,
    /// Index of its service (the days it runs) in the timetable's calendar.
    pub(crate) service: u32,
}

/// Who published the feed, for what dates, and whether it holds sample data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedInfo {
    pub publisher: String,
    pub version: String,
    /// The first and last service days the calendar covers.
    pub start: Option<chrono::NaiveDate>,
    pub end: Option<chrono::NaiveDate>,
    /// The IANA time zone of the feed's times (the first agency's), such as `Europe/Paris`.
    pub timezone: String,
    /// True when some line's times are a sample ([`Line::sample`]).
    pub has_sample: bool,
}

//! velay-core: the Velay companion's domain, with no UI and no web server.
//!
//! - [`clock`]: "now" and "today" in the territory's zone, one clock for every screen.
//! - [`text`]: words in French and English, as content carries them, and the [`Lang`] to pick one.
//! - [`site`]: a Grand Site, the cluster of places that routes belong to.
//! - [`route`]: a walking itinerary: its track read from GPX, its points of interest, its figures,
//!   its geometry (profile, simplified line, distances along it); GPX in and out.
//! - [`follow`]: following a route on foot: position sources, snapping fixes onto the track,
//!   progress, off-route alerts, and when to leave for the last bus or train home.
//! - [`content`]: what the server publishes (sites, routes and their tracks, the timetable,
//!   greeters, their availability rules and one-off slots) as versioned [`Change`]s, and how the
//!   authored `routes-data/` folder becomes them, for the server and for the app's snapshot alike.
//! - [`greeter`]: volunteer locals, their profiles, and the slots they offer for a meeting,
//!   made by recurring availability rules for the coming weeks, on the server and offline alike.
//! - [`maps`]: offline maps: the tiles a site's routes need, and the PMTiles pack per site that
//!   carries them from the server to the app.
//! - [`holidays`]: the French public holidays, which greeters' rules, buses and the check skip.
//! - [`mutation`]: a user write (a note about a route, a meeting request, a cancellation) that
//!   must reach the server exactly once, the outbox states it goes through, and why one is
//!   refused ([`mutation::Refusal`], [`mutation::InvalidRequest`]): codes each app translates.
//! - [`store`]: the app's sled store: content, cursor, credential, outbox, recorded walks and the
//!   user's own data (feature `device`).
//! - [`sled_open`]: opening a sled database, for the device's store and the server's.
//! - [`sync`]: the protocol's paths and types, which the app and the server share.
//! - [`client`]: the HTTP client that speaks it, and (feature `device`) a device's sync of its
//!   store.
//! - [`timetable`]: trains and buses imported from a GTFS feed, kept as one compact record; data
//!   only, which knows nothing of routing.
//! - [`planner`]: a [`Planner`] over a shared timetable, holding what its searches derive from it:
//!   journeys between stops and places (RAPTOR), the earliest arrival (a connection scan), a
//!   stop's departures board, and car-free days ([`day`]).
//! - [`trip`]: a car-free day kept on the device, its parts, and its calendar export.
//! - [`day`]: a car-free day: there by train and bus, the walk, and back, or the nearest day that
//!   works ([`Planner::plan_day`]).
//! - [`check`]: the content check before publishing: each route and greeter slot reachable
//!   without a car from the region's stations, places where they are, samples labelled.

pub mod check;
pub mod client;
pub mod clock;
pub mod content;
pub mod day;
pub mod follow;
pub mod greeter;
pub mod holidays;
pub mod maps;
pub mod mutation;
pub mod planner;
pub mod route;
pub mod site;
pub mod sled_open;
#[cfg(feature = "device")]
pub mod store;
pub mod sync;
pub mod text;
pub mod timetable;
pub mod trip;

pub use content::{Change, Content, Key, Kind};
pub use planner::Planner;
pub use route::{Route, Track};
pub use site::Site;
#[cfg(feature = "device")]
pub use store::Store;
pub use text::{Lang, Text};
pub use timetable::Timetable;

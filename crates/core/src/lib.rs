//! velay-core: the Velay companion's domain, with no UI and no web server.
//!
//! - [`text`]: words in French and English, as content carries them, and the [`Lang`] to pick one.
//! - [`site`]: a Grand Site, the cluster of places that routes belong to.
//! - [`route`]: a walking itinerary: its track read from GPX, its points of interest, its figures,
//!   its geometry (profile, simplified line, distances along it); GPX in and out.
//! - [`follow`]: following a route on foot: position sources, snapping fixes onto the track,
//!   progress, off-route alerts, and when to leave for the last bus or train home.
//! - [`content`]: what the server publishes (sites, routes) as versioned [`Change`]s, and how the
//!   authored `routes-data/` folder becomes them, for the server and for the app's snapshot alike.
//! - [`store`]: the app's sled store, where content and the sync cursor live on the device, and
//!   the walks recorded on it.
//! - [`sync`]: the protocol types the app and the server share, and the HTTP client that pulls.

pub mod content;
pub mod follow;
pub mod route;
pub mod site;
pub mod store;
pub mod sync;
pub mod text;

pub use content::{Change, Content, Key, Kind};
pub use route::Route;
pub use site::Site;
pub use store::Store;
pub use text::{Lang, Text};

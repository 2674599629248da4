//! The screens of the app, one module each, and the header they share.

mod date_picker;
mod departures;
mod follow;
mod getting_there;
mod greeter_profile;
mod greeters;
mod header;
mod home;
mod import;
mod journey;
mod last_departure;
mod my_requests;
mod plan;
mod profile_plot;
mod route_detail;
pub(crate) mod routes;
mod sync;
mod track_map;

pub use date_picker::DatePicker;
pub use departures::DeparturesScreen;
pub use follow::FollowScreen;
pub use getting_there::GettingThere;
pub use greeter_profile::GreeterScreen;
pub use greeters::GreetersScreen;
pub use header::Header;
pub use home::HomeScreen;
pub use import::ImportScreen;
pub use journey::JourneyLegs;
pub use last_departure::LastDeparture;
pub use my_requests::MyRequestsScreen;
pub use plan::{DayParts, PlanRouteScreen, PlanScreen};
pub use profile_plot::ProfilePlot;
pub use route_detail::RouteDetailScreen;
pub use routes::{Filters, RoutesScreen};
pub use sync::{StoreNotice, SyncScreen};
pub use track_map::TrackMap;

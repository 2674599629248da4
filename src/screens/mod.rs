//! The screens of the app, one module each, and the header they share.

mod follow;
mod greeter_profile;
mod greeters;
mod header;
mod import;
mod my_requests;
mod profile_plot;
mod route_detail;
pub(crate) mod routes;
mod sync;
mod track_map;

pub use follow::FollowScreen;
pub use greeter_profile::GreeterScreen;
pub use greeters::GreetersScreen;
pub use header::Header;
pub use import::ImportScreen;
pub use my_requests::MyRequestsScreen;
pub use profile_plot::ProfilePlot;
pub use route_detail::RouteDetailScreen;
pub use routes::RoutesScreen;
pub use sync::{StoreNotice, SyncScreen};
pub use track_map::TrackMap;

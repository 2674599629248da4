//! The screens of the app, one module each, and the header they share.

mod header;
mod routes;
mod sync;

pub use header::Header;
pub use routes::RoutesScreen;
pub use sync::{StoreNotice, SyncScreen};

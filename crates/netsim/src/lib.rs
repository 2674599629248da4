//! netsim: a TCP proxy on loopback between a client and a server, for tests and benchmarks.
//!
//! - [`Fault`]: what happens to one connection (pass, delay, refuse, cut the request or the
//!   response after some bytes, answer 503 before or after the server saw the request).
//! - [`Link`]: the shape of the wire (rate, one-way delay, segment loss), applied to every byte.
//! - [`Proxy`]: listens on 127.0.0.1, picks a fault for each new connection, counts bytes.

mod link;
mod proxy;

pub use link::Link;
pub use proxy::{Fault, Proxy, Stats};

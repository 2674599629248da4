//! Accepting connections: how many at once, how many from one address, and how long one that
//! sends nothing is kept.
//!
//! axum's own `serve` sets no timer, so a socket that sends nothing, or a request head a byte at
//! a time, was kept for ever: 1,100 of them used up a 1,024 file limit and `/health` stopped
//! answering. Here hyper gets a timer (the head of each request, and the next request on a
//! kept-alive connection, must arrive within [`ConnectionLimits::header_read`]), and the number
//! of open connections is capped, in all and per client address.
//! The answers hyper writes by itself to a request it cannot read get a JSON body like every
//! other error ([`parse_errors`]).

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt;

use parse_errors::JsonParseErrors;

mod parse_errors;

/// How many connections are kept, and for how long when idle.
#[derive(Clone, Debug)]
pub struct ConnectionLimits {
    /// A request's head must arrive whole within this; a kept-alive connection on which no new
    /// request starts within it is closed.
    pub header_read: Duration,
    /// Connections open at once; beyond it, new ones wait in the listen queue until one closes.
    /// Kept under the usual 1,024 open files, with room for the store and the logs.
    pub max_connections: usize,
    /// Connections open at once from one client address; beyond it, a new one is answered 503
    /// and closed, so one client cannot take the room the others need.
    pub per_address: usize,
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits {
            header_read: Duration::from_secs(10),
            max_connections: 768,
            per_address: 64,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let per_address = Arc::new(PerAddress::default());
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_read);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let room = tokio::select! {
            room = open.clone().acquire_owned() => room,
            () = &mut shutdown => break,
        };
        let Ok(room) = room else { break };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of files or a connection reset before it was taken: wait, then go on.
                    tracing::warn!(error = %e, "accepting a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = per_address.take(peer.ip(), limits.per_address) else {
            tracing::debug!(%peer, "too many connections from one address");
            refuse(&stream);
            continue;
        };
        // Each request knows its peer's address, for the limits kept per client.
        let service = app.clone().map_request(move |request: axum::http::Request<Incoming>| {
            let mut request = request.map(axum::body::Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            request
        });
        let connection = graceful.watch(builder.serve_connection(
            TokioIo::new(JsonParseErrors::new(stream)),
            TowerToHyperService::new(service),
        ));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(%peer, error = %e, "connection ended");
            }
            drop(slot);
            drop(room);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// The answer to a connection beyond its address's share, written once without waiting: a
/// client that does not read it just sees the connection closed.
const TOO_MANY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
content-type: application/json\r\n\
retry-after: 5\r\n\
connection: close\r\n\
content-length: 52\r\n\
\r\n\
{\"error\":\"too many connections from your address\"}\r\n";

fn refuse(stream: &TcpStream) {
    let _ = stream.try_write(TOO_MANY);
}

/// Open connections per client address.
#[derive(Default)]
struct PerAddress(Mutex<HashMap<IpAddr, usize>>);

impl PerAddress {
    fn take(self: &Arc<Self>, ip: IpAddr, max: usize) -> Option<Slot> {
        let mut open = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(ip).or_default();
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(Slot {
            ip,
            table: self.clone(),
        })
    }
}

/// One open connection of an address, given back when dropped.
struct Slot {
    ip: IpAddr,
    table: Arc<PerAddress>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.table.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusal_says_its_length() {
        let text = std::str::from_utf8(TOO_MANY).unwrap();
        let (_, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(text.contains(&format!("content-length: {}\r\n", body.len())));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(json["error"].is_string());
    }

    #[test]
    fn an_address_gets_its_slots_back() {
        let table = Arc::new(PerAddress::default());
        let ip: IpAddr = [192, 0, 2, 1].into();
        let a = table.take(ip, 2).unwrap();
        let _b = table.take(ip, 2).unwrap();
        assert!(table.take(ip, 2).is_none());
        assert!(table.take([192, 0, 2, 2].into(), 2).is_some());
        drop(a);
        assert!(table.take(ip, 2).is_some());
    }
}

//! The proxy itself.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::link::{Link, SEGMENT};

/// What happens to one connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Bytes go through untouched (but for the link's shape).
    Pass,
    /// Every segment waits this long more.
    Delay(Duration),
    /// The connection is closed at once, before anything reaches the server.
    Refuse,
    /// The connection is closed after this many bytes from the client reached the server.
    CutRequest(usize),
    /// The connection is closed after this many bytes of the server's answer reached the client.
    CutResponse(usize),
    /// The proxy answers 503 itself; the server never sees the request.
    ErrorBefore,
    /// The server gets the whole request and answers; the client gets a 503 instead.
    ErrorAfter,
}

/// Bytes seen, each way, since the proxy started or was reset.
#[derive(Debug, Default)]
pub struct Stats {
    pub up: AtomicU64,
    pub down: AtomicU64,
    pub connections: AtomicU64,
}

impl Stats {
    pub fn take(&self) -> (u64, u64, u64) {
        (
            self.up.swap(0, Ordering::SeqCst),
            self.down.swap(0, Ordering::SeqCst),
            self.connections.swap(0, Ordering::SeqCst),
        )
    }
}

type Plan = Box<dyn FnMut() -> Fault + Send>;

/// A proxy on 127.0.0.1 in front of `upstream`. It stops when dropped.
pub struct Proxy {
    addr: SocketAddr,
    pub stats: Arc<Stats>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

const UNAVAILABLE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
content-length: 34\r\nconnection: close\r\n\r\n{\"error\":\"proxy: fault injected\"}\n";

impl Proxy {
    /// Starts a proxy to `upstream`; `plan` picks the fault of each new connection.
    pub async fn start(
        upstream: SocketAddr,
        link: Link,
        plan: impl FnMut() -> Fault + Send + 'static,
    ) -> std::io::Result<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let stats = Arc::new(Stats::default());
        let plan: Arc<Mutex<Plan>> = Arc::new(Mutex::new(Box::new(plan)));
        let st = stats.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let fault = (plan.lock().unwrap_or_else(|e| e.into_inner()))();
                st.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(connection(client, upstream, link, fault, st.clone()));
            }
        });
        Ok(Proxy { addr, stats, task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

async fn connection(mut client: TcpStream, upstream: SocketAddr, link: Link, fault: Fault, stats: Arc<Stats>) {
    match fault {
        Fault::Refuse => return,
        Fault::ErrorBefore => {
            let mut head = [0u8; 64];
            let _ = client.read(&mut head).await;
            let _ = client.write_all(UNAVAILABLE).await;
            return;
        }
        _ => {}
    }
    // The TCP handshake the emulated link would have cost before the first byte.
    tokio::time::sleep(link.one_way_delay * 2).await;
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (cr, cw) = client.into_split();
    let (sr, sw) = server.into_split();
    let extra = match fault {
        Fault::Delay(d) => d,
        _ => Duration::ZERO,
    };
    let (up_limit, down_limit) = match fault {
        Fault::CutRequest(n) => (Some(n), None),
        Fault::CutResponse(n) => (None, Some(n)),
        _ => (None, None),
    };
    let error_after = fault == Fault::ErrorAfter;
    let up = tokio::spawn(pump(cr, sw, link, extra, up_limit, stats.clone(), Direction::Up));
    let down = pump(
        sr,
        cw,
        link,
        extra,
        down_limit,
        stats,
        if error_after {
            Direction::Replace
        } else {
            Direction::Down
        },
    );
    down.await;
    up.abort();
}

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    Up,
    Down,
    /// Swallow the server's answer and send a 503 in its place.
    Replace,
}

/// Copies bytes one way through the emulated link: segments leave at the link's rate, arrive
/// after its delay (plus an RTO when lost), in order; the copy stops after `limit` bytes.
async fn pump(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    link: Link,
    extra: Duration,
    limit: Option<usize>,
    stats: Arc<Stats>,
    dir: Direction,
) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let reader = async move {
        let mut buf = vec![0u8; SEGMENT];
        let mut sent = 0usize;
        let mut wire_free = Instant::now();
        let mut rng = seed();
        loop {
            let want = limit.map_or(SEGMENT, |l| SEGMENT.min(l.saturating_sub(sent)));
            if want == 0 {
                break;
            }
            let n = match from.read(&mut buf[..want]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            sent += n;
            let start = wire_free.max(Instant::now());
            wire_free = start + link.transmit_time(n);
            let mut at = wire_free + link.one_way_delay + extra;
            if link.loss > 0.0 && next_f64(&mut rng) < link.loss {
                at += link.rto;
            }
            if tx.send((at, buf[..n].to_vec())).is_err() {
                break;
            }
        }
    };
    let writer = async move {
        let mut last = Instant::now();
        while let Some((at, bytes)) = rx.recv().await {
            // In order, as TCP delivers: nothing overtakes a late segment.
            let at = at.max(last);
            tokio::time::sleep_until(at).await;
            last = at;
            if dir == Direction::Replace {
                let _ = to.write_all(UNAVAILABLE).await;
                stats.down.fetch_add(UNAVAILABLE.len() as u64, Ordering::SeqCst);
                break;
            }
            if to.write_all(&bytes).await.is_err() {
                break;
            }
            let counter = if dir == Direction::Up { &stats.up } else { &stats.down };
            counter.fetch_add(bytes.len() as u64, Ordering::SeqCst);
        }
        let _ = to.shutdown().await;
    };
    tokio::join!(reader, writer);
}

/// A small xorshift generator: loss needs no cryptographic randomness, and the proxy keeps
/// to tokio alone.
fn seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1);
    t | 1
}

fn next_f64(state: &mut u64) -> f64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state >> 11) as f64 / (1u64 << 53) as f64
}

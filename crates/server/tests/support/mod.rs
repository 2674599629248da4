//! A real server for the tests: the axum app on a real socket on 127.0.0.1, its sled store in a
//! temporary folder, seeded from routes-data.

#![allow(dead_code)] // each test file uses its own part of this module

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use velay_core::clock::Clock;
use velay_core::content::read_dir;
use velay_core::{Content, Store};
use velay_server::api::limits::Limits;
use velay_server::{AppState, ConnectionLimits, ServerStore, SledStore};

pub mod greeters;

pub const ADMIN: &str = "test-admin-token-0123456789";

pub struct TestServer {
    pub addr: SocketAddr,
    pub store: Arc<SledStore>,
    pub contents: Vec<Content>,
    _dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_on(Clock::system()).await
    }

    /// A server whose clock reads the chosen moment now and runs on from there.
    pub async fn start_on(clock: Clock) -> TestServer {
        TestServer::start_with(clock, Limits::default()).await
    }

    /// A server with other rate limits: for a test that plays hundreds of phones from one
    /// address, faster than any real one registers.
    pub async fn start_with(clock: Clock, limits: Limits) -> TestServer {
        TestServer::start_limited(clock, limits, ConnectionLimits::default()).await
    }

    /// A server for a crowd on one address: hundreds of travellers played from the loopback,
    /// where real ones would come from as many addresses.
    pub async fn start_crowd() -> TestServer {
        let all = ConnectionLimits::default();
        let connections = ConnectionLimits {
            per_address: all.max_connections,
            ..all
        };
        TestServer::start_limited(Clock::system(), Limits::default(), connections).await
    }

    /// A server with other limits on connections: shorter timers, a smaller cap.
    pub async fn start_limited(clock: Clock, limits: Limits, connections: ConnectionLimits) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SledStore::open(&dir.path().join("store")).unwrap().with_clock(clock));
        let contents = routes_data();
        store.publish(&contents).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = AppState {
            store: store.clone(),
            admin_token: ADMIN.into(),
            packs: std::path::Path::new("/nonexistent/packs").into(),
            logins: Default::default(),
            limits: limits.into(),
            behind_tls: false,
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(velay_server::serve_with(listener, state, connections, async {
            let _ = stopped.await;
        }));
        TestServer {
            addr,
            store,
            contents,
            _dir: dir,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, finishes what is in flight, and returns when the server is down.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

pub fn routes_data() -> Vec<Content> {
    read_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")).expect("routes-data reads")
}

/// A fresh device store in its own temporary folder.
pub fn device_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

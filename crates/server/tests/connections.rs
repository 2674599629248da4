//! Connections that send nothing, or a request head a byte at a time, are closed after the
//! header timeout; connections are capped per address; the server goes on answering others
//! while hundreds of idle sockets are open. Real server on loopback, raw sockets.

mod support;

use std::time::{Duration, Instant};

use support::TestServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use velay_core::clock::Clock;
use velay_server::api::limits::Limits;
use velay_server::ConnectionLimits;

const HEADER_READ: Duration = Duration::from_secs(1);

async fn server(max_connections: usize, per_address: usize) -> TestServer {
    let limits = ConnectionLimits {
        header_read: HEADER_READ,
        max_connections,
        per_address,
    };
    TestServer::start_limited(Clock::system(), Limits::default(), limits).await
}

/// Reads until the server closes the connection (or 10 s pass), returning what it sent and
/// when it closed.
async fn until_closed(stream: &mut TcpStream) -> (String, Option<Instant>) {
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&got).into(), Some(Instant::now())),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&got).into(), None),
        }
    }
}

async fn health(server: &TestServer) -> reqwest::StatusCode {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    client
        .get(format!("{}/health", server.url()))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_socket_is_closed_after_the_header_timeout() {
    let server = server(100, 100).await;
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    let opened = Instant::now();
    let (_, closed) = until_closed(&mut silent).await;
    let after = closed.expect("the server never closed a socket that sent nothing") - opened;
    assert!(
        after >= HEADER_READ - Duration::from_millis(100),
        "closed after {after:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_head_sent_a_byte_at_a_time_is_cut_off() {
    let server = server(100, 100).await;
    let mut slow = TcpStream::connect(server.addr).await.unwrap();
    let head = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let opened = Instant::now();
    let mut cut = false;
    for byte in head {
        if slow.write_all(&[*byte]).await.is_err() {
            cut = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        if opened.elapsed() > HEADER_READ * 4 {
            break;
        }
    }
    let (answer, closed) = until_closed(&mut slow).await;
    assert!(cut || closed.is_some(), "a byte a time kept the connection open");
    assert!(!answer.contains("200 OK"), "the slow request was served: {answer}");
    assert!(opened.elapsed() < HEADER_READ * 6);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_alive_connection_with_no_next_request_is_closed() {
    let server = server(100, 100).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let answered = Instant::now();
    let (answer, closed) = until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(closed.is_some(), "an idle kept-alive connection stayed open");
    server.stop().await;
    assert!(answered.elapsed() >= HEADER_READ - Duration::from_millis(100));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_idle_sockets_do_not_stop_the_server() {
    // 300 idle sockets against a cap of 200: the others wait in the listen queue, the open
    // ones are closed after the timeout, and /health is answered all the same.
    let server = server(200, 1000).await;
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(TcpStream::connect(server.addr).await.unwrap());
    }
    assert_eq!(health(&server).await, reqwest::StatusCode::OK);
    let closed = futures_util::future::join_all(idle.iter_mut().map(until_closed)).await;
    let open = closed.iter().filter(|(_, at)| at.is_none()).count();
    assert_eq!(open, 0, "{open} idle sockets still open after 10 s");
    assert_eq!(health(&server).await, reqwest::StatusCode::OK);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_gets_its_share_and_a_clear_refusal_beyond() {
    let server = server(100, 5).await;
    let mut mine = Vec::new();
    for _ in 0..5 {
        mine.push(TcpStream::connect(server.addr).await.unwrap());
    }
    // Let the server take the five before the sixth comes.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut sixth = TcpStream::connect(server.addr).await.unwrap();
    let (answer, closed) = until_closed(&mut sixth).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("retry-after: 5"), "{answer}");
    assert!(answer.ends_with("{\"error\":\"too many connections from your address\"}\r\n"));
    assert!(closed.is_some());
    // Another address (127.0.0.2 is loopback too) is served at once meanwhile.
    let other = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let status = other
        .get(format!("{}/health", server.url()))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, reqwest::StatusCode::OK);
    // Once the five are closed, the address is served again.
    drop(mine);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(health(&server).await, reqwest::StatusCode::OK);
    server.stop().await;
}

/// Sends `request` on a fresh connection and returns the answer's status and JSON body.
async fn raw_answer(server: &TestServer, request: &[u8]) -> (String, serde_json::Value) {
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let (answer, closed) = until_closed(&mut stream).await;
    assert!(closed.is_some(), "the connection stays open after: {answer}");
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {answer:?}"));
    let status = head.lines().next().unwrap_or_default().to_string();
    assert!(head.contains("content-type: application/json"), "{head}");
    let body = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body:?}"));
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_hyper_cannot_read_are_answered_in_json_like_every_other_error() {
    let server = server(100, 100).await;

    let (status, body) = raw_answer(&server, b"G\x01T /health HTTP/1.1\r\nhost: x\r\n\r\n").await;
    assert!(status.starts_with("HTTP/1.1 400"), "{status}");
    assert_eq!(body["error"], "the request could not be read");

    let long = format!("GET /{} HTTP/1.1\r\nhost: x\r\n\r\n", "a".repeat(70_000));
    let (status, body) = raw_answer(&server, long.as_bytes()).await;
    assert!(status.starts_with("HTTP/1.1 414"), "{status}");
    assert_eq!(body["error"], "the address is too long");

    let mut many = String::from("GET /health HTTP/1.1\r\nhost: x\r\n");
    for i in 0..200 {
        many.push_str(&format!("x-h{i}: {i}\r\n"));
    }
    many.push_str("\r\n");
    let (status, body) = raw_answer(&server, many.as_bytes()).await;
    assert!(status.starts_with("HTTP/1.1 431"), "{status}");
    assert_eq!(body["error"], "the request's headers are too large");

    // The server's own answers are untouched and it goes on answering.
    assert_eq!(health(&server).await, reqwest::StatusCode::OK);
    server.stop().await;
}

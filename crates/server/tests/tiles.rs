//! `velay-server tiles build` against a tile server of our own on 127.0.0.1 that answers as real
//! ones do on a bad day (404s outside its coverage, a 500, a slow answer, an answer cut
//! mid-tile), then the pack served to the app with Range, ETag and caching.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use velay_core::maps::{covering, Tile, MARGIN_M};

/// How the tile server misbehaves.
#[derive(Default)]
struct Tiles {
    /// Requests per tile.
    asked: Mutex<HashMap<Tile, usize>>,
    /// Tiles answered so far.
    served: AtomicUsize,
    /// After this many answers every request gets a 500 (a source that goes down).
    down_after: Option<usize>,
    /// Down no more.
    healed: AtomicBool,
    /// The first request of each is answered badly: a 503, late, cut mid-tile.
    flaky: Vec<Tile>,
}

fn routes_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../routes-data")
}

/// Tiles the server says it does not have.
fn is_missing(t: Tile) -> bool {
    (t.x + t.y) % 17 == 0
}

/// A PNG signature and the tile's numbers: an image to the build, a different one per tile.
fn image(t: Tile) -> Vec<u8> {
    let mut png = vec![0x89, b'P', b'N', b'G', 13, 10, 26, 10];
    png.extend_from_slice(format!("{}/{}/{}", t.z, t.x, t.y).as_bytes());
    png
}

async fn tile(State(tiles): State<Arc<Tiles>>, UrlPath((z, x, y)): UrlPath<(u8, u32, String)>) -> Response {
    let y: u32 = y.trim_end_matches(".png").parse().unwrap();
    let t = Tile { z, x, y };
    let n = {
        let mut asked = tiles.asked.lock().unwrap();
        let n = asked.entry(t).or_default();
        *n += 1;
        *n
    };
    if tiles
        .down_after
        .is_some_and(|d| tiles.served.load(Ordering::SeqCst) >= d)
        && !tiles.healed.load(Ordering::SeqCst)
    {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    if is_missing(t) {
        return StatusCode::NOT_FOUND.into_response();
    }
    if n == 1 {
        match tiles.flaky.iter().position(|f| *f == t) {
            Some(0) => return (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "0")]).into_response(),
            Some(1) => tokio::time::sleep(Duration::from_secs(3)).await, // past the client's 1 s
            Some(2) => {
                // Headers promise 1,000 bytes; 10 come, then the connection drops.
                let stream = futures_util::stream::iter(vec![
                    Ok::<_, std::io::Error>(Bytes::from(image(t)[..10].to_vec())),
                    Err(std::io::Error::other("cut")),
                ]);
                return Response::builder()
                    .header(header::CONTENT_LENGTH, 1000)
                    .body(Body::from_stream(stream))
                    .unwrap();
            }
            _ => {}
        }
    }
    tiles.served.fetch_add(1, Ordering::SeqCst);
    (
        [
            (header::CACHE_CONTROL, "max-age=86400"),
            (header::CONTENT_TYPE, "image/png"),
        ],
        image(t),
    )
        .into_response()
}

async fn tile_server(tiles: Arc<Tiles>) -> String {
    let app = axum::Router::new()
        .route("/{z}/{x}/{y}", axum::routing::get(tile))
        .with_state(tiles);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// The tiles within the margin of Le Puy's routes at zooms 12 to 14, as the build must see them.
fn expected() -> BTreeSet<Tile> {
    let contents = velay_core::content::read_dir(&routes_data()).unwrap();
    let lines: Vec<Vec<(f64, f64)>> = velay_core::content::routes(&contents)
        .into_iter()
        .filter(|r| r.site == "le-puy")
        .map(|r| r.track.iter().map(|p| (p.lat(), p.lon())).collect())
        .collect();
    covering(&lines, MARGIN_M, 12..=14)
}

async fn build(data: &Path, source: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_velay-server"));
    cmd.args([
        "tiles",
        "build",
        "--site",
        "le-puy",
        "--zooms",
        "12-14",
        "--rate",
        "1000",
        "--timeout",
        "1",
        "--retries",
        "1",
    ])
    .args([
        "--contact",
        "tests@example.org",
        "--name",
        "Test tiles",
        "--attribution",
        "© test",
    ])
    .args([
        "--licence",
        "test only",
        "--source",
        &format!("{source}/{{z}}/{{x}}/{{y}}.png"),
    ])
    .arg("--data")
    .arg(data)
    .arg("--content")
    .arg(routes_data());
    // The tile server runs on this test's runtime: the build waits on another thread.
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_build_fetches_each_tile_once_through_errors_and_a_second_build_fetches_none() {
    let expected = expected();
    let flaky: Vec<Tile> = expected
        .iter()
        .copied()
        .filter(|t| !is_missing(*t))
        .step_by(7)
        .take(3)
        .collect();
    let tiles = Arc::new(Tiles {
        flaky,
        ..Tiles::default()
    });
    let url = tile_server(tiles.clone()).await;
    let data = tempfile::tempdir().unwrap();
    let out = build(data.path(), &url).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let built: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let asked = tiles.asked.lock().unwrap().clone();
    // Exactly the tile arithmetic: every tile asked for, none outside it.
    assert_eq!(asked.keys().copied().collect::<BTreeSet<_>>(), expected);
    // Once each, but for those answered badly the first time, asked once more.
    let bad = tiles.flaky.len();
    assert_eq!(bad, 3);
    assert_eq!(asked.values().sum::<usize>(), expected.len() + bad);
    let missing = expected.iter().filter(|t| is_missing(**t)).count() as u64;
    assert_eq!(built["fetch"]["missing"], missing);
    assert_eq!(built["pack"]["tiles"], expected.len() as u64 - missing);
    assert_eq!(built["pack"]["attribution"], "© test");
    println!(
        "{} tiles needed, {missing} missing, {bad} answered badly first",
        expected.len()
    );

    // Everything stored is fresh (max-age): a second build asks for nothing.
    let before = tiles.asked.lock().unwrap().values().sum::<usize>();
    let again = build(data.path(), &url).await;
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(tiles.asked.lock().unwrap().values().sum::<usize>(), before);

    serve_the_pack(data.path(), &built["pack"]).await;
    download_the_pack(data.path(), &built["pack"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_build_cut_half_way_resumes_without_fetching_a_stored_tile_again() {
    let tiles = Arc::new(Tiles {
        down_after: Some(20),
        ..Tiles::default()
    });
    let url = tile_server(tiles.clone()).await;
    let data = tempfile::tempdir().unwrap();
    let out = build(data.path(), &url).await;
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("run the same command to resume"), "{stderr}");
    assert!(
        !data.path().join("packs/le-puy.pmtiles").exists(),
        "no pack from half the tiles"
    );

    tiles.healed.store(true, Ordering::SeqCst);
    tiles.asked.lock().unwrap().clear();
    let out = build(data.path(), &url).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let second = tiles.asked.lock().unwrap().clone();
    let served_first = 20 + first_missing(&expected(), 20);
    // The 20 tiles served before the source went down are not asked for again; the rest are,
    // once each.
    assert_eq!(second.len(), expected().len() - served_first);
    assert!(second.values().all(|n| *n == 1));
    assert!(data.path().join("packs/le-puy.pmtiles").exists());
}

/// The 404s the source gave, in the build's order, before it had served `served` tiles: those
/// answers are stored too (a tile the source lacks is not asked for again while fresh).
fn first_missing(expected: &BTreeSet<Tile>, served: usize) -> usize {
    let (mut ok, mut missing) = (0, 0);
    for t in expected {
        if ok == served {
            break;
        }
        if is_missing(*t) {
            missing += 1;
        } else {
            ok += 1;
        }
    }
    missing
}

fn start(data: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_velay-server"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().trim_start_matches("listening on ").to_string())
}

async fn serve_the_pack(data: &Path, built: &serde_json::Value) {
    let (mut server, url) = start(data);
    let http = reqwest::Client::new();
    // Published: the record is in what a device pulls.
    let pull: serde_json::Value = http
        .get(format!("{url}/v1/sync/pull?cursor=0&limit=1000"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let record = pull["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"]["kind"] == "map-pack")
        .unwrap_or_else(|| panic!("no map pack in {pull}"));
    assert_eq!(&record["content"]["body"], built);
    let pack_url = format!("{url}/v1/packs/le-puy.pmtiles");

    let whole = http.get(&pack_url).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    let etag = whole.headers()[header::ETAG.as_str()].to_str().unwrap().to_string();
    assert_eq!(whole.headers()[header::ACCEPT_RANGES.as_str()], "bytes");
    let bytes = whole.bytes().await.unwrap();
    assert_eq!(bytes.len() as u64, built["bytes"].as_u64().unwrap());
    let sha: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(sha, built["sha256"].as_str().unwrap());
    assert_eq!(etag, format!("\"{sha}\""));

    let part = http
        .get(&pack_url)
        .header("Range", "bytes=100-199")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()[header::CONTENT_RANGE.as_str()],
        format!("bytes 100-199/{}", bytes.len())
    );
    assert_eq!(part.bytes().await.unwrap(), bytes.slice(100..200));
    let tail = http.get(&pack_url).header("Range", "bytes=1000-").send().await.unwrap();
    assert_eq!(tail.bytes().await.unwrap(), bytes.slice(1000..));
    let stale = http
        .get(&pack_url)
        .header("Range", "bytes=100-199")
        .header("If-Range", "\"old\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 200, "a range of another version is not served");
    let beyond = http
        .get(&pack_url)
        .header("Range", format!("bytes={}-", bytes.len()))
        .send()
        .await
        .unwrap();
    assert_eq!(beyond.status(), 416);
    let same = http.get(&pack_url).header("If-None-Match", &etag).send().await.unwrap();
    assert_eq!(same.status(), 304);
    for other in ["nowhere.pmtiles", "le-puy", "..%2Fadmin-token", "le-puy.json"] {
        let answer = http.get(format!("{url}/v1/packs/{other}")).send().await.unwrap();
        assert_eq!(answer.status(), 404, "{other}");
    }
    server.kill().unwrap();
    server.wait().unwrap();
}

/// The app's side: a download cut half-way resumes by Range and ends with the published
/// checksum; a pause keeps what came; a pack that is not the published one is deleted.
async fn download_the_pack(data: &Path, built: &serde_json::Value) {
    use std::sync::atomic::AtomicBool;
    use velay_core::maps::download::{self, Stored};
    use velay_core::maps::MapPack;

    let pack: MapPack = serde_json::from_value(built.clone()).unwrap();
    let (mut server, url) = start(data);
    let upstream: std::net::SocketAddr = url.trim_start_matches("http://").parse().unwrap();
    let cut_at = pack.bytes as usize / 2;
    let mut faults = vec![netsim::Fault::CutResponse(cut_at)].into_iter();
    let proxy = netsim::Proxy::start(upstream, netsim::Link::LOOPBACK, move || {
        faults.next().unwrap_or(netsim::Fault::Pass)
    })
    .await
    .unwrap();
    let device = tempfile::tempdir().unwrap();
    let dir = download::maps_dir(device.path());
    let go = AtomicBool::new(false);

    let cut = download::download(&proxy.url(), &pack, &dir, &go, |_, _| {}).await;
    assert!(cut.is_err(), "the connection was cut");
    let Stored::Partial(have) = download::stored(&dir, &pack) else {
        panic!("a part is kept")
    };
    assert!(have > 0 && have < pack.bytes, "{have} of {}", pack.bytes);
    proxy.stats.take();

    let mut seen = Vec::new();
    let path = download::download(&proxy.url(), &pack, &dir, &go, |done, _| seen.push(done))
        .await
        .unwrap();
    let (_, down, _) = proxy.stats.take();
    assert!(
        down < pack.bytes - have + 1024,
        "only the rest came again: {down} bytes for {} missing",
        pack.bytes - have
    );
    assert_eq!(seen.first(), Some(&have));
    assert_eq!(seen.last(), Some(&pack.bytes));
    let sha: String = Sha256::digest(std::fs::read(&path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sha, pack.sha256);
    assert!(matches!(
        download::stored(&dir, &pack),
        Stored::Whole { current: true, .. }
    ));

    // A pause: the download stops at its first bytes and keeps them.
    download::delete(&dir, &pack.site).unwrap();
    let pause = AtomicBool::new(true);
    let paused = download::download(&url, &pack, &dir, &pause, |_, _| {}).await;
    assert!(matches!(paused, Err(download::DownloadError::Stopped)));
    assert!(matches!(download::stored(&dir, &pack), Stored::Partial(n) if n > 0));
    download::download(&url, &pack, &dir, &go, |_, _| {}).await.unwrap();

    // A record whose checksum the file does not have: refused, and nothing of it kept.
    let wrong = MapPack {
        sha256: "0".repeat(64),
        ..pack.clone()
    };
    download::delete(&dir, &pack.site).unwrap();
    let refused = download::download(&url, &wrong, &dir, &go, |_, _| {}).await;
    assert!(
        matches!(refused, Err(download::DownloadError::Refused(_))),
        "{refused:?}"
    );
    assert_eq!(download::size_on_disk(&dir), 0, "nothing of a refused pack is kept");

    // With the server gone, what is stored stays and reads.
    download::download(&url, &pack, &dir, &go, |_, _| {}).await.unwrap();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(download::download(
        &url,
        &MapPack {
            sha256: "1".repeat(64),
            ..pack.clone()
        },
        &dir,
        &go,
        |_, _| {}
    )
    .await
    .is_err());
    assert!(matches!(
        download::stored(&dir, &pack),
        Stored::Whole { current: true, .. }
    ));
    let reader = velay_core::maps::PackReader::open(&download::pack_path(&dir, &pack.site))
        .await
        .unwrap();
    let first = *expected().iter().find(|t| !is_missing(**t)).unwrap();
    assert_eq!(reader.tile(first).await, Some(image(first)));
}

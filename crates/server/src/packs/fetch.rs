//! Fetching tiles from a tile server, politely: one request at a time under a rate limit, a
//! User-Agent that names the app and a contact, HTTP caching honoured (a stored tile still fresh
//! is not asked for again; a stale one is revalidated with its ETag or date), `Retry-After`
//! obeyed, and every tile kept on disk as it arrives, so that a cut build resumes where it
//! stopped.
//!
//! The cache is a folder per source: `<z>/<x>/<y>.tile` (the image) and `<z>/<x>/<y>.json` (its
//! validators and how long it stays fresh, or that the server has no such tile).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{
    HeaderMap, CACHE_CONTROL, ETAG, EXPIRES, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use velay_core::maps::{is_image, Tile};

/// Where tiles come from: an XYZ URL template with `{z}`, `{x}` and `{y}`, and what the map
/// must say of them.
#[derive(Clone, Debug)]
pub struct Source {
    pub template: String,
    pub name: String,
    pub attribution: String,
    pub licence: String,
}

impl Source {
    /// IGN's Plan IGN v2 through the Géoplateforme's open WMTS: under the Licence Ouverte /
    /// Etalab 2.0, which allows copying and redistributing with attribution. (SCAN 25 is not
    /// open data and is not offered here.)
    pub fn ign_plan() -> Source {
        Source {
            template: "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0\
                       &LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM\
                       &FORMAT=image/png&TILEMATRIX={z}&TILECOL={x}&TILEROW={y}"
                .into(),
            name: "Plan IGN v2".into(),
            attribution: "© IGN".into(),
            licence: "Licence Ouverte / Etalab 2.0".into(),
        }
    }

    pub fn url(&self, t: Tile) -> String {
        self.template
            .replace("{z}", &t.z.to_string())
            .replace("{x}", &t.x.to_string())
            .replace("{y}", &t.y.to_string())
    }
}

/// How politely to fetch.
#[derive(Clone, Debug)]
pub struct Polite {
    /// "velay-companion/0.1 (+contact)".
    pub user_agent: String,
    /// Requests per second at most.
    pub per_second: f64,
    /// One request's limit, body included.
    pub timeout: Duration,
    /// Tries after the first, for a 5xx, a 429, a timeout or a cut answer.
    pub retries: u32,
}

impl Polite {
    pub fn new(contact: &str) -> Polite {
        Polite {
            user_agent: format!("velay-companion/{} (+{contact})", env!("CARGO_PKG_VERSION")),
            per_second: 8.0,
            timeout: Duration::from_secs(30),
            retries: 3,
        }
    }
}

/// What a fetch did, tile by tile.
#[derive(Debug, Default, Serialize)]
pub struct FetchReport {
    /// Tiles the area needs.
    pub needed: usize,
    /// Fetched now.
    pub fetched: usize,
    /// Already stored and still fresh: not asked for.
    pub kept: usize,
    /// Stored but stale, and the server said they had not changed (304).
    pub revalidated: usize,
    /// The server has no such tile (404): outside its coverage.
    pub missing: usize,
    /// Requests sent, retries included.
    pub requests: usize,
    /// Tiles that could not be fetched, with why (the first few).
    pub failed: Vec<String>,
    pub failed_count: usize,
}

/// What is kept beside each stored tile.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Meta {
    etag: Option<String>,
    last_modified: Option<String>,
    /// Seconds since the epoch until which the copy is fresh.
    fresh_until: u64,
    /// The server answered 404.
    missing: bool,
}

/// The largest tile accepted: a 256-pixel raster tile is tens of kilobytes.
const MAX_TILE_BYTES: usize = 2 * 1024 * 1024;
/// Tiles failed one after the other before the build stops asking.
const GIVE_UP_AFTER: usize = 5;
/// How long a tile stays fresh when the server says nothing.
const DEFAULT_FRESH: Duration = Duration::from_secs(7 * 24 * 3600);

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    Client(#[from] reqwest::Error),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

fn paths(cache: &Path, t: Tile) -> (PathBuf, PathBuf, PathBuf) {
    let dir = cache.join(t.z.to_string()).join(t.x.to_string());
    (
        dir.join(format!("{}.tile", t.y)),
        dir.join(format!("{}.json", t.y)),
        dir,
    )
}

/// A stored tile's image, if the cache holds one.
pub fn stored(cache: &Path, t: Tile) -> Option<Vec<u8>> {
    std::fs::read(paths(cache, t).0).ok()
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Fetches every tile of `tiles` not already fresh in `cache`.
pub async fn fetch(
    cache: &Path,
    source: &Source,
    tiles: &BTreeSet<Tile>,
    polite: &Polite,
) -> Result<FetchReport, FetchError> {
    let client = reqwest::Client::builder()
        .user_agent(&polite.user_agent)
        .timeout(polite.timeout)
        .build()?;
    let mut report = FetchReport {
        needed: tiles.len(),
        ..FetchReport::default()
    };
    let gap = Duration::from_secs_f64(1.0 / polite.per_second.max(0.01));
    let mut next = tokio::time::Instant::now();
    let mut failed_in_a_row = 0;
    for &tile in tiles {
        if failed_in_a_row >= GIVE_UP_AFTER {
            // The source is down or refuses us: asking for every other tile would only load it.
            report.failed_count += 1;
            continue;
        }
        let (image, meta_path, dir) = paths(cache, tile);
        let meta: Option<Meta> = std::fs::read(&meta_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let has_image = image.exists();
        if let Some(m) = &meta {
            if m.fresh_until > now() && (m.missing || has_image) {
                report.kept += 1;
                continue;
            }
        }
        let mut tries = 0;
        let outcome = loop {
            tokio::time::sleep_until(next).await;
            next = tokio::time::Instant::now() + gap;
            report.requests += 1;
            let mut request = client.get(source.url(tile));
            if let Some(m) = meta.as_ref().filter(|_| has_image) {
                if let Some(etag) = &m.etag {
                    request = request.header(IF_NONE_MATCH, etag);
                }
                if let Some(date) = &m.last_modified {
                    request = request.header(IF_MODIFIED_SINCE, date);
                }
            }
            let wait = match one(request).await {
                Ok(answer) => break Ok(answer),
                Err(Retry {
                    why,
                    again: true,
                    after,
                }) if tries < polite.retries => {
                    tracing::debug!(?tile, %why, "retrying");
                    after.unwrap_or(Duration::from_millis(500 << tries))
                }
                Err(Retry { why, .. }) => break Err(why),
            };
            tries += 1;
            next = next.max(tokio::time::Instant::now() + wait.min(Duration::from_secs(60)));
        };
        let write = |path: &Path, bytes: &[u8]| -> Result<(), FetchError> {
            let io = |source| FetchError::Io {
                path: path.to_path_buf(),
                source,
            };
            std::fs::create_dir_all(&dir).map_err(io)?;
            // Aside then renamed: a build killed mid-write never leaves half a tile.
            let tmp = path.with_extension("part");
            std::fs::write(&tmp, bytes).map_err(io)?;
            std::fs::rename(&tmp, path).map_err(io)
        };
        match outcome {
            Ok(Answer::Tile { bytes, meta }) => {
                write(&image, &bytes)?;
                write(&meta_path, &meta_json(&meta))?;
                report.fetched += 1;
                failed_in_a_row = 0;
            }
            Ok(Answer::NotModified { fresh_until }) => {
                let mut m = meta.unwrap_or_default();
                m.fresh_until = fresh_until;
                write(&meta_path, &meta_json(&m))?;
                report.revalidated += 1;
            }
            Ok(Answer::Missing { fresh_until }) => {
                let _ = std::fs::remove_file(&image);
                let m = Meta {
                    missing: true,
                    fresh_until,
                    ..Meta::default()
                };
                write(&meta_path, &meta_json(&m))?;
                report.missing += 1;
            }
            Err(why) => {
                failed_in_a_row += 1;
                report.failed_count += 1;
                if report.failed.len() < 5 {
                    report.failed.push(format!("{}/{}/{}: {why}", tile.z, tile.x, tile.y));
                }
            }
        }
    }
    Ok(report)
}

fn meta_json(meta: &Meta) -> Vec<u8> {
    serde_json::to_vec(meta).expect("a Meta serialises: strings and numbers only")
}

enum Answer {
    Tile { bytes: Vec<u8>, meta: Meta },
    NotModified { fresh_until: u64 },
    Missing { fresh_until: u64 },
}

/// A failure, whether it is worth trying again, and when the server asked to.
struct Retry {
    why: String,
    again: bool,
    after: Option<Duration>,
}

async fn one(request: reqwest::RequestBuilder) -> Result<Answer, Retry> {
    let retry = |why: String| Retry {
        why,
        again: true,
        after: None,
    };
    let mut response = request.send().await.map_err(|e| retry(e.to_string()))?;
    let status = response.status();
    let headers = response.headers().clone();
    let fresh_until = now() + freshness(&headers).as_secs();
    match status {
        StatusCode::NOT_MODIFIED => return Ok(Answer::NotModified { fresh_until }),
        StatusCode::NOT_FOUND | StatusCode::NO_CONTENT => return Ok(Answer::Missing { fresh_until }),
        s if s == StatusCode::TOO_MANY_REQUESTS || s.is_server_error() => {
            let after = headers
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Err(Retry {
                why: format!("HTTP {s}"),
                again: true,
                after,
            });
        }
        s if !s.is_success() => {
            // 401, 403, 410...: asking again will not help.
            return Err(Retry {
                why: format!("HTTP {s}"),
                again: false,
                after: None,
            });
        }
        _ => {}
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| retry(format!("cut: {e}")))? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_TILE_BYTES {
            return Err(retry(format!("more than {MAX_TILE_BYTES} bytes: not a tile")));
        }
    }
    if !is_image(&bytes) {
        return Err(retry("the answer is not a PNG, JPEG or WebP image".into()));
    }
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(String::from)
    };
    Ok(Answer::Tile {
        bytes,
        meta: Meta {
            etag: text(ETAG),
            last_modified: text(LAST_MODIFIED),
            fresh_until,
            missing: false,
        },
    })
}

/// How long an answer stays fresh, from `Cache-Control` (`no-cache` and `no-store`: not at
/// all, `max-age`) or `Expires`, else a week.
fn freshness(headers: &HeaderMap) -> Duration {
    if let Some(cc) = headers.get(CACHE_CONTROL).and_then(|v| v.to_str().ok()) {
        for part in cc.split(',').map(str::trim) {
            if part.eq_ignore_ascii_case("no-cache") || part.eq_ignore_ascii_case("no-store") {
                return Duration::ZERO;
            }
            if let Some(secs) = part.strip_prefix("max-age=").and_then(|v| v.parse::<u64>().ok()) {
                return Duration::from_secs(secs);
            }
        }
    }
    if let Some(expires) = headers.get(EXPIRES).and_then(|v| v.to_str().ok()) {
        return httpdate::parse_http_date(expires)
            .ok()
            .and_then(|t| t.duration_since(SystemTime::now()).ok())
            .unwrap_or(Duration::ZERO);
    }
    DEFAULT_FRESH
}

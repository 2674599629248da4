//! `GET /v1/packs/{site}.pmtiles`: a site's map pack, as published, with HTTP Range (a cut
//! download resumes where it stopped), an ETag (its SHA-256) and caching; `POST
//! /v1/admin/packs`: staff have the server publish the packs in its data folder again (after
//! `velay-server tiles build` or `tiles import` while it runs).

use std::io::SeekFrom;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use velay_core::sync::PublishReport;
use velay_core::{Content, Key, Kind};

use crate::api::auth::Staff;
use crate::error::AppError;
use crate::AppState;

pub const PACK_TYPE: &str = "application/vnd.pmtiles";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/packs/{file}", get(pack))
        .route("/v1/admin/packs", post(republish))
}

async fn republish(State(state): State<AppState>, _: Staff) -> Result<Json<PublishReport>, AppError> {
    let report = crate::packs::publish(state.store.as_ref(), &state.packs)
        .await
        .map_err(|e| AppError::Internal(format!("{e:#}")))?;
    tracing::info!(
        changed = report.changed,
        deleted = report.deleted,
        "map packs published"
    );
    Ok(Json(report))
}

async fn pack(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound("no such map pack");
    let site = file.strip_suffix(".pmtiles").ok_or_else(not_found)?;
    let key = Key {
        kind: Kind::MapPack,
        id: site.into(),
    };
    let Some(Content::MapPack(record)) = state.store.published(&key)? else {
        return Err(not_found());
    };
    // The file is opened by the published name only: `site` is a published key, not a path.
    let path = state.packs.join(record.file_name());
    let mut file = tokio::fs::File::open(&path).await.map_err(|_| not_found())?;
    let len = file.metadata().await.map_err(|_| not_found())?.len();
    let etag = format!("\"{}\"", record.sha256);
    let mut out = HeaderMap::new();
    out.insert(
        header::ETAG,
        HeaderValue::from_str(&etag)
            .map_err(|_| AppError::Internal(format!("pack {site}: a checksum that is not hex")))?,
    );
    out.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    out.insert(header::CONTENT_TYPE, HeaderValue::from_static(PACK_TYPE));
    let matches = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
    };
    if matches(header::IF_NONE_MATCH) == Some(true) {
        return Ok((StatusCode::NOT_MODIFIED, out).into_response());
    }
    // A Range applies only to the version the client holds (If-Range), else the whole file.
    let if_range_ok = headers
        .get(header::IF_RANGE)
        .is_none_or(|v| v.to_str().is_ok_and(|v| v.trim() == etag));
    let range = headers
        .get(header::RANGE)
        .filter(|_| if_range_ok)
        .and_then(|v| v.to_str().ok())
        .map(|v| byte_range(v, len));
    let (status, start, count) = match range {
        None | Some(Err(Ignore)) => (StatusCode::OK, 0, len),
        Some(Ok(None)) => {
            out.insert(
                header::CONTENT_RANGE,
                HeaderValue::from_str(&format!("bytes */{len}")).expect("ascii"),
            );
            return Ok((StatusCode::RANGE_NOT_SATISFIABLE, out).into_response());
        }
        Some(Ok(Some((start, end)))) => {
            let value = format!("bytes {start}-{end}/{len}");
            out.insert(header::CONTENT_RANGE, HeaderValue::from_str(&value).expect("ascii"));
            (StatusCode::PARTIAL_CONTENT, start, end - start + 1)
        }
    };
    file.seek(SeekFrom::Start(start))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    out.insert(header::CONTENT_LENGTH, HeaderValue::from(count));
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file.take(count)));
    Ok((status, out, body).into_response())
}

/// A Range header the server answers with the whole file (several ranges, another unit, bad
/// syntax), as RFC 9110 allows.
struct Ignore;

/// The one byte range `bytes=a-b`, `bytes=a-` or `bytes=-n` asks for in a file of `len` bytes:
/// `Ok(None)` when it lies outside the file.
fn byte_range(header: &str, len: u64) -> Result<Option<(u64, u64)>, Ignore> {
    let spec = header.trim().strip_prefix("bytes=").ok_or(Ignore)?;
    if spec.contains(',') {
        return Err(Ignore);
    }
    let (a, b) = spec.split_once('-').ok_or(Ignore)?;
    let num = |s: &str| s.trim().parse::<u64>().map_err(|_| Ignore);
    let (start, end) = match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, true) => return Err(Ignore),
        (true, false) => {
            let n = num(b)?;
            if n == 0 {
                return Ok(None);
            }
            (len.saturating_sub(n), len.saturating_sub(1))
        }
        (false, true) => (num(a)?, len.saturating_sub(1)),
        (false, false) => {
            let (s, e) = (num(a)?, num(b)?);
            if e < s {
                return Err(Ignore);
            }
            (s, e.min(len.saturating_sub(1)))
        }
    };
    Ok((start < len).then_some((start, end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_read_as_rfc_9110_says() {
        let r = |h| byte_range(h, 1000).ok();
        assert_eq!(r("bytes=0-99"), Some(Some((0, 99))));
        assert_eq!(r("bytes=900-"), Some(Some((900, 999))));
        assert_eq!(r("bytes=-100"), Some(Some((900, 999))));
        assert_eq!(r("bytes=990-2000"), Some(Some((990, 999))));
        assert_eq!(r("bytes=1000-"), Some(None));
        assert_eq!(r("bytes=-0"), Some(None));
        assert_eq!(r("bytes=0-1,5-6"), None);
        assert_eq!(r("items=0-1"), None);
        assert_eq!(r("bytes=5-1"), None);
        assert_eq!(r("bytes=x-"), None);
    }
}

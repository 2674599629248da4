//! Headers every answer carries, and the origin check on the pages' forms.
//!
//! - Every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin` (with
//!   `no-referrer`, browsers post forms with `Origin: null`, which the origin check cannot
//!   tell from an attack), and `X-Frame-Options: DENY` (with CSP's `frame-ancestors 'none'`
//!   for browsers that read it).
//! - HTML pages: a Content-Security-Policy that allows nothing but the pages' own stylesheet
//!   (by its hash), forms posting to this server, and no frames, scripts or plugins.
//! - The greeter and staff pages (they show travellers' contacts): `Cache-Control: no-store`.
//! - A form posted to those pages from another origin is refused (403) before any handler
//!   runs, beside the CSRF token each form carries. A request without an `Origin` header
//!   (some browsers omit it on same-origin posts) is left to the CSRF token.
//! - Behind TLS (`velay-server serve --behind-tls`): `Strict-Transport-Security`. (Cookies
//!   are then marked `Secure` where they are made, see `greeter_pages::cookies`.)

use std::sync::LazyLock;

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::AppState;

/// The policy of every HTML page: the inline stylesheet of [`super::greeter_pages::page`] by
/// its SHA-256, nothing else from anywhere.
static PAGE_POLICY: LazyLock<HeaderValue> = LazyLock::new(|| {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(super::greeter_pages::CSS.as_bytes()));
    let policy = format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'"
    );
    HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
});

/// The pages people log in to, whose answers must not be kept by a browser or a proxy.
fn is_private_page(path: &str) -> bool {
    path.starts_with("/greeter") || path.starts_with("/staff")
}

/// Whether the request's `Origin`, when it has one, is this server as the `Host` header names it.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .unwrap_or("");
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let unsafe_method = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if is_private_page(&path) && unsafe_method && !same_origin(request.headers()) {
        tracing::warn!(%path, "form posted from another origin refused");
        let refused = (
            StatusCode::FORBIDDEN,
            "Formulaire venu d'un autre site refusé / A form sent from another site is refused",
        );
        return with_headers(refused.into_response(), &path, state.behind_tls);
    }
    let response = next.run(request).await;
    with_headers(response, &path, state.behind_tls)
}

fn with_headers(mut response: Response, path: &str, behind_tls: bool) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .is_some_and(|c| c.starts_with("text/html"));
    let h = response.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if is_html {
        h.insert(header::CONTENT_SECURITY_POLICY, PAGE_POLICY.clone());
    }
    if is_private_page(path) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if behind_tls {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

//! The headers every answer carries and the origin check on the pages' forms, on the real
//! server over loopback, and behind TLS through the router.

mod support;

use axum::body::Body;
use axum::http::Request;
use base64::Engine;
use sha2::{Digest, Sha256};
use support::greeters::{account, http, login_page, PASSWORD};
use support::{TestServer, ADMIN};
use tower::ServiceExt;
use velay_server::{AppState, SledStore};

fn header(resp: &reqwest::Response, name: &str) -> String {
    resp.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_login_page_forbids_frames_scripts_and_caching_and_allows_its_own_stylesheet() {
    let server = TestServer::start().await;
    let resp = http()
        .get(format!("{}/greeter/login", server.url()))
        .send()
        .await
        .unwrap();
    let csp = header(&resp, "content-security-policy");
    assert!(
        csp.contains("default-src 'none'")
            && csp.contains("frame-ancestors 'none'")
            && csp.contains("form-action 'self'"),
        "{csp}"
    );
    assert_eq!(header(&resp, "x-frame-options"), "DENY");
    assert_eq!(header(&resp, "x-content-type-options"), "nosniff");
    assert_eq!(header(&resp, "referrer-policy"), "same-origin");
    assert_eq!(header(&resp, "cache-control"), "no-store");
    assert!(
        header(&resp, "strict-transport-security").is_empty(),
        "not told it is behind TLS"
    );
    assert!(!header(&resp, "set-cookie").contains("Secure"));
    // The policy's hash is the page's own stylesheet, so that browsers apply it.
    let html = resp.text().await.unwrap();
    let css = html
        .split("<style>")
        .nth(1)
        .and_then(|s| s.split("</style>").next())
        .unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css.as_bytes()));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(
        !html.contains("style=\""),
        "no inline style attribute, which the policy would block"
    );

    let health = http().get(format!("{}/health", server.url())).send().await.unwrap();
    assert_eq!(header(&health, "x-content-type-options"), "nosniff");
    assert!(
        header(&health, "content-security-policy").is_empty(),
        "JSON, not a page"
    );
}

#[tokio::test]
async fn a_login_form_posted_from_another_site_is_refused_even_with_the_right_password() {
    let server = TestServer::start().await;
    account(&server, "paul");
    let server = &server;
    let post = |origin: String| async move {
        let (cookie, token) = login_page(server).await;
        http()
            .post(format!("{}/greeter/login", server.url()))
            .header("cookie", cookie)
            .header("origin", origin)
            .form(&[("csrf", token.as_str()), ("greeter", "paul"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(post("https://evil.example".into()).await, 403);
    assert_eq!(post(server.url()).await, 303, "the server's own origin logs in");
}

#[tokio::test]
async fn behind_tls_cookies_are_secure_and_browsers_keep_to_https() {
    let dir = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(SledStore::open(dir.path()).unwrap());
    let router = velay_server::app(AppState {
        store,
        admin_token: ADMIN.into(),
        packs: std::path::Path::new("/nonexistent/packs").into(),
        logins: Default::default(),
        limits: Default::default(),
        behind_tls: true,
    });
    let resp = router
        .oneshot(Request::get("/greeter/login").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let hsts = resp.headers()["strict-transport-security"].to_str().unwrap();
    assert!(hsts.starts_with("max-age="), "{hsts}");
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("; Secure"), "{cookie}");
}

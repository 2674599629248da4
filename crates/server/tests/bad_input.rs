//! Hostile and malformed requests: every endpoint answers a 4xx with a JSON message, never a
//! 5xx, never a panic, and changes nothing.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use proptest::prelude::*;
use support::ADMIN;
use tower::ServiceExt;
use velay_server::{AppState, ServerStore, SledStore};

struct App {
    router: axum::Router,
    store: std::sync::Arc<SledStore>,
    device_token: String,
    _dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = std::sync::Arc::new(SledStore::open(dir.path()).unwrap());
    store.publish(&support::routes_data()).unwrap();
    let device_token = "d".repeat(64);
    store.register(velay_server_token_hash(&device_token)).unwrap();
    let router = velay_server::app(AppState {
        store: store.clone(),
        admin_token: ADMIN.into(),
        packs: std::path::Path::new("/nonexistent/packs").into(),
        logins: Default::default(),
        limits: Default::default(),
        behind_tls: false,
    });
    App {
        router,
        store,
        device_token,
        _dir: dir,
    }
}

fn velay_server_token_hash(token: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(token.as_bytes()).into()
}

/// Sends one request; returns the status and the parsed JSON body.
fn call(app: &App, method: &str, uri: &str, auth: Option<&str>, body: Vec<u8>) -> (StatusCode, serde_json::Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/json");
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let resp = app
            .router
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
        )
    })
}

fn assert_clear_4xx(status: StatusCode, body: &serde_json::Value, what: &str) {
    assert!(status.is_client_error(), "{what}: {status}");
    let message = body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: no JSON error message: {body}"));
    assert!(!message.is_empty(), "{what}: empty message");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_to_any_body_endpoint_get_a_clear_4xx_and_change_nothing(
        body in proptest::collection::vec(any::<u8>(), 0..2048),
        which in 0..3usize,
    ) {
        let app = app();
        let head = app.store.head().unwrap();
        let device_auth = format!("Bearer {}", app.device_token);
        let admin_auth = format!("Bearer {ADMIN}");
        let (uri, auth) = match which {
            0 => ("/v1/devices", None),
            1 => ("/v1/sync/push", Some(device_auth.as_str())),
            _ => ("/v1/admin/content", Some(admin_auth.as_str())),
        };
        // Random bytes that happen to be a valid request are vanishingly rare; `{}` registers.
        prop_assume!(!(which == 0 && serde_json::from_slice::<serde_json::Map<_, _>>(&body).is_ok()));
        let (status, json) = call(&app, "POST", uri, auth, body);
        assert_clear_4xx(status, &json, uri);
        prop_assert_eq!(app.store.head().unwrap(), head);
    }

    #[test]
    fn arbitrary_query_strings_to_pull_get_an_answer_or_a_clear_4xx(query in "[a-zA-Z0-9=&%_.~+-]{0,64}") {
        let app = app();
        let uri = format!("/v1/sync/pull?{query}");
        let (status, json) = call(&app, "GET", &uri, None, vec![]);
        if !status.is_success() {
            assert_clear_4xx(status, &json, &uri);
        }
    }

    #[test]
    fn arbitrary_authorization_headers_are_refused_clearly(auth in "[ -~]{0,80}") {
        let app = app();
        let (status, json) = call(&app, "POST", "/v1/sync/push", Some(&auth), b"{\"mutations\":[]}".to_vec());
        assert_clear_4xx(status, &json, &auth);
        let (status, json) = call(&app, "POST", "/v1/admin/content", Some(&auth), b"[]".to_vec());
        assert_clear_4xx(status, &json, &auth);
    }
}

/// A request (method, path, authorization, body) and the status it must get.
type Case<'a> = (&'a str, &'a str, Option<&'a str>, Vec<u8>, StatusCode);

#[test]
fn typical_mistakes_get_the_right_status_and_a_message() {
    let app = app();
    let device = format!("Bearer {}", app.device_token);
    let admin = format!("Bearer {ADMIN}");
    let cases: Vec<Case> = vec![
        ("GET", "/v1/sync/pull?cursor=-1", None, vec![], StatusCode::BAD_REQUEST),
        (
            "GET",
            "/v1/sync/pull?cursor=0&limit=0",
            None,
            vec![],
            StatusCode::BAD_REQUEST,
        ),
        (
            "GET",
            "/v1/sync/pull?cursor=0",
            Some("Bearer nope"),
            vec![],
            StatusCode::UNAUTHORIZED,
        ),
        (
            "POST",
            "/v1/sync/push",
            None,
            b"{\"mutations\":[]}".to_vec(),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "POST",
            "/v1/sync/push",
            Some(&device),
            b"{\"mutations\":[]}".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "POST",
            "/v1/sync/push",
            Some(&device),
            b"{\"mutations\":[{\"id\":\"x\"}]}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "POST",
            "/v1/admin/content",
            Some("Bearer wrong-token-wrong-token"),
            b"[]".to_vec(),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "POST",
            "/v1/admin/content",
            Some(&admin),
            b"[{\"kind\":\"route\"}]".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "POST",
            "/v1/admin/content",
            Some(&admin),
            vec![b'['; 9 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (method, uri, auth, body, expected) in cases {
        let (status, json) = call(&app, method, uri, auth, body);
        assert_eq!(status, expected, "{method} {uri}: {json}");
        assert_clear_4xx(status, &json, uri);
    }
}

#[test]
fn publishing_an_empty_set_by_mistake_is_refused() {
    // An empty body would unpublish every route: staff must mean it, so it is refused.
    let app = app();
    let (status, json) = call(
        &app,
        "POST",
        "/v1/admin/content",
        Some(&format!("Bearer {ADMIN}")),
        b"[]".to_vec(),
    );
    assert_clear_4xx(status, &json, "empty publish");
}

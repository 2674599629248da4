//! How much one client may ask: rate limits per client address (anonymous registrations) and
//! per device (pushes), kept in memory with the GCRA of the `governor` crate.
//!
//! A device is checked before its push's body is read ([`PushingDevice`]): a stranger with no
//! token, or a device over its rate, costs the server a header, never a body.
//!
//! The quotas leave room for what real users do (a coach party registering at once behind
//! one address, a device catching up after a week offline, which pushes at most
//! [`velay_core::sync::PUSH_MAX_MUTATIONS`] notes a request) and stop what an attacker does
//! (thousands of registrations a second kept for ever, tens of thousands of notes in seconds).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::api::auth::Device;
use crate::store::DeviceId;
use crate::AppState;

/// Registrations from one address: 300 at once (a coach, a campsite's Wi-Fi), then 2 a second.
const REGISTRATIONS_BURST: u32 = 300;
const REGISTRATIONS_PER_SECOND: u32 = 2;
/// Pushes of one device: 60 at once, then 5 a second (up to 500 notes a second).
const PUSHES_BURST: u32 = 60;
const PUSHES_PER_SECOND: u32 = 5;
/// A limiter's table is swept of keys back to full allowance past this many.
const SWEEP_AT: usize = 50_000;

pub struct Limits {
    registrations: DefaultKeyedRateLimiter<IpAddr>,
    pushes: DefaultKeyedRateLimiter<DeviceId>,
}

fn quota(per_second: u32, burst: u32) -> Quota {
    let nz = |n: u32| NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(nz(per_second)).allow_burst(nz(burst))
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::new(
            quota(REGISTRATIONS_PER_SECOND, REGISTRATIONS_BURST),
            quota(PUSHES_PER_SECOND, PUSHES_BURST),
        )
    }
}

impl Limits {
    pub fn new(registrations: Quota, pushes: Quota) -> Limits {
        Limits {
            registrations: DefaultKeyedRateLimiter::keyed(registrations),
            pushes: DefaultKeyedRateLimiter::keyed(pushes),
        }
    }
}

/// The refusal of a request over its rate: 429, JSON, and when to try again.
fn too_many(what: &str, wait: Duration) -> Response {
    let secs = wait.as_secs().max(1);
    let mut answer = (
        StatusCode::TOO_MANY_REQUESTS,
        Json(serde_json::json!({ "error": format!("too many {what}: try again in {secs} s") })),
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
        answer.headers_mut().insert(header::RETRY_AFTER, value);
    }
    answer
}

/// Before a registration: its address's rate.
pub async fn registrations(
    State(state): State<AppState>,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    request: Request,
    next: Next,
) -> Response {
    let address = client.map_or(IpAddr::from([0, 0, 0, 0]), |Extension(ConnectInfo(a))| a.ip());
    let limiter = &state.limits.registrations;
    if limiter.len() > SWEEP_AT {
        limiter.retain_recent();
    }
    if let Err(not_until) = limiter.check_key(&address) {
        tracing::warn!(%address, "registrations over the rate refused");
        return too_many("registrations", not_until.wait_time_from(DefaultClock::default().now()));
    }
    next.run(request).await
}

/// A pushing device within its rate: its token checked, then its rate, from the headers alone,
/// so that a handler naming it before its body reads no body for a stranger or a device over
/// its rate.
pub struct PushingDevice(pub DeviceId);

impl FromRequestParts<AppState> for PushingDevice {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<PushingDevice, Response> {
        let Device(device) = <Device as FromRequestParts<AppState>>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let limiter = &state.limits.pushes;
        if limiter.len() > SWEEP_AT {
            limiter.retain_recent();
        }
        if let Err(not_until) = limiter.check_key(&device) {
            tracing::warn!(%device, "pushes over the rate refused");
            return Err(too_many(
                "pushes",
                not_until.wait_time_from(DefaultClock::default().now()),
            ));
        }
        Ok(PushingDevice(device))
    }
}

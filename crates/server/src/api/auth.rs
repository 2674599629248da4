//! Who is calling, as extractors: a device by its token ([`Device`]), staff by the admin token
//! ([`Staff`]). Both read the `Authorization` header only, so a handler that names one before
//! its body refuses a stranger without reading the body.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::store::DeviceId;
use crate::AppState;

fn bearer(headers: &HeaderMap) -> Result<Option<&str>, AppError> {
    match headers.get(AUTHORIZATION) {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(Some)
            .ok_or(AppError::Unauthorized(
                "the Authorization header must be `Bearer TOKEN`",
            )),
    }
}

/// Tokens are 256 random bits, so a plain SHA-256 is enough to keep them unusable if the
/// store leaks; a slow password hash (argon2) is for secrets people choose.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// The calling device, named by its token. As `Option<Device>`, a request without a token is
/// let through; an unknown token is refused either way, not ignored, so a device whose
/// registration was lost learns it and registers again.
pub struct Device(pub DeviceId);

impl OptionalFromRequestParts<AppState> for Device {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Device>, AppError> {
        let Some(token) = bearer(&parts.headers)? else {
            return Ok(None);
        };
        // A read served from sled's cache: no hop to the blocking pool (see pull).
        match state.store.device(token_hash(token))? {
            Some(device) => Ok(Some(Device(device))),
            None => Err(AppError::Unauthorized("unknown device token: register again")),
        }
    }
}

impl FromRequestParts<AppState> for Device {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Device, AppError> {
        // Only a push needs a device.
        <Device as OptionalFromRequestParts<AppState>>::from_request_parts(parts, state)
            .await?
            .ok_or(AppError::Unauthorized("push needs a device token"))
    }
}

/// Staff, by the admin token. Compares in constant time, so the token cannot be guessed from
/// timings.
pub struct Staff;

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Staff, AppError> {
        let given = bearer(&parts.headers)?.ok_or(AppError::Unauthorized("a staff token is required"))?;
        match is_admin_token(given, &state.admin_token) {
            true => Ok(Staff),
            false => Err(AppError::Unauthorized("wrong staff token")),
        }
    }
}

/// Whether `given` is the admin token, compared in constant time.
pub fn is_admin_token(given: &str, admin_token: &str) -> bool {
    bool::from(given.as_bytes().ct_eq(admin_token.as_bytes()))
}

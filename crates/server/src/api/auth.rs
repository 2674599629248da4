//! Who is calling: a device by its token, or staff by the admin token.

use axum::http::{header::AUTHORIZATION, HeaderMap};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::AppError;
use crate::store::DeviceId;
use crate::AppState;

pub fn bearer(headers: &HeaderMap) -> Result<Option<&str>, AppError> {
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

/// The calling device, if the request names one. An unknown token is refused, not ignored,
/// so a device whose registration was lost learns it and registers again.
pub fn device(state: &AppState, headers: &HeaderMap) -> Result<Option<DeviceId>, AppError> {
    let Some(token) = bearer(headers)? else { return Ok(None) };
    // A read served from sled's cache: no hop to the blocking pool (see pull).
    let found = state.store.device(token_hash(token))?;
    found
        .map(Some)
        .ok_or(AppError::Unauthorized("unknown device token: register again"))
}

/// Staff only. Compares in constant time, so the token cannot be guessed from timings.
pub fn staff(headers: &HeaderMap, admin_token: &str) -> Result<(), AppError> {
    let given = bearer(headers)?.ok_or(AppError::Unauthorized("a staff token is required"))?;
    match bool::from(given.as_bytes().ct_eq(admin_token.as_bytes())) {
        true => Ok(()),
        false => Err(AppError::Unauthorized("wrong staff token")),
    }
}

//! Hashing and checking passwords with argon2id, off the async workers. Callers hold a turn of
//! [`super::greeter_pages::login_guard::LoginGuard::try_hash`] first: each run takes 19 MiB.

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};

use crate::error::AppError;

/// The answer when every core is already checking a password.
pub const BUSY: &str = "Serveur occupé : réessayez dans un instant / Server busy: try again in a moment";

/// The shortest password accepted: long enough that the lockout makes guessing hopeless.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The PHC string of `password` with a fresh salt.
pub async fn hash(password: String) -> Result<String, AppError> {
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| e.to_string())?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(AppError::task)?
    .map_err(|e| AppError::Internal(format!("argon2: {e}")))
}

/// Whether `password` is the one `phc` was made from (false for a malformed `phc`).
pub async fn verify(phc: String, password: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&phc)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .map_err(AppError::task)
}

/// The refusal of a password too short, both languages; `None` when it is long enough.
pub fn too_short(password: &str) -> Option<String> {
    (password.chars().count() < MIN_PASSWORD_CHARS).then(|| {
        format!(
            "Mot de passe trop court ({MIN_PASSWORD_CHARS} caractères au moins) / Password too short (at least {MIN_PASSWORD_CHARS} characters)"
        )
    })
}

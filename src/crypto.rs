//! Secrets and the primitives built on them: the key file and the field envelope
//! (XChaCha20-Poly1305), password hashing (argon2id), bearer tokens, TOTP codes.
//! Every random byte comes from the operating system (CRY-5); every key and password sits in a
//! `secrecy` type (zeroized on drop, redacted `Debug`, no `Serialize`: CRY-4).
//! Knows nothing of SQL, HTTP or accounts.

pub mod envelope;
pub mod keyring;
pub mod password;
pub mod token;
pub mod totp;

pub use envelope::DataKey;
pub use keyring::Keyring;
pub use token::Token;

/// A failure of a cryptographic step. Carries no secret.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The operating system's random generator failed.
    #[error("the operating system's random generator failed")]
    Random,
    /// A ciphertext did not decrypt: wrong key, wrong row or tampered (REL-4: callers deny).
    #[error("a sealed value did not open (wrong key, wrong record or altered)")]
    Open,
    /// A sealed value names a key version this keyring does not hold.
    #[error("key version {0} is not in the key file")]
    UnknownKeyVersion(u32),
    /// The key file is unreadable or malformed.
    #[error("key file {path}: {message}")]
    KeyFile {
        /// The file.
        path: String,
        /// What is wrong (never the key itself).
        message: String,
    },
    /// Password hashing failed (bad parameters).
    #[error("password hashing: {0}")]
    Password(String),
}

/// `N` bytes from the operating system's generator.
pub fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| CryptoError::Random)?;
    Ok(bytes)
}

/// SHA-256, for high-entropy secrets (tokens, codes) and the audit chain. Never for passwords.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Parses lower- or upper-case hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Compares in time independent of where the inputs differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

//! Bearer secrets: 256 random bits shown once (in a cookie, a link or on the console) and
//! stored only as a SHA-256 hash. High entropy makes a fast hash enough; passwords are the
//! only secrets people choose, and they go to argon2id instead.

use secrecy::{ExposeSecret, SecretString};

use super::{CryptoError, random, sha256};

/// A bearer secret as its holder sees it (URL-safe base64, 43 characters).
pub struct Token(SecretString);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token([redacted])")
    }
}

impl Token {
    /// A new token from the operating system's generator.
    pub fn generate() -> Result<Token, CryptoError> {
        Ok(Token(SecretString::from(base64url(&random::<32>()?))))
    }

    /// A token as presented by a client; `None` when it cannot be one of ours.
    pub fn parse(text: &str) -> Option<Token> {
        let ok = text.len() == 43
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Token(SecretString::from(text.to_owned())))
    }

    /// The text to hand to its holder.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// What the database keeps.
    pub fn hash(&self) -> [u8; 32] {
        sha256(&[b"pathways token v1\0", self.0.expose_secret().as_bytes()])
    }

    /// A value derived for one purpose (e.g. the CSRF token of a session): knowing it reveals
    /// neither the token nor its stored hash.
    pub fn derive(&self, purpose: &str) -> String {
        base64url(&sha256(&[
            b"pathways derive v1\0",
            purpose.as_bytes(),
            b"\0",
            self.0.expose_secret().as_bytes(),
        ]))
    }
}

/// A one-time recovery code: 80 random bits as four groups of four base32 letters.
pub fn recovery_code() -> Result<SecretString, CryptoError> {
    let letters = super::totp::base32(&random::<10>()?);
    let groups: Vec<&str> = (0..4).filter_map(|i| letters.get(i * 4..i * 4 + 4)).collect();
    Ok(SecretString::from(groups.join("-")))
}

/// The stored form of a recovery code, whatever its case, spaces or dashes.
pub fn recovery_hash(code: &str) -> [u8; 32] {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    sha256(&[b"pathways recovery v1\0", normal.as_bytes()])
}

/// URL-safe base64 without padding.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_hash_stably() {
        let t = Token::generate().unwrap();
        assert_eq!(t.expose().len(), 43);
        let again = Token::parse(t.expose()).unwrap();
        assert_eq!(t.hash(), again.hash());
        assert_ne!(t.hash(), Token::generate().unwrap().hash());
        assert_ne!(t.derive("csrf"), t.derive("other"));
        assert!(Token::parse("short").is_none());
        assert!(Token::parse(&format!("{}=", &t.expose()[..42])).is_none());
        assert_eq!(format!("{t:?}"), "Token([redacted])");
    }

    #[test]
    fn base64url_matches_rfc_4648() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn recovery_codes_forgive_case_and_dashes() {
        let code = recovery_code().unwrap();
        let c = code.expose_secret();
        assert_eq!(c.len(), 19);
        assert_eq!(
            recovery_hash(c),
            recovery_hash(&c.to_lowercase().replace('-', " "))
        );
    }
}

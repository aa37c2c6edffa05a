//! Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second
//! steps, 6 digits — what every authenticator app reads from an `otpauth://` QR code.
//! A code is accepted one step early or late (clock drift) and never twice.

use hmac::{Hmac, KeyInit, Mac};
use secrecy::{ExposeSecret, SecretBox};

use super::{CryptoError, random};

/// Seconds per step.
pub const STEP: i64 = 30;

/// A TOTP secret (160 bits, the RFC's recommendation for SHA-1).
pub struct TotpSecret(SecretBox<[u8; 20]>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret([redacted])")
    }
}

impl TotpSecret {
    /// A new random secret.
    pub fn generate() -> Result<TotpSecret, CryptoError> {
        Ok(TotpSecret(SecretBox::new(Box::new(random::<20>()?))))
    }

    /// From raw bytes (as stored, after decryption).
    pub fn from_bytes(bytes: &[u8]) -> Option<TotpSecret> {
        let arr: [u8; 20] = bytes.try_into().ok()?;
        Some(TotpSecret(SecretBox::new(Box::new(arr))))
    }

    /// From the base32 text shown to the person (spaces and case ignored).
    pub fn from_base32(text: &str) -> Option<TotpSecret> {
        TotpSecret::from_bytes(&unbase32(text)?)
    }

    /// The raw bytes, for sealing.
    pub fn bytes(&self) -> &[u8; 20] {
        self.0.expose_secret()
    }

    /// The secret as base32, for typing into an app by hand.
    pub fn base32(&self) -> String {
        base32(self.0.expose_secret())
    }

    /// The `otpauth://` URI a QR code carries.
    pub fn uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period={STEP}",
            percent(issuer),
            percent(account),
            self.base32(),
            percent(issuer)
        )
    }

    /// The code of one step.
    pub fn code(&self, step: i64) -> u32 {
        let Ok(mut mac) = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(self.0.expose_secret()) else {
            return u32::MAX; // HMAC takes keys of any length; never a 6-digit code.
        };
        mac.update(&step.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = usize::from(digest[19] & 0x0f);
        let part = [
            digest[offset],
            digest[offset + 1],
            digest[offset + 2],
            digest[offset + 3],
        ];
        (u32::from_be_bytes(part) & 0x7fff_ffff) % 1_000_000
    }

    /// The step a typed code matches at `unix_seconds`, if it is one step off at most and
    /// later than `last_used` (a code is used once).
    pub fn verify(&self, typed: &str, unix_seconds: i64, last_used: i64) -> Option<i64> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let typed: u32 = digits.parse().ok()?;
        let now = unix_seconds.div_euclid(STEP);
        (now - 1..=now + 1)
            .filter(|step| *step > last_used)
            .find(|step| super::constant_time_eq(&self.code(*step).to_be_bytes(), &typed.to_be_bytes()))
    }
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for b in bytes {
        buffer = (buffer << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn unbase32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=' && *c != '-')
    {
        let v = BASE32
            .iter()
            .position(|b| char::from(*b) == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (the last 6 of the 8 digits).
    #[test]
    fn rfc_6238_vectors() {
        let secret = TotpSecret::from_bytes(b"12345678901234567890").unwrap();
        for (time, code) in [
            (59, 287_082),
            (1_111_111_109, 81_804),
            (1_111_111_111, 50_471),
            (1_234_567_890, 5_924),
            (2_000_000_000, 279_037),
            (20_000_000_000, 353_130),
        ] {
            assert_eq!(secret.code(time / STEP), code, "t={time}");
        }
    }

    #[test]
    fn drift_of_one_step_and_no_reuse() {
        let s = TotpSecret::generate().unwrap();
        let now = 1_800_000_000;
        let step = now / STEP;
        let code = format!("{:06}", s.code(step - 1));
        assert_eq!(s.verify(&code, now, 0), Some(step - 1));
        assert_eq!(s.verify(&code, now, step - 1), None, "used once");
        let old = format!("{:06}", s.code(step - 2));
        assert_eq!(s.verify(&old, now, 0), None, "two steps late");
        assert_eq!(s.verify("12345", now, 0), None);
        assert_eq!(s.verify("abcdef", now, 0), None);
    }

    #[test]
    fn base32_round_trips_and_uri_names_the_account() {
        let s = TotpSecret::generate().unwrap();
        let text = s.base32();
        assert_eq!(text.len(), 32);
        assert_eq!(
            TotpSecret::from_base32(&text.to_lowercase()).unwrap().bytes(),
            s.bytes()
        );
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        let uri = s.uri("Pathways", "ana@example.org");
        assert!(
            uri.starts_with("otpauth://totp/Pathways:ana@example.org?secret="),
            "{uri}"
        );
    }
}

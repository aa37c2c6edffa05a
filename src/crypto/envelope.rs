//! The field envelope: XChaCha20-Poly1305 with a random 192-bit nonce and associated data
//! binding each value to its table, column, row id and key version (CRY-1). A ciphertext
//! moved to another row, column or key version does not open.
//!
//! Layout of a sealed value: `[1: format][4: key version, big-endian][24: nonce][ciphertext+tag]`.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretBox};

use super::{CryptoError, random};

const FORMAT: u8 = 1;
const HEADER: usize = 1 + 4 + 24;

/// Where a sealed value belongs; it is authenticated with the value.
#[derive(Clone, Copy, Debug)]
pub struct Place<'a> {
    /// Table.
    pub table: &'a str,
    /// Column.
    pub column: &'a str,
    /// Row id.
    pub row: &'a str,
}

/// A 256-bit key with its version: a master key version of the key file, or a record's data
/// key (whose version counts re-keyings of that record).
pub struct DataKey {
    version: u32,
    key: SecretBox<[u8; 32]>,
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DataKey(v{}, [redacted])", self.version)
    }
}

impl DataKey {
    /// A new random key.
    pub fn generate(version: u32) -> Result<DataKey, CryptoError> {
        Ok(DataKey::from_bytes(version, random::<32>()?))
    }

    /// A key from its bytes (the array is moved into zeroizing storage).
    pub fn from_bytes(version: u32, bytes: [u8; 32]) -> DataKey {
        DataKey {
            version,
            key: SecretBox::new(Box::new(bytes)),
        }
    }

    /// This key's version.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The raw key, for wrapping by a master key only.
    pub(super) fn bytes(&self) -> &[u8; 32] {
        self.key.expose_secret()
    }

    /// Encrypts `plaintext` for `place`.
    pub fn seal(&self, place: Place<'_>, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let nonce = random::<24>()?;
        let aad = associated_data(place, self.version);
        let cipher = XChaCha20Poly1305::new(self.key.expose_secret().into());
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .map_err(|_| CryptoError::Open)?;
        let mut out = Vec::with_capacity(HEADER + sealed.len());
        out.push(FORMAT);
        out.extend_from_slice(&self.version.to_be_bytes());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Decrypts a value sealed for `place`; anything else (other row, other key, an altered
    /// byte) is [`CryptoError::Open`].
    pub fn open(&self, place: Place<'_>, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let version = sealed_version(sealed)?;
        if version != self.version {
            return Err(CryptoError::Open);
        }
        let nonce: [u8; 24] = sealed
            .get(5..HEADER)
            .and_then(|n| n.try_into().ok())
            .ok_or(CryptoError::Open)?;
        let aad = associated_data(place, version);
        XChaCha20Poly1305::new(self.key.expose_secret().into())
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: sealed.get(HEADER..).ok_or(CryptoError::Open)?,
                    aad: &aad,
                },
            )
            .map_err(|_| CryptoError::Open)
    }
}

/// The key version a sealed value was made with.
pub fn sealed_version(sealed: &[u8]) -> Result<u32, CryptoError> {
    match sealed {
        [FORMAT, a, b, c, d, ..] if sealed.len() > HEADER => Ok(u32::from_be_bytes([*a, *b, *c, *d])),
        _ => Err(CryptoError::Open),
    }
}

/// Lengths are written before each part, so ("ab","c") and ("a","bc") never collide.
fn associated_data(place: Place<'_>, version: u32) -> Vec<u8> {
    let mut aad = Vec::with_capacity(64);
    for part in [place.table, place.column, place.row] {
        aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
        aad.extend_from_slice(part.as_bytes());
    }
    aad.extend_from_slice(&version.to_be_bytes());
    aad
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn place(row: &str) -> Place<'_> {
        Place {
            table: "survivors",
            column: "pseudonym",
            row,
        }
    }

    proptest! {
        #[test]
        fn round_trip(msg in proptest::collection::vec(any::<u8>(), 0..300), row in "[a-z0-9-]{1,40}", v in 1u32..5) {
            let key = DataKey::generate(v).unwrap();
            let sealed = key.seal(place(&row), &msg).unwrap();
            prop_assert_eq!(key.open(place(&row), &sealed).unwrap(), msg);
        }

        #[test]
        fn any_altered_byte_fails(msg in proptest::collection::vec(any::<u8>(), 1..100), at in any::<prop::sample::Index>(), flip in 1u8..=255) {
            let key = DataKey::generate(1).unwrap();
            let mut sealed = key.seal(place("r1"), &msg).unwrap();
            let i = at.index(sealed.len());
            sealed[i] ^= flip;
            prop_assert!(key.open(place("r1"), &sealed).is_err());
        }

        #[test]
        fn swapped_rows_columns_and_tables_fail(msg in proptest::collection::vec(any::<u8>(), 0..50), a in "[a-z]{1,8}", b in "[a-z]{1,8}") {
            prop_assume!(a != b);
            let key = DataKey::generate(1).unwrap();
            let sealed = key.seal(place(&a), &msg).unwrap();
            prop_assert!(key.open(place(&b), &sealed).is_err());
            let other_column = Place { column: "notes", ..place(&a) };
            prop_assert!(key.open(other_column, &sealed).is_err());
            let other_table = Place { table: "users", ..place(&a) };
            prop_assert!(key.open(other_table, &sealed).is_err());
        }

        #[test]
        fn a_wrong_key_fails(msg in proptest::collection::vec(any::<u8>(), 0..50)) {
            let sealed = DataKey::generate(1).unwrap().seal(place("r"), &msg).unwrap();
            prop_assert!(DataKey::generate(1).unwrap().open(place("r"), &sealed).is_err());
        }
    }

    #[test]
    fn the_key_version_is_authenticated() {
        let bytes = random::<32>().unwrap();
        let sealed = DataKey::from_bytes(1, bytes).seal(place("r"), b"x").unwrap();
        assert_eq!(sealed_version(&sealed).unwrap(), 1);
        // Same key bytes under another version number: refused.
        assert!(DataKey::from_bytes(2, bytes).open(place("r"), &sealed).is_err());
        let mut relabelled = sealed.clone();
        relabelled[4] = 2;
        assert!(
            DataKey::from_bytes(2, bytes)
                .open(place("r"), &relabelled)
                .is_err()
        );
    }

    #[test]
    fn nonces_differ_and_debug_hides_the_key() {
        let key = DataKey::generate(1).unwrap();
        assert_ne!(
            key.seal(place("r"), b"x").unwrap(),
            key.seal(place("r"), b"x").unwrap()
        );
        assert_eq!(format!("{key:?}"), "DataKey(v1, [redacted])");
    }
}

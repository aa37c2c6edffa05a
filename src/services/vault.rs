//! The vault: per-record data keys, made on demand, wrapped by the key file's master key and
//! kept in the key store beside it. Sealing and opening a record's fields goes through here;
//! destroying a record's key (crypto-shredding) makes every copy of its fields unreadable.

use std::path::{Path, PathBuf};
use std::sync::RwLock;

use crate::crypto::envelope::Place;
use crate::crypto::{CryptoError, DataKey, Keyring};
use crate::store::{KeyStore, StoreError};

/// Name of the key store beside the key file.
pub const KEY_STORE_FILE: &str = "data-keys.db";

/// A failure of the vault. REL-4: callers deny on any of these.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The key store's database.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A cryptographic step.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
    /// The record has no key (erased, or never sealed).
    #[error("no data key for {0}")]
    NoKey(String),
    /// The keyring lock was poisoned.
    #[error("keyring unavailable")]
    Poisoned,
}

/// What a rotation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rotation {
    /// The new master key version.
    pub version: u32,
    /// Data keys rewrapped.
    pub rewrapped: usize,
    /// Old versions removed from the key file.
    pub retired: usize,
}

/// What the key file holds and what it wraps (never a key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyStatus {
    /// Master key versions in the key file.
    pub versions: Vec<u32>,
    /// (master version, data keys it wraps).
    pub wrapped: Vec<(u32, u64)>,
}

/// Master keys and the data keys they wrap.
pub struct Vault {
    keyring: RwLock<Keyring>,
    keys: KeyStore,
    key_file: PathBuf,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Vault({})", self.key_file.display())
    }
}

impl Vault {
    /// Opens the key file (creating it, 0600, on first run) and the key store beside it.
    /// Returns whether the key file was created.
    pub fn open(key_file: &Path) -> Result<(Vault, bool), VaultError> {
        let (keyring, created) = Keyring::open_or_create(key_file)?;
        let store_path = key_file
            .parent()
            .map(|p| p.join(KEY_STORE_FILE))
            .unwrap_or_else(|| PathBuf::from(KEY_STORE_FILE));
        let keys = KeyStore::open(&store_path)?;
        Ok((
            Vault {
                keyring: RwLock::new(keyring),
                keys,
                key_file: key_file.to_owned(),
            },
            created,
        ))
    }

    /// Makes and stores a new data key for `owner` (e.g. `users/<id>`).
    pub fn create_key(&self, owner: &str) -> Result<DataKey, VaultError> {
        let key = DataKey::generate(1)?;
        let ring = self.keyring.read().map_err(|_| VaultError::Poisoned)?;
        let wrapped = ring.wrap(owner, &key)?;
        self.keys.put(owner, ring.current_version(), &wrapped)?;
        Ok(key)
    }

    /// The data key of `owner`.
    pub fn key(&self, owner: &str) -> Result<DataKey, VaultError> {
        let wrapped = self
            .keys
            .get(owner)?
            .ok_or_else(|| VaultError::NoKey(owner.to_owned()))?;
        let ring = self.keyring.read().map_err(|_| VaultError::Poisoned)?;
        Ok(ring.unwrap(owner, &wrapped)?)
    }

    /// Seals a field of `owner`'s record.
    pub fn seal(&self, owner: &str, place: Place<'_>, plaintext: &[u8]) -> Result<Vec<u8>, VaultError> {
        Ok(self.key(owner)?.seal(place, plaintext)?)
    }

    /// Opens a field of `owner`'s record.
    pub fn open_field(&self, owner: &str, place: Place<'_>, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
        Ok(self.key(owner)?.open(place, sealed)?)
    }

    /// Destroys `owner`'s data key (CRY-3); whether there was one.
    pub fn shred(&self, owner: &str) -> Result<bool, VaultError> {
        Ok(self.keys.delete(owner)?)
    }

    /// Adds a master key version, rewraps every data key with it (one transaction), then
    /// removes the old versions from the key file. A crash between the steps leaves both
    /// versions in the file, so nothing becomes unreadable; running it again finishes.
    pub fn rotate(&self) -> Result<Rotation, VaultError> {
        let mut ring = self.keyring.write().map_err(|_| VaultError::Poisoned)?;
        let version = ring.add_version()?;
        let rewrapped = self.keys.rewrap_all(|owner, wrapped| -> Result<_, VaultError> {
            let key = ring.unwrap(owner, wrapped)?;
            Ok((version, ring.wrap(owner, &key)?))
        })?;
        let retired = ring.retire_old_versions()?;
        Ok(Rotation {
            version,
            rewrapped,
            retired,
        })
    }

    /// Master versions in the key file, and how many data keys each wraps.
    pub fn status(&self) -> Result<KeyStatus, VaultError> {
        let ring = self.keyring.read().map_err(|_| VaultError::Poisoned)?;
        Ok(KeyStatus {
            versions: ring.versions(),
            wrapped: self.keys.versions()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(row: &str) -> Place<'_> {
        Place {
            table: "survivors",
            column: "notes",
            row,
        }
    }

    #[test]
    fn seal_rotate_open_and_shred() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keys/pathways.keys");
        let (vault, created) = Vault::open(&file).unwrap();
        assert!(created);
        vault.create_key("survivors/1").unwrap();
        vault.create_key("survivors/2").unwrap();
        let sealed = vault.seal("survivors/1", place("1"), b"canary note").unwrap();
        let r = vault.rotate().unwrap();
        assert_eq!(
            r,
            Rotation {
                version: 2,
                rewrapped: 2,
                retired: 1
            }
        );
        // A fresh process with the rotated file opens what was sealed before the rotation.
        drop(vault);
        let (vault, created) = Vault::open(&file).unwrap();
        assert!(!created);
        assert_eq!(
            vault.status().unwrap(),
            KeyStatus {
                versions: vec![2],
                wrapped: vec![(2, 2)]
            }
        );
        assert_eq!(
            vault.open_field("survivors/1", place("1"), &sealed).unwrap(),
            b"canary note"
        );
        // Another record's key does not open it.
        assert!(vault.open_field("survivors/2", place("1"), &sealed).is_err());
        assert!(vault.shred("survivors/1").unwrap());
        assert!(matches!(
            vault.open_field("survivors/1", place("1"), &sealed),
            Err(VaultError::NoKey(_))
        ));
    }
}

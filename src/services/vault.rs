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
    /// Another process holds the key file (a rotation needs it alone).
    #[error("the key file {0} is in use by another Pathways process (stop the server first)")]
    InUse(String),
    /// The key file is missing while the database has records sealed under it.
    #[error(
        "the key file {0} does not exist, but the database already holds accounts sealed with one: \
         point --key-file at it (or restore it from its backup)"
    )]
    Missing(String),
    /// The lock file could not be opened.
    #[error("key file lock {path}: {source}")]
    Lock {
        /// The lock file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// How a process holds the key file: servers and most commands share it; a rotation, which
/// rewrites it, needs it alone (a running server keeps its keys in memory).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Alongside other readers.
    Shared,
    /// Alone: fails while any other process holds it.
    Exclusive,
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
    /// Held for the vault's life: the lock on `<key file>.lock`.
    _lock: std::fs::File,
    access: Access,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Vault({})", self.key_file.display())
    }
}

impl Vault {
    /// Opens the key file and the key store beside it, holding the key file as `access` says.
    /// A missing key file is created (0600) only when `may_create` (a database with nothing
    /// sealed yet); otherwise it is [`VaultError::Missing`]. Returns whether it was created.
    /// The key store is the file beside the key file, or the PostgreSQL key database
    /// `key_database` names (several servers share it).
    pub fn open(
        key_file: &Path,
        access: Access,
        may_create: bool,
        key_database: Option<&str>,
    ) -> Result<(Vault, bool), VaultError> {
        let lock_path = key_file.with_extension("lock");
        if let Some(parent) = lock_path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| VaultError::Lock {
                path: parent.display().to_string(),
                source,
            })?;
        }
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|source| VaultError::Lock {
                path: lock_path.display().to_string(),
                source,
            })?;
        let held = match access {
            Access::Shared => lock.try_lock_shared(),
            Access::Exclusive => lock.try_lock(),
        };
        if held.is_err() {
            return Err(VaultError::InUse(key_file.display().to_string()));
        }
        if !key_file.exists() && !may_create {
            return Err(VaultError::Missing(key_file.display().to_string()));
        }
        let (keyring, created) = Keyring::open_or_create(key_file)?;
        let store_path = key_file
            .parent()
            .map(|p| p.join(KEY_STORE_FILE))
            .unwrap_or_else(|| PathBuf::from(KEY_STORE_FILE));
        let keys = match key_database {
            Some(url) => KeyStore::connect(url)?,
            None => KeyStore::open(&store_path)?,
        };
        Ok((
            Vault {
                keyring: RwLock::new(keyring),
                keys,
                key_file: key_file.to_owned(),
                _lock: lock,
                access,
            },
            created,
        ))
    }

    /// Copies every wrapped key and audit anchor into the empty PostgreSQL key database at
    /// `url` (`migrate-store`), counting both sides.
    pub fn copy_keys_to(&self, url: &str) -> Result<Vec<crate::store::TableCount>, VaultError> {
        Ok(self.keys.copy_into(&KeyStore::connect(url)?)?)
    }

    /// The key of the audit log's chain.
    pub fn audit_key(&self) -> Result<secrecy::SecretBox<[u8; 32]>, VaultError> {
        Ok(self.keyring.read().map_err(|_| VaultError::Poisoned)?.audit_key())
    }

    /// Records the audit chain's head for `day` in the key store (the day's first stays).
    pub fn anchor_audit(&self, day: &str, seq: u64, hash: &str, at: i64) -> Result<bool, VaultError> {
        Ok(self.keys.anchor(day, seq, hash, at)?)
    }

    /// The audit chain's anchors: (day, seq, hash), oldest first.
    pub fn audit_anchors(&self) -> Result<Vec<(String, u64, String)>, VaultError> {
        Ok(self.keys.anchors()?)
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

    /// The owners of the keys held whose owner starts with `prefix`.
    pub fn owners(&self, prefix: &str) -> Result<Vec<String>, VaultError> {
        Ok(self.keys.owners(prefix)?)
    }

    /// Destroys `owner`'s data key (CRY-3); whether there was one.
    pub fn shred(&self, owner: &str) -> Result<bool, VaultError> {
        Ok(self.keys.delete(owner)?)
    }

    /// Adds a master key version, rewraps every data key with it (one transaction), then
    /// removes the old versions from the key file. A crash between the steps leaves both
    /// versions in the file, so nothing becomes unreadable; running it again finishes.
    pub fn rotate(&self) -> Result<Rotation, VaultError> {
        if self.access != Access::Exclusive {
            return Err(VaultError::InUse(self.key_file.display().to_string()));
        }
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
        let (vault, created) = Vault::open(&file, Access::Shared, true, None).unwrap();
        assert!(created);
        // A rotation needs the key file alone.
        assert!(matches!(
            Vault::open(&file, Access::Exclusive, false, None),
            Err(VaultError::InUse(_))
        ));
        vault.create_key("survivors/1").unwrap();
        vault.create_key("survivors/2").unwrap();
        let sealed = vault.seal("survivors/1", place("1"), b"canary note").unwrap();
        assert!(vault.rotate().is_err(), "not while shared");
        drop(vault);
        let vault = Vault::open(&file, Access::Exclusive, false, None).unwrap().0;
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
        let (vault, created) = Vault::open(&file, Access::Shared, false, None).unwrap();
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

    #[test]
    fn cry_3_a_shredded_key_leaves_no_copy_in_the_key_store_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pathways.keys");
        let (vault, _) = Vault::open(&file, Access::Shared, true, None).unwrap();
        vault.create_key("survivors/7").unwrap();
        vault.create_key("survivors/8").unwrap();
        let wrapped = vault.keys.get("survivors/7").unwrap().unwrap();
        assert!(vault.shred("survivors/7").unwrap());
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap_or_default();
            let found = bytes.windows(wrapped.len()).any(|w| w == wrapped.as_slice());
            assert!(!found, "the destroyed key is still in {}", path.display());
        }
        assert!(vault.key("survivors/8").is_ok(), "the others stay");
    }

    #[test]
    fn a_missing_key_file_is_not_replaced_when_records_need_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keys/pathways.keys");
        assert!(matches!(
            Vault::open(&file, Access::Shared, false, None),
            Err(VaultError::Missing(_))
        ));
        assert!(!file.exists(), "nothing made");
    }
}

//! The key file: master keys, kept outside the database and its backups (CRY-2), that wrap
//! the per-record data keys. Created on first run with mode 0600; one line per version,
//! `<version> <64 hex digits>`; the highest version wraps new keys, older ones still unwrap
//! until `pathways keys rotate` has rewrapped everything.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use secrecy::{ExposeSecret, SecretString};

use super::envelope::{DataKey, Place, sealed_version};
use super::{CryptoError, hex, unhex};

const HEADER: &str = "# Pathways master keys. Secret: never share, log or commit this file.\n\
# Back it up apart from the database: a database backup alone must not be readable.\n";

/// The master keys of the key file: the current version and the older ones still held, and
/// the key of the audit log's chain (LOG-1: without it, nobody who can only write the
/// database can forge the chain). The audit key is never rotated.
pub struct Keyring {
    path: PathBuf,
    current: DataKey,
    older: BTreeMap<u32, DataKey>,
    audit: DataKey,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Keyring({}, versions {:?})",
            self.path.display(),
            self.versions()
        )
    }
}

impl Keyring {
    /// Reads the key file at `path`, creating it (0600, one fresh key) when it does not exist.
    /// Returns whether it was created.
    pub fn open_or_create(path: &Path) -> Result<(Keyring, bool), CryptoError> {
        if path.exists() {
            return Ok((Keyring::read(path)?, false));
        }
        let key = DataKey::generate(1)?;
        let audit = DataKey::generate(0)?;
        write_file(path, &[&key], &audit, true)?;
        Ok((
            Keyring {
                path: path.to_owned(),
                current: key,
                older: BTreeMap::new(),
                audit,
            },
            true,
        ))
    }

    /// Reads an existing key file.
    pub fn read(path: &Path) -> Result<Keyring, CryptoError> {
        let fail = |message: String| CryptoError::KeyFile {
            path: path.display().to_string(),
            message,
        };
        let text = SecretString::from(std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?);
        let mut keys = BTreeMap::new();
        let mut audit = None;
        for (n, line) in text.expose_secret().lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            // The message names the line, never its content.
            let bad = || fail(format!("line {} is not `<version> <64 hex digits>`", n + 1));
            let (version, key) = line.split_once(' ').ok_or_else(bad)?;
            let bytes: [u8; 32] = unhex(key.trim())
                .and_then(|b| b.try_into().ok())
                .ok_or_else(bad)?;
            if version == "audit" {
                audit = Some(DataKey::from_bytes(0, bytes));
                continue;
            }
            let version: u32 = version.parse().map_err(|_| bad())?;
            if keys
                .insert(version, DataKey::from_bytes(version, bytes))
                .is_some()
            {
                return Err(fail(format!("version {version} appears twice")));
            }
        }
        let current = keys.pop_last().ok_or_else(|| fail("holds no key".to_owned()))?.1;
        let ring = match audit {
            Some(audit) => Keyring {
                path: path.to_owned(),
                current,
                older: keys,
                audit,
            },
            None => {
                // A key file from before the audit key: add one.
                let ring = Keyring {
                    path: path.to_owned(),
                    current,
                    older: keys,
                    audit: DataKey::generate(0)?,
                };
                ring.save()?;
                ring
            }
        };
        Ok(ring)
    }

    /// Writes every key held to the file (atomically).
    fn save(&self) -> Result<(), CryptoError> {
        let mut all: Vec<&DataKey> = self.older.values().collect();
        all.push(&self.current);
        write_file(&self.path, &all, &self.audit, false)
    }

    /// The key of the audit log's hash chain.
    pub fn audit_key(&self) -> secrecy::SecretBox<[u8; 32]> {
        secrecy::SecretBox::new(Box::new(*self.audit.bytes()))
    }

    /// Adds a new master key version to the file (atomically) and to this keyring; returns it.
    pub fn add_version(&mut self) -> Result<u32, CryptoError> {
        let version = self.current.version() + 1;
        let key = DataKey::generate(version)?;
        let mut all: Vec<&DataKey> = self.older.values().collect();
        all.push(&self.current);
        all.push(&key);
        write_file(&self.path, &all, &self.audit, false)?;
        let previous = std::mem::replace(&mut self.current, key);
        self.older.insert(previous.version(), previous);
        Ok(version)
    }

    /// Drops every version but the current one from the file (after a completed rotation).
    pub fn retire_old_versions(&mut self) -> Result<usize, CryptoError> {
        write_file(&self.path, &[&self.current], &self.audit, false)?;
        let retired = self.older.len();
        self.older.clear();
        Ok(retired)
    }

    /// The version new data keys are wrapped with.
    pub fn current_version(&self) -> u32 {
        self.current.version()
    }

    /// The key versions held, oldest first.
    pub fn versions(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.older.keys().copied().collect();
        v.push(self.current.version());
        v
    }

    fn get(&self, version: u32) -> Option<&DataKey> {
        if version == self.current.version() {
            Some(&self.current)
        } else {
            self.older.get(&version)
        }
    }

    /// Wraps `key` (the data key of `owner`, e.g. `users/<id>`) with the current master key.
    pub fn wrap(&self, owner: &str, key: &DataKey) -> Result<Vec<u8>, CryptoError> {
        let mut plain = Vec::with_capacity(36);
        plain.extend_from_slice(&key.version().to_be_bytes());
        plain.extend_from_slice(key.bytes());
        let sealed = self.current.seal(place(owner), &plain);
        secrecy::zeroize::Zeroize::zeroize(&mut plain);
        sealed
    }

    /// Unwraps the data key of `owner`. A key wrapped for another owner does not open.
    pub fn unwrap(&self, owner: &str, wrapped: &[u8]) -> Result<DataKey, CryptoError> {
        let version = sealed_version(wrapped)?;
        let master = self.get(version).ok_or(CryptoError::UnknownKeyVersion(version))?;
        let mut plain = master.open(place(owner), wrapped)?;
        let parsed = match plain.as_slice() {
            [a, b, c, d, rest @ ..] if rest.len() == 32 => {
                let mut bytes = [0u8; 32];
                bytes.copy_from_slice(rest);
                Ok(DataKey::from_bytes(u32::from_be_bytes([*a, *b, *c, *d]), bytes))
            }
            _ => Err(CryptoError::Open),
        };
        secrecy::zeroize::Zeroize::zeroize(&mut plain);
        parsed
    }

    /// The master version a wrapped key was made with.
    pub fn wrapped_version(wrapped: &[u8]) -> Result<u32, CryptoError> {
        sealed_version(wrapped)
    }
}

fn place(owner: &str) -> Place<'_> {
    Place {
        table: "data_keys",
        column: "key",
        row: owner,
    }
}

/// Writes the keys to a temporary file with mode 0600 and renames it over `path`.
fn write_file(path: &Path, keys: &[&DataKey], audit: &DataKey, create_new: bool) -> Result<(), CryptoError> {
    let fail = |e: std::io::Error| CryptoError::KeyFile {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut text = SecretString::from(HEADER.to_owned());
    {
        let mut body = String::from(text.expose_secret());
        for k in keys {
            body.push_str(&format!("{} {}\n", k.version(), hex(k.bytes())));
        }
        body.push_str(&format!("audit {}\n", hex(audit.bytes())));
        text = SecretString::from(body);
    }
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&tmp).map_err(fail)?;
    file.write_all(text.expose_secret().as_bytes()).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    if create_new && path.exists() {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(std::io::Error::from(std::io::ErrorKind::AlreadyExists)));
    }
    std::fs::rename(&tmp, path).map_err(fail)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/master.keys");
        let (ring, created) = Keyring::open_or_create(&path).unwrap();
        assert!(created);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "CRY-2: the key file is private");
        }
        let dk = DataKey::generate(1).unwrap();
        let wrapped = ring.wrap("users/1", &dk).unwrap();
        let (again, created) = Keyring::open_or_create(&path).unwrap();
        assert!(!created);
        let back = again.unwrap("users/1", &wrapped).unwrap();
        assert_eq!(back.bytes(), dk.bytes());
        assert!(
            again.unwrap("users/2", &wrapped).is_err(),
            "a key moved to another owner"
        );
        assert!(!format!("{again:?}").contains(&hex(dk.bytes())));
    }

    #[test]
    fn rotation_keeps_old_versions_until_retired() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.keys");
        let (mut ring, _) = Keyring::open_or_create(&path).unwrap();
        let dk = DataKey::generate(1).unwrap();
        let old = ring.wrap("o", &dk).unwrap();
        assert_eq!(ring.add_version().unwrap(), 2);
        let new = ring.wrap("o", &dk).unwrap();
        assert_eq!(Keyring::wrapped_version(&new).unwrap(), 2);
        let reread = Keyring::read(&path).unwrap();
        assert_eq!(reread.versions(), vec![1, 2]);
        assert!(reread.unwrap("o", &old).is_ok());
        let audit = *ring.audit_key().expose_secret();
        ring.retire_old_versions().unwrap();
        let reread = Keyring::read(&path).unwrap();
        assert_eq!(
            *reread.audit_key().expose_secret(),
            audit,
            "the audit key is never rotated"
        );
        assert!(matches!(
            reread.unwrap("o", &old),
            Err(CryptoError::UnknownKeyVersion(1))
        ));
        assert!(reread.unwrap("o", &new).is_ok());
    }

    #[test]
    fn malformed_files_are_named_without_their_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.keys");
        std::fs::write(&path, "1 deadbeef-secret\n").unwrap();
        let e = Keyring::read(&path).unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
        assert!(!e.contains("deadbeef"), "{e}");
    }
}

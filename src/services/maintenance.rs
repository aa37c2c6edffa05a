//! The operator's use-cases behind the command line: online backup and restore of the
//! database, checking the audit chain, and moving a SQLite database to PostgreSQL. The key
//! file stays apart from all of them (CRY-2).

use std::path::Path;

use super::vault::{Access, Vault, VaultError};
use super::{AppError, DATABASE_FILE, Database, Directory};
use crate::domain::audit::Verification;
use crate::store::{Store, TableCount};

/// Why a maintenance command failed.
#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    /// The database or the directory.
    #[error(transparent)]
    App(#[from] AppError),
    /// The key file. (Its cause is said in the message, not chained: the command line
    /// prints a chain, which would say it twice.)
    #[error("the key file {path}: {cause}")]
    Keys {
        /// The key file.
        path: String,
        /// The cause.
        cause: VaultError,
    },
}

fn keys(path: &Path) -> impl FnOnce(VaultError) -> MaintenanceError + '_ {
    move |cause| MaintenanceError::Keys {
        path: path.display().to_string(),
        cause,
    }
}

impl Directory {
    /// An online copy of the database (REL-2: `VACUUM INTO`, fine while serving).
    pub fn backup(&self, to: &Path) -> Result<(), AppError> {
        Ok(self.store.backup(to)?)
    }

    /// Checks every link of the audit chain, keyed by the key file at `key_file` (opened
    /// shared: a running server is fine).
    /// Then checks it still reaches every daily anchor in the key store (truncation).
    pub fn verify_audit(&self, key_file: &Path) -> Result<Verification, MaintenanceError> {
        // A directory only imported into has no staff yet, no key file and nothing to check
        // (issue 12, defect 8: this used to fail, blaming the key file).
        if self.store.audit_len().map_err(AppError::from)? == 0 {
            return Ok(Verification::Intact {
                entries: 0,
                head: String::new(),
            });
        }
        let (vault, _) = Vault::open(key_file, Access::Shared, false, self.database.key_database())
            .map_err(keys(key_file))?;
        self.store
            .set_audit_key(vault.audit_key().map_err(keys(key_file))?);
        let verdict = self.store.audit_verify().map_err(AppError::from)?;
        let Verification::Intact { entries, .. } = verdict else {
            return Ok(verdict);
        };
        // The daily anchors in the key store: each must still be in the chain, as it was.
        for (day, seq, hash) in vault.audit_anchors().map_err(keys(key_file))? {
            if seq > entries {
                return Ok(Verification::Truncated {
                    entries,
                    anchored: seq,
                    day,
                });
            }
            if self.store.audit_hash_at(seq).map_err(AppError::from)?.as_deref() != Some(hash.as_str()) {
                return Ok(Verification::Broken { seq });
            }
        }
        Ok(verdict)
    }
}

/// Replaces the database in `data_dir` with the backup `from` after checking it, keeping the
/// replaced file beside it. Refused while a server holds the key file at `key_file`: it
/// would go on writing to the database being replaced. Returns the database's path.
pub fn restore(
    from: &Path,
    data_dir: &Path,
    key_file: &Path,
) -> Result<std::path::PathBuf, MaintenanceError> {
    let _alone = Vault::open(key_file, Access::Exclusive, false, None).map_err(keys(key_file))?;
    std::fs::create_dir_all(data_dir).map_err(|source| AppError::Folder {
        path: data_dir.to_owned(),
        source,
    })?;
    let path = data_dir.join(DATABASE_FILE);
    crate::store::restore(from, &path).map_err(AppError::from)?;
    Ok(path)
}

/// What `migrate-store` moved and what it checked on arrival.
#[derive(Debug)]
pub struct Migration {
    /// The database's tables, counted on both sides.
    pub tables: Vec<TableCount>,
    /// The key store's tables, counted on both sides.
    pub keys: Vec<TableCount>,
    /// The audit chain as the target holds it, checked with the key file and its anchors.
    pub audit: Verification,
}

impl Migration {
    /// The tables whose counts differ (none, when the copy is whole).
    pub fn mismatches(&self) -> Vec<&TableCount> {
        self.tables
            .iter()
            .chain(&self.keys)
            .filter(|c| c.from != c.to)
            .collect()
    }
}

/// Copies the SQLite database in `data_dir` and the key store beside `key_file` into the
/// empty PostgreSQL databases `to` (`Database::Postgres`), then counts every table on both
/// sides and checks the audit chain on arrival with the key file. Refused while a server
/// holds the key file (it would go on writing to the source).
pub fn migrate_store(data_dir: &Path, key_file: &Path, to: &Database) -> Result<Migration, MaintenanceError> {
    let Database::Postgres { url, keys: keys_url } = to else {
        return Err(AppError::from(crate::store::StoreError::NotHere(
            "migrate-store copies to PostgreSQL: give --to and --to-keys",
        ))
        .into());
    };
    let source_file = data_dir.join(DATABASE_FILE);
    if !source_file.exists() {
        return Err(AppError::Folder {
            path: source_file,
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        }
        .into());
    }
    let (tables, keys_copied) = {
        let (vault, _) = Vault::open(key_file, Access::Exclusive, false, None).map_err(keys(key_file))?;
        let source = Store::open(&source_file).map_err(AppError::from)?;
        let target = Store::connect(url).map_err(AppError::from)?;
        let tables = source.copy_into(&target).map_err(AppError::from)?;
        let keys_copied = vault.copy_keys_to(keys_url).map_err(keys(key_file))?;
        (tables, keys_copied)
    };
    // On arrival: the chain, read from the target with the key file and the copied anchors.
    let index = check_index_dir(data_dir)?;
    let (target, _) = Directory::open_at(to, &index)?;
    let audit = target.verify_audit(key_file)?;
    drop(target);
    let _ = std::fs::remove_dir_all(&index);
    Ok(Migration {
        tables,
        keys: keys_copied,
        audit,
    })
}

/// A folder for the throwaway index the check on arrival opens (beside the source data).
fn check_index_dir(data_dir: &Path) -> Result<std::path::PathBuf, MaintenanceError> {
    let dir = data_dir.join(format!("migrate-store-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|source| AppError::Folder {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}

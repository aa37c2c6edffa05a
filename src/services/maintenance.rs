//! The operator's use-cases behind the command line: online backup and restore of the
//! database, and checking the audit chain. The key file stays apart from both (CRY-2).

use std::path::Path;

use super::vault::{Access, Vault, VaultError};
use super::{AppError, DATABASE_FILE, Directory};
use crate::domain::audit::Verification;

/// Why a maintenance command failed.
#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    /// The database or the directory.
    #[error(transparent)]
    App(#[from] AppError),
    /// The key file.
    #[error("the key file {path}: {source}")]
    Keys {
        /// The key file.
        path: String,
        /// The cause.
        source: VaultError,
    },
}

fn keys(path: &Path) -> impl FnOnce(VaultError) -> MaintenanceError + '_ {
    move |source| MaintenanceError::Keys {
        path: path.display().to_string(),
        source,
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

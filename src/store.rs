//! The system of record: SQLite (WAL, synchronous=FULL). The only module that speaks SQL.
//!
//! Every change to the directory bumps one change sequence in the same transaction; the
//! search index records the sequence it was built from, so a stale index is detected at start.

mod audit;
mod keys;
mod migrations;
mod planner;
mod staff;

pub use keys::KeyStore;
pub use planner::{StoredConsent, StoredNeed, StoredReferral, StoredSurvivor};
pub use staff::{
    Credentials, Invitation, NewAccount, NewCredentials, NewInvitation, NewSession, Pass, StoredSession,
};

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::Listing;
use crate::domain::records::Document;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite said no.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored row did not decode.
    #[error("database row {id}: {message}")]
    Corrupt {
        /// Row id.
        id: String,
        /// What failed.
        message: String,
    },
    /// A value that must be unique is taken (the field is named).
    #[error("{0} already in use")]
    Conflict(&'static str),
    /// The audit chain's key was not loaded: nothing is audited, so nothing is done (REL-4).
    #[error("the audit log's key is not loaded (the key file must be opened first)")]
    NoAuditKey,
    /// The connection lock was poisoned by a panic elsewhere.
    #[error("database connection unavailable")]
    Poisoned,
}

/// What an import changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// New services.
    pub added: usize,
    /// Services whose record changed.
    pub updated: usize,
    /// Services identical to what was stored.
    pub unchanged: usize,
    /// Organisations written.
    pub organizations: usize,
}

/// The database: one writer connection and one reader connection (WAL lets them overlap).
pub struct Store {
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    /// The audit chain's key, from the key file (set once, before anything is audited).
    audit_key: std::sync::OnceLock<secrecy::SecretBox<[u8; 32]>>,
}

impl Store {
    /// Opens (creating and migrating) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let writer = Connection::open(path)?;
        configure(&writer)?;
        migrations::run(&writer)?;
        let reader = Connection::open(path)?;
        configure(&reader)?;
        Ok(Store {
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            audit_key: std::sync::OnceLock::new(),
        })
    }

    fn write(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.writer.lock().map_err(|_| StoreError::Poisoned)
    }

    fn read(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.reader.lock().map_err(|_| StoreError::Poisoned)
    }

    /// The directory's change sequence: bumped by every transaction that changes a listing.
    pub fn change_seq(&self) -> Result<u64, StoreError> {
        let seq: i64 = self
            .read()?
            .query_row("SELECT value FROM change_seq", [], |r| r.get(0))?;
        Ok(seq as u64)
    }

    /// This database's random identity (made once, at creation).
    pub fn identity(&self) -> Result<String, StoreError> {
        Ok(self
            .read()?
            .query_row("SELECT id FROM identity", [], |r| r.get(0))?)
    }

    /// How many services are stored.
    pub fn count_services(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .read()?
            .query_row("SELECT COUNT(*) FROM services", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Imports documents in one transaction: all of them or nothing. Records are matched by
    /// HSDS id; a record identical to the stored one changes nothing (not even the sequence).
    pub fn import(&self, documents: &[Document], source: &str) -> Result<ImportSummary, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let mut summary = ImportSummary::default();
        let seq: i64 = tx.query_row("SELECT value + 1 FROM change_seq", [], |r| r.get(0))?;
        {
            let mut find = tx.prepare_cached("SELECT hsds, listing FROM services WHERE id = ?1")?;
            let mut upsert = tx.prepare_cached(
                "INSERT INTO services (id, organization_id, hsds, listing, source, changed_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id,
                   hsds = excluded.hsds, listing = excluded.listing, source = excluded.source,
                   changed_seq = excluded.changed_seq",
            )?;
            let mut org = tx.prepare_cached(
                "INSERT INTO organizations (id, name, hsds) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, hsds = excluded.hsds",
            )?;
            for doc in documents {
                for o in &doc.organizations {
                    org.execute(params![o.id, o.name, o.hsds.to_string()])?;
                    summary.organizations += 1;
                }
                for s in &doc.services {
                    let hsds = s.hsds.to_string();
                    let listing = serde_json::to_string(&s.listing).map_err(|e| StoreError::Corrupt {
                        id: s.listing.id.clone(),
                        message: e.to_string(),
                    })?;
                    // Unchanged only when both the record and the listing made from it are: an
                    // organisation's new name or a newer mapping changes the listing alone.
                    let stored: Option<(String, String)> = find
                        .query_row([&s.listing.id], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()?;
                    match stored {
                        Some((old_hsds, old_listing)) if old_hsds == hsds && old_listing == listing => {
                            summary.unchanged += 1;
                            continue;
                        }
                        Some(_) => summary.updated += 1,
                        None => summary.added += 1,
                    }
                    upsert.execute(params![
                        s.listing.id,
                        s.listing.organization_id,
                        hsds,
                        listing,
                        source,
                        seq
                    ])?;
                }
            }
        }
        if summary.added + summary.updated > 0 {
            tx.execute("UPDATE change_seq SET value = ?1", [seq])?;
        }
        tx.commit()?;
        Ok(summary)
    }

    /// Every service id, in order (a cheap list for tools and tests).
    pub fn listing_ids(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare("SELECT id FROM services ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One listing by HSDS service id.
    pub fn listing(&self, id: &str) -> Result<Option<Listing>, StoreError> {
        let json: Option<String> = self
            .read()?
            .query_row("SELECT listing FROM services WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        json.map(|j| decode(id, &j)).transpose()
    }

    /// Calls `each` with every listing, in id order, streaming (a million listings never sit
    /// in memory together). Returns the sequence the listings were read at.
    pub fn for_each_listing(&self, mut each: impl FnMut(Listing)) -> Result<u64, StoreError> {
        let conn = self.read()?;
        // A read transaction: the sequence and the rows are one consistent snapshot (WAL lets
        // writers carry on meanwhile).
        let tx = conn.unchecked_transaction()?;
        let seq: i64 = tx.query_row("SELECT value FROM change_seq", [], |r| r.get(0))?;
        {
            let mut stmt = tx.prepare("SELECT id, listing FROM services ORDER BY id")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let json: String = row.get(1)?;
                each(decode(&id, &json)?);
            }
        }
        tx.commit()?;
        Ok(seq as u64)
    }
}

fn decode(id: &str, json: &str) -> Result<Listing, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        id: id.to_owned(),
        message: e.to_string(),
    })
}

/// Puts a backup in place of the database at `path` (the server must be stopped): checks
/// the backup opens and passes `PRAGMA integrity_check`, then replaces the file and removes
/// the old write-ahead log. The replaced database is kept beside it as `<name>.before-restore`.
pub fn restore(backup: &Path, path: &Path) -> Result<(), StoreError> {
    {
        let check = Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let verdict: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Corrupt {
                id: backup.display().to_string(),
                message: verdict,
            });
        }
    }
    let io = |e: std::io::Error| StoreError::Corrupt {
        id: path.display().to_string(),
        message: e.to_string(),
    };
    if path.exists() {
        // Fold the log into the old file so the kept copy is whole, then set it aside.
        {
            let old = Connection::open(path)?;
            old.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        std::fs::rename(path, path.with_extension("db.before-restore")).map_err(io)?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::remove_file(&side).map_err(io)?;
        }
    }
    std::fs::copy(backup, path).map_err(io)?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    // REL-1: durable WAL, foreign keys, and waiting rather than failing on a busy file.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

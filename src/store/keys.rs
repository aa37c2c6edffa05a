//! The key store: per-record data keys, wrapped by the key file's master key, in their own
//! SQLite file beside the key file — outside the database and its backups (CRY-2), so that
//! deleting a record's key here makes every copy of its fields unreadable (CRY-3).

use std::path::Path;
use std::sync::Mutex;

use crate::store::sql::{Connection, Dialect, OptionalExtension, Sql, params};

use super::{StoreError, configure};

/// The advisory lock a server holds while it makes the key database's tables.
const KEY_TABLES_LOCK: i64 = 7286;

/// Wrapped data keys by owner (`users/<id>`, later `survivors/<id>`).
pub struct KeyStore {
    conn: Mutex<Connection>,
}

impl KeyStore {
    /// Opens (creating) the key store at `path`.
    pub fn open(path: &Path) -> Result<KeyStore, StoreError> {
        let conn = rusqlite::Connection::open(path)?;
        configure(&conn)?;
        // CRY-3: a destroyed key must not linger in free pages.
        conn.pragma_update(None, "secure_delete", "ON")?;
        KeyStore::create(Connection::Sqlite(conn))
    }

    /// Connects to (creating its tables in) the PostgreSQL key database at `url`: a database
    /// of its own, never the directory's, so the operator backs it up apart and keeps its
    /// backups short-lived (a destroyed key lives on in them until they age out).
    pub fn connect(url: &str) -> Result<KeyStore, StoreError> {
        KeyStore::create(Connection::postgres(url)?)
    }

    fn create(conn: Connection) -> Result<KeyStore, StoreError> {
        let (integer, bytes) = match conn.dialect() {
            Dialect::Sqlite => ("INTEGER", "BLOB"),
            Dialect::Postgres => ("BIGINT", "BYTEA"),
        };
        // Two servers starting at once on a new key database would race to create the
        // tables (PostgreSQL's IF NOT EXISTS is not safe against that): one at a time.
        if conn.dialect() == Dialect::Postgres {
            conn.execute_batch(&format!("SELECT pg_advisory_lock({KEY_TABLES_LOCK})"))?;
        }
        let created = conn.execute_batch(&format!(
            "CREATE TABLE IF NOT EXISTS data_keys (
                owner          TEXT PRIMARY KEY,
                master_version {integer} NOT NULL,
                wrapped        {bytes} NOT NULL
             );
             -- The audit chain's head, once a day (issue 12): kept here, apart from the
             -- database and its backups, so entries cut from the end of the log are noticed.
             CREATE TABLE IF NOT EXISTS audit_anchors (
                day  TEXT PRIMARY KEY,
                seq  {integer} NOT NULL,
                hash TEXT NOT NULL,
                at   {integer} NOT NULL
             );"
        ));
        if conn.dialect() == Dialect::Postgres {
            conn.execute_batch(&format!("SELECT pg_advisory_unlock({KEY_TABLES_LOCK})"))?;
        }
        created?;
        Ok(KeyStore {
            conn: Mutex::new(conn),
        })
    }

    pub(super) fn conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        self.conn.lock().map_err(|_| StoreError::Poisoned)
    }

    /// Stores the wrapped key of `owner` (replacing one).
    pub fn put(&self, owner: &str, master_version: u32, wrapped: &[u8]) -> Result<(), StoreError> {
        self.conn()?.execute(
            "INSERT INTO data_keys (owner, master_version, wrapped) VALUES (?1, ?2, ?3)
             ON CONFLICT (owner) DO UPDATE SET master_version = excluded.master_version, wrapped = excluded.wrapped",
            params![owner, master_version, wrapped],
        )?;
        Ok(())
    }

    /// Records the audit chain's head for `day` (the first one of the day stays).
    pub fn anchor(&self, day: &str, seq: u64, hash: &str, at: i64) -> Result<bool, StoreError> {
        Ok(self.conn()?.execute(
            "INSERT INTO audit_anchors (day, seq, hash, at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (day) DO NOTHING",
            params![day, seq as i64, hash, at],
        )? == 1)
    }

    /// Every anchor of the audit chain: (day, seq, hash), oldest first.
    pub fn anchors(&self) -> Result<Vec<(String, u64, String)>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT day, seq, hash FROM audit_anchors ORDER BY seq, day")?;
        let rows = stmt.query_map((), |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The wrapped key of `owner`.
    pub fn get(&self, owner: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .conn()?
            .prepare_cached("SELECT wrapped FROM data_keys WHERE owner = ?1")?
            .query_row([owner], |r| r.get(0))
            .optional()?)
    }

    /// Destroys the key of `owner`; whether there was one. The row is overwritten (secure
    /// delete) and the write-ahead log folded back and emptied, so no copy of the key is left
    /// in the file or beside it.
    pub fn delete(&self, owner: &str) -> Result<bool, StoreError> {
        let conn = self.conn()?;
        let deleted = conn.execute("DELETE FROM data_keys WHERE owner = ?1", [owner])? == 1;
        match conn.dialect() {
            Dialect::Sqlite => conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", (), |_| Ok(()))?,
            // The table is written anew without the dead row (its old file unlinked).
            Dialect::Postgres => conn.execute_batch("VACUUM FULL data_keys")?,
        }
        Ok(deleted)
    }

    /// The owners of the keys whose owner starts with `prefix` (e.g. `survivors/`).
    pub fn owners(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare("SELECT owner FROM data_keys WHERE substr(owner, 1, ?2) = ?1 ORDER BY owner")?;
        let rows = stmt.query_map(params![prefix, prefix.chars().count()], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Replaces every wrapped key by `rewrap(owner, wrapped)` in one transaction (all or none).
    pub fn rewrap_all<E: From<StoreError>>(
        &self,
        mut rewrap: impl FnMut(&str, &[u8]) -> Result<(u32, Vec<u8>), E>,
    ) -> Result<usize, E> {
        let mut conn = self.conn()?;
        let tx = conn.transaction().map_err(StoreError::from)?;
        let all: Vec<(String, Vec<u8>)> = {
            let mut stmt = tx
                .prepare("SELECT owner, wrapped FROM data_keys")
                .map_err(StoreError::from)?;
            let rows = stmt
                .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(StoreError::from)?;
            rows.collect::<Result<_, _>>().map_err(StoreError::from)?
        };
        for (owner, wrapped) in &all {
            let (version, new) = rewrap(owner, wrapped)?;
            tx.execute(
                "UPDATE data_keys SET master_version = ?2, wrapped = ?3 WHERE owner = ?1",
                params![owner, version, new],
            )
            .map_err(StoreError::from)?;
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(all.len())
    }

    /// How many keys each master version wraps.
    pub fn versions(&self) -> Result<Vec<(u32, u64)>, StoreError> {
        let conn = self.conn()?;
        let mut stmt = conn
            .prepare("SELECT master_version, COUNT(*) FROM data_keys GROUP BY master_version ORDER BY 1")?;
        let rows = stmt.query_map((), |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> (tempfile::TempDir, KeyStore) {
        let dir = tempfile::tempdir().unwrap();
        let keys = KeyStore::open(&dir.path().join("keys.db")).unwrap();
        (dir, keys)
    }

    #[test]
    fn a_key_is_stored_replaced_and_destroyed() {
        let (_dir, keys) = keys();
        keys.put("users/a", 1, b"first").unwrap();
        keys.put("users/a", 2, b"second").unwrap();
        assert_eq!(keys.get("users/a").unwrap().as_deref(), Some(&b"second"[..]));
        assert_eq!(keys.versions().unwrap(), [(2, 1)]);
        assert!(keys.delete("users/a").unwrap());
        assert_eq!(keys.get("users/a").unwrap(), None);
        assert!(!keys.delete("users/a").unwrap());
    }

    #[test]
    fn keys_persist_and_are_listed_by_owner_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.db");
        {
            let keys = KeyStore::open(&path).unwrap();
            for owner in ["survivors/2", "users/1", "survivors/1"] {
                keys.put(owner, 1, owner.as_bytes()).unwrap();
            }
        }
        let keys = KeyStore::open(&path).unwrap();
        assert_eq!(keys.owners("survivors/").unwrap(), ["survivors/1", "survivors/2"]);
        assert_eq!(keys.owners("users/").unwrap(), ["users/1"]);
        assert!(keys.owners("nobody/").unwrap().is_empty());
    }

    #[test]
    fn a_rewrap_replaces_every_key_or_none() {
        let (_dir, keys) = keys();
        keys.put("users/a", 1, b"a1").unwrap();
        keys.put("users/b", 1, b"b1").unwrap();
        // A failure half-way leaves every key as it was.
        let mut seen = 0;
        let failed = keys.rewrap_all(|_, _| {
            seen += 1;
            if seen == 2 {
                Err(StoreError::Poisoned)
            } else {
                Ok((2, b"new".to_vec()))
            }
        });
        assert!(failed.is_err());
        assert_eq!(keys.versions().unwrap(), [(1, 2)]);
        assert_eq!(keys.get("users/a").unwrap().as_deref(), Some(&b"a1"[..]));
        assert_eq!(keys.get("users/b").unwrap().as_deref(), Some(&b"b1"[..]));

        let n = keys
            .rewrap_all(|_, old| Ok::<_, StoreError>((2, [old, b"+"].concat())))
            .unwrap();
        assert_eq!(n, 2);
        assert_eq!(keys.versions().unwrap(), [(2, 2)]);
        assert_eq!(keys.get("users/b").unwrap().as_deref(), Some(&b"b1+"[..]));
    }
}

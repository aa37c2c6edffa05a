//! Schema migrations, applied in order and recorded in `PRAGMA user_version`.
//! Keep the SQL portable where it costs little (a PostgreSQL store may follow).

use rusqlite::Connection;

use super::StoreError;

const MIGRATIONS: &[&str] = &[
    // 1: the directory.
    "CREATE TABLE organizations (
        id   TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        hsds TEXT NOT NULL
     );
     CREATE TABLE services (
        id              TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        hsds            TEXT NOT NULL,
        listing         TEXT NOT NULL,
        source          TEXT NOT NULL,
        changed_seq     INTEGER NOT NULL
     );
     CREATE INDEX services_changed_seq ON services (changed_seq);
     CREATE TABLE change_seq (value INTEGER NOT NULL);
     INSERT INTO change_seq (value) VALUES (0);",
    // 2: a random identity, so an index built from another database is never taken for
    // this one's (both count their changes from 0).
    "CREATE TABLE identity (id TEXT NOT NULL);
     INSERT INTO identity (id) SELECT lower(hex(randomblob(16)));",
];

/// Brings the schema up to date.
pub fn run(conn: &Connection) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

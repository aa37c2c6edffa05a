//! The system of record: SQLite (WAL, synchronous=FULL). The only module that speaks SQL.
//!
//! Every change to the directory bumps one change sequence in the same transaction; the
//! search index records the sequence it was built from, so a stale index is detected at start.

mod audit;
mod consents;
mod copy;
pub use copy::TableCount;
mod embeddings;
mod keys;
mod listings;
mod migrations;
mod plan_history;
mod referrals;
mod reports;
pub(crate) mod sql;
pub mod throwaway;
pub use reports::{CountyNeed, UnmetBy, UnmetRow};
mod staff;
mod survivors;
mod tallies;
pub use tallies::NETWORK;
mod tokens;
mod webhooks;

pub use consents::StoredConsent;
pub use embeddings::ContentHash;
pub use keys::KeyStore;
pub use listings::{StoredChange, StoredService};
pub use plan_history::{HistoryRow, ReferralEvent};
pub use referrals::StoredReferral;
pub use staff::{
    AddressTag, Backoff, Credentials, Invitation, NewAccount, NewCredentials, NewInvitation, NewSession,
    Pass, ResetNotice, ResetRequest, SignIn, StoredSession,
};
pub use survivors::{Assignment, StoredNeed, StoredSurvivor};
pub use tokens::StoredToken;
pub use webhooks::{StoredDelivery, StoredWebhook};

use std::path::Path;
use std::sync::Mutex;

use sql::{Connection, OptionalExtension, Sql, params};

use crate::domain::Listing;
use crate::domain::records::Document;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Database(e.into())
    }
}

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database said no.
    #[error("database: {0}")]
    Database(#[from] sql::Error),
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
    /// What this engine does not do here (the message says what to use instead).
    #[error("{0}")]
    NotHere(&'static str),
    /// The connection lock was poisoned by a panic elsewhere.
    #[error("database connection unavailable")]
    Poisoned,
    /// A feed's record has the id of a service another source gave: a feed never
    /// overwrites another publisher's (or a file's) records. The values are raw: the caller
    /// escapes them before showing them.
    #[error("a service id stored from another source")]
    OtherSource {
        /// The service id.
        id: String,
        /// Where the stored one came from.
        from: String,
    },
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

/// The database: one writer connection and one reader connection (on SQLite, WAL lets them
/// overlap). On PostgreSQL every node has its own two, and the writer holds a lock shared
/// by all nodes while it writes ([`WRITE_LOCK`]): one writer at a time across the cluster,
/// as on SQLite, so the audit chain stays one chain and read-modify-write stays whole.
pub struct Store {
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
    /// The PostgreSQL server's address, to reconnect a connection the server closed.
    url: Option<String>,
    /// The audit chain's key, from the key file (set once, before anything is audited).
    audit_key: std::sync::OnceLock<secrecy::SecretBox<[u8; 32]>>,
}

/// The advisory lock a PostgreSQL node's writer holds while it writes.
const WRITE_LOCK: i64 = 7285;

/// The writer connection, held; on PostgreSQL also the cluster's write lock, given back
/// when this is dropped.
pub(crate) struct Writer<'a> {
    conn: std::sync::MutexGuard<'a, Connection>,
}

impl std::ops::Deref for Writer<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.conn
    }
}

impl std::ops::DerefMut for Writer<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        if self.conn.dialect() == sql::Dialect::Postgres {
            // If this fails the connection is broken, and the server drops its locks with it.
            let _ = self
                .conn
                .execute_batch(&format!("SELECT pg_advisory_unlock({WRITE_LOCK})"));
        }
    }
}

impl Store {
    /// Opens (creating and migrating) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let writer = sqlite(path)?;
        migrations::run(&writer)?;
        let reader = sqlite(path)?;
        Ok(Store {
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            url: None,
            audit_key: std::sync::OnceLock::new(),
        })
    }

    /// Connects to (and migrates, one node at a time) the PostgreSQL database at `url`.
    pub fn connect(url: &str) -> Result<Store, StoreError> {
        let writer = Connection::postgres(url)?;
        migrations::run(&writer)?;
        let reader = Connection::postgres(url)?;
        Ok(Store {
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            url: Some(url.to_owned()),
            audit_key: std::sync::OnceLock::new(),
        })
    }

    /// Which engine this store runs on.
    pub fn dialect(&self) -> Result<sql::Dialect, StoreError> {
        Ok(self.read()?.dialect())
    }

    fn write(&self) -> Result<Writer<'_>, StoreError> {
        let mut conn = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        self.reconnect_if_closed(&mut conn)?;
        if conn.dialect() == sql::Dialect::Postgres {
            conn.execute_batch(&format!("SELECT pg_advisory_lock({WRITE_LOCK})"))?;
        }
        Ok(Writer { conn })
    }

    fn read(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        let mut conn = self.reader.lock().map_err(|_| StoreError::Poisoned)?;
        self.reconnect_if_closed(&mut conn)?;
        Ok(conn)
    }

    /// A PostgreSQL connection the server closed (a restart, a failover) is made again.
    fn reconnect_if_closed(&self, conn: &mut Connection) -> Result<(), StoreError> {
        if let (Some(url), true) = (&self.url, conn.is_closed()) {
            *conn = Connection::postgres(url)?;
        }
        Ok(())
    }

    /// The directory's change sequence: bumped by every transaction that changes a listing.
    pub fn change_seq(&self) -> Result<u64, StoreError> {
        let seq: i64 = self
            .read()?
            .query_row("SELECT value FROM change_seq", (), |r| r.get(0))?;
        Ok(seq as u64)
    }

    /// This database's random identity (made once, at creation).
    pub fn identity(&self) -> Result<String, StoreError> {
        Ok(self
            .read()?
            .query_row("SELECT id FROM identity", (), |r| r.get(0))?)
    }

    /// The version of the mapping that made the stored listings.
    pub fn mapping_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .read()?
            .query_row("SELECT value FROM mapping_version", (), |r| r.get(0))?)
    }

    /// Puts listings made again from their unchanged records (a newer mapping) in place, in
    /// one transaction with the mapping's version; the change sequence moves so the index
    /// follows. The records themselves, and their change times, stay as they are.
    pub fn replace_listings(&self, listings: &[Listing], version: i64) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let mut seq: i64 = tx.query_row("SELECT value FROM change_seq", (), |r| r.get(0))?;
        for listing in listings {
            let json = serde_json::to_string(listing).map_err(|e| StoreError::Corrupt {
                id: listing.id.clone(),
                message: e.to_string(),
            })?;
            seq += 1;
            tx.execute(
                "UPDATE services SET listing = ?2, changed_seq = ?3 WHERE id = ?1",
                crate::store::sql::params![listing.id, json, seq],
            )?;
        }
        tx.execute("UPDATE change_seq SET value = ?1", [seq])?;
        tx.execute("UPDATE mapping_version SET value = ?1", [version])?;
        tx.commit()?;
        Ok(())
    }

    /// How many services are stored.
    pub fn count_services(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .read()?
            .query_row("SELECT COUNT(*) FROM services", (), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Whether the database holds nothing anybody made: no service and no account (a
    /// migration's target, a bench's scratch database).
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.count_services()? == 0 && self.count_users()? == 0)
    }

    /// Imports documents in one transaction: all of them or nothing. Records are matched by
    /// HSDS id; a record identical to the stored one changes nothing (not even the sequence).
    pub fn import(&self, documents: &[Document], source: &str) -> Result<ImportSummary, StoreError> {
        self.import_streaming(source, |sink| documents.iter().try_for_each(|d| sink.add(d)))
    }

    /// Imports what `fill` hands its sink, one document at a time, in one transaction: a
    /// caller can read, map and hand over one file after another and drop each, so memory
    /// holds one file, not the whole import. `fill` failing rolls everything back.
    pub fn import_streaming<E: From<StoreError>>(
        &self,
        source: &str,
        fill: impl FnOnce(&mut ImportSink<'_>) -> Result<(), E>,
    ) -> Result<ImportSummary, E> {
        let mut conn = self.write()?;
        let tx = conn.transaction().map_err(StoreError::from)?;
        let seq: i64 = tx
            .query_row("SELECT value + 1 FROM change_seq", (), |r| r.get(0))
            .map_err(StoreError::from)?;
        let mut sink = ImportSink {
            tx: &tx,
            seq,
            source,
            summary: ImportSummary::default(),
        };
        fill(&mut sink)?;
        let summary = sink.summary;
        if summary.added + summary.updated > 0 {
            tx.execute("UPDATE change_seq SET value = ?1", [seq])
                .map_err(StoreError::from)?;
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(summary)
    }

    /// Every service id, in order (a cheap list for tools and tests).
    pub fn listing_ids(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare("SELECT id FROM services ORDER BY id")?;
        let rows = stmt.query_map((), |r| r.get(0))?;
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
        let seq: i64 = tx.query_row("SELECT value FROM change_seq", (), |r| r.get(0))?;
        {
            let mut stmt = tx.prepare("SELECT id, listing FROM services ORDER BY id")?;
            let mut rows = stmt.query(())?;
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
impl Store {
    /// Writes a consistent copy of the whole database to `to` while it is in use (REL-2:
    /// `VACUUM INTO`, never a copy of the live file). `to` must not exist.
    pub fn backup(&self, to: &std::path::Path) -> Result<(), StoreError> {
        if self.dialect()? == sql::Dialect::Postgres {
            return Err(StoreError::NotHere(
                "a PostgreSQL database is backed up with its own tools (pg_dump, or the \
                 server's continuous archiving): see the README",
            ));
        }
        let path = to.to_string_lossy().into_owned();
        self.read()?.execute("VACUUM INTO ?1", [path])?;
        Ok(())
    }
}

/// the old write-ahead log. The replaced database is kept beside it as `<name>.before-restore`.
pub fn restore(backup: &Path, path: &Path) -> Result<(), StoreError> {
    {
        let check =
            rusqlite::Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let verdict: String = check.query_row("PRAGMA integrity_check", (), |r| r.get(0))?;
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
            let old = rusqlite::Connection::open(path)?;
            old.query_row("PRAGMA wal_checkpoint(TRUNCATE)", (), |_| Ok(()))?;
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

/// A connection to the SQLite file at `path`, configured for durability.
fn sqlite(path: &Path) -> Result<Connection, StoreError> {
    let conn = rusqlite::Connection::open(path)?;
    configure(&conn)?;
    Ok(Connection::Sqlite(conn))
}

fn configure(conn: &rusqlite::Connection) -> Result<(), StoreError> {
    // REL-1: durable WAL, foreign keys, and waiting rather than failing on a busy file.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Where a streaming import hands its documents (see [`Store::import_streaming`]).
pub struct ImportSink<'a> {
    tx: &'a sql::Transaction<'a>,
    seq: i64,
    source: &'a str,
    summary: ImportSummary,
}

impl ImportSink<'_> {
    /// Writes one document's organisations and services into the import's transaction.
    pub fn add(&mut self, doc: &Document) -> Result<(), StoreError> {
        let mut find = self
            .tx
            .prepare_cached("SELECT hsds, listing, source FROM services WHERE id = ?1")?;
        let from_feed = |source: &str| source.starts_with("feed:");
        let mut upsert = self.tx.prepare_cached(
            "INSERT INTO services (id, organization_id, hsds, listing, source, changed_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id,
               hsds = excluded.hsds, listing = excluded.listing, source = excluded.source,
               changed_seq = excluded.changed_seq",
        )?;
        let mut org = self.tx.prepare_cached(
            "INSERT INTO organizations (id, name, hsds) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, hsds = excluded.hsds",
        )?;
        for o in &doc.organizations {
            org.execute(params![o.id, o.name, o.hsds.to_string()])?;
            self.summary.organizations += 1;
        }
        for s in &doc.services {
            let hsds = s.hsds.to_string();
            let listing = serde_json::to_string(&s.listing).map_err(|e| StoreError::Corrupt {
                id: s.listing.id.clone(),
                message: e.to_string(),
            })?;
            // Unchanged only when both the record and the listing made from it are: an
            // organisation's new name or a newer mapping changes the listing alone.
            let stored: Option<(String, String, String)> = find
                .query_row([&s.listing.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            if let Some((_, _, source)) = &stored
                && from_feed(self.source)
                && source != self.source
            {
                return Err(StoreError::OtherSource {
                    id: s.listing.id.clone(),
                    from: source.clone(),
                });
            }
            match stored {
                Some((old_hsds, old_listing, _)) if old_hsds == hsds && old_listing == listing => {
                    self.summary.unchanged += 1;
                    continue;
                }
                Some(_) => self.summary.updated += 1,
                None => self.summary.added += 1,
            }
            upsert.execute(params![
                s.listing.id,
                s.listing.organization_id,
                hsds,
                listing,
                self.source,
                self.seq
            ])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Capacity, Condition, Office, Phone, WeeklyHours};
    use crate::geo::{Circle, Point, ServiceArea};
    use crate::hsds::{OrganizationRecord, ServiceRecord};

    /// A store in a temporary folder, its audit key loaded (staff changes audit themselves).
    /// On PostgreSQL, a fresh database on the throwaway server, when the tests run there.
    pub(super) fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = if throwaway::wanted() {
            Store::connect(&throwaway::server().unwrap().fresh_database().unwrap()).unwrap()
        } else {
            Store::open(&dir.path().join("t.db")).unwrap()
        };
        store.set_audit_key(secrecy::SecretBox::new(Box::new([3u8; 32])));
        (dir, store)
    }

    /// A listing with every optional part filled, so a round trip that drops one shows.
    fn listing(id: &str, name: &str) -> Listing {
        Listing {
            id: id.into(),
            name: name.into(),
            organization_id: "org-1".into(),
            organization: "Harbor Org".into(),
            description: "Beds and hot meals.".into(),
            eligibility: Some("Adults".into()),
            application_process: Some("Call first".into()),
            fees: Some("None".into()),
            url: Some("https://example.org".into()),
            needs: vec!["shelter.emergency".into(), "basic.food".into()],
            needs_inferred: false,
            conditions: vec![Condition::IdRequired],
            min_age: Some(18),
            max_age: Some(64),
            languages: vec!["en".into(), "es".into()],
            genders: Some("women".into()),
            culturally_specific: Some("Latina survivors".into()),
            walk_in: true,
            open_24_7: false,
            phone_only: false,
            wheelchair_accessible: true,
            survivor_led: true,
            lgbtq_affirming: true,
            confidential: false,
            sample: false,
            status: "active".into(),
            phones: vec![Phone {
                number: "713-555-0100".into(),
                kind: Some("voice".into()),
                description: None,
            }],
            office: Some(Office {
                name: Some("Main".into()),
                address: vec!["1 Main St".into(), "Houston, TX 77002".into()],
                locality: Some("Houston, TX".into()),
                point: Some(Point {
                    lat: 29.76,
                    lon: -95.37,
                }),
            }),
            other_offices: Vec::new(),
            area: ServiceArea {
                national: false,
                shapes: Vec::new(),
                states: vec!["TX".into()],
                circles: vec![Circle {
                    center: Point {
                        lat: 29.7,
                        lon: -95.4,
                    },
                    km: 30.0,
                }],
            },
            hours: WeeklyHours::always(),
            closures: vec![crate::domain::Closure {
                from: "2026-12-24".into(),
                to: "2026-12-26".into(),
                note: "Holiday".into(),
            }],
            time_zone: Some("America/Chicago".into()),
            capacity: Some(Capacity {
                available: 3,
                maximum: Some(20),
                unit: "beds".into(),
                updated: "2026-01-02".into(),
            }),
            verified: Some("2026-01-01".into()),
        }
    }

    fn document(listings: &[Listing]) -> Document {
        Document {
            organizations: vec![OrganizationRecord {
                id: "org-1".into(),
                name: "Harbor Org".into(),
                hsds: serde_json::json!({"id": "org-1", "name": "Harbor Org"}),
            }],
            services: listings
                .iter()
                .map(|l| ServiceRecord {
                    hsds: serde_json::json!({"id": l.id, "name": l.name}),
                    listing: l.clone(),
                    warnings: Vec::new(),
                })
                .collect(),
            skipped: 0,
            notes: Vec::new(),
        }
    }

    /// `cargo test` runs the store's tests on PostgreSQL as well: this test runs them again
    /// in a child process with the tests' store set to a throwaway PostgreSQL server.
    #[test]
    fn the_store_tests_pass_on_postgres_too() {
        // Not in the child itself.
        if throwaway::wanted() || !throwaway::available("the store tests").unwrap() {
            return;
        }
        let passed =
            throwaway::run_again_on_postgres(&["store::", "--skip", "the_store_tests_pass_on_postgres_too"])
                .unwrap();
        assert!(passed > 30, "only {passed} store tests ran on PostgreSQL");
    }

    #[test]
    fn an_imported_listing_reads_back_with_every_field() {
        let (_dir, store) = temp_store();
        let a = listing("svc-a", "Harbor House");
        let summary = store
            .import(&[document(std::slice::from_ref(&a))], "test")
            .unwrap();
        assert_eq!(
            summary,
            ImportSummary {
                added: 1,
                organizations: 1,
                ..ImportSummary::default()
            }
        );
        assert_eq!(store.listing("svc-a").unwrap(), Some(a));
        assert_eq!(store.listing("svc-b").unwrap(), None);
        assert_eq!(store.count_services().unwrap(), 1);
        assert_eq!(
            store.organization_name("org-1").unwrap().as_deref(),
            Some("Harbor Org")
        );
    }

    #[test]
    fn a_reimport_replaces_a_changed_record_and_only_a_change_advances_the_sequence() {
        let (_dir, store) = temp_store();
        assert_eq!(store.change_seq().unwrap(), 0);
        store
            .import(&[document(&[listing("svc-a", "Old Name")])], "first")
            .unwrap();
        assert_eq!(store.change_seq().unwrap(), 1);

        let renamed = listing("svc-a", "New Name");
        let summary = store
            .import(&[document(std::slice::from_ref(&renamed))], "second")
            .unwrap();
        assert_eq!((summary.added, summary.updated), (0, 1));
        assert_eq!(store.listing("svc-a").unwrap(), Some(renamed.clone()));
        assert_eq!(store.count_services().unwrap(), 1, "replaced, not added");
        assert_eq!(store.change_seq().unwrap(), 2);

        // The same record again changes nothing, not even the sequence.
        let summary = store.import(&[document(&[renamed])], "third").unwrap();
        assert_eq!((summary.updated, summary.unchanged), (0, 1));
        assert_eq!(store.change_seq().unwrap(), 2);
    }

    #[test]
    fn every_listing_is_streamed_in_id_order_with_the_sequence_it_was_read_at() {
        let (_dir, store) = temp_store();
        store
            .import(
                &[document(&[listing("svc-c", "C"), listing("svc-a", "A")])],
                "test",
            )
            .unwrap();
        store
            .import(&[document(&[listing("svc-b", "B")])], "test")
            .unwrap();
        let mut names = Vec::new();
        let seq = store.for_each_listing(|l| names.push(l.name)).unwrap();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(seq, 2);
        assert_eq!(store.listing_ids().unwrap(), ["svc-a", "svc-b", "svc-c"]);
    }

    #[test]
    fn a_database_keeps_its_identity_and_data_when_reopened_and_another_has_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open(&path).unwrap();
        store
            .import(&[document(&[listing("svc-a", "A")])], "test")
            .unwrap();
        let identity = store.identity().unwrap();
        drop(store);
        let reopened = Store::open(&path).unwrap();
        assert_eq!(reopened.identity().unwrap(), identity);
        assert_eq!(reopened.change_seq().unwrap(), 1);
        assert_eq!(reopened.listing_ids().unwrap(), ["svc-a"]);
        let (_other_dir, other) = temp_store();
        assert_ne!(other.identity().unwrap(), identity);
    }
}

//! Moving a whole database from one engine to the other (issue 14: `migrate-store`): every
//! table, row for row, into an empty database, then counted on both sides. What the target
//! keeps by itself is not copied but checked: `service_locations` (its triggers make it from
//! the services) and the insertion order columns (`rowid`), which follow the copy's order.

use super::sql::{Dialect, Sql, Value};
use super::{KeyStore, Store, StoreError};

/// The tables, parents before children (foreign keys), and the one-row tables last: those
/// are updated, not inserted (the target made its own at migration).
const TABLES: &[&str] = &[
    "organizations",
    "services",
    "agencies",
    "providers",
    "users",
    "memberships",
    "invitations",
    "setup_tokens",
    "recovery_codes",
    "sessions",
    "audit_log",
    "credential_resets",
    "reset_requests",
    "survivors",
    "survivor_advocates",
    "plan_needs",
    "referrals",
    "referral_events",
    "consents",
    "listing_changes",
    "api_tokens",
    "webhooks",
    "webhook_deliveries",
    "sign_in_failures",
    "listing_embeddings",
    "plan_history",
    "unmet_tallies",
];

/// The one-row tables: the change sequence, the database's identity (so an index built
/// from the source is known for the same database's) and the mapping's version.
const SINGLE_ROWS: &[(&str, &str)] = &[
    ("change_seq", "value"),
    ("identity", "id"),
    ("mapping_version", "value"),
];

/// Tables the target fills itself; only their counts are compared.
const DERIVED: &[&str] = &["service_locations"];

/// How many rows a table holds on each side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableCount {
    /// The table.
    pub table: &'static str,
    /// Rows in the source.
    pub from: u64,
    /// Rows in the target after the copy.
    pub to: u64,
}

impl Store {
    /// Copies every table of this database into `target`, which must be empty (no service,
    /// no account); then counts both. Each table is one transaction on the target.
    pub fn copy_into(&self, target: &Store) -> Result<Vec<TableCount>, StoreError> {
        if !target.is_empty()? {
            return Err(StoreError::NotHere(
                "the target database is not empty: migrate-store copies into a new, empty database",
            ));
        }
        let from = self.read()?;
        for table in TABLES {
            let mut to = target.write()?;
            let tx = to.transaction()?;
            copy_rows(&*from, &tx, table)?;
            tx.commit()?;
        }
        {
            let to = target.write()?;
            for (table, column) in SINGLE_ROWS {
                let value: Value =
                    from.query_row(&format!("SELECT {column} FROM {table}"), (), |r| r.get(0))?;
                to.execute(&format!("UPDATE {table} SET {column} = ?1"), [value])?;
            }
            if to.dialect() == Dialect::Postgres {
                // An identity column's own counter moves past the copied numbers.
                to.execute_batch(
                    "SELECT setval(pg_get_serial_sequence('referral_events', 'seq'),
                                   COALESCE((SELECT MAX(seq) FROM referral_events), 0) + 1, false);
                     SELECT setval(pg_get_serial_sequence('audit_log', 'seq'),
                                   COALESCE((SELECT MAX(seq) FROM audit_log), 0) + 1, false);",
                )?;
            }
        }
        let to = target.read()?;
        let mut counts = Vec::new();
        for table in TABLES
            .iter()
            .chain(DERIVED)
            .chain(SINGLE_ROWS.iter().map(|(t, _)| t))
        {
            counts.push(TableCount {
                table,
                from: count(&*from, table)?,
                to: count(&*to, table)?,
            });
        }
        Ok(counts)
    }
}

impl KeyStore {
    /// Copies every wrapped key and audit anchor into `target` (empty); then counts both.
    pub fn copy_into(&self, target: &KeyStore) -> Result<Vec<TableCount>, StoreError> {
        let from = self.conn()?;
        let to = target.conn()?;
        if count(&*to, "data_keys")? > 0 {
            return Err(StoreError::NotHere(
                "the target key database is not empty: migrate-store copies into a new, empty one",
            ));
        }
        let mut counts = Vec::new();
        for table in ["data_keys", "audit_anchors"] {
            let tx = to.unchecked_transaction()?;
            copy_rows(&*from, &tx, table)?;
            tx.commit()?;
            counts.push(TableCount {
                table,
                from: count(&*from, table)?,
                to: count(&*to, table)?,
            });
        }
        Ok(counts)
    }
}

/// Copies `table`'s rows, in insertion order, leaving out `rowid` (the target numbers them).
fn copy_rows(from: &impl Sql, to: &impl Sql, table: &str) -> Result<(), StoreError> {
    let order = match from.dialect() {
        Dialect::Sqlite if table != "unmet_tallies" => " ORDER BY rowid",
        _ => "",
    };
    let mut select = from.prepare(&format!("SELECT * FROM {table}{order}"))?;
    let columns: Vec<String> = select
        .column_names()
        .into_iter()
        .filter(|c| c != "rowid")
        .collect();
    let insert = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        (1..=columns.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut rows = select.query(())?;
    while let Some(row) = rows.next()? {
        let values = columns
            .iter()
            .map(|c| row.get::<_, Value>(c.as_str()))
            .collect::<Result<Vec<Value>, _>>()?;
        to.execute(&insert, values)?;
    }
    Ok(())
}

fn count(conn: &impl Sql, table: &str) -> Result<u64, StoreError> {
    Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |r| {
        r.get::<_, i64>(0)
    })? as u64)
}

//! Schema migrations, applied in order, one list for both engines: each is written for
//! SQLite and translated for PostgreSQL by [`postgres`] (types word for word; triggers and
//! SQLite's own functions written again there). A new migration is checked on both: the
//! migration tests run against each.

use super::sql::{self, Connection, Dialect, Sql, Transaction};

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
    // 3: staff accounts, sessions and the audit log. Times are Unix seconds; every bearer
    // secret (setup token, invitation, session, recovery code) is stored as a hash only.
    "CREATE TABLE agencies (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
     );
     CREATE TABLE providers (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        organization_id TEXT NOT NULL UNIQUE,
        created_at      INTEGER NOT NULL
     );
     CREATE TABLE users (
        id              TEXT PRIMARY KEY,
        email           TEXT NOT NULL UNIQUE,
        name            TEXT NOT NULL,
        password_hash   TEXT NOT NULL,
        totp_secret     BLOB NOT NULL,
        totp_last_step  INTEGER NOT NULL DEFAULT 0,
        failed_logins   INTEGER NOT NULL DEFAULT 0,
        locked_until    INTEGER NOT NULL DEFAULT 0,
        disabled_at     INTEGER,
        created_at      INTEGER NOT NULL
     );
     CREATE TABLE memberships (
        id          TEXT PRIMARY KEY,
        user_id     TEXT NOT NULL REFERENCES users (id),
        role        TEXT NOT NULL,
        agency_id   TEXT REFERENCES agencies (id),
        provider_id TEXT REFERENCES providers (id),
        created_at  INTEGER NOT NULL,
        ended_at    INTEGER
     );
     CREATE INDEX memberships_user ON memberships (user_id);
     CREATE TABLE invitations (
        id          TEXT PRIMARY KEY,
        token_hash  BLOB NOT NULL UNIQUE,
        email       TEXT NOT NULL,
        role        TEXT NOT NULL,
        agency_id   TEXT REFERENCES agencies (id),
        provider_id TEXT REFERENCES providers (id),
        invited_by  TEXT NOT NULL REFERENCES users (id),
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL,
        used_at     INTEGER
     );
     CREATE TABLE setup_tokens (
        token_hash BLOB PRIMARY KEY,
        expires_at INTEGER NOT NULL,
        used_at    INTEGER
     );
     CREATE TABLE recovery_codes (
        user_id   TEXT NOT NULL REFERENCES users (id),
        code_hash BLOB NOT NULL,
        used_at   INTEGER,
        PRIMARY KEY (user_id, code_hash)
     );
     CREATE TABLE sessions (
        id           TEXT PRIMARY KEY,
        token_hash   BLOB NOT NULL UNIQUE,
        user_id      TEXT NOT NULL REFERENCES users (id),
        created_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
     );
     CREATE INDEX sessions_user ON sessions (user_id);
     CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        actor     TEXT,
        agency_id TEXT,
        action    TEXT NOT NULL,
        record    TEXT NOT NULL,
        allowed   INTEGER NOT NULL,
        prev_hash BLOB NOT NULL,
        hash      BLOB NOT NULL
     );
     CREATE INDEX audit_log_agency ON audit_log (agency_id, at);
     -- LOG-1: append-only. Editing history takes dropping these, and the hash chain shows it.
     CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
     CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    // 4: credential resets (a lost phone or password): single-use links, stored hashed.
    "CREATE TABLE credential_resets (
        id         TEXT PRIMARY KEY,
        token_hash BLOB NOT NULL UNIQUE,
        user_id    TEXT NOT NULL REFERENCES users (id),
        created_by TEXT NOT NULL REFERENCES users (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at    INTEGER
     );",
    // 5: survivors and their plans. Every survivor field is sealed by the application with
    // the survivor's own data key before it gets here (CRY-1); codes, statuses and dates stay
    // readable for the dashboard and the agency's counts.
    "CREATE TABLE survivors (
        id         TEXT PRIMARY KEY,
        agency_id  TEXT NOT NULL REFERENCES agencies (id),
        record     BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        closed_at  INTEGER
     );
     CREATE TABLE survivor_advocates (
        survivor_id TEXT NOT NULL REFERENCES survivors (id),
        user_id     TEXT NOT NULL REFERENCES users (id),
        is_primary  INTEGER NOT NULL,
        since       INTEGER NOT NULL,
        PRIMARY KEY (survivor_id, user_id)
     );
     CREATE INDEX survivor_advocates_user ON survivor_advocates (user_id);
     CREATE TABLE plan_needs (
        id          TEXT PRIMARY KEY,
        survivor_id TEXT NOT NULL REFERENCES survivors (id),
        need_code   TEXT NOT NULL,
        status      TEXT NOT NULL,
        priority    TEXT NOT NULL,
        target_date TEXT,
        words       BLOB NOT NULL,
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
     );
     CREATE INDEX plan_needs_survivor ON plan_needs (survivor_id);",
    // 6: referrals and every change of their status (who, when). A referral names a service
    // and an opaque reference, never the survivor (LEG-2).
    "CREATE TABLE referrals (
        id              TEXT PRIMARY KEY,
        reference       TEXT NOT NULL UNIQUE,
        survivor_id     TEXT NOT NULL REFERENCES survivors (id),
        need_id         TEXT NOT NULL REFERENCES plan_needs (id),
        service_id      TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        status          TEXT NOT NULL,
        reason          TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
     );
     CREATE INDEX referrals_survivor ON referrals (survivor_id);
     CREATE TABLE referral_events (
        seq         INTEGER PRIMARY KEY,
        referral_id TEXT NOT NULL REFERENCES referrals (id),
        status      TEXT NOT NULL,
        reason      TEXT,
        actor       TEXT NOT NULL,
        at          INTEGER NOT NULL
     );",
    // 7: follow-up dates on needs and referrals (`YYYY-MM-DD`), for the advocate's dashboard.
    "ALTER TABLE plan_needs ADD COLUMN follow_up TEXT;
     ALTER TABLE referrals ADD COLUMN follow_up TEXT;",
    // 8: consent to share with one provider organisation (LEG-1): field groups, a sealed
    // purpose, an expiry date, who witnessed it, and when it was revoked.
    "CREATE TABLE consents (
        id              TEXT PRIMARY KEY,
        survivor_id     TEXT NOT NULL REFERENCES survivors (id),
        organization_id TEXT NOT NULL,
        field_groups    TEXT NOT NULL,
        purpose         BLOB NOT NULL,
        expires         TEXT NOT NULL,
        witness         TEXT NOT NULL REFERENCES users (id),
        created_at      INTEGER NOT NULL,
        revoked_at      INTEGER
     );
     CREATE INDEX consents_survivor ON consents (survivor_id);",
    // 9: the history of every listing change by its provider or an admin (who, when, which
    // fields, old and new values), and the changes that wait for a directory admin's review:
    // `state` is `live` (applied at once), `pending`, `approved` or `sent_back`; a pending
    // change keeps the values it proposes (`proposal`, the checked form) until decided.
    "CREATE TABLE listing_changes (
        id              TEXT PRIMARY KEY,
        service_id      TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        actor           TEXT NOT NULL REFERENCES users (id),
        at              INTEGER NOT NULL,
        fields          TEXT NOT NULL,
        state           TEXT NOT NULL,
        proposal        TEXT,
        note            TEXT,
        decided_by      TEXT REFERENCES users (id),
        decided_at      INTEGER
     );
     CREATE INDEX listing_changes_service ON listing_changes (service_id, at);
     CREATE INDEX listing_changes_state ON listing_changes (state);",
    // 10: API tokens of provider organisations (PRV-2): a name, the hash of the secret (never
    // the secret), who made it, when it was last used, when it was revoked.
    "CREATE TABLE api_tokens (
        id           TEXT PRIMARY KEY,
        provider_id  TEXT NOT NULL REFERENCES providers (id),
        name         TEXT NOT NULL,
        token_hash   BLOB NOT NULL UNIQUE,
        created_by   TEXT NOT NULL REFERENCES users (id),
        created_at   INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at   INTEGER
     );
     CREATE INDEX api_tokens_provider ON api_tokens (provider_id);",
    // 11: webhooks of provider organisations and agencies (PRV-3), with their secret sealed
    // by the vault, and the deliveries queued for them: queued in the same transaction as the
    // change they announce, retried with backoff, recorded `delivered` or `failed`.
    "CREATE TABLE webhooks (
        id          TEXT PRIMARY KEY,
        provider_id TEXT REFERENCES providers (id),
        agency_id   TEXT REFERENCES agencies (id),
        url         TEXT NOT NULL,
        secret      BLOB NOT NULL,
        created_by  TEXT NOT NULL REFERENCES users (id),
        created_at  INTEGER NOT NULL,
        removed_at  INTEGER
     );
     CREATE TABLE webhook_deliveries (
        id         TEXT PRIMARY KEY,
        webhook_id TEXT NOT NULL REFERENCES webhooks (id),
        body       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts   INTEGER NOT NULL DEFAULT 0,
        next_at    INTEGER NOT NULL,
        state      TEXT NOT NULL,
        last_error TEXT,
        done_at    INTEGER
     );
     CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
     CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, created_at);",
    // 12: two-person credential resets (AC-6). A reset of an account that can read survivors
    // is first asked for, then approved by a second admin; the link then made records who
    // asked, and when it was spent, so its owner is told at their next sign-in.
    "CREATE TABLE reset_requests (
        id           TEXT PRIMARY KEY,
        user_id      TEXT NOT NULL REFERENCES users (id),
        requested_by TEXT NOT NULL REFERENCES users (id),
        requested_at INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        decided_by   TEXT REFERENCES users (id),
        decided_at   INTEGER,
        approved     INTEGER
     );
     ALTER TABLE credential_resets ADD COLUMN requested_by TEXT REFERENCES users (id);
     ALTER TABLE credential_resets ADD COLUMN completed_at INTEGER;",
    // 13: sign-in failures per account and address (AUTH-4, issue 12): a stranger elsewhere
    // cannot lock a staff member out; the account's own count stays as the global ceiling.
    // The address is kept as a keyed hash, never in clear.
    "CREATE TABLE sign_in_failures (
        user_id      TEXT NOT NULL REFERENCES users (id),
        address      BLOB NOT NULL,
        failures     INTEGER NOT NULL,
        locked_until INTEGER NOT NULL,
        last_at      INTEGER NOT NULL,
        PRIMARY KEY (user_id, address)
     );",
    // 14: listing embeddings for search by meaning (issue 16), kept by the hash of the
    // model version and the listing's text, so a restart or a reindex never recomputes them.
    // The vector is little-endian f32. Derived data: losing a row costs one model call.
    "CREATE TABLE listing_embeddings (
        service_id   TEXT PRIMARY KEY,
        content_hash BLOB NOT NULL,
        vector       BLOB NOT NULL
     );",
    // 15: a plan's own history beyond the content-free audit log (issue 17): hand-overs
    // with who from, who to and the note, the detail sealed with the survivor's key.
    "CREATE TABLE plan_history (
        id          TEXT PRIMARY KEY,
        survivor_id TEXT NOT NULL REFERENCES survivors (id),
        kind        TEXT NOT NULL,
        detail      BLOB NOT NULL,
        actor       TEXT NOT NULL,
        at          INTEGER NOT NULL
     );
     CREATE INDEX plan_history_survivor ON plan_history (survivor_id);",
    // 16: an agency's time zone (IANA; its pages speak it, stored times stay UTC) and phone.
    "ALTER TABLE agencies ADD COLUMN time_zone TEXT;
     ALTER TABLE agencies ADD COLUMN phone TEXT;",
    // 17: when each service record last changed (UTC, `YYYY-MM-DDTHH:MM:SS.SSSZ`), for the
    // HSDS API's modified_after. Kept by triggers, so every writer (an import, a feed, a
    // provider's edit, a capacity report) keeps it without knowing it; a record written
    // again unchanged keeps its time. Rows before this take the migration's time.
    "ALTER TABLE services ADD COLUMN modified_at TEXT;
     UPDATE services SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
     CREATE INDEX services_modified_at ON services (modified_at);
     CREATE TRIGGER services_modified_on_insert AFTER INSERT ON services
     BEGIN
       UPDATE services SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = new.id;
     END;
     CREATE TRIGGER services_modified_on_update AFTER UPDATE OF hsds ON services
     WHEN old.hsds IS NOT new.hsds
     BEGIN
       UPDATE services SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = new.id;
     END;",
    // 18: each service-at-location's id, its service and its place in the service's list,
    // for the HSDS API's /service_at_locations (paged, and one by id, without reading every
    // record). Kept by triggers from the service records themselves, like 17.
    "CREATE TABLE service_locations (
        id         TEXT PRIMARY KEY,
        service_id TEXT NOT NULL,
        position   INTEGER NOT NULL
     );
     CREATE INDEX service_locations_service ON service_locations (service_id);
     INSERT OR REPLACE INTO service_locations
       SELECT json_extract(j.value, '$.id'), s.id, j.key
       FROM services s, json_each(s.hsds, '$.service_at_locations') j
       WHERE json_extract(j.value, '$.id') IS NOT NULL;
     CREATE TRIGGER service_locations_on_insert AFTER INSERT ON services
     BEGIN
       INSERT OR REPLACE INTO service_locations
       SELECT json_extract(j.value, '$.id'), new.id, j.key
       FROM json_each(new.hsds, '$.service_at_locations') j
       WHERE json_extract(j.value, '$.id') IS NOT NULL;
     END;
     CREATE TRIGGER service_locations_on_update AFTER UPDATE OF hsds ON services
     BEGIN
       DELETE FROM service_locations WHERE service_id = new.id;
       INSERT OR REPLACE INTO service_locations
       SELECT json_extract(j.value, '$.id'), new.id, j.key
       FROM json_each(new.hsds, '$.service_at_locations') j
       WHERE json_extract(j.value, '$.id') IS NOT NULL;
     END;
     CREATE TRIGGER service_locations_on_delete AFTER DELETE ON services
     BEGIN
       DELETE FROM service_locations WHERE service_id = old.id;
     END;",
    // 19: the version of the mapping that made the stored listings (see
    // `services::MAPPING_VERSION`): a newer binary maps the stored records again once.
    "CREATE TABLE mapping_version (value INTEGER NOT NULL);
     INSERT INTO mapping_version (value) VALUES (1);",
    // 20: unmet need by county (issue 13). A survivor's county (the five-digit FIPS code of
    // the place in their sealed record: the granularity reports publish, never the place),
    // when each need's service started, and whether an agency counts in the network's view.
    "ALTER TABLE survivors ADD COLUMN county TEXT;
     ALTER TABLE plan_needs ADD COLUMN started_at INTEGER;
     ALTER TABLE agencies ADD COLUMN network_reports INTEGER NOT NULL DEFAULT 0;",
    // 21: the unmet-need tallies (issue 13, see `tallies`): counts by (scope, UTC month,
    // axis, key), kept in step with the planner's rows; filled from them once, below.
    "CREATE TABLE unmet_tallies (
       scope TEXT NOT NULL,
       month INTEGER NOT NULL,
       axis TEXT NOT NULL,
       key TEXT NOT NULL,
       identified INTEGER NOT NULL,
       sent INTEGER NOT NULL,
       accepted INTEGER NOT NULL,
       no_capacity INTEGER NOT NULL,
       not_eligible INTEGER NOT NULL,
       unreachable INTEGER NOT NULL,
       started TEXT NOT NULL,
       PRIMARY KEY (scope, axis, month, key)
     ) WITHOUT ROWID;",
];

/// The migration that made the unmet-need tallies: a database older than it has them
/// counted from its rows once.
const TALLIES: usize = 21;

/// Brings the schema up to date: on SQLite in `PRAGMA user_version`; on PostgreSQL in a
/// `schema_version` row, one node at a time (an advisory lock held while it runs).
pub fn run(conn: &Connection) -> Result<(), StoreError> {
    match conn.dialect() {
        Dialect::Sqlite => {
            let version: i64 = conn.query_row("PRAGMA user_version", (), |r| r.get(0))?;
            apply(conn, version, |tx, version| {
                tx.execute_batch(&format!("PRAGMA user_version = {version}"))
            })
        }
        Dialect::Postgres => {
            conn.execute_batch(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let result = (|| {
                conn.execute_batch(
                    "CREATE TABLE IF NOT EXISTS schema_version (value BIGINT NOT NULL);
                     INSERT INTO schema_version (value)
                       SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version);",
                )?;
                let version: i64 = conn.query_row("SELECT value FROM schema_version", (), |r| r.get(0))?;
                apply(conn, version, |tx, version| {
                    tx.execute("UPDATE schema_version SET value = ?1", [version])
                        .map(drop)
                })
            })();
            conn.execute_batch(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
            result
        }
    }
}

/// The advisory lock a PostgreSQL node holds while it migrates (any fixed number will do;
/// this one spells "path" on a phone keypad).
const MIGRATION_LOCK: i64 = 7284;

/// Runs the migrations after `version`, each in its own transaction with its new number.
fn apply(
    conn: &Connection,
    version: i64,
    record: impl Fn(&Transaction<'_>, i64) -> Result<(), sql::Error>,
) -> Result<(), StoreError> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        let tx = conn.unchecked_transaction()?;
        match tx.dialect() {
            Dialect::Sqlite => tx.execute_batch(sql)?,
            Dialect::Postgres => tx.execute_batch(&postgres(i + 1, sql))?,
        }
        if i + 1 == TALLIES {
            super::tallies::rebuild(&tx)?;
        }
        record(&tx, (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// A migration in PostgreSQL's words. The tables translate word for word (64-bit integers,
/// bytes, an identity for an `INTEGER PRIMARY KEY`); `rowid`, which SQLite gives every table
/// and some queries order by (insertion order), is a real column there. What SQLite does with
/// its own functions and triggers is written again below.
fn postgres(number: usize, sql: &str) -> String {
    let tables = match number {
        2 => {
            return "CREATE TABLE identity (id TEXT NOT NULL);
            INSERT INTO identity (id) SELECT replace(gen_random_uuid()::text, '-', '');"
                .to_owned();
        }
        3 => sql.split("-- LOG-1").next().unwrap_or(sql),
        17 | 18 => "",
        _ => sql,
    };
    let mut out = String::new();
    for word in tables.split_inclusive(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        let (token, rest) = word.split_at(
            word.trim_end_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .len(),
        );
        out.push_str(match token {
            "INTEGER" => "BIGINT",
            "BLOB" => "BYTEA",
            "ROWID" => "",
            "WITHOUT" => "",
            t => t,
        });
        out.push_str(rest);
    }
    let out = out.replace(
        "BIGINT PRIMARY KEY",
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    );
    let extra = match number {
        3 => POSTGRES_AUDIT_APPEND_ONLY,
        9 => "ALTER TABLE listing_changes ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;",
        11 => "ALTER TABLE webhook_deliveries ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;",
        15 => "ALTER TABLE plan_history ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;",
        17 => POSTGRES_MODIFIED_AT,
        18 => POSTGRES_SERVICE_LOCATIONS,
        _ => "",
    };
    format!("{out}\n{extra}")
}

/// Migration 3's triggers: the audit log is append-only (LOG-1).
const POSTGRES_AUDIT_APPEND_ONLY: &str = "
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();";

/// Migration 17: when each service record last changed, kept by a trigger.
const POSTGRES_MODIFIED_AT: &str = "
ALTER TABLE services ADD COLUMN modified_at TEXT;
UPDATE services SET modified_at = to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"');
CREATE INDEX services_modified_at ON services (modified_at);
CREATE FUNCTION services_modified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A copied row keeps its time (migrate-store); a written one takes now.
  IF (TG_OP = 'INSERT' AND NEW.modified_at IS NULL)
     OR (TG_OP = 'UPDATE' AND NEW.hsds IS DISTINCT FROM OLD.hsds) THEN
    NEW.modified_at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER services_modified BEFORE INSERT OR UPDATE ON services
  FOR EACH ROW EXECUTE FUNCTION services_modified();";

/// Migration 18: each service-at-location's id, service and place, kept by a trigger.
const POSTGRES_SERVICE_LOCATIONS: &str = "
CREATE TABLE service_locations (
   id         TEXT PRIMARY KEY,
   service_id TEXT NOT NULL,
   position   BIGINT NOT NULL
);
CREATE INDEX service_locations_service ON service_locations (service_id);
CREATE FUNCTION service_locations_of(service TEXT, hsds TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO service_locations (id, service_id, position)
  SELECT j.value ->> 'id', service, j.ordinality - 1
  FROM jsonb_array_elements(
         CASE WHEN jsonb_typeof(hsds::jsonb -> 'service_at_locations') = 'array'
              THEN hsds::jsonb -> 'service_at_locations' ELSE '[]'::jsonb END)
       WITH ORDINALITY AS j(value, ordinality)
  WHERE j.value ->> 'id' IS NOT NULL
  ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, position = excluded.position;
$$;
SELECT service_locations_of(id, hsds) FROM services;
CREATE FUNCTION service_locations_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM service_locations WHERE service_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM service_locations_of(NEW.id, NEW.hsds);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER service_locations_on_insert AFTER INSERT ON services
  FOR EACH ROW EXECUTE FUNCTION service_locations_kept();
CREATE TRIGGER service_locations_on_update AFTER UPDATE OF hsds ON services
  FOR EACH ROW EXECUTE FUNCTION service_locations_kept();
CREATE TRIGGER service_locations_on_delete AFTER DELETE ON services
  FOR EACH ROW EXECUTE FUNCTION service_locations_kept();";

#[cfg(test)]
mod tests {
    use super::*;

    /// A new empty database: in memory, or on the throwaway PostgreSQL server when the
    /// tests run there.
    fn fresh() -> Connection {
        if crate::store::throwaway::wanted() {
            let url = crate::store::throwaway::server()
                .unwrap()
                .fresh_database()
                .unwrap();
            Connection::postgres(&url).unwrap()
        } else {
            Connection::open_in_memory().unwrap()
        }
    }

    fn version(conn: &Connection) -> i64 {
        match conn.dialect() {
            Dialect::Sqlite => count(conn, "PRAGMA user_version"),
            Dialect::Postgres => count(conn, "SELECT value FROM schema_version"),
        }
    }

    /// Makes `conn` what a build that knew only the first `known` migrations left.
    fn migrated_by_an_older_build(conn: &Connection, known: usize) {
        for (i, sql) in MIGRATIONS[..known].iter().enumerate() {
            match conn.dialect() {
                Dialect::Sqlite => conn.execute_batch(sql).unwrap(),
                Dialect::Postgres => conn.execute_batch(&postgres(i + 1, sql)).unwrap(),
            }
        }
        match conn.dialect() {
            Dialect::Sqlite => conn.execute_batch(&format!("PRAGMA user_version = {known}")),
            Dialect::Postgres => conn.execute_batch(&format!(
                "CREATE TABLE schema_version (value BIGINT NOT NULL);
                 INSERT INTO schema_version (value) VALUES ({known});"
            )),
        }
        .unwrap();
    }

    /// One byte, as a literal of the engine's.
    fn byte(conn: &Connection) -> &'static str {
        match conn.dialect() {
            Dialect::Sqlite => "x'00'",
            Dialect::Postgres => r"'\x00'::bytea",
        }
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, (), |r| r.get(0)).unwrap()
    }

    #[test]
    fn running_the_migrations_again_keeps_the_schema_and_the_data() {
        let conn = fresh();
        run(&conn).unwrap();
        assert_eq!(version(&conn), MIGRATIONS.len() as i64);
        conn.execute_batch(
            "INSERT INTO organizations (id, name, hsds) VALUES ('o1', 'Org', '{}');
             UPDATE change_seq SET value = 7;",
        )
        .unwrap();
        let identity: String = conn
            .query_row("SELECT id FROM identity", (), |r| r.get(0))
            .unwrap();

        run(&conn).unwrap();
        assert_eq!(version(&conn), MIGRATIONS.len() as i64);
        assert_eq!(count(&conn, "SELECT COUNT(*) FROM organizations"), 1);
        // The one-row tables were not seeded a second time.
        assert_eq!(count(&conn, "SELECT COUNT(*) FROM change_seq"), 1);
        assert_eq!(count(&conn, "SELECT value FROM change_seq"), 7);
        assert_eq!(count(&conn, "SELECT COUNT(*) FROM identity"), 1);
        let again: String = conn
            .query_row("SELECT id FROM identity", (), |r| r.get(0))
            .unwrap();
        assert_eq!(again, identity);
    }

    #[test]
    fn a_planner_from_before_the_tallies_has_them_counted_once() {
        let conn = fresh();
        migrated_by_an_older_build(&conn, TALLIES - 1);
        // 2026-11-29: one survivor in Harris County with two needs, of an agency that shares.
        let byte = byte(&conn);
        conn.execute_batch(&format!(
            "INSERT INTO agencies (id, name, created_at, network_reports) VALUES ('a', 'A', 0, 1);
             INSERT INTO survivors (id, agency_id, record, created_at, county)
               VALUES ('s', 'a', {byte}, 1795942800, '48201');
             INSERT INTO plan_needs (id, survivor_id, need_code, status, priority, words, created_at, updated_at)
               VALUES ('n1', 's', 'shelter.emergency', 'identified', 'medium', {byte}, 1795942800, 1795942800),
                      ('n2', 's', 'health.medical', 'identified', 'medium', {byte}, 1795942800, 1795942800);"
        ))
        .unwrap();
        run(&conn).unwrap();
        let november = 2026 * 12 + 10;
        // The agency's and the network's: two needs, one county.
        for scope in ["a", ""] {
            let by = |axis: &str| {
                count(
                    &conn,
                    &format!(
                        "SELECT SUM(identified) FROM unmet_tallies WHERE scope = '{scope}' AND axis = '{axis}' AND month = {november}"
                    ),
                )
            };
            assert_eq!((by("need"), by("county")), (2, 2), "{scope:?}");
        }
        assert_eq!(
            count(&conn, "SELECT COUNT(*) FROM unmet_tallies WHERE axis = 'county'"),
            2
        );
    }

    #[test]
    fn a_database_at_an_older_version_gets_only_the_later_migrations() {
        let conn = fresh();
        // A database made by a build that knew the first two migrations.
        migrated_by_an_older_build(&conn, 2);
        conn.execute_batch("INSERT INTO organizations (id, name, hsds) VALUES ('o1', 'Org', '{}')")
            .unwrap();
        run(&conn).unwrap();
        assert_eq!(version(&conn), MIGRATIONS.len() as i64);
        assert_eq!(count(&conn, "SELECT COUNT(*) FROM organizations"), 1);
        assert_eq!(count(&conn, "SELECT COUNT(*) FROM identity"), 1);
        // Tables of later migrations exist, with their columns from migration 7.
        assert_eq!(count(&conn, "SELECT COUNT(follow_up) FROM referrals"), 0);
        assert_eq!(count(&conn, "SELECT COUNT(*) FROM consents"), 0);
    }
}

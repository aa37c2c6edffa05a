//! The audit log table: appended inside the transaction of the change it records (so a change
//! and its entry commit together), hash-chained (LOG-1), never updated (triggers refuse it).

use crate::store::sql::{Dialect, OptionalExtension, Sql, params};

use hmac::{Hmac, KeyInit, Mac};
use secrecy::ExposeSecret;

use super::{Store, StoreError};
use crate::domain::audit::{Entry, Filter, Recorded, Verification};

const GENESIS: [u8; 32] = [0; 32];

impl Store {
    /// Sets the audit chain's key (from the key file). Once: a second call changes nothing.
    pub fn set_audit_key(&self, key: secrecy::SecretBox<[u8; 32]>) {
        let _ = self.audit_key.set(key);
    }

    pub(in crate::store) fn audit_key(&self) -> Result<&[u8; 32], StoreError> {
        self.audit_key
            .get()
            .map(|k| k.expose_secret())
            .ok_or(StoreError::NoAuditKey)
    }

    /// Appends `entry` at `at` on `conn` (a connection inside the caller's transaction).
    pub(super) fn append(&self, conn: &impl Sql, entry: &Entry, at: i64) -> Result<u64, StoreError> {
        append(conn, self.audit_key()?, entry, at)
    }
}

fn append(conn: &impl Sql, key: &[u8; 32], entry: &Entry, at: i64) -> Result<u64, StoreError> {
    let (prev_seq, prev_hash): (i64, Vec<u8>) = conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .or_else(|e| match e {
            crate::store::sql::Error::NoRows => Ok((0, GENESIS.to_vec())),
            e => Err(e),
        })?;
    let seq = prev_seq + 1;
    let recorded = Recorded {
        seq: seq as u64,
        at,
        actor: entry.actor.clone(),
        agency: entry.agency.clone(),
        action: entry.action.to_owned(),
        record: entry.record.clone(),
        allowed: entry.allowed,
    };
    let hash = link(key, &prev_hash, &recorded);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, actor, agency_id, action, record, allowed, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        seq,
        at,
        entry.actor,
        entry.agency,
        entry.action,
        entry.record,
        entry.allowed,
        prev_hash,
        hash.to_vec()
    ])?;
    Ok(seq as u64)
}

/// The link of an entry to the one before: HMAC-SHA256 under the key file's audit key of the
/// previous link and every field, length-prefixed. Without the key nobody can recompute a
/// chain, so dropping the triggers and rewriting rows shows.
fn link(key: &[u8; 32], prev: &[u8], e: &Recorded) -> [u8; 32] {
    let mut body = Vec::with_capacity(128);
    body.extend_from_slice(&e.seq.to_be_bytes());
    body.extend_from_slice(&e.at.to_be_bytes());
    for part in [
        e.actor.as_deref().unwrap_or(""),
        e.agency.as_deref().unwrap_or(""),
        &e.action,
        &e.record,
    ] {
        body.extend_from_slice(&(part.len() as u64).to_be_bytes());
        body.extend_from_slice(part.as_bytes());
    }
    body.push(u8::from(e.actor.is_some()) << 1 | u8::from(e.agency.is_some()));
    body.push(u8::from(e.allowed));
    let Ok(mut mac) = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key) else {
        return [0; 32]; // HMAC takes any key length; never reached.
    };
    mac.update(b"pathways audit v2\0");
    mac.update(prev);
    mac.update(&body);
    mac.finalize().into_bytes().into()
}

fn recorded(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<Recorded> {
    Ok(Recorded {
        seq: r.get::<_, i64>(0)? as u64,
        at: r.get(1)?,
        actor: r.get(2)?,
        agency: r.get(3)?,
        action: r.get(4)?,
        record: r.get(5)?,
        allowed: r.get(6)?,
    })
}

impl Store {
    /// Appends one entry on its own (for events that change nothing else, such as a denial).
    pub fn audit(&self, entry: &Entry, at: i64) -> Result<u64, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let seq = self.append(&tx, entry, at)?;
        tx.commit()?;
        Ok(seq)
    }

    /// Entries matching `filter`, newest first.
    pub fn audit_entries(&self, filter: &Filter) -> Result<Vec<Recorded>, StoreError> {
        let conn = self.read()?;
        let mut sql = String::from(
            "SELECT seq, at, actor, agency_id, action, record, allowed FROM audit_log WHERE 1 = 1",
        );
        let mut args: Vec<crate::store::sql::Value> = Vec::new();
        if let Some(agencies) = &filter.agencies {
            if agencies.is_empty() {
                return Ok(Vec::new());
            }
            sql.push_str(&format!(
                " AND agency_id IN ({})",
                vec!["?"; agencies.len()].join(",")
            ));
            args.extend(agencies.iter().cloned().map(Into::into));
        }
        if let Some(actor) = &filter.actor {
            sql.push_str(" AND actor = ?");
            args.push(actor.clone().into());
        }
        if let Some(from) = filter.from {
            sql.push_str(" AND at >= ?");
            args.push(from.into());
        }
        if let Some(until) = filter.until {
            sql.push_str(" AND at < ?");
            args.push(until.into());
        }
        if let Some(record) = &filter.record {
            sql.push_str(match conn.dialect() {
                Dialect::Sqlite => " AND instr(record, ?) > 0",
                Dialect::Postgres => " AND strpos(record, ?) > 0",
            });
            args.push(record.clone().into());
        }
        sql.push_str(" ORDER BY seq DESC LIMIT ?");
        args.push((filter.limit as i64).into());
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(crate::store::sql::params_from_iter(args), recorded)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Allowed entries about these records, oldest first (a plan's timeline: who did what,
    /// when; never what).
    pub fn audit_of(&self, records: &[String]) -> Result<Vec<Recorded>, StoreError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let conn = self.read()?;
        let sql = format!(
            "SELECT seq, at, actor, agency_id, action, record, allowed FROM audit_log
             WHERE allowed = 1 AND record IN ({}) ORDER BY seq",
            vec!["?"; records.len()].join(",")
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(crate::store::sql::params_from_iter(records), recorded)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many entries the log holds.
    pub fn audit_len(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .read()?
            .query_row("SELECT COUNT(*) FROM audit_log", (), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// The last entry's sequence number and hash (hex), if any.
    pub fn audit_head(&self) -> Result<Option<(u64, String)>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                (),
                |r| {
                    Ok((
                        r.get::<_, i64>(0)? as u64,
                        crate::crypto::hex(&r.get::<_, Vec<u8>>(1)?),
                    ))
                },
            )
            .optional()?)
    }

    /// The hash (hex) of entry `seq`, if it is there.
    pub fn audit_hash_at(&self, seq: u64) -> Result<Option<String>, StoreError> {
        Ok(self
            .read()?
            .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [seq as i64], |r| {
                Ok(crate::crypto::hex(&r.get::<_, Vec<u8>>(0)?))
            })
            .optional()?)
    }

    /// Walks the whole chain: each entry must link to the previous hash and hash to its own.
    pub fn audit_verify(&self) -> Result<Verification, StoreError> {
        let key = self.audit_key()?;
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT seq, at, actor, agency_id, action, record, allowed, prev_hash, hash
             FROM audit_log ORDER BY seq",
        )?;
        let mut rows = stmt.query(())?;
        let mut prev = GENESIS.to_vec();
        let mut expected_seq = 1u64;
        while let Some(row) = rows.next()? {
            let e = recorded(&row)?;
            let stored_prev: Vec<u8> = row.get(7)?;
            let stored: Vec<u8> = row.get(8)?;
            if e.seq != expected_seq || stored_prev != prev || stored != link(key, &prev, &e) {
                return Ok(Verification::Broken {
                    seq: e.seq.min(expected_seq),
                });
            }
            prev = stored;
            expected_seq += 1;
        }
        Ok(Verification::Intact {
            entries: expected_seq - 1,
            head: crate::crypto::hex(&prev),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(path: &std::path::Path) -> Store {
        let store = Store::open(path).unwrap();
        store.set_audit_key(secrecy::SecretBox::new(Box::new([7u8; 32])));
        store
    }

    #[test]
    fn nothing_is_audited_without_the_key_and_a_recomputed_chain_without_it_shows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let unkeyed = Store::open(&path).unwrap();
        assert!(matches!(
            unkeyed.audit(&entry("a", ""), 1),
            Err(StoreError::NoAuditKey)
        ));
        drop(unkeyed);
        let store = keyed(&path);
        for i in 0..3 {
            store
                .audit(&entry("user.invite", &format!("user:{i}")), i)
                .unwrap();
        }
        // Someone with the database but not the key file edits a row and recomputes the
        // whole chain with a key of their own: the real key finds the forgery.
        let raw = crate::store::sql::Connection::open(&path).unwrap();
        raw.execute_batch("DROP TRIGGER audit_log_no_update").unwrap();
        let rows: Vec<Recorded> = {
            let mut stmt = raw
                .prepare(
                    "SELECT seq, at, actor, agency_id, action, record, allowed FROM audit_log ORDER BY seq",
                )
                .unwrap();
            stmt.query_map((), recorded)
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let mut prev = GENESIS.to_vec();
        for mut e in rows {
            if e.seq == 2 {
                e.record = "user:forged".into();
            }
            let h = link(&[9u8; 32], &prev, &e);
            raw.execute(
                "UPDATE audit_log SET record = ?2, prev_hash = ?3, hash = ?4 WHERE seq = ?1",
                params![e.seq as i64, e.record, prev, h.to_vec()],
            )
            .unwrap();
            prev = h.to_vec();
        }
        assert_eq!(store.audit_verify().unwrap(), Verification::Broken { seq: 1 });
    }

    fn entry(action: &'static str, record: &str) -> Entry {
        Entry {
            actor: Some("u1".into()),
            agency: Some("a1".into()),
            action,
            record: record.into(),
            allowed: true,
        }
    }

    #[test]
    fn log_1_chain_verifies_and_breaks_when_a_row_is_edited() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = keyed(&path);
        for i in 0..5 {
            store
                .audit(&entry("user.invite", &format!("user:{i}")), 1_000 + i)
                .unwrap();
        }
        assert!(matches!(
            store.audit_verify().unwrap(),
            Verification::Intact { entries: 5, .. }
        ));
        // The triggers refuse edits and deletions through SQL...
        let raw = crate::store::sql::Connection::open(&path).unwrap();
        assert!(
            raw.execute("UPDATE audit_log SET record = 'user:x' WHERE seq = 3", ())
                .is_err()
        );
        assert!(raw.execute("DELETE FROM audit_log WHERE seq = 5", ()).is_err());
        // ...and someone who drops them is caught by the chain.
        raw.execute_batch(
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET record = 'user:x' WHERE seq = 3",
        )
        .unwrap();
        assert_eq!(store.audit_verify().unwrap(), Verification::Broken { seq: 3 });
    }

    #[test]
    fn a_deleted_row_breaks_the_chain() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = keyed(&path);
        for i in 0..4 {
            store.audit(&entry("login.ok", ""), i).unwrap();
        }
        let raw = crate::store::sql::Connection::open(&path).unwrap();
        raw.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2")
            .unwrap();
        assert_eq!(store.audit_verify().unwrap(), Verification::Broken { seq: 2 });
    }

    #[test]
    fn filters_by_agency_actor_time_and_record() {
        let dir = tempfile::tempdir().unwrap();
        let store = keyed(&dir.path().join("t.db"));
        store.audit(&entry("a", "user:1"), 100).unwrap();
        store
            .audit(
                &Entry {
                    agency: Some("a2".into()),
                    ..entry("b", "user:2")
                },
                200,
            )
            .unwrap();
        store
            .audit(
                &Entry {
                    actor: Some("u2".into()),
                    ..entry("c", "membership:3")
                },
                300,
            )
            .unwrap();
        let all = Filter {
            limit: 10,
            ..Filter::default()
        };
        let got = |f: Filter| -> Vec<String> {
            store
                .audit_entries(&f)
                .unwrap()
                .into_iter()
                .map(|e| e.action)
                .collect()
        };
        assert_eq!(got(all.clone()), ["c", "b", "a"]);
        assert_eq!(
            got(Filter {
                agencies: Some(vec!["a1".into()]),
                ..all.clone()
            }),
            ["c", "a"]
        );
        assert_eq!(
            got(Filter {
                actor: Some("u2".into()),
                ..all.clone()
            }),
            ["c"]
        );
        assert_eq!(
            got(Filter {
                from: Some(150),
                until: Some(300),
                ..all.clone()
            }),
            ["b"]
        );
        assert_eq!(
            got(Filter {
                record: Some("membership".into()),
                ..all.clone()
            }),
            ["c"]
        );
        assert!(
            got(Filter {
                agencies: Some(vec![]),
                ..all
            })
            .is_empty()
        );
    }

    #[test]
    fn entries_are_numbered_from_one_and_each_moves_the_head() {
        let dir = tempfile::tempdir().unwrap();
        let store = keyed(&dir.path().join("t.db"));
        let Verification::Intact {
            entries: 0,
            head: empty,
        } = store.audit_verify().unwrap()
        else {
            panic!("an empty log is intact");
        };
        let mut heads = vec![empty];
        for i in 1..=3u64 {
            assert_eq!(store.audit(&entry("login", ""), 10).unwrap(), i);
            match store.audit_verify().unwrap() {
                Verification::Intact { entries, head } => {
                    assert_eq!(entries, i);
                    assert!(!heads.contains(&head), "the head changes with each entry");
                    heads.push(head);
                }
                broken => panic!("{broken:?}"),
            }
        }
    }

    #[test]
    fn a_timeline_is_the_allowed_entries_of_its_records_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = keyed(&dir.path().join("t.db"));
        store.audit(&entry("need.add", "need:1"), 100).unwrap();
        store
            .audit(
                &Entry {
                    allowed: false,
                    ..entry("need.denied", "need:1")
                },
                150,
            )
            .unwrap();
        store.audit(&entry("other", "need:2"), 175).unwrap();
        store.audit(&entry("referral.add", "referral:9"), 200).unwrap();
        let timeline: Vec<(String, i64)> = store
            .audit_of(&["need:1".into(), "referral:9".into()])
            .unwrap()
            .into_iter()
            .map(|e| (e.action, e.at))
            .collect();
        assert_eq!(
            timeline,
            [("need.add".to_owned(), 100), ("referral.add".to_owned(), 200)]
        );
        assert!(store.audit_of(&[]).unwrap().is_empty());
    }
}

//! Survivors and their plans: records, assignments, needs, closing and erasure. Their fields arrive sealed (CRY-1) and leave sealed: this module
//! never sees a survivor's words. Every change appends its audit entry in the same transaction.

use crate::store::sql::{OptionalExtension, Sql, params};

use super::tallies::{self, Whose};
use super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::ids::{NeedId, SurvivorId};
use crate::domain::staff::{AgencyId, UserId};

/// A survivor as stored: the sealed record and who is assigned.
#[derive(Clone, Debug)]
pub struct StoredSurvivor {
    /// Id.
    pub id: SurvivorId,
    /// The agency.
    pub agency: AgencyId,
    /// The sealed record.
    pub record: Vec<u8>,
    /// Unix second it was opened.
    pub created_at: i64,
    /// Assigned advocates: (account, whether primary).
    pub advocates: Vec<(UserId, bool)>,
    /// The county of their place (FIPS), for counts by county; none when unknown.
    pub county: Option<String>,
}

impl StoredSurvivor {
    /// The primary advocate.
    pub fn primary(&self) -> Option<&UserId> {
        self.advocates.iter().find(|(_, p)| *p).map(|(u, _)| u)
    }
}

/// A need of a plan as stored.
#[derive(Clone, Debug)]
pub struct StoredNeed {
    /// Id.
    pub id: NeedId,
    /// Need code.
    pub code: String,
    /// Status code.
    pub status: String,
    /// Priority code.
    pub priority: String,
    /// Target date (`YYYY-MM-DD`).
    pub target_date: Option<String>,
    /// The sealed words.
    pub words: Vec<u8>,
    /// Follow-up date (`YYYY-MM-DD`).
    pub follow_up: Option<String>,
    /// Unix second of the last change.
    pub updated_at: i64,
}

/// Who is assigned to an open survivor, without their record (for continuity: AC-7).
#[derive(Clone, Debug)]
pub struct Assignment {
    /// The survivor.
    pub id: SurvivorId,
    /// Their agency.
    pub agency: AgencyId,
    /// When their record was opened.
    pub opened: i64,
    /// Assigned advocates: (account, whether primary), primary first.
    pub advocates: Vec<(UserId, bool)>,
}

impl Store {
    /// Opens a survivor's record with its first needs and its primary advocate.
    pub fn create_survivor(
        &self,
        survivor: &StoredSurvivor,
        needs: &[StoredNeed],
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let whose = [Whose::Survivor(survivor.id.as_str())];
        tallies::around(&tx, &whose, || insert_survivor(&tx, survivor, needs, now))?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }
}

/// The survivor's row, their advocates and their first needs.
fn insert_survivor(
    tx: &crate::store::sql::Transaction<'_>,
    survivor: &StoredSurvivor,
    needs: &[StoredNeed],
    now: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO survivors (id, agency_id, record, created_at, county) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            survivor.id.as_str(),
            survivor.agency.as_str(),
            survivor.record,
            now,
            survivor.county
        ],
    )?;
    for (user, primary) in &survivor.advocates {
        tx.execute(
                "INSERT INTO survivor_advocates (survivor_id, user_id, is_primary, since) VALUES (?1, ?2, ?3, ?4)",
                params![survivor.id.as_str(), user.as_str(), primary, now],
            )?;
    }
    for n in needs {
        insert_need(tx, &survivor.id, n, now)?;
    }
    Ok(())
}

impl Store {
    /// A survivor with their advocates.
    pub fn survivor(&self, id: &SurvivorId) -> Result<Option<StoredSurvivor>, StoreError> {
        let conn = self.read()?;
        let row: Option<(String, Vec<u8>, i64, Option<String>)> = conn
            .query_row(
                "SELECT agency_id, record, created_at, county FROM survivors WHERE id = ?1 AND closed_at IS NULL",
                [id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((agency, record, created_at, county)) = row else {
            return Ok(None);
        };
        let mut stmt = conn.prepare_cached(
            "SELECT user_id, is_primary FROM survivor_advocates WHERE survivor_id = ?1 ORDER BY is_primary DESC, since",
        )?;
        let advocates = stmt
            .query_map([id.as_str()], |r| Ok((UserId(r.get(0)?), r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Some(StoredSurvivor {
            id: id.clone(),
            agency: AgencyId(agency),
            record,
            created_at,
            advocates,
            county,
        }))
    }

    /// Every open survivor with their agency, opening time and advocates, but not their
    /// record — for continuity (AC-7), which must not read it. Oldest first.
    pub fn survivor_assignments(&self) -> Result<Vec<Assignment>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT s.id, s.agency_id, s.created_at, a.user_id, a.is_primary
             FROM survivors s LEFT JOIN survivor_advocates a ON a.survivor_id = s.id
             WHERE s.closed_at IS NULL ORDER BY s.created_at, s.id, a.is_primary DESC, a.since",
        )?;
        let mut rows = stmt.query(())?;
        let mut all: Vec<Assignment> = Vec::new();
        while let Some(r) = rows.next()? {
            let id = SurvivorId(r.get(0)?);
            let advocate: Option<String> = r.get(3)?;
            if all.last().is_none_or(|last| last.id != id) {
                all.push(Assignment {
                    id,
                    agency: AgencyId(r.get(1)?),
                    opened: r.get(2)?,
                    advocates: Vec::new(),
                });
            }
            if let (Some(user), Some(last)) = (advocate, all.last_mut()) {
                let primary: Option<bool> = r.get(4)?;
                last.advocates.push((UserId(user), primary.unwrap_or(false)));
            }
        }
        Ok(all)
    }

    /// The ids of the open survivors `user` is assigned to, newest first.
    pub fn survivors_of(&self, user: &UserId) -> Result<Vec<SurvivorId>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT s.id FROM survivors s JOIN survivor_advocates a ON a.survivor_id = s.id
             WHERE a.user_id = ?1 AND s.closed_at IS NULL ORDER BY s.created_at DESC, s.id",
        )?;
        let rows = stmt.query_map([user.as_str()], |r| r.get(0).map(SurvivorId))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The needs of a plan, in the order they were added.
    pub fn plan_needs(&self, survivor: &SurvivorId) -> Result<Vec<StoredNeed>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {NEED_COLUMNS} FROM plan_needs WHERE survivor_id = ?1 ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map([survivor.as_str()], need_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The needs of each of several plans, each in the order they were added: a caseload
    /// reads them in one query per few hundred plans, not one per plan (on PostgreSQL each
    /// query is a round trip).
    pub fn plan_needs_of(
        &self,
        survivors: &[SurvivorId],
    ) -> Result<std::collections::HashMap<SurvivorId, Vec<StoredNeed>>, StoreError> {
        by_survivor(
            &*self.read()?,
            survivors,
            |list| {
                format!(
                    "SELECT {NEED_COLUMNS}, survivor_id FROM plan_needs WHERE survivor_id IN ({list})
                     ORDER BY created_at, id"
                )
            },
            |r| Ok((SurvivorId(r.get(8)?), need_row(r)?)),
        )
    }

    /// Adds a need to a plan.
    pub fn add_need(
        &self,
        survivor: &SurvivorId,
        need: &StoredNeed,
        history: Option<&super::HistoryRow>,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tallies::around(&tx, &[Whose::Survivor(survivor.as_str())], || {
            insert_need(&tx, survivor, need, now)
        })?;
        if let Some(h) = history {
            super::plan_history::insert(&tx, survivor, h)?;
        }
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Changes a need of a survivor's plan; whether it was there.
    pub fn update_need(
        &self,
        survivor: &SurvivorId,
        need: &StoredNeed,
        history: Option<&super::HistoryRow>,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tallies::around(&tx, &[Whose::Survivor(survivor.as_str())], || {
            Ok(tx.execute(
            "UPDATE plan_needs SET status = ?3, priority = ?4, target_date = ?5, words = ?6, updated_at = ?7,
                    follow_up = ?8,
                    started_at = CASE WHEN started_at IS NULL AND ?3 IN ('in_service', 'met') THEN ?7
                                      ELSE started_at END
             WHERE id = ?1 AND survivor_id = ?2",
            params![
                need.id.as_str(),
                survivor.as_str(),
                need.status,
                need.priority,
                need.target_date,
                need.words,
                now,
                need.follow_up
            ],
        )?)
        })?;
        if n == 1 {
            if let Some(h) = history {
                super::plan_history::insert(&tx, survivor, h)?;
            }
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Records a read of survivor data (LOG-1: reads are audited too).
    pub fn audit_read(&self, entry: &Entry, now: i64) -> Result<(), StoreError> {
        self.audit(entry, now).map(|_| ())
    }
}

fn insert_need(
    tx: &crate::store::sql::Transaction<'_>,
    survivor: &SurvivorId,
    n: &StoredNeed,
    now: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO plan_needs (id, survivor_id, need_code, status, priority, target_date, words, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![n.id.as_str(), survivor.as_str(), n.code, n.status, n.priority, n.target_date, n.words, now],
    )?;
    Ok(())
}

impl Store {
    /// Removes a survivor and everything of their plan (the caller destroys their data key:
    /// crypto-shredding, CRY-3). The audit keeps only the content-free entry appended here.
    pub fn erase_survivor(&self, id: &SurvivorId, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tallies::around(&tx, &[Whose::Survivor(id.as_str())], || erase_rows(&tx, id))?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }
}

/// Deletes a survivor's rows; how many survivors that was (0 or 1).
fn erase_rows(tx: &crate::store::sql::Transaction<'_>, id: &SurvivorId) -> Result<usize, StoreError> {
    {
        tx.execute(
            "DELETE FROM referral_events WHERE referral_id IN (SELECT id FROM referrals WHERE survivor_id = ?1)",
            [id.as_str()],
        )?;
        tx.execute("DELETE FROM referrals WHERE survivor_id = ?1", [id.as_str()])?;
        tx.execute("DELETE FROM consents WHERE survivor_id = ?1", [id.as_str()])?;
        tx.execute("DELETE FROM plan_needs WHERE survivor_id = ?1", [id.as_str()])?;
        tx.execute("DELETE FROM plan_history WHERE survivor_id = ?1", [id.as_str()])?;
        tx.execute(
            "DELETE FROM survivor_advocates WHERE survivor_id = ?1",
            [id.as_str()],
        )?;
        Ok(tx.execute("DELETE FROM survivors WHERE id = ?1", [id.as_str()])?)
    }
}

impl Store {
    /// Replaces a survivor's advocates (one primary, any co-advocates), with the entry of
    /// their plan's history that says so.
    pub fn set_advocates(
        &self,
        survivor: &SurvivorId,
        advocates: &[(UserId, bool)],
        history: &super::HistoryRow,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM survivor_advocates WHERE survivor_id = ?1",
            [survivor.as_str()],
        )?;
        for (user, primary) in advocates {
            tx.execute(
                "INSERT INTO survivor_advocates (survivor_id, user_id, is_primary, since) VALUES (?1, ?2, ?3, ?4)",
                params![survivor.as_str(), user.as_str(), primary, now],
            )?;
        }
        super::plan_history::insert(&tx, survivor, history)?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// Replaces a survivor's sealed record (edited later by their advocate).
    pub fn update_survivor_record(
        &self,
        id: &SurvivorId,
        record: &[u8],
        county: Option<&str>,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        // A new county moves their counts with them.
        let n = tallies::around(&tx, &[Whose::Survivor(id.as_str())], || {
            Ok(tx.execute(
                "UPDATE survivors SET record = ?2, county = ?3 WHERE id = ?1",
                params![id.as_str(), record, county],
            )?)
        })?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Closes a survivor's plan (their work is done; the record waits for the retention purge).
    pub fn close_survivor(&self, id: &SurvivorId, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE survivors SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
            params![id.as_str(), now],
        )?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Whether a survivor's row exists, open or closed.
    pub fn survivor_exists(&self, id: &SurvivorId) -> Result<bool, StoreError> {
        Ok(self.read()?.query_row(
            "SELECT EXISTS (SELECT 1 FROM survivors WHERE id = ?1)",
            [id.as_str()],
            |r| r.get(0),
        )?)
    }

    /// Survivors whose plan was closed before `cutoff` (Unix second), with their agency.
    pub fn closed_before(&self, cutoff: i64) -> Result<Vec<(SurvivorId, AgencyId)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT id, agency_id FROM survivors WHERE closed_at IS NOT NULL AND closed_at < ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([cutoff], |r| Ok((SurvivorId(r.get(0)?), AgencyId(r.get(1)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

const NEED_COLUMNS: &str = "id, need_code, status, priority, target_date, words, updated_at, follow_up";

fn need_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<StoredNeed> {
    Ok(StoredNeed {
        id: NeedId(r.get(0)?),
        code: r.get(1)?,
        status: r.get(2)?,
        priority: r.get(3)?,
        target_date: r.get(4)?,
        words: r.get(5)?,
        updated_at: r.get(6)?,
        follow_up: r.get(7)?,
    })
}

/// Rows of several plans, by survivor, in the query's order: one query per 500 survivors
/// (an `IN` list `select` places), not one per survivor. `row` reads a row's survivor and
/// value.
pub(super) fn by_survivor<T>(
    conn: &impl Sql,
    survivors: &[SurvivorId],
    select: impl Fn(&str) -> String,
    row: impl Fn(&crate::store::sql::Row<'_>) -> crate::store::sql::Result<(SurvivorId, T)>,
) -> Result<std::collections::HashMap<SurvivorId, Vec<T>>, StoreError> {
    let mut out: std::collections::HashMap<SurvivorId, Vec<T>> = std::collections::HashMap::new();
    for chunk in survivors.chunks(500) {
        let mut stmt = conn.prepare(&select(&vec!["?"; chunk.len()].join(", ")))?;
        let rows = stmt.query_map(
            crate::store::sql::params_from_iter(chunk.iter().map(SurvivorId::as_str)),
            &row,
        )?;
        for found in rows {
            let (survivor, value) = found?;
            out.entry(survivor).or_default().push(value);
        }
    }
    Ok(out)
}

//! Survivors and their plans. Their fields arrive sealed (CRY-1) and leave sealed: this module
//! never sees a survivor's words. Every change appends its audit entry in the same transaction.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::staff::{AgencyId, UserId};

/// A survivor as stored: the sealed record and who is assigned.
#[derive(Clone, Debug)]
pub struct StoredSurvivor {
    /// Id.
    pub id: String,
    /// The agency.
    pub agency: AgencyId,
    /// The sealed record.
    pub record: Vec<u8>,
    /// Unix second it was opened.
    pub created_at: i64,
    /// Assigned advocates: (account, whether primary).
    pub advocates: Vec<(UserId, bool)>,
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
    pub id: String,
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
        tx.execute(
            "INSERT INTO survivors (id, agency_id, record, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![survivor.id, survivor.agency.as_str(), survivor.record, now],
        )?;
        for (user, primary) in &survivor.advocates {
            tx.execute(
                "INSERT INTO survivor_advocates (survivor_id, user_id, is_primary, since) VALUES (?1, ?2, ?3, ?4)",
                params![survivor.id, user.as_str(), primary, now],
            )?;
        }
        for n in needs {
            insert_need(&tx, &survivor.id, n, now)?;
        }
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// A survivor with their advocates.
    pub fn survivor(&self, id: &str) -> Result<Option<StoredSurvivor>, StoreError> {
        let conn = self.read()?;
        let row: Option<(String, Vec<u8>, i64)> = conn
            .query_row(
                "SELECT agency_id, record, created_at FROM survivors WHERE id = ?1 AND closed_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((agency, record, created_at)) = row else {
            return Ok(None);
        };
        let mut stmt = conn.prepare_cached(
            "SELECT user_id, is_primary FROM survivor_advocates WHERE survivor_id = ?1 ORDER BY is_primary DESC, since",
        )?;
        let advocates = stmt
            .query_map([id], |r| Ok((UserId(r.get(0)?), r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Some(StoredSurvivor {
            id: id.to_owned(),
            agency: AgencyId(agency),
            record,
            created_at,
            advocates,
        }))
    }

    /// The ids of the open survivors `user` is assigned to, newest first.
    pub fn survivors_of(&self, user: &UserId) -> Result<Vec<String>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT s.id FROM survivors s JOIN survivor_advocates a ON a.survivor_id = s.id
             WHERE a.user_id = ?1 AND s.closed_at IS NULL ORDER BY s.created_at DESC, s.id",
        )?;
        let rows = stmt.query_map([user.as_str()], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The needs of a plan, in the order they were added.
    pub fn plan_needs(&self, survivor: &str) -> Result<Vec<StoredNeed>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, need_code, status, priority, target_date, words, updated_at, follow_up FROM plan_needs
             WHERE survivor_id = ?1 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([survivor], |r| {
            Ok(StoredNeed {
                id: r.get(0)?,
                code: r.get(1)?,
                status: r.get(2)?,
                priority: r.get(3)?,
                target_date: r.get(4)?,
                words: r.get(5)?,
                updated_at: r.get(6)?,
                follow_up: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a need to a plan.
    pub fn add_need(
        &self,
        survivor: &str,
        need: &StoredNeed,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        insert_need(&tx, survivor, need, now)?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Changes a need of a survivor's plan; whether it was there.
    pub fn update_need(
        &self,
        survivor: &str,
        need: &StoredNeed,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE plan_needs SET status = ?3, priority = ?4, target_date = ?5, words = ?6, updated_at = ?7,
                    follow_up = ?8
             WHERE id = ?1 AND survivor_id = ?2",
            params![
                need.id,
                survivor,
                need.status,
                need.priority,
                need.target_date,
                need.words,
                now,
                need.follow_up
            ],
        )?;
        if n == 1 {
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
    tx: &rusqlite::Transaction<'_>,
    survivor: &str,
    n: &StoredNeed,
    now: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO plan_needs (id, survivor_id, need_code, status, priority, target_date, words, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![n.id, survivor, n.code, n.status, n.priority, n.target_date, n.words, now],
    )?;
    Ok(())
}

/// A referral as stored.
#[derive(Clone, Debug)]
pub struct StoredReferral {
    /// Id.
    pub id: String,
    /// Opaque reference (what a provider sees).
    pub reference: String,
    /// Survivor.
    pub survivor: String,
    /// Need of the plan.
    pub need: String,
    /// HSDS service id.
    pub service: String,
    /// HSDS organisation id of the service.
    pub organization: String,
    /// Status code.
    pub status: String,
    /// Decline reason code.
    pub reason: Option<String>,
    /// Unix second of the last change of status.
    pub updated_at: i64,
    /// Follow-up date (`YYYY-MM-DD`).
    pub follow_up: Option<String>,
}

fn referral_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredReferral> {
    Ok(StoredReferral {
        id: r.get(0)?,
        reference: r.get(1)?,
        survivor: r.get(2)?,
        need: r.get(3)?,
        service: r.get(4)?,
        organization: r.get(5)?,
        status: r.get(6)?,
        reason: r.get(7)?,
        updated_at: r.get(8)?,
        follow_up: r.get(9)?,
    })
}

const REFERRAL_COLUMNS: &str =
    "id, reference, survivor_id, need_id, service_id, organization_id, status, reason, updated_at, follow_up";

impl Store {
    /// Records a new referral (and its first event).
    pub fn create_referral(
        &self,
        r: &StoredReferral,
        actor: &UserId,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO referrals (id, reference, survivor_id, need_id, service_id, organization_id, status, reason,
                                    created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![r.id, r.reference, r.survivor, r.need, r.service, r.organization, r.status, r.reason, now],
        )?;
        tx.execute(
            "INSERT INTO referral_events (referral_id, status, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![r.id, r.status, r.reason, actor.as_str(), now],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// One referral.
    pub fn referral(&self, id: &str) -> Result<Option<StoredReferral>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                &format!("SELECT {REFERRAL_COLUMNS} FROM referrals WHERE id = ?1"),
                [id],
                referral_row,
            )
            .optional()?)
    }

    /// The referrals of a survivor, oldest first.
    pub fn referrals_of(&self, survivor: &str) -> Result<Vec<StoredReferral>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE survivor_id = ?1 ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map([survivor], referral_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Moves a referral from `from` to `to` (with a reason for a decline); `false` when it was
    /// no longer at `from` (someone else moved it meanwhile: nothing changes).
    #[expect(
        clippy::too_many_arguments,
        reason = "one change, its context and its audit entry"
    )]
    pub fn move_referral(
        &self,
        id: &str,
        from: &str,
        to: &str,
        reason: Option<&str>,
        actor: &UserId,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE referrals SET status = ?3, reason = ?4, updated_at = ?5 WHERE id = ?1 AND status = ?2",
            params![id, from, to, reason, now],
        )?;
        if n != 1 {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO referral_events (referral_id, status, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, to, reason, actor.as_str(), now],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }

    /// Sets (or clears) a referral's follow-up date.
    pub fn set_referral_follow_up(
        &self,
        id: &str,
        date: Option<&str>,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE referrals SET follow_up = ?2 WHERE id = ?1",
            params![id, date],
        )?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Every change of a referral's status: (status, reason, actor, Unix second), oldest first.
    #[expect(clippy::type_complexity, reason = "a plain row")]
    pub fn referral_events(
        &self,
        id: &str,
    ) -> Result<Vec<(String, Option<String>, String, i64)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT status, reason, actor, at FROM referral_events WHERE referral_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// Removes a survivor and everything of their plan (the caller destroys their data key:
    /// crypto-shredding, CRY-3). The audit keeps only the content-free entry appended here.
    pub fn erase_survivor(&self, id: &str, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM referral_events WHERE referral_id IN (SELECT id FROM referrals WHERE survivor_id = ?1)",
            [id],
        )?;
        tx.execute("DELETE FROM referrals WHERE survivor_id = ?1", [id])?;
        tx.execute("DELETE FROM consents WHERE survivor_id = ?1", [id])?;
        tx.execute("DELETE FROM plan_needs WHERE survivor_id = ?1", [id])?;
        tx.execute("DELETE FROM survivor_advocates WHERE survivor_id = ?1", [id])?;
        let n = tx.execute("DELETE FROM survivors WHERE id = ?1", [id])?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Writes a consistent copy of the whole database to `to` while it is in use (REL-2:
    /// `VACUUM INTO`, never a copy of the live file). `to` must not exist.
    pub fn backup(&self, to: &std::path::Path) -> Result<(), StoreError> {
        let path = to.to_string_lossy().into_owned();
        self.read()?.execute("VACUUM INTO ?1", [path])?;
        Ok(())
    }
}

impl Store {
    /// Replaces a survivor's advocates (one primary, any co-advocates).
    pub fn set_advocates(
        &self,
        survivor: &str,
        advocates: &[(UserId, bool)],
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM survivor_advocates WHERE survivor_id = ?1",
            [survivor],
        )?;
        for (user, primary) in advocates {
            tx.execute(
                "INSERT INTO survivor_advocates (survivor_id, user_id, is_primary, since) VALUES (?1, ?2, ?3, ?4)",
                params![survivor, user.as_str(), primary, now],
            )?;
        }
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// Counts for an agency's report (no survivor field: codes and statuses only):
    /// needs by (need, status), referrals by (need, status), open needs with no live referral
    /// by need.
    #[expect(clippy::type_complexity, reason = "three plain tables")]
    pub fn agency_counts(
        &self,
        agency: &str,
    ) -> Result<
        (
            Vec<(String, String, u64)>,
            Vec<(String, String, u64)>,
            Vec<(String, u64)>,
        ),
        StoreError,
    > {
        let conn = self.read()?;
        let triples = |sql: &str| -> Result<Vec<(String, String, u64)>, StoreError> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([agency], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let needs = triples(
            "SELECT n.need_code, n.status, COUNT(*) FROM plan_needs n JOIN survivors s ON s.id = n.survivor_id
             WHERE s.agency_id = ?1 AND s.closed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2",
        )?;
        let referrals = triples(
            "SELECT n.need_code, r.status, COUNT(*) FROM referrals r JOIN plan_needs n ON n.id = r.need_id
             JOIN survivors s ON s.id = r.survivor_id WHERE s.agency_id = ?1 AND s.closed_at IS NULL
             GROUP BY 1, 2 ORDER BY 1, 2",
        )?;
        let mut stmt = conn.prepare(
            "SELECT n.need_code, COUNT(*) FROM plan_needs n JOIN survivors s ON s.id = n.survivor_id
             WHERE s.agency_id = ?1 AND s.closed_at IS NULL AND n.status IN ('identified', 'being_arranged')
               AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.need_id = n.id
                               AND r.status NOT IN ('declined', 'completed', 'closed_by_survivor', 'withdrawn'))
             GROUP BY 1 ORDER BY 1",
        )?;
        let unprovided = stmt
            .query_map([agency], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<Result<_, _>>()?;
        Ok((needs, referrals, unprovided))
    }
}

/// A consent as stored.
#[derive(Clone, Debug)]
pub struct StoredConsent {
    /// Id.
    pub id: String,
    /// Survivor.
    pub survivor: String,
    /// Recipient HSDS organisation id.
    pub organization: String,
    /// Field group codes, comma-separated.
    pub field_groups: String,
    /// The sealed purpose.
    pub purpose: Vec<u8>,
    /// Expiry date (`YYYY-MM-DD`).
    pub expires: String,
    /// Who witnessed it.
    pub witness: UserId,
    /// Unix second it was given.
    pub created_at: i64,
    /// Unix second it was revoked.
    pub revoked_at: Option<i64>,
}

fn consent_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredConsent> {
    Ok(StoredConsent {
        id: r.get(0)?,
        survivor: r.get(1)?,
        organization: r.get(2)?,
        field_groups: r.get(3)?,
        purpose: r.get(4)?,
        expires: r.get(5)?,
        witness: UserId(r.get(6)?),
        created_at: r.get(7)?,
        revoked_at: r.get(8)?,
    })
}

const CONSENT_COLUMNS: &str =
    "id, survivor_id, organization_id, field_groups, purpose, expires, witness, created_at, revoked_at";

impl Store {
    /// Records a consent.
    pub fn add_consent(&self, c: &StoredConsent, entry: &Entry, now: i64) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO consents (id, survivor_id, organization_id, field_groups, purpose, expires, witness, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![c.id, c.survivor, c.organization, c.field_groups, c.purpose, c.expires, c.witness.as_str(), now],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The consents of a survivor, newest first.
    pub fn consents_of(&self, survivor: &str) -> Result<Vec<StoredConsent>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {CONSENT_COLUMNS} FROM consents WHERE survivor_id = ?1 ORDER BY created_at DESC, id"
        ))?;
        let rows = stmt.query_map([survivor], consent_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One consent.
    pub fn consent(&self, id: &str) -> Result<Option<StoredConsent>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                &format!("SELECT {CONSENT_COLUMNS} FROM consents WHERE id = ?1"),
                [id],
                consent_row,
            )
            .optional()?)
    }

    /// Revokes a consent, at once; whether it was still in place.
    pub fn revoke_consent(&self, id: &str, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE consents SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id, now],
        )?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }
}

impl Store {
    /// Closes a survivor's plan (their work is done; the record waits for the retention purge).
    pub fn close_survivor(&self, id: &str, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE survivors SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
            params![id, now],
        )?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Whether a survivor's row exists, open or closed.
    pub fn survivor_exists(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self.read()?.query_row(
            "SELECT EXISTS (SELECT 1 FROM survivors WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    }

    /// Survivors whose plan was closed before `cutoff` (Unix second), with their agency.
    pub fn closed_before(&self, cutoff: i64) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT id, agency_id FROM survivors WHERE closed_at IS NOT NULL AND closed_at < ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([cutoff], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// Writes many referrals in one transaction, with one audit entry for the batch. For the
    /// planner's benchmark (a synthetic agency), never for real work: real referrals go
    /// through `Staff::refer`, one audited change each.
    pub fn create_referrals_in_bulk(
        &self,
        referrals: &[StoredReferral],
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO referrals (id, reference, survivor_id, need_id, service_id, organization_id, status, reason,
                                        created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?;
            for r in referrals {
                insert.execute(params![
                    r.id,
                    r.reference,
                    r.survivor,
                    r.need,
                    r.service,
                    r.organization,
                    r.status,
                    r.reason,
                    now - r.updated_at
                ])?;
            }
        }
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }
}

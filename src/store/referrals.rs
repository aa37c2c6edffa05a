//! Referrals and their events: each step of the closed loop stored with who and when, in the
//! same transaction as its audit entry.

use crate::store::sql::{OptionalExtension, Sql, params};

use super::tallies::Whose;
use super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::ids::{NeedId, ReferralId, SurvivorId};
use crate::domain::staff::UserId;

/// A referral as stored.
#[derive(Clone, Debug)]
pub struct StoredReferral {
    /// Id.
    pub id: ReferralId,
    /// Opaque reference (what a provider sees).
    pub reference: String,
    /// Survivor.
    pub survivor: SurvivorId,
    /// Need of the plan.
    pub need: NeedId,
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

const REFERRAL_COLUMNS: &str =
    "id, reference, survivor_id, need_id, service_id, organization_id, status, reason, updated_at, follow_up";

fn referral_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<StoredReferral> {
    Ok(StoredReferral {
        id: ReferralId(r.get(0)?),
        reference: r.get(1)?,
        survivor: SurvivorId(r.get(2)?),
        need: NeedId(r.get(3)?),
        service: r.get(4)?,
        organization: r.get(5)?,
        status: r.get(6)?,
        reason: r.get(7)?,
        updated_at: r.get(8)?,
        follow_up: r.get(9)?,
    })
}

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
        super::tallies::around(&tx, &[Whose::Survivor(r.survivor.as_str())], || {
            Ok(tx.execute(
                "INSERT INTO referrals (id, reference, survivor_id, need_id, service_id, organization_id, status, reason,
                                        created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![r.id.as_str(), r.reference, r.survivor.as_str(), r.need.as_str(), r.service, r.organization, r.status, r.reason, now],
            )?)
        })?;
        tx.execute(
            "INSERT INTO referral_events (referral_id, status, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![r.id.as_str(), r.status, r.reason, actor.as_str(), now],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }
    /// One referral.
    pub fn referral(&self, id: &ReferralId) -> Result<Option<StoredReferral>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                &format!("SELECT {REFERRAL_COLUMNS} FROM referrals WHERE id = ?1"),
                [id.as_str()],
                referral_row,
            )
            .optional()?)
    }
    /// The referrals of a survivor, oldest first.
    pub fn referrals_of(&self, survivor: &SurvivorId) -> Result<Vec<StoredReferral>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE survivor_id = ?1 ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map([survivor.as_str()], referral_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The referrals of each of several plans, each in the order they were made (see
    /// [`Store::plan_needs_of`]).
    pub fn referrals_of_all(
        &self,
        survivors: &[SurvivorId],
    ) -> Result<std::collections::HashMap<SurvivorId, Vec<StoredReferral>>, StoreError> {
        super::survivors::by_survivor(
            &*self.read()?,
            survivors,
            |list| {
                format!(
                    "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE survivor_id IN ({list}) ORDER BY created_at, id"
                )
            },
            |r| referral_row(r).map(|referral| (referral.survivor.clone(), referral)),
        )
    }

    /// The referrals addressed to an HSDS organisation that were sent (not drafts), newest
    /// change first.
    pub fn referrals_to(&self, organization_id: &str) -> Result<Vec<StoredReferral>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {REFERRAL_COLUMNS} FROM referrals WHERE organization_id = ?1 AND status <> 'draft'
             ORDER BY updated_at DESC, id"
        ))?;
        let rows = stmt.query_map([organization_id], referral_row)?;
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
        id: &ReferralId,
        from: &str,
        to: &str,
        reason: Option<&str>,
        actor: &UserId,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let survivor: Option<String> = tx
            .query_row(
                "SELECT survivor_id FROM referrals WHERE id = ?1",
                [id.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(survivor) = survivor else {
            return Ok(false);
        };
        let n = super::tallies::around(&tx, &[Whose::Survivor(&survivor)], || {
            Ok(tx.execute(
                "UPDATE referrals SET status = ?3, reason = ?4, updated_at = ?5 WHERE id = ?1 AND status = ?2",
                params![id.as_str(), from, to, reason, now],
            )?)
        })?;
        if n != 1 {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO referral_events (referral_id, status, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id.as_str(), to, reason, actor.as_str(), now],
        )?;
        // A draft concerns nobody outside the agency yet; every later step is announced.
        if to != "draft" {
            super::webhooks::queue_referral_event(&tx, id, to, now)?;
        }
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }
    /// Sets (or clears) a referral's follow-up date.
    pub fn set_referral_follow_up(
        &self,
        id: &ReferralId,
        date: Option<&str>,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE referrals SET follow_up = ?2 WHERE id = ?1",
            params![id.as_str(), date],
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
        id: &ReferralId,
    ) -> Result<Vec<(String, Option<String>, String, i64)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT status, reason, actor, at FROM referral_events WHERE referral_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
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
        let mut survivors: Vec<&str> = referrals.iter().map(|r| r.survivor.as_str()).collect();
        survivors.sort_unstable();
        survivors.dedup();
        let whose: Vec<Whose<'_>> = survivors.into_iter().map(Whose::Survivor).collect();
        super::tallies::around(&tx, &whose, || {
            let mut insert = tx.prepare(
                "INSERT INTO referrals (id, reference, survivor_id, need_id, service_id, organization_id, status, reason,
                                        created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?;
            for r in referrals {
                insert.execute(params![
                    r.id.as_str(),
                    r.reference,
                    r.survivor.as_str(),
                    r.need.as_str(),
                    r.service,
                    r.organization,
                    r.status,
                    r.reason,
                    now - r.updated_at
                ])?;
            }
            Ok(())
        })?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }
}

//! What a plan's history needs beyond the content-free audit log (issue 17): hand-overs —
//! from whom, to whom, the note — sealed with the survivor's key and erased with them; and
//! each referral's status events read back in order.

use crate::store::sql::{Sql, params};

use super::{Store, StoreError};
use crate::domain::ids::{ReferralId, SurvivorId};
use crate::domain::staff::UserId;

/// One entry of a plan's own history; `detail` is sealed with the survivor's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    /// Id (the sealed detail is bound to it).
    pub id: String,
    /// What kind of entry (`hand_over`, `co_advocate`, `new_primary`).
    pub kind: String,
    /// The sealed detail.
    pub detail: Vec<u8>,
    /// Who did it.
    pub actor: UserId,
    /// Unix second.
    pub at: i64,
}

/// One status a referral reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferralEvent {
    /// The referral.
    pub referral: ReferralId,
    /// The status reached.
    pub status: String,
    /// A decline's reason code.
    pub reason: Option<String>,
    /// Who moved it (an advocate, or a provider's staff).
    pub actor: UserId,
    /// Unix second.
    pub at: i64,
}

/// Adds `row` to `survivor`'s history inside the caller's transaction.
pub(super) fn insert(
    tx: &crate::store::sql::Transaction<'_>,
    survivor: &SurvivorId,
    row: &HistoryRow,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO plan_history (id, survivor_id, kind, detail, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            row.id,
            survivor.as_str(),
            row.kind,
            row.detail,
            row.actor.as_str(),
            row.at
        ],
    )?;
    Ok(())
}

impl Store {
    /// A survivor's history entries, oldest first.
    pub fn plan_history(&self, survivor: &SurvivorId) -> Result<Vec<HistoryRow>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT id, kind, detail, actor, at FROM plan_history WHERE survivor_id = ?1 ORDER BY at, rowid",
        )?;
        let rows = stmt.query_map([survivor.as_str()], |r| {
            Ok(HistoryRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                detail: r.get(2)?,
                actor: UserId(r.get(3)?),
                at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The status events of a survivor's referrals, in the order they happened.
    pub fn referral_events_of(&self, survivor: &SurvivorId) -> Result<Vec<ReferralEvent>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT e.referral_id, e.status, e.reason, e.actor, e.at FROM referral_events e
             JOIN referrals r ON r.id = e.referral_id WHERE r.survivor_id = ?1 ORDER BY e.seq",
        )?;
        let rows = stmt.query_map([survivor.as_str()], |r| {
            Ok(ReferralEvent {
                referral: ReferralId(r.get(0)?),
                status: r.get(1)?,
                reason: r.get(2)?,
                actor: UserId(r.get(3)?),
                at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

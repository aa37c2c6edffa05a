//! Consents to share with one organisation: the purpose arrives sealed; revoking is a
//! timestamp, never a delete, so the plan shows what was once given.

use crate::store::sql::{OptionalExtension, Sql, params};

use super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::ids::{ConsentId, SurvivorId};
use crate::domain::staff::UserId;

/// A consent as stored.
#[derive(Clone, Debug)]
pub struct StoredConsent {
    /// Id.
    pub id: ConsentId,
    /// Survivor.
    pub survivor: SurvivorId,
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

const CONSENT_COLUMNS: &str =
    "id, survivor_id, organization_id, field_groups, purpose, expires, witness, created_at, revoked_at";

fn consent_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<StoredConsent> {
    Ok(StoredConsent {
        id: ConsentId(r.get(0)?),
        survivor: SurvivorId(r.get(1)?),
        organization: r.get(2)?,
        field_groups: r.get(3)?,
        purpose: r.get(4)?,
        expires: r.get(5)?,
        witness: UserId(r.get(6)?),
        created_at: r.get(7)?,
        revoked_at: r.get(8)?,
    })
}

impl Store {
    /// Records a consent.
    pub fn add_consent(&self, c: &StoredConsent, entry: &Entry, now: i64) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO consents (id, survivor_id, organization_id, field_groups, purpose, expires, witness, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![c.id.as_str(), c.survivor.as_str(), c.organization, c.field_groups, c.purpose, c.expires, c.witness.as_str(), now],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }
    /// The consents of a survivor, newest first.
    pub fn consents_of(&self, survivor: &SurvivorId) -> Result<Vec<StoredConsent>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {CONSENT_COLUMNS} FROM consents WHERE survivor_id = ?1 ORDER BY created_at DESC, id"
        ))?;
        let rows = stmt.query_map([survivor.as_str()], consent_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
    /// One consent.
    pub fn consent(&self, id: &ConsentId) -> Result<Option<StoredConsent>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                &format!("SELECT {CONSENT_COLUMNS} FROM consents WHERE id = ?1"),
                [id.as_str()],
                consent_row,
            )
            .optional()?)
    }
    /// Revokes a consent, at once; whether it was still in place.
    pub fn revoke_consent(&self, id: &ConsentId, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE consents SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id.as_str(), now],
        )?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }
}

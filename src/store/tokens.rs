//! Provider organisations' API tokens (PRV-2): stored as a hash of the secret only; revoking
//! is a timestamp, and a revoked token never matches again.

use crate::store::sql::{OptionalExtension, Sql, params};

use super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::staff::{ProviderId, UserId};

/// A token as stored (never its secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredToken {
    /// Id.
    pub id: String,
    /// The provider organisation it speaks for.
    pub provider: ProviderId,
    /// Its name.
    pub name: String,
    /// Who made it.
    pub created_by: UserId,
    /// Unix second it was made.
    pub created_at: i64,
    /// Unix second it was last used.
    pub last_used_at: Option<i64>,
    /// Unix second it was revoked.
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str = "id, provider_id, name, created_by, created_at, last_used_at, revoked_at";

fn row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<StoredToken> {
    Ok(StoredToken {
        id: r.get(0)?,
        provider: ProviderId(r.get(1)?),
        name: r.get(2)?,
        created_by: UserId(r.get(3)?),
        created_at: r.get(4)?,
        last_used_at: r.get(5)?,
        revoked_at: r.get(6)?,
    })
}

impl Store {
    /// Records a new token (its hash), with its audit entry.
    pub fn create_api_token(
        &self,
        t: &StoredToken,
        hash: &[u8; 32],
        entry: &Entry,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            &format!(
                "INSERT INTO api_tokens ({COLUMNS}, token_hash) VALUES (?1, ?2, ?3, ?4, ?5, NULL, NULL, ?6)"
            ),
            params![
                t.id,
                t.provider.as_str(),
                t.name,
                t.created_by.as_str(),
                t.created_at,
                hash.as_slice()
            ],
        )?;
        self.append(&tx, entry, t.created_at)?;
        tx.commit()?;
        Ok(())
    }

    /// The tokens of a provider organisation, newest first (revoked ones too).
    pub fn api_tokens_of(&self, provider: &ProviderId) -> Result<Vec<StoredToken>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM api_tokens WHERE provider_id = ?1 ORDER BY created_at DESC, id"
        ))?;
        let rows = stmt.query_map([provider.as_str()], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One token by id.
    pub fn api_token(&self, id: &str) -> Result<Option<StoredToken>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                &format!("SELECT {COLUMNS} FROM api_tokens WHERE id = ?1"),
                [id],
                row,
            )
            .optional()?)
    }

    /// The live (not revoked) token with this secret's hash, marked used at `now`.
    pub fn use_api_token(&self, hash: &[u8; 32], now: i64) -> Result<Option<StoredToken>, StoreError> {
        let conn = self.write()?;
        let found = conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL"),
                [hash.as_slice()],
                row,
            )
            .optional()?;
        if let Some(t) = &found {
            conn.execute(
                "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1",
                params![t.id, now],
            )?;
        }
        Ok(found)
    }

    /// Revokes a live token; whether it was live.
    pub fn revoke_api_token(&self, id: &str, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
            params![id, now],
        )?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }
}

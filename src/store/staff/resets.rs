//! Two-person credential resets (AC-6): a reset asked for by one admin waits for a second
//! admin's approval, which makes the link; and the notice its owner reads afterwards.

use crate::store::sql::{OptionalExtension, Sql, params};

use super::super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::staff::{ResetId, UserId};

/// A reset asked for and not yet decided.
#[derive(Clone, Debug)]
pub struct ResetRequest {
    /// Id (random).
    pub id: ResetId,
    /// Whose sign-in is to be reset.
    pub user: UserId,
    /// The admin who asked.
    pub requested_by: UserId,
    /// When.
    pub requested_at: i64,
    /// Until when a second admin may approve it.
    pub expires_at: i64,
}

/// A spent reset, as its owner is told of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResetNotice {
    /// When the new credentials were set.
    pub at: i64,
    /// Who made (or, for a two-person reset, approved) the link.
    pub made_by: String,
    /// Who asked for it, when a second admin approved it.
    pub asked_by: Option<String>,
}

impl Store {
    /// Records a reset asked for; an earlier undecided one for the account by the same admin
    /// is replaced by it.
    pub fn request_reset(&self, request: &ResetRequest, entry: &Entry, now: i64) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE reset_requests SET decided_by = requested_by, decided_at = ?3, approved = 0
             WHERE user_id = ?1 AND requested_by = ?2 AND decided_at IS NULL",
            params![request.user.as_str(), request.requested_by.as_str(), now],
        )?;
        tx.execute(
            "INSERT INTO reset_requests (id, user_id, requested_by, requested_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                request.id.as_str(),
                request.user.as_str(),
                request.requested_by.as_str(),
                request.requested_at,
                request.expires_at
            ],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Resets asked for, undecided and not expired, oldest first.
    pub fn reset_requests(&self, now: i64) -> Result<Vec<ResetRequest>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT id, user_id, requested_by, requested_at, expires_at FROM reset_requests
             WHERE decided_at IS NULL AND expires_at > ?1 ORDER BY requested_at, id",
        )?;
        let rows = stmt.query_map([now], |r| {
            Ok(ResetRequest {
                id: ResetId(r.get(0)?),
                user: UserId(r.get(1)?),
                requested_by: UserId(r.get(2)?),
                requested_at: r.get(3)?,
                expires_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Approves an undecided reset and makes its link in one transaction (earlier unused
    /// links of the account die). `Ok(false)` when it was decided or expired meanwhile.
    pub fn approve_reset(
        &self,
        request: &ResetRequest,
        approver: &UserId,
        token_hash: &[u8; 32],
        link_expires_at: i64,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let decided = tx.execute(
            "UPDATE reset_requests SET decided_by = ?2, decided_at = ?3, approved = 1
             WHERE id = ?1 AND decided_at IS NULL AND expires_at > ?3",
            params![request.id.as_str(), approver.as_str(), now],
        )?;
        if decided != 1 {
            return Ok(false);
        }
        replace_reset_link(
            &tx,
            token_hash,
            &request.user,
            approver,
            Some(&request.requested_by),
            link_expires_at,
            now,
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }

    /// Refuses (or, by its asker, withdraws) an undecided reset. `Ok(false)` when it was
    /// decided meanwhile.
    pub fn refuse_reset(
        &self,
        id: &ResetId,
        by: &UserId,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let decided = tx.execute(
            "UPDATE reset_requests SET decided_by = ?2, decided_at = ?3, approved = 0
             WHERE id = ?1 AND decided_at IS NULL",
            params![id.as_str(), by.as_str(), now],
        )?;
        if decided != 1 {
            return Ok(false);
        }
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }

    /// The latest reset of `user`'s sign-in completed at or after `since`, with the names of
    /// who made the link and who asked for it.
    pub fn reset_notice(&self, user: &UserId, since: i64) -> Result<Option<ResetNotice>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                "SELECT r.completed_at, m.name, a.name
                 FROM credential_resets r JOIN users m ON m.id = r.created_by
                 LEFT JOIN users a ON a.id = r.requested_by
                 WHERE r.user_id = ?1 AND r.completed_at >= ?2
                 ORDER BY r.completed_at DESC LIMIT 1",
                params![user.as_str(), since],
                |r| {
                    Ok(ResetNotice {
                        at: r.get(0)?,
                        made_by: r.get(1)?,
                        asked_by: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }
}

/// Records a reset link for `user` made by `by` (at the request of `asked_by`, for a
/// two-person reset) inside the caller's transaction; earlier unused links die with it.
pub(super) fn replace_reset_link(
    tx: &impl Sql,
    token_hash: &[u8; 32],
    user: &UserId,
    by: &UserId,
    asked_by: Option<&UserId>,
    expires_at: i64,
    now: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE credential_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
        params![user.as_str(), now],
    )?;
    tx.execute(
        "INSERT INTO credential_resets (id, token_hash, user_id, created_by, created_at, expires_at, requested_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            uuid::Uuid::new_v4().to_string(),
            token_hash.as_slice(),
            user.as_str(),
            by.as_str(),
            now,
            expires_at,
            asked_by.map(UserId::as_str)
        ],
    )?;
    Ok(())
}

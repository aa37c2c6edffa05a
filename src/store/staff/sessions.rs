//! Sessions: looked up by the hash of their token, touched, ended one by one or all at once.

use super::*;

impl Store {
    /// The session with this token hash.
    pub fn session(&self, token_hash: &[u8; 32]) -> Result<Option<StoredSession>, StoreError> {
        Ok(self
            .read()?
            .prepare_cached(
                "SELECT s.id, s.user_id, u.name, s.created_at, s.last_seen_at, u.disabled_at IS NOT NULL
                 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1",
            )?
            .query_row([token_hash.as_slice()], session_row)
            .optional()?)
    }

    /// Records activity on a session.
    pub fn touch_session(&self, id: &SessionId, now: i64) -> Result<(), StoreError> {
        self.write()?.execute(
            "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1",
            params![id.as_str(), now],
        )?;
        Ok(())
    }

    /// Deletes one session of `user` (SES-4); whether it existed.
    pub fn end_session(
        &self,
        user: &UserId,
        id: &SessionId,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "DELETE FROM sessions WHERE id = ?1 AND user_id = ?2",
            params![id.as_str(), user.as_str()],
        )?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Deletes a session that ran out (no audit entry: nobody acted).
    pub fn expire_session(&self, id: &SessionId) -> Result<(), StoreError> {
        self.write()?
            .execute("DELETE FROM sessions WHERE id = ?1", [id.as_str()])?;
        Ok(())
    }

    /// Deletes every session of `user`; how many there were.
    pub fn end_sessions_of(&self, user: &UserId, entry: &Entry, now: i64) -> Result<usize, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user.as_str()])?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(n)
    }

    /// The sessions of `user`, newest first.
    pub fn sessions_of(&self, user: &UserId) -> Result<Vec<StoredSession>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT s.id, s.user_id, u.name, s.created_at, s.last_seen_at, u.disabled_at IS NOT NULL
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.user_id = ?1
             ORDER BY s.created_at DESC, s.id",
        )?;
        let rows = stmt.query_map([user.as_str()], session_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

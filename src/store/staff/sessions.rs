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

#[cfg(test)]
mod tests {
    use super::super::tests::{NOW, admin, advocate, entry, sign_in};
    use super::*;
    use crate::store::tests::temp_store;

    #[test]
    fn signing_out_deletes_that_session_only_and_only_for_its_owner() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let (ana, _) = advocate(&store, &admin, "ana@example.org");
        let phone = sign_in(&store, &ana, &[4; 32], NOW);
        let laptop = sign_in(&store, &ana, &[5; 32], NOW);
        assert!(
            !store.end_session(&admin, &laptop, &entry("logout"), NOW).unwrap(),
            "someone else's session"
        );
        assert!(store.session(&[5; 32]).unwrap().is_some());

        assert!(store.end_session(&ana, &phone, &entry("logout"), NOW).unwrap());
        assert!(store.session(&[4; 32]).unwrap().is_none());
        assert!(!store.end_session(&ana, &phone, &entry("logout"), NOW).unwrap());
        let left = store.session(&[5; 32]).unwrap().unwrap();
        assert_eq!((left.id, left.user), (laptop, ana));
    }

    #[test]
    fn sessions_are_touched_listed_newest_first_expired_and_ended_all_at_once() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let old = sign_in(&store, &admin, &[4; 32], NOW);
        let new = sign_in(&store, &admin, &[5; 32], NOW + 10);
        let third = sign_in(&store, &admin, &[6; 32], NOW + 5);
        store.touch_session(&old, NOW + 99).unwrap();
        let s = store.session(&[4; 32]).unwrap().unwrap();
        assert_eq!((s.created_at, s.last_seen_at), (NOW, NOW + 99));
        assert_eq!(s.name, "Name of admin@example.org");
        let ids: Vec<SessionId> = store
            .sessions_of(&admin)
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, [new, third.clone(), old]);

        store.expire_session(&third).unwrap();
        assert!(store.session(&[6; 32]).unwrap().is_none());
        assert_eq!(
            store
                .end_sessions_of(&admin, &entry("sessions.end"), NOW)
                .unwrap(),
            2
        );
        assert!(store.sessions_of(&admin).unwrap().is_empty());
    }
}

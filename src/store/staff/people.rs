//! People and memberships: grants, the people list, roles added and ended, accounts disabled
//! and re-enabled, invitations made, listed and revoked.

use super::*;

impl Store {
    /// The active memberships of `user`, as grants.
    pub fn grants_of(&self, user: &UserId) -> Result<Vec<Grant>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare_cached(
            "SELECT role, agency_id, provider_id, id FROM memberships WHERE user_id = ?1 AND ended_at IS NULL
             ORDER BY created_at, id",
        )?;
        let mut rows = stmt.query([user.as_str()])?;
        let mut grants = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(3)?;
            grants.push(
                grant_from(&r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)
                    .ok_or_else(|| corrupt("memberships", &id))?,
            );
        }
        Ok(grants)
    }

    /// Every account with every membership (ended ones too), by name.
    pub fn people(&self) -> Result<Vec<(Account, Vec<Membership>)>, StoreError> {
        let conn = self.read()?;
        let mut people: Vec<(Account, Vec<Membership>)> = {
            let mut stmt = conn
                .prepare("SELECT id, email, name, disabled_at IS NOT NULL FROM users ORDER BY name, email")?;
            let rows = stmt.query_map((), |r| {
                Ok(Account {
                    id: UserId(r.get(0)?),
                    email: r.get(1)?,
                    name: r.get(2)?,
                    disabled: r.get(3)?,
                })
            })?;
            rows.map(|a| a.map(|a| (a, Vec::new())))
                .collect::<Result<_, _>>()?
        };
        let mut stmt = conn.prepare(&format!(
            "SELECT {MEMBERSHIP_COLUMNS} FROM memberships ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map((), membership_row)?;
        for row in rows {
            let m = membership_from(row?)?;
            if let Some((_, list)) = people.iter_mut().find(|(a, _)| a.id == m.user) {
                list.push(m);
            }
        }
        Ok(people)
    }

    /// One membership.
    pub fn membership(&self, id: &MembershipId) -> Result<Option<Membership>, StoreError> {
        let row = self
            .read()?
            .query_row(
                &format!("SELECT {MEMBERSHIP_COLUMNS} FROM memberships WHERE id = ?1"),
                [id.as_str()],
                membership_row,
            )
            .optional()?;
        row.map(membership_from).transpose()
    }

    /// Ends a membership and the member's sessions (SES-4: they sign in again with what is
    /// left). `false` when it had ended already.
    pub fn end_membership(&self, id: &MembershipId, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let user: Option<String> = tx
            .query_row(
                "UPDATE memberships SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL RETURNING user_id",
                params![id.as_str(), now],
                |r| r.get(0),
            )
            .optional()?;
        let Some(user) = user else {
            return Ok(false);
        };
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [&user])?;
        tx.execute(
            "UPDATE credential_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
            params![user, now],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }

    /// Disables an account and deletes its sessions. `false` when it was disabled already.
    pub fn disable_user(&self, user: &UserId, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE users SET disabled_at = ?2 WHERE id = ?1 AND disabled_at IS NULL",
            params![user.as_str(), now],
        )?;
        if n == 1 {
            tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user.as_str()])?;
            tx.execute(
                "UPDATE credential_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
                params![user.as_str(), now],
            )?;
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Re-enables a disabled account; whether it was disabled.
    pub fn enable_user(&self, user: &UserId, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE users SET disabled_at = NULL, failed_logins = 0, locked_until = 0
             WHERE id = ?1 AND disabled_at IS NOT NULL",
            [user.as_str()],
        )?;
        if n == 1 {
            tx.execute(
                "UPDATE credential_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
                params![user.as_str(), now],
            )?;
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Adds a membership to an existing account (and ends its sessions: SES-2).
    pub fn add_membership(
        &self,
        user: &UserId,
        grant: &Grant,
        entry: &Entry,
        now: i64,
    ) -> Result<MembershipId, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let id = insert_membership(&tx, user, grant, now)?;
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user.as_str()])?;
        tx.execute(
            "UPDATE credential_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
            params![user.as_str(), now],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// The usable invitation with this token hash.
    pub fn invitation(&self, hash: &[u8; 32], now: i64) -> Result<Option<Invitation>, StoreError> {
        let row = self
            .read()?
            .query_row(
                "SELECT id, email, role, agency_id, provider_id, expires_at FROM invitations
                 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
                params![hash.as_slice(), now],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(id, email, role, agency, provider, expires_at)| {
            let grant = grant_from(&role, agency, provider).ok_or_else(|| corrupt("invitations", &id))?;
            Ok(Invitation {
                id: InvitationId(id),
                email,
                grant,
                expires_at,
            })
        })
        .transpose()
    }

    /// Records an invitation.
    pub fn create_invitation(
        &self,
        invitation: &NewInvitation<'_>,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let (agency, provider) = scope_columns(&invitation.grant.scope);
        tx.execute(
            "INSERT INTO invitations (id, token_hash, email, role, agency_id, provider_id, invited_by, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                invitation.id.as_str(),
                invitation.token_hash.as_slice(),
                invitation.email,
                invitation.grant.role.code(),
                agency,
                provider,
                invitation.invited_by.as_str(),
                now,
                invitation.expires_at
            ],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Invitations not used and not expired at `now`, soonest to expire first.
    pub fn pending_invitations(&self, now: i64) -> Result<Vec<Invitation>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT id, email, role, agency_id, provider_id, expires_at FROM invitations
             WHERE used_at IS NULL AND expires_at > ?1 ORDER BY expires_at",
        )?;
        let mut rows = stmt.query([now])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let grant = grant_from(&r.get::<_, String>(2)?, r.get(3)?, r.get(4)?)
                .ok_or_else(|| corrupt("invitations", &id))?;
            out.push(Invitation {
                id: InvitationId(id),
                email: r.get(1)?,
                grant,
                expires_at: r.get(5)?,
            });
        }
        Ok(out)
    }

    /// Revokes an invitation not yet used; whether it was still pending.
    pub fn revoke_invitation(&self, id: &InvitationId, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        // A revoked invitation is spent, as if used: its link stops working at once.
        let n = tx.execute(
            "UPDATE invitations SET used_at = ?2, expires_at = ?2 WHERE id = ?1 AND used_at IS NULL AND expires_at > ?2",
            params![id.as_str(), now],
        )?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{NOW, account, admin, advocate, entry, invite, sign_in};
    use super::*;
    use crate::store::tests::temp_store;

    fn memberships_of(store: &Store, user: &UserId) -> Vec<Membership> {
        store
            .people()
            .unwrap()
            .into_iter()
            .find(|(a, _)| &a.id == user)
            .map(|(_, m)| m)
            .unwrap_or_default()
    }

    #[test]
    fn ending_a_membership_removes_its_grant_and_signs_the_member_out() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let (ana, _) = advocate(&store, &admin, "ana@example.org");
        sign_in(&store, &ana, &[4; 32], NOW);
        let id = memberships_of(&store, &ana)[0].id.clone();

        assert!(
            store
                .end_membership(&id, &entry("membership.end"), NOW + 5)
                .unwrap()
        );
        assert!(store.grants_of(&ana).unwrap().is_empty());
        assert!(store.session(&[4; 32]).unwrap().is_none());
        assert_eq!(
            store.membership(&id).unwrap().and_then(|m| m.ended),
            Some(NOW + 5)
        );
        // The people list still shows the ended role.
        assert_eq!(memberships_of(&store, &ana).len(), 1);
        assert!(
            !store
                .end_membership(&id, &entry("membership.end"), NOW + 6)
                .unwrap()
        );
        assert_eq!(
            store.membership(&id).unwrap().and_then(|m| m.ended),
            Some(NOW + 5)
        );
    }

    #[test]
    fn adding_a_role_keeps_the_first_and_signs_the_member_out() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let (ana, first) = advocate(&store, &admin, "ana@example.org");
        sign_in(&store, &ana, &[4; 32], NOW);
        let second = Grant {
            role: Role::AgencyAdmin,
            scope: first.scope.clone(),
        };
        store
            .add_membership(&ana, &second, &entry("membership.add"), NOW + 1)
            .unwrap();
        assert_eq!(store.grants_of(&ana).unwrap(), [first, second]);
        assert!(store.session(&[4; 32]).unwrap().is_none());
    }

    #[test]
    fn a_disabled_account_loses_its_sessions_and_is_no_admin_until_enabled() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        sign_in(&store, &admin, &[4; 32], NOW);
        assert!(store.disable_user(&admin, &entry("user.disable"), NOW).unwrap());
        assert!(!store.disable_user(&admin, &entry("user.disable"), NOW).unwrap());
        assert!(store.session(&[4; 32]).unwrap().is_none());
        assert!(!store.has_directory_admin().unwrap());
        assert!(store.credentials("admin@example.org").unwrap().unwrap().disabled);

        assert!(store.enable_user(&admin, &entry("user.enable"), NOW).unwrap());
        assert!(!store.enable_user(&admin, &entry("user.enable"), NOW).unwrap());
        assert!(store.has_directory_admin().unwrap());
        assert!(!store.credentials("admin@example.org").unwrap().unwrap().disabled);
    }

    #[test]
    fn a_revoked_invitation_stops_working_at_once() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let grant = Grant {
            role: Role::Advocate,
            scope: Scope::Agency(super::super::tests::agency(&store, "Harbor Advocates")),
        };
        invite(&store, &admin, &grant, "ana@example.org", &[7; 32]);
        let pending = store.pending_invitations(NOW).unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(
            (pending[0].email.as_str(), &pending[0].grant),
            ("ana@example.org", &grant)
        );
        assert!(
            store.pending_invitations(NOW + 3_600).unwrap().is_empty(),
            "expired"
        );

        let id = pending[0].id.clone();
        assert!(
            store
                .revoke_invitation(&id, &entry("invitation.revoke"), NOW)
                .unwrap()
        );
        assert!(
            !store
                .revoke_invitation(&id, &entry("invitation.revoke"), NOW)
                .unwrap()
        );
        assert!(store.invitation(&[7; 32], NOW).unwrap().is_none());
        assert!(store.pending_invitations(NOW).unwrap().is_empty());
        assert_eq!(
            store
                .enrol(Pass::Invitation(&[7; 32]), &account("ana@example.org"), NOW)
                .unwrap(),
            None
        );
    }
}

//! Accounts: the first admin's setup tokens, enrolment, sign-in credentials and their
//! failures and successes, recovery codes, credential resets.

use super::*;

impl Store {
    /// Whether an enabled account holds an active directory-admin membership.
    pub fn has_directory_admin(&self) -> Result<bool, StoreError> {
        Ok(self.read()?.query_row(
            "SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.role = 'directory_admin' AND m.ended_at IS NULL AND u.disabled_at IS NULL)",
            (),
            |r| r.get(0),
        )?)
    }

    /// How many accounts exist (enabled or not).
    pub fn count_users(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .read()?
            .query_row("SELECT COUNT(*) FROM users", (), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Records a setup token's hash.
    pub fn add_setup_token(&self, hash: &[u8; 32], expires_at: i64) -> Result<(), StoreError> {
        self.write()?.execute(
            "INSERT INTO setup_tokens (token_hash, expires_at) VALUES (?1, ?2)",
            params![hash.as_slice(), expires_at],
        )?;
        Ok(())
    }

    /// Whether a setup token can still be used at `now` (and no directory admin exists).
    pub fn setup_token_usable(&self, hash: &[u8; 32], now: i64) -> Result<bool, StoreError> {
        Ok(self.read()?.query_row(
            "SELECT EXISTS (SELECT 1 FROM setup_tokens WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2)
                AND NOT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                    WHERE m.role = 'directory_admin' AND m.ended_at IS NULL AND u.disabled_at IS NULL)",
            params![hash.as_slice(), now],
            |r| r.get(0),
        )?)
    }

    /// Spends `pass` and creates the account with its membership and recovery codes, all or
    /// nothing. `Ok(None)` when the pass is no longer usable; [`StoreError::Conflict`] when
    /// the email already has an account.
    pub fn enrol(&self, pass: Pass<'_>, account: &NewAccount, now: i64) -> Result<Option<Grant>, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let grant = match pass {
            Pass::Setup(hash) => {
                // AC-5: setup makes the first directory admin only; every other link dies with it.
                let admin_exists: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
                      WHERE m.role = 'directory_admin' AND m.ended_at IS NULL AND u.disabled_at IS NULL)",
                    (),
                    |r| r.get(0),
                )?;
                let spent = tx.execute(
                    "UPDATE setup_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
                    params![hash.as_slice(), now],
                )?;
                tx.execute(
                    "UPDATE setup_tokens SET used_at = ?1 WHERE used_at IS NULL",
                    [now],
                )?;
                (spent == 1 && !admin_exists).then_some(Grant {
                    role: Role::DirectoryAdmin,
                    scope: Scope::Directory,
                })
            }
            Pass::Invitation(hash) => {
                let row: Option<InvitationRow> = tx
                    .query_row(
                        "UPDATE invitations SET used_at = ?2
                         WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
                         RETURNING id, email, role, agency_id, provider_id",
                        params![hash.as_slice(), now],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                    )
                    .optional()?;
                match row {
                    Some((id, email, role, agency, provider)) => {
                        if email != account.email {
                            return Ok(None);
                        }
                        Some(grant_from(&role, agency, provider).ok_or_else(|| corrupt("invitations", &id))?)
                    }
                    None => None,
                }
            }
        };
        let Some(grant) = grant else {
            return Ok(None);
        };
        let inserted = tx.execute(
            "INSERT INTO users (id, email, name, password_hash, totp_secret, totp_last_step, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                account.id.as_str(),
                account.email,
                account.name,
                account.password_hash,
                account.totp_sealed,
                account.totp_step,
                now
            ],
        );
        match inserted {
            Err(e) if is_unique_violation(&e) => return Err(StoreError::Conflict("email")),
            other => other?,
        };
        let membership = insert_membership(&tx, &account.id, &grant, now)?;
        for h in &account.recovery_hashes {
            tx.execute(
                "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)",
                params![account.id.as_str(), h.as_slice()],
            )?;
        }
        self.append(
            &tx,
            &Entry {
                actor: Some(account.id.to_string()),
                agency: grant.scope.agency().map(ToString::to_string),
                action: match pass {
                    Pass::Setup(_) => "account.setup",
                    Pass::Invitation(_) => "invitation.accept",
                },
                record: format!("membership:{membership}"),
                allowed: true,
            },
            now,
        )?;
        tx.commit()?;
        Ok(Some(grant))
    }

    /// What signing in needs, by normalised email.
    pub fn credentials(&self, email: &str) -> Result<Option<Credentials>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                "SELECT id, password_hash, totp_secret, totp_last_step, failed_logins, locked_until,
                        disabled_at IS NOT NULL
                 FROM users WHERE email = ?1",
                [email],
                |r| {
                    Ok(Credentials {
                        id: UserId(r.get(0)?),
                        password_hash: r.get(1)?,
                        totp_sealed: r.get(2)?,
                        totp_last_step: r.get(3)?,
                        failed_logins: r.get(4)?,
                        locked_until: r.get(5)?,
                        disabled: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records a successful sign-in: resets the account's failures and those of its address,
    /// spends the TOTP step or the recovery code, stores a rehashed password if given, creates
    /// the session. Anything else (nothing changed) says why.
    #[allow(clippy::too_many_arguments)]
    pub fn login_succeeded(
        &self,
        user: &UserId,
        address: &super::AddressTag,
        totp_step: Option<i64>,
        recovery: Option<&[u8; 32]>,
        rehash: Option<&str>,
        session: &NewSession<'_>,
        now: i64,
    ) -> Result<SignIn, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        if let Some(step) = totp_step {
            let n = tx.execute(
                "UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND totp_last_step < ?2",
                params![user.as_str(), step],
            )?;
            if n == 0 {
                return Ok(SignIn::CodeSpentMeanwhile);
            }
        }
        if let Some(code) = recovery {
            let n = tx.execute(
                "UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
                params![user.as_str(), code.as_slice(), now],
            )?;
            if n == 0 {
                return Ok(SignIn::NoSuchRecoveryCode);
            }
        }
        // Re-checked here: a lock or a disabling that landed while the password was hashed wins.
        let open = tx.execute(
            "UPDATE users SET failed_logins = 0, locked_until = 0
             WHERE id = ?1 AND locked_until <= ?2 AND disabled_at IS NULL",
            params![user.as_str(), now],
        )?;
        let pair_locked = tx
            .query_row(
                "SELECT locked_until > ?3 FROM sign_in_failures WHERE user_id = ?1 AND address = ?2",
                params![user.as_str(), address.as_slice(), now],
                |r| r.get::<_, bool>(0),
            )
            .optional()?
            .unwrap_or(false);
        if open == 0 || pair_locked {
            return Ok(SignIn::Closed);
        }
        tx.execute(
            "DELETE FROM sign_in_failures WHERE user_id = ?1 AND address = ?2",
            params![user.as_str(), address.as_slice()],
        )?;
        if let Some(hash) = rehash {
            tx.execute(
                "UPDATE users SET password_hash = ?2 WHERE id = ?1",
                params![user.as_str(), hash],
            )?;
        }
        tx.execute(
            "INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![session.id.as_str(), session.token_hash.as_slice(), user.as_str(), now],
        )?;
        self.append(
            &tx,
            &Entry {
                actor: Some(user.to_string()),
                agency: None,
                action: if recovery.is_some() {
                    "login.recovery_code"
                } else {
                    "login"
                },
                record: format!("session:{}", session.id),
                allowed: true,
            },
            now,
        )?;
        tx.commit()?;
        Ok(SignIn::Opened)
    }

    /// Recovery codes not yet used (the unit tests' view of what sign-in spent).
    #[cfg(test)]
    pub fn recovery_codes_left(&self, user: &UserId) -> Result<u64, StoreError> {
        let n: i64 = self.read()?.query_row(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
            [user.as_str()],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// The account with this email, if any.
    pub fn account_by_email(&self, email: &str) -> Result<Option<Account>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                "SELECT id, email, name, disabled_at IS NOT NULL FROM users WHERE email = ?1",
                [email],
                |r| {
                    Ok(Account {
                        id: UserId(r.get(0)?),
                        email: r.get(1)?,
                        name: r.get(2)?,
                        disabled: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// One account by id.
    pub fn account_by_id(&self, id: &UserId) -> Result<Option<Account>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                "SELECT id, email, name, disabled_at IS NOT NULL FROM users WHERE id = ?1",
                [id.as_str()],
                |r| {
                    Ok(Account {
                        id: UserId(r.get(0)?),
                        email: r.get(1)?,
                        name: r.get(2)?,
                        disabled: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records a credential reset link for `user` (earlier unused ones die with it).
    pub fn create_reset(
        &self,
        token_hash: &[u8; 32],
        user: &UserId,
        by: &UserId,
        expires_at: i64,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        super::resets::replace_reset_link(&tx, token_hash, user, by, None, expires_at, now)?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The account a usable reset link is for, and who made the link.
    pub fn reset_target(
        &self,
        token_hash: &[u8; 32],
        now: i64,
    ) -> Result<Option<(Account, UserId)>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                "SELECT u.id, u.email, u.name, u.disabled_at IS NOT NULL, r.created_by
                 FROM credential_resets r JOIN users u ON u.id = r.user_id
                 WHERE r.token_hash = ?1 AND r.used_at IS NULL AND r.expires_at > ?2 AND u.disabled_at IS NULL",
                params![token_hash.as_slice(), now],
                |r| {
                    Ok((
                        Account {
                            id: UserId(r.get(0)?),
                            email: r.get(1)?,
                            name: r.get(2)?,
                            disabled: r.get(3)?,
                        },
                        UserId(r.get(4)?),
                    ))
                },
            )
            .optional()?)
    }

    /// Spends a reset link: new password, TOTP secret and recovery codes for its account, every
    /// session ended (SES-2), failures forgotten. `Ok(false)` when the link is no longer usable
    /// or is for another account.
    pub fn complete_reset(
        &self,
        token_hash: &[u8; 32],
        user: &UserId,
        new: &NewCredentials,
        entry: &Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let spent = tx.execute(
            "UPDATE credential_resets SET used_at = ?3, completed_at = ?3
             WHERE token_hash = ?1 AND user_id = ?2 AND used_at IS NULL AND expires_at > ?3",
            params![token_hash.as_slice(), user.as_str(), now],
        )?;
        if spent != 1 {
            return Ok(false);
        }
        let updated = tx.execute(
            "UPDATE users SET password_hash = ?2, totp_secret = ?3, totp_last_step = ?4, failed_logins = 0,
                    locked_until = 0
             WHERE id = ?1 AND disabled_at IS NULL",
            params![user.as_str(), new.password_hash, new.totp_sealed, new.totp_step],
        )?;
        if updated != 1 {
            // Disabled meanwhile: nothing at all changes (the transaction rolls back).
            return Ok(false);
        }
        tx.execute("DELETE FROM recovery_codes WHERE user_id = ?1", [user.as_str()])?;
        for h in &new.recovery_hashes {
            tx.execute(
                "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)",
                params![user.as_str(), h.as_slice()],
            )?;
        }
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user.as_str()])?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{NOW, account, admin, advocate, entry, invite, sign_in};
    use super::*;
    use crate::store::tests::temp_store;

    #[test]
    fn a_setup_token_makes_the_first_directory_admin_once() {
        let (_dir, store) = temp_store();
        store.add_setup_token(&[5; 32], NOW - 1).unwrap();
        assert!(
            !store.setup_token_usable(&[5; 32], NOW).unwrap(),
            "an expired token"
        );
        assert!(!store.has_directory_admin().unwrap());
        let admin = admin(&store);
        assert!(store.has_directory_admin().unwrap());
        assert_eq!(
            store.grants_of(&admin).unwrap(),
            [Grant {
                role: Role::DirectoryAdmin,
                scope: Scope::Directory
            }]
        );
        // With an admin in place, a new token makes nobody.
        store.add_setup_token(&[6; 32], NOW + 3_600).unwrap();
        assert!(!store.setup_token_usable(&[6; 32], NOW).unwrap());
        let second = account("second@example.org");
        assert_eq!(store.enrol(Pass::Setup(&[6; 32]), &second, NOW).unwrap(), None);
        assert_eq!(store.count_users().unwrap(), 1);
        assert!(store.account_by_email("second@example.org").unwrap().is_none());
    }

    #[test]
    fn an_invitation_enrols_its_own_email_once_and_only_before_it_expires() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let grant = Grant {
            role: Role::Advocate,
            scope: Scope::Agency(super::super::tests::agency(&store, "Harbor Advocates")),
        };
        invite(&store, &admin, &grant, "ana@example.org", &[7; 32]);
        let stranger = account("someone.else@example.org");
        assert_eq!(
            store.enrol(Pass::Invitation(&[7; 32]), &stranger, NOW).unwrap(),
            None
        );
        assert!(
            store.invitation(&[7; 32], NOW).unwrap().is_some(),
            "another email does not spend it"
        );
        assert_eq!(
            store
                .enrol(
                    Pass::Invitation(&[7; 32]),
                    &account("ana@example.org"),
                    NOW + 3_600
                )
                .unwrap(),
            None,
            "expired"
        );
        let ana = account("ana@example.org");
        assert_eq!(
            store.enrol(Pass::Invitation(&[7; 32]), &ana, NOW).unwrap(),
            Some(grant.clone())
        );
        assert_eq!(store.grants_of(&ana.id).unwrap(), [grant]);
        assert_eq!(
            store.account_by_id(&ana.id).unwrap().map(|a| a.email),
            Some("ana@example.org".to_owned())
        );
        assert_eq!(store.recovery_codes_left(&ana.id).unwrap(), 2);
        let again = account("ana@example.org");
        assert_eq!(
            store.enrol(Pass::Invitation(&[7; 32]), &again, NOW).unwrap(),
            None,
            "used once"
        );
    }

    #[test]
    fn a_taken_email_is_a_conflict_and_spends_nothing() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let grant = Grant {
            role: Role::Advocate,
            scope: Scope::Agency(super::super::tests::agency(&store, "Harbor Advocates")),
        };
        invite(&store, &admin, &grant, "admin@example.org", &[7; 32]);
        let result = store.enrol(Pass::Invitation(&[7; 32]), &account("admin@example.org"), NOW);
        assert!(matches!(result, Err(StoreError::Conflict("email"))), "{result:?}");
        assert_eq!(store.count_users().unwrap(), 1);
        assert!(store.invitation(&[7; 32], NOW).unwrap().is_some());
    }

    #[test]
    fn failed_sign_ins_lock_the_pair_and_the_account_at_its_ceiling_and_a_success_resets_them() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let (here, there) = (
            store.address_tag(Some([203, 0, 113, 9].into())).unwrap(),
            store.address_tag(Some([198, 51, 100, 7].into())).unwrap(),
        );
        assert_ne!(here, there);
        assert_ne!(here, store.address_tag(None).unwrap());
        let backoff = Backoff {
            pair: &|n| NOW + 60 * n,
            account: &|n| if n >= 3 { NOW + 1000 } else { 0 },
        };
        for _ in 0..2 {
            store
                .login_failed(&admin, &here, Backoff { ..backoff }, &entry("login.fail"), NOW)
                .unwrap();
        }
        // The pair backs off; the account and other addresses do not.
        assert_eq!(store.pair_locked_until(&admin, &here).unwrap(), NOW + 120);
        assert_eq!(store.pair_locked_until(&admin, &there).unwrap(), 0);
        let c = store.credentials("admin@example.org").unwrap().unwrap();
        assert_eq!((c.failed_logins, c.locked_until), (2, 0));

        let id = SessionId::random();
        let session = NewSession {
            id: &id,
            token_hash: &[4; 32],
        };
        let r = store.login_succeeded(&admin, &here, Some(101), None, None, &session, NOW + 10);
        assert_eq!(r.unwrap(), SignIn::Closed, "this address is locked");
        assert!(store.session(&[4; 32]).unwrap().is_none());
        let r = store.login_succeeded(
            &admin,
            &there,
            Some(101),
            None,
            Some("hash-2"),
            &session,
            NOW + 10,
        );
        assert_eq!(r.unwrap(), SignIn::Opened, "from elsewhere");
        let c = store.credentials("admin@example.org").unwrap().unwrap();
        assert_eq!((c.failed_logins, c.locked_until, c.totp_last_step), (0, 0, 101));
        assert_eq!(c.password_hash, "hash-2", "a rehashed password is stored");
        assert_eq!(store.session(&[4; 32]).unwrap().map(|s| s.id), Some(id));
        // The ceiling: failures from everywhere lock the whole account.
        for tag in [&here, &there, &here] {
            store
                .login_failed(&admin, tag, Backoff { ..backoff }, &entry("login.fail"), NOW + 20)
                .unwrap();
        }
        let c = store.credentials("admin@example.org").unwrap().unwrap();
        assert_eq!((c.failed_logins, c.locked_until), (3, NOW + 1000));

        // The same code a second time opens nothing.
        let other = SessionId::random();
        let replay = NewSession {
            id: &other,
            token_hash: &[5; 32],
        };
        let r = store.login_succeeded(&admin, &there, Some(101), None, None, &replay, NOW + 2000);
        assert_eq!(r.unwrap(), SignIn::CodeSpentMeanwhile);
        assert!(store.session(&[5; 32]).unwrap().is_none());
    }

    #[test]
    fn a_recovery_code_works_once() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let (a, b) = (SessionId::random(), SessionId::random());
        let first = NewSession {
            id: &a,
            token_hash: &[4; 32],
        };
        let nowhere = store.address_tag(None).unwrap();
        assert_eq!(
            store
                .login_succeeded(&admin, &nowhere, None, Some(&[1; 32]), None, &first, NOW)
                .unwrap(),
            SignIn::Opened
        );
        assert_eq!(store.recovery_codes_left(&admin).unwrap(), 1);
        let second = NewSession {
            id: &b,
            token_hash: &[5; 32],
        };
        assert_eq!(
            store
                .login_succeeded(&admin, &nowhere, None, Some(&[1; 32]), None, &second, NOW)
                .unwrap(),
            SignIn::NoSuchRecoveryCode
        );
        assert_eq!(store.recovery_codes_left(&admin).unwrap(), 1);
    }

    #[test]
    fn a_credential_reset_replaces_the_secrets_ends_every_session_and_works_once() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let (ana, _) = advocate(&store, &admin, "ana@example.org");
        sign_in(&store, &ana, &[4; 32], NOW);
        store
            .create_reset(&[8; 32], &ana, &admin, NOW + 600, &entry("reset.create"), NOW)
            .unwrap();
        let (target, by) = store.reset_target(&[8; 32], NOW).unwrap().unwrap();
        assert_eq!((target.id, by), (ana.clone(), admin.clone()));
        assert!(
            store.reset_target(&[8; 32], NOW + 600).unwrap().is_none(),
            "expired"
        );

        let new = NewCredentials {
            password_hash: "hash-new".into(),
            totp_sealed: vec![9],
            totp_step: 500,
            recovery_hashes: vec![[3; 32], [4; 32], [5; 32]],
        };
        assert!(
            !store
                .complete_reset(&[8; 32], &admin, &new, &entry("reset.complete"), NOW)
                .unwrap(),
            "a link for another account"
        );
        assert!(
            store
                .complete_reset(&[8; 32], &ana, &new, &entry("reset.complete"), NOW)
                .unwrap()
        );
        let c = store.credentials("ana@example.org").unwrap().unwrap();
        assert_eq!((c.password_hash.as_str(), c.totp_last_step), ("hash-new", 500));
        assert_eq!(store.recovery_codes_left(&ana).unwrap(), 3);
        assert!(store.session(&[4; 32]).unwrap().is_none());
        assert!(
            !store
                .complete_reset(&[8; 32], &ana, &new, &entry("reset.complete"), NOW)
                .unwrap(),
            "used once"
        );
        assert!(store.reset_target(&[8; 32], NOW).unwrap().is_none());
    }
}

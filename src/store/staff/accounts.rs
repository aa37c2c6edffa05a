//! Accounts: the first admin's setup tokens, enrolment, sign-in credentials and their
//! failures and successes, recovery codes, credential resets.

use super::*;

impl Store {
    /// Whether an enabled account holds an active directory-admin membership.
    pub fn has_directory_admin(&self) -> Result<bool, StoreError> {
        Ok(self.read()?.query_row(
            "SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
              WHERE m.role = 'directory_admin' AND m.ended_at IS NULL AND u.disabled_at IS NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    /// How many accounts exist (enabled or not).
    pub fn count_users(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .read()?
            .query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?;
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
                    [],
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

    /// Records a failed sign-in of a known account, its backoff (`backoff_until(failures so
    /// far)`) and its audit entry.
    pub fn login_failed(
        &self,
        user: &UserId,
        backoff_until: impl Fn(i64) -> i64,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        // Counted inside the write transaction: concurrent failures each see the one before.
        let failures: i64 = tx.query_row(
            "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?1 RETURNING failed_logins",
            [user.as_str()],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE users SET locked_until = max(locked_until, ?2) WHERE id = ?1",
            params![user.as_str(), backoff_until(failures)],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Records a successful sign-in: resets the failures, spends the TOTP step or the recovery
    /// code, stores a rehashed password if given, creates the session. `Ok(false)` (nothing
    /// changed) when the code was spent meanwhile by a concurrent sign-in.
    pub fn login_succeeded(
        &self,
        user: &UserId,
        totp_step: Option<i64>,
        recovery: Option<&[u8; 32]>,
        rehash: Option<&str>,
        session: &NewSession<'_>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        if let Some(step) = totp_step {
            let n = tx.execute(
                "UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND totp_last_step < ?2",
                params![user.as_str(), step],
            )?;
            if n == 0 {
                return Ok(false);
            }
        }
        if let Some(code) = recovery {
            let n = tx.execute(
                "UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
                params![user.as_str(), code.as_slice(), now],
            )?;
            if n == 0 {
                return Ok(false);
            }
        }
        // Re-checked here: a lock or a disabling that landed while the password was hashed wins.
        let open = tx.execute(
            "UPDATE users SET failed_logins = 0, locked_until = 0
             WHERE id = ?1 AND locked_until <= ?2 AND disabled_at IS NULL",
            params![user.as_str(), now],
        )?;
        if open == 0 {
            return Ok(false);
        }
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
        Ok(true)
    }

    /// Recovery codes not yet used.
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
        tx.execute(
            "UPDATE credential_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
            params![user.as_str(), now],
        )?;
        tx.execute(
            "INSERT INTO credential_resets (id, token_hash, user_id, created_by, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                uuid::Uuid::new_v4().to_string(),
                token_hash.as_slice(),
                user.as_str(),
                by.as_str(),
                now,
                expires_at
            ],
        )?;
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
            "UPDATE credential_resets SET used_at = ?3
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

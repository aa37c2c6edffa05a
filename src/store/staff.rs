//! Staff tables: agencies, providers, accounts, memberships, invitations, setup tokens,
//! recovery codes and sessions. Every change that matters appends its audit entry in the same
//! transaction. Secrets arrive already hashed or sealed: this module never sees one in clear.

use rusqlite::{Connection, OptionalExtension, params};

use super::audit::append;
use super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::staff::{
    Account, Agency, AgencyId, Grant, InvitationId, Membership, MembershipId, Provider, ProviderId, Role,
    Scope, SessionId, UserId,
};

/// What signing in needs of an account.
#[derive(Debug)]
pub struct Credentials {
    /// The account.
    pub id: UserId,
    /// argon2id PHC string.
    pub password_hash: String,
    /// The TOTP secret, sealed with the account's data key.
    pub totp_sealed: Vec<u8>,
    /// The last TOTP step used (a code works once).
    pub totp_last_step: i64,
    /// Failures since the last success.
    pub failed_logins: i64,
    /// Unix second before which no attempt is checked.
    pub locked_until: i64,
    /// Disabled accounts never sign in.
    pub disabled: bool,
}

/// A new account, its secrets already hashed or sealed.
#[derive(Debug)]
pub struct NewAccount {
    /// Id.
    pub id: UserId,
    /// Normalised email.
    pub email: String,
    /// Name.
    pub name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// The sealed TOTP secret.
    pub totp_sealed: Vec<u8>,
    /// The step of the code typed at enrolment (used once already).
    pub totp_step: i64,
    /// Hashes of the recovery codes.
    pub recovery_hashes: Vec<[u8; 32]>,
}

/// The one-time pass an enrolment spends.
#[derive(Clone, Copy, Debug)]
pub enum Pass<'a> {
    /// The console's setup token (creates a directory admin).
    Setup(&'a [u8; 32]),
    /// An invitation (creates the role it fixes).
    Invitation(&'a [u8; 32]),
}

/// An invitation that can still be used.
#[derive(Clone, Debug)]
pub struct Invitation {
    /// Id.
    pub id: InvitationId,
    /// The invited email.
    pub email: String,
    /// What it grants.
    pub grant: Grant,
    /// Unix second it expires.
    pub expires_at: i64,
}

/// A new invitation (its token already hashed).
#[derive(Debug)]
pub struct NewInvitation<'a> {
    /// Id.
    pub id: &'a InvitationId,
    /// Hash of the link's token.
    pub token_hash: &'a [u8; 32],
    /// Invited email (normalised).
    pub email: &'a str,
    /// What it grants.
    pub grant: &'a Grant,
    /// Who invited.
    pub invited_by: &'a UserId,
    /// Unix second it expires.
    pub expires_at: i64,
}

/// A session as stored (its secret is not).
#[derive(Clone, Debug)]
pub struct StoredSession {
    /// Id.
    pub id: SessionId,
    /// Whose.
    pub user: UserId,
    /// Their name.
    pub name: String,
    /// Unix second it began.
    pub created_at: i64,
    /// Unix second of its last request.
    pub last_seen_at: i64,
    /// Whether the account is disabled.
    pub disabled: bool,
}

/// A new session.
#[derive(Debug)]
pub struct NewSession<'a> {
    /// Id.
    pub id: &'a SessionId,
    /// Hash of its token.
    pub token_hash: &'a [u8; 32],
}

fn grant_from(role: &str, agency: Option<String>, provider: Option<String>) -> Option<Grant> {
    let role = Role::from_code(role)?;
    let scope = match (role.scope_kind(), agency, provider) {
        (crate::domain::staff::ScopeKind::Directory, None, None) => Scope::Directory,
        (crate::domain::staff::ScopeKind::Agency, Some(a), None) => Scope::Agency(AgencyId(a)),
        (crate::domain::staff::ScopeKind::Provider, None, Some(p)) => Scope::Provider(ProviderId(p)),
        _ => return None,
    };
    Some(Grant { role, scope })
}

fn scope_columns(scope: &Scope) -> (Option<&str>, Option<&str>) {
    match scope {
        Scope::Directory => (None, None),
        Scope::Agency(a) => (Some(a.as_str()), None),
        Scope::Provider(p) => (None, Some(p.as_str())),
    }
}

fn corrupt(table: &str, id: &str) -> StoreError {
    StoreError::Corrupt {
        id: format!("{table}/{id}"),
        message: "unknown role or scope".to_owned(),
    }
}

/// A membership row: id, user, role, agency, provider, since, ended.
type MembershipRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
);

fn membership_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MembershipRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

/// An invitation row: id, email, role, agency, provider.
type InvitationRow = (String, String, String, Option<String>, Option<String>);

fn membership_from(row: MembershipRow) -> Result<Membership, StoreError> {
    let (id, user, role, agency, provider, since, ended) = row;
    let grant = grant_from(&role, agency, provider).ok_or_else(|| corrupt("memberships", &id))?;
    Ok(Membership {
        id: MembershipId(id),
        user: UserId(user),
        role: grant.role,
        scope: grant.scope,
        since,
        ended,
    })
}

const MEMBERSHIP_COLUMNS: &str = "id, user_id, role, agency_id, provider_id, created_at, ended_at";

fn insert_membership(
    conn: &Connection,
    user: &UserId,
    grant: &Grant,
    at: i64,
) -> Result<MembershipId, StoreError> {
    let id = MembershipId::random();
    let (agency, provider) = scope_columns(&grant.scope);
    conn.execute(
        "INSERT INTO memberships (id, user_id, role, agency_id, provider_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.as_str(),
            user.as_str(),
            grant.role.code(),
            agency,
            provider,
            at
        ],
    )?;
    Ok(id)
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

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
        append(
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
        append(&tx, entry, now)?;
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
        append(
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
            append(&tx, entry, now)?;
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
        append(&tx, entry, now)?;
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
            let rows = stmt.query_map([], |r| {
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
        let rows = stmt.query_map([], membership_row)?;
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
        append(&tx, entry, now)?;
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
            append(&tx, entry, now)?;
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
        append(&tx, entry, now)?;
        tx.commit()?;
        Ok(id)
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
        append(&tx, entry, now)?;
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

    /// Creates an agency. [`StoreError::Conflict`] when the name is taken.
    pub fn create_agency(&self, agency: &Agency, entry: &Entry, now: i64) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        match tx.execute(
            "INSERT INTO agencies (id, name, created_at) VALUES (?1, ?2, ?3)",
            params![agency.id.as_str(), agency.name, now],
        ) {
            Err(e) if is_unique_violation(&e) => return Err(StoreError::Conflict("name")),
            other => other?,
        };
        append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Agencies by name with their count of active members.
    pub fn agencies(&self) -> Result<Vec<(Agency, u64)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT a.id, a.name, (SELECT COUNT(*) FROM memberships m WHERE m.agency_id = a.id AND m.ended_at IS NULL)
             FROM agencies a ORDER BY a.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                Agency {
                    id: AgencyId(r.get(0)?),
                    name: r.get(1)?,
                },
                r.get::<_, i64>(2)? as u64,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Creates a provider organisation for a directory organisation. [`StoreError::Conflict`]
    /// when that organisation has one already; `Ok(false)` when it is not in the directory.
    pub fn create_provider(&self, provider: &Provider, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM organizations WHERE id = ?1)",
            [&provider.organization_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(false);
        }
        match tx.execute(
            "INSERT INTO providers (id, name, organization_id, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![provider.id.as_str(), provider.name, provider.organization_id, now],
        ) {
            Err(e) if is_unique_violation(&e) => return Err(StoreError::Conflict("organization")),
            other => other?,
        };
        append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }

    /// Provider organisations by name with their count of active members.
    pub fn providers(&self) -> Result<Vec<(Provider, u64)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT p.id, p.name, p.organization_id,
                    (SELECT COUNT(*) FROM memberships m WHERE m.provider_id = p.id AND m.ended_at IS NULL)
             FROM providers p ORDER BY p.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                Provider {
                    id: ProviderId(r.get(0)?),
                    name: r.get(1)?,
                    organization_id: r.get(2)?,
                },
                r.get::<_, i64>(3)? as u64,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Directory organisations (id, name) that have no provider account yet, by name.
    pub fn organizations_without_provider(&self) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT o.id, o.name FROM organizations o
             WHERE NOT EXISTS (SELECT 1 FROM providers p WHERE p.organization_id = o.id) ORDER BY o.name, o.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A directory organisation's name.
    pub fn organization_name(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .read()?
            .query_row("SELECT name FROM organizations WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }
}

/// New credentials for an account whose owner lost them (already hashed and sealed).
#[derive(Debug)]
pub struct NewCredentials {
    /// argon2id PHC string.
    pub password_hash: String,
    /// The sealed TOTP secret.
    pub totp_sealed: Vec<u8>,
    /// The step of the code typed (used once already).
    pub totp_step: i64,
    /// Hashes of the new recovery codes (the old ones are deleted).
    pub recovery_hashes: Vec<[u8; 32]>,
}

fn session_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredSession> {
    Ok(StoredSession {
        id: SessionId(r.get(0)?),
        user: UserId(r.get(1)?),
        name: r.get(2)?,
        created_at: r.get(3)?,
        last_seen_at: r.get(4)?,
        disabled: r.get(5)?,
    })
}

impl Store {
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
            append(&tx, entry, now)?;
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
            append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
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
        append(&tx, entry, now)?;
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
        append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }
}

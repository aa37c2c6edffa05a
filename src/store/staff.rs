//! Staff tables: agencies, providers, accounts, memberships, invitations, setup tokens,
//! recovery codes and sessions. Every change that matters appends its audit entry in the same
//! transaction. Secrets arrive already hashed or sealed: this module never sees one in clear.

mod accounts;
mod failures;
mod organisations;
mod people;
mod resets;
mod sessions;

pub use failures::{AddressTag, Backoff};
pub use resets::{ResetNotice, ResetRequest};

use crate::store::sql::{OptionalExtension, Sql, params};

use super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::staff::{
    Account, Agency, AgencyId, AgencySettings, Grant, InvitationId, Membership, MembershipId, Provider,
    ProviderId, Role, Scope, SessionId, UserId,
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

/// How a sign-in whose password and code were right ended in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// A session was opened.
    Opened,
    /// A concurrent sign-in spent the same TOTP step first (not a failure of this person's).
    CodeSpentMeanwhile,
    /// The recovery code typed is not one of the account's unused ones (a failure).
    NoSuchRecoveryCode,
    /// The account or this address was locked, or the account disabled, meanwhile.
    Closed,
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

fn membership_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<MembershipRow> {
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
    conn: &impl Sql,
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

fn is_unique_violation(e: &crate::store::sql::Error) -> bool {
    e.is_unique_violation()
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

fn session_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<StoredSession> {
    Ok(StoredSession {
        id: SessionId(r.get(0)?),
        user: UserId(r.get(1)?),
        name: r.get(2)?,
        created_at: r.get(3)?,
        last_seen_at: r.get(4)?,
        disabled: r.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    //! Helpers shared by the staff tables' tests.

    use super::*;

    /// The time the tests act at.
    pub(super) const NOW: i64 = 1_000_000;

    pub(super) fn entry(action: &'static str) -> Entry {
        Entry {
            actor: None,
            agency: None,
            action,
            record: String::new(),
            allowed: true,
        }
    }

    /// An account with two recovery codes, `[1; 32]` and `[2; 32]`, and TOTP step 100 spent.
    pub(super) fn account(email: &str) -> NewAccount {
        NewAccount {
            id: UserId::random(),
            email: email.into(),
            name: format!("Name of {email}"),
            password_hash: "hash-1".into(),
            totp_sealed: vec![1, 2, 3],
            totp_step: 100,
            recovery_hashes: vec![[1; 32], [2; 32]],
        }
    }

    /// Enrols the first directory admin with a setup token.
    pub(super) fn admin(store: &Store) -> UserId {
        store.add_setup_token(&[9; 32], NOW + 3_600).unwrap();
        let account = account("admin@example.org");
        store
            .enrol(Pass::Setup(&[9; 32]), &account, NOW)
            .unwrap()
            .unwrap();
        account.id
    }

    pub(super) fn agency(store: &Store, name: &str) -> AgencyId {
        let id = AgencyId::random();
        store
            .create_agency(
                &Agency {
                    id: id.clone(),
                    name: name.into(),
                },
                &entry("agency.create"),
                NOW,
            )
            .unwrap();
        id
    }

    /// Invites `email` with `grant` (token hash `token`), expiring an hour from [`NOW`].
    pub(super) fn invite(store: &Store, by: &UserId, grant: &Grant, email: &str, token: &[u8; 32]) {
        store
            .create_invitation(
                &NewInvitation {
                    id: &InvitationId::random(),
                    token_hash: token,
                    email,
                    grant,
                    invited_by: by,
                    expires_at: NOW + 3_600,
                },
                &entry("invitation.create"),
                NOW,
            )
            .unwrap();
    }

    /// An advocate of a new agency, enrolled by invitation.
    pub(super) fn advocate(store: &Store, admin: &UserId, email: &str) -> (UserId, Grant) {
        let grant = Grant {
            role: Role::Advocate,
            scope: Scope::Agency(agency(store, &format!("Agency of {email}"))),
        };
        let token = [email.len() as u8; 32];
        invite(store, admin, &grant, email, &token);
        let account = account(email);
        store
            .enrol(Pass::Invitation(&token), &account, NOW)
            .unwrap()
            .unwrap();
        (account.id, grant)
    }

    /// Signs `user` in with a session whose token hash is `token`.
    pub(super) fn sign_in(store: &Store, user: &UserId, token: &[u8; 32], at: i64) -> SessionId {
        let id = SessionId::random();
        let session = NewSession {
            id: &id,
            token_hash: token,
        };
        assert_eq!(
            store
                .login_succeeded(
                    user,
                    &store.address_tag(None).unwrap(),
                    None,
                    None,
                    None,
                    &session,
                    at
                )
                .unwrap(),
            SignIn::Opened
        );
        id
    }
}

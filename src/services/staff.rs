//! Staff use-cases: the first admin's setup link, invitations and enrolment (password and
//! TOTP), signing in and out, sessions and their timeouts, people and memberships, agencies,
//! provider organisations and the audit log. Every decision goes through [`policy`]; every
//! change and every denial is audited; a denied record answers like a missing one (AC-3).

use std::collections::HashMap;
use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};

use super::clock::Clock;
use super::policy::{self, Action, Actor};
use super::vault::{Access, Vault, VaultError};
use super::{AppError, Directory};
use crate::crypto::envelope::Place;
use crate::crypto::password::{Check, Cost, Passwords};
use crate::crypto::totp::TotpSecret;
use crate::crypto::{CryptoError, Token, token};
use crate::domain::audit::{self, Entry, Recorded};
use crate::domain::staff::{
    self, Account, Agency, AgencyId, Grant, Invalid, InvitationId, Membership, MembershipId, Provider,
    ProviderId, Role, Scope, SessionId, UserId,
};
use crate::store::{
    Credentials, NewAccount, NewCredentials, NewInvitation, NewSession, Pass, StoreError, StoredSession,
};

/// How long a setup link lasts (AC-5: one hour).
pub const SETUP_SECONDS: i64 = 3600;
/// How long an invitation lasts (AC-5: within 24 hours).
pub const INVITATION_SECONDS: i64 = 24 * 3600;
/// Failures before sign-in backs off (AUTH-4).
pub const FREE_FAILURES: i64 = 5;
/// Recovery codes made at enrolment.
pub const RECOVERY_CODES: usize = 10;
/// A session's last activity is written at most this often (seconds).
const TOUCH_EVERY: i64 = 15;

/// Settings of the staff side.
#[derive(Clone, Debug)]
pub struct StaffSettings {
    /// SES-3: idle timeout in seconds (15 minutes).
    pub idle_seconds: i64,
    /// SES-3: absolute timeout in seconds (8 hours).
    pub absolute_seconds: i64,
    /// The address people reach the server at (for setup and invitation links).
    pub public_url: String,
}

impl Default for StaffSettings {
    fn default() -> StaffSettings {
        StaffSettings {
            idle_seconds: 15 * 60,
            absolute_seconds: 8 * 3600,
            public_url: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

/// A refusal or failure of a staff use-case.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    /// Missing, or not the actor's to see (AC-3: the same answer).
    #[error("not found")]
    NotFound,
    /// A form field is wrong: the field and the catalogue key of the message.
    #[error("{field}: {key}")]
    Invalid {
        /// Form field.
        field: &'static str,
        /// Catalogue key.
        key: &'static str,
    },
    /// A setup or invitation link that is expired, used or unknown.
    #[error("link expired or used")]
    LinkGone,
    /// Sign-in refused: the same for an unknown account, a wrong password or code, a
    /// disabled or a backed-off account (AUTH-4).
    #[error("sign-in not accepted")]
    NotAccepted,
    /// Storage, keys or crypto failed: deny (REL-4).
    #[error(transparent)]
    App(#[from] AppError),
    /// The vault failed: deny (REL-4).
    #[error(transparent)]
    Vault(#[from] VaultError),
}

impl From<StoreError> for StaffError {
    fn from(e: StoreError) -> StaffError {
        StaffError::App(AppError::Store(e))
    }
}

impl From<CryptoError> for StaffError {
    fn from(e: CryptoError) -> StaffError {
        StaffError::Vault(VaultError::Crypto(e))
    }
}

impl From<Invalid> for StaffError {
    fn from(e: Invalid) -> StaffError {
        let key = match e {
            Invalid::Email => "staff-error-email",
            Invalid::PasswordLength => "staff-error-password-length",
            Invalid::PasswordMismatch => "staff-error-password-mismatch",
            Invalid::Name => "staff-error-name",
        };
        StaffError::Invalid {
            field: e.field(),
            key,
        }
    }
}

/// A signed-in request's session.
#[derive(Clone, Debug)]
pub struct Session {
    /// Its id.
    pub id: SessionId,
    /// Who.
    pub actor: Actor,
    /// Its CSRF token (derived from the cookie's secret; stored nowhere).
    pub csrf: String,
}

/// What a session cookie turned out to be.
#[derive(Debug)]
pub enum SessionCheck {
    /// A live session.
    Valid(Session),
    /// A session that timed out or was ended: sign in again.
    Ended,
    /// No such session.
    Unknown,
}

/// Which link an enrolment spends.
#[derive(Debug)]
pub enum EnrolPass<'a> {
    /// The console's setup link.
    Setup(&'a Token),
    /// An invitation link.
    Invitation(&'a Token),
}

/// What the enrolment form sent.
#[derive(Debug)]
pub struct EnrolForm {
    /// Email (setup only; an invitation fixes it).
    pub email: String,
    /// Name.
    pub name: String,
    /// Password.
    pub password: SecretString,
    /// Password again.
    pub password_again: SecretString,
    /// The TOTP secret shown on the page (base32).
    pub totp_secret: SecretString,
    /// The code their app shows for it.
    pub code: String,
}

/// An invitation as its page shows it.
#[derive(Clone, Debug)]
pub struct InvitationView {
    /// Invited email.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Organisation name (empty for the directory).
    pub organisation: String,
}

/// A person on the people page, with what the viewer may do.
#[derive(Clone, Debug)]
pub struct PersonView {
    /// The account.
    pub account: Account,
    /// Memberships with whether the viewer may end each, and the organisation's name.
    pub memberships: Vec<(Membership, String, bool)>,
    /// Whether the viewer may disable or re-enable the account, or make it a reset link.
    pub can_manage: bool,
    /// Whether the viewer may give the person another role.
    pub can_add_role: bool,
}

/// A role the viewer may invite into.
#[derive(Clone, Debug)]
pub struct InviteChoice {
    /// Form value.
    pub value: String,
    /// The grant.
    pub grant: Grant,
    /// Organisation name.
    pub organisation: String,
}

/// A created invitation: its link, shown once.
#[derive(Debug)]
pub struct InvitationLink {
    /// The link.
    pub link: SecretString,
    /// Unix second it expires.
    pub expires_at: i64,
}

/// The staff side.
pub struct Staff {
    directory: Arc<Directory>,
    vault: Vault,
    passwords: Passwords,
    clock: Clock,
    settings: StaffSettings,
}

impl std::fmt::Debug for Staff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Staff({:?}, {:?})", self.vault, self.passwords)
    }
}

fn user_owner(user: &UserId) -> String {
    format!("users/{user}")
}

fn totp_place(user: &UserId) -> Place<'_> {
    Place {
        table: "users",
        column: "totp_secret",
        row: user.as_str(),
    }
}

impl Staff {
    /// The staff side over `directory`, with its keys, password cost, clock and settings.
    pub fn new(
        directory: Arc<Directory>,
        vault: Vault,
        passwords: Passwords,
        clock: Clock,
        settings: StaffSettings,
    ) -> Staff {
        Staff {
            directory,
            vault,
            passwords,
            clock,
            settings,
        }
    }

    /// Opens the staff side over `directory`: the key file at `key_file` (created, 0600, on
    /// first run — returned `true` then) and its key store; passwords at `cost`, hashed at
    /// most one per core at a time (AUTH-1: each takes `cost.memory_kib` of memory).
    pub fn open(
        directory: Arc<Directory>,
        key_file: &std::path::Path,
        cost: Cost,
        clock: Clock,
        settings: StaffSettings,
    ) -> Result<(Staff, bool), StaffError> {
        // A new key file only for a database with nothing sealed yet: a wrong path must not
        // silently lock every account out.
        let fresh = directory.store.count_users()? == 0;
        let (vault, created) = Vault::open(key_file, Access::Shared, fresh)?;
        let slots = std::thread::available_parallelism().map_or(2, usize::from);
        let passwords = Passwords::new(cost, slots)?;
        passwords.prepare_decoy()?;
        Ok((Staff::new(directory, vault, passwords, clock, settings), created))
    }

    /// The clock the rules read.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The settings.
    pub fn settings(&self) -> &StaffSettings {
        &self.settings
    }

    /// The vault (for the key rotation command and the planner).
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// The directory.
    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    /// The directory, shared.
    pub fn directory_arc(&self) -> Arc<Directory> {
        self.directory.clone()
    }

    fn audit(
        &self,
        actor: Option<&UserId>,
        agency: Option<&AgencyId>,
        action: &'static str,
        record: String,
        allowed: bool,
    ) -> Entry {
        Entry {
            actor: actor.map(ToString::to_string),
            agency: agency.map(ToString::to_string),
            action,
            record,
            allowed,
        }
    }

    /// Records a denial and answers like a missing record (AC-3).
    fn deny(&self, actor: &Actor, action: &'static str, record: String) -> StaffError {
        let entry = self.audit(Some(&actor.user), None, action, record, false);
        if let Err(e) = self.directory.store.audit(&entry, self.clock.now()) {
            return e.into();
        }
        StaffError::NotFound
    }

    // ----- first run -------------------------------------------------------------------

    /// AC-5: when no directory admin exists, a new one-time setup link (valid one hour);
    /// `None` otherwise. The caller prints it on the console, never to a log.
    pub fn setup_link_if_needed(&self) -> Result<Option<SecretString>, StaffError> {
        if self.directory.store.has_directory_admin()? {
            return Ok(None);
        }
        let token = Token::generate()?;
        self.directory
            .store
            .add_setup_token(&token.hash(), self.clock.now() + SETUP_SECONDS)?;
        Ok(Some(SecretString::from(format!(
            "{}/staff/setup/{}",
            self.settings.public_url.trim_end_matches('/'),
            token.expose()
        ))))
    }

    /// Whether a setup link can still be used.
    pub fn setup_usable(&self, token: &Token) -> Result<bool, StaffError> {
        Ok(self
            .directory
            .store
            .setup_token_usable(&token.hash(), self.clock.now())?)
    }

    /// The invitation behind a link, if usable.
    pub fn invitation(&self, token: &Token) -> Result<Option<InvitationView>, StaffError> {
        let Some(inv) = self.directory.store.invitation(&token.hash(), self.clock.now())? else {
            return Ok(None);
        };
        let names = self.names()?;
        Ok(Some(InvitationView {
            email: inv.email,
            role: inv.grant.role,
            organisation: names.of(&inv.grant.scope),
        }))
    }

    /// Creates an account from a setup or invitation link: password (AUTH-1/2), TOTP
    /// (AUTH-3, proven by a code), recovery codes (returned once, stored hashed).
    pub fn enrol(&self, pass: EnrolPass<'_>, form: &EnrolForm) -> Result<Vec<SecretString>, StaffError> {
        let now = self.clock.now();
        let email = match pass {
            EnrolPass::Setup(t) => {
                if !self.setup_usable(t)? {
                    return Err(StaffError::LinkGone);
                }
                staff::email(&form.email)?
            }
            EnrolPass::Invitation(t) => self.invitation(t)?.ok_or(StaffError::LinkGone)?.email,
        };
        let name = staff::name(&form.name)?;
        let proven = self.prove(form, now)?;
        if self.directory.store.account_by_email(&email)?.is_some() {
            return Err(StaffError::Invalid {
                field: "email",
                key: "staff-error-email-taken",
            });
        }
        let id = UserId::random();
        let owner = user_owner(&id);
        let key = self.vault.create_key(&owner)?;
        let (new, codes) = self.credentials(&id, &key, form, proven)?;
        let account = NewAccount {
            password_hash: new.password_hash,
            totp_sealed: new.totp_sealed,
            totp_step: new.totp_step,
            recovery_hashes: new.recovery_hashes,
            id,
            email,
            name,
        };
        let hash;
        let pass = match pass {
            EnrolPass::Setup(t) => {
                hash = t.hash();
                Pass::Setup(&hash)
            }
            EnrolPass::Invitation(t) => {
                hash = t.hash();
                Pass::Invitation(&hash)
            }
        };
        let outcome = self.directory.store.enrol(pass, &account, now);
        if !matches!(outcome, Ok(Some(_))) {
            // Nothing was created: its key goes too.
            let _ = self.vault.shred(&owner);
        }
        match outcome {
            Ok(Some(_)) => Ok(codes),
            Ok(None) => Err(StaffError::LinkGone),
            Err(StoreError::Conflict(_)) => Err(StaffError::Invalid {
                field: "email",
                key: "staff-error-email-taken",
            }),
            Err(e) => Err(e.into()),
        }
    }

    /// Checks a new password (AUTH-2) and proves the TOTP secret with a current code
    /// (AUTH-3); returns the secret and the step its code used.
    fn prove(&self, form: &EnrolForm, now: i64) -> Result<(TotpSecret, i64), StaffError> {
        staff::password(form.password.expose_secret(), form.password_again.expose_secret())?;
        let secret =
            TotpSecret::from_base32(form.totp_secret.expose_secret()).ok_or(StaffError::Invalid {
                field: "code",
                key: "staff-error-form",
            })?;
        let step = secret.verify(&form.code, now, 0).ok_or(StaffError::Invalid {
            field: "code",
            key: "staff-error-code",
        })?;
        Ok((secret, step))
    }

    /// The stored form of proven credentials: the password hashed (AUTH-1), the TOTP secret
    /// sealed with the account's data key (CRY-1), fresh recovery codes (shown once, stored
    /// hashed).
    fn credentials(
        &self,
        user: &UserId,
        key: &crate::crypto::DataKey,
        form: &EnrolForm,
        (secret, step): (TotpSecret, i64),
    ) -> Result<(NewCredentials, Vec<SecretString>), StaffError> {
        let mut codes = Vec::with_capacity(RECOVERY_CODES);
        for _ in 0..RECOVERY_CODES {
            codes.push(token::recovery_code()?);
        }
        let new = NewCredentials {
            password_hash: self.passwords.hash(&form.password)?,
            totp_sealed: key.seal(totp_place(user), secret.bytes())?,
            totp_step: step,
            recovery_hashes: codes
                .iter()
                .map(|c| token::recovery_hash(c.expose_secret()))
                .collect(),
        };
        Ok((new, codes))
    }

    /// The account a credential reset link is for, if the link is usable — and if whoever
    /// made it may still manage that account (a link outlives no change of either's roles).
    pub fn reset_target(&self, token: &Token) -> Result<Option<Account>, StaffError> {
        let store = &self.directory.store;
        let Some((account, creator)) = store.reset_target(&token.hash(), self.clock.now())? else {
            return Ok(None);
        };
        let creator_enabled = store.account_by_id(&creator)?.is_some_and(|a| !a.disabled);
        let actor = Actor {
            grants: store.grants_of(&creator)?,
            user: creator,
            name: String::new(),
        };
        let active = self.active_memberships(&account.id)?;
        let still_allowed =
            creator_enabled && policy::allows(&actor, Action::ManageAccount(&account.id, &active));
        Ok(still_allowed.then_some(account))
    }

    fn active_memberships(&self, user: &UserId) -> Result<Vec<Membership>, StaffError> {
        Ok(self
            .directory
            .store
            .people()?
            .into_iter()
            .find(|(a, _)| &a.id == user)
            .map(|(_, ms)| ms.into_iter().filter(|m| m.ended.is_none()).collect())
            .unwrap_or_default())
    }

    /// Spends a reset link: a new password, a new authenticator and new recovery codes (shown
    /// once); every session of the account ends.
    pub fn complete_reset(&self, token: &Token, form: &EnrolForm) -> Result<Vec<SecretString>, StaffError> {
        let now = self.clock.now();
        let account = self.reset_target(token)?.ok_or(StaffError::LinkGone)?;
        let proven = self.prove(form, now)?;
        let key = self.vault.key(&user_owner(&account.id))?;
        let (new, codes) = self.credentials(&account.id, &key, form, proven)?;
        let agency = self
            .active_memberships(&account.id)?
            .iter()
            .find_map(|m| m.scope.agency().cloned());
        let entry = self.audit(
            Some(&account.id),
            agency.as_ref(),
            "credentials.reset",
            format!("user:{}", account.id),
            true,
        );
        if self
            .directory
            .store
            .complete_reset(&token.hash(), &account.id, &new, &entry, now)?
        {
            Ok(codes)
        } else {
            Err(StaffError::LinkGone)
        }
    }

    // ----- signing in and sessions -----------------------------------------------------

    /// AUTH-1/3/4: checks the password (argon2id), then the TOTP code or a recovery code,
    /// and opens a session. Every refusal is the same [`StaffError::NotAccepted`], with one
    /// password hash's work whether the account exists or not.
    pub fn sign_in(
        &self,
        email: &str,
        password: &SecretString,
        code: &str,
    ) -> Result<(Token, SessionId), StaffError> {
        let now = self.clock.now();
        let creds = match staff::email(email) {
            Ok(e) => self.directory.store.credentials(&e)?,
            Err(_) => None,
        };
        let creds = match creds {
            Some(c) if !c.disabled && c.locked_until <= now => c,
            other => {
                self.passwords.check_decoy(password);
                // Every refusal writes one audit entry, so an unknown account costs the same
                // database write as a known one (AUTH-4: similar timing).
                let (actor, record) = match &other {
                    Some(c) => (Some(&c.id), format!("user:{}", c.id)),
                    None => (None, String::new()),
                };
                let entry = self.audit(actor, None, "login.refused", record, false);
                // A disabled or backing-off account is recorded, not counted as a failure.
                self.directory.store.audit(&entry, now)?;
                return Err(StaffError::NotAccepted);
            }
        };
        let rehash = match self.passwords.check(password, &creds.password_hash) {
            Check::Mismatch => return self.fail(&creds, now),
            Check::Match { rehash } => rehash,
        };
        let secret = self.totp_secret(&creds)?;
        let (step, recovery) = match secret.verify(code, now, creds.totp_last_step) {
            Some(step) => (Some(step), None),
            None if code.chars().filter(char::is_ascii_alphanumeric).count() == 16 => {
                (None, Some(token::recovery_hash(code)))
            }
            None => return self.fail(&creds, now),
        };
        let new_hash = if rehash {
            Some(self.passwords.hash(password)?)
        } else {
            None
        };
        let token = Token::generate()?;
        let id = SessionId::random();
        let ok = self.directory.store.login_succeeded(
            &creds.id,
            step,
            recovery.as_ref(),
            new_hash.as_deref(),
            &NewSession {
                id: &id,
                token_hash: &token.hash(),
            },
            now,
        )?;
        if !ok {
            return self.fail(&creds, now);
        }
        Ok((token, id))
    }

    fn totp_secret(&self, creds: &Credentials) -> Result<TotpSecret, StaffError> {
        let bytes =
            self.vault
                .open_field(&user_owner(&creds.id), totp_place(&creds.id), &creds.totp_sealed)?;
        TotpSecret::from_bytes(&bytes).ok_or(StaffError::Vault(VaultError::Crypto(CryptoError::Open)))
    }

    /// AUTH-4: a failure counts; from the fifth on, the account backs off 1, 2, 4 … minutes
    /// (at most an hour) before another attempt is even checked.
    fn fail<T>(&self, creds: &Credentials, now: i64) -> Result<T, StaffError> {
        let backoff = |failures: i64| {
            if failures >= FREE_FAILURES {
                now + (60i64 << (failures - FREE_FAILURES).min(6)).min(3600)
            } else {
                0
            }
        };
        let entry = self.audit(
            Some(&creds.id),
            None,
            "login.fail",
            format!("user:{}", creds.id),
            false,
        );
        self.directory
            .store
            .login_failed(&creds.id, backoff, &entry, now)?;
        Err(StaffError::NotAccepted)
    }

    /// The session behind a cookie's token, checked against the timeouts (SES-3) and the
    /// account's state, with its grants read afresh (AC-2, SES-4).
    pub fn session(&self, token: &Token) -> Result<SessionCheck, StaffError> {
        let now = self.clock.now();
        let Some(s) = self.directory.store.session(&token.hash())? else {
            return Ok(SessionCheck::Unknown);
        };
        let idle = now - s.last_seen_at > self.settings.idle_seconds;
        let old = now - s.created_at > self.settings.absolute_seconds;
        if s.disabled || idle || old {
            self.directory.store.expire_session(&s.id)?;
            return Ok(SessionCheck::Ended);
        }
        let grants = self.directory.store.grants_of(&s.user)?;
        if now - s.last_seen_at >= TOUCH_EVERY {
            self.directory.store.touch_session(&s.id, now)?;
        }
        Ok(SessionCheck::Valid(Session {
            id: s.id,
            actor: Actor {
                user: s.user,
                name: s.name,
                grants,
            },
            csrf: token.derive("csrf"),
        }))
    }

    /// SES-4: signs this session out (deleted on the server).
    pub fn sign_out(&self, session: &Session) -> Result<(), StaffError> {
        let entry = self.audit(
            Some(&session.actor.user),
            None,
            "logout",
            format!("session:{}", session.id),
            true,
        );
        self.directory
            .store
            .end_session(&session.actor.user, &session.id, &entry, self.clock.now())?;
        Ok(())
    }

    /// One's own sessions, newest first.
    pub fn sessions(&self, actor: &Actor) -> Result<Vec<StoredSession>, StaffError> {
        Ok(self.directory.store.sessions_of(&actor.user)?)
    }

    /// Ends one of one's own sessions; another person's answers like a missing one.
    pub fn end_session(&self, actor: &Actor, id: &SessionId) -> Result<(), StaffError> {
        let entry = self.audit(
            Some(&actor.user),
            None,
            "session.end",
            format!("session:{id}"),
            true,
        );
        if self
            .directory
            .store
            .end_session(&actor.user, id, &entry, self.clock.now())?
        {
            Ok(())
        } else {
            Err(self.deny(actor, "session.end", format!("session:{id}")))
        }
    }

    /// "Sign out everywhere": every session of the actor, this one included.
    pub fn end_all_sessions(&self, actor: &Actor) -> Result<usize, StaffError> {
        let entry = self.audit(
            Some(&actor.user),
            None,
            "session.end_all",
            format!("user:{}", actor.user),
            true,
        );
        Ok(self
            .directory
            .store
            .end_sessions_of(&actor.user, &entry, self.clock.now())?)
    }

    // ----- people, memberships, invitations -------------------------------------------

    fn names(&self) -> Result<Names, StaffError> {
        Ok(Names {
            agencies: self
                .directory
                .store
                .agencies()?
                .into_iter()
                .map(|(a, _)| (a.id.0, a.name))
                .collect(),
            providers: self
                .directory
                .store
                .providers()?
                .into_iter()
                .map(|(p, _)| (p.id.0, p.name))
                .collect(),
        })
    }

    /// The organisation name of a scope (empty for the directory).
    pub fn scope_name(&self, scope: &Scope) -> Result<String, StaffError> {
        Ok(self.names()?.of(scope))
    }

    /// The people the actor may see, with what they may do to each.
    pub fn people(&self, actor: &Actor) -> Result<Vec<PersonView>, StaffError> {
        if !policy::allows(actor, Action::ViewPeople) {
            return Err(self.deny(actor, "people.list", String::new()));
        }
        let names = self.names()?;
        let choices = self.invite_choices(actor)?;
        Ok(self
            .directory
            .store
            .people()?
            .into_iter()
            .filter(|(_, ms)| policy::allows(actor, Action::ViewPerson(ms)))
            .map(|(account, ms)| {
                let active: Vec<Membership> = ms.iter().filter(|m| m.ended.is_none()).cloned().collect();
                let can_manage = policy::allows(actor, Action::ManageAccount(&account.id, &active));
                let can_add_role = !account.disabled
                    && choices
                        .iter()
                        .any(|c| policy::allows(actor, Action::AddRole(&account.id, &active, &c.grant)));
                PersonView {
                    memberships: ms
                        .iter()
                        .map(|m| {
                            let can_end =
                                !account.disabled && policy::allows(actor, Action::EndMembership(m));
                            (m.clone(), names.of(&m.scope), can_end)
                        })
                        .collect(),
                    can_manage,
                    can_add_role,
                    account,
                }
            })
            .collect())
    }

    /// Invitations waiting, in scopes the actor may invite into.
    pub fn pending_invitations(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(crate::store::Invitation, String)>, StaffError> {
        let names = self.names()?;
        Ok(self
            .directory
            .store
            .pending_invitations(self.clock.now())?
            .into_iter()
            .filter(|i| policy::allows(actor, Action::Invite(&i.grant)))
            .map(|i| {
                let org = names.of(&i.grant.scope);
                (i, org)
            })
            .collect())
    }

    /// The roles and organisations the actor may invite into.
    pub fn invite_choices(&self, actor: &Actor) -> Result<Vec<InviteChoice>, StaffError> {
        let mut all = vec![Grant {
            role: Role::DirectoryAdmin,
            scope: Scope::Directory,
        }];
        let agencies = self.directory.store.agencies()?;
        let providers = self.directory.store.providers()?;
        for (a, _) in &agencies {
            for role in [Role::Advocate, Role::AgencyAdmin] {
                all.push(Grant {
                    role,
                    scope: Scope::Agency(a.id.clone()),
                });
            }
        }
        for (p, _) in &providers {
            all.push(Grant {
                role: Role::ProviderStaff,
                scope: Scope::Provider(p.id.clone()),
            });
        }
        let names = self.names()?;
        Ok(all
            .into_iter()
            .filter(|g| policy::allows(actor, Action::Invite(g)))
            .map(|grant| {
                let id = match &grant.scope {
                    Scope::Directory => "",
                    Scope::Agency(a) => a.as_str(),
                    Scope::Provider(p) => p.as_str(),
                };
                InviteChoice {
                    value: format!("{}:{id}", grant.role.code()),
                    organisation: names.of(&grant.scope),
                    grant,
                }
            })
            .collect())
    }

    /// AC-5: a single-use invitation link into one of the actor's invite choices, valid 24 h.
    pub fn invite(&self, actor: &Actor, email: &str, choice: &str) -> Result<InvitationLink, StaffError> {
        if !policy::allows(actor, Action::ViewPeople) {
            return Err(self.deny(actor, "invitation.create", String::new()));
        }
        let email = staff::email(email)?;
        let Some(choice) = self
            .invite_choices(actor)?
            .into_iter()
            .find(|c| c.value == choice)
        else {
            return Err(StaffError::Invalid {
                field: "grant",
                key: "staff-error-grant",
            });
        };
        if self.directory.store.account_by_email(&email)?.is_some() {
            return Err(StaffError::Invalid {
                field: "email",
                key: "staff-error-email-taken",
            });
        }
        let now = self.clock.now();
        let token = Token::generate()?;
        let id = InvitationId::random();
        let expires_at = now + INVITATION_SECONDS;
        let entry = self.audit(
            Some(&actor.user),
            choice.grant.scope.agency(),
            "invitation.create",
            format!("invitation:{id}"),
            true,
        );
        self.directory.store.create_invitation(
            &NewInvitation {
                id: &id,
                token_hash: &token.hash(),
                email: &email,
                grant: &choice.grant,
                invited_by: &actor.user,
                expires_at,
            },
            &entry,
            now,
        )?;
        Ok(InvitationLink {
            link: SecretString::from(format!(
                "{}/staff/invitations/{}",
                self.settings.public_url.trim_end_matches('/'),
                token.expose()
            )),
            expires_at,
        })
    }

    /// Ends a membership the actor may end (and the member's sessions: SES-4).
    pub fn end_membership(&self, actor: &Actor, id: &MembershipId) -> Result<(), StaffError> {
        let record = format!("membership:{id}");
        let Some(m) = self.directory.store.membership(id)? else {
            return Err(self.deny(actor, "membership.end", record));
        };
        if !policy::allows(actor, Action::EndMembership(&m)) {
            return Err(self.deny(actor, "membership.end", record));
        }
        let entry = self.audit(
            Some(&actor.user),
            m.scope.agency(),
            "membership.end",
            record,
            true,
        );
        self.directory
            .store
            .end_membership(id, &entry, self.clock.now())?;
        Ok(())
    }

    /// An account the actor may manage (disable, re-enable, reset), with the agency its
    /// audit entries belong to; a missing or forbidden one is denied and audited (AC-3).
    fn managed(
        &self,
        actor: &Actor,
        user: &UserId,
        action: &'static str,
    ) -> Result<(Account, Option<AgencyId>), StaffError> {
        let record = format!("user:{user}");
        let people = self.directory.store.people()?;
        let Some((account, ms)) = people.into_iter().find(|(a, _)| &a.id == user) else {
            return Err(self.deny(actor, action, record));
        };
        let active: Vec<Membership> = ms.into_iter().filter(|m| m.ended.is_none()).collect();
        if !policy::allows(actor, Action::ManageAccount(user, &active)) {
            return Err(self.deny(actor, action, record));
        }
        let agency = active.iter().find_map(|m| m.scope.agency()).cloned();
        Ok((account, agency))
    }

    /// Disables an account the actor may manage (and kills its sessions: SES-4).
    pub fn disable(&self, actor: &Actor, user: &UserId) -> Result<(), StaffError> {
        let (account, agency) = self.managed(actor, user, "user.disable")?;
        if account.disabled {
            return Err(self.deny(actor, "user.disable", format!("user:{user}")));
        }
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "user.disable",
            format!("user:{user}"),
            true,
        );
        self.directory
            .store
            .disable_user(user, &entry, self.clock.now())?;
        Ok(())
    }

    /// Re-enables a disabled account the actor may manage. Its owner signs in again as before.
    pub fn enable(&self, actor: &Actor, user: &UserId) -> Result<(), StaffError> {
        let (account, agency) = self.managed(actor, user, "user.enable")?;
        if !account.disabled {
            return Err(self.deny(actor, "user.enable", format!("user:{user}")));
        }
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "user.enable",
            format!("user:{user}"),
            true,
        );
        self.directory.store.enable_user(user, &entry, self.clock.now())?;
        Ok(())
    }

    /// A single-use link (24 h) with which the owner of an account the actor may manage sets
    /// a new password and authenticator — for a lost phone or a forgotten password. Earlier
    /// links for the account stop working.
    pub fn reset_link(&self, actor: &Actor, user: &UserId) -> Result<(InvitationLink, Account), StaffError> {
        let (account, agency) = self.managed(actor, user, "credentials.reset_link")?;
        if account.disabled {
            return Err(self.deny(actor, "credentials.reset_link", format!("user:{user}")));
        }
        let now = self.clock.now();
        let token = Token::generate()?;
        let expires_at = now + INVITATION_SECONDS;
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "credentials.reset_link",
            format!("user:{user}"),
            true,
        );
        self.directory
            .store
            .create_reset(&token.hash(), user, &actor.user, expires_at, &entry, now)?;
        let link = InvitationLink {
            link: SecretString::from(format!(
                "{}/staff/reset/{}",
                self.settings.public_url.trim_end_matches('/'),
                token.expose()
            )),
            expires_at,
        };
        Ok((link, account))
    }

    /// Gives a person the actor may see another role the actor may grant (their sessions end:
    /// SES-2, they sign in again with it).
    pub fn add_role(&self, actor: &Actor, user: &UserId, choice: &str) -> Result<(), StaffError> {
        let record = format!("user:{user}");
        let people = self.directory.store.people()?;
        let Some((account, ms)) = people.into_iter().find(|(a, _)| &a.id == user) else {
            return Err(self.deny(actor, "membership.add", record));
        };
        // Someone the actor may not see answers like no one (AC-3), before the form is judged.
        if !policy::allows(actor, Action::ViewPerson(&ms)) {
            return Err(self.deny(actor, "membership.add", record));
        }
        let Some(choice) = self
            .invite_choices(actor)?
            .into_iter()
            .find(|c| c.value == choice)
        else {
            return Err(StaffError::Invalid {
                field: "grant",
                key: "staff-error-grant",
            });
        };
        let active: Vec<Membership> = ms.iter().filter(|m| m.ended.is_none()).cloned().collect();
        if account.disabled || !policy::allows(actor, Action::AddRole(user, &active, &choice.grant)) {
            return Err(self.deny(actor, "membership.add", record));
        }
        let holds = ms
            .iter()
            .any(|m| m.ended.is_none() && m.role == choice.grant.role && m.scope == choice.grant.scope);
        if holds {
            return Err(StaffError::Invalid {
                field: "grant",
                key: "staff-error-role-held",
            });
        }
        let entry = self.audit(
            Some(&actor.user),
            choice.grant.scope.agency(),
            "membership.add",
            record,
            true,
        );
        self.directory
            .store
            .add_membership(user, &choice.grant, &entry, self.clock.now())?;
        Ok(())
    }

    /// Revokes a pending invitation the actor could have made.
    pub fn revoke_invitation(&self, actor: &Actor, id: &InvitationId) -> Result<(), StaffError> {
        let record = format!("invitation:{id}");
        let pending = self.directory.store.pending_invitations(self.clock.now())?;
        let Some(inv) = pending.into_iter().find(|i| &i.id == id) else {
            return Err(self.deny(actor, "invitation.revoke", record));
        };
        if !policy::allows(actor, Action::RevokeInvitation(&inv.grant)) {
            return Err(self.deny(actor, "invitation.revoke", record));
        }
        let entry = self.audit(
            Some(&actor.user),
            inv.grant.scope.agency(),
            "invitation.revoke",
            record,
            true,
        );
        self.directory
            .store
            .revoke_invitation(id, &entry, self.clock.now())?;
        Ok(())
    }

    // ----- organisations ---------------------------------------------------------------

    /// Agencies with their active member counts (directory admins).
    pub fn agencies(&self, actor: &Actor) -> Result<Vec<(Agency, u64)>, StaffError> {
        if !policy::allows(actor, Action::ManageAgencies) {
            return Err(self.deny(actor, "agency.list", String::new()));
        }
        Ok(self.directory.store.agencies()?)
    }

    /// Creates an agency.
    pub fn create_agency(&self, actor: &Actor, name: &str) -> Result<AgencyId, StaffError> {
        if !policy::allows(actor, Action::ManageAgencies) {
            return Err(self.deny(actor, "agency.create", String::new()));
        }
        let agency = Agency {
            id: AgencyId::random(),
            name: staff::name(name)?,
        };
        let entry = self.audit(
            Some(&actor.user),
            Some(&agency.id),
            "agency.create",
            format!("agency:{}", agency.id),
            true,
        );
        match self
            .directory
            .store
            .create_agency(&agency, &entry, self.clock.now())
        {
            Err(StoreError::Conflict(_)) => Err(StaffError::Invalid {
                field: "name",
                key: "staff-error-agency-exists",
            }),
            other => Ok(other.map(|()| agency.id)?),
        }
    }

    /// Provider organisations and the directory organisations that have none yet.
    #[expect(clippy::type_complexity, reason = "two plain lists")]
    pub fn providers(
        &self,
        actor: &Actor,
    ) -> Result<(Vec<(Provider, String, u64)>, Vec<(String, String)>), StaffError> {
        if !policy::allows(actor, Action::ManageProviders) {
            return Err(self.deny(actor, "provider.list", String::new()));
        }
        let store = &self.directory.store;
        let mut providers = Vec::new();
        for (p, n) in store.providers()? {
            let org = store.organization_name(&p.organization_id)?.unwrap_or_default();
            providers.push((p, org, n));
        }
        Ok((providers, store.organizations_without_provider()?))
    }

    /// Creates the provider organisation of a directory organisation.
    pub fn create_provider(&self, actor: &Actor, organization_id: &str) -> Result<ProviderId, StaffError> {
        if !policy::allows(actor, Action::ManageProviders) {
            return Err(self.deny(actor, "provider.create", String::new()));
        }
        let bad = StaffError::Invalid {
            field: "organization",
            key: "staff-error-organization",
        };
        let Some(name) = self.directory.store.organization_name(organization_id)? else {
            return Err(bad);
        };
        let provider = Provider {
            id: ProviderId::random(),
            name,
            organization_id: organization_id.to_owned(),
        };
        let entry = self.audit(
            Some(&actor.user),
            None,
            "provider.create",
            format!("provider:{}", provider.id),
            true,
        );
        match self
            .directory
            .store
            .create_provider(&provider, &entry, self.clock.now())
        {
            Ok(true) => Ok(provider.id),
            Ok(false) | Err(StoreError::Conflict(_)) => Err(bad),
            Err(e) => Err(e.into()),
        }
    }

    // ----- audit -----------------------------------------------------------------------

    /// Audit entries the actor may read, filtered.
    pub fn audit_log(&self, actor: &Actor, mut filter: audit::Filter) -> Result<Vec<Recorded>, StaffError> {
        if !policy::allows(actor, Action::ReadAudit) {
            return Err(self.deny(actor, "audit.read", String::new()));
        }
        filter.agencies = policy::audit_agencies(actor);
        Ok(self.directory.store.audit_entries(&filter)?)
    }

    /// Account names by id (for the audit page's actor column and filter).
    pub fn account_names(&self) -> Result<HashMap<String, String>, StaffError> {
        Ok(self
            .directory
            .store
            .people()?
            .into_iter()
            .map(|(a, _)| (a.id.0, a.name))
            .collect())
    }
}

/// Organisation names by id.
struct Names {
    agencies: HashMap<String, String>,
    providers: HashMap<String, String>,
}

impl Names {
    fn of(&self, scope: &Scope) -> String {
        match scope {
            Scope::Directory => String::new(),
            Scope::Agency(a) => self.agencies.get(a.as_str()).cloned().unwrap_or_default(),
            Scope::Provider(p) => self.providers.get(p.as_str()).cloned().unwrap_or_default(),
        }
    }
}

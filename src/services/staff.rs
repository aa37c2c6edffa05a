//! Staff use-cases, one family per noun, each a small type in its own module (see
//! [`use_cases!`]): accounts (setup link, invitations, enrolment, resets), sessions, people,
//! organisations, the audit log, survivors, needs, referrals, hand-over, reports, consents.
//! They share one context, [`Staff`]. Every decision goes through [`policy`]; every change
//! and every denial is audited; a denied record answers like a missing one (AC-3).

mod accounts;
mod audit_log;
mod consent;
mod handover;
mod listings;
pub mod local_time;
mod needs;
mod organisations;
mod people;
mod referrals;
mod reports;
mod resets;
mod sessions;
mod survivors;
mod tokens;
pub mod webhooks;

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
pub use crate::store::UnmetBy;
use crate::store::{
    Credentials, NewAccount, NewCredentials, NewInvitation, NewSession, Pass, StoreError, StoredSession,
};
pub use consent::{ConsentForm, ConsentView, ProviderView};
pub use handover::{Orphan, TimelineEntry, TimelineEvent};
pub use listings::{
    CONFIRM_DAYS, ChangeView, Freshness, ListingSummary, ListingView, ReviewItem, Saved, older_than,
};
pub use needs::{Candidates, NeedForm};
pub use referrals::InboxItem;
pub use reports::{
    AgencyReport, Gap, SMALL_CELL, UNMET_COLUMNS, UnmetLine, UnmetScope, UnmetTable, publish_unmet,
    suppressed,
};
pub use resets::{ResetAnswer, ResetRequestView};
pub use survivors::{
    ANSWER_DAYS, AdvocateDay, CopyView, NeedView, PlanView, ReferralView, STUCK_DAYS, ServiceContact,
    SurvivorForm, SurvivorSummary, WAITING_DAYS,
};
pub use tokens::{NewToken, TokenRefusal};
pub use webhooks::{NewWebhook, WebhookView};

/// How long a setup link lasts (AC-5: one hour).
pub const SETUP_SECONDS: i64 = 3600;
/// How long an invitation lasts (AC-5: within 24 hours).
pub const INVITATION_SECONDS: i64 = 24 * 3600;
/// How long a reset waits for a second admin's approval (AC-6): three days.
pub const RESET_REQUEST_SECONDS: i64 = 3 * 24 * 3600;
/// How long the owner of a reset account is told of it at sign-in (AC-6): thirty days.
pub const RESET_NOTICE_SECONDS: i64 = 30 * 24 * 3600;
/// Failures from one address before sign-in from it backs off (AUTH-4).
pub const FREE_FAILURES: i64 = 5;
/// Failures from every address before the whole account backs off (issue 12: a ceiling
/// against many addresses, high enough that one stranger cannot reach it).
pub const ACCOUNT_CEILING: i64 = 50;
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
    /// The listing field groups whose changes wait for a directory admin's review.
    pub reviewed: Vec<crate::domain::listing_edit::FieldGroup>,
}

impl Default for StaffSettings {
    fn default() -> StaffSettings {
        StaffSettings {
            idle_seconds: 15 * 60,
            absolute_seconds: 8 * 3600,
            public_url: "http://127.0.0.1:8080".to_owned(),
            reviewed: crate::domain::listing_edit::FieldGroup::REVIEWED_BY_DEFAULT.to_vec(),
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
            Invalid::Phone => "staff-error-phone",
            Invalid::TimeZone => "staff-error-time-zone",
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
    /// The time zone its pages speak in: its agency's, or UTC.
    pub time_zone: String,
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

/// Declares one family of staff use-cases — a noun: a borrowed view of the shared [`Staff`]
/// context, reached as `staff.<getter>()`. Each family is a small type of its own, in its own
/// module; the context (store, vault, passwords, clock, settings) is made once, and the
/// family's methods read it through `Deref` as if it were theirs.
macro_rules! use_cases {
    ($(#[$doc:meta])* $name:ident, $getter:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name<'a>(&'a Staff);

        impl std::ops::Deref for $name<'_> {
            type Target = Staff;

            fn deref(&self) -> &Staff {
                self.0
            }
        }

        impl Staff {
            #[doc = concat!("The [`", stringify!($name), "`] use-cases.")]
            pub fn $getter(&self) -> $name<'_> {
                $name(self)
            }
        }
    };
}

use_cases!(
    /// Making accounts: the setup link, invitations, enrolment, credential resets.
    Accounts,
    accounts
);
use_cases!(
    /// Signing in and out, and one's sessions.
    Sessions,
    sessions
);
use_cases!(
    /// People and memberships, as admins manage them.
    People,
    people
);
use_cases!(
    /// Agencies and provider organisations.
    Organisations,
    organisations
);
use_cases!(
    /// The audit log, as admins read it.
    AuditLog,
    audit_log
);
use_cases!(
    /// Survivors' records and plans.
    Survivors,
    survivors
);
use_cases!(
    /// The needs of a plan.
    Needs,
    needs
);
use_cases!(
    /// Referrals and their closed loop.
    Referrals,
    referrals
);
use_cases!(
    /// Hand-overs and co-advocates.
    HandOver,
    hand_over
);
use_cases!(
    /// An agency's aggregate reports.
    Reports,
    reports
);
use_cases!(
    /// Listings kept by their providers: editing, confirming, the history, the review queue.
    Listings,
    listings
);
use_cases!(
    /// Provider organisations' API tokens, and the capacity API they open.
    ApiTokens,
    api_tokens
);
use_cases!(
    /// Webhooks of provider organisations and agencies, and their delivery queue.
    Webhooks,
    webhooks
);
use_cases!(
    /// Consent to share with a provider, and the provider's view of a referral.
    Consents,
    consents
);

/// The staff side: the context every use-case family shares.
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
        let (vault, created) =
            Vault::open(key_file, Access::Shared, fresh, directory.database.key_database())?;
        directory.store.set_audit_key(vault.audit_key()?);
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
    /// A single-use link to hand over: the server's public address, `path`, the token
    /// (setup, invitation and reset links alike).
    fn link(&self, path: &str, token: &Token) -> SecretString {
        SecretString::from(format!(
            "{}{path}{}",
            self.settings.public_url.trim_end_matches('/'),
            token.expose()
        ))
    }

    fn deny(&self, actor: &Actor, action: &'static str, record: String) -> StaffError {
        self.deny_in(actor, None, action, record)
    }

    /// Records a denial on a record of `owner` (an agency), so that the agency's admins see
    /// who probed their records, and answers like a missing record (AC-3).
    fn deny_in(
        &self,
        actor: &Actor,
        owner: Option<&AgencyId>,
        action: &'static str,
        record: String,
    ) -> StaffError {
        let entry = self.audit(Some(&actor.user), owner, action, record, false);
        if let Err(e) = self.directory.store.audit(&entry, self.clock.now()) {
            return e.into();
        }
        StaffError::NotFound
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

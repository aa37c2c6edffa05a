//! Staff: agencies, provider organisations, people and their memberships. A person holds one
//! role per membership; a membership can end. Survivors never have accounts.

pub use super::ids::{AgencyId, InvitationId, MembershipId, ProviderId, ResetId, SessionId, UserId};

/// What a membership lets a person do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Runs the whole directory: agencies, provider organisations, any account.
    DirectoryAdmin,
    /// Runs one agency: its staff and its audit log.
    AgencyAdmin,
    /// Works with survivors in one agency.
    Advocate,
    /// Keeps one provider organisation's listings and answers its referrals.
    ProviderStaff,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [
        Role::DirectoryAdmin,
        Role::AgencyAdmin,
        Role::Advocate,
        Role::ProviderStaff,
    ];

    /// Stable code (database, forms).
    pub fn code(self) -> &'static str {
        match self {
            Role::DirectoryAdmin => "directory_admin",
            Role::AgencyAdmin => "agency_admin",
            Role::Advocate => "advocate",
            Role::ProviderStaff => "provider_staff",
        }
    }

    /// The role of a code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The kind of organisation this role belongs to.
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::DirectoryAdmin => ScopeKind::Directory,
            Role::AgencyAdmin | Role::Advocate => ScopeKind::Agency,
            Role::ProviderStaff => ScopeKind::Provider,
        }
    }
}

/// Which kind of organisation a role lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// The directory as a whole.
    Directory,
    /// An agency.
    Agency,
    /// A provider organisation.
    Provider,
}

/// Where a membership applies.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The directory as a whole.
    Directory,
    /// One agency.
    Agency(AgencyId),
    /// One provider organisation.
    Provider(ProviderId),
}

impl Scope {
    /// The kind of scope.
    pub fn kind(&self) -> ScopeKind {
        match self {
            Scope::Directory => ScopeKind::Directory,
            Scope::Agency(_) => ScopeKind::Agency,
            Scope::Provider(_) => ScopeKind::Provider,
        }
    }

    /// The agency, when this is one.
    pub fn agency(&self) -> Option<&AgencyId> {
        match self {
            Scope::Agency(a) => Some(a),
            _ => None,
        }
    }
}

/// One role of one person in one organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    /// Id.
    pub id: MembershipId,
    /// Whose.
    pub user: UserId,
    /// Role.
    pub role: Role,
    /// Where.
    pub scope: Scope,
    /// Unix seconds it began.
    pub since: i64,
    /// Unix seconds it ended, if it has.
    pub ended: Option<i64>,
}

/// A role in a scope: what a person may act as.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Grant {
    /// Role.
    pub role: Role,
    /// Where.
    pub scope: Scope,
}

/// A person's account as the app sees it (never with secrets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// Id.
    pub id: UserId,
    /// Email (how they sign in).
    pub email: String,
    /// Name shown to colleagues.
    pub name: String,
    /// Disabled accounts cannot sign in and lose their sessions.
    pub disabled: bool,
}

/// An agency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agency {
    /// Id.
    pub id: AgencyId,
    /// Name.
    pub name: String,
}

/// An agency's own settings: the time zone its staff pages and survivors' copies speak in
/// (stored times stay UTC), and the phone its survivors call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgencySettings {
    /// IANA time zone; `None` until set (pages then show UTC and say so).
    pub time_zone: Option<String>,
    /// The agency's phone number.
    pub phone: Option<String>,
}

/// The time zones an agency may choose: those of the United States and its territories.
pub const TIME_ZONES: &[&str] = &[
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "Pacific/Guam",
    "Pacific/Pago_Pago",
];

/// A phone number as typed: digits with spaces, dashes, dots, brackets or a leading +,
/// 7 to 20 characters; `None` when empty.
pub fn phone(value: &str) -> Result<Option<String>, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " -.()".contains(c) || (c == '+' && i == 0));
    if !allowed || !(7..=20).contains(&v.chars().count()) || digits < 7 {
        return Err(Invalid::Phone);
    }
    Ok(Some(v.to_owned()))
}

/// A time zone of [`TIME_ZONES`].
pub fn time_zone(value: &str) -> Result<String, Invalid> {
    TIME_ZONES
        .iter()
        .find(|z| **z == value.trim())
        .map(|z| (*z).to_owned())
        .ok_or(Invalid::TimeZone)
}

/// A provider organisation with accounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provider {
    /// Id.
    pub id: ProviderId,
    /// Name.
    pub name: String,
    /// The HSDS organisation of the directory it speaks for.
    pub organization_id: String,
}

/// Why a value typed into a staff form was refused. The field is named for the page.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// Not an email address.
    #[error("email: not an email address")]
    Email,
    /// Password too short or too long (AUTH-2: 8 to 1,024 characters, nothing else required).
    #[error("password: must be 8 to 1024 characters")]
    PasswordLength,
    /// The two passwords differ.
    #[error("password: the two passwords differ")]
    PasswordMismatch,
    /// Empty or too long a name.
    #[error("name: must be 1 to 200 characters")]
    Name,
    /// Not a phone number.
    #[error("phone: digits, 7 to 20 characters")]
    Phone,
    /// Not one of [`TIME_ZONES`].
    #[error("time_zone: choose one")]
    TimeZone,
}

impl Invalid {
    /// The form field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            Invalid::Email => "email",
            Invalid::PasswordLength | Invalid::PasswordMismatch => "password",
            Invalid::Name => "name",
            Invalid::Phone => "phone",
            Invalid::TimeZone => "time_zone",
        }
    }
}

/// An email address, trimmed and lower-cased (one account per address, whatever its case).
pub fn email(text: &str) -> Result<String, Invalid> {
    let e = text.trim().to_lowercase();
    let ok = e.len() <= 254
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
        && !e
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ','))
        && e.matches('@').count() == 1;
    if ok { Ok(e) } else { Err(Invalid::Email) }
}

/// AUTH-2: a length and nothing else — no composition rules, any character, paste allowed.
pub fn password(text: &str, again: &str) -> Result<(), Invalid> {
    let n = text.chars().count();
    if !(8..=1024).contains(&n) {
        return Err(Invalid::PasswordLength);
    }
    if text != again {
        return Err(Invalid::PasswordMismatch);
    }
    Ok(())
}

/// A name for people and organisations: trimmed, 1 to 200 characters, no control characters.
pub fn name(text: &str) -> Result<String, Invalid> {
    let n = text.trim();
    if n.is_empty() || n.chars().count() > 200 || n.chars().any(char::is_control) {
        return Err(Invalid::Name);
    }
    Ok(n.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(email("  Ana@Example.ORG ").as_deref(), Ok("ana@example.org"));
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.org",
            "ana@x",
            "a b@x.org",
            "a@b@x.org",
            "a@.org",
        ] {
            assert_eq!(email(bad), Err(Invalid::Email), "{bad}");
        }
    }

    #[test]
    fn passwords_need_length_only() {
        assert!(password("aaaaaaaa", "aaaaaaaa").is_ok());
        assert!(
            password("ñ ñ ñ ñ ", "ñ ñ ñ ñ ").is_ok(),
            "any character, spaces too"
        );
        assert_eq!(password("short", "short"), Err(Invalid::PasswordLength));
        assert_eq!(
            password("longenough", "longenouhg"),
            Err(Invalid::PasswordMismatch)
        );
        let long = "x".repeat(1024);
        assert!(password(&long, &long).is_ok());
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert!(UserId::parse("not-a-uuid").is_none());
        let id = UserId::random();
        assert_eq!(UserId::parse(id.as_str()), Some(id));
    }
}

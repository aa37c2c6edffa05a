//! The staff side: sign-in, enrolment (first admin and invitations), one's own sessions,
//! people and memberships, agencies, provider organisations, the audit log.
//! Staff pages share the public stylesheet, add their own (`staff.css`, which public pages do
//! not load), and have their own frame: no quick exit, a staff menu and a sign-out button
//! instead. Every form carries the session's CSRF token.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::assets;
use crate::i18n::Lang;

/// What every staff page's frame needs.
#[derive(Clone, Debug)]
pub struct Chrome {
    /// Language (from the browser's Accept-Language).
    pub lang: Lang,
    /// The signed-in person, absent on sign-in and enrolment pages.
    pub user: Option<SignedIn>,
}

/// The signed-in person, for the menu and the sign-out button.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// Their name.
    pub name: String,
    /// CSRF token for the sign-out form.
    pub csrf: String,
    /// Menu entries they may use (the policy decided), in order.
    pub menu: Vec<Menu>,
    /// The entry of the page shown, if any.
    pub current: Option<Menu>,
}

/// A staff menu entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// `/staff`.
    Home,
    /// `/staff/people`.
    People,
    /// `/staff/agencies`.
    Agencies,
    /// `/staff/providers`.
    Providers,
    /// `/staff/audit`.
    Audit,
    /// `/staff/sessions`.
    Sessions,
}

impl Menu {
    /// The entry's path.
    pub fn path(self) -> &'static str {
        match self {
            Menu::Home => "/staff",
            Menu::People => "/staff/people",
            Menu::Agencies => "/staff/agencies",
            Menu::Providers => "/staff/providers",
            Menu::Audit => "/staff/audit",
            Menu::Sessions => "/staff/sessions",
        }
    }
}

/// A form mistake: the field at fault (its `name`) and the catalogue key of the message.
#[derive(Clone, Debug)]
pub struct FieldError {
    /// The form field's name.
    pub field: String,
    /// Catalogue key of what is wrong.
    pub message_key: String,
}

/// The sign-in page.
#[derive(Clone, Debug)]
pub struct LoginPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token (derived from the pre-session cookie).
    pub csrf: String,
    /// The email typed, kept after a refusal.
    pub email: String,
    /// Catalogue key of a refusal ("not accepted", "wait"), if any.
    pub error_key: Option<String>,
}

/// What is being enrolled.
#[derive(Clone, Debug)]
pub enum Enrolment {
    /// The first directory admin, from the console's setup link.
    Setup,
    /// An invitation: the role (catalogue key) and organisation it fixes, and its email.
    Invitation {
        /// Catalogue key of the role's name (`role-advocate`, …).
        role_key: String,
        /// Organisation name (empty for the directory).
        organisation: String,
        /// The invited email (fixed).
        email: String,
    },
    /// A credential reset for an existing account (a lost phone or password).
    Reset {
        /// The account's email.
        email: String,
    },
}

/// Setting a password and a second factor (first admin or invitation).
#[derive(Clone, Debug)]
pub struct EnrolPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Where the form posts (the setup or invitation link itself).
    pub action: String,
    /// What is being enrolled.
    pub enrolment: Enrolment,
    /// Email typed (setup only; an invitation's is fixed).
    pub email: String,
    /// Name typed.
    pub name: String,
    /// The TOTP secret in base32, spaced in groups of four, also posted back in a hidden field.
    pub totp_secret: String,
    /// The QR code of the `otpauth://` URI as an inline SVG made by the server (project-made
    /// markup: only rectangles, no text from anyone).
    pub totp_qr_svg: String,
    /// A mistake, if any.
    pub error: Option<FieldError>,
}

/// Recovery codes, shown once after enrolment.
#[derive(Clone, Debug)]
pub struct RecoveryPage {
    /// Frame.
    pub chrome: Chrome,
    /// The codes.
    pub codes: Vec<String>,
}

/// A page that only says something (an expired link, a done action).
#[derive(Clone, Debug)]
pub struct NoticePage {
    /// Frame.
    pub chrome: Chrome,
    /// Catalogue key of the heading.
    pub heading_key: String,
    /// Catalogue key of the text.
    pub text_key: String,
    /// A link onward: catalogue key of its label and its href.
    pub next: Option<(String, String)>,
}

/// The staff home page.
#[derive(Clone, Debug)]
pub struct StaffHome {
    /// Frame (always signed in).
    pub chrome: Chrome,
    /// Their roles: (role catalogue key, organisation name or empty for the directory).
    pub roles: Vec<(String, String)>,
}

/// One's own sessions.
#[derive(Clone, Debug)]
pub struct SessionsPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Sessions, newest first.
    pub sessions: Vec<SessionRow>,
}

/// A session in the list.
#[derive(Clone, Debug)]
pub struct SessionRow {
    /// Id (for the "sign out" button of that session).
    pub id: String,
    /// When it began, formatted.
    pub started: String,
    /// Last activity, formatted.
    pub last_seen: String,
    /// Whether it is the one viewing the page.
    pub current: bool,
}

/// People and memberships in the scopes the viewer administers, with the invitation form.
#[derive(Clone, Debug)]
pub struct PeoplePage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// People.
    pub people: Vec<PersonRow>,
    /// Invitations not yet used or expired.
    pub pending: Vec<PendingInvitation>,
    /// What an invitation may grant: (form value, role catalogue key, organisation name).
    pub invite_choices: Vec<(String, String, String)>,
    /// The invitation form's email, kept after a mistake.
    pub invite_email: String,
    /// A mistake in the invitation form.
    pub error: Option<FieldError>,
}

/// A person in the list.
#[derive(Clone, Debug)]
pub struct PersonRow {
    /// Account id (for the disable button).
    pub id: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Disabled accounts are shown as such.
    pub disabled: bool,
    /// Whether the viewer may disable (or re-enable) the account and make it a reset link.
    pub can_manage: bool,
    /// Whether the viewer may give this person another role (from `invite_choices`).
    pub can_add_role: bool,
    /// Memberships.
    pub memberships: Vec<MembershipRow>,
}

/// A membership in the list.
#[derive(Clone, Debug)]
pub struct MembershipRow {
    /// Id (for the end button).
    pub id: String,
    /// Role catalogue key.
    pub role_key: String,
    /// Organisation name (empty for the directory).
    pub organisation: String,
    /// Began, formatted date.
    pub since: String,
    /// Ended, formatted date, if it has.
    pub ended: Option<String>,
    /// Whether the viewer may end it.
    pub can_end: bool,
}

/// An invitation waiting to be used.
#[derive(Clone, Debug)]
pub struct PendingInvitation {
    /// Id (for the revoke button).
    pub id: String,
    /// Email.
    pub email: String,
    /// Role catalogue key.
    pub role_key: String,
    /// Organisation name.
    pub organisation: String,
    /// Expiry, formatted.
    pub expires: String,
}

/// Shown once after creating an invitation or a reset link: the link to hand over.
#[derive(Clone, Debug)]
pub struct InvitationCreated {
    /// Frame.
    pub chrome: Chrome,
    /// Whether this is a credential reset link (else an invitation).
    pub reset: bool,
    /// Invited email.
    pub email: String,
    /// The single-use link.
    pub link: String,
    /// Expiry, formatted.
    pub expires: String,
}

/// Agencies (directory admins).
#[derive(Clone, Debug)]
pub struct AgenciesPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// (name, active members).
    pub agencies: Vec<(String, u64)>,
    /// The name typed, kept after a mistake.
    pub name: String,
    /// A mistake.
    pub error: Option<FieldError>,
}

/// Provider organisations (directory admins).
#[derive(Clone, Debug)]
pub struct ProvidersPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// (name, directory organisation's name, active members).
    pub providers: Vec<(String, String, u64)>,
    /// Directory organisations without an account yet: (HSDS id, name).
    pub organisations: Vec<(String, String)>,
    /// A mistake.
    pub error: Option<FieldError>,
}

/// The audit log, filtered.
#[derive(Clone, Debug)]
pub struct AuditPage {
    /// Frame.
    pub chrome: Chrome,
    /// Filter: actor (account id or empty).
    pub actor: String,
    /// Filter: people to pick as actor: (account id, name).
    pub actors: Vec<(String, String)>,
    /// Filter: from date (YYYY-MM-DD or empty).
    pub from: String,
    /// Filter: to date (YYYY-MM-DD or empty).
    pub to: String,
    /// Filter: record (an id or part of one, or empty).
    pub record: String,
    /// A mistake in the filters.
    pub error: Option<FieldError>,
    /// Entries, newest first.
    pub entries: Vec<AuditRow>,
    /// Whether the list was cut at its limit.
    pub truncated: bool,
}

/// One audit entry.
#[derive(Clone, Debug)]
pub struct AuditRow {
    /// Sequence number.
    pub seq: u64,
    /// When, formatted.
    pub at: String,
    /// Who (a name, or a catalogue-key-free label like "—" for the system).
    pub actor: String,
    /// Action code (e.g. `membership.end`).
    pub action: String,
    /// Record (e.g. `user:…`).
    pub record: String,
    /// Allowed or denied.
    pub allowed: bool,
}

/// Frame of a staff page.
pub fn staff_page(chrome: &Chrome, title_key: &str, body: Markup) -> Markup {
    let l = chrome.lang;
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (l.t(title_key)) " · " (l.t("staff-site-name")) }
                link rel="stylesheet" href=(assets::stylesheet());
                link rel="stylesheet" href=(assets::staff_stylesheet());
                link rel="icon" href="data:,";
            }
            body.staff {
                a.skip href="#main" { (l.t("skip-to-content")) }
                header.top {
                    a.brand href="/staff" { (l.t("staff-site-name")) }
                    @if let Some(u) = &chrome.user {
                        nav.staff-menu aria-label=(l.t("staff-menu")) {
                            @for m in &u.menu {
                                @if u.current == Some(*m) {
                                    a href=(m.path()) aria-current="page" { (l.t(menu_key(*m))) }
                                } @else {
                                    a href=(m.path()) { (l.t(menu_key(*m))) }
                                }
                            }
                        }
                        form.signout method="post" action="/staff/logout" {
                            input type="hidden" name="csrf" value=(u.csrf);
                            span { (u.name) }
                            " "
                            button type="submit" { (l.t("staff-sign-out")) }
                        }
                    }
                }
                main #main tabindex="-1" { (body) }
            }
        }
    }
}

fn menu_key(m: Menu) -> &'static str {
    match m {
        Menu::Home => "staff-menu-home",
        Menu::People => "staff-menu-people",
        Menu::Agencies => "staff-menu-agencies",
        Menu::Providers => "staff-menu-providers",
        Menu::Audit => "staff-menu-audit",
        Menu::Sessions => "staff-menu-sessions",
    }
}

/// An error message under a field, with the id `aria-describedby` points at.
fn field_error(l: Lang, error: &Option<FieldError>, field: &str) -> Markup {
    html! {
        @if let Some(e) = error.as_ref().filter(|e| e.field == field) {
            p.error id=(format!("{field}-error")) { (l.t(&e.message_key)) }
        }
    }
}

/// A GOV.UK-style error summary at the top of a form: a heading and the message as a link to
/// the field at fault (its id is its name). `fields` lists the fields the page shows; a mistake
/// about a field not shown (an invitation's fixed email) is given as plain text instead, since
/// there is nothing to link to and no message under a field.
fn error_summary(l: Lang, error: &Option<FieldError>, fields: &[&str]) -> Markup {
    html! {
        @if let Some(e) = error {
            div.error-summary role="alert" aria-labelledby="error-summary-title" {
                h2 #error-summary-title { (l.t("staff-error-summary")) }
                ul {
                    li {
                        @if fields.contains(&e.field.as_str()) {
                            a href=(format!("#{}", e.field)) { (l.t(&e.message_key)) }
                        } @else {
                            (l.t(&e.message_key))
                        }
                    }
                }
            }
        }
    }
}

fn invalid(error: &Option<FieldError>, field: &str) -> Option<&'static str> {
    error.as_ref().filter(|e| e.field == field).map(|_| "true")
}

fn described(error: &Option<FieldError>, field: &str) -> Option<String> {
    error
        .as_ref()
        .filter(|e| e.field == field)
        .map(|_| format!("{field}-error"))
}

/// The sign-in page.
pub fn login(m: &LoginPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-login",
        html! {
            h1 { (l.t("staff-login-heading")) }
            @if let Some(key) = &m.error_key {
                p.error role="alert" { (l.t(key)) }
            }
            form.staff-form method="post" action="/staff/login" {
                input type="hidden" name="csrf" value=(m.csrf);
                label for="email" { (l.t("staff-email")) }
                input #email type="email" name="email" value=(m.email) autocomplete="username" required;
                label for="password" { (l.t("staff-password")) }
                input #password type="password" name="password" autocomplete="current-password" required;
                label for="code" { (l.t("staff-code")) }
                p.hint #code-hint { (l.t("staff-code-hint")) }
                input #code type="text" name="code" autocomplete="one-time-code" aria-describedby="code-hint" required;
                button type="submit" { (l.t("staff-sign-in")) }
            }
        },
    )
}

/// Enrolment: password and second factor.
pub fn enrol(m: &EnrolPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-enrol",
        html! {
            @match &m.enrolment {
                Enrolment::Setup => {
                    h1 { (l.t("staff-setup-heading")) }
                    p.lead { (l.t("staff-setup-lead")) }
                }
                Enrolment::Invitation { role_key, organisation, email } => {
                    h1 { (l.t("staff-invitation-heading")) }
                    p.lead {
                        @if organisation.is_empty() {
                            (l.tf("staff-invitation-lead-directory", &[("role", &l.t(role_key)), ("email", email)]))
                        } @else {
                            (l.tf("staff-invitation-lead", &[("role", &l.t(role_key)), ("organisation", organisation), ("email", email)]))
                        }
                    }
                }
                Enrolment::Reset { email } => {
                    h1 { (l.t("staff-reset-heading")) }
                    p.lead { (l.tf("staff-reset-lead", &[("email", email)])) }
                }
            }
            @match m.enrolment {
                Enrolment::Setup => { (error_summary(l, e, &["email", "name", "password", "code"])) }
                Enrolment::Invitation { .. } => { (error_summary(l, e, &["name", "password", "code"])) }
                Enrolment::Reset { .. } => { (error_summary(l, e, &["password", "code"])) }
            }
            form.staff-form method="post" action=(m.action) {
                input type="hidden" name="csrf" value=(m.csrf);
                input type="hidden" name="totp_secret" value=(m.totp_secret);
                @if matches!(m.enrolment, Enrolment::Setup) {
                    label for="email" { (l.t("staff-email")) }
                    (field_error(l, e, "email"))
                    input #email type="email" name="email" value=(m.email) autocomplete="username" required
                        aria-invalid=[invalid(e, "email")] aria-describedby=[described(e, "email")];
                }
                @if !matches!(m.enrolment, Enrolment::Reset { .. }) {
                    label for="name" { (l.t("staff-name")) }
                    (field_error(l, e, "name"))
                    input #name type="text" name="name" value=(m.name) autocomplete="name" required
                        aria-invalid=[invalid(e, "name")] aria-describedby=[described(e, "name")];
                }
                label for="password" { (l.t("staff-new-password")) }
                p.hint #password-hint { (l.t("staff-password-hint")) }
                (field_error(l, e, "password"))
                input #password type="password" name="password" autocomplete="new-password" required
                    aria-invalid=[invalid(e, "password")] aria-describedby=(if invalid(e, "password").is_some() { "password-error password-hint" } else { "password-hint" });
                label for="password_again" { (l.t("staff-password-again")) }
                input #password_again type="password" name="password_again" autocomplete="new-password" required;
                h2 { (l.t("staff-totp-heading")) }
                p { (l.t("staff-totp-text")) }
                div.qr { (PreEscaped(&m.totp_qr_svg)) }
                p { (l.t("staff-totp-manual")) " " code.secret { (m.totp_secret) } }
                label for="code" { (l.t("staff-totp-code")) }
                (field_error(l, e, "code"))
                input #code type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required
                    aria-invalid=[invalid(e, "code")] aria-describedby=[described(e, "code")];
                button type="submit" { (l.t("staff-enrol-submit")) }
            }
        },
    )
}

/// Recovery codes, once.
pub fn recovery(m: &RecoveryPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-recovery",
        html! {
            h1 { (l.t("staff-recovery-heading")) }
            p.lead { (l.t("staff-recovery-lead")) }
            ul.codes { @for c in &m.codes { li { code { (c) } } } }
            p { a href="/staff/login" { (l.t("staff-sign-in")) } }
        },
    )
}

/// A page that says one thing.
pub fn notice(m: &NoticePage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        &m.heading_key,
        html! {
            h1 { (l.t(&m.heading_key)) }
            p { (l.t(&m.text_key)) }
            @if let Some((label, href)) = &m.next {
                p { a href=(href) { (l.t(label)) } }
            }
        },
    )
}

/// The staff home.
pub fn staff_home(m: &StaffHome) -> Markup {
    let l = m.chrome.lang;
    let name = m
        .chrome
        .user
        .as_ref()
        .map(|u| u.name.as_str())
        .unwrap_or_default();
    staff_page(
        &m.chrome,
        "staff-title-home",
        html! {
            h1 { (l.tf("staff-home-heading", &[("name", &name)])) }
            h2 { (l.t("staff-home-roles")) }
            @if m.roles.is_empty() {
                p { (l.t("staff-home-no-roles")) }
            } @else {
                ul { @for (role, org) in &m.roles {
                    li { (l.t(role)) @if !org.is_empty() { " · " (org) } }
                } }
            }
        },
    )
}

/// One's own sessions.
pub fn sessions(m: &SessionsPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-sessions",
        html! {
            h1 { (l.t("staff-sessions-heading")) }
            div.table-scroll role="region" tabindex="0" aria-label=(l.t("staff-sessions-table")) { table {
                thead { tr {
                    th scope="col" { (l.t("staff-sessions-started")) }
                    th scope="col" { (l.t("staff-sessions-last-seen")) }
                    th scope="col" { span.visually-hidden { (l.t("staff-actions")) } }
                } }
                tbody { @for s in &m.sessions { tr {
                    td { (s.started) }
                    td { (s.last_seen) }
                    td {
                        @if s.current { (l.t("staff-sessions-this")) } @else {
                            form method="post" action=(format!("/staff/sessions/{}/end", s.id)) {
                                input type="hidden" name="csrf" value=(m.csrf);
                                button type="submit" {
                                    (l.t("staff-sessions-end"))
                                    span.visually-hidden { " " (l.tf("staff-sessions-which", &[("date", &s.started)])) }
                                }
                            }
                        }
                    }
                } } }
            } }
            form method="post" action="/staff/sessions/end-all" {
                input type="hidden" name="csrf" value=(m.csrf);
                button type="submit" { (l.t("staff-sessions-end-all")) }
            }
        },
    )
}

/// People, memberships and invitations.
pub fn people(m: &PeoplePage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-people",
        html! {
            h1 { (l.t("staff-people-heading")) }
            @for p in &m.people {
                section.person {
                    h2 { (p.name) }
                    p { (p.email) @if p.disabled { " · " strong { (l.t("staff-disabled")) } } }
                    ul { @for ms in &p.memberships { li {
                        (l.t(&ms.role_key)) @if !ms.organisation.is_empty() { " · " (ms.organisation) }
                        " · " (l.tf("staff-since", &[("date", &ms.since)]))
                        @if let Some(end) = &ms.ended { " · " (l.tf("staff-ended", &[("date", end)])) }
                        @if ms.can_end {
                            form.inline method="post" action=(format!("/staff/memberships/{}/end", ms.id)) {
                                input type="hidden" name="csrf" value=(m.csrf);
                                button type="submit" {
                                    (l.t("staff-end-membership"))
                                    span.visually-hidden {
                                        " (" (l.t(&ms.role_key))
                                        @if !ms.organisation.is_empty() { ", " (ms.organisation) }
                                        ", " (p.name) ")"
                                    }
                                }
                            }
                        }
                    } } }
                    @if p.can_add_role && !m.invite_choices.is_empty() {
                        form.inline method="post" action=(format!("/staff/people/{}/roles", p.id)) {
                            input type="hidden" name="csrf" value=(m.csrf);
                            label for=(format!("role-{}", p.id)) {
                                (l.t("staff-add-role-label")) span.visually-hidden { " (" (p.name) ")" }
                            }
                            " "
                            select id=(format!("role-{}", p.id)) name="grant" {
                                @for (value, role, org) in &m.invite_choices {
                                    option value=(value) { (l.t(role)) @if !org.is_empty() { " · " (org) } }
                                }
                            }
                            " "
                            button type="submit" {
                                (l.t("staff-add-role")) span.visually-hidden { " (" (p.name) ")" }
                            }
                        }
                    }
                    @if p.can_manage {
                        div.actions {
                            @if p.disabled {
                                form.inline method="post" action=(format!("/staff/people/{}/enable", p.id)) {
                                    input type="hidden" name="csrf" value=(m.csrf);
                                    button type="submit" {
                                        (l.t("staff-enable")) span.visually-hidden { " (" (p.name) ")" }
                                    }
                                }
                            } @else {
                                form.inline method="post" action=(format!("/staff/people/{}/reset", p.id)) {
                                    input type="hidden" name="csrf" value=(m.csrf);
                                    button type="submit" {
                                        (l.t("staff-reset-link")) span.visually-hidden { " (" (p.name) ")" }
                                    }
                                }
                                " "
                                form.inline method="post" action=(format!("/staff/people/{}/disable", p.id)) {
                                    input type="hidden" name="csrf" value=(m.csrf);
                                    button type="submit" {
                                        (l.t("staff-disable"))
                                        span.visually-hidden { " (" (p.name) ")" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !m.pending.is_empty() {
                h2 { (l.t("staff-pending-heading")) }
                ul { @for i in &m.pending { li {
                    (i.email) " · " (l.t(&i.role_key)) @if !i.organisation.is_empty() { " · " (i.organisation) }
                    " · " (l.tf("staff-expires", &[("date", &i.expires)]))
                    " "
                    form.inline method="post" action=(format!("/staff/invitations/{}/revoke", i.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        button type="submit" {
                            (l.t("staff-revoke"))
                            span.visually-hidden {
                                " (" (i.email) ", " (l.t(&i.role_key))
                                @if !i.organisation.is_empty() { ", " (i.organisation) }
                                ")"
                            }
                        }
                    }
                } } }
            }
            @if !m.invite_choices.is_empty() {
                h2 #invite { (l.t("staff-invite-heading")) }
                form.staff-form method="post" action="/staff/invitations" {
                    input type="hidden" name="csrf" value=(m.csrf);
                    label for="invite-email" { (l.t("staff-email")) }
                    (field_error(l, e, "email"))
                    input #invite-email type="email" name="email" value=(m.invite_email) autocomplete="off" required
                        aria-invalid=[invalid(e, "email")] aria-describedby=[described(e, "email")];
                    label for="grant" { (l.t("staff-invite-role")) }
                    (field_error(l, e, "grant"))
                    select #grant name="grant" aria-invalid=[invalid(e, "grant")] aria-describedby=[described(e, "grant")] {
                        @for (value, role, org) in &m.invite_choices {
                            option value=(value) { (l.t(role)) @if !org.is_empty() { " · " (org) } }
                        }
                    }
                    button type="submit" { (l.t("staff-invite-submit")) }
                }
            }
        },
    )
}

/// The link of a new invitation, shown once.
pub fn invitation_created(m: &InvitationCreated) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-people",
        html! {
            @if m.reset {
                h1 { (l.t("staff-reset-created-heading")) }
                p { (l.tf("staff-reset-created-text", &[("email", &m.email), ("date", &m.expires)])) }
            } @else {
                h1 { (l.t("staff-invited-heading")) }
                p { (l.tf("staff-invited-text", &[("email", &m.email), ("date", &m.expires)])) }
            }
            p { code.link { (m.link) } }
            p { a href="/staff/people" { (l.t("staff-menu-people")) } }
        },
    )
}

/// Agencies.
pub fn agencies(m: &AgenciesPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-agencies",
        html! {
            h1 { (l.t("staff-agencies-heading")) }
            ul { @for (name, n) in &m.agencies { li { (name) " · " (l.plural("staff-members", *n)) } } }
            h2 { (l.t("staff-agency-new")) }
            form.staff-form method="post" action="/staff/agencies" {
                input type="hidden" name="csrf" value=(m.csrf);
                label for="name" { (l.t("staff-agency-name")) }
                (field_error(l, e, "name"))
                input #name type="text" name="name" value=(m.name) required
                    aria-invalid=[invalid(e, "name")] aria-describedby=[described(e, "name")];
                button type="submit" { (l.t("staff-agency-create")) }
            }
        },
    )
}

/// Provider organisations.
pub fn providers(m: &ProvidersPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-providers",
        html! {
            h1 { (l.t("staff-providers-heading")) }
            ul { @for (name, org, n) in &m.providers { li { (name) " · " (org) " · " (l.plural("staff-members", *n)) } } }
            h2 { (l.t("staff-provider-new")) }
            @if m.organisations.is_empty() {
                p { (l.t("staff-provider-none-left")) }
            } @else {
                form.staff-form method="post" action="/staff/providers" {
                    input type="hidden" name="csrf" value=(m.csrf);
                    label for="organization" { (l.t("staff-provider-organisation")) }
                    (field_error(l, e, "organization"))
                    select #organization name="organization" aria-invalid=[invalid(e, "organization")] aria-describedby=[described(e, "organization")] {
                        @for (id, name) in &m.organisations { option value=(id) { (name) } }
                    }
                    button type="submit" { (l.t("staff-provider-create")) }
                }
            }
        },
    )
}

/// The audit log.
pub fn audit(m: &AuditPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-audit",
        html! {
            h1 { (l.t("staff-audit-heading")) }
            form.staff-form.filters method="get" action="/staff/audit" {
                label for="actor" { (l.t("staff-audit-actor")) }
                select #actor name="actor" {
                    option value="" { (l.t("staff-audit-anyone")) }
                    @for (id, name) in &m.actors {
                        option value=(id) selected[*id == m.actor] { (name) }
                    }
                }
                label for="from" { (l.t("staff-audit-from")) }
                (field_error(l, e, "from"))
                input #from type="date" name="from" value=(m.from) aria-invalid=[invalid(e, "from")] aria-describedby=[described(e, "from")];
                label for="to" { (l.t("staff-audit-to")) }
                (field_error(l, e, "to"))
                input #to type="date" name="to" value=(m.to) aria-invalid=[invalid(e, "to")] aria-describedby=[described(e, "to")];
                label for="record" { (l.t("staff-audit-record")) }
                (field_error(l, e, "record"))
                input #record type="text" name="record" value=(m.record) aria-invalid=[invalid(e, "record")] aria-describedby=[described(e, "record")];
                button type="submit" { (l.t("staff-audit-filter")) }
            }
            @if m.entries.is_empty() {
                p { (l.t("staff-audit-empty")) }
            } @else {
                div.table-scroll role="region" tabindex="0" aria-label=(l.t("staff-audit-table")) { table {
                    thead { tr {
                        th scope="col" {
                            span aria-hidden="true" { "#" }
                            span.visually-hidden { (l.t("staff-audit-seq")) }
                        }
                        th scope="col" { (l.t("staff-audit-when")) }
                        th scope="col" { (l.t("staff-audit-actor")) }
                        th scope="col" { (l.t("staff-audit-action")) }
                        th scope="col" { (l.t("staff-audit-record")) }
                        th scope="col" { (l.t("staff-audit-outcome")) }
                    } }
                    tbody { @for r in &m.entries { tr {
                        td { (r.seq) }
                        td { (r.at) }
                        td { (r.actor) }
                        td { code { (r.action) } }
                        td { code { (r.record) } }
                        td { @if r.allowed { (l.t("staff-audit-allowed")) } @else { strong { (l.t("staff-audit-denied")) } } }
                    } } }
                } }
                @if m.truncated { p { (l.t("staff-audit-truncated")) } }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrome() -> Chrome {
        Chrome {
            lang: Lang::En,
            user: None,
        }
    }

    fn enrol_page(organisation: &str, error: Option<(&str, &str)>) -> String {
        enrol(&EnrolPage {
            chrome: chrome(),
            csrf: "c".to_owned(),
            action: "/staff/invitations/t".to_owned(),
            enrolment: Enrolment::Invitation {
                role_key: "role-directory-admin".to_owned(),
                organisation: organisation.to_owned(),
                email: "a@example.org".to_owned(),
            },
            email: String::new(),
            name: "Ana".to_owned(),
            totp_secret: "ABCD EFGH".to_owned(),
            totp_qr_svg: "<svg aria-hidden=\"true\"></svg>".to_owned(),
            error: error.map(|(field, key)| FieldError {
                field: field.to_owned(),
                message_key: key.to_owned(),
            }),
        })
        .into_string()
    }

    #[test]
    fn a_directory_invitation_names_no_organisation() {
        let page = enrol_page("", None);
        assert!(
            page.contains("You are invited as Directory admin, with the email"),
            "{page}"
        );
        let page = enrol_page("North Agency", None);
        assert!(page.contains("at North Agency, with the email"), "{page}");
        assert!(page.contains("staff.") && page.contains("aria-describedby=\"password-hint\""));
    }

    #[test]
    fn an_enrolment_mistake_is_summarised_with_a_link_and_shown_under_its_field() {
        let page = enrol_page("", Some(("password", "staff-error-password-mismatch")));
        assert!(page.contains("role=\"alert\""), "{page}");
        assert!(page.contains("<a href=\"#password\">The two passwords"), "{page}");
        assert!(page.contains("id=\"password-error\""), "{page}");
        assert!(
            page.contains("aria-describedby=\"password-error password-hint\""),
            "{page}"
        );
        assert_eq!(page.matches("role=\"alert\"").count(), 1);
        // An invitation's email is fixed, not a field: its mistake is plain text on top.
        let page = enrol_page("", Some(("email", "staff-error-email-taken")));
        assert!(!page.contains("href=\"#email\""), "{page}");
        assert!(page.contains("This email already has an account."), "{page}");
    }

    #[test]
    fn row_buttons_have_distinct_names_and_tables_scroll_in_a_region() {
        let page = sessions(&SessionsPage {
            chrome: chrome(),
            csrf: "c".to_owned(),
            sessions: vec![SessionRow {
                id: "s1".to_owned(),
                started: "2026-11-29 10:00".to_owned(),
                last_seen: "2026-11-29 11:00".to_owned(),
                current: false,
            }],
        })
        .into_string();
        assert!(
            page.contains("<span class=\"visually-hidden\"> (signed in 2026-11-29 10:00)</span>"),
            "{page}"
        );
        assert!(
            page.contains(
                "class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Your sessions\""
            ),
            "{page}"
        );
        let page = people(&PeoplePage {
            chrome: chrome(),
            csrf: "c".to_owned(),
            people: vec![PersonRow {
                id: "u1".to_owned(),
                name: "Ana".to_owned(),
                email: "a@example.org".to_owned(),
                disabled: false,
                can_manage: true,
                can_add_role: true,
                memberships: vec![MembershipRow {
                    id: "m1".to_owned(),
                    role_key: "role-advocate".to_owned(),
                    organisation: "North Agency".to_owned(),
                    since: "2026-01-01".to_owned(),
                    ended: None,
                    can_end: true,
                }],
            }],
            pending: vec![],
            invite_choices: vec![("g".to_owned(), "role-advocate".to_owned(), String::new())],
            invite_email: String::new(),
            error: None,
        })
        .into_string();
        assert!(
            page.contains(
                "End this role<span class=\"visually-hidden\"> (Advocate, North Agency, Ana)</span>"
            ),
            "{page}"
        );
        assert!(
            page.contains("Turn off this account<span class=\"visually-hidden\"> (Ana)</span>"),
            "{page}"
        );
        assert!(page.contains("autocomplete=\"off\""), "{page}");
    }
}

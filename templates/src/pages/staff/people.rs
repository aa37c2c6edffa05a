//! People and memberships, invitations, reset links.

use super::*;

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
    /// Credential resets waiting for a second admin (AC-6).
    pub reset_requests: Vec<ResetRequestRow>,
    /// Survivors whose primary advocate left, and who may become it (AC-7).
    pub orphans: Vec<OrphanRow>,
    /// The agencies the viewer administers, with their settings.
    pub agency_settings: Vec<AgencySettingsRow>,
    /// The time zones an agency may choose.
    pub time_zones: Vec<String>,
}

/// An agency's settings, on its admins' people page.
#[derive(Clone, Debug)]
pub struct AgencySettingsRow {
    /// Agency id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its time zone (empty: not set).
    pub time_zone: String,
    /// Its phone (may be empty).
    pub phone: String,
}

/// A credential reset waiting for a second admin's approval.
#[derive(Clone, Debug)]
pub struct ResetRequestRow {
    /// Request id (for the approve and refuse buttons).
    pub id: String,
    /// Whose sign-in: name.
    pub name: String,
    /// And email.
    pub email: String,
    /// Who asked.
    pub asked_by: String,
    /// When, formatted.
    pub asked: String,
    /// Whether the viewer may approve it (someone else asked).
    pub can_approve: bool,
}

/// A survivor whose primary advocate left: who may take over, without anything of the record.
#[derive(Clone, Debug)]
pub struct OrphanRow {
    /// The survivor's id (opaque).
    pub id: String,
    /// A short reference to tell them apart (the id's first characters).
    pub reference: String,
    /// The agency's name.
    pub agency: String,
    /// Opened, formatted date.
    pub opened: String,
    /// The primary advocate who left (name; empty when unknown).
    pub former: String,
    /// Who may become primary: (account id, name, whether already a co-advocate).
    pub candidates: Vec<(String, String, bool)>,
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

/// People, memberships and invitations.
pub fn people(m: &PeoplePage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-people",
        html! {
            h1 { (l.t("staff-people-heading")) }
            @for a in &m.agency_settings {
                details open[a.time_zone.is_empty()] {
                    summary { (l.tf("agency-settings-heading", &[("name", &a.name)])) }
                    @if a.time_zone.is_empty() { p.notice { (l.t("agency-settings-unset")) } }
                    @let id = |f: &str| format!("{f}-{}", a.id);
                    form.staff-form method="post" action=(format!("/staff/agencies/{}/settings", a.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        label for=(id("time_zone")) { (l.t("agency-settings-time-zone")) }
                        (field_error(l, e, "time_zone"))
                        select id=(id("time_zone")) name="time_zone" aria-invalid=[invalid(e, "time_zone")] {
                            @for z in &m.time_zones { option value=(z) selected[*z == a.time_zone] { (z) } }
                        }
                        label for=(id("phone")) { (l.t("agency-settings-phone")) }
                        p.hint id=(id("phone_hint")) { (l.t("agency-settings-phone-hint")) }
                        (field_error(l, e, "phone"))
                        input id=(id("phone")) type="tel" name="phone" value=(a.phone) aria-invalid=[invalid(e, "phone")]
                            aria-describedby=(id("phone_hint"));
                        button type="submit" { (l.t("agency-settings-save")) }
                    }
                }
            }
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
            @if !m.reset_requests.is_empty() {
                h2 #resets { (l.t("staff-resets-heading")) }
                p { (l.t("staff-resets-lead")) }
                ul { @for r in &m.reset_requests { li {
                    (l.tf("staff-reset-asked", &[("name", &r.name), ("email", &r.email), ("by", &r.asked_by), ("date", &r.asked)]))
                    " "
                    @if r.can_approve {
                        form.inline method="post" action=(format!("/staff/resets/{}/approve", r.id)) {
                            input type="hidden" name="csrf" value=(m.csrf);
                            button type="submit" {
                                (l.t("staff-reset-approve")) span.visually-hidden { " (" (r.name) ")" }
                            }
                        }
                        " "
                    } @else {
                        (l.t("staff-reset-waiting")) " "
                    }
                    form.inline method="post" action=(format!("/staff/resets/{}/refuse", r.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        button type="submit" {
                            @if r.can_approve { (l.t("staff-reset-refuse")) } @else { (l.t("staff-reset-withdraw")) }
                            span.visually-hidden { " (" (r.name) ")" }
                        }
                    }
                } } }
            }
            @if !m.orphans.is_empty() {
                h2 #continuity { (l.t("staff-orphans-heading")) }
                p { (l.t("staff-orphans-lead")) }
                @for o in &m.orphans {
                    form.staff-form method="post" action=(format!("/staff/continuity/{}", o.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        @let former = if o.former.is_empty() { l.t("staff-orphan-former-unknown") } else { o.former.as_str() };
                        p { (l.tf("staff-orphan", &[("reference", &o.reference), ("agency", &o.agency), ("date", &o.opened), ("former", &former)])) }
                        @if o.candidates.is_empty() {
                            p { (l.t("staff-orphan-no-advocate")) }
                        } @else {
                            label for=(format!("primary-{}", o.id)) { (l.t("staff-orphan-new-primary")) }
                            select id=(format!("primary-{}", o.id)) name="advocate" {
                                @for (id, name, co) in &o.candidates {
                                    option value=(id) { (name) @if *co { " · " (l.t("staff-orphan-co-advocate")) } }
                                }
                            }
                            button type="submit" {
                                (l.t("staff-orphan-assign")) span.visually-hidden { " (" (o.reference) ")" }
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

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

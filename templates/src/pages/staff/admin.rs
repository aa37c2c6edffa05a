//! Agencies, provider organisations and the audit log.

use super::*;

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
                label for="city" { (l.t("staff-agency-city")) }
                p.hint #city-hint { (l.t("staff-agency-city-hint")) }
                (field_error(l, e, "city"))
                input #city type="text" name="city" aria-invalid=[invalid(e, "city")] aria-describedby="city-hint";
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

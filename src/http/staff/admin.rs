//! The admin pages: people and memberships (invite, disable, end), agencies, provider
//! organisations and the audit log. What each person may see and do is the policy's call;
//! these handlers only turn its answers into pages.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use secrecy::ExposeSecret;
use serde::Deserialize;
use templates::staff::{
    AgenciesPage, AuditPage, AuditRow, FieldError, InvitationCreated, MembershipRow, Menu, OrphanRow,
    PendingInvitation, PeoplePage, PersonRow, ProvidersPage, ResetRequestRow,
};

use super::auth::NoFields;
use super::{Answer, Signed, StaffForm, chrome, date, form_error, lang, page, role_key, status_of, when};
use crate::domain::audit::Filter;
use crate::domain::ids::SurvivorId;
use crate::domain::staff::{Account, AgencyId, InvitationId, MembershipId, ResetId, Scope, UserId};
use crate::http::AppState;
use crate::http::path_id::PathId;
use crate::services::staff::{InvitationLink, ResetAnswer, Session, StaffError};

/// Audit entries shown at most.
const AUDIT_LIMIT: usize = 500;

/// The invitation form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteFields {
    email: String,
    grant: String,
}

/// The people page; a form mistake (`error`) shows it again with what was typed.
async fn people_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    email: &str,
    error: Option<FieldError>,
) -> Answer {
    let actor = s.actor.clone();
    let (people, pending, choices, resets, orphans, settings) = state
        .blocking(move |app| {
            let staff = &app.staff;
            let mut settings = Vec::new();
            for agency in actor.administered_agencies() {
                let name = staff.people().scope_name(&Scope::Agency(agency.clone()))?;
                settings.push((
                    agency.clone(),
                    name,
                    staff.organisations().settings(&actor, agency)?,
                ));
            }
            Ok::<_, StaffError>((
                staff.people().visible_to(&actor)?,
                staff.people().pending_invitations(&actor)?,
                staff.people().invite_choices(&actor)?,
                staff.people().reset_requests(&actor)?,
                staff.hand_over().orphans(&actor)?,
                settings,
            ))
        })
        .await??;
    Ok(page(
        status_of(&error),
        templates::staff::people(&PeoplePage {
            csrf: s.csrf.clone(),
            people: people
                .into_iter()
                .map(|p| PersonRow {
                    id: p.account.id.0.clone(),
                    name: p.account.name.clone(),
                    email: p.account.email.clone(),
                    disabled: p.account.disabled,
                    can_manage: p.can_manage,
                    can_add_role: p.can_add_role,
                    memberships: p
                        .memberships
                        .into_iter()
                        .map(|(m, org, can_end)| MembershipRow {
                            id: m.id.0,
                            role_key: role_key(m.role),
                            organisation: org,
                            since: date(&s.time_zone, m.since),
                            ended: m.ended.map(|t| date(&s.time_zone, t)),
                            can_end,
                        })
                        .collect(),
                })
                .collect(),
            pending: pending
                .into_iter()
                .map(|(i, org)| PendingInvitation {
                    id: i.id.0,
                    email: i.email,
                    role_key: role_key(i.grant.role),
                    organisation: org,
                    expires: when(&s.time_zone, i.expires_at),
                })
                .collect(),
            invite_choices: choices
                .into_iter()
                .map(|c| (c.value, role_key(c.grant.role), c.organisation))
                .collect(),
            invite_email: email.to_owned(),
            error,
            reset_requests: resets
                .into_iter()
                .map(|r| ResetRequestRow {
                    id: r.request.id.0,
                    name: r.person.name,
                    email: r.person.email,
                    asked_by: r.asked_by,
                    asked: when(&s.time_zone, r.request.requested_at),
                    can_approve: r.can_approve,
                })
                .collect(),
            orphans: orphans
                .into_iter()
                .map(|o| OrphanRow {
                    reference: o.id.as_str().chars().take(8).collect(),
                    id: o.id.0,
                    agency: o.agency.1,
                    opened: date(&s.time_zone, o.opened),
                    former: o.former,
                    candidates: o.candidates.into_iter().map(|(u, n, co)| (u.0, n, co)).collect(),
                })
                .collect(),
            agency_settings: settings
                .into_iter()
                .map(|(id, name, set)| templates::staff::AgencySettingsRow {
                    id: id.0,
                    name,
                    time_zone: set.time_zone.unwrap_or_default(),
                    phone: set.phone.unwrap_or_default(),
                })
                .collect(),
            time_zones: crate::domain::staff::TIME_ZONES
                .iter()
                .map(|z| (*z).to_owned())
                .collect(),
            chrome: chrome(lang(headers), s, Some(Menu::People)),
        }),
    ))
}

/// `GET /staff/people`.
pub async fn list_people(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    people_page(&state, &s, &headers, "", None).await
}

/// `POST /staff/invitations`: a single-use link, shown once.
pub async fn invite_person(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(form): StaffForm<InviteFields>,
) -> Answer {
    let (actor, email, grant) = (s.actor.clone(), form.email.clone(), form.grant.clone());
    match state
        .blocking(move |app| app.staff.people().invite(&actor, &email, &grant))
        .await?
    {
        Ok(link) => Ok(page(
            StatusCode::OK,
            templates::staff::invitation_created(&InvitationCreated {
                reset: false,
                chrome: chrome(lang(&headers), &s, Some(Menu::People)),
                email: form.email.trim().to_lowercase(),
                link: link.link.expose_secret().to_owned(),
                expires: when(&s.time_zone, link.expires_at),
            }),
        )),
        Err(e) => match form_error(&e) {
            Some(error) => people_page(&state, &s, &headers, &form.email, Some(error)).await,
            None => Err(e.into()),
        },
    }
}

/// Runs a change from the people page, then goes back to it.
async fn on_people_page(
    state: &AppState,
    change: impl FnOnce(&AppState) -> Result<(), StaffError> + Send + 'static,
) -> Answer {
    state.blocking(change).await??;
    Ok(Redirect::to("/staff/people").into_response())
}

/// `POST /staff/people/{id}/disable`: SES-4, their sessions end with it.
pub async fn disable_person(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<UserId>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    on_people_page(&state, move |app| app.staff.people().disable(&s.actor, &id)).await
}

/// `POST /staff/memberships/{id}/end`: SES-4, the member's sessions end with it.
pub async fn end_membership(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<MembershipId>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    on_people_page(&state, move |app| {
        app.staff.people().end_membership(&s.actor, &id)
    })
    .await
}

/// `POST /staff/people/{id}/enable`.
pub async fn enable_person(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<UserId>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    on_people_page(&state, move |app| app.staff.people().enable(&s.actor, &id)).await
}

/// `POST /staff/people/{id}/reset`: a single-use link for a new password and authenticator,
/// shown once — or, for an advocate (AC-6), a request a second admin approves.
pub async fn make_reset_link(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<UserId>,
    headers: HeaderMap,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    let actor = s.actor.clone();
    match state
        .blocking(move |app| app.staff.people().reset(&actor, &id))
        .await??
    {
        ResetAnswer::Link(link, account) => Ok(reset_link_page(&headers, &s, &link, account)),
        ResetAnswer::AwaitingApproval(_) => Ok(Redirect::to("/staff/people#resets").into_response()),
    }
}

/// `POST /staff/resets/{id}/approve`: a second admin approves (AC-6); the link is shown to
/// them once.
pub async fn approve_reset(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<ResetId>,
    headers: HeaderMap,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    let actor = s.actor.clone();
    let (link, account) = state
        .blocking(move |app| app.staff.people().approve_reset(&actor, &id))
        .await??;
    Ok(reset_link_page(&headers, &s, &link, account))
}

/// `POST /staff/resets/{id}/refuse`: refused by another admin, or withdrawn by whoever asked.
pub async fn refuse_reset(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<ResetId>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    on_people_page(&state, move |app| app.staff.people().refuse_reset(&s.actor, &id)).await
}

fn reset_link_page(
    headers: &HeaderMap,
    s: &Session,
    link: &InvitationLink,
    account: Account,
) -> axum::response::Response {
    page(
        StatusCode::OK,
        templates::staff::invitation_created(&InvitationCreated {
            reset: true,
            chrome: chrome(lang(headers), s, Some(Menu::People)),
            email: account.email,
            link: link.link.expose_secret().to_owned(),
            expires: when(&s.time_zone, link.expires_at),
        }),
    )
}

/// The form naming a new primary advocate.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrimaryFields {
    // Defaulted, so that a missing or forbidden survivor answers 404 before the form is judged.
    #[serde(default)]
    advocate: String,
}

/// `POST /staff/continuity/{id}`: an admin names a new primary advocate for a survivor whose
/// primary left (AC-7), without seeing the record.
pub async fn assign_primary(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SurvivorId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<PrimaryFields>,
) -> Answer {
    let actor = s.actor.clone();
    match state
        .blocking(move |app| app.staff.hand_over().assign_primary(&actor, &id, &form.advocate))
        .await?
    {
        Ok(()) => Ok(Redirect::to("/staff/people#continuity").into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => people_page(&state, &s, &headers, "", Some(error)).await,
            None => Err(e.into()),
        },
    }
}

/// The form of a role to add.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantFields {
    grant: String,
}

/// `POST /staff/people/{id}/roles`: another role for someone (their sessions end: SES-2).
pub async fn add_role(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<UserId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<GrantFields>,
) -> Answer {
    let actor = s.actor.clone();
    match state
        .blocking(move |app| app.staff.people().add_role(&actor, &id, &form.grant))
        .await?
    {
        Ok(()) => Ok(Redirect::to("/staff/people").into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => people_page(&state, &s, &headers, "", Some(error)).await,
            None => Err(e.into()),
        },
    }
}

/// `POST /staff/invitations/{id}/revoke`: the link stops working at once.
pub async fn revoke_invitation(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<InvitationId>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    on_people_page(&state, move |app| {
        app.staff.people().revoke_invitation(&s.actor, &id)
    })
    .await
}

/// The agency settings form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencySettingsFields {
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    phone: String,
}

/// `POST /staff/agencies/{id}/settings`: an agency's time zone and phone (its admins).
pub async fn set_agency_settings(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<AgencyId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<AgencySettingsFields>,
) -> Answer {
    let actor = s.actor.clone();
    match state
        .blocking(move |app| {
            app.staff
                .organisations()
                .set_settings(&actor, &id, &form.time_zone, &form.phone)
        })
        .await?
    {
        Ok(()) => Ok(Redirect::to("/staff/people").into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => people_page(&state, &s, &headers, "", Some(error)).await,
            None => Err(e.into()),
        },
    }
}

async fn agencies_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    name: &str,
    error: Option<FieldError>,
) -> Answer {
    let actor = s.actor.clone();
    let list = state
        .blocking(move |app| app.staff.organisations().agencies(&actor))
        .await??;
    Ok(page(
        status_of(&error),
        templates::staff::agencies(&AgenciesPage {
            chrome: chrome(lang(headers), s, Some(Menu::Agencies)),
            csrf: s.csrf.clone(),
            agencies: list.into_iter().map(|(a, n)| (a.name, n)).collect(),
            name: name.to_owned(),
            error,
        }),
    ))
}

/// `GET /staff/agencies`.
pub async fn list_agencies(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    agencies_page(&state, &s, &headers, "", None).await
}

/// The new-agency form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyFields {
    name: String,
    /// Its city, for its time zone (optional).
    #[serde(default)]
    city: String,
}

/// `POST /staff/agencies`.
pub async fn create_agency(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(form): StaffForm<AgencyFields>,
) -> Answer {
    let (actor, name, city) = (s.actor.clone(), form.name.clone(), form.city.clone());
    match state
        .blocking(move |app| app.staff.organisations().create_agency(&actor, &name, &city))
        .await?
    {
        Ok(_) => Ok(Redirect::to("/staff/agencies").into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => agencies_page(&state, &s, &headers, &form.name, Some(error)).await,
            None => Err(e.into()),
        },
    }
}

/// The provider form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderFields {
    organization: String,
}

async fn providers_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    error: Option<FieldError>,
) -> Answer {
    let actor = s.actor.clone();
    let (providers, organisations) = state
        .blocking(move |app| app.staff.organisations().providers(&actor))
        .await??;
    Ok(page(
        status_of(&error),
        templates::staff::providers(&ProvidersPage {
            chrome: chrome(lang(headers), s, Some(Menu::Providers)),
            csrf: s.csrf.clone(),
            providers: providers
                .into_iter()
                .map(|(p, org, n)| (p.name, org, n))
                .collect(),
            organisations,
            error,
        }),
    ))
}

/// `GET /staff/providers`.
pub async fn list_providers(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    providers_page(&state, &s, &headers, None).await
}

/// `POST /staff/providers`.
pub async fn create_provider(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(form): StaffForm<ProviderFields>,
) -> Answer {
    let actor = s.actor.clone();
    match state
        .blocking(move |app| {
            app.staff
                .organisations()
                .create_provider(&actor, &form.organization)
        })
        .await?
    {
        Ok(_) => Ok(Redirect::to("/staff/providers").into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => providers_page(&state, &s, &headers, Some(error)).await,
            None => Err(e.into()),
        },
    }
}

/// The audit filters (a GET form: nothing here is secret, and the log never records queries).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    record: String,
}

/// A `YYYY-MM-DD` date as the Unix second it starts (UTC).
fn day_start(text: &str) -> Result<Option<i64>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let d: jiff::civil::Date = text.trim().parse().map_err(|_| ())?;
    d.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map(|z| Some(z.timestamp().as_second()))
        .map_err(|_| ())
}

/// `GET /staff/audit`: filter by actor, time window and record.
pub async fn show_audit(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    query: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Answer {
    let chrome = chrome(lang(&headers), &s, Some(Menu::Audit));
    let (q, mut error) = match query {
        Ok(Query(q)) => (q, None),
        Err(_) => (
            AuditQuery::default(),
            Some(FieldError {
                field: "record".to_owned(),
                message_key: "staff-error-form".to_owned(),
            }),
        ),
    };
    let date_error = |field: &str| FieldError {
        field: field.to_owned(),
        message_key: "staff-error-date".to_owned(),
    };
    let from = day_start(&q.from).unwrap_or_else(|()| {
        error = Some(date_error("from"));
        None
    });
    // "To" includes that whole day.
    let until = day_start(&q.to)
        .map(|d| d.map(|d| d + 86_400))
        .unwrap_or_else(|()| {
            error = Some(date_error("to"));
            None
        });
    let filter = Filter {
        agencies: None,
        actor: Some(q.actor.trim().to_owned()).filter(|a| !a.is_empty()),
        from,
        until,
        record: Some(q.record.trim().to_owned()).filter(|r| !r.is_empty()),
        limit: AUDIT_LIMIT + 1,
    };
    // A mistake in the filters changes nothing: show the form with the mistake named.
    let filter = if error.is_some() {
        Filter {
            limit: 0,
            ..Filter::default()
        }
    } else {
        filter
    };
    let actor = s.actor.clone();
    let (mut entries, names, visible) = state
        .blocking(move |app| {
            let staff = &app.staff;
            Ok::<_, StaffError>((
                staff.audit_log().entries(&actor, filter)?,
                staff.audit_log().account_names()?,
                // The people to filter by: those this admin may see, and whoever acted in
                // what is shown (a directory admin who invited into the agency, say) —
                // never the whole staff list.
                staff.people().visible_to(&actor)?,
            ))
        })
        .await??;
    let truncated = entries.len() > AUDIT_LIMIT;
    entries.truncate(AUDIT_LIMIT);
    let mut actors: Vec<(String, String)> = visible
        .into_iter()
        .map(|p| (p.account.id.0, p.account.name))
        .chain(
            entries
                .iter()
                .filter_map(|e| e.actor.as_ref())
                .filter_map(|a| names.get(a).map(|n| (a.clone(), n.clone()))),
        )
        .collect();
    actors.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    actors.dedup();
    Ok(page(
        status_of(&error),
        templates::staff::audit(&AuditPage {
            chrome,
            actor: q.actor.clone(),
            actors,
            from: q.from.clone(),
            to: q.to.clone(),
            record: q.record.clone(),
            error,
            entries: entries
                .into_iter()
                .map(|e| AuditRow {
                    seq: e.seq,
                    at: when(&s.time_zone, e.at),
                    actor: e
                        .actor
                        .as_ref()
                        .map(|a| names.get(a).cloned().unwrap_or_else(|| a.clone()))
                        .unwrap_or_else(|| "—".to_owned()),
                    action: e.action,
                    record: e.record,
                    allowed: e.allowed,
                })
                .collect(),
            truncated,
        }),
    ))
}

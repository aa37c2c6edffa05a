//! The planner's pages: an advocate's survivors, a new record, a survivor's plan and its needs.
//! Only assigned advocates get in; anyone else meets the same page as for a survivor who does
//! not exist (the use-cases decide and audit).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use templates::Lang;
use templates::staff::{
    CandidateItem, FieldError, FindPage, Menu, NeedItem, PlanPage, ReferralItem, SurvivorFields,
    SurvivorItem, SurvivorsPage,
};

use super::{Signed, StaffForm, chrome, form_error, lang, page, refusal, when};
use crate::domain::needs::{Horizon, Taxonomy};
use crate::domain::plan;
use crate::http::AppState;
use crate::services::staff::{NeedForm, Session, StaffError, SurvivorForm};

/// The new-survivor form.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurvivorFormFields {
    #[serde(default)]
    pseudonym: String,
    #[serde(default)]
    age_band: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    place: String,
    call: Option<String>,
    text: Option<String>,
    voicemail: Option<String>,
    #[serde(default)]
    safe_hours: String,
    #[serde(default)]
    code_word: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    template: String,
}

impl SurvivorFormFields {
    fn view(&self) -> SurvivorFields {
        SurvivorFields {
            pseudonym: self.pseudonym.clone(),
            age_band: self.age_band.clone(),
            languages: self.languages.clone(),
            place: self.place.clone(),
            call: self.call.is_some(),
            text: self.text.is_some(),
            voicemail: self.voicemail.is_some(),
            safe_hours: self.safe_hours.clone(),
            code_word: self.code_word.clone(),
            notes: self.notes.clone(),
            template: self.template.clone(),
        }
    }
}

fn label(lang: Lang, code: &str) -> String {
    Taxonomy::builtin()
        .need(code)
        .map(|n| {
            if lang == Lang::Es {
                n.label.es.clone()
            } else {
                n.label.en.clone()
            }
        })
        .unwrap_or_else(|| code.to_owned())
}

fn survivors_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    form: SurvivorFields,
    error: Option<FieldError>,
) -> Response {
    let l = lang(headers);
    let chrome = chrome(l, s, Some(Menu::Survivors));
    let list = match state.staff.my_survivors(&s.actor) {
        Ok(list) => list,
        Err(e) => return refusal(chrome, e),
    };
    page(
        if error.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        },
        templates::staff::survivors(&SurvivorsPage {
            csrf: s.csrf.clone(),
            survivors: list
                .into_iter()
                .map(|x| SurvivorItem {
                    id: x.id,
                    pseudonym: x.pseudonym,
                    open_needs: x.open_needs as u64,
                    overdue: x.overdue as u64,
                    upcoming: x.upcoming as u64,
                    stuck: x.stuck as u64,
                    unprovided: x.unprovided as u64,
                })
                .collect(),
            templates: plan::templates()
                .iter()
                .map(|t| {
                    (
                        t.code.clone(),
                        if l == Lang::Es {
                            t.label.es.clone()
                        } else {
                            t.label.en.clone()
                        },
                    )
                })
                .collect(),
            form,
            error,
            chrome,
        }),
    )
}

/// `GET /staff/survivors`.
pub async fn list_survivors(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
) -> Response {
    survivors_page(
        &state,
        &s,
        &headers,
        SurvivorFields {
            age_band: "adult".into(),
            ..SurvivorFields::default()
        },
        None,
    )
}

/// `POST /staff/survivors`: a new record, with the survivor.
pub async fn create_survivor(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(form): StaffForm<SurvivorFormFields>,
) -> Response {
    let input = SurvivorForm {
        pseudonym: form.pseudonym.clone(),
        age_band: form.age_band.clone(),
        languages: form.languages.clone(),
        place: form.place.clone(),
        call: form.call.is_some(),
        text: form.text.is_some(),
        voicemail: form.voicemail.is_some(),
        safe_hours: form.safe_hours.clone(),
        code_word: form.code_word.clone(),
        notes: form.notes.clone(),
        template: form.template.clone(),
    };
    match state.staff.create_survivor(&s.actor, &input) {
        Ok(id) => Redirect::to(&format!("/staff/survivors/{id}")).into_response(),
        Err(e @ StaffError::Invalid { .. }) => {
            survivors_page(&state, &s, &headers, form.view(), form_error(&e))
        }
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

fn plan_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    id: &str,
    error: Option<(String, FieldError)>,
) -> Response {
    let l = lang(headers);
    let chrome = chrome(l, s, Some(Menu::Survivors));
    let plan = match uuid::Uuid::try_parse(id) {
        Ok(_) => state.staff.plan(&s.actor, id),
        Err(_) => Err(StaffError::NotFound),
    };
    let plan = match plan {
        Ok(p) => p,
        Err(e) => return refusal(chrome, e),
    };
    let taxonomy = Taxonomy::builtin();
    let (mut immediate, mut long_term) = (Vec::new(), Vec::new());
    for n in &plan.needs {
        let item = NeedItem {
            id: n.id.clone(),
            label: label(l, &n.code),
            status: n.status.code().to_owned(),
            priority: n.priority.code().to_owned(),
            target_date: n.target_date.clone().unwrap_or_default(),
            their_words: n.words.their_words.clone(),
            goal: n.words.goal.clone(),
            follow_up: n.follow_up.clone().unwrap_or_default(),
        };
        match taxonomy.need(&n.code).map(|x| x.horizon) {
            Some(Horizon::Immediate) => immediate.push(item),
            _ => long_term.push(item),
        }
    }
    let add_choices = taxonomy
        .needs
        .iter()
        .filter(|n| !plan.needs.iter().any(|p| p.code == n.code))
        .map(|n| (n.code.clone(), label(l, &n.code)))
        .collect();
    let referrals = plan
        .referrals
        .iter()
        .map(|r| ReferralItem {
            id: r.id.clone(),
            reference: r.reference.clone(),
            need_id: r.need.clone(),
            service: r.service.clone(),
            organisation: r.organisation.clone(),
            status: r.status.code().to_owned(),
            reason: r.reason.clone(),
            updated: when(r.updated_at),
            next: r.status.next().iter().map(|s| s.code().to_owned()).collect(),
            follow_up: r.follow_up.clone().unwrap_or_default(),
        })
        .collect();
    let advocates = plan.advocates.clone();
    let assign_choices = plan
        .hand_over_to
        .iter()
        .map(|(u, n)| (u.0.clone(), n.clone()))
        .collect();
    let timeline = plan
        .timeline
        .iter()
        .map(|t| (when(t.at), t.actor.clone(), t.action.clone()))
        .collect();
    let consents = plan
        .consents
        .iter()
        .map(|c| templates::staff::ConsentItem {
            id: c.id.clone(),
            organisation: c.organisation.clone(),
            groups: c.groups.iter().map(|g| g.code().to_owned()).collect(),
            purpose: c.purpose.clone(),
            expires: c.expires.clone(),
            witness: c.witness.clone(),
            in_force: c.in_force,
        })
        .collect();
    let recipients = plan.recipients.clone();
    let r = &plan.record;
    page(
        if error.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        },
        templates::staff::plan(&PlanPage {
            csrf: s.csrf.clone(),
            id: plan.id.clone(),
            pseudonym: r.pseudonym.clone(),
            age_band: r.age_band.code().to_owned(),
            languages: r.languages.join(", "),
            place: r.place.clone(),
            contact: (r.contact.call, r.contact.text, r.contact.voicemail),
            safe_hours: r.contact.safe_hours.clone(),
            code_word: r.contact.code_word.clone(),
            notes: r.notes.clone(),
            immediate,
            long_term,
            add_choices,
            referrals,
            advocates,
            assign_choices,
            timeline,
            consents,
            recipients,
            error,
            chrome,
        }),
    )
}

/// `GET /staff/survivors/{id}`: the plan (the read is audited).
pub async fn show_plan(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    plan_page(&state, &s, &headers, &id, None)
}

/// The add-a-need form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddNeedFields {
    need: String,
}

/// `POST /staff/survivors/{id}/needs`.
pub async fn add_need(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<AddNeedFields>,
) -> Response {
    match state.staff.add_need(&s.actor, &id, &form.need) {
        Ok(()) => Redirect::to(&format!("/staff/survivors/{id}")).into_response(),
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

/// A need's form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeedFields {
    status: String,
    priority: String,
    #[serde(default)]
    target_date: String,
    #[serde(default)]
    their_words: String,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    follow_up: String,
}

/// `POST /staff/survivors/{id}/needs/{need}`.
pub async fn update_need(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path((id, need)): Path<(String, String)>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<NeedFields>,
) -> Response {
    let input = NeedForm {
        status: form.status,
        priority: form.priority,
        target_date: form.target_date,
        their_words: form.their_words,
        goal: form.goal,
        follow_up: form.follow_up,
    };
    match state.staff.update_need(&s.actor, &id, &need, &input) {
        Ok(()) => Redirect::to(&format!("/staff/survivors/{id}")).into_response(),
        Err(e @ StaffError::Invalid { .. }) => {
            let error = form_error(&e).map(|f| (need.clone(), f));
            plan_page(&state, &s, &headers, &id, error)
        }
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

/// `GET /staff/survivors/{id}/needs/{need}/find`: services for a need (the search is audited).
pub async fn find_providers(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path((id, need)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let l = lang(&headers);
    let chrome = chrome(l, &s, Some(Menu::Survivors));
    let found = match state.staff.candidates(&s.actor, &id, &need) {
        Ok(f) => f,
        Err(e) => return refusal(chrome, e),
    };
    let taxonomy = Taxonomy::builtin();
    let candidates = found
        .hits
        .iter()
        .map(|h| {
            let listing = &h.listing;
            CandidateItem {
                service_id: listing.id.clone(),
                name: listing.name.clone(),
                organisation: listing.organization.clone(),
                distance: h.distance_km.map(|km| format!("{:.1} mi", km / 1.609_344)),
                conditions: listing
                    .conditions
                    .iter()
                    .filter_map(|c| taxonomy.condition(c.code()))
                    .map(|t| {
                        if l == Lang::Es {
                            t.label.es.clone()
                        } else {
                            t.label.en.clone()
                        }
                    })
                    .collect(),
                capacity: listing.capacity.as_ref().map(|c| {
                    format!(
                        "{} / {} {}",
                        c.available,
                        c.maximum.map_or("?".to_owned(), |m| m.to_string()),
                        c.unit
                    )
                }),
                verified: listing.verified.clone(),
                phone: listing.phones.first().map(|p| p.number.clone()),
            }
        })
        .collect();
    page(
        StatusCode::OK,
        templates::staff::find(&FindPage {
            csrf: s.csrf.clone(),
            survivor_id: id,
            need_id: need,
            need_label: label(l, &found.need),
            place: found.place,
            candidates,
            chrome,
        }),
    )
}

/// The refer form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferFields {
    service: String,
}

/// `POST /staff/survivors/{id}/needs/{need}/referrals`: a draft referral to a service.
pub async fn refer(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path((id, need)): Path<(String, String)>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<ReferFields>,
) -> Response {
    match state.staff.refer(&s.actor, &id, &need, &form.service) {
        Ok(_) => Redirect::to(&format!("/staff/survivors/{id}")).into_response(),
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

/// The status form of a referral.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusFields {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    follow_up: String,
}

/// `POST /staff/referrals/{id}/status`: the next step of the closed loop.
pub async fn move_referral(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<StatusFields>,
) -> Response {
    match state
        .staff
        .move_referral(&s.actor, &id, &form.status, &form.reason, &form.follow_up)
    {
        Ok(survivor) => Redirect::to(&format!("/staff/survivors/{survivor}")).into_response(),
        Err(e @ StaffError::Invalid { .. }) => {
            // Shown on the plan, the mistake named; nothing changed.
            let survivor = state
                .staff
                .referral_survivor(&id)
                .ok()
                .flatten()
                .unwrap_or_default();
            // An empty need id: the mistake is about a referral, shown at the top of the plan.
            let error = form_error(&e).map(|f| (String::new(), f));
            plan_page(&state, &s, &headers, &survivor, error)
        }
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

/// The erase form: a confirmation ticked with the survivor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EraseFields {
    #[serde(default)]
    confirm: String,
}

/// `POST /staff/survivors/{id}/erase`: crypto-shredding, then the rows; cannot be undone.
pub async fn erase_survivor(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<EraseFields>,
) -> Response {
    if form.confirm != "yes" {
        let error = FieldError {
            field: "confirm".to_owned(),
            message_key: "plan-error-confirm".to_owned(),
        };
        return plan_page(&state, &s, &headers, &id, Some((String::new(), error)));
    }
    match state.staff.erase_survivor(&s.actor, &id) {
        Ok(()) => Redirect::to("/staff/survivors").into_response(),
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

/// `GET /staff/survivors/{id}/print`: the survivor's own copy, in their language, with
/// nothing on it but their needs, next steps and their advocate.
pub async fn print_copy(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let copy = match state.staff.survivor_copy(&s.actor, &id) {
        Ok(c) => c,
        Err(e) => return refusal(chrome(lang(&headers), &s, None), e),
    };
    let l = if copy.plan.record.languages.first().map(String::as_str) == Some("es") {
        Lang::Es
    } else {
        Lang::En
    };
    let live = |r: &&crate::services::staff::ReferralView| !r.status.is_ended();
    let steps = copy
        .plan
        .referrals
        .iter()
        .filter(live)
        .map(|r| {
            let phones = copy
                .phones
                .iter()
                .find(|(name, _)| *name == r.service)
                .map(|(_, p)| p.clone())
                .unwrap_or_default();
            (
                r.service.clone(),
                phones,
                format!("referral-status-{}", r.status.code()),
            )
        })
        .collect();
    let needs = copy
        .plan
        .needs
        .iter()
        .filter(|n| n.status.is_open())
        .map(|n| (label(l, &n.code), n.words.their_words.clone()))
        .collect();
    page(
        StatusCode::OK,
        templates::staff::survivor_copy(&templates::staff::SurvivorCopy {
            lang: l,
            needs,
            steps,
            advocate: copy.advocate,
        }),
    )
}

/// The hand-over and co-advocate forms.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignFields {
    #[serde(default)]
    advocate: String,
    stay: Option<String>,
}

/// `POST /staff/survivors/{id}/transfer`: another advocate of the agency becomes primary.
pub async fn transfer_survivor(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<AssignFields>,
) -> Response {
    assigned(state, s, id, headers, form, false)
}

/// `POST /staff/survivors/{id}/co-advocates`: another advocate of the agency joins.
pub async fn add_co_advocate(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<AssignFields>,
) -> Response {
    assigned(state, s, id, headers, form, true)
}

fn assigned(
    state: AppState,
    s: Session,
    id: String,
    headers: HeaderMap,
    form: AssignFields,
    co_only: bool,
) -> Response {
    match state
        .staff
        .assign(&s.actor, &id, &form.advocate, form.stay.is_some(), co_only)
    {
        // After a hand-over without staying on, the plan is no longer theirs to see.
        Ok(()) if !co_only && form.stay.is_none() => Redirect::to("/staff/survivors").into_response(),
        Ok(()) => Redirect::to(&format!("/staff/survivors/{id}")).into_response(),
        Err(e @ StaffError::Invalid { .. }) => {
            let error = form_error(&e).map(|f| (String::new(), f));
            plan_page(&state, &s, &headers, &id, error)
        }
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

/// `GET /staff/reports`: an agency's counts (agency admins), small cells suppressed.
pub async fn show_reports(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Response {
    let l = lang(&headers);
    let chrome = chrome(l, &s, Some(Menu::Reports));
    match state.staff.reports(&s.actor) {
        Ok(reports) => page(
            StatusCode::OK,
            templates::staff::reports(&templates::staff::ReportsPage {
                reports: reports
                    .into_iter()
                    .map(|r| templates::staff::ReportView {
                        agency: r.agency,
                        needs: r
                            .needs
                            .into_iter()
                            .map(|(n, s, c)| (label(l, &n), s, c))
                            .collect(),
                        referrals: r
                            .referrals
                            .into_iter()
                            .map(|(n, s, c)| (label(l, &n), s, c))
                            .collect(),
                        unprovided: r.unprovided.into_iter().map(|(n, c)| (label(l, &n), c)).collect(),
                    })
                    .collect(),
                chrome,
            }),
        ),
        Err(e) => refusal(chrome, e),
    }
}

/// The consent form (one checkbox per field group).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentFields {
    #[serde(default)]
    organization: String,
    share_identity: Option<String>,
    share_contact: Option<String>,
    share_needs: Option<String>,
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    expires: String,
}

/// `POST /staff/survivors/{id}/consents`: the survivor's consent, recorded with its witness.
pub async fn give_consent(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<ConsentFields>,
) -> Response {
    let groups = [
        ("identity", &form.share_identity),
        ("contact", &form.share_contact),
        ("needs", &form.share_needs),
    ]
    .into_iter()
    .filter(|(_, v)| v.is_some())
    .map(|(g, _)| g.to_owned())
    .collect();
    let input = crate::services::staff::ConsentForm {
        organization: form.organization,
        groups,
        purpose: form.purpose,
        expires: form.expires,
    };
    match state.staff.give_consent(&s.actor, &id, &input) {
        Ok(()) => Redirect::to(&format!("/staff/survivors/{id}#consent")).into_response(),
        Err(e @ StaffError::Invalid { .. }) => {
            let error = form_error(&e).map(|f| (String::new(), f));
            plan_page(&state, &s, &headers, &id, error)
        }
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

/// `POST /staff/consents/{id}/revoke`: taken back, with immediate effect.
pub async fn revoke_consent(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(super::auth::NoFields {}): StaffForm<super::auth::NoFields>,
) -> Response {
    match state.staff.revoke_consent(&s.actor, &id) {
        Ok(survivor) => Redirect::to(&format!("/staff/survivors/{survivor}#consent")).into_response(),
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

/// `POST /staff/survivors/{id}/close`: the plan's work is done (their primary advocate).
pub async fn close_plan(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(super::auth::NoFields {}): StaffForm<super::auth::NoFields>,
) -> Response {
    match state.staff.close_plan(&s.actor, &id) {
        Ok(()) => Redirect::to("/staff/survivors").into_response(),
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

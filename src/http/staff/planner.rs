//! The planner's pages: an advocate's survivors, a new record, a survivor's plan and its needs.
//! Only assigned advocates get in; anyone else meets the same page as for a survivor who does
//! not exist (the use-cases decide and audit).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use templates::Lang;
use templates::staff::{
    CandidateItem, FieldError, FindPage, Menu, NeedItem, PlanPage, ReferralItem, SurvivorFields,
    SurvivorItem, SurvivorsPage,
};

use super::auth::NoFields;
use super::{Answer, Signed, StaffForm, chrome, form_error, lang, page, status_of, when};
use crate::domain::ids::{ConsentId, NeedId, ReferralId, SurvivorId};
use crate::domain::needs::{Horizon, Taxonomy};
use crate::domain::plan;
use crate::domain::referral::ReferralStatus;
use crate::http::AppState;
use crate::http::path_id::{PathId, PathIds};
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
    language_1: String,
    #[serde(default)]
    language_2: String,
    #[serde(default)]
    language_3: String,
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
    #[serde(default)]
    phone_1: String,
    #[serde(default)]
    phone_1_safe: String,
    #[serde(default)]
    phone_2: String,
    #[serde(default)]
    phone_2_safe: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    email_safe: String,
}

impl SurvivorFormFields {
    fn view(&self) -> SurvivorFields {
        SurvivorFields {
            pseudonym: self.pseudonym.clone(),
            age_band: self.age_band.clone(),
            languages: [
                self.language_1.clone(),
                self.language_2.clone(),
                self.language_3.clone(),
            ],
            place: self.place.clone(),
            call: self.call.is_some(),
            text: self.text.is_some(),
            voicemail: self.voicemail.is_some(),
            safe_hours: self.safe_hours.clone(),
            code_word: self.code_word.clone(),
            notes: self.notes.clone(),
            template: self.template.clone(),
            phones: [
                (self.phone_1.clone(), self.phone_1_safe.clone()),
                (self.phone_2.clone(), self.phone_2_safe.clone()),
            ],
            email: (self.email.clone(), self.email_safe.clone()),
        }
    }

    /// What the use-case reads: the form's values, the languages chosen joined in order.
    fn input(&self) -> SurvivorForm {
        let f = self.view();
        let languages: Vec<&str> = f
            .languages
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        SurvivorForm {
            languages: languages.join(", "),
            pseudonym: f.pseudonym,
            age_band: f.age_band,
            place: f.place,
            call: f.call,
            text: f.text,
            voicemail: f.voicemail,
            safe_hours: f.safe_hours,
            code_word: f.code_word,
            notes: f.notes,
            template: f.template,
            phones: f.phones,
            email: f.email,
        }
    }
}

/// The record's values as its edit form shows them.
fn fields_of(r: &crate::domain::plan::SurvivorRecord) -> SurvivorFields {
    use crate::domain::plan::WayKind;
    let lang = |i: usize| r.languages.get(i).cloned().unwrap_or_default();
    let mut phones = r.ways.iter().filter(|w| w.kind == WayKind::Phone);
    let mut phone = || {
        phones
            .next()
            .map(|w| (w.value.clone(), w.safe.code().to_owned()))
            .unwrap_or_default()
    };
    let email = r
        .ways
        .iter()
        .find(|w| w.kind == WayKind::Email)
        .map(|w| (w.value.clone(), w.safe.code().to_owned()))
        .unwrap_or_default();
    SurvivorFields {
        pseudonym: r.pseudonym.clone(),
        age_band: r.age_band.code().to_owned(),
        languages: [lang(0), lang(1), lang(2)],
        place: r.place.clone(),
        call: r.contact.call,
        text: r.contact.text,
        voicemail: r.contact.voicemail,
        safe_hours: r.contact.safe_hours.clone(),
        code_word: r.contact.code_word.clone(),
        notes: r.notes.clone(),
        template: String::new(),
        phones: [phone(), phone()],
        email,
    }
}

/// The languages to choose from, named in the page's language: (code, name).
fn language_choices(l: Lang) -> Vec<(String, String)> {
    crate::domain::languages::LANGUAGES
        .iter()
        .map(|x| {
            (
                x.code.to_owned(),
                if l == Lang::Es { x.es } else { x.en }.to_owned(),
            )
        })
        .collect()
}

/// Language codes named in the page's language ("Spanish, English").
fn language_names(l: Lang, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| {
            crate::domain::languages::by_code(c).map_or_else(
                || c.clone(),
                |x| if l == Lang::Es { x.es } else { x.en }.to_owned(),
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A record's edit page, with a mistake named.
async fn record_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    id: &SurvivorId,
    form: Option<SurvivorFields>,
    error: Option<FieldError>,
) -> Answer {
    let l = lang(headers);
    let (actor, survivor) = (s.actor.clone(), id.clone());
    let record = state
        .blocking(move |app| app.staff.survivors().record(&actor, &survivor))
        .await??;
    Ok(page(
        status_of(&error),
        templates::staff::record_page(&templates::staff::RecordPage {
            chrome: chrome(l, s, Some(Menu::Survivors)),
            csrf: s.csrf.clone(),
            survivor_id: id.0.clone(),
            pseudonym: record.pseudonym.clone(),
            form: form.unwrap_or_else(|| fields_of(&record)),
            languages: language_choices(l),
            error,
        }),
    ))
}

/// `GET /staff/survivors/{id}/record`: the record's edit form.
pub async fn edit_record(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SurvivorId>,
    headers: HeaderMap,
) -> Answer {
    record_page(&state, &s, &headers, &id, None, None).await
}

/// `POST /staff/survivors/{id}/record`: the record, edited.
pub async fn update_record(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SurvivorId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<SurvivorFormFields>,
) -> Answer {
    let (actor, survivor, input) = (s.actor.clone(), id.clone(), form.input());
    let outcome = state
        .blocking(move |app| app.staff.survivors().update_record(&actor, &survivor, &input))
        .await?;
    match outcome {
        Ok(()) => to_plan(&id),
        Err(e) => match form_error(&e) {
            Some(error) => record_page(&state, &s, &headers, &id, Some(form.view()), Some(error)).await,
            None => Err(e.into()),
        },
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

async fn survivors_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    form: SurvivorFields,
    error: Option<FieldError>,
    show: &str,
) -> Answer {
    let l = lang(headers);
    let chrome = chrome(l, s, Some(Menu::Survivors));
    let actor = s.actor.clone();
    let mut list = state
        .blocking(move |app| app.staff.survivors().caseload(&actor))
        .await??;
    let wanted: Option<fn(&crate::services::staff::SurvivorSummary) -> usize> = match show {
        "overdue" => Some(|x| x.overdue),
        "today" => Some(|x| x.due_today),
        "waiting" => Some(|x| x.waiting),
        "answers" => Some(|x| x.answers),
        "unprovided" => Some(|x| x.unprovided),
        _ => None,
    };
    if let Some(count) = wanted {
        list.retain(|x| count(x) > 0);
    }
    Ok(page(
        status_of(&error),
        templates::staff::survivors(&SurvivorsPage {
            csrf: s.csrf.clone(),
            survivors: list
                .into_iter()
                .map(|x| SurvivorItem {
                    id: x.id.0,
                    pseudonym: x.pseudonym,
                    open_needs: x.open_needs as u64,
                    overdue: x.overdue as u64,
                    upcoming: x.upcoming as u64,
                    stuck: x.stuck as u64,
                    unprovided: x.unprovided as u64,
                    due_today: x.due_today as u64,
                    waiting: x.waiting as u64,
                    answers: x.answers as u64,
                })
                .collect(),
            showing: wanted.map(|_| show.to_owned()),
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
            languages: language_choices(l),
            error,
            chrome,
        }),
    ))
}

/// Which survivors of the caseload to list (`?show=`, from the advocate's day).
#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    show: String,
}

/// `GET /staff/survivors[?show=overdue|today|waiting|answers|unprovided]`. An unknown `show`
/// lists everyone.
pub async fn list_survivors(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<ShowQuery>,
) -> Answer {
    let show = query.show;
    survivors_page(
        &state,
        &s,
        &headers,
        SurvivorFields {
            age_band: "adult".into(),
            ..SurvivorFields::default()
        },
        None,
        &show,
    )
    .await
}

/// `POST /staff/survivors`: a new record, with the survivor.
pub async fn create_survivor(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(form): StaffForm<SurvivorFormFields>,
) -> Answer {
    let input = form.input();
    let actor = s.actor.clone();
    match state
        .blocking(move |app| app.staff.survivors().create(&actor, &input))
        .await?
    {
        Ok(id) => Ok(Redirect::to(&format!("/staff/survivors/{id}")).into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => survivors_page(&state, &s, &headers, form.view(), Some(error), "").await,
            None => Err(e.into()),
        },
    }
}

/// A survivor's plan page; a form mistake (`error`: the need it is about, or none, and the
/// field) shows it again with the mistake named.
async fn plan_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    id: &SurvivorId,
    error: Option<(String, FieldError)>,
) -> Answer {
    let l = lang(headers);
    let chrome = chrome(l, s, Some(Menu::Survivors));
    let (actor, survivor) = (s.actor.clone(), id.clone());
    let plan = state
        .blocking(move |app| app.staff.survivors().plan(&actor, &survivor))
        .await??;
    let taxonomy = Taxonomy::builtin();
    let (mut immediate, mut long_term) = (Vec::new(), Vec::new());
    for n in &plan.needs {
        let item = need_item(l, n);
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
        .map(|r| referral_item(&s.time_zone, r))
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
        .map(|t| templates::staff::TimelineItem {
            when: when(&s.time_zone, t.at),
            who: t.actor.clone(),
            what: timeline_words(l, t),
        })
        .collect();
    let consents = plan
        .consents
        .iter()
        .map(|c| templates::staff::ConsentItem {
            id: c.id.0.clone(),
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
    Ok(page(
        status_of(&error),
        templates::staff::plan(&PlanPage {
            csrf: s.csrf.clone(),
            id: plan.id.0.clone(),
            pseudonym: r.pseudonym.clone(),
            age_band: r.age_band.code().to_owned(),
            languages: language_names(l, &r.languages),
            ways: r
                .ways
                .iter()
                .map(|w| {
                    let kind = match w.kind {
                        crate::domain::plan::WayKind::Phone => "phone",
                        crate::domain::plan::WayKind::Email => "email",
                    };
                    (kind.to_owned(), w.value.clone(), w.safe.code().to_owned())
                })
                .collect(),
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
            today: plan.today.clone(),
            chrome,
        }),
    ))
}

fn need_item(l: Lang, n: &crate::services::staff::NeedView) -> NeedItem {
    NeedItem {
        id: n.id.0.clone(),
        label: label(l, &n.code),
        status: n.status.code().to_owned(),
        priority: n.priority.code().to_owned(),
        target_date: n.target_date.clone().unwrap_or_default(),
        their_words: n.words.their_words.clone(),
        goal: n.words.goal.clone(),
        follow_up: n.follow_up.clone().unwrap_or_default(),
    }
}

fn referral_item(zone: &str, r: &crate::services::staff::ReferralView) -> ReferralItem {
    ReferralItem {
        id: r.id.0.clone(),
        reference: r.reference.clone(),
        need_id: r.need.0.clone(),
        service: r.service.clone(),
        organisation: r.organisation.clone(),
        status: r.status.code().to_owned(),
        reason: r.reason.clone(),
        updated: when(zone, r.updated_at),
        next: r.status.next().iter().map(|s| s.code().to_owned()).collect(),
        follow_up: r.follow_up.clone().unwrap_or_default(),
    }
}

/// A need's own page (the read of the plan is audited), with a mistake in its form.
async fn need_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    id: &SurvivorId,
    need: &NeedId,
    error: Option<FieldError>,
) -> Answer {
    let l = lang(headers);
    let (actor, survivor) = (s.actor.clone(), id.clone());
    let plan = state
        .blocking(move |app| app.staff.survivors().plan(&actor, &survivor))
        .await??;
    let Some(n) = plan.needs.iter().find(|n| &n.id == need) else {
        return Err(StaffError::NotFound.into());
    };
    Ok(page(
        status_of(&error),
        templates::staff::need_page(&templates::staff::NeedPage {
            chrome: chrome(l, s, Some(Menu::Survivors)),
            csrf: s.csrf.clone(),
            survivor_id: id.0.clone(),
            pseudonym: plan.record.pseudonym.clone(),
            need: need_item(l, n),
            referrals: plan
                .referrals
                .iter()
                .filter(|r| &r.need == need)
                .map(|r| referral_item(&s.time_zone, r))
                .collect(),
            today: plan.today.clone(),
            error,
        }),
    ))
}

/// `GET /staff/survivors/{id}/needs/{need}`: one need of the plan, to work on.
pub async fn show_need(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathIds(id, need): PathIds<SurvivorId, NeedId>,
    headers: HeaderMap,
) -> Answer {
    need_page(&state, &s, &headers, &id, &need, None).await
}

/// What a timeline entry says, for the template to put into words.
fn timeline_words(l: Lang, t: &crate::services::staff::TimelineEntry) -> templates::staff::TimelineWhat {
    use crate::services::staff::TimelineEvent as E;
    use templates::staff::TimelineWhat as W;
    match &t.event {
        E::Action(code) => W::Action(code.clone()),
        E::Referral {
            reference,
            service,
            from,
            to,
            reason,
        } => W::Referral {
            reference: reference.clone(),
            service: service.clone(),
            from: from.clone(),
            to: to.clone(),
            reason: reason.clone(),
        },
        E::ConsentGiven { organisation, groups } => W::ConsentGiven {
            organisation: organisation.clone(),
            groups: groups.clone(),
        },
        E::ConsentRevoked { organisation } => W::ConsentRevoked {
            organisation: organisation.clone(),
        },
        E::HandOver { from, to, note } => W::HandOver {
            from: from.clone(),
            to: to.clone(),
            note: note.clone(),
        },
        E::CoAdvocate { added } => W::CoAdvocate { added: added.clone() },
        E::NeedAdded { code } => W::NeedAdded { need: label(l, code) },
        E::NeedChanged {
            code,
            status,
            priority,
            follow_up,
            words,
        } => W::NeedChanged {
            need: label(l, code),
            status: status.clone(),
            priority: priority.clone(),
            follow_up: follow_up.clone(),
            words: *words,
        },
        E::NewPrimary { from, to } => W::NewPrimary {
            from: from.clone(),
            to: to.clone(),
        },
    }
}

/// Back to a survivor's plan after a change.
fn to_plan(id: &SurvivorId) -> Answer {
    Ok(Redirect::to(&format!("/staff/survivors/{id}")).into_response())
}

/// A change's outcome on the plan page: back to the plan, the plan again with a form mistake
/// named (about the need `need`, or about the plan when empty), or the refusal.
async fn after_change(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    id: &SurvivorId,
    need: &str,
    outcome: Result<(), StaffError>,
) -> Answer {
    match outcome {
        Ok(()) => to_plan(id),
        Err(e) => match form_error(&e) {
            Some(error) => plan_page(state, s, headers, id, Some((need.to_owned(), error))).await,
            None => Err(e.into()),
        },
    }
}

/// `GET /staff/survivors/{id}`: the plan (the read is audited).
pub async fn show_plan(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SurvivorId>,
    headers: HeaderMap,
) -> Answer {
    plan_page(&state, &s, &headers, &id, None).await
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
    PathId(id): PathId<SurvivorId>,
    StaffForm(form): StaffForm<AddNeedFields>,
) -> Answer {
    let survivor = id.clone();
    state
        .blocking(move |app| app.staff.needs().add(&s.actor, &survivor, &form.need))
        .await??;
    to_plan(&id)
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
    PathIds(id, need): PathIds<SurvivorId, NeedId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<NeedFields>,
) -> Answer {
    let input = NeedForm {
        status: form.status,
        priority: form.priority,
        target_date: form.target_date,
        their_words: form.their_words,
        goal: form.goal,
        follow_up: form.follow_up,
    };
    let (actor, survivor, need_id) = (s.actor.clone(), id.clone(), need.clone());
    let outcome = state
        .blocking(move |app| app.staff.needs().update(&actor, &survivor, &need_id, &input))
        .await?;
    match outcome {
        Ok(()) => to_plan(&id),
        Err(e) => match form_error(&e) {
            Some(error) => need_page(&state, &s, &headers, &id, &need, Some(error)).await,
            None => Err(e.into()),
        },
    }
}

/// `GET /staff/survivors/{id}/needs/{need}/find`: services for a need (the search is audited).
pub async fn find_providers(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathIds(id, need): PathIds<SurvivorId, NeedId>,
    headers: HeaderMap,
) -> Answer {
    let l = lang(&headers);
    let chrome = chrome(l, &s, Some(Menu::Survivors));
    let (actor, survivor, need_id) = (s.actor.clone(), id.clone(), need.clone());
    let found = state
        .blocking(move |app| app.staff.needs().candidates(&actor, &survivor, &need_id))
        .await??;
    // The public search's cards: distance, open now, conditions and space in words, when
    // it was checked — with a button to refer.
    let context = crate::http::views::Context {
        lang: l,
        now: found.now,
        gazetteer: state.directory.gazetteer,
    };
    let cards = |hits: &[crate::domain::finding::Hit]| {
        hits.iter()
            .map(|h| CandidateItem {
                service_id: h.listing.id.clone(),
                view: context.hit(h),
            })
            .collect::<Vec<_>>()
    };
    let (local, lines) = (cards(&found.local), cards(&found.lines));
    Ok(page(
        StatusCode::OK,
        templates::staff::find(&FindPage {
            csrf: s.csrf.clone(),
            survivor_id: id.0,
            need_id: need.0,
            need_label: label(l, &found.need),
            place: found.place,
            local,
            lines,
            chrome,
        }),
    ))
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
    PathIds(id, need): PathIds<SurvivorId, NeedId>,
    StaffForm(form): StaffForm<ReferFields>,
) -> Answer {
    let survivor = id.clone();
    state
        .blocking(move |app| {
            app.staff
                .referrals()
                .refer(&s.actor, &survivor, &need, &form.service)
        })
        .await??;
    to_plan(&id)
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
    PathId(id): PathId<ReferralId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<StatusFields>,
) -> Answer {
    let actor = s.actor.clone();
    let outcome = state
        .blocking(move |app| {
            let moved =
                app.staff
                    .referrals()
                    .advance(&actor, &id, &form.status, &form.reason, &form.follow_up);
            match moved {
                Ok(survivor) => Ok(Ok(survivor)),
                // Shown on the plan, the mistake named; nothing changed.
                Err(e) if form_error(&e).is_some() => app
                    .staff
                    .referrals()
                    .survivor_of(&id)
                    .map(|survivor| Err((e, survivor))),
                Err(e) => Ok(Err((e, None))),
            }
        })
        .await??;
    match outcome {
        Ok(survivor) => Ok(Redirect::to(&format!("/staff/survivors/{survivor}")).into_response()),
        Err((e, Some(survivor))) if form_error(&e).is_some() => {
            // An empty need id: the mistake is about a referral, shown at the top of the plan.
            after_change(&state, &s, &headers, &survivor, "", Err(e)).await
        }
        Err((e, _)) => Err(e.into()),
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
    PathId(id): PathId<SurvivorId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<EraseFields>,
) -> Answer {
    if form.confirm != "yes" {
        let error = FieldError {
            field: "confirm".to_owned(),
            message_key: "plan-error-confirm".to_owned(),
        };
        return plan_page(&state, &s, &headers, &id, Some((String::new(), error))).await;
    }
    state
        .blocking(move |app| app.staff.survivors().erase(&s.actor, &id))
        .await??;
    Ok(Redirect::to("/staff/survivors").into_response())
}

/// `GET /staff/survivors/{id}/print`: the survivor's own copy, in their language, with
/// nothing on it but their needs, next steps and their advocate.
pub async fn print_copy(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SurvivorId>,
) -> Answer {
    let copy = state
        .blocking(move |app| app.staff.survivors().copy(&s.actor, &id))
        .await??;
    let l = if copy.plan.record.languages.first().map(String::as_str) == Some("es") {
        Lang::Es
    } else {
        Lang::En
    };
    let contact = |service: &str| {
        copy.contacts
            .iter()
            .find(|(name, _)| name == service)
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    };
    // Live referrals are the next steps; completed ones are done; declined, withdrawn and
    // closed ones are left off (they are nothing the survivor can act on).
    let steps = copy
        .plan
        .referrals
        .iter()
        .filter(|r| !r.status.is_ended())
        .map(|r| {
            let c = contact(&r.service);
            templates::staff::CopyStep {
                provider: r.service.clone(),
                phones: c.phones,
                address: c.address,
                status: r.status.code().to_owned(),
            }
        })
        .collect();
    let done = copy
        .plan
        .referrals
        .iter()
        .filter(|r| r.status == ReferralStatus::Completed)
        .map(|r| r.service.clone())
        .collect();
    let needs = copy
        .plan
        .needs
        .iter()
        .filter(|n| n.status.is_open())
        .map(|n| (label(l, &n.code), n.words.their_words.clone()))
        .collect();
    Ok(page(
        StatusCode::OK,
        templates::staff::survivor_copy(&templates::staff::SurvivorCopy {
            lang: l,
            needs,
            steps,
            done,
            advocate: copy.advocate,
            agency: copy.agency,
            agency_phone: copy.agency_phone,
        }),
    ))
}

/// The hand-over and co-advocate forms.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignFields {
    #[serde(default)]
    advocate: String,
    stay: Option<String>,
    /// A note for the new advocate (hand-overs only).
    #[serde(default)]
    note: String,
}

/// `POST /staff/survivors/{id}/transfer`: another advocate of the agency becomes primary.
pub async fn transfer_survivor(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SurvivorId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<AssignFields>,
) -> Answer {
    assigned(state, s, id, headers, form, false).await
}

/// `POST /staff/survivors/{id}/co-advocates`: another advocate of the agency joins.
pub async fn add_co_advocate(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SurvivorId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<AssignFields>,
) -> Answer {
    assigned(state, s, id, headers, form, true).await
}

async fn assigned(
    state: AppState,
    s: Session,
    id: SurvivorId,
    headers: HeaderMap,
    form: AssignFields,
    co_only: bool,
) -> Answer {
    let (actor, survivor, stay) = (s.actor.clone(), id.clone(), form.stay.is_some());
    let outcome = state
        .blocking(move |app| {
            app.staff
                .hand_over()
                .assign(&actor, &survivor, &form.advocate, stay, co_only, &form.note)
        })
        .await?;
    match outcome {
        // After a hand-over without staying on, the plan is no longer theirs to see.
        Ok(()) if !co_only && !stay => Ok(Redirect::to("/staff/survivors").into_response()),
        outcome => after_change(&state, &s, &headers, &id, "", outcome).await,
    }
}

/// `GET /staff/reports`: an agency's counts (agency admins), small cells suppressed.
pub async fn show_reports(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    let l = lang(&headers);
    let chrome = chrome(l, &s, Some(Menu::Reports));
    let actor = s.actor.clone();
    let reports = state
        .blocking(move |app| app.staff.reports().visible_to(&actor))
        .await??;
    Ok(page(
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
    ))
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
    PathId(id): PathId<SurvivorId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<ConsentFields>,
) -> Answer {
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
    let (actor, survivor) = (s.actor.clone(), id.clone());
    match state
        .blocking(move |app| app.staff.consents().give(&actor, &survivor, &input))
        .await?
    {
        Ok(()) => Ok(Redirect::to(&format!("/staff/survivors/{id}#consent")).into_response()),
        outcome => after_change(&state, &s, &headers, &id, "", outcome).await,
    }
}

/// `POST /staff/consents/{id}/revoke`: taken back, with immediate effect.
pub async fn revoke_consent(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<ConsentId>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    let survivor = state
        .blocking(move |app| app.staff.consents().revoke(&s.actor, &id))
        .await??;
    Ok(Redirect::to(&format!("/staff/survivors/{survivor}#consent")).into_response())
}

/// `POST /staff/survivors/{id}/close`: the plan's work is done (their primary advocate).
pub async fn close_plan(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SurvivorId>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    state
        .blocking(move |app| app.staff.survivors().close_plan(&s.actor, &id))
        .await??;
    Ok(Redirect::to("/staff/survivors").into_response())
}

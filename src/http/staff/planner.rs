//! The planner's pages: an advocate's survivors, a new record, a survivor's plan and its needs.
//! Only assigned advocates get in; anyone else meets the same page as for a survivor who does
//! not exist (the use-cases decide and audit).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use templates::Lang;
use templates::staff::{FieldError, Menu, NeedItem, PlanPage, SurvivorFields, SurvivorItem, SurvivorsPage};

use super::{Signed, StaffForm, chrome, lang, page, refusal};
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

fn field_error(e: &StaffError) -> Option<FieldError> {
    match e {
        StaffError::Invalid { field, key } => Some(FieldError {
            field: (*field).to_owned(),
            message_key: (*key).to_owned(),
        }),
        _ => None,
    }
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
            survivors_page(&state, &s, &headers, form.view(), field_error(&e))
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
    };
    match state.staff.update_need(&s.actor, &id, &need, &input) {
        Ok(()) => Redirect::to(&format!("/staff/survivors/{id}")).into_response(),
        Err(e @ StaffError::Invalid { .. }) => {
            let error = field_error(&e).map(|f| (need.clone(), f));
            plan_page(&state, &s, &headers, &id, error)
        }
        Err(e) => refusal(chrome(lang(&headers), &s, None), e),
    }
}

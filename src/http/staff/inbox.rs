//! A provider organisation's referral inbox and its answers. What a provider sees of a
//! referral comes only from `provider_view`: the reference, the need, and exactly the field
//! groups the survivor consented to share (LEG-1, AC-4).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use templates::Lang;
use templates::staff::{FieldError, InboxPage, InboxRow, Menu};

use super::{Answer, Signed, StaffForm, chrome, form_error, lang, page, status_of, when};
use crate::domain::Taxonomy;
use crate::domain::ids::ReferralId;
use crate::domain::referral::{DeclineReason, ReferralStatus};
use crate::http::AppState;
use crate::http::path_id::PathId;
use crate::services::staff::Session;

/// What a provider may answer (the rest of the loop is the advocate's or the survivor's).
const PROVIDER_STEPS: [ReferralStatus; 6] = [
    ReferralStatus::Received,
    ReferralStatus::Accepted,
    ReferralStatus::Waitlisted,
    ReferralStatus::Declined,
    ReferralStatus::Started,
    ReferralStatus::Completed,
];

async fn inbox_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    error: Option<(String, FieldError)>,
) -> Answer {
    let l = lang(headers);
    let actor = s.actor.clone();
    let items = state
        .blocking(move |app| app.staff.referrals().inbox(&actor))
        .await??;
    let taxonomy = Taxonomy::builtin();
    let label = |code: &str| {
        taxonomy
            .need(code)
            .map(|n| {
                if l == Lang::Es {
                    n.label.es.clone()
                } else {
                    n.label.en.clone()
                }
            })
            .unwrap_or_else(|| code.to_owned())
    };
    // Service names from the public directory (what the provider calls its services).
    let ids: Vec<String> = items.iter().map(|i| i.service.clone()).collect();
    let names = state
        .blocking(move |app| {
            ids.iter()
                .map(|id| {
                    app.directory
                        .listing(id)
                        .map(|l| l.map(|l| l.name).unwrap_or_else(|| id.clone()))
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .await??;
    let referrals = items
        .into_iter()
        .zip(names)
        .map(|(i, service)| {
            let v = i.view;
            InboxRow {
                id: i.id.0.clone(),
                reference: v.reference,
                need: label(&v.need),
                service,
                status: i.status.code().to_owned(),
                updated: when(&s.time_zone, i.updated_at),
                identity: v.identity.map(|(name, age, languages)| {
                    (
                        name,
                        l.t(&format!("plan-age-{age}")).to_owned(),
                        languages.join(", "),
                    )
                }),
                contact: v.contact.map(|(c, place)| {
                    let ways = [
                        ("plan-contact-call", c.call),
                        ("plan-contact-text", c.text),
                        ("plan-contact-voicemail", c.voicemail),
                    ]
                    .into_iter()
                    .filter(|(_, ok)| *ok)
                    .map(|(k, _)| l.t(k).to_owned())
                    .collect();
                    (ways, c.safe_hours, c.code_word, place)
                }),
                their_words: v.their_words,
                next: i
                    .status
                    .next()
                    .iter()
                    .filter(|s| PROVIDER_STEPS.contains(s))
                    .map(|s| s.code().to_owned())
                    .collect(),
            }
        })
        .collect();
    Ok(page(
        status_of(&error),
        templates::staff::inbox(&InboxPage {
            chrome: chrome(l, s, Some(Menu::Inbox)),
            csrf: s.csrf.clone(),
            referrals,
            reasons: DeclineReason::ALL.iter().map(|r| r.code().to_owned()).collect(),
            error,
        }),
    ))
}

/// `GET /staff/referrals`: the referrals addressed to one's organisation.
pub async fn show_inbox(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    inbox_page(&state, &s, &headers, None).await
}

/// The answer form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerFields {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

/// `POST /staff/referrals/{id}/answer`: the provider's next step of the loop.
pub async fn answer_referral(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<ReferralId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<AnswerFields>,
) -> Answer {
    let (actor, referral) = (s.actor.clone(), id.clone());
    match state
        .blocking(move |app| {
            app.staff
                .referrals()
                .answer(&actor, &referral, &form.status, &form.reason)
        })
        .await?
    {
        Ok(()) => Ok(Redirect::to("/staff/referrals").into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => inbox_page(&state, &s, &headers, Some((id.0, error))).await,
            None => Err(e.into()),
        },
    }
}

//! The providers' listings pages and the directory admins' review queue. Who may see and
//! change which listing is the policy's call (`services::staff::listings`); a listing
//! someone may not see answers exactly like one that does not exist.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use templates::Lang;
use templates::staff::{ChangeRow, FieldError, ListingEditPage, ListingRow, ListingsPage, Menu, ReviewsPage};

use super::auth::NoFields;
use super::{Answer, Signed, StaffForm, chrome, form_error, lang, page, status_of, when};
use crate::domain::ids::ListingChangeId;
use crate::domain::listing_edit::ListingForm;
use crate::domain::{Condition, Taxonomy};
use crate::http::path_id::PathId;
use crate::http::{AppState, WebError};
use crate::services::staff::{ChangeView, ListingView, Saved, Session, StaffError};

/// A listing id from the path: HSDS ids are text; anything longer than an id is not one.
fn listing_id(id: String) -> Result<String, WebError> {
    if id.is_empty() || id.len() > 100 {
        return Err(WebError::NotFound);
    }
    Ok(id)
}

fn row(zone: &str, c: ChangeView) -> ChangeRow {
    ChangeRow {
        id: c.id,
        at: when(zone, c.at),
        actor: c.actor,
        state: c.state,
        fields: c.fields.into_iter().map(|f| (f.field, f.old, f.new)).collect(),
        note: c.note,
    }
}

/// `GET /staff/listings`: one's organisation's listings; for directory admins, how fresh
/// every provider's listings are.
pub async fn list_listings(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    let actor = s.actor.clone();
    let (mine, freshness) = state
        .blocking(move |app| app.staff.listings().overview(&actor))
        .await??;
    Ok(page(
        StatusCode::OK,
        templates::staff::listings(&ListingsPage {
            chrome: chrome(lang(&headers), &s, Some(Menu::Listings)),
            csrf: s.csrf.clone(),
            listings: mine
                .into_iter()
                .map(|m| ListingRow {
                    id: m.listing.id.clone(),
                    name: m.listing.name.clone(),
                    verified: m.listing.verified.clone().unwrap_or_default(),
                    needs_confirming: m.needs_confirming,
                    pending: m.pending,
                })
                .collect(),
            freshness: freshness
                .into_iter()
                .map(|f| (f.organisation, f.confirmed, f.total))
                .collect(),
            can_propose: s
                .actor
                .grants
                .iter()
                .any(|g| g.role == crate::domain::staff::Role::ProviderStaff),
            can_export: crate::services::policy::allows(
                &s.actor,
                crate::services::policy::Action::ExportDirectory,
            ),
        }),
    ))
}

/// `GET /staff/directory/export.zip`: the whole directory as HSDS 3.1 (directory admins),
/// named by the day.
pub async fn export_directory(State(state): State<AppState>, Signed(s): Signed) -> Answer {
    let actor = s.actor.clone();
    let zip = state
        .blocking(move |app| app.staff.listings().export_zip(&actor))
        .await??;
    let day = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    Ok((
        StatusCode::OK,
        [
            (axum::http::header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"pathways-hsds-{day}.zip\""),
            ),
        ],
        zip,
    )
        .into_response())
}

/// The edit page of a listing: as stored, or as typed with a mistake named.
fn edit_page(
    s: &Session,
    headers: &HeaderMap,
    view: ListingView,
    form: Option<ListingForm>,
    error: Option<FieldError>,
    saved: Option<Saved>,
) -> axum::response::Response {
    let l = lang(headers);
    let (need_choices, condition_choices, attribute_choices) = choices(l);
    page(
        status_of(&error),
        templates::staff::listing_edit(&ListingEditPage {
            chrome: chrome(l, s, Some(Menu::Listings)),
            csrf: s.csrf.clone(),
            id: view.listing.id.clone(),
            name: view.listing.name.clone(),
            verified: view.listing.verified.clone().unwrap_or_default(),
            editable: view.editable,
            new: false,
            form: form.unwrap_or(view.form).fields,
            need_choices,
            condition_choices,
            attribute_choices,
            error,
            saved: saved.map(|s| (s.live, s.pending)),
            history: view.history.into_iter().map(|c| row(&s.time_zone, c)).collect(),
        }),
    )
}

/// A checkbox group's options: (code, label).
type Choices = Vec<(String, String)>;

/// What the form's checkboxes offer, labelled in `l`: needs, conditions, the provider's own
/// attributes.
fn choices(l: Lang) -> (Choices, Choices, Choices) {
    let taxonomy = Taxonomy::builtin();
    let pick = |label: &crate::domain::needs::Bilingual| {
        if l == Lang::Es {
            label.es.clone()
        } else {
            label.en.clone()
        }
    };
    let needs = taxonomy
        .needs
        .iter()
        .map(|n| (n.code.clone(), pick(&n.label)))
        .collect();
    let conditions = Condition::ALL
        .iter()
        .filter_map(|c| taxonomy.condition(c.code()))
        .map(|t| (t.code.clone(), pick(&t.label)))
        .collect();
    let attributes = crate::domain::listing_edit::EDITABLE_ATTRIBUTES
        .iter()
        .filter_map(|code| taxonomy.attributes.iter().find(|a| a.code == *code))
        .map(|a| (a.code.clone(), pick(&a.label)))
        .collect();
    (needs, conditions, attributes)
}

/// `GET /staff/listings/{id}`: the form and the history.
pub async fn show_listing(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer {
    let id = listing_id(id)?;
    let actor = s.actor.clone();
    let view = state
        .blocking(move |app| app.staff.listings().open(&actor, &id))
        .await??;
    Ok(edit_page(&s, &headers, view, None, None, None))
}

/// `POST /staff/listings/{id}`: what needs no review goes live at once (found by the public
/// search before this answer returns); the rest waits. A mistake shows the form again as
/// typed, the mistake next to its field, and changes nothing.
pub async fn save_listing(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(fields): StaffForm<Vec<(String, String)>>,
) -> Answer {
    let id = listing_id(id)?;
    let form = ListingForm { fields };
    let (actor, typed) = (s.actor.clone(), form.clone());
    let (outcome, view) = state
        .blocking(move |app| {
            let listings = app.staff.listings();
            // The page after: the listing as it now stands (unless it is not theirs).
            match listings.save(&actor, &id, &typed) {
                Ok(saved) => listings.open(&actor, &id).map(|v| (Ok(saved), v)),
                Err(e @ StaffError::Invalid { .. }) => listings.open(&actor, &id).map(|v| (Err(e), v)),
                Err(e) => Err(e),
            }
        })
        .await??;
    match outcome {
        Ok(saved) => Ok(edit_page(&s, &headers, view, None, None, Some(saved))),
        Err(e) => Ok(edit_page(&s, &headers, view, Some(form), form_error(&e), None)),
    }
}

/// The form of a new service, empty or as typed with a mistake named.
fn new_page(
    s: &Session,
    headers: &HeaderMap,
    form: ListingForm,
    error: Option<FieldError>,
) -> axum::response::Response {
    let l = lang(headers);
    let (need_choices, condition_choices, attribute_choices) = choices(l);
    page(
        status_of(&error),
        templates::staff::listing_edit(&ListingEditPage {
            chrome: chrome(l, s, Some(Menu::Listings)),
            csrf: s.csrf.clone(),
            id: "new".to_owned(),
            name: l.t("listing-new").to_owned(),
            verified: String::new(),
            editable: true,
            new: true,
            form: form.fields,
            need_choices,
            condition_choices,
            attribute_choices,
            error,
            saved: None,
            history: Vec::new(),
        }),
    )
}

/// `GET /staff/listings/new`: the form of a new service (provider staff).
pub async fn new_listing(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    let actor = s.actor.clone();
    state
        .blocking(move |app| app.staff.listings().may_propose(&actor))
        .await??;
    Ok(new_page(&s, &headers, ListingForm::default(), None))
}

/// `POST /staff/listings/new`: a new service proposed; it waits for review.
pub async fn propose_listing(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(fields): StaffForm<Vec<(String, String)>>,
) -> Answer {
    let form = ListingForm { fields };
    let (actor, typed) = (s.actor.clone(), form.clone());
    match state
        .blocking(move |app| app.staff.listings().propose(&actor, &typed))
        .await?
    {
        Ok(()) => Ok(Redirect::to("/staff/listings").into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => Ok(new_page(&s, &headers, form, Some(error))),
            None => Err(e.into()),
        },
    }
}

/// `POST /staff/listings/{id}/confirm`: "Everything is still correct".
pub async fn confirm_listing(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    let id = listing_id(id)?;
    let back = format!("/staff/listings/{id}");
    state
        .blocking(move |app| app.staff.listings().confirm(&s.actor, &id))
        .await??;
    Ok(Redirect::to(&back).into_response())
}

/// The review queue, with a mistake about one change named.
async fn reviews_page(
    state: &AppState,
    s: &Session,
    headers: &HeaderMap,
    error: Option<(String, FieldError)>,
) -> Answer {
    let actor = s.actor.clone();
    let items = state
        .blocking(move |app| app.staff.listings().review_queue(&actor))
        .await??;
    Ok(page(
        status_of(&error),
        templates::staff::reviews(&ReviewsPage {
            chrome: chrome(lang(headers), s, Some(Menu::Reviews)),
            csrf: s.csrf.clone(),
            items: items
                .into_iter()
                .map(|i| (i.listing, i.organisation, row(&s.time_zone, i.change)))
                .collect(),
            error,
        }),
    ))
}

/// `GET /staff/reviews`: changes waiting for a directory admin, each side by side.
pub async fn list_reviews(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    reviews_page(&state, &s, &headers, None).await
}

/// `POST /staff/reviews/{id}/approve`: the change goes live (database and index).
pub async fn approve_change(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<ListingChangeId>,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    state
        .blocking(move |app| app.staff.listings().approve(&s.actor, id.as_str()))
        .await??;
    Ok(Redirect::to("/staff/reviews").into_response())
}

/// The send-back form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteFields {
    #[serde(default)]
    note: String,
}

/// `POST /staff/reviews/{id}/send-back`: with a note; nothing public changes.
pub async fn send_back_change(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<ListingChangeId>,
    headers: HeaderMap,
    StaffForm(form): StaffForm<NoteFields>,
) -> Answer {
    let (actor, change) = (s.actor.clone(), id.clone());
    match state
        .blocking(move |app| {
            app.staff
                .listings()
                .send_back(&actor, change.as_str(), &form.note)
        })
        .await?
    {
        Ok(()) => Ok(Redirect::to("/staff/reviews").into_response()),
        Err(e) => match form_error(&e) {
            Some(error) => reviews_page(&state, &s, &headers, Some((id.0, error))).await,
            None => Err(e.into()),
        },
    }
}

//! One's own account: the staff home and one's sessions ("sign out everywhere").

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use templates::staff::{DayCounts, Menu, SessionRow, SessionsPage, StaffHome};

use super::auth::{NoFields, signed_out};
use super::{Answer, Signed, StaffForm, chrome, lang, page, role_key, when};
use crate::domain::staff::SessionId;
use crate::http::AppState;
use crate::http::path_id::PathId;

/// `GET /staff`: who one is and in which roles.
pub async fn show_staff_home(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    let actor = s.actor.clone();
    let (roles, to_confirm, reset, day) = state
        .blocking(move |app| {
            let roles = actor
                .grants
                .iter()
                .map(|g| Ok((role_key(g.role), app.staff.people().scope_name(&g.scope)?)))
                .collect::<Result<Vec<_>, crate::services::staff::StaffError>>()?;
            let to_confirm = app
                .staff
                .listings()
                .mine(&actor)?
                .iter()
                .filter(|l| l.needs_confirming)
                .count();
            let reset = app.staff.people().own_reset_notice(&actor)?;
            let day = app.staff.survivors().day(&actor)?;
            Ok::<_, crate::services::staff::StaffError>((roles, to_confirm, reset, day))
        })
        .await??;
    let chrome = chrome(lang(&headers), &s, Some(Menu::Home));
    Ok(page(
        StatusCode::OK,
        templates::staff::staff_home(&StaffHome {
            chrome,
            roles,
            listings_to_confirm: to_confirm as u64,
            reset: reset.map(|r| (when(&s.time_zone, r.at), r.made_by, r.asked_by)),
            day: day.map(|d| DayCounts {
                survivors: d.survivors as u64,
                overdue: d.overdue as u64,
                due_today: d.due_today as u64,
                waiting: d.waiting as u64,
                answers: d.answers as u64,
                unprovided: d.unprovided as u64,
            }),
        }),
    ))
}

/// `GET /staff/sessions`.
pub async fn list_sessions(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Answer {
    let actor = s.actor.clone();
    let list = state
        .blocking(move |app| app.staff.sessions().list(&actor))
        .await??;
    Ok(page(
        StatusCode::OK,
        templates::staff::sessions(&SessionsPage {
            chrome: chrome(lang(&headers), &s, Some(Menu::Sessions)),
            csrf: s.csrf.clone(),
            sessions: list
                .into_iter()
                .map(|x| SessionRow {
                    current: x.id == s.id,
                    id: x.id.0,
                    started: when(&s.time_zone, x.created_at),
                    last_seen: when(&s.time_zone, x.last_seen_at),
                })
                .collect(),
        }),
    ))
}

/// `POST /staff/sessions/{id}/end`: one of one's own sessions.
pub async fn end_session(
    State(state): State<AppState>,
    Signed(s): Signed,
    PathId(id): PathId<SessionId>,
    headers: HeaderMap,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    let (actor, ended) = (s.actor.clone(), id.clone());
    state
        .blocking(move |app| app.staff.sessions().end_session(&actor, &ended))
        .await??;
    Ok(if id == s.id {
        signed_out(&headers)
    } else {
        Redirect::to("/staff/sessions").into_response()
    })
}

/// `POST /staff/sessions/end-all`: sign out everywhere, here too.
pub async fn end_all_sessions(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Answer {
    state
        .blocking(move |app| app.staff.sessions().end_all_sessions(&s.actor))
        .await??;
    Ok(signed_out(&headers))
}

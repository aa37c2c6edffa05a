//! One's own account: the staff home and one's sessions ("sign out everywhere").

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use templates::staff::{Menu, SessionRow, SessionsPage, StaffHome};

use super::auth::{NoFields, signed_out};
use super::{Signed, StaffForm, chrome, internal, lang, page, refusal, role_key, when};
use crate::domain::staff::SessionId;
use crate::http::AppState;
use crate::services::staff::StaffError;

/// `GET /staff`: who one is and in which roles.
pub async fn show_staff_home(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
) -> Response {
    let chrome = chrome(lang(&headers), &s, Some(Menu::Home));
    let mut roles = Vec::new();
    for g in &s.actor.grants {
        match state.staff.scope_name(&g.scope) {
            Ok(org) => roles.push((role_key(g.role), org)),
            Err(e) => return internal(chrome, &e),
        }
    }
    page(
        StatusCode::OK,
        templates::staff::staff_home(&StaffHome { chrome, roles }),
    )
}

/// `GET /staff/sessions`.
pub async fn list_sessions(State(state): State<AppState>, Signed(s): Signed, headers: HeaderMap) -> Response {
    let chrome = chrome(lang(&headers), &s, Some(Menu::Sessions));
    match state.staff.sessions(&s.actor) {
        Ok(list) => page(
            StatusCode::OK,
            templates::staff::sessions(&SessionsPage {
                chrome,
                csrf: s.csrf.clone(),
                sessions: list
                    .into_iter()
                    .map(|x| SessionRow {
                        current: x.id == s.id,
                        id: x.id.0,
                        started: when(x.created_at),
                        last_seen: when(x.last_seen_at),
                    })
                    .collect(),
            }),
        ),
        Err(e) => internal(chrome, &e),
    }
}

/// `POST /staff/sessions/{id}/end`: one of one's own sessions.
pub async fn end_session(
    State(state): State<AppState>,
    Signed(s): Signed,
    Path(id): Path<String>,
    headers: HeaderMap,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Response {
    let chrome = chrome(lang(&headers), &s, None);
    let Some(id) = SessionId::parse(&id) else {
        return refusal(chrome, StaffError::NotFound);
    };
    match state.staff.end_session(&s.actor, &id) {
        Ok(()) if id == s.id => signed_out(&headers),
        Ok(()) => Redirect::to("/staff/sessions").into_response(),
        Err(e) => refusal(chrome, e),
    }
}

/// `POST /staff/sessions/end-all`: sign out everywhere, here too.
pub async fn end_all_sessions(
    State(state): State<AppState>,
    Signed(s): Signed,
    headers: HeaderMap,
    StaffForm(NoFields {}): StaffForm<NoFields>,
) -> Response {
    match state.staff.end_all_sessions(&s.actor) {
        Ok(_) => signed_out(&headers),
        Err(e) => internal(chrome(lang(&headers), &s, None), &e),
    }
}

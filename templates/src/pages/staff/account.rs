//! One's own account: the staff home and one's sessions.

use super::*;

/// The staff home page.
#[derive(Clone, Debug)]
pub struct StaffHome {
    /// Frame (always signed in).
    pub chrome: Chrome,
    /// Their roles: (role catalogue key, organisation name or empty for the directory).
    pub roles: Vec<(String, String)>,
    /// Provider staff: their listings not confirmed for six months.
    pub listings_to_confirm: u64,
    /// AC-6: a recent reset of their own sign-in: (when, formatted; who made the link; who
    /// asked for it, when a second admin approved it).
    pub reset: Option<(String, String, Option<String>)>,
    /// An advocate's day across their caseload (`None` for someone who does not use the
    /// planner).
    pub day: Option<DayCounts>,
}

/// What asks for an advocate's attention today, across their survivors.
#[derive(Clone, Copy, Debug, Default)]
pub struct DayCounts {
    /// Survivors on the caseload.
    pub survivors: u64,
    /// Follow-ups overdue.
    pub overdue: u64,
    /// Follow-ups due today.
    pub due_today: u64,
    /// Referrals waiting on a provider for days.
    pub waiting: u64,
    /// New answers from providers.
    pub answers: u64,
    /// Needs with no provider yet.
    pub unprovided: u64,
}

/// The advocate's day: each count links to the survivors it concerns.
fn day(l: Lang, d: &DayCounts) -> Markup {
    let item = |show: &str, key: &str, n: u64, alert: bool| {
        html! {
            li {
                @if n == 0 { (l.plural(key, n)) } @else {
                    a href=(format!("/staff/survivors?show={show}")) {
                        @if alert { strong.overdue { (l.plural(key, n)) } } @else { (l.plural(key, n)) }
                    }
                }
            }
        }
    };
    html! {
        h2 { (l.t("day-heading")) }
        p { a href="/staff/survivors" { (l.plural("day-survivors", d.survivors)) } }
        ul.day {
            (item("overdue", "day-overdue", d.overdue, true))
            (item("today", "day-due-today", d.due_today, false))
            (item("waiting", "day-waiting", d.waiting, false))
            (item("answers", "day-answers", d.answers, false))
            (item("unprovided", "day-unprovided", d.unprovided, false))
        }
    }
}

/// One's own sessions.
#[derive(Clone, Debug)]
pub struct SessionsPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Sessions, newest first.
    pub sessions: Vec<SessionRow>,
}

/// A session in the list.
#[derive(Clone, Debug)]
pub struct SessionRow {
    /// Id (for the "sign out" button of that session).
    pub id: String,
    /// When it began, formatted.
    pub started: String,
    /// Last activity, formatted.
    pub last_seen: String,
    /// Whether it is the one viewing the page.
    pub current: bool,
}

/// The staff home.
pub fn staff_home(m: &StaffHome) -> Markup {
    let l = m.chrome.lang;
    let name = m
        .chrome
        .user
        .as_ref()
        .map(|u| u.name.as_str())
        .unwrap_or_default();
    staff_page(
        &m.chrome,
        "staff-title-home",
        html! {
            h1 { (l.tf("staff-home-heading", &[("name", &name)])) }
            @if let Some((date, made_by, asked_by)) = &m.reset {
                div.notice role="status" {
                    p { @match asked_by {
                        Some(asked) => (l.tf("staff-reset-notice-two", &[("date", date), ("asked", asked), ("approved", made_by)])),
                        None => (l.tf("staff-reset-notice", &[("date", date), ("by", made_by)])),
                    } }
                    p { (l.t("staff-reset-notice-help")) }
                }
            }
            @if m.listings_to_confirm > 0 {
                div.notice role="status" {
                    p { a href="/staff/listings" { (l.plural("listings-todo", m.listings_to_confirm)) } }
                }
            }
            @if let Some(d) = &m.day { (day(l, d)) }
            h2 { (l.t("staff-home-roles")) }
            @if m.roles.is_empty() {
                p { (l.t("staff-home-no-roles")) }
            } @else {
                ul { @for (role, org) in &m.roles {
                    li { (l.t(role)) @if !org.is_empty() { " · " (org) } }
                } }
            }
        },
    )
}

/// One's own sessions.
pub fn sessions(m: &SessionsPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-sessions",
        html! {
            h1 { (l.t("staff-sessions-heading")) }
            div.table-scroll role="region" tabindex="0" aria-label=(l.t("staff-sessions-table")) { table {
                thead { tr {
                    th scope="col" { (l.t("staff-sessions-started")) }
                    th scope="col" { (l.t("staff-sessions-last-seen")) }
                    th scope="col" { span.visually-hidden { (l.t("staff-actions")) } }
                } }
                tbody { @for s in &m.sessions { tr {
                    td { (s.started) }
                    td { (s.last_seen) }
                    td {
                        @if s.current { (l.t("staff-sessions-this")) } @else {
                            form method="post" action=(format!("/staff/sessions/{}/end", s.id)) {
                                input type="hidden" name="csrf" value=(m.csrf);
                                button type="submit" {
                                    (l.t("staff-sessions-end"))
                                    span.visually-hidden { " " (l.tf("staff-sessions-which", &[("date", &s.started)])) }
                                }
                            }
                        }
                    }
                } } }
            } }
            form method="post" action="/staff/sessions/end-all" {
                input type="hidden" name="csrf" value=(m.csrf);
                button type="submit" { (l.t("staff-sessions-end-all")) }
            }
        },
    )
}

//! The staff side: sign-in, enrolment (first admin and invitations), one's own sessions,
//! people and memberships, agencies, provider organisations, the audit log.
//! Staff pages share the public stylesheet, add their own (`staff.css`, which public pages do
//! not load), and have their own frame: no quick exit, a staff menu and a sign-out button
//! instead. Every form carries the session's CSRF token.

mod account;
mod admin;
mod auth;
mod inbox;
mod listings;
mod people;
mod planner;
mod unmet;

pub use account::*;
pub use admin::*;
pub use auth::*;
pub use inbox::*;
pub use listings::*;
pub use people::*;
pub use planner::*;
pub use unmet::*;

use maud::{DOCTYPE, Markup, html};

use crate::assets;
use crate::i18n::Lang;

/// What every staff page's frame needs.
#[derive(Clone, Debug)]
pub struct Chrome {
    /// Language (from the browser's Accept-Language).
    pub lang: Lang,
    /// The signed-in person, absent on sign-in and enrolment pages.
    pub user: Option<SignedIn>,
}

/// The signed-in person, for the menu and the sign-out button.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// Their name.
    pub name: String,
    /// CSRF token for the sign-out form.
    pub csrf: String,
    /// Menu entries they may use (the policy decided), in order.
    pub menu: Vec<Menu>,
    /// The entry of the page shown, if any.
    pub current: Option<Menu>,
}

/// A staff menu entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// `/staff`.
    Home,
    /// `/staff/survivors`.
    Survivors,
    /// `/staff/people`.
    People,
    /// `/staff/agencies`.
    Agencies,
    /// `/staff/providers`.
    Providers,
    /// `/staff/audit`.
    Audit,
    /// `/staff/reports`.
    Reports,
    /// `/staff/reports/unmet` (and the gap report).
    Unmet,
    /// `/staff/sessions`.
    Sessions,
    /// `/staff/listings`.
    Listings,
    /// `/staff/reviews`.
    Reviews,
    /// `/staff/referrals`.
    Inbox,
    /// `/staff/webhooks`.
    Webhooks,
}

impl Menu {
    /// The entry's path.
    pub fn path(self) -> &'static str {
        match self {
            Menu::Home => "/staff",
            Menu::Survivors => "/staff/survivors",
            Menu::People => "/staff/people",
            Menu::Agencies => "/staff/agencies",
            Menu::Providers => "/staff/providers",
            Menu::Audit => "/staff/audit",
            Menu::Reports => "/staff/reports",
            Menu::Unmet => "/staff/reports/unmet",
            Menu::Sessions => "/staff/sessions",
            Menu::Listings => "/staff/listings",
            Menu::Reviews => "/staff/reviews",
            Menu::Inbox => "/staff/referrals",
            Menu::Webhooks => "/staff/webhooks",
        }
    }
}

/// A form mistake: the field at fault (its `name`) and the catalogue key of the message.
#[derive(Clone, Debug)]
pub struct FieldError {
    /// The form field's name.
    pub field: String,
    /// Catalogue key of what is wrong.
    pub message_key: String,
}

/// Frame of a staff page.
pub fn staff_page(chrome: &Chrome, title_key: &str, body: Markup) -> Markup {
    let l = chrome.lang;
    html! {
        (DOCTYPE)
        html lang=(l.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (l.t(title_key)) " · " (l.t("staff-site-name")) }
                link rel="stylesheet" href=(assets::stylesheet());
                link rel="stylesheet" href=(assets::staff_stylesheet());
                link rel="icon" href="data:,";
            }
            body.staff {
                a.skip href="#main" { (l.t("skip-to-content")) }
                header.top {
                    a.brand href="/staff" { (l.t("staff-site-name")) }
                    @if let Some(u) = &chrome.user {
                        nav.staff-menu aria-label=(l.t("staff-menu")) {
                            @for m in &u.menu {
                                @if u.current == Some(*m) {
                                    a href=(m.path()) aria-current="page" { (l.t(menu_key(*m))) }
                                } @else {
                                    a href=(m.path()) { (l.t(menu_key(*m))) }
                                }
                            }
                        }
                        form.signout method="post" action="/staff/logout" {
                            input type="hidden" name="csrf" value=(u.csrf);
                            span { (u.name) }
                            " "
                            button type="submit" { (l.t("staff-sign-out")) }
                        }
                    }
                }
                main #main tabindex="-1" { (body) }
            }
        }
    }
}

fn menu_key(m: Menu) -> &'static str {
    match m {
        Menu::Home => "staff-menu-home",
        Menu::Survivors => "staff-menu-survivors",
        Menu::People => "staff-menu-people",
        Menu::Agencies => "staff-menu-agencies",
        Menu::Providers => "staff-menu-providers",
        Menu::Audit => "staff-menu-audit",
        Menu::Reports => "staff-menu-reports",
        Menu::Unmet => "staff-menu-unmet",
        Menu::Sessions => "staff-menu-sessions",
        Menu::Listings => "staff-menu-listings",
        Menu::Reviews => "staff-menu-reviews",
        Menu::Inbox => "staff-menu-inbox",
        Menu::Webhooks => "staff-menu-webhooks",
    }
}

/// An error message under a field, with the id `aria-describedby` points at.
fn field_error(l: Lang, error: &Option<FieldError>, field: &str) -> Markup {
    html! {
        @if let Some(e) = error.as_ref().filter(|e| e.field == field) {
            p.error id=(format!("{field}-error")) { (l.t(&e.message_key)) }
        }
    }
}

/// A GOV.UK-style error summary at the top of a form: a heading and the message as a link to
/// the field at fault (its id is its name). `fields` lists the fields the page shows; a mistake
/// about a field not shown (an invitation's fixed email) is given as plain text instead, since
/// there is nothing to link to and no message under a field.
fn error_summary(l: Lang, error: &Option<FieldError>, fields: &[&str]) -> Markup {
    html! {
        @if let Some(e) = error {
            div.error-summary role="alert" aria-labelledby="error-summary-title" {
                h2 #error-summary-title { (l.t("staff-error-summary")) }
                ul {
                    li {
                        @if fields.contains(&e.field.as_str()) {
                            a href=(format!("#{}", e.field)) { (l.t(&e.message_key)) }
                        } @else {
                            (l.t(&e.message_key))
                        }
                    }
                }
            }
        }
    }
}

fn invalid(error: &Option<FieldError>, field: &str) -> Option<&'static str> {
    error.as_ref().filter(|e| e.field == field).map(|_| "true")
}

fn described(error: &Option<FieldError>, field: &str) -> Option<String> {
    error
        .as_ref()
        .filter(|e| e.field == field)
        .map(|_| format!("{field}-error"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrome() -> Chrome {
        Chrome {
            lang: Lang::En,
            user: None,
        }
    }

    fn enrol_page(organisation: &str, error: Option<(&str, &str)>) -> String {
        enrol(&EnrolPage {
            chrome: chrome(),
            csrf: "c".to_owned(),
            action: "/staff/invitations/t".to_owned(),
            enrolment: Enrolment::Invitation {
                role_key: "role-directory-admin".to_owned(),
                organisation: organisation.to_owned(),
                email: "a@example.org".to_owned(),
            },
            email: String::new(),
            name: "Ana".to_owned(),
            totp_secret: "ABCD EFGH".to_owned(),
            totp_qr_svg: "<svg aria-hidden=\"true\"></svg>".to_owned(),
            error: error.map(|(field, key)| FieldError {
                field: field.to_owned(),
                message_key: key.to_owned(),
            }),
        })
        .into_string()
    }

    #[test]
    fn a_directory_invitation_names_no_organisation() {
        let page = enrol_page("", None);
        assert!(
            page.contains("You are invited as Directory admin, with the email"),
            "{page}"
        );
        let page = enrol_page("North Agency", None);
        assert!(page.contains("at North Agency, with the email"), "{page}");
        assert!(page.contains("staff.") && page.contains("aria-describedby=\"password-hint\""));
    }

    #[test]
    fn an_enrolment_mistake_is_summarised_with_a_link_and_shown_under_its_field() {
        let page = enrol_page("", Some(("password", "staff-error-password-mismatch")));
        assert!(page.contains("role=\"alert\""), "{page}");
        assert!(page.contains("<a href=\"#password\">The two passwords"), "{page}");
        assert!(page.contains("id=\"password-error\""), "{page}");
        assert!(
            page.contains("aria-describedby=\"password-error password-hint\""),
            "{page}"
        );
        assert_eq!(page.matches("role=\"alert\"").count(), 1);
        // An invitation's email is fixed, not a field: its mistake is plain text on top.
        let page = enrol_page("", Some(("email", "staff-error-email-taken")));
        assert!(!page.contains("href=\"#email\""), "{page}");
        assert!(page.contains("This email already has an account."), "{page}");
    }

    #[test]
    fn row_buttons_have_distinct_names_and_tables_scroll_in_a_region() {
        let page = sessions(&SessionsPage {
            chrome: chrome(),
            csrf: "c".to_owned(),
            sessions: vec![SessionRow {
                id: "s1".to_owned(),
                started: "2026-11-29 10:00".to_owned(),
                last_seen: "2026-11-29 11:00".to_owned(),
                current: false,
            }],
        })
        .into_string();
        assert!(
            page.contains("<span class=\"visually-hidden\"> (signed in 2026-11-29 10:00)</span>"),
            "{page}"
        );
        assert!(
            page.contains(
                "class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Your sessions\""
            ),
            "{page}"
        );
        let page = people(&PeoplePage {
            chrome: chrome(),
            csrf: "c".to_owned(),
            people: vec![PersonRow {
                id: "u1".to_owned(),
                name: "Ana".to_owned(),
                email: "a@example.org".to_owned(),
                disabled: false,
                can_manage: true,
                can_add_role: true,
                memberships: vec![MembershipRow {
                    id: "m1".to_owned(),
                    role_key: "role-advocate".to_owned(),
                    organisation: "North Agency".to_owned(),
                    since: "2026-01-01".to_owned(),
                    ended: None,
                    can_end: true,
                }],
            }],
            pending: vec![],
            agency_settings: vec![],
            time_zones: vec![],
            invite_choices: vec![("g".to_owned(), "role-advocate".to_owned(), String::new())],
            invite_email: String::new(),
            error: None,
            reset_requests: vec![ResetRequestRow {
                id: "r1".to_owned(),
                name: "Ana".to_owned(),
                email: "a@example.org".to_owned(),
                asked_by: "Bo".to_owned(),
                asked: "2026-11-29 10:00".to_owned(),
                can_approve: true,
            }],
            orphans: vec![],
        })
        .into_string();
        assert!(
            page.contains("Approve and make the link<span class=\"visually-hidden\"> (Ana)</span>"),
            "{page}"
        );
        assert!(
            page.contains(
                "End this role<span class=\"visually-hidden\"> (Advocate, North Agency, Ana)</span>"
            ),
            "{page}"
        );
        assert!(
            page.contains("Turn off this account<span class=\"visually-hidden\"> (Ana)</span>"),
            "{page}"
        );
        assert!(page.contains("autocomplete=\"off\""), "{page}");
    }
}

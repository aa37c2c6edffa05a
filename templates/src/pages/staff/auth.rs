//! Pages before sign-in: sign-in, enrolment from a setup, invitation or reset link, the
//! recovery codes shown once, and one-line notices.

use maud::PreEscaped;

use super::*;

/// The sign-in page.
#[derive(Clone, Debug)]
pub struct LoginPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token (derived from the pre-session cookie).
    pub csrf: String,
    /// The email typed, kept after a refusal.
    pub email: String,
    /// Catalogue key of a refusal ("not accepted", "wait"), if any.
    pub error_key: Option<String>,
}

/// What is being enrolled.
#[derive(Clone, Debug)]
pub enum Enrolment {
    /// The first directory admin, from the console's setup link.
    Setup,
    /// An invitation: the role (catalogue key) and organisation it fixes, and its email.
    Invitation {
        /// Catalogue key of the role's name (`role-advocate`, …).
        role_key: String,
        /// Organisation name (empty for the directory).
        organisation: String,
        /// The invited email (fixed).
        email: String,
    },
    /// A credential reset for an existing account (a lost phone or password).
    Reset {
        /// The account's email.
        email: String,
    },
}

/// Setting a password and a second factor (first admin or invitation).
#[derive(Clone, Debug)]
pub struct EnrolPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Where the form posts (the setup or invitation link itself).
    pub action: String,
    /// What is being enrolled.
    pub enrolment: Enrolment,
    /// Email typed (setup only; an invitation's is fixed).
    pub email: String,
    /// Name typed.
    pub name: String,
    /// The TOTP secret in base32, spaced in groups of four, also posted back in a hidden field.
    pub totp_secret: String,
    /// The QR code of the `otpauth://` URI as an inline SVG made by the server (project-made
    /// markup: only rectangles, no text from anyone).
    pub totp_qr_svg: String,
    /// A mistake, if any.
    pub error: Option<FieldError>,
}

/// Recovery codes, shown once after enrolment.
#[derive(Clone, Debug)]
pub struct RecoveryPage {
    /// Frame.
    pub chrome: Chrome,
    /// The codes.
    pub codes: Vec<String>,
}

/// A page that only says something (an expired link, a done action).
#[derive(Clone, Debug)]
pub struct NoticePage {
    /// Frame.
    pub chrome: Chrome,
    /// Catalogue key of the heading.
    pub heading_key: String,
    /// Catalogue key of the text.
    pub text_key: String,
    /// A link onward: catalogue key of its label and its href.
    pub next: Option<(String, String)>,
}

/// The sign-in page.
pub fn login(m: &LoginPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-login",
        html! {
            h1 { (l.t("staff-login-heading")) }
            @if let Some(key) = &m.error_key {
                p.error role="alert" { (l.t(key)) }
            }
            form.staff-form method="post" action="/staff/login" {
                input type="hidden" name="csrf" value=(m.csrf);
                label for="email" { (l.t("staff-email")) }
                input #email type="email" name="email" value=(m.email) autocomplete="username" required;
                label for="password" { (l.t("staff-password")) }
                input #password type="password" name="password" autocomplete="current-password" required;
                label for="code" { (l.t("staff-code")) }
                p.hint #code-hint { (l.t("staff-code-hint")) }
                input #code type="text" name="code" autocomplete="one-time-code" aria-describedby="code-hint" required;
                button type="submit" { (l.t("staff-sign-in")) }
            }
        },
    )
}

/// Enrolment: password and second factor.
pub fn enrol(m: &EnrolPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-enrol",
        html! {
            @match &m.enrolment {
                Enrolment::Setup => {
                    h1 { (l.t("staff-setup-heading")) }
                    p.lead { (l.t("staff-setup-lead")) }
                }
                Enrolment::Invitation { role_key, organisation, email } => {
                    h1 { (l.t("staff-invitation-heading")) }
                    p.lead {
                        @if organisation.is_empty() {
                            (l.tf("staff-invitation-lead-directory", &[("role", &l.t(role_key)), ("email", email)]))
                        } @else {
                            (l.tf("staff-invitation-lead", &[("role", &l.t(role_key)), ("organisation", organisation), ("email", email)]))
                        }
                    }
                }
                Enrolment::Reset { email } => {
                    h1 { (l.t("staff-reset-heading")) }
                    p.lead { (l.tf("staff-reset-lead", &[("email", email)])) }
                }
            }
            @match m.enrolment {
                Enrolment::Setup => { (error_summary(l, e, &["email", "name", "password", "code"])) }
                Enrolment::Invitation { .. } => { (error_summary(l, e, &["name", "password", "code"])) }
                Enrolment::Reset { .. } => { (error_summary(l, e, &["password", "code"])) }
            }
            form.staff-form method="post" action=(m.action) {
                input type="hidden" name="csrf" value=(m.csrf);
                input type="hidden" name="totp_secret" value=(m.totp_secret);
                @if matches!(m.enrolment, Enrolment::Setup) {
                    label for="email" { (l.t("staff-email")) }
                    (field_error(l, e, "email"))
                    input #email type="email" name="email" value=(m.email) autocomplete="username" required
                        aria-invalid=[invalid(e, "email")] aria-describedby=[described(e, "email")];
                }
                @if !matches!(m.enrolment, Enrolment::Reset { .. }) {
                    label for="name" { (l.t("staff-name")) }
                    (field_error(l, e, "name"))
                    input #name type="text" name="name" value=(m.name) autocomplete="name" required
                        aria-invalid=[invalid(e, "name")] aria-describedby=[described(e, "name")];
                }
                label for="password" { (l.t("staff-new-password")) }
                p.hint #password-hint { (l.t("staff-password-hint")) }
                (field_error(l, e, "password"))
                input #password type="password" name="password" autocomplete="new-password" required
                    aria-invalid=[invalid(e, "password")] aria-describedby=(if invalid(e, "password").is_some() { "password-error password-hint" } else { "password-hint" });
                label for="password_again" { (l.t("staff-password-again")) }
                input #password_again type="password" name="password_again" autocomplete="new-password" required;
                h2 { (l.t("staff-totp-heading")) }
                p { (l.t("staff-totp-text")) }
                div.qr { (PreEscaped(&m.totp_qr_svg)) }
                p { (l.t("staff-totp-manual")) " " code.secret { (m.totp_secret) } }
                label for="code" { (l.t("staff-totp-code")) }
                (field_error(l, e, "code"))
                input #code type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required
                    aria-invalid=[invalid(e, "code")] aria-describedby=[described(e, "code")];
                button type="submit" { (l.t("staff-enrol-submit")) }
            }
        },
    )
}

/// Recovery codes, once.
pub fn recovery(m: &RecoveryPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-recovery",
        html! {
            h1 { (l.t("staff-recovery-heading")) }
            p.lead { (l.t("staff-recovery-lead")) }
            ul.codes { @for c in &m.codes { li { code { (c) } } } }
            p { a href="/staff/login" { (l.t("staff-sign-in")) } }
        },
    )
}

/// A page that says one thing.
pub fn notice(m: &NoticePage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        &m.heading_key,
        html! {
            h1 { (l.t(&m.heading_key)) }
            p { (l.t(&m.text_key)) }
            @if let Some((label, href)) = &m.next {
                p { a href=(href) { (l.t(label)) } }
            }
        },
    )
}

//! A provider organisation's referral inbox: each referral by its opaque reference and the
//! need, with exactly what the survivor agreed to share, and the provider's next steps.

use super::*;

/// A referral in the inbox.
#[derive(Clone, Debug)]
pub struct InboxRow {
    /// Referral id.
    pub id: String,
    /// Opaque reference.
    pub reference: String,
    /// The need, labelled.
    pub need: String,
    /// The service's name.
    pub service: String,
    /// Status code.
    pub status: String,
    /// Last change, formatted.
    pub updated: String,
    /// Shared with consent: name or initials, age band label, languages.
    pub identity: Option<(String, String, String)>,
    /// Shared with consent: how to reach them safely, and their place.
    pub contact: Option<(Vec<String>, String, String, String)>,
    /// Shared with consent: their words about the need.
    pub their_words: Option<String>,
    /// Status codes the provider may move it to.
    pub next: Vec<String>,
}

/// The inbox.
#[derive(Clone, Debug)]
pub struct InboxPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Referrals, newest change first.
    pub referrals: Vec<InboxRow>,
    /// Decline reasons: codes.
    pub reasons: Vec<String>,
    /// A mistake, with the referral it is about.
    pub error: Option<(String, FieldError)>,
}

/// The inbox page.
pub fn inbox(m: &InboxPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-inbox",
        html! {
            h1 { (l.t("inbox-heading")) }
            p { (l.t("inbox-intro")) }
            @if m.referrals.is_empty() { p { (l.t("inbox-empty")) } }
            @for r in &m.referrals {
                article.referral {
                    h2 { (l.t("inbox-reference")) " " code { (r.reference) } " · " (r.need) }
                    p { (r.service) " · " (l.t(&format!("referral-status-{}", r.status))) " · " (r.updated) }
                    @if r.identity.is_none() && r.contact.is_none() && r.their_words.is_none() {
                        p.hint { (l.t("inbox-nothing-shared")) }
                    }
                    @if let Some((name, age, languages)) = &r.identity {
                        p { (l.t("inbox-identity")) ": " (name) " · " (age) " · " (languages) }
                    }
                    @if let Some((ways, hours, code_word, place)) = &r.contact {
                        p { (l.t("inbox-contact")) ": " (ways.join(", ")) " · " (hours) " · " (l.t("plan-code-word")) " " (code_word) " · " (place) }
                    }
                    @if let Some(words) = &r.their_words {
                        p { (l.t("inbox-their-words")) ": " (words) }
                    }
                    @if !r.next.is_empty() {
                        form.staff-form method="post" action=(format!("/staff/referrals/{}/answer", r.id)) {
                            input type="hidden" name="csrf" value=(m.csrf);
                            @let e = m.error.as_ref().filter(|(id, _)| *id == r.id).map(|(_, e)| e.clone());
                            @if let Some(err) = &e { p.error role="alert" { (l.t(&err.message_key)) } }
                            @let status_id = format!("answer-{}", r.id);
                            label for=(status_id) { (l.t("inbox-answer")) }
                            select id=(status_id) name="status" {
                                @for s in &r.next { option value=(s) { (l.t(&format!("referral-status-{s}"))) } }
                            }
                            @let reason_id = format!("reason-{}", r.id);
                            label for=(reason_id) { (l.t("inbox-reason")) }
                            select id=(reason_id) name="reason" {
                                option value="" { (l.t("referral-reason-none")) }
                                @for code in &m.reasons { option value=(code) { (l.t(&format!("referral-reason-{code}"))) } }
                            }
                            button type="submit" { (l.t("inbox-send")) }
                        }
                    }
                }
            }
        },
    )
}

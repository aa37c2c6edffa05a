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

/// One delivery of a webhook.
#[derive(Clone, Debug)]
pub struct DeliveryRow {
    /// Queued, formatted.
    pub queued: String,
    /// `pending`, `delivered`, `failed`.
    pub state: String,
    /// Attempts so far.
    pub attempts: u32,
    /// What the last failed attempt met.
    pub error: Option<String>,
}

/// One webhook.
#[derive(Clone, Debug)]
pub struct WebhookRow {
    /// Id.
    pub id: String,
    /// Where deliveries go.
    pub url: String,
    /// Registered, formatted.
    pub created: String,
    /// Latest deliveries.
    pub deliveries: Vec<DeliveryRow>,
}

/// The webhooks page.
#[derive(Clone, Debug)]
pub struct WebhooksPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// The organisation's webhooks.
    pub webhooks: Vec<WebhookRow>,
    /// The address typed, kept after a mistake.
    pub url: String,
    /// A mistake.
    pub error: Option<FieldError>,
}

/// A webhook just registered: its secret, this once.
#[derive(Clone, Debug)]
pub struct WebhookCreated {
    /// Frame.
    pub chrome: Chrome,
    /// Where deliveries go.
    pub url: String,
    /// The signing secret.
    pub secret: String,
}

/// The webhooks page.
pub fn webhooks(m: &WebhooksPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-webhooks",
        html! {
            h1 { (l.t("webhooks-heading")) }
            p { (l.t("webhooks-intro")) }
            @if m.webhooks.is_empty() { p { (l.t("webhooks-none")) } }
            @for h in &m.webhooks {
                section.webhook {
                    h2 id=(format!("hook-{}", h.id)) { code { (h.url) } }
                    p { (l.t("webhooks-registered")) " " (h.created) }
                    form.inline method="post" action=(format!("/staff/webhooks/{}/remove", h.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        button type="submit" aria-label=(format!("{} {}", l.t("webhooks-remove"), h.url)) { (l.t("webhooks-remove")) }
                    }
                    @if h.deliveries.is_empty() {
                        p { (l.t("webhooks-no-deliveries")) }
                    } @else {
                        ul.deliveries {
                            @for d in &h.deliveries {
                                li {
                                    (d.queued) " · " strong { (l.t(&format!("webhooks-state-{}", d.state))) }
                                    " · " (l.plural("webhooks-attempts", u64::from(d.attempts)))
                                    @if let Some(err) = &d.error { " · " (err) }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (l.t("webhooks-new")) }
            form.staff-form method="post" action="/staff/webhooks" {
                input type="hidden" name="csrf" value=(m.csrf);
                label for="url" { (l.t("webhooks-url")) }
                (field_error(l, e, "url"))
                input #url type="url" name="url" value=(m.url) required
                    aria-invalid=[invalid(e, "url")] aria-describedby=[described(e, "url")];
                button type="submit" { (l.t("webhooks-create")) }
            }
        },
    )
}

/// A webhook's secret, shown once.
pub fn webhook_created(m: &WebhookCreated) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-webhooks",
        html! {
            h1 { (l.t("webhooks-created-heading")) }
            p { code { (m.url) } }
            p { (l.t("webhooks-shown-once")) }
            p { code.secret { (m.secret) } }
            p { (l.t("webhooks-how")) }
            p { a href="/staff/webhooks" { (l.t("webhooks-back")) } }
        },
    )
}

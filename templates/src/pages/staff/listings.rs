//! Providers' listings: their list (with what needs confirming), the edit form with each
//! mistake next to its field and the listing's history; the directory admins' review queue
//! with each change side by side, and the share of listings confirmed lately.

use super::*;

/// A listing in its provider's list.
#[derive(Clone, Debug)]
pub struct ListingRow {
    /// Service id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Last verified (`YYYY-MM-DD`, or empty).
    pub verified: String,
    /// Not confirmed for six months.
    pub needs_confirming: bool,
    /// Changes waiting for review.
    pub pending: usize,
}

/// The list of one's listings; for directory admins, the freshness table.
#[derive(Clone, Debug)]
pub struct ListingsPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// The listings one keeps.
    pub listings: Vec<ListingRow>,
    /// Directory admins: (organisation, confirmed in six months, all).
    pub freshness: Vec<(String, usize, usize)>,
    /// Whether a new service may be proposed (provider staff).
    pub can_propose: bool,
    /// Whether the whole directory may be downloaded as HSDS (directory admins).
    pub can_export: bool,
}

/// One change in a history or the review queue.
#[derive(Clone, Debug)]
pub struct ChangeRow {
    /// Id.
    pub id: String,
    /// When, formatted.
    pub at: String,
    /// Who.
    pub actor: String,
    /// `live`, `pending`, `approved`, `sent_back`.
    pub state: String,
    /// (field, old, new).
    pub fields: Vec<(String, String, String)>,
    /// The reviewer's note.
    pub note: Option<String>,
}

/// A listing's edit form and history.
#[derive(Clone, Debug)]
pub struct ListingEditPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Service id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Last verified.
    pub verified: String,
    /// Whether the viewer may edit (else the history only).
    pub editable: bool,
    /// A new service being proposed (no history, nothing to confirm yet).
    pub new: bool,
    /// The form's values as typed (or as stored): (field, value), needs and conditions repeated.
    pub form: Vec<(String, String)>,
    /// Needs to choose from: (code, label).
    pub need_choices: Vec<(String, String)>,
    /// Conditions to choose from: (code, label).
    pub condition_choices: Vec<(String, String)>,
    /// Attributes to choose from: (code, label).
    pub attribute_choices: Vec<(String, String)>,
    /// A mistake.
    pub error: Option<FieldError>,
    /// After a save: (fields live, fields waiting for review).
    pub saved: Option<(usize, usize)>,
    /// The history, newest first.
    pub history: Vec<ChangeRow>,
}

/// The review queue.
#[derive(Clone, Debug)]
pub struct ReviewsPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// (listing name, organisation, the change).
    pub items: Vec<(String, String, ChangeRow)>,
    /// A mistake (a send-back without a note), with the change it is about.
    pub error: Option<(String, FieldError)>,
}

fn value<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn chosen(form: &[(String, String)], name: &str, code: &str) -> bool {
    form.iter().any(|(k, v)| k == name && v == code)
}

/// One's listings.
pub fn listings(m: &ListingsPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-listings",
        html! {
            h1 { (l.t("listings-heading")) }
            @let todo = m.listings.iter().filter(|r| r.needs_confirming).count();
            @if todo > 0 {
                p.notice { (l.plural("listings-todo", todo as u64)) }
            }
            @if m.listings.is_empty() && m.freshness.is_empty() {
                p { (l.t("listings-none")) }
            }
            @if m.can_propose {
                p { a href="/staff/listings/new" { (l.t("listing-new")) } }
            }
            @if !m.listings.is_empty() {
                ul.listings {
                    @for r in &m.listings {
                        li {
                            a href=(format!("/staff/listings/{}", r.id)) { (r.name) }
                            " · " (l.t("listings-verified")) " " (if r.verified.is_empty() { "—" } else { r.verified.as_str() })
                            @if r.needs_confirming { " · " strong { (l.t("listings-confirm-due")) } }
                            @if r.pending > 0 { " · " (l.plural("listings-pending", r.pending as u64)) }
                        }
                    }
                }
            }
            @if !m.freshness.is_empty() {
                h2 { (l.t("listings-freshness-heading")) }
                div.table-scroll role="region" tabindex="0" aria-label=(l.t("listings-freshness-heading")) { table {
                    thead { tr {
                        th scope="col" { (l.t("listings-organisation")) }
                        th scope="col" { (l.t("listings-confirmed")) }
                    } }
                    tbody { @for (org, confirmed, total) in &m.freshness { tr {
                        td { (org) }
                        td { (confirmed) " / " (total)
                            @if *total > 0 { " (" (confirmed * 100 / total) " %)" } }
                    } } }
                } }
                p { a href="/staff/reviews" { (l.t("staff-menu-reviews")) } }
            }
            @if m.can_export {
                h2 { (l.t("listings-export-heading")) }
                p { (l.t("listings-export-hint")) }
                p { a href="/staff/directory/export.zip" download { (l.t("listings-export")) } }
            }
        },
    )
}

fn text_field(l: Lang, m: &ListingEditPage, name: &str, long: bool) -> Markup {
    let e = &m.error;
    let label = format!("listing-field-{}", name.replace('_', "-"));
    html! {
        label for=(name) { (l.t(&label)) }
        (field_error(l, e, name))
        @if long {
            textarea id=(name) name=(name) rows="4" disabled[!m.editable]
                aria-invalid=[invalid(e, name)] aria-describedby=[described(e, name)] { (value(&m.form, name)) }
        } @else {
            input id=(name) type="text" name=(name) value=(value(&m.form, name)) disabled[!m.editable]
                aria-invalid=[invalid(e, name)] aria-describedby=[described(e, name)];
        }
    }
}

/// A listing's form and history.
pub fn listing_edit(m: &ListingEditPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    let days = ["mo", "tu", "we", "th", "fr", "sa", "su"];
    staff_page(
        &m.chrome,
        "staff-title-listing",
        html! {
            h1 { (m.name) }
            p { (l.t("listings-verified")) " " (if m.verified.is_empty() { "—" } else { m.verified.as_str() }) }
            @if let Some((live, pending)) = m.saved {
                div.notice role="status" {
                    p { (l.plural("listing-saved-live", live as u64)) }
                    @if pending > 0 { p { (l.plural("listing-saved-pending", pending as u64)) } }
                }
            }
            @if m.new { p { (l.t("listing-new-hint")) } }
            @if m.editable && !m.new {
                form.staff-form method="post" action=(format!("/staff/listings/{}/confirm", m.id)) {
                    input type="hidden" name="csrf" value=(m.csrf);
                    button type="submit" { (l.t("listing-confirm")) }
                }
            }
            (error_summary(l, e, &["name", "description", "application_process", "required_documents", "fees", "min_age",
                "max_age", "genders", "culturally_specific", "attribute", "languages", "phones", "hours_mo", "hours_tu", "hours_we", "hours_th",
                "hours_fr", "hours_sa", "hours_su", "closures", "capacity_available", "capacity_maximum", "capacity_unit",
                "need", "condition", "area", "address_street", "address_city", "address_state", "address_zip"]))
            form.staff-form method="post" action=(format!("/staff/listings/{}", m.id)) {
                input type="hidden" name="csrf" value=(m.csrf);
                fieldset {
                    legend { (l.t("listing-group-description")) }
                    (text_field(l, m, "name", false))
                    (text_field(l, m, "description", true))
                    (text_field(l, m, "application_process", true))
                    (text_field(l, m, "required_documents", true))
                    (text_field(l, m, "fees", false))
                    (text_field(l, m, "min_age", false))
                    (text_field(l, m, "max_age", false))
                    (text_field(l, m, "genders", false))
                    (text_field(l, m, "culturally_specific", false))
                    (text_field(l, m, "languages", false))
                }
                fieldset #attribute {
                    legend { (l.t("listing-group-attributes")) }
                    (field_error(l, e, "attribute"))
                    @for (code, label) in &m.attribute_choices {
                        label.check {
                            input type="checkbox" name="attribute" value=(code) checked[chosen(&m.form, "attribute", code)] disabled[!m.editable];
                            " " (label)
                        }
                    }
                }
                fieldset {
                    legend { (l.t("listing-group-hours")) }
                    p.hint { (l.t("listing-hours-hint")) }
                    @for d in days {
                        (text_field(l, m, &format!("hours_{d}"), false))
                    }
                    (text_field(l, m, "closures", true))
                }
                fieldset {
                    legend { (l.t("listing-group-phones")) }
                    p.hint { (l.t("listing-phones-hint")) }
                    (text_field(l, m, "phones", true))
                }
                fieldset {
                    legend { (l.t("listing-group-capacity")) }
                    (text_field(l, m, "capacity_available", false))
                    (text_field(l, m, "capacity_maximum", false))
                    (text_field(l, m, "capacity_unit", false))
                }
                fieldset #need {
                    legend { (l.t("listing-group-needs")) }
                    p.hint { (l.t("listing-reviewed-hint")) }
                    (field_error(l, e, "need"))
                    @for (code, label) in &m.need_choices {
                        label.check {
                            input type="checkbox" name="need" value=(code) checked[chosen(&m.form, "need", code)] disabled[!m.editable];
                            " " (label)
                        }
                    }
                }
                fieldset #condition {
                    legend { (l.t("listing-group-conditions")) }
                    p.hint { (l.t("listing-reviewed-hint")) }
                    (field_error(l, e, "condition"))
                    @for (code, label) in &m.condition_choices {
                        label.check {
                            input type="checkbox" name="condition" value=(code) checked[chosen(&m.form, "condition", code)] disabled[!m.editable];
                            " " (label)
                        }
                    }
                }
                fieldset {
                    legend { (l.t("listing-group-address")) }
                    p.hint { (l.t("listing-reviewed-hint")) }
                    (text_field(l, m, "address_street", false))
                    (text_field(l, m, "address_city", false))
                    (text_field(l, m, "address_state", false))
                    (text_field(l, m, "address_zip", false))
                }
                fieldset {
                    legend { (l.t("listing-group-area")) }
                    p.hint { (l.t("listing-area-hint")) }
                    (text_field(l, m, "area", true))
                }
                @if m.editable { button type="submit" { (l.t(if m.new { "listing-propose" } else { "listing-save" })) } }
            }
            @if !m.new {
                h2 { (l.t("listing-history")) }
                @if m.history.is_empty() {
                    p { (l.t("listing-history-empty")) }
                } @else {
                    @for c in &m.history { (change(l, c)) }
                }
            }
        },
    )
}

fn change(l: Lang, c: &ChangeRow) -> Markup {
    html! {
        section.change {
            h3 id=(format!("change-{}", c.id)) { (c.at) " · " (c.actor) " · " (l.t(&format!("listing-state-{}", c.state.replace('_', "-")))) }
            @if let Some(n) = &c.note { p { (l.t("listing-review-note")) ": " (n) } }
            // Each change's table is its own region, named by its heading (landmarks unique).
            div.table-scroll role="region" tabindex="0" aria-labelledby=(format!("change-{}", c.id)) { table {
                caption.visually-hidden { (l.t("listing-changes")) }
                thead { tr {
                    th scope="col" { (l.t("listing-change-field")) }
                    th scope="col" { (l.t("listing-change-old")) }
                    th scope="col" { (l.t("listing-change-new")) }
                } }
                tbody { @for (field, old, new) in &c.fields { tr {
                    td { code { (field) } }
                    td { pre { (old) } }
                    td { pre { (new) } }
                } } }
            } }
        }
    }
}

/// The review queue.
pub fn reviews(m: &ReviewsPage) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-reviews",
        html! {
            h1 { (l.t("reviews-heading")) }
            @if m.items.is_empty() {
                p { (l.t("reviews-empty")) }
            }
            @for (listing, org, c) in &m.items {
                article.review {
                    h2 { (listing) " · " (org) }
                    (change(l, c))
                    form.staff-form method="post" action=(format!("/staff/reviews/{}/approve", c.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        button type="submit" { (l.t("reviews-approve")) }
                    }
                    form.staff-form method="post" action=(format!("/staff/reviews/{}/send-back", c.id)) {
                        input type="hidden" name="csrf" value=(m.csrf);
                        @let e = m.error.as_ref().filter(|(id, _)| *id == c.id).map(|(_, e)| e.clone());
                        @let note_id = format!("note-{}", c.id);
                        label for=(note_id) { (l.t("reviews-note")) }
                        @if let Some(err) = &e { p.error { (l.t(&err.message_key)) } }
                        textarea id=(note_id) name="note" rows="2" {}
                        button type="submit" { (l.t("reviews-send-back")) }
                    }
                }
            }
        },
    )
}

/// One API token.
#[derive(Clone, Debug)]
pub struct TokenRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Made, formatted.
    pub created: String,
    /// Last used, formatted.
    pub last_used: Option<String>,
    /// Revoked, formatted.
    pub revoked: Option<String>,
}

/// The organisation's API tokens.
#[derive(Clone, Debug)]
pub struct TokensPage {
    /// Frame.
    pub chrome: Chrome,
    /// CSRF token.
    pub csrf: String,
    /// Tokens, newest first.
    pub tokens: Vec<TokenRow>,
    /// The name typed, kept after a mistake.
    pub name: String,
    /// A mistake.
    pub error: Option<FieldError>,
}

/// A token just made: its secret, this once.
#[derive(Clone, Debug)]
pub struct TokenCreated {
    /// Frame.
    pub chrome: Chrome,
    /// Its name.
    pub name: String,
    /// The secret.
    pub secret: String,
}

/// The API tokens page.
pub fn tokens(m: &TokensPage) -> Markup {
    let l = m.chrome.lang;
    let e = &m.error;
    staff_page(
        &m.chrome,
        "staff-title-tokens",
        html! {
            h1 { (l.t("tokens-heading")) }
            p { (l.t("tokens-intro")) }
            @if m.tokens.is_empty() { p { (l.t("tokens-none")) } }
            ul.tokens {
                @for t in &m.tokens {
                    li {
                        strong { (t.name) } " · " (l.t("tokens-created")) " " (t.created)
                        " · " (l.t("tokens-last-used")) " " (t.last_used.as_deref().unwrap_or("—"))
                        @if let Some(r) = &t.revoked {
                            " · " (l.t("tokens-revoked")) " " (r)
                        } @else {
                            form.inline method="post" action=(format!("/staff/tokens/{}/revoke", t.id)) {
                                input type="hidden" name="csrf" value=(m.csrf);
                                button type="submit" aria-label=(format!("{} {}", l.t("tokens-revoke"), t.name)) { (l.t("tokens-revoke")) }
                            }
                        }
                    }
                }
            }
            h2 { (l.t("tokens-new")) }
            form.staff-form method="post" action="/staff/tokens" {
                input type="hidden" name="csrf" value=(m.csrf);
                label for="name" { (l.t("tokens-name")) }
                (field_error(l, e, "name"))
                input #name type="text" name="name" value=(m.name) required
                    aria-invalid=[invalid(e, "name")] aria-describedby=[described(e, "name")];
                button type="submit" { (l.t("tokens-create")) }
            }
        },
    )
}

/// A token's secret, shown once.
pub fn token_created(m: &TokenCreated) -> Markup {
    let l = m.chrome.lang;
    staff_page(
        &m.chrome,
        "staff-title-tokens",
        html! {
            h1 { (l.t("tokens-created-heading")) " · " (m.name) }
            p { (l.t("tokens-shown-once")) }
            p { code.secret { (m.secret) } }
            p { (l.t("tokens-how")) }
            p { a href="/staff/tokens" { (l.t("tokens-back")) } }
        },
    )
}
